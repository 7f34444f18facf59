"""The Argdown reader and writer: real files, examples, each syntax feature, each error."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import ParseError
from argmap.formats.argdown import read_argdown, unrepresentable_in_argdown, write_argdown
from argmap.formats.procon import read_procon
from argmap.model import Debate, Relation, Source, Statement
from tests.conftest import EXAMPLES, SEED, SHARED
from tests.strategies import debates

FORMATS = SHARED / "data" / "formats"
PRIMER = FORMATS / "argdown_argdown-primer.argdown"
SOFTDRUGS = FORMATS / "argdown_legalisation-softdrugs.argdown"
TRANSPORT = EXAMPLES / "argdown" / "free_public_transport.argdown"
SCHOOL = EXAMPLES / "argdown" / "later_school_start.argdown"

Triple = tuple[str, str, object]


def triples(debate: Debate) -> list[Triple]:
    """Relations by title; an undercut's target is the (source, target) titles it aims at."""
    title = {s.id: s.title for s in debate.statements}
    by_id = {r.id: r for r in debate.relations if r.id}
    out: list[Triple] = []
    for r in debate.relations:
        if r.kind == "undercut":
            aim = by_id[r.target]
            out.append((title[r.source], "undercut", (title[aim.source], title[aim.target])))
        else:
            out.append((title[r.source], r.kind, title[r.target]))
    return sorted(out, key=repr)


def rel(text: str) -> list[Triple]:
    return triples(read_argdown(text))


def fails(text: str | bytes) -> ParseError:
    with pytest.raises(ParseError) as info:
        read_argdown(text, "doc.argdown")
    assert info.value.path == "doc.argdown"
    return info.value


# --- the two real files -------------------------------------------------------------------


def test_primer_reads_with_the_hand_counted_elements() -> None:
    # Counted by hand, block by block:
    # statements (21): [Intro] and its three untitled '+' children (4); the untitled
    # paragraphs "This Argdown document ...", "To read ...", "This is a normal
    # statement ..." (3); [Statement 1], [Statement 2] (2); <Argument title>,
    # <Another argument>, <Yet another argument> (3); "We can also do that ..." (1);
    # <Argument 1>, first referred to under the second [Intro] (1); "Headings can
    # ...", "Tags are ...", "So far ..." (3); the pcs's (1) and (3), (2) being
    # [Statement 2] again (2); the untitled '->' child of (3) (1); the indented
    # paragraph "We can also link to headings ..." (1). The three headings are not
    # statements.
    # relations (13): 3 supports of [Intro]; <Argument title> supports and <Another
    # argument> attacks [Statement 2]; <Yet another argument> attacks <Another
    # argument>; [Intro] attacks <Argument 1> ('->'); the pcs: (1) and [Statement 2]
    # support <Argument 1>, which supports (3); below (3): attack on the untitled
    # statement, support of <Yet another argument>, attack on [Statement 1].
    # (Argdown's own parser finds the same 17 statements and 4 arguments, and the 10
    # relations that are not the pcs's 3.)
    debate = read_argdown(PRIMER.read_bytes(), str(PRIMER))
    assert len(debate.statements) == 21
    assert len(debate.relations) == 13
    assert debate.motion.title == "Intro"
    assert debate.motion.text == (
        "Argdown is a simple syntax for defining argumentative structures, inspired by Markdown."
    )
    kinds = {s.title: s.kind for s in debate.statements}
    assert [t for t, k in kinds.items() if k == "argument"] == [
        "Argument title",
        "Another argument",
        "Yet another argument",
        "Argument 1",
    ]
    assert set(triples(debate)) >= {
        ("Intro", "attack", "Argument 1"),
        ("Statement 2", "support", "Argument 1"),
        ("Argument 1", "support", "And now the conclusion"),
        ("And now the conclusion", "support", "Yet another argument"),
        ("And now the conclusion", "attack", "Statement 1"),
        ("Yet another argument", "attack", "Another argument"),
    }
    s1 = debate.statement("statement-1")
    assert s1.tags == ("Another tag",)
    assert s1.text.endswith("or mention it in other statements.")  # the trailing tag cut
    s2 = debate.statement("statement-2")
    assert s2.text.startswith("Let's do that now: The previous statement was @[Statement 1].\n\n")
    assert s2.text.endswith("treated as logically equivalent.")  # the pcs's definition added
    normal = next(s for s in debate.statements if s.title.startswith("This is a normal"))
    assert normal.tags == ("tag",)
    assert "a #tag and a [link](https://github.com/christianvoigt/argdown-parser)." in normal.text
    assert debate.extras == {}
    assert s1.span is not None and (s1.span.start_line, s1.span.end_line) == (27, 30)
    assert all(s.origin == "argdown" for s in debate.statements)


