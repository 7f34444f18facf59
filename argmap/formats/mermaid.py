"""Mermaid (write only): the debate as a flowchart for Markdown pages (GitHub, GitLab, docs).

``flowchart BT``: edges point from a statement to what it bears on, so the motion
is at the top, as in :mod:`argmap.formats.dot`. Nodes are ``s0``, ``s1``, ... in
statement order (never a Mermaid keyword, never an ``o``/``x`` that would change an
arrow), each with a quoted label: its title, wrapped. In a label ``"`` is written
``#quot;``, ``#`` ``#35;``, ``&`` ``#amp;``, ``<`` ``#lt;``, ``>`` ``#gt;`` and a
backtick ``#96;`` (Mermaid's entity codes), a line break ``<br>``; characters SVG
cannot carry become U+FFFD.

Edges: support and attack solid (``-->``), coloured green and red by ``linkStyle``;
undercut, rephrase and preference dotted (``-.->``) with their kind as the edge's
text. Mermaid edges join nodes, so an undercut ends on the statement the undercut
relation starts from. ``classDef`` colours the boxes by side (see
:mod:`argmap.formats.graph`).
"""

from __future__ import annotations

from argmap.formats.graph import (
    EDGE_STYLES,
    SIDE_COLOURS,
    Side,
    clean_text,
    drawing_losses,
    label_lines,
    statement_sides,
)
from argmap.model import Debate

__all__ = ["mermaid_label", "unrepresentable_in_mermaid", "write_mermaid"]

_ENTITIES = {
    "#": "#35;",  # first: every other code starts with '#'
    "&": "#amp;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "`": "#96;",
}
_EDGE_TEXT = {"undercut": "undercut", "rephrase": "rephrase", "preference": "preferred to"}


def mermaid_label(text: str) -> str:
    """``text`` as a quoted Mermaid label that shows exactly ``text``.

    >>> print(mermaid_label('Say "no" & <b>#1</b>\\nnow'))
    "Say #quot;no#quot; #amp; #lt;b#gt;#35;1#lt;/b#gt;<br>now"
    """
    text = clean_text(text).replace("\t", " ")
    text = "".join(_ENTITIES.get(c, c) for c in text)
    return '"' + text.replace("\n", "<br>") + '"'


def write_mermaid(debate: Debate, *, wrap: int = 30) -> str:
    """The debate as a Mermaid flowchart (see the module docstring).

    ``wrap`` is the width at which titles are broken into lines (0: never).

    >>> from argmap.model import Debate, Relation, Statement
    >>> d = Debate("d", (Statement("m", "Walk?", kind="motion"), Statement("a", "Rain")),
    ...            (Relation("a", "m", "attack"),))
    >>> print(write_mermaid(d), end="")
    flowchart BT
        s0["Walk?"]
        s1["Rain"]
        s1 --> s0
        linkStyle 0 stroke:#c62828,stroke-width:2px
        classDef motion fill:#dbe8f6,stroke:#1f4e79,stroke-width:2px
        classDef con fill:#fbe3e3,stroke:#c62828
        class s0 motion
        class s1 con
    """
    sides = statement_sides(debate)
    node = {s.id: f"s{k}" for k, s in enumerate(debate.statements)}
    by_id = {r.id: r for r in debate.relations if r.id}
    out = ["flowchart BT"]
    for s in debate.statements:
        label = "\n".join(label_lines(s.title, wrap, fallback=s.id))
        out.append(f"    {node[s.id]}[{mermaid_label(label)}]")
    styles: dict[str, list[int]] = {}
    for k, r in enumerate(debate.relations):
        target = by_id[r.target].source if r.kind == "undercut" else r.target
        link = f"-.->|{_EDGE_TEXT[r.kind]}|" if r.kind in _EDGE_TEXT else "-->"
        out.append(f"    {node[r.source]} {link} {node[target]}")
        styles.setdefault(EDGE_STYLES[r.kind].colour, []).append(k)
    for colour, links in styles.items():
        numbers = ",".join(str(k) for k in links)
        out.append(f"    linkStyle {numbers} stroke:{colour},stroke-width:2px")
    used: dict[Side, list[str]] = {}
    for s in debate.statements:
        used.setdefault(sides[s.id], []).append(node[s.id])
    order: tuple[Side, ...] = ("motion", "pro", "con", "neutral")
    for side in order:
        if side in used:
            fill, border = SIDE_COLOURS[side]
            extra = ",stroke-width:2px" if side == "motion" else ""
            out.append(f"    classDef {side} fill:{fill},stroke:{border}{extra}")
    for side in order:
        if side in used:
            out.append(f"    class {','.join(used[side])} {side}")
    return "\n".join(out) + "\n"


def unrepresentable_in_mermaid(debate: Debate) -> list[str]:
    """What :func:`write_mermaid` leaves out, a line each (empty: nothing is lost).

    >>> from argmap.model import Debate, Statement
    >>> unrepresentable_in_mermaid(Debate("d", (Statement("m", "M", text="Why.", kind="motion"),)))
    ['statement texts']
    """
    lost = [
        "statement texts" if line.startswith("statement texts") else line
        for line in drawing_losses(debate)
    ]
    if any(r.kind == "undercut" for r in debate.relations):
        lost.append("undercuts end on the statement the undercut relation starts from")
    return lost
