"""Hypothesis strategies for valid debates, shared by the format tests."""

from __future__ import annotations

from hypothesis import strategies as st

from argmap.model import (
    RELATION_KINDS,
    RELATION_ORIGINS,
    Debate,
    Relation,
    Source,
    Span,
    Statement,
    Vote,
)

weights = st.floats(min_value=0.0, max_value=1.0, allow_nan=False)
texts = st.text(max_size=40)
ids = st.text(min_size=1, max_size=8)
spans = st.none() | st.tuples(st.integers(1, 10_000), st.integers(0, 50)).map(
    lambda t: Span(t[0], t[0] + t[1])
)


@st.composite
def debates(draw: st.DrawFn, max_statements: int = 8) -> Debate:
    """Any valid debate: unique ids, one motion, relations between distinct statements."""
    statement_ids = draw(st.lists(ids, min_size=1, max_size=max_statements, unique=True))
    motion = draw(st.sampled_from(statement_ids))
    statements = tuple(
        Statement(
            id=sid,
            title=draw(texts),
            text=draw(texts),
            kind="motion"
            if sid == motion
            else draw(st.sampled_from(["argument", "premise", "evidence"])),
            weight=draw(weights),
            span=draw(spans),
            origin=draw(st.sampled_from(["", "procon", "miner"])),
            sources=tuple(draw(st.lists(texts, max_size=2))),
            tags=tuple(draw(st.lists(texts, max_size=2))),
        )
        for sid in statement_ids
    )
    pairs = (
        draw(
            st.lists(
                st.tuples(st.sampled_from(statement_ids), st.sampled_from(statement_ids)).filter(
                    lambda p: p[0] != p[1]
                ),
                unique=True,
                max_size=12,
            )
        )
        if len(statement_ids) > 1
        else []
    )
    relations = tuple(
        Relation(
            source=a,
            target=b,
            kind=draw(st.sampled_from([k for k in RELATION_KINDS if k != "undercut"])),
            weight=draw(weights),
            origin=draw(st.sampled_from(RELATION_ORIGINS)),
            confidence=draw(st.none() | weights),
            id=f"r{k}",
        )
        for k, (a, b) in enumerate(pairs)
    )
    if relations and draw(st.booleans()):
        relations += (Relation(statement_ids[0], relations[0].id, "undercut", id="u"),)
    votes = tuple(
        Vote(draw(texts), draw(st.sampled_from(statement_ids)), draw(weights))
        for _ in range(draw(st.integers(0, 3)))
    )
    return Debate(
        id=draw(ids),
        statements=statements,
        relations=relations,
        votes=votes,
        description=draw(texts),
        source=Source(draw(texts), draw(texts), draw(texts), draw(texts), draw(texts)),
        tags=tuple(draw(st.lists(texts, max_size=3))),
        extras=draw(
            st.dictionaries(
                st.sampled_from(["aif", "argdown"]),
                st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5)),
                max_size=2,
            )
        ),
    )


@st.composite
def tangled_debates(draw: st.DrawFn, acyclic: bool = True) -> Debate:
    """Pro/con trees with a few extra attacks across them (towards the motion if acyclic)."""
    n = draw(st.integers(2, 10))
    grid = st.sampled_from([0.0, 0.25, 0.5, 0.51, 0.75, 1.0]) | st.floats(0, 1)
    statements = [Statement("m", "M", kind="motion", weight=draw(st.sampled_from([0.3, 0.5])))]
    relations = []
    pairs = set()
    for k in range(1, n):
        parent = draw(st.integers(0, k - 1))
        statements.append(Statement(f"s{k}", f"S{k}", weight=draw(grid)))
        kind = draw(st.sampled_from(["support", "attack"]))
        relations.append(Relation(f"s{k}", statements[parent].id, kind))
        pairs.add((k, parent))
    for _ in range(draw(st.integers(0, n))):
        a, b = draw(st.integers(1, n - 1)), draw(st.integers(0, n - 1))
        if (acyclic and b >= a) or a == b or (a, b) in pairs:
            continue
        pairs.add((a, b))
        kind = draw(st.sampled_from(["support", "attack"]))
        relations.append(Relation(f"s{a}", statements[b].id, kind))
    return Debate("d", tuple(statements), tuple(relations))
