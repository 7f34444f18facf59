"""What the miners read of a statement, and how it becomes a vector."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np
import numpy.typing as npt

__all__ = ["MINING_TOKENS", "Encode", "content_words", "default_encode", "statement_text"]

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


_WORD = re.compile(r"\b\w\w+\b")
#: Function words that say nothing about which argument answers which.
_STOPWORDS = """a an and are as at be been but by can could did do does for from had has have he her
    his how i if in into is it its may me might more most must my no nor not of on or our
    she should so than that the their them then there these they this those to too us was
    we were what when where which while who whom why will with would you your"""
STOPWORDS = frozenset(_STOPWORDS.split())


@lru_cache(maxsize=1)
def _stemmer() -> Any:
    from argmap.search.backends import require

    return require("Stemmer", "PyStemmer").Stemmer("english")


def content_words(texts: list[str]) -> list[list[str]]:
    """Lower-cased, stemmed words of two letters or more, without stopwords.

    PyStemmer directly rather than through bm25s: importing bm25s (and scipy with it)
    costs a third of a second, a sixth of the mining budget.
    """
    stem = _stemmer().stemWords
    return [stem([w for w in _WORD.findall(t.lower()) if w not in STOPWORDS]) for t in texts]
