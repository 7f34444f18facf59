"""How the motion's strength answers a change to one statement, for all statements at once.

Most debates are trees: every argument answers exactly one other, and the paths end
at the motion. On a tree a change to one statement moves only its ancestors, and
each ancestor's new strength follows from the aggregate of its *other* children,
which does not change. So "what if statement ``i`` had base weight ``w``" (or "were
not there") is a walk up ``i``'s path, and the walks of all statements run side by
side as numpy operations, one tree level per step: a what-if for every statement
costs a few array passes instead of one full evaluation each (:class:`TreeWhatIf`).

Debates with cross-links are not trees, but most are still acyclic. There a change
moves only what the statement reaches on its way to the motion, usually a few
statements; :class:`DagWhatIf` re-evaluates just those, for a batch of what-ifs at
once, with the reductions of the full evaluation, so its strengths are the ones a
full evaluation gives.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from argmap.semantics.bipolar import distinct_keys
from argmap.semantics.gradual import (
    DAMPING,
    MAX_ITER,
    PATIENCE,
    TOL,
    BipolarGraph,
    Rule,
    _Plan,
    _semantics_plan,
    _solve,
    _subplan,
)
from argmap.semantics.ordering import stable_order

__all__ = ["CyclicWhatIf", "DagWhatIf", "TreeWhatIf", "tree_parents"]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]

ATTACK, SUPPORT = 0, 1


def tree_parents(graph: BipolarGraph, root: int, supports: bool = True) -> IntArray | None:
    """``parent[i]``: the one argument ``i`` acts on (-1 for none); None if not a tree.

    A tree here: no argument acts on two others, the root acts on none, no cycle.
    With ``supports`` false, support edges are left out (h-categorizer ignores them).

    >>> g = BipolarGraph.from_lists([0.5] * 3, attacks=[(1, 0)], supports=[(2, 1)])
    >>> tree_parents(g, 0).tolist()
    [-1, 0, 1]
    """
    keep = np.ones(graph.m, dtype=np.bool_) if supports else graph.is_attack
    src, dst = graph.src[keep], graph.dst[keep]
    if (src.size and int(np.bincount(src).max()) > 1) or bool((src == root).any()):
        return None
    parent = np.full(graph.n, -1, dtype=np.int64)
    parent[src] = dst
    node = np.arange(graph.n)
    for _ in range(graph.n + 1):  # every chain of parents ends within n steps, or cycles
        live = node >= 0
        if not live.any():
            return parent
        node[live] = parent[node[live]]
    return None


@dataclass(frozen=True)
class TreeWhatIf:
    """A tree-shaped graph's aggregates under one semantics, at its solution.

    Build with :meth:`build` (None when the graph is not a tree); then
    :meth:`if_base` and :meth:`without` answer for many statements at once.

    >>> from argmap.semantics.gradual import RULES, dfquad_strengths
    >>> g = BipolarGraph.from_lists([0.5, 0.5, 0.5], attacks=[(1, 0)], supports=[(2, 0)])
    >>> t = TreeWhatIf.build(g, RULES["dfquad"], 0, dfquad_strengths(g).values)
    >>> t.without(np.array([1, 2])).tolist()   # no attacker: 0.75; no supporter: 0.25
    [0.75, 0.25]
    >>> t.if_base(np.array([2]), np.array([1.0])).tolist()  # vs 1 > va 0.5: 0.5 + 0.5 * 0.5
    [0.75]
    """

    graph: BipolarGraph
    rule: Rule
    root: int
    strengths: FloatArray
    parent: IntArray
    side: IntArray  # ATTACK or SUPPORT: how each argument acts on its parent
    weight: FloatArray  # the weight of each argument's edge to its parent
    count: IntArray  # (2, n): number of incoming attacks [0] and supports [1]
    total: FloatArray  # (2, n): product of the non-zero factors 1 - w*s, or sum of w*s
    zeros: IntArray  # (2, n): number of factors exactly 0 (product rules)

    @classmethod
    def build(
        cls, graph: BipolarGraph, rule: Rule, root: int, strengths: FloatArray
    ) -> TreeWhatIf | None:
        """The aggregates of ``graph`` under ``rule`` at its solution ``strengths``."""
        parent = tree_parents(graph, root, rule.supports)
        if parent is None:
            return None
        keep = np.ones(graph.m, dtype=np.bool_) if rule.supports else graph.is_attack
        weight = np.ones(graph.n)
        side = np.full(graph.n, SUPPORT, dtype=np.int64)
        weight[graph.src[keep]] = graph.edge_weight[keep]
        side[graph.src[keep]] = np.where(graph.is_attack[keep], ATTACK, SUPPORT)
        child = np.flatnonzero(parent >= 0)
        at = (side[child], parent[child])
        count = np.zeros((2, graph.n), dtype=np.int64)
        np.add.at(count, at, 1)
        zeros = np.zeros((2, graph.n), dtype=np.int64)
        v = weight[child] * strengths[child]
        if rule.product:
            total = np.ones((2, graph.n))
            factor = 1.0 - v
            nz = factor != 0.0
            np.multiply.at(total, (at[0][nz], at[1][nz]), factor[nz])
            np.add.at(zeros, (at[0][~nz], at[1][~nz]), 1)
        else:
            total = np.zeros((2, graph.n))
            np.add.at(total, at, v)
        return cls(graph, rule, root, strengths, parent, side, weight, count, total, zeros)

    def _full(self, side: IntArray, nodes: IntArray) -> FloatArray:
        """The aggregate of all incoming edges on ``side``."""
        if self.rule.product:
            return np.where(self.zeros[side, nodes] == 0, self.total[side, nodes], 0.0)
        return self.total[side, nodes]

    def _replaced(
        self, child: IntArray, parent: IntArray, x: FloatArray, present: BoolArray
    ) -> tuple[FloatArray, IntArray]:
        """The aggregate on ``child``'s side of ``parent`` with ``child`` at strength ``x``."""
        side = self.side[child]
        v_old = self.weight[child] * self.strengths[child]
        v_new = self.weight[child] * x
        n = self.count[side, parent] - (~present)
        if not self.rule.product:
            return self.total[side, parent] - v_old + np.where(present, v_new, 0.0), n
        f_old = 1.0 - v_old
        f_new = np.where(present, 1.0 - v_new, 1.0)
        zeros = self.zeros[side, parent] - (f_old == 0.0) + (f_new == 0.0)
        rest = self.total[side, parent] / np.where(f_old == 0.0, 1.0, f_old)
        return np.where(zeros == 0, rest * np.where(f_new == 0.0, 1.0, f_new), 0.0), n

    def _walk(self, nodes: IntArray, x: FloatArray, present: BoolArray) -> FloatArray:
        """The root's strength when each ``nodes[k]`` has strength ``x[k]`` (or is absent)."""
        node, x, present = nodes.astype(np.int64), x.astype(np.float64), present.copy()
        result = np.full(node.size, float(self.strengths[self.root]))
        live = (node != self.root) & (self.parent[node] >= 0)
        result[node == self.root] = x[node == self.root]
        while live.any():
            k = np.flatnonzero(live)
            child, parent = node[k], self.parent[node[k]]
            same, n_same = self._replaced(child, parent, x[k], present[k])
            side = self.side[child]
            other = 1 - side
            other_value, n_other = self._full(other, parent), self.count[other, parent]
            attack_side = side == ATTACK
            strength = self.rule.combine(
                self.graph.base[parent],
                np.where(attack_side, same, other_value),
                np.where(attack_side, other_value, same),
                np.where(attack_side, n_same, n_other) > 0,
                np.where(attack_side, n_other, n_same) > 0,
            )
            node[k], x[k], present[k] = parent, strength, True
            done = parent == self.root
            result[k[done]] = strength[done]
            live[k] = ~done & (self.parent[parent] >= 0)
        return result

    def without(self, nodes: IntArray) -> FloatArray:
        """The root's strength with each of ``nodes`` (separately) taken away."""
        return self._walk(nodes, self.strengths[nodes], np.zeros(nodes.size, dtype=np.bool_))

    def if_base(self, nodes: IntArray, base: FloatArray) -> FloatArray:
        """The root's strength with each ``nodes[k]``'s base weight set to ``base[k]``."""
        own = self.rule.combine(
            np.asarray(base, dtype=np.float64),
            self._full(np.full(nodes.size, ATTACK), nodes),
            self._full(np.full(nodes.size, SUPPORT), nodes),
            self.count[ATTACK, nodes] > 0,
            self.count[SUPPORT, nodes] > 0,
        )
        return self._walk(nodes, own, np.ones(nodes.size, dtype=np.bool_))


