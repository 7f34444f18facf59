"""Abstract argumentation frameworks in the ICCMA formats, as debates.

Three formats, the ones the ICCMA solver competitions use:

- ``i23`` (ICCMA'23, ``.af``): ``p af N``, then one attack ``a b`` a line; the
  arguments are ``1 .. N`` and ``#`` starts a comment line;
- ``apx`` (ICCMA'19, ASPARTIX): ``arg(a).`` and ``att(a,b).`` facts, ``%`` comments;
- ``tgf`` (ICCMA'19, Trivial Graph Format): one argument a line, ``#``, then one
  attack ``a b`` a line.

The text is parsed by :func:`argmap.semantics.iccma.read_framework`, the solver's
own parser, so ``argmap solve`` and these readers accept exactly the same files and
raise the same located :class:`~argmap.errors.ParseError`.

Conventions, so that a framework is a valid :class:`~argmap.model.Debate` and a
round trip ``read -> write -> read`` gives the same arguments and attacks:

- **Synthetic motion.** A debate needs exactly one motion and a framework has none,
  so the reader adds one: a statement of kind ``motion`` with id ``"motion"`` (or
  ``"motion-1"``, ``"motion-2"``, ... when an argument already has that name), title
  ``"Abstract argumentation framework (N arguments)"`` and no relation to or from it.
  ``debate.extras["iccma"]["synthetic_motion"]`` names it, and the writers leave it
  out as long as no relation touches it; otherwise (or in a debate not read from a
  framework) the motion is written as an ordinary argument.
- **Arguments and attacks.** Each argument becomes a statement whose id and title are
  its number (``"1"`` .. ``"N"`` for ``i23``) or its name (``apx``, ``tgf``); each
  attack becomes an ``attack`` relation (origin ``author``). Statements come in the
  file's order, after the motion.
- **Self-attacks.** The model has no relation from a statement to itself, so an
  argument that attacks itself is listed in ``debate.extras["iccma"]["self_attacks"]``
  (statement ids, in file order); the writers put those attacks back. The semantics
  do not read extras: ``debate_framework`` of such a debate lacks the self-attacks,
  so to reason about a file exactly, solve it (``argmap solve``) or write it back.

The writers write the Dung framework argmap reasons with:
:func:`argmap.semantics.bipolar.debate_framework`. Its arguments are the statements
(in statement order, the synthetic motion dropped) and its attacks are the debate's
attacks, undercuts read as attacks on the source of the relation they undercut, and
the *secondary attacks* that necessary support derives (an attack on ``a`` is also an
attack on everything ``a`` supports); an attack whose target weighs more than its
attacker fails and is not written; self-attacks kept in the extras are added. So a
solver run on the written file gives the verdicts ``argmap`` gives on the debate.
:func:`unrepresentable_in_iccma` lists what the written file does not carry (titles,
texts, supports, weights, votes, ...).

``i23`` numbers the arguments in statement order, except that a debate whose
arguments are exactly ``"1" .. "N"`` keeps those numbers. ``apx`` and ``tgf`` name
them by statement id; an id that cannot be a name in the format (``apx``: no blanks,
commas or parentheses; ``tgf``: no blanks, not ``#``) has those characters replaced
by ``_`` (and a suffix ``_2``, ``_3``, ... if that name is taken).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any, Literal

from argmap.errors import ParseError
from argmap.formats.source_text import slugify
from argmap.model import Debate, Relation, Source, Statement

# A module import, not ``from ... import read_framework``: the solver's module imports
# ``argmap.formats.source_text``, so this keeps working when the format registry
# imports this module while ``argmap.semantics.iccma`` is still being initialised.
from argmap.semantics import bipolar
from argmap.semantics import iccma as solver_formats
from argmap.semantics.framework import Framework

__all__ = [
    "MAX_ARGUMENTS",
    "ORIGIN",
    "read_apx",
    "read_iccma",
    "read_tgf",
    "unrepresentable_in_apx",
    "unrepresentable_in_iccma",
    "unrepresentable_in_tgf",
    "write_apx",
    "write_iccma",
    "write_tgf",
]

ORIGIN = "iccma"
EXTRAS_KEY = "iccma"

#: The most arguments a framework read as a debate may have. ``p af N`` declares
#: arguments that need no line of their own, so a short file could otherwise ask for
#: a billion statements; the solver (``argmap solve``) reads larger frameworks.
MAX_ARGUMENTS = 1_000_000

IccmaFormat = Literal["i23", "apx", "tgf"]

_P_LINE = re.compile(rb"[ \t]*p[ \t]+af[ \t]+(\d+)")
_BOM = b"\xef\xbb\xbf"


# ---------------------------------------------------------------------- reading


def _check_declared_size(data: bytes, path: str | None) -> None:
    """ParseError when the ``p af N`` line declares more than MAX_ARGUMENTS arguments.

    Mirrors the header scan of :meth:`Framework.from_iccma` (blank and ``#`` lines are
    skipped); anything else malformed is left to that parser to report.
    """
    start, number = 0, 1
    while start < len(data):
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        raw, start = data[start:end], end + 1
        stripped = raw.strip()
        if not stripped or stripped.startswith(b"#"):
            number += 1
            continue
        match = _P_LINE.match(raw)
        digits = match.group(1).lstrip(b"0") if match else b""
        # compare lengths first: int() refuses numbers of more than 4,300 digits
        if match and (len(digits) > len(str(MAX_ARGUMENTS)) or int(digits or b"0") > MAX_ARGUMENTS):
            raise ParseError(
                f"at most {MAX_ARGUMENTS:,} arguments (argmap solve reads larger frameworks)",
                repr(match.group(1).decode()[:20] + ("..." if len(match.group(1)) > 20 else "")),
                number,
                match.start(1) + 1,
                path,
            )
        return


def _i23_bytes(data: str | bytes, path: str | None) -> bytes:
    """The ``i23`` input as bytes for the solver's parser (a leading BOM dropped)."""
    if isinstance(data, str):
        try:
            raw = data.removeprefix("\ufeff").encode("utf-8")
        except UnicodeEncodeError as e:
            line = data.count("\n", 0, e.start) + 1
            column = e.start - (data.rfind("\n", 0, e.start) + 1) + 1
            found = f"the unpaired surrogate U+{ord(data[e.start]):04X}"
            raise ParseError("UTF-8 text", found, line, column, path) from e
    else:
        raw = bytes(data).removeprefix(_BOM)
    _check_declared_size(raw, path)
    # A final newline changes no line of the file, and keeps the solver's parser off a
    # path that fails on a body whose only line is an unterminated comment ("p af 0\n#").
    return raw if raw.endswith(b"\n") else raw + b"\n"


