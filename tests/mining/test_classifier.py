"""The packaged model formats reproduce scikit-learn's predictions exactly."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from argmap.errors import ArgmapError
from argmap.mining.classifier import LinearModel, TreeModel, load_model
from argmap.mining.features import FEATURES
from bench.train_links import export_trees


def data(seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(600, len(FEATURES)))
    y = ((x[:, 0] > 0.2) ^ (x[:, 3] * x[:, 5] > 0.3)).astype(int)
    return x, y


def test_exported_trees_predict_as_sklearn(tmp_path: Path) -> None:
    x, y = data()
    fitted = HistGradientBoostingClassifier(max_iter=30, random_state=0).fit(x, y)
    model = export_trees(fitted, 0.4, {"note": "test"})
    model.save(tmp_path / "m.json")
    loaded = TreeModel.from_json(json.loads((tmp_path / "m.json").read_text()))
    fresh, _ = data(1)
    expected = fitted.predict_proba(fresh)[:, 1]
    assert np.allclose(loaded.probability(fresh), expected, atol=1e-6)
    # Any leading shape: a matrix of pairs is scored in one call.
    grid = fresh[:36].reshape(6, 6, len(FEATURES))
    assert np.allclose(loaded.probability(grid).ravel(), expected[:36], atol=1e-6)
    assert loaded.threshold == 0.4 and loaded.meta == {"note": "test"}


def test_linear_model_matches_sklearn() -> None:
    x, y = data()
    scaler = StandardScaler().fit(x)
    fitted = LogisticRegression().fit(scaler.transform(x), y)
    model = LinearModel(
        "t",
        FEATURES,
        tuple(scaler.mean_),
        tuple(scaler.scale_),
        tuple(fitted.coef_[0]),
        float(fitted.intercept_[0]),
    )
    again = LinearModel.from_json(model.to_json())
    assert np.allclose(
        again.probability(x), fitted.predict_proba(scaler.transform(x))[:, 1], atol=1e-6
    )


def test_wrong_width_and_bad_files_are_clear_errors() -> None:
    model = LinearModel("t", ("a", "b"), (0.0, 0.0), (1.0, 1.0), (1.0, -1.0), 0.0)
    with pytest.raises(ArgmapError, match="expects 2 features, got 3"):
        model.probability(np.zeros((1, 3)))
    with pytest.raises(ArgmapError, match="not an argmap-linear-model"):
        LinearModel.from_json({"format": "other"})
    with pytest.raises(ArgmapError, match="incomplete"):
        LinearModel.from_json({"format": "argmap-linear-model", "name": "x"})
    with pytest.raises(ArgmapError, match="no packaged model 'nothing'"):
        load_model("nothing")


def test_packaged_models_load_and_say_what_they_were_trained_on() -> None:
    links = load_model("links")
    assert links.features == FEATURES
    assert links.meta["splits"] == ["training"]
    assert 0 < links.threshold < 1
