"""The synthetic `accounts` table: about 1.3 accounts per party at several institutions."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from tests.support.arrow_text import (
    Ints,
    blank,
    day_text,
    days_from,
    digits,
    join,
    lower_some,
    pick,
)
from tests.support.party_table import COUNTRY_CODES, PLACES, Parties
from tests.support.vocabulary import (
    ACCOUNT_TYPES,
    COUNTRIES,
    INSTITUTIONS,
    ORG_ACCOUNT_WEIGHTS,
    PERSON_ACCOUNT_WEIGHTS,
)

#: Every currency of COUNTRIES once, with its fixed rate to the reporting currency.
CURRENCIES: tuple[str, ...] = tuple(dict.fromkeys(country.currency for country in COUNTRIES))
CAD_PER_UNIT = np.array(
    [next(c.cad_per_unit for c in COUNTRIES if c.currency == code) for code in CURRENCIES]
)
COUNTRY_CURRENCY = np.array([CURRENCIES.index(c.currency) for c in COUNTRIES], np.int64)
USD = CURRENCIES.index("USD")
INSTITUTION_COUNTRY = np.array([COUNTRY_CODES.index(code) for _, code in INSTITUTIONS], np.int64)
#: How account numbers look at each institution (they differ between real banks too).
ACCOUNT_PREFIXES = ("MAPLE-", "NS", "TH-", "DE-RH-", "LIB")


@dataclass(frozen=True)
class Accounts:
    table: pa.Table
    owner: Ints  # party index of the primary holder
    account_type: Ints  # index into ACCOUNT_TYPES
    country: Ints  # index into COUNTRIES of the institution
    currency: Ints  # index into CURRENCIES
    sibling: Ints  # another account of the same party, or -1

    @property
    def ids(self) -> pa.Array:
        return self.table.column("account_id").combine_chunks()


def make_accounts(rng: np.random.Generator, parties: Parties) -> Accounts:
    per_party = (
        1 + (rng.random(parties.country.size) < 0.25) + (rng.random(parties.country.size) < 0.05)
    )
    owner = np.repeat(np.arange(parties.country.size), per_party)
    size = owner.size
    institution = _institutions(rng, parties.country[owner])
    country = INSTITUTION_COUNTRY[institution]
    account_type = np.where(
        parties.is_person[owner],
        rng.choice(len(ACCOUNT_TYPES), size, p=PERSON_ACCOUNT_WEIGHTS),
        rng.choice(len(ACCOUNT_TYPES), size, p=ORG_ACCOUNT_WEIGHTS),
    )
    account_type[: len(ACCOUNT_TYPES)] = np.arange(len(ACCOUNT_TYPES))  # every type, even tiny
    currency = np.where(rng.random(size) < 0.08, USD, COUNTRY_CURRENCY[country])
    opened_missing = rng.random(size) < 0.04
    closed = ~opened_missing & (rng.random(size) < 0.04)
    place = PLACES.draw(rng, country)
    columns = {
        "account_id": join(pick(ACCOUNT_PREFIXES, institution), digits(np.arange(1, size + 1), 8)),
        "party_id": parties.table.column("party_id").combine_chunks().take(pa.array(owner)),
        # Unknown to the contract: must be kept and ignored.
        "batch_no": join("B", digits(np.arange(size) // 5000, 4)),
        "institution_id": pick([name for name, _ in INSTITUTIONS], institution),
        "currency": lower_some(pick(CURRENCIES, currency), rng.random(size) < 0.01),
        "account_type": pick(ACCOUNT_TYPES, account_type),
        "opened_date": blank(
            day_text(days_from("2005-01-01", rng.integers(0, 7_000, size))), opened_missing
        ),
        # Closed after the transactions' year, so closed accounts still trade in it.
        "closed_date": blank(
            day_text(days_from("2025-01-01", rng.integers(0, 300, size))), ~closed
        ),
        "branch_country": blank(pick(COUNTRY_CODES, country), rng.random(size) < 0.05),
        "branch_city": blank(pick(PLACES.city, place), rng.random(size) < 0.1),
    }
    return Accounts(pa.table(columns), owner, account_type, country, currency, _siblings(owner))


def _institutions(rng: np.random.Generator, party_country: Ints) -> Ints:
    """A local institution where the party's country has one, else any of them."""
    local = [
        [i for i, (_, code) in enumerate(INSTITUTIONS) if code == country.code]
        or list(range(len(INSTITUTIONS)))
        for country in COUNTRIES
    ]
    width = max(len(options) for options in local)
    table = np.array([options + options[:1] * (width - len(options)) for options in local])
    counts = np.array([len(options) for options in local])
    choice = (rng.random(party_country.size) * counts[party_country]).astype(np.int64)
    return np.asarray(table[party_country, choice], np.int64)


def _siblings(owner: Ints) -> Ints:
    """For each account another account of the same party (owners are sorted), else -1."""
    size = owner.size
    sibling = np.full(size, -1, np.int64)
    index = np.arange(size)
    previous_same = np.zeros(size, np.bool_)
    previous_same[1:] = owner[1:] == owner[:-1]
    next_same = np.zeros(size, np.bool_)
    next_same[:-1] = owner[:-1] == owner[1:]
    sibling[previous_same] = index[previous_same] - 1
    sibling[next_same] = index[next_same] + 1
    return sibling
