"""Throughput of the pro/con article reader (and writer), with a round-trip check.

Two benches:

1. ``synthetic``: one generated pro/con article of about ``--size-mb`` MB (made
   deterministically from ``--seed``) read ``--repeats`` times with
   :func:`read_procon`; reports MB/s (best and median) and statements/s. The parsed
   debate is checked against what the generator wrote (titles per side and nesting).
2. ``arguana``: the 660 ArguAna training/validation debates, each built as a
   :class:`Debate`, rendered with :func:`write_procon` and read back with
   :func:`read_procon`; reports debates/s and MB/s of both steps and checks every
   debate round-trips to the same motion, argument titles per side and counter titles.

Run ``.venv/bin/python bench/parse.py [--data DIR] [--out FILE] [--size-mb 10]``.
Exits 1 when any debate fails to round-trip (or the synthetic article is misread).
MB means 10**6 bytes of UTF-8 text.
"""

from __future__ import annotations

import argparse
import difflib
import gzip
import json
import random
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from argmap.formats.procon import read_procon, unrepresentable_in_procon, write_procon
from argmap.model import Debate, Relation, RelationKind, Statement

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))  # run as a script: make `bench` importable

from bench.provenance import header, write_results  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "arguana"
DEFAULT_OUT = HERE / "results" / "parse.json"
DEBATES_FILE = "debates_train_val.jsonl.gz"
MB = 1_000_000
SHOW_FAILURES = 5

console = Console(width=None if sys.stdout.isatty() else 120)  # no wrapping in logs

# An argument as expected after reading: (title, kind towards its parent, children).
Expected = tuple[str, RelationKind, tuple["Expected", ...]]


# ---------------------------------------------------------------------------
# timing


@dataclass
class Timing:
    """Wall-clock seconds of each repeat of one step."""

    seconds: list[float]

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def time_repeats(step: Callable[[], object], repeats: int) -> Timing:
    """Run ``step`` ``repeats`` times, timing each run."""
    seconds: list[float] = []
    for _ in range(repeats):
        start = time.perf_counter()
        step()
        seconds.append(time.perf_counter() - start)
    return Timing(seconds)


def rates(timing: Timing, amount: float) -> dict[str, float]:
    """``amount`` per second at the best and the median time."""
    return {"best": amount / timing.best, "median": amount / timing.median}


# ---------------------------------------------------------------------------
# 1. synthetic article

# fmt: off
_SYLLABLES = [
    "ba", "ke", "lo", "mi", "nu", "ra", "se", "ti", "vo", "za", "dre", "flo", "gra",
    "kli", "mor", "pen", "quo", "sal", "tur", "vim", "bel", "cor", "dan", "fer", "gol",
    "hin", "jul", "kas", "lem", "nor", "pil", "ros", "sim", "tal", "ven", "wex", "yor", "zin",
]
# fmt: on
_SIDE_MARKERS = {
    "support": ("Pro", "## Pro", "Agree", "For:", "**Arguments for**", "## Yes"),
    "attack": ("Con", "## Con", "Disagree", "Against:", "**Arguments against**", "## No"),
}


