"""The corpus index: BM25, optional sentence embeddings, and their fusion."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Collection, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from argmap.errors import ArgmapError
from argmap.model import Debate
from argmap.search import backends
from argmap.search.docs import Doc, Side, docs_from_debate, docs_from_files

__all__ = ["BM25_WEIGHT", "RRF_K", "Hit", "Index", "Method", "build_index", "fuse", "rrf"]

Method = Literal["auto", "bm25", "dense", "hybrid", "rrf"]
METHODS: tuple[str, ...] = ("auto", "bm25", "dense", "hybrid", "rrf")
RRF_K = 60  # reciprocal rank fusion constant (Cormack, Clarke & Buettcher 2009)
# BM25's weight in the hybrid score, beside the embeddings' 1 (both z-scored), set on
# ArguAna's dev slice: nDCG@10 0.601 for the embeddings alone, 0.624 at 0.1, 0.619-0.626
# anywhere in 0.05-0.3; a weight chosen on either half of the queries gains 0.9-3.1
# points on the other half (`python -m bench.quality counter --sweep`).
BM25_WEIGHT = 0.1
FORMAT = "argmap-search-index"
VERSION = 2  # 2: embeddings from the packaged search encoder
# Free text's stance, read by the polarity model against a debate's motion, is used
# only this far from even: a wrong side would put the answers last.
STANCE_MARGIN = 0.3


@dataclass(frozen=True)
class Hit:
    """A document found for a query, with its 1-based rank and the ranker's score."""

    doc: Doc
    score: float
    rank: int

    @property
    def id(self) -> str:
        return self.doc.id


def _ranks(scores: npt.NDArray[np.floating]) -> npt.NDArray[np.int64]:
    """1-based rank of each document, best first; ties keep corpus order."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.int64)
    ranks[order] = np.arange(1, len(scores) + 1)
    return ranks


def rrf(*score_lists: npt.NDArray[np.floating], k: int = RRF_K) -> npt.NDArray[np.float64]:
    """Reciprocal rank fusion: sum over rankers of 1 / (k + rank)."""
    fused = np.zeros(len(score_lists[0]), dtype=np.float64)
    for scores in score_lists:
        fused += 1.0 / (k + _ranks(scores))
    return fused


def fuse(
    bm25: npt.NDArray[np.floating], dense: npt.NDArray[np.floating], weight: float = BM25_WEIGHT
) -> npt.NDArray[np.float64]:
    """``z(dense) + weight * z(bm25)``, each list z-scored over the corpus.

    A weighted sum of normalised scores (CombSUM with z-scores, Montague & Aslam 2001):
    unlike reciprocal rank fusion it keeps how far apart the scores are, which Bruch,
    Gai & Ingber (2023) found ranks better than RRF once the weight is set; here RRF
    falls below the embeddings alone, the sum above them.
    """
    fused = _z(dense)
    fused += weight * _z(bm25)
    return fused


def _z(scores: npt.NDArray[np.floating]) -> npt.NDArray[np.float64]:
    """Scores less their mean, over their spread; all 0 when they (nearly) all agree,
    as BM25's do for a query of unknown words, so rounding is not blown up."""
    x = np.asarray(scores, dtype=np.float64)
    if x.size == 0:
        return x
    if not np.isfinite(x).all():
        raise ValueError("scores to fuse must be finite numbers")
    spread = float(x.std())
    if not spread > 1e-9 * float(np.abs(x).max(initial=0.0)):
        return np.zeros_like(x)
    z: npt.NDArray[np.float64] = (x - x.mean()) / spread
    return z


