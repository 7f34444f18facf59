"""Build a search index for the benchmark with the corpus embedded by worker processes.

The same encoder as :func:`argmap.search.build_index`, one onnxruntime thread per
process: on a shared machine that beats one process with many threads.
"""

from __future__ import annotations

import multiprocessing as mp

import numpy as np
import numpy.typing as npt

from argmap.search import Doc, Index, backends

_encoder: backends.Encoder | None = None


def _encode(texts: list[str]) -> npt.NDArray[np.float32]:
    global _encoder
    if _encoder is None:
        _encoder = backends.Encoder(*backends.model_files(), threads=1)
    return _encoder.encode(texts)


def build_parallel(docs: list[Doc], workers: int, chunk: int = 64) -> Index:
    texts = [d.content for d in docs]
    bm25 = backends.BM25.build(texts)
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    chunks = [order[i : i + chunk] for i in range(0, len(order), chunk)]
    vectors = np.zeros((len(texts), 384), dtype=np.float32)
    with mp.get_context("fork").Pool(workers) as pool:
        parts = pool.map(_encode, [[texts[i] for i in c] for c in chunks], chunksize=1)
    for c, part in zip(chunks, parts, strict=True):
        vectors[c] = part
    return Index(docs, bm25, vectors)
