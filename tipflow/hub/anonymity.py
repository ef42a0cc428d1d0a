"""Direct identifiers in free text: what an anonymised record must not hold.

A guard, not a guarantee: it finds what has a shape (e-mail addresses, phone numbers, IBANs,
day-exact dates, long runs of digits such as account, passport or card numbers, web
addresses). Names have no
shape; the NGO's own review remains the control for them (docs/hub.md). The findings name the
kind and the position, never the value, so an error message does not repeat the identifier.
"""

from __future__ import annotations

import re

import phonenumbers

_SHAPES = (
    ("an e-mail address", re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")),
    ("an IBAN", re.compile(r"\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b")),
    ("a web address", re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)),
    # Day-exact dates (a birth date, the day of an arrest): the record's dates are months.
    ("a full date", re.compile(r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2})\b")),
    # 7 digits or more, spaces, dots or dashes between them allowed: accounts, cards, passports
    ("a long number", re.compile(r"(?<![\w])\d(?:[ .\-]?\d){6,}(?![\w])")),
)


def direct_identifiers(text: str) -> list[str]:
    """What looks like a direct identifier in ``text``: one description per finding (kind and
    1-based character position), in order of position; empty when nothing was found."""
    found: list[tuple[int, str]] = []
    covered: list[range] = []
    # International numbers first (+44 20 7946 0958): the long-number shape would split them.
    for phone in phonenumbers.PhoneNumberMatcher(text, None):
        covered.append(range(phone.start, phone.end))
        found.append((phone.start, "a phone number"))
    for kind, pattern in _SHAPES:
        for match in pattern.finditer(text):
            if any(match.start() in span for span in covered):
                continue
            covered.append(range(match.start(), match.end()))
            found.append((match.start(), kind))
    return [f"{kind} at character {start + 1}" for start, kind in sorted(found)]
