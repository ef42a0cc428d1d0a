"""T2: a national funnel network with overseas principals (FIN20, the Thai case).

10-40 victims from an HT_SOURCE country open accounts at one branch in the hub city on the same
few days, giving one shared address (GEN-02, HT-LAB-07); 1-3 launderers in the hub are
signatories on them. The victims are moved between houses in 5-10 other cities every 2-4 weeks;
there, 2-5 times a week, cash of 500-3,000 is paid into each account, sized to cover the next
withdrawal (ML-01, ML-02, ML-04); they declare jobs but no wages ever arrive (ML-05). The same
or the next day a launderer draws 2,000-9,500 in cash in the hub (ML-01, ML-03). Handlers
("house bosses") pay rent of 1,500-4,000 per house a month (HT-SEX-24), funded by the
launderers. Each month the launderers bank part of the cash in sub-threshold sums and wire
5,000-40,000 to the principals' country as "family support" or "loan repayment" (ML-15,
GEO-01); now and then one flies there after a large withdrawal (ML-14).

Subtlety (0-1) moves it towards L4 (student funded in cash), L8 (multi-branch small business)
and L5 (diaspora remitter): at 1 there are half as many victims and cities, half the victims
share the address, withdrawals are half as large and come up to three days after the deposits,
and wires are smaller.
"""

from __future__ import annotations

from typing import Annotated

import numpy as np
from pydantic import Field, StringConstraints

from tipflow.simulate.arrays import FloatArray, IntArray, strings
from tipflow.simulate.clock import hours_profile
from tipflow.simulate.people import People, add_persons, street_addresses
from tipflow.simulate.population import Population, institution_choice
from tipflow.simulate.reference import places
from tipflow.simulate.routine import card_purchases, periodic
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.laundering_helpers import (
    active_window,
    cash_at,
    everyday_life,
    occupations,
    open_at,
    other_institutions,
    person_names,
    split,
    wire_abroad,
)
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import Tag, World

TYPOLOGY = "sex_trafficking_funnel_network"
MORNING = hours_profile((8, 13, 1))
AFTERNOON = hours_profile((14, 19, 1))
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class FunnelNetwork(ScenarioParameters):
    victims: tuple[int, int] = (10, 40)  # FIN20 / catalogue T2
    launderers: tuple[int, int] = (1, 3)
    handlers: tuple[int, int] = (2, 5)
    cities: tuple[int, int] = (5, 10)
    rotation_days: tuple[int, int] = (14, 28)  # how long victims stay in one house
    withdrawals_per_week: tuple[float, float] = (0.8, 1.3)  # per account: 2-5 deposits a week
    withdrawal: tuple[float, float] = (2000.0, 9500.0)
    deposit_size: tuple[float, float] = (1500.0, 2800.0)  # pieces land in 500-3,000
    rent: tuple[float, float] = (1500.0, 4000.0)  # per house a month (HT-SEX-24)
    wire_share: float = Field(default=0.6, ge=0, le=1)  # of a month's cash, wired abroad
    wire: tuple[float, float] = (5000.0, 40_000.0)
    source_country: Country | None = None  # the principals' HT_SOURCE country; None: drawn
    active_days: tuple[int, int] = (365, 1460)  # 1-4 years: usually the whole period


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    assert isinstance(parameters, FunnelNetwork)
    for _ in range(count):
        _network(world, parameters)


