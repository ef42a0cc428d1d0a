"""Passwords (argon2) and bearer tokens (random, stored only as a keyed hash)."""

from __future__ import annotations

import hashlib
import hmac
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

#: Tokens start with this prefix, so that secret scanners and people can recognise them.
TOKEN_PREFIX = "tfh_"


class Passwords:
    """argon2id hashing with the settings' cost."""

    def __init__(self, *, time_cost: int, memory_kib: int) -> None:
        self._hasher = PasswordHasher(time_cost=time_cost, memory_cost=memory_kib)
        # Checked when the e-mail is unknown, so that a failed login takes as long either way.
        self._dummy = self._hasher.hash(secrets.token_hex(16))

    def hash(self, password: str) -> str:
        return self._hasher.hash(password)

    def verify(self, password_hash: str | None, password: str) -> bool:
        try:
            return self._hasher.verify(password_hash or self._dummy, password) and (
                password_hash is not None
            )
        except (VerificationError, InvalidHashError):
            return False


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(secret: bytes, token: str) -> str:
    """The stored form of a token: HMAC-SHA256 under the hub's secret.

    Tokens carry 256 random bits, so a fast keyed hash suffices (argon2 is for guessable
    passwords); the key means a copy of the database alone cannot be checked against tokens.
    """
    return hmac.new(secret, token.encode("utf-8"), hashlib.sha256).hexdigest()
