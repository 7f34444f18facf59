"""Abstract argumentation frameworks (Dung 1995) as immutable numpy-backed values.

A :class:`Framework` has arguments ``0 .. n-1`` and a set of attacks stored as two
parallel integer arrays ``src -> dst`` (attacker -> attacked), deduplicated and
sorted by ``(src, dst)``.  Both adjacency directions are available as CSR
(compressed sparse row) arrays, built on first use with vectorised numpy and
cached on the instance.

References
----------
.. [1] P. M. Dung, "On the acceptability of arguments and its fundamental role in
   nonmonotonic reasoning, logic programming and n-person games", *Artificial
   Intelligence* 77(2):321-357, 1995.
.. [2] ICCMA 2023 input format: ``p af N`` followed by one ``a b`` line per attack
   (1-based arguments, ``#`` starts a comment line).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import repeat
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from argmap.errors import ArgmapError, ParseError

__all__ = ["CSR", "Framework", "FrameworkError"]

IntArray = NDArray[np.int64]


class FrameworkError(ArgmapError, ValueError):
    """A framework, or a query on one, is malformed.

    Raised for attacks naming arguments outside ``0 .. n-1``, names that do not
    match the arguments, unknown argument names or indices, and unknown semantics.
    """


class CSR(NamedTuple):
    """One adjacency direction in compressed sparse row form.

    The neighbours of argument ``a`` are ``indices[indptr[a]:indptr[a + 1]]``
    (sorted ascending).
    """

    indptr: IntArray
    indices: IntArray

    def row(self, a: int) -> IntArray:
        """The neighbours of argument ``a`` (a read-only view)."""
        return self.indices[self.indptr[a] : self.indptr[a + 1]]

    def degrees(self) -> IntArray:
        """Number of neighbours of every argument."""
        return np.diff(self.indptr)


def _readonly(a: IntArray) -> IntArray:
    a.flags.writeable = False
    return a


@dataclass(frozen=True, eq=False, repr=False)
class Framework:
    """An abstract argumentation framework ``(A, R)`` with ``A = {0, ..., n-1}``.

    Parameters
    ----------
    n : int
        Number of arguments.
    src, dst : array_like of int
        Attacks ``src[i] -> dst[i]``; they are deduplicated and sorted by
        ``(src, dst)`` on construction, and stored as read-only ``int64`` arrays.
    names : tuple of str, optional
        One distinct display name per argument.

    Raises
    ------
    FrameworkError
        If an attack names an argument outside ``0 .. n-1`` or the names do not
        fit the arguments.

    Examples
    --------
    >>> af = Framework.from_edges(3, [(0, 1), (1, 2)], names=("a", "b", "c"))
    >>> af
    Framework(n=3, attacks=2)
    >>> af.attackers(2).tolist(), af.targets(0).tolist()
    ([1], [1])
    >>> af.index("c")
    2
    """

    n: int
    src: IntArray
    dst: IntArray
    names: tuple[str, ...] | None = None

    def __post_init__(self) -> None:
        n = int(self.n)
        if n < 0:
            raise FrameworkError(f"the number of arguments must be >= 0, not {n}")
        src = np.asarray(self.src, dtype=np.int64).ravel()
        dst = np.asarray(self.dst, dtype=np.int64).ravel()
        if src.shape != dst.shape:
            raise FrameworkError(f"src has {src.size} entries but dst has {dst.size}")
        if src.size:
            lo = min(int(src.min()), int(dst.min()))
            hi = max(int(src.max()), int(dst.max()))
            if lo < 0 or hi >= n:
                bad = lo if lo < 0 else hi
                raise FrameworkError(f"attack names argument {bad}, outside 0..{n - 1}")
            key = src * n + dst
            if key.size > 1 and not bool(np.all(key[1:] > key[:-1])):
                key = np.sort(key)
                key = key[np.concatenate(([True], key[1:] != key[:-1]))]
                src, dst = np.divmod(key, n)
            else:
                src, dst = src.copy(), dst.copy()
        object.__setattr__(self, "n", n)
        object.__setattr__(self, "src", _readonly(src))
        object.__setattr__(self, "dst", _readonly(dst))
        if self.names is not None:
            names = tuple(self.names)
            if len(names) != n:
                raise FrameworkError(f"{len(names)} names given for {n} arguments")
            if not all(map(isinstance, names, repeat(str))):
                raise FrameworkError("argument names must be strings")
            if len(set(names)) != n:
                raise FrameworkError("argument names must be distinct")
            object.__setattr__(self, "names", names)

    # ------------------------------------------------------------------ constructors

    @classmethod
    def from_edges(
        cls,
        n: int,
        edges: Iterable[tuple[int, int]] | Sequence[Sequence[int]] | NDArray[Any],
        names: Sequence[str] | None = None,
    ) -> Framework:
        """Build a framework from ``(attacker, attacked)`` pairs.

        Parameters
        ----------
        n : int
            Number of arguments.
        edges : iterable of (int, int) or array of shape (m, 2)
            The attacks, as 0-based argument indices.
        names : sequence of str, optional
            One distinct name per argument.

        Returns
        -------
        Framework

        Examples
        --------
        >>> af = Framework.from_edges(3, [(0, 1), (1, 2), (1, 2)])
        >>> af.src.tolist(), af.dst.tolist()
        ([0, 1], [1, 2])
        """
        arr = edges if isinstance(edges, np.ndarray) else np.array(list(edges), dtype=np.int64)
        arr = np.asarray(arr, dtype=np.int64)
        if arr.size == 0:
            arr = arr.reshape(0, 2)
        if arr.ndim != 2 or arr.shape[1] != 2:
            raise FrameworkError(f"edges must be pairs, got an array of shape {arr.shape}")
        return cls(n, arr[:, 0], arr[:, 1], None if names is None else tuple(names))

    @classmethod
    def from_iccma(cls, text: str | bytes, path: str | None = None) -> Framework:
        """Parse the ICCMA'23 ``.af`` format.

        The first line that is neither blank nor a ``#`` comment must be
        ``p af N``; every later non-comment line is blank or holds one attack
        ``a b`` with ``1 <= a, b <= N``.  Argument ``i`` of the file becomes index
        ``i - 1``.  The body is scanned and converted with vectorised numpy.

        Parameters
        ----------
        text : str or bytes
            The file contents.
        path : str, optional
            Used only to locate errors.

        Returns
        -------
        Framework

        Raises
        ------
        argmap.errors.ParseError
            With the 1-based line and column of the first malformed token.

        Examples
        --------
        >>> af = Framework.from_iccma("p af 3\\n# a comment\\n1 2\\n2 3\\n")
        >>> af.n, af.src.tolist(), af.dst.tolist()
        (3, [0, 1], [1, 2])
        >>> Framework.from_iccma("p af 3\\n1 4\\n")
        Traceback (most recent call last):
        ...
        argmap.errors.ParseError: <input>:2:3: expected an argument between 1 and 3, found '4'
        """
        data = text.encode() if isinstance(text, str) else bytes(text)
        try:
            return _parse_iccma(data)
        except ParseError as err:
            raise (err.with_path(path) if path else err) from None

    def to_iccma(self) -> str:
        """The framework in ICCMA'23 ``.af`` format (1-based arguments).

        Examples
        --------
        >>> print(Framework.from_edges(3, [(0, 1), (1, 2)]).to_iccma(), end="")
        p af 3
        1 2
        2 3
        """
        body = np.column_stack((self.src + 1, self.dst + 1))
        lines = [f"p af {self.n}"]
        if body.size:
            lines.append("\n".join(f"{a} {b}" for a, b in body.tolist()))
        return "\n".join(lines) + "\n"

    # ------------------------------------------------------------------ structure

    @property
    def m(self) -> int:
        """Number of (distinct) attacks."""
        return int(self.src.size)

    @cached_property
    def attackers_csr(self) -> CSR:
        """For each argument, the arguments attacking it (CSR, by ``dst``)."""
        key = np.sort(self.dst * max(self.n, 1) + self.src)
        indptr = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.dst, minlength=self.n), out=indptr[1:])
        return CSR(_readonly(indptr), _readonly(key % max(self.n, 1)))

    @cached_property
    def targets_csr(self) -> CSR:
        """For each argument, the arguments it attacks (CSR, by ``src``)."""
        indptr = np.zeros(self.n + 1, dtype=np.int64)
        np.cumsum(np.bincount(self.src, minlength=self.n), out=indptr[1:])
        return CSR(_readonly(indptr), self.dst)

    @cached_property
    def self_attacking(self) -> NDArray[np.bool_]:
        """Boolean mask of the arguments that attack themselves."""
        mask = np.zeros(self.n, dtype=np.bool_)
        mask[self.src[self.src == self.dst]] = True
        mask.flags.writeable = False
        return mask

    def attackers(self, a: int) -> IntArray:
        """The arguments attacking ``a``, ascending."""
        return self.attackers_csr.row(self.check_argument(a))

    def targets(self, a: int) -> IntArray:
        """The arguments attacked by ``a``, ascending."""
        return self.targets_csr.row(self.check_argument(a))

    def check_argument(self, a: int | np.integer[Any]) -> int:
        """Return ``a`` as a plain ``int`` after checking it is an argument.

        Raises
        ------
        FrameworkError
            If ``a`` is not an integer in ``0 .. n-1``.

        Examples
        --------
        >>> Framework.from_edges(3, []).check_argument(3)
        Traceback (most recent call last):
        ...
        argmap.semantics.framework.FrameworkError: argument 3 is not in 0..2
        """
        if isinstance(a, bool) or not isinstance(a, int | np.integer):
            raise FrameworkError(f"an argument is an int index, not {type(a).__name__}")
        i = int(a)
        if not 0 <= i < self.n:
            raise FrameworkError(f"argument {i} is not in 0..{self.n - 1}")
        return i

    def index(self, name: str) -> int:
        """The index of the argument called ``name``.

        Raises
        ------
        FrameworkError
            If the framework has no names or none is ``name``.
        """
        if self.names is None:
            raise FrameworkError("this framework has no argument names")
        try:
            return self._name_index[name]
        except KeyError:
            raise FrameworkError(f"no argument is named {name!r}") from None

    @cached_property
    def _name_index(self) -> dict[str, int]:
        return {s: i for i, s in enumerate(self.names or ())}

    # ------------------------------------------------------------------ value semantics

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Framework):
            return NotImplemented
        return (
            self.n == other.n
            and self.names == other.names
            and np.array_equal(self.src, other.src)
            and np.array_equal(self.dst, other.dst)
        )

    def __hash__(self) -> int:
        return hash((self.n, self.names, self.src.tobytes(), self.dst.tobytes()))

    def __repr__(self) -> str:
        return f"Framework(n={self.n}, attacks={self.m})"


# ---------------------------------------------------------------------- ICCMA parsing

_P_LINE = re.compile(rb"[ \t]*p[ \t]+af[ \t]+(\d+)[ \t]*\r?\Z")
_NL, _CR, _SP, _TAB, _HASH, _ZERO, _NINE = 10, 13, 32, 9, 35, 48, 57
_DIGIT = np.zeros(256, dtype=np.bool_)
_DIGIT[_ZERO : _NINE + 1] = True
_ALLOWED = _DIGIT.copy()
_ALLOWED[[_NL, _CR, _SP, _TAB]] = True


def _show(token: bytes) -> str:
    return repr(token.decode("utf-8", "replace")) if token else "end of line"


MAX_ARGUMENTS = 50_000_000  # beyond this the arrays alone outgrow a machine's memory


def _parse_iccma(data: bytes) -> Framework:
    if data and not data.endswith(b"\n"):  # a last line without its newline is still a line
        data += b"\n"
    # The header: skip blank and comment lines (few, so a Python loop is fine).
    pos, line = 0, 1
    n: int | None = None
    while pos < len(data):
        end = data.find(b"\n", pos)
        end = len(data) if end < 0 else end
        raw = data[pos:end]
        stripped = raw.strip()
        if stripped and not stripped.startswith(b"#"):
            match = _P_LINE.match(raw)
            if match is None:
                col = len(raw) - len(raw.lstrip()) + 1
                raise ParseError("'p af N'", _show(stripped.split()[0]), line, col)
            digits = match.group(1).lstrip(b"0") or b"0"
            if len(digits) > 9 or int(digits) > MAX_ARGUMENTS:
                col = match.start(1) + 1
                raise ParseError(
                    f"at most {MAX_ARGUMENTS:,} arguments", _show(digits[:24]), line, col
                )
            n = int(digits)
            pos, line = end + 1, line + 1
            break
        pos, line = end + 1, line + 1
    if n is None:
        raise ParseError("'p af N'", "end of input", line, 1)

    buf = np.frombuffer(data, dtype=np.uint8)[pos:]
    if buf.size == 0:
        return Framework(n, np.empty(0, np.int64), np.empty(0, np.int64))
    nlpos = np.flatnonzero(buf == _NL)
    line_starts = np.concatenate(([0], nlpos + 1))

    def where(i: int) -> tuple[int, int]:
        """1-based (line, column) of body byte ``i``."""
        li = int(np.searchsorted(nlpos, i))
        return line + li, i - int(line_starts[li]) + 1

    digit = _DIGIT[buf]
    ok = _ALLOWED[buf]
    first = buf[line_starts[line_starts < buf.size]]
    if bool((first == _HASH).any()):  # comment lines inside the body: blank them out
        comment = np.zeros(buf.size + 1, dtype=np.int8)
        cstarts = line_starts[: first.size][first == _HASH]
        comment[cstarts] += 1
        ends = np.searchsorted(nlpos, cstarts)
        comment[np.where(ends < nlpos.size, nlpos[np.minimum(ends, nlpos.size - 1)], buf.size)] -= 1
        in_comment = np.cumsum(comment[:-1], dtype=np.int8).astype(np.bool_)
        ok |= in_comment
        digit &= ~in_comment

    if not ok.all():
        i = int(np.argmax(~ok))
        stop = i + 1
        while stop < buf.size and not (ok[stop] and not digit[stop]):
            stop += 1
        found = _show(buf[i:stop].tobytes())
        raise ParseError("an attack 'a b' of argument numbers", found, *where(i))

    edges = np.diff(digit.view(np.int8), prepend=np.int8(0), append=np.int8(0))
    tok_start = np.flatnonzero(edges == 1)
    tok_stop = np.flatnonzero(edges == -1)  # exclusive
    tok_line = np.searchsorted(nlpos, tok_start)
    per_line = np.bincount(tok_line, minlength=nlpos.size + 1)
    bad_line = (per_line != 0) & (per_line != 2)
    if bad_line.any():
        li = int(np.argmax(bad_line))
        k = int(np.searchsorted(tok_line, li))
        if per_line[li] == 1:
            ln, col = where(int(tok_stop[k]) - 1)
            raise ParseError("a second argument number", "end of line", ln, col + 1)
        i = int(tok_start[k + 2])
        found = _show(buf[i : int(tok_stop[k + 2])].tobytes())
        raise ParseError("end of line after two argument numbers", found, *where(i))

    lengths = tok_stop - tok_start
    longest = int(lengths.max()) if lengths.size else 0
    values = np.zeros(tok_start.size, dtype=np.int64)
    short = lengths <= 18
    for j in range(min(longest, 18)):  # one vectorised pass per digit position
        live = short & (lengths > j)
        values[live] = values[live] * 10 + (buf[tok_start[live] + j] - _ZERO)
    bad_value = (values < 1) | (values > n) | ~short
    if bad_value.any():
        k = int(np.argmax(bad_value))
        i = int(tok_start[k])
        found = _show(buf[i : int(tok_stop[k])].tobytes())
        raise ParseError(f"an argument between 1 and {n}", found, *where(i))
    pairs = values.reshape(-1, 2) - 1
    return Framework(n, pairs[:, 0], pairs[:, 1])
