"""The synthetic `parties` table: persons and organisations, every contract column used."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from tests.support.arrow_text import (
    Ints,
    Mask,
    blank,
    day_text,
    days_from,
    decimal_text,
    digits,
    join,
    lower_some,
    number,
    pick,
    render,
    scatter,
    where,
)
from tests.support.vocabulary import (
    ADDRESS_COUNTRY_WEIGHTS,
    COUNTRIES,
    FIRST_NAMES,
    LAST_NAMES,
    MAIL_DOMAINS,
    OCCUPATIONS,
    ORG_LINES,
    ORG_STEMS,
    ORG_SUFFIXES,
    OTHER_NATIONALITIES,
    STREET_KINDS,
    STREETS,
)

PERSON_SHARE = 0.85
COUNTRY_CODES = tuple(country.code for country in COUNTRIES)


@dataclass(frozen=True)
class Places:
    """Every (city, postal code) of COUNTRIES, flattened, with each country's slice."""

    city: tuple[str, ...]
    postal_code: tuple[str, ...]
    start: Ints
    count: Ints

    def draw(self, rng: np.random.Generator, country: Ints) -> Ints:
        """A random place index inside each row's country."""
        offsets = (rng.random(country.size) * self.count[country]).astype(np.int64)
        return self.start[country] + offsets


def _places() -> Places:
    cities = [city for country in COUNTRIES for city, _ in country.places]
    postal = [code for country in COUNTRIES for _, code in country.places]
    counts = np.array([len(country.places) for country in COUNTRIES], np.int64)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64)
    return Places(tuple(cities), tuple(postal), starts, counts)


PLACES = _places()


@dataclass(frozen=True)
class Parties:
    table: pa.Table
    is_person: Mask
    country: Ints  # index into COUNTRIES of the address (also where the party banks)


def mail_name(text: str) -> str:
    """ASCII local part of a mail address for an invented name."""
    folded = text.translate(str.maketrans("ŁłøØ", "LloO"))
    ascii_text = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())


def make_parties(rng: np.random.Generator, size: int) -> Parties:
    is_person = rng.random(size) < PERSON_SHARE
    is_org = ~is_person
    country = rng.choice(len(COUNTRIES), size, p=ADDRESS_COUNTRY_WEIGHTS).astype(np.int64)
    place = PLACES.draw(rng, country)
    first = rng.integers(0, len(FIRST_NAMES), size)
    last = rng.integers(0, len(LAST_NAMES), size)
    line = rng.integers(0, len(ORG_LINES), size)
    stem = rng.integers(0, len(ORG_STEMS), size)
    person_name = join(pick(FIRST_NAMES, first), " ", pick(LAST_NAMES, last))
    org_name = join(
        pick(ORG_STEMS, stem),
        " ",
        pick([name for name, _ in ORG_LINES], line),
        " ",
        pick(ORG_SUFFIXES, rng.integers(0, len(ORG_SUFFIXES), size)),
    )
    address_missing = rng.random(size) < 0.05
    country_missing = rng.random(size) < 0.01
    columns = {
        "party_id": join("PTY", digits(np.arange(1, size + 1), 7)),
        "party_type": pick(["person", "organisation"], is_org.astype(np.int64)),
        "name": blank(where(is_person, person_name, org_name), rng.random(size) < 0.02),
        "birth_date": blank(
            day_text(days_from("1950-01-01", rng.integers(0, 20_000, size))),
            is_org | (rng.random(size) < 0.1),
        ),
        "gender": blank(
            pick(["female", "male", "other", ""], rng.choice(4, size, p=[0.48, 0.46, 0.01, 0.05])),
            is_org,
        ),
        "nationality": _nationality(rng, country),
        "address": blank(_address(rng, country), address_missing),
        "city": blank(pick(PLACES.city, place), rng.random(size) < 0.03),
        "postal_code": blank(pick(PLACES.postal_code, place), address_missing),
        "country": lower_some(
            blank(pick(COUNTRY_CODES, country), country_missing), rng.random(size) < 0.01
        ),
        "phone": _phones(rng, country, country_missing),
        "email": blank(_emails(rng, is_person, first, last, stem, line), rng.random(size) < 0.15),
        "occupation": blank(
            pick(OCCUPATIONS, rng.integers(0, len(OCCUPATIONS), size)),
            is_org | (rng.random(size) < 0.2),
        ),
        "industry_code": blank(
            pick([code for _, code in ORG_LINES], line), is_person | (rng.random(size) < 0.1)
        ),
        "declared_income": blank(
            where(
                is_person,
                number(rng.integers(12, 180, size) * 1000),  # persons declare whole amounts
                decimal_text(rng.integers(5_000_000, 900_000_000, size), 2),
            ),
            rng.random(size) < 0.2,
        ),
        "employee_count": blank(
            number(rng.integers(0, 400, size)), is_person | (rng.random(size) < 0.15)
        ),
        "onboarding_date": blank(
            day_text(days_from("2008-01-01", rng.integers(0, 6_200, size))),
            rng.random(size) < 0.03,
        ),
    }
    return Parties(pa.table(columns), is_person, country)


