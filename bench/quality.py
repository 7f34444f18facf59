"""Quality of argmap's search and mining on real data.

    python -m bench.quality counter [--data DIR] [--index DIR] [--limit N]
    python -m bench.quality links|graph|pairs|stance [--data DIR]

The mining tasks are in :mod:`bench.quality_mining`.

``counter``: ArguAna counterargument retrieval under the BEIR protocol (rank the whole
corpus for each query, drop the query's own copy, nDCG@10 and R@100), for BM25, the
search encoder's embeddings (when installed) and their reciprocal rank fusion; with
``--compare-base``, also all-MiniLM-L6-v2 as published, the network the search encoder
was fine-tuned from (``bench.train_counter``, on ArguAna debates of the training split,
none of which these queries come from). Parameters are fixed on principle, not tuned
here: BM25 uses Lucene's classic k1=1.2, b=0.75 (and the Anserini k1=0.9, b=0.4 row
reproduces the slice's reference); documents are embedded at the model's
max_seq_length (256), queries as argmap runs them (``backends.QUERY_TOKENS``), mean
pooling; RRF uses k=60 (Cormack et al.). Each query runs through argmap's own
:meth:`Index.search`, timed. The last line printed is one JSON object for the best
configuration.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import random
import statistics
import sys
import time
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from argmap.errors import ArgmapError  # noqa: E402
from argmap.search import Doc, Index, Method, build_index, embeddings_available  # noqa: E402
from argmap.search.backends import QUERY_TOKENS, search_model  # noqa: E402
from argmap.search.index import BM25_WEIGHT, fuse  # noqa: E402
from bench.provenance import header, write_results  # noqa: E402
from bench.quality_embed import build_parallel  # noqa: E402
from bench.quality_mining import TASKS, add_parsers  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data" / "arguana"
RESULTS = ROOT / "bench" / "results" / "quality-counter.json"
PUBLISHED = [
    ("BM25 (Anserini, full BEIR set)", "0.397-0.414"),
    ("BM25 k1=0.9 b=0.4, this dev slice", "0.386"),
    ("BM25 k1=1.2 b=0.75, this dev slice", "0.456"),
    ("all-MiniLM-L6-v2 (MTEB)", "0.502"),
    ("BGE-base-en-v1.5", "0.636"),
]


@dataclass
class Query:
    id: str
    text: str
    own: str | None
    relevant: set[str]


def load(data: Path) -> tuple[list[Doc], list[Query]]:
    with gzip.open(data / "corpus.jsonl.gz", "rt", encoding="utf-8") as handle:
        corpus = [json.loads(line) for line in handle]
    docs = [Doc(id=c["_id"], title=c["title"], text=c["text"]) for c in corpus]
    qrels: dict[str, set[str]] = {}
    with (data / "qrels.tsv").open(encoding="utf-8") as handle:
        next(handle)
        for line in handle:
            qid, did, score = line.rstrip("\n").split("\t")
            if int(score) > 0:
                qrels.setdefault(qid, set()).add(did)
    queries = []
    with (data / "queries.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            q = json.loads(line)
            queries.append(
                Query(q["_id"], q["text"], q.get("corpus_id"), qrels.get(q["_id"], set()))
            )
    return docs, [q for q in queries if q.relevant]


def ndcg_at_10(ranked: Sequence[object], relevant: Collection[object]) -> float:
    """nDCG@10 with binary relevance and BEIR's ideal DCG."""
    dcg = sum(1 / math.log2(r + 2) for r, d in enumerate(ranked[:10]) if d in relevant)
    ideal = sum(1 / math.log2(r + 2) for r in range(min(len(relevant), 10)))
    return dcg / ideal


SWEEP = (0.0, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5)


