"""Dung-semantics solvers on ICCMA instances: ``argmap solve`` against Python peers.

Solvers:

* ``argmap``: the real CLI, ``argmap solve -p TASK -f FILE [-a ARG]`` (SAT/CEGAR on
  CaDiCaL through python-sat, see :mod:`argmap.semantics.dung`);
* ``pygarg`` (python-sat, Glucose 4; MCS enumeration for PR/SST/ID);
* ``pyarg``: PyArg, ``python-argumentation`` (pure-Python labelling enumeration);
* ``clingo``: clingo's Python API with the ASPARTIX-style encodings in ``bench/asp``.

Every run of every solver on every instance is a separate subprocess with a
per-instance timeout (killed when it expires); wall time includes interpreter start-up
and parsing. Peers run through this file (``--run-peer NAME TASK FILE ARG``), which
prints answers as ICCMA'23 solvers do (``YES``/``NO``, ``w 1 3``).

Every YES/NO answer is compared among the solvers that finished (the unique grounded
and ideal extensions are compared as sets); every certificate (SE extensions, DC-CO
witnesses, DS counter-examples) is checked with :func:`argmap.semantics.dung.is_extension`.
Exits 1 on any disagreement or wrong certificate.

Run ``.venv/bin/python bench/solver.py [--instances DIR] [--timeout 10] [--tasks ...]``.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))  # run as a script: make `bench` importable

from bench.provenance import header, write_results  # noqa: E402

ASP_DIR = HERE / "asp"

TASKS = ("SE-GR", "DC-CO", "DS-PR", "SE-PR", "SE-ST", "DS-ST", "SE-SST", "SE-ID")
SOLVERS = ("argmap", "pygarg", "pyarg", "clingo")
PEERS = SOLVERS[1:]

# ---------------------------------------------------------------------------
# peer runners (run in their own subprocess; keep the imports inside)


def _w(ext: Iterator[int] | list[int] | set[int]) -> str:
    return " ".join(["w", *(str(a) for a in sorted(ext))])


def _decide(task: str, exts: Callable[[], list[set[int]]], q: int) -> list[str]:
    """ICCMA answer lines from a list of extensions (for solvers that enumerate)."""
    problem = task.split("-")[0]
    found = exts()
    if problem == "SE":
        return [_w(min(found, key=sorted))] if found else ["NO"]
    if problem == "DC":
        witness = next((e for e in found if q in e), None)
        return ["YES", _w(witness)] if witness is not None else ["NO"]
    counter = next((e for e in found if q not in e), None)
    return ["NO", _w(counter)] if counter is not None else ["YES"]


def peer_pygarg(task: str, path: str, q: int) -> list[str]:
    """pygarg 1.0's own functions, as its ``__main__`` calls them (dimacs = ICCMA'23)."""
    from pygarg.dung import dimacs_parser, solver

    args, atts = dimacs_parser.parse(path)
    problem, sem = task.split("-")
    name = str(q)
    if problem == "SE":
        ext = solver.compute_some_extension(args, atts, sem)
        return ["NO"] if ext == "NO" else [_w({int(a) for a in ext})]
    if problem == "DC":
        yes, ext = solver.credulous_acceptability(args, atts, name, sem)
        return ["YES", _w({int(a) for a in ext})] if yes else ["NO"]
    yes, ext = solver.skeptical_acceptability(args, atts, name, sem)
    return ["YES"] if yes else ["NO", _w({int(a) for a in ext})]


def peer_pyarg(task: str, path: str, q: int) -> list[str]:
    """PyArg (python-argumentation 2.0): its ICCMA'23 reader and extension functions.

    PyArg has no decision procedures: DC/DS enumerate the extensions and look for
    the query; SE takes the first extension in sorted order.
    """
    from py_arg.algorithms.semantics import (
        get_complete_extensions,
        get_grounded_extension,
        get_ideal_extension,
        get_preferred_extensions,
        get_semistable_extensions,
        get_stable_extensions,
    )
    from py_arg.import_export.argumentation_framework_from_iccma23_format_reader import (
        ArgumentationFrameworkFromICCMA23FormatReader as Reader,
    )

    af = Reader.from_iccma23(Path(path).read_text())
    sem = task.split("-")[1]
    enumerate_: Callable[[], Any] = {
        "GR": lambda: [get_grounded_extension.get_grounded_extension(af)],
        "CO": lambda: get_complete_extensions.get_complete_extensions(af),
        "PR": lambda: get_preferred_extensions.get_preferred_extensions(af),
        "ST": lambda: get_stable_extensions.get_stable_extensions(af),
        "SST": lambda: get_semistable_extensions.get_semistable_extensions(af),
        "ID": lambda: get_ideal_extension.get_ideal_extension(af),
    }[sem]

    def exts() -> list[set[int]]:
        return [{int(a.name[1:]) for a in e} for e in enumerate_()]

    return _decide(task, exts, q)


def _asp_facts(data: bytes) -> str:
    """ICCMA'23 text as ``arg(1..N).`` and ``att(a,b).`` facts."""
    lines = data.decode().splitlines()
    i = 0
    while not lines[i].strip() or lines[i].lstrip().startswith("#"):
        i += 1
    n = int(lines[i].split()[2])
    facts = [f"arg(1..{n})."]
    for line in lines[i + 1 :]:
        parts = line.split()
        if len(parts) == 2 and not line.startswith("#"):
            facts.append(f"att({parts[0]},{parts[1]}).")
    return "\n".join(facts) + "\n"


