"""Values fitted to goAML's simple types: lengths, name alphabets, dates, amounts, phones.

A report the FIU rejects helps nobody, so every value the writer puts in the XML passes through
here first: characters XML cannot carry are dropped, text is cut to the element's maximum,
names are transliterated to the edition's alphabet, dates before SQL Server's 1753 floor are
left out rather than invented.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
import re
from decimal import Decimal
from functools import cache

import phonenumbers
import pycountry
from anyascii import anyascii

from tipflow.report.goaml.profile import FiuProfile

# XML 1.0 forbids most C0 controls, lone surrogates and U+FFFE/U+FFFF; lxml refuses them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_SPACES = re.compile(r"\s+")
# A conservative e-mail form every edition accepts (the UAE edition's own pattern).
_EMAIL = re.compile(
    r"[_a-zA-Z0-9+-]+(\.[_a-zA-Z0-9+-]+)*@[a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*\.[a-zA-Z]{2,15}"
)
_SQL_FLOOR = dt.datetime(1753, 1, 1)
COMMENTS_LIMIT = 8000  # comments_type, reason, action
# Texts the writer leaves for its reader (documented in docs/goaml.md).
#: Starts the original spelling of a transliterated name where the type has no full_name_frn.
ORIGINAL_NAME = "Name as recorded: "
#: Starts the description of a transaction that had no payment reference.
NO_REFERENCE = "(no payment reference) "
#: The comment on an account of the screened data that the case does not describe.
OUTSIDE_CASE = (
    "Held in the screened data, outside this case: its holder and institution are not part "
    "of this report."
)


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def fit(text: str | None, limit: int) -> str | None:
    """``text`` safe for XML, stripped and cut to ``limit`` characters; None when empty."""
    if text is None:
        return None
    cleaned = xml_text(text).strip()[:limit].strip()
    return cleaned or None


def one_line(text: str | None, limit: int) -> str | None:
    """Like :func:`fit`, with every run of white space one blank (names, places)."""
    if text is None:
        return None
    return fit(_SPACES.sub(" ", xml_text(text)), limit)


def fit_id(identifier: str, limit: int) -> str:
    """An id cut to ``limit`` but still unique: an over-long one ends in a hash of the whole."""
    cleaned = xml_text(identifier).strip() or "-"
    if len(cleaned) <= limit:
        return cleaned
    digest = hashlib.sha256(identifier.encode("utf-8")).hexdigest()[:8]
    return cleaned[: limit - 9] + "-" + digest


class NameFitter:
    """Names in the edition's alphabet: transliterated, filtered, never empty where required."""

    def __init__(self, profile: FiuProfile) -> None:
        self.transliterate = profile.names.transliterate
        self.keep_original = profile.names.keep_original
        allowed = profile.names.allowed_characters
        self._drop = re.compile(f"[^{allowed}]") if allowed else None
        self.unknown = profile.unknown_text

    def clean(self, name: str | None, limit: int) -> str | None:
        text = one_line(name, 100_000)
        if text is None:
            return None
        if self.transliterate and not text.isascii():
            text = anyascii(text)
        if self._drop is not None:
            text = self._drop.sub(" ", text.replace("&", " and "))
        return one_line(text, limit)

    def required(self, name: str | None, limit: int) -> str:
        return self.clean(name, limit) or self.clean(self.unknown, limit) or "-"

    def person_parts(self, name: str | None) -> tuple[str, str | None, str]:
        """First, middle and last name; a single word is the last name, the first is "-"."""
        words = (self.clean(name, 100_000) or "").split(" ")
        words = [w for w in words if w]
        if not words:
            return self.required(None, 100), None, self.required(None, 100)
        if len(words) == 1:
            return "-", None, words[0][:100]
        middle = " ".join(words[1:-1])[:100].strip() or None
        return words[0][:100], middle, words[-1][:100]

    def changed(self, original: str | None, written: str) -> bool:
        """Whether ``written`` lost something of ``original`` worth keeping beside it."""
        return original is not None and one_line(original, 100_000) != written

    def original(self, original: str | None, written: str, limit: int) -> str | None:
        """The original spelling to keep beside ``written`` (None when nothing was lost)."""
        if not (self.keep_original and self.changed(original, written)):
            return None
        return one_line(original, limit)


def person_name(first: str, middle: str | None, last: str) -> str:
    return " ".join(part for part in (first, middle, last) if part and part != "-")


def sql_datetime(value: dt.date | dt.datetime | None) -> str | None:
    """goAML's sql_date (xs:dateTime, 1753 or later) in local time; None before 1753."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        value = dt.datetime.combine(value, dt.time())
    value = value.replace(tzinfo=None)
    if value < _SQL_FLOOR:
        return None
    return value.isoformat(timespec="microseconds" if value.microsecond else "seconds")


def decimal_text(value: Decimal, places: int = 13) -> str:
    """A decimal in plain notation with at most ``places`` fraction digits (sql_decimal)."""
    rounded = value.quantize(Decimal(1).scaleb(-places)) if _exponent(value) < -places else value
    text = format(rounded.normalize(), "f")
    return text if "." in text else text + ".00"


def _exponent(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return exponent if isinstance(exponent, int) else 0


def phone_parts(phone: str | None) -> tuple[str, str] | None:
    """(country prefix, national number) of an E.164 phone; None when it cannot be split."""
    if not phone:
        return None
    try:
        parsed = phonenumbers.parse(phone, None)
    except phonenumbers.NumberParseException:
        return None
    prefix = str(parsed.country_code or "")
    number = phonenumbers.national_significant_number(parsed)
    if not prefix or len(prefix) > 4 or not number or len(number) > 50:
        return None
    return prefix, number


def email_ok(email: str | None) -> bool:
    return bool(email) and len(email or "") <= 255 and _EMAIL.fullmatch(email or "") is not None


@cache
def _countries() -> frozenset[str]:
    return frozenset(country.alpha_2 for country in pycountry.countries)


@cache
def _currencies() -> frozenset[str]:
    return frozenset(currency.alpha_3 for currency in pycountry.currencies)


def country_code(code: str | None, profile: FiuProfile) -> str | None:
    """An ISO 3166-1 code the edition accepts (after the profile's aliases), else None."""
    if not code:
        return None
    code = profile.country_aliases.get(code.strip().upper(), code.strip().upper())
    return code if code in _countries() else None


def country_or_unknown(code: str | None, profile: FiuProfile) -> str:
    return country_code(code, profile) or profile.unknown_country


def currency_code(code: str | None) -> str | None:
    code = (code or "").strip().upper()
    return code if code in _currencies() else None


def number_text(value: float) -> str:
    """A figure for a sentence: 3, 0.61, 44,814.5 (no exponent, no trailing zeros)."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")
