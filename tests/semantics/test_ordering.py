"""The radix orderings: the same permutation as numpy's stable sort, at every key width."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from argmap.semantics.ordering import stable_order


@given(
    bound=st.sampled_from([1, 2, 255, 256, 257, 65_535, 65_536, 65_537, 10**7, 2**32, 2**40]),
    size=st.integers(0, 300),
    seed=st.integers(0, 2**32 - 1),
)
def test_same_permutation_as_a_stable_sort(bound: int, size: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    # few distinct keys, so ties are common, and the largest key allowed
    keys = rng.integers(0, bound, size)
    keys[: size // 4] = bound - 1
    rng.shuffle(keys)
    order = stable_order(keys, bound)
    assert order.dtype == np.int64
    assert order.tolist() == np.argsort(keys, kind="stable").tolist()
