"""Names as cryptographic long-term keys (CLKs): keyed Bloom filters of character bigrams.

Schnell, Bachteler and Reiher (2009): the normalised name is cut into bigrams (" j", "jo",
"oh", ..., "n "); each bigram sets ``HASHES`` positions in a ``BITS``-bit filter, chosen by
double hashing ``(h1 + i * h2) mod BITS`` with two *keyed* hashes (HMAC-SHA256 and HMAC-SHA1
under sub-keys of the partnership key). Names that share most bigrams share most bits, so
their Dice coefficient is high: "Maria Gonzalez" and "Maria Gonzales" still match, which an
exact token cannot do.

Written here rather than taken from ``clkhash``: clkhash pins ``mypy_extensions<0.5``, which
breaks the mypy tipflow is checked with. The encoding is the classic one (bigrams, double
hashing, 1024 bits); it is *not* hardened against frequency attacks (see docs/sharing.md), which
is why a name match is only ever supporting evidence in the linkage.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

from anyascii import anyascii
from bitarray import bitarray

from tipflow.share.keys import derive_key

#: Filter length in bits (a multiple of 8, as anonlink's accelerated Dice requires).
BITS = 1024
#: Positions set per bigram.
HASHES = 20
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def normalise_name(name: str) -> str:
    """Lower-case ASCII letters and digits, one space between words ("José  O'Neil" →
    "jose o neil"); non-Latin scripts are transliterated so they still have bigrams."""
    return _NOT_ALNUM.sub(" ", anyascii(name).lower()).strip()


def bigrams(normalised: str) -> list[str]:
    """Character bigrams of the name padded with one space at each end, without repeats."""
    if not normalised:
        return []
    padded = f" {normalised} "
    return sorted({padded[i : i + 2] for i in range(len(padded) - 1)})


class ClkEncoder:
    """Encodes names under one partnership key; the same key gives the same filters."""

    def __init__(self, key: bytes, bits: int = BITS, hashes: int = HASHES) -> None:
        if bits % 8:
            raise ValueError("the filter length must be a multiple of 8 bits")
        self.bits = bits
        self.hashes = hashes
        self._key_sha256 = derive_key(key, "clk-sha256")
        self._key_sha1 = derive_key(key, "clk-sha1")

    def encode(self, name: str) -> bitarray:
        """The CLK of ``name`` (normalised here); an empty name gives an all-zero filter."""
        clk = bitarray(self.bits, endian="big")
        clk.setall(0)
        for gram in bigrams(normalise_name(name)):
            data = gram.encode("utf-8")
            h1 = int.from_bytes(hmac.new(self._key_sha256, data, hashlib.sha256).digest(), "big")
            h2 = int.from_bytes(hmac.new(self._key_sha1, data, hashlib.sha1).digest(), "big")
            for i in range(self.hashes):
                clk[(h1 + i * h2) % self.bits] = 1
        return clk


def to_base64(clk: bitarray) -> str:
    return base64.b64encode(clk.tobytes()).decode("ascii")


def from_base64(text: str) -> bitarray:
    clk = bitarray(endian="big")
    clk.frombytes(base64.b64decode(text))
    return clk


def dice(a: bitarray, b: bitarray) -> float:
    """Dice coefficient 2|A∩B| / (|A| + |B|); 0 for two empty filters."""
    total = a.count() + b.count()
    return 2 * (a & b).count() / total if total else 0.0
