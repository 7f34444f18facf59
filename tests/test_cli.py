"""The command line, through Typer's runner and once as the installed program."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmap.cli import app
from argmap.formats.native import read_native
from argmap.formats.procon import read_procon
from tests.conftest import EXAMPLES, SEED

runner = CliRunner()


def test_analyze_shows_motion_source_sides_relations_and_verdict() -> None:
    result = runner.invoke(app, ["analyze", str(SEED)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Should the Biden Administration Pressure the Ukrainians" in out
    assert "Belfer Center for Science and International Affairs" in out
    assert "Pro: supports the motion (5)" in out
    assert "Con: attacks the motion (5)" in out
    assert out.index("Avoiding A Protracted Conflict") < out.index("Similar Aggression")
    assert "Relations (10)" in out
    assert "Verdict" in out
    assert "It is important to recognize" not in out  # texts only with --full
    full = runner.invoke(app, ["analyze", str(SEED), "--full"], env={"COLUMNS": "200"})
    assert "It is important to recognize the limitations" in full.stdout


def test_analyze_shows_nested_arguments_as_a_tree() -> None:
    example = EXAMPLES / "03_nuclear_power.md"
    debate = read_procon(example.read_bytes())
    nested = next(s for s in debate.statements if "." in s.id)
    result = runner.invoke(app, ["analyze", str(example)], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    line = next(x for x in result.stdout.splitlines() if nested.title in x)
    assert line.startswith(("│", " ")), line  # drawn one level below its parent


def test_analyze_json_prints_native_json_only() -> None:
    result = runner.invoke(app, ["analyze", str(SEED), "--json"])
    assert result.exit_code == 0
    assert read_native(result.stdout) == read_procon(SEED.read_bytes(), str(SEED))
    assert json.loads(result.stdout)["argmap"] == 1


def test_convert_both_ways(tmp_path: Path) -> None:
    as_json = tmp_path / "seed.json"
    result = runner.invoke(app, ["convert", str(SEED), str(as_json)])
    assert result.exit_code == 0, result.output
    assert read_native(as_json.read_text()) == read_procon(SEED.read_bytes(), str(SEED))
    back = tmp_path / "seed.md"
    result = runner.invoke(app, ["convert", str(as_json), str(back)])
    assert result.exit_code == 0, result.output
    again = read_procon(back.read_bytes())
    assert [s.title for s in again.statements] == [
        s.title for s in read_procon(SEED.read_bytes()).statements
    ]


def test_convert_warns_about_what_the_target_cannot_hold(tmp_path: Path) -> None:
    doc = json.loads(runner.invoke(app, ["analyze", str(SEED), "--json"]).stdout)
    doc["relations"].append({"source": "con-1", "target": "pro-1", "kind": "attack"})
    src = tmp_path / "cross.json"
    src.write_text(json.dumps(doc))
    result = runner.invoke(app, ["convert", str(src), str(tmp_path / "cross.txt")])
    assert result.exit_code == 0
    assert "does not keep 1 relations beyond the tree" in result.stderr


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("Agree\n\nx: y\n", ":1:1: expected a motion"),
        ("Motion: M\n\nPro\n\n", ":3:1: expected at least one argument under 'Pro'"),
        ('{"argmap": 1,\n  "motion": }', ":2:13: expected valid JSON"),
    ],
)
def test_user_errors_are_one_located_line_and_exit_2(
    tmp_path: Path, content: str, expected: str
) -> None:
    path = tmp_path / ("bad.json" if content.startswith("{") else "bad.txt")
    path.write_text(content)
    result = runner.invoke(app, ["analyze", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{path}{expected}")
    assert "Traceback" not in result.output


def test_missing_file_and_unknown_format(tmp_path: Path) -> None:
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{tmp_path / 'nope.txt'}: no such file"
    odd = tmp_path / "debate.xyz"
    odd.write_text("Motion: M\n\nPro\n\n- a: b\n")
    result = runner.invoke(app, ["analyze", str(odd)])
    assert result.exit_code == 2
    assert "cannot tell the format" in result.stderr
    assert runner.invoke(app, ["analyze", str(odd), "--from", "procon"]).exit_code == 0
    result = runner.invoke(app, ["convert", str(odd), str(tmp_path / "x.json"), "--from", "yaml"])
    assert result.exit_code == 2 and "unknown format 'yaml'" in result.stderr


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("Agree\n")
    result = runner.invoke(app, ["analyze", str(bad), "--debug"])
    assert result.exit_code != 0
    assert result.exception is not None
    assert type(result.exception).__name__ == "ParseError"


def test_the_installed_program_runs() -> None:
    exe = shutil.which("argmap", path=str(Path(sys.executable).parent))
    assert exe is not None, "argmap is not installed beside this Python"
    done = subprocess.run(
        [exe, "analyze", str(SEED), "--json"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["motion"] == "motion"
    bad = subprocess.run(
        [exe, "analyze", str(EXAMPLES / "does-not-exist.txt")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2
    assert bad.stderr.strip().endswith("does-not-exist.txt: no such file")


def test_analyze_prints_verdicts_statuses_and_crux() -> None:
    result = runner.invoke(app, ["analyze", str(SEED)], env={"COLUMNS": "200"})
    out = result.stdout
    assert "Verdict  DF-QuAD: 0.50, undecided: the sides balance" in out
    for name in ("QuAD", "Euler-based", "quadratic energy", "h-categorizer"):
        assert name in out
    assert "grounded out · preferred rejected" in out  # the motion
    assert "grounded in · preferred skeptical" in out  # an unanswered argument
    assert "Crux" in out and "1. " in out


def test_analyze_what_if_and_semantics() -> None:
    result = runner.invoke(
        app,
        [
            "analyze",
            str(SEED),
            "--set",
            "Sustainability of Western Support=0.9",
            "--semantics",
            "euler",
        ],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "Verdict  Euler-based:" in result.stdout
    assert "the motion is carried" in result.stdout
    assert "what-if: Sustainability of Western Support = 0.9" in result.stdout
    bad = runner.invoke(app, ["analyze", str(SEED), "--set", "Nope=0.3"])
    assert bad.exit_code == 2
    assert "no statement has that id or title" in bad.stderr
    bad = runner.invoke(app, ["analyze", str(SEED), "--semantics", "vibes"])
    assert bad.exit_code == 2
    assert "unknown semantics 'vibes'" in bad.stderr


def test_convert_to_stdout_and_by_content(tmp_path: Path) -> None:
    result = runner.invoke(app, ["convert", str(SEED), "-"])
    assert result.exit_code == 0, result.output
    assert read_native(result.stdout) == read_procon(SEED.read_bytes(), str(SEED))
    result = runner.invoke(app, ["convert", str(SEED), "-", "--to", "procon"])
    assert read_procon(result.stdout).motion.title.startswith("Should the Biden")
    # a file without a known extension is recognised by its content
    unnamed = tmp_path / "debate.data"
    unnamed.write_text(runner.invoke(app, ["analyze", str(SEED), "--json"]).stdout)
    assert runner.invoke(app, ["analyze", str(unnamed), "--json"]).exit_code == 0


def test_serve_imports_the_file_and_answers(tmp_path: Path) -> None:
    import socket
    import time
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = shutil.which("argmap", path=str(Path(sys.executable).parent))
    assert exe is not None
    db = f"sqlite:///{tmp_path / 'serve.db'}"
    server = subprocess.Popen(
        [exe, "serve", str(SEED), "--port", str(port), "--db", db],
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        body = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/debates") as answer:
                    body = json.loads(answer.read())
                break
            except OSError:
                time.sleep(0.1)
        assert body is not None, "the server did not answer"
        assert body["total"] == 1
        assert body["items"][0]["title"].startswith("Should the Biden Administration")
    finally:
        server.terminate()
        _, err = server.communicate(timeout=10)
    assert f"argmap serving at http://127.0.0.1:{port}/d/" in err