class Writer:
    """Made-up prose from a seeded generator (at least two syllables a word, so a
    wrapped line can never be a side marker such as ``No`` or ``For``)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def word(self) -> str:
        return "".join(self.rng.choices(_SYLLABLES, k=self.rng.choice((2, 2, 2, 3, 3, 4))))

    def title(self, limit: int = 80) -> str:
        words = [self.word() for _ in range(self.rng.randint(2, 7))]
        words = [
            w.capitalize() if k == 0 or self.rng.random() < 0.4 else w for k, w in enumerate(words)
        ]
        while len(words) > 2 and len(" ".join(words)) > limit:
            words.pop()
        return " ".join(words)

    def sentence(self) -> str:
        words = [self.word() for _ in range(self.rng.randint(6, 22))]
        if len(words) > 8 and self.rng.random() < 0.3:
            words[self.rng.randint(2, len(words) - 3)] += ","
        return " ".join(words).capitalize() + self.rng.choice(".....?!")

    def text(self, lo: int = 1, hi: int = 4) -> str:
        return " ".join(self.sentence() for _ in range(self.rng.randint(lo, hi)))

    def wrap(self, text: str, first: str, indent: str, width: int = 88) -> list[str]:
        """``first`` + ``text`` wrapped at ``width``; continuation lines start with ``indent``."""
        lines: list[str] = []
        current = first
        for word in text.split():
            if current.strip() and len(current) + 1 + len(word) > width:
                lines.append(current)
                current = indent + word
            elif not current or current.endswith(" "):
                current += word
            else:
                current += " " + word
        lines.append(current)
        return lines


@dataclass
class Synthetic:
    motion: str
    text: str
    expected: dict[RelationKind, list[Expected]] = field(default_factory=dict)
    forms: dict[str, int] = field(default_factory=dict)

    @property
    def arguments(self) -> int:
        def count(items: tuple[Expected, ...] | list[Expected]) -> int:
            return sum(1 + count(children) for _, _, children in items)

        return sum(count(v) for v in self.expected.values())


def _bullet(
    w: Writer, out: list[str], depth: int, forms: dict[str, int], side: RelationKind
) -> Expected:
    """A ``- **Title.** text`` item (or a nested ``- Con: ...`` one) with sub-bullets."""
    rng = w.rng
    pad = "  " * depth
    title = w.title()
    kind: RelationKind = side if depth == 0 else "support"
    prefix = ""
    if depth:
        roll = rng.random()
        if roll < 0.5:
            prefix, kind = rng.choice(("Con: ", "Con: ", "Objection: ", "But: ")), "attack"
        elif roll < 0.65:
            prefix = "Pro: "
    style = rng.random()
    if style < 0.7:
        head = f"**{title}.**"
    elif style < 0.85:
        head = f"**{title}**:"
    else:
        head = f"{title}:"
    marker = rng.choice(("-", "-", "-", "*")) if depth == 0 else "-"
    out.extend(w.wrap(w.text(1, 3), f"{pad}{marker} {prefix}{head}", pad + "  "))
    forms["bullet" if depth == 0 else f"sub-bullet level {depth}"] += 1
    children: list[Expected] = []
    if depth < 3:
        n = rng.choice((0, 0, 1, 1, 2, 3)) if depth == 0 else rng.choice((0, 0, 0, 1, 2))
        for _ in range(n):
            children.append(_bullet(w, out, depth + 1, forms, side))
    return (title, kind, tuple(children))


def generate(size_mb: float, seed: int) -> Synthetic:
    """A pro/con article of about ``size_mb`` MB: a motion, then alternating sides,
    each with ``Title: text`` paragraphs, bullets nested up to three levels and, at
    the end of some sections, ``### Title`` headings over plain paragraphs."""
    rng = random.Random(seed)
    w = Writer(rng)
    target = int(size_mb * MB)
    motion = w.title() + "?"
    out: list[str] = [f"# {motion}", "", *w.wrap(w.text(2, 3), "> ", "> "), ""]
    expected: dict[RelationKind, list[Expected]] = {"support": [], "attack": []}
    forms: dict[str, int] = {
        "paragraph": 0,
        "bullet": 0,
        "sub-bullet level 1": 0,
        "sub-bullet level 2": 0,
        "sub-bullet level 3": 0,
        "heading": 0,
        "side marker": 0,
    }
    size = sum(len(line) + 1 for line in out)
    side: RelationKind = "support"
    while size < target:
        chunk: list[str] = [rng.choice(_SIDE_MARKERS[side]), ""]
        forms["side marker"] += 1
        for _ in range(rng.randint(8, 40)):
            if rng.random() < 0.45:
                title = w.title()
                chunk.extend(w.wrap(w.text(2, 5), f"{title}:", ""))
                forms["paragraph"] += 1
                expected[side].append((title, side, ()))
            else:
                expected[side].append(_bullet(w, chunk, 0, forms, side))
            chunk.append("")
        if rng.random() < 0.3:  # a few headed arguments close the section
            for _ in range(rng.randint(1, 3)):
                title = w.title()
                chunk.extend([f"### {title}", ""])
                for _ in range(rng.randint(1, 3)):
                    chunk.extend([*w.wrap(w.text(2, 5), "", ""), ""])
                forms["heading"] += 1
                expected[side].append((title, side, ()))
        out.extend(chunk)
        size += sum(len(line) + 1 for line in chunk)
        side = "attack" if side == "support" else "support"
    return Synthetic(motion, "\n".join(out), expected, forms)


def tree_of(debate: Debate, parent: str) -> list[Expected]:
    """The argument tree under ``parent`` as (title, kind, children)."""
    children: dict[str, list[tuple[Relation, Statement]]] = {}
    by_id = {s.id: s for s in debate.statements}
    for r in debate.relations:
        children.setdefault(r.target, []).append((r, by_id[r.source]))

    def walk(node: str) -> list[Expected]:
        return [(s.title, r.kind, tuple(walk(s.id))) for r, s in children.get(node, [])]

    return walk(parent)


def flatten(items: list[Expected] | tuple[Expected, ...], depth: int = 0) -> Iterator[str]:
    for title, kind, children in items:
        yield f"{'  ' * depth}{'+' if kind == 'support' else '-'} {title}"
        yield from flatten(children, depth + 1)