@dataclass(frozen=True)
class DagWhatIf:
    """What-ifs on an acyclic graph: only what lies between a statement and the root moves.

    A change to one statement's base weight (or its removal) changes the strengths of
    the statements it reaches, and only those on a path to the root matter. For a
    batch of statements, each with several candidate weights, those few statements
    are re-evaluated level by level, every statement of the batch and every weight
    at once. Each re-evaluated statement aggregates its incoming edges in the same
    order and with the same numpy reductions as the full evaluation, so a base-weight
    what-if gives bit for bit the strength a full evaluation of the changed graph gives.

    Build with :meth:`build` (None when the graph, as the semantics reads it, has a
    cycle); then :meth:`if_base` and :meth:`without`.

    Statement 3 acts on the motion 0 along two paths: it attacks 1, which attacks 0,
    and supports 2, which supports 0. With base weights 0.5 and 3's weight ``w``,
    ``s1 = 0.5 - 0.5 w``, ``s2 = 0.5 + 0.5 w``, so ``vs - va = w`` and
    ``s0 = 0.5 + 0.5 w``.

    >>> from argmap.semantics.gradual import RULES, dfquad_strengths
    >>> g = BipolarGraph.from_lists([0.5] * 4, attacks=[(1, 0), (3, 1)], supports=[(2, 0), (3, 2)])
    >>> d = DagWhatIf.build(g, RULES["dfquad"], 0, dfquad_strengths(g).values)
    >>> d.if_base(np.array([3]), np.array([[0.0, 1.0]])).tolist()
    [[0.5, 1.0]]
    >>> d.without(np.array([1, 2])).tolist()  # no attacker: 0.5 + 0.5 * 0.75; no supporter
    [0.875, 0.375]
    """

    rule: Rule
    n: int
    root: int  # the root's position
    s: FloatArray  # strengths by position
    pos: IntArray  # pos[argument] = position
    base: FloatArray  # base weights by position
    level: IntArray  # level of each position
    no_inputs: BoolArray  # per level: no edge of the semantics enters it (strength = base)
    # per side (attacks, then supports if the semantics reads them): first edge into each
    # position, in-degree, edge sources, edge weights (None: all 1), as in the plan
    blocks: tuple[tuple[IntArray, IntArray, IntArray, FloatArray | None], ...]
    succ_ptr: IntArray  # successors (positions) of each position, CSR, towards the root only
    succ_idx: IntArray
    signs: IntArray  # by position: bit 1, a path to the root with an even number of attacks; 2, odd
    clear: BoolArray  # by position: reaches no cycle (always, on an acyclic graph)

    @classmethod
    def build(
        cls, graph: BipolarGraph, rule: Rule, root: int, strengths: FloatArray
    ) -> DagWhatIf | None:
        """The level structure of ``graph`` as ``rule`` reads it; None if it has a cycle."""
        plan = _semantics_plan(graph, rule)
        if plan.cyclic.any():
            return None
        return cls.of_plan(plan, rule, root, strengths)

    @classmethod
    def of_plan(cls, plan: _Plan, rule: Rule, root: int, strengths: FloatArray) -> DagWhatIf:
        """What-ifs over ``plan``'s levels; with cycles, right only for :attr:`clear` nodes."""
        n = plan.pos.size
        used = (plan.att, plan.sup) if rule.supports else (plan.att,)
        blocks = []
        src_parts, dst_parts = [], []
        for block in used:
            first = np.zeros(n + 1, dtype=np.int64)
            np.cumsum(block.indegree, out=first[1:])
            blocks.append((first, block.indegree, block.src, block.weight))
            src_parts.append(block.src)
            dst_parts.append(np.repeat(np.arange(n), block.indegree))
        src, dst = np.concatenate(src_parts), np.concatenate(dst_parts)
        root_pos = int(plan.pos[root])
        nlevels = plan.start.size - 1
        level = np.repeat(np.arange(nlevels), np.diff(plan.start))
        # The signs of the paths to the root, level by level from the top (an edge goes
        # up a level at least): which positions reach it, and how;
        attack = np.concatenate([np.full(b.src.size, b is plan.att) for b in used])
        signs = np.zeros(n, dtype=np.int64)
        signs[root_pos] = 1
        # and which positions reach a cycle (the edges within a cyclic level stay level)
        stuck = np.repeat(plan.cyclic, np.diff(plan.start))
        by_src = stable_order(level[src], nlevels)
        bounds = np.searchsorted(level[src][by_src], np.arange(nlevels + 1))
        for lv in range(nlevels - 1, -1, -1):
            e = by_src[bounds[lv] : bounds[lv + 1]]
            got = signs[dst[e]]
            flipped = np.where(attack[e], ((got & 1) << 1) | ((got & 2) >> 1), got)
            for bit in (1, 2):
                signs[src[e][(flipped & bit) != 0]] |= bit  # repeats all write the same
            stuck[src[e][stuck[dst[e]]]] = True
        towards = signs != 0
        keep = towards[src] & towards[dst]
        ks, kd = src[keep], dst[keep]
        succ_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(ks, minlength=n), out=succ_ptr[1:])
        succ_idx = kd[stable_order(ks, n)]
        no_inputs = np.ones(nlevels, dtype=np.bool_)
        for block in used:
            no_inputs &= block.ptr[:-1] == block.ptr[1:]
        s = np.empty(n)
        s[plan.pos] = strengths
        return cls(
            rule,
            n,
            root_pos,
            s,
            plan.pos,
            plan.base,
            level,
            no_inputs,
            tuple(blocks),
            succ_ptr,
            succ_idx,
            signs,
            ~stuck,
        )

    def monotone(self, nodes: IntArray) -> BoolArray:
        """Whether the root's strength is monotone in each node's base weight.

        It is when every path from the node to the root has the same number of
        attacks modulo 2: every semantics here makes a strength non-decreasing in its
        base weight and its supporters' strengths and non-increasing in its
        attackers'. (A node with no path to the root does not move it at all.)
        """
        mixed: BoolArray = self.signs[self.pos[np.asarray(nodes, dtype=np.int64)]] == 3
        return ~mixed

    def _reached(self, start: IntArray, owner: IntArray) -> IntArray:
        """Sorted keys ``k * n + p`` of the positions ``p`` reached from ``start[k]``'s pairs."""
        n = self.n
        keys = [owner * n + start]
        frontier_owner, frontier = owner, start
        while frontier.size:
            first = self.succ_ptr[frontier]
            counts = self.succ_ptr[frontier + 1] - first
            total = int(counts.sum())
            if total == 0:
                break
            offsets = np.repeat(first - (np.cumsum(counts) - counts), counts)
            nxt = self.succ_idx[offsets + np.arange(total)]
            key = distinct_keys(np.repeat(frontier_owner, counts) * n + nxt)
            keys.append(key)
            frontier_owner, frontier = np.divmod(key, n)
        return distinct_keys(np.concatenate(keys))

    def _evaluate(self, nodes: IntArray, values: FloatArray | None) -> FloatArray:
        """Root strengths, shape ``(len(nodes), R)``: base weights ``values`` or removal."""
        n, k = self.n, nodes.size
        q = self.pos[nodes]
        r = 1 if values is None else values.shape[1]
        removal = values is None
        owner = np.arange(k, dtype=np.int64)
        if removal:  # a removed statement keeps its strength; what it acts on moves
            first = self.succ_ptr[q]
            counts = self.succ_ptr[q + 1] - first
            offsets = np.repeat(first - (np.cumsum(counts) - counts), counts)
            start = self.succ_idx[offsets + np.arange(int(counts.sum()))]
            owner = np.repeat(owner, counts)
        else:
            start = np.where(self._towards_root(q), q, -1)
            owner, start = owner[start >= 0], start[start >= 0]
        result = np.repeat(self.s[self.root], k * r).reshape(k, r)
        if start.size == 0:
            return result
        keys = self._reached(start, owner)
        pk, pp = np.divmod(keys, n)
        val = np.empty((keys.size, r))
        lev = self.level[pp]
        by_level = stable_order(lev, self.no_inputs.size)
        bounds = np.flatnonzero(np.diff(lev[by_level])) + 1
        for idx in np.split(by_level, bounds):
            kk, p = pk[idx], pp[idx]
            own = p == q[kk]
            b = np.repeat(self.base[p], r).reshape(-1, r)
            if not removal:
                assert values is not None
                b[own] = values[kk[own]]
            if self.no_inputs[self.level[p[0]]]:
                val[idx] = b
                continue
            aggregates: list[FloatArray] = []
            present: list[BoolArray] = []
            for first_edge, indegree, src, weight in self.blocks:
                agg, has = self._aggregate(
                    keys, val, kk, p, q if removal else None, first_edge, indegree, src, weight, r
                )
                aggregates.append(agg)
                present.append(has)
            if len(aggregates) == 1:  # attacks only: the support side is neutral
                aggregates.append(np.zeros_like(aggregates[0]))
                present.append(np.zeros_like(present[0]))
            out = self.rule.combine(b, aggregates[0], aggregates[1], present[0], present[1])
            val[idx] = np.clip(out, 0.0, 1.0, out=out)
        at = np.arange(k) * n + self.root
        loc = np.minimum(np.searchsorted(keys, at), keys.size - 1)
        hit = keys[loc] == at
        result[hit] = val[loc[hit]]
        return result

    def _towards_root(self, q: IntArray) -> BoolArray:
        towards: BoolArray = (self.succ_ptr[q + 1] > self.succ_ptr[q]) | (q == self.root)
        return towards

    def _aggregate(
        self,
        keys: IntArray,
        val: FloatArray,
        kk: IntArray,
        p: IntArray,
        removed_node: IntArray | None,
        first_edge: IntArray,
        indegree: IntArray,
        src: IntArray,
        weight: FloatArray | None,
        r: int,
    ) -> tuple[FloatArray, BoolArray]:
        """The aggregate of each pair's incoming edges on one side, shape ``(pairs, R)``."""
        product = self.rule.product
        counts = indegree[p]
        total = int(counts.sum())
        neutral = 1.0 if product else 0.0
        out = np.full((p.size, r), neutral)
        if total == 0:
            return out, np.zeros((p.size, 1), dtype=np.bool_)
        first = first_edge[p]
        seg = np.cumsum(counts) - counts
        edges = np.repeat(first - seg, counts) + np.arange(total)
        source = src[edges]
        edge_owner = np.repeat(kk, counts)
        key = edge_owner * self.n + source
        loc = np.minimum(np.searchsorted(keys, key), keys.size - 1)
        moved = keys[loc] == key
        # (R, edges): each row's segments are contiguous, as in the full evaluation.
        x = np.repeat(self.s[source], r).reshape(-1, r).T.copy()
        x[:, moved] = val[loc[moved]].T
        if removed_node is None:
            gone = np.zeros(total, dtype=np.bool_)
        else:  # the removed statement's edges add nothing (factor 1, or a term 0)
            gone = source == removed_node[edge_owner]
            x[:, gone] = 0.0
        if weight is not None:
            x *= weight[edges]
        live = counts > 0
        if product:
            np.subtract(1.0, x, out=x)
            values = np.multiply.reduceat(x, seg[live], axis=1)
        else:
            values = np.add.reduceat(x, seg[live], axis=1)
        out[live] = values.T
        removed = np.bincount(np.repeat(np.arange(p.size), counts)[gone], minlength=p.size)
        return out, (counts - removed > 0).reshape(-1, 1)

    def if_base(self, nodes: IntArray, values: FloatArray) -> FloatArray:
        """The root's strength with ``nodes[k]``'s base weight set to each of ``values[k]``.

        ``values`` has shape ``(len(nodes), R)``; so has the answer.
        """
        return self._evaluate(np.asarray(nodes, dtype=np.int64), np.asarray(values, dtype=float))

    def without(self, nodes: IntArray) -> FloatArray:
        """The root's strength with each of ``nodes`` (separately) taken away."""
        return self._evaluate(np.asarray(nodes, dtype=np.int64), None)[:, 0]


