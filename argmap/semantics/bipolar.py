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

from collections.abc import Mapping
from operator import attrgetter
from typing import NamedTuple

import numpy as np

from argmap.model import Debate, Relation
from argmap.semantics.framework import Framework
from argmap.semantics.gradual import BipolarGraph
from argmap.semantics.ordering import stable_order

__all__ = [
    "DebateEdges",
    "attack_pairs",
    "debate_edges",
    "debate_framework",
    "debate_graph",
    "framework_at",
    "statement_weights",
]


def statement_weights(debate: Debate, overrides: Mapping[str, float] | None = None) -> np.ndarray:
    """Base weights in statement order: the debate's own, with ``overrides`` by id."""
    weights = np.fromiter(
        map(attrgetter("weight"), debate.statements), np.float64, len(debate.statements)
    )
    if overrides:
        for i, s in enumerate(debate.statements):
            if s.id in overrides:
                weights[i] = overrides[s.id]
    return weights


class DebateEdges(NamedTuple):
    """The relations the semantics read, as parallel arrays over statement indices.

    Edge ``k`` goes from statement ``src[k]`` to ``dst[k]`` (``debate.statements``
    order); relations keep their order in the debate.
    """

    src: np.ndarray
    dst: np.ndarray
    is_attack: np.ndarray
    weight: np.ndarray


def debate_edges(debate: Debate) -> DebateEdges:
    """The support and attack edges of ``debate`` (:func:`debate_graph` reads them).

    An undercut attacks an inference; it is read as an attack on the statement the
    undercut relation starts from. Rephrase and preference relations carry no force.

    >>> from argmap.model import Debate, Relation, Statement
    >>> d = Debate("d", (Statement("m", "M", kind="motion"), Statement("a", "A")),
    ...            (Relation("a", "m", "attack"), Relation("a", "m", "rephrase")))
    >>> e = debate_edges(d)
    >>> e.src.tolist(), e.dst.tolist(), e.is_attack.tolist()
    ([1], [0], [True])
    """
    statements, relations = debate.statements, debate.relations
    index = dict(zip(map(attrgetter("id"), statements), range(len(statements)), strict=True))
    kinds = list(map(attrgetter("kind"), relations))
    if not set(kinds) - {"support", "attack"}:  # the common case, in C loops
        m = len(relations)
        at = index.__getitem__
        return DebateEdges(
            np.fromiter(map(at, map(attrgetter("source"), relations)), np.int64, m),
            np.fromiter(map(at, map(attrgetter("target"), relations)), np.int64, m),
            np.fromiter(map("attack".__eq__, kinds), np.bool_, m),
            np.fromiter(map(attrgetter("weight"), relations), np.float64, m),
        )
    by_id: dict[str, Relation] | None = None
    src: list[int] = []
    dst: list[int] = []
    attack: list[bool] = []
    weight: list[float] = []
    for r in relations:  # one pass: the edge order is the relation order
        kind = r.kind
        if kind == "attack" or kind == "support":
            target = r.target
        elif kind == "undercut":
            if by_id is None:
                by_id = {x.id: x for x in relations if x.id}
            target = by_id[r.target].source
            if target == r.source:
                continue
            kind = "attack"
        else:
            continue
        src.append(index[r.source])
        dst.append(index[target])
        attack.append(kind == "attack")
        weight.append(r.weight)
    return DebateEdges(
        np.array(src, dtype=np.int64),
        np.array(dst, dtype=np.int64),
        np.array(attack, dtype=np.bool_),
        np.array(weight, dtype=np.float64),
    )


def debate_graph(
    debate: Debate, weights: Mapping[str, float] | None = None, edges: DebateEdges | None = None
) -> BipolarGraph:
    """The weighted bipolar graph of ``debate``; node ``i`` is ``debate.statements[i]``.

    ``edges`` are :func:`debate_edges` (pass them in to reuse them).

    >>> from argmap.model import Debate, Relation, Statement
    >>> d = Debate("d", (Statement("m", "M", kind="motion"), Statement("a", "A")),
    ...            (Relation("a", "m", "attack"),))
    >>> g = debate_graph(d)
    >>> g.n, g.src.tolist(), g.dst.tolist(), g.is_attack.tolist()
    (2, [1], [0], [True])
    """
    e = edges if edges is not None else debate_edges(debate)
    return BipolarGraph(
        len(debate.statements),
        statement_weights(debate, weights),
        e.src,
        e.dst,
        e.is_attack,
        e.weight,
    )


def attack_pairs(debate: Debate, edges: DebateEdges | None = None) -> tuple[np.ndarray, np.ndarray]:
    """``(src, dst)`` of every attack, direct and secondary, before weights decide.

    For every attack ``c -> a`` and every ``b`` that ``a`` supports, directly or along
    a chain of supports, ``c`` also attacks ``b``. Statement ``i`` is
    ``debate.statements[i]``; the pairs are distinct and sorted. ``edges`` are
    :func:`debate_edges` (pass them in to reuse them).

    The chains are followed for all attacks at once, one support step per round, as
    arrays of ``c * n + b`` keys.

    >>> from argmap.model import Debate, Relation, Statement
    >>> d = Debate("d", (Statement("m", "M", kind="motion"), Statement("p", "P"),
    ...                  Statement("c", "C")),
    ...            (Relation("p", "m", "support"), Relation("c", "p", "attack")))
    >>> [x.tolist() for x in attack_pairs(d)]   # c attacks p, and through p the motion
    [[2, 2], [0, 1]]
    """
    e = edges if edges is not None else debate_edges(debate)
    n = len(debate.statements)
    support = ~e.is_attack
    s_src, s_dst = e.src[support], e.dst[support]
    order = stable_order(s_src, n)
    ptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(s_src, minlength=n), out=ptr[1:])
    supported = s_dst[order]  # what each statement supports: supported[ptr[a]:ptr[a + 1]]
    seen = distinct_keys(e.src[e.is_attack] * n + e.dst[e.is_attack])
    frontier = seen
    while frontier.size:
        c, a = np.divmod(frontier, n)
        first, counts = ptr[a], ptr[a + 1] - ptr[a]
        total = int(counts.sum())
        if total == 0:
            break
        offsets = np.repeat(first - (np.cumsum(counts) - counts), counts)
        reached = distinct_keys(np.repeat(c, counts) * n + supported[offsets + np.arange(total)])
        at = np.minimum(np.searchsorted(seen, reached), seen.size - 1)
        frontier = reached[seen[at] != reached]
        seen = np.sort(np.concatenate((seen, frontier)))
    return seen // n, seen % n


def distinct_keys(keys: np.ndarray) -> np.ndarray:
    """``keys`` sorted, without repeats: ``np.unique`` without its overheads.

    For the ``a * n + b`` keys of pairs, which the what-ifs use as well.

    >>> distinct_keys(np.array([3, 1, 3, 2])).tolist()
    [1, 2, 3]
    """
    keys = np.sort(keys)
    return keys[np.concatenate(([True], keys[1:] != keys[:-1]))] if keys.size else keys


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
    return framework_at(
        debate,
        statement_weights(debate, weights),
        pairs if pairs is not None else attack_pairs(debate),
    )


def framework_at(
    debate: Debate, weight: np.ndarray, pairs: tuple[np.ndarray, np.ndarray]
) -> Framework:
    """:func:`debate_framework` from the base weights in statement order and the pairs."""
    src, dst = pairs
    keep = ~(weight[dst] > weight[src])  # an attack on a heavier statement fails
    names = tuple(map(attrgetter("id"), debate.statements))
    return Framework(len(debate.statements), src[keep], dst[keep], names)
