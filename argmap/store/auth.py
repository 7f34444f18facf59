"""Passwords and secrets: argon2 hashes for passwords, SHA-256 for random secrets.

Session and API token secrets are 256 random bits, so a fast hash is enough: the
database only ever holds ``sha256(secret)``, and a leaked table gives no secret away.
Passwords are chosen by people and get argon2id.
"""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

__all__ = ["Passwords", "hash_secret", "new_key", "new_secret"]


def new_secret() -> str:
    """A fresh secret for a session or an API token: 43 URL-safe characters."""
    return secrets.token_urlsafe(32)


def hash_secret(secret: str) -> str:
    """The SHA-256 of ``secret`` in hex, which is what the database keeps.

    >>> hash_secret("abc")[:16]
    'ba7816bf8f01cfea'
    """
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_key() -> str:
    """A new debate key: 8 URL-safe characters (48 random bits)."""
    return secrets.token_urlsafe(6)


class Passwords:
    """Hash and check passwords with argon2id (``argon2-cffi``'s defaults unless given)."""

    def __init__(self, hasher: PasswordHasher | None = None) -> None:
        self.hasher = hasher or PasswordHasher()
        self._dummy: str | None = None

    def _dummy_hash(self) -> str:
        """A hash to check against when the user is unknown, so both cases take as long."""
        if self._dummy is None:
            self._dummy = self.hasher.hash(new_secret())
        return self._dummy

    def hash(self, password: str) -> str:
        return self.hasher.hash(password)

    def verify(self, stored_hash: str | None, password: str) -> bool:
        """Whether ``password`` matches ``stored_hash`` (``None``: no such user)."""
        try:
            return self.hasher.verify(stored_hash or self._dummy_hash(), password) and bool(
                stored_hash
            )
        except (VerificationError, InvalidHashError):
            return False

    def needs_rehash(self, stored_hash: str) -> bool:
        """Whether ``stored_hash`` was made with other parameters than the current ones."""
        try:
            return self.hasher.check_needs_rehash(stored_hash)
        except InvalidHashError:
            return False