def sweep(index: Index, queries: list[Query]) -> dict[str, Any]:
    """nDCG@10 of the hybrid score at each BM25 weight of :data:`SWEEP`; and, as a check
    that the weight is not fitted to these queries, the weight chosen on each half of
    them (a fixed shuffle) scored on the other half, beside the embeddings alone there."""
    position = {d.id: i for i, d in enumerate(index.docs)}
    table = np.zeros((len(queries), len(SWEEP)))
    for row, q in enumerate(queries):
        bm25, dense = index.scores(q.text, "bm25"), index.scores(q.text, "dense")
        relevant = {position[d] for d in q.relevant if d in position}
        for col, weight in enumerate(SWEEP):
            fused = fuse(bm25, dense, weight)
            if q.own in position:
                fused[position[q.own]] = -np.inf
            table[row, col] = ndcg_at_10(np.argsort(-fused, kind="stable")[:10].tolist(), relevant)
    order = list(range(len(queries)))
    random.Random(0).shuffle(order)
    halves = [order[0::2], order[1::2]]
    checks = []
    for fit, test in (halves, halves[::-1]):
        chosen = int(np.argmax(table[fit].mean(axis=0)))
        checks.append(
            {
                "chosen_weight": SWEEP[chosen],
                "other_half_ndcg@10": round(float(table[test, chosen].mean()), 4),
                "other_half_embeddings_alone": round(float(table[test, 0].mean()), 4),
            }
        )
    means = table.mean(axis=0)
    return {
        "ndcg@10_by_weight": {
            f"{w:g}": round(float(v), 4) for w, v in zip(SWEEP, means, strict=True)
        },
        "split_halves": checks,
    }


def evaluate(index: Index, queries: list[Query], method: Method) -> dict[str, float]:
    """Mean nDCG@10 and R@100 (binary relevance, BEIR's ideal DCG), p50 latency."""
    ndcg: list[float] = []
    recall: list[float] = []
    latency: list[float] = []
    for q in queries:
        start = time.perf_counter()
        hits = index.search(q.text, k=100, method=method, exclude=[q.own] if q.own else [])
        latency.append(time.perf_counter() - start)
        ranked = [h.id for h in hits]
        ndcg.append(ndcg_at_10(ranked, q.relevant))
        recall.append(len(q.relevant & set(ranked)) / len(q.relevant))
    return {
        "ndcg@10": round(statistics.fmean(ndcg), 4),
        "recall@100": round(statistics.fmean(recall), 4),
        "p50_ms": round(1000 * statistics.median(latency), 2),
    }


