"""T7: hawala guarantee and MSB pass-through (FATF22; Koser 2008).

A phone shop (ISIC 4741) or travel agency (ISIC 7911) holds smuggling fees in escrow: relatives
of migrants pay its business account 10-50 times a week, 200-2,000 each, and are unrelated to
one another (MS-09); the owner also banks cash taken over the counter, well beyond what the
declared turnover explains (MS-10, MS-07, sub-threshold amounts as in ML-02). The balance sits
1-6 weeks until arrival is proven, then leaves in a few round wires of 20,000-100,000 to trading
firms in a third country (UAE, Turkey) against "invoices for goods" (ML-16, GEO-01). The shop
keeps a thin lawful business (card settlements, a supplier, rent, a small payroll), so its
business-typical debits are a small share of its outflows (ML-16); its owner draws a salary
from it to his own account at another bank.

Subtlety (0-1) moves it towards L17 (licensed remittance agent), L18 (import-export trader) and
L19 (travel agency in peak season): at 1 there are 60 % fewer credits, 30 % smaller, 70 % fewer
cash deposits, lots half as big and no longer round, paid to one counterpart only.
"""

from __future__ import annotations

from typing import Annotated

import numpy as np
from pydantic import Field, StringConstraints

from tipflow.simulate.arrays import FloatArray, IntArray, text_where
from tipflow.simulate.clock import DAYTIME, EARLY_MORNING, OFFICE_HOURS
from tipflow.simulate.people import add_organisations, add_persons
from tipflow.simulate.population import Population, institution_choice
from tipflow.simulate.reference import places
from tipflow.simulate.routine import periodic
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.laundering_helpers import (
    OUTSIDE_BANKS,
    account_numbers,
    active_window,
    cash_at,
    everyday_life,
    open_at,
    other_institutions,
    person_names,
    wire_abroad,
)
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import NO_ACCOUNT, Tag, World

TYPOLOGY = "smuggling_hawala_pass_through"
SHOPS = (("phone shop", "4741", "Wireless Distributors Inc"), ("travel agency", "7911", "ARC"))
FIRM_WORDS = ("Al Noor", "Golden Crescent", "Silk Gate", "Desert Falcon", "Marmara", "Horizon")
FIRM_FORMS = ("General Trading LLC", "Import Export Ltd", "Electronics Trading Co", "Dis Ticaret")
MEMOS = ("", "deposit", "order", "ticket", "balance", "service", "phone")
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]


class HawalaPassThrough(ScenarioParameters):
    credits_per_week: tuple[float, float] = (10.0, 50.0)  # catalogue T7 (FATF22)
    credit_amount: tuple[float, float] = (200.0, 2000.0)
    hold_days: tuple[int, int] = (7, 42)  # held 1-6 weeks until arrival is proven (MS-09)
    release_lot: tuple[float, float] = (20_000.0, 100_000.0)
    release_countries: tuple[Country, ...] = ("AE", "TR")
    cash_deposits_per_week: tuple[float, float] = (1.0, 3.0)
    cash_deposit: tuple[float, float] = (3000.0, 9500.0)
    turnover: tuple[float, float] = (120_000.0, 350_000.0)  # declared yearly, a small shop
    insider_share: float = Field(default=0.15, ge=0, le=1)  # payers who bank in the dataset
    active_days: tuple[int, int] = (120, 365)


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    assert isinstance(parameters, HawalaPassThrough)
    for _ in range(count):
        _network(world, population, parameters)