def test_softdrugs_reads_with_the_hand_counted_elements() -> None:
    # Counted by hand: 1 statement (the central claim) and 17 arguments, one per
    # '<Title>:' definition (the two later '<Soft drugs are harmful>' / '<No harm, no
    # ban>' lines are references) = 18. Relations, one per relation line = 19:
    # 9 supports ('+' x 8 and the '+' reference under <Minimize destructive activity>),
    # 8 attacks ('-' x 7 and '->' <No harm, no ban>) and 2 undercuts ('<_').
    debate = read_argdown(SOFTDRUGS.read_bytes(), str(SOFTDRUGS))
    assert len(debate.statements) == 18
    assert len(debate.relations) == 19
    kinds = [r.kind for r in debate.relations]
    assert (kinds.count("support"), kinds.count("attack"), kinds.count("undercut")) == (9, 8, 2)
    assert debate.motion.title == "Legalisation of Soft Drugs"
    assert debate.motion.text == "Soft drugs should be legal."
    assert [s.title for s in debate.side("support")] == [
        "No harm, no ban",
        "Lifestyle decision",
        "Alcohol and tobacco analogy",
        "Listen to society",
        "Tax revenue",
    ]
    assert [s.title for s in debate.side("attack")] == [
        "Law must protect",
        "Minimize destructive activity",
        "Argument from addiction",
        "Slippery slope",
    ]
    assert set(triples(debate)) >= {
        ("Poor reason", "undercut", ("Alcohol and tobacco analogy", "Legalisation of Soft Drugs")),
        (
            "Addiction no reason to ban",
            "undercut",
            ("Argument from addiction", "Legalisation of Soft Drugs"),
        ),
        ("Soft drugs are harmful", "attack", "No harm, no ban"),
        ("Soft drugs are harmful", "support", "Minimize destructive activity"),
    }
    fm = debate.extras["argdown"]
    assert fm["subTitle"] == "A Simple Analysis"
    assert fm["color"]["tagColors"] == {"pro": 0, "con": 1}
    assert debate.source == Source(
        title="Pros and Cons Legalisation of Soft Drugs",
        author="Gregor Betz (adaptation to Argdown)",
        date="22/10/2018",
    )
    tags = {s.title: s.tags for s in debate.statements}
    assert tags["Poor reason"] == ("con",)  # '// undercuts the analogy' is a comment
    assert tags["Addiction no reason to ban"] == ("pro",)
    assert all(s.kind == "argument" for s in debate.statements if s is not debate.motion)


@pytest.mark.parametrize("path", [PRIMER, SOFTDRUGS, TRANSPORT, SCHOOL], ids=lambda p: p.stem)
def test_files_write_and_read_back(path: Path) -> None:
    debate = read_argdown(path.read_bytes())
    text = write_argdown(debate)
    again = read_argdown(text)
    assert again.motion.title == debate.motion.title
    assert sorted((s.title, s.kind, s.tags, s.sources) for s in again.statements) == sorted(
        (s.title, s.kind, s.tags, s.sources) for s in debate.statements
    )
    assert again.extras == debate.extras
    assert len(again.relations) == len(debate.relations)
    if not any("undercuts" in line for line in unrepresentable_in_argdown(debate)):
        assert triples(again) == triples(debate)
        assert write_argdown(again) == text


# --- the examples --------------------------------------------------------------------------


def test_transport_example_reads_with_the_hand_counted_elements() -> None:
    # Counted by hand: 18 statements: [Free fares]; <Fewer cars>, <Drivers stay put>,
    # <Different city>, <Fairness>, <Cost>, [Road fund], <Crowding>, [Capacity first],
    # the untitled '- Most short hops ...', [Fares are necessary] (10 in the tree);
    # <Means-tested passes>; in the pcs [Commutes], untitled (2), [Mode shift],
    # untitled (4), [Cleaner centre], and <Induced demand> below the inference.
    # 20 relations: the 10 relation lines below [Free fares], the '><' counting twice
    # (11); '_>' and '->' in the later blocks (2); the pcs: (1), (2) support (3); (3),
    # (4) support <Fewer cars>, which supports (5) (5); '<_' below the inference and
    # '+>' below (5) (2). Undercuts among them: '<_ <Different city>', '_>' and the '<_'
    # below the inference (3).
    debate = read_argdown(TRANSPORT.read_bytes(), str(TRANSPORT))
    assert len(debate.statements) == 18
    assert len(debate.relations) == 20
    assert [r.kind for r in debate.relations].count("undercut") == 3
    assert debate.motion.title == "Free fares"  # named by 'motion:' in the frontmatter
    assert debate.tags == ("transport", "cities")
    assert debate.source.author == "argmap examples"
    assert debate.extras["argdown"]["motion"] == "Free fares"
    assert set(triples(debate)) >= {
        ("Different city", "undercut", ("Drivers stay put", "Fewer cars")),
        ("Means-tested passes", "undercut", ("Fairness", "Free fares")),
        ("Induced demand", "undercut", ("Fewer cars", "Cleaner centre")),
        ("Free fares", "attack", "Fares are necessary"),
        ("Fares are necessary", "attack", "Free fares"),
        ("Crowding", "support", "Capacity first"),
        ("Capacity first", "attack", "Free fares"),
        ("Mode shift", "support", "Fewer cars"),
        ("Commutes", "support", "Mode shift"),
        ("Fewer cars", "support", "Cleaner centre"),
        ("Cleaner centre", "support", "Free fares"),
        ("Road fund", "attack", "Cost"),
    }
    by_title = {s.title: s for s in debate.statements}
    assert by_title["Fairness"].tags == ("pro", "social justice")
    assert by_title["Drivers stay put"].sources == (
        "Cats, Susilo and Reimal (2017): The prospects of fare-free public transport",
    )
    assert by_title["Road fund"].text == (
        "Redirecting the road-building fund would cover the lost fares.\n\n"
        "The fund is large enough: it was twice the fare revenue last year."
    )
    assert by_title["Road fund"].tags == ("finance",)
    assert by_title["Most short hops happen outside the peak"].kind == "premise"
    assert unrepresentable_in_argdown(debate) == [
        "1 undercuts of relations that are not the only support or attack from their source "
        "(read back as attacks, or lost)",
        "1 titles and texts with line breaks or extra spaces (normalised)",
    ]


