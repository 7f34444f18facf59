"""Gradual semantics at scale: argmap's vectorised strengths against plain Python.

For each size ``n`` of ``--sizes`` two random weighted bipolar graphs are built
(``numpy.random.default_rng(--seed)``, base weights uniform in [0, 1], edge weights 1,
each edge an attack or a support with probability 1/2):

* ``tree``: argument ``i > 0`` attacks or supports a parent drawn uniformly from
  ``0 .. i-1`` (a random recursive tree, depth about ``e * ln n``);
* ``cyclic``: ``3n`` edges with both ends uniform (self-loops and parallel edges
  included): one giant strongly connected component plus small ones.

For each of the five semantics (DF-QuAD, QuAD, Euler-based, quadratic energy,
h-categorizer) the bench times argmap's function on a freshly built graph ("cold":
the level structure is computed inside the call; best of ``--repeats``) and again on
the same graph ("warm": levels cached), and records the peak traced memory of a cold
call (``tracemalloc``, which sees numpy's buffers). A plain-Python reference (lists,
loops and ``math``; its own Kahn levels, iterative Tarjan SCCs and the same iteration
scheme on cyclic levels: Anderson mixing, then a damped fallback, with argmap's default
tolerances) computes the same strengths; the two must agree to 1e-9. The reference is
skipped where its predicted time (from its rate at the previous size) exceeds
``--ref-limit`` seconds.

Run ``.venv/bin/python bench/gradual.py [--sizes 1e3,1e4,1e5,1e6] [--out FILE]``.
Exits 1 on any disagreement.
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray
from rich.console import Console
from rich.table import Table

from argmap.semantics.gradual import (
    BipolarGraph,
    Strengths,
    dfquad_strengths,
    euler_strengths,
    hcategorizer_strengths,
    quad_strengths,
    quadratic_energy_strengths,
)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))  # run as a script: make `bench` importable

from bench.provenance import header, sizes_argument, write_results  # noqa: E402

DEFAULT_OUT = HERE / "results" / "gradual.json"
AGREE = 1e-9
# Targets printed beside the numbers (cold call, seconds per semantics).
TARGETS = {("tree", 10**6): 0.5, ("cyclic", 10**5): 2.0}

console = Console(width=None if sys.stdout.isatty() else 160)

SEMANTICS: dict[str, Callable[[BipolarGraph], Strengths]] = {
    "dfquad": dfquad_strengths,
    "quad": quad_strengths,
    "euler": euler_strengths,
    "quadratic-energy": quadratic_energy_strengths,
    "h-categorizer": hcategorizer_strengths,
}

# argmap's defaults, which the reference copies.
TOL = 1e-12
MAX_ITER = 1000
DAMPING = 0.5
PATIENCE = 50
MEMORY = 5
RIDGE = 1e-8


# ---------------------------------------------------------------------------
# graphs


@dataclass
class Graph:
    kind: str
    n: int
    base: NDArray[np.float64]
    src: NDArray[np.int64]
    dst: NDArray[np.int64]
    is_attack: NDArray[np.bool_]

    @property
    def m(self) -> int:
        return int(self.src.size)

    def build(self) -> BipolarGraph:
        return BipolarGraph(self.n, self.base, self.src, self.dst, self.is_attack)


def random_tree(n: int, rng: np.random.Generator) -> Graph:
    child = np.arange(1, n, dtype=np.int64)
    parent = (rng.random(n - 1) * child).astype(np.int64)  # uniform in 0 .. i-1
    return Graph("tree", n, rng.random(n), child, parent, rng.random(n - 1) < 0.5)


def random_cyclic(n: int, rng: np.random.Generator, degree: int = 3) -> Graph:
    m = degree * n
    src = rng.integers(0, n, m, dtype=np.int64)
    dst = rng.integers(0, n, m, dtype=np.int64)
    return Graph("cyclic", n, rng.random(n), src, dst, rng.random(m) < 0.5)


# ---------------------------------------------------------------------------
# the plain-Python reference


def _kahn(n: int, succ: list[list[int]]) -> list[list[int]] | None:
    """Longest-path levels of a DAG given by successor lists; None if cyclic."""
    indeg = [0] * n
    for outs in succ:
        for v in outs:
            indeg[v] += 1
    frontier = [v for v in range(n) if indeg[v] == 0]
    levels: list[list[int]] = []
    seen = 0
    while frontier:
        levels.append(frontier)
        seen += len(frontier)
        nxt: list[int] = []
        for u in frontier:
            for v in succ[u]:
                indeg[v] -= 1
                if indeg[v] == 0:
                    nxt.append(v)
        frontier = nxt
    return levels if seen == n else None


def _tarjan(n: int, succ: list[list[int]]) -> list[int]:
    """Strongly connected component label of every node (iterative Tarjan)."""
    index = [-1] * n
    low = [0] * n
    on_stack = [False] * n
    comp = [-1] * n
    stack: list[int] = []
    counter = 0
    ncomp = 0
    for root in range(n):
        if index[root] != -1:
            continue
        work = [(root, 0)]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack[root] = True
        while work:
            u, i = work[-1]
            outs = succ[u]
            if i < len(outs):
                work[-1] = (u, i + 1)
                v = outs[i]
                if index[v] == -1:
                    index[v] = low[v] = counter
                    counter += 1
                    stack.append(v)
                    on_stack[v] = True
                    work.append((v, 0))
                elif on_stack[v] and index[v] < low[u]:
                    low[u] = index[v]
                continue
            work.pop()
            if work:
                p = work[-1][0]
                if low[u] < low[p]:
                    low[p] = low[u]
            if low[u] == index[u]:
                while True:
                    w = stack.pop()
                    on_stack[w] = False
                    comp[w] = ncomp
                    if w == u:
                        break
                ncomp += 1
    return comp


def _levels(n: int, src: list[int], dst: list[int]) -> list[tuple[list[int], bool]]:
    """Levels of the condensation, each with whether it holds a cycle."""
    succ: list[list[int]] = [[] for _ in range(n)]
    for u, v in zip(src, dst, strict=True):
        succ[u].append(v)
    plain = _kahn(n, succ)
    if plain is not None:
        return [(level, False) for level in plain]
    comp = _tarjan(n, succ)
    ncomp = max(comp) + 1 if n else 0
    size = [0] * ncomp
    for c in comp:
        size[c] += 1
    cyclic = [s > 1 for s in size]
    csucc: list[list[int]] = [[] for _ in range(ncomp)]
    for u, v in zip(src, dst, strict=True):
        cu, cv = comp[u], comp[v]
        if cu == cv:
            if u == v:
                cyclic[cu] = True
        else:
            csucc[cu].append(cv)
    clevels = _kahn(ncomp, csucc)
    assert clevels is not None
    level_of = [0] * ncomp
    for i, cs in enumerate(clevels):
        for c in cs:
            level_of[c] = i
    # as in argmap, the cyclic components of a level make a level of their own, just
    # above the level's arguments on no cycle
    nodes: list[list[int]] = [[] for _ in range(2 * len(clevels))]
    for v in range(n):
        nodes[2 * level_of[comp[v]] + cyclic[comp[v]]].append(v)
    return [(vs, k % 2 == 1) for k, vs in enumerate(nodes) if vs]


def _combine(sem: str) -> Callable[[float, list[float], list[float]], float]:
    """The published update of one argument from its base weight and the strengths of
    its attackers and supporters (edge weights are all 1 here)."""

    def prod(vs: list[float]) -> float:
        p = 1.0
        for v in vs:
            p *= 1.0 - v
        return p

    def h(x: float) -> float:
        y = max(x, 0.0)
        return y * y / (1.0 + y * y)

    def dfquad(b: float, att: list[float], sup: list[float]) -> float:
        va, vs = 1.0 - prod(att), 1.0 - prod(sup)
        return b - b * (va - vs) if va >= vs else b + (1.0 - b) * (vs - va)

    def quad(b: float, att: list[float], sup: list[float]) -> float:
        fa = b * prod(att)
        fs = 1.0 - (1.0 - b) * prod(sup)
        if att and sup:
            return 0.5 * (fa + fs)
        return fa if att else fs if sup else b

    def euler(b: float, att: list[float], sup: list[float]) -> float:
        energy = sum(sup) - sum(att)
        return 1.0 - (1.0 - b * b) / (1.0 + b * math.exp(energy))

    def quadratic_energy(b: float, att: list[float], sup: list[float]) -> float:
        energy = sum(sup) - sum(att)
        return b - b * h(-energy) + (1.0 - b) * h(energy)

    def hcategorizer(b: float, att: list[float], sup: list[float]) -> float:
        return b / (1.0 + sum(att))

    return {
        "dfquad": dfquad,
        "quad": quad,
        "euler": euler,
        "quadratic-energy": quadratic_energy,
        "h-categorizer": hcategorizer,
    }[sem]


@dataclass
class RefResult:
    values: list[float]
    converged: bool
    iterations: int


def reference(
    sem: str, n: int, base: list[float], src: list[int], dst: list[int], is_attack: list[bool]
) -> RefResult:
    """Strengths by plain Python: levels in order, cyclic levels iterated."""
    supports = sem != "h-categorizer"
    if not supports:
        keep = [k for k in range(len(src)) if is_attack[k]]
        src, dst, is_attack = [src[k] for k in keep], [dst[k] for k in keep], [True] * len(keep)
    att_in: list[list[int]] = [[] for _ in range(n)]
    sup_in: list[list[int]] = [[] for _ in range(n)]
    for u, v, a in zip(src, dst, is_attack, strict=True):
        (att_in if a else sup_in)[v].append(u)
    f = _combine(sem)
    s = list(base)

    def update(v: int) -> float:
        x = f(base[v], [s[u] for u in att_in[v]], [s[u] for u in sup_in[v]])
        return 0.0 if x < 0.0 else 1.0 if x > 1.0 else x

    converged, steps = True, 0
    for nodes, cyclic in _levels(n, src, dst):
        inputs = [v for v in nodes if att_in[v] or sup_in[v]]
        if not inputs:
            continue
        if not cyclic:
            for v in inputs:
                s[v] = update(v)
            continue
        ok, k = _iterate(s, nodes, base, update)
        converged &= ok
        steps += k
    return RefResult(s, converged, steps)


def _iterate(
    s: list[float], nodes: list[int], base: list[float], update: Callable[[int], float]
) -> tuple[bool, int]:
    """argmap's scheme on one cyclic level: Anderson mixing, then damped from the base weights."""
    steps, best, stalled = 0, math.inf, 0
    mixer = AndersonMixer(len(nodes))
    for _ in range(MAX_ITER):
        new = [update(v) for v in nodes]
        r = [x - s[v] for x, v in zip(new, nodes, strict=True)]
        residual = max(abs(d) for d in r)
        steps += 1
        if residual <= TOL:
            for v, x in zip(nodes, new, strict=True):
                s[v] = x
            return True, steps
        if residual < best:
            best, stalled = residual, 0
        else:
            stalled += 1
            if stalled >= PATIENCE:
                break
        nxt = mixer.next_point(new, r)
        for v, x in zip(nodes, nxt, strict=True):
            s[v] = x
    for v in nodes:
        s[v] = base[v]
    for _ in range(MAX_ITER):
        new = [update(v) for v in nodes]
        residual = max(abs(x - s[v]) for x, v in zip(new, nodes, strict=True))
        steps += 1
        if residual <= TOL:
            for v, x in zip(nodes, new, strict=True):
                s[v] = x
            return True, steps
        for v, x in zip(nodes, new, strict=True):
            s[v] += DAMPING * (x - s[v])
    return False, steps