def _network(world: World, population: Population, p: HawalaPassThrough) -> None:
    rng = world.rng
    tag = world.new_network(TYPOLOGY, "migrant_smuggling")
    kind, isic, supplier = SHOPS[int(rng.integers(0, len(SHOPS)))]
    city = np.array([rng.choice(len(places().cities.name))], dtype=np.int64)
    turnover = np.array([rng.uniform(*p.turnover)])
    shop, _, _ = add_organisations(
        world,
        1,
        kind=kind,
        industry_code=isic,
        city=city,
        employees=rng.integers(1, 5, 1).astype(np.int64),
        turnover=turnover,
    )
    home = places()
    weights = home.foreign_weight / home.foreign_weight.sum()
    owner = add_persons(
        world,
        1,
        city=city,
        nationality=rng.choice(np.array(home.foreign_countries, dtype=object), 1, p=weights),
        age=(30, 60),
        occupation=Categorical.constant("business owner", 1),
        income=turnover * 0.15,
    )
    bank = institution_choice(world, 1, allow_msb=False)
    business = open_at(world, shop, bank, city, kind="business")
    own = open_at(world, owner.ids, other_institutions(world, bank), city)
    world.link(business, owner.ids, "beneficial_owner")
    world.link(business, owner.ids, "signatory")
    days = active_window(world, p.active_days)
    _thin_business(world, business, own, city, float(turnover[0]), supplier, tag)
    held = _collections(world, population, business, city, p, days, tag)
    _releases(world, business, city, held, p, tag)
    everyday_life(world, own, city, turnover * 0.15, tag, wages=False)
    world.mark(business, tag, "front_business")
    world.mark(own, tag, "facilitator")


def _thin_business(
    world: World,
    business: IntArray,
    own: IntArray,
    city: IntArray,
    turnover: float,
    supplier: str,
    tag: Tag,
) -> None:
    """The lawful cover: daily card sales, weekly supplier, rent, payroll, the owner's draw."""
    flows = (  # (period in days, yearly amount, inbound, channel, counterparty, memo)
        (1, turnover, True, "ach", "Merchant Services Settlement", "card settlement"),
        (7, turnover * 0.55, False, "ach", supplier, "supplier invoice"),
        (30, turnover * 0.08, False, "ach", "Commerce Park Leasing", "commercial rent"),
        (14, turnover * 0.12, False, "ach", "Payroll batch", "PAYROLL"),
        (30, turnover * 0.15, False, "ach", "", "owner draw"),
    )
    for period, yearly, inbound, channel, counterparty, memo in flows:
        draw = memo == "owner draw"
        periodic(
            world,
            period=np.array([period]),
            amount=np.array([yearly * period / 365]),
            city=city,
            channel=channel,
            source=None if inbound else business,
            target=own if draw else (business if inbound else None),
            hours=EARLY_MORNING if inbound else OFFICE_HOURS,
            jitter=0.25 if inbound else 0.05,
            tag=tag,
            counterparty_name=np.array([counterparty or None], dtype=object),
            description=Categorical.constant(memo, 1),
        )


