"""Every registered format, end to end: the seed out and back, sniffing, the warnings."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmap.files import load_debate, save_debate
from argmap.formats.procon import read_procon
from argmap.formats.registry import FORMATS
from tests.conftest import SEED

READ_WRITE = [f.name for f in FORMATS.values() if f.reader and f.writer]
ABSTRACT = {"iccma", "apx", "tgf"}  # attack graphs only: no motion, no texts


def _seed() -> object:
    return read_procon(SEED.read_bytes())


@pytest.mark.parametrize("name", READ_WRITE)
def test_the_seed_goes_out_and_back(tmp_path: Path, name: str) -> None:
    seed = read_procon(SEED.read_bytes())
    target = tmp_path / f"seed{FORMATS[name].extensions[0]}"
    save_debate(seed, target, name)
    again = load_debate(target, name)
    if name in ABSTRACT:
        # the Dung framework: the motion and ten arguments, five attacks on the motion
        arguments = [s for s in again.statements if s.kind != "motion"]
        assert len(arguments) == 11
        assert len(again.relations) == 5
        return
    assert again.motion.title == seed.motion.title
    pros = [s.title for s in again.side("support")]
    cons = [s.title for s in again.side("attack")]
    assert pros == [s.title for s in seed.side("support")]
    assert cons == [s.title for s in seed.side("attack")]


@pytest.mark.parametrize("name", [f.name for f in FORMATS.values() if f.writer])
def test_every_writer_takes_the_seed_and_says_what_it_drops(tmp_path: Path, name: str) -> None:
    form = FORMATS[name]
    target = tmp_path / f"seed{form.extensions[0]}"
    lost = save_debate(read_procon(SEED.read_bytes()), target, None)  # chosen by extension
    assert target.stat().st_size > 0
    assert all(isinstance(line, str) and line for line in lost)
    if form.binary:
        assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    else:
        text = target.read_text(encoding="utf-8")
        if name not in ABSTRACT:
            assert "Strategic Shift to China" in text  # short enough not to be wrapped


def test_extensions_are_not_claimed_twice_without_a_sniffer() -> None:
    seen: dict[str, str] = {}
    for form in FORMATS.values():
        for ext in form.extensions:
            if ext in seen:
                assert FORMATS[seen[ext]].sniffer, f"{ext}: {seen[ext]} and {form.name}"
            seen[ext] = form.name
