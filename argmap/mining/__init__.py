"""Mining: find which argument answers which, and where a statement stands.

:func:`mine_relations` proposes attack and support relations between a debate's
arguments (``origin="miner"``, with a confidence); :func:`mine` adds them and ties
each argument still related to nothing to the motion; :func:`stance` says whether a
text is for or against a motion; :func:`polarity` whether one statement supports or
attacks another. The link model is a small one over sentence embeddings,
lexical features and whether a loose statement reads as a reply (:mod:`.reply`;
``python -m bench.train_links`` trains both); polarity and stance come from a
fine-tuned MiniLM cross-encoder (``python -m bench.train_cross``). Both are packaged
with argmap and need ``argmap[nlp]``; nothing is downloaded.
"""

from __future__ import annotations

from argmap.mining.links import add_mined, attach_to_motion, mine, mine_relations, score_links
from argmap.mining.stance import polarity, stance

__all__ = [
    "add_mined",
    "attach_to_motion",
    "mine",
    "mine_relations",
    "polarity",
    "score_links",
    "stance",
]
