"""Which code a benchmark measured: written into every results file."""

from __future__ import annotations

import argparse
import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def git_commit() -> str:
    """The short commit of the checkout, ``+dirty`` when ``argmap/`` has uncommitted changes."""
    try:
        done = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        )
    except (OSError, subprocess.SubprocessError):
        return "uncommitted"
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no", "--", "argmap"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=10,
    ).stdout.strip()
    commit = done.stdout.strip() or "uncommitted"
    return f"{commit}+dirty" if dirty else commit


def header(bench: str) -> dict[str, object]:
    """What every results file starts with: the bench, the code, when, and on what."""
    import datetime as dt
    import os
    import platform

    return {
        "bench": bench,
        "commit": git_commit(),
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "machine": platform.platform(),
        "cpu": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
    }


def sizes_argument(minimum: int) -> Callable[[str], list[int]]:
    """An argparse ``type`` for ``--sizes 1e3,1e4``: sorted ints of at least ``minimum``."""

    def parse(text: str) -> list[int]:
        try:
            sizes = [int(float(x)) for x in text.split(",") if x.strip()]
        except ValueError:
            raise argparse.ArgumentTypeError(f"bad --sizes {text!r}") from None
        if not sizes or min(sizes) < minimum:
            raise argparse.ArgumentTypeError(f"sizes must be at least {minimum}")
        return sorted(sizes)

    return parse


def write_results(path: Path, doc: dict[str, Any]) -> None:
    """A results file: ``doc`` as indented JSON, its folder made if need be."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
