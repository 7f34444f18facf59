"""Pair features: what each column means, checked on matrices small enough to read."""

from __future__ import annotations

import numpy as np

from argmap.mining.features import FEATURES, lexical_similarity, pair_features

COLUMN = {name: i for i, name in enumerate(FEATURES)}


def test_lexical_similarity_is_a_cosine_that_weighs_rare_words() -> None:
    tokens = [["tax", "carbon", "price"], ["carbon", "tax", "price"], ["tax", "school"], []]
    sim = lexical_similarity(tokens)
    assert np.allclose(np.diag(sim)[:3], 1.0)
    assert sim[0, 1] == np.float64(sim[1, 0]) and np.isclose(sim[0, 1], 1.0)
    assert 0 < sim[0, 2] < sim[0, 1]
    assert sim[3].tolist() == [0.0, 0.0, 0.0, 0.0]  # no words, no similarity


def test_relative_features_single_out_each_rows_best() -> None:
    cosine = np.array(
        [
            [1.0, 0.9, 0.2],
            [0.9, 1.0, 0.5],
            [0.2, 0.5, 1.0],
        ]
    )
    mask = ~np.eye(3, dtype=bool)
    f = pair_features(cosine, np.zeros((3, 3)), ["", "", ""], mask, np.zeros(3))
    assert f.shape == (3, 3, len(FEATURES))
    gap = f[:, :, COLUMN["cosine_gap_source"]]
    rank = f[:, :, COLUMN["cosine_rank_source"]]
    # Row 0: statement 1 is the best candidate (gap 0, rank 1), statement 2 is 0.7 behind.
    assert gap[0, 1] == 0.0 and np.isclose(gap[0, 2], -0.7)
    assert rank[0, 1] == 1.0 and rank[0, 2] == 0.5
    # Softmax over a row sums to one within the candidates.
    soft = np.exp(f[:, :, COLUMN["cosine_softmax_source"]]) * mask
    assert np.allclose(soft.sum(axis=1), 1.0)


def test_sides_and_order() -> None:
    mask = ~np.eye(3, dtype=bool)
    f = pair_features(np.eye(3), np.eye(3), ["pro", "con", ""], mask, np.array([0.1, 0.9, 0.5]))
    opposite = f[:, :, COLUMN["opposite_sides"]]
    assert opposite[0, 1] == 1.0 and opposite[1, 0] == 1.0
    assert opposite[0, 2] == 0.0  # unknown side
    after = f[:, :, COLUMN["after"]]
    assert after[2, 0] == 1.0 and after[0, 2] == -1.0
    # whether the source reads as a reply
    assert f[1, 0, COLUMN["reply_source"]] == 0.9 and f[0, 1, COLUMN["reply_source"]] == 0.1


def test_same_side_pairs_are_not_compared_with_the_answers() -> None:
    # Statement 0 (pro) is closest to 1 (pro, same side), but only 2 (con) can be answered.
    cosine = np.array([[1.0, 0.95, 0.6], [0.95, 1.0, 0.1], [0.6, 0.1, 1.0]])
    mask = ~np.eye(3, dtype=bool)
    f = pair_features(cosine, np.zeros((3, 3)), ["pro", "pro", "con"], mask, np.zeros(3))
    assert f[0, 2, COLUMN["cosine_rank_source"]] == 1.0
    assert f[0, 2, COLUMN["cosine_gap_source"]] == 0.0


def test_no_statements() -> None:
    empty = np.zeros((0, 0))
    assert pair_features(empty, empty, [], np.zeros((0, 0), dtype=bool), np.zeros(0)).shape == (
        0,
        0,
        len(FEATURES),
    )
