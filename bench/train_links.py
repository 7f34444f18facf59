"""Train the link model packaged in ``argmap/mining/models/``.

    python -m bench.train_links [--data DIR] [--out DIR]

``links.json``: does argument A answer argument B? Gradient-boosted trees over the pair
features of :mod:`argmap.mining.features`, trained on the ``training`` split of
ArguAna's debates (``DIR/arguana``), each debate twice: once with the counters' sides
known and once without (the miner meets both). Every ordered pair of arguments is a
row, labelled 1 when A is B's counter. The decision threshold maximises the F1 of the
links the miner would choose on a fifth of the training debates held out from
fitting; the final model is then fitted on all of them. The ``validation`` split is
never touched: ``python -m bench.quality links`` reports on it.

It is deterministic (fixed seeds); the model file records what it was trained on. The
polarity model beside it (does a statement attack or support its target?) is a
fine-tuned cross-encoder: ``python -m bench.train_cross``.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from argmap.mining.classifier import TreeModel  # noqa: E402
from argmap.mining.features import FEATURES  # noqa: E402
from argmap.mining.links import choose_links, link_features  # noqa: E402
from argmap.mining.text import MINING_TOKENS, statement_text  # noqa: E402
from bench.arguana import SIDES, Hidden, hide_links, records  # noqa: E402
from bench.embed_cache import embed  # noqa: E402
from bench.provenance import git_commit  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "argmap" / "mining" / "models"
LINK_SPLIT = "training"
TREES = 200  # boosting rounds; leaves per tree and learning rate are sklearn's defaults
SEED = 0


# --- links ---------------------------------------------------------------------------


def hidden_debates(data: Path, splits: set[str]) -> list[Hidden]:
    """ArguAna debates of these splits, each with sides known and with sides unknown."""
    out: list[Hidden] = []
    for record in records(data):
        if record.get("split", "") not in splits:
            continue
        for sides in SIDES:
            hidden = hide_links(record, sides)
            if hidden is not None:
                out.append(hidden)
    return out


def prefetch(debates: list[Hidden]) -> dict[str, npt.NDArray[np.float32]]:
    """Every argument text's vector, embedded (or read from the cache) in one go."""

    texts = sorted(
        {
            statement_text(s.title, s.text)
            for h in debates
            for s in h.debate.statements
            if s.kind != "motion"
        }
    )
    vectors = embed(texts, MINING_TOKENS)
    return dict(zip(texts, vectors, strict=True))


def encoder_from(table: dict[str, npt.NDArray[np.float32]]) -> Any:
    def encode(texts: list[str]) -> npt.NDArray[np.float32]:
        return np.stack([table[t] for t in texts]) if texts else np.zeros((0, 384), np.float32)

    return encode


def pair_rows(
    debates: list[Hidden], encode: Any
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64], list[tuple[int, int, int]]]:
    """Features and labels of every ordered argument pair; rows carry (debate, a, b)."""
    xs: list[npt.NDArray[np.float64]] = []
    ys: list[int] = []
    where: list[tuple[int, int, int]] = []
    for d, h in enumerate(debates):
        found = link_features(h.debate, encode)
        index = {sid: i for i, sid in enumerate(found.ids)}
        gold = {(index[c], index[p]) for c, p in h.gold.items()}
        n = len(found.ids)
        for a in range(n):
            for b in range(n):
                if a != b:
                    xs.append(found.features[a, b])
                    ys.append(int((a, b) in gold))
                    where.append((d, a, b))
    return np.array(xs), np.array(ys), where


def fit_trees(x: npt.NDArray[np.float64], y: npt.NDArray[np.int64]) -> Any:
    from sklearn.ensemble import HistGradientBoostingClassifier

    return HistGradientBoostingClassifier(
        max_iter=TREES, early_stopping=False, random_state=SEED
    ).fit(x, y)


