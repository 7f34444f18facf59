"""Features of a pair of statements for "does A answer B?", as plain arrays.

Embedding similarity says two statements share a topic, not that one answers the
other: every argument of a debate is on its topic. What singles out the statement
a reply answers is *relative* closeness (B is the nearest to A among A's candidates,
and A is the nearest to B among B's repliers), shared rare words (a reply quotes what
it answers), the sides (answers cross them), order (a reply comes after what it
answers), and whether each reads as a reply at all (:mod:`argmap.mining.reply`). The
features below say exactly that; a model weighs them (:mod:`argmap.mining.classifier`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

__all__ = ["FEATURES", "lexical_similarity", "pair_features"]

Matrix = npt.NDArray[np.float64]

#: The columns of :func:`pair_features`, in order; the model file names them too.
FEATURES: tuple[str, ...] = (
    "cosine",  # embedding cosine of A and B
    "cosine_gap_source",  # cosine minus A's best cosine over its candidates (<= 0)
    "cosine_gap_target",  # cosine minus B's best cosine over its repliers (<= 0)
    "cosine_rank_source",  # 1 / rank of B among A's candidates by cosine
    "lexical",  # tf-idf cosine of the stemmed content words
    "lexical_gap_source",
    "lexical_gap_target",
    "lexical_rank_source",
    "cosine_softmax_source",  # log softmax of cosine / T over A's candidates
    "cosine_softmax_target",  # log softmax of cosine / T over B's repliers
    "lexical_softmax_source",
    "lexical_softmax_target",
    "opposite_sides",  # +1 the sides differ, -1 they agree, 0 unknown
    "after",  # +1 A comes after B in the debate, -1 before
    "reply_source",  # P(A reads as a reply) (argmap.mining.reply); -1 if A has a side
)


def lexical_similarity(tokens: Sequence[Sequence[str]]) -> Matrix:
    """Cosine of tf-idf vectors (sublinear tf, smoothed idf) within one debate.

    The idf comes from the debate itself: a word every argument uses (the motion's
    topic) says little about which argument answers which.
    """
    n = len(tokens)
    vocab: dict[str, int] = {}
    counts = [Counter(t) for t in tokens]
    for c in counts:
        for word in c:
            vocab.setdefault(word, len(vocab))
    if not vocab:
        return np.zeros((n, n))
    tf = np.zeros((n, len(vocab)))
    for i, c in enumerate(counts):
        for word, k in c.items():
            tf[i, vocab[word]] = 1.0 + np.log(k)
    df = (tf > 0).sum(axis=0)
    weighted = tf * (np.log((1 + n) / (1 + df)) + 1.0)
    norms = np.linalg.norm(weighted, axis=1, keepdims=True)
    unit = weighted / np.maximum(norms, 1e-12)
    return np.asarray(unit @ unit.T, dtype=np.float64)


def _relative(similarity: Matrix, mask: npt.NDArray[np.bool_]) -> tuple[Matrix, Matrix, Matrix]:
    """Gap to the row's best, gap to the column's best, and 1 / rank within the row.

    ``mask[a, b]`` says B is a candidate for A; outside it the values are meaningless.
    """
    if similarity.size == 0:
        return similarity.copy(), similarity.copy(), similarity.copy()
    masked = np.where(mask, similarity, -np.inf)
    row_best = masked.max(axis=1, keepdims=True)
    col_best = masked.max(axis=0, keepdims=True)
    gap_row = np.where(mask, similarity - np.where(np.isfinite(row_best), row_best, 0.0), 0.0)
    gap_col = np.where(mask, similarity - np.where(np.isfinite(col_best), col_best, 0.0), 0.0)
    # rank 1 = best; ties share the better rank.
    greater = (masked[:, None, :] > masked[:, :, None]).sum(axis=2)
    rank = np.where(mask, 1.0 / (1.0 + greater), 0.0)
    return gap_row, gap_col, rank


#: Softmax temperature for the similarities (cosines of related texts spread ~0.1).
TEMPERATURE = 0.05


def _log_softmax(similarity: Matrix, mask: npt.NDArray[np.bool_], axis: int) -> Matrix:
    """Log of the softmax of ``similarity / TEMPERATURE`` along ``axis`` within ``mask``."""
    if similarity.size == 0:
        return similarity.copy()
    z = np.where(mask, similarity / TEMPERATURE, -np.inf)
    top = z.max(axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    total = np.log(np.maximum(np.exp(z - top).sum(axis=axis, keepdims=True), 1e-300)) + top
    return np.where(mask, z - total, 0.0)


def pair_features(
    cosine: Matrix,
    lexical: Matrix,
    sides: Sequence[str],
    mask: npt.NDArray[np.bool_],
    reply: npt.NDArray[np.float64],
) -> npt.NDArray[np.float64]:
    """Features of every ordered pair (A, B), shape ``(n, n, len(FEATURES))``.

    ``cosine`` and ``lexical`` are ``n x n`` similarities of the statements in debate
    order; ``sides`` holds ``"pro"``, ``"con"`` or ``""`` per statement; ``mask[a, b]``
    marks B as a candidate target for A (the relative features compare within it);
    ``reply[a]`` is the probability that statement ``a`` reads as a reply.
    """
    n = len(sides)
    if cosine.shape != (n, n) or lexical.shape != (n, n) or mask.shape != (n, n):
        raise ValueError("similarity matrices, sides and mask must agree in size")
    if np.shape(reply) != (n,):
        raise ValueError("one reply probability per statement")
    side = np.array([1 if s == "pro" else -1 if s == "con" else 0 for s in sides])
    known = (side[:, None] != 0) & (side[None, :] != 0)
    opposite = np.where(known, np.where(side[:, None] != side[None, :], 1.0, -1.0), 0.0)
    index = np.arange(n)
    after = np.where(index[:, None] > index[None, :], 1.0, -1.0)
    # Compare a pair only with the pairs that could be answers: not within a side.
    plausible = mask & (opposite >= 0)
    cos_row, cos_col, cos_rank = _relative(cosine, plausible)
    lex_row, lex_col, lex_rank = _relative(lexical, plausible)
    columns = (
        cosine,
        cos_row,
        cos_col,
        cos_rank,
        lexical,
        lex_row,
        lex_col,
        lex_rank,
        _log_softmax(cosine, plausible, 1),
        _log_softmax(cosine, plausible, 0),
        _log_softmax(lexical, plausible, 1),
        _log_softmax(lexical, plausible, 0),
    )
    reply = np.asarray(reply, dtype=np.float64)
    reply_source = np.broadcast_to(reply[:, None], (n, n))
    return np.stack([*columns, opposite, after, reply_source], axis=2).astype(np.float64)
