"""The human-readable account of a debate that ``argmap analyze`` prints, as Rich renderables.

Every piece of debate text goes through :class:`rich.text.Text`, never markup, so a
title such as ``[bold]`` prints as written.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from argmap.model import Debate, Relation, Statement
from argmap.semantics.explain import Analysis, Status, verdict_of

__all__ = ["debate_report"]

_MARK = {
    "support": ("+", "green"),
    "attack": ("−", "red"),
    "undercut": ("⊣", "red"),
    "rephrase": ("=", "blue"),
    "preference": (">", "blue"),
}
SEMANTICS_NAMES = {
    "dfquad": "DF-QuAD",
    "quad": "QuAD",
    "euler": "Euler-based",
    "quadratic-energy": "quadratic energy",
    "h-categorizer": "h-categorizer (attacks only)",
}
_GROUNDED_STYLE = {"in": "green", "out": "red", "undecided": "yellow"}


def _status_text(status: Status) -> Text:
    """``grounded in · preferred skeptical``: a statement's Dung status in a few words."""
    preferred = (
        "skeptically accepted"
        if status.skeptical
        else "credulously accepted"
        if status.credulous
        else "rejected"
    )
    return Text.assemble(
        ("grounded ", "dim"),
        (status.grounded, _GROUNDED_STYLE[status.grounded]),
        (" · preferred ", "dim"),
        (preferred.replace("ly accepted", ""), "dim"),
    )


def _label(
    relation: Relation, statement: Statement, full: bool, analysis: Analysis | None
) -> RenderableType:
    mark, colour = _MARK[relation.kind]
    head = Text.assemble((f"{mark} ", f"bold {colour}"), (statement.title, "bold"))
    head.append(f"  {statement.id}", style="dim")
    if analysis is not None:
        head.append(f"  {analysis.strength(statement.id):.2f}  ", style="cyan")
        head.append_text(_status_text(analysis.statuses[statement.id]))
    if full and statement.text:
        return Group(head, Text(statement.text, style="default"))
    return head


def _add_children(
    branch: Tree,
    debate: Debate,
    statement_id: str,
    full: bool,
    seen: set[str],
    analysis: Analysis | None,
) -> None:
    for relation, child in debate.children(statement_id):
        if child.id in seen:  # a second parent or a cycle: name it, do not repeat it
            mark, colour = _MARK[relation.kind]
            branch.add(Text.assemble((f"{mark} ", colour), (f"see {child.id}", "dim italic")))
            continue
        seen.add(child.id)
        node = branch.add(_label(relation, child, full, analysis))
        _add_children(node, debate, child.id, full, seen, analysis)


def _side_tree(
    debate: Debate, kind: str, full: bool, seen: set[str], analysis: Analysis | None
) -> Tree:
    title = "Pro: supports the motion" if kind == "support" else "Con: attacks the motion"
    colour = _MARK[kind][1]
    arguments = [(r, s) for r, s in debate.children(debate.motion.id) if r.kind == kind]
    tree = Tree(Text(f"{title} ({len(arguments)})", style=f"bold {colour}"), guide_style="dim")
    for relation, statement in arguments:
        seen.add(statement.id)
        node = tree.add(_label(relation, statement, full, analysis))
        _add_children(node, debate, statement.id, full, seen, analysis)
    if not arguments:
        tree.add(Text("none", style="dim italic"))
    return tree


def _relations_table(debate: Debate) -> Table:
    titles = {s.id: s.title for s in debate.statements}
    titles[debate.motion.id] = "the motion"
    for r in debate.relations:
        if r.id and r.kind != "undercut":
            titles[r.id] = f"the inference {titles[r.source]} → {titles[r.target]}"
    table = Table(title=f"Relations ({len(debate.relations)})", title_justify="left", box=None)
    table.add_column("from", overflow="fold", ratio=1)
    table.add_column("", no_wrap=True)
    table.add_column("to", overflow="fold", ratio=1)
    table.add_column("by", no_wrap=True, style="dim")
    for r in debate.relations:
        mark, colour = _MARK[r.kind]
        by = r.origin if r.confidence is None else f"{r.origin} {r.confidence:.2f}"
        table.add_row(
            Text(titles[r.source]),
            Text(f"{mark} {r.kind}s", style=colour),
            Text(titles[r.target]),
            by,
        )
    return table