class Index:
    """A search index over documents; build with :func:`build_index` or :meth:`load`."""

    def __init__(
        self,
        docs: list[Doc],
        bm25: backends.BM25,
        embeddings: npt.NDArray[np.float32] | None = None,
        query_encoder: Callable[[str], npt.NDArray[np.float32]] | None = None,
    ) -> None:
        """``query_encoder`` turns a query into a unit vector like the rows of
        ``embeddings``; by default the search encoder at :data:`backends.QUERY_TOKENS`."""
        self.docs = docs
        self._bm25 = bm25
        self.embeddings = embeddings
        self._query_encoder = query_encoder
        self._position = {d.id: i for i, d in enumerate(docs)}
        self._motions = {d.debate: d for d in docs if d.kind == "motion" and d.debate}
        self._by_content: dict[str, list[int]] = {}
        for i, d in enumerate(docs):
            for text in {_norm(d.content), _norm(d.text), _norm(d.title)} - {""}:
                self._by_content.setdefault(text, []).append(i)

    def __len__(self) -> int:
        return len(self.docs)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._position

    def doc(self, doc_id: str) -> Doc:
        """The document with this id; ``KeyError`` if there is none."""
        return self.docs[self._position[doc_id]]

    @property
    def has_embeddings(self) -> bool:
        return self.embeddings is not None

    # --- ranking -------------------------------------------------------------------

    def scores(self, query: str, method: Method = "auto") -> npt.NDArray[np.float64]:
        """A score for every document (higher is better) under ``method``.

        ``auto`` is ``hybrid`` when the index has embeddings, else ``bm25``;
        ``hybrid`` sums the two scores z-scored (:func:`fuse`), ``rrf`` fuses the two
        rankings by reciprocal rank (:func:`rrf`).
        """
        if method not in METHODS:
            raise ArgmapError(f"unknown search method {method!r}; expected one of {METHODS}")
        if method == "auto":
            method = "hybrid" if self.has_embeddings else "bm25"
        if method == "bm25":
            return self._bm25.scores(query).astype(np.float64)
        dense = self._dense_scores(query)
        if method == "dense":
            return dense.astype(np.float64)
        if method == "rrf":
            return rrf(self._bm25.scores(query), dense)
        return fuse(self._bm25.scores(query), dense)

    def _dense_scores(self, query: str) -> npt.NDArray[np.float32]:
        if self.embeddings is None:
            raise ArgmapError("this index was built without embeddings; rebuild it with them")
        # A document's own content (a counter by id) has its vector here already: the
        # one indexing gave it, so the encoder need not run.
        own = [i for i in self._by_content.get(_norm(query), []) if self.docs[i].content == query]
        if own:
            vector = self.embeddings[own[0]]
        elif self._query_encoder is not None:
            vector = self._query_encoder(query)
        else:
            vector = backends.search_encoder(backends.QUERY_TOKENS).encode([query])[0]
        # einsum, not @: BLAS threads left spinning after a product take the cores from
        # the next query's encoder (p50 of an ArguAna query: 40 ms with @, 20 with this).
        return np.asarray(np.einsum("ij,j->i", self.embeddings, vector), dtype=np.float32)

    def search(
        self,
        query: str,
        k: int = 10,
        method: Method = "auto",
        exclude: Collection[str] = (),
    ) -> list[Hit]:
        """The ``k`` best documents for ``query``, leaving out the ids in ``exclude``."""
        scores = self.scores(query, method)
        return self._top(scores, k, {self._position[i] for i in exclude if i in self._position})

    def _top(self, scores: npt.NDArray[np.float64], k: int, skip: set[int]) -> list[Hit]:
        if k <= 0 or not self.docs:
            return []
        want = min(len(scores), k + len(skip))
        if want < len(scores):
            part = np.argpartition(-scores, want - 1)[:want]
            # Stable among ties: sort by score, then by corpus position.
            best = part[np.lexsort((part, -scores[part]))]
        else:
            best = np.argsort(-scores, kind="stable")
        hits: list[Hit] = []
        for i in best:
            if int(i) in skip:
                continue
            hits.append(Hit(self.docs[int(i)], float(scores[i]), len(hits) + 1))
            if len(hits) == k:
                break
        return hits

    # --- counterarguments ----------------------------------------------------------

    def find(self, text: str) -> list[Doc]:
        """The documents whose id is ``text`` or whose title, text or both equal it."""
        if text in self._position:
            return [self.doc(text)]
        return [self.docs[i] for i in self._by_content.get(_norm(text), [])]

    def counter(
        self,
        text: str,
        k: int = 5,
        *,
        debate: str | None = None,
        side: Side | None = None,
        method: Method = "auto",
    ) -> list[Hit]:
        """The best counterarguments to ``text`` (a statement, or a document id).

        Documents that are the query itself (same id or same text) are left out. When
        the query is a known document, or ``debate`` and ``side`` say where it stands,
        the candidates (the ``max(4k, 20)`` most relevant, plus every document that
        attacks the query or what it supports) are ordered first by stance: (1) those
        attackers, (2) the opposite side of the
        same debate, (3) anything of unknown or incomparable stance, (4) the query's own
        side of its debate; then by relevance. Free text takes the debate of its most
        relevant document with a side, and its stance toward that debate's motion from
        the polarity model (:func:`argmap.mining.stance.polarity_probability`), when the
        model is installed and at least :data:`STANCE_MARGIN` from undecided. With no
        stance known, this is a search that leaves out the query. Motions are never
        offered as counterarguments.

        Relevance (``method="auto"``) is :meth:`scores`'s: with embeddings, the search
        encoder's score with a little of BM25's (ArguAna dev nDCG@10 0.624, against 0.601
        for the encoder alone and 0.586 by reciprocal rank; ``bench.quality counter``).
        """
        selves = self.find(text)
        query_text = selves[0].content if selves and text in self._position else text
        me = selves[0] if selves else None
        debate = debate if debate is not None else (me.debate if me else "")
        side = side if side is not None else (me.side if me else "")
        skip = {self._position[d.id] for d in selves}
        scores = self.scores(query_text, method)
        pool = self._top(scores, max(4 * k, 20), skip)
        if not pool:
            return []
        if me is None and not (debate and side):
            debate, side = self.stance_of(query_text, pool) or (debate, side)
        opposed: set[str] = set()
        if me is not None:
            targets = set(me.supports) | {me.id}
            opposed = {d.id for d in self.docs if targets & set(d.attacks)}
            opposed -= {d.id for d in selves}
        in_pool = {h.id for h in pool}
        extra = [self._position[i] for i in opposed - in_pool if i in self._position]
        # A motion is what arguments answer, not an answer itself.
        candidates = [(h.doc, h.score) for h in pool if h.doc.kind != "motion"] + [
            (self.docs[i], float(scores[i])) for i in extra
        ]

        def tier(d: Doc) -> int:
            if d.id in opposed:
                return 0
            if debate and side and d.debate == debate and d.side:
                return 1 if d.side != side else 3
            return 2

        # sorted() is stable, so within a tier the relevance order stands.
        ranked = sorted(candidates, key=lambda c: (tier(c[0]), -c[1]))[:k]
        return [Hit(d, s, r) for r, (d, s) in enumerate(ranked, 1)]

    def stance_of(self, text: str, hits: Iterable[Hit]) -> tuple[str, Side] | None:
        """``(debate, "pro" | "con")`` for free text: toward the motion of the debate of
        the first of ``hits`` with a side, if the polarity model is sure enough."""
        home = next((h.doc.debate for h in hits if h.doc.debate and h.doc.side), "")
        motion = self._motions.get(home)
        if motion is None:
            return None
        try:
            from argmap.mining.stance import polarity_probability

            p = float(polarity_probability([motion.content], [text])[0])
        except (ImportError, ArgmapError):  # no argmap[nlp]: no stance, a plain search
            return None
        if abs(p - 0.5) < STANCE_MARGIN:
            return None
        return home, "con" if p > 0.5 else "pro"

    # --- persistence ---------------------------------------------------------------

    def save(self, directory: str | os.PathLike[str]) -> None:
        """Write the index to ``directory`` (created; an existing index is replaced)."""
        target = Path(directory)
        if (
            target.exists()
            and not (target / "index.json").is_file()
            and (not target.is_dir() or any(target.iterdir()))
        ):
            raise ArgmapError(f"{target}: exists and is not an argmap search index")
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
        try:
            meta = {
                "format": FORMAT,
                "version": VERSION,
                "documents": len(self.docs),
                "bm25": {
                    "k1": self._bm25.k1,
                    "b": self._bm25.b,
                    "stemmer": backends.STEMMER,
                    "stopwords": backends.STOPWORDS,
                },
                "embeddings": (
                    {"model": backends.search_model().id, "sha256": backends.search_model().sha256}
                    if self.embeddings is not None
                    else None
                ),
            }
            with (tmp / "docs.jsonl").open("w", encoding="utf-8") as handle:
                for d in self.docs:
                    handle.write(json.dumps(asdict(d), ensure_ascii=False) + "\n")
            self._bm25.save(tmp / "bm25")
            if self.embeddings is not None:
                np.save(tmp / "embeddings.npy", self.embeddings, allow_pickle=False)
            (tmp / "index.json").write_text(json.dumps(meta, indent=2) + "\n")
            if target.exists():
                shutil.rmtree(target)
            os.replace(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise

    @classmethod
    def load(cls, directory: str | os.PathLike[str]) -> Index:
        """Read an index that :meth:`save` wrote; nothing is recomputed."""
        source = Path(directory)
        try:
            meta = json.loads((source / "index.json").read_text())
        except FileNotFoundError:
            raise ArgmapError(f"{source}: no search index here (index.json missing)") from None
        except (OSError, ValueError) as e:
            raise ArgmapError(f"{source}: cannot read index.json: {e}") from None
        if meta.get("format") != FORMAT:
            raise ArgmapError(f"{source}: not an argmap search index")
        if meta.get("version") != VERSION:
            raise ArgmapError(
                f"{source}: a search index of format version {meta.get('version')}; this argmap"
                f" reads version {VERSION}: rebuild it with `argmap index`"
            )
        params = meta["bm25"]
        if (params["stemmer"], params["stopwords"]) != (backends.STEMMER, backends.STOPWORDS):
            raise ArgmapError(f"{source}: built with other BM25 tokenisation; rebuild it")
        docs: list[Doc] = []
        with (source / "docs.jsonl").open(encoding="utf-8") as handle:
            for line in handle:
                raw = json.loads(line)
                raw["attacks"] = tuple(raw.get("attacks", ()))
                raw["supports"] = tuple(raw.get("supports", ()))
                docs.append(Doc(**raw))
        embeddings = None
        if meta.get("embeddings"):
            if meta["embeddings"].get("sha256") != backends.search_model().sha256:
                raise ArgmapError(f"{source}: embeddings from another model; rebuild the index")
            embeddings = np.load(source / "embeddings.npy", allow_pickle=False)
        bm25 = backends.BM25.load(source / "bm25", params["k1"], params["b"])
        if len(docs) != meta["documents"] or (
            embeddings is not None and embeddings.shape[0] != len(docs)
        ):
            raise ArgmapError(f"{source}: index files disagree on the number of documents")
        return cls(docs, bm25, embeddings)


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def build_index(
    docs: Iterable[Doc | Debate | str | Path],
    *,
    embeddings: bool | None = None,
    k1: float = backends.K1,
    b: float = backends.B,
    progress: Callable[[int], None] | None = None,
) -> Index:
    """Index documents, debates (one document per statement) or debate files.

    ``embeddings``: ``True`` requires the sentence encoder, ``False`` builds BM25 only,
    ``None`` (default) adds embeddings when the encoder's packages are installed.
    BM25 is Lucene's with ``k1`` and ``b`` (defaults 1.2 and 0.75), Snowball English
    stemming and English stopwords, over title and text. ``progress`` is called with
    the number of documents embedded after each batch (nothing else takes long).
    """
    flat: list[Doc] = []
    for item in docs:
        if isinstance(item, Doc):
            flat.append(item)
        elif isinstance(item, Debate):
            flat.extend(docs_from_debate(item))
        else:
            flat.extend(docs_from_files([item]))
    seen: set[str] = set()
    for d in flat:
        if d.id in seen:
            raise ArgmapError(f"duplicate document id {d.id!r}")
        seen.add(d.id)
    if not flat:
        raise ArgmapError("nothing to index: no documents")
    texts = [d.content for d in flat]
    bm25 = backends.BM25.build(texts, k1=k1, b=b)
    if embeddings is None:
        embeddings = backends.embeddings_available()
    vectors = backends.search_encoder().encode(texts, progress) if embeddings else None
    return Index(flat, bm25, vectors)