def peer_clingo(task: str, path: str, q: int) -> list[str]:
    """clingo 5 with the ASPARTIX-style encodings in ``bench/asp``.

    GR: a positive program solved while grounding. CO/ST: guess and check. PR and SST:
    the domain heuristic (``--heuristic=Domain --enum-mode=domRec``) on ``in/1``
    (range atoms for SST) makes each model subset-maximal; DS-PR enumerates preferred
    extensions until one lacks the query. ID: the brave consequences of the admissible
    encoding (credulous acceptance), then a stratified filter program.
    """
    import clingo

    facts = _asp_facts(Path(path).read_bytes())
    heuristic = ["--heuristic=Domain", "--enum-mode=domRec"]

    def models(files: list[str], options: list[str], extra: str = "") -> Iterator[set[int]]:
        ctl = clingo.Control([*options, "--warn=none"])
        for f in files:
            ctl.load(str(ASP_DIR / f))
        ctl.add("base", [], facts + extra)
        ctl.ground([("base", [])])
        with ctl.solve(yield_=True) as handle:
            for model in handle:
                yield {s.arguments[0].number for s in model.symbols(shown=True)}

    def first(files: list[str], options: list[str], extra: str = "") -> set[int] | None:
        return next(models(files, [*options, "--models=1"], extra), None)

    co = ["admissible.lp", "complete.lp"]
    query = f"query({q}).\n"
    if task == "SE-GR":
        ext = first(["grounded.lp"], [])
    elif task == "SE-ST":
        ext = first(["stable.lp"], [])
    elif task == "SE-PR":
        ext = first([*co, "preferred_heu.lp"], heuristic)
    elif task == "SE-SST":
        ext = first([*co, "semistable_heu.lp"], heuristic)
    elif task == "SE-ID":
        cred: set[int] = set()
        for m in models(["admissible.lp"], ["--enum-mode=brave", "--models=0"]):
            cred = m  # the last model holds the brave consequences
        extra = "".join(f"cred({a}).\n" for a in sorted(cred))
        ext = first(["ideal_filter.lp"], [], extra)
    elif task == "DC-CO":
        ext = first(co, [], query + ":- query(X), not in(X).\n")
        return ["YES", _w(ext)] if ext is not None else ["NO"]
    elif task == "DS-ST":
        ext = first(["stable.lp"], [], query + ":- query(X), in(X).\n")
        return ["NO", _w(ext)] if ext is not None else ["YES"]
    elif task == "DS-PR":
        for ext in models([*co, "preferred_heu.lp"], [*heuristic, "--models=0"]):
            if q not in ext:
                return ["NO", _w(ext)]
        return ["YES"]
    else:
        raise NotImplementedError(task)
    return ["NO"] if ext is None else [_w(ext)]


