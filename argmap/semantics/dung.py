"""Exact reasoning in abstract argumentation frameworks under Dung-style semantics.

Semantics (ICCMA codes)
-----------------------
``CF``  conflict-free sets;  ``AD`` admissible sets;  ``CO`` complete,  ``GR`` grounded,
``PR`` preferred and ``ST`` stable extensions (Dung 1995 [1]_);  ``SST`` semi-stable
(Caminada 2006 [2]_);  ``STG`` stage (Verheij 1996 [3]_);  ``ID`` ideal (Dung,
Mancarella & Toni 2007 [4]_).

Tasks
-----
SE :func:`some_extension`,  DC :func:`credulous`,  DS :func:`skeptical`,
EE :func:`extensions` (a lazy generator),  CE :func:`count_extensions`;  plus
:func:`grounded_labelling`, :func:`grounded_extension`, :func:`ideal_extension` and
the independent certificate checker :func:`is_extension`.

An extension is a ``frozenset[int]`` of argument indices.  DC answers
``(True, witness)`` or ``(False, None)``; DS answers ``(True, None)`` or
``(False, counter_example)``; every witness and counter-example is an extension of
the semantics asked about.  A skeptical query under a semantics with no extension
(only ``ST`` can have none) is answered ``(True, None)``, as in ICCMA.

Algorithms
----------
* The grounded labelling is computed by a linear-time propagation (a count of the
  not-yet-defeated attackers of each argument): frontier waves in numpy while the
  frontier is wide, a plain worklist once it is narrow.
* Every semantics whose extensions contain the grounded extension (CO, PR, ST, SST,
  ID, and credulous AD) is reduced to the arguments the grounded labelling leaves
  undecided: its IN and OUT arguments are fixed and never reach the SAT solver.
  A query that is IN (OUT, or self-attacking) there is answered without SAT.
* Complete, admissible and stable labellings are encoded in CNF with an IN and an
  OUT variable per argument (UNDEC is neither), as in Cerutti et al. and
  mu-toksia [6]_, and solved incrementally with CaDiCaL 1.9.5 through python-sat.
* Preferred, semi-stable and stage extensions are found by CEGAR-style iterative
  maximisation under assumptions (cegartix [5]_, mu-toksia [6]_): from a complete
  (for stage: conflict-free) model, one activated clause asks that *some* argument
  outside the current set (range) joins it, assumptions keep everything already in;
  an UNSAT answer proves maximality.  Enumeration blocks each maximal set (range)
  with a single clause; skeptical acceptance searches for a maximal set without the
  query, blocking each maximal set that turns out to contain it.
* The ideal extension is the largest admissible subset of the credulously accepted
  arguments none of whose attackers is accepted (Dunne 2009 [7]_, Dvořák et al.
  [8]_). It lies inside every preferred extension, so the members of one preferred
  extension are the only candidates; then one activated "some attacker of a
  candidate, not yet known to be accepted, is IN" clause per SAT call on the
  admissible encoding, each model removing the candidates it attacks, until UNSAT.

References
----------
.. [1] P. M. Dung, "On the acceptability of arguments and its fundamental role in
   nonmonotonic reasoning, logic programming and n-person games", *Artificial
   Intelligence* 77(2):321-357, 1995.
.. [2] M. Caminada, "Semi-stable semantics", *COMMA 2006*, pp. 121-130.
.. [3] B. Verheij, "Two approaches to dialectical argumentation: admissible sets
   and argumentation stages", *NAIC 1996*, pp. 357-368.
.. [4] P. M. Dung, P. Mancarella, F. Toni, "Computing ideal sceptical
   argumentation", *Artificial Intelligence* 171(10-15):642-674, 2007.
.. [5] W. Dvořák, M. Järvisalo, J. P. Wallner, S. Woltran, "Complexity-sensitive
   decision procedures for abstract argumentation", *Artificial Intelligence*
   206:53-78, 2014 (cegartix).
.. [6] A. Niskanen, M. Järvisalo, "μ-toksia: An efficient abstract argumentation
   reasoner", *KR 2020*, pp. 800-804.
.. [7] P. E. Dunne, "The computational complexity of ideal semantics", *Artificial
   Intelligence* 173(18):1559-1591, 2009.
.. [8] W. Dvořák, P. E. Dunne, S. Woltran, "Parametric properties of ideal
   semantics", *IJCAI 2011*, pp. 851-856.
.. [9] F. Cerutti, P. E. Dunne, M. Giacomin, M. Vallati, "Computing preferred
   extensions in abstract argumentation: a SAT-based approach", *TAFA 2013*.
"""

from __future__ import annotations

from collections.abc import Generator, Iterable
from typing import TYPE_CHECKING, Final, Literal, get_args

import numpy as np
from numpy.typing import NDArray

from argmap.semantics.framework import Framework, FrameworkError
from argmap.semantics.ordering import stable_order

if TYPE_CHECKING:
    from pysat.solvers import Solver

__all__ = [
    "IN",
    "OUT",
    "SEMANTICS",
    "UNDEC",
    "Extension",
    "Semantics",
    "count_extensions",
    "credulous",
    "extensions",
    "grounded_extension",
    "grounded_labelling",
    "ideal_extension",
    "is_extension",
    "skeptical",
    "some_extension",
]

