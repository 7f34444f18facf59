"""Trained models kept as plain JSON and applied with numpy.

The models are trained offline with scikit-learn (``python -m bench.train_links``):
a logistic regression (:class:`LinearModel`) and gradient-boosted trees
(:class:`TreeModel`, from ``HistGradientBoostingClassifier``). At run time only the
numbers are needed, so argmap does not depend on scikit-learn and a model is a file
of kilobytes that a diff can show.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from argmap.errors import ArgmapError

__all__ = ["LinearModel", "Model", "TreeModel", "load_model"]

FORMAT = "argmap-linear-model"
TREE_FORMAT = "argmap-tree-model"


@dataclass(frozen=True)
class LinearModel:
    """``P(y = 1 | x) = sigmoid(w . (x - mean) / scale + b)``, with a decision threshold.

    ``features`` names the input columns; ``meta`` records how the model was trained
    (data, split, scores) so a reader of the file can tell where it came from.
    """

    name: str
    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n = len(self.features)
        if not (len(self.mean) == len(self.scale) == len(self.weights) == n):
            raise ArgmapError(f"model {self.name!r}: {n} features but mismatched weights")

    def logit(self, x: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """The decision value of each row of ``x`` (last axis = features)."""
        values = _rows(x, self.name, len(self.features))
        scale = np.where(np.asarray(self.scale) > 0, self.scale, 1.0)
        z = (values - np.asarray(self.mean)) / scale
        return np.asarray(z @ np.asarray(self.weights) + self.bias, dtype=np.float64)

    def probability(self, x: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """``P(y = 1)`` for each row of ``x``."""
        return np.asarray(1.0 / (1.0 + np.exp(-self.logit(x))), dtype=np.float64)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "name": self.name,
            "features": list(self.features),
            "mean": [round(v, 8) for v in self.mean],
            "scale": [round(v, 8) for v in self.scale],
            "weights": [round(v, 8) for v in self.weights],
            "bias": round(self.bias, 8),
            "threshold": round(self.threshold, 6),
            "meta": self.meta,
        }

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), indent=1) + "\n", encoding="utf-8")

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> LinearModel:
        if raw.get("format") != FORMAT:
            raise ArgmapError(f"not an {FORMAT} file")
        try:
            return cls(
                name=str(raw["name"]),
                features=tuple(raw["features"]),
                mean=tuple(float(v) for v in raw["mean"]),
                scale=tuple(float(v) for v in raw["scale"]),
                weights=tuple(float(v) for v in raw["weights"]),
                bias=float(raw["bias"]),
                threshold=float(raw.get("threshold", 0.5)),
                meta=dict(raw.get("meta", {})),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise ArgmapError(f"model file is incomplete: {e}") from None


@dataclass(frozen=True)
class TreeModel:
    """Boosted regression trees: ``P(y = 1 | x) = sigmoid(bias + sum of tree leaves)``.

    Each tree is flat arrays indexed by node: ``feature`` and ``threshold`` (go left
    when ``x[feature] <= threshold``), ``left``/``right`` children, ``value`` at the
    leaves (``leaf`` marks them), as scikit-learn's histogram gradient boosting builds.
    """

    name: str
    features: tuple[str, ...]
    trees: tuple[dict[str, npt.NDArray[Any]], ...]
    bias: float
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict)

    def logit(self, x: npt.ArrayLike) -> npt.NDArray[np.float64]:
        values = _rows(x, self.name, len(self.features))
        shape = values.shape[:-1]
        rows = values.reshape(-1, len(self.features))
        index = np.arange(len(rows))
        total = np.full(len(rows), self.bias)
        for tree in self.trees:
            node = np.zeros(len(rows), dtype=np.int64)
            while True:
                inner = ~tree["leaf"][node]
                if not inner.any():
                    break
                at = node[inner]
                go_left = rows[index[inner], tree["feature"][at]] <= tree["threshold"][at]
                node[inner] = np.where(go_left, tree["left"][at], tree["right"][at])
            total += tree["value"][node]
        return np.asarray(total.reshape(shape), dtype=np.float64)

    def probability(self, x: npt.ArrayLike) -> npt.NDArray[np.float64]:
        return np.asarray(1.0 / (1.0 + np.exp(-self.logit(x))), dtype=np.float64)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": TREE_FORMAT,
            "name": self.name,
            "features": list(self.features),
            "bias": round(self.bias, 8),
            "threshold": round(self.threshold, 6),
            "meta": self.meta,
            "trees": [
                {
                    "feature": t["feature"].tolist(),
                    "threshold": [round(float(v), 7) for v in t["threshold"]],
                    "left": t["left"].tolist(),
                    "right": t["right"].tolist(),
                    "value": [round(float(v), 7) for v in t["value"]],
                    "leaf": [int(v) for v in t["leaf"]],
                }
                for t in self.trees
            ],
        }

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_json(), separators=(",", ":")) + "\n")

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> TreeModel:
        if raw.get("format") != TREE_FORMAT:
            raise ArgmapError(f"not an {TREE_FORMAT} file")
        try:
            trees = tuple(
                {
                    "feature": np.asarray(t["feature"], dtype=np.int64),
                    "threshold": np.asarray(t["threshold"], dtype=np.float64),
                    "left": np.asarray(t["left"], dtype=np.int64),
                    "right": np.asarray(t["right"], dtype=np.int64),
                    "value": np.asarray(t["value"], dtype=np.float64),
                    "leaf": np.asarray(t["leaf"], dtype=bool),
                }
                for t in raw["trees"]
            )
            return cls(
                name=str(raw["name"]),
                features=tuple(raw["features"]),
                trees=trees,
                bias=float(raw["bias"]),
                threshold=float(raw.get("threshold", 0.5)),
                meta=dict(raw.get("meta", {})),
            )
        except (KeyError, TypeError, ValueError) as e:
            raise ArgmapError(f"model file is incomplete: {e}") from None


Model = LinearModel | TreeModel


def _rows(x: npt.ArrayLike, name: str, width: int) -> npt.NDArray[np.float64]:
    """``x`` as floats, checked to have ``width`` features on its last axis."""
    values = np.asarray(x, dtype=np.float64)
    if values.shape[-1] != width:
        raise ArgmapError(f"model {name!r} expects {width} features, got {values.shape[-1]}")
    return values


@lru_cache(maxsize=8)
def load_model(name: str) -> Model:
    """The packaged model ``argmap/mining/models/<name>.json``, read once per process."""
    path = resources.files("argmap.mining").joinpath("models", f"{name}.json")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ArgmapError(
            f"no packaged model {name!r}; train it with `python -m bench.train_links`"
        ) from None
    if raw.get("format") == TREE_FORMAT:
        return TreeModel.from_json(raw)
    return LinearModel.from_json(raw)