def _motion_id(names: Sequence[str]) -> str:
    taken = set(names)
    candidate, k = "motion", 0
    while candidate in taken:
        k += 1
        candidate = f"motion-{k}"
    return candidate


def _debate_of(af: Framework, path: str | None) -> Debate:
    """The debate of a framework, by the conventions of the module docstring."""
    names = af.names if af.names is not None else tuple(str(a + 1) for a in range(af.n))
    motion_id = _motion_id(names)
    plural = "" if af.n == 1 else "s"
    statements = [
        Statement(
            id=motion_id,
            title=f"Abstract argumentation framework ({af.n:,} argument{plural})",
            kind="motion",
            origin=ORIGIN,
        )
    ]
    statements += [Statement(id=name, title=name, origin=ORIGIN) for name in names]
    relations: list[Relation] = []
    self_attacks: list[str] = []
    for a, b in zip(af.src.tolist(), af.dst.tolist(), strict=True):
        if a == b:
            self_attacks.append(names[a])
        else:
            relations.append(Relation(names[a], names[b], "attack", origin="author"))
    return Debate(
        id=slugify(PurePath(path).stem) if path else "framework",
        statements=tuple(statements),
        relations=tuple(relations),
        extras={EXTRAS_KEY: {"synthetic_motion": motion_id, "self_attacks": self_attacks}},
    )


