"""Plain-English words and figures for the case pages: the data's codes are for machines.

Every function here is also a Jinja filter (see ``FILTERS``), so templates and pictures name
a crime, a channel or an amount the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from tipflow.report.cases import case_file_stem

CRIME_NAMES = {
    "laundering": "Money laundering",
    "sex_trafficking": "Sex trafficking",
    "labour_trafficking": "Labour trafficking",
    "migrant_smuggling": "Migrant smuggling",
}
# Channels the contract names, in the case a reader expects (acronyms stay upper case).
CHANNEL_NAMES = {
    "ach": "ACH",
    "p2p": "P2P",
    "atm": "ATM",
    "pos": "POS",
    "eft": "EFT",
    "swift": "SWIFT",
    "sepa": "SEPA",
}
NOT_GIVEN = "—"


def plain(code: str | None) -> str:
    """``front_business`` -> ``front business``; a missing value -> an em dash."""
    if code is None or code == "":
        return NOT_GIVEN
    return str(code).replace("_", " ").strip()


def sentence(code: str | None) -> str:
    """Like :func:`plain`, with a capital first letter: ``sex_trafficking_victim`` ->
    ``Sex trafficking victim``."""
    words = plain(code)
    return words[:1].upper() + words[1:]


def crime_name(crime: str | None) -> str:
    if not crime:
        return "No crime named"
    return CRIME_NAMES.get(crime, sentence(crime))


def channel_name(channel: str | None) -> str:
    if not channel:
        return NOT_GIVEN
    return CHANNEL_NAMES.get(channel.lower(), sentence(channel))


def money(amount: Decimal | float | None) -> str:
    """``1234.5`` -> ``1,234.50``."""
    if amount is None:
        return NOT_GIVEN
    return f"{Decimal(str(amount)):,.2f}"


def figure(value: float | None) -> str:
    """A measured value or threshold: whole numbers as such, others to at most 3 decimals."""
    if value is None:
        return NOT_GIVEN
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.3f}".rstrip("0").rstrip(".")


def risk(score: float | None) -> str:
    return NOT_GIVEN if score is None else f"{score:.2f}"


def risk_level(score: float) -> str:
    """A CSS class for the risk badge: the colour says how urgent, the figure says how much."""
    if score >= 0.9:
        return "risk-high"
    if score >= 0.7:
        return "risk-raised"
    return "risk-moderate"


def when(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return NOT_GIVEN
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()


def utc_offset(minutes: int | None) -> str:
    """``-300`` -> ``UTC-05:00`` (transactions carry local time and its offset)."""
    if minutes is None:
        return ""
    sign = "+" if minutes >= 0 else "-"
    hours, rest = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{rest:02d}"


def anchor(kind: str, identifier: str) -> str:
    """A fragment id that any browser accepts for a data id (``tx-TX0001``, ``acct-...``)."""
    return f"{kind}-{case_file_stem(identifier)}"


def yes_no(flag: bool | None) -> str:
    return NOT_GIVEN if flag is None else ("yes" if flag else "no")


FILTERS: dict[str, Callable[..., Any]] = {
    "plain": plain,
    "sentence": sentence,
    "crime_name": crime_name,
    "channel_name": channel_name,
    "money": money,
    "figure": figure,
    "risk": risk,
    "risk_level": risk_level,
    "when": when,
    "utc_offset": utc_offset,
    "yes_no": yes_no,
}
