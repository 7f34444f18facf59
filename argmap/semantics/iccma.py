"""ICCMA solver tasks: problems, input formats and answers as the competitions print them.

``i23`` is the ICCMA'23 format (``p af N`` then ``a b`` lines, arguments 1..N) with
ICCMA'23 answers (``YES``/``NO``, certificates as ``w 1 3``); ``apx`` and ``tgf`` are
the ICCMA'19 formats with ICCMA'19 answers (``[a,c]``, ``[[a],[b,c]]``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from argmap.errors import ArgmapError, ParseError
from argmap.formats.source_text import decode_source, split_lines
from argmap.semantics import dung
from argmap.semantics.framework import Framework

__all__ = ["FORMATS", "PROBLEMS", "read_framework", "solve_problem"]

FORMATS = ("i23", "apx", "tgf")
_TASKS = ("SE", "DC", "DS", "EE", "CE")
_SEMANTICS = ("CO", "PR", "ST", "SST", "STG", "ID", "GR")
PROBLEMS = tuple(
    f"{t}-{s}" for s in _SEMANTICS for t in _TASKS if not (s in ("GR", "ID") and t == "DS")
)

_APX = re.compile(r"^\s*(arg|att)\(\s*([^,()\s]+)\s*(?:,\s*([^,()\s]+)\s*)?\)\s*\.\s*(%.*)?$")


def _read_apx(lines: list[str], path: str | None) -> Framework:
    names: dict[str, int] = {}
    edges: list[tuple[int, int]] = []
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.lstrip().startswith("%"):
            continue
        m = _APX.match(line)
        if not m or (m.group(1) == "arg") != (m.group(3) is None):
            raise ParseError("arg(a). or att(a,b).", repr(line.strip()[:40]), number, 1, path)
        if m.group(1) == "arg":
            names.setdefault(m.group(2), len(names))
            continue
        for end in (m.group(2), m.group(3)):
            if end not in names:
                column = line.index(end) + 1
                raise ParseError(
                    "an argument declared by arg(...)", repr(end), number, column, path
                )
        edges.append((names[m.group(2)], names[m.group(3)]))
    return Framework.from_edges(len(names), edges, names=tuple(names))


def _read_tgf(lines: list[str], path: str | None) -> Framework:
    names: dict[str, int] = {}
    edges: list[tuple[int, int]] = []
    in_edges = False
    for number, line in enumerate(lines, 1):
        parts = line.split()
        if not parts:
            continue
        if parts == ["#"]:
            in_edges = True
            continue
        if not in_edges:
            names.setdefault(parts[0], len(names))
            continue
        if len(parts) != 2:
            raise ParseError("an attack 'a b'", repr(line.strip()[:40]), number, 1, path)
        for end in parts:
            if end not in names:
                raise ParseError(
                    "an argument listed before '#'", repr(end), number, line.index(end) + 1, path
                )
        edges.append((names[parts[0]], names[parts[1]]))
    return Framework.from_edges(len(names), edges, names=tuple(names))


def read_framework(data: str | bytes, fmt: str = "i23", path: str | None = None) -> Framework:
    """Parse a framework in ``fmt`` (``i23``, ``apx`` or ``tgf``)."""
    if fmt == "i23":
        return Framework.from_iccma(data, path)
    lines = split_lines(decode_source(data, path))
    if fmt == "apx":
        return _read_apx(lines, path)
    if fmt == "tgf":
        return _read_tgf(lines, path)
    raise ArgmapError(f"unknown format {fmt!r}; supported: {', '.join(FORMATS)}")


def _query(af: Framework, fmt: str, argument: str | None) -> int:
    if argument is None:
        raise ArgmapError("this problem needs a query argument (-a)")
    if fmt == "i23":
        if not argument.isdigit() or not 1 <= int(argument) <= af.n:
            raise ArgmapError(f"query argument {argument!r} is not between 1 and {af.n}")
        return int(argument) - 1
    try:
        return af.index(argument)
    except (KeyError, ValueError, ArgmapError):
        raise ArgmapError(f"query argument {argument!r} is not in the framework") from None


def _show(af: Framework, fmt: str, ext: frozenset[int]) -> str:
    if fmt == "i23":
        return " ".join(["w", *(str(a + 1) for a in sorted(ext))])
    names = af.names or tuple(str(a + 1) for a in range(af.n))
    return "[" + ",".join(names[a] for a in sorted(ext)) + "]"


def solve_problem(
    af: Framework, problem: str, argument: str | None = None, fmt: str = "i23"
) -> Iterator[str]:
    """The answer lines for ``problem`` (e.g. ``DS-PR``), as the competition prints them.

    Lines are yielded as they are found, so an enumeration streams.

    >>> af = Framework.from_iccma("p af 3\\n1 2\\n2 3\\n")
    >>> list(solve_problem(af, "DC-CO", "3")), list(solve_problem(af, "DS-PR", "2"))
    (['YES', 'w 1 3'], ['NO', 'w 1 3'])
    >>> list(solve_problem(af, "SE-ST"))
    ['w 1 3']
    """
    task, _, sem = problem.upper().partition("-")
    if f"{task}-{sem}" not in PROBLEMS:
        raise ArgmapError(f"unknown problem {problem!r}; see --problems")
    if task == "SE":
        ext = dung.some_extension(af, sem)
        yield "NO" if ext is None else _show(af, fmt, ext)
    elif task == "DC":
        yes, witness = dung.credulous(af, sem, _query(af, fmt, argument))
        yield "YES" if yes else "NO"
        if yes and witness is not None and fmt == "i23":
            yield _show(af, fmt, witness)
    elif task == "DS":
        yes, counter = dung.skeptical(af, sem, _query(af, fmt, argument))
        yield "YES" if yes else "NO"
        if not yes and counter is not None and fmt == "i23":
            yield _show(af, fmt, counter)
    elif task == "CE":
        yield str(dung.count_extensions(af, sem))
    elif fmt == "i23":
        for ext in dung.extensions(af, sem):
            yield _show(af, fmt, ext)
    else:
        yield "[" + ",".join(_show(af, fmt, e) for e in dung.extensions(af, sem)) + "]"
