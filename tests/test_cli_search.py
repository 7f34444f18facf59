"""`argmap index`, `search`, `counter` and `analyze --mine`, as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from argmap.cli import app
from tests.conftest import EXAMPLES, SEED

runner = CliRunner()
NUCLEAR = EXAMPLES / "03_nuclear_power.md"


def test_index_then_search_and_counter(tmp_path: Path) -> None:
    where = tmp_path / "idx"
    made = runner.invoke(app, ["index", str(EXAMPLES), "--out", str(where), "--json"])
    assert made.exit_code == 0, made.output
    summary = json.loads(made.stdout)
    assert summary["debates"] == len(
        [p for p in EXAMPLES.rglob("*") if p.is_file() and p.suffix != ""]
    )
    assert summary["documents"] > 100 and summary["embeddings"] is True
    assert (where / "index.json").is_file()

    found = runner.invoke(
        app, ["search", "radioactive waste storage", "--index", str(where), "--json", "-k", "3"]
    )
    assert found.exit_code == 0, found.output
    hits = json.loads(found.stdout)
    assert [h["rank"] for h in hits] == [1, 2, 3]
    assert any("Waste" in h["title"] for h in hits)
    assert all(h["debate"].endswith("03_nuclear_power.md") for h in hits[:2])

    # A statement of the index, by id: its answers come first, then the other side.
    waste = next(h for h in hits if "Waste" in h["title"])
    answers = runner.invoke(app, ["counter", waste["id"], "--index", str(where), "--json"])
    assert answers.exit_code == 0, answers.output
    ranked = json.loads(answers.stdout)
    assert ranked and waste["id"] not in [h["id"] for h in ranked]
    assert ranked[0]["side"] != waste["side"] and ranked[0]["debate"] == waste["debate"]

    table = runner.invoke(
        app,
        ["counter", "Reactors take too long to build", "--index", str(where)],
        env={"COLUMNS": "160"},
    )
    assert table.exit_code == 0 and "for: Reactors take too long to build" in table.stdout
    # Free text against nuclear power: answered by the side for it, not by "Cost and Delay"
    free = runner.invoke(
        app, ["counter", "Reactors take too long to build", "--index", str(where), "--json"]
    )
    first = json.loads(free.stdout)[0]
    assert first["debate"].endswith("03_nuclear_power.md") and first["side"] == "pro"


def test_index_without_embeddings_and_progress_goes_to_stderr(tmp_path: Path) -> None:
    where = tmp_path / "bm25"
    made = runner.invoke(app, ["index", str(NUCLEAR), "--out", str(where), "--no-embeddings"])
    assert made.exit_code == 0, made.output
    assert made.stdout == ""
    assert "indexed" in made.stderr and "1 debates" in made.stderr
    hits = runner.invoke(app, ["search", "waste", "--index", str(where), "--json"])
    assert json.loads(hits.stdout)[0]["title"] == "Unsolved Waste Problem"
    dense = runner.invoke(app, ["search", "waste", "--index", str(where), "--method", "dense"])
    assert dense.exit_code == 2 and "built without embeddings" in dense.stderr


def test_search_errors_are_one_line(tmp_path: Path) -> None:
    missing = runner.invoke(app, ["search", "x", "--index", str(tmp_path / "none")])
    assert missing.exit_code == 2 and "no search index here" in missing.stderr
    nothing = runner.invoke(app, ["index", "--out", str(tmp_path / "i")])
    assert nothing.exit_code == 2 and "nothing to index" in nothing.stderr
    absent = runner.invoke(app, ["index", str(tmp_path / "nope.md")])
    assert absent.exit_code == 2 and "no such file or folder" in absent.stderr


def test_analyze_mine_adds_marked_relations_that_the_verdict_uses() -> None:
    plain = runner.invoke(app, ["analyze", str(SEED), "--json"])
    mined = runner.invoke(app, ["analyze", str(SEED), "--mine", "--json"])
    assert mined.exit_code == 0, mined.output
    before = json.loads(plain.stdout)["relations"]
    after = json.loads(mined.stdout)["relations"]
    new = [r for r in after if r not in before]
    assert new and all(r["origin"] == "miner" and 0 < r["confidence"] <= 1 for r in new)
    assert before == after[: len(before)]  # the author's relations stay as they were
    shown = runner.invoke(app, ["analyze", str(SEED), "--mine"], env={"COLUMNS": "200"})
    assert "miner 0." in shown.stdout
    # The verdict reads the mined attacks: the motion's strength moves.
    assert "DF-QuAD: 0.50" in runner.invoke(app, ["analyze", str(SEED)]).stdout
    assert "DF-QuAD: 0.50" not in shown.stdout
    none = runner.invoke(app, ["analyze", str(SEED), "--mine", "--threshold", "1", "--json"])
    assert json.loads(none.stdout)["relations"] == before


def test_index_the_public_debates_of_a_store(tmp_path: Path) -> None:
    from argmap.files import load_debate
    from argmap.store import Store

    url = f"sqlite:///{tmp_path / 'argmap.db'}"
    store = Store(url)
    try:
        public = store.add_debate(load_debate(NUCLEAR), None, public=True)
        store.add_debate(load_debate(SEED), None, public=False)
    finally:
        store.close()
    where = tmp_path / "idx"
    made = runner.invoke(
        app, ["index", "--db", url, "--out", str(where), "--no-embeddings", "--json"]
    )
    assert made.exit_code == 0, made.output
    assert json.loads(made.stdout)["debates"] == 1  # the private debate stays out
    hits = json.loads(
        runner.invoke(app, ["search", "waste", "--index", str(where), "--json"]).stdout
    )
    assert hits[0]["debate"] == public and hits[0]["id"].startswith(f"{public}/")


def test_a_motion_is_never_offered_as_a_counterargument(tmp_path: Path) -> None:
    where = tmp_path / "idx"
    runner.invoke(app, ["index", str(NUCLEAR), "--out", str(where), "--no-embeddings"])
    motion = "The government should fund a new generation of nuclear power stations."
    found = json.loads(
        runner.invoke(app, ["search", motion, "--index", str(where), "--json"]).stdout
    )
    assert found[0]["title"] == motion  # the search finds it ...
    answers = json.loads(
        runner.invoke(
            app,
            [
                "counter",
                "Nuclear power stations are worth funding",
                "--index",
                str(where),
                "--json",
                "-k",
                "20",
            ],
        ).stdout
    )
    assert answers and motion not in [h["title"] for h in answers]  # ... the counter does not