Semantics = Literal["CF", "AD", "CO", "GR", "PR", "ST", "SST", "STG", "ID"]
SEMANTICS: Final[tuple[Semantics, ...]] = get_args(Semantics)
Extension = frozenset[int]
Answer = tuple[bool, Extension | None]

IN: Final = 1
OUT: Final = -1
UNDEC: Final = 0

#: The python-sat back end.  On the ICCMA sample (DC-CO, DS-PR, SE-ST, SE-PR on 33
#: frameworks) CaDiCaL 1.9.5 took 26-40 s in total against 84-154 s for Glucose 4.
SAT_SOLVER: Final = "cadical195"

IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]


def _sat_solver() -> Solver:
    """A new SAT solver. python-sat is loaded on first need: the grounded tasks, and the
    questions the grounded labelling answers, never pay its 10 ms of start-up."""
    from pysat.solvers import Solver

    return Solver(name=SAT_SOLVER)


# Frontier size below which the grounded propagation leaves numpy for a worklist.
_WAVE_MIN: Final = 256


def _semantics(sem: str) -> Semantics:
    code = sem.upper() if isinstance(sem, str) else ""
    for known in SEMANTICS:
        if code == known or (code == "ADM" and known == "AD"):
            return known
    raise FrameworkError(f"unknown semantics {sem!r}; expected one of {', '.join(SEMANTICS)}")


# =========================================================================== grounded


def _gather(indptr: IntArray, indices: IntArray, nodes: IntArray) -> IntArray:
    """Concatenated CSR rows of ``nodes`` (vectorised)."""
    starts = indptr[nodes]
    lengths = indptr[nodes + 1] - starts
    total = int(lengths.sum())
    if total == 0:
        return indices[:0]
    offsets = np.repeat(starts - (np.cumsum(lengths) - lengths), lengths)
    return indices[offsets + np.arange(total)]


def _first_occurrences(values: IntArray, stamp: IntArray) -> IntArray:
    """``values`` without repeats, in O(len) using the scratch array ``stamp``."""
    pos = np.arange(values.size)
    stamp[values] = pos
    kept: IntArray = values[stamp[values] == pos]
    return kept


def grounded_labelling(af: Framework) -> NDArray[np.int8]:
    """The grounded labelling: ``IN`` (1), ``OUT`` (-1) or ``UNDEC`` (0) per argument.

    The least fixed point of Dung's characteristic function [1]_, computed in time
    linear in the size of the framework: an argument becomes IN once every attacker
    is OUT (a counter of undefeated attackers reaches zero) and OUT once an attacker
    is IN.  Wide frontiers are processed as numpy waves, narrow ones by a worklist.

    Parameters
    ----------
    af : Framework

    Returns
    -------
    numpy.ndarray of int8, shape (n,)

    Examples
    --------
    The chain ``0 -> 1 -> 2``: 0 is unattacked, so IN; it defeats 1; 2 is defended.

    >>> af = Framework.from_edges(3, [(0, 1), (1, 2)])
    >>> grounded_labelling(af).tolist()
    [1, -1, 1]
    """
    n = af.n
    indptr, indices = af.targets_csr
    count = np.bincount(af.dst, minlength=n)
    lab = np.zeros(n, dtype=np.int8)
    stamp = np.empty(n, dtype=np.int64)
    frontier = np.flatnonzero(count == 0)
    lab[frontier] = IN
    while frontier.size >= _WAVE_MIN:
        beaten = _gather(indptr, indices, frontier)
        beaten = _first_occurrences(beaten[lab[beaten] == UNDEC], stamp)
        lab[beaten] = OUT
        freed = _gather(indptr, indices, beaten)
        np.subtract.at(count, freed, 1)
        freed = freed[(count[freed] == 0) & (lab[freed] == UNDEC)]
        frontier = _first_occurrences(freed, stamp)
        lab[frontier] = IN
    if frontier.size == 0:
        return lab
    # Narrow frontier: a plain worklist on Python lists is cheaper than numpy calls.
    labels: list[int] = lab.tolist()
    counts: list[int] = count.tolist()
    ptr: list[int] = indptr.tolist()
    idx: list[int] = indices.tolist()
    stack: list[int] = frontier.tolist()
    while stack:
        u = stack.pop()
        for v in idx[ptr[u] : ptr[u + 1]]:
            if labels[v] == UNDEC:
                labels[v] = OUT
                for w in idx[ptr[v] : ptr[v + 1]]:
                    c = counts[w] - 1
                    counts[w] = c
                    if c == 0 and labels[w] == UNDEC:
                        labels[w] = IN
                        stack.append(w)
    return np.array(labels, dtype=np.int8)


