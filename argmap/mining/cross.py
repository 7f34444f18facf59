"""Support or attack, for or against: a cross-encoder reads both statements at once.

A sentence embedding says what a statement is about, not which way it leans: a
classifier over two frozen MiniLM vectors stays near chance on support vs attack.
The packaged model is all-MiniLM-L6-v2 fine-tuned as a cross-encoder on
Debatepedia support/attack pairs and ArguAna motion/point stances
(``python -m bench.train_cross``): ``[CLS] target [SEP] statement [SEP]`` gives one
logit, ``P(the statement attacks the target)``, or is against it when the target is
a motion. It is kept as int8 ONNX in the package and run with onnxruntime and the
MiniLM tokenizer of ``argmap[nlp]``; nothing is downloaded.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["MODEL_NAME", "PairModel", "pair_model"]

MODEL_NAME = "polarity"
#: The pair is cut to this many word pieces in all, longest side first, as in training.
MAX_TOKENS = 128


class PairModel:
    """``P(attack)`` of statements toward targets, from an ONNX cross-encoder."""

    def __init__(
        self, model_file: Path, tokenizer_file: Path, meta: dict[str, Any], threads: int = 0
    ) -> None:
        from argmap.search.backends import require

        ort = require("onnxruntime")
        tokenizers = require("tokenizers")
        self.meta = meta
        self.threshold = float(meta.get("threshold", 0.5))
        self._tokenizer = tokenizers.Tokenizer.from_file(str(tokenizer_file))
        self._tokenizer.enable_truncation(max_length=MAX_TOKENS, strategy="longest_first")
        self._tokenizer.no_padding()  # the file pads to a fixed 128; one pair needs none
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads  # 0: onnxruntime's default (all cores)
        self._session = ort.InferenceSession(
            str(model_file), options, providers=["CPUExecutionProvider"]
        )

    def attack_probability(
        self, targets: Sequence[str], sources: Sequence[str]
    ) -> npt.NDArray[np.float64]:
        """``P(sources[i] attacks targets[i])`` for every pair."""
        if len(targets) != len(sources):
            raise ValueError("one target per source")
        out = np.zeros(len(targets))
        # One pair per run: the int8 model quantises its activations per run, so in a
        # batch a pair's answer would depend on its neighbours (and on their padding).
        for i, (target, source) in enumerate(zip(targets, sources, strict=True)):
            e = self._tokenizer.encode(target, source)
            feeds = {
                "input_ids": np.array([e.ids], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids], dtype=np.int64),
            }
            (logits,) = self._session.run(["logits"], feeds)
            out[i] = 1.0 / (1.0 + np.exp(-float(np.asarray(logits)[0, 0])))
        return out


def model_dir() -> Path:
    """Where the packaged models are."""
    return Path(str(resources.files("argmap.mining").joinpath("models")))


@lru_cache(maxsize=1)
def pair_model() -> PairModel:
    """The packaged cross-encoder, loaded once per process."""
    from argmap.search import backends

    model, meta = backends.packaged_onnx(model_dir(), MODEL_NAME, "polarity model")
    return PairModel(model, backends.tokenizer_file(), meta)
