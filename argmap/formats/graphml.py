"""GraphML (write only): the debate as a graph for networkx, Gephi, Cytoscape and yEd.

One ``<node>`` per statement, its GraphML ``id`` the statement's id, with data
``id``, ``title``, ``text``, ``kind``, ``weight`` and ``side`` (``motion``, ``pro``,
``con`` or ``neutral``, see :mod:`argmap.formats.graph`). One directed ``<edge>`` per
relation, from its source to its target, with data ``kind``, ``weight``, ``origin``
and, where the relation has them, ``confidence`` and ``id``. GraphML edges join
nodes, so an undercut (whose target is a relation) ends on the statement the
undercut relation starts from, as the semantics read it, and its ``undercuts`` data
names the relation. The ``<graph>`` carries the debate's ``id``, ``motion`` (the
motion's statement id), ``description`` and source ``title`` and ``url``.

For yEd each node and edge also carries yFiles graphics (box, colour by side, label,
a layered position with the motion on top; edge colour and line style by kind), so
the file opens drawn; other readers ignore them (networkx turns them into ``label``,
``x``, ``y`` and ``shape_type`` attributes).

Text is XML-escaped; characters XML 1.0 cannot hold at all (control characters,
lone surrogates) become U+FFFD, and an id that then clashes with another gets a
``~2``, ``~3``, ... suffix (:func:`unrepresentable_in_graphml` says when).
"""

from __future__ import annotations

from collections import defaultdict

from argmap.formats.graph import (
    EDGE_STYLES,
    SIDE_COLOURS,
    label_lines,
    statement_depths,
    statement_sides,
    xml_safe,
)
from argmap.model import Debate

__all__ = ["unrepresentable_in_graphml", "write_graphml"]

# (key id, for, attr.name, attr.type)
_KEYS = [
    ("g_id", "graph", "id", "string"),
    ("g_motion", "graph", "motion", "string"),
    ("g_description", "graph", "description", "string"),
    ("g_source_title", "graph", "source_title", "string"),
    ("g_source_url", "graph", "source_url", "string"),
    ("n_id", "node", "id", "string"),
    ("n_title", "node", "title", "string"),
    ("n_text", "node", "text", "string"),
    ("n_kind", "node", "kind", "string"),
    ("n_weight", "node", "weight", "double"),
    ("n_side", "node", "side", "string"),
    ("e_kind", "edge", "kind", "string"),
    ("e_weight", "edge", "weight", "double"),
    ("e_origin", "edge", "origin", "string"),
    ("e_confidence", "edge", "confidence", "double"),
    ("e_id", "edge", "id", "string"),
    ("e_undercuts", "edge", "undercuts", "string"),
]
_YED_LINES = {"solid": "line", "dashed": "dashed", "dotted": "dotted"}
_BOX_WIDTH, _BOX_GAP, _LEVEL_HEIGHT = 200.0, 40.0, 120.0


def _xml(text: str, attribute: bool = False) -> str:
    """``text`` escaped for XML content (or a double-quoted attribute when ``attribute``).

    ``\\r`` (and in attributes ``\\n`` and ``\\t``) are written as character
    references, which XML parsers keep, where a literal would be normalised.
    """
    text = xml_safe(text)
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r", "&#13;")
    if attribute:
        text = text.replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")
    return text


def _number(value: float) -> str:
    return repr(float(value))


def _node_ids(debate: Debate) -> dict[str, str]:
    """The GraphML id of each statement: its id, cleaned, made distinct if cleaning clashed."""
    cleaned = {s.id: xml_safe(s.id) for s in debate.statements}
    taken = {c for sid, c in cleaned.items() if c == sid}
    ids: dict[str, str] = {}
    for s in debate.statements:
        name = cleaned[s.id]
        if name != s.id:
            base, k = name, 1
            while name in taken:
                k += 1
                name = f"{base}~{k}"
            taken.add(name)
        ids[s.id] = name
    return ids


def _positions(debate: Debate) -> dict[str, tuple[float, float]]:
    """A layered layout for yEd: the motion on top, each depth a row, rows centred."""
    depths = statement_depths(debate)
    rows: dict[int, list[str]] = defaultdict(list)
    for s in debate.statements:
        rows[depths[s.id]].append(s.id)
    widest = max(len(row) for row in rows.values())
    step = _BOX_WIDTH + _BOX_GAP
    positions: dict[str, tuple[float, float]] = {}
    for depth, row in rows.items():
        left = (widest - len(row)) * step / 2
        for k, sid in enumerate(row):
            positions[sid] = (left + k * step, depth * _LEVEL_HEIGHT)
    return positions


