"""The drawn exports: DOT, GraphML, Mermaid, and SVG/PNG through graphviz's dot."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import given, settings

from argmap.errors import ArgmapError
from argmap.formats.dot import dot_string, unrepresentable_in_dot, write_dot
from argmap.formats.graph import (
    EDGE_STYLES,
    SIDE_COLOURS,
    label_lines,
    statement_depths,
    statement_sides,
    xml_safe,
)
from argmap.formats.graphml import unrepresentable_in_graphml, write_graphml
from argmap.formats.mermaid import unrepresentable_in_mermaid, write_mermaid
from argmap.formats.procon import read_procon
from argmap.formats.render import (
    NOT_INSTALLED,
    render_png,
    render_svg,
    run_dot,
    unrepresentable_in_picture,
    write_png,
    write_svg,
)
from argmap.model import Debate, Relation, Statement, Vote
from tests.conftest import EXAMPLES, SEED
from tests.strategies import debates

SVG = "{http://www.w3.org/2000/svg}"


def seed() -> Debate:
    return read_procon(SEED.read_bytes())


def nuclear() -> Debate:
    return read_procon((EXAMPLES / "03_nuclear_power.md").read_bytes())


def tricky() -> Debate:
    """Titles that break naive escaping, and every relation kind."""
    return Debate(
        'quo"te\\id',
        (
            Statement("m", 'The "motion" \\ ends in a backslash\\', kind="motion", text="Why?"),
            Statement("a b", "A <b>bold</b> {x|y} & &amp; #35; `tick` é 中 🙂"),
            Statement('q"', "Two\nlines\r\nand a\rthird; % %% -- -> ]]"),
            Statement("ctl", "bell\x07 and\ttab", kind="evidence"),
            Statement("blank", "", kind="premise"),
            Statement("&<>", "Rephrased"),
        ),
        (
            Relation("a b", "m", "support", id="r1"),
            Relation('q"', "r1", "undercut", id="u1"),
            Relation("ctl", "u1", "undercut"),
            Relation("&<>", "a b", "rephrase"),
            Relation("blank", 'q"', "preference"),
            Relation("blank", "m", "attack", weight=0.4, origin="miner", confidence=0.7),
        ),
        votes=(Vote("ann", "m", 0.9),),
    )


DEBATES = {"seed": seed, "nuclear": nuclear, "tricky": tricky}


# --- DOT: a line grammar and an unescaper, to check every label without graphviz -------

_QSTR = r'"(?:[^"\\\n]|\\.)*"'
_ATTR = rf"[a-z]+=(?:{_QSTR}|[\w.#]+)"
_ATTRS = rf"\[{_ATTR}(?:, {_ATTR})*\]"
_NODE = re.compile(rf"^  (s\d+|u\d+) ({_ATTRS});$")
_EDGE = re.compile(rf"^  ([su]\d+) -> ([su]\d+) ({_ATTRS});$")
_HEAD = re.compile(rf"^digraph {_QSTR} \{{$")
_DEFAULTS = re.compile(rf"^  (graph|node|edge) {_ATTRS};$")
_RANK = re.compile(r"^  \{ rank=sink; (s\d+); \}$")


def dot_unescape(quoted: str) -> str:
    body = quoted[1:-1]
    out = re.sub(r'\\(["\\n])', lambda m: "\n" if m.group(1) == "n" else m.group(1), body)
    return out.replace("&amp;", "&")


def dot_attrs(attrs: str) -> dict[str, str]:
    return {k: v for k, v in re.findall(rf"([a-z]+)=({_QSTR}|[\w.#]+)", attrs)}


def parse_dot(text: str) -> tuple[dict[str, dict[str, str]], list[tuple[str, str, dict[str, str]]]]:
    """Nodes and edges of a DOT text written by write_dot; fails on any other line."""
    lines = text.rstrip("\n").split("\n")
    assert _HEAD.match(lines[0]), lines[0]
    assert lines[-1] == "}"
    nodes: dict[str, dict[str, str]] = {}
    edges: list[tuple[str, str, dict[str, str]]] = []
    ranked = []
    for line in lines[1:-1]:
        if m := _NODE.match(line):
            nodes[m.group(1)] = dot_attrs(m.group(2))
        elif m := _EDGE.match(line):
            edges.append((m.group(1), m.group(2), dot_attrs(m.group(3))))
        elif m := _RANK.match(line):
            ranked.append(m.group(1))
        else:
            assert _DEFAULTS.match(line), line
    assert len(ranked) == 1
    for a, b, _ in edges:
        assert a in nodes and b in nodes
    return nodes, edges


def check_dot(debate: Debate, text: str, wrap: int = 30) -> None:
    nodes, edges = parse_dot(text)
    sides = statement_sides(debate)
    for k, s in enumerate(debate.statements):
        attrs = nodes[f"s{k}"]
        assert dot_unescape(attrs["label"]) == "\n".join(label_lines(s.title, wrap, s.id))
        fill, border = SIDE_COLOURS[sides[s.id]]
        assert (attrs["fillcolor"], attrs["color"]) == (f'"{fill}"', f'"{border}"')
    assert f"{{ rank=sink; s{[s.kind for s in debate.statements].index('motion')}; }}" in text
    split = {r.target for r in debate.relations if r.kind == "undercut"}
    assert len(edges) == len(debate.relations) + sum(1 for r in debate.relations if r.id in split)
    for *_, attrs in edges:
        assert attrs["style"] in ("solid", "dashed", "dotted")


def test_dot_draws_the_seed_as_a_map_with_the_motion_on_top() -> None:
    debate = seed()
    text = write_dot(debate)
    check_dot(debate, text)
    assert "rankdir=BT" in text and "{ rank=sink; s0; }" in text
    nodes, edges = parse_dot(text)
    pro = [f"s{k}" for k, s in enumerate(debate.statements) if s.id.startswith("pro")]
    con = [f"s{k}" for k, s in enumerate(debate.statements) if s.id.startswith("con")]
    assert {nodes[n]["fillcolor"] for n in pro} == {'"#e3f4e3"'}  # green
    assert {nodes[n]["fillcolor"] for n in con} == {'"#fbe3e3"'}  # red
    assert {(a, b) for a, b, _ in edges} == {(n, "s0") for n in pro + con}
    colours = {a: attrs["color"] for a, _, attrs in edges}
    assert {colours[n] for n in pro} == {'"#2e7d32"'} and {colours[n] for n in con} == {'"#c62828"'}


def test_dot_edge_styles_by_kind_and_undercuts_to_the_middle_of_their_relation() -> None:
    debate = tricky()
    text = write_dot(debate)
    check_dot(debate, text)
    nodes, edges = parse_dot(text)
    assert nodes["u0"]["shape"] == "point" and nodes["u1"]["shape"] == "point"
    by_pair = {(a, b): attrs for a, b, attrs in edges}
    # support a b -> m, split at its middle u0 where the undercut by q" lands
    assert by_pair[("s1", "u0")]["arrowhead"] == "none"
    assert by_pair[("u0", "s0")]["style"] == "solid"
    assert by_pair[("u0", "s0")]["color"] == f'"{EDGE_STYLES["support"].colour}"'
    assert by_pair[("s2", "u1")]["style"] == "dashed"  # the undercut u1, itself undercut
    assert by_pair[("u1", "u0")]["color"] == '"#c62828"'
    assert by_pair[("s3", "u1")]["style"] == "dashed"  # ctl undercuts the undercut
    assert by_pair[("s5", "s1")]["style"] == "dotted"  # rephrase
    assert by_pair[("s4", "s2")]["style"] == "dotted"  # preference
    assert by_pair[("s4", "s2")]["constraint"] == "false"
    assert by_pair[("s4", "s0")]["style"] == "solid" and by_pair[("s4", "s0")]["color"] == (
        '"#c62828"'
    )
    assert statement_sides(debate) == {
        "m": "motion",
        "a b": "pro",
        'q"': "con",  # undercuts the support of a pro argument
        "ctl": "pro",
        "blank": "con",
        "&<>": "neutral",
    }
    assert statement_depths(debate)["&<>"] == 4


def test_dot_strings_escape_what_graphviz_would_read() -> None:
    assert dot_string('a "b" \\c') == '"a \\"b\\" \\\\c"'
    assert dot_string("x\ny") == '"x\\ny"'
    assert dot_string("&alpha; <b> {r|s}") == '"&amp;alpha; <b> {r|s}"'
    assert dot_string("bell\x07") == '"bell\ufffd"'
    assert dot_unescape(dot_string('\\"\\n&amp;\n')) == '\\"\\n&amp;\n'


@pytest.mark.parametrize("name", DEBATES)
def test_graphviz_reads_the_dot_and_draws_every_title_exactly(name: str) -> None:
    debate = DEBATES[name]()
    text = write_dot(debate)
    canon = run_dot(text, "canon").decode("utf-8")
    assert canon.startswith("digraph")
    plain = run_dot(text, "plain").decode("utf-8").splitlines()
    heights = {line.split()[1]: float(line.split()[3]) for line in plain if line.startswith("node")}
    motion = f"s{[s.kind for s in debate.statements].index('motion')}"
    assert heights[motion] == max(heights.values())  # the motion is on top
    svg = ET.fromstring(render_svg(debate))
    shown = {}
    for group in svg.iter(f"{SVG}g"):
        if group.get("class") == "node":
            title = group.find(f"{SVG}title")
            assert title is not None and title.text is not None
            lines = [t.text or "" for t in group.iter(f"{SVG}text")]
            shown[title.text] = [" ".join(line.replace("\xa0", " ").split()) for line in lines]
    for k, s in enumerate(debate.statements):
        expected = [" ".join(line.split()) for line in label_lines(s.title, 30, s.id)]
        assert shown[f"s{k}"] == expected


# --- GraphML -------------------------------------------------------------------------


def read_back(debate: Debate) -> nx.MultiDiGraph:
    text = write_graphml(debate)
    ET.fromstring(text.encode("utf-8"))  # well-formed XML
    graph = nx.read_graphml(io.StringIO(text), force_multigraph=True)
    assert isinstance(graph, nx.MultiDiGraph)
    return graph


def check_graphml(debate: Debate) -> None:
    graph = read_back(debate)
    sides = statement_sides(debate)
    clean = all(xml_safe(s.id) == s.id for s in debate.statements)
    if clean:
        assert list(graph.nodes) == [s.id for s in debate.statements]
    assert graph.number_of_nodes() == len(debate.statements)
    assert graph.number_of_edges() == len(debate.relations)
    for node, s in zip(graph.nodes, debate.statements, strict=True):
        data = graph.nodes[node]
        assert data["kind"] == s.kind and data["weight"] == s.weight
        assert data["side"] == sides[s.id]
        assert data["id"] == node
        for key in ("title", "text"):
            value = getattr(s, key)
            if xml_safe(value) == value:
                assert data[key] == value
    by_id = {r.id: r for r in debate.relations if r.id}
    expected = []
    for r in debate.relations:
        target = by_id[r.target].source if r.kind == "undercut" else r.target
        expected.append((r.source, target, r.kind, r.weight, r.origin, r.confidence, r.id))
    found = [
        (a, b, d["kind"], d["weight"], d["origin"], d.get("confidence"), d.get("id", ""))
        for a, b, d in graph.edges(data=True)
    ]
    if clean:
        assert sorted(found, key=repr) == sorted(expected, key=repr)
    else:
        # repr orders what < cannot: a confidence may be None beside a float.
        assert sorted((f[2:] for f in found), key=repr) == sorted(
            (e[2:] for e in expected), key=repr
        )


@pytest.mark.parametrize("name", DEBATES)
def test_networkx_reads_back_every_node_edge_and_attribute(name: str) -> None:
    check_graphml(DEBATES[name]())


def test_graphml_carries_the_tricky_texts_exactly() -> None:
    debate = tricky()
    graph = read_back(debate)
    assert graph.graph["id"] == 'quo"te\\id' and graph.graph["motion"] == "m"
    assert graph.nodes["m"]["title"] == 'The "motion" \\ ends in a backslash\\'
    assert graph.nodes["a b"]["title"] == "A <b>bold</b> {x|y} & &amp; #35; `tick` é 中 🙂"
    assert graph.nodes['q"']["title"] == "Two\nlines\r\nand a\rthird; % %% -- -> ]]"
    assert graph.nodes["ctl"]["title"] == "bell\ufffd and\ttab"  # XML cannot hold a bell
    assert set(graph.nodes) == {"m", "a b", 'q"', "ctl", "blank", "&<>"}
    undercut = [d for a, b, d in graph.edges(data=True) if d["kind"] == "undercut"]
    assert sorted(d["undercuts"] for d in undercut) == ["r1", "u1"]
    mined = next(d for a, b, d in graph.edges(data=True) if d["origin"] == "miner")
    assert (mined["weight"], mined["confidence"]) == (0.4, 0.7)
    # yEd: drawn boxes with the title as their label, coloured by side
    assert graph.nodes["a b"]["label"] == "A <b>bold</b> {x|y} & &amp;\n#35; `tick` é 中 🙂"
    assert "y:ShapeNode" in write_graphml(debate) and "y:PolyLineEdge" in write_graphml(debate)
    lost = unrepresentable_in_graphml(debate)
    assert "characters XML cannot hold (control characters, written as U+FFFD)" in lost
    assert "1 votes" in lost


def test_graphml_ids_that_clash_once_cleaned_stay_distinct() -> None:
    debate = Debate(
        "d",
        (Statement("m", "M", kind="motion"), Statement("a\x01", "A"), Statement("a\ufffd", "B")),
        (Relation("a\x01", "m", "attack"), Relation("a\ufffd", "a\x01", "support")),
    )
    graph = read_back(debate)
    assert list(graph.nodes) == ["m", "a\ufffd~2", "a\ufffd"]
    assert sorted(graph.edges()) == [("a\ufffd", "a\ufffd~2"), ("a\ufffd~2", "m")]


# --- Mermaid -------------------------------------------------------------------------

_M_NODE = re.compile(r'^    (s\d+)\["([^"\n]*)"\]$')
_M_EDGE = re.compile(r"^    (s\d+) (-->|-\.->\|(?:undercut|rephrase|preferred to)\|) (s\d+)$")
_M_LINK = re.compile(r"^    linkStyle ([\d,]+) stroke:#[0-9a-f]{6},stroke-width:2px$")
_M_CLASSDEF = re.compile(r"^    classDef (motion|pro|con|neutral) fill:#\w{6},stroke:#\w{6}")
_M_CLASS = re.compile(r"^    class (s\d+(?:,s\d+)*) (motion|pro|con|neutral)$")
_M_CODES = {"#35;": "#", "#amp;": "&", "#quot;": '"', "#lt;": "<", "#gt;": ">", "#96;": "`"}


def mermaid_unescape(label: str) -> str:
    text = label.replace("<br>", "\n")
    return re.sub(r"#(?:35|amp|quot|lt|gt|96);", lambda m: _M_CODES[m.group(0)], text)


def check_mermaid(debate: Debate, text: str) -> None:
    lines = text.rstrip("\n").split("\n")
    assert lines[0] == "flowchart BT"
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    styled: list[int] = []
    classes: dict[str, str] = {}
    defined: set[str] = set()
    for line in lines[1:]:
        if m := _M_NODE.match(line):
            nodes[m.group(1)] = mermaid_unescape(m.group(2))
        elif m := _M_EDGE.match(line):
            edges.append((m.group(1), m.group(2), m.group(3)))
        elif m := _M_LINK.match(line):
            styled += [int(k) for k in m.group(1).split(",")]
        elif m := _M_CLASSDEF.match(line):
            defined.add(m.group(1))
        elif m := _M_CLASS.match(line):
            assert m.group(2) in defined
            classes.update(dict.fromkeys(m.group(1).split(","), m.group(2)))
        else:
            raise AssertionError(f"unexpected line {line!r}")
    sides = statement_sides(debate)
    for k, s in enumerate(debate.statements):
        assert nodes[f"s{k}"] == "\n".join(label_lines(s.title, 30, s.id))
        assert classes[f"s{k}"] == sides[s.id]
    assert len(edges) == len(debate.relations)
    assert sorted(styled) == list(range(len(edges)))
    for a, _, b in edges:
        assert a in nodes and b in nodes


@pytest.mark.parametrize("name", DEBATES)
def test_mermaid_flowchart_structure(name: str) -> None:
    debate = DEBATES[name]()
    check_mermaid(debate, write_mermaid(debate))


def test_mermaid_escapes_labels_and_marks_relation_kinds() -> None:
    text = write_mermaid(tricky())
    assert '    s0["The #quot;motion#quot; \\ ends in a<br>backslash\\"]' in text
    assert "#lt;b#gt;bold#lt;/b#gt; {x|y} #amp; #amp;amp;<br>#35;35; #96;tick#96;" in text
    assert "    s2 -.->|undercut| s1" in text  # to the source of the undercut support
    assert "    s5 -.->|rephrase| s1" in text
    assert "    s4 -.->|preferred to| s2" in text
    assert "    s1 --> s0" in text and "    s4 --> s0" in text
    assert "linkStyle 0 stroke:#2e7d32" in text
    lost = unrepresentable_in_mermaid(tricky())
    assert "undercuts end on the statement the undercut relation starts from" in lost


# --- SVG and PNG ---------------------------------------------------------------------


def test_svg_and_png_of_the_seed_and_an_example() -> None:
    for debate in (seed(), nuclear()):
        svg = write_svg(debate)
        root = ET.fromstring(svg.encode("utf-8"))
        assert root.tag == f"{SVG}svg"
        texts = " ".join(t.text or "" for t in root.iter(f"{SVG}text"))
        for s in debate.statements:
            for line in label_lines(s.title, 30, s.id):
                assert line in texts
        png = write_png(debate)
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1000
    assert render_png(tricky())[:8] == b"\x89PNG\r\n\x1a\n"
    assert unrepresentable_in_picture(tricky()) == unrepresentable_in_dot(tricky())


def test_without_graphviz_the_error_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    for render in (render_svg, render_png, write_svg, write_png):
        with pytest.raises(ArgmapError) as info:
            render(seed())
        assert str(info.value) == NOT_INSTALLED
    assert NOT_INSTALLED == "graphviz's 'dot' program is not installed: apt-get install graphviz"


def test_dot_failures_and_timeouts_are_argmap_errors() -> None:
    with pytest.raises(ArgmapError, match=r"^graphviz's 'dot' failed: .*syntax error"):
        run_dot("digraph {", "svg")
    with pytest.raises(ArgmapError, match=r"^graphviz's 'dot' took more than 1e-09 s"):
        render_svg(seed(), timeout=1e-9)


def test_what_a_drawing_leaves_out() -> None:
    assert unrepresentable_in_dot(nuclear()) == [
        "statement texts (shown only as tooltips, where the viewer has them)",
        "statement sources, tags and provenance",
    ]
    lost = unrepresentable_in_dot(tricky())
    assert "relation weights, origins and confidences" in lost
    assert "1 votes" in lost
    assert "control characters in titles and texts (shown as U+FFFD)" in lost


# --- any debate ------------------------------------------------------------------------


@given(debates())
@settings(max_examples=100, deadline=None)
def test_every_export_is_well_formed_for_any_debate(debate: Debate) -> None:
    check_dot(debate, write_dot(debate))
    check_dot(debate, write_dot(debate, wrap=0), wrap=0)
    check_graphml(debate)
    check_mermaid(debate, write_mermaid(debate))


@given(debates())
@settings(max_examples=8, deadline=None)
def test_graphviz_parses_the_dot_of_any_debate(debate: Debate) -> None:
    assert run_dot(write_dot(debate), "canon").startswith(b"digraph")
    ET.fromstring(render_svg(debate))
