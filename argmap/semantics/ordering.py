"""Stable orderings of small non-negative integer keys (argument indices, levels).

numpy sorts integers of at most 16 bits stably by radix sort, in linear time;
wider integers go through a comparison sort. Every key here is below a known
bound (the number of arguments or of levels), which on a debate of up to 65,536
statements fits 16 bits: 10^4 keys are ordered in about 40 us instead of 500.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray


def stable_order(keys: NDArray[np.integer], bound: int) -> NDArray[np.int64]:
    """``np.argsort(keys, kind="stable")`` for keys in ``[0, bound)``.

    >>> stable_order(np.array([2, 0, 2, 1]), 3).tolist()
    [1, 3, 0, 2]
    """
    if bound <= 1 << 8:
        keys = keys.astype(np.uint8)
    elif bound <= 1 << 16:
        keys = keys.astype(np.uint16)
    order: NDArray[np.int64] = np.argsort(keys, kind="stable").astype(np.int64, copy=False)
    return order