def test_school_example_reads_with_the_hand_counted_elements() -> None:
    # Counted by hand: 13 statements: 7 in the first block ([Later start], [Teen
    # sleep], [Studies], [Safer roads], [Buses], the untitled '<-' child, [After
    # school]); [Parents' work]; the two list items; the untitled premise (2) and
    # [Early starts hurt learning] of the pcs, and the pcs's untitled argument.
    # 11 relations: 6 relation lines in the first block, '->' below [Parents' work],
    # the pcs's two premises supporting its argument and the argument its conclusion,
    # and '+>' below the conclusion.
    debate = read_argdown(SCHOOL.read_bytes(), str(SCHOOL))
    assert len(debate.statements) == 13
    assert len(debate.relations) == 11
    assert debate.motion.title == "Later start"
    assert set(triples(debate)) >= {
        ("Teen sleep", "support", "Argument for Early starts hurt learning"),
        ("Argument for Early starts hurt learning", "support", "Early starts hurt learning"),
        ("Early starts hurt learning", "support", "Later start"),
        ("Parents' work", "attack", "Later start"),
        ("Studies", "support", "Teen sleep"),
    }
    by_title = {s.title: s for s in debate.statements}
    assert by_title["Pilot first"].tags == ("proposal",)
    assert by_title["Argument for Early starts hurt learning"].kind == "argument"
    assert unrepresentable_in_argdown(debate) == []


# --- each syntax feature -------------------------------------------------------------------


def test_titles_definitions_references_and_untitled_statements() -> None:
    debate = read_argdown(
        "[A]: First text.\n\n[A]\n  + <B>: An argument.\n\n<B>: More about B.\n\n"
        "Just a paragraph. It has two sentences.\n\n[A]: A second definition.\n"
    )
    assert [(s.id, s.title, s.kind) for s in debate.statements] == [
        ("a", "A", "motion"),
        ("b", "B", "argument"),
        ("just-a-paragraph", "Just a paragraph", "premise"),
    ]
    assert debate.statement("a").text == "First text.\n\nA second definition."
    assert debate.statement("b").text == "An argument.\n\nMore about B."
    assert debate.statement("just-a-paragraph").text == "Just a paragraph. It has two sentences."
    assert rel("[A]\n  + [B]\n  - <B>\n") == [("B", "attack", "A"), ("B", "support", "A")]
    long = read_argdown("x " * 50).motion.title
    assert long.endswith("…") and len(long) <= 60


@pytest.mark.parametrize(
    ("symbol", "expected"),
    [
        ("+", [("C", "support", "P")]),
        ("<+", [("C", "support", "P")]),
        ("+>", [("P", "support", "C")]),
        ("-", [("C", "attack", "P")]),
        ("<-", [("C", "attack", "P")]),
        ("->", [("P", "attack", "C")]),
        ("><", [("C", "attack", "P"), ("P", "attack", "C")]),
    ],
)
def test_relation_symbols(symbol: str, expected: list[Triple]) -> None:
    assert rel(f"[P]: parent\n    {symbol} [C]: child\n") == expected
    assert rel(f"[P]: parent\n\t{symbol}[C]: child\n") == expected  # tab, no space


def test_nesting_follows_indentation() -> None:
    text = "[S]\n  + <a>\n      - <b>\n          + <c>\n      + <d>\n  - <e>\n"
    assert rel(text) == [
        ("a", "support", "S"),
        ("b", "attack", "a"),
        ("c", "support", "b"),
        ("d", "support", "a"),
        ("e", "attack", "S"),
    ]
    # continuation lines at any indentation extend the element above
    debate = read_argdown("[S]: one\n  + <a>: two\n  three\nfour\n  - <b>: five\n")
    assert debate.statement("a").text == "two three four"
    assert rel("[S]: one\n  + <a>: two\n  three\n  - <b>: five\n") == [
        ("a", "support", "S"),
        ("b", "attack", "S"),
    ]


