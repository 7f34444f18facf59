"""Native JSON: exact round trips and located errors."""

from __future__ import annotations

import contextlib
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.errors import ParseError
from argmap.formats.native import read_native, write_native
from argmap.formats.procon import read_procon
from argmap.model import Debate
from tests.conftest import SEED
from tests.strategies import debates


@given(debates())
@settings(max_examples=200, deadline=None)
def test_write_then_read_gives_the_same_debate(debate: Debate) -> None:
    assert read_native(write_native(debate)) == debate
    assert read_native(write_native(debate).encode()) == debate


def test_the_documented_keys_are_there_for_other_tools() -> None:
    doc = json.loads(write_native(read_procon(SEED.read_bytes())))
    assert doc["argmap"] == 1
    assert doc["motion"] == "motion"
    assert doc["source"]["title"].startswith("Belfer Center")
    statement = doc["statements"][1]
    assert set(statement) >= {"id", "title", "text", "kind", "weight", "span"}
    assert statement["title"] == "Avoiding A Protracted Conflict"
    assert statement["span"] == [6, 6]
    relation = doc["relations"][0]
    assert set(relation) >= {"source", "target", "kind", "weight", "origin"}
    assert (relation["source"], relation["target"], relation["kind"]) == (
        "pro-1",
        "motion",
        "support",
    )


def _error(text: str) -> ParseError:
    with pytest.raises(ParseError) as info:
        read_native(text, "d.json")
    return info.value


def test_invalid_json_is_located() -> None:
    e = _error('{"argmap": 1,\n  "motion": "m",\n  oops\n}')
    assert (e.line, e.column) == (3, 3)
    assert str(e).startswith("d.json:3:3: expected valid JSON")


def test_unknown_version_is_refused() -> None:
    e = _error('{"argmap": 2, "motion": "m", "statements": []}')
    assert "the only version this argmap reads" in str(e)
    assert "found 2" in str(e)


def test_missing_key_and_wrong_type_are_named() -> None:
    assert "key 'motion' in the document" in str(_error('{"argmap": 1, "statements": []}'))
    e = _error(
        '{"argmap": 1, "motion": "m",\n "statements": [\n'
        '  {"id": "m", "title": 3, "kind": "motion"}]}'
    )
    assert "'title' of statement 1 to be a string, found 3" in str(e)
    assert e.line == 3


def test_model_errors_point_at_the_offending_statement() -> None:
    text = json.dumps(
        {
            "argmap": 1,
            "motion": "m",
            "statements": [
                {"id": "m", "title": "M", "kind": "motion"},
                {"id": "a", "title": "A"},
                {"id": "a", "title": "A again"},
            ],
        },
        indent=2,
    )
    e = _error(text)
    assert "duplicate statement id 'a'" in str(e)
    assert text.splitlines()[e.line - 1].strip() == '"id": "a",'
    assert e.line == text.splitlines().index('      "id": "a",', 12) + 1


def test_motion_key_must_name_the_motion_statement() -> None:
    e = _error(
        '{"argmap": 1, "motion": "x", "statements": [{"id": "m", "title": "M", "kind": "motion"}]}'
    )
    assert 'named by "motion"' in str(e)


_JSON_BITS = [
    '{"argmap": 1, "motion": "m", "statements": [',
    '{"id": "m", "title": "M", "kind": "motion"}',
    '{"id": "a", "title": "A", "weight": 2}',
    '], "relations": [',
    '{"source": "a", "target": "m", "kind": "attack"}',
    '"span": [1, 2]',
    '"votes": [{"voter": "v", "statement": "a", "weight": 0.5}]',
    '"extras": {"x": [1]}',
    "]}",
    ",",
    "null",
    "true",
    "1e999",
    '"\\ud800"',
    "}",
]


@given(
    st.lists(st.sampled_from(_JSON_BITS) | st.text(max_size=5), max_size=20).map("".join)
    | st.binary(max_size=40)
)
@settings(max_examples=10_000, deadline=None)
def test_fuzz_nothing_but_parse_error_escapes(text: str | bytes) -> None:
    with contextlib.suppress(ParseError):
        read_native(text)
