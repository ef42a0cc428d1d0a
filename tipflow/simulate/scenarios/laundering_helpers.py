"""Building blocks shared by the smuggling and laundering typologies (T2, T6, T7, ML-02/03, flows).

They open accounts over several institutions (so networks span banks, as the sources' cases
do), give a network's actors the cover activity of ordinary customers (wages that match the
declared occupation, rent, card spending, ATM cash), invent outside counterparties, and say
where an event happened (a home-country city, or abroad). Every row they add carries the
network's tag: what an actor does is part of the scenario, even the ordinary part.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from numpy.random import Generator

from tipflow.simulate.arrays import AnyArray, FloatArray, IntArray, StrArray, TimeArray
from tipflow.simulate.clock import DAYTIME, EARLY_MORNING, OFFICE_HOURS
from tipflow.simulate.everyday_persons import LANDLORDS, NET_OF_TAX
from tipflow.simulate.population import institution_choice, outside_employer_names
from tipflow.simulate.reference import names, places
from tipflow.simulate.routine import (
    card_purchases,
    cash,
    city_offsets,
    lognormal,
    periodic,
    transfers,
)
from tipflow.simulate.tables import Categorical, Column
from tipflow.simulate.world import Tag, World

#: Invented institutions of outside counterparties (not in the dataset).
OUTSIDE_BANKS = ("Summit Federal", "Prairie State Bank", "Harbor Community CU", "Mesa Savings Bank")
FOREIGN_BANKS = ("Banco Cordillera", "Caja del Valle", "Meridian Commercial", "Harbor Trade")
LOW_INCOME = ("cashier", "cleaner", "cook", "farm worker", "warehouse worker")
DAY_SECONDS = 86_400


def other_institutions(world: World, avoid: IntArray, *, allow_msb: bool = True) -> IntArray:
    """For each entry of ``avoid``, a different institution (so a network spans at least two)."""
    kinds = np.array([i.kind for i in world.config.institutions], dtype=object)
    allowed = np.flatnonzero((kinds != "msb") | allow_msb)
    allowed = allowed if len(allowed) > 1 else np.arange(len(kinds))
    pick = world.rng.integers(0, len(allowed) - 1, len(avoid))
    position = np.searchsorted(allowed, avoid)
    # Skip over the avoided institution: positions at or after it move up by one.
    shifted = pick + (pick >= position)
    return np.asarray(allowed[np.minimum(shifted, len(allowed) - 1)], dtype=np.int64)


def spread_institutions(world: World, n: int, *, allow_msb: bool = True) -> IntArray:
    """Institutions for ``n`` accounts by market share, at least two distinct when ``n > 1``."""
    chosen = institution_choice(world, n, allow_msb=allow_msb)
    if n > 1 and np.all(chosen == chosen[0]):
        chosen[-1] = other_institutions(world, chosen[:1], allow_msb=allow_msb)[0]
    return chosen


def open_at(
    world: World,
    parties: IntArray,
    institution: IntArray,
    city: IntArray,
    *,
    kind: str = "current",
    opened: TimeArray | None = None,
) -> IntArray:
    """Accounts at chosen institutions; a person's current account at an MSB is a wallet."""
    n = len(parties)
    kinds = np.array([i.kind for i in world.config.institutions], dtype=object)
    wallet = (kinds[institution] == "msb") & (kind == "current")
    if opened is None:
        opened = world.clock.start - world.rng.integers(60, 1500, n).astype("timedelta64[D]")
    return world.open_accounts(
        parties,
        Categorical.choose(world.institution_ids, institution),
        Categorical.choose((kind, "wallet"), wallet.astype(np.int64)),
        opened,
        branch_city=Categorical.choose(places().cities.name, city),
    )


def occupations(world: World, n: int, wanted: tuple[str, ...] = ()) -> tuple[Column, FloatArray]:
    """Occupations (among ``wanted`` if the world has them) and incomes drawn like the
    population's, so that declared income and wages agree."""
    rng, jobs = world.rng, world.config.occupations
    pool = [k for k, o in enumerate(jobs) if o.name in wanted] or list(range(len(jobs)))
    pick = np.asarray(rng.choice(pool, n), dtype=np.int64)
    median = np.array([o.income for o in jobs])[pick]
    sigma = np.array([o.sigma for o in jobs])[pick]
    income = np.asarray(median * np.exp(rng.normal(0, 1, n) * sigma), dtype=np.float64)
    return Categorical.choose([o.name for o in jobs], pick), income


def everyday_life(
    world: World,
    accounts: IntArray,
    city: IntArray,
    income: FloatArray,
    tag: Tag,
    *,
    wages: bool = True,
    rent: bool = True,
) -> None:
    """Cover activity of an actor: biweekly wages matching the declared income, rent, card
    spending in the everyday categories and a little ATM cash (catalogue: the profile
    inconsistency modifier needs a profile to be inconsistent with)."""
    n = len(accounts)
    if not n:
        return
    rng, behaviour = world.rng, world.config.behaviour
    if wages:
        employers = np.array(outside_employer_names(world), dtype=object)
        periodic(
            world,
            period=np.full(n, 14),
            amount=income * NET_OF_TAX / 26,
            city=city,
            channel="ach",
            target=accounts,
            hours=EARLY_MORNING,
            jitter=0.01,
            tag=tag,
            counterparty_name=rng.choice(employers, n),
            description=Categorical.constant("PAYROLL", n),
        )
    if rent:
        periodic(
            world,
            period=np.full(n, 30),
            amount=np.round(lognormal(rng, behaviour.rent, n), -1),
            city=city,
            channel="ach",
            source=accounts,
            hours=OFFICE_HOURS,
            jitter=0.0,
            tag=tag,
            counterparty_name=Categorical.choose(LANDLORDS, rng.integers(0, len(LANDLORDS), n)),
            description=Categorical.constant("rent", n),
        )
    wealth = np.clip(income / 50_000, 0.4, 3.0) ** 0.5
    card_purchases(
        world,
        accounts,
        city,
        lognormal(rng, behaviour.card_purchases, n) * wealth,
        behaviour.card_groups,
        amount_scale=wealth,
        tag=tag,
    )
    per_month = lognormal(rng, behaviour.cash_withdrawals, n)
    cash(world, accounts, city, per_month, (80.0, 0.7), deposit=False, tag=tag)


