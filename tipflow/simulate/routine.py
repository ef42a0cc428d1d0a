"""Everyday money movements, vectorised over many accounts at once.

Each function takes arrays with one element per *entity* (an account and where its holder is)
and adds all of their transactions for the whole period in one batch: counts per entity are
drawn, entity attributes are repeated with ``np.repeat``, and times and amounts are drawn for
all rows together. Scenarios use the same functions for their actors' background activity.
"""

from __future__ import annotations

import numpy as np

from tipflow.simulate.arrays import FloatArray, IntArray
from tipflow.simulate.clock import DAYTIME
from tipflow.simulate.config import Spread
from tipflow.simulate.reference import merchant_groups, places
from tipflow.simulate.tables import Categorical, Column
from tipflow.simulate.world import Tag, World

_ALL_MERCHANTS = [m for group in merchant_groups().values() for m in group]
MERCHANT_NAMES: tuple[str, ...] = tuple(sorted({n for m in _ALL_MERCHANTS for n in m.names}))
MCCS: tuple[str, ...] = tuple(sorted({m.mcc for m in _ALL_MERCHANTS}))


def city_offsets(city: IntArray) -> IntArray:
    return np.asarray(places().cities.utc_offset, dtype=np.int64)[city]


def city_column(city: IntArray) -> Categorical:
    return Categorical.choose(places().cities.name, city)


def lognormal(rng: np.random.Generator, spread: Spread | tuple[float, float], n: int) -> FloatArray:
    median, sigma = (spread.median, spread.sigma) if isinstance(spread, Spread) else spread
    return np.asarray(median * np.exp(rng.normal(0.0, sigma, n)), dtype=np.float64)


def counts_per_entity(rng: np.random.Generator, per_month: FloatArray, months: float) -> IntArray:
    # A period can be empty or negative: a scenario whose phase starts after a short world ends.
    return rng.poisson(np.maximum(per_month, 0.0) * max(months, 0.0)).astype(np.int64)


def card_purchases(
    world: World,
    accounts: IntArray,
    city: IntArray,
    per_month: FloatArray,
    groups: dict[str, float],
    *,
    amount_scale: FloatArray | float = 1.0,
    tag: Tag | None = None,
    days: tuple[int, int] | None = None,
) -> IntArray:
    """Card payments at merchants of ``groups`` (weights), at the merchants' usual hours."""
    rng, clock = world.rng, world.clock
    first, last = days or (0, clock.days - 1)
    months = (last - first + 1) / 30.4
    entity = np.repeat(np.arange(len(accounts)), counts_per_entity(rng, per_month, months))
    n = len(entity)
    catalogue = merchant_groups()
    names = list(groups)
    weights = np.array([groups[g] for g in names], dtype=float)
    group = rng.choice(len(names), size=n, p=weights / weights.sum())
    seconds = np.zeros(n, dtype=np.int64)
    amount = np.zeros(n)
    merchant = np.zeros(n, dtype=np.int64)
    mcc = np.zeros(n, dtype=np.int64)
    for g, group_name in enumerate(names):
        rows = np.flatnonzero(group == g)
        options = catalogue[group_name]
        pick = rng.integers(0, len(options), size=len(rows))
        for o, merchant_type in enumerate(options):
            chosen = rows[pick == o]
            seconds[chosen] = clock.seconds_in_hours(rng, merchant_type.hour_weights, len(chosen))
            amount[chosen] = lognormal(
                rng, (merchant_type.median, merchant_type.sigma), len(chosen)
            )
            names_idx = [MERCHANT_NAMES.index(x) for x in merchant_type.names]
            merchant[chosen] = rng.choice(names_idx, size=len(chosen))
            mcc[chosen] = MCCS.index(merchant_type.mcc)
    scale = np.asarray(amount_scale, dtype=float)
    if scale.ndim:
        amount *= scale[entity]
    else:
        amount *= float(scale)
    return world.transact(
        when=clock.at(clock.random_days(rng, n, first, last), seconds),
        utc_offset=city_offsets(city[entity]),
        amount=np.maximum(amount, 1.0),
        channel=Categorical.constant("card", n),
        source=accounts[entity],
        merchant_name=Categorical(merchant, MERCHANT_NAMES),
        merchant_category_code=Categorical(mcc, MCCS),
        city=city_column(city[entity]),
        country=Categorical.constant(places().home_country, n),
        tag=tag,
    )