def debate_report(
    debate: Debate, full: bool = False, analysis: Analysis | None = None
) -> RenderableType:
    """Motion and source, both sides as trees, the relations and the verdict section."""
    head = Text.assemble(("Motion  ", "bold cyan"), (debate.motion.title, "bold"))
    parts: list[RenderableType] = [head]
    src = debate.source
    source = " · ".join(x for x in (src.title, src.author, src.date, src.url) if x)
    if source:
        parts.append(Text.assemble(("Source  ", "bold cyan"), source))
    if debate.description and full:
        parts.append(Padding(Text(debate.description, style="italic"), (0, 0, 0, 8)))
    seen = {debate.motion.id}
    parts += [
        Text(""),
        _side_tree(debate, "support", full, seen, analysis),
        Text(""),
        _side_tree(debate, "attack", full, seen, analysis),
        Text(""),
        _relations_table(debate),
        Rule(style="dim"),
        _verdict(debate) if analysis is None else _analysis(debate, analysis),
    ]
    return Group(*parts)


def _verdict(debate: Debate) -> RenderableType:
    pro, con = len(debate.side("support")), len(debate.side("attack"))
    others = len(debate.statements) - 1 - pro - con
    line = Text.assemble(("Verdict  ", "bold cyan"), f"{pro} arguments for, {con} against")
    if others:
        line.append(f", {others} further statements below them")
    return line


_SAYS = {
    "for": "the motion is carried",
    "against": "the motion is rejected",
    "undecided": "undecided: the sides balance",
}


def _analysis(debate: Debate, analysis: Analysis) -> RenderableType:
    """The verdict under each semantics, the reasons, and the crux."""
    titles = {s.id: s.title for s in debate.statements}
    head = analysis.semantics
    strength = analysis.motion_strength()
    verdict = verdict_of(strength)
    parts: list[RenderableType] = [
        Text.assemble(
            ("Verdict  ", "bold cyan"),
            (f"{SEMANTICS_NAMES[head]}: ", "bold"),
            (f"{strength:.2f}, {_SAYS[verdict]}", "bold"),
        )
    ]
    table = Table(box=None, show_header=False, padding=(0, 2, 0, 9))
    for name in analysis.strengths:
        value = analysis.motion_strength(name)
        s = analysis.strengths[name]
        note = "" if s.converged else f" (did not converge: {s.method}, {s.iterations} steps)"
        table.add_row(SEMANTICS_NAMES[name], f"{value:.2f}", verdict_of(value) + note)
    motion = analysis.statuses[debate.motion.id]
    table.add_row("Dung", "", _status_text(motion))
    parts.append(table)
    if analysis.defeaters:
        names = [titles[d] for d in analysis.defeaters]
        shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
        parts.append(
            Text.assemble(
                ("         grounded out: ", "dim"),
                f"{len(names)} unanswered argument{'s' if len(names) > 1 else ''} "
                f"attack the motion ({shown})",
            )
        )
    parts.append(
        Text(
            "         Dung semantics read support as necessary support; weights act as "
            "preferences (an attack on a heavier statement fails).",
            style="dim",
        )
    )
    if analysis.weights:
        set_ = ", ".join(f"{titles[k]} = {v:g}" for k, v in analysis.weights.items())
        parts.append(Text.assemble(("         what-if: ", "dim"), set_))
    why = sorted(analysis.contributions.items(), key=lambda kv: -abs(kv[1]))[:5]
    if why:
        parts.append(
            Text.assemble(
                ("Why      ", "bold cyan"),
                (f"largest contributions to the motion's {SEMANTICS_NAMES[head]} strength", ""),
            )
        )
        rows = Table(box=None, show_header=False, padding=(0, 2, 0, 9))
        for sid, value in why:
            rows.add_row(
                Text(f"{value:+.3f}", style="green" if value > 0 else "red" if value else ""),
                Text(titles[sid]),
            )
        parts.append(rows)
    parts.append(
        Text.assemble(
            ("Crux     ", "bold cyan"), "the smallest single weight changes that flip a verdict"
        )
    )
    if not analysis.crux:
        parts.append(Text("         no single weight change flips any verdict", style="dim"))
    for k, c in enumerate(analysis.crux, 1):
        move = "raise" if c.after > c.before else "lower"
        name = SEMANTICS_NAMES.get(c.verdict, c.verdict)
        parts.append(
            Text.assemble(
                f"         {k}. {move} ",
                (titles[c.statement], "bold"),
                f" from {c.before:.2f} to {c.after:.2f}",
                (f"  → {name}: {c.becomes}", "cyan"),
            )
        )
    return Group(*parts)
