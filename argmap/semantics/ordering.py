"""Stable orderings of non-negative integer keys below a known bound (indices, levels).

numpy sorts integers of at most 16 bits stably by radix sort, in linear time, and
wider ones by a comparison sort. Every key here is below a known bound (the number of
arguments or of levels): up to 2^16 the keys are narrowed to 16 bits (10^4 keys in
about 40 us instead of 500), and up to 2^32 ordered by their low then their high 16
bits, two stable radix passes (10^6 keys in 25 ms instead of 90).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

_DIGIT = 1 << 16


def stable_order(keys: NDArray[np.integer], bound: int) -> NDArray[np.int64]:
    """``np.argsort(keys, kind="stable")`` for keys in ``[0, bound)``.

    >>> stable_order(np.array([2, 0, 2, 1]), 3).tolist()
    [1, 3, 0, 2]
    """
    if bound <= 1 << 8:
        order = np.argsort(keys.astype(np.uint8), kind="stable")
    elif bound <= _DIGIT:
        order = np.argsort(keys.astype(np.uint16), kind="stable")
    elif bound <= _DIGIT * _DIGIT:
        keys = keys.astype(np.int64, copy=False)
        order = np.argsort((keys & (_DIGIT - 1)).astype(np.uint16), kind="stable")
        high = (keys >> 16).astype(np.uint16)[order]
        order = order[np.argsort(high, kind="stable")]
    else:
        order = np.argsort(keys, kind="stable")
    result: NDArray[np.int64] = order.astype(np.int64, copy=False)
    return result