def export_trees(model: Any, threshold: float, meta: dict[str, Any]) -> TreeModel:
    trees = []
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        trees.append(
            {
                "feature": nodes["feature_idx"].astype(np.int64),
                "threshold": nodes["num_threshold"].astype(np.float64),
                "left": nodes["left"].astype(np.int64),
                "right": nodes["right"].astype(np.int64),
                "value": nodes["value"].astype(np.float64),
                "leaf": nodes["is_leaf"].astype(bool),
            }
        )
    bias = float(np.ravel(model._baseline_prediction)[0])
    return TreeModel("links", FEATURES, tuple(trees), bias, threshold, meta)


def best_threshold(
    probability: npt.NDArray[np.float64],
    where: list[tuple[int, int, int]],
    labels: npt.NDArray[np.int64],
    debates: list[Hidden],
) -> tuple[float, float]:
    """The threshold whose chosen links have the best F1 against the gold links."""
    per_debate: dict[int, dict[tuple[int, int], tuple[float, int]]] = {}
    for (d, a, b), p, y in zip(where, probability, labels, strict=True):
        per_debate.setdefault(d, {})[(a, b)] = (float(p), int(y))
    gold_total = int(labels.sum())
    best = (0.5, -1.0)
    for threshold in np.round(np.arange(0.05, 0.96, 0.025), 3):
        found = correct = 0
        for d, pairs in per_debate.items():
            n = len([s for s in debates[d].debate.statements if s.kind != "motion"])
            matrix = np.full((n, n), np.nan)
            for (a, b), (p, _) in pairs.items():
                matrix[a, b] = p
            chosen = choose_links(matrix, float(threshold))
            found += len(chosen)
            correct += sum(pairs[pair][1] for pair in chosen)
        precision = correct / found if found else 0.0
        recall = correct / gold_total if gold_total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best[1]:
            best = (float(threshold), f1)
    return best


def train_links(data: Path, out: Path) -> None:
    start = time.perf_counter()
    debates = hidden_debates(data / "arguana", {LINK_SPLIT})
    if not debates:
        raise SystemExit(f"no {LINK_SPLIT!r} debates in {data / 'arguana'}")
    encode = encoder_from(prefetch(debates))
    keys = sorted({h.key for h in debates})
    random.Random(SEED).shuffle(keys)
    tune_keys = set(keys[: len(keys) // 5])
    fit_part = [h for h in debates if h.key not in tune_keys]
    tune_part = [h for h in debates if h.key in tune_keys]
    x_fit, y_fit, _ = pair_rows(fit_part, encode)
    x_tune, y_tune, where_tune = pair_rows(tune_part, encode)
    threshold, f1 = best_threshold(
        fit_trees(x_fit, y_fit).predict_proba(x_tune)[:, 1], where_tune, y_tune, tune_part
    )
    x_all, y_all, _ = pair_rows(debates, encode)
    model = fit_trees(x_all, y_all)
    meta = {
        "trained_on": "arguana/debates_*.jsonl.gz",
        "splits": [LINK_SPLIT],
        "debates": len(keys),
        "rows": len(y_all),
        "positives": int(y_all.sum()),
        "sides": ["known", "unknown"],
        "learner": f"sklearn HistGradientBoostingClassifier(max_iter={TREES})",
        "encoder_tokens": MINING_TOKENS,
        "threshold_f1_on_held_out_fifth": round(f1, 4),
        "commit": git_commit(),
    }
    exported = export_trees(model, threshold, meta)
    check = exported.probability(x_all[:2000])
    assert np.allclose(check, model.predict_proba(x_all[:2000])[:, 1], atol=1e-6)
    exported.save(out / "links.json")
    print(
        f"links: {len(keys)} debates, {len(y_all)} pairs, threshold {threshold} "
        f"(F1 {f1:.3f} on the held-out fifth); {time.perf_counter() - start:.0f} s"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="the shared data folder")
    parser.add_argument("--out", default=str(DEFAULT_OUT), help="where the model files go")
    args = parser.parse_args(argv)
    data, out = Path(args.data), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    train_links(data, out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