PEER_RUNNERS: dict[str, Callable[[str, str, int], list[str]]] = {
    "pygarg": peer_pygarg,
    "pyarg": peer_pyarg,
    "clingo": peer_clingo,
}

#: Tasks a peer cannot do at all (none of the 8 benched ones, as it happens: PyArg
#: does DC/DS by enumerating extensions, which counts as support).
UNSUPPORTED: dict[str, frozenset[str]] = {peer: frozenset() for peer in PEERS}


PEER_MODULES = {
    "pygarg": "pygarg.dung.solver",
    "pyarg": "py_arg.algorithms.semantics.get_preferred_extensions",
    "clingo": "clingo",
}


def run_peer(argv: list[str]) -> int:
    """``--run-peer NAME TASK FILE ARG``: print ICCMA'23 answer lines.

    ``--run-peer NAME --startup`` only imports the peer (to measure start-up).
    """
    if len(argv) == 2 and argv[1] == "--startup":
        __import__(PEER_MODULES[argv[0]])
        return 0
    name, task, path, arg = argv
    if task in UNSUPPORTED[name]:
        print("UNSUPPORTED")
        return 2
    lines = PEER_RUNNERS[name](task, path, int(arg))
    sys.stdout.write("\n".join(lines) + "\n")
    sys.stdout.flush()
    return 0


if __name__ == "__main__" and len(sys.argv) > 1 and sys.argv[1] == "--run-peer":
    sys.exit(run_peer(sys.argv[2:]))


# ---------------------------------------------------------------------------
# the bench (imports beyond the standard library stay below the peer runners)

import argparse  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import signal  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import tempfile  # noqa: E402
import threading  # noqa: E402
import time  # noqa: E402
from concurrent.futures import ThreadPoolExecutor  # noqa: E402
from dataclasses import asdict, dataclass  # noqa: E402

DEFAULT_INSTANCES = REPO.parent / "shared" / "data" / "iccma"
DEFAULT_OUT = HERE / "results" / "solver.json"


@dataclass(frozen=True)
class Instance:
    name: str
    path: Path
    n: int
    m: int
    query: int  # 1-based, as in the .af.arg file
    unattacked: int  # arguments nobody attacks (the grounded extension is empty iff 0)

    @property
    def size(self) -> int:
        return self.n + self.m


@dataclass(frozen=True)
class Limit:
    """Skip ``solver`` on ``tasks`` for instances matching ``rule`` (calibrated at a
    10 s timeout: beyond it the solver did not finish, whatever the instance)."""

    solver: str
    tasks: tuple[str, ...]
    rule: str  # the condition as a reader would write it, shown in reports
    reason: str
    applies: Callable[[Instance], bool]  # the same condition, as code

    def skips(self, task: str, inst: Instance) -> bool:
        return task in self.tasks and self.applies(inst)


ENUMERATION_TASKS = tuple(t for t in TASKS if t != "SE-GR")
LIMITS: tuple[Limit, ...] = (
    Limit(
        "pygarg",
        TASKS,
        "n * m > 5e7",
        "pygarg finds each argument's attackers by scanning the whole attack list and "
        "maps names to variables with list.index, so its encodings cost O(n*m) to build",
        lambda i: i.n * i.m > 5e7,
    ),
    Limit(
        "pygarg",
        ("SE-GR",),
        "unattacked > 0 and n * n * m > 5e6",
        "pygarg's grounded extension tests every argument against the attack list with "
        "list membership, O(n^2*m) per round, with one round per grounded layer",
        lambda i: i.unattacked > 0 and i.n * i.n * i.m > 5e6,
    ),
    Limit(
        "pyarg",
        ("SE-GR",),
        "n * m > 1e7",
        "PyArg's grounded fixpoint scans the attack list for every attacker of every "
        "argument at each round (AbstractArgumentationFramework.get_incoming_defeat_arguments)",
        lambda i: i.n * i.m > 1e7,
    ),
    Limit(
        "pyarg",
        ENUMERATION_TASKS,
        "n > 30",
        "PyArg has no decision procedures: it enumerates labellings by backtracking "
        "(exponential; 35 arguments already exceed 10 s)",
        lambda i: i.n > 30,
    ),
)


