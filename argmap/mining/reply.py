"""Does a statement read as a reply to another argument, or as an argument of its own?

A rebuttal opens differently from a point ("This ignores...", "The proposition
assumes...", "Even if..."), so the first words of a text, with its sentence vector,
say which it is. Without that, loose statements (free text, a thread of comments)
each look for something to answer and the miner links points to one another. The
model is a logistic regression over tf-idf of the first :data:`WORDS` words' unigrams
and bigrams (sublinear tf, l2 norm, as scikit-learn's ``TfidfVectorizer`` computes
them) and the statement's unit vector, trained on ArguAna's points and counters
(``python -m bench.train_links``), kept as plain JSON in the package.
"""

from __future__ import annotations

import itertools
import json
import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from argmap.errors import ArgmapError

__all__ = ["WORDS", "ReplyModel", "first_words", "reply_model", "terms"]

MODEL_NAME = "reply"
#: Only a text's opening is read: that is where a reply shows it is one.
WORDS = 40
_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


def first_words(text: str) -> str:
    """The opening :data:`WORDS` whitespace-separated words of ``text``."""
    return " ".join(text.split()[:WORDS])


def terms(text: str) -> list[str]:
    """Lower-cased unigrams and bigrams of the opening, as the vectoriser counts them."""
    tokens = _TOKEN.findall(first_words(text).lower())
    return tokens + [f"{a} {b}" for a, b in itertools.pairwise(tokens)]


@dataclass(frozen=True)
class ReplyModel:
    """Weights of the reply classifier: per term (idf, coefficient), per vector dimension."""

    vocabulary: dict[str, tuple[float, float]]
    vector_coef: npt.NDArray[np.float64]
    bias: float
    meta: dict[str, Any]

    def probability(
        self, texts: Sequence[str], vectors: npt.NDArray[np.floating]
    ) -> npt.NDArray[np.float64]:
        """P(reply) of each text; ``vectors`` are their unit sentence vectors (rows)."""
        if len(texts) != len(vectors):
            raise ValueError("one vector per text")
        logits = np.asarray(vectors, dtype=np.float64) @ self.vector_coef + self.bias
        for i, text in enumerate(texts):
            weights: list[float] = []
            coefs: list[float] = []
            for term, count in Counter(terms(text)).items():
                found = self.vocabulary.get(term)
                if found is not None:
                    weights.append((1.0 + math.log(count)) * found[0])
                    coefs.append(found[1])
            if weights:
                w = np.array(weights)
                logits[i] += float(w @ np.array(coefs)) / float(np.sqrt(w @ w))
        return np.asarray(1.0 / (1.0 + np.exp(-logits)), dtype=np.float64)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": "argmap-reply-model",
            "words": WORDS,
            "bias": self.bias,
            "vector_coef": [round(float(x), 7) for x in self.vector_coef],
            "vocabulary": {
                t: [round(idf, 6), round(c, 7)] for t, (idf, c) in sorted(self.vocabulary.items())
            },
            "meta": self.meta,
        }

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(self.to_json(), separators=(",", ":")) + "\n")

    @classmethod
    def from_json(cls, raw: dict[str, Any]) -> ReplyModel:
        if raw.get("format") != "argmap-reply-model" or raw.get("words") != WORDS:
            raise ArgmapError("not an argmap reply model for this version")
        return cls(
            {t: (float(v[0]), float(v[1])) for t, v in raw["vocabulary"].items()},
            np.array(raw["vector_coef"], dtype=np.float64),
            float(raw["bias"]),
            dict(raw.get("meta", {})),
        )


@lru_cache(maxsize=1)
def reply_model() -> ReplyModel:
    """The packaged reply model, loaded once per process."""
    from argmap.mining.cross import model_dir

    path = model_dir() / f"{MODEL_NAME}.json"
    try:
        return ReplyModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError) as e:
        raise ArgmapError(f"{path}: cannot read the packaged reply model ({e}); reinstall") from e