def grounded_extension(af: Framework) -> Extension:
    """The grounded extension (Dung 1995 [1]_): the least complete extension.

    Parameters
    ----------
    af : Framework

    Returns
    -------
    frozenset of int

    Examples
    --------
    In ``0 <-> 1, 1 -> 2`` no argument is unattacked, so nothing is grounded; in the
    chain ``0 -> 1 -> 2`` the arguments 0 and 2 are.

    >>> grounded_extension(Framework.from_edges(3, [(0, 1), (1, 0), (1, 2)]))
    frozenset()
    >>> sorted(grounded_extension(Framework.from_edges(3, [(0, 1), (1, 2)])))
    [0, 2]
    """
    return frozenset(np.flatnonzero(grounded_labelling(af) == IN).tolist())


# =========================================================================== SAT layer


class _Encoding:
    """A CNF encoding of one base semantics on a python-sat solver.

    With a grounded labelling ``lab`` only its UNDEC arguments (and the attacks
    among them) are encoded and its IN arguments are added to every extension read
    back; without, the whole framework is.  For an encoded argument ``a`` with
    encoded attackers ``b``:

    * ``"CF"``: one variable ``IN_a``; ``-IN_a | -IN_b`` per attack.
    * labelling bases (``IN_a``, ``OUT_a``; UNDEC is neither):
      ``-IN_a | -OUT_a``; ``IN_a -> OUT_b`` and ``IN_b -> OUT_a`` per attack;
      ``OUT_a -> OR_b IN_b``.  That is ``"AD"`` (OUT is exactly the set of
      arguments attacked by IN, so models and admissible sets correspond one to
      one).  ``"CO"`` adds ``AND_b OUT_b -> IN_a``; ``"ST"`` further ``IN_a | OUT_a``.
    * ``ranged`` adds ``R_a <-> IN_a | OUT_a`` (labellings) or
      ``R_a <-> IN_a | OR_b IN_b`` (CF): ``a`` is in the range ``S + S^+``.

    The solver decides IN variables true and OUT variables false first.  After a
    successful :meth:`solve`, ``in_mask`` and ``range_mask`` describe the model.
    """

    def __init__(
        self,
        af: Framework,
        base: Literal["CF", "AD", "CO", "ST"],
        lab: NDArray[np.int8] | None = None,
        ranged: bool = False,
    ) -> None:
        n = af.n
        if lab is None:
            self.args = np.arange(n, dtype=np.int64)
            self.fixed: list[int] = []
        else:
            self.args = np.flatnonzero(lab == UNDEC)
            self.fixed = np.flatnonzero(lab == IN).tolist()
        k = self.k = int(self.args.size)
        self.local = np.full(n, -1, dtype=np.int64)
        self.local[self.args] = np.arange(k)
        keep = (self.local[af.src] >= 0) & (self.local[af.dst] >= 0)
        sb, sa = self.local[af.src[keep]], self.local[af.dst[keep]]  # local b -> a
        order = stable_order(sa, k)
        att_idx = sb[order]
        att_ptr = np.zeros(k + 1, dtype=np.int64)
        np.cumsum(np.bincount(sa, minlength=k), out=att_ptr[1:])

        self.solver = _sat_solver()
        self.top = 0
        self.IN = self._block(k)
        self.OUT = self._block(k) if base != "CF" else self.IN[:0]
        self.R = self._block(k) if ranged else self.IN[:0]
        self.in_mask: BoolArray = np.zeros(k, dtype=np.bool_)
        self.range_mask: BoolArray = np.zeros(k, dtype=np.bool_)
        IN_, OUT_ = self.IN, self.OUT
        clauses: list[list[int]] = []
        if base == "CF":
            loop = sb == sa
            clauses += (-IN_[sa[loop]]).reshape(-1, 1).tolist()
            clauses += np.column_stack((-IN_[sa[~loop]], -IN_[sb[~loop]])).tolist()
        else:
            clauses += np.column_stack((-IN_, -OUT_)).tolist()
            clauses += np.column_stack((-IN_[sa], OUT_[sb])).tolist()
            clauses += np.column_stack((-IN_[sb], OUT_[sa])).tolist()
            clauses += _rows(-OUT_, att_ptr, IN_[att_idx])
            if base in ("CO", "ST"):
                clauses += _rows(IN_, att_ptr, -OUT_[att_idx])
            if base == "ST":
                clauses += np.column_stack((IN_, OUT_)).tolist()
        if ranged:
            R = self.R
            clauses += np.column_stack((R, -IN_)).tolist()
            if base == "CF":
                clauses += np.column_stack((R[sa], -IN_[sb])).tolist()
                clauses += _rows(np.column_stack((-R, IN_)), att_ptr, IN_[att_idx])
            else:
                clauses += np.column_stack((R, -OUT_)).tolist()
                clauses += np.column_stack((-R, IN_, OUT_)).tolist()
        if clauses:
            self.solver.append_formula(clauses)
        if k:  # decide IN first (and OUT false): steers towards large sets, and measured
            # faster on the ICCMA sample for every task, maximisation or not
            self.solver.set_phases(self.IN.tolist() + (-self.OUT).tolist())

    # -- variables and solving

    def _block(self, size: int) -> IntArray:
        block = np.arange(self.top + 1, self.top + 1 + size, dtype=np.int64)
        self.top += size
        return block

    def var(self) -> int:
        self.top += 1
        return self.top

    def add(self, clause: Iterable[int]) -> None:
        self.solver.add_clause([int(x) for x in clause])

    def solve(self, assumptions: Iterable[int] = ()) -> bool:
        """Solve; on SAT, ``in_mask`` and ``range_mask`` describe the model."""
        if not self.solver.solve(assumptions=[int(x) for x in assumptions]):
            return False
        model = self.solver.get_model() or []
        truth = np.zeros(self.top + 1, dtype=np.bool_)
        lits = np.asarray(model, dtype=np.int64)
        pos = lits[(lits > 0) & (lits <= self.top)]
        truth[pos] = True
        self.in_mask = truth[self.IN]
        if self.R.size:
            self.range_mask = truth[self.R]
        return True

    def extension(self, in_mask: BoolArray | None = None) -> Extension:
        mask = self.in_mask if in_mask is None else in_mask
        return frozenset(self.fixed + self.args[mask].tolist())

    def close(self) -> None:
        self.solver.delete()

    def __enter__(self) -> _Encoding:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- CEGAR building blocks

    def grow(self, by_range: bool, keep: Iterable[int] = ()) -> bool:
        """Maximise the current set (or range) w.r.t. inclusion; report if it grew.

        Each round adds one clause ``act -> OR(outside)`` (some argument outside the
        current set / range joins it) and assumes ``act``, everything inside, and
        ``keep``; the activation literal is retired afterwards.  UNSAT proves the
        current model maximal among the models satisfying ``keep``.
        """
        keep = list(keep)
        grew = False
        while True:
            current = self.range_mask if by_range else self.in_mask
            lits = self.R if by_range else self.IN
            outside = lits[~current]
            if outside.size == 0:
                return grew
            act = self.var()
            self.add([-act, *outside.tolist()])
            ok = self.solve([act, *lits[current].tolist(), *keep])
            self.add([-act])
            if not ok:
                return grew
            grew = True

    def block_subsets(self, by_range: bool) -> bool:
        """Forbid every model whose set (range) is inside the current one.

        Returns False when that forbids everything (the current set is full).
        """
        current = self.range_mask if by_range else self.in_mask
        outside = (self.R if by_range else self.IN)[~current]
        if outside.size == 0:
            return False
        self.add(outside.tolist())
        return True

    def block_exact(self) -> bool:
        """Forbid the current IN set exactly (False when nothing is left)."""
        clause = np.concatenate((-self.IN[self.in_mask], self.IN[~self.in_mask]))
        if clause.size == 0:
            return False
        self.add(clause.tolist())
        return True

    def exact_range(self) -> list[int]:
        """Assumptions fixing the range to the current one."""
        lits: list[int] = np.where(self.range_mask, self.R, -self.R).tolist()
        return lits