@dataclass
class Run:
    instance: str
    task: str
    solver: str
    status: str  # ok | timeout | error | skipped | unsupported
    seconds: float | None = None  # wall
    answer: str | None = None  # YES | NO (SE: YES = an extension was printed)
    cert: list[int] | None = None  # 1-based
    check: str | None = None  # ok | WRONG: ... | unverified: ...
    note: str = ""
    cpu: float | None = None  # user + system seconds of the process


# ---------------------------------------------------------------------------
# running


def find_instances(folder: Path, max_args: int, only: list[str] | None) -> list[Instance]:
    found: list[Instance] = []
    for path in sorted(folder.glob("*.af")):
        arg_file = path.with_name(path.name + ".arg")
        if not arg_file.is_file():
            continue
        name = path.name[: -len(".af")]
        if only and not any(s in name for s in only):
            continue
        n = m = 0
        attacked: set[bytes] = set()
        with path.open("rb") as f:
            for line in f:
                s = line.strip()
                if not s or s.startswith(b"#"):
                    continue
                if s.startswith(b"p"):
                    n = int(s.split()[2])
                else:
                    m += 1
                    attacked.add(s.split()[1])
        if n > max_args:
            continue
        query = int(arg_file.read_text().split()[0])
        found.append(Instance(name, path, n, m, query, n - len(attacked)))
    return sorted(found, key=lambda i: (i.size, i.name))


def command(solver: str, task: str, inst: Instance, argmap_bin: str) -> list[str]:
    if solver == "argmap":
        cmd = [argmap_bin, "solve", "-p", task, "-f", str(inst.path)]
        return cmd + (["-a", str(inst.query)] if not task.startswith("SE") else [])
    script = str(Path(__file__).resolve())
    return [sys.executable, script, "--run-peer", solver, task, str(inst.path), str(inst.query)]


def parse_output(task: str, out: str) -> tuple[str, list[int] | None]:
    """(answer, certificate) from ICCMA'23 lines; raises ValueError if malformed."""
    lines = [line.strip() for line in out.splitlines() if line.strip()]
    if not lines:
        raise ValueError("no output")

    def cert(line: str) -> list[int]:
        parts = line.split()
        if not parts or parts[0] != "w":
            raise ValueError(f"expected a 'w ...' line, got {line[:60]!r}")
        return sorted(int(p) for p in parts[1:])

    if task.startswith("SE"):
        if lines[0] == "NO":
            return "NO", None
        return "YES", cert(lines[0])
    if lines[0] not in ("YES", "NO"):
        raise ValueError(f"expected YES or NO, got {lines[0][:60]!r}")
    return lines[0], cert(lines[1]) if len(lines) > 1 else None


def run_one(solver: str, task: str, inst: Instance, timeout: float, argmap_bin: str) -> Run:
    """One solver run in its own process group: wall time, and CPU time from wait4."""
    cmd = command(solver, task, inst, argmap_bin)
    with tempfile.TemporaryFile() as out_f, tempfile.TemporaryFile() as err_f:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out_f, stderr=err_f, cwd=REPO, start_new_session=True)
        deadline = start + timeout
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            now = time.perf_counter()
            if now >= deadline:
                os.killpg(proc.pid, signal.SIGKILL)  # the group: its children too
                os.wait4(proc.pid, 0)
                proc.returncode = -signal.SIGKILL
                return Run(inst.name, task, solver, "timeout", note=f"killed after {timeout:g} s")
            time.sleep(min(0.002, deadline - now))
        seconds = time.perf_counter() - start
        code = proc.returncode = os.waitstatus_to_exitcode(status)
        cpu = usage.ru_utime + usage.ru_stime
        out_f.seek(0)
        err_f.seek(0)
        out = out_f.read().decode(errors="replace")
        err = err_f.read().decode(errors="replace")
    run = Run(inst.name, task, solver, "ok", seconds, cpu=cpu)
    if code == 2 and out.strip() == "UNSUPPORTED":
        run.status = "unsupported"
        return run
    if code != 0:
        tail = (err.strip().splitlines() or [""])[-1][:200]
        run.status, run.note = "error", f"exit {code}: {tail}"
        return run
    try:
        run.answer, run.cert = parse_output(task, out)
    except ValueError as e:
        run.status, run.note = "error", f"bad output: {e}"
    return run


