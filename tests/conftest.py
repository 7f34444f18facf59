"""Shared paths: the seed and evaluation data live in ../shared beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("ARGMAP_SHARED", ROOT.parent / "shared"))
SEED = SHARED / "seeds" / "000_85bec49497cd29c5.txt"
EXAMPLES = ROOT / "examples"
