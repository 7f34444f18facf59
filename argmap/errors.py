"""The one exception hierarchy every argmap layer raises from."""

from __future__ import annotations


class ArgmapError(Exception):
    """Base of every error argmap raises on purpose (bad input, bad request)."""


class ValidationError(ArgmapError):
    """A debate breaks a rule of the model (duplicate id, dangling relation, ...).

    ``statement_id`` names the offending statement where there is one, so a reader
    can point back at the line that introduced it.
    """

    def __init__(self, message: str, statement_id: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.statement_id = statement_id


class ParseError(ArgmapError):
    """Input text that a reader cannot turn into a debate.

    Carries where (``path``, 1-based ``line`` and ``column``), what the reader
    ``expected`` and what it ``found`` there, so the message can be printed as
    ``FILE:LINE:COL: expected ..., found ...``.
    """

    def __init__(
        self,
        expected: str,
        found: str,
        line: int,
        column: int = 1,
        path: str | None = None,
    ) -> None:
        self.expected = expected
        self.found = found
        self.line = line
        self.column = column
        self.path = path
        super().__init__(self.location() + ": " + self.message())

    def message(self) -> str:
        """The message without its location."""
        return f"expected {self.expected}, found {self.found}"

    def location(self) -> str:
        """``FILE:LINE:COL`` (``<input>`` when the text came from no file)."""
        return f"{self.path or '<input>'}:{self.line}:{self.column}"

    def with_path(self, path: str) -> ParseError:
        """The same error, located in ``path``."""
        return ParseError(self.expected, self.found, self.line, self.column, path)