# ---------------------------------------------------------------------------
# checking


class Checker:
    """Certificates checked with :func:`argmap.semantics.dung.is_extension` (cached)."""

    def __init__(self, instances: dict[str, Instance], verify_id_max: int) -> None:
        self.instances = instances
        self.verify_id_max = verify_id_max
        self._afs: dict[str, Any] = {}
        self._cache: dict[tuple[str, str, frozenset[int]], bool] = {}
        self.seconds = 0.0

    def framework(self, name: str) -> Any:
        from argmap.semantics.framework import Framework

        if name not in self._afs:
            self._afs[name] = Framework.from_iccma(self.instances[name].path.read_bytes())
        return self._afs[name]

    def is_extension(self, name: str, ext: frozenset[int], sem: str) -> bool:
        from argmap.semantics.dung import is_extension

        key = (name, sem, ext)
        if key not in self._cache:
            start = time.perf_counter()
            self._cache[key] = is_extension(self.framework(name), ext, sem)
            self.seconds += time.perf_counter() - start
        return self._cache[key]

    def check(self, run: Run) -> None:
        if run.status != "ok" or run.cert is None:
            return
        inst = self.instances[run.instance]
        problem, sem = run.task.split("-")
        ext = frozenset(a - 1 for a in run.cert)
        if any(not 0 <= a < inst.n for a in ext):
            run.check = "WRONG: names an argument outside 1..N"
            return
        q = inst.query - 1
        if problem == "DC" and q not in ext:
            run.check = "WRONG: the witness does not contain the query"
            return
        if problem == "DS" and q in ext:
            run.check = "WRONG: the counter-example contains the query"
            return
        if sem == "ID" and inst.n > self.verify_id_max:
            # is_extension(ID) makes one SAT call per argument; check admissibility
            # here, and the set itself by comparison with the other solvers.
            ok = self.is_extension(run.instance, ext, "AD")
            run.check = (
                f"unverified: admissible; ID re-derivation skipped above {self.verify_id_max} args"
                if ok
                else "WRONG: not admissible, so not ideal"
            )
            return
        ok = self.is_extension(run.instance, ext, sem)
        run.check = "ok" if ok else f"WRONG: not a {sem} extension (is_extension)"


def wrong(run: Run) -> bool:
    return run.check is not None and run.check.startswith("WRONG")


@dataclass
class Disagreement:
    instance: str
    task: str
    query: int
    answers: dict[str, str]
    certificates: dict[str, str]
    verdict: str


def compare(task: str, inst: Instance, runs: list[Run]) -> Disagreement | None:
    done = [r for r in runs if r.status == "ok"]
    if not done:
        return None
    unique = task in ("SE-GR", "SE-ID")  # compare the sets themselves

    def key(r: Run) -> str:
        if unique and r.cert is not None:
            return "{" + ",".join(map(str, r.cert)) + "}"
        return r.answer or "?"

    if len({key(r) for r in done}) <= 1:
        return None
    verified = [r for r in done if r.check == "ok"]
    if unique:
        right = {key(r) for r in verified}
        verdict = (
            f"verified by is_extension: {', '.join(r.solver for r in verified)}"
            if verified
            else "no certificate verified"
        )
    else:
        # A checked DC witness proves YES; a checked DS counter-example proves NO;
        # an SE extension proves that one exists (YES).
        proved = {r.answer for r in verified if r.answer is not None}
        right = proved
        verdict = (
            f"{'/'.join(sorted(proved))} proved by a certificate verified with is_extension "
            f"(from {', '.join(r.solver for r in verified)})"
            if proved
            else "no certificate verified either way"
        )
    if right and len(right) == 1:
        truth = next(iter(right))
        wrongs = [r.solver for r in done if key(r) != truth]
        verdict += f"; wrong: {', '.join(wrongs)}"
    return Disagreement(
        inst.name,
        task,
        inst.query,
        {r.solver: key(r) for r in done},
        {r.solver: r.check or "-" for r in done},
        verdict,
    )


