"""What the miners read of a statement, and how it becomes a vector."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

__all__ = ["MINING_TOKENS", "Encode", "default_encode", "statement_text"]

#: The miners read each statement's first 64 word pieces (its title and opening): the
#: encoder's cost grows faster than the length, and a 50-argument debate must mine in
#: about a second on two cores. The models are trained on vectors made the same way.
MINING_TOKENS = 64

#: Turns texts into unit sentence vectors (rows). Benches pass a cached one.
Encode = Callable[[list[str]], npt.NDArray[np.float32]]


def statement_text(title: str, text: str) -> str:
    """A statement's title and text, once each (a text often repeats its title)."""
    if not title or text.startswith(title):
        return text or title
    return f"{title}. {text}" if text else title


def default_encode(texts: list[str]) -> npt.NDArray[np.float32]:
    """The packaged sentence encoder (``argmap[nlp]``) at :data:`MINING_TOKENS`."""
    from argmap.search import backends

    return backends.encoder(MINING_TOKENS).encode(texts)
