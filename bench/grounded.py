"""The grounded extension at scale: ``argmap solve -p SE-GR`` beside a plain-Python worklist.

Issue 3's target: the grounded extension of a framework of 500,000 arguments and 750,000
attacks in at most 1 s, parsing included. Each ``--sizes`` entry ``N:M`` gives two
frameworks in ICCMA'23 format, written to a temporary folder:

* ``random``: M attacks drawn uniformly (self-attacks and cycles included, so part of
  the framework stays undecided);
* ``chain``: the chain ``1 -> 2 -> ... -> N`` and M - N + 1 attacks ``a -> b`` with
  ``a < b`` drawn uniformly: acyclic, so every argument is decided, and the labels run
  down long paths, round after round.

Both solvers run as their own processes, timed from start to exit (interpreter start-up,
reading and parsing the file included), ``--repeats`` times (median):

* ``argmap``: ``argmap solve -p SE-GR -f FILE`` (numpy waves while the frontier is wide, a
  worklist once it narrows; :func:`argmap.semantics.dung.grounded_labelling`);
* ``reference``: this file with ``--run-reference FILE``: the file read with ``str.split``
  and the textbook worklist (count each argument's attackers; an argument whose count
  reaches zero is IN and makes its targets OUT) on Python lists.

The two extensions must be the same set (the bench exits 1 otherwise). Results, with the
commit, go to ``bench/results/grounded.json``.

Run ``.venv/bin/python bench/grounded.py [--sizes 500000:750000] [--repeats 3] [--out FILE]``.
"""

from __future__ import annotations

import sys

# Nothing else at the top: the reference runs this file as its own process, and its time
# must be its own work, not the imports the bench needs (main imports those).

TARGET_SECONDS = 1.0
TARGET_SIZE = (500_000, 750_000)


def write_random(path: str, n: int, m: int, seed: int) -> None:
    import random

    rng = random.Random(seed)
    with open(path, "w", encoding="ascii") as f:
        f.write(f"p af {n}\n")
        f.writelines(f"{rng.randint(1, n)} {rng.randint(1, n)}\n" for _ in range(m))


def write_chain(path: str, n: int, m: int, seed: int) -> None:
    import random

    rng = random.Random(seed)
    with open(path, "w", encoding="ascii") as f:
        f.write(f"p af {n}\n")
        f.writelines(f"{a} {a + 1}\n" for a in range(1, n))
        for _ in range(max(0, m - (n - 1))):
            a = rng.randint(1, n - 1)
            f.write(f"{a} {rng.randint(a + 1, n)}\n")


SHAPES = {"random": write_random, "chain": write_chain}


def reference(path: str) -> list[int]:
    """The grounded extension by the textbook worklist on Python lists (1-based)."""
    with open(path, "rb") as f:
        words = f.read().split()
    n = int(words[2])  # "p af N"
    src = list(map(int, words[3::2]))
    dst = list(map(int, words[4::2]))
    targets: list[list[int]] = [[] for _ in range(n + 1)]
    count = [0] * (n + 1)
    for a, b in zip(src, dst, strict=True):
        targets[a].append(b)
        count[b] += 1
    UNDEC, IN, OUT = 0, 1, 2
    label = [UNDEC] * (n + 1)
    stack = [a for a in range(1, n + 1) if count[a] == 0]
    for a in stack:
        label[a] = IN
    while stack:
        for v in targets[stack.pop()]:
            if label[v] == UNDEC:
                label[v] = OUT
                for w in targets[v]:
                    count[w] -= 1
                    if count[w] == 0 and label[w] == UNDEC:
                        label[w] = IN
                        stack.append(w)
    return [a for a in range(1, n + 1) if label[a] == IN]


def timed(cmd: list[str], cwd: str) -> tuple[float, str]:
    import subprocess
    import time

    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed: {done.stderr.strip()[-300:]}")
    return seconds, done.stdout


def extension(out: str) -> set[int]:
    line = (out.strip().splitlines() or [""])[0].split()
    if not line or line[0] != "w":
        raise SystemExit(f"expected a 'w ...' line, got {out[:60]!r}")
    return {int(a) for a in line[1:]}


