"""ML-03: pass-through accounts and the rapid movement of funds (FT16, FIN20).

A chain of 2-4 accounts held by money mules (students and young workers with small declared
incomes) in one city, each at another institution than the one before. Third parties, not an
employer, pay the first account 15-40 times a month (P2P, ACH and wires of a few hundred to a
few thousand: fees, scam or sales proceeds). Whatever arrives in a day moves on to the next
account within 1-24 hours of the day's last credit, less the mule's cut of 2-10 %, so that at
least 80 % of credits leave within 48 hours and the balance stays near empty (ML-03:
pass_through(W30, 48 h) >= 80 %). The last account cashes out, buys crypto or wires abroad. The
mules keep a thin everyday life: small wages, card spending, a little ATM cash.

Subtlety (0-1) moves it towards the pay-cheque-to-pay-cheque household (ML-03's look-alike): at
1 there are 60 % fewer credits, chains of two accounts, forwarding waits up to five days and
the mules keep up to a quarter of what passes through.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import FloatArray, IntArray, text_where
from tipflow.simulate.clock import hours_profile
from tipflow.simulate.people import add_persons
from tipflow.simulate.population import Population, institution_choice
from tipflow.simulate.reference import places
from tipflow.simulate.routine import lognormal
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.laundering_helpers import (
    DAY_SECONDS,
    FOREIGN_BANKS,
    OUTSIDE_BANKS,
    account_numbers,
    active_window,
    emit,
    everyday_life,
    occupations,
    open_at,
    other_institutions,
    person_names,
)
from tipflow.simulate.tables import Categorical, Column
from tipflow.simulate.world import NO_ACCOUNT, Tag, World

TYPOLOGY = "laundering_rapid_movement"
HOURS = hours_profile((7, 23, 1))
MULE_JOBS = ("student", "cashier", "warehouse worker")
EXCHANGES = ("CoinSwift Exchange", "BitHarbor")


class RapidMovement(ScenarioParameters):
    hops: tuple[int, int] = (2, 4)  # accounts in the chain
    credits_per_month: tuple[float, float] = (15.0, 40.0)
    credit_amount: tuple[float, float] = (900.0, 0.7)  # lognormal median, sigma
    kept: tuple[float, float] = (0.02, 0.10)  # the mule's cut at each hop
    forward_hours: tuple[float, float] = (1.0, 24.0)  # after the day's last credit (< 48 h)
    insider_share: float = Field(default=0.2, ge=0, le=1)  # payers who bank in the dataset
    active_days: tuple[int, int] = (45, 180)


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    assert isinstance(parameters, RapidMovement)
    for _ in range(count):
        _network(world, population, parameters)


def _network(world: World, population: Population, p: RapidMovement) -> None:
    rng, s = world.rng, world.config.subtlety
    tag = world.new_network(TYPOLOGY, "laundering")
    n = 2 if rng.random() < s else int(rng.integers(p.hops[0], p.hops[1] + 1))
    city = np.full(n, rng.choice(len(places().cities.name)), dtype=np.int64)
    occupation, income = occupations(world, n, MULE_JOBS)
    mules = add_persons(world, n, city=city, age=(18, 30), occupation=occupation, income=income)
    bank = np.empty(n, dtype=np.int64)
    bank[0] = institution_choice(world, 1)[0]
    for hop in range(1, n):  # each hop crosses to another institution
        bank[hop] = other_institutions(world, bank[hop - 1 : hop])[0]
    chain = open_at(world, mules.ids, bank, city)
    everyday_life(world, chain, city, income, tag, rent=False)
    t, amount = _credits(world, population, chain[0], int(city[0]), p, tag)
    exit_mode = int(rng.integers(0, 3))
    for hop in range(n):
        t, amount = _forward(world, chain, hop, int(city[0]), t, amount, exit_mode, p, tag)
    world.mark(chain[:1], tag, "funnel")
    world.mark(chain[1:], tag, "facilitator")


def _credits(
    world: World, population: Population, entry: int, city: int, p: RapidMovement, tag: Tag
) -> tuple[IntArray, FloatArray]:
    """Third parties pay the first account; returns the moments (seconds) and amounts."""
    rng, clock, s = world.rng, world.clock, world.config.subtlety
    first, last = active_window(world, p.active_days)
    rate = rng.uniform(*p.credits_per_month) * (last - first + 1) / 30.4 * (1 - 0.6 * s)
    m = int(rng.poisson(rate))
    day = rng.integers(first, last + 1, m)
    t = (day * DAY_SECONDS + clock.seconds_in_hours(rng, HOURS, m)).astype(np.int64)
    amount = np.round(np.clip(lognormal(rng, p.credit_amount, m), 50, 9500), 0).astype(float)
    insider = rng.random(m) < p.insider_share
    source = np.where(insider, rng.choice(population.persons.account, m), NO_ACCOUNT)
    channel = rng.choice(3, m, p=[0.6, 0.25, 0.15])
    origin = np.array(places().foreign_countries + (places().home_country,) * 6, dtype=object)
    outside = {
        "counterparty_name": text_where(~insider, person_names(rng, rng.choice(origin, m))),
        "counterparty_account": text_where(~insider, account_numbers(rng, m)),
        "counterparty_institution": text_where(~insider, rng.choice(OUTSIDE_BANKS, m)),
        "counterparty_country": text_where(~insider, places().home_country),
    }
    emit(world, t, np.full(m, city), amount, channel, source, np.full(m, entry), tag, outside)
    return t, amount


def _forward(
    world: World,
    chain: IntArray,
    hop: int,
    city: int,
    t: IntArray,
    amount: FloatArray,
    exit_mode: int,
    p: RapidMovement,
    tag: Tag,
) -> tuple[IntArray, FloatArray]:
    """What reached ``chain[hop]`` in a day leaves within hours of the day's last credit."""
    rng, clock, s = world.rng, world.clock, world.config.subtlety
    days, group = np.unique(t // DAY_SECONDS, return_inverse=True)
    total = np.bincount(group, amount)
    latest = np.zeros(len(days), dtype=np.int64)
    np.maximum.at(latest, group, t)
    delay = rng.uniform(*p.forward_hours, len(days)) * (1 + 4 * s) * 3600
    out_t = (latest + delay).astype(np.int64)
    kept = rng.uniform(p.kept[0], p.kept[1] + 0.15 * s, len(days))
    out = np.round(total * (1 - kept), 0).astype(np.float64)
    inside = out_t < clock.days * DAY_SECONDS
    out_t, out = out_t[inside], out[inside]
    k = len(out_t)
    at = np.full(k, city)
    source = np.full(k, chain[hop])
    if hop + 1 < len(chain):
        channel = np.where(out > 3000, 2, rng.integers(0, 2, k))  # big sums by wire
        emit(world, out_t, at, out, channel, source, np.full(k, chain[hop + 1]), tag, {})
        return out_t, out
    # The end of the chain: cash, crypto, or a wire abroad.
    columns: dict[str, Column] = {"description": Categorical.constant("counter withdrawal", k)}
    if exit_mode == 1:
        exchange = rng.choice(np.array(EXCHANGES, dtype=object), k)
        columns = {"counterparty_name": exchange, "description": Categorical.constant("BTC", k)}
    elif exit_mode == 2:
        country = rng.choice(np.array(places().foreign_countries, dtype=object), k)
        columns = {
            "counterparty_name": person_names(rng, country),
            "counterparty_account": account_numbers(rng, k),
            "counterparty_institution": rng.choice(np.array(FOREIGN_BANKS, dtype=object), k),
            "counterparty_country": country,
        }
    channel = np.full(k, (3, 4, 2)[exit_mode])
    amount_out = np.round(out, -1) if exit_mode == 0 else out
    emit(world, out_t, at, amount_out, channel, source, np.full(k, NO_ACCOUNT), tag, columns)
    return out_t, out


SCENARIO = Scenario(
    id=TYPOLOGY,
    kind="typology",
    crime="laundering",
    summary="A chain of 2-4 mule accounts at different institutions: third parties pay the "
    "first, each forwards the day's credits within hours less a small cut, the last cashes "
    "out, buys crypto or wires abroad.",
    indicators=("ML-03", "GEO-01"),
    resembles=(),
    sources=("FT16", "FIN20"),
    parameters=RapidMovement,
    build=build,
)