def _split(flat: IntArray, bounds: IntArray) -> list[list[int]]:
    items: list[int] = flat.tolist()
    b: list[int] = bounds.tolist()
    return [items[b[i] : b[i + 1]] for i in range(len(b) - 1)]


def _rows(head: IntArray, indptr: IntArray, body: IntArray) -> list[list[int]]:
    """Clauses ``[*head[i], *body[indptr[i]:indptr[i+1]]]`` for every row ``i``.

    ``head`` has shape ``(k,)`` or ``(k, h)``; ``body`` is in row order.
    """
    if head.ndim == 1:
        head = head[:, None]
    k, h = head.shape
    bounds = indptr + h * np.arange(k + 1)
    flat = np.empty(int(bounds[-1]), dtype=np.int64)
    rest = np.ones(flat.size, dtype=np.bool_)
    for j in range(h):
        rest[bounds[:-1] + j] = False
        flat[bounds[:-1] + j] = head[:, j]
    flat[rest] = body
    return _split(flat, bounds)


# =========================================================================== per-semantics


def _base(sem: Semantics) -> Literal["CF", "AD", "CO", "ST"]:
    if sem == "ST":
        return "ST"
    if sem in ("CF", "STG"):
        return "CF"
    if sem == "AD":
        return "AD"
    return "CO"


def _reduced(sem: Semantics) -> bool:
    """Whether every extension of ``sem`` contains the grounded extension."""
    return sem in ("GR", "CO", "PR", "ST", "SST", "ID")


def _ideal(af: Framework, lab: NDArray[np.int8]) -> Extension:
    with _Encoding(af, "AD", lab) as enc:
        if enc.k == 0:
            return enc.extension()
        # The ideal extension lies inside every preferred extension, so inside the
        # first one found: its members are the only candidates, all credulously
        # accepted. A candidate goes when an attacker of it turns out accepted too
        # (admissible models suffice: an argument in one is in a preferred one), or
        # when it is left undefended; only the candidates' attackers are asked about.
        enc.solve()  # always SAT: the empty set is admissible
        enc.grow(by_range=False)
        cand = enc.in_mask.copy()
        unknown = ~cand & ~af.self_attacking[enc.args]
        local = enc.local
        keep = (local[af.src] >= 0) & (local[af.dst] >= 0)
        sb, sa = local[af.src[keep]], local[af.dst[keep]]
        while True:
            cand = _defended_part(cand, sb, sa)
            ask = np.zeros(enc.k, dtype=np.bool_)
            ask[sb[cand[sa]]] = True
            ask &= unknown
            if not ask.any():
                return enc.extension(cand)
            act = enc.var()
            enc.add([-act, *enc.IN[ask].tolist()])
            ok = enc.solve([act])
            enc.add([-act])
            if not ok:
                return enc.extension(cand)
            unknown &= ~enc.in_mask
            cand[sa[enc.in_mask[sb]]] = False


