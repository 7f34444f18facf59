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