def test_undercuts_aim_at_the_inference_or_fall_back_to_attacks() -> None:
    text = "[S]\n  + <a>\n    <_ <u>\n    _ <v>\n\n<w>\n  _> <a>\n"
    assert rel(text) == [
        ("a", "support", "S"),
        ("u", "undercut", ("a", "S")),
        ("v", "undercut", ("a", "S")),
        ("w", "undercut", ("a", "S")),
    ]
    # an argument with two outgoing relations, or none: read as an attack
    assert rel("[S]\n  + <a>\n    <_ <u>\n\n[T]\n  - <a>\n") == [
        ("a", "attack", "T"),
        ("a", "support", "S"),
        ("u", "attack", "a"),
    ]
    assert rel("<a>: alone\n  <_ <u>\n") == [("u", "attack", "a")]
    # the same undercut twice counts once; only the relation it aims at gets an id
    debate = read_argdown("[S]\n  + <a>\n    <_ <u>\n    <_ <u>\n")
    assert [r.id for r in debate.relations] == ["a->s", ""]


def test_premise_conclusion_structure_of_a_named_argument() -> None:
    text = (
        "[C]: The conclusion.\n\n<Arg>: Sketch.\n\n"
        "(1) [P1]: First premise.\n(2) Second premise.\n    <- <Objection>\n"
        "----\n(3) [C]\n    +> [Goal]\n"
    )
    debate = read_argdown(text)
    assert debate.motion.title == "C"
    assert rel(text) == [
        ("Arg", "support", "C"),
        ("C", "support", "Goal"),
        ("Objection", "attack", "Second premise"),
        ("P1", "support", "Arg"),
        ("Second premise", "support", "Arg"),
    ]
    assert debate.statement("arg").text == "Sketch."


def test_complex_argument_and_undercuts_of_its_inferences() -> None:
    text = (
        "<A>\n\n(1) p1\n(2) p2\n--\nModus ponens\n{uses: [1, 2]}\n--\n"
        "    <_ <Early>\n(3) [Mid]: m\n(4) p4\n-- Rule --\n    <_ <Late>\n(5) [End]: e\n"
        "    <_ <Below conclusion>\n"
    )
    assert rel(text) == [
        ("A", "support", "End"),
        ("Below conclusion", "undercut", ("A", "End")),
        ("Early", "attack", "A"),  # an intermediate inference has no relation of its own
        ("Late", "undercut", ("A", "End")),
        ("Mid", "support", "A"),
        ("p1", "support", "Mid"),
        ("p2", "support", "Mid"),
        ("p4", "support", "A"),
    ]
    # a pcs directly below the argument, and an untitled one
    assert rel("<A>: sketch\n(1) p\n-----\n(2) c\n") == [
        ("A", "support", "c"),
        ("p", "support", "A"),
    ]
    debate = read_argdown("(1) p\n----\n(2) [C]: c\n")
    assert debate.motion.title == "C"  # no top-level statement: the first conclusion
    assert [s.title for s in debate.statements] == ["Argument for C", "p", "C"]
    assert debate.statement("argument-for-c").kind == "argument"
    # '_' below an argument with a pcs aims at its support of the conclusion
    assert ("u", "undercut", ("A", "c")) in rel("<A>\n\n(1) p\n----\n(2) c\n\n<A>\n  _ <u>\n")


def test_tags() -> None:
    debate = read_argdown(
        "[S]: Some #inline text #end #(two words)\n  + <a>: x #t1\n    #t2\n\n[S] #ref\n"
    )
    s = debate.statement("s")
    assert s.text == "Some #inline text"
    assert s.tags == ("inline", "end", "two words", "ref")
    assert read_argdown("[S]: C# and a#b #-x\n").motion.tags == ("-x",)
    assert debate.statement("a").tags == ("t1", "t2")
    assert debate.statement("a").text == "x"
    assert read_argdown("[S]: a \\#b\n").motion.tags == ()


def test_frontmatter() -> None:
    text = (
        "===\ntitle: T\nauthor: Ann\ndate: 2024-05-01\nurl: https://x.org\n"
        "description: What it is about.\ntags: [a, b]\nmotion: Second\nmap: {x: 1}\n===\n\n"
        "[First]: one\n\n[Second]: two\n"
    )
    debate = read_argdown(text)
    assert debate.motion.title == "Second"
    assert debate.source == Source(title="T", url="https://x.org", author="Ann", date="2024-05-01")
    assert debate.description == "What it is about."
    assert debate.tags == ("a", "b")
    assert debate.id == "t"
    assert debate.extras["argdown"]["map"] == {"x": 1}
    # a 'title' that is some statement's title names the motion; 'tags' may be a string
    debate = read_argdown("===\ntitle: Second\ntags: a, b\n===\n[First]\n\n[Second]\n")
    assert debate.motion.title == "Second"
    assert debate.tags == ("a", "b")
    assert read_argdown("===\n===\n[A]\n").extras == {"argdown": {}}
    # without a motion key, the first top-level statement, not an argument
    assert read_argdown("<Arg>: a\n\n[Claim]: c\n").motion.title == "Claim"
    assert read_argdown("<Arg>: a\n  + <B>\n").motion.title == "Arg"


def test_comments_are_ignored() -> None:
    text = (
        "// a line comment\n[S]: text // trailing\n  /* block\n\n  comment */\n"
        "  <!-- html\n  -->\n  + <a>: see https://example.org/x and \\// not a comment\n"
    )
    debate = read_argdown(text)
    assert debate.motion.text == "text"
    assert rel(text) == [("a", "support", "S")]  # comment lines do not end the block
    assert debate.statement("a").text == "see https://example.org/x and // not a comment"
    assert read_argdown("[S]: a /* x */ b <!-- y --> c\n").motion.text == "a b c"
    assert read_argdown("[T // not a comment]: t\n").motion.title == "T // not a comment"