def read_iccma(text: str | bytes, path: str | None = None) -> Debate:
    """Read an ICCMA'23 framework (``p af N``, then ``a b`` lines) as a debate.

    Arguments ``1 .. N`` become statements ``"1" .. "N"`` under a synthetic motion
    (see the module docstring). Raises :class:`ParseError` (line, column) for
    malformed input, and for more than :data:`MAX_ARGUMENTS` arguments.

    >>> d = read_iccma("p af 3\\n# a comment\\n1 2\\n2 3\\n3 3\\n")
    >>> d.motion.title, [s.id for s in d.statements]
    ('Abstract argumentation framework (3 arguments)', ['motion', '1', '2', '3'])
    >>> [(r.source, r.target, r.kind) for r in d.relations], d.extras["iccma"]["self_attacks"]
    ([('1', '2', 'attack'), ('2', '3', 'attack')], ['3'])
    >>> read_iccma("p af 2\\n1 3\\n")
    Traceback (most recent call last):
    ...
    argmap.errors.ParseError: <input>:2:3: expected an argument between 1 and 2, found '3'
    """
    raw = _i23_bytes(text, path)
    return _debate_of(solver_formats.read_framework(raw, "i23", path), path)


def read_apx(text: str | bytes, path: str | None = None) -> Debate:
    """Read an ASPARTIX framework (``arg(a).``, ``att(a,b).``) as a debate.

    Statement ids and titles are the argument names, in order of declaration.

    >>> d = read_apx("arg(a).\\narg(b).\\n% a comment\\natt(a,b).\\n")
    >>> [s.id for s in d.statements], [(r.source, r.target) for r in d.relations]
    (['motion', 'a', 'b'], [('a', 'b')])
    >>> read_apx("arg(a).\\natt(a,z).\\n")
    Traceback (most recent call last):
    ...
    argmap.errors.ParseError: <input>:2:7: expected an argument declared by arg(...), found 'z'
    """
    return _debate_of(solver_formats.read_framework(text, "apx", path), path)


def read_tgf(text: str | bytes, path: str | None = None) -> Debate:
    """Read a Trivial Graph Format framework (arguments, ``#``, attacks) as a debate.

    A node line's first word is the argument's name; any label after it is ignored.

    >>> d = read_tgf("a\\nb\\n#\\nb a\\n")
    >>> [s.id for s in d.statements], [(r.source, r.target) for r in d.relations]
    (['motion', 'a', 'b'], [('b', 'a')])
    """
    return _debate_of(solver_formats.read_framework(text, "tgf", path), path)


# ---------------------------------------------------------------------- writing


def _iccma_extras(debate: Debate) -> dict[str, Any]:
    extras = debate.extras.get(EXTRAS_KEY)
    return extras if isinstance(extras, dict) else {}


def _self_attacks(debate: Debate) -> list[str]:
    """The statement ids ``extras["iccma"]["self_attacks"]`` lists (what a reader kept)."""
    listed = _iccma_extras(debate).get("self_attacks", ())
    if not isinstance(listed, list | tuple):
        return []
    return [sid for sid in listed if isinstance(sid, str)]


def _dropped_motion(debate: Debate) -> str | None:
    """The id of the synthetic motion when the writers leave it out, else None."""
    motion = debate.motion.id
    if _iccma_extras(debate).get("synthetic_motion") != motion:
        return None
    for r in debate.relations:
        if r.source == motion or (r.kind != "undercut" and r.target == motion):
            return None
    return motion


def _argument_ids(debate: Debate) -> list[str]:
    dropped = _dropped_motion(debate)
    return [s.id for s in debate.statements if s.id != dropped]


def _dung(debate: Debate) -> tuple[list[str], list[tuple[int, int]]]:
    """The written arguments (statement ids, in order) and attacks between them."""
    af = bipolar.debate_framework(debate)
    ids = [s.id for s in debate.statements]
    kept = _argument_ids(debate)
    position = {sid: k for k, sid in enumerate(kept)}
    edges: set[tuple[int, int]] = set()
    for a, b in zip(af.src.tolist(), af.dst.tolist(), strict=True):
        if ids[a] in position and ids[b] in position:
            edges.add((position[ids[a]], position[ids[b]]))
    for sid in _self_attacks(debate):
        if sid in position:
            edges.add((position[sid], position[sid]))
    return kept, sorted(edges)


