"""AIF JSON: the real AIFdb file, the example, each mapping rule, round trips, errors, fuzz."""

from __future__ import annotations

import json
import random
from collections import Counter
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import ParseError
from argmap.formats.aif import (
    NODE_TYPES,
    looks_like_aif,
    read_aif,
    unrepresentable_in_aif,
    write_aif,
)
from argmap.formats.native import read_native, write_native
from argmap.formats.procon import read_procon
from argmap.model import Debate, Relation, Statement
from tests.conftest import EXAMPLES, SEED, SHARED
from tests.strategies import debates

REAL = SHARED / "data" / "formats" / "aif_araucaria-nodeset137.json"
EXAMPLE = EXAMPLES / "aif" / "short_haul_flights.json"


def kinds(debate: Debate) -> Counter[str]:
    return Counter(r.kind for r in debate.relations)


def triples(debate: Debate) -> set[tuple[str, str, str]]:
    return {(r.source, r.kind, r.target) for r in debate.relations}


def without_aif(debate: Debate) -> Debate:
    return replace(debate, extras={k: v for k, v in debate.extras.items() if k != "aif"})


def as_set(items: list[dict[str, Any]]) -> set[str]:
    return {json.dumps(item, sort_keys=True) for item in items}


def aif(nodes: list[tuple[Any, ...]], edges: list[tuple[Any, Any]], **rest: Any) -> str:
    """A document from (nodeID, type[, text]) nodes and (fromID, toID) edges, one a line."""
    node_lines = [
        json.dumps({"nodeID": n[0], "text": n[2] if len(n) > 2 else n[1], "type": n[1]})
        for n in nodes
    ]
    edge_lines = [
        json.dumps({"edgeID": str(100 + k), "fromID": a, "toID": b})
        for k, (a, b) in enumerate(edges)
    ]
    lines = ['{"nodes": [', ",\n".join(node_lines), '], "edges": [', ",\n".join(edge_lines), "]"]
    lines += [f", {json.dumps(k)}: {json.dumps(v)}" for k, v in rest.items()]
    return "\n".join([*lines, "}"])


def line_of(text: str, needle: str) -> int:
    return next(k for k, line in enumerate(text.splitlines(), 1) if needle in line)


def error(text: str | bytes) -> ParseError:
    with pytest.raises(ParseError) as info:
        read_aif(text, "d.json")
    return info.value


# --- the real AIFdb file -----------------------------------------------------------------


def test_real_file_reads_as_counted_by_hand() -> None:
    # Counted by hand from the JSON: 11 nodes, 7 of type I (1279-1285), two CA (1286,
    # 1287) and two RA (1288, 1289); 10 edges.
    #   RA 1288: 1282->1288, 1283->1288, 1288->1279      2 supports of 1279
    #   RA 1289: 1284->1289, 1285->1289, 1289->1281      2 supports of 1281
    #   CA 1286: 1280->1286, 1286->1279                  1280 attacks 1279
    #   CA 1287: 1281->1287, 1287->1282                  1281 attacks 1282
    # No CA points at an RA and there is no MA or PA: no undercut, rephrase, preference.
    debate = read_aif(REAL.read_bytes(), str(REAL))
    assert len(debate.statements) == 7
    assert len(debate.relations) == 6
    assert kinds(debate) == {"support": 4, "attack": 2}
    assert triples(debate) == {
        ("1282", "support", "1279"),
        ("1283", "support", "1279"),
        ("1284", "support", "1281"),
        ("1285", "support", "1281"),
        ("1280", "attack", "1279"),
        ("1281", "attack", "1282"),
    }
    # 1279 is the conclusion of RA 1288 and the target of CA 1286, and a premise of none.
    assert debate.motion.id == "1279"
    assert debate.motion.title == "An exemption should be given to the laws"
    assert debate.id == "an-exemption-should-be-given-to-the-laws"
    assert [r.id for r in debate.relations] == [
        "1286",
        "1287",
        "1288.1",
        "1288.2",
        "1289.1",
        "1289.2",
    ]
    # each node is one sentence: the title is the whole text, and the text is left empty
    assert debate.statement("1283").title == (
        "The environmental laws already allow the Department of Defense to apply for "
        "exemptions on a case-by-case basis if they really need it"
    )
    assert {s.text for s in debate.statements} == {""}
    assert {s.origin for s in debate.statements} == {"aif"}


def test_real_file_writes_back_the_same_nodes_edges_and_locutions() -> None:
    original = json.loads(REAL.read_bytes())
    first = write_aif(read_aif(REAL.read_bytes()))
    again = write_aif(read_aif(first))
    for text in (first, again):
        doc = json.loads(text)
        assert as_set(doc["nodes"]) == as_set(original["nodes"])
        assert as_set(doc["edges"]) == as_set(original["edges"])
        assert as_set(doc.get("locutions", [])) == as_set(original.get("locutions", []))
    assert json.loads(first) == original  # nothing added: not even argmap's own key
    assert again == first