class CyclicWhatIf:
    """What-ifs on any graph, cycles included: whole evaluations, a batch at once.

    With cycles a change can move every statement on a cycle it reaches, and the
    cyclic levels must be iterated again. Each what-if is a scenario row; the rows
    run through the levels together, each iterating exactly as its own evaluation
    would (:func:`argmap.semantics.gradual._iterate_level`), so a base-weight what-if
    gives bit for bit the strength a full evaluation of the changed graph gives, at
    the numpy cost of about one evaluation per batch. Only what the batch's changes
    can move is evaluated again (:meth:`_moved`), on a plan cut down to it that keeps
    its levels and edge order; the rest keeps its strengths.

    A statement whose changes reach no cycle is left to :class:`DagWhatIf`, which
    re-evaluates only what it reaches. A removal keeps the level structure of the
    whole graph, where the changed graph may have fewer cycles: its strengths are a
    fixed point all the same, equal to the changed graph's to within the iteration's
    tolerance.

    >>> from argmap.semantics.gradual import RULES, dfquad_strengths
    >>> g = BipolarGraph.from_lists([0.5] * 3, attacks=[(1, 0), (1, 2), (2, 1)])
    >>> c = CyclicWhatIf.build(g, RULES["dfquad"], 0, dfquad_strengths(g).values)
    >>> c.if_base(np.array([1]), np.array([[0.0]])).tolist()  # 1 silenced: 0 keeps 0.5
    [[0.5]]
    >>> round(float(c.without(np.array([2]))[0]), 6)  # 1 unanswered: 0.5 - 0.5 * 0.5
    0.25
    """

    #: Scenario rows times positions per batch: bounds the batch's memory (~16 MB a matrix).
    CELLS = 1 << 21

    def __init__(self, plan: _Plan, rule: Rule, root: int, strengths: FloatArray) -> None:
        self.plan = plan
        self.rule = rule
        self.root = int(plan.pos[root])
        self.s = np.empty(strengths.size)
        self.s[plan.pos] = strengths
        self.level = np.repeat(np.arange(plan.start.size - 1), np.diff(plan.start))
        # statements whose changes reach no cycle move only what they reach, once each
        self.dag = DagWhatIf.of_plan(plan, rule, root, strengths)
        # every edge the semantics reads, by source position (CSR), for what a change moves
        n = self.s.size
        blocks = (plan.att, plan.sup) if rule.supports else (plan.att,)
        src = np.concatenate([b.src for b in blocks])
        dst = np.concatenate([np.repeat(np.arange(n), b.indegree) for b in blocks])
        self.succ_ptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.bincount(src, minlength=n), out=self.succ_ptr[1:])
        self.succ_idx = dst[stable_order(src, n)]

    @classmethod
    def build(
        cls, graph: BipolarGraph, rule: Rule, root: int, strengths: FloatArray
    ) -> CyclicWhatIf:
        """What-ifs for ``graph`` as ``rule`` reads it, from its solution ``strengths``."""
        return cls(_semantics_plan(graph, rule), rule, root, strengths)

    def _clear(self, nodes: IntArray) -> BoolArray:
        clear: BoolArray = self.dag.clear[self.plan.pos[nodes]]
        return clear

    def monotone(self, nodes: IntArray) -> BoolArray:
        """As :meth:`DagWhatIf.monotone` where a node reaches no cycle; elsewhere
        nothing is known (a cycle can turn an effect around)."""
        nodes = np.asarray(nodes, dtype=np.int64)
        return self.dag.monotone(nodes) & self._clear(nodes)

    def if_base(self, nodes: IntArray, values: FloatArray) -> FloatArray:
        """The root's strength with ``nodes[k]``'s base weight set to each of ``values[k]``.

        ``values`` has shape ``(len(nodes), R)``; so has the answer.
        """
        nodes = np.asarray(nodes, dtype=np.int64)
        values = np.asarray(values, dtype=float)
        out = np.empty(values.shape)
        clear = self._clear(nodes)
        out[clear] = self.dag.if_base(nodes[clear], values[clear])
        rest = values[~clear]
        q = np.repeat(self.plan.pos[nodes[~clear]], values.shape[1])
        out[~clear] = self._run(q, rest.reshape(-1)).reshape(rest.shape)
        return out

    def without(self, nodes: IntArray) -> FloatArray:
        """The root's strength with each of ``nodes`` (separately) taken away."""
        nodes = np.asarray(nodes, dtype=np.int64)
        out = np.empty(nodes.size)
        clear = self._clear(nodes)
        out[clear] = self.dag.without(nodes[clear])
        out[~clear] = self._run(self.plan.pos[nodes[~clear]], None)
        return out

    def _run(self, q: IntArray, values: FloatArray | None) -> FloatArray:
        """Root strength per scenario: ``q[r]`` gets weight ``values[r]``, or loses its edges."""
        out = np.empty(q.size)
        if q.size == 0:
            return out
        moved = self._moved(q)
        if not np.isin(self.root, moved):  # no change reaches the root
            out[:] = self.s[self.root]
            return out
        # A batch of some of the rows moves part of what all of them move; its plan is at
        # most as wide as theirs, which bounds the memory of a batch.
        whole = _subplan(self.plan, moved)
        chunk = max(1, self.CELLS // whole[1].size)
        if q.size <= chunk:
            return self._batch(q, values, whole)
        order = stable_order(self.level[q], self.plan.start.size)  # similar levels together
        for part in np.array_split(order, -(-q.size // chunk)):
            out[part] = self._batch(q[part], None if values is None else values[part])
        return out

    def _moved(self, q: IntArray) -> IntArray:
        """The positions a change at ``q`` can move, up to the root's level (sorted).

        Everything ``q`` reaches, and with any position of a cyclic level the whole
        level (its components iterate together, so each steps as the others do),
        and everything that reaches.
        """
        plan, top = self.plan, int(self.level[self.root])
        mark = np.zeros(self.s.size, dtype=np.bool_)
        frontier = np.unique(q)
        mark[frontier] = True
        while frontier.size:
            levels = np.unique(self.level[frontier])
            levels = levels[plan.cyclic[levels]]
            whole = np.concatenate(
                [np.arange(plan.start[lv], plan.start[lv + 1]) for lv in levels.tolist()]
                + [np.zeros(0, dtype=np.int64)]
            )
            whole = whole[~mark[whole]]
            mark[whole] = True
            frontier = np.concatenate([frontier, whole])
            first = self.succ_ptr[frontier]
            counts = self.succ_ptr[frontier + 1] - first
            offsets = np.repeat(first - (np.cumsum(counts) - counts), counts)
            nxt = self.succ_idx[offsets + np.arange(int(counts.sum()))]
            nxt = np.unique(nxt[(self.level[nxt] <= top) & ~mark[nxt]])
            mark[nxt] = True
            frontier = nxt
        moved: IntArray = np.flatnonzero(mark)
        return moved

    def _batch(
        self,
        q: IntArray,
        values: FloatArray | None,
        plan: tuple[_Plan, IntArray] | None = None,
    ) -> FloatArray:
        """Re-evaluate, for every row at once, just the positions the batch's changes move.

        They keep their levels and the order of their edges, and what feeds them from
        outside keeps its strength, so each row computes what a full evaluation of
        its changed graph computes there, in the same order. ``plan``: the cut-down
        plan of these rows, if already made.
        """
        rows = q.size
        if plan is None:
            moved = self._moved(q)
            if not np.isin(self.root, moved):  # no change reaches the root
                return np.repeat(self.s[self.root], rows)
            plan = _subplan(self.plan, moved)
        sub, order = plan
        where = np.full(self.s.size, -1, dtype=np.int64)
        where[order] = np.arange(order.size)
        sq = where[q]
        base = np.tile(sub.base, (rows, 1))
        if values is not None:
            base[np.arange(rows), sq] = values
        inputs = int(sub.start[1])
        s = base.copy()  # the positions evaluated again start from their base weights
        s[:, :inputs] = self.s[order[:inputs]]
        _solve(
            sub,
            self.rule,
            s,
            base,
            range(1, sub.start.size - 1),
            sq if values is None else None,
            TOL,
            MAX_ITER,
            DAMPING,
            PATIENCE,
        )
        result: FloatArray = s[:, where[self.root]]
        return result
