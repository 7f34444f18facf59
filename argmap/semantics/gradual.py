"""Gradual strengths on weighted bipolar argumentation graphs, vectorised with numpy.

A :class:`BipolarGraph` is plain data: arguments ``0 .. n-1`` with base weights in
[0, 1], and edges ``src -> dst`` that are attacks or supports, each with an edge
weight in [0, 1] (default 1).  One function per semantics maps a graph to a
:class:`Strengths` result:

========================================  ==========================================
:func:`dfquad_strengths`                  DF-QuAD (Rago et al. 2016)
:func:`quad_strengths`                    QuAD (Baroni et al. 2015)
:func:`euler_strengths`                   Euler-based (Amgoud & Ben-Naim 2017)
:func:`quadratic_energy_strengths`        quadratic energy (Potyka 2018)
:func:`hcategorizer_strengths`            weighted h-categorizer (attacks only)
========================================  ==========================================

Edge weights
    argmap's own extension, the same for every semantics: an edge of weight ``w``
    from an argument of strength ``s`` contributes ``w * s`` where the published
    semantics uses ``s`` (inside the product of DF-QuAD and QuAD, inside the sums of
    the Euler-based, quadratic-energy and h-categorizer semantics).  With every
    weight 1 (the default) each function is exactly the published semantics.
    Parallel edges are kept and each counts.

How strengths are computed
    The graph is split into strongly connected components, and components are
    grouped into *levels*: a component with no incoming edge from another
    component is on level 0, any other one level above its highest predecessor;
    the cyclic components of a level then make a level of their own, just above
    the arguments of that level that lie on no cycle.
    Levels are evaluated in increasing order, every argument of a level at once:
    the edges are sorted by target, so the edges into one argument form a segment,
    and ``np.add.reduceat`` / ``np.multiply.reduceat`` aggregate all segments of a
    level in one call.  The products of DF-QuAD and QuAD are taken factor by
    factor (no ``exp(sum(log))``), so a factor ``1 - v`` with ``v == 1`` exactly
    makes the product exactly 0.

    * A tree or DAG has only trivial components: ONE sweep, each argument computed
      exactly once, ``method="topological"``, ``iterations == 0``.
    * A level holding a cycle (a component of two or more arguments, or a
      self-attack/support) is solved by iteration, its inputs from lower levels
      being final:

      1. Anderson-accelerated iteration from the base weights (Anderson, J. ACM
         1965; type II as in Walker & Ni, SIAM J. Numer. Anal. 2011): each step
         evaluates ``f(s)`` and moves to ``f(s) - dF @ gamma``, where ``dF`` and
         ``dR`` hold the last ``MEMORY`` (5) differences between successive values
         of ``f`` and of the residual ``r = f(s) - s``, and ``gamma`` minimises
         ``|r - dR @ gamma|`` (a ridge of ``1e-8`` of the mean squared column keeps
         the small system well conditioned); the point is clipped to [0, 1].  It stops when the
         residual ``max |f(s) - s|`` is ``<= tol`` and returns ``f(s)`` there; it
         gives up after ``max_iter`` steps, or when the residual has not reached a
         new minimum for ``patience`` steps in a row.  Plain iteration ``s <- f(s)``
         needs ~40 steps on a typical small cycle and hundreds near an oscillation
         (an eigenvalue near -1, as on an attack 2-cycle of strong arguments);
         Anderson needs 5-15, and its second step lands on the symmetric fixed
         point of the attack 2-cycle trap below;
      2. then a damped fallback from the base weights again,
         ``s <- (1 - damping) * s + damping * f(s)``: the explicit Euler scheme of
         the continuous dynamical system ``ds/dt = f(s) - s`` of Potyka (KR 2018),
         whose equilibria are exactly the fixed points of ``f``; at most
         ``max_iter`` steps, same residual test.

      The result says which happened (``method`` is ``"anderson"`` or ``"damped"``)
      and whether every cyclic level ``converged``: a strength vector that is not a
      fixed point is never returned silently.  :meth:`Strengths.check` raises
      :class:`ConvergenceError` for callers that want an exception.  On 4,000
      random graphs of 2-10 arguments full of weights 0, 0.5 and 1, plain then
      damped iteration left 13 DF-QuAD and 9 QuAD results unconverged (creeping
      along a kink of the combination function) and took 2-6x the steps; Anderson
      mixing converged on all of them.

    Known traps, kept as the semantics define them:

    * DF-QuAD and QuAD on an attack 2-cycle with both base weights 1: the plain
      iteration flips between (1, 1) and (0, 0) forever.  Every ``(x, 1 - x)`` is
      a fixed point; Anderson mixing (as the damped fallback) goes from (1, 1) to the
      symmetric one, (0.5, 0.5).
    * Euler-based: a base weight of exactly 1 stays 1 whatever the attackers
      (``1 - 0 / (1 + e^E)``), and a base weight of 0 stays 0 whatever the
      supporters.

Cost: the levels (cached on the graph, shared by all semantics) and the sweep are
``O(n + m)`` numpy work plus a few numpy calls per level, so bushy maps are fast
(a random tree of a million arguments has about 30 levels: ~0.25 s for the levels,
then ~0.03 s per semantics) and long chains are slow (about 50 us per level for
the levels and the sweep together, so a chain of 10,000 arguments takes ~0.5 s).
A cyclic level costs one vectorised update per iteration.

References
----------
.. [1] P. Baroni, M. Romano, F. Toni, M. Aurisicchio, G. Bertanza, "Automatic
   evaluation of design alternatives with quantitative argumentation",
   *Argument & Computation* 6(1):24-49, 2015.
.. [2] A. Rago, F. Toni, M. Aurisicchio, P. Baroni, "Discontinuity-free decision
   support with quantitative argumentation debates", *KR 2016*, pp. 63-73.
.. [3] L. Amgoud, J. Ben-Naim, "Evaluation of arguments in weighted bipolar graphs",
   *ECSQARU 2017*, LNCS 10369, pp. 25-35.
.. [4] N. Potyka, "Continuous dynamical systems for weighted bipolar argumentation",
   *KR 2018*, pp. 148-157.
.. [5] P. Besnard, A. Hunter, "A logic-based theory of deductive arguments",
   *Artificial Intelligence* 128(1-2):203-235, 2001.
.. [6] L. Amgoud, J. Ben-Naim, D. Doder, S. Vesic, "Acceptability semantics for
   weighted argumentation frameworks", *IJCAI 2017*, pp. 56-62.
.. [7] T. Mossakowski, F. Neuhaus, "Modular semantics and characteristics for
   bipolar weighted argumentation graphs", arXiv:1807.06685, 2018 (divergence of
   the Euler-based semantics on some cyclic graphs).

Examples
--------
The attack 2-cycle trap: plain iteration oscillates, Anderson mixing converges.

>>> g = BipolarGraph.from_lists([1.0, 1.0], attacks=[(0, 1), (1, 0)])
>>> r = dfquad_strengths(g)
>>> r.values.tolist(), r.converged, r.method
([0.5, 0.5], True, 'anderson')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from argmap.errors import ArgmapError
from argmap.semantics.ordering import stable_order

__all__ = [
    "DAMPING",
    "MAX_ITER",
    "MEMORY",
    "PATIENCE",
    "RULES",
    "TOL",
    "BipolarGraph",
    "BipolarGraphError",
    "ConvergenceError",
    "Method",
    "Rule",
    "Strengths",
    "dfquad_strengths",
    "euler_strengths",
    "hcategorizer_strengths",
    "quad_strengths",
    "quadratic_energy_strengths",
]

FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
Method = Literal["topological", "anderson", "damped"]

# The iteration's defaults, shared by every semantics (and by what-ifs that must agree).
TOL = 1e-12
MAX_ITER = 1000
DAMPING = 0.5
PATIENCE = 50

# Anderson mixing: how many past steps it combines, and its ridge relative to the
# mean squared length of their residual differences.  The ridge bounds the small
# system's condition number by ~1e8.  (Near a line of fixed points rounding can still
# move the answer along it, by up to TOL over the distance to singularity.)
MEMORY = 5
_RIDGE = 1e-8

# exp() of anything above this overflows float64; the Euler-based term b * e^E is
# computed as exp(min(E + log b, _EXP_MAX)); at that cap 1 - (1 - b^2) / (1 + t) is 1.0.
_EXP_MAX = 709.0


class BipolarGraphError(ArgmapError, ValueError):
    """A bipolar graph, or the options of a strength computation, are malformed."""


class ConvergenceError(ArgmapError, RuntimeError):
    """Raised by :meth:`Strengths.check` when the iteration did not converge."""


_A = TypeVar("_A", bound="np.ndarray[Any, Any]")


def _readonly(a: _A) -> _A:
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False, init=False)
class BipolarGraph:
    """A weighted bipolar argumentation graph as parallel numpy arrays.

    Parameters
    ----------
    n : int
        Number of arguments, named ``0 .. n-1``.
    base : array_like of float, shape (n,)
        Base weights (intrinsic strengths), each in [0, 1].
    src, dst : array_like of int, shape (m,)
        Edge ``k`` goes from argument ``src[k]`` to argument ``dst[k]``: ``src[k]``
        attacks or supports ``dst[k]``.  Self-loops and parallel edges are allowed.
    is_attack : array_like of bool, shape (m,)
        ``True`` for an attack, ``False`` for a support.
    edge_weight : array_like of float, shape (m,), optional
        Edge weights in [0, 1]; default all 1.  An edge of weight ``w`` contributes
        ``w * strength(src)`` where the semantics uses the source's strength.

    The arrays are copied, converted (``float64``, ``int64``, ``bool``) and made
    read-only.  Instances compare by identity.  The levels computed for the first
    strength query are cached on the instance and shared by all semantics.

    Raises
    ------
    BipolarGraphError
        For shapes that do not match, indices outside ``0 .. n-1``, or weights
        outside [0, 1] (NaN included).
    """

    n: int
    base: FloatArray
    src: IntArray
    dst: IntArray
    is_attack: BoolArray
    edge_weight: FloatArray
    _plans: dict[bool, _Plan] = field(init=False, repr=False, compare=False)

    def __init__(
        self,
        n: int,
        base: ArrayLike,
        src: ArrayLike,
        dst: ArrayLike,
        is_attack: ArrayLike,
        edge_weight: ArrayLike | None = None,
    ) -> None:
        if isinstance(n, bool) or not isinstance(n, int | np.integer) or n < 0:
            raise BipolarGraphError(f"n must be a non-negative int, got {n!r}")
        n = int(n)
        base_a = _float_array(base, "base")
        if base_a.shape != (n,):
            raise BipolarGraphError(f"base has {base_a.size} weights for {n} arguments")
        _check_unit(base_a, "base weight")
        src_a = _index_array(src, "src")
        dst_a = _index_array(dst, "dst")
        m = src_a.size
        if dst_a.size != m:
            raise BipolarGraphError(f"src has {m} entries but dst has {dst_a.size}")
        for name, ends in (("src", src_a), ("dst", dst_a)):
            if m and (int(ends.min()) < 0 or int(ends.max()) >= n):
                raise BipolarGraphError(f"{name} names an argument outside 0..{n - 1}")
        kind = np.array(is_attack, copy=True).reshape(-1)
        if kind.size != m:
            raise BipolarGraphError(f"is_attack has {kind.size} entries for {m} edges")
        if kind.size and kind.dtype != np.bool_ and not np.isin(kind, (0, 1)).all():
            raise BipolarGraphError("is_attack must hold booleans")
        if edge_weight is None:
            weight = np.ones(m, dtype=np.float64)
        else:
            weight = _float_array(edge_weight, "edge_weight")
            if weight.size != m:
                raise BipolarGraphError(f"edge_weight has {weight.size} entries for {m} edges")
            _check_unit(weight, "edge weight")
        object.__setattr__(self, "n", n)
        object.__setattr__(self, "base", _readonly(base_a))
        object.__setattr__(self, "src", _readonly(src_a))
        object.__setattr__(self, "dst", _readonly(dst_a))
        object.__setattr__(self, "is_attack", _readonly(kind.astype(np.bool_)))
        object.__setattr__(self, "edge_weight", _readonly(weight))
        object.__setattr__(self, "_plans", {})

    @classmethod
    def from_lists(
        cls,
        base: Sequence[float],
        attacks: Iterable[Sequence[float]] = (),
        supports: Iterable[Sequence[float]] = (),
    ) -> BipolarGraph:
        """Build a graph from python lists.

        Parameters
        ----------
        base : sequence of float
            Base weight of each argument; the graph has ``len(base)`` arguments.
        attacks, supports : iterable of tuples
            ``(src, dst)`` or ``(src, dst, weight)``: ``src`` attacks (supports)
            ``dst``, with the given edge weight (default 1).

        Returns
        -------
        BipolarGraph
            Attacks first, then supports, each in the order given.

        Examples
        --------
        >>> g = BipolarGraph.from_lists([0.5, 0.6, 0.2], attacks=[(1, 0)], supports=[(2, 0, 0.5)])
        >>> g.n, g.src.tolist(), g.is_attack.tolist(), g.edge_weight.tolist()
        (3, [1, 2], [True, False], [1.0, 0.5])
        """
        src: list[int] = []
        dst: list[int] = []
        kind: list[bool] = []
        weight: list[float] = []
        for is_attack, edges in ((True, attacks), (False, supports)):
            for edge in edges:
                if len(edge) not in (2, 3):
                    raise BipolarGraphError(f"an edge is (src, dst[, weight]), got {edge!r}")
                try:
                    s, d = int(edge[0]), int(edge[1])
                    w = float(edge[2]) if len(edge) == 3 else 1.0
                except (TypeError, ValueError, OverflowError) as exc:
                    raise BipolarGraphError(f"bad edge {edge!r}: {exc}") from None
                if s != edge[0] or d != edge[1]:
                    raise BipolarGraphError(f"edge ends must be ints, got {edge!r}")
                src.append(s)
                dst.append(d)
                kind.append(is_attack)
                weight.append(w)
        return cls(
            n=len(base),
            base=np.asarray(base, dtype=np.float64),
            src=np.asarray(src, dtype=np.int64),
            dst=np.asarray(dst, dtype=np.int64),
            is_attack=np.asarray(kind, dtype=np.bool_),
            edge_weight=np.asarray(weight, dtype=np.float64),
        )

    def with_base(self, base: ArrayLike) -> BipolarGraph:
        """The same graph with other base weights, sharing the cached level structure.

        What-if questions change weights, not structure; this skips rebuilding the
        levels, which dominates on large graphs.

        >>> g = BipolarGraph.from_lists([0.5, 0.5], attacks=[(1, 0)])
        >>> dfquad_strengths(g.with_base([0.5, 1.0])).values.tolist()
        [0.0, 1.0]
        """
        base_a = np.array(base, dtype=np.float64, copy=True).reshape(-1)
        if base_a.shape != (self.n,):
            raise BipolarGraphError(f"base has {base_a.size} weights for {self.n} arguments")
        _check_unit(base_a, "base weight")
        if not self._plans:
            self._plan(True)
        plans: dict[bool, _Plan] = {}
        for key, plan in self._plans.items():
            by_position = np.empty_like(base_a)
            by_position[plan.pos] = base_a
            plans[key] = plan._replace(base=_readonly(by_position))
        other = object.__new__(BipolarGraph)
        for name in ("n", "src", "dst", "is_attack", "edge_weight"):
            object.__setattr__(other, name, getattr(self, name))
        object.__setattr__(other, "base", _readonly(base_a))
        object.__setattr__(other, "_plans", plans)
        return other

    @property
    def m(self) -> int:
        """Number of edges."""
        return int(self.src.size)

    def is_acyclic(self, *, supports: bool = True) -> bool:
        """Whether the graph (attacks only if ``supports`` is false) has no cycle."""
        return not bool(self._plan(supports).cyclic.any())

    def _plan(self, supports: bool) -> _Plan:
        """Levels for all edges, or for the attacks only (cached)."""
        plan = self._plans.get(supports)
        if plan is None:
            full = self._plans.get(True)
            if not supports and full is not None and not full.cyclic.any():
                plan = full  # levels of an acyclic graph stay valid without its supports
            else:
                plan = _build_plan(self, supports)
            self._plans[supports] = plan
        return plan


def _check_unit(a: FloatArray, what: str) -> None:
    if a.size and not bool(((a >= 0.0) & (a <= 1.0)).all()):  # NaN fails too
        bad = a[~((a >= 0.0) & (a <= 1.0))][0]
        raise BipolarGraphError(f"every {what} must be in [0, 1], got {bad!r}")


def _float_array(values: ArrayLike, name: str) -> FloatArray:
    try:
        return np.array(values, dtype=np.float64, copy=True).reshape(-1)
    except (TypeError, ValueError) as exc:
        raise BipolarGraphError(f"{name} must hold numbers: {exc}") from None


def _index_array(values: ArrayLike, name: str) -> IntArray:
    a = np.array(values, copy=True).reshape(-1)
    if a.size == 0:
        return np.zeros(0, dtype=np.int64)
    if a.dtype.kind not in "iu" and (
        a.dtype.kind != "f" or not bool(np.isfinite(a).all()) or bool((a != np.round(a)).any())
    ):
        raise BipolarGraphError(f"{name} must hold integer argument indices")
    return a.astype(np.int64)


@dataclass(frozen=True, eq=False)
class Strengths:
    """The strengths computed by one semantics, and how they were obtained.

    Attributes
    ----------
    values : numpy.ndarray of float64, shape (n,)
        Strength of each argument, in [0, 1] (read-only).
    converged : bool
        ``True`` if every value is a fixed point of the semantics up to ``tol``
        (always for trees and DAGs).  ``False`` means the iteration ran out of
        steps and ``values`` is just the last iterate.
    iterations : int
        Number of update steps spent on cyclic levels (0 for trees and DAGs).
    method : {"topological", "anderson", "damped"}
        ``"topological"``: acyclic, one sweep.  ``"anderson"``: cycles, solved by
        Anderson-accelerated iteration.  ``"damped"``: at least one cyclic level needed the
        damped fallback.
    residual : float
        Largest ``max |f(s) - s|`` seen at the last step of a cyclic level (0.0 for
        trees and DAGs).
    """

    values: FloatArray
    converged: bool
    iterations: int
    method: Method
    residual: float = 0.0

    def check(self) -> Strengths:
        """Return ``self``; raise :class:`ConvergenceError` if it did not converge."""
        if not self.converged:
            raise ConvergenceError(
                f"no fixed point found ({self.method}, {self.iterations} steps, "
                f"residual {self.residual:.3g})"
            )
        return self


# --------------------------------------------------------------------------- plan


class _EdgeBlock(NamedTuple):
    """The attack (or support) edges in position space, sorted by target position.

    The edges into one target form a segment; ``reduceat`` over the segments of a
    level aggregates every argument of the level at once.
    """

    src: IntArray  # position of the source of each edge
    weight: FloatArray | None  # edge weights, None when every weight is 1
    ptr: IntArray  # the edges into level l are ptr[l]:ptr[l+1]
    seg_off: IntArray  # first edge of each segment, relative to its level's ptr
    seg_loc: IntArray  # target of each segment, relative to its level's start
    seg_ptr: IntArray  # the segments of level l are seg_ptr[l]:seg_ptr[l+1]
    indegree: IntArray  # number of edges into each position


class _Plan(NamedTuple):
    """Levels of a graph; arguments renumbered by level ("positions")."""

    pos: IntArray  # pos[argument] = position
    start: IntArray  # level l holds positions start[l]:start[l+1]
    cyclic: BoolArray  # cyclic[l]: level l holds a cycle
    base: FloatArray  # base weights by position
    att: _EdgeBlock
    sup: _EdgeBlock


def _exclusive_cumsum(counts: IntArray) -> IntArray:
    out = np.zeros(counts.size + 1, dtype=np.int64)
    np.cumsum(counts, out=out[1:])
    return out


def _kahn_levels(n: int, src: IntArray, dst: IntArray) -> tuple[IntArray, IntArray] | None:
    """Longest-path levels of a DAG, frontier by frontier (Kahn's algorithm).

    Returns ``(order, start)``: the arguments sorted by level, level ``l`` being
    ``order[start[l]:start[l+1]]``; ``None`` if the graph has a cycle.
    """
    indeg = np.bincount(dst, minlength=n).astype(np.int64, copy=False)
    out_dst = dst[stable_order(src, n)]
    out_ptr = _exclusive_cumsum(np.bincount(src, minlength=n).astype(np.int64, copy=False))
    owner = np.empty(n, dtype=np.int64)
    frontier = np.flatnonzero(indeg == 0)
    parts: list[IntArray] = []
    while frontier.size:
        parts.append(frontier)
        first = out_ptr[frontier]
        counts = out_ptr[frontier + 1] - first
        total = int(counts.sum())
        if total == 0:
            break
        offsets = np.repeat(first - _exclusive_cumsum(counts)[:-1], counts)
        children = out_dst[offsets + np.arange(total)]
        np.subtract.at(indeg, children, 1)
        ready = children[indeg[children] == 0]
        # A child reached by two frontier edges is ready twice: keep one of each.
        rank = np.arange(ready.size)
        owner[ready] = rank
        frontier = ready[owner[ready] == rank]
    sizes = np.array([p.size for p in parts], dtype=np.int64)
    if int(sizes.sum()) < n:
        return None
    order = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    return order.astype(np.int64, copy=False), _exclusive_cumsum(sizes)


def _condensation_levels(
    n: int, src: IntArray, dst: IntArray
) -> tuple[IntArray, IntArray, BoolArray]:
    """Levels of the strongly connected components, for a graph with cycles."""
    # Imported here: scipy.sparse costs 0.2 s to load and only cyclic graphs need it.
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    adjacency = csr_matrix((np.ones(src.size), (src, dst)), shape=(n, n))
    found = connected_components(adjacency, directed=True, connection="strong")
    ncomp = int(found[0])
    labels = np.asarray(found[1], dtype=np.int64)
    cyclic_comp = np.bincount(labels, minlength=ncomp) > 1
    cyclic_comp[labels[src[src == dst]]] = True
    csrc, cdst = labels[src], labels[dst]
    cross = csrc != cdst
    levels = _kahn_levels(ncomp, csrc[cross], cdst[cross])
    assert levels is not None, "the condensation of a graph is acyclic"
    corder, cstart = levels
    clevel = np.empty(ncomp, dtype=np.int64)
    clevel[corder] = np.repeat(np.arange(cstart.size - 1), np.diff(cstart))
    # No edge joins two components of one level, so each level splits in two: the
    # arguments on no cycle, computed once, and the cyclic components, iterated alone.
    key = 2 * clevel + cyclic_comp
    used = np.bincount(key, minlength=2 * (cstart.size - 1)) > 0
    dense = (np.cumsum(used) - 1)[key]  # the keys renumbered 0, 1, ... in order
    node_level = dense[labels]
    nlevels = int(node_level.max()) + 1
    order = stable_order(node_level, nlevels)
    start = _exclusive_cumsum(np.bincount(node_level, minlength=nlevels).astype(np.int64))
    cyclic = np.zeros(nlevels, dtype=np.bool_)
    cyclic[dense[cyclic_comp]] = True
    return order, start, cyclic


def _edge_block(
    pos: IntArray,
    start: IntArray,
    src: IntArray,
    dst: IntArray,
    weight: FloatArray,
) -> _EdgeBlock:
    pdst = pos[dst]
    perm = stable_order(pdst, pos.size)
    indegree = np.bincount(pdst, minlength=pos.size).astype(np.int64, copy=False)
    w = weight[perm]
    return _segmented(pos[src][perm], None if bool((w == 1.0).all()) else w, indegree, start)


def _segmented(
    src: IntArray, weight: FloatArray | None, indegree: IntArray, start: IntArray
) -> _EdgeBlock:
    """The block of edges grouped by target position, ``indegree[p]`` of them into ``p``."""
    first_edge = _exclusive_cumsum(indegree)  # edges into position p: first_edge[p]:[p+1]
    targets = np.flatnonzero(indegree)  # one segment per target, in position order
    seg_level = np.searchsorted(start, targets, side="right") - 1
    ptr = first_edge[start]
    return _EdgeBlock(
        src=src,
        weight=weight,
        ptr=ptr,
        seg_off=first_edge[targets] - ptr[seg_level],
        seg_loc=targets - start[seg_level],
        seg_ptr=np.searchsorted(targets, start).astype(np.int64, copy=False),
        indegree=indegree,
    )


def _subplan(plan: _Plan, keep: IntArray) -> tuple[_Plan, IntArray]:
    """``plan`` cut down to the positions ``keep`` (sorted), and the old position of each new one.

    The other sources of edges into ``keep`` come first, on a level 0 of their own
    with no edges in: inputs, whose strengths the caller sets. The kept positions
    keep their levels (empty ones dropped) and every edge into them its order, so a
    kept position aggregates exactly as in ``plan``.
    """
    n = plan.pos.size
    picked = []
    for block in (plan.att, plan.sup):
        first = _exclusive_cumsum(block.indegree)[keep]
        counts = block.indegree[keep]
        edges = np.repeat(first - _exclusive_cumsum(counts)[:-1], counts) + np.arange(counts.sum())
        picked.append((block, edges, counts))
    inside = np.zeros(n, dtype=np.bool_)
    inside[keep] = True
    sources = np.concatenate([block.src[edges] for block, edges, _ in picked])
    inputs = np.unique(sources[~inside[sources]])
    order = np.concatenate([inputs, keep])
    new = np.full(n, -1, dtype=np.int64)
    new[order] = np.arange(order.size)
    old_level = np.searchsorted(plan.start, keep, side="right") - 1
    levels, sizes = np.unique(old_level, return_counts=True)
    start = np.concatenate([[0], inputs.size + _exclusive_cumsum(sizes)])
    blocks = [
        _segmented(
            new[block.src[edges]],
            None if block.weight is None else block.weight[edges],
            np.concatenate([np.zeros(inputs.size, dtype=np.int64), counts]),
            start,
        )
        for block, edges, counts in picked
    ]
    sub = _Plan(
        pos=np.arange(order.size),
        start=start,
        cyclic=np.concatenate([[False], plan.cyclic[levels]]),
        base=plan.base[order],
        att=blocks[0],
        sup=blocks[1],
    )
    return sub, order


def _build_plan(graph: BipolarGraph, supports: bool) -> _Plan:
    n = graph.n
    if supports:
        levels = _kahn_levels(n, graph.src, graph.dst)
    else:
        src, dst = graph.src[graph.is_attack], graph.dst[graph.is_attack]
        levels = _kahn_levels(n, src, dst)
    if levels is not None:
        order, start = levels
        cyclic = np.zeros(start.size - 1, dtype=np.bool_)
    elif supports:
        order, start, cyclic = _condensation_levels(n, graph.src, graph.dst)
    else:
        order, start, cyclic = _condensation_levels(n, src, dst)
    pos = np.empty(n, dtype=np.int64)
    pos[order] = np.arange(n)
    att = graph.is_attack
    sup = ~att if supports else np.zeros_like(att)
    w = graph.edge_weight
    return _Plan(
        pos=pos,
        start=start,
        cyclic=cyclic,
        base=graph.base[order],
        att=_edge_block(pos, start, graph.src[att], graph.dst[att], w[att]),
        sup=_edge_block(pos, start, graph.src[sup], graph.dst[sup], w[sup]),
    )


# ----------------------------------------------------------------------- kernels

_Combine = Callable[[FloatArray, FloatArray, FloatArray, BoolArray, BoolArray], FloatArray]


class Rule(NamedTuple):
    """A semantics as its two parts: how edges aggregate, and how that combines with b."""

    product: bool  # aggregate prod(1 - w s) (True) or sum(w s) (False)
    supports: bool  # whether supports matter at all
    combine: _Combine  # (base, att, sup, has_att, has_sup) -> strength


def _aggregate(
    s: FloatArray, block: _EdgeBlock, level: int, size: int, product: bool, cut: IntArray | None
) -> FloatArray:
    """Per-argument ``prod(1 - w*s)`` or ``sum(w*s)`` over the block's edges into a level.

    ``s`` holds one row of strengths per scenario; the answer one row per scenario.
    The product is taken factor by factor (``np.multiply.reduceat``), so a factor
    ``1 - v == 0`` (``v == 1`` exactly) makes it exactly 0. ``cut[r]``, where given,
    is a position whose outgoing edges row ``r`` leaves out (``-1``: none).
    """
    rows = s.shape[0]
    e0, e1 = int(block.ptr[level]), int(block.ptr[level + 1])
    if e0 == e1:
        return np.ones((rows, size)) if product else np.zeros((rows, size))
    src = block.src[e0:e1]
    x = s[:, src]
    if cut is not None:
        x[src == cut[:, None]] = 0.0  # a term 0, or a factor 1 below
    if block.weight is not None:
        x *= block.weight[e0:e1]
    g0, g1 = int(block.seg_ptr[level]), int(block.seg_ptr[level + 1])
    off = block.seg_off[g0:g1]
    if product:
        np.subtract(1.0, x, out=x)
        values = np.multiply.reduceat(x, off, axis=1)
    else:
        values = np.add.reduceat(x, off, axis=1)
    if g1 - g0 == size:  # every argument of the level has such edges
        return values
    out = np.ones((rows, size)) if product else np.zeros((rows, size))
    out[:, block.seg_loc[g0:g1]] = values
    return out


def _present(block: _EdgeBlock, lo: int, hi: int, level: int, cut: IntArray | None) -> BoolArray:
    """Which arguments of a level have an edge of the block, per row (``(1, size)`` if uncut)."""
    has = block.indegree[lo:hi] > 0
    if cut is None:
        return has[None, :]
    e0, e1 = int(block.ptr[level]), int(block.ptr[level + 1])
    src = block.src[e0:e1]
    target = np.repeat(np.arange(lo, hi), block.indegree[lo:hi]) - lo
    rows, edges = np.nonzero(src == cut[:, None])
    left = np.tile(block.indegree[lo:hi], (cut.size, 1))
    np.subtract.at(left, (rows, target[edges]), 1)
    present: BoolArray = left > 0
    return present


def _level_map(
    plan: _Plan, sem: Rule, level: int, base: FloatArray, cut: IntArray | None
) -> Callable[[FloatArray], FloatArray]:
    """The update ``f`` restricted to one level: strength rows -> the level's new values."""
    lo, hi = int(plan.start[level]), int(plan.start[level + 1])
    size = hi - lo
    b = base[:, lo:hi]
    has_att = _present(plan.att, lo, hi, level, cut)
    has_sup = _present(plan.sup, lo, hi, level, cut)
    neutral = np.ones((1, size)) if sem.product else np.zeros((1, size))

    def update(s: FloatArray) -> FloatArray:
        att = _aggregate(s, plan.att, level, size, sem.product, cut)
        sup = _aggregate(s, plan.sup, level, size, sem.product, cut) if sem.supports else neutral
        out = sem.combine(b, att, sup, has_att, has_sup)
        return np.clip(out, 0.0, 1.0, out=out)

    return update


class _Report(NamedTuple):
    """How the cyclic levels went, per row."""

    converged: BoolArray
    steps: IntArray
    damped: BoolArray
    residual: FloatArray


def _iterate_level(
    s: FloatArray,
    lo: int,
    hi: int,
    base: FloatArray,
    update: Callable[[FloatArray], FloatArray],
    tol: float,
    max_iter: int,
    damping: float,
    patience: int,
) -> _Report:
    """Solve one cyclic level in place, every row on its own: Anderson, then damped steps.

    Each row goes through exactly the steps it would go through alone (the rows
    only share the numpy calls, and every sum runs along one row), so a batch of
    scenarios gives each the strengths its own evaluation gives, bit for bit. The
    rows that give up on Anderson mixing take their damped steps after the others
    are done with it.
    """
    rows = s.shape[0]
    converged = np.zeros(rows, dtype=np.bool_)
    steps = np.zeros(rows, dtype=np.int64)
    residual = np.full(rows, np.inf)
    stuck = _anderson(s, lo, hi, update, tol, max_iter, patience, converged, steps, residual)
    if stuck.any():
        s[stuck, lo:hi] = base[stuck if base.shape[0] > 1 else 0, lo:hi]
        live = stuck.copy()
        for _ in range(max_iter):
            new = update(s)
            step = new - s[:, lo:hi]
            res = np.abs(step).max(axis=1)
            np.copyto(residual, res, where=live)
            steps += live
            done = live & (res <= tol)
            s[done, lo:hi] = new[done]
            converged |= done
            live &= ~done
            if not live.any():
                break
            s[live, lo:hi] += damping * step[live]
    return _Report(converged, steps, stuck, residual)


# A level this narrow is summed element by element: numpy's reductions over a short
# last axis cost far more per row (a batch of 1,400 rows of 4: 140 us against 25).
_NARROW = 8


def _dot(a: FloatArray, b: FloatArray) -> FloatArray:
    """``sum(a * b)`` over the last axis (broadcast), always in one order per row."""
    if a.shape[-1] > _NARROW:
        # plain ufunc sums, not np.dot: BLAS threads would fight numpy for the cores
        total: FloatArray = (a * b).sum(axis=-1)
        return total
    total = a[..., 0] * b[..., 0]
    for i in range(1, a.shape[-1]):
        total += a[..., i] * b[..., i]
    return total


def _abs_max(a: FloatArray) -> FloatArray:
    """``max |a|`` over the last axis."""
    if a.shape[-1] > _NARROW:
        largest: FloatArray = np.abs(a).max(axis=-1)
        return largest
    largest = np.abs(a[..., 0])
    for i in range(1, a.shape[-1]):
        np.maximum(largest, np.abs(a[..., i]), out=largest)
    return largest


def _anderson(
    s: FloatArray,
    lo: int,
    hi: int,
    update: Callable[[FloatArray], FloatArray],
    tol: float,
    max_iter: int,
    patience: int,
    converged: BoolArray,
    steps: IntArray,
    residual: FloatArray,
) -> BoolArray:
    """Anderson-mixed steps on every row until each converges or gives up (returned).

    Fills in ``converged``, ``steps`` and ``residual`` for each row.
    """
    rows, size = s.shape[0], hi - lo
    memory = min(MEMORY, size)
    active = np.ones(rows, dtype=np.bool_)
    everyone = True  # no row has left yet: whole-array writes
    stuck = np.zeros(rows, dtype=np.bool_)
    best = np.full(rows, np.inf)
    stalled = np.zeros(rows, dtype=np.int64)
    # the last `memory` differences of residuals and of f, in a ring; their Gram matrix
    d_res = np.zeros((rows, memory, size))
    d_val = np.zeros((rows, memory, size))
    gram = np.zeros((rows, memory, memory))
    last_res = last_val = np.zeros((rows, size))
    for t in range(1, max_iter + 1):
        new = update(s)
        res_vec = new - s[:, lo:hi]
        res = _abs_max(res_vec)
        better = res < best
        np.minimum(best, res, out=best)
        stalled += 1
        stalled[better] = 0
        finished = res <= tol
        give_up = (stalled >= patience) & ~finished
        if t == max_iter:
            give_up |= ~finished
        leaving = finished | give_up
        if not everyone:
            leaving &= active
        if leaving.any():
            np.copyto(residual, res, where=leaving)
            steps[leaving] = t
            done = leaving & finished
            s[done, lo:hi] = new[done]
            converged |= done
            stuck |= leaving & give_up
            active &= ~leaving
            everyone = False
            if not active.any():
                break
        if t > 1:
            k = min(t - 1, memory)
            j = (t - 2) % memory
            d_res[:, j] = res_vec - last_res
            d_val[:, j] = new - last_val
            column = _dot(d_res[:, :k], d_res[:, j, None])
            gram[:, j, :k] = column
            gram[:, :k, j] = column
            a = gram[:, :k, :k].copy()
            diagonal = a.reshape(rows, k * k)[:, :: k + 1]
            diagonal += (_RIDGE * diagonal.sum(axis=1) / k + 1e-300)[:, None]
            rhs = _dot(d_res[:, :k], res_vec[:, None, :])
            gamma = np.linalg.solve(a, rhs[:, :, None])[:, :, 0]
            nxt = new.copy()
            for c in range(k):
                nxt -= gamma[:, c, None] * d_val[:, c]
            np.clip(nxt, 0.0, 1.0, out=nxt)
        else:
            nxt = new
        last_res, last_val = res_vec, new
        if everyone:
            s[:, lo:hi] = nxt
        else:
            s[active, lo:hi] = nxt[active]
    return stuck


def _solve(
    plan: _Plan,
    sem: Rule,
    s: FloatArray,
    base: FloatArray,
    levels: range,
    cut: IntArray | None,
    tol: float,
    max_iter: int,
    damping: float,
    patience: int,
) -> _Report:
    """Evaluate ``levels`` in order, in place, for each row of ``s`` (strengths by position).

    ``base`` holds each row's base weights by position (one row: shared by all); a
    level's positions must hold the base weights when it is reached, as iteration
    starts there. ``cut[r]``: a position whose outgoing edges row ``r`` leaves out.
    """
    rows = s.shape[0]
    report = _Report(
        np.ones(rows, dtype=np.bool_),
        np.zeros(rows, dtype=np.int64),
        np.zeros(rows, dtype=np.bool_),
        np.zeros(rows),
    )
    for level in levels:
        lo, hi = int(plan.start[level]), int(plan.start[level + 1])
        no_inputs = plan.att.ptr[level] == plan.att.ptr[level + 1] and (
            not sem.supports or plan.sup.ptr[level] == plan.sup.ptr[level + 1]
        )
        if no_inputs:  # unattacked, unsupported: strength = base weight, exactly
            continue
        update = _level_map(plan, sem, level, base, cut)
        if not plan.cyclic[level]:
            s[:, lo:hi] = update(s)
            continue
        got = _iterate_level(s, lo, hi, base, update, tol, max_iter, damping, patience)
        report.converged[:] &= got.converged
        report.steps[:] += got.steps
        report.damped[:] |= got.damped
        np.maximum(report.residual, got.residual, out=report.residual)
    return report


def _strengths(
    graph: BipolarGraph,
    sem: Rule,
    tol: float,
    max_iter: int,
    damping: float,
    patience: int,
) -> Strengths:
    if not (tol > 0.0 and np.isfinite(tol)):
        raise BipolarGraphError(f"tol must be a positive number, got {tol!r}")
    if not (0.0 < damping <= 1.0):
        raise BipolarGraphError(f"damping must be in (0, 1], got {damping!r}")
    if max_iter < 1 or patience < 1:
        raise BipolarGraphError("max_iter and patience must be at least 1")
    plan = _semantics_plan(graph, sem)
    s = plan.base.copy()[None, :]
    levels = range(plan.start.size - 1)
    base = plan.base[None, :]
    report = _solve(plan, sem, s, base, levels, None, tol, max_iter, damping, patience)
    cyclic = bool(plan.cyclic.any())
    method: Method = "topological" if not cyclic else "damped" if report.damped[0] else "anderson"
    values = _readonly(s[0, plan.pos])
    return Strengths(
        values, bool(report.converged[0]), int(report.steps[0]), method, float(report.residual[0])
    )


def _semantics_plan(graph: BipolarGraph, sem: Rule) -> _Plan:
    """The levels ``sem`` reads ``graph`` by: a cycle through a support is none without them."""
    plan = graph._plan(True)
    if not sem.supports and plan.cyclic.any():
        plan = graph._plan(False)
    return plan


def _dfquad(
    b: FloatArray, att: FloatArray, sup: FloatArray, has_att: BoolArray, has_sup: BoolArray
) -> FloatArray:
    # att, sup = prod(1 - v); va - vs = (1 - att) - (1 - sup) = sup - att
    diff = sup - att
    return np.where(diff >= 0.0, b - b * diff, b - (1.0 - b) * diff)


def _quad(
    b: FloatArray, att: FloatArray, sup: FloatArray, has_att: BoolArray, has_sup: BoolArray
) -> FloatArray:
    fa = b * att  # b * prod(1 - v) over attackers
    fs = 1.0 - (1.0 - b) * sup  # 1 - (1 - b) * prod(1 - v) over supporters
    return np.where(has_att, np.where(has_sup, 0.5 * (fa + fs), fa), np.where(has_sup, fs, b))


def _euler(
    b: FloatArray, att: FloatArray, sup: FloatArray, has_att: BoolArray, has_sup: BoolArray
) -> FloatArray:
    with np.errstate(divide="ignore"):
        log_b = np.log(b)  # -inf for b == 0, so that b * e^E is 0 even for huge E
    t = np.exp(np.minimum((sup - att) + log_b, _EXP_MAX))
    return 1.0 - (1.0 - b * b) / (1.0 + t)


def _h(x: FloatArray) -> FloatArray:
    y = np.maximum(x, 0.0)
    y2 = y * y
    return y2 / (1.0 + y2)


def _quadratic_energy(
    b: FloatArray, att: FloatArray, sup: FloatArray, has_att: BoolArray, has_sup: BoolArray
) -> FloatArray:
    energy = sup - att
    return b - b * _h(-energy) + (1.0 - b) * _h(energy)


def _hcategorizer(
    b: FloatArray, att: FloatArray, sup: FloatArray, has_att: BoolArray, has_sup: BoolArray
) -> FloatArray:
    return b / (1.0 + att)


_DFQUAD = Rule(product=True, supports=True, combine=_dfquad)
_QUAD = Rule(product=True, supports=True, combine=_quad)
_EULER = Rule(product=False, supports=True, combine=_euler)
_QUADRATIC_ENERGY = Rule(product=False, supports=True, combine=_quadratic_energy)
_HCATEGORIZER = Rule(product=False, supports=False, combine=_hcategorizer)

#: The rule of each semantics by name, for code that evaluates it piecewise
#: (:mod:`argmap.semantics.sensitivity` answers what-if questions on trees with it).
RULES: dict[str, Rule] = {
    "dfquad": _DFQUAD,
    "quad": _QUAD,
    "euler": _EULER,
    "quadratic-energy": _QUADRATIC_ENERGY,
    "h-categorizer": _HCATEGORIZER,
}


# -------------------------------------------------------------------- public API


def dfquad_strengths(
    graph: BipolarGraph,
    *,
    tol: float = TOL,
    max_iter: int = MAX_ITER,
    damping: float = DAMPING,
    patience: int = PATIENCE,
) -> Strengths:
    """DF-QuAD strengths (discontinuity-free quantitative argumentation debate).

    With ``v_i = w_i * s_i`` for the edges into an argument of base weight ``b``:

    * aggregation, separately for attackers and supporters:
      ``F(v_1..v_k) = 1 - prod(1 - v_i)`` (0 for none);
    * combination: ``va >= vs``: ``s = b - b * (va - vs)``;
      otherwise ``s = b + (1 - b) * (vs - va)``.

    Parameters
    ----------
    graph : BipolarGraph
        The graph; edge weights scale the source strengths (``v_i = w_i * s_i``).
    tol : float, default 1e-12
        A cyclic level has converged when ``max |f(s) - s| <= tol``.
    max_iter : int, default 1000
        Bound on the steps of each phase (Anderson, then damped) of a cyclic level.
    damping : float, default 0.5
        Step ``alpha`` of the damped fallback ``s <- (1 - alpha) s + alpha f(s)``;
        1.0 makes the fallback plain iteration.
    patience : int, default 50
        Anderson mixing gives up after this many steps without a new lowest
        residual (see the module notes).

    Returns
    -------
    Strengths
        Values in argument order, with the convergence report.

    References
    ----------
    .. [1] A. Rago, F. Toni, M. Aurisicchio, P. Baroni, "Discontinuity-free
       decision support with quantitative argumentation debates", *KR 2016*,
       pp. 63-73.

    Examples
    --------
    Argument 0 (base 0.5) is attacked by 1 (base 0.6) and supported by 2 (base
    0.2): ``va = 0.6 >= vs = 0.2``, so ``s0 = 0.5 - 0.5 * 0.4 = 0.3``.

    >>> g = BipolarGraph.from_lists([0.5, 0.6, 0.2], attacks=[(1, 0)], supports=[(2, 0)])
    >>> r = dfquad_strengths(g)
    >>> print(np.round(r.values, 4), r.method)
    [0.3 0.6 0.2] topological
    """
    return _strengths(graph, _DFQUAD, tol, max_iter, damping, patience)


def quad_strengths(
    graph: BipolarGraph,
    *,
    tol: float = TOL,
    max_iter: int = MAX_ITER,
    damping: float = DAMPING,
    patience: int = PATIENCE,
) -> Strengths:
    """QuAD strengths (quantitative argumentation debate), as first published.

    With ``v_i = w_i * s_i`` for the edges into an argument of base weight ``b``:

    * attack function ``fa = b * prod(1 - v_i)`` over the attackers (the base
      function ``f(v0, v) = v0 - v0 * v`` applied attacker after attacker);
    * support function ``fs = 1 - (1 - b) * prod(1 - v_i)`` over the supporters
      (``f(v0, v) = v0 + (1 - v0) * v`` applied supporter after supporter);
    * combination: ``b`` with neither, ``fa`` with attackers only, ``fs`` with
      supporters only, ``(fa + fs) / 2`` with both.

    "Has attackers" means at least one attack edge, whatever its weight: an edge
    of weight 0 still switches QuAD to the average (QuAD is discontinuous there,
    which is what DF-QuAD was designed to fix).

    Parameters
    ----------
    graph : BipolarGraph
        The graph; edge weights scale the source strengths (``v_i = w_i * s_i``).
    tol, max_iter, damping, patience
        As for :func:`dfquad_strengths`.

    Returns
    -------
    Strengths
        Values in argument order, with the convergence report.

    References
    ----------
    .. [1] P. Baroni, M. Romano, F. Toni, M. Aurisicchio, G. Bertanza, "Automatic
       evaluation of design alternatives with quantitative argumentation",
       *Argument & Computation* 6(1):24-49, 2015.
    .. [2] A. Rago, F. Toni, M. Aurisicchio, P. Baroni, *KR 2016* (recalls QuAD in
       the same notation as DF-QuAD).

    Examples
    --------
    Same graph as for DF-QuAD: ``fa = 0.5 * (1 - 0.6) = 0.2``,
    ``fs = 1 - 0.5 * (1 - 0.2) = 0.6``, ``s0 = (0.2 + 0.6) / 2 = 0.4``.

    >>> g = BipolarGraph.from_lists([0.5, 0.6, 0.2], attacks=[(1, 0)], supports=[(2, 0)])
    >>> print(np.round(quad_strengths(g).values, 4))
    [0.4 0.6 0.2]
    """
    return _strengths(graph, _QUAD, tol, max_iter, damping, patience)


def euler_strengths(
    graph: BipolarGraph,
    *,
    tol: float = TOL,
    max_iter: int = MAX_ITER,
    damping: float = DAMPING,
    patience: int = PATIENCE,
) -> Strengths:
    """Euler-based strengths: ``s = 1 - (1 - b^2) / (1 + b * e^E)``.

    ``E = sum(w_i * s_i over supporters) - sum(w_i * s_i over attackers)``.

    A base weight of exactly 1 gives ``s = 1`` whatever the attackers, and a base
    weight of 0 gives ``s = 0`` whatever the supporters: this is the semantics
    (its "resilience"), kept as published.  Strengths of arguments with ``b > 0``
    stay in ``(b^2, 1)``.  On cycles the iteration may diverge (Mossakowski and
    Neuhaus 2018); the result then says ``converged=False``.

    Parameters
    ----------
    graph : BipolarGraph
        The graph; edge weights scale the source strengths in ``E``.
    tol, max_iter, damping, patience
        As for :func:`dfquad_strengths`.

    Returns
    -------
    Strengths
        Values in argument order, with the convergence report.

    References
    ----------
    .. [1] L. Amgoud, J. Ben-Naim, "Evaluation of arguments in weighted bipolar
       graphs", *ECSQARU 2017*, LNCS 10369, pp. 25-35.
    .. [2] T. Mossakowski, F. Neuhaus, "Modular semantics and characteristics for
       bipolar weighted argumentation graphs", arXiv:1807.06685, 2018.

    Examples
    --------
    Same graph: ``E = 0.2 - 0.6 = -0.4``, so
    ``s0 = 1 - 0.75 / (1 + 0.5 * e^-0.4) = 1 - 0.75 / 1.33516 = 0.4383``.

    >>> g = BipolarGraph.from_lists([0.5, 0.6, 0.2], attacks=[(1, 0)], supports=[(2, 0)])
    >>> print(np.round(euler_strengths(g).values, 4))
    [0.4383 0.6    0.2   ]
    """
    return _strengths(graph, _EULER, tol, max_iter, damping, patience)


def quadratic_energy_strengths(
    graph: BipolarGraph,
    *,
    tol: float = TOL,
    max_iter: int = MAX_ITER,
    damping: float = DAMPING,
    patience: int = PATIENCE,
) -> Strengths:
    """Quadratic-energy strengths: ``s = b - b * h(-E) + (1 - b) * h(E)``.

    ``E = sum(w_i * s_i over supporters) - sum(w_i * s_i over attackers)`` and
    ``h(x) = max(x, 0)^2 / (1 + max(x, 0)^2)``.  Potyka defines the strengths as
    the limit of the dynamical system ``ds/dt = f(s) - s``; on acyclic graphs that
    limit is the one-sweep value computed here, and on cycles its equilibria are
    the fixed points found by the iteration (the damped fallback is the explicit
    Euler scheme of that system).

    Parameters
    ----------
    graph : BipolarGraph
        The graph; edge weights scale the source strengths in ``E``.
    tol, max_iter, damping, patience
        As for :func:`dfquad_strengths`.

    Returns
    -------
    Strengths
        Values in argument order, with the convergence report.

    References
    ----------
    .. [1] N. Potyka, "Continuous dynamical systems for weighted bipolar
       argumentation", *KR 2018*, pp. 148-157.

    Examples
    --------
    Same graph: ``E = -0.4``, ``h(0.4) = 0.16 / 1.16``, so
    ``s0 = 0.5 - 0.5 * 0.16 / 1.16 = 0.4310``.

    >>> g = BipolarGraph.from_lists([0.5, 0.6, 0.2], attacks=[(1, 0)], supports=[(2, 0)])
    >>> print(np.round(quadratic_energy_strengths(g).values, 4))
    [0.431 0.6   0.2  ]
    """
    return _strengths(graph, _QUADRATIC_ENERGY, tol, max_iter, damping, patience)


def hcategorizer_strengths(
    graph: BipolarGraph,
    *,
    tol: float = TOL,
    max_iter: int = MAX_ITER,
    damping: float = DAMPING,
    patience: int = PATIENCE,
) -> Strengths:
    """Weighted h-categorizer strengths: ``s = b / (1 + sum(w_i * s_i over attackers))``.

    Attacks only: supports are ignored entirely (they neither change strengths
    nor create cycles), as the h-categorizer is defined on attack graphs.  With
    all base weights 1 this is the original h-categorizer of Besnard and Hunter.

    Parameters
    ----------
    graph : BipolarGraph
        The graph; edge weights scale the attacker strengths in the sum.
    tol, max_iter, damping, patience
        As for :func:`dfquad_strengths`.

    Returns
    -------
    Strengths
        Values in argument order, with the convergence report.

    References
    ----------
    .. [1] P. Besnard, A. Hunter, "A logic-based theory of deductive arguments",
       *Artificial Intelligence* 128(1-2):203-235, 2001.
    .. [2] L. Amgoud, J. Ben-Naim, D. Doder, S. Vesic, "Acceptability semantics for
       weighted argumentation frameworks", *IJCAI 2017*, pp. 56-62 (weighted
       h-categorizer, Hbs).

    Examples
    --------
    Same graph: the support is ignored, ``s0 = 0.5 / (1 + 0.6) = 0.3125``.

    >>> g = BipolarGraph.from_lists([0.5, 0.6, 0.2], attacks=[(1, 0)], supports=[(2, 0)])
    >>> print(np.round(hcategorizer_strengths(g).values, 4))
    [0.3125 0.6    0.2   ]
    """
    return _strengths(graph, _HCATEGORIZER, tol, max_iter, damping, patience)