def test_real_file_is_recognised_from_its_first_bytes() -> None:
    assert looks_like_aif(REAL.read_bytes()[:64])
    assert looks_like_aif(REAL.read_bytes())
    assert looks_like_aif(EXAMPLE.read_bytes()[:64])


# --- the example -------------------------------------------------------------------------


def test_example_reads_as_counted_by_hand() -> None:
    # examples/aif/short_haul_flights.json, counted by hand: 7 I nodes (1-7);
    #   RA 20: 2->20, 3->20, 20->1     2 supports of the motion
    #   RA 25: 7->25, 25->3            1 support
    #   CA 21: 4->21, 21->1            1 attack on the motion
    #   CA 22: 5->22, 22->20           CA on RA 20: 2 undercuts, one per support of RA 20
    #   MA 23: 6->23, 23->2            1 rephrase
    #   PA 24: 2->24, 24->4            1 preference (2 over 4)
    # and 3 L, 5 YA and 2 TA nodes, which are no statements.
    debate = read_aif(EXAMPLE.read_bytes(), str(EXAMPLE))
    assert len(debate.statements) == 7
    assert kinds(debate) == {
        "support": 3,
        "attack": 1,
        "undercut": 2,
        "rephrase": 1,
        "preference": 1,
    }
    assert debate.motion.id == "1"
    assert debate.motion.title == "Cities should ban short-haul flights from their airports."
    assert debate.motion.text == ""
    undercuts = [r for r in debate.relations if r.kind == "undercut"]
    assert [(r.source, r.target, r.id) for r in undercuts] == [
        ("5", "20.1", "22.1"),
        ("5", "20.2", "22.2"),
    ]
    supports = {r.id: (r.source, r.target) for r in debate.relations if r.kind == "support"}
    assert supports == {"20.1": ("2", "1"), "20.2": ("3", "1"), "25": ("7", "3")}
    kept = debate.extras["aif"]
    assert len(kept["locutions"]) == 3
    assert [p["firstname"] for p in kept["participants"]] == ["Asha", "Tom"]
    assert Counter(n["type"] for n in kept["nodes"] if n["type"] in ("L", "TA", "YA")) == {
        "L": 3,
        "YA": 5,
        "TA": 2,
    }


def test_example_round_trips_exactly() -> None:
    original = json.loads(EXAMPLE.read_bytes())
    debate = read_aif(EXAMPLE.read_bytes())
    assert json.loads(write_aif(debate)) == original
    assert write_aif(debate) == EXAMPLE.read_text(encoding="utf-8")  # byte for byte
    assert read_aif(write_aif(debate)) == debate
    # and through argmap's native JSON, which carries extras["aif"]
    assert json.loads(write_aif(read_native(write_native(debate)))) == original


# --- the mapping, rule by rule -------------------------------------------------------------


def test_each_premise_of_an_ra_supports_its_conclusion() -> None:
    debate = read_aif(
        aif(
            [("c", "I", "C."), ("p", "I", "P."), ("q", "I", "Q."), ("r", "RA")],
            [("p", "r"), ("q", "r"), ("r", "c")],
        )
    )
    assert [(r.source, r.kind, r.target, r.id) for r in debate.relations] == [
        ("p", "support", "c", "r.1"),
        ("q", "support", "c", "r.2"),
    ]


def test_a_scheme_node_with_one_relation_gives_it_its_own_id() -> None:
    debate = read_aif(
        aif([("c", "I", "C."), ("p", "I", "P."), ("9", "RA")], [("p", "9"), ("9", "c")])
    )
    assert debate.relations == (Relation("p", "c", "support", id="9"),)


def test_ca_attacks_ma_rephrases_pa_prefers() -> None:
    debate = read_aif(
        aif(
            [
                ("m", "I", "M."),
                ("a", "I", "A."),
                ("b", "I", "B."),
                ("ca", "CA"),
                ("ma", "MA"),
                ("pa", "PA"),
            ],
            [("a", "ca"), ("ca", "m"), ("b", "ma"), ("ma", "a"), ("a", "pa"), ("pa", "b")],
        )
    )
    assert triples(debate) == {
        ("a", "attack", "m"),
        ("b", "rephrase", "a"),
        ("a", "preference", "b"),
    }


