"""Polarity: does a statement support or attack another, or the motion (its stance)?

Both come from one packaged cross-encoder (:mod:`argmap.mining.cross`), which reads
the target and the statement together. Stance toward the motion is polarity toward
the motion's text.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from argmap.mining.cross import PairModel, pair_model
from argmap.search.docs import Side

__all__ = ["polarity", "polarity_probability", "stance"]


def polarity_probability(
    targets: Sequence[str], sources: Sequence[str], model: PairModel | None = None
) -> npt.NDArray[np.float64]:
    """``P(attack)`` of each ``sources[i]`` toward ``targets[i]``."""
    if len(targets) != len(sources):
        raise ValueError("one target per source")
    if not sources:
        return np.zeros(0)
    return (model or pair_model()).attack_probability(targets, sources)


def polarity(
    targets: Sequence[str], sources: Sequence[str], model: PairModel | None = None
) -> list[bool]:
    """Whether each ``sources[i]`` attacks (``True``) or supports ``targets[i]``."""
    if not sources:
        return []
    model = model or pair_model()
    p = polarity_probability(targets, sources, model)
    return [bool(x >= model.threshold) for x in p]


def stance(motion: str, texts: Sequence[str], model: PairModel | None = None) -> list[Side]:
    """``"pro"`` or ``"con"`` for each text, toward ``motion``."""
    attacks = polarity([motion] * len(texts), texts, model)
    return ["con" if a else "pro" for a in attacks]