def _nationality(rng: np.random.Generator, country: Ints) -> pa.Array:
    draw = rng.random(country.size)
    own = pick(COUNTRY_CODES, country)
    other = pick(OTHER_NATIONALITIES, rng.integers(0, len(OTHER_NATIONALITIES), country.size))
    chosen = blank(where(draw < 0.72, own, other), draw > 0.95)
    return lower_some(chosen, rng.random(country.size) < 0.015)


def _address(rng: np.random.Generator, country: Ints) -> pa.Array:
    size = country.size
    street = join(
        number(rng.integers(1, 300, size)),
        " ",
        pick(STREETS, rng.integers(0, len(STREETS), size)),
        " ",
        pick(STREET_KINDS, rng.integers(0, len(STREET_KINDS), size)),
    )
    flat = join("Flat ", number(rng.integers(1, 40, size)), ", ", street)  # a comma to quote
    in_flat = (country == COUNTRY_CODES.index("GB")) & (rng.random(size) < 0.3)
    return where(in_flat, flat, street)


def _phones(rng: np.random.Generator, country: Ints, country_missing: Mask) -> pa.Array:
    """E.164, national and spaced forms; national only where the address country says which."""
    size = country.size
    form = rng.random(size)
    plan_draw = rng.random(size)
    random_digits = digits(rng.integers(0, 10**10, size), 10)
    pieces = []
    for index, spec in enumerate(COUNTRIES):
        for number_plan, (e164, national, spaced) in enumerate(spec.phone_plans):
            plans = len(spec.phone_plans)
            rows = np.flatnonzero(
                (country == index) & ((plan_draw * plans).astype(np.int64) == number_plan)
            )
            if rows.size == 0:
                continue
            chosen = random_digits.take(pa.array(rows))
            as_e164 = render(e164, chosen)
            as_spaced = render(spaced, chosen)
            text = where(form[rows] < 0.8, as_e164, as_spaced)
            if national:
                use_national = (form[rows] >= 0.5) & (form[rows] < 0.8) & ~country_missing[rows]
                text = where(use_national, render(national, chosen), text)
            pieces.append((rows, text))
    return blank(scatter(size, pieces), form >= 0.92)


def _emails(
    rng: np.random.Generator, is_person: Mask, first: Ints, last: Ints, stem: Ints, line: Ints
) -> pa.Array:
    size = is_person.size
    domain = pick(MAIL_DOMAINS, rng.integers(0, len(MAIL_DOMAINS), size))
    person = join(
        pick([mail_name(n) for n in FIRST_NAMES], first),
        ".",
        pick([mail_name(n) for n in LAST_NAMES], last),
        number(rng.integers(1, 1000, size)),
        "@",
        domain,
    )
    org = join(
        pick([mail_name(n) for n in ORG_STEMS], stem),
        "-",
        pick([mail_name(n) for n, _ in ORG_LINES], line),
        "@",
        domain,
    )
    return where(is_person, person, org)