def test_a_ca_on_an_ra_undercuts_every_support_of_it() -> None:
    debate = read_aif(
        aif(
            [("c", "I"), ("p", "I"), ("q", "I"), ("x", "I"), ("ra", "RA"), ("ca", "CA")],
            [("p", "ra"), ("q", "ra"), ("ra", "c"), ("x", "ca"), ("ca", "ra")],
        )
    )
    undercuts = [(r.source, r.target, r.id) for r in debate.relations if r.kind == "undercut"]
    assert undercuts == [("x", "ra.1", "ca.1"), ("x", "ra.2", "ca.2")]
    assert debate.motion.id == "c"


def test_a_ca_on_a_ca_undercuts_the_attack() -> None:
    debate = read_aif(
        aif(
            [("m", "I"), ("a", "I"), ("x", "I"), ("ca1", "CA"), ("ca2", "CA")],
            [("a", "ca1"), ("ca1", "m"), ("x", "ca2"), ("ca2", "ca1")],
        )
    )
    assert Relation("x", "ca1", "undercut", id="ca2") in debate.relations


def test_dialogue_nodes_locutions_and_unknown_keys_are_kept() -> None:
    text = aif(
        [
            ("1", "I", "Claim."),
            ("2", "I", "Reason."),
            ("3", "RA"),
            ("4", "L", "Ann : Reason."),
            ("5", "YA", "Asserting"),
        ],
        [("2", "3"), ("3", "1"), ("4", "5"), ("5", "2")],
        locutions=[{"nodeID": "4", "personID": "7", "timestamp": "t", "start": None}],
        participants=[{"participantID": "7", "firstname": "Ann", "surname": "Lee"}],
        analyst="someone",
    )
    debate = read_aif(text)
    kept = debate.extras["aif"]
    assert [n["text"] for n in kept["nodes"]] == [None, None, "RA", "Ann : Reason.", "Asserting"]
    assert kept["analyst"] == "someone"
    assert json.loads(write_aif(debate)) == json.loads(text)


def test_node_timestamps_and_schemes_survive_a_change_elsewhere() -> None:
    debate = read_aif(EXAMPLE.read_bytes())
    changed = replace(
        debate,
        statements=tuple(
            replace(s, title="Ban them") if s.kind == "motion" else s for s in debate.statements
        ),
    )
    doc = json.loads(write_aif(changed))
    ra = next(n for n in doc["nodes"] if n["nodeID"] == "20")
    assert ra["scheme"] == "PositiveConsequences"
    assert ra["timestamp"] == "2024-05-14 18:05:00"
    assert read_aif(write_aif(changed)) == changed


def test_xaif_with_integer_ids_round_trips() -> None:
    doc = {
        "AIF": {
            "nodes": [
                {"nodeID": 0, "text": "Claim", "type": "I"},
                {"nodeID": 1, "text": "Reason", "type": "I"},
                {"nodeID": 2, "text": "Default Inference", "type": "RA"},
            ],
            "edges": [{"edgeID": 0, "fromID": 1, "toID": 2}, {"edgeID": 1, "fromID": 2, "toID": 0}],
            "locutions": [],
            "participants": [],
            "schemefulfillments": [],
        },
        "OVA": {"firstname": "", "surname": "", "url": "", "nodes": [], "edges": []},
        "text": "Claim. Reason.",
        "dialog": False,
    }
    debate = read_aif(json.dumps(doc))
    assert debate.motion.id == "0"
    assert debate.relations == (Relation("1", "0", "support", id="2"),)
    assert json.loads(write_aif(debate)) == doc
    added = replace(
        debate,
        statements=(*debate.statements, Statement("new", "Another reason")),
        relations=(*debate.relations, Relation("new", "0", "support")),
    )
    out = json.loads(write_aif(added))
    assert {n["nodeID"] for n in out["AIF"]["nodes"]} == {0, 1, 2, 3, 4}  # fresh ids are ints
    assert without_aif(read_aif(json.dumps(out))) == without_aif(added)


def test_motion_is_the_unsupported_conclusion_with_most_inferences_and_conflicts() -> None:
    nodes = [("a", "I"), ("b", "I"), ("c", "I"), ("d", "I")]
    nodes += [("r1", "RA"), ("r2", "RA"), ("x", "CA"), ("r3", "RA")]
    # b has two (r1, x) but is a premise of r3; c has one; d has one
    edges = [("a", "r1"), ("r1", "b"), ("a", "x"), ("x", "b")]
    edges += [("b", "r3"), ("r3", "c"), ("a", "r2"), ("r2", "d")]
    assert read_aif(aif(nodes, edges)).motion.id == "c"  # c before d: first in the file wins
    assert read_aif(aif(nodes[::-1], edges)).motion.id == "d"
    # no inference or conflict at all: the first I node
    assert read_aif(aif([("z", "I"), ("y", "I")], [])).motion.id == "z"
    # everything a premise (a cycle): the most pointed at
    cycle = aif(
        [("p", "I"), ("q", "I"), ("1", "RA"), ("2", "RA"), ("3", "CA")],
        [("p", "1"), ("1", "q"), ("q", "2"), ("2", "p"), ("p", "3"), ("3", "q")],
    )
    assert read_aif(cycle).motion.id == "q"
    # argmap's own key names another
    named = aif(nodes, edges, argmap={"version": 1, "motion": "a"})
    debate = read_aif(named)
    assert debate.motion.id == "a"
    assert [s.kind for s in debate.statements].count("motion") == 1


