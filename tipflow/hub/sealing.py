"""Sensitive fields sealed at rest: authenticated encryption (Fernet: AES-128-CBC + HMAC-SHA256,
from ``cryptography``) under the hub's data key, separate from the token secret.

What is sealed is a JSON object; the database holds only the token. A copy of the database
without the key reveals nothing of it, and a changed token does not open (``SealBroken``). Keys
rotate: the first key seals, every listed key opens; ``reseal`` moves a token to the first key.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from tipflow.errors import ConfigError


class SealBroken(Exception):
    """A sealed value does not open with any of the hub's data keys (changed, or another key)."""


class Sealer:
    def __init__(self, keys: Sequence[bytes]) -> None:
        if not keys:
            raise ConfigError("the hub's data key is empty: give one Fernet key at least")
        try:
            self._fernet = MultiFernet([Fernet(key) for key in keys])
        except (ValueError, TypeError) as exc:
            raise ConfigError(
                "the hub's data key is not a Fernet key (32 url-safe base64-encoded bytes; "
                "make one with `python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'`)"
            ) from exc

    def seal(self, value: Mapping[str, object]) -> bytes:
        text = json.dumps(value, sort_keys=True, separators=(",", ":"), default=str)
        return self._fernet.encrypt(text.encode("utf-8"))

    def open(self, token: bytes) -> dict[str, object]:
        try:
            opened = json.loads(self._fernet.decrypt(token))
        except InvalidToken as exc:
            raise SealBroken("a sealed value does not open with the hub's data keys") from exc
        if not isinstance(opened, dict):
            raise SealBroken("a sealed value is not an object")
        return opened

    def reseal(self, token: bytes) -> bytes:
        try:
            return self._fernet.rotate(token)
        except InvalidToken as exc:
            raise SealBroken("a sealed value does not open with the hub's data keys") from exc