def test_headings_lists_data_and_escapes() -> None:
    debate = read_argdown(
        "# Heading #tag {isGroup: true}\n[A]: a\n\n## Another\n\n"
        " * [B]: b\n * [C]: c\n   + <d>: below c\n 1. Plain item\n"
    )
    assert [s.title for s in debate.statements] == ["A", "B", "C", "d", "Plain item"]
    assert rel("* [B]: b\n* [C]: c\n  + <d>\n") == [("d", "support", "C")]
    debate = read_argdown(
        '[A]: a {sources: ["one", two]}\n\n[B]: b\n{\nsources:\n  - three\nother: 1\n}\n'
        "\n[C]: c {note: no sources} and {sources: four}\n"
    )
    assert [s.sources for s in debate.statements] == [("one", "two"), ("three",), ("four",)]
    assert debate.statement("c").text == "c and"
    debate = read_argdown(r"[A\]b]: x \[y\] \<z> \{w} \\ \#v" + "\n\n" + r"<\+p\>q>: r" + "\n")
    assert [s.title for s in debate.statements] == ["A]b", "+p>q"]
    assert debate.motion.text == r"x [y] <z> {w} \ #v"
    assert read_argdown("[A]: unclosed { brace\n").motion.text == "unclosed { brace"


def test_dropped_and_conflicting_relations() -> None:
    # a relation from an element to itself is dropped; per ordered pair the first counts
    assert rel("[a]\n  +> [a]\n  - [b]\n  + [b]\n") == [("b", "attack", "a")]


@pytest.mark.parametrize(
    "text",
    [
        "[S]: " + "[" * 40_000,
        "[S]: " + "<a " * 15_000,
        "[S]: " + "[a](b " * 15_000,
        "[S]: " + "{ " * 15_000,
        "[S]: " + "{'" * 15_000,
        "[S]: " + "#(" * 20_000,
        "(1) a\n--\n" + "-" * 40_000 + "x\n",
    ],
    ids=["brackets", "angles", "links", "braces", "quotes", "tags", "hyphens"],
)
def test_unclosed_brackets_cost_linear_time(text: str) -> None:
    with contextlib.suppress(ParseError):  # quadratic scanning would take minutes here
        read_argdown(text)


def test_text_forms_lines_and_spans() -> None:
    crlf = b"\xef\xbb\xbf[S]: one\r\n  two\r\n  + <a>: x\r\n"
    debate = read_argdown(crlf)
    assert debate.motion.text == "one two"
    assert debate.motion.span is not None
    assert (debate.motion.span.start_line, debate.motion.span.end_line) == (1, 2)
    assert read_argdown("[S]: one\r  + <a>: x\r").statement("a").text == "x"


# --- every error ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "column", "expected", "found"),
    [
        ("[S]: a\n  + [Open: b\n", 2, 5, "']' closing the title that '[' opens", "end of line"),
        ("<Open: b\n", 1, 1, "'>' closing the title that '<' opens", "end of line"),
        ("[S]\n  + []: b\n", 2, 5, "a title between '[' and ']'", "'[]'"),
        (
            "[S]: a\n\n  + <b>\n",
            3,
            3,
            "a statement or argument above the relation, indented less",
            "'+' at the start of a block",
        ),
        (
            "[S]: a\n+ <b>\n",
            2,
            1,
            "a statement or argument above the relation, indented less",
            "'+' indented no deeper than the element above it",
        ),
        ("[S]\n  <-   \n", 2, 5, "a statement or argument after '<-'", "end of line"),
        ("===\ntitle: [x\n===\n[S]\n", 2, 10, "YAML in the frontmatter", "expected ','"),
        ("===\n- a\n- b\n===\n[S]\n", 2, 1, "a YAML mapping ('key: value' lines)", None),
        ("\n===\ntitle: x\n[S]\n", 2, 1, "'===' closing the frontmatter", "end of file"),
        (
            "===\ntitle: x\nmotion: Nope\n===\n[S]\n",
            3,
            1,
            "the title of a statement or argument after 'motion:'",
            "'Nope', which no statement or argument has",
        ),
        (
            "<A>\n\n(1) p\n(2) q\n",
            4,
            1,
            "an inference line ('----') before the conclusion",
            "a premise-conclusion structure without a conclusion",
        ),
        (
            "(1) p\n----\n(2) q\n(3) r\n",
            4,
            1,
            "an inference line ('----') before the conclusion",
            "a statement after the conclusion with no inference line before it",
        ),
        (
            "(1) p\n-----\n\n[S]\n",
            2,
            1,
            "a conclusion '(n) ...' after the inference",
            "an empty line",
        ),
        ("(1) p\n-----\n", 2, 1, "a conclusion '(n) ...' after the inference", "end of file"),
        ("(1) p\n----\n----\n(2) q\n", 3, 1, "a premise '(1) ...' before the inference", "'----'"),
        ("[S]: a\n  ----\n", 2, 3, "a premise '(1) ...' before the inference", "'----'"),
        ("(1) p\n--\nrule\n(2) q\n", 2, 1, "a line ending in '--' that closes the inference", None),
        ("(1) p\n----\nstray text\n", 3, 1, "a conclusion '(n) ...' after the inference", None),
        ("(1) <Arg>\n----\n(2) q\n", 1, 5, "a statement after '(1)'", "an argument"),
        ("[S]: a /* never\nclosed\n", 1, 8, "'*/' closing the comment", "end of file"),
        ("[S]: a\n<!-- never closed", 2, 1, "'-->' closing the comment", "end of file"),
        ("[S]: a {key: [unclosed}\n", 1, 23, "YAML data between '{' and '}'", None),
        ("[S]: a {d: 2018-13-45}\n", 1, 8, "YAML data between '{' and '}'", "ValueError"),
        (b"[S]: caf\xe9\n", 1, 9, "UTF-8 text", "byte 0xe9"),
        ("", 1, 1, "a statement or argument", "end of file"),
        ("// only a comment\n\n# A heading\n", 4, 1, "a statement or argument", "end of file"),
    ],
)
def test_errors(
    text: str | bytes, line: int, column: int, expected: str, found: str | None
) -> None:
    error = fails(text)
    assert (error.line, error.column) == (line, column), error
    assert error.expected.startswith(expected), error
    if found is not None:
        assert error.found.startswith(found), error
    assert str(error).startswith(f"doc.argdown:{line}:{column}: expected ")