def test_a_repeated_pair_is_one_relation_and_the_aif_is_kept() -> None:
    # two linked arguments share premise p and conclusion c: p supports c once in argmap
    text = aif(
        [("c", "I"), ("p", "I"), ("q", "I"), ("r", "I"), ("1", "RA"), ("2", "RA")],
        [("p", "1"), ("q", "1"), ("1", "c"), ("p", "2"), ("r", "2"), ("2", "c")],
    )
    debate = read_aif(text)
    assert [(r.source, r.target, r.id) for r in debate.relations] == [
        ("p", "c", "1.1"),
        ("q", "c", "1.2"),
        ("r", "c", "2"),
    ]
    assert json.loads(write_aif(debate)) == json.loads(text)
    # drop p -> c: neither node may say it any more
    dropped = replace(debate, relations=debate.relations[1:])
    out = json.loads(write_aif(dropped))
    assert ("p", "1") not in {(e["fromID"], e["toID"]) for e in out["edges"]}
    assert ("p", "2") not in {(e["fromID"], e["toID"]) for e in out["edges"]}
    assert without_aif(read_aif(json.dumps(out))) == without_aif(dropped)


def test_structures_argmap_does_not_model_are_kept() -> None:
    # an RA supporting an RA (backing an inference), and an edge from a node to itself
    text = aif(
        [("c", "I"), ("p", "I"), ("w", "I"), ("1", "RA"), ("2", "RA")],
        [("p", "1"), ("1", "c"), ("w", "2"), ("2", "1"), ("c", "c")],
    )
    debate = read_aif(text)
    assert triples(debate) == {("p", "support", "c")}
    assert json.loads(write_aif(debate)) == json.loads(text)


def test_removing_a_statement_removes_its_node_and_edges_only() -> None:
    debate = read_aif(EXAMPLE.read_bytes())
    smaller = replace(
        debate,
        statements=tuple(s for s in debate.statements if s.id != "7"),
        relations=tuple(r for r in debate.relations if r.source != "7"),
    )
    doc = json.loads(write_aif(smaller))
    ids = {n["nodeID"] for n in doc["nodes"]}
    assert "7" not in ids and "25" not in ids  # the statement and its RA
    assert {"30", "31", "32", "40", "50"} <= ids  # the dialogue stays
    assert all("7" not in (e["fromID"], e["toID"]) for e in doc["edges"])
    assert without_aif(read_aif(json.dumps(doc))) == without_aif(smaller)
    assert unrepresentable_in_aif(smaller) == []


def test_statements_made_elsewhere_get_fresh_numeric_node_ids() -> None:
    debate = read_aif(EXAMPLE.read_bytes())
    added = replace(
        debate,
        statements=(*debate.statements, Statement("mine", "Trains are slower door to door")),
        relations=(*debate.relations, Relation("mine", "1", "attack", id="r-mine")),
    )
    doc = json.loads(write_aif(added))
    new = doc["nodes"][-2:]  # new statements, then new scheme nodes, after the kept ones
    assert [n["type"] for n in new] == ["I", "CA"]
    assert all(n["nodeID"].isdigit() and int(n["nodeID"]) > 51 for n in new)
    assert doc["argmap"]["statements"][new[0]["nodeID"]]["id"] == "mine"
    assert without_aif(read_aif(json.dumps(doc))) == without_aif(added)


def test_an_undercut_of_one_support_of_a_linked_argument() -> None:
    # AIF can only undercut the whole RA; argmap's key says which undercut is not the debate's
    debate = read_aif(EXAMPLE.read_bytes())
    one = replace(debate, relations=tuple(r for r in debate.relations if r.id != "22.2"))
    doc = json.loads(write_aif(one))
    assert doc["argmap"]["relations"] == {"22.2": None}
    assert without_aif(read_aif(json.dumps(doc))) == without_aif(one)