class AndersonMixer:
    """argmap's Anderson mixing (type II, memory MEMORY, clipped to [0, 1]) in plain
    Python, for one cyclic level; the tests' reference iterates with it too."""

    def __init__(self, size: int) -> None:
        self.memory = min(MEMORY, size)
        self.d_res: list[list[float]] = []  # the last `memory` differences of residuals
        self.d_val: list[list[float]] = []  # ... and of the values of the update
        self.last: tuple[list[float], list[float]] | None = None

    def next_point(self, new: list[float], r: list[float]) -> list[float]:
        """Where to go after the update gave ``new`` with residual ``r = new - s``."""
        nxt = new
        if self.last is not None:
            d_res, d_val = self.d_res, self.d_val
            d_res.append([a - b for a, b in zip(r, self.last[0], strict=True)])
            d_val.append([a - b for a, b in zip(new, self.last[1], strict=True)])
            del d_res[: -self.memory], d_val[: -self.memory]
            gamma = ridge_least_squares(d_res, r)
            nxt = [
                min(
                    max(x - math.fsum(c * d[i] for c, d in zip(gamma, d_val, strict=True)), 0.0),
                    1.0,
                )
                for i, x in enumerate(new)
            ]
        self.last = (r, new)
        return nxt


def ridge_least_squares(columns: list[list[float]], r: list[float]) -> list[float]:
    """``argmin |r - C g|^2 + ridge |g|^2`` by the normal equations and Gauss-Jordan
    elimination with partial pivoting: argmap's ridge, RIDGE times the mean squared
    column length (the tests' reference uses it too)."""
    k = len(columns)
    a = [[math.fsum(p * q for p, q in zip(c, d, strict=True)) for d in columns] for c in columns]
    ridge = RIDGE * math.fsum(a[i][i] for i in range(k)) / k + 1e-300
    for i in range(k):
        a[i][i] += ridge
    rhs = [math.fsum(p * q for p, q in zip(c, r, strict=True)) for c in columns]
    for col in range(k):
        pivot = max(range(col, k), key=lambda i: abs(a[i][col]))
        a[col], a[pivot] = a[pivot], a[col]
        rhs[col], rhs[pivot] = rhs[pivot], rhs[col]
        for i in range(k):
            if i != col:
                factor = a[i][col] / a[col][col]
                a[i] = [x - factor * y for x, y in zip(a[i], a[col], strict=True)]
                rhs[i] -= factor * rhs[col]
    return [rhs[i] / a[i][i] for i in range(k)]


