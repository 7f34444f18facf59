"""Quality of argmap.mining on real debates: links, graph, pairs and stance.

Each task reads a folder with the layout of its folder under ``../shared/data/``,
evaluates only what the packaged models were not trained on (the model files name
their training splits), prints a table beside the published numbers, writes
``bench/results/quality-TASK.json`` and prints, last, one JSON line of metrics.

- ``links`` (``arguana``): hide each debate's point->counter links, then (1) attach
  each counter to the point the link model scores highest among all the debate's
  points (accuracy@1), and (2) run the miner and score its attack edges against the
  hidden links (precision, recall). Once with the counters' sides known, once not.
- ``graph`` (``asg_debatabase``): comments become free statements under the motion;
  :func:`argmap.mining.mine` links them and ties the rest to the motion by stance;
  edge precision/recall/F1 against the gold graph, and label accuracy on the edges
  found.
- ``pairs`` (``debatepedia_argrel``): support vs attack, macro-F1.
- ``stance`` (``ibm_claim_stance``): pro vs con toward the motion, accuracy, macro-F1.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from argmap.mining import mine, mine_relations, polarity
from argmap.mining.classifier import load_model
from argmap.mining.cross import pair_model
from argmap.mining.links import LINK_MODEL, score_links
from argmap.mining.text import MINING_TOKENS, statement_text
from argmap.model import Debate, Statement
from bench.arguana import SIDES, Hidden, hide_links, records
from bench.embed_cache import embed
from bench.labelled import Row, debatepedia_pairs, ibm_claims, macro_f1
from bench.provenance import git_commit

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "bench" / "results"

PUBLISHED: dict[str, list[tuple[str, str]]] = {
    "links": [
        ("Wachsmuth et al. 2018, best counter among ~7.6 opposing args", "accuracy@1 0.60"),
    ],
    "graph": [("every comment on the main topic (the flat baseline)", "computed below")],
    "pairs": [("majority class", "macro-F1 about 0.50-0.54")],
    "stance": [("majority class", "accuracy 0.517")],
}


class CachedEncoder:
    """Vectors for the texts a task will need, embedded (or cache-read) in one batch."""

    def __init__(self, texts: Sequence[str]) -> None:
        unique = sorted(set(texts))
        self.table = dict(zip(unique, embed(unique, MINING_TOKENS), strict=True))

    def __call__(self, texts: list[str]) -> npt.NDArray[np.float32]:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        return np.stack([self.table[t] for t in texts])


def _argument_texts(debates: Sequence[Debate]) -> list[str]:
    return [statement_text(s.title, s.text) for d in debates for s in d.statements]


def _finish(
    task: str,
    table: dict[str, dict[str, Any]],
    best: str,
    keys: Sequence[str],
    extra: dict[str, Any],
    args: argparse.Namespace,
) -> int:
    names = list(table)
    columns = sorted({c for row in table.values() for c in row})
    width = max(len(n) for n in names) + 2
    print(f"\n{'configuration':<{width}}" + "".join(f"{c:>18}" for c in columns))
    for name in names:
        cells = "".join(
            f"{table[name][c]:>18.3f}"
            if isinstance(table[name].get(c), float)
            else f"{table[name].get(c, ''):>18}"
            for c in columns
        )
        print(f"{name:<{width}}{cells}")
    print("\npublished (same task and protocol):")
    for name, value in PUBLISHED[task]:
        print(f"  {name}: {value}")
    if args.limit:  # a partial run must not pass for the full one
        print(f"\nbest: {best}; a partial run (--limit {args.limit}): no results file written")
    else:
        RESULTS.mkdir(parents=True, exist_ok=True)
        out = RESULTS / f"quality-{task}.json"
        # relative to the checkout, so results name no path of one machine
        data = os.path.relpath(args.data, ROOT)
        record = {"task": task, "commit": git_commit(), "data": data}
        out.write_text(
            json.dumps({**record, "results": table, "best": best, **extra}, indent=2) + "\n"
        )
        print(f"\nbest: {best}; wrote {out}")
    print(json.dumps({k: table[best][k] for k in keys}))
    return 0


# --- links ---------------------------------------------------------------------------


def _untrained(split: str, model_name: str) -> bool:
    return split not in load_model(model_name).meta.get("splits", [])


def links(args: argparse.Namespace) -> int:
    data = Path(args.data)
    chosen = [r for r in records(data) if _untrained(r.get("split", ""), LINK_MODEL)]
    if args.limit:
        chosen = chosen[: args.limit]
    table: dict[str, dict[str, Any]] = {}
    everything: list[Hidden] = []
    by_sides: dict[str, list[Hidden]] = {}
    for sides in SIDES:
        hidden = [h for r in chosen if (h := hide_links(r, sides)) is not None]
        by_sides[sides] = hidden
        everything += hidden
    print(f"links: {len(by_sides['known'])} debates not trained on, from {data}")
    encode = CachedEncoder(_argument_texts([h.debate for h in everything]))
    for config, hidden in by_sides.items():
        hits = total = 0
        found = correct = gold_links = 0
        candidates: list[int] = []
        for h in hidden:
            scores = score_links(h.debate, encode=encode)
            index = {sid: i for i, sid in enumerate(scores.ids)}
            points = [index[p] for p in h.points]
            for counter, point in h.gold.items():
                row = scores.probability[index[counter], points]
                hits += int(points[int(np.argmax(row))] == index[point])
                total += 1
                candidates.append(len(points))
            mined = mine_relations(h.debate, encode=encode)
            attacks = {(r.source, r.target) for r in mined if r.kind == "attack"}
            gold = set(h.gold.items())
            found += len(attacks)
            correct += len(attacks & gold)
            gold_links += len(gold)
        precision = correct / found if found else 0.0
        recall = correct / gold_links if gold_links else 0.0
        table[f"counters' sides {config}"] = {
            "accuracy@1": round(hits / total, 4),
            "attack_precision": round(precision, 4),
            "attack_recall": round(recall, 4),
            "candidates": round(statistics.fmean(candidates), 2),
            "counters": total,
        }
    timing = _mining_time(chosen) if not args.no_timing else {}
    if timing:
        print(
            f"mining a {timing['arguments']}-argument debate in a fresh process: "
            f"{timing['seconds']:.2f} s (cold start included)"
        )
    best = max(table, key=lambda n: table[n]["accuracy@1"])
    return _finish(
        "links",
        table,
        best,
        ("accuracy@1", "attack_precision", "attack_recall"),
        {"mining_50_arguments": timing, "threshold": load_model(LINK_MODEL).threshold},
        args,
    )


def _mining_time(chosen: list[dict[str, Any]], size: int = 50) -> dict[str, Any]:
    """Wall time of mining a ~50-argument debate in a fresh Python process.

    Cold start included: importing argmap, loading the models and the encoder.
    """
    from argmap.files import save_debate
    from argmap.model import Relation

    statements = [Statement(id="motion", title="A merged debate", kind="motion")]
    relations = []
    for r in chosen:
        hidden = hide_links(r, "known")
        if hidden is None:
            continue
        for s in hidden.debate.statements:
            if s.kind == "motion" or len(statements) > size:
                continue
            sid = f"{len(statements)}"
            statements.append(Statement(id=sid, title=s.title or s.text[:60], text=s.text))
            relations.append(
                Relation(sid, "motion", "support" if len(statements) % 2 else "attack")
            )
        if len(statements) > size:
            break
    program = (
        "import sys\n"
        "from argmap.files import load_debate\n"
        "from argmap.mining import mine\n"
        "mine(load_debate(sys.argv[1]))\n"
    )
    times = []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "merged.json"
        merged = Debate(id="merged", statements=tuple(statements), relations=tuple(relations))
        save_debate(merged, path)
        for _ in range(3):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-c", program, str(path)], check=True)
            times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    return {"arguments": len(statements) - 1, "seconds": round(seconds, 3)}


# --- graph ---------------------------------------------------------------------------

SUMMARY = re.compile(r"\s*([Cc]omment .+?)\s*\(\s*(\S+)\s*(.+?)\s*\)\s*(.+)")
COMMENT = re.compile(r"^Comment (\d+):\s*", re.MULTILINE)


def asg_graphs(data: Path) -> list[tuple[Debate, dict[str, tuple[str, str]]]]:
    """Each ASG row as a debate of loose comments, with its gold ``child -> (parent, label)``."""
    files = sorted(data.glob("*_multilevel.csv"))
    if not files:
        raise SystemExit(f"{data}: no *_multilevel.csv files")
    out = []
    for path in files:
        if "train" in path.name:
            continue  # the dev set's training portion; nothing here was trained on it
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                text = row["comments"]
                head, _, body = text.partition("\n")
                motion = head.removeprefix("Main topic:").strip()
                parts = COMMENT.split(body)
                statements = [Statement(id="topic", title=motion, kind="motion")]
                for number, comment in zip(parts[1::2], parts[2::2], strict=True):
                    statements.append(Statement(id=f"c{number}", title="", text=comment.strip()))
                ids = {s.id for s in statements}
                gold: dict[str, tuple[str, str]] = {}
                for line in row["summaries"].splitlines():
                    m = SUMMARY.match(line)
                    if not m:
                        continue
                    child = "c" + m.group(1).split()[-1]
                    parent = (
                        "topic"
                        if m.group(3).lower() == "main topic"
                        else "c" + m.group(3).split()[-1]
                    )
                    label = "attack" if m.group(2).lower().startswith("attack") else "support"
                    if child in ids and parent in ids:
                        gold[child] = (parent, label)
                debate = Debate(id=f"{path.stem}/{row['asg_index']}", statements=tuple(statements))
                out.append((debate, gold))
    return out


def graph(args: argparse.Namespace) -> int:
    graphs = asg_graphs(Path(args.data))
    if args.limit:
        graphs = graphs[: args.limit]
    print(f"graph: {len(graphs)} debates from {args.data}")
    encode = CachedEncoder(_argument_texts([d for d, _ in graphs]))
    table: dict[str, dict[str, Any]] = {}
    for name in ("argmap mine", "flat: every comment on the topic, by stance"):
        tp = found = total = labels_right = 0
        for debate, gold in graphs:
            mined = mine(debate, encode=encode) if name == "argmap mine" else _flat(debate)
            edges = {r.source: (r.target, r.kind) for r in mined.relations}
            total += len(gold)
            found += len(edges)
            for child, (parent, label) in gold.items():
                if child in edges and edges[child][0] == parent:
                    tp += 1
                    labels_right += int(edges[child][1] == label)
        precision = tp / found if found else 0.0
        recall = tp / total if total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        table[name] = {
            "edge_precision": round(precision, 4),
            "edge_recall": round(recall, 4),
            "edge_f1": round(f1, 4),
            "label_accuracy": round(labels_right / tp, 4) if tp else 0.0,
            "gold_edges": total,
        }
    best = max(table, key=lambda n: table[n]["edge_f1"])
    return _finish("graph", table, best, ("edge_f1", "label_accuracy"), {}, args)


def _flat(debate: Debate) -> Debate:
    from argmap.mining import add_mined, attach_to_motion

    return add_mined(debate, attach_to_motion(debate))


# --- pairs and stance ------------------------------------------------------------------


def _trained_on(dataset: str) -> list[str]:
    """The splits (or topics) of ``dataset`` the packaged polarity model was trained on."""
    trained: dict[str, list[str]] = pair_model().meta.get("trained_on", {})
    return [str(x) for x in trained.get(dataset, [])]


def _unseen(
    dataset: str, read: Callable[[Callable[[str], bool]], list[Row]], args: argparse.Namespace
) -> list[Row]:
    """The rows of ``dataset`` (by split or topic) the polarity model was not trained on."""
    seen = set(_trained_on(dataset))
    rows = read(lambda key: key not in seen)
    if not rows:
        raise SystemExit(f"{args.data}: no {dataset} rows the polarity model was not trained on")
    return rows[: args.limit] if args.limit else rows


def pairs(args: argparse.Namespace) -> int:
    rows = _unseen("debatepedia_argrel", partial(debatepedia_pairs, Path(args.data)), args)
    print(f"pairs: {len(rows)} pairs not trained on, from {args.data}")
    return _polarity_task("pairs", "argmap polarity (cross-encoder)", rows, ("macro_f1",), args)


def stance_task(args: argparse.Namespace) -> int:
    rows = _unseen("ibm_claim_stance", partial(ibm_claims, Path(args.data)), args)
    print(f"stance: {len(rows)} claims from {args.data} on topics the polarity model never saw")
    # stance is polarity toward the motion's text (argmap.mining.stance)
    keys = ("accuracy", "macro_f1")
    return _polarity_task("stance", "argmap stance (cross-encoder)", rows, keys, args)


def _polarity_task(
    task: str, name: str, rows: list[Row], keys: tuple[str, ...], args: argparse.Namespace
) -> int:
    """Score the packaged polarity model on ``rows`` beside the majority class."""
    predicted = [int(a) for a in polarity([t for t, _, _ in rows], [s for _, s, _ in rows])]
    gold = [y for *_, y in rows]
    majority = int(sum(gold) * 2 >= len(gold))
    table = {
        name: _scores(gold, predicted),
        "majority class": _scores(gold, [majority] * len(gold)),
    }
    return _finish(task, table, name, keys, {}, args)


def _scores(gold: Sequence[int], predicted: Sequence[int]) -> dict[str, Any]:
    accuracy = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p) / len(gold)
    return {
        "accuracy": round(accuracy, 4),
        "macro_f1": round(macro_f1(gold, predicted), 4),
        "n": len(gold),
    }


TASKS = {
    "links": (links, "arguana"),
    "graph": (graph, "asg_debatabase"),
    "pairs": (pairs, "debatepedia_argrel"),
    "stance": (stance_task, "ibm_claim_stance"),
}


def add_parsers(sub: Any) -> None:
    helps = {
        "links": "attach hidden counters to the points they answer (ArguAna debates)",
        "graph": "comments -> support/attack graph (ASG-Debatabase)",
        "pairs": "support vs attack between two statements (Debatepedia)",
        "stance": "pro vs con toward the motion (IBM claim stance)",
    }
    for name, (_, folder) in TASKS.items():
        p = sub.add_parser(name, help=helps[name])
        p.add_argument("--data", default=str(DATA / folder), help=f"a folder laid out as {folder}/")
        p.add_argument(
            "--limit", type=int, default=0, help="only the first N debates (or pairs, claims)"
        )
        if name == "links":
            p.add_argument("--no-timing", action="store_true", help="skip the cold-start timing")
