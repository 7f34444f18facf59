"""Sentence embeddings for the benches, kept on disk between runs.

Training and every quality task embed thousands of texts with the same model; on
two cores that takes minutes, so vectors are cached by the text's SHA-1 under
``$XDG_CACHE_HOME/argmap-bench/<model>/`` (``~/.cache`` by default; ``--no-cache``
or ``ARGMAP_BENCH_CACHE=off`` turns it off). The cache is keyed by the model file's
hash, so a different model never reuses stale vectors. Missing texts are embedded by
worker processes with one onnxruntime thread each. ``model`` is ``"base"`` (the
miners' all-MiniLM-L6-v2) or ``"search"`` (the packaged search encoder).
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from argmap.search import backends

Model = Literal["base", "search"]
_encoders: dict[tuple[Model, int], backends.Encoder] = {}
DIM = backends.DIM


def _encode(job: tuple[Model, int, list[str]]) -> npt.NDArray[np.float32]:
    model, max_tokens, texts = job
    if (model, max_tokens) not in _encoders:
        if model == "search":  # as argmap runs it: one text per run
            _encoders[model, max_tokens] = backends.search_encoder(max_tokens, threads=1)
        else:
            _encoders[model, max_tokens] = backends.Encoder(
                *backends.model_files(), threads=1, max_tokens=max_tokens
            )
    return _encoders[model, max_tokens].encode(texts)


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def cache_dir(max_tokens: int, model: Model = "base") -> Path | None:
    if os.environ.get("ARGMAP_BENCH_CACHE", "").lower() in ("off", "0", "no"):
        return None
    base = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache"))
    suffix = "" if max_tokens == backends.MAX_TOKENS else f"-{max_tokens}"
    if model == "search":  # "-single": one text per run (see backends.search_encoder)
        return base / "argmap-bench" / f"{backends.search_model().sha256[:16]}-single{suffix}"
    return base / "argmap-bench" / f"{backends.MODEL_SHA256[:16]}{suffix}"


def _load(directory: Path) -> dict[str, npt.NDArray[np.float32]]:
    found: dict[str, npt.NDArray[np.float32]] = {}
    for part in sorted(directory.glob("part-*.npz")):
        with np.load(part, allow_pickle=False) as data:
            for key, row in zip(data["keys"], data["vectors"], strict=True):
                found[str(key)] = row
    return found


def embed(
    texts: Sequence[str],
    max_tokens: int = backends.MAX_TOKENS,
    workers: int = 2,
    chunk: int = 64,
    verbose: bool = True,
    model: Model = "base",
) -> npt.NDArray[np.float32]:
    """Unit vectors for ``texts`` (rows in order), from the cache where possible.

    ``max_tokens`` cuts each text as the encoder of that length does (the miners read
    :data:`argmap.mining.text.MINING_TOKENS`).
    """
    directory = cache_dir(max_tokens, model)
    known = _load(directory) if directory and directory.is_dir() else {}
    keys = [_key(t) for t in texts]
    missing = sorted({k: t for k, t in zip(keys, texts, strict=True) if k not in known}.items())
    if missing:
        if verbose:
            print(f"embedding {len(missing)} texts ({len(texts) - len(missing)} cached) ...")
        todo = [t for _, t in missing]
        order = sorted(range(len(todo)), key=lambda i: len(todo[i]))
        chunks = [order[i : i + chunk] for i in range(0, len(order), chunk)]
        vectors = np.zeros((len(todo), DIM), dtype=np.float32)
        with mp.get_context("fork").Pool(workers) as pool:
            jobs = [(model, max_tokens, [todo[i] for i in c]) for c in chunks]
            parts = pool.map(_encode, jobs, chunksize=1)
        for c, part in zip(chunks, parts, strict=True):
            vectors[c] = part
        new_keys = [k for k, _ in missing]
        known.update(zip(new_keys, vectors, strict=True))
        if directory:
            directory.mkdir(parents=True, exist_ok=True)
            name = f"part-{len(list(directory.glob('part-*.npz'))):04d}-{os.getpid()}.npz"
            tmp = directory / f".{name}"
            with tmp.open("wb") as handle:
                np.savez(handle, keys=np.array(new_keys), vectors=vectors)
            tmp.replace(directory / name)
    out = np.zeros((len(texts), DIM), dtype=np.float32)
    for i, k in enumerate(keys):
        out[i] = known[k]
    return out