# ---------------------------------------------------------------------------
# timing


def time_cold(
    graph: Graph, fn: Callable[[BipolarGraph], Strengths], repeats: int, budget: float
) -> tuple[list[float], float, Strengths]:
    """Cold calls (a fresh graph each time, built outside the timer), then warm calls on
    the last graph (levels cached); returns the cold times, the best warm time and a result.
    Repeating stops early once ``budget`` seconds are spent."""
    seconds: list[float] = []
    result: Strengths | None = None
    g = graph.build()
    for _ in range(repeats):
        g = graph.build()
        start = time.perf_counter()
        result = fn(g)
        seconds.append(time.perf_counter() - start)
        if sum(seconds) > budget:
            break
    warm: list[float] = []
    for _ in range(len(seconds)):
        start = time.perf_counter()
        fn(g)
        warm.append(time.perf_counter() - start)
    assert result is not None
    return seconds, min(warm), result


def peak_memory(graph: Graph, fn: Callable[[BipolarGraph], Strengths]) -> int:
    g = graph.build()
    tracemalloc.start()
    try:
        fn(g)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


parse_sizes = sizes_argument(2)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("1e3,1e4,1e5,1e6"))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    parser.add_argument("--repeats", type=int, default=3, help="cold calls timed (best kept)")
    parser.add_argument("--seed", type=int, default=20240601)
    parser.add_argument(
        "--ref-limit", type=float, default=60.0, help="skip the reference when predicted slower"
    )
    parser.add_argument(
        "--budget", type=float, default=20.0, help="stop repeating once this many s are spent"
    )
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")

    rows: list[dict[str, Any]] = []
    # Reference seconds per unit of work ((n + m) per sweep) at the last size it ran.
    rate: dict[tuple[str, str], float] = {}
    started = time.perf_counter()
    for kind in ("tree", "cyclic"):
        for n in args.sizes:
            rng = np.random.default_rng([args.seed, n, int(kind == "cyclic")])
            graph = random_tree(n, rng) if kind == "tree" else random_cyclic(n, rng)
            lists = None
            for sem, fn in SEMANTICS.items():
                seconds, warm, res = time_cold(graph, fn, args.repeats, args.budget)
                peak = peak_memory(graph, fn)
                sweeps = 1 + res.iterations
                work = (graph.n + graph.m) * sweeps
                row: dict[str, Any] = {
                    "graph": kind,
                    "n": graph.n,
                    "m": graph.m,
                    "semantics": sem,
                    "seconds": seconds,
                    "best": min(seconds),
                    "warm": warm,
                    "peak_bytes": peak,
                    "method": res.method,
                    "iterations": res.iterations,
                    "converged": res.converged,
                    "target": TARGETS.get((kind, n)),
                }
                predicted = rate[(kind, sem)] * work if (kind, sem) in rate else None
                if predicted is not None and predicted > args.ref_limit:
                    row["reference"] = None
                    row["reference_skipped"] = f"predicted {predicted:.0f} s > {args.ref_limit:g} s"
                else:
                    if lists is None:
                        lists = (
                            graph.base.tolist(),
                            graph.src.tolist(),
                            graph.dst.tolist(),
                            graph.is_attack.tolist(),
                        )
                    start = time.perf_counter()
                    ref = reference(sem, graph.n, *lists)
                    ref_seconds = time.perf_counter() - start
                    rate[(kind, sem)] = ref_seconds / ((graph.n + graph.m) * (1 + ref.iterations))
                    diff = float(np.max(np.abs(res.values - np.asarray(ref.values))))
                    row["reference"] = ref_seconds
                    row["reference_iterations"] = ref.iterations
                    row["reference_converged"] = ref.converged
                    row["max_abs_diff"] = diff
                    row["agree"] = diff <= AGREE and ref.converged == res.converged
                rows.append(row)
                ref_text = (
                    f"ref {row['reference']:.2f} s, diff {row['max_abs_diff']:.1e}"
                    if row.get("reference") is not None
                    else f"ref skipped ({row['reference_skipped']})"
                )
                console.print(
                    f"{kind} n={n:,} {sem}: {row['best']:.3f} s cold, {warm:.3f} s warm, "
                    f"{peak / 1e6:.0f} MB, {res.method} ({res.iterations} it); {ref_text}",
                    highlight=False,
                )
    total = time.perf_counter() - started
    show(rows)

    disagreements = [r for r in rows if r.get("agree") is False]
    status = 1 if disagreements else 0
    for r in disagreements:
        console.print(
            f"[red]DISAGREEMENT[/] {r['graph']} n={r['n']} {r['semantics']}: max |diff| "
            f"{r['max_abs_diff']:.3g}, converged argmap {r['converged']} / reference "
            f"{r['reference_converged']}"
        )
    not_converged = [r for r in rows if not r["converged"]]
    for r in not_converged:
        console.print(f"[yellow]no fixed point[/] {r['graph']} n={r['n']} {r['semantics']}")
    missed = [r for r in rows if r["target"] is not None and r["best"] > r["target"]]
    console.print(
        f"agreement to {AGREE:g}: {sum(1 for r in rows if r.get('agree'))} of "
        f"{sum(1 for r in rows if r.get('reference') is not None)} compared; "
        f"targets missed: {len(missed)} of {sum(1 for r in rows if r['target'] is not None)}; "
        f"bench took {total:.0f} s"
    )
    doc = {
        **header("gradual"),
        "numpy": np.__version__,
        "args": {
            "sizes": args.sizes,
            "repeats": args.repeats,
            "seed": args.seed,
            "ref_limit": args.ref_limit,
            "budget": args.budget,
        },
        "agree_tolerance": AGREE,
        "targets": {f"{k[0]} n={k[1]}": v for k, v in TARGETS.items()},
        "rows": rows,
        "disagreements": len(disagreements),
        "seconds": total,
        "ok": status == 0,
    }
    write_results(args.out, doc)
    console.print(f"results written to {args.out}")
    return status