# ---------------------------------------------------------------------------
# report


def median(xs: list[float]) -> float | None:
    return statistics.median(xs) if xs else None


LARGE = 10_000  # arguments + attacks: the "large" ratio column


def summarise(
    tasks: list[str],
    solvers: list[str],
    runs: list[Run],
    disagreements: list[Disagreement],
    instances: dict[str, Instance],
) -> dict[str, Any]:
    by = {(r.instance, r.task, r.solver): r for r in runs}
    names = sorted({r.instance for r in runs})
    summary: dict[str, Any] = {}
    for task in tasks:
        per: dict[str, Any] = {}
        for s in solvers:
            rs = [by[(i, task, s)] for i in names if (i, task, s) in by]
            count: dict[str, int] = {}
            for r in rs:
                count[r.status] = count.get(r.status, 0) + 1
            solved = [r for r in rs if r.status == "ok" and not wrong(r)]
            per[s] = {
                "solved": len(solved),
                "attempted": sum(1 for r in rs if r.status not in ("skipped", "unsupported")),
                "statuses": count,
                "wrong_certificates": sum(1 for r in rs if wrong(r)),
                "median_seconds": median([r.seconds for r in solved if r.seconds is not None]),
            }
            if s == "argmap":
                continue
            wall: list[float] = []
            cpu: list[float] = []
            large: list[float] = []
            for i in names:
                a, p = by.get((i, task, "argmap")), by.get((i, task, s))
                if not (a and p and a.status == p.status == "ok") or wrong(a) or wrong(p):
                    continue
                assert a.seconds and p.seconds and a.cpu is not None and p.cpu is not None
                wall.append(a.seconds / p.seconds)
                cpu.append(a.cpu / max(p.cpu, 1e-3))
                if instances[i].size >= LARGE:
                    large.append(a.seconds / p.seconds)
            per[s].update(
                common=len(wall),
                median_ratio=median(wall),
                median_cpu_ratio=median(cpu),
                common_large=len(large),
                median_ratio_large=median(large),
            )
        peers = [s for s in solvers if s != "argmap"]
        best = None
        if peers:
            best = max(
                peers,
                key=lambda s: (per[s]["solved"], -(per[s]["median_seconds"] or float("inf"))),
            )
        summary[task] = {
            "solvers": per,
            "disagreements": sum(1 for d in disagreements if d.task == task),
            "best_peer": best,
        }
    return summary


def show(summary: dict[str, Any], solvers: list[str], n_instances: int, console: Any) -> None:
    from rich.table import Table

    table = Table(title=f"solved (of {n_instances} instances): solved/attempted, median wall s")
    table.add_column("task")
    for s in solvers:
        table.add_column(s, justify="right")
    table.add_column("disagree", justify="right")
    table.add_column("best peer")
    for task, row in summary.items():
        cells = []
        for s in solvers:
            p = row["solvers"][s]
            med = f"{p['median_seconds']:.2f}" if p["median_seconds"] is not None else "-"
            bad = f" [red]{p['wrong_certificates']} WRONG[/]" if p["wrong_certificates"] else ""
            cells.append(f"{p['solved']}/{p['attempted']} {med}{bad}")
        dis = row["disagreements"]
        table.add_row(task, *cells, f"[red]{dis}[/]" if dis else "0", row["best_peer"] or "-")
    console.print(table)

    peers = solvers[1:]
    if not peers:
        return
    ratios = Table(
        title="argmap time / peer time, median over instances both solved (< 1: argmap faster)"
    )
    ratios.add_column("task")
    for s in peers:
        ratios.add_column(f"{s} wall (n)", justify="right")
        ratios.add_column(f"{s} cpu", justify="right")
        ratios.add_column(f"{s} large (n)", justify="right")
    for task, row in summary.items():
        cells = []
        for s in peers:
            p = row["solvers"][s]

            def fmt(x: float | None) -> str:
                return f"{x:.2f}" if x is not None else "-"

            cells += [
                f"{fmt(p['median_ratio'])} ({p['common']})",
                fmt(p["median_cpu_ratio"]),
                f"{fmt(p['median_ratio_large'])} ({p['common_large']})",
            ]
        ratios.add_row(task, *cells)
    console.print(ratios)
    console.print(
        f"wall: wall-clock ratio; cpu: user+system time ratio (less sensitive to a loaded "
        f"machine); large: wall ratio on instances with >= {LARGE:,} arguments + attacks. "
        "Skipped runs (known limits) are not attempted."
    )