def test_the_writer_says_what_aif_can_not_say_under_its_own_key_only() -> None:
    debate = read_procon(SEED.read_bytes())
    doc = json.loads(write_aif(debate))
    assert set(doc) == {"nodes", "edges", "locutions", "argmap"}
    assert doc["locutions"] == []
    assert Counter(n["type"] for n in doc["nodes"]) == {"I": 11, "RA": 5, "CA": 5}
    assert {n["text"] for n in doc["nodes"] if n["type"] != "I"} == {
        "Default Inference",
        "Default Conflict",
    }
    assert all(set(e) == {"edgeID", "fromID", "toID", "formEdgeID"} for e in doc["edges"])
    own = doc["argmap"]
    assert "motion" not in own  # the convention finds it
    assert own["statements"]["2"] == {
        "id": "pro-1",
        "title": "Avoiding A Protracted Conflict",
        "span": [6, 6],
        "origin": "procon",
    }


def test_seed_converts_to_aif_and_back() -> None:
    debate = read_procon(SEED.read_bytes())
    back = read_aif(write_aif(debate))
    assert back.motion.title == debate.motion.title
    titles = [s.title for s in back.side("support")] + [s.title for s in back.side("attack")]
    assert len(titles) == 10
    assert titles == [s.title for s in debate.side("support")] + [
        s.title for s in debate.side("attack")
    ]
    assert without_aif(back) == debate
    assert unrepresentable_in_aif(debate) == []
    # An AIF tool that drops argmap's key still finds the motion and the same texts.
    doc = json.loads(write_aif(debate))
    del doc["argmap"]
    bare = read_aif(json.dumps(doc))
    assert bare.motion.title == debate.motion.title
    assert [s.text or s.title for s in bare.statements] == [
        s.text or s.title for s in debate.statements
    ]
    assert kinds(bare) == {"support": 5, "attack": 5}


# --- round trips ---------------------------------------------------------------------------


RESERVED = {"nodes", "edges", "argmap", "AIF", "locutions", "participants"}


@given(debates())
@settings(max_examples=200, deadline=None)
def test_write_then_read_gives_the_debate_back(debate: Debate) -> None:
    text = write_aif(debate)
    back = read_aif(text)
    assert without_aif(back) == without_aif(debate)
    kept = debate.extras.get("aif", {})
    for key, value in kept.items():
        if key not in RESERVED:
            assert back.extras["aif"][key] == value
    assert write_aif(back) == text  # and the document is stable
    if not set(kept) & RESERVED:
        assert unrepresentable_in_aif(debate) == []


@given(debates(), st.data())
@settings(max_examples=100, deadline=None)
def test_an_edited_aif_debate_still_round_trips(debate: Debate, data: st.DataObject) -> None:
    """Read a written debate, drop some relations and statements, write, read."""
    read = read_aif(write_aif(debate))
    count = len(read.statements)
    keep = data.draw(st.lists(st.booleans(), min_size=count, max_size=count))
    ids = {s.id for s, k in zip(read.statements, keep, strict=True) if k or s.kind == "motion"}
    relations = [
        r for r in read.relations if r.source in ids and (r.kind == "undercut" or r.target in ids)
    ]
    drop: set[int] = set()
    if relations:
        drop = set(data.draw(st.lists(st.sampled_from(range(len(relations))), max_size=3)))
    relations = [r for k, r in enumerate(relations) if k not in drop]
    while True:  # undercuts whose target went
        names = {r.id for r in relations}
        left = [r for r in relations if r.kind != "undercut" or r.target in names]
        if len(left) == len(relations):
            break
        relations = left
    edited = replace(
        read,
        statements=tuple(s for s in read.statements if s.id in ids),
        relations=tuple(relations),
        votes=tuple(v for v in read.votes if v.statement in ids),
    )
    assert without_aif(read_aif(write_aif(edited))) == without_aif(edited)


def test_an_undercut_cycle_is_reported_lost() -> None:
    debate = Debate(
        "d",
        (Statement("m", "M", kind="motion"), Statement("a", "A"), Statement("b", "B")),
        (
            Relation("a", "m", "support", id="s"),
            Relation("a", "u2", "undercut", id="u1"),
            Relation("b", "u1", "undercut", id="u2"),
        ),
    )
    assert unrepresentable_in_aif(debate) == ["2 undercuts that point at one another in a cycle"]
    back = read_aif(write_aif(debate))
    assert back.relations == (Relation("a", "m", "support", id="s"),)