def _keeps_numbers(ids: Sequence[str]) -> bool:
    return set(ids) == {str(k) for k in range(1, len(ids) + 1)}


_INVALID = {"apx": re.compile(r"[,()\s]"), "tgf": re.compile(r"\s|^\ufeff")}


def _valid_name(name: str, fmt: str) -> bool:
    return bool(name) and not _INVALID[fmt].search(name) and not (fmt == "tgf" and name == "#")


def _names(ids: Sequence[str], fmt: str) -> list[str]:
    """A distinct name that ``fmt`` can carry for each id (the id itself if it can)."""
    taken = {i for i in ids if _valid_name(i, fmt)}
    names: list[str] = []
    for sid in ids:
        if _valid_name(sid, fmt):
            names.append(sid)
            continue
        base = _INVALID[fmt].sub("_", sid) or "_"
        base = "_#" if base == "#" else base
        name, k = base, 1
        while name in taken:
            k += 1
            name = f"{base}_{k}"
        taken.add(name)
        names.append(name)
    return names


def write_iccma(debate: Debate) -> str:
    """The Dung framework of ``debate`` in ICCMA'23 format (``p af N``, ``a b`` lines).

    >>> from argmap.model import Debate, Relation, Source, Statement
    >>> d = Debate("d", (Statement("m", "M", kind="motion"), Statement("p", "P"),
    ...                  Statement("c", "C")),
    ...            (Relation("p", "m", "support"), Relation("c", "p", "attack")))
    >>> print(write_iccma(d), end="")  # m, p, c are 1, 2, 3; c attacks p, hence m
    p af 3
    3 1
    3 2
    >>> print(write_iccma(read_iccma("p af 2\\n2 1\\n2 2\\n")), end="")
    p af 2
    2 1
    2 2
    """
    ids, edges = _dung(debate)
    if _keeps_numbers(ids):
        number = [int(i) - 1 for i in ids]
        edges = [(number[a], number[b]) for a, b in edges]
    return Framework.from_edges(len(ids), edges).to_iccma()


def write_apx(debate: Debate) -> str:
    """The Dung framework of ``debate`` as ASPARTIX facts, named by statement id.

    >>> print(write_apx(read_tgf("a\\nb\\n#\\na b\\n")), end="")
    arg(a).
    arg(b).
    att(a,b).
    """
    ids, edges = _dung(debate)
    names = _names(ids, "apx")
    lines = [f"arg({name})." for name in names]
    lines += [f"att({names[a]},{names[b]})." for a, b in edges]
    return "".join(line + "\n" for line in lines)


def write_tgf(debate: Debate) -> str:
    """The Dung framework of ``debate`` in Trivial Graph Format, named by statement id.

    >>> print(write_tgf(read_apx("arg(a).\\narg(b).\\natt(b,a).\\n")), end="")
    a
    b
    #
    b a
    """
    ids, edges = _dung(debate)
    names = _names(ids, "tgf")
    lines = [*names, "#", *(f"{names[a]} {names[b]}" for a, b in edges)]
    return "".join(line + "\n" for line in lines)


def _plural(k: int, word: str) -> str:
    return f"{k} {word}" if k == 1 else f"{k} {word}s"


