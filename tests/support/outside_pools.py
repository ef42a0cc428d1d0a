"""Things transactions point at that are not rows of the dataset: outside counterparties,
devices and IP addresses (each party uses its own device and address most of the time)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from tests.support.arrow_text import Ints, digits, hex_text, join, number, pick, where
from tests.support.party_table import COUNTRY_CODES
from tests.support.vocabulary import (
    FIRST_NAMES,
    IPV4_PREFIXES,
    IPV6_PREFIX,
    LAST_NAMES,
    ORG_LINES,
    ORG_STEMS,
    OUTSIDE_INSTITUTIONS,
)

REMITTANCE_DESTINATIONS = ("PH", "MX", "NG", "IN", "RO", "TH")
IBAN_COUNTRIES = ("GB", "DE", "RO")
OUTSIDE_INSTITUTION_COUNTRY = np.array(
    [COUNTRY_CODES.index(code) for _, code in OUTSIDE_INSTITUTIONS], np.int64
)


@dataclass(frozen=True)
class OutsidePools:
    device: pa.Array  # per party
    ip_address: pa.Array  # per party
    counterparty_name: pa.Array
    counterparty_account: pa.Array
    counterparty_institution: pa.Array
    counterparty_country: Ints  # index into COUNTRIES
    remittance_counterparties: Ints  # pool indexes in typical remittance destinations

    @property
    def counterparties(self) -> int:
        return len(self.counterparty_name)


def make_outside_pools(rng: np.random.Generator, parties: int) -> OutsidePools:
    size = max(50, parties // 8)
    institution = rng.integers(0, len(OUTSIDE_INSTITUTIONS), size)
    country = OUTSIDE_INSTITUTION_COUNTRY[institution]
    person = join(
        pick(FIRST_NAMES, rng.integers(0, len(FIRST_NAMES), size)),
        " ",
        pick(LAST_NAMES, rng.integers(0, len(LAST_NAMES), size)),
    )
    company = join(
        pick(ORG_STEMS, rng.integers(0, len(ORG_STEMS), size)),
        " ",
        pick([line for line, _ in ORG_LINES], rng.integers(0, len(ORG_LINES), size)),
    )
    codes = pick(COUNTRY_CODES, country)
    iban_like = join(
        codes,
        digits(rng.integers(0, 100, size), 2),
        "SYNT",
        digits(rng.integers(0, 10**14, size), 14),
    )
    uses_iban = np.isin(country, [COUNTRY_CODES.index(code) for code in IBAN_COUNTRIES])
    plain = digits(rng.integers(0, 10**12, size), 12)
    in_destination = np.isin(country, [COUNTRY_CODES.index(c) for c in REMITTANCE_DESTINATIONS])
    return OutsidePools(
        device=join("dev-", hex_text(rng, parties, 12)),
        ip_address=_ip_addresses(rng, parties),
        counterparty_name=where(rng.random(size) < 0.6, person, company),
        counterparty_account=where(uses_iban, iban_like, plain),
        counterparty_institution=pick([name for name, _ in OUTSIDE_INSTITUTIONS], institution),
        counterparty_country=country,
        remittance_counterparties=np.flatnonzero(in_destination)
        if in_destination.any()
        else np.arange(size),
    )


def _ip_addresses(rng: np.random.Generator, size: int) -> pa.Array:
    """Documentation ranges only: 192.0.2.0/24 and friends, and 2001:db8::/32."""
    v4 = join(
        pick(IPV4_PREFIXES, rng.integers(0, len(IPV4_PREFIXES), size)),
        number(rng.integers(1, 255, size)),
    )
    v6 = join(
        IPV6_PREFIX,
        hex_text(rng, size, 4),
        ":",
        hex_text(rng, size, 4),
        "::",
        hex_text(rng, size, 3),
    )
    return where(rng.random(size) < 0.3, v4, v6)
