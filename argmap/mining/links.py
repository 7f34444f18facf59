"""Relation mining: which argument of a debate answers which.

For every argument A, every other argument B is scored by the packaged link model
(:data:`LINK_MODEL`, features in :mod:`argmap.mining.features`): the probability
that A was written in answer to B. A's best B becomes a proposed relation when that
probability reaches the model's threshold; below it, A "answers nothing here" and
stays where its author put it. The kind follows the sides: an answer across sides is
an attack, one within a side a support; where a side is unknown the polarity model
(:mod:`argmap.mining.stance`) decides. Author relations are never replaced: a pair
that already has one, either way round, gets no proposal.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from argmap.mining.classifier import Model, load_model
from argmap.mining.features import FEATURES, lexical_similarity, pair_features
from argmap.mining.reply import ReplyModel, reply_model
from argmap.mining.text import Encode, content_words, default_encode, statement_text
from argmap.model import Debate, Relation
from argmap.search.docs import sides as debate_sides

__all__ = [
    "LINK_MODEL",
    "LinkFeatures",
    "LinkScores",
    "add_mined",
    "attach_to_motion",
    "choose_links",
    "link_features",
    "mine",
    "mine_relations",
    "score_links",
]

LINK_MODEL = "links"


@dataclass(frozen=True)
class LinkScores:
    """``probability[a, b]``: argument ``ids[a]`` answers ``ids[b]`` (NaN on a = b)."""

    ids: tuple[str, ...]
    texts: tuple[str, ...]
    sides: tuple[str, ...]
    probability: npt.NDArray[np.float64]


@dataclass(frozen=True)
class LinkFeatures:
    """The arguments of a debate and the features of each ordered pair of them."""

    ids: tuple[str, ...]
    texts: tuple[str, ...]
    sides: tuple[str, ...]
    features: npt.NDArray[np.float64]  # (n, n, len(FEATURES))


def link_features(
    debate: Debate, encode: Encode | None = None, reply: ReplyModel | None = None
) -> LinkFeatures:
    """Pair features of the debate's arguments (the motion is left out).

    ``reply`` is the reply model (default: the packaged one; training passes its own).
    """
    arguments = [s for s in debate.statements if s.kind != "motion"]
    texts = [statement_text(s.title, s.text) for s in arguments]
    side_of = debate_sides(debate)
    sides = [side_of[s.id] for s in arguments]
    n = len(arguments)
    if n == 0:
        features = np.zeros((0, 0, len(FEATURES)))
    else:
        unit = np.asarray((encode or default_encode)(texts), dtype=np.float64)
        lexical = lexical_similarity(content_words(texts))
        # Whether a statement reads as a reply matters only where nothing else says what
        # it is: one its author put on a side is an argument in its own right (-1).
        replies = np.full(n, -1.0)
        loose = np.array([not side for side in sides])
        if loose.any():
            chosen = np.flatnonzero(loose)
            replies[chosen] = (reply or reply_model()).probability(
                [texts[i] for i in chosen], unit[chosen]
            )
        features = pair_features(unit @ unit.T, lexical, sides, ~np.eye(n, dtype=bool), replies)
    return LinkFeatures(tuple(s.id for s in arguments), tuple(texts), tuple(sides), features)


def score_links(
    debate: Debate, model: Model | None = None, encode: Encode | None = None
) -> LinkScores:
    """Score every ordered pair of the debate's arguments (the motion is left out)."""
    model = model or load_model(LINK_MODEL)
    found = link_features(debate, encode)
    n = len(found.ids)
    probability = np.full((n, n), np.nan)
    if n:
        mask = ~np.eye(n, dtype=bool)
        probability[mask] = model.probability(found.features[mask])
    return LinkScores(found.ids, found.texts, found.sides, probability)