def _network(world: World, p: FunnelNetwork) -> None:
    rng, clock, s = world.rng, world.clock, world.config.subtlety
    tag = world.new_network(TYPOLOGY, "sex_trafficking")
    country = p.source_country or str(rng.choice(places().countries_on("ht_source")))
    every = np.arange(len(places().cities.name))
    hub = int(rng.choice(every))
    n_cities = max(2, round(int(rng.integers(p.cities[0], p.cities[1] + 1)) * (1 - 0.5 * s)))
    cities = rng.choice(every[every != hub], min(n_cities, len(every) - 1), replace=False)
    days = active_window(world, p.active_days)

    n = max(3, round(int(rng.integers(p.victims[0], p.victims[1] + 1)) * (1 - 0.5 * s)))
    before = int(rng.integers(30, 400))
    occupation, income = occupations(world, n, ("hairdresser", "cleaner", "student"))
    shared = street_addresses(rng, 1)[0]
    victims = add_persons(
        world,
        n,
        city=np.full(n, hub),
        nationality=strings(country, n),
        gender=strings("female", n),
        age=(19, 35),
        occupation=occupation,
        income=income,
        onboarded_days_before=(before, before + 4),
        address=np.where(rng.random(n) < 1 - 0.5 * s, shared, street_addresses(rng, n)),
    )
    # One branch of one bank, the same few days (FIN20).
    bank = np.full(n, institution_choice(world, 1, allow_msb=False)[0])
    opened = clock.start - (before - rng.choice([0, 1, 3], n)).astype("timedelta64[D]")
    accounts = open_at(world, victims.ids, bank, np.full(n, hub), opened=opened)

    launderers, pay = _actors(world, p.launderers, np.array([hub]), country)
    elsewhere = other_institutions(world, np.full(len(launderers), bank[0]), allow_msb=False)
    own = open_at(world, launderers.ids, elsewhere, launderers.city)
    signatory = rng.integers(0, len(launderers), n)
    world.link(accounts, launderers.ids[signatory], "signatory")
    houses = len(cities)  # a handler per house at most: each has one to run
    handlers, wages = _actors(
        world, (min(p.handlers[0], houses), min(p.handlers[1], houses)), cities, country
    )
    bosses = open_at(world, handlers.ids, institution_choice(world, len(handlers)), handlers.city)
    everyday_life(world, own, launderers.city, pay, tag)
    everyday_life(world, bosses, handlers.city, wages, tag, rent=False)

    who, day, amount = _cash_cycle(world, accounts, signatory, hub, cities, p, days, tag)
    _principals(world, own, hub, who, day, amount, country, p, tag)
    _houses(world, own, bosses, cities, p, tag)
    spending = {"FOOD": 3.0, "APPEARANCE": 2.0, "TELECOM": 1.0}
    card_purchases(world, accounts, victims.city, np.full(n, 5.0), spending, tag=tag, days=days)
    world.mark(accounts, tag, "victim")
    world.mark(own, tag, "funnel")
    world.mark(bosses, tag, "controller")


def _actors(
    world: World, size: tuple[int, int], cities: IntArray, country: str
) -> tuple[People, FloatArray]:
    """Launderers or handlers: compatriots of the principals with ordinary jobs and wages."""
    rng = world.rng
    n = int(rng.integers(size[0], size[1] + 1))
    occupation, income = occupations(world, n, ("office manager", "sales representative", "cook"))
    people = add_persons(
        world,
        n,
        city=rng.choice(cities, n).astype(np.int64),
        nationality=np.where(rng.random(n) < 0.7, country, places().home_country).astype(object),
        age=(28, 55),
        occupation=occupation,
        income=income,
    )
    return people, income


