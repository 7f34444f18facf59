"""The labelled pair sets, read the same way for training and for the quality bench.

Each row is ``(target, text, label)``, the label 1 when the text attacks the target
(Debatepedia support/attack pairs) or is CON toward it (IBM claim stance, the target
being the motion; likewise IBM ArgKP's arguments toward their topic). ``keep`` picks
rows by Debatepedia split or by IBM topic id, so a caller can train on some and score
on the others.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

Row = tuple[str, str, int]


def debatepedia_pairs(folder: Path, keep: Callable[[str], bool]) -> list[Row]:
    """The pairs of ``folder/debatepedia_*pairs*.csv`` whose split ``keep`` accepts."""
    return [
        (r["text_to"], r["text_from"], int(r["relation"].strip() == "-1"))
        for r in _records(folder, "debatepedia_*pairs*.csv")
        if keep(r["split"])
    ]


def ibm_claims(folder: Path, keep: Callable[[str], bool]) -> list[Row]:
    """The claims of ``folder/claim_stance*.csv`` whose topic id ``keep`` accepts."""
    return [
        (r["topicText"], r["claims.claimCorrectedText"], _con(r["claims.stance"]))
        for r in _records(folder, "claim_stance*.csv")
        if keep(r["topicId"])
    ]


def argkp_arguments(folder: Path) -> list[Row]:
    """(topic, argument, 1 if con) of every ``folder/arguments_*.csv`` (IBM ArgKP)."""
    return [
        (r["topic"], r["argument"], int(r["stance"].strip() == "-1"))
        for r in _records(folder, "arguments_*.csv")
    ]


def _con(stance: str) -> int:
    return int(stance.strip().upper() == "CON")


def _records(folder: Path, pattern: str) -> Iterator[dict[str, str]]:
    files = sorted(folder.glob(pattern))
    if not files:
        raise SystemExit(f"{folder}: no {pattern} files")
    for path in files:
        with path.open(encoding="utf-8", newline="") as handle:
            yield from csv.DictReader(handle)


def ibm_topic_ids(folder: Path) -> list[str]:
    """Every IBM topic id in ``folder``, in numeric order."""
    return sorted({r["topicId"] for r in _records(folder, "claim_stance*.csv")}, key=int)


def macro_f1(gold: Sequence[int], predicted: Sequence[int]) -> float:
    """The mean of the two classes' F1."""
    scores = []
    for label in (0, 1):
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label != g)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label != p)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / 2
