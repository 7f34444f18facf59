"""Build a search index for the benchmark with the corpus embedded by worker processes.

The same encoder as :func:`argmap.search.build_index` (the search encoder, full
length; or all-MiniLM-L6-v2 as published, ``model="base"``, to compare), through
:func:`bench.embed_cache.embed`: one onnxruntime thread per process, which beats one
process with many threads on a shared machine, and vectors kept between runs.
"""

from __future__ import annotations

from argmap.search import Doc, Index, backends
from bench.embed_cache import Model, embed


def build_parallel(docs: list[Doc], workers: int, model: Model = "search") -> Index:
    texts = [d.content for d in docs]
    bm25 = backends.BM25.build(texts)
    vectors = embed(texts, backends.MAX_TOKENS, workers=workers, model=model)
    if model == "search":
        return Index(docs, bm25, vectors)
    base = backends.encoder(backends.QUERY_TOKENS)  # queries as the search encoder's
    return Index(docs, bm25, vectors, lambda q: base.encode([q])[0])
