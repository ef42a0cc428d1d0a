"""Amounts, timestamps and memos of synthetic transactions, in the forms real exports use."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pyarrow as pa

from tests.support.account_table import CAD_PER_UNIT, CURRENCIES
from tests.support.arrow_text import (
    Ints,
    blank,
    decimal_text,
    digits,
    join,
    number,
    pick,
    seconds_text,
    where,
)
from tests.support.vocabulary import (
    CHANNELS,
    COUNTRIES,
    DESCRIPTIONS,
    REPORTING_CURRENCY,
    SECOND_LINES,
)

#: Typical size of a movement per channel, in the reporting currency.
MEDIAN_AMOUNT = {
    "card": 45, "cash": 200, "wire": 3000, "ach": 1200, "p2p": 80, "remittance": 400,
    "cheque": 900, "internal": 500, "crypto": 300, "other": 60,
}  # fmt: skip
CHANNEL_MEDIAN = np.array([MEDIAN_AMOUNT[name] for name in CHANNELS], np.float64)
CASH = CHANNELS.index("cash")
CRYPTO = CHANNELS.index("crypto")
REPORTING = CURRENCIES.index(REPORTING_CURRENCY)

#: UTC offsets by (country, month), then "Z" for transactions whose place is unknown.
OFFSET_TEXT = (*(offset for country in COUNTRIES for offset in country.monthly_offsets), "Z")
UNKNOWN_PLACE_OFFSET = len(OFFSET_TEXT) - 1


def _offset_seconds(text: str) -> int:
    if text == "Z":
        return 0
    sign = -1 if text[0] == "-" else 1
    return sign * (int(text[1:3]) * 3600 + int(text[4:6]) * 60)


OFFSET_SECONDS = np.array([_offset_seconds(text) for text in OFFSET_TEXT], np.int64)


def amounts(rng: np.random.Generator, channel: Ints, currency: Ints) -> tuple[pa.Array, pa.Array]:
    """(amount, base_amount) as decimal text; base_amount only where the currency differs."""
    size = channel.size
    value_cents = CHANNEL_MEDIAN[channel] * 100 * np.exp(rng.normal(0.0, 1.0, size))
    cents = np.maximum(1, np.rint(value_cents / CAD_PER_UNIT[currency])).astype(np.int64)
    is_cash = channel == CASH
    notes = np.maximum(2000, np.rint(cents / 2000).astype(np.int64) * 2000)  # 20-unit notes
    cents = np.where(is_cash, notes, cents)
    base_cents = np.maximum(1, np.rint(cents * CAD_PER_UNIT[currency])).astype(np.int64)
    # Crypto: 8 decimal places, so a finer unit below the cent.
    crypto_units = cents * 10**6 + rng.integers(0, 10**6, size)
    whole_cash = is_cash & (rng.random(size) < 0.5)  # "200" as well as "200.00"
    amount = where(
        channel == CRYPTO,
        decimal_text(crypto_units, 8),
        where(whole_cash, number(cents // 100), decimal_text(cents, 2)),
    )
    base = blank(decimal_text(base_cents, 2), (currency == REPORTING) | (rng.random(size) < 0.04))
    return amount, base


def timestamps(
    rng: np.random.Generator, window: tuple[int, int], size: int, country: Ints
) -> pa.Array:
    """Sorted local times in ``window`` (epoch seconds), with offset, with Z, or without offset.

    ``country`` is the index into COUNTRIES of where it happened, -1 where that is unknown.
    """
    local = np.sort(rng.integers(window[0], window[1], size))
    month = local.astype("datetime64[s]").astype("datetime64[M]").astype(np.int64) % 12
    zone = np.where(country >= 0, country * 12 + month, UNKNOWN_PLACE_OFFSET)
    offset = pick(OFFSET_TEXT, zone)
    local_t = seconds_text(local, "T")
    draw = rng.random(size)
    fraction = where(
        rng.random(size) < 0.5,
        digits(rng.integers(0, 1000, size), 3),
        digits(rng.integers(0, 10**6, size), 6),
    )
    with_offset = join(local_t, offset)
    as_utc = join(seconds_text(local - OFFSET_SECONDS[zone], "T"), "Z")
    without_offset = seconds_text(local, " ")
    fractional = join(local_t, ".", fraction, offset)
    return where(
        draw < 0.55,
        with_offset,
        where(draw < 0.7, as_utc, where(draw < 0.88, without_offset, fractional)),
    )


DESCRIPTION_TEXT = tuple(text for name in CHANNELS for text in DESCRIPTIONS[name])
DESCRIPTION_COUNT = np.array([len(DESCRIPTIONS[name]) for name in CHANNELS], np.int64)
DESCRIPTION_START = np.concatenate([[0], np.cumsum(DESCRIPTION_COUNT)[:-1]]).astype(np.int64)


def descriptions(
    rng: np.random.Generator, channel: Ints, multiline: np.random.Generator | None
) -> pa.Array:
    """Memos by channel; with ``multiline`` about 1 % get a second line (a quoted newline).

    The second lines draw from their own generator, so that every other value is the same
    with and without them.
    """
    size = channel.size
    which = DESCRIPTION_START[channel] + (rng.random(size) * DESCRIPTION_COUNT[channel]).astype(
        np.int64
    )
    text = pick(DESCRIPTION_TEXT, which)
    if multiline is None:
        return text
    second: npt.NDArray[np.int64] = multiline.integers(0, len(SECOND_LINES), size)
    two_lines = join(text, "\n", pick(SECOND_LINES, second))
    return where(multiline.random(size) < 0.01, two_lines, text)  # a null stays null