def write_graphml(debate: Debate) -> str:
    """The debate as a GraphML document (see the module docstring).

    >>> import xml.etree.ElementTree as ET
    >>> from argmap.model import Debate, Relation, Statement
    >>> d = Debate("d", (Statement("m", "Walk?", kind="motion"), Statement("a", "Rain & <wind>")),
    ...            (Relation("a", "m", "attack"),))
    >>> root = ET.fromstring(write_graphml(d))
    >>> ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    >>> [n.get("id") for n in root.iterfind("g:graph/g:node", ns)]
    ['m', 'a']
    >>> root.find("g:graph/g:node[@id='a']/g:data[@key='n_title']", ns).text
    'Rain & <wind>'
    >>> [(e.get("source"), e.get("target")) for e in root.iterfind("g:graph/g:edge", ns)]
    [('a', 'm')]
    """
    sides = statement_sides(debate)
    ids = _node_ids(debate)
    positions = _positions(debate)
    by_id = {r.id: r for r in debate.relations if r.id}
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xmlns:y="http://www.yworks.com/xml/graphml"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://www.yworks.com/xml/schema/graphml/1.1/ygraphml.xsd">',
    ]
    for key, domain, name, kind in _KEYS:
        out.append(f'  <key id="{key}" for="{domain}" attr.name="{name}" attr.type="{kind}"/>')
    out.append('  <key id="n_graphics" for="node" yfiles.type="nodegraphics"/>')
    out.append('  <key id="e_graphics" for="edge" yfiles.type="edgegraphics"/>')
    out.append('  <graph id="G" edgedefault="directed">')
    for key, value in (
        ("g_id", debate.id),
        ("g_motion", ids[debate.motion.id]),
        ("g_description", debate.description),
        ("g_source_title", debate.source.title),
        ("g_source_url", debate.source.url),
    ):
        out.append(f'    <data key="{key}">{_xml(value)}</data>')
    for s in debate.statements:
        fill, border = SIDE_COLOURS[sides[s.id]]
        x, y = positions[s.id]
        lines = label_lines(s.title, 30, fallback=s.id)
        height = 20.0 + 16.0 * len(lines)
        shape = "rectangle" if s.kind == "motion" else "roundrectangle"
        out += [
            f'    <node id="{_xml(ids[s.id], attribute=True)}">',
            f'      <data key="n_id">{_xml(ids[s.id])}</data>',
            f'      <data key="n_title">{_xml(s.title)}</data>',
            f'      <data key="n_text">{_xml(s.text)}</data>',
            f'      <data key="n_kind">{s.kind}</data>',
            f'      <data key="n_weight">{_number(s.weight)}</data>',
            f'      <data key="n_side">{sides[s.id]}</data>',
            '      <data key="n_graphics"><y:ShapeNode>'
            f'<y:Geometry x="{x}" y="{y}" width="{_BOX_WIDTH}" height="{height}"/>'
            f'<y:Fill color="{fill}" transparent="false"/>'
            f'<y:BorderStyle color="{border}" type="line" width="1.5"/>'
            f"<y:NodeLabel>{_xml(chr(10).join(lines))}</y:NodeLabel>"
            f'<y:Shape type="{shape}"/></y:ShapeNode></data>',
            "    </node>",
        ]
    for r in debate.relations:
        target = by_id[r.target].source if r.kind == "undercut" else r.target
        look = EDGE_STYLES[r.kind]
        source_attr = _xml(ids[r.source], attribute=True)
        target_attr = _xml(ids[target], attribute=True)
        out += [
            f'    <edge source="{source_attr}" target="{target_attr}">',
            f'      <data key="e_kind">{r.kind}</data>',
            f'      <data key="e_weight">{_number(r.weight)}</data>',
            f'      <data key="e_origin">{r.origin}</data>',
        ]
        if r.confidence is not None:
            out.append(f'      <data key="e_confidence">{_number(r.confidence)}</data>')
        if r.id:
            out.append(f'      <data key="e_id">{_xml(r.id)}</data>')
        if r.kind == "undercut":
            out.append(f'      <data key="e_undercuts">{_xml(r.target)}</data>')
        arrow = {"rephrase": "none", "preference": "white_delta"}.get(r.kind, "standard")
        out += [
            '      <data key="e_graphics"><y:PolyLineEdge>'
            f'<y:LineStyle color="{look.colour}" type="{_YED_LINES[look.line]}" width="1.5"/>'
            f'<y:Arrows source="none" target="{arrow}"/></y:PolyLineEdge></data>',
            "    </edge>",
        ]
    out += ["  </graph>", "</graphml>"]
    return "\n".join(out) + "\n"


def unrepresentable_in_graphml(debate: Debate) -> list[str]:
    """What :func:`write_graphml` does not carry, a line each (empty: nothing is lost).

    >>> from argmap.model import Debate, Statement
    >>> unrepresentable_in_graphml(Debate("d", (Statement("m", "M", kind="motion"),)))
    []
    """
    lost: list[str] = []
    if any(r.kind == "undercut" for r in debate.relations):
        lost.append("undercuts end on the statement the undercut relation starts from")
    if debate.votes:
        lost.append(f"{len(debate.votes)} votes")
    if debate.tags or debate.source.author or debate.source.date or debate.source.kind:
        lost.append("the debate's tags and source author, date and kind")
    if any(s.sources or s.tags or s.span or s.origin for s in debate.statements):
        lost.append("statement sources, tags and provenance")
    if debate.extras:
        lost.append("format extras")
    texts = [debate.id, debate.description, debate.source.title, debate.source.url]
    texts += [t for s in debate.statements for t in (s.id, s.title, s.text)]
    texts += [r.id for r in debate.relations]
    if any(xml_safe(t) != t for t in texts):
        lost.append("characters XML cannot hold (control characters, written as U+FFFD)")
    return lost
