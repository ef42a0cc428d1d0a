"""Synthetic persons and organisations: who they are, where they live, how to reach them.

Everything is invented: names are random combinations of common names of the person's
origin, phone numbers use the North American 555 exchange (not given to subscribers), e-mail
domains are the reserved example.com/net/org, devices and IP addresses are random or from the
IPv6 documentation prefix. Persons sharing an address, phone or device are made on purpose by
the scenarios, never by chance.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from tipflow.simulate.arrays import FloatArray, IntArray, StrArray, strings
from tipflow.simulate.reference import names, places
from tipflow.simulate.tables import Categorical, Column
from tipflow.simulate.world import World

EMAIL_DOMAINS = ("example.com", "example.net", "example.org")
LEGAL_FORMS = ("LLC", "Inc", "Co", "Group", "Services LLC")


@dataclass(frozen=True)
class People:
    """A batch of persons just added to the world (arrays in the same order)."""

    ids: IntArray
    city: IntArray
    nationality: StrArray
    given: StrArray
    surname: StrArray
    gender: StrArray
    address: StrArray
    phone: StrArray

    def __len__(self) -> int:
        return len(self.ids)


def add_persons(
    world: World,
    n: int,
    *,
    city: IntArray | None = None,
    nationality: StrArray | None = None,
    gender: StrArray | None = None,
    age: tuple[int, int] = (18, 85),
    occupation: Column | None = None,
    income: FloatArray | None = None,
    onboarded_days_before: tuple[int, int] = (30, 3650),
    address: StrArray | None = None,
    phone: StrArray | None = None,
) -> People:
    """``n`` new persons; anything not given is drawn from the world's reference data."""
    rng = world.rng
    home = places()
    city = _draw_cities(world, n) if city is None else city
    nationality = strings(home.home_country, n) if nationality is None else nationality
    gender = (
        np.where(rng.random(n) < 0.5, "female", "male").astype(object) if gender is None else gender
    )
    given, surname = _names(rng, nationality, gender)
    address = street_addresses(rng, n) if address is None else address
    phone = phone_numbers(world, city) if phone is None else phone
    ages = rng.uniform(age[0], age[1] + 1, n)
    birth = world.clock.start - (ages * 365.25 * 86400).astype("timedelta64[s]")
    onboard = world.clock.start - rng.integers(*onboarded_days_before, size=n).astype(
        "timedelta64[D]"
    )
    ids = world.add_parties(
        n,
        party_type=Categorical.constant("person", n),
        name=np.char.add(np.char.add(given.astype(str), " "), surname.astype(str)).astype(object),
        birth_date=birth.astype("datetime64[D]"),
        gender=gender,
        nationality=nationality,
        address=address,
        city=Categorical.choose(home.cities.name, city),
        postal_code=postal_codes(city, address),
        country=Categorical.constant(home.home_country, n),
        phone=phone,
        email=emails(rng, given, surname),
        occupation=occupation if occupation is not None else Categorical.constant(None, n),
        declared_income=np.round(income, -2) if income is not None else np.full(n, np.nan),
        onboarding_date=onboard.astype("datetime64[D]"),
    )
    return People(ids, city, nationality, given, surname, gender, address, phone)


def add_organisations(
    world: World,
    n: int,
    *,
    kind: str,
    industry_code: str,
    city: IntArray | None = None,
    employees: IntArray | None = None,
    turnover: FloatArray | None = None,
) -> tuple[IntArray, StrArray, IntArray]:
    """``n`` new organisations of one industry: (ids, names, cities)."""
    rng = world.rng
    home = places()
    city = _draw_cities(world, n) if city is None else city
    owners = rng.choice(np.array(names().group_of(home.home_country).surnames, dtype=object), n)
    forms = rng.choice(np.array(LEGAL_FORMS, dtype=object), n)
    org_names = np.array(
        [f"{o} {kind.title()} {f}" for o, f in zip(owners, forms, strict=True)], dtype=object
    )
    ids = world.add_parties(
        n,
        party_type=Categorical.constant("organisation", n),
        name=org_names,
        address=(address := street_addresses(rng, n)),
        city=Categorical.choose(home.cities.name, city),
        postal_code=postal_codes(city, address),
        country=Categorical.constant(home.home_country, n),
        phone=phone_numbers(world, city),
        email=np.array(
            [f"info@{o.lower()}-{kind.replace(' ', '')}.example.com" for o in owners], dtype=object
        ),
        industry_code=Categorical.constant(industry_code, n),
        declared_income=np.round(turnover, -3) if turnover is not None else np.full(n, np.nan),
        employee_count=employees if employees is not None else np.full(n, 0, dtype=np.int64),
        onboarding_date=(
            world.clock.start - rng.integers(180, 5000, size=n).astype("timedelta64[D]")
        ).astype("datetime64[D]"),
    )
    return ids, org_names, city