def parse_size(text: str) -> tuple[int, int]:
    import argparse

    n, _, m = text.partition(":")
    try:
        size = int(float(n)), int(float(m))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected N:M (arguments:attacks), got {text!r}"
        ) from None
    if size[0] < 2 or size[1] < size[0] - 1:
        raise argparse.ArgumentTypeError(f"need N >= 2 and M >= N - 1, got {text!r}")
    return size


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--run-reference"] and len(argv) == 2:  # the reference's own process
        print(" ".join(["w", *map(str, reference(argv[1]))]))
        return 0

    import argparse
    import os
    import shutil
    import statistics
    import subprocess
    import tempfile
    from pathlib import Path

    from rich.console import Console
    from rich.table import Table

    here = Path(__file__).resolve().parent
    repo = here.parent
    sys.path.insert(0, str(repo))  # run as a script: make `bench` importable
    from bench.provenance import header, write_results

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        type=lambda s: [parse_size(x) for x in s.split(",")],
        default=[TARGET_SIZE],
        help="N:M pairs, arguments:attacks (default 500000:750000)",
    )
    parser.add_argument("--repeats", type=int, default=3, help="timed runs per solver (median)")
    parser.add_argument("--seed", type=int, default=20261130)
    parser.add_argument(
        "--out", type=Path, default=here / "results" / "grounded.json", help="JSON results file"
    )
    args = parser.parse_args(argv)
    argmap_bin = str(repo / ".venv" / "bin" / "argmap")
    if not os.access(argmap_bin, os.X_OK):
        argmap_bin = shutil.which("argmap") or parser.error("no argmap executable found")
    # as bench/solver.py: compiled bytecode, as an installed package has it
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(repo / "argmap")], check=True, cwd=repo
    )
    console = Console()
    rows: list[dict[str, object]] = []
    wrong = 0
    with tempfile.TemporaryDirectory() as tmp:
        for n, m in args.sizes:
            for shape, write in SHAPES.items():
                path = Path(tmp) / f"{shape}_{n}_{m}.af"
                write(str(path), n, m, args.seed)
                solvers = {
                    "argmap": [argmap_bin, "solve", "-p", "SE-GR", "-f", str(path)],
                    "reference": [sys.executable, __file__, "--run-reference", str(path)],
                }
                seconds: dict[str, list[float]] = {s: [] for s in solvers}
                answers: dict[str, set[int]] = {}
                for _ in range(args.repeats):  # in turns, so a busy spell hits both
                    for name, cmd in solvers.items():
                        t, out = timed(cmd, str(repo))
                        seconds[name].append(t)
                        answers[name] = extension(out)
                same = answers["argmap"] == answers["reference"]
                wrong += not same
                med = {s: statistics.median(v) for s, v in seconds.items()}
                rows.append(
                    {
                        "shape": shape,
                        "arguments": n,
                        "attacks": m,
                        "file_mb": round(path.stat().st_size / 1e6, 1),
                        "grounded_size": len(answers["argmap"]),
                        "seconds": seconds,
                        "median": med,
                        "ratio": med["argmap"] / med["reference"],
                        "same_extension": same,
                    }
                )
                console.print(
                    f"{shape} n={n:,} m={m:,}: argmap {med['argmap']:.2f} s, "
                    f"reference {med['reference']:.2f} s, same extension: {same}",
                    highlight=False,
                )
    table = Table(title="grounded extension, start to exit (median s)")
    for col in ("shape", "arguments", "attacks", "argmap", "reference", "argmap/ref", "target"):
        table.add_column(col, justify="left" if col == "shape" else "right")
    for r in rows:
        med = r["median"]
        assert isinstance(med, dict)
        at_target = (r["arguments"], r["attacks"]) == TARGET_SIZE
        verdict = ("met" if med["argmap"] <= TARGET_SECONDS else "MISSED") if at_target else ""
        table.add_row(
            str(r["shape"]),
            f"{r['arguments']:,}",
            f"{r['attacks']:,}",
            f"{med['argmap']:.2f}",
            f"{med['reference']:.2f}",
            f"{r['ratio']:.2f}",
            f"<= {TARGET_SECONDS:g} s {verdict}" if at_target else "",
        )
    console.print(table)
    doc = {
        **header("grounded"),
        "args": {"sizes": args.sizes, "repeats": args.repeats, "seed": args.seed},
        "target_seconds": TARGET_SECONDS,
        "target_size": TARGET_SIZE,
        "rows": rows,
        "wrong_extensions": wrong,
    }
    write_results(args.out, doc)
    console.print(f"results written to {args.out}; extensions that differ: {wrong}")
    return 1 if wrong else 0


if __name__ == "__main__":
    raise SystemExit(main())