def _defended_part(cand: BoolArray, sb: IntArray, sa: IntArray) -> BoolArray:
    """The largest admissible subset of a conflict-free ``cand`` (edges ``sb -> sa``).

    Attackers outside the undecided part are OUT in the grounded labelling, so
    defeated already; inside it, a candidate with an attacker that no candidate
    attacks goes, until none does.
    """
    cand = cand.copy()
    while True:
        defeated = np.zeros(cand.size, dtype=np.bool_)
        defeated[sa[cand[sb]]] = True
        bad = cand[sa] & ~defeated[sb]
        if not bad.any():
            return cand
        cand[sa[bad]] = False


def _one(af: Framework, sem: Semantics, lab: NDArray[np.int8]) -> Extension | None:
    """SE with a precomputed grounded labelling."""
    if sem == "CF":
        return frozenset()
    if sem in ("GR", "CO", "AD"):
        return frozenset(np.flatnonzero(lab == IN).tolist())
    if sem == "ID":
        return _ideal(af, lab)
    ranged = sem in ("SST", "STG")
    with _Encoding(af, _base(sem), None if sem == "STG" else lab, ranged) as enc:
        if not enc.solve():
            return None
        if sem in ("PR", "SST", "STG"):
            enc.grow(by_range=ranged)
        return enc.extension()


def some_extension(af: Framework, sem: str) -> Extension | None:
    """SE: one extension of ``af`` under ``sem``, or None when there is none.

    Only stable semantics can have no extension.  CF answers the empty set, AD, CO
    and GR the grounded extension (Dung 1995 [1]_), ID the ideal extension (Dung,
    Mancarella & Toni 2007 [4]_); ST solves the stable labelling encoding; PR, SST
    (Caminada 2006 [2]_) and STG (Verheij 1996 [3]_) maximise a complete
    (conflict-free for STG) model's set or range with the CEGAR loop of cegartix [5]_
    / mu-toksia [6]_.

    Parameters
    ----------
    af : Framework
    sem : str
        One of ``CF AD CO GR PR ST SST STG ID``.

    Returns
    -------
    frozenset of int or None

    Examples
    --------
    ``0 <-> 1, 1 -> 2``: the preferred (and stable) extensions are {0, 2} and {1};
    with 0 attacking itself instead, ``0 -> 0, 0 -> 1, 1 -> 2`` has no stable
    extension, and its only stage extension is {1}.

    >>> af = Framework.from_edges(3, [(0, 1), (1, 0), (1, 2)])
    >>> some_extension(af, "PR") in ({0, 2}, {1})
    True
    >>> loop = Framework.from_edges(3, [(0, 0), (0, 1), (1, 2)])
    >>> some_extension(loop, "ST") is None, some_extension(loop, "STG")
    (True, frozenset({1}))
    """
    code = _semantics(sem)
    return _one(af, code, grounded_labelling(af))


def credulous(af: Framework, sem: str, a: int) -> Answer:
    """DC: is argument ``a`` in some extension?  ``(True, witness)`` or ``(False, None)``.

    Under AD, CO, GR, PR, ST, SST, ID the grounded labelling answers first: ``a`` IN
    is YES (for ST only if a stable extension exists), ``a`` OUT is NO; so is a
    self-attacking ``a`` under every semantics.
    DC-AD = DC-CO = DC-PR is one SAT call on the complete labelling encoding with
    ``a`` assumed IN (Dung 1995 [1]_); for PR the witness is then maximised to a
    preferred extension.  DC-ST is one call on the stable encoding.  DC-SST
    (Caminada 2006 [2]_) and DC-STG (Verheij 1996 [3]_) follow cegartix [5]_: take a
    model with ``a`` IN, maximise its range keeping ``a`` IN, then without; if the
    range could not grow the model is a witness, else block every range inside the
    maximal one found and repeat.  GR and ID (Dung, Mancarella & Toni 2007 [4]_)
    test membership of their unique extension.

    Parameters
    ----------
    af : Framework
    sem : str
    a : int
        The query argument.

    Returns
    -------
    (bool, frozenset of int or None)

    Examples
    --------
    In ``0 <-> 1, 1 -> 2``, 2 is in the preferred extension {0, 2} but not grounded.

    >>> af = Framework.from_edges(3, [(0, 1), (1, 0), (1, 2)])
    >>> credulous(af, "PR", 2)
    (True, frozenset({0, 2}))
    >>> credulous(af, "GR", 2)
    (False, None)
    """
    code = _semantics(sem)
    q = af.check_argument(a)
    lab = grounded_labelling(af)
    if code == "CF":
        return (False, None) if af.self_attacking[q] else (True, frozenset({q}))
    if af.self_attacking[q] or (code != "STG" and lab[q] == OUT):
        return False, None
    if code == "GR" or (lab[q] == IN and code in ("CO", "AD")):
        return (True, _one(af, "GR", lab)) if lab[q] == IN else (False, None)
    if code == "ID":
        ideal = _ideal(af, lab)
        return (True, ideal) if q in ideal else (False, None)
    if lab[q] == IN and code != "STG":
        witness = _one(af, code, lab)
        return (True, witness) if witness is not None else (False, None)
    ranged = code in ("SST", "STG")
    with _Encoding(af, _base(code), None if code == "STG" else lab, ranged) as enc:
        lit = int(enc.IN[enc.local[q]])
        if code in ("AD", "CO", "PR", "ST"):
            if not enc.solve([lit]):
                return False, None
            if code == "PR":
                enc.grow(by_range=False)
            return True, enc.extension()
        while enc.solve([lit]):
            enc.grow(by_range=True, keep=[lit])
            kept = enc.in_mask
            if not enc.grow(by_range=True):
                return True, enc.extension(kept)
            if not enc.block_subsets(by_range=True):
                break
        return False, None


