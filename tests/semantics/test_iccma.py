"""The ICCMA solver contract: formats, answers, timeouts, through the real program."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from argmap.errors import ParseError
from argmap.semantics.iccma import read_framework, solve_problem
from tests.conftest import SHARED

ICCMA = SHARED / "data" / "iccma"


def _argmap(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("argmap", path=str(Path(sys.executable).parent))
    assert exe is not None
    return subprocess.run([exe, *args], capture_output=True, text=True, check=False)


def test_the_three_formats_give_the_same_answers() -> None:
    i23 = read_framework("p af 3\n# c\n1 2\n2 3\n")
    apx = read_framework("arg(a).\narg(b).\narg(c).\natt(a,b).\natt(b,c).\n", "apx")
    tgf = read_framework("a\nb\nc\n#\na b\nb c\n", "tgf")
    assert list(solve_problem(i23, "DC-CO", "3")) == ["YES", "w 1 3"]
    assert list(solve_problem(apx, "DC-CO", "c", "apx")) == ["YES"]
    assert list(solve_problem(tgf, "SE-PR", None, "tgf")) == ["[a,c]"]
    assert list(solve_problem(apx, "EE-CO", None, "apx")) == ["[[a,c]]"]
    assert list(solve_problem(i23, "DS-ST", "2")) == ["NO", "w 1 3"]
    assert list(solve_problem(i23, "CE-PR")) == ["1"]


def test_malformed_frameworks_are_located() -> None:
    with pytest.raises(ParseError, match=r"<input>:2:1: expected arg\(a\)\. or att\(a,b\)\."):
        read_framework("arg(a).\natt(a b).\n", "apx")
    with pytest.raises(ParseError, match="expected an argument listed before '#'"):
        read_framework("a\n#\na z\n", "tgf")


def test_solver_cli_contract(tmp_path: Path) -> None:
    af = tmp_path / "t.af"
    af.write_text("p af 3\n1 2\n2 1\n2 3\n")
    assert _argmap("solve", "-p", "DS-PR", "-f", str(af), "-a", "3").stdout.split("\n")[0] == "NO"
    done = _argmap("solve", "-p", "DC-PR", "-f", str(af), "-a", "3")
    assert done.stdout == "YES\nw 1 3\n"
    assert "DS-PR" in _argmap("solve", "--problems").stdout
    assert _argmap("solve", "--formats").stdout.strip() == "[i23,apx,tgf]"
    bad = _argmap("solve", "-p", "DS-XX", "-f", str(af), "-a", "1")
    assert bad.returncode == 2 and "unknown problem 'DS-XX'" in bad.stderr


@pytest.mark.skipif(not ICCMA.is_dir(), reason="no ICCMA data beside the checkout")
def test_timeout_prints_no_answer_and_exits_3() -> None:
    crusti = next(ICCMA.glob("crusti*.af"))
    done = _argmap("solve", "-p", "EE-PR", "-f", str(crusti), "--timeout", "0.3")
    assert done.returncode == 3
    assert done.stdout == ""
    assert "timeout" in done.stderr


def test_solve_through_the_full_cli_answers_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from argmap.cli import app

    # solve sets OPENBLAS_NUM_THREADS in this process: leave the environment as it was
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)

    af = tmp_path / "t.af"
    af.write_text("p af 3\n1 2\n2 1\n2 3\n")
    done = CliRunner().invoke(app, ["solve", "-p", "DC-PR", "-f", str(af), "-a", "3"])
    assert done.exit_code == 0 and done.output == "YES\nw 1 3\n"
    assert "usage: argmap solve" in _argmap("solve", "--help").stdout
    missing = _argmap("solve", "-p", "SE-GR", "-f", str(tmp_path / "none.af"))
    assert missing.returncode == 2 and "none.af" in missing.stderr


def test_solve_loads_only_the_solver(tmp_path: Path) -> None:
    """A harness starts the solver once per question: the CLI's and the model's imports
    (Typer, Rich, the debate model, the format registry; python-sat, which the grounded
    extension does not need) would be paid on each, and so
    would the OpenBLAS threads numpy starts (one per core, taking CPU from the solvers a
    harness runs side by side)."""
    af = tmp_path / "t.af"
    af.write_text("p af 2\n1 2\n")
    script = (
        "import sys\n"
        "from argmap.entry import solve\n"
        f"assert solve(['-p', 'SE-GR', '-f', {str(af)!r}]) == 0\n"
        "heavy = {'typer', 'rich', 'argmap.model', 'argmap.formats.registry', 'argmap.cli',"
        " 'pysat.solvers'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
        "import os\n"
        "print(len(os.listdir('/proc/self/task')) if sys.platform == 'linux' else 1, 'thread(s)')\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout == "w 1\n[]\n1 thread(s)\n"
