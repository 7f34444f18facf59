"""Build a search index for the benchmark with the corpus embedded by worker processes.

The same encoder as :func:`argmap.search.build_index` (full length), through
:func:`bench.embed_cache.embed`: one onnxruntime thread per process, which beats one
process with many threads on a shared machine, and vectors kept between runs.
"""

from __future__ import annotations

from argmap.search import Doc, Index, backends
from bench.embed_cache import embed


def build_parallel(docs: list[Doc], workers: int) -> Index:
    texts = [d.content for d in docs]
    bm25 = backends.BM25.build(texts)
    return Index(docs, bm25, embed(texts, backends.MAX_TOKENS, workers=workers))
