"""From a debate to the graphs the semantics work on.

A debate is a *bipolar* graph: statements that support or attack one another.
Gradual semantics take it as it is (:func:`debate_graph`). Dung's semantics know
only attacks, so support is turned into attacks (:func:`debate_framework`) by one
choice from the bipolar argumentation literature, **necessary support**: a statement
needs what supports it, so an attack on a supporter is an attack on everything that
rests on it (the *secondary attacks* of Cayrol & Lagasquie-Schiex). Weights enter as
preferences: an attack fails when its target weighs strictly more than its attacker
(Amgoud & Cayrol's preference-based frameworks), so a person's weights can change a
Dung verdict, not only a gradual one.

References
----------
.. [1] C. Cayrol, M.-C. Lagasquie-Schiex, "Bipolarity in argumentation graphs:
   Towards a better understanding", *International Journal of Approximate
   Reasoning* 54(7), 2013, pp. 876-899 (secondary attacks, Def. 6).
.. [2] F. Nouioua, V. Risch, "Bipolar argumentation frameworks with specialized
   supports", *ICTAI 2010*, pp. 215-218 (necessary support).
.. [3] L. Amgoud, C. Cayrol, "A reasoning model based on the production of
   acceptable arguments", *Annals of Mathematics and Artificial Intelligence*
   34, 2002, pp. 197-215 (preference-based argumentation frameworks).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping

import numpy as np

from argmap.model import Debate
from argmap.semantics.framework import Framework
from argmap.semantics.gradual import BipolarGraph

__all__ = ["attack_pairs", "debate_framework", "debate_graph", "statement_weights"]


def statement_weights(debate: Debate, overrides: Mapping[str, float] | None = None) -> np.ndarray:
    """Base weights in statement order: the debate's own, with ``overrides`` by id."""
    overrides = overrides or {}
    return np.array([overrides.get(s.id, s.weight) for s in debate.statements], dtype=np.float64)


def _edges(debate: Debate) -> list[tuple[str, str, bool, float]]:
    """``(source, target, is_attack, weight)`` of the relations the semantics read.

    An undercut attacks an inference; it is read as an attack on the statement the
    undercut relation starts from. Rephrase and preference relations carry no force.
    """
    by_id = {r.id: r for r in debate.relations if r.id}
    edges: list[tuple[str, str, bool, float]] = []
    for r in debate.relations:
        if r.kind in ("support", "attack"):
            edges.append((r.source, r.target, r.kind == "attack", r.weight))
        elif r.kind == "undercut" and by_id[r.target].source != r.source:
            edges.append((r.source, by_id[r.target].source, True, r.weight))
    return edges


def debate_graph(debate: Debate, weights: Mapping[str, float] | None = None) -> BipolarGraph:
    """The weighted bipolar graph of ``debate``; node ``i`` is ``debate.statements[i]``.

    >>> from argmap.model import Debate, Relation, Statement
    >>> d = Debate("d", (Statement("m", "M", kind="motion"), Statement("a", "A")),
    ...            (Relation("a", "m", "attack"),))
    >>> g = debate_graph(d)
    >>> g.n, g.src.tolist(), g.dst.tolist(), g.is_attack.tolist()
    (2, [1], [0], [True])
    """
    index = {s.id: i for i, s in enumerate(debate.statements)}
    edges = _edges(debate)
    return BipolarGraph(
        len(debate.statements),
        statement_weights(debate, weights),
        [index[e[0]] for e in edges],
        [index[e[1]] for e in edges],
        [e[2] for e in edges],
        [e[3] for e in edges],
    )


def attack_pairs(debate: Debate) -> tuple[np.ndarray, np.ndarray]:
    """``(src, dst)`` of every attack, direct and secondary, before weights decide.

    For every attack ``c -> a`` and every ``b`` that ``a`` supports, directly or along
    a chain of supports, ``c`` also attacks ``b``. Statement ``i`` is
    ``debate.statements[i]``.
    """
    index = {s.id: i for i, s in enumerate(debate.statements)}
    supported_by: dict[int, list[int]] = defaultdict(list)  # a -> what a supports
    attacks: list[tuple[int, int]] = []
    for source, target, is_attack, _ in _edges(debate):
        s, t = index[source], index[target]
        if is_attack:
            attacks.append((s, t))
        else:
            supported_by[s].append(t)
    reach: dict[int, list[int]] = {}

    def rests_on(a: int) -> list[int]:
        """``a`` and every statement a chain of supports from ``a`` reaches."""
        if a not in reach:
            seen, stack = {a}, [a]
            while stack:
                for b in supported_by[stack.pop()]:
                    if b not in seen:
                        seen.add(b)
                        stack.append(b)
            reach[a] = sorted(seen)
        return reach[a]

    pairs = sorted({(c, b) for c, a in attacks for b in rests_on(a)})
    array = np.array(pairs, dtype=np.int64).reshape(-1, 2)
    return array[:, 0], array[:, 1]


def debate_framework(
    debate: Debate,
    weights: Mapping[str, float] | None = None,
    pairs: tuple[np.ndarray, np.ndarray] | None = None,
) -> Framework:
    """The Dung framework of ``debate``: its attacks plus the secondary attacks.

    Argument ``i`` is ``debate.statements[i]`` (named by the statement's id). The
    attacks are :func:`attack_pairs` (pass them in to reuse them across weights),
    less those whose target weighs strictly more than the attacker.

    >>> from argmap.model import Debate, Relation, Statement
    >>> d = Debate("d", (Statement("m", "M", kind="motion"), Statement("p", "P"),
    ...                  Statement("c", "C")),
    ...            (Relation("p", "m", "support"), Relation("c", "p", "attack")))
    >>> af = debate_framework(d)       # c attacks p, and through p the motion
    >>> sorted((af.names[a], af.names[b]) for a, b in zip(af.src, af.dst))
    [('c', 'm'), ('c', 'p')]
    >>> af = debate_framework(d, {"p": 0.9})  # p outweighs c: that attack fails
    >>> [(af.names[a], af.names[b]) for a, b in zip(af.src, af.dst)]
    [('c', 'm')]
    """
    src, dst = pairs if pairs is not None else attack_pairs(debate)
    weight = statement_weights(debate, weights)
    keep = ~(weight[dst] > weight[src])
    return Framework(
        len(debate.statements), src[keep], dst[keep], tuple(s.id for s in debate.statements)
    )