def _collections(
    world: World,
    population: Population,
    business: IntArray,
    city: IntArray,
    p: HawalaPassThrough,
    days: tuple[int, int],
    tag: Tag,
) -> FloatArray:
    """Relatives' transfers and the owner's cash deposits; returns the illicit money per day."""
    rng, clock, s = world.rng, world.clock, world.config.subtlety
    first, last = days
    weeks = (last - first + 1) / 7
    m = int(rng.poisson(rng.uniform(*p.credits_per_week) * weeks * (1 - 0.6 * s)))
    day = rng.integers(first, last + 1, m)
    low, high = np.log(p.credit_amount)
    amount = np.round(np.exp(rng.uniform(low, high, m)) * (1 - 0.3 * s), -1)
    # Unrelated people: most pay once or twice (distinct names, several origins).
    countries = np.array(places().foreign_countries, dtype=object)
    payer = rng.integers(0, max(5, round(m * 0.7)), m)
    origin = rng.choice(countries, payer.max(initial=0) + 1)
    insider = rng.random(payer.max(initial=0) + 1) < p.insider_share
    persons = population.persons
    inside = rng.choice(persons.account, len(insider))
    source = np.where(insider[payer], inside[payer], NO_ACCOUNT)
    outside = source == NO_ACCOUNT
    channel = rng.choice(3, m, p=[0.7, 0.2, 0.1])
    names = person_names(rng, origin)[payer]
    world.transact(
        when=clock.at(day, clock.seconds_in_hours(rng, DAYTIME, m)),
        utc_offset=np.full(m, places().cities.utc_offset[int(city[0])]),
        amount=amount,
        channel=Categorical.choose(("p2p", "wire", "ach"), channel),
        source=source,
        target=np.full(m, business[0]),
        tag=tag,
        counterparty_name=text_where(outside, names),
        counterparty_account=text_where(outside, account_numbers(rng, m)),
        counterparty_institution=text_where(outside, rng.choice(OUTSIDE_BANKS, m)),
        counterparty_country=text_where(outside, places().home_country),
        description=rng.choice(np.array(MEMOS, dtype=object), m),
        city=Categorical.choose(places().cities.name, np.full(m, city[0])),
        country=Categorical.constant(places().home_country, m),
    )
    # Cash taken over the counter, banked in sub-threshold sums (MS-10, ML-02).
    rate = rng.uniform(*p.cash_deposits_per_week) * weeks * (1 - 0.7 * s)
    k = int(rng.poisson(rate))
    cash_day = rng.integers(first, last + 1, k)
    cash = np.round(rng.uniform(*p.cash_deposit, k), -2)
    at = np.full(k, city[0])
    cash_at(
        world,
        business[np.zeros(k, np.int64)],
        cash_day,
        cash,
        at,
        tag,
        deposit=True,
        memo="branch cash deposit",
        hours=OFFICE_HOURS,
    )
    return (
        np.bincount(day, amount, minlength=clock.days) + np.bincount(cash_day, cash, clock.days)
    ).astype(np.float64)


def _releases(
    world: World,
    business: IntArray,
    city: IntArray,
    held: FloatArray,
    p: HawalaPassThrough,
    tag: Tag,
) -> None:
    """Release each completed lot 1-6 weeks later by wire to a third-country trading firm."""
    rng, clock, s = world.rng, world.clock, world.config.subtlety
    collected = np.cumsum(held)
    total = collected[-1] * rng.uniform(0.85, 0.95)
    lot = round(rng.uniform(*p.release_lot) * (1 - 0.5 * s) / 5000) * 5000
    lot = max(5000, min(lot, int(total / 2 / 5000) * 5000))  # at least two releases
    k = int(total // lot)
    if k == 0:
        return
    # The day each lot is complete, then held until the migrant's arrival is confirmed.
    ready = np.searchsorted(collected, lot * np.arange(1, k + 1))
    day = ready + rng.integers(p.hold_days[0], p.hold_days[1] + 1, k)
    day = day[day < clock.days]
    k = len(day)
    firms = 1 if rng.random() < s else int(rng.integers(2, 4))
    country = rng.choice(np.array(p.release_countries, dtype=object), firms)
    names = np.array(
        [f"{rng.choice(FIRM_WORDS)} {rng.choice(FIRM_FORMS)}" for _ in range(firms)], dtype=object
    )
    firm = rng.integers(0, firms, k)
    uneven = rng.random(k) < s  # like a licensed agent's settlement: not round
    amount = np.where(uneven, lot * rng.uniform(0.9, 1.1, k), float(lot))
    source, at = np.full(k, business[0]), np.full(k, city[0])
    memos = np.array([f"INV {n} goods" for n in rng.integers(1000, 9999, k)], dtype=object)
    wire_abroad(world, source, day, amount, at, country[firm], names[firm], tag, memos)


SCENARIO = Scenario(
    id=TYPOLOGY,
    kind="typology",
    crime="migrant_smuggling",
    summary="A phone shop or travel agency holds smuggling fees paid by many unrelated "
    "people for 1-6 weeks, banks cash beyond its turnover and releases round lots by wire "
    "to trading firms in the UAE or Turkey.",
    indicators=("MS-07", "MS-09", "MS-10", "ML-02", "ML-16", "GEO-01"),
    resembles=(),
    sources=("FATF22", "Koser08", "FIN23"),
    parameters=HawalaPassThrough,
    build=build,
)
