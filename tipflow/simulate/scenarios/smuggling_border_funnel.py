"""T6: a smuggling-fee funnel at a land border (FIN23; FTA26).

1-3 collectors live in BORDER_ZONE towns and declare low-income jobs. 20-60 relatives of
migrants, spread over the country or in MIGRANT_ORIGIN countries, pay them: P2P of 50-400,
some wires of 500-1,500, remittances from abroad, and cash paid in at branches of their own
cities (MS-01, MS-02, GEO-02). Each relative pays a first instalment and, 5-45 days later, the
balance (MS-08); some relatives bank in the dataset, so several customers pay the same outsider
(MS-06). Each evening the collector moves the day's takings to savings, and 2-4 times a week
draws 2,000-9,000 in cash at branches of border towns (ML-02, ML-03, MS-13); now and then cash
paid into a second bank leaves days later by wire to Mexico or Guatemala (MS-03).

Subtlety (0-1) moves it towards L7 (tanda organiser), L14 (online seller near the border) and
L15 (community collection): at 1 there are 60 % fewer payers and credits, half as many of them
abroad, amounts 30 % smaller, only half the days' takings go to savings, cash is drawn in
halved sums in the home town only, and wires abroad are 60 % rarer.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import FloatArray, IntArray, text_where
from tipflow.simulate.clock import OFFICE_HOURS, hours_profile
from tipflow.simulate.people import add_persons
from tipflow.simulate.population import Population
from tipflow.simulate.reference import places
from tipflow.simulate.routine import city_offsets, transfers
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.laundering_helpers import (
    FOREIGN_BANKS,
    LOW_INCOME,
    OUTSIDE_BANKS,
    account_numbers,
    active_window,
    cash_at,
    everyday_life,
    occupations,
    open_at,
    other_institutions,
    person_names,
    spread_institutions,
    where,
    wire_abroad,
)
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import NO_ACCOUNT, Tag, World

TYPOLOGY = "smuggling_border_funnel"
CHANNELS = ("p2p", "wire", "cash", "remittance")
MEMOS = ("", "ayuda", "family", "pago", "gift", "help", "para ti")
EVENING = hours_profile((19, 24, 1))
P2P_HOURS = hours_profile((7, 23, 1))


class BorderFunnel(ScenarioParameters):
    collectors: tuple[int, int] = (1, 3)
    payers: tuple[int, int] = (20, 60)  # distinct relatives per network (FTA26 example: 34)
    credits_per_collector: tuple[int, int] = (300, 600)  # per 120 days (FTA26: 500+ in 5 months)
    abroad_share: float = Field(default=0.3, ge=0, le=1)  # relatives in MIGRANT_ORIGIN countries
    insider_share: float = Field(default=0.25, ge=0, le=1)  # domestic relatives banking here
    channel_shares: tuple[float, float, float] = (0.65, 0.15, 0.20)  # p2p, wire, cash (domestic)
    p2p_amount: tuple[float, float] = (50.0, 400.0)  # FTA26
    wire_amount: tuple[float, float] = (500.0, 1500.0)
    cash_deposit: tuple[float, float] = (300.0, 2500.0)
    remittance_amount: tuple[float, float] = (300.0, 1200.0)
    balance_after_days: tuple[int, int] = (5, 45)  # MS-08
    withdrawals_per_week: tuple[float, float] = (2.0, 4.0)
    withdrawal: tuple[float, float] = (2000.0, 9000.0)
    wires_abroad_per_month: float = Field(default=1.5, ge=0)
    active_days: tuple[int, int] = (90, 150)  # FIN23 / FTA26: over 3-5 months


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    assert isinstance(parameters, BorderFunnel)
    for _ in range(count):
        _network(world, population, parameters)


def _network(world: World, population: Population, p: BorderFunnel) -> None:
    rng = world.rng
    tag = world.new_network(TYPOLOGY, "migrant_smuggling")
    days = active_window(world, p.active_days)
    n = int(rng.integers(p.collectors[0], p.collectors[1] + 1))
    home = rng.choice(np.array(places().cities.indexes(border=True)), n).astype(np.int64)
    occupation, income = occupations(world, n, LOW_INCOME)
    collectors = add_persons(
        world,
        n,
        city=home,
        nationality=np.where(rng.random(n) < 0.5, "MX", "US").astype(object),
        age=(20, 50),
        occupation=occupation,
        income=income,
    )
    bank = spread_institutions(world, n, allow_msb=False)
    current = open_at(world, collectors.ids, bank, home)
    savings = open_at(world, collectors.ids, bank, home, kind="savings")
    # A second bank for the cash-in, wire-out leg, away from the collecting accounts.
    second = open_at(world, collectors.ids, other_institutions(world, bank), home)
    everyday_life(world, current, home, income, tag)
    takings = _payments(world, population, current, home, p, days, tag)
    moved = _evenings(world, current, savings, home, takings, tag)
    _cash_out(world, savings, home, moved, p, days, tag)
    _wires_abroad(world, second, home, p, days, tag)
    world.mark(np.concatenate([current, savings, second]), tag, "funnel")


def _payments(
    world: World,
    population: Population,
    collectors: IntArray,
    home: IntArray,
    p: BorderFunnel,
    days: tuple[int, int],
    tag: Tag,
) -> FloatArray:
    """Relatives' credits, two instalments each; returns takings per (collector, day)."""
    rng, clock, s = world.rng, world.clock, world.config.subtlety
    first, last = days
    intensity = 1 - 0.6 * s
    n = max(5, round(int(rng.integers(p.payers[0], p.payers[1] + 1)) * intensity))
    origin = np.array(places().countries_on("migrant_origin"), dtype=object)
    home_country = places().home_country
    country = rng.choice(origin, n)
    abroad = rng.random(n) < p.abroad_share * (1 - 0.5 * s)
    city = np.where(abroad, -1, rng.choice(places().cities.indexes(border=False), n))
    # Some relatives are customers here, preferably born in an origin country (MS-06).
    insider = ~abroad & (rng.random(n) < p.insider_share)
    persons = population.persons
    pool = np.flatnonzero(np.isin(persons.nationality, origin))
    chosen = rng.choice(pool if len(pool) else np.arange(len(persons.ids)), int(insider.sum()))
    account = np.full(n, NO_ACCOUNT, dtype=np.int64)
    account[insider], city[insider] = persons.account[chosen], persons.city[chosen]
    names, numbers = person_names(rng, country), account_numbers(rng, n)
    banks = np.where(abroad, rng.choice(FOREIGN_BANKS, n), rng.choice(OUTSIDE_BANKS, n))

    start = rng.integers(first, max(first + 1, last - p.balance_after_days[0]), n)
    balance = start + rng.integers(p.balance_after_days[0], p.balance_after_days[1] + 1, n)
    per_collector = rng.uniform(*p.credits_per_collector, len(collectors)).sum()
    m = int(rng.poisson(per_collector * (last - first + 1) / 120 * intensity))
    payer = rng.choice(n, m, p=rng.dirichlet(np.full(n, 2.0)))
    day = np.where(rng.random(m) < 0.55, balance[payer], start[payer]) + rng.integers(0, 3, m)
    payer, day = payer[day <= last], day[day <= last]
    m = len(payer)
    to = rng.choice(len(collectors), m, p=rng.dirichlet(np.full(len(collectors), 3.0)))
    shares = np.array(p.channel_shares) / sum(p.channel_shares)
    channel = rng.choice(3, m, p=shares)
    far = abroad[payer]
    channel = np.where(far, np.where(rng.random(m) < 0.6, 3, 1), channel)
    channel = np.where(insider[payer] & (channel == 2), 0, channel)  # insiders pay from accounts
    low = np.array([p.p2p_amount[0], p.wire_amount[0], p.cash_deposit[0], p.remittance_amount[0]])
    high = np.array([p.p2p_amount[1], p.wire_amount[1], p.cash_deposit[1], p.remittance_amount[1]])
    unit = np.array([5.0, 10.0, 20.0, 10.0])[channel]
    amount = np.round(rng.uniform(low[channel], high[channel]) * (1 - 0.3 * s) / unit) * unit
    is_cash = channel == 2
    outside = account[payer] == NO_ACCOUNT
    described = outside & ~is_cash  # the outside side of a transfer; cash has a depositor only
    place = city[payer]
    world.transact(
        when=clock.at(
            day,
            np.where(
                channel == 0,
                clock.seconds_in_hours(rng, P2P_HOURS, m),
                clock.seconds_in_hours(rng, OFFICE_HOURS, m),
            ),
        ),
        utc_offset=city_offsets(np.where(place < 0, home[to], place)),
        amount=amount,
        channel=Categorical.choose(CHANNELS, channel),
        source=np.where(is_cash, NO_ACCOUNT, account[payer]),
        target=collectors[to],
        tag=tag,
        counterparty_name=text_where(outside, names[payer]),  # cash: whom the teller recorded
        counterparty_account=text_where(described, numbers[payer]),
        counterparty_institution=text_where(described, banks[payer]),
        counterparty_country=text_where(described, np.where(far, country[payer], home_country)),
        description=np.where(is_cash, "cash deposit", rng.choice(MEMOS, m)).astype(object),
        **where(place, country[payer]),
    )
    takings = np.zeros((len(collectors), clock.days))
    np.add.at(takings, (to, day), amount)
    return takings


