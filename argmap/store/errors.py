"""What the store raises: every error is an :class:`~argmap.errors.ArgmapError`."""

from __future__ import annotations

from argmap.errors import ArgmapError

__all__ = ["Conflict", "NotFound", "StoreError"]


class StoreError(ArgmapError):
    """Base of the store's errors."""


class NotFound(StoreError):
    """An unknown debate, statement, relation, user or revision."""


class Conflict(StoreError):
    """A write the store refuses: a duplicate user name, a stale revision, an invalid edit.

    An edit that breaks a rule of the model carries the model's message unchanged.
    """
