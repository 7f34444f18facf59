"""``argmap analyze`` at scale: each part of the analysis of a debate, timed after parsing.

For each size ``n`` of ``--sizes`` one random debate is built in memory
(``random.Random([--seed, n])``), shaped like a pro/con map:

* a motion; every other statement answers one earlier statement at depth below
  ``--depth`` (6), drawn uniformly, so the map is a bushy tree of depth at most 6;
  depth 1 are ``argument`` statements, deeper ones ``premise`` or ``evidence``;
* each answer supports or attacks its parent with probability 1/2;
* ``--cross`` (2%) of ``n`` extra attacks between statements of different top-level
  branches, so the graph is not a tree (and can hold cycles);
* statement weights uniform on the grid 0.00, 0.01, ..., 1.00 (ties included, as a
  person's weights have them); edge weights 1;
* with ``--mutual K``, K attacks answered back (``b -> a`` beside ``a -> b``), which
  makes cycles. The default debates have none; with cycles the crux and the
  contributions iterate the cyclic levels once per batch of what-ifs
  (:class:`~argmap.semantics.sensitivity.CyclicWhatIf`).

Each part is then timed on the finished :class:`~argmap.model.Debate` (median of
``--repeats`` calls, made in rounds over all parts), as a caller of the library would
call it, building the graph or framework it needs inside the call:

* ``graph`` / ``framework``: the bipolar graph and the Dung framework (secondary attacks
  and preferences included), which every other part builds first;
* one row per gradual semantics: :func:`gradual_strengths`;
* ``grounded``: the grounded labelling of the framework;
* ``preferred``: :func:`dung_statuses` (grounded, then preferred credulous and skeptical
  acceptance of every statement the grounded labelling leaves undecided);
* ``contributions`` and ``crux`` under DF-QuAD;
* ``what-if``: :func:`analyse` with one ``--set`` weight (the first argument at 0.9);
* ``analyse``: the whole analysis, everything above on one shared graph and framework.

``--seeds K`` (5) such debates are drawn per size (seeds ``--seed``, ``--seed`` + 1,
...), and the table shows for each part the slowest of their medians: a bench that
passes on one lucky debate says little, as one debate's cycles can sit where every
what-if has to iterate them.

The target (issue 3): every part, and the whole analysis, at most 50 ms on every
debate of at most 10^4 statements. The table marks the cells over it; the results
(with the commit) go to ``bench/results/analyze.json``.

Run ``.venv/bin/python -m bench.analyze [--sizes 1e2,1e3,1e4] [--seeds 5] [--repeats 5]
[--mutual K] [--out FILE]``.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from rich.console import Console
from rich.table import Table

from argmap.model import Debate, Relation, Statement, StatementKind
from argmap.semantics import dung
from argmap.semantics.bipolar import debate_framework, debate_graph
from argmap.semantics.explain import (
    GRADUAL_SEMANTICS,
    analyse,
    contributions,
    crux,
    dung_statuses,
    gradual_strengths,
    parse_assignments,
)

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))  # run as a script: make `bench` importable

from bench.provenance import header, sizes_argument, write_results  # noqa: E402

DEFAULT_OUT = HERE / "results" / "analyze.json"
TARGET = 0.050  # seconds, per part and for the whole analysis (issue 3)
TARGET_N = 10**4

console = Console(width=None if sys.stdout.isatty() else 160)


def random_debate(
    n: int, seed: int, depth: int = 6, cross: float = 0.02, mutual: int = 0
) -> Debate:
    """A pro/con map of ``n`` statements: a tree of depth <= ``depth`` plus cross attacks."""
    rng = random.Random(f"{seed}-{n}")
    statements = [Statement("m", "The motion", kind="motion", weight=0.5)]
    level = [0]
    branch = [0]  # the top-level argument each statement hangs under (0: the motion)
    open_: list[int] = [0]  # statements that can still be answered (depth < limit)
    relations: list[Relation] = []
    for i in range(1, n):
        parent = open_[rng.randrange(len(open_))]
        d = level[parent] + 1
        kind: StatementKind = "argument" if d == 1 else rng.choice(["premise", "evidence"])
        weight = rng.randrange(101) / 100
        statements.append(Statement(f"s{i}", f"Statement {i}", kind=kind, weight=weight))
        relations.append(
            Relation(f"s{i}", statements[parent].id, rng.choice(["support", "attack"]))
        )
        level.append(d)
        branch.append(i if d == 1 else branch[parent])
        if d < depth:
            open_.append(i)
    pairs = {(r.source, r.target) for r in relations}
    wanted = round(cross * n) if n > 2 else 0
    tries = 0
    while wanted and tries < 100 * n:
        tries += 1
        a, b = rng.randrange(1, n), rng.randrange(1, n)
        key = (f"s{a}", f"s{b}")
        if branch[a] == branch[b] or key in pairs or key[::-1] in pairs:
            continue
        pairs.add(key)
        relations.append(Relation(key[0], key[1], "attack"))
        wanted -= 1
    attacks = [r for r in relations if r.kind == "attack" and r.target != "m"]
    for r in rng.sample(attacks, min(mutual, len(attacks))):  # answered back: a cycle
        if (r.target, r.source) not in pairs:
            pairs.add((r.target, r.source))
            relations.append(Relation(r.target, r.source, "attack"))
    return Debate(f"bench-{n}", tuple(statements), tuple(relations))


def parts(debate: Debate) -> dict[str, Callable[[], object]]:
    """Each timed part of the analysis, as a call on the parsed debate."""
    what_if = parse_assignments(debate, [f"{debate.side('support')[0].id}=0.9"])
    found: dict[str, Callable[[], object]] = {
        "graph": lambda: debate_graph(debate),
        "framework": lambda: debate_framework(debate),
    }
    for name in GRADUAL_SEMANTICS:
        found[name] = lambda name=name: gradual_strengths(debate, name)  # type: ignore[misc]
    found |= {
        "grounded": lambda: dung.grounded_labelling(debate_framework(debate)),
        "preferred": lambda: dung_statuses(debate),
        "contributions": lambda: contributions(debate, "dfquad"),
        "crux": lambda: crux(debate, "dfquad"),
        "what-if": lambda: analyse(debate, "dfquad", what_if),
        "analyse": lambda: analyse(debate, "dfquad"),
    }
    return found


def time_parts(
    parts: dict[str, Callable[[], object]], repeats: int, budget: float
) -> dict[str, list[float]]:
    """Seconds of ``repeats`` calls of each part, in rounds over all parts.

    Rounds rather than one part after another, so that a busy spell on a shared
    machine slows every part a little, not one part a lot. Each call starts after a
    full garbage collection, so that it pays for the collections its own garbage
    causes and not for what earlier calls left. A part stops repeating once it has
    spent ``budget`` seconds.
    """
    seconds: dict[str, list[float]] = {name: [] for name in parts}
    for _ in range(repeats):
        for name, fn in parts.items():
            if seconds[name] and sum(seconds[name]) > budget:
                continue
            gc.collect()
            start = time.perf_counter()
            fn()
            seconds[name].append(time.perf_counter() - start)
    return seconds


def fingerprint(debate: Debate) -> dict[str, Any]:
    """What the analysis answered, to compare runs of the bench across commits."""
    a = analyse(debate, "dfquad")
    return {
        "strengths": {k: float(v.values[a.motion_index]) for k, v in a.strengths.items()},
        "motion": a.statuses[debate.motion.id].__dict__,
        "undecided": sum(1 for s in a.statuses.values() if s.grounded == "undecided"),
        "credulous": sum(1 for s in a.statuses.values() if s.credulous),
        "skeptical": sum(1 for s in a.statuses.values() if s.skeptical),
        "crux": [[c.statement, c.after, c.verdict, c.becomes] for c in a.crux],
        "top_contributions": sorted(a.contributions.items(), key=lambda kv: -abs(kv[1]))[:3],
    }


parse_sizes = sizes_argument(3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=parse_sizes, default=parse_sizes("1e2,1e3,1e4"))
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    parser.add_argument("--repeats", type=int, default=5, help="timed calls per part (median)")
    parser.add_argument("--seed", type=int, default=20261129, help="seed of the first debate")
    parser.add_argument("--seeds", type=int, default=5, help="debates per size")
    parser.add_argument("--depth", type=int, default=6, help="deepest level of the tree")
    parser.add_argument("--cross", type=float, default=0.02, help="cross attacks per statement")
    parser.add_argument("--mutual", type=int, default=0, help="attacks answered back (cycles)")
    parser.add_argument(
        "--budget", type=float, default=20.0, help="stop repeating a part after this many s"
    )
    args = parser.parse_args(argv)
    if args.repeats < 1 or args.seeds < 1:
        parser.error("--repeats and --seeds must be at least 1")

    rows: list[dict[str, Any]] = []
    debates: list[dict[str, Any]] = []
    load_before = os.getloadavg()  # the machine may be shared: medians move with its load
    started = time.perf_counter()
    for n in args.sizes:
        for seed in range(args.seed, args.seed + args.seeds):
            debate = random_debate(n, seed, args.depth, args.cross, args.mutual)
            analyse(debate)  # warm up imports and caches of code, not of this debate
            info = {
                "n": n,
                "seed": seed,
                "relations": len(debate.relations),
                "attacks_in_framework": debate_framework(debate).m,
                "acyclic": debate_graph(debate).is_acyclic(),
                "answers": fingerprint(debate),
            }
            debates.append(info)
            for part, seconds in time_parts(parts(debate), args.repeats, args.budget).items():
                median = statistics.median(seconds)
                rows.append(
                    {"n": n, "seed": seed, "part": part, "median": median, "seconds": seconds}
                )
                console.print(
                    f"n={n:,} seed {seed} {part}: {median * 1e3:.1f} ms "
                    f"(best {min(seconds) * 1e3:.1f})",
                    highlight=False,
                )
    total = time.perf_counter() - started
    worst = slowest(rows)
    show(worst, args.sizes)
    over = [
        {"n": n, "part": part, "median": median}
        for (part, n), median in worst.items()
        if n <= TARGET_N and median > TARGET
    ]
    names = ", ".join(f"{r['part']} at n={r['n']:,} ({r['median'] * 1e3:.0f} ms)" for r in over)
    console.print(f"over {TARGET * 1e3:.0f} ms: {names or 'none'}", highlight=False)
    doc = {
        **header("analyze"),
        "numpy": np.__version__,
        "args": {
            "sizes": args.sizes,
            "repeats": args.repeats,
            "seed": args.seed,
            "seeds": args.seeds,
            "depth": args.depth,
            "cross": args.cross,
            "mutual": args.mutual,
            "budget": args.budget,
        },
        "load_average": {"before": load_before, "after": os.getloadavg()},
        "target_seconds": TARGET,
        "target_n": TARGET_N,
        "debates": debates,
        "rows": rows,
        "over_target": over,
        "seconds": total,
    }
    write_results(args.out, doc)
    console.print(
        f"results written to {args.out} (bench took {total:.0f} s, load average "
        f"{load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after)"
    )
    return 0


def slowest(rows: list[dict[str, Any]]) -> dict[tuple[str, int], float]:
    """For each (part, size), the slowest of the debates' medians."""
    worst: dict[tuple[str, int], float] = {}
    for r in rows:
        key = (r["part"], r["n"])
        worst[key] = max(worst.get(key, 0.0), r["median"])
    return worst


def show(worst: dict[tuple[str, int], float], sizes: list[int]) -> None:
    table = Table(title="argmap analyze: ms per part after parsing, slowest debate's median")
    table.add_column("part", justify="left")
    for n in sizes:
        table.add_column(f"n={n:,}", justify="right")
    for part in dict.fromkeys(part for part, _ in worst):
        cells = []
        for n in sizes:
            ms = worst[(part, n)] * 1e3
            late = n <= TARGET_N and ms > TARGET * 1e3
            cells.append(f"[red]{ms:.1f}[/]" if late else f"{ms:.1f}")
        table.add_row(part, *cells)
    console.print(table)
    console.print(
        f"red: over {TARGET * 1e3:.0f} ms (the target up to n={TARGET_N:,}). "
        "Each part builds the graph or framework it needs; analyse shares one of each.",
        highlight=False,
    )


if __name__ == "__main__":
    sys.exit(main())