def counter(args: argparse.Namespace) -> int:
    data = Path(args.data)
    docs, queries = load(data)
    if args.limit:
        queries = queries[: args.limit]
    dense = embeddings_available() and not args.bm25_only
    index_dir = Path(args.index) if args.index else None
    start = time.perf_counter()
    if index_dir and (index_dir / "index.json").is_file():
        index = Index.load(index_dir)
        how = f"loaded from {index_dir}"
    else:
        if dense and args.workers > 1:
            index = build_parallel(docs, args.workers)
        else:
            index = build_index(docs, embeddings=dense)
        if index_dir:
            index.save(index_dir)
        how = "built"
    build_s = time.perf_counter() - start
    anserini = build_index(docs, embeddings=False, k1=0.9, b=0.4)
    print(
        f"ArguAna dev slice: {len(docs)} documents, {len(queries)} queries; "
        f"index {how} in {build_s:.1f} s (embeddings: {'yes' if index.has_embeddings else 'no'})"
    )
    rows: list[tuple[str, Method, Index]] = [
        ("BM25 k1=0.9 b=0.4 (Anserini)", "bm25", anserini),
        ("BM25 k1=1.2 b=0.75 (Lucene default)", "bm25", index),
    ]
    if index.has_embeddings and args.compare_base:
        base_index = build_parallel(docs, args.workers, model="base")
        rows += [
            ("all-MiniLM-L6-v2 int8 (as published)", "dense", base_index),
            ("Hybrid RRF k=60 (BM25 + all-MiniLM-L6-v2)", "rrf", base_index),
        ]
    if index.has_embeddings:
        rows += [
            ("argmap search encoder (MiniLM fine-tuned, int8)", "dense", index),
            ("Hybrid RRF k=60 (BM25 1.2/0.75 + search encoder)", "rrf", index),
            (f"argmap hybrid: z(encoder) + {BM25_WEIGHT:g} z(BM25 1.2/0.75)", "hybrid", index),
        ]
    results: dict[str, dict[str, float]] = {}
    for name, method, idx in rows:
        results[name] = evaluate(idx, queries, method)
    width = max(len(n) for n in results) + 2
    print(f"\n{'method':<{width}}{'nDCG@10':>9}{'R@100':>8}{'p50 ms':>9}")
    for name, r in results.items():
        print(f"{name:<{width}}{r['ndcg@10']:>9.3f}{r['recall@100']:>8.3f}{r['p50_ms']:>9.1f}")
    print("\npublished nDCG@10 (same task and protocol):")
    for name, value in PUBLISHED:
        print(f"  {name:<{width}}{value:>11}")
    swept: dict[str, Any] | None = None
    if args.sweep and index.has_embeddings:
        swept = sweep(index, queries)
        print("\nhybrid nDCG@10 by BM25 weight (0: the encoder alone):")
        print("  " + "  ".join(f"{w}: {v:.3f}" for w, v in swept["ndcg@10_by_weight"].items()))
        for check in swept["split_halves"]:
            print(
                f"  weight {check['chosen_weight']:g} chosen on one half of the queries: "
                f"{check['other_half_ndcg@10']:.3f} on the other "
                f"(encoder alone {check['other_half_embeddings_alone']:.3f})"
            )
    best_name = max(results, key=lambda n: results[n]["ndcg@10"])
    best = results[best_name]
    if args.limit:  # a partial run must not pass for the full one (as the other tasks)
        print(f"\nbest: {best_name}; a partial run (--limit {args.limit}): no results file written")
        print(json.dumps({"ndcg@10": best["ndcg@10"], "recall@100": best["recall@100"]}))
        return 0
    write_results(
        RESULTS,
        {
            **header("quality-counter"),
            "task": "arguana counterargument retrieval, BEIR protocol, dev slice",
            "documents": len(docs),
            "queries": len(queries),
            "index_seconds": round(build_s, 1),
            "index": "loaded" if how.startswith("loaded") else how,  # no machine path
            "search_encoder": search_model().id if index.has_embeddings else None,
            "query_tokens": QUERY_TOKENS,
            "methods": results,
            "best": best_name,
            "published_ndcg@10": dict(PUBLISHED),
            **({"bm25_weight": BM25_WEIGHT, "sweep": swept} if swept else {}),
        },
    )
    print(f"\nbest: {best_name}; p50 query latency {best['p50_ms']:.1f} ms; wrote {RESULTS}")
    print(json.dumps({"ndcg@10": best["ndcg@10"], "recall@100": best["recall@100"]}))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="task", required=True)
    c = sub.add_parser("counter", help="ArguAna counterargument retrieval (BEIR protocol)")
    c.add_argument("--data", default=str(DEFAULT_DATA), help="the arguana folder")
    c.add_argument("--index", help="save the index here, or load it if it is there")
    c.add_argument("--workers", type=int, default=2, help="processes that embed the corpus")
    c.add_argument("--bm25-only", action="store_true", help="skip the embeddings")
    c.add_argument(
        "--compare-base",
        action="store_true",
        help="also rank with all-MiniLM-L6-v2 as published (embeds the corpus again)",
    )
    c.add_argument("--limit", type=int, default=0, help="only the first N queries")
    c.add_argument(
        "--sweep", action="store_true", help="also score the hybrid at other BM25 weights"
    )
    add_parsers(sub)
    args = parser.parse_args(argv)
    try:
        if args.task == "counter":
            return counter(args)
        task: Callable[[argparse.Namespace], int] = TASKS[args.task][0]
        return task(args)
    except ArgmapError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