def _cash_cycle(
    world: World,
    accounts: IntArray,
    signatory: IntArray,
    hub: int,
    cities: IntArray,
    p: FunnelNetwork,
    days: tuple[int, int],
    tag: Tag,
) -> tuple[IntArray, IntArray, FloatArray]:
    """Deposits in the victims' current cities sized to cover a hub withdrawal the same or next
    day; returns (launderer, day, amount) of each withdrawal."""
    rng, clock, s = world.rng, world.clock, world.config.subtlety
    first, last = days
    weeks = (last - first + 1) / 7
    victim = np.repeat(
        np.arange(len(accounts)),
        rng.poisson(rng.uniform(*p.withdrawals_per_week) * weeks, len(accounts)),
    )
    base = rng.integers(first + 1, last + 1, len(victim))
    target = rng.uniform(*p.withdrawal, len(victim)) * (1 - 0.5 * s)
    parts = np.maximum(1, np.ceil(target / rng.uniform(*p.deposit_size, len(victim))))
    owner, piece = split(rng, target, parts.astype(np.int64))
    piece = np.round(np.clip(piece, 500, 3000), -1).astype(np.float64)
    deposit_day = base[owner] - rng.integers(0, 2, len(owner))
    rotation = int(rng.integers(*p.rotation_days))
    offset = rng.integers(0, len(cities), len(accounts))
    where = cities[(deposit_day // rotation + offset[victim[owner]]) % len(cities)]
    memo = "ATM cash deposit" if rng.random() < 0.5 else "cash deposit"
    to = accounts[victim[owner]]
    cash_at(world, to, deposit_day, piece, where, tag, deposit=True, memo=memo, hours=MORNING)
    last_deposit = np.zeros(len(victim), dtype=np.int64)
    np.maximum.at(last_deposit, owner, deposit_day)
    day = last_deposit + rng.integers(0, 2 + round(2 * s), len(victim))  # the same or next day
    keep = day < clock.days
    amount = np.bincount(owner, piece, minlength=len(victim))[keep].astype(np.float64)
    victim, day = victim[keep], day[keep]
    at, memo = np.full(len(victim), hub), "counter withdrawal"
    cash_at(
        world, accounts[victim], day, amount, at, tag, deposit=False, memo=memo, hours=AFTERNOON
    )
    return signatory[victim], day, amount


def _principals(
    world: World,
    own: IntArray,
    hub: int,
    who: IntArray,
    day: IntArray,
    amount: FloatArray,
    country: str,
    p: FunnelNetwork,
    tag: Tag,
) -> None:
    """Monthly: bank part of the cash in sub-threshold sums, wire it to the principals."""
    rng, clock, s = world.rng, world.clock, world.config.subtlety
    months = clock.days // 30 + 1
    cash = np.zeros((len(own), months))
    np.add.at(cash, (who, day // 30), amount)
    launderer, month = np.nonzero(cash)
    budget = rng.uniform(*p.wire, len(month))  # what the principals call for this month
    wire = np.round(np.minimum(cash[launderer, month] * p.wire_share, budget), -2).astype(float)
    wire_day = np.minimum(month * 30 + 29, clock.days - 1) - rng.integers(0, 4, len(month))
    keep = (wire >= p.wire[0] * (1 - 0.5 * s)) & (wire_day >= 8)
    launderer, wire, wire_day = launderer[keep], wire[keep], wire_day[keep]
    owner, piece = split(rng, wire, np.ceil(wire / 6500).astype(np.int64))  # each < 10,000
    to, at = own[launderer[owner]], np.full(len(owner), hub)
    deposit_day = wire_day[owner] - rng.integers(1, 8, len(owner))
    cash_at(world, to, deposit_day, np.round(piece, -1), at, tag, deposit=True, memo="cash deposit")
    k = len(wire)
    principals = person_names(rng, strings(country, 2))[rng.integers(0, 2, k)]
    memos = ("family support", "loan repayment")
    at, where = np.full(k, hub), strings(country, k)
    wire_abroad(world, own[launderer], wire_day, wire, at, where, principals, tag, memos)
    # Couriers fly out after large withdrawals (ML-14): long-haul fares, about one in 2 months.
    travel = {"DISTANCE_TRAVEL": 1.0}
    hubs = np.full(len(own), hub)
    card_purchases(world, own, hubs, np.full(len(own), 0.5), travel, amount_scale=4.0, tag=tag)


def _houses(
    world: World, own: IntArray, bosses: IntArray, cities: IntArray, p: FunnelNetwork, tag: Tag
) -> None:
    """A house per city, its rent paid monthly by a handler the launderers fund."""
    rng = world.rng
    n = len(cities)
    boss = np.arange(n) % len(bosses)
    rent = np.round(rng.uniform(*p.rent, n), -1)
    landlords = person_names(rng, strings("US", n))
    periodic(
        world,
        period=np.full(n, 30),
        amount=rent,
        city=cities.astype(np.int64),
        channel="p2p",
        source=bosses[boss],
        jitter=0.0,
        tag=tag,
        counterparty_name=landlords,
        description=Categorical.constant("rent", n),
    )
    funding = np.bincount(boss, rent, minlength=len(bosses)) * rng.uniform(1.1, 1.3, len(bosses))
    payer = rng.integers(0, len(own), len(bosses))
    place = cities[np.arange(len(bosses)) % n].astype(np.int64)
    periodic(
        world,
        period=np.full(len(bosses), 30),
        amount=np.round(funding, -1),
        city=place,
        channel="p2p",
        source=own[payer],
        target=bosses,
        tag=tag,
        description=Categorical.constant("house costs", len(bosses)),
    )
    spending = {"ADS": 2.0, "FOOD": 3.0, "GROCERY": 3.0, "LOCAL_TRANSPORT": 2.0}
    card_purchases(world, bosses, place, np.full(len(bosses), 20.0), spending, tag=tag)


SCENARIO = Scenario(
    id=TYPOLOGY,
    kind="typology",
    crime="sex_trafficking",
    summary="Victims' accounts opened together in a hub city take cash in 5-10 other cities, "
    "launderers withdraw it in the hub the same or next day, handlers pay the houses' rent and "
    "the launderers wire monthly to principals abroad as family support.",
    indicators=(
        "ML-01",
        "ML-02",
        "ML-03",
        "ML-04",
        "ML-05",
        "ML-14",
        "ML-15",
        "HT-SEX-24",
        "HT-LAB-07",
        "GEN-02",
        "GEO-01",
    ),
    resembles=(),
    sources=("FIN20",),
    parameters=FunnelNetwork,
    build=build,
)
