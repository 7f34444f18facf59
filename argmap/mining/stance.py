"""Polarity: does a statement support or attack another, or the motion (its stance)?

One packaged linear model (:data:`POLARITY_MODEL`) reads the pair's sentence
embeddings, the target's and the statement's, through their elementwise product and
absolute difference (the symmetric features of Conneau et al. 2017's InferSent
classifier; the embeddings themselves would only say the topic), plus a count of
negation and opposition cues on each side. It was trained on support/attack pairs
and claim stances (``python -m bench.train_links``). Stance toward the motion is
polarity toward the motion's text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from argmap.mining.classifier import Model, load_model
from argmap.mining.text import Encode, default_encode
from argmap.search.docs import Side

__all__ = ["CUES", "POLARITY_MODEL", "polarity", "polarity_features", "stance"]

POLARITY_MODEL = "polarity"

#: Words that turn a claim against something; counted, not interpreted.
_CUE_WORDS = """not no never nothing none nor cannot can't won't don't doesn't isn't aren't
    wasn't weren't shouldn't wouldn't couldn't without against ban banned banning
    oppose opposes opposed prohibit prohibited illegal harm harmful harms risk risks
    danger dangerous fail fails failure undermine undermines threat threatens threaten
    worse bad wrong unfair unjust abolish abolished end stop reduce less lack
    instead rather however but although myth false"""
CUES = frozenset(_CUE_WORDS.split())
_WORD = re.compile(r"[a-z']+")


def cue_count(text: str) -> int:
    """How many negation or opposition cue words ``text`` has."""
    return sum(1 for w in _WORD.findall(text.lower()) if w in CUES)


def polarity_features(
    targets: npt.NDArray[np.floating],
    sources: npt.NDArray[np.floating],
    target_texts: Sequence[str],
    source_texts: Sequence[str],
) -> npt.NDArray[np.float64]:
    """Rows of ``[t * s, |t - s|, cues(t), cues(s), cues(t) * cues(s)]``."""
    t = np.asarray(targets, dtype=np.float64)
    s = np.asarray(sources, dtype=np.float64)
    ct = np.array([min(cue_count(x), 3) for x in target_texts], dtype=np.float64)[:, None]
    cs = np.array([min(cue_count(x), 3) for x in source_texts], dtype=np.float64)[:, None]
    return np.hstack([t * s, np.abs(t - s), ct, cs, ct * cs])


def polarity_probability(
    targets: Sequence[str],
    sources: Sequence[str],
    model: Model | None = None,
    encode: Encode | None = None,
) -> npt.NDArray[np.float64]:
    """``P(attack)`` of each ``sources[i]`` toward ``targets[i]``."""
    if len(targets) != len(sources):
        raise ValueError("one target per source")
    if not sources:
        return np.zeros(0)
    model = model or load_model(POLARITY_MODEL)
    vectors = (encode or default_encode)([*targets, *sources])
    n = len(targets)
    features = polarity_features(vectors[:n], vectors[n:], targets, sources)
    return model.probability(features)


def polarity(
    targets: Sequence[str],
    sources: Sequence[str],
    model: Model | None = None,
    encode: Encode | None = None,
) -> list[bool]:
    """Whether each ``sources[i]`` attacks (``True``) or supports ``targets[i]``."""
    if not sources:
        return []
    model = model or load_model(POLARITY_MODEL)
    p = polarity_probability(targets, sources, model, encode)
    return [bool(x >= model.threshold) for x in p]


def stance(
    motion: str, texts: Sequence[str], model: Model | None = None, encode: Encode | None = None
) -> list[Side]:
    """``"pro"`` or ``"con"`` for each text, toward ``motion``."""
    attacks = polarity([motion] * len(texts), texts, model, encode)
    return ["con" if a else "pro" for a in attacks]
