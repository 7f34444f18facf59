"""ICCMA frameworks (i23, apx, tgf) as debates: exact round trips, conventions, errors."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.errors import ParseError
from argmap.formats.iccma import (
    MAX_ARGUMENTS,
    read_apx,
    read_iccma,
    read_tgf,
    unrepresentable_in_apx,
    unrepresentable_in_iccma,
    unrepresentable_in_tgf,
    write_apx,
    write_iccma,
    write_tgf,
)
from argmap.formats.procon import read_procon
from argmap.model import Debate, Relation, Statement
from argmap.semantics.bipolar import debate_framework
from argmap.semantics.framework import Framework
from argmap.semantics.iccma import read_framework
from tests.conftest import EXAMPLES, SEED, SHARED
from tests.strategies import debates

ICCMA = SHARED / "data" / "iccma"
NUCLEAR = EXAMPLES / "03_nuclear_power.md"
FILES = [
    "T-1-cascadespoint-or-us.gml.20.af",  # 7 arguments
    "B-2-comune-di-castellanza_20151218_2338.gml.80.af",
    "A-1-BA_40_80_5.af",
    "A-2-stb_428_430.af",  # one self-attack
    "gen_scc_300.af",  # 131 self-attacks
    "admbuster_1000.af",  # 1,000 arguments
]
Reader = Callable[[str | bytes, str | None], Debate]
READERS: dict[str, Reader] = {"i23": read_iccma, "apx": read_apx, "tgf": read_tgf}
WRITERS: dict[str, Callable[[Debate], str]] = {
    "i23": write_iccma,
    "apx": write_apx,
    "tgf": write_tgf,
}


def attacks(af: Framework) -> set[tuple[str, str]]:
    """The attacks of ``af`` by argument name (1-based numbers when it has none)."""
    names = af.names or tuple(str(a + 1) for a in range(af.n))
    return {(names[a], names[b]) for a, b in zip(af.src.tolist(), af.dst.tolist(), strict=True)}


def arguments(af: Framework) -> tuple[str, ...]:
    return af.names or tuple(str(a + 1) for a in range(af.n))


def debate_attacks(debate: Debate) -> set[tuple[str, str]]:
    """Attack relations plus the self-attacks the reader kept aside."""
    pairs = {(r.source, r.target) for r in debate.relations if r.kind == "attack"}
    return pairs | {(a, a) for a in debate.extras["iccma"]["self_attacks"]}


# --- real frameworks: read -> write -> read is exact, in all three formats --------


@pytest.mark.skipif(not ICCMA.is_dir(), reason="no ICCMA data beside the checkout")
@pytest.mark.parametrize("name", FILES)
def test_iccma_files_round_trip_exactly_in_every_format(name: str) -> None:
    path = ICCMA / name
    data = path.read_bytes()
    original = read_framework(data)
    assert original.n <= 1000
    debate = read_iccma(data, str(path))

    # the debate is the attack graph: one statement per argument, one relation per attack
    assert [s.id for s in debate.statements] == ["motion", *arguments(original)]
    assert debate_attacks(debate) == attacks(original)
    assert len(debate.relations) + len(debate.extras["iccma"]["self_attacks"]) == original.m
    assert unrepresentable_in_iccma(debate) == []

    i23 = write_iccma(debate)
    assert read_framework(i23) == original
    assert read_iccma(i23) == replace(debate, id="framework")
    assert write_iccma(read_iccma(i23)) == i23

    for fmt in ("apx", "tgf"):
        text = WRITERS[fmt](debate)
        af = read_framework(text, fmt)
        assert arguments(af) == arguments(original)
        assert attacks(af) == attacks(original)
        again = READERS[fmt](text, None)
        assert again == replace(debate, id="framework")
        assert WRITERS[fmt](again) == text
        assert write_iccma(again) == i23


def test_named_frameworks_round_trip_exactly() -> None:
    apx = (
        "% names the format allows, a self-attack, a duplicate attack, an argument 'motion'\n"
        "arg(a.b).\narg(x%y).\narg(motion).\narg(été).\narg(z).\n"
        "att(a.b,x%y).\natt( x%y , motion ).\natt(été,été).\natt(a.b,x%y).\n"
    )
    debate = read_apx(apx, "dir/named.apx")
    assert debate.id == "named"
    assert [s.id for s in debate.statements] == ["motion-1", "a.b", "x%y", "motion", "été", "z"]
    assert debate.motion.id == "motion-1"
    assert debate.extras["iccma"] == {"synthetic_motion": "motion-1", "self_attacks": ["été"]}
    written = write_apx(debate)
    assert written == (
        "arg(a.b).\narg(x%y).\narg(motion).\narg(été).\narg(z).\n"
        "att(a.b,x%y).\natt(x%y,motion).\natt(été,été).\n"
    )
    assert read_apx(written) == replace(debate, id="framework")
    assert read_framework(written, "apx") == read_framework(apx, "apx")
    tgf = write_tgf(debate)
    assert tgf == "a.b\nx%y\nmotion\nété\nz\n#\na.b x%y\nx%y motion\nété été\n"
    assert read_tgf(tgf) == replace(debate, id="framework")
    # i23 numbers the arguments in order
    assert write_iccma(debate) == "p af 5\n1 2\n2 3\n4 4\n"


def test_tgf_labels_are_ignored_and_an_empty_framework_still_has_its_motion() -> None:
    debate = read_tgf("1 first argument\n2 second one\n#\n2 1\n")
    assert [(s.id, s.title) for s in debate.statements[1:]] == [("1", "1"), ("2", "2")]
    assert write_iccma(debate) == "p af 2\n2 1\n"
    empty = read_iccma("p af 0\n")
    assert [s.id for s in empty.statements] == ["motion"]
    assert empty.motion.title == "Abstract argumentation framework (0 arguments)"
    assert read_apx("").motion.kind == "motion"
    assert (write_iccma(empty), write_apx(empty), write_tgf(empty)) == ("p af 0\n", "", "#\n")
    one = read_iccma("p af 1\n")
    assert one.motion.title == "Abstract argumentation framework (1 argument)"


# --- the conventions ----------------------------------------------------------------


def test_the_synthetic_motion_is_dropped_only_while_nothing_relates_to_it() -> None:
    debate = read_iccma("p af 2\n1 2\n")
    assert debate.motion.id == "motion" and debate.motion.origin == "iccma"
    assert not any("motion" in (r.source, r.target) for r in debate.relations)
    linked = replace(debate, relations=(*debate.relations, Relation("2", "motion", "attack")))
    assert write_iccma(linked) == "p af 3\n2 3\n3 1\n"  # the motion is argument 1 now
    assert write_apx(linked).splitlines()[0] == "arg(motion)."
    assert unrepresentable_in_iccma(linked)[:2] == [
        "the motion (written as an ordinary argument)",
        "statement ids (i23 numbers the arguments 1..N in statement order)",
    ]


def test_statements_numbered_1_to_n_keep_their_numbers_in_any_order() -> None:
    debate = read_iccma("p af 3\n1 2\n3 1\n")
    shuffled = replace(debate, statements=(debate.statements[0], *reversed(debate.statements[1:])))
    assert write_iccma(shuffled) == "p af 3\n1 2\n3 1\n"
    assert write_tgf(shuffled) == "3\n2\n1\n#\n3 1\n1 2\n"


def test_self_attacks_are_kept_in_extras_and_written_back() -> None:
    debate = read_iccma("p af 3\n1 1\n1 2\n3 3\n")
    assert [(r.source, r.target) for r in debate.relations] == [("1", "2")]
    assert debate.extras["iccma"]["self_attacks"] == ["1", "3"]
    assert write_iccma(debate) == "p af 3\n1 1\n1 2\n3 3\n"
    assert write_tgf(debate) == "1\n2\n3\n#\n1 1\n1 2\n3 3\n"


def test_ids_no_format_can_carry_are_renamed_and_reported() -> None:
    debate = Debate(
        "d",
        (
            Statement("m", "m", kind="motion"),
            Statement("a b", "a b"),
            Statement("a_b", "a_b"),
            Statement("f(x),y", "f(x),y"),
            Statement("#", "#"),
        ),
        (Relation("a b", "m", "attack"), Relation("#", "a b", "attack")),
    )
    assert write_apx(debate) == (
        "arg(m).\narg(a_b_2).\narg(a_b).\narg(f_x__y).\narg(#).\natt(a_b_2,m).\natt(#,a_b_2).\n"
    )
    assert write_tgf(debate) == "m\na_b_2\na_b\nf(x),y\n_#\n#\na_b_2 m\n_# a_b_2\n"
    assert "2 statement ids changed to fit apx names" in unrepresentable_in_apx(debate)
    assert "2 statement ids changed to fit tgf names" in unrepresentable_in_tgf(debate)


def test_a_debate_is_written_as_the_framework_argmap_reasons_with() -> None:
    for debate in (read_procon(SEED.read_bytes()), read_procon(NUCLEAR.read_bytes())):
        af = debate_framework(debate)
        numbered = Framework(af.n, af.src, af.dst)  # the same, unnamed
        assert read_framework(write_iccma(debate)) == numbered
        assert read_framework(write_apx(debate), "apx") == af  # named by statement id
        assert read_framework(write_tgf(debate), "tgf") == af
        lost = unrepresentable_in_iccma(debate)
        assert lost[0] == "the motion (written as an ordinary argument)"
        assert any(line.startswith("the titles and texts of") for line in lost)
        assert any("support" in line and "derived from supports" in line for line in lost)

    nuclear = read_procon(NUCLEAR.read_bytes())
    # "Inflexible Output" attacks "Reliable Low-Carbon Supply", which supports the motion:
    # necessary support derives an attack on the motion too.
    names = read_framework(write_apx(nuclear), "apx")
    inflexible = next(s.id for s in nuclear.statements if s.title == "Inflexible Output")
    reliable = next(s.id for s in nuclear.statements if s.title == "Reliable Low-Carbon Supply")
    assert {(inflexible, reliable), (inflexible, "motion")} <= attacks(names)


def test_losses_are_listed() -> None:
    debate = Debate(
        "d",
        (
            Statement("m", "M", kind="motion"),
            Statement("a", "A", text="why", weight=0.9, kind="premise"),
            Statement("b", "B", weight=0.1),
            Statement("c", "C", weight=1.0),
        ),
        (
            Relation("a", "m", "support", id="r"),
            Relation("b", "a", "attack", weight=0.5),  # fails: a outweighs b
            Relation("c", "r", "undercut"),
            Relation("a", "r", "undercut"),  # undercuts its own inference: no attack
            Relation("c", "b", "rephrase"),
        ),
    )
    lost = unrepresentable_in_iccma(debate)
    assert "the titles and texts of 4 statements" in lost
    assert "1 statement kind (premise, evidence)" in lost
    assert "1 support (Dung frameworks have attacks only; 1 attack derived from supports)" in lost
    assert (
        "2 undercuts (written as attacks on the source of the relation they undercut, "
        "1 undercutting their own inference ignored)"
    ) in lost
    assert "1 rephrase and preference relation" in lost
    assert "1 attack left out: the target outweighs the attacker (weights as preferences)" in lost
    assert "statement weights" in lost and "relation weights, origins and confidences" in lost
    assert write_tgf(debate) == "m\na\nb\nc\n#\nc m\nc a\n"


@given(debates())
@settings(max_examples=100, deadline=None)
def test_any_debate_is_written_as_its_dung_framework(debate: Debate) -> None:
    af = debate_framework(debate)
    numbered = Framework(af.n, af.src, af.dst)  # the same, unnamed
    assert read_framework(write_iccma(debate)) == numbered
    for fmt in ("apx", "tgf"):
        written = read_framework(WRITERS[fmt](debate), fmt)
        assert written.n == af.n
        assert Framework(written.n, written.src, written.dst) == numbered
        again = READERS[fmt](WRITERS[fmt](debate), None)
        assert WRITERS[fmt](again) == WRITERS[fmt](debate)
        assert isinstance(unrepresentable_in_iccma(debate, fmt), list)


# --- errors ---------------------------------------------------------------------------


def test_malformed_input_is_located() -> None:
    with pytest.raises(ParseError, match=r"^f\.af:3:3: expected an argument between 1 and 2"):
        read_iccma("p af 2\n1 2\n2 7\n", "f.af")
    with pytest.raises(ParseError, match=r"^<input>:2:1: expected 'p af N', found 'q'"):
        read_iccma("# comment\nq af 2\n")
    with pytest.raises(ParseError, match=r"^x\.apx:2:1: expected arg\(a\)\. or att\(a,b\)\."):
        read_apx("arg(a).\natt(a b).\n", "x.apx")
    with pytest.raises(ParseError, match=r"^<input>:3:3: expected an argument listed before '#'"):
        read_tgf("a\n#\na z\n")
    with pytest.raises(ParseError, match=r"^<input>:1:1: expected UTF-8 text, found byte 0xff"):
        read_tgf(b"\xff\n#\n")
    with pytest.raises(ParseError, match=r"^<input>:2:3: expected UTF-8 text, found the unpaired"):
        read_iccma("p af 1\n1 \ud800\n")
    with pytest.raises(ParseError, match=rf"^<input>:2:6: expected at most {MAX_ARGUMENTS:,} arg"):
        read_iccma("\np af 99999999999999999999999\n1 2\n")
    with pytest.raises(ParseError, match=r"found '99999999999999999999\.\.\.'"):
        read_iccma("p af " + "9" * 5000)  # more digits than int() takes
    assert len(read_iccma("p af 0000000000000000000000000002\n").statements) == 3
    assert read_iccma(b"\xef\xbb\xbfp af 1\n").statements[1].id == "1"


_TOKENS = [
    "p", "af", "p af ", "arg", "att", "(", ")", ",", ".", "%", "#", " ", "\t", "\n", "\r",
    "\r\n", "1", "2", "0", "-", "a", "b", "é", "\x00", "\x0b", "\ufeff", "\u2028",
    "12000000", "99999999999999999999999",
]  # fmt: skip
_PREFIXES = ["", "p af 3\n", "arg(a).\narg(b).\n", "a\nb\n#\n"]


def _fuzz_input(raw: bytes) -> str | bytes:
    """Raw bytes, their text, or a soup of format tokens after a valid start, by ``raw[0]``.

    One ``binary`` draw per example: hypothesis spends far less per example than on
    a ``one_of`` of lists, which matters at 10,000 examples.
    """
    mode, body = (raw[0], raw[1:]) if raw else (0, b"")
    if mode % 4 == 0:
        return body
    if mode % 4 == 1:
        return body.decode("utf-8", "replace")
    soup = _PREFIXES[mode // 4 % 4] + "".join(_TOKENS[x % len(_TOKENS)] for x in body)
    return soup if mode % 4 == 2 else soup.encode()


FUZZ = st.binary(max_size=48).map(_fuzz_input)


@given(FUZZ)
@settings(max_examples=10_000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_nothing_but_parse_error_escapes_the_readers(data: str | bytes) -> None:
    for read in READERS.values():
        try:
            read(data, "fuzz")
        except ParseError as e:
            assert e.path == "fuzz" and e.line >= 1 and e.column >= 1


def test_readers_take_a_path_argument_for_error_locations(tmp_path: Path) -> None:
    path = tmp_path / "bad.tgf"
    path.write_text("a\n#\na\n")
    with pytest.raises(ParseError) as info:
        read_tgf(path.read_bytes(), str(path))
    assert info.value.location() == f"{path}:3:1"
