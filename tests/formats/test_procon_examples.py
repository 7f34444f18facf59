"""The hand-written debates in ``examples/`` read as their authors meant them.

Each file in ``examples/`` exercises a different form of the pro/con article
grammar; :data:`EXPECTED` says, for each, what a person reading the file would
see: the motion, the arguments on each side in order, the tree of nested
sub-arguments, the metadata and one argument's full text.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from argmap.formats.procon import read_procon
from argmap.model import Debate, RelationKind, Statement

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

_PUNCTUATION = string.punctuation + "“”‘’–—…"


def _words(text: str) -> list[str]:
    """Lower-cased words of ``text`` with punctuation stripped from their ends."""
    stripped = (w.strip(_PUNCTUATION).casefold() for w in text.split())
    return [w for w in stripped if w]


class Untitled:
    """Matches the title a reader made up for an argument written without one.

    The exact rule belongs to the reader; we only require a non-empty title
    whose words are the leading words of the argument's first sentence (the
    last word may be cut short, and a trailing ``…`` is allowed).
    """

    def __init__(self, first_sentence: str) -> None:
        self.first_sentence = first_sentence

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, str):
            return NotImplemented
        core = other.strip().rstrip("…").rstrip(".").strip()
        words, lead = _words(core), _words(self.first_sentence)
        if not words or len(words) > len(lead):
            return False
        *whole, last = words
        return whole == lead[: len(whole)] and lead[len(whole)].startswith(last)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Untitled({self.first_sentence!r})"


Title = str | Untitled
Node = tuple[RelationKind, Any, list[Any]]


def sup(title: Title, *children: Node) -> Node:
    """An expected node that supports its parent."""
    return ("support", title, list(children))


def att(title: Title, *children: Node) -> Node:
    """An expected node that attacks its parent."""
    return ("attack", title, list(children))


def tree(debate: Debate, statement_id: str) -> list[Node]:
    """The sub-arguments of ``statement_id`` as nested ``(kind, title, children)``."""
    return [
        (relation.kind, child.title, tree(debate, child.id))
        for relation, child in debate.children(statement_id)
    ]


def _count(nodes: list[Any]) -> int:
    return sum(1 + _count(children) for _, _, children in nodes)


def _one_line(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True)
class Expect:
    """What a reader of one example file sees in it."""

    motion: str
    motion_line: int
    pro: list[Title]
    con: list[Title]
    # One argument (found by title) and its full text, whitespace-joined.
    text: tuple[Title, str]
    # The whole map under the motion, for files with nested sub-arguments;
    # None means every argument stands alone.
    tree: list[Node] | None = None
    kind: str = ""
    publisher: str = ""
    author: str = ""
    date: str = ""
    url: str = ""
    tags: tuple[str, ...] = ()
    description: str = ""


EXPECTED: dict[str, Expect] = {
    # Label, `from` line, question line, implicit pro paragraphs, `Disagree`.
    "01_congestion_charge.txt": Expect(
        motion="Should the City Introduce a Daily Charge for Private Cars Entering the Centre?",
        motion_line=4,
        kind="Article",
        publisher="Harbourside Institute for Urban Policy",
        pro=[
            "Cleaner Air in the Core",
            "Faster Buses and Deliveries",
            "A Dedicated Source of Transport Funding",
            "Reclaiming Street Space",
            "Fairness to Those Who Do Not Drive",
        ],
        con=[
            "A Burden on Lower-Income Commuters",
            "Harm to Town-Centre Businesses",
            "Traffic Would Simply Move",
            "Public Transport Is Not Ready",
        ],
        text=(
            "Traffic Would Simply Move",
            "Drivers who want to avoid the charge will circle the boundary and park in "
            "residential streets just outside it. The congestion and pollution would not "
            "disappear but would be pushed onto neighbourhoods that were never designed to "
            "carry it.",
        ),
    ),
    # Markdown: `# Title`, `## Pro` / `## Con`, `### Title` headings (one of two paragraphs).
    "02_four_day_school_week.md": Expect(
        motion="Should Secondary Schools Move to a Four-Day Week?",
        motion_line=1,
        pro=[
            "Easier Teacher Recruitment",
            "Lower Running Costs",
            "Room for Appointments and Family Time",
        ],
        con=[
            "Lost Learning Time",
            "Childcare Gaps for Working Parents",
            "Missed Meals",
        ],
        text=(
            "Room for Appointments and Family Time",
            "Medical and dental appointments, which now pull students out of lessons, can be "
            "booked on the free day instead. Families also gain a predictable day together, "
            "which matters in communities where parents work weekends.",
        ),
    ),
    # `Motion:`, `For:` / `Against:`, `**Title.**` / `**Title:**` / `**Title**:` bullets,
    # nested `Pro:`, `Con:`, `Objection:`, `But:` sub-bullets (one untitled).
    "03_nuclear_power.md": Expect(
        motion="The government should fund a new generation of nuclear power stations.",
        motion_line=1,
        pro=["Reliable Low-Carbon Supply", "Energy Security", "Skilled Jobs"],
        con=["Cost and Delay", "Unsolved Waste Problem", "Renewables Are Cheaper Now"],
        tree=[
            sup(
                "Reliable Low-Carbon Supply",
                sup("Proven Track Record"),
                att("Inflexible Output"),
            ),
            sup("Energy Security", att("Concentrated Supply Chains")),
            sup(
                "Skilled Jobs",
                att(
                    Untitled(
                        "The jobs are temporary for most workers, and the permanent staff "
                        "of a finished plant is small."
                    )
                ),
            ),
            att("Cost and Delay", att("Learning by Building")),
            att("Unsolved Waste Problem", att("Finland Has Built One")),
            att("Renewables Are Cheaper Now"),
        ],
        text=(
            "Reliable Low-Carbon Supply",
            "Nuclear plants produce large amounts of electricity around the clock with very "
            "low emissions, which complements wind and solar on still, dark winter evenings.",
        ),
    ),
    # First line as motion, `Yes` / `No`, untitled paragraphs (one hard-wrapped).
    "04_phones_in_classrooms.txt": Expect(
        motion="Should mobile phones be banned from classrooms?",
        motion_line=1,
        pro=[
            Untitled("Phones are a constant source of distraction."),
            Untitled("A ban protects students from bullying during the school day."),
            Untitled("Teachers lose minutes in every lesson negotiating over phones."),
        ],
        con=[
            Untitled("Phones are useful learning tools."),
            Untitled("Parents want to be able to reach their children."),
            Untitled("Banning phones does not teach responsible use."),
            Untitled("A ban is hard to enforce fairly."),
        ],
        text=(
            Untitled("A ban protects students from bullying during the school day."),
            "A ban protects students from bullying during the school day. Group chats and "
            "hidden photos follow pupils into every lesson when phones are allowed, and a "
            "clear rule gives teachers the authority to step in before a cruel message "
            "spreads through the whole year group.",
        ),
    ),
    # CRLF line ends, typographic quotes and dashes, description before `PRO`, `CON`.
    "05_universal_basic_income.txt": Expect(
        motion="Should every adult receive a universal basic income?",
        motion_line=1,
        description=(
            "A “universal basic income” is a regular cash payment made to every adult "
            "resident – working or not – with no means test and no conditions attached."
        ),
        pro=[
            "A Floor Under Everyone",
            "Freedom to Say No",
            "Less Bureaucracy",
            "Recognising Unpaid Work",
        ],
        con=[
            "The Price Tag",
            "Work’s Value Goes Beyond Pay",
            "Poorly Targeted Help",
            "Pressure on Rents",
        ],
        text=(
            "Pressure on Rents",
            "Landlords in tight housing markets may simply raise rents by roughly the amount "
            "of the payment – the ‘free money’ ends up in someone else’s pocket.",
        ),
    ),
    # `Pro:` / `Con:` markers, numbered `1.` / `1)` items, `*` and `+` bullets,
    # three levels of nesting, continuation lines.
    "06_lab_grown_meat.md": Expect(
        motion="Should supermarkets be allowed to sell lab-grown meat?",
        motion_line=1,
        pro=["Animal Welfare", "Lower Land Use", "Food Safety"],
        con=["Unproven at Scale", "Consumer Trust", "Threat to Farming Communities"],
        tree=[
            sup(
                "Animal Welfare",
                sup(
                    "Fewer Slaughterhouses",
                    sup("Worker Safety"),
                    att("Job Losses"),
                ),
                att("Cells Still Come From Animals"),
            ),
            sup("Lower Land Use"),
            sup("Food Safety"),
            att("Unproven at Scale", att("Costs Are Falling")),
            att("Consumer Trust"),
            att("Threat to Farming Communities", sup("Farmers Lack a Transition Plan")),
        ],
        text=(
            "Animal Welfare",
            "Cultivated meat is grown from a small sample of cells, so far fewer animals need "
            "to be raised and slaughtered for food.",
        ),
    ),
    # `AGREE:` / `DISAGREE:` in capitals; Author, Date, URL and Tags metadata.
    "07_remote_work.txt": Expect(
        motion="Should office employers make remote work the default?",
        motion_line=8,
        kind="Essay",
        publisher="The Workplace Futures Forum",
        author="Dana Okafor",
        date="2024-03-18",
        url="https://example.org/essays/remote-work-default",
        tags=("work", "technology", "cities"),
        pro=["No Commute", "A Wider Talent Pool", "Lower Office Costs"],
        con=[
            "Weaker Mentoring",
            "Blurred Boundaries",
            "Hollowed-Out City Centres",
            "Unequal Home Conditions",
        ],
        text=(
            "Unequal Home Conditions",
            "Staff in shared flats or small homes cannot set up a quiet workspace, so remote "
            "work quietly favours those who already have more room.",
        ),
    ),
    # Description paragraph between `# Title` and a leading `## For`; bold-title paragraphs.
    "08_compulsory_voting.md": Expect(
        motion="Should Voting Be Compulsory in National Elections?",
        motion_line=1,
        description=(
            "Turnout in national elections has fallen over the past three decades, most "
            "sharply among young and low-income voters. This briefing sets out the main "
            "arguments for and against requiring every registered citizen to attend a "
            "polling station or return a postal ballot, with a small fine for those who "
            "do not."
        ),
        pro=[
            "A Truly Representative Result",
            "Less Extreme Campaigning",
            "Voting as a Civic Duty",
        ],
        con=[
            "Freedom Includes Abstention",
            "Uninformed Ballots",
            "Fines Fall on the Poorest",
        ],
        text=(
            "Uninformed Ballots",
            "People who are forced to vote without interest in the election may choose at "
            "random or tick the first name on the paper, adding noise rather than insight.",
        ),
    ),
    # `### Title` heading arguments with bullets beneath them, nested three deep.
    "09_space_exploration.md": Expect(
        motion="Should the Government Double Its Budget for Space Exploration?",
        motion_line=1,
        pro=["Scientific Return", "Technology Spillovers", "Inspiring Young Scientists"],
        con=["Opportunity Cost", "Space Debris"],
        tree=[
            sup(
                "Scientific Return",
                sup("Telescope Discoveries"),
                att("Robots Are Cheaper Than Crews"),
            ),
            sup(
                "Technology Spillovers",
                sup(
                    "Satellite Industry",
                    att("Private Firms Lead Now", att("Public Contracts Fund Them")),
                ),
            ),
            sup("Inspiring Young Scientists"),
            att("Opportunity Cost", att("Small Share of Spending")),
            att("Space Debris", sup("Debris Cascades")),
        ],
        text=(
            "Technology Spillovers",
            "Engineering for spaceflight has produced advances in materials, imaging and "
            "miniaturised electronics that later found their way into everyday products.",
        ),
    ),
    # Implicit pro side of `•` bullets, lower-case `against`, some untitled items.
    "10_sugar_tax.txt": Expect(
        motion="Should sugary drinks carry a special tax?",
        motion_line=4,
        kind="Opinion",
        publisher="Northfield Public Health Review",
        pro=[
            "Fewer Empty Calories",
            "Reformulation by Manufacturers",
            Untitled("The revenue can fund school sports and free drinking fountains."),
        ],
        con=[
            "Regressive Effect",
            Untitled("People switch to sweets and snacks that the tax does not cover."),
            "Nanny-State Objection",
        ],
        text=(
            "Regressive Effect",
            "Poorer households spend a larger share of their income on food and drink, so "
            "they pay proportionally more of the tax.",
        ),
    ),
    # `# Title`, implicit pro paragraphs with `**Title.**`, then `## Con` and `*` bullets.
    "11_primary_homework.md": Expect(
        motion="Should Homework Be Abolished in Primary Schools?",
        motion_line=1,
        pro=[
            "Little Benefit at This Age",
            "Time for Play and Reading",
            "Homework Widens Gaps",
        ],
        con=[
            "Building Habits Early",
            "A Window for Parents",
            "Practice Makes Permanent",
        ],
        text=(
            "A Window for Parents",
            "Homework shows parents what their child is learning and where they struggle.",
        ),
    ),
}

# Arguments whose lines we counted by hand: (file, title, first line, last line).
EXACT_SPANS = [
    (
        "04_phones_in_classrooms.txt",
        Untitled("A ban protects students from bullying during the school day."),
        7,
        9,
    ),
    ("06_lab_grown_meat.md", "Lower Land Use", 15, 16),
]


def _read(name: str) -> Debate:
    path = EXAMPLES / name
    return read_procon(path.read_bytes(), str(path))


def _find(debate: Debate, title: Title) -> Statement:
    found = [s for s in debate.statements if s.kind != "motion" and title == s.title]
    assert len(found) == 1, f"expected one statement titled {title!r}, found {len(found)}"
    return found[0]


def test_every_example_has_expectations() -> None:
    files = sorted(p.name for p in EXAMPLES.iterdir() if p.is_file())
    assert files, f"no examples in {EXAMPLES}"
    assert files == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_motion(name: str) -> None:
    debate = _read(name)
    assert debate.motion.title == EXPECTED[name].motion


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sides_in_order(name: str) -> None:
    debate = _read(name)
    expect = EXPECTED[name]
    assert [s.title for s in debate.side("support")] == expect.pro
    assert [s.title for s in debate.side("attack")] == expect.con


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_tree(name: str) -> None:
    debate = _read(name)
    expect = EXPECTED[name]
    expected = expect.tree
    if expected is None:
        expected = [sup(t) for t in expect.pro] + [att(t) for t in expect.con]
    assert tree(debate, debate.motion.id) == expected
    # Nothing beyond the map: no stray statements outside the tree.
    assert len(debate.statements) == 1 + _count(expected)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_metadata(name: str) -> None:
    debate = _read(name)
    expect = EXPECTED[name]
    assert debate.source.kind == expect.kind
    assert debate.source.title == expect.publisher
    assert debate.source.author == expect.author
    assert debate.source.date == expect.date
    assert debate.source.url == expect.url
    assert debate.tags == expect.tags
    assert _one_line(debate.description) == expect.description


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_one_argument_text(name: str) -> None:
    debate = _read(name)
    title, text = EXPECTED[name].text
    assert _one_line(_find(debate, title).text) == text


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_statement_has_a_span(name: str) -> None:
    debate = _read(name)
    line_count = len((EXAMPLES / name).read_bytes().decode("utf-8").splitlines())
    for s in debate.statements:
        assert s.span is not None, f"{s.title!r} has no span"
        assert 1 <= s.span.start_line <= s.span.end_line <= line_count, (s.title, s.span)
    assert debate.motion.span is not None
    assert debate.motion.span.start_line == EXPECTED[name].motion_line
    # Top-level arguments come in document order.
    starts = [
        s.span.start_line
        for s in debate.side("support") + debate.side("attack")
        if s.span is not None
    ]
    assert starts == sorted(starts)


@pytest.mark.parametrize(("name", "title", "start", "end"), EXACT_SPANS)
def test_exact_span(name: str, title: Title, start: int, end: int) -> None:
    debate = _read(name)
    span = _find(debate, title).span
    assert span is not None
    assert (span.start_line, span.end_line) == (start, end)


def test_crlf_example_really_has_crlf_and_typography() -> None:
    # Guards the example itself: an editor that rewrites line ends would hollow out the test.
    raw = (EXAMPLES / "05_universal_basic_income.txt").read_bytes()
    assert raw.count(b"\r\n") == raw.count(b"\n") > 0
    text = raw.decode("utf-8")
    for char in "“”‘’–—":
        assert char in text


def test_untitled_matcher() -> None:
    sentence = "Phones are a constant source of distraction."
    assert Untitled(sentence) == "Phones are a constant source of distraction"
    assert Untitled(sentence) == "Phones are a constant…"
    assert Untitled(sentence) == "Phones are a const…"
    assert Untitled(sentence) != ""
    assert Untitled(sentence) != "…"
    assert Untitled(sentence) != "Tablets are a constant source"