def test_extras_that_are_not_aif_or_json_are_reported_lost() -> None:
    base = read_procon(SEED.read_bytes())
    junk = replace(base, extras={"aif": {"locutions": 5, "note": "kept"}, "other": {1, 2}})
    assert unrepresentable_in_aif(junk) == [
        "extras['other'] (not JSON)",
        "extras['aif']['locutions'] (not a list of objects)",
    ]
    back = read_aif(write_aif(junk))
    assert back.extras["aif"]["note"] == "kept"
    assert "other" not in back.extras
    broken = replace(base, extras={"aif": {"nodes": [{"nodeID": "1"}], "edges": []}})
    assert unrepresentable_in_aif(broken)[0].startswith("the AIF graph in extras['aif']")
    assert without_aif(read_aif(write_aif(broken))) == without_aif(base)
    assert unrepresentable_in_aif(replace(base, extras={"aif": 3})) == [
        "extras['aif'] (3: not an object)"
    ]


# --- errors --------------------------------------------------------------------------------


def test_invalid_json_is_located() -> None:
    e = error('{"nodes": [],\n  "edges": [\n    oops]}')
    assert (e.line, e.column) == (3, 5)
    assert str(e).startswith("d.json:3:5: expected valid JSON")


def test_undecodable_bytes_are_located() -> None:
    e = error(b'{"nodes": [\n {"nodeID": "1", "text": "caf\xe9"}]}')
    assert (e.line, e.column, e.expected) == (2, 30, "UTF-8 text")


def test_too_deep_or_too_long_json_is_a_parse_error() -> None:
    assert "nesting too deep" in str(error("[" * 100_000))
    assert error('{"nodes": ' + "1" * 5000 + "}").expected == "valid JSON"


def test_nan_and_infinity_are_not_json() -> None:
    e = error('{"nodes": [],\n "edges": [], "x": NaN}')
    assert (e.line, e.column, e.expected, e.found) == (2, 20, "valid JSON (a number)", "NaN")


def test_a_weight_no_float_can_hold() -> None:
    own = '"argmap": {"statements": {"1": {"weight": 1' + "0" * 400 + "}}}"
    e = error('{"nodes": [{"nodeID": "1", "type": "I", "text": "A"}], "edges": [], ' + own + "}")
    assert e.expected == "argmap.statements['1'].weight to be a number a float can hold"


def test_undercuts_nested_thousands_deep() -> None:
    # x0 -> RA -> m, then CA k (from x_k) points at CA k-1 (the first at the RA)
    depth = 3000
    nodes = [("m", "I"), ("x0", "I"), ("ra", "RA")]
    edges = [("x0", "ra"), ("ra", "m")]
    for k in range(1, depth + 1):
        nodes += [(f"x{k}", "I"), (f"ca{k}", "CA")]
        edges += [(f"x{k}", f"ca{k}"), (f"ca{k}", f"ca{k - 1}" if k > 1 else "ra")]
    debate = read_aif(aif(nodes, edges))
    assert kinds(debate) == {"support": 1, "undercut": depth}
    assert Relation(f"x{depth}", f"ca{depth - 1}", "undercut", id=f"ca{depth}") in debate.relations
    assert read_aif(write_aif(debate)) == debate


def test_a_document_that_is_not_an_object() -> None:
    assert str(error("[1, 2]")) == (
        'd.json:1:1: expected a JSON object with "nodes" and "edges", found [1, 2]'
    )


def test_missing_or_mistyped_nodes_and_edges() -> None:
    assert 'a "nodes" list in the document' in str(error('{"edges": []}'))
    e = error('{"nodes": [],\n "edges": {}}')
    assert '"edges" in the document to be a list' in str(e)
    assert e.line == 2
    assert 'a "nodes" list in "AIF"' in str(error('{"AIF": {"edges": []}}'))


def test_node_without_id_or_type_is_located() -> None:
    text = aif([("1", "I", "Claim."), ("2", "RA")], [("2", "1")])
    e = error(text.replace('"nodeID": "2", ', ""))
    assert e.expected == 'a "nodeID" in nodes[1]'
    assert e.line == line_of(text, '"text": "RA"')  # found by its text
    e = error(text.replace(', "type": "RA"', ""))
    assert e.expected == "a \"type\" in nodes[1] (nodeID '2')"
    assert (e.line, e.column) == (line_of(text, '"nodeID": "2"'), 2)


def test_unknown_node_type_is_located() -> None:
    text = aif([("1", "I", "Claim."), ("2", "I", "Reason."), ("3", "XA")], [])
    e = error(text)
    assert e.expected.startswith("the \"type\" of nodes[2] (nodeID '3') to be one of I, RA")
    assert e.found == '"XA"'
    assert e.line == line_of(text, '"nodeID": "3"') == 4


def test_bad_node_ids() -> None:
    assert 'the "nodeID" of nodes[0] to be' in str(
        error('{"nodes": [{"nodeID": true}], "edges": []}')
    )
    assert "found nodeID '1' again" in str(
        error(
            '{"nodes": [{"nodeID": 1, "type": "I", "text": ""},'
            ' {"nodeID": "1", "type": "I", "text": ""}], "edges": []}'
        )
    )
    assert "nodes[0] to be a JSON object" in str(error('{"nodes": [3], "edges": []}'))