def skeptical(af: Framework, sem: str, a: int) -> Answer:
    """DS: is argument ``a`` in every extension?  ``(True, None)`` or ``(False, counter)``.

    The grounded labelling answers first under CO, GR, PR, ST, SST, ID: ``a`` IN is
    YES, ``a`` OUT or self-attacking is NO (with any extension as counter-example).
    DS-CO = DS-GR is membership of the grounded extension (Dung 1995 [1]_); CF and
    AD always answer NO with the empty set.  DS-ST asks the stable encoding for a
    model with ``a`` not IN.  DS-PR (cegartix [5]_, mu-toksia [6]_): a complete
    model with ``a`` OUT maximises to a counter-example; otherwise repeatedly take a
    complete model without ``a``, maximise it keeping ``a`` out, then without
    constraint — if it cannot grow it is a preferred counter-example, else it grows
    into a preferred extension containing ``a`` whose subsets are blocked by one
    clause.  DS-SST (Caminada 2006 [2]_) and DS-STG (Verheij 1996 [3]_) do the same
    with ranges.  ID (Dung, Mancarella & Toni 2007 [4]_) tests membership of the
    ideal extension.

    Parameters
    ----------
    af : Framework
    sem : str
    a : int

    Returns
    -------
    (bool, frozenset of int or None)

    Examples
    --------
    In the chain ``0 -> 1 -> 2`` argument 2 is in the only preferred extension
    {0, 2}; in ``0 <-> 1, 1 -> 2`` the preferred extension {1} leaves 2 out.

    >>> skeptical(Framework.from_edges(3, [(0, 1), (1, 2)]), "PR", 2)
    (True, None)
    >>> skeptical(Framework.from_edges(3, [(0, 1), (1, 0), (1, 2)]), "PR", 2)
    (False, frozenset({1}))
    """
    code = _semantics(sem)
    q = af.check_argument(a)
    lab = grounded_labelling(af)
    if code in ("CF", "AD"):
        return False, frozenset()
    if code in ("GR", "CO", "ID"):
        ext = _one(af, code if code == "ID" else "GR", lab)
        assert ext is not None
        return (True, None) if q in ext else (False, ext)
    if code != "STG" and lab[q] == IN:
        return True, None
    if af.self_attacking[q] or (code != "STG" and lab[q] == OUT):
        counter = _one(af, code, lab)
        return (True, None) if counter is None else (False, counter)
    ranged = code in ("SST", "STG")
    with _Encoding(af, _base(code), None if code == "STG" else lab, ranged) as enc:
        i = int(enc.local[q])
        lit = -int(enc.IN[i])
        if code == "ST":
            return (False, enc.extension()) if enc.solve([lit]) else (True, None)
        if code == "PR" and enc.solve([int(enc.OUT[i])]):
            enc.grow(by_range=False)  # an admissible set attacking a stays attacking it
            return False, enc.extension()
        while enc.solve([lit]):
            enc.grow(by_range=ranged, keep=[lit])
            kept = enc.in_mask
            if not enc.grow(by_range=ranged):
                return False, enc.extension(kept)
            if not enc.block_subsets(by_range=ranged):
                break
        return True, None


def ideal_extension(af: Framework) -> Extension:
    """The ideal extension (Dung, Mancarella & Toni 2007 [4]_).

    The largest admissible set contained in every preferred extension.  Computed as
    the largest admissible subset of the credulously accepted arguments none of
    whose attackers is credulously accepted (Dunne 2009 [7]_; Dvořák, Dunne &
    Woltran 2011 [8]_), the grounded extension being fixed in advance.

    Parameters
    ----------
    af : Framework

    Returns
    -------
    frozenset of int

    Examples
    --------
    In ``0 <-> 1, 1 -> 2`` the preferred extensions {0, 2} and {1} share nothing;
    in ``0 -> 1, 1 <-> 2`` the only preferred extension is {0, 2}, which is
    admissible, hence ideal.

    >>> ideal_extension(Framework.from_edges(3, [(0, 1), (1, 0), (1, 2)]))
    frozenset()
    >>> sorted(ideal_extension(Framework.from_edges(3, [(0, 1), (1, 2), (2, 1)])))
    [0, 2]
    """
    return _ideal(af, grounded_labelling(af))


