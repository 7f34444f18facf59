"""Which code a benchmark measured: written into every results file."""

from __future__ import annotations

import subprocess
from pathlib import Path

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
