"""Mining: find which argument answers which, and where a statement stands.

:func:`mine_relations` proposes attack and support relations between a debate's
arguments (``origin="miner"``, with a confidence); :func:`mine` adds them and ties
each argument still related to nothing to the motion; :func:`stance` says whether a
text is for or against a motion; :func:`polarity` whether one statement supports or
attacks another. The models are small linear ones over sentence embeddings and
lexical features, trained by ``python -m bench.train_links`` and packaged with
argmap; they need ``argmap[nlp]`` for the embeddings. Nothing is downloaded.
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