def test_i_node_without_text() -> None:
    e = error('{"nodes": [{"nodeID": "1", "type": "I"}], "edges": []}')
    assert e.expected == "the \"text\" of I node '1' (nodes[0]) to be a string"


def test_edge_to_an_unknown_node_is_located() -> None:
    text = aif([("1", "I", "Claim."), ("2", "I", "Reason.")], [("2", "1"), ("2", "9")])
    e = error(text)
    assert e.expected == 'the "toID" of edges[1] to name a node'
    assert e.found == "no node '9'"
    assert e.line == line_of(text, '"edgeID": "101"')
    assert 'a "fromID" in edges[0]' in str(error('{"nodes": [], "edges": [{"toID": "1"}]}'))


def test_ra_without_a_conclusion_is_located() -> None:
    text = aif([("1", "I", "Claim."), ("2", "I", "Reason."), ("3", "RA")], [("2", "3")])
    e = error(text)
    assert e.expected == "an edge from RA node '3' to its conclusion (an I or scheme node)"
    assert e.line == line_of(text, '"nodeID": "3"')


def test_no_statement_at_all() -> None:
    e = error('{"nodes": [{"nodeID": "1", "type": "L", "text": "Ann : hi"}], "edges": []}')
    assert e.expected == "at least one I node (a statement)"


def test_bad_locutions() -> None:
    assert '"locutions" in the document to be a list of objects' in str(
        error('{"nodes": [], "edges": [], "locutions": {}}')
    )


def test_a_bad_argmap_key_is_located() -> None:
    text = aif(
        [("1", "I", "Claim.")], [], argmap={"version": 1, "statements": {"1": {"weight": "x"}}}
    )
    e = error(text)
    assert e.expected == "argmap.statements['1'].weight to be a number"
    assert e.line == line_of(text, '"argmap"')
    e = error(aif([("1", "I"), ("2", "I")], [], argmap={"statements": {"2": {"kind": "motion"}}}))
    assert e.expected == "a valid debate" and "exactly one motion" in e.found


# --- fuzz ----------------------------------------------------------------------------------
# Hypothesis draws a seed and a seeded Random builds the input: drawing deep JSON through
# Hypothesis costs ~20 ms an example here, and the fuzz wants 10,000 of them.

JUNK: list[Any] = [None, True, 0, -1, 1.5, float("nan"), "", "x", [], {}, [1], {"a": 1}]
IDS: list[Any] = ["1", "2", "3", "4", "5", "6", 1, 2, 3]
TYPES = [*NODE_TYPES, "I", "I", "I", "I", "RA", "CA"]
SCHEMES = ("RA", "CA", "MA", "PA")
OWN_TOP = ["motion", "id", "votes", "statement_order", "relation_order", "extras", "source"]
OWN_FIELDS = ["id", "title", "text", "kind", "weight", "span", "origin", "sources", "tags"]
OWN_VALUES: list[Any] = ["motion", 0.5, "x", ["y"], [1, 2], "premise", None]
OWN_RELATIONS: list[Any] = [None, {"id": "r"}, {"weight": 0.3}, {"origin": "miner"}, {"id": ""}]


def random_json(rng: random.Random, depth: int = 3) -> Any:
    roll = rng.random()
    if depth == 0 or roll < 0.5:
        return rng.choice([*JUNK, rng.randint(-9, 9), "".join(rng.choices("ab.é ", k=3))])
    if roll < 0.75:
        return [random_json(rng, depth - 1) for _ in range(rng.randint(0, 3))]
    return {rng.choice(["a", "nodes", "id", "1"]): random_json(rng, depth - 1) for _ in range(2)}