def person_names(rng: np.random.Generator, countries: StrArray) -> StrArray:
    """Invented full names typical of each country (for outside counterparties)."""
    out = np.empty(len(countries), dtype=object)
    for country in np.unique(countries.astype(str)):
        group = names().group_of(country)
        rows = np.flatnonzero(countries == country)
        given = rng.choice(np.array(group.female + group.male, dtype=object), len(rows))
        family = rng.choice(np.array(group.surnames, dtype=object), len(rows))
        out[rows] = np.char.add(np.char.add(given.astype(str), " "), family.astype(str))
    return out


def account_numbers(rng: np.random.Generator, n: int, prefix: str = "") -> StrArray:
    """Invented outside account numbers (IBAN-shaped when a country prefix is given)."""
    digits = rng.integers(10**11, 10**12, n)
    return np.array([f"{prefix}{d:012d}" for d in digits], dtype=object)


def where(city: IntArray, country: StrArray | str | None = None) -> dict[str, Column]:
    """The contract's city and country columns: a home-country city, or (city ``-1``)
    abroad in ``country``."""
    home = places()
    abroad = city < 0
    n = len(city)
    countries = np.full(n, home.home_country, dtype=object)
    if country is not None:
        countries[abroad] = country[abroad] if isinstance(country, np.ndarray) else country
    return {
        "city": Categorical(np.where(abroad, -1, city).astype(np.int64), home.cities.name),
        "country": countries,
    }


def split(rng: Generator, total: FloatArray, parts: IntArray) -> tuple[IntArray, FloatArray]:
    """Split each ``total`` into ``parts`` uneven pieces: (owner of each piece, piece amounts)."""
    owner = np.repeat(np.arange(len(total)), parts)
    weight = rng.uniform(0.7, 1.3, len(owner))
    share = weight / np.bincount(owner, weight, minlength=len(total))[owner]
    return owner, np.asarray(total[owner] * share, dtype=np.float64)


def active_window(world: World, days: tuple[int, int]) -> tuple[int, int]:
    """A random stretch of ``days`` (clipped to the period): first and last day."""
    rng, clock = world.rng, world.clock
    length = min(clock.days, int(rng.integers(days[0], days[1] + 1)))
    first = int(rng.integers(0, clock.days - length + 1))
    return first, first + length - 1


def cash_at(
    world: World,
    account: IntArray,
    day: IntArray,
    amount: FloatArray,
    city: IntArray,
    tag: Tag,
    *,
    deposit: bool,
    memo: str,
    hours: FloatArray = DAYTIME,
) -> None:
    """Cash paid in or drawn at branches and ATMs of ``city`` (one account side only)."""
    n = len(day)
    transfers(
        world,
        source=None if deposit else account,
        target=account if deposit else None,
        day=day,
        seconds=world.clock.seconds_in_hours(world.rng, hours, n),
        amount=amount,
        city=city,
        channel="cash",
        tag=tag,
        description=Categorical.constant(memo, n),
    )


def wire_abroad(
    world: World,
    source: IntArray,
    day: IntArray,
    amount: FloatArray,
    city: IntArray,
    country: StrArray,
    beneficiary: StrArray,
    tag: Tag,
    memos: tuple[str, ...] | StrArray = ("",),
) -> None:
    """International wires to outside beneficiaries in ``country`` (GEO-01, MS-03, ML-15);
    ``memos``: one per row, or a few to draw from."""
    rng, n = world.rng, len(day)
    if not isinstance(memos, np.ndarray):
        memos = rng.choice(np.array(memos, dtype=object), n)
    transfers(
        world,
        source=source,
        target=None,
        day=day,
        seconds=world.clock.seconds_in_hours(rng, OFFICE_HOURS, n),
        amount=amount,
        city=city,
        channel="wire",
        tag=tag,
        counterparty_name=beneficiary,
        counterparty_account=np.char.add(
            country.astype(str), account_numbers(rng, n).astype(str)
        ).astype(object),
        counterparty_institution=rng.choice(np.array(FOREIGN_BANKS, dtype=object), n),
        counterparty_country=country,
        description=memos,
    )


#: Channel codes for :func:`emit` (the contract's names).
CHANNELS = ("p2p", "ach", "wire", "cash", "crypto")


def emit(
    world: World,
    t: AnyArray,
    city: IntArray,
    amount: FloatArray,
    channel: IntArray,
    source: IntArray,
    target: IntArray,
    tag: Tag,
    columns: Mapping[str, Column] | None = None,
) -> None:
    """Rows at moments ``t`` (seconds from the start, local time of ``city``), with channels
    as codes into :data:`CHANNELS` and ``-1`` for no account."""
    seconds = np.asarray(t, dtype=np.int64)
    world.transact(
        when=world.clock.at(seconds // DAY_SECONDS, seconds % DAY_SECONDS),
        utc_offset=city_offsets(city),
        amount=amount,
        channel=Categorical.choose(CHANNELS, channel),
        source=source,
        target=target,
        tag=tag,
        **where(city),
        **(columns or {}),
    )
