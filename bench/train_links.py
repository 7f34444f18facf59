"""Train the link model packaged in ``argmap/mining/models/``.

    python -m bench.train_links [--data DIR] [--out DIR]

``reply.json``: does a statement read as a reply? Logistic regression over the tf-idf
of its opening words and its sentence vector (:mod:`argmap.mining.reply`), trained on
the points (label 0; once with their title, once without, as loose comments come) and
counters (label 1) of the same debates; its C is chosen by 5-fold cross-validation
grouped by debate.

``links.json``: does argument A answer argument B? Gradient-boosted trees over the pair
features of :mod:`argmap.mining.features` (the reply model's included), trained on the
``training`` split of ArguAna's debates (``DIR/arguana``), each debate three times: with
the counters' sides known, without, and with every statement loose (no sides, nothing
related to the motion; :mod:`bench.arguana`), as the miner meets all three. Every
ordered pair of arguments is a row, labelled 1 when A is B's counter. The decision
threshold maximises the F1 of the links the miner would choose on a fifth of the
training debates held out from fitting; the final model is then fitted on all of them.
The ``validation`` split is never touched: ``python -m bench.quality links`` reports on
it.

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
from argmap.mining.reply import ReplyModel, first_words  # noqa: E402
from argmap.mining.text import MINING_TOKENS, statement_text  # noqa: E402
from bench.arguana import SIDES, Hidden, hide_links, records  # noqa: E402
from bench.embed_cache import embed  # noqa: E402
from bench.provenance import git_commit  # noqa: E402

DEFAULT_DATA = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "argmap" / "mining" / "models"
LINK_SPLIT = "training"
TREES = 200  # boosting rounds; leaves per tree and learning rate are sklearn's defaults
SEED = 0


# --- replies -------------------------------------------------------------------------

REPLY_MIN_DF = 5  # a term in fewer training texts is left out (keeps the file small)
REPLY_C = (1.0, 3.0, 10.0)  # inverse regularisation strengths tried


def reply_rows(data: Path, splits: set[str]) -> tuple[list[str], list[int], list[str]]:
    """(texts, 1 if a counter, debate key) of the ArguAna debates of these splits."""
    texts: list[str] = []
    labels: list[int] = []
    groups: list[str] = []
    for record in records(data):
        if record.get("split", "") not in splits:
            continue
        for p in record["points"]:
            if not p["point"].strip():
                continue
            title, _, body = p["point"].strip().partition("\n")
            forms = {statement_text(title.strip(), body.strip()), body.strip() or title.strip()}
            if p.get("counter") and p["counter"].strip():
                forms.add(p["counter"].strip())
            for text in sorted(forms):
                texts.append(text)
                labels.append(int(text == (p.get("counter") or "").strip()))
                groups.append(record["debate_key"])
    return texts, labels, groups


def train_reply(data: Path) -> ReplyModel:
    """The reply model, fitted on the ``training`` debates (see the module docstring)."""
    from scipy.sparse import csr_matrix, hstack
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    texts, labels, groups = reply_rows(data, {LINK_SPLIT})
    vectors = embed(texts, MINING_TOKENS)
    openings = [first_words(t) for t in texts]
    y = np.array(labels)

    def features(vectorizer: Any, rows: npt.NDArray[np.int64]) -> Any:
        tfidf = vectorizer.transform([openings[i] for i in rows])
        return hstack([tfidf, csr_matrix(vectors[rows])]).tocsr()

    def fit(rows: npt.NDArray[np.int64], c: float) -> tuple[Any, Any]:
        vectorizer = TfidfVectorizer(ngram_range=(1, 2), min_df=REPLY_MIN_DF, sublinear_tf=True)
        vectorizer.fit([openings[i] for i in rows])
        model = LogisticRegression(C=c, max_iter=5000).fit(features(vectorizer, rows), y[rows])
        return vectorizer, model

    everything = np.arange(len(texts))
    folds = list(GroupKFold(n_splits=5).split(everything, y, groups))
    cv: dict[float, float] = {}
    for c in REPLY_C:
        right = 0
        for train, test in folds:
            vectorizer, model = fit(train, c)
            right += int((model.predict(features(vectorizer, test)) == y[test]).sum())
        cv[c] = right / len(texts)
    best_c = max(cv, key=lambda c: cv[c])
    vectorizer, model = fit(everything, best_c)
    coef = model.coef_[0]
    terms = vectorizer.get_feature_names_out()
    reply = ReplyModel(
        {str(t): (float(vectorizer.idf_[i]), float(coef[i])) for i, t in enumerate(terms)},
        coef[len(terms) :].astype(np.float64),
        float(model.intercept_[0]),
        {
            "trained_on": "arguana/debates_*.jsonl.gz",
            "splits": [LINK_SPLIT],
            "texts": len(texts),
            "replies": int(y.sum()),
            "learner": f"sklearn LogisticRegression(C={best_c}) over TfidfVectorizer("
            f"ngram_range=(1, 2), min_df={REPLY_MIN_DF}, sublinear_tf=True) + sentence vector",
            "cv_accuracy_by_c": {str(c): round(a, 4) for c, a in cv.items()},
            "encoder_tokens": MINING_TOKENS,
            "commit": git_commit(),
        },
    )
    sample = everything[:500]
    shipped = ReplyModel.from_json(reply.to_json())  # as saved: coefficients rounded
    ours = shipped.probability([texts[i] for i in sample], vectors[sample])
    theirs = model.predict_proba(features(vectorizer, sample))[:, 1]
    assert np.allclose(ours, theirs, atol=1e-5), "the packaged reply model differs from sklearn"
    print(f"reply: {len(texts)} texts, C={best_c}, cross-validated accuracy {cv[best_c]:.3f}")
    return reply


# --- links ---------------------------------------------------------------------------


def hidden_debates(data: Path, splits: set[str]) -> list[Hidden]:
    """ArguAna debates of these splits, each in every way of :data:`SIDES`."""
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
    debates: list[Hidden], encode: Any, reply: ReplyModel
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.int64], list[tuple[int, int, int]]]:
    """Features and labels of every ordered argument pair; rows carry (debate, a, b)."""
    xs: list[npt.NDArray[np.float64]] = []
    ys: list[int] = []
    where: list[tuple[int, int, int]] = []
    for d, h in enumerate(debates):
        found = link_features(h.debate, encode, reply)
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
    reply = train_reply(data / "arguana")
    reply.save(out / "reply.json")
    keys = sorted({h.key for h in debates})
    random.Random(SEED).shuffle(keys)
    tune_keys = set(keys[: len(keys) // 5])
    fit_part = [h for h in debates if h.key not in tune_keys]
    tune_part = [h for h in debates if h.key in tune_keys]
    x_fit, y_fit, _ = pair_rows(fit_part, encode, reply)
    x_tune, y_tune, where_tune = pair_rows(tune_part, encode, reply)
    threshold, f1 = best_threshold(
        fit_trees(x_fit, y_fit).predict_proba(x_tune)[:, 1], where_tune, y_tune, tune_part
    )
    x_all, y_all, _ = pair_rows(debates, encode, reply)
    model = fit_trees(x_all, y_all)
    meta = {
        "trained_on": "arguana/debates_*.jsonl.gz",
        "splits": [LINK_SPLIT],
        "debates": len(keys),
        "rows": len(y_all),
        "positives": int(y_all.sum()),
        "sides": list(SIDES),
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