def bench_synthetic(size_mb: float, seed: int, repeats: int) -> dict[str, Any]:
    start = time.perf_counter()
    synthetic = generate(size_mb, seed)
    generated_in = time.perf_counter() - start
    data = synthetic.text.encode()
    mb = len(data) / MB
    parsed: list[Debate] = []

    def read() -> None:
        parsed[:] = [read_procon(data)]

    timing = time_repeats(read, repeats)
    debate = parsed[0]
    statements = len(debate.statements)
    got = tree_of(debate, debate.motion.id)
    want = synthetic.expected["support"] + synthetic.expected["attack"]
    got_sorted = [a for a in got if a[1] == "support"] + [a for a in got if a[1] == "attack"]
    ok = got_sorted == want and debate.motion.title == synthetic.motion
    mismatch = ""
    if not ok:
        diff = difflib.unified_diff(
            list(flatten(want)), list(flatten(got_sorted)), "generated", "read", n=1, lineterm=""
        )
        mismatch = "\n".join(list(diff)[:40])
    return {
        "bytes": len(data),
        "lines": synthetic.text.count("\n") + 1,
        "statements": statements,
        "expected_statements": synthetic.arguments + 1,
        "forms": synthetic.forms,
        "generate_seconds": generated_in,
        "repeats": repeats,
        "seconds": timing.seconds,
        "mb_per_s": rates(timing, mb),
        "statements_per_s": rates(timing, statements),
        "matches_generator": ok,
        "mismatch": mismatch,
    }


# ---------------------------------------------------------------------------
# 2. ArguAna round trip

