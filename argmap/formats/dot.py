"""Graphviz DOT (write only): the debate as a map for ``dot`` to lay out.

The map reads bottom-up, as argument maps do: every edge points from a statement
to what it bears on, and the motion is ranked alone at the top (``rankdir=BT``,
``rank=sink``). Boxes are coloured by side (pro green, con red, unconnected grey,
the motion blue; see :mod:`argmap.formats.graph`), rounded for arguments, square for
premises, a note for evidence, and show the statement's title, wrapped; the tooltip
holds its text (the first 500 characters). Edges: support solid green,
attack solid red, undercut dashed red ending on a small point at the middle of the
relation it undercuts, rephrase and preference dotted (and left out of the ranking,
so they do not bend the tree).

Node names are ``s0``, ``s1``, ... in statement order (``u0``, ... for the middle
points), so no statement id needs quoting; every label is a quoted string with
``"`` and ``\\`` escaped, ``&`` written ``&amp;`` (graphviz reads HTML entities in
labels), line breaks as ``\\n`` and characters SVG cannot carry replaced by U+FFFD.
"""

from __future__ import annotations

from argmap.formats.graph import (
    EDGE_STYLES,
    SIDE_COLOURS,
    STATEMENT_SHAPES,
    clean_text,
    drawing_losses,
    label_lines,
    statement_sides,
)
from argmap.model import Debate, Relation

__all__ = ["dot_string", "unrepresentable_in_dot", "write_dot"]

_TOOLTIP_LIMIT = 500


def dot_string(text: str) -> str:
    """``text`` as a quoted DOT string that a label shows as ``text`` (tabs as spaces).

    >>> print(dot_string('say "hi" \\\\ <b> & {x}'))
    "say \\"hi\\" \\\\ <b> &amp; {x}"
    >>> dot_string("two\\nlines")
    '"two\\\\nlines"'
    """
    text = clean_text(text).replace("\t", " ")
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return '"' + text.replace("\n", "\\n") + '"'


def _attrs(values: dict[str, str]) -> str:
    return "[" + ", ".join(f"{k}={v}" for k, v in values.items()) + "]"


def _relation_tooltip(r: Relation) -> str:
    text = f"{r.kind}, weight {r.weight:g}, by {r.origin}"
    return text + (f" (confidence {r.confidence:g})" if r.confidence is not None else "")


def write_dot(debate: Debate, *, wrap: int = 30) -> str:
    """The debate as a Graphviz DOT digraph (see the module docstring).

    ``wrap`` is the width at which titles are broken into lines (0: never).

    >>> from argmap.model import Debate, Relation, Statement
    >>> d = Debate("d", (Statement("m", "Walk?", kind="motion"),
    ...                  Statement("a", 'Rain "soon"')), (Relation("a", "m", "attack"),))
    >>> print(write_dot(d), end="")  # doctest: +ELLIPSIS
    digraph "d" {
      graph [rankdir=BT, ...];
      node [...];
      edge [...];
      s0 [label="Walk?", tooltip="Walk?", shape=box, style="filled,bold", ...];
      s1 [label="Rain \\"soon\\"", tooltip="Rain \\"soon\\"", shape=box, ...];
      { rank=sink; s0; }
      s1 -> s0 [color="#c62828", style=solid, tooltip="attack, weight 1, by author"];
    }
    """
    sides = statement_sides(debate)
    node = {s.id: f"s{k}" for k, s in enumerate(debate.statements)}
    undercut = {r.target for r in debate.relations if r.kind == "undercut"}
    middle = {r.id: f"u{k}" for k, r in enumerate(debate.relations) if r.id and r.id in undercut}
    out = [
        f"digraph {dot_string(debate.id)} {{",
        '  graph [rankdir=BT, charset="UTF-8", fontname="Helvetica", nodesep=0.3, ranksep=0.45];',
        '  node [fontname="Helvetica", fontsize=11, margin="0.15,0.07", penwidth=1.2];',
        "  edge [penwidth=1.4, arrowsize=0.8];",
    ]
    for s in debate.statements:
        fill, border = SIDE_COLOURS[sides[s.id]]
        if s.kind == "motion":
            style = '"filled,bold"'
        elif s.kind == "argument":
            style = '"rounded,filled"'
        else:
            style = "filled"
        label = "\n".join(label_lines(s.title, wrap, fallback=s.id))
        tooltip = (s.text or s.title or s.id)[:_TOOLTIP_LIMIT]
        box = {
            "label": dot_string(label),
            "tooltip": dot_string(tooltip),
            "shape": STATEMENT_SHAPES[s.kind],
            "style": style,
            "fillcolor": f'"{fill}"',
            "color": f'"{border}"',
        }
        out.append(f"  {node[s.id]} {_attrs(box)};")
    out.append(f"  {{ rank=sink; {node[debate.motion.id]}; }}")
    for r in debate.relations:
        look = EDGE_STYLES[r.kind]
        head = middle[r.target] if r.kind == "undercut" else node[r.target]
        attrs = {
            "color": f'"{look.colour}"',
            "style": look.line,
            "tooltip": dot_string(_relation_tooltip(r)),
        }
        if r.kind in ("rephrase", "preference"):
            attrs["constraint"] = "false"
            attrs["arrowhead"] = "empty" if r.kind == "preference" else "none"
        if r.id in middle:  # split at a point that the undercuts can reach
            point = middle[r.id]
            out.append(f'  {point} [shape=point, width=0.07, color="{look.colour}", label=""];')
            first_half = {**attrs, "arrowhead": "none"}
            out.append(f"  {node[r.source]} -> {point} {_attrs(first_half)};")
            out.append(f"  {point} -> {head} {_attrs(attrs)};")
        else:
            out.append(f"  {node[r.source]} -> {head} {_attrs(attrs)};")
    out.append("}")
    return "\n".join(out) + "\n"


def unrepresentable_in_dot(debate: Debate) -> list[str]:
    """What the drawing leaves out (it is for reading, not for reading back), a line each.

    >>> from argmap.model import Debate, Statement
    >>> unrepresentable_in_dot(Debate("d", (Statement("m", "M", kind="motion"),)))
    []
    """
    return drawing_losses(debate)