# --- the writer ---------------------------------------------------------------------------------


def debate_of(
    *statements: Statement, relations: tuple[Relation, ...] = (), **kwargs: object
) -> Debate:
    return Debate("d", statements, relations, **kwargs)  # type: ignore[arg-type]


def test_writer_nests_supporters_and_attackers_under_the_motion() -> None:
    debate = debate_of(
        Statement("m", "Motion", "Should we?", "motion", tags=("main",)),
        Statement("a", "Yes", "Because.", "argument"),
        Statement("b", "No", "", "premise", sources=("A book",)),
        Statement("c", "Shared", "Both sides use it."),
        Statement("d", "Aside", "Not connected to the motion."),
        relations=(
            Relation("a", "m", "support", id="r1"),
            Relation("b", "m", "attack"),
            Relation("c", "a", "support"),
            Relation("c", "b", "attack"),
            Relation("d", "r1", "undercut"),
        ),
    )
    assert write_argdown(debate) == (
        "[Motion]: Should we? #main\n"
        "    <+ <Yes>: Because.\n"
        "        <+ <Shared>: Both sides use it.\n"
        "        <_ <Aside>: Not connected to the motion.\n"
        '    <- [No] {sources: ["A book"]}\n'
        "        <- <Shared>\n"
    )
    again = read_argdown(write_argdown(debate))
    assert triples(again) == triples(debate)
    assert unrepresentable_in_argdown(debate) == []


def test_writer_writes_disconnected_statements_as_blocks_and_numbers_duplicates() -> None:
    debate = debate_of(
        Statement("m", "Motion", "", "motion"),
        Statement("a", "Same", "first", "premise"),
        Statement("b", "Same", "second", "premise"),
        Statement("c", "Same", "an argument", "argument"),
        Statement("d", "Same (2)", "already numbered", "premise"),
        relations=(Relation("m", "a", "support"),),
    )
    text = write_argdown(debate)
    assert text == (
        "[Motion]\n\n[Same]: first\n    <+ [Motion]\n\n[Same (3)]: second\n\n"
        "<Same>: an argument\n\n[Same (2)]: already numbered\n"
    )
    again = read_argdown(text)
    assert [s.title for s in again.statements] == [
        "Motion",
        "Same",
        "Same (3)",
        "Same",
        "Same (2)",
    ]
    assert unrepresentable_in_argdown(debate) == [
        "1 duplicate titles (numbered to tell them apart)"
    ]


def test_writer_escapes_titles_and_text() -> None:
    titles = ["a]b", "x\\y", "[br]", "c // d", "{e}", "f <g>", "+h", "_i", "-j", "!--k", "#l"]
    text = "#tag [ref] <arg> {data} a//b /* c */ <!-- d --> \\ e: (1) f\n\ng - h"
    debate = debate_of(
        Statement("m", "Motion", text, "motion"),
        *(
            Statement(f"s{k}{kind}", t, t, kind)
            for k, t in enumerate(titles)
            for kind in ("argument", "premise")
            if not (kind == "premise" and t.startswith("!"))
        ),
    )
    again = read_argdown(write_argdown(debate))
    assert [(s.title, s.text) for s in again.statements][1:] == [
        (s.title, s.text) for s in debate.statements
    ][1:]
    assert again.motion.text == " ".join(text.split())
    assert again.motion.tags == ()
    links = "See [the docs](https://argdown.org/syntax) and @[Motion] or @<An arg>."
    assert write_argdown(debate_of(Statement("m", "M", links, "motion"))) == f"[M]: {links}\n"
    # closed emphasis stays; stray markers and a frontmatter-like '===' are escaped
    marked = "**pros & cons** and *real* but snake_case, 2*3 and ===="
    text = write_argdown(debate_of(Statement("m", "M", marked, "motion")))
    assert text == "[M]: **pros & cons** and *real* but snake\\_case, 2\\*3 and \\=\\=\\=\\=\n"
    assert read_argdown(text).motion.text == marked