def show(rows: list[dict[str, Any]]) -> None:
    table = Table(title="gradual strengths: argmap (vectorised) vs plain-Python reference")
    for col, justify in (
        ("graph", "left"),
        ("n", "right"),
        ("m", "right"),
        ("semantics", "left"),
        ("cold s", "right"),
        ("warm s", "right"),
        ("peak MB", "right"),
        ("iter", "right"),
        ("ref s", "right"),
        ("ref/argmap", "right"),
        ("max |diff|", "right"),
        ("target", "left"),
    ):
        table.add_column(col, justify=justify)  # type: ignore[arg-type]
    for r in rows:
        if r.get("reference") is not None:
            ref = f"{r['reference']:.2f}"
            ratio = f"{r['reference'] / r['best']:.0f}x"
            ok = r["agree"]
            diff = f"{r['max_abs_diff']:.1e}" + ("" if ok else " [red]DIFF[/]")
        else:
            ref, ratio, diff = "skipped", "-", r["reference_skipped"]
        target = ""
        if r["target"] is not None:
            met = r["best"] <= r["target"]
            target = f"<= {r['target']:g} s " + ("met" if met else "[red]MISSED[/]")
        it = str(r["iterations"]) + ("" if r["converged"] else " [yellow]nc[/]")
        if r["method"] == "damped":
            it += " d"
        table.add_row(
            r["graph"],
            f"{r['n']:,}",
            f"{r['m']:,}",
            r["semantics"],
            f"{r['best']:.3f}",
            f"{r['warm']:.3f}",
            f"{r['peak_bytes'] / 1e6:.1f}",
            it,
            ref,
            ratio,
            diff,
            target,
        )
    console.print(table)
    console.print(
        "cold: best of the timed calls on a fresh graph (levels built inside the call); "
        "warm: a second call, levels cached; peak MB: tracemalloc peak of a cold call; "
        "iter: steps on cyclic levels (d: damped fallback, nc: not converged)."
    )


if __name__ == "__main__":
    sys.exit(main())