def unrepresentable_in_iccma(debate: Debate, fmt: IccmaFormat = "i23") -> list[str]:
    """What :func:`write_iccma` (or the ``apx``/``tgf`` writer) does not carry, a line each.

    Empty when nothing is lost, as for any debate these readers made.

    >>> unrepresentable_in_iccma(read_iccma("p af 2\\n1 2\\n"))
    []
    >>> from argmap.model import Debate, Relation, Source, Statement
    >>> d = Debate("d", (Statement("m", "M", kind="motion"), Statement("p", "P")),
    ...            (Relation("p", "m", "support"),))
    >>> for line in unrepresentable_in_iccma(d, "apx"):
    ...     print(line)
    the motion (written as an ordinary argument)
    the titles and texts of 2 statements
    1 support (Dung frameworks have attacks only; 0 attacks derived from supports)
    """
    by_id = {r.id: r for r in debate.relations if r.id}
    dropped = _dropped_motion(debate)
    ids, edges = _dung(debate)
    lost: list[str] = []
    if dropped is None:
        lost.append("the motion (written as an ordinary argument)")
    if fmt == "i23" and ids and not _keeps_numbers(ids):
        lost.append("statement ids (i23 numbers the arguments 1..N in statement order)")
    elif fmt != "i23":
        renamed = sum(1 for i, n in zip(ids, _names(ids, fmt), strict=True) if i != n)
        if renamed:
            lost.append(f"{_plural(renamed, 'statement id')} changed to fit {fmt} names")
    arguments = [s for s in debate.statements if s.id != dropped]
    titled = sum(1 for s in arguments if s.title != s.id or s.text)
    if titled:
        lost.append(f"the titles and texts of {_plural(titled, 'statement')}")
    kinds = sum(1 for s in arguments if s.kind in ("premise", "evidence"))
    if kinds:
        lost.append(f"{_plural(kinds, 'statement kind')} (premise, evidence)")

    position = {sid: k for k, sid in enumerate(ids)}
    direct: set[tuple[int, int]] = set()
    undercuts = ignored = supports = others = 0
    for r in debate.relations:
        if r.kind == "attack":
            direct.add((position[r.source], position[r.target]))
        elif r.kind == "support":
            supports += 1
        elif r.kind == "undercut":
            undercuts += 1
            target = by_id[r.target].source
            if target == r.source:
                ignored += 1
            else:
                direct.add((position[r.source], position[target]))
        else:
            others += 1
    written = set(edges)
    restored = {(position[i], position[i]) for i in _self_attacks(debate) if i in position}
    if supports:
        derived = len(written - direct - restored)
        lost.append(
            f"{_plural(supports, 'support')} (Dung frameworks have attacks only; "
            f"{_plural(derived, 'attack')} derived from supports)"
        )
    if undercuts:
        note = f", {ignored} undercutting their own inference ignored" if ignored else ""
        lost.append(
            f"{_plural(undercuts, 'undercut')} (written as attacks on the source of the "
            f"relation they undercut{note})"
        )
    if others:
        lost.append(f"{_plural(others, 'rephrase and preference relation')}")
    failed = len(direct - written)
    if failed:
        lost.append(
            f"{_plural(failed, 'attack')} left out: the target outweighs the attacker "
            "(weights as preferences)"
        )
    if any(s.weight != 0.5 for s in arguments):
        lost.append("statement weights")
    if any(
        r.weight != 1.0 or r.origin != "author" or r.confidence is not None
        for r in debate.relations
    ):
        lost.append("relation weights, origins and confidences")
    if debate.votes:
        lost.append(_plural(len(debate.votes), "vote"))
    if debate.description or debate.source != Source() or debate.tags:
        lost.append("the debate's description, source and tags")
    if any(s.sources or s.tags for s in debate.statements):
        lost.append("statement sources and tags")
    other_extras = sorted(k for k in debate.extras if k != EXTRAS_KEY)
    if other_extras:
        lost.append("format extras (" + ", ".join(other_extras) + ")")
    return lost


def unrepresentable_in_apx(debate: Debate) -> list[str]:
    """What :func:`write_apx` does not carry (see :func:`unrepresentable_in_iccma`).

    >>> unrepresentable_in_apx(read_apx("arg(a).\\n"))
    []
    """
    return unrepresentable_in_iccma(debate, "apx")


def unrepresentable_in_tgf(debate: Debate) -> list[str]:
    """What :func:`write_tgf` does not carry (see :func:`unrepresentable_in_iccma`).

    >>> unrepresentable_in_tgf(read_tgf("a\\n#\\n"))
    []
    """
    return unrepresentable_in_iccma(debate, "tgf")