def cash(
    world: World,
    accounts: IntArray,
    city: IntArray,
    per_month: FloatArray,
    amounts: Spread | tuple[float, float],
    *,
    deposit: bool,
    hours: FloatArray = DAYTIME,
    round_to: float = 20.0,
    tag: Tag | None = None,
    days: tuple[int, int] | None = None,
) -> IntArray:
    """Cash withdrawals (or deposits) at ATMs and branches in the holder's city."""
    rng, clock = world.rng, world.clock
    first, last = days or (0, clock.days - 1)
    entity = np.repeat(
        np.arange(len(accounts)), counts_per_entity(rng, per_month, (last - first + 1) / 30.4)
    )
    n = len(entity)
    amount = np.maximum(round_to, np.round(lognormal(rng, amounts, n) / round_to) * round_to)
    account = accounts[entity]
    return world.transact(
        when=clock.at(
            clock.random_days(rng, n, first, last), clock.seconds_in_hours(rng, hours, n)
        ),
        utc_offset=city_offsets(city[entity]),
        amount=amount,
        channel=Categorical.constant("cash", n),
        source=None if deposit else account,
        target=account if deposit else None,
        city=city_column(city[entity]),
        country=Categorical.constant(places().home_country, n),
        description=Categorical.constant("ATM cash deposit" if deposit else "ATM withdrawal", n),
        tag=tag,
    )


def periodic(
    world: World,
    *,
    period: IntArray,
    amount: FloatArray,
    city: IntArray,
    channel: str,
    source: IntArray | None = None,
    target: IntArray | None = None,
    hours: FloatArray = DAYTIME,
    jitter: float = 0.03,
    tag: Tag | None = None,
    **outside: Column,
) -> IntArray:
    """A payment repeating every ``period`` days per entity (wages, rent, bills, remittances).

    ``outside`` columns (counterparty name, description...) hold one value per entity.
    """
    rng, clock = world.rng, world.clock
    phase = rng.integers(0, np.maximum(period, 1)).astype(np.int64)
    entity, day = clock.periodic_days(phase, period)
    n = len(entity)
    columns = _where(city[entity]) | {
        name: _repeat(value, entity) for name, value in outside.items()
    }
    return world.transact(
        when=clock.at(day, clock.seconds_in_hours(rng, hours, n)),
        utc_offset=city_offsets(city[entity]),
        # A multiplicative lognormal jitter: never negative, whatever its spread.
        amount=amount[entity] * np.exp(rng.normal(0, jitter, n)),
        channel=Categorical.constant(channel, n),
        source=None if source is None else source[entity],
        target=None if target is None else target[entity],
        tag=tag,
        **columns,
    )


def transfers(
    world: World,
    *,
    source: IntArray | None,
    target: IntArray | None,
    day: IntArray,
    seconds: IntArray,
    amount: FloatArray,
    city: IntArray,
    channel: str,
    tag: Tag | None = None,
    **columns: Column,
) -> IntArray:
    """Individual movements already laid out row by row (scenarios use this)."""
    n = len(day)
    return world.transact(
        when=world.clock.at(day, seconds),
        utc_offset=city_offsets(city),
        amount=amount,
        channel=Categorical.constant(channel, n),
        source=source,
        target=target,
        tag=tag,
        **(_where(city) | columns),
    )


def _where(city: IntArray) -> dict[str, Column]:
    """The contract's city and country columns for events in home-country cities."""
    return {
        "city": city_column(city),
        "country": Categorical.constant(places().home_country, len(city)),
    }


def _repeat(value: Column, entity: IntArray) -> Column:
    if isinstance(value, Categorical):
        return Categorical(value.codes[entity], value.labels)
    return np.asarray(value)[entity]
