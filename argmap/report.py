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

__all__ = ["debate_report"]

_MARK = {"support": ("+", "green"), "attack": ("−", "red")}


def _label(relation: Relation, statement: Statement, full: bool) -> RenderableType:
    mark, colour = _MARK[relation.kind]
    head = Text.assemble((f"{mark} ", f"bold {colour}"), (statement.title, "bold"))
    head.append(f"  {statement.id}", style="dim")
    if full and statement.text:
        return Group(head, Text(statement.text, style="default"))
    return head


def _add_children(
    branch: Tree, debate: Debate, statement_id: str, full: bool, seen: set[str]
) -> None:
    for relation, child in debate.children(statement_id):
        if child.id in seen:  # a second parent or a cycle: name it, do not repeat it
            mark, colour = _MARK[relation.kind]
            branch.add(Text.assemble((f"{mark} ", colour), (f"see {child.id}", "dim italic")))
            continue
        seen.add(child.id)
        node = branch.add(_label(relation, child, full))
        _add_children(node, debate, child.id, full, seen)


def _side_tree(debate: Debate, kind: str, full: bool, seen: set[str]) -> Tree:
    title = "Pro: supports the motion" if kind == "support" else "Con: attacks the motion"
    colour = _MARK[kind][1]
    arguments = [(r, s) for r, s in debate.children(debate.motion.id) if r.kind == kind]
    tree = Tree(Text(f"{title} ({len(arguments)})", style=f"bold {colour}"), guide_style="dim")
    for relation, statement in arguments:
        seen.add(statement.id)
        node = tree.add(_label(relation, statement, full))
        _add_children(node, debate, statement.id, full, seen)
    if not arguments:
        tree.add(Text("none", style="dim italic"))
    return tree


def _relations_table(debate: Debate) -> Table:
    titles = {s.id: s.title for s in debate.statements}
    titles[debate.motion.id] = "the motion"
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


def debate_report(debate: Debate, full: bool = False) -> RenderableType:
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
        _side_tree(debate, "support", full, seen),
        Text(""),
        _side_tree(debate, "attack", full, seen),
        Text(""),
        _relations_table(debate),
        Rule(style="dim"),
        _verdict(debate),
    ]
    return Group(*parts)


def _verdict(debate: Debate) -> RenderableType:
    pro, con = len(debate.side("support")), len(debate.side("attack"))
    others = len(debate.statements) - 1 - pro - con
    line = Text.assemble(("Verdict  ", "bold cyan"), f"{pro} arguments for, {con} against")
    if others:
        line.append(f", {others} further statements below them")
    return line