def startup_seconds(cmd: list[str], repeats: int = 3) -> float:
    """Best wall time of a command that does no work (interpreter and import cost)."""
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, cwd=REPO, timeout=60, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def main(argv: list[str] | None = None) -> int:
    from rich.console import Console

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--instances", type=Path, default=DEFAULT_INSTANCES)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="JSON results file")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds per run")
    parser.add_argument("--tasks", nargs="+", default=list(TASKS), choices=TASKS)
    parser.add_argument("--solvers", nargs="+", default=list(SOLVERS), choices=SOLVERS)
    parser.add_argument("--max-args", type=int, default=100_000, help="skip larger instances")
    parser.add_argument("--only", nargs="+", help="instances whose name contains one of these")
    parser.add_argument("--jobs", type=int, default=2, help="runs at a time")
    parser.add_argument(
        "--no-limits", action="store_true", help="run peers even beyond their known limits"
    )
    parser.add_argument(
        "--verify-id-max",
        type=int,
        default=10_000,
        help="re-derive the ideal extension to check SE-ID certificates up to this many args",
    )
    args = parser.parse_args(argv)
    console = Console(width=None if sys.stdout.isatty() else 160)
    if "argmap" not in args.solvers:
        parser.error("argmap must be among --solvers")
    argmap_bin = str(REPO / ".venv" / "bin" / "argmap")
    if not Path(argmap_bin).exists():
        argmap_bin = shutil.which("argmap") or parser.error("no argmap executable found")
    instances = find_instances(args.instances, args.max_args, args.only)
    if not instances:
        parser.error(f"no *.af instances with a .af.arg in {args.instances}")
    by_name = {i.name: i for i in instances}
    limits = () if args.no_limits else LIMITS

    groups: list[tuple[Instance, str]] = [(i, t) for i in instances for t in args.tasks]
    console.print(
        f"{len(instances)} instances x {len(args.tasks)} tasks x {len(args.solvers)} solvers, "
        f"timeout {args.timeout:g} s, {args.jobs} at a time"
    )
    # The peers come from wheels, whose bytecode pip compiled at install time; argmap is
    # installed in place, and with PYTHONDONTWRITEBYTECODE (set on some machines) it
    # would compile its sources on every start (15 ms). Compile them once, as an install.
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(REPO / "argmap")], check=True, cwd=REPO
    )
    load_before = os.getloadavg()
    startup = {"argmap": startup_seconds([argmap_bin, "solve", "--problems"])}
    for s in args.solvers[1:]:
        startup[s] = startup_seconds(
            [sys.executable, str(Path(__file__).resolve()), "--run-peer", s, "--startup"]
        )
    console.print(
        "start-up (best of 3, no work): "
        + ", ".join(f"{s} {t:.2f} s" for s, t in startup.items())
        + f"; load average {load_before[0]:.1f} on {os.cpu_count()} cores"
    )
    runs: list[Run] = []
    lock = threading.Lock()
    done_groups = [0]
    started = time.perf_counter()

    def run_group(inst: Instance, task: str) -> list[Run]:
        out: list[Run] = []
        for s in args.solvers:
            limit = next((lim for lim in limits if lim.solver == s and lim.skips(task, inst)), None)
            if s != "argmap" and task in UNSUPPORTED[s]:
                out.append(Run(inst.name, task, s, "unsupported"))
            elif limit is not None:
                out.append(Run(inst.name, task, s, "skipped", note=f"{limit.rule}: {limit.reason}"))
            else:
                out.append(run_one(s, task, inst, args.timeout, argmap_bin))
        with lock:
            done_groups[0] += 1
            cells = []
            for r in out:
                if r.status == "ok":
                    cells.append(f"{r.solver} {r.seconds:.2f}s {r.answer}")
                else:
                    cells.append(f"{r.solver} {r.status}")
            console.print(
                f"[{done_groups[0]}/{len(groups)}] {inst.name} {task}: " + " | ".join(cells),
                markup=False,
                highlight=False,
            )
        return out

    with ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        for result in pool.map(lambda g: run_group(*g), groups):
            runs.extend(result)
    run_seconds = time.perf_counter() - started

    console.print("checking certificates with is_extension ...")
    checker = Checker(by_name, args.verify_id_max)
    for r in runs:
        checker.check(r)
    disagreements: list[Disagreement] = []
    for inst, task in groups:
        d = compare(task, inst, [r for r in runs if r.instance == inst.name and r.task == task])
        if d is not None:
            disagreements.append(d)

    summary = summarise(list(args.tasks), list(args.solvers), runs, disagreements, by_name)
    show(summary, list(args.solvers), len(instances), console)

    status = 0
    bad = [r for r in runs if wrong(r)]
    if disagreements:
        status = 1
        console.print(f"[bold red]{len(disagreements)} DISAGREEMENTS[/]")
        for d in disagreements:
            console.print(
                f"[red]DISAGREEMENT[/] {d.instance} {d.task} -a {d.query}: {d.answers}; "
                f"certificates: {d.certificates}; {d.verdict}",
                highlight=False,
            )
    else:
        console.print("disagreements: 0")
    if bad:
        status = 1
        console.print(f"[bold red]{len(bad)} WRONG CERTIFICATES[/]")
        for r in bad:
            console.print(f"[red]WRONG[/] {r.solver} {r.instance} {r.task}: {r.check}")
    unverified = [r for r in runs if r.check and r.check.startswith("unverified")]
    errors = [r for r in runs if r.status == "error"]
    for r in errors:
        console.print(f"error: {r.solver} {r.instance} {r.task}: {r.note}", markup=False)
    skipped: dict[tuple[str, str], list[str]] = {}
    for r in runs:
        if r.status == "skipped":
            skipped.setdefault((r.solver, r.note), []).append(f"{r.instance}:{r.task}")
    for (solver, note), items in skipped.items():
        console.print(f"skipped {solver} on {len(items)} runs ({note})", markup=False)
    console.print(
        f"runs took {run_seconds:.0f} s; certificate checks {checker.seconds:.0f} s; "
        f"{sum(1 for r in runs if r.check == 'ok')} certificates verified, "
        f"{len(unverified)} only partly (SE-ID above --verify-id-max)"
    )

    doc = {
        **header("solver"),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg(),
        "startup_seconds": startup,
        "args": {
            # relative to the checkout, so results name no path of one machine
            "instances": os.path.relpath(args.instances, REPO),
            "timeout": args.timeout,
            "tasks": list(args.tasks),
            "solvers": list(args.solvers),
            "max_args": args.max_args,
            "jobs": args.jobs,
            "limits": not args.no_limits,
            "verify_id_max": args.verify_id_max,
        },
        "limits": [
            {"solver": lim.solver, "tasks": list(lim.tasks), "rule": lim.rule, "reason": lim.reason}
            for lim in limits
        ],
        "instances": [
            {"name": i.name, "args": i.n, "attacks": i.m, "query": i.query} for i in instances
        ],
        "summary": summary,
        "disagreements": [asdict(d) for d in disagreements],
        "wrong_certificates": [asdict(r) for r in bad],
        "runs": [
            {**{k: v for k, v in asdict(r).items() if k != "cert"}, "cert_size": len(r.cert)}
            if r.cert is not None
            else {k: v for k, v in asdict(r).items() if k != "cert"}
            for r in runs
        ],
        "run_seconds": run_seconds,
        "check_seconds": checker.seconds,
        "ok": status == 0,
    }
    write_results(args.out, doc)
    console.print(f"results written to {args.out}")
    return status


if __name__ == "__main__":
    sys.exit(main())
