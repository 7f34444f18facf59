"""The pro/con article reader and writer: the seed, every accepted form, every error."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import ParseError
from argmap.formats.procon import read_procon, unrepresentable_in_procon, write_procon
from argmap.model import Debate, Relation, Source, Statement
from tests.conftest import SEED


def titles(debate: Debate, kind: str) -> list[str]:
    return [s.title for s in debate.side(kind)]  # type: ignore[arg-type]


def tree(debate: Debate, statement_id: str) -> list[tuple[str, str, list[object]]]:
    return [(r.kind, s.title, tree(debate, s.id)) for r, s in debate.children(statement_id)]


# --- the seed -----------------------------------------------------------------------


def test_seed_reads_as_the_article_says() -> None:
    debate = read_procon(SEED.read_bytes(), str(SEED))
    motion = debate.motion
    assert motion.kind == "motion"
    assert motion.title == (
        "Should the Biden Administration Pressure the Ukrainians to go to the Negotiating "
        "Table and Resolve the Dispute with Russia Diplomatically?"
    )
    assert debate.source.title == (
        "Belfer Center for Science and International Affairs, Harvard Kennedy School"
    )
    assert debate.source.kind == "Article"
    assert len(debate.statements) == 11
    assert len(debate.relations) == 10
    assert titles(debate, "support") == [
        "Avoiding A Protracted Conflict",
        "Sustainability of Western Support",
        "Negotiations under Trump Would be a Catastrophe",
        "Realpolitik Considerations",
        "Strategic Shift to China",
    ]
    assert titles(debate, "attack") == [
        "Ukrainian Sovereignty Could be Compromised",
        "Negotiations Could be Seen as Illegitimate",
        "Historical Failures of Negotiations",
        "Russian Credibility Does Not Amount to Much",
        "Similar Aggression Could be Encouraged",
    ]
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for statement in debate.statements:
        assert statement.span is not None
        source_line = lines[statement.span.start_line - 1]
        assert statement.span.start_line == statement.span.end_line
        assert source_line.startswith(statement.title)
    pro2 = debate.statement("pro-2")
    assert pro2.text.startswith("It is important to recognize the limitations")
    assert pro2.text.endswith("sustainable future for Ukraine later.")
    assert motion.span is not None and motion.span.start_line == 4
    assert all(r.target == "motion" for r in debate.relations)


def test_seed_round_trips_through_the_writer() -> None:
    debate = read_procon(SEED.read_bytes())
    again = read_procon(write_procon(debate))
    assert again.motion.title == debate.motion.title
    assert again.source == debate.source
    assert [(s.title, s.text) for s in again.statements] == [
        (s.title, s.text) for s in debate.statements
    ]
    assert [(r.source, r.target, r.kind) for r in again.relations] == [
        (r.source, r.target, r.kind) for r in debate.relations
    ]
    assert unrepresentable_in_procon(debate) == []


# --- accepted forms -----------------------------------------------------------------

MARKERS = [
    ("Agree", "Disagree"),
    ("Pro", "Con"),
    ("For", "Against"),
    ("Yes", "No"),
    ("PROS:", "cons:"),
    ("## Pro", "## Con"),
    ("### for:", "### AGAINST"),
    ("**Agree**", "**Disagree:**"),
]


@pytest.mark.parametrize(("pro", "con"), MARKERS)
def test_side_markers_in_any_spelling(pro: str, con: str) -> None:
    text = f"Should we walk?\n\n{pro}\n\nHealth: Good for you.\n\n{con}\n\nRain: It rains.\n"
    debate = read_procon(text)
    assert titles(debate, "support") == ["Health"]
    assert titles(debate, "attack") == ["Rain"]


@pytest.mark.parametrize("con", ["Disagree", "Con", "Against", "No", "no:", "## Con"])
def test_first_side_may_be_implicit(con: str) -> None:
    debate = read_procon(f"Should we walk?\n\nHealth: Good.\n\nCheap: Free.\n\n{con}\n\nRain: Wet.")
    assert titles(debate, "support") == ["Health", "Cheap"]
    assert titles(debate, "attack") == ["Rain"]
    assert debate.description == ""


def test_paragraphs_before_a_pro_marker_are_the_description() -> None:
    debate = read_procon(
        "# School uniforms\n\nMany schools debate this.\nIt comes up every year.\n\n"
        "Second paragraph.\n\n## For\n\n- Equality: Nobody stands out.\n\n"
        "## Against\n\n- Cost: Pricey."
    )
    assert (
        debate.description
        == "Many schools debate this. It comes up every year.\n\nSecond paragraph."
    )
    assert titles(debate, "support") == ["Equality"]


@pytest.mark.parametrize(
    ("header", "motion"),
    [
        ("# Ban cars downtown\n", "Ban cars downtown"),
        ("Motion: Ban cars downtown\n", "Ban cars downtown"),
        ("Motion: “Ban cars downtown”\n", "Ban cars downtown"),
        ("Ban cars downtown\n", "Ban cars downtown"),
        ("Should we ban cars\ndowntown?\n", "Should we ban cars downtown?"),
        ("Opinion\nfrom The Town Paper\n\nBan cars downtown\n", "Ban cars downtown"),
        ("# Town hall debate\n\nMotion: Ban cars downtown\n", "Ban cars downtown"),
    ],
)
def test_motion_forms(header: str, motion: str) -> None:
    debate = read_procon(header + "\nPro\n\nAir: Cleaner.\n\nCon\n\nTrade: Shops lose.\n")
    assert debate.motion.title == motion


def test_header_metadata() -> None:
    debate = read_procon(
        "Essay\nfrom The Civic Review\nAuthor: J. Doe\nDate: 2025-03-01\n"
        "URL: https://example.org/x\nTags: transport, cities\n\n"
        "Ban cars downtown\n\nAir: Cleaner.\n\nNo\n\nTrade: Shops lose.\n"
    )
    assert debate.source == Source(
        title="The Civic Review",
        url="https://example.org/x",
        author="J. Doe",
        date="2025-03-01",
        kind="Essay",
    )
    assert debate.tags == ("transport", "cities")


@pytest.mark.parametrize(
    ("item", "title", "text"),
    [
        ("Cleaner Air: Fewer fumes.", "Cleaner Air", "Fewer fumes."),
        ("**Cleaner air.** Fewer fumes.", "Cleaner air", "Fewer fumes."),
        ("**Cleaner air:** Fewer fumes.", "Cleaner air", "Fewer fumes."),
        ("**Cleaner air**: Fewer fumes.", "Cleaner air", "Fewer fumes."),
        ("**Is air cleaner?** Yes, fewer fumes.", "Is air cleaner?", "Yes, fewer fumes."),
        ("__Cleaner air.__ Fewer fumes.", "Cleaner air", "Fewer fumes."),
        (
            "Fewer fumes reach the lungs of children. Asthma falls.",
            "Fewer fumes reach the lungs of children",
            "Fewer fumes reach the lungs of children. Asthma falls.",
        ),
        (
            "There are two reasons it helps: fumes and noise.",
            "There are two reasons it helps",
            "fumes and noise.",
        ),
        (
            "it helps in two ways: fumes and noise.",
            "it helps in two ways: fumes and noise",
            "it helps in two ways: fumes and noise.",
        ),
        (
            "Studies agree. The air got cleaner: see the data.",
            "Studies agree",
            "Studies agree. The air got cleaner: see the data.",
        ),
    ],
)
def test_argument_title_forms(item: str, title: str, text: str) -> None:
    for body in (item, f"- {item}", f"1. {item}", f"• {item}"):
        debate = read_procon(f"Ban cars\n\n{body}\n\nCon\n\nTrade: Shops lose.")
        pro = debate.side("support")
        assert [(s.title, s.text) for s in pro] == [(title, text)], body


def test_long_untitled_argument_gets_a_short_title() -> None:
    sentence = (
        "When the centre of a town is closed to private cars the shops along the high street "
        "lose the customers who drive in from the villages"
    )
    debate = read_procon(f"Ban cars\n\nCon\n\n{sentence}. They close.")
    title = debate.side("attack")[0].title
    assert title.endswith("…")
    assert len(title) <= 60
    assert sentence.startswith(title.removesuffix("…"))


def test_heading_titles_with_paragraphs_and_sub_bullets() -> None:
    debate = read_procon(
        "# Ban cars downtown\n\n## Pro\n\n### Cleaner air\n\nFewer fumes.\nLess soot.\n\n"
        "Children breathe better.\n\n- Asthma: Admissions fell.\n- But: Buses still smoke.\n\n"
        "### Quiet streets\nLess noise.\n\n## Con\n\n### Shops lose trade\n\nDrivers go elsewhere."
    )
    pro = debate.side("support")
    assert [(s.title, s.text) for s in pro] == [
        ("Cleaner air", "Fewer fumes. Less soot.\n\nChildren breathe better."),
        ("Quiet streets", "Less noise."),
    ]
    assert tree(debate, pro[0].id) == [
        ("support", "Asthma", []),
        ("attack", "Buses still smoke", []),
    ]
    assert titles(debate, "attack") == ["Shops lose trade"]


def test_nested_bullets_are_sub_arguments_with_their_relation() -> None:
    debate = read_procon(
        "Motion: Ban cars downtown\n\nFor:\n"
        "- **Cleaner air.** Fewer fumes\n  that linger.\n"
        "  - Con: **Buses.** Buses still pollute.\n"
        "    - Pro: **Electric buses.** They are coming.\n"
        "    - Electric buses are already here.\n"
        "  - Objection: Wind moves fumes anyway.\n"
        "  - Asthma: Fewer attacks.\n"
        "  - But: Only in summer.\n"
        "- Quiet: Less noise.\n\n"
        "Against:\n"
        "* Trade: Shops lose.\n"
        "    + Pro: Parking is gone too.\n"
    )
    pro = debate.side("support")
    assert [s.title for s in pro] == ["Cleaner air", "Quiet"]
    assert pro[0].text == "Fewer fumes that linger."
    assert tree(debate, "motion") == [
        (
            "support",
            "Cleaner air",
            [
                (
                    "attack",
                    "Buses",
                    [
                        ("support", "Electric buses", []),
                        ("support", "Electric buses are already here", []),
                    ],
                ),
                ("attack", "Wind moves fumes anyway", []),
                ("support", "Asthma", []),
                ("attack", "Only in summer", []),
            ],
        ),
        ("support", "Quiet", []),
        ("attack", "Trade", [("support", "Parking is gone too", [])]),
    ]
    assert debate.statement("pro-1.1.2").title == "Electric buses are already here"
    span = debate.statement("pro-1").span
    assert span is not None and (span.start_line, span.end_line) == (4, 5)


def test_bullet_continuation_paragraphs() -> None:
    debate = read_procon(
        "Ban cars\n\nCon\n\n- Trade: Shops lose.\n\n  Many close within a year.\n\n- Jobs: Fewer.\n"
    )
    con = debate.side("attack")
    assert [(s.title, s.text) for s in con] == [
        ("Trade", "Shops lose.\n\nMany close within a year."),
        ("Jobs", "Fewer."),
    ]
    span = con[0].span
    assert span is not None and (span.start_line, span.end_line) == (5, 7)


def test_crlf_and_typographic_punctuation() -> None:
    text = (
        "Motion: “Cities should ban cars downtown”\r\n\r\nPRO\r\n\r\n"
        "Cleaner Air: Fumes fall — sharply – by ‘half’.\r\n\r\nCON\r\n\r\n"
        "– Lost Trade: Shops’ takings drop.\r\n"
    )
    debate = read_procon(text.encode("utf-8"))
    assert debate.motion.title == "Cities should ban cars downtown"
    assert [(s.title, s.text) for s in debate.side("support")] == [
        ("Cleaner Air", "Fumes fall — sharply – by ‘half’.")
    ]
    assert titles(debate, "attack") == ["Lost Trade"]
    assert read_procon(text.replace("\r\n", "\r")) == debate


def test_utf8_bom_is_ignored() -> None:
    debate = read_procon("\ufeffBan cars\n\nAir: Clean.\n".encode())
    assert debate.motion.title == "Ban cars"


# --- errors ---------------------------------------------------------------------------


def _error(text: str | bytes) -> ParseError:
    with pytest.raises(ParseError) as info:
        read_procon(text, "debate.txt")
    return info.value


def test_error_no_motion_before_the_first_side_marker() -> None:
    e = _error("\n\n  Agree\n\nAir: Clean.\n")
    assert (e.line, e.column) == (3, 3)
    assert str(e).startswith("debate.txt:3:3: expected a motion")
    assert "found the side marker 'Agree'" in str(e)


def test_error_side_marker_with_nothing_under_it() -> None:
    e = _error("Ban cars\n\nAgree\n\nDisagree\n\nTrade: Shops lose.\n")
    assert (e.line, e.column) == (3, 1)
    assert "expected at least one argument under 'Agree'" in str(e)
    assert "found the side marker 'Disagree' on line 5" in str(e)
    e = _error("Ban cars\n\nAir: Clean.\n\n## Con\n\n")
    assert (e.line, e.column) == (5, 1)
    assert "under 'Con', found end of file" in str(e)


def test_error_no_arguments_at_all() -> None:
    e = _error("Ban cars downtown\n")
    assert (e.line, e.column) == (2, 1)
    assert "expected arguments for or against the motion, found end of file" in str(e)


def test_error_empty_text() -> None:
    e = _error("Article\nfrom Somewhere\n\n")
    assert "expected a motion" in str(e) and "found end of file" in str(e)


def test_error_undecodable_bytes_are_located() -> None:
    e = _error(b"Ban cars\n\nAir: Cl" + b"\xff" + b"ean.\n")
    assert (e.line, e.column) == (3, 8)
    assert str(e) == "debate.txt:3:8: expected UTF-8 text, found byte 0xff"


# --- the writer -----------------------------------------------------------------------

_words = st.text(
    alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGH0123456789 ,;'’“”—-!?.:()"),
    min_size=1,
    max_size=30,
).map(lambda s: "".join(s.split(" ")[:1]) + " " + s)


def _clean(s: str) -> str:
    return "W" + " ".join(s.split())


@st.composite
def tree_debates(draw: st.DrawFn) -> Debate:
    """Debates that the pro/con form can hold whole: a tree under the motion."""
    n = draw(st.integers(1, 12))
    statements = [Statement("m", _clean(draw(_words)), kind="motion")]
    relations = []
    for k in range(n):
        parent = draw(st.sampled_from([s.id for s in statements]))
        paragraphs = draw(st.lists(_words.map(_clean), max_size=3))
        statements.append(Statement(f"s{k}", _clean(draw(_words)), "\n\n".join(paragraphs)))
        relations.append(Relation(f"s{k}", parent, draw(st.sampled_from(["support", "attack"]))))
    return Debate(
        "d",
        tuple(statements),
        tuple(relations),
        description="\n\n".join(draw(st.lists(_words.map(_clean), max_size=2))),
        source=Source(title=draw(st.sampled_from(["", "The Review"])), author="A. B."),
        tags=("x", "y z"),
    )


def _shape(debate: Debate, statement_id: str) -> list[object]:
    return [
        (r.kind, s.title, s.text, _shape(debate, s.id)) for r, s in debate.children(statement_id)
    ]


@given(tree_debates())
@settings(max_examples=150, deadline=None)
def test_writer_output_reads_back_to_the_same_tree(debate: Debate) -> None:
    text = write_procon(debate)
    again = read_procon(text)
    assert again.motion.title == debate.motion.title
    for side in ("support", "attack"):  # the form lists all pros before all cons
        got = [x for x in _shape(again, again.motion.id) if x[0] == side]  # type: ignore[index]
        want = [x for x in _shape(debate, debate.motion.id) if x[0] == side]  # type: ignore[index]
        assert got == want, text
    assert again.description == debate.description
    assert again.source == debate.source
    assert again.tags == debate.tags


def test_writer_reports_what_the_form_cannot_hold() -> None:
    debate = Debate(
        "d",
        (
            Statement("m", "Ban cars", kind="motion"),
            Statement("a", "Air", weight=0.9),
            Statement("b", "Trade"),
            Statement("c", "Orphan"),
        ),
        (Relation("a", "m", "support"), Relation("b", "m", "attack"), Relation("b", "a", "attack")),
    )
    lost = unrepresentable_in_procon(debate)
    assert lost == [
        "1 statements not connected to the motion",
        "1 relations beyond the tree (cross links, second parents, undercuts)",
        "statement weights",
    ]


def test_indented_paragraph_after_a_nested_item_continues_its_parent() -> None:
    debate = read_procon("Motion: M\n\nPro\n\n- **A**: a\n\n  - **B**: b\n\n  c\n\n  - **D**: d\n")
    assert tree(debate, "motion") == [
        ("support", "A", [("support", "B", []), ("support", "D", [])])
    ]
    assert debate.statement("pro-1").text == "a\n\nc"


@pytest.mark.parametrize("para", ["1. a footnote", "2) another", "- a dash", "# not a heading"])
def test_writer_escapes_paragraphs_that_would_read_as_structure(para: str) -> None:
    debate = Debate(
        "d",
        (Statement("m", "M", kind="motion"), Statement("a", "A", f"first\n\n{para}")),
        (Relation("a", "m", "support"),),
    )
    again = read_procon(write_procon(debate))
    assert [(s.title, s.text) for s in again.statements[1:]] == [("A", f"first\n\n{para}")]


_FRAGMENTS = [
    "Motion: M",
    "# Title",
    "## Con",
    "Agree",
    "Disagree",
    "no:",
    "- ",
    "  - Con: ",
    "1. ",
    "**T.** ",
    "Title: text",
    "### H",
    "> quote",
    "from X",
    "Article",
    "\\- ",
    "---",
    "\t",
    "“",
    "\r\n",
    "\n",
    "\n\n",
    " ",
]


@given(
    st.lists(st.sampled_from(_FRAGMENTS) | st.text(max_size=8), max_size=30).map("".join)
    | st.binary(max_size=60)
)
@settings(max_examples=10_000, deadline=None)
def test_fuzz_nothing_but_parse_error_escapes(text: str | bytes) -> None:
    try:
        debate = read_procon(text)
    except ParseError:
        return
    read_procon(write_procon(debate))  # what it reads, it writes readably