def _evenings(
    world: World,
    current: IntArray,
    savings: IntArray,
    home: IntArray,
    takings: FloatArray,
    tag: Tag,
) -> FloatArray:
    """Each evening the day's takings go to savings (ML-03); returns the total moved."""
    rng, clock = world.rng, world.clock
    who, day = np.nonzero(takings)
    keep = rng.random(len(who)) < 1 - 0.5 * world.config.subtlety
    who, day = who[keep], day[keep]
    n = len(who)
    amount = np.round(takings[who, day] * rng.uniform(0.8, 1.0, n), 0)
    transfers(
        world,
        source=current[who],
        target=savings[who],
        day=day,
        seconds=clock.seconds_in_hours(rng, EVENING, n),
        amount=amount,
        city=home[who],
        channel="internal",
        tag=tag,
        description=Categorical.constant("transfer to savings", n),
    )
    return np.bincount(who, amount, minlength=len(current)).astype(np.float64)


def _cash_out(
    world: World,
    savings: IntArray,
    home: IntArray,
    moved: FloatArray,
    p: BorderFunnel,
    days: tuple[int, int],
    tag: Tag,
) -> None:
    """2-4 withdrawals a week of 2,000-9,000 at branches of border towns, ~85 % of takings."""
    rng, s = world.rng, world.config.subtlety
    first, last = days
    scale = 1 - 0.5 * s
    per_week = rng.uniform(*p.withdrawals_per_week, len(savings))
    affordable = np.round(0.85 * moved / (np.mean(p.withdrawal) * scale))
    count = np.minimum(np.round(per_week * (last - first + 1) / 7), affordable).astype(np.int64)
    who = np.repeat(np.arange(len(savings)), count)
    n = len(who)
    border = np.array(places().cities.indexes(border=True))
    away = rng.random(n) < 0.5 * (1 - s)  # other border towns' branches (MS-13)
    day = rng.integers(min(first + 3, last), last + 1, n)
    amount = np.round(rng.uniform(*p.withdrawal, n) * scale, -2)
    city = np.where(away, rng.choice(border, n), home[who])
    memo = "counter withdrawal"
    cash_at(world, savings[who], day, amount, city, tag, deposit=False, memo=memo)