def test_writer_wraps_long_texts_without_starting_a_line_with_syntax() -> None:
    words = "lorem ipsum - dolor + sit (1) amet 2. consectetur * adipiscing > elit " * 6
    debate = debate_of(
        Statement("m", "Motion", words, "motion"),
        Statement("a", "A", words, "argument"),
        relations=(Relation("a", "m", "attack"),),
    )
    text = write_argdown(debate)
    lines = text.splitlines()
    assert max(len(line) for line in lines) <= 82
    continued = [line.strip() for line in lines[1:] if not line.lstrip().startswith("<- <A>")]
    assert not [line for line in continued if line.startswith(("-", "+", "(1)", "2.", "*", ">"))]
    again = read_argdown(text)
    assert [s.text for s in again.statements] == [" ".join(words.split())] * 2


def test_writer_frontmatter_and_what_it_loses() -> None:
    debate = debate_of(
        Statement("m", "Motion", "", "motion"),
        Statement("t", "Title", "also a statement", "premise", weight=0.7),
        relations=(Relation("t", "m", "rephrase"),),
        source=Source(title="Title", author="Ann", kind="Essay"),
        description="About it.",
        tags=("x",),
        extras={"argdown": {"color": {"a": 1}, "author": "Bob"}, "aif": {"k": 1}},
    )
    text = write_argdown(debate)
    assert text.startswith(
        "===\ncolor:\n  a: 1\nauthor: Ann\ntitle: Title\ndescription: About it.\n"
        "tags:\n- x\nmotion: Motion\n===\n\n[Motion]\n"
    )
    again = read_argdown(text)
    assert again.motion.title == "Motion"  # not the statement the title names
    # Argdown's frontmatter cannot hold '=': it goes into YAML escapes
    equals = debate_of(Statement("m", "M", "", "motion"), extras={"argdown": {"u": "?a=b"}})
    text = write_argdown(equals)
    assert text == '===\nu: "?a\\x3db"\n===\n\n[M]\n'
    assert read_argdown(text).extras == equals.extras
    assert again.source == Source(title="Title", author="Ann")
    assert again.description == "About it."
    assert again.tags == ("x",)
    assert unrepresentable_in_argdown(debate) == [
        "statement weights",
        "1 rephrase and preference relations",
        "the source's kind",
        "format extras of 'aif'",
        "frontmatter author (replaced by the debate's)",
    ]
    odd = debate_of(
        Statement("m", "", "", "motion", tags=("", "a)b", "ok", "ok")),
        Statement("e", "E\nF", " spaced  text ", "evidence"),
        relations=(Relation("e", "m", "support", weight=0.5),),
        extras={"argdown": "not a mapping"},
    )
    assert unrepresentable_in_argdown(odd) == [
        "relation weights, origins and confidences",
        "1 evidence statements (read back as premises)",
        "1 empty titles (made from the text)",
        "2 titles and texts with line breaks or extra spaces (normalised)",
        "3 tags that Argdown cannot write (empty, brackets, spacing)",
        "the Argdown extras, which are no mapping",
    ]
    again = read_argdown(write_argdown(odd))
    assert [(s.title, s.kind, s.tags) for s in again.statements] == [
        ("Untitled", "motion", ("ok",)),
        ("E F", "premise", ()),
    ]


def test_seed_converts_to_argdown_and_back() -> None:
    debate = read_procon(SEED.read_bytes(), str(SEED))
    again = read_argdown(write_argdown(debate))
    assert again.motion.title == debate.motion.title
    titles = [s.title for s in debate.statements if s.kind == "argument"]
    assert len(titles) == 10
    assert [s.title for s in again.statements if s.kind == "argument"] == titles
    assert [s.title for s in again.side("support")] == [s.title for s in debate.side("support")]
    assert [s.title for s in again.side("attack")] == [s.title for s in debate.side("attack")]
    assert [s.text for s in again.statements] == [s.text for s in debate.statements]
    assert again.source.title == debate.source.title


# --- properties ---------------------------------------------------------------------------------

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=7)
TITLE = st.lists(WORD, min_size=1, max_size=3).map(" ".join).map(str.capitalize)
SPECIAL = st.text(alphabet=list("ab #[]<>{}()\\/*-+_:@!=\n\t.,'\"~`|$%^&;?"), max_size=40)
TEXT = st.one_of(st.text(max_size=40), SPECIAL)
TAG = st.one_of(WORD, st.tuples(WORD, WORD).map(" ".join))