_FIRST_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def counter_title(text: str, limit: int = 100) -> str:
    """The first sentence of a counter, cut at a word before ``limit`` characters."""
    sentence = _FIRST_SENTENCE.split(" ".join(text.split()), maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def debate_from_record(record: dict[str, Any]) -> Debate:
    """Motion = thesis; one argument per point; one attacking statement per counter."""
    statements = [Statement("motion", record["thesis"].strip(), kind="motion")]
    relations: list[Relation] = []
    for k, point in enumerate(record["points"], 1):
        title, _, body = point["point"].partition("\n\n")
        pid = f"p{k}"
        kind: RelationKind = "support" if point["side"] == "pro" else "attack"
        statements.append(Statement(pid, title.strip(), body.strip()))
        relations.append(Relation(pid, "motion", kind))
        if point["counter"] is not None:
            text = point["counter"].strip()
            statements.append(Statement(f"{pid}c", counter_title(text), text))
            relations.append(Relation(f"{pid}c", pid, "attack"))
    return Debate(record["debate_key"], tuple(statements), tuple(relations))


def outline(debate: Debate) -> list[str]:
    """What must survive the round trip: motion, titles per side, counters under each."""
    lines = [f"motion: {debate.motion.title}"]
    tree = tree_of(debate, debate.motion.id)
    for side, name in (("support", "pro"), ("attack", "con")):
        for title, kind, children in tree:
            if kind != side:
                continue
            lines.append(f"{name}: {title}")
            for t, k, c in children:
                role = "counter" if k == "attack" else "support"
                nested = f" [+{len(c)} nested]" if c else ""
                lines.append(f"{name}:   {role}: {t}{nested}")
    return lines


@dataclass
class Failure:
    key: str
    diff: list[str]
    error: str = ""


def load_records(data_dir: Path) -> list[dict[str, Any]]:
    with gzip.open(data_dir / DEBATES_FILE, "rt", encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def bench_arguana(data_dir: Path, repeats: int) -> tuple[dict[str, Any], list[Failure]]:
    """Build, write, read back and compare every debate that has at least one point.

    Records without points are skipped (and counted): a debate with only a motion has
    no pro/con article, and the reader rejects a text without arguments by design.
    """
    all_records = load_records(data_dir)
    records = [r for r in all_records if r["points"]]
    skipped = [r["debate_key"] for r in all_records if not r["points"]]
    debates = [debate_from_record(r) for r in records]
    texts: list[str] = []

    def write_all() -> None:
        texts[:] = [write_procon(d) for d in debates]

    write_timing = time_repeats(write_all, repeats)
    blobs = [t.encode() for t in texts]
    mb = sum(map(len, blobs)) / MB
    results: list[Debate | Exception] = []

    def read_all() -> None:
        got: list[Debate | Exception] = []
        for blob in blobs:
            try:
                got.append(read_procon(blob))
            except Exception as e:  # a reader error is a round-trip failure, not a crash
                got.append(e)
        results[:] = got

    read_timing = time_repeats(read_all, repeats)

    failures: list[Failure] = []
    reported: list[str] = []  # the writer said what it could not keep: not a silent loss
    for record, debate, back in zip(records, debates, results, strict=True):
        want = outline(debate)
        if unrepresentable_in_procon(debate):
            reported.append(record["debate_key"])
            continue
        if isinstance(back, Exception):
            failures.append(Failure(record["debate_key"], [], f"{type(back).__name__}: {back}"))
            continue
        got = outline(back)
        if got != want:
            diff = difflib.unified_diff(want, got, "written", "read back", n=0, lineterm="")
            failures.append(Failure(record["debate_key"], list(diff)[2:]))
    n = len(debates)
    result = {
        "file": DEBATES_FILE,
        "records": len(all_records),
        "skipped_no_points": len(skipped),
        "debates": n,
        "statements": sum(len(d.statements) for d in debates),
        "bytes": sum(map(len, blobs)),
        "repeats": repeats,
        "write": {
            "seconds": write_timing.seconds,
            "debates_per_s": rates(write_timing, n),
            "mb_per_s": rates(write_timing, mb),
        },
        "read": {
            "seconds": read_timing.seconds,
            "debates_per_s": rates(read_timing, n),
            "mb_per_s": rates(read_timing, mb),
        },
        "reported_lossy": len(reported),
        "reported_lossy_debates": reported,
        "round_trip_failures": len(failures),
        "failed_debates": [f.key for f in failures],
    }
    return result, failures


# ---------------------------------------------------------------------------
# report


def show(synthetic: dict[str, Any], arguana: dict[str, Any]) -> None:
    table = Table(title="pro/con reader throughput (best / median of repeats)")
    table.add_column("bench")
    table.add_column("size", justify="right")
    table.add_column("MB/s", justify="right")
    table.add_column("items/s", justify="right")
    table.add_column("check", justify="right")

    def pair(r: dict[str, float], fmt: str) -> str:
        return f"{r['best']:{fmt}} / {r['median']:{fmt}}"

    table.add_row(
        "synthetic read",
        f"{synthetic['bytes'] / MB:.1f} MB",
        pair(synthetic["mb_per_s"], ".2f"),
        pair(synthetic["statements_per_s"], ",.0f") + " stmt",
        "ok" if synthetic["matches_generator"] else "[red]MISREAD[/]",
    )
    ok = arguana["round_trip_failures"] == 0
    check = "ok" if ok else f"[red]{arguana['round_trip_failures']} failed[/]"
    for step in ("write", "read"):
        table.add_row(
            f"arguana {step}",
            f"{arguana['debates']} debates, {arguana['bytes'] / MB:.1f} MB",
            pair(arguana[step]["mb_per_s"], ".2f"),
            pair(arguana[step]["debates_per_s"], ",.0f") + " deb",
            check if step == "read" else "",
        )
    console.print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="ArguAna directory")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    parser.add_argument("--size-mb", type=float, default=10.0, help="synthetic article size")
    parser.add_argument("--seed", type=int, default=20240601, help="synthetic article seed")
    parser.add_argument("--repeats", type=int, default=5, help="timed runs of each step")
    args = parser.parse_args(argv)
    if args.repeats < 1:
        parser.error("--repeats must be at least 1")
    if not (args.data / DEBATES_FILE).is_file():
        parser.error(f"no {DEBATES_FILE} in {args.data}")

    console.print(f"synthetic: generating {args.size_mb:g} MB (seed {args.seed}) ...")
    synthetic = bench_synthetic(args.size_mb, args.seed, args.repeats)
    console.print(f"arguana: round-tripping {args.data / DEBATES_FILE} ...")
    arguana, failures = bench_arguana(args.data, args.repeats)
    if arguana["skipped_no_points"]:
        console.print(
            f"arguana: skipped {arguana['skipped_no_points']} of {arguana['records']} records "
            "with no points (a motion alone is not a pro/con article)"
        )
    show(synthetic, arguana)

    status = 0
    if not synthetic["matches_generator"]:
        status = 1
        console.print("[red]synthetic article misread[/] (generated vs read):", markup=True)
        console.print(synthetic["mismatch"], markup=False, highlight=False)
    if failures:
        status = 1
        console.print(
            f"[red]{len(failures)} of {arguana['debates']} debates fail to round-trip[/]; "
            f"first {min(SHOW_FAILURES, len(failures))}:"
        )
        for f in failures[:SHOW_FAILURES]:
            lines = [f.error] if f.error else f.diff
            shown = [line if len(line) <= 160 else line[:159] + "…" for line in lines[:12]]
            if len(lines) > 12:
                shown.append(f"... {len(lines) - 12} more diff lines")
            console.print(
                f"--- {f.key}", *shown, sep="\n", markup=False, highlight=False, soft_wrap=True
            )

    doc = {
        **header("parse"),
        "args": {"size_mb": args.size_mb, "seed": args.seed, "repeats": args.repeats},
        "synthetic": {k: v for k, v in synthetic.items() if k != "mismatch"},
        "arguana": arguana,
        "ok": status == 0,
    }
    write_results(args.out, doc)
    console.print(f"results written to {args.out}")
    return status


if __name__ == "__main__":
    sys.exit(main())