def _wires_abroad(
    world: World, second: IntArray, home: IntArray, p: BorderFunnel, days: tuple[int, int], tag: Tag
) -> None:
    """Cash paid into a second bank, wired within 1-5 days to Mexico or Guatemala (MS-03)."""
    rng, clock, s = world.rng, world.clock, world.config.subtlety
    first, last = days
    rate = p.wires_abroad_per_month * (last - first + 1) / 30.4 * (1 - 0.6 * s)
    who = np.repeat(np.arange(len(second)), rng.poisson(rate, len(second)))
    day = rng.integers(first, last + 1, len(who))
    deposit = np.round(rng.uniform(2000, 6000, len(who)) * (1 - 0.3 * s), -2)
    cash_at(world, second[who], day, deposit, home[who], tag, deposit=True, memo="cash deposit")
    wire_day = day + rng.integers(1, 6, len(who))
    rows = np.flatnonzero(wire_day < clock.days)
    k = len(rows)
    country = rng.choice(np.array(["MX", "GT"], dtype=object), k)
    amount = np.round(deposit[rows] * rng.uniform(0.85, 0.98, k), -1)
    source, at, memos = second[who[rows]], home[who[rows]], ("family support", "", "ayuda")
    beneficiary = person_names(rng, country)
    wire_abroad(world, source, wire_day[rows], amount, at, country, beneficiary, tag, memos)


SCENARIO = Scenario(
    id=TYPOLOGY,
    kind="typology",
    crime="migrant_smuggling",
    summary="Border-town collectors with low-income jobs take smuggling fees from 20-60 "
    "relatives across the country and abroad in two instalments, sweep them to savings and "
    "draw cash at border branches; some cash is wired on to Mexico or Guatemala.",
    indicators=(
        "MS-01",
        "MS-02",
        "MS-03",
        "MS-06",
        "MS-08",
        "MS-13",
        "ML-02",
        "ML-03",
        "GEO-01",
        "GEO-02",
    ),
    resembles=(),
    sources=("FIN23", "FTA26", "FIN14"),
    parameters=BorderFunnel,
    build=build,
)
