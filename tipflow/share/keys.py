"""The partnership key: read, generated, fingerprinted, and the sub-keys derived from it.

Every member of a partnership holds the same secret key file; a token is an HMAC under it, so
someone without the key (the hub) cannot test guesses such as "is +13125550199 in here?".
The key itself is never written to any output: the manifest carries a fingerprint (SHA-256 of
the key's SHA-256) so members can check they used the same key without revealing it.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

from tipflow.errors import ConfigError

#: Shortest key accepted: 256 bits, the output size of HMAC-SHA256.
MIN_KEY_BYTES = 32


def read_key(path: Path) -> bytes:
    """The key bytes in ``path``; a missing, unreadable or short key is a ConfigError."""
    try:
        key = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the key file ({exc.strerror})") from exc
    if len(key) < MIN_KEY_BYTES:
        raise ConfigError(
            f"{path}: the key has {len(key)} bytes; a partnership key needs at least "
            f"{MIN_KEY_BYTES} random bytes (make one with `tipflow share keygen`)"
        )
    return key


def generate_key(path: Path) -> Path:
    """Write 32 random bytes to ``path``, readable by its owner only; never overwrites."""
    if path.exists():
        raise ConfigError(f"{path}: already exists; a key is never overwritten")
    path.parent.mkdir(parents=True, exist_ok=True)
    # O_EXCL + mode 0600 at creation: the key is never readable by others, not even briefly
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(secrets.token_bytes(MIN_KEY_BYTES))
    return path


def key_fingerprint(key: bytes) -> str:
    """SHA-256 of the key's SHA-256, hex: tells keys apart without revealing them."""
    return hashlib.sha256(hashlib.sha256(key).digest()).hexdigest()


def derive_key(key: bytes, purpose: str) -> bytes:
    """A sub-key for one purpose, so that tokens and name encodings never share a key."""
    return hmac.new(key, f"tipflow-share-v1:{purpose}".encode(), hashlib.sha256).digest()


def hmac_hex(key: bytes, message: str) -> str:
    return hmac.new(key, message.encode("utf-8"), hashlib.sha256).hexdigest()


def identifier_token(token_key: bytes, kind: str, value: str) -> str:
    """The token of one normalised identifier under ``derive_key(key, "token")``: what a
    member's token file holds and what a requester's target must equal."""
    return hmac_hex(token_key, f"{kind}:{value}")
