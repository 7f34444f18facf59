"""The Kialo text export: both layouts, the examples, every error, round trips, fuzzing."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import ParseError
from argmap.formats.kialo import (
    TITLE_LIMIT,
    looks_like_kialo,
    read_kialo,
    unrepresentable_in_kialo,
    write_kialo,
)
from argmap.formats.procon import read_procon
from argmap.model import Debate, Relation, Source, Statement
from tests.conftest import EXAMPLES, SEED
from tests.strategies import debates

OLDER = EXAMPLES / "kialo" / "older_zoos.txt"
NEWER = EXAMPLES / "kialo" / "newer_voting_age.txt"


def tree(debate: Debate, statement_id: str, depth: int = 0) -> list[object]:
    """(kind, id, subtree) for each claim under ``statement_id``, links one level deep."""
    if depth > 6:
        return ["..."]
    return [(r.kind, s.id, tree(debate, s.id, depth + 1)) for r, s in debate.children(statement_id)]


def shape(debate: Debate, statement_id: str) -> list[object]:
    """The tree by content: (kind, title, text, sources, subtree)."""
    return [
        (r.kind, s.title, s.text, s.sources, shape(debate, s.id))
        for r, s in debate.children(statement_id)
    ]


def edges(debate: Debate) -> list[tuple[str, str, str]]:
    return [(r.source, r.kind, r.target) for r in debate.relations]


def newer(body: str, name: str = "N") -> str:
    return f"Discussion Name:\n{name}\n\n{body}"


def older(body: str) -> str:
    return f"Discussion Title: T\n{body}"


# --- the examples -----------------------------------------------------------------


def test_older_example_zoos() -> None:
    debate = read_kialo(OLDER.read_bytes(), str(OLDER))
    assert debate.source == Source(title="Should zoos exist?")
    assert debate.id == "should-zoos-exist"
    # 17 claim lines, three of them '-> See' links: 14 statements, 13 tree edges + 3 links.
    assert len(debate.statements) == 14
    assert len(debate.relations) == 16
    assert debate.motion.id == "1"
    assert debate.motion.title == "Zoos should continue to exist."
    assert debate.motion.text == ""
    assert [s.id for s in debate.statements] == [
        "1",
        "1.1",
        "1.1.1",
        "1.1.2",
        "1.1.2.1",
        "1.2",
        "1.2.1",
        "1.2.2",
        "1.3",
        "1.3.1",
        "1.3.1.1",
        "1.3.2",
        "1.4",
        "1.4.2",
    ]
    assert edges(debate) == [
        ("1.1", "support", "1"),
        ("1.1.1", "attack", "1.1"),
        ("1.1.2", "support", "1.1"),
        ("1.1.2.1", "attack", "1.1.2"),
        ("1.4", "attack", "1.1"),  # 1.1.3. Con: -> See 1.4. (a forward link)
        ("1.2", "support", "1"),
        ("1.2.1", "attack", "1.2"),
        ("1.2.2", "support", "1.2"),
        ("1.3", "attack", "1"),
        ("1.3.1", "attack", "1.3"),
        ("1.3.1.1", "attack", "1.3.1"),
        ("1.3.2", "support", "1.3"),
        ("1.3.1", "attack", "1.3.2"),  # 1.3.2.1. Con: -> See 1.3.1.
        ("1.4", "attack", "1"),
        ("1.1.2", "attack", "1.4"),  # 1.4.1. Con: -> See 1.1.2.
        ("1.4.2", "support", "1.4"),
    ]
    # the two-parent claims: one statement each, under both parents
    assert [r.target for r in debate.relations if r.source == "1.4"] == ["1.1", "1"]
    assert [r.target for r in debate.relations if r.source == "1.3.1"] == ["1.3", "1.3.2"]
    assert [r.target for r in debate.relations if r.source == "1.1.2"] == ["1.1", "1.4"]
    assert debate.statement("1.3.1").title == (
        "Modern zoos build large, varied enclosures so that animals can forage, climb and hide "
        "as they…"
    )
    assert debate.statement("1.3.1").text.endswith("as they would outside.")
    assert debate.statement("1.2").title == (
        "Seeing a living animal teaches children more than any screen can."
    )
    assert debate.statement("1.2").text == ""
    span = debate.statement("1.1.2.1").span
    assert span is not None and (span.start_line, span.end_line) == (7, 7)
    assert all(s.origin == "kialo" and s.sources == () for s in debate.statements)
    assert unrepresentable_in_kialo(debate) == []


def test_newer_example_voting_age() -> None:
    debate = read_kialo(NEWER.read_bytes(), str(NEWER))
    assert debate.source.title == "Should the voting age be lowered to 16?"
    # 14 claims, two of them links: 12 statements, 11 tree edges + 2 links.
    assert len(debate.statements) == 12
    assert len(debate.relations) == 13
    assert tree(debate, "1")[:2] == [
        (
            "support",
            "1.1",
            [
                ("attack", "1.1.1", []),
                ("support", "1.1.2", [("attack", "1.1.2.1", [])]),
            ],
        ),
        (
            "support",
            "1.2",
            [
                ("attack", "1.4", [("attack", "1.2.2", [])]),  # 1.2.1: -> See 1.4 (forward)
                ("support", "1.2.2", []),
            ],
        ),
    ]
    assert [(r.kind, s.id) for r, s in debate.children("1")] == [
        ("support", "1.1"),
        ("support", "1.2"),
        ("attack", "1.3"),
        ("attack", "1.4"),
    ]
    assert [(r.kind, s.id) for r, s in debate.children("1.3")] == [
        ("attack", "1.3.1"),
        ("support", "1.3.2"),
    ]
    assert [(r.kind, s.id) for r, s in debate.children("1.3.2")] == [("attack", "1.3.2.1")]
    assert [(r.kind, s.id) for r, s in debate.children("1.4")] == [("attack", "1.2.2")]
    motion = debate.motion
    assert (motion.id, motion.title, motion.text) == (
        "1",
        "The voting age for national elections should be lowered to 16.",
        "",
    )
    # a claim over two lines: the first is its title, the second its text
    two_lines = debate.statement("1.1.2.1")
    assert two_lines.title == "One country's experience does not settle the question."
    assert two_lines.text.startswith("Austria paired the change")
    assert two_lines.span is not None
    assert (two_lines.span.start_line, two_lines.span.end_line) == (16, 18)
    # footnotes: markers leave the text, their entries become sources
    austria = debate.statement("1.1.2")
    assert austria.text == (
        "Austria has let sixteen-year-olds vote in national elections since 2007, "
        "and its democracy has not suffered for it."
    )
    assert austria.title == austria.text[: austria.title.index("…")] + "…"
    assert len(austria.title) <= TITLE_LIMIT
    assert austria.sources == ("https://en.wikipedia.org/wiki/Voting_age",)
    assert debate.statement("1.2.2").sources == (
        "https://en.wikipedia.org/wiki/2014_Scottish_independence_referendum",
        "https://en.wikipedia.org/wiki/Voting_age",
    )
    assert debate.statement("1.2").sources[0].startswith("Mark N. Franklin, Voter Turnout")
    assert "[" not in "".join(s.title + s.text for s in debate.statements)
    assert sum(len(s.sources) for s in debate.statements) == 4
    assert unrepresentable_in_kialo(debate) == []


@pytest.mark.parametrize("path", [OLDER, NEWER], ids=["older", "newer"])
def test_examples_round_trip_exactly(path: Path) -> None:
    debate = read_kialo(path.read_bytes())
    text = write_kialo(debate)
    again = read_kialo(text)
    assert [replace(s, span=None) for s in again.statements] == [
        replace(s, span=None) for s in debate.statements
    ]
    assert again.relations == debate.relations
    assert again.source == debate.source
    assert write_kialo(again) == text
    if path == NEWER:
        # the one marker in mid-sentence moves to the end of its claim; all else is kept
        moved = ("since 2007 [1], and its democracy has not suffered for it.", "since 2007, ")
        assert text == NEWER.read_text(encoding="utf-8").replace(
            moved[0], moved[1] + "and its democracy has not suffered for it. [1]"
        )


# --- reading: both layouts ------------------------------------------------------------


def test_pro_and_con_are_relative_to_the_parent() -> None:
    debate = read_kialo(
        older("1. Tax sugar.\n1.1. Con: Taxes hit the poor.\n1.1.1. Con: Rebates fix that.\n")
    )
    assert edges(debate) == [("1.1", "attack", "1"), ("1.1.1", "attack", "1.1")]
    same = read_kialo(
        newer(
            "1. Thesis:\nTax sugar.\n\n  1.1. Con:\n  Taxes hit the poor.\n\n"
            "    1.1.1. Con:\n    Rebates fix that.\n"
        )
    )
    assert edges(same) == edges(debate)
    assert [(s.id, s.title) for s in same.statements] == [
        (s.id, s.title) for s in debate.statements
    ]


def test_older_layout_details() -> None:
    debate = read_kialo(
        "\ufeff\r\n\r\nDiscussion Title: Walk?\r\n1. Walking is good.\r\n"
        "1.1. pro: It is cheap.\r\nIt needs shoes only.\r\n1.2. Con:   It rains.  \r\n"
    )
    assert debate.source.title == "Walk?"
    assert debate.motion.span is not None and debate.motion.span.start_line == 4
    cheap = debate.statement("1.1")
    assert (cheap.title, cheap.text) == ("It is cheap.", "It needs shoes only.")
    assert cheap.span is not None and (cheap.span.start_line, cheap.span.end_line) == (5, 6)
    assert debate.statement("1.2").title == "It rains."


def test_newer_layout_accepts_the_name_on_the_header_line_and_no_indentation() -> None:
    debate = read_kialo("Discussion Name: Walk?\n1. Thesis:\nWalk.\n1.1. Pro:\nCheap.\n")
    assert debate.source.title == "Walk?"
    assert edges(debate) == [("1.1", "support", "1")]


def test_long_thesis_is_the_motion_title_itself() -> None:
    thesis = "Cities should " + "really " * 30 + "walk."
    debate = read_kialo(newer(f"1. Thesis:\n{thesis}\nMore about it.\n"))
    assert (debate.motion.title, debate.motion.text) == (thesis, "More about it.")


def test_long_claim_keeps_its_text_and_gets_a_short_title() -> None:
    long = "Short first sentence. " + "Then a much longer second part " * 5
    debate = read_kialo(newer(f"1. Thesis:\nT\n\n  1.1. Pro:\n  {long}\n"))
    claim = debate.statement("1.1")
    assert (claim.title, claim.text) == ("Short first sentence.", long.strip())
    written = write_kialo(debate)
    assert "Short first sentence.\n" not in written  # written once, as the text
    again = read_kialo(written).statement("1.1")
    assert (again.title, again.text) == (claim.title, claim.text)


def test_a_link_names_a_later_claim_and_children_of_a_link_hang_from_its_target() -> None:
    debate = read_kialo(
        older(
            "1. T\n1.1. Pro: -> See 1.2.3, as argued below\n1.1.1. Con: Under the link.\n"
            "1.2. Con: B\n1.2.3. Pro: C\n"
        )
    )
    assert [s.id for s in debate.statements] == ["1", "1.1.1", "1.2", "1.2.3"]
    assert edges(debate) == [
        ("1.2.3", "support", "1"),
        ("1.1.1", "attack", "1.2.3"),
        ("1.2", "attack", "1"),
        ("1.2.3", "support", "1.2"),
    ]


def test_a_link_to_a_link_and_to_the_thesis() -> None:
    debate = read_kialo(
        older("1. T\n1.1. Pro: A\n1.1.1. Con: -> See 1.\n1.2. Con: B\n1.2.1. Pro: -> see 1.1.1")
    )
    assert [s.id for s in debate.statements] == ["1", "1.1", "1.2"]
    assert edges(debate) == [
        ("1.1", "support", "1"),
        ("1", "attack", "1.1"),
        ("1.2", "attack", "1"),
        ("1", "support", "1.2"),
    ]


def test_footnote_markers_naming_no_entry_stay_in_the_text() -> None:
    debate = read_kialo(newer("1. Thesis:\nT [2] and [1]\n\nSources:\n[1] Author, Title\n"))
    assert (debate.motion.title, debate.motion.sources) == ("T [2] and", ("Author, Title",))
    plain = read_kialo(older("1. Items [1] and [2]"))  # no Sources list: plain text
    assert plain.motion.title == "Items [1] and [2]"


def test_escaped_lines_and_blank_lines_inside_a_claim() -> None:
    debate = read_kialo(
        newer("1. Thesis:\nT\n\n  1.1. Pro:\n  A\n  \\1.2. Pro:\n\n  \\-> See 1.\n\n")
    )
    claim = debate.statement("1.1")
    assert (claim.title, claim.text) == ("A", "1.2. Pro:\n\n-> See 1.")


# --- looks_like_kialo -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ("Discussion Title: Zoos\n1. Zoos", True),
        ("\ufeff\n\n  Discussion Name:\nZoos", True),
        ("Discussion Name:", True),
        ("Motion: Zoos", False),
        ("discussion title: Zoos", False),
        ("", False),
        ("\n\n", False),
        ("Zoos\nDiscussion Title: x", False),
    ],
)
def test_looks_like_kialo(head: str, expected: bool) -> None:
    assert looks_like_kialo(head) is expected


# --- errors -----------------------------------------------------------------------------

T = "1. Thesis:\nT\n\n"  # a newer-layout thesis on lines 4-5 after the `newer` header

ERRORS: list[tuple[str, str | bytes, str, str, int, int]] = [
    # (case, input, expected, found, line, column)
    ("empty input", "", "a 'Discussion Title:' or 'Discussion Name:' header", "end of file", 1, 1),
    (
        "no header",
        "\n  1. Zoos\n",
        "a 'Discussion Title:' or 'Discussion Name:' header",
        "'1. Zoos'",
        2,
        3,
    ),
    (
        "older title missing",
        "Discussion Title:  \n1. x",
        "the discussion's title after 'Discussion Title:'",
        "end of line",
        1,
        18,
    ),
    (
        "newer name missing",
        "Discussion Name:\n\n1. Thesis:\nx\n",
        "the discussion's name on the line after 'Discussion Name:'",
        "a blank line",
        2,
        1,
    ),
    (
        "newer name at end of file",
        "Discussion Name:",
        "the discussion's name on the line after 'Discussion Name:'",
        "end of file",
        2,
        1,
    ),
    (
        "no claims",
        "Discussion Title: T\n",
        "the thesis line '1. <the thesis>'",
        "end of file",
        2,
        1,
    ),
    (
        "only sources",
        newer("Sources:\n[1] x\n"),
        "the thesis line '1. Thesis:'",
        "'Sources:'",
        4,
        1,
    ),
    (
        "text before the thesis",
        newer("Zoos are fine.\n1. Thesis:\nx\n"),
        "the thesis line '1. Thesis:'",
        "'Zoos are fine.'",
        4,
        1,
    ),
    (
        "older thesis without text",
        older("1. Pro: Zoos"),
        "'Thesis:' after '1.'",
        "'Pro:'",
        2,
        4,
    ),
    (
        "id without its period",
        newer(T + "  1.1 Pro:\n  x\n"),
        "'.' after the id 1.1",
        "' Pro:'",
        7,
        6,
    ),
    (
        "no space after the id",
        newer(T + "1.1.Pro:\nx\n"),
        "a space after '1.1.'",
        "'Pro:'",
        7,
        5,
    ),
    (
        "unknown label",
        newer(T + "1.1. Maybe:\nx\n"),
        "'Thesis:', 'Pro:' or 'Con:' after '1.1.'",
        "'Maybe:'",
        7,
        6,
    ),
    ("label without colon", newer(T + "1.1. Pro\nx\n"), "':' after 'Pro'", "end of line", 7, 9),
    (
        "bare id",
        newer(T + "1.2.\nx\n"),
        "'Thesis:', 'Pro:' or 'Con:' after '1.2.'",
        "end of line",
        7,
        5,
    ),
    (
        "older claim without Pro or Con",
        older("1. T\n1.2. Zoos are bad\n"),
        "'Thesis:', 'Pro:' or 'Con:' after '1.2.'",
        "'Zoos are bad'",
        3,
        6,
    ),
    (
        "thesis label on a claim",
        newer(T + "1.1. Thesis:\nx\n"),
        "'Pro:' or 'Con:' after '1.1.'",
        "'Thesis:'",
        7,
        6,
    ),
    ("pro label on the thesis", newer("1. Pro:\nx\n"), "'Thesis:' after '1.'", "'Pro:'", 4, 4),
    (
        "second thesis",
        newer(T + "2. Pro:\nx\n"),
        "an id under the thesis 1, like '1.2.'",
        "'2.'",
        7,
        1,
    ),
    (
        "duplicate id",
        older("1. T\n1.1. Pro: a\n  1.1. Con: b\n"),
        "an id not used before",
        "'1.1', already used on line 3",
        4,
        3,
    ),
    (
        "missing parent",
        older("1. T\n1.1. Pro: a\n1.3.1. Con: b\n"),
        "a claim 1.3 above 1.3.1",
        "no claim with the id 1.3",
        4,
        1,
    ),
    (
        "missing thesis",
        older("1.1. Pro: a\n"),
        "a claim 1 above 1.1",
        "no claim with the id 1",
        2,
        1,
    ),
    (
        "link to an unknown id",
        older("1. T\n1.2. Con: -> See 1.9.\n"),
        "the id of a claim in this discussion after '-> See'",
        "'1.9', which no claim has",
        3,
        18,
    ),
    (
        "link without an id",
        older("1. T\n1.2. Con: -> See it\n"),
        "a claim id after '-> See', like '-> See 1.2.'",
        "'-> See it'",
        3,
        11,
    ),
    (
        "thesis as a link",
        older("1. -> See 1.1.\n1.1. Pro: a\n"),
        "the thesis's own text",
        "a '-> See' link",
        2,
        4,
    ),
    (
        "link to its own parent",
        older("1. T\n1.1. Pro: a\n1.1.1. Pro: -> See 1.1.\n"),
        "a claim under a claim other than itself",
        "1.1 placed under itself",
        4,
        20,
    ),
    (
        "loop of links",
        older("1. T\n1.1. Pro: -> See 1.2.\n1.2. Pro: -> See 1.1.\n"),
        "'-> See' links that end at a claim",
        "a loop of '-> See' links",
        3,
        18,
    ),
    (
        "claim placed twice under one parent",
        older("1. T\n1.1. Pro: a\n1.2. Pro: b\n1.2.1. Con: -> See 1.1.\n1.2.2. Pro: -> See 1.1.\n"),
        "each claim at most once under 1.2",
        "1.1 under 1.2 a second time",
        6,
        20,
    ),
    (
        "empty claim (newer)",
        newer(T + "  1.1. Pro:\n\n  1.2. Con:\n  x\n"),
        "the text of claim 1.1",
        "nothing",
        7,
        12,
    ),
    ("empty claim (older)", older("1. T\n1.1. Pro:\n"), "the text of claim 1.1", "nothing", 3, 10),
    (
        "claim of a footnote marker only",
        newer(T + "1.1. Pro:\n[1]\n\nSources:\n[1] x\n"),
        "the text of claim 1.1",
        "nothing",
        7,
        10,
    ),
    ("undecodable bytes", b"Discussion Title: T\n1. caf\xe9\n", "UTF-8 text", "byte 0xe9", 2, 7),
    (
        "malformed source entry",
        newer(T + "Sources:\n[1] x\n  1) y\n"),
        "a source entry like '[1] https://example.org' or '[1] Author, Title'",
        "'1) y'",
        9,
        3,
    ),
    (
        "source entry without text",
        newer(T + "Sources:\n[1]   \n"),
        "a source entry like '[1] https://example.org' or '[1] Author, Title'",
        "'[1]'",
        8,
        1,
    ),
    (
        "repeated source number",
        newer(T + "Sources:\n[1] x\n\n[001] y\n"),
        "a source number not used before",
        "[001], already used on line 8",
        10,
        1,
    ),
]


@pytest.mark.parametrize(
    ("source", "expected", "found", "line", "column"),
    [case[1:] for case in ERRORS],
    ids=[case[0] for case in ERRORS],
)
def test_errors_say_where_and_what(
    source: str | bytes, expected: str, found: str, line: int, column: int
) -> None:
    with pytest.raises(ParseError) as info:
        read_kialo(source, "d.txt")
    error = info.value
    assert (error.expected, error.found, error.line, error.column) == (
        expected,
        found,
        line,
        column,
    )
    assert error.path == "d.txt"
    assert str(error) == f"d.txt:{line}:{column}: expected {expected}, found {found}"


# --- writing ----------------------------------------------------------------------------


def _debate() -> Debate:
    return Debate(
        "d",
        (
            Statement("m", "Ban cars", kind="motion"),
            Statement("a", "Cleaner air", "Fewer exhausts.", sources=("https://a.example",)),
            Statement("b", "Shops suffer"),
            Statement("c", "3 studies say so", sources=("https://a.example", "Smith, Cars")),
        ),
        (
            Relation("a", "m", "support"),
            Relation("b", "m", "attack"),
            Relation("c", "a", "support"),
            Relation("c", "b", "attack"),
        ),
        source=Source(title="Cars in town"),
    )


def test_writer_layout_links_footnotes_and_escapes() -> None:
    assert write_kialo(_debate()) == (
        "Discussion Name:\nCars in town\n\n"
        "1. Thesis:\nBan cars\n\n"
        "  1.1. Pro:\n  Cleaner air\n  Fewer exhausts. [1]\n\n"
        "    1.1.1. Pro:\n    \\3 studies say so [1] [2]\n\n"
        "  1.2. Con:\n  Shops suffer\n\n"
        "    1.2.1. Con:\n    -> See 1.1.1.\n\n"
        "Sources:\n[1] https://a.example\n[2] Smith, Cars\n"
    )
    again = read_kialo(write_kialo(_debate()))
    assert shape(again, "1") == [
        (
            "support",
            "Cleaner air",
            "Fewer exhausts.",
            ("https://a.example",),
            [("support", "3 studies say so", "", ("https://a.example", "Smith, Cars"), [])],
        ),
        (
            "attack",
            "Shops suffer",
            "",
            (),
            [("attack", "3 studies say so", "", ("https://a.example", "Smith, Cars"), [])],
        ),
    ]
    assert unrepresentable_in_kialo(_debate()) == []


def test_writer_keeps_a_deep_claim_under_its_own_parent_and_links_elsewhere() -> None:
    debate = read_kialo(
        older("1. T\n1.1. Pro: -> See 1.2.1.1.\n1.2. Con: B\n1.2.1. Pro: C\n1.2.1.1. Con: D\n")
    )
    text = write_kialo(debate)
    assert "  1.1. Pro:\n  -> See 1.2.1.1.\n" in text
    assert "      1.2.1.1. Con:\n      D\n" in text
    again = read_kialo(text)
    assert [s.id for s in again.statements] == ["1", "1.2", "1.2.1", "1.2.1.1"]
    assert again.relations == debate.relations


def test_writer_keeps_kialo_ids_that_fit() -> None:
    debate = read_kialo(older("1. T\n1.2. Pro: b\n1.2.1. Con: -> See 1.5.\n1.5. Con: e\n"))
    text = write_kialo(debate)
    assert "  1.2. Pro:" in text and "  1.5. Con:" in text and "    1.2.1. Con:" in text
    assert [s.id for s in read_kialo(text).statements] == ["1", "1.2", "1.5"]


def test_writer_reports_what_kialo_cannot_hold() -> None:
    base = _debate()
    debate = replace(
        base,
        statements=(
            *base.statements[:2],
            replace(base.statements[2], weight=0.9, kind="premise", title=" padded "),
            base.statements[3],
            Statement("o", "Orphan [1]", sources=("", "x\ny")),
        ),
        relations=(
            *base.relations,
            Relation("o", "m", "rephrase", id="r"),
            Relation("o", "b", "preference"),
        ),
        description="Why",
        tags=("t",),
        source=Source(title="", url="https://x"),
    )
    assert unrepresentable_in_kialo(debate) == [
        "1 statements not connected to the motion by support or attack",
        "2 undercut, rephrase and preference relations",
        "statement kinds other than argument (premise, evidence)",
        "statement weights",
        "statement and debate tags",
        "the description",
        "the source's url, author, date and kind",
        "the discussion name: the source title is empty or not one trimmed line",
        "1 titles or texts that one Kialo claim text cannot hold exactly "
        "(empty, padded, long titles, titles over several lines)",
    ]
    assert read_kialo(write_kialo(debate)).source.title == "Ban cars"


def test_writer_writes_something_readable_for_empty_claims() -> None:
    debate = Debate(
        "d",
        (Statement("m", "", kind="motion"), Statement("a", " ", "\n")),
        (Relation("a", "m", "attack"),),
    )
    again = read_kialo(write_kialo(debate))
    assert [(s.title, s.text) for s in again.statements] == [("(no text)", "")] * 2
    assert again.source.title == "Untitled discussion"
    assert any("titles or texts" in line for line in unrepresentable_in_kialo(debate))


# --- the seed ---------------------------------------------------------------------------


def test_seed_converts_to_kialo_and_back() -> None:
    debate = read_procon(SEED.read_bytes(), str(SEED))
    again = read_kialo(write_kialo(debate))
    assert again.motion.title == debate.motion.title
    titles = [s.title for _, s in again.children("1")]
    assert len(titles) == 10
    assert titles == [s.title for _, s in debate.children(debate.motion.id)]
    assert [s.text for _, s in again.children("1")] == [
        s.text for _, s in debate.children(debate.motion.id)
    ]
    assert [r.kind for r in again.relations] == [r.kind for r in debate.relations]
    assert again.source.title == debate.source.title
    assert unrepresentable_in_kialo(debate) == ["the source's url, author, date and kind"]


# --- properties -------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        *("zoo", "tax", "Pro:", "Con:", "Thesis:", "1.2.", "7", "->", "See", "Sources:", "\\"),
        *("[x]", "Discussion", "Name:", "-", "…", "été", "sixteen-year-olds", "a" * 30),
    ]
)
LINES = st.lists(WORDS, min_size=1, max_size=12).map(" ".join)
TEXTS = st.just("") | st.lists(
    st.lists(LINES, min_size=1, max_size=2).map("\n".join), min_size=1, max_size=3
).flatmap(lambda paragraphs: st.sampled_from(["\n", "\n\n"]).map(lambda sep: sep.join(paragraphs)))
TITLES = st.lists(WORDS, min_size=1, max_size=3).map(" ".join)
SOURCES = st.lists(
    st.sampled_from(["https://example.org/a", "Author, A Title", "[2] odd but fine"]),
    unique=True,
    max_size=2,
).map(tuple)


@st.composite
def tree_debates(draw: st.DrawFn) -> Debate:
    """A motion and statements each attached to an earlier one by support or attack."""
    n = draw(st.integers(0, 10))
    statements = [
        Statement("m", draw(TITLES), draw(TEXTS), kind="motion", sources=draw(SOURCES)),
        *(Statement(f"s{i}", draw(TITLES), draw(TEXTS), sources=draw(SOURCES)) for i in range(n)),
    ]
    relations = [
        Relation(
            f"s{i}",
            statements[draw(st.integers(0, i))].id,
            draw(st.sampled_from(["support", "attack"])),
        )
        for i in range(n)
    ]
    name = draw(st.just("") | TITLES)
    return Debate("d", tuple(statements), tuple(relations), source=Source(title=name))


@given(tree_debates())
@settings(max_examples=200, deadline=None)
def test_tree_debates_round_trip(debate: Debate) -> None:
    text = write_kialo(debate)
    again = read_kialo(text)
    m, a = debate.motion, again.motion
    assert (a.title, a.text, a.sources) == (m.title, m.text, m.sources), text
    assert shape(again, a.id) == shape(debate, m.id), text
    assert len(again.statements) == len(debate.statements)
    assert again.source.title == (debate.source.title or debate.motion.title)
    name_lost = "the discussion name: the source title is empty or not one trimmed line"
    assert unrepresentable_in_kialo(debate) == ([] if debate.source.title else [name_lost])
    assert write_kialo(again) == text


SAFE_TITLES = st.lists(
    st.sampled_from(["zoo", "tax", "Pro:", "See", "1.2.", "7", "[x]", "été", "a" * 30]),
    min_size=1,
    max_size=3,  # at most TITLE_LIMIT characters: a title alone
).map(lambda words: " ".join(["The", *words]))


@given(tree_debates(), st.data())
@settings(max_examples=100, deadline=None)
def test_older_layout_reads_the_tree_it_shows(debate: Debate, data: st.DataObject) -> None:
    """An older-layout export of a tree of one-line claims reads back as that tree."""
    titles = {s.id: data.draw(SAFE_TITLES) for s in debate.statements}
    ids = {debate.motion.id: "1"}
    lines = ["Discussion Title: Older", "", f"1. {titles[debate.motion.id]}"]

    def emit(parent: str) -> None:  # depth first, as Kialo lists claims
        for n, (r, s) in enumerate(debate.children(parent), 1):
            ids[s.id] = f"{ids[parent]}.{n}"
            label = "Pro" if r.kind == "support" else "Con"
            lines.append(f"{ids[s.id]}. {label}: {titles[s.id]}")
            emit(s.id)

    emit(debate.motion.id)
    again = read_kialo("\n".join(lines))
    assert sorted((s.id, s.title) for s in again.statements) == sorted(
        (ids[k], v) for k, v in titles.items()
    )
    assert sorted(edges(again)) == sorted(
        (ids[r.source], r.kind, ids[r.target]) for r in debate.relations
    )


def _content(debate: Debate) -> tuple[object, ...]:
    """Everything but ids, spans and origins, as sorted lists (ids are renumbered)."""
    by_id = {s.id: s for s in debate.statements}

    def part(statement_id: str) -> object:
        s = by_id.get(statement_id)
        return (s.kind, s.title, s.text, s.weight, s.sources, s.tags) if s else statement_id

    return (
        debate.source,
        debate.description,
        debate.tags,
        repr(debate.extras),
        sorted(repr(part(s.id)) for s in debate.statements),
        sorted(
            repr((part(r.source), part(r.target), r.kind, r.weight, r.origin, r.confidence))
            for r in debate.relations
        ),
        sorted(repr((v.voter, part(v.statement), v.weight)) for v in debate.votes),
    )


def _plain(debate: Debate) -> Debate:
    """``debate`` without what Kialo never holds, so that more debates survive whole."""
    return replace(
        debate,
        statements=tuple(
            replace(s, weight=0.5, tags=(), kind="motion" if s.kind == "motion" else "argument")
            for s in debate.statements
        ),
        relations=tuple(
            Relation(r.source, r.target, r.kind)
            for r in debate.relations
            if r.kind in ("support", "attack")
        ),
        votes=(),
        description="",
        tags=(),
        extras={},
        source=Source(title=debate.source.title),
    )


def _tidy(debate: Debate) -> Debate:
    """``_plain`` with one-line titles and texts and clean sources: often nothing is lost."""
    plain = _plain(debate)

    def words(text: str) -> str:
        return " ".join(text.replace("[", "(").split())

    return replace(
        plain,
        statements=tuple(
            replace(
                s,
                title=words(s.title)[:TITLE_LIMIT] or "untitled",
                text=words(s.text),
                sources=tuple(dict.fromkeys(w for w in map(words, s.sources) if w)),
            )
            for s in plain.statements
        ),
        source=Source(title=words(plain.source.title) or "N"),
    )


def _check_losses(debate: Debate) -> None:
    lost = unrepresentable_in_kialo(debate)
    again = read_kialo(write_kialo(debate))  # never raises
    if not lost:
        assert _content(again) == _content(debate)


@given(debates())
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_debate_writes_readably_and_losses_are_reported(debate: Debate) -> None:
    _check_losses(debate)
    _check_losses(_plain(debate))
    _check_losses(_tidy(debate))


# --- fuzzing ----------------------------------------------------------------------------

FRAGMENTS = [
    *("Discussion Title: T", "Discussion Title:", "Discussion Name:", "Name", "\ufeff", ""),
    *("  ", "\t", "1.", "1. T", "1. Thesis:", "1. Pro:", "1.1. Pro:", "  1.1. Con: x"),
    *("1.1.1. Con:", "1.2. Pro: -> See 1.1.", "1.2.1. Con: -> See 1.", "-> See 1.1", "-> See 1.9."),
    *(
        "-> see",
        "->",
        "2. Pro:",
        "1.1 Pro:",
        "1..1. Pro:",
        "1.1.Con:",
        "1.1. Maybe:",
        "1.1. Thesis:",
    ),
    *("Sources:", "[1] https://example.org", "[1]", "[01] x", "[2] y", "text [1]", "[3]", "\\1. x"),
    *("\\", "Zoos are fine.", "\r", "\r\n", "é\x00\u2028", "9" * 50, "1." * 30),
    # and every line of both examples
    *OLDER.read_text(encoding="utf-8").splitlines(),
    *NEWER.read_text(encoding="utf-8").splitlines(),
]
HEADERS = ["", "Discussion Title: T\n", "Discussion Name:\nN\n\n"]


def _kialo_like(choice: bytes) -> str:
    """Text built from Kialo-like lines: the bytes pick a header, then one line each.

    (Picking by bytes keeps generation cheap, which ten thousand examples need.)
    """
    if not choice:
        return ""
    lines = [FRAGMENTS[(b * 7 + k) % len(FRAGMENTS)] for k, b in enumerate(choice[1:])]
    return HEADERS[choice[0] % len(HEADERS)] + "\n".join(lines)


KIALO_LIKE = st.binary(max_size=40).map(_kialo_like)


def _only_parse_errors(read: Callable[[str | bytes], Debate], data: str | bytes) -> None:
    with contextlib.suppress(ParseError):
        debate = read(data)
        # what reads at all writes back and reads again to the same debate
        assert not unrepresentable_in_kialo(debate)
        assert _content(read(write_kialo(debate))) == _content(debate)


@given(st.one_of(KIALO_LIKE, KIALO_LIKE.map(str.encode), st.text(), st.binary()))
@settings(max_examples=10_000, deadline=None, suppress_health_check=list(HealthCheck))
def test_fuzz_only_parse_errors_escape(data: str | bytes) -> None:
    _only_parse_errors(read_kialo, data)
    if isinstance(data, str):
        looks_like_kialo(data)
