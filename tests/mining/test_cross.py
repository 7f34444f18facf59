"""The packaged polarity cross-encoder: where it came from, and how it reads a pair."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from argmap.errors import ArgmapError
from argmap.mining import cross, polarity, stance
from argmap.mining.cross import MAX_TOKENS, pair_model


def test_the_model_says_what_it_was_trained_on_and_never_on_what_is_measured() -> None:
    meta = pair_model().meta
    assert meta["trained_on"]["debatepedia_argrel"] == ["train"]
    assert meta["trained_on"]["arguana"] == ["training"]
    # stance is measured on the IBM topics left out, so some must be
    assert 0 < len(meta["trained_on"]["ibm_claim_stance"]) < 25
    assert 0 < pair_model().threshold < 1


def test_a_pair_is_read_as_training_read_it() -> None:
    tokenizer = pair_model()._tokenizer
    pair = tokenizer.encode("Cities should ban cars.", "Cars pollute the air.")
    assert pair.tokens[0] == "[CLS]" and pair.tokens.count("[SEP]") == 2
    second = pair.tokens.index("[SEP]") + 1
    assert set(pair.type_ids[:second]) == {0} and set(pair.type_ids[second:]) == {1}
    long = tokenizer.encode("word " * 300, "other " * 300)
    assert len(long.ids) == MAX_TOKENS and long.type_ids.count(1) > 50  # both sides kept


def test_a_pairs_answer_does_not_depend_on_its_neighbours() -> None:
    targets = ["Cities should ban cars.", "Homework should be abolished."]
    sources = ["Cars are the main source of urban air pollution.", "Practice makes perfect."]
    together = pair_model().attack_probability(targets, sources)
    alone = [
        pair_model().attack_probability([t], [s])[0] for t, s in zip(targets, sources, strict=True)
    ]
    assert together.tolist() == alone
    assert ((together > 0) & (together < 1)).all()


def test_polarity_and_stance_follow_the_probability() -> None:
    motion = "This house would ban smoking in public places."
    texts = [
        "Second-hand smoke kills thousands of bystanders every year.",
        "Adults have the right to choose what risks they take.",
    ]
    p = pair_model().attack_probability([motion] * 2, texts)
    attacks = polarity([motion] * 2, texts)
    assert attacks == [bool(x >= pair_model().threshold) for x in p]
    assert stance(motion, texts) == ["con" if a else "pro" for a in attacks]
    assert polarity([], []) == [] and stance(motion, []) == []
    with pytest.raises(ValueError, match="one target per source"):
        pair_model().attack_probability([motion], [])


def test_a_damaged_model_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "models"
    shutil.copytree(cross.model_dir(), folder)
    with (folder / "polarity.onnx").open("r+b") as handle:
        handle.truncate(1000)
    monkeypatch.setattr(cross, "model_dir", lambda: folder)
    cross.pair_model.cache_clear()
    try:
        with pytest.raises(ArgmapError, match="unexpected sha256"):
            pair_model()
    finally:
        monkeypatch.undo()
        cross.pair_model.cache_clear()
    assert np.isfinite(pair_model().attack_probability(["a"], ["b"])).all()
