"""The reply model: does a statement read as an answer to another argument?"""

from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np
import pytest

from argmap.errors import ArgmapError
from argmap.mining.reply import WORDS, ReplyModel, first_words, reply_model, terms


def test_terms_are_the_openings_words_and_word_pairs() -> None:
    assert terms("This ignores the COST, of it") == [
        "this",
        "ignores",
        "the",
        "cost",
        "of",
        "it",
        "this ignores",
        "ignores the",
        "the cost",
        "cost of",
        "of it",
    ]
    long = " ".join(f"w{i}" for i in range(WORDS + 30))
    assert first_words(long).split()[-1] == f"w{WORDS - 1}"
    assert terms("a I") == []  # one-letter tokens are not words here


def test_probability_is_a_logistic_regression_over_tfidf_and_the_vector() -> None:
    model = ReplyModel(
        {"ignores": (2.0, 3.0), "cost": (1.0, -1.0)},
        np.array([0.5, -0.5]),
        -1.0,
        {},
    )
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]])
    got = model.probability(["This ignores cost", "Cost cost", "Nothing known"], vectors)
    # tf-idf of the known terms, l2-normalised: (1 * 2, 1 * 1) / sqrt(5)
    first = (2.0 * 3.0 + 1.0 * -1.0) / math.sqrt(5.0) + 0.5 - 1.0
    # a repeated term: sublinear tf 1 + ln 2, then normalised alone, so weight 1
    second = -1.0 - 0.5 - 1.0
    third = 0.6 * 0.5 - 0.8 * 0.5 - 1.0
    expected = [1 / (1 + math.exp(-x)) for x in (first, second, third)]
    assert np.allclose(got, expected)
    with pytest.raises(ValueError, match="one vector per text"):
        model.probability(["a text"], vectors)


def test_the_model_file_round_trips(tmp_path: Path) -> None:
    model = ReplyModel({"even if": (1.5, 0.25)}, np.array([0.1, 0.2]), 0.3, {"note": "x"})
    model.save(tmp_path / "reply.json")

    again = ReplyModel.from_json(json.loads((tmp_path / "reply.json").read_text()))
    assert again.vocabulary == model.vocabulary and again.bias == model.bias
    assert again.vector_coef.tolist() == model.vector_coef.tolist()
    with pytest.raises(ArgmapError, match="not an argmap reply model"):
        ReplyModel.from_json({"format": "something else"})


def test_the_packaged_model_was_trained_on_the_training_split_only() -> None:
    meta = reply_model().meta
    assert meta["splits"] == ["training"]
    assert len(reply_model().vector_coef) == 384
    assert len(reply_model().vocabulary) > 1000


def test_a_rebuttal_reads_more_like_a_reply_than_the_point_it_answers() -> None:
    from argmap.mining.text import default_encode

    point = (
        "Public transport should be free. Fares keep poorer families off buses and "
        "trains, and every extra passenger takes a car off the road."
    )
    rebuttal = (
        "This ignores who pays. Free fares mostly help people who already ride, and "
        "the lost income means fewer buses on the routes that need them."
    )
    p = reply_model().probability([point, rebuttal], default_encode([point, rebuttal]))
    assert p[1] > p[0]