def extensions(af: Framework, sem: str) -> Generator[Extension, None, None]:
    """EE: all extensions of ``af`` under ``sem``, produced lazily, each once.

    GR and ID yield their unique extension.  CF, AD, CO and ST enumerate models of
    their encodings, blocking each IN set with one clause.  PR (Dung 1995 [1]_)
    maximises each model and blocks every subset of the preferred extension found
    with one clause (cegartix [5]_, mu-toksia [6]_).  SST (Caminada 2006 [2]_) and
    STG (Verheij 1996 [3]_) maximise the range, yield every extension with exactly
    that range, then block every range inside it.  The SAT solver lives as long as
    the generator.

    Parameters
    ----------
    af : Framework
    sem : str

    Yields
    ------
    frozenset of int

    Examples
    --------
    ``0 <-> 1, 1 -> 2`` has complete extensions {}, {1}, {0, 2}; the last two are
    preferred.

    >>> af = Framework.from_edges(3, [(0, 1), (1, 0), (1, 2)])
    >>> sorted(map(sorted, extensions(af, "CO")))
    [[], [0, 2], [1]]
    >>> sorted(map(sorted, extensions(af, "PR")))
    [[0, 2], [1]]
    """
    code = _semantics(sem)
    lab = grounded_labelling(af)
    if code in ("GR", "ID"):
        one = _one(af, code, lab)
        assert one is not None
        yield one
        return
    reduce = _reduced(code)
    ranged = code in ("SST", "STG")
    with _Encoding(af, _base(code), lab if reduce else None, ranged) as enc:
        while enc.solve():
            if code == "PR":
                enc.grow(by_range=False)
                yield enc.extension()
                if not enc.block_subsets(by_range=False):
                    return
            elif ranged:
                enc.grow(by_range=True)
                act = enc.var()
                fixed_range = [act, *enc.exact_range()]
                while enc.solve(fixed_range):
                    yield enc.extension()
                    # Extensions with one range are incomparable, so dropping any
                    # member of this one is enough to move on.
                    enc.add([-act, *(-enc.IN[enc.in_mask]).tolist()])
                enc.add([-act])
                if not _block_range(enc, fixed_range[1:]):
                    return
            else:
                yield enc.extension()
                if not enc.block_exact():
                    return


def _block_range(enc: _Encoding, exact: list[int]) -> bool:
    """Forbid every range inside the one ``exact`` fixes (False if that is all)."""
    outside = [-lit for lit in exact if lit < 0]
    if not outside:
        return False
    enc.add(outside)
    return True


def count_extensions(af: Framework, sem: str) -> int:
    """CE: the number of extensions of ``af`` under ``sem``.

    GR and ID have exactly one (Dung 1995 [1]_; Dung, Mancarella & Toni 2007 [4]_);
    the others are counted by enumeration (see :func:`extensions`).

    Parameters
    ----------
    af : Framework
    sem : str

    Returns
    -------
    int

    Examples
    --------
    ``0 <-> 1, 1 -> 2`` has the conflict-free sets {}, {0}, {1}, {2}, {0, 2}.

    >>> af = Framework.from_edges(3, [(0, 1), (1, 0), (1, 2)])
    >>> count_extensions(af, "CF"), count_extensions(af, "ST")
    (5, 2)
    """
    code = _semantics(sem)
    if code in ("GR", "ID"):
        return 1
    return sum(1 for _ in extensions(af, code))


# =========================================================================== checker