@st.composite
def tree_debates(draw: st.DrawFn) -> Debate:
    """A motion; statements attached by support or attack to earlier ones; some cross
    relations; undercuts of relations that are their source's only one; frontmatter."""
    n = draw(st.integers(0, 9))
    titles = draw(st.lists(TITLE, min_size=n + 1, max_size=n + 1, unique=True))
    statements = [
        Statement(
            "s0",
            titles[0],
            draw(TEXT),
            "motion",
            tags=tuple(draw(st.lists(TAG, max_size=2, unique=True))),
        )
    ]
    pairs: dict[tuple[int, int], str] = {}
    for k in range(1, n + 1):
        statements.append(
            Statement(
                f"s{k}",
                titles[k],
                draw(TEXT),
                draw(st.sampled_from(["argument", "premise"])),
                tags=tuple(draw(st.lists(TAG, max_size=2, unique=True))),
                sources=tuple(draw(st.lists(TEXT, max_size=2, unique=True))),
            )
        )
        pairs[(k, draw(st.integers(0, k - 1)))] = draw(st.sampled_from(["support", "attack"]))
    if n > 1:
        for a, b in draw(st.lists(st.tuples(st.integers(0, n), st.integers(0, n)), max_size=4)):
            if a != b and (a, b) not in pairs:
                pairs[(a, b)] = draw(st.sampled_from(["support", "attack"]))
    relations = [
        Relation(f"s{a}", f"s{b}", kind, id=f"r{a}-{b}")  # type: ignore[arg-type]
        for (a, b), kind in pairs.items()
    ]
    outgoing = [a for a, _ in pairs]
    single = [r for (a, _), r in zip(pairs, relations, strict=True) if outgoing.count(a) == 1]
    if single and n > 1:
        for r, u in draw(
            st.lists(st.tuples(st.sampled_from(single), st.integers(0, n)), max_size=3)
        ):
            if not any(x.source == f"s{u}" and x.target == r.id for x in relations):
                relations.append(Relation(f"s{u}", r.id, "undercut"))
    extras = draw(
        st.none()
        | st.dictionaries(st.sampled_from(["color", "subTitle", "map"]), TEXT | st.integers())
    )
    return Debate(
        "d",
        tuple(statements),
        tuple(relations),
        extras={} if extras is None else {"argdown": extras},
    )


def content(debate: Debate) -> tuple[object, ...]:
    return (
        debate.motion.title,
        sorted(
            (s.title, " ".join(s.text.split()), s.kind, s.tags, s.sources)
            for s in debate.statements
        ),
        triples(debate),
        debate.extras,
    )


@given(tree_debates())
@settings(max_examples=150, deadline=None)
def test_round_trip_keeps_titles_texts_and_relations(debate: Debate) -> None:
    lost = unrepresentable_in_argdown(debate)
    assert [line for line in lost if "normalised" not in line] == []
    text = write_argdown(debate)
    again = read_argdown(text)
    assert content(again) == content(debate)
    assert write_argdown(again) == text


@given(debates())
@settings(max_examples=100, deadline=None)
def test_any_debate_writes_argdown_that_reads_back(debate: Debate) -> None:
    text = write_argdown(debate)
    again = read_argdown(text)
    assert len(again.statements) == len(debate.statements)
    assert again.motion.title == (" ".join(debate.motion.title.split()) or again.motion.title)
    assert write_argdown(read_argdown(write_argdown(again))) == write_argdown(again)


FRAGMENTS = [
    "[A]: a",
    "<B>: b",
    "[A]",
    "<B>",
    "plain text",
    "+ [C]",
    "  - <D>: d",
    "    <_ <E>",
    "  _> [A]",
    "  >< [F]",
    "  +> <B>",
    "  -> x",
    "(1) p",
    "(2) [A]",
    "(3) <B>",
    "----",
    "--",
    "-- rule --",
    "===",
    "title: x",
    "motion: A",
    "/*",
    "*/",
    "// c",
    "<!--",
    "-->",
    "{sources: [a]}",
    "{",
    "}",
    "#tag",
    "# H",
    "* item",
    "1. item",
    "",
    "  ",
    "\\",
    "[",
    "<",
    "#(x",
    "@[A]",
    "[l](u)",
    "[]:",
    "\t+ x",
    "'",
    '"',
    "\r",
    "-- ",
    "<+",
    "  (1) x",
    "{\nsources:\n- a\n}",
    "===\nmotion: Z\n===",
    "[A]: x {d: 2018-13-45}",
    "{'a",
    "[a\\]b]: c",
    "\\#x",
    "_ <u>",
    "https://x.org/a",
]
LINES = [indent + line for indent in ("", " ", "    ", "\t") for line in FRAGMENTS]
# Argdown-like lines, with arbitrary text spliced in somewhere (few draws: fast)
ARGDOWNISH = st.tuples(
    st.lists(st.sampled_from(LINES), max_size=14).map("\n".join),
    st.text(max_size=12),
    st.integers(0, 400),
).map(lambda t: t[0][: t[2]] + t[1] + t[0][t[2] :])


@given(st.one_of(st.text(max_size=80), ARGDOWNISH, st.binary(max_size=40)))
@settings(
    max_examples=10_000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_fuzz_nothing_but_parse_error_escapes(text: str | bytes) -> None:
    try:
        debate = read_argdown(text)
    except ParseError:
        return
    again = read_argdown(write_argdown(debate))  # what the writer makes reads back
    assert len(again.statements) == len(debate.statements)