def _draw_cities(world: World, n: int) -> IntArray:
    weights = places().cities.weight
    return world.rng.choice(len(weights), size=n, p=weights / weights.sum()).astype(np.int64)


def _names(
    rng: np.random.Generator, nationality: StrArray, gender: StrArray
) -> tuple[StrArray, StrArray]:
    given = np.empty(len(nationality), dtype=object)
    surname = np.empty(len(nationality), dtype=object)
    catalogue = names()
    for country in np.unique(nationality):
        group = catalogue.group_of(str(country))
        rows = np.flatnonzero(nationality == country)
        female = gender[rows] == "female"
        given[rows] = np.where(
            female,
            rng.choice(np.array(group.female, dtype=object), len(rows)),
            rng.choice(np.array(group.male, dtype=object), len(rows)),
        )
        surname[rows] = rng.choice(np.array(group.surnames, dtype=object), len(rows))
    return given, surname


def street_addresses(rng: np.random.Generator, n: int) -> StrArray:
    numbers = rng.integers(1, 9999, size=n)
    streets = rng.choice(np.array(names().streets, dtype=object), n)
    units = np.where(rng.random(n) < 0.3, rng.integers(1, 40, size=n), 0)
    return np.array(
        [
            f"{k} {s}" + (f" Apt {u}" if u else "")
            for k, s, u in zip(numbers, streets, units, strict=True)
        ],
        dtype=object,
    )


def postal_codes(city: IntArray, address: StrArray) -> StrArray:
    """The city's prefix and two digits that follow from the building's street line, so that
    everyone registered in one building (flat numbers aside) has one postal code."""
    prefixes = np.array(places().cities.zip_prefix, dtype=object)[city]
    buildings = [str(line).split(" Apt ")[0] for line in address]
    digits = [f"{zlib.crc32(building.encode()) % 100:02d}" for building in buildings]
    return np.array(
        [f"{prefix}{d}" for prefix, d in zip(prefixes, digits, strict=True)], dtype=object
    )


def phone_numbers(world: World, city: IntArray) -> StrArray:
    """Unique numbers in each city's area code, exchange 555 (fictional in North America)."""
    codes = np.array(places().cities.area_code, dtype=object)[city]
    serial = world.numbers("phone", len(city))
    # 10,000 numbers per area code; beyond that the serial rolls into the next 555 block of
    # a synthetic 5xx overlay code (non-geographic in the numbering plan), keeping uniqueness.
    block = serial // 10000
    area = np.where(
        block == 0,
        codes,
        np.char.add("5", np.char.zfill((block % 100).astype(str), 2)).astype(object),
    )
    return np.char.add(
        np.char.add(np.char.add("+1", area.astype(str)), "555"),
        np.char.zfill((serial % 10000).astype(str), 4),
    ).astype(object)


def emails(rng: np.random.Generator, given: StrArray, surname: StrArray) -> StrArray:
    domains = rng.choice(np.array(EMAIL_DOMAINS, dtype=object), len(given))
    tails = rng.integers(1, 999, size=len(given))
    return np.array(
        [
            f"{g.lower().replace(' ', '')}.{s.lower().replace(' ', '')}{t}@{d}"
            for g, s, t, d in zip(given, surname, tails, domains, strict=True)
        ],
        dtype=object,
    )


def device_ids(rng: np.random.Generator, n: int) -> StrArray:
    return np.array([f"dev-{v:012x}" for v in rng.integers(0, 2**48, size=n)], dtype=object)


def ip_addresses(rng: np.random.Generator, n: int) -> StrArray:
    """Addresses in 2001:db8::/32, the IPv6 documentation prefix."""
    parts = rng.integers(0, 2**16, size=(n, 3))
    return np.array([f"2001:db8:{a:x}:{b:x}::{c:x}" for a, b, c in parts], dtype=object)