def is_extension(af: Framework, ext: Iterable[int], sem: str) -> bool:
    """Check a certificate: is ``ext`` an extension of ``af`` under ``sem``?

    Independent of the solvers above (no grounded reduction, no labellings).  CF,
    AD, CO and ST are checked in linear time with numpy straight from the
    definitions (Dung 1995 [1]_); GR compares with a textbook worklist computation
    of the least fixed point.  The maximality conditions take one SAT call on a
    separate extension-based encoding (a variable per argument, and one per
    argument saying "attacked by the set"): PR — no admissible proper superset; SST
    (Caminada 2006 [2]_) — complete, and no admissible set with a larger range; STG
    (Verheij 1996 [3]_) — conflict-free, and no conflict-free set with a larger
    range.  ID (Dung, Mancarella & Toni 2007 [4]_) recomputes the ideal extension
    from one credulous-acceptance call per argument.

    Parameters
    ----------
    af : Framework
    ext : iterable of int
        The candidate set of arguments.
    sem : str

    Returns
    -------
    bool

    Raises
    ------
    FrameworkError
        If ``ext`` names an argument outside ``0 .. n-1``.

    Examples
    --------
    In ``0 <-> 1, 1 -> 2``, {0} is admissible but not complete (it defends 2), and
    {0, 2} is stable.

    >>> af = Framework.from_edges(3, [(0, 1), (1, 0), (1, 2)])
    >>> is_extension(af, {0}, "AD"), is_extension(af, {0}, "CO")
    (True, False)
    >>> is_extension(af, {0, 2}, "ST"), is_extension(af, {0, 2}, "PR")
    (True, True)
    """
    code = _semantics(sem)
    mask = np.zeros(af.n, dtype=np.bool_)
    for a in ext:
        mask[af.check_argument(a)] = True
    src, dst = af.src, af.dst
    if (mask[src] & mask[dst]).any():
        return False
    attacked = np.zeros(af.n, dtype=np.bool_)
    attacked[dst[mask[src]]] = True
    if code == "CF":
        return True
    if code == "ST":
        return bool((mask | attacked).all())
    if code == "STG":
        return not _range_can_grow(af, mask | attacked, admissible=False)
    if (mask[dst] & ~attacked[src]).any():  # a member has an attacker left unattacked
        return False
    if code == "AD":
        return True
    if code == "PR":
        return not _admissible_superset(af, mask)
    if code == "ID":
        return bool(np.array_equal(mask, _ideal_reference(af)))
    undefended = np.zeros(af.n, dtype=np.bool_)
    undefended[dst[~attacked[src]]] = True
    if (~undefended & ~mask).any():  # defends an argument it does not contain
        return False
    if code == "CO":
        return True
    if code == "GR":
        return bool(np.array_equal(mask, _grounded_reference(af)))
    return not _range_can_grow(af, mask | attacked, admissible=True)  # SST


def _grounded_reference(af: Framework) -> BoolArray:
    """Textbook worklist for the least fixed point of the characteristic function."""
    targets = [af.targets_csr.row(a).tolist() for a in range(af.n)]
    alive = np.bincount(af.dst, minlength=af.n).tolist()  # attackers not yet defeated
    accepted = [False] * af.n
    defeated = [False] * af.n
    todo = [a for a in range(af.n) if alive[a] == 0]
    while todo:
        a = todo.pop()
        accepted[a] = True
        for b in targets[a]:
            if not defeated[b]:
                defeated[b] = True
                for c in targets[b]:
                    alive[c] -= 1
                    if alive[c] == 0 and not defeated[c]:
                        todo.append(c)
    return np.array(accepted, dtype=np.bool_)


def _extension_encoding(af: Framework, admissible: bool) -> Solver:
    """Besnard-Doutre style encoding: ``x_a`` (a in S) = var a+1, ``d_a`` = var n+a+1.

    Conflict-freeness; ``d_a -> OR(x_b : b attacks a)``; with ``admissible``, also
    ``x_a -> d_b`` for every attack ``b -> a``.
    """
    n = af.n
    x = np.arange(1, n + 1, dtype=np.int64)
    d = x + n
    src, dst = af.src, af.dst
    loop = src == dst
    clauses: list[list[int]] = (-x[src[loop]]).reshape(-1, 1).tolist()
    clauses += np.column_stack((-x[src[~loop]], -x[dst[~loop]])).tolist()
    ptr, idx = af.attackers_csr
    clauses += _rows(-d, ptr, x[idx])
    if admissible:
        clauses += np.column_stack((-x[dst], d[src])).tolist()
    solver = _sat_solver()
    solver.append_formula(clauses)
    return solver


def _admissible_superset(af: Framework, mask: BoolArray) -> bool:
    """Is there an admissible proper superset of ``mask``?"""
    outside = np.flatnonzero(~mask) + 1
    if outside.size == 0:
        return False
    solver = _extension_encoding(af, admissible=True)
    try:
        solver.add_clause(outside.tolist())
        return bool(solver.solve(assumptions=(np.flatnonzero(mask) + 1).tolist()))
    finally:
        solver.delete()


def _range_can_grow(af: Framework, covered: BoolArray, admissible: bool) -> bool:
    """Is there an admissible (else conflict-free) set whose range strictly contains
    ``covered``?"""
    n = af.n
    if covered.all():
        return False
    solver = _extension_encoding(af, admissible)
    try:
        inside, outside = np.flatnonzero(covered) + 1, np.flatnonzero(~covered) + 1
        solver.append_formula(np.column_stack((inside, inside + n)).tolist())
        solver.add_clause(np.concatenate((outside, outside + n)).tolist())
        return bool(solver.solve())
    finally:
        solver.delete()


def _ideal_reference(af: Framework) -> BoolArray:
    """The ideal extension from per-argument credulous acceptance (for checking)."""
    solver = _extension_encoding(af, admissible=True)
    try:
        accepted = np.array(
            [bool(solver.solve(assumptions=[a + 1])) for a in range(af.n)], dtype=np.bool_
        )
    finally:
        solver.delete()
    src, dst = af.src, af.dst
    members = accepted.copy()
    members[dst[accepted[src]]] = False
    while True:  # drop members with an attacker the remaining members do not attack
        attacked = np.zeros(af.n, dtype=np.bool_)
        attacked[dst[members[src]]] = True
        bad = members[dst] & ~attacked[src]
        if not bad.any():
            return members
        members[dst[bad]] = False