class Noisy:
    """``maybe(good)``: ``good``, or now and then (never in a clean document) junk."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.level = 0.0 if rng.random() < 0.4 else 1.0

    def __call__(self, good: Any, bad_rate: float = 0.05) -> Any:
        return random_json(self.rng) if self.rng.random() < bad_rate * self.level else good

    def keep(self, rate: float = 0.01) -> bool:
        return self.rng.random() >= rate * self.level


def random_document(rng: random.Random) -> Any:
    """An AIF-like document: mostly sound in a clean one, with junk here and there else."""
    maybe = Noisy(rng)
    count = rng.randint(0, 8)
    ints = rng.random() < 0.3
    ids: list[Any] = [k if ints else str(k) for k in rng.sample(range(1, 10), count)]
    nodes: list[Any] = []
    for k in range(count):
        node: dict[str, Any] = {}
        if maybe.keep():
            node["nodeID"] = maybe(ids[k], 0.03)
        if maybe.keep():
            node["type"] = maybe(rng.choice(TYPES), 0.02)
        if maybe.keep():
            node["text"] = maybe(rng.choice(["A.", "B. C", "", " d ", "e?"]), 0.02)
        if rng.random() < 0.2:
            node["timestamp"] = random_json(rng)
        nodes.append(maybe(node, 0.02))
    edges: list[Any] = []
    for _ in range(rng.randint(0, 12)):
        edge = {k: maybe(rng.choice(ids or IDS), 0.01) for k in ("edgeID", "fromID", "toID")}
        edges.append(maybe({k: v for k, v in edge.items() if maybe.keep()}, 0.01))
    if rng.random() < 0.9:  # mostly give each scheme node a conclusion, so more get through
        typed = {
            n["nodeID"]: n.get("type")
            for n in nodes
            if isinstance(n, dict) and n.get("nodeID") in ids
        }
        targets = [k for k in ids if typed.get(k) in ("I", *SCHEMES)]
        concluding = [e.get("fromID") for e in edges if isinstance(e, dict)]
        for key in ids:
            others = [k for k in targets if k != key]
            if typed.get(key) in SCHEMES and key not in concluding and others:
                edges.append({"edgeID": "e", "fromID": key, "toID": rng.choice(others)})
    doc: dict[str, Any] = {"nodes": maybe(nodes, 0.01), "edges": maybe(edges, 0.01)}
    if rng.random() < 0.3:
        doc["locutions"] = maybe([{"nodeID": rng.choice(IDS)}], 0.3)
    if rng.random() < 0.4:
        own: dict[str, Any] = {}
        for key in OWN_TOP:
            if rng.random() < 0.2:
                own[key] = maybe(rng.choice([*IDS, ["1", "2"], ["2", "1"], "5.1"]), 0.5)
        own["statements"] = {
            rng.choice(ids or IDS): {rng.choice(OWN_FIELDS): maybe(rng.choice(OWN_VALUES), 0.3)}
            for _ in range(rng.randint(0, 3))
        }
        own["relations"] = {
            rng.choice([*ids, "5.1", "6.2"]): maybe(rng.choice(OWN_RELATIONS), 0.3)
            for _ in range(rng.randint(0, 3))
        }
        doc["argmap"] = maybe(own, 0.1)
    return maybe(doc, 0.01)


def random_input(rng: random.Random) -> str | bytes:
    mode = rng.random()
    if mode < 0.6:
        return json.dumps(random_document(rng))
    if mode < 0.7:
        return json.dumps({"AIF": random_document(rng), "OVA": {}})
    if mode < 0.8:
        return json.dumps(random_json(rng, 5))
    text = EXAMPLE_TEXT if mode < 0.95 else json.dumps(random_document(rng))
    for _ in range(rng.randint(1, 3)):  # corrupt a valid document
        at = rng.randrange(len(text)) if text else 0  # a tiny document may be cut to nothing
        text = text[:at] + rng.choice(["", "{", "]", '"', ",", "\\", "\x00"]) + text[at + 1 :]
    data = text.encode()
    if rng.random() < 0.2:
        at = rng.randrange(len(data)) if data else 0
        data = data[:at] + bytes([rng.randrange(128, 256)]) + data[at:]
    return data


EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")


@given(st.integers(0, 2**64 - 1))
@settings(max_examples=10_000, deadline=None)
def test_nothing_but_parse_error_escapes(seed: int) -> None:
    text = random_input(random.Random(seed))
    try:
        debate = read_aif(text)
    except ParseError:
        return
    # what reads must write, and read back the same
    assert without_aif(read_aif(write_aif(debate))) == without_aif(debate)


def test_sniffing_tells_aif_from_other_json() -> None:
    assert looks_like_aif('{"nodes": [], "edges": []}')
    assert looks_like_aif(b'\xef\xbb\xbf {"AIF": {"nodes": [], "edges": []}, "OVA": {}}')
    assert looks_like_aif(b'{\n  "AIF": {\n    "nodes": [\n      {"nodeID": 1, "te')
    assert looks_like_aif(b'{"text": "...", "AIF": {"nodes": [{"nodeID": 1, "text": "Cl')
    assert not looks_like_aif(write_native(read_procon(SEED.read_bytes())).encode()[:64])
    assert not looks_like_aif(b'{"nodes": 3, "edges": []}')
    assert not looks_like_aif(b"[1, 2]")
    assert not looks_like_aif(b"Motion: walk\n")
    assert not looks_like_aif(b"\xff\xfe{")