def choose_links(
    probability: npt.NDArray[np.float64],
    threshold: float,
    blocked: Collection[tuple[int, int]] = (),
) -> dict[tuple[int, int], float]:
    """Each source's likeliest target, where that reaches ``threshold``.

    ``blocked`` pairs are never chosen (an author already related them). When two
    arguments are each other's choice, only the likelier direction stays.
    """
    p = np.nan_to_num(np.asarray(probability, dtype=np.float64), nan=-1.0)
    for a, b in blocked:
        p[a, b] = -1.0
    chosen: dict[tuple[int, int], float] = {}
    if p.size == 0:
        return chosen
    for a, b in enumerate(p.argmax(axis=1).tolist()):
        value = float(p[a, b])
        if value < threshold:
            continue
        reverse = chosen.get((b, a))
        if reverse is not None:
            if reverse >= value:
                continue
            del chosen[(b, a)]
        chosen[(a, b)] = value
    return chosen


def mine_relations(
    debate: Debate,
    *,
    threshold: float | None = None,
    model: Model | None = None,
    encode: Encode | None = None,
) -> list[Relation]:
    """Proposed relations between the debate's arguments, each with a confidence.

    ``threshold`` overrides the model's own (a probability in [0, 1]): lower finds
    more answers and more wrong ones.
    """
    from argmap.mining.stance import polarity

    model = model or load_model(LINK_MODEL)
    scores = score_links(debate, model, encode)
    if len(scores.ids) < 2:
        return []
    position = {sid: i for i, sid in enumerate(scores.ids)}
    blocked = [
        pair
        for r in debate.relations
        if r.source in position and r.target in position
        for pair in (
            (position[r.source], position[r.target]),
            (position[r.target], position[r.source]),
        )
    ]
    chosen = choose_links(
        scores.probability, model.threshold if threshold is None else threshold, blocked
    )
    sides = scores.sides
    unknown = [(a, b) for a, b in chosen if not (sides[a] and sides[b])]
    attacks = polarity([scores.texts[b] for _, b in unknown], [scores.texts[a] for a, _ in unknown])
    attack_of = dict(zip(unknown, attacks, strict=True))
    return [
        Relation(
            source=scores.ids[a],
            target=scores.ids[b],
            kind="attack" if attack_of.get((a, b), sides[a] != sides[b]) else "support",
            origin="miner",
            confidence=round(p, 4),
        )
        for (a, b), p in sorted(chosen.items())
    ]


def attach_to_motion(debate: Debate) -> list[Relation]:
    """A relation to the motion for each argument that relates to nothing at all.

    Free text and some imports leave arguments unattached; each gets a support or
    an attack on the motion by its stance (:func:`argmap.mining.stance.stance`),
    mined, with the stance's confidence.
    """
    from argmap.mining.cross import pair_model

    attached = {r.source for r in debate.relations}
    loose = [s for s in debate.statements if s.kind != "motion" and s.id not in attached]
    if not loose:
        return []
    motion = debate.motion
    model = pair_model()
    texts = [statement_text(s.title, s.text) for s in loose]
    p = model.attack_probability([statement_text(motion.title, motion.text)] * len(loose), texts)
    return [
        Relation(
            source=s.id,
            target=motion.id,
            kind="attack" if attack >= model.threshold else "support",
            origin="miner",
            confidence=round(float(max(attack, 1.0 - attack)), 4),
        )
        for s, attack in zip(loose, p.tolist(), strict=True)
    ]


def mine(debate: Debate, *, threshold: float | None = None, encode: Encode | None = None) -> Debate:
    """The debate with mined relations added: answers between arguments first, then
    a stance toward the motion for each argument still related to nothing."""
    linked = add_mined(debate, mine_relations(debate, threshold=threshold, encode=encode))
    return add_mined(linked, attach_to_motion(linked))


def add_mined(debate: Debate, relations: Sequence[Relation]) -> Debate:
    """The debate with ``relations`` added (none may duplicate an existing pair)."""
    return replace(debate, relations=(*debate.relations, *relations))
