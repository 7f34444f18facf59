"""ArguAna's structured debates as argmap debates with the point->counter links hidden.

Each record (``debates_*.jsonl.gz``) has a motion and points, each point with a side
and usually a counter: the rebuttal written by the other side. The debate built here
holds the motion, the points (each supporting or attacking the motion by its side)
and the counters, which answer nothing yet:

- ``sides="known"``: a counter is an argument of the side opposite its point, as a
  pro/con article that lists rebuttals in the other column would give it;
- ``sides="unknown"``: a counter stands alone, with no side, as free text would;
- ``sides="loose"``: every point and counter stands alone, with no side and no
  relation to the motion, as a thread of comments or mined free text has them.

Points come in the debate's order, then the counters in a seeded random order, so
neither position nor order gives away which point a counter answers. Loose debates
interleave them instead, as a thread would: each counter at a seeded random place
after its point (a reply never comes before what it answers).
"""

from __future__ import annotations

import gzip
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from argmap.model import Debate, Relation, RelationKind, Statement

Sides = Literal["known", "unknown", "loose"]
SIDES: tuple[Sides, ...] = ("known", "unknown", "loose")
SEED = 20261129


@dataclass(frozen=True)
class Hidden:
    """A debate with its point->counter links hidden; ``gold[counter] = point``."""

    key: str
    split: str
    debate: Debate
    points: tuple[str, ...]
    gold: dict[str, str]


def records(data: Path) -> Iterator[dict[str, Any]]:
    """Every debate record in ``data/debates_*.jsonl.gz``, files in name order."""
    files = sorted(data.glob("debates_*.jsonl.gz"))
    if not files:
        raise FileNotFoundError(f"{data}: no debates_*.jsonl.gz files")
    for path in files:
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield json.loads(line)


def _statement(sid: str, raw: str) -> Statement:
    title, _, body = raw.strip().partition("\n")
    return Statement(id=sid, title=title.strip() or body.strip()[:80], text=body.strip())


def hide_links(record: dict[str, Any], sides: Sides) -> Hidden | None:
    """The record as a debate without its point->counter links; ``None`` if no counter."""
    flip = {"pro": "con", "con": "pro"}
    statements = [Statement(id="motion", title=record["thesis"].strip(), kind="motion")]
    relations: list[Relation] = []
    points: list[str] = []
    counters: list[tuple[str, str, str]] = []  # (point id, its side, counter text)
    for i, p in enumerate(record["points"]):
        if p["side"] not in flip or not p["point"].strip():
            continue
        pid = f"p{i}"
        statements.append(_statement(pid, p["point"]))
        if sides != "loose":
            kind: RelationKind = "support" if p["side"] == "pro" else "attack"
            relations.append(Relation(pid, "motion", kind, origin="parser"))
        points.append(pid)
        if p.get("counter") and p["counter"].strip():
            counters.append((pid, p["side"], p["counter"]))
    if not counters:
        return None
    rng = random.Random(f"{SEED}/{record['debate_key']}")
    rng.shuffle(counters)
    gold: dict[str, str] = {}
    for j, (pid, side, text) in enumerate(counters):
        cid = f"c{j}"
        counter = Statement(id=cid, title="", text=text.strip())
        if sides == "loose":
            after = [s.id for s in statements].index(pid) + 1
            statements.insert(rng.randint(after, len(statements)), counter)
        else:
            statements.append(counter)
        gold[cid] = pid
        if sides == "known":
            kind = "support" if flip[side] == "pro" else "attack"
            relations.append(Relation(cid, "motion", kind, origin="parser"))
    debate = Debate(
        id=record["debate_key"], statements=tuple(statements), relations=tuple(relations)
    )
    return Hidden(record["debate_key"], record.get("split", ""), debate, tuple(points), gold)
