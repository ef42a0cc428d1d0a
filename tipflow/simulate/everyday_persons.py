"""What ordinary persons do with their money, for the whole period, in a few batches.

Wages match the declared occupation and income; pensions for the retired; rent on the first
days of the month; card spending by merchant category at the merchants' hours; cash; payments
to friends; savings; the credit-card bill; remittances home for foreign-born customers; hotels,
flights and taxis for occupations that travel.
"""

from __future__ import annotations

import numpy as np

from tipflow.simulate.arrays import IntArray, text_where
from tipflow.simulate.clock import EARLY_MORNING, OFFICE_HOURS, hours_profile
from tipflow.simulate.population import PAY_PERIOD_DAYS, Persons, outside_employer_names
from tipflow.simulate.reference import names, places
from tipflow.simulate.routine import (
    card_purchases,
    cash,
    counts_per_entity,
    lognormal,
    periodic,
    transfers,
)
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import NO_ACCOUNT, World

NET_OF_TAX = 0.76
LANDLORDS = (
    "Parkside Property Management",
    "Urban Living Rentals",
    "Oakwood Apartments LLC",
    "Metro Residential",
    "Greenway Homes",
)
REMITTANCE_SERVICES = ("WorldRemit Express", "SendHome Transfers", "QuickWire Money")
P2P_HOURS = hours_profile((8, 23, 1))


def everyday_persons(world: World, persons: Persons) -> None:
    _wages(world, persons)
    _rent(world, persons)
    _spending(world, persons)
    _friends(world, persons)
    _savings_and_bills(world, persons)
    _remittances(world, persons)


def _wages(world: World, persons: Persons) -> None:
    occupations = world.config.occupations
    pay = np.array([o.pay for o in occupations], dtype=object)[persons.occupation]
    employers = np.array(outside_employer_names(world), dtype=object)
    for cycle in ("weekly", "biweekly", "monthly", "pension"):
        rows = np.flatnonzero(pay == cycle)
        if not len(rows):
            continue
        period = PAY_PERIOD_DAYS[cycle]
        per_year = 12 if period == 30 else 365 // period
        employer = persons.employer_account[rows]
        name = (
            Categorical.constant("Social Security Administration", len(rows))
            if cycle == "pension"
            else text_where(employer == NO_ACCOUNT, world.rng.choice(employers, len(rows)))
        )
        periodic(
            world,
            period=np.full(len(rows), period),
            amount=persons.income[rows] * NET_OF_TAX / per_year,
            city=persons.city[rows],
            channel="ach",
            source=None if cycle == "pension" else employer,
            target=persons.account[rows],
            hours=EARLY_MORNING,
            jitter=0.01,
            counterparty_name=name,
            description=Categorical.constant(
                "PENSION" if cycle == "pension" else "PAYROLL", len(rows)
            ),
        )


def _rent(world: World, persons: Persons) -> None:
    rows = np.flatnonzero(persons.renter)
    rent = np.round(lognormal(world.rng, world.config.behaviour.rent, len(rows)), -1)
    periodic(
        world,
        period=np.full(len(rows), 30),
        amount=rent,
        city=persons.city[rows],
        channel="ach",
        source=persons.account[rows],
        hours=OFFICE_HOURS,
        jitter=0.0,
        counterparty_name=Categorical.choose(
            LANDLORDS, world.rng.integers(0, len(LANDLORDS), len(rows))
        ),
        description=Categorical.constant("rent", len(rows)),
    )


def _spending(world: World, persons: Persons) -> None:
    rng, behaviour = world.rng, world.config.behaviour
    n = len(persons.ids)
    on_credit = (persons.credit_card != NO_ACCOUNT) & (rng.random(n) < 0.6)
    payer = np.where(on_credit, persons.credit_card, persons.account)
    wealth = np.clip(persons.income / 50_000, 0.4, 3.0) ** 0.5
    card_purchases(
        world,
        payer,
        persons.city,
        lognormal(rng, behaviour.card_purchases, n) * wealth,
        behaviour.card_groups,
        amount_scale=wealth,
    )
    cash(
        world,
        persons.account,
        persons.city,
        lognormal(rng, behaviour.cash_withdrawals, n),
        (80.0, 0.7),
        deposit=False,
    )
    travelling = np.array([o.travel for o in world.config.occupations])[persons.occupation]
    rows = np.flatnonzero(rng.random(n) < travelling)
    business_trips(world, payer[rows], persons.city[rows], behaviour.business_trips_per_month)


def business_trips(world: World, accounts: IntArray, home_city: IntArray, per_month: float) -> None:
    """Trips to other cities: a flight, one hotel room a night, taxis there; all on own card."""
    rng, clock = world.rng, world.clock
    trips = counts_per_entity(rng, np.full(len(accounts), per_month), clock.days / 30.4)
    trip = np.repeat(np.arange(len(accounts)), trips)
    n = len(trip)
    n_cities = len(places().cities.name)
    destination = (home_city[trip] + rng.integers(1, n_cities, n)) % n_cities
    start = clock.random_days(rng, n, 0, clock.days - 6)
    payer = accounts[trip]
    _merchant_payments(
        world,
        payer,
        start,
        home_city[trip],
        "4511",
        ("SkyJet Airlines", "Coastal Air"),
        (320.0, 0.4),
        OFFICE_HOURS,
    )
    nights = rng.integers(1, 5, n)
    night = np.repeat(np.arange(n), nights)
    night_day = start[night] + np.arange(len(night)) - np.repeat(np.cumsum(nights) - nights, nights)
    hotels = ("StayWell Suites", "Comfort Lodge", "Airport Express Hotel")
    _merchant_payments(
        world,
        payer[night],
        night_day,
        destination[night],
        "7011",
        hotels,
        (145.0, 0.3),
        hours_profile((15, 23, 1)),
    )
    taxis = np.repeat(np.arange(n), rng.integers(0, 4, n))
    _merchant_payments(
        world,
        payer[taxis],
        start[taxis] + 1,
        destination[taxis],
        "4121",
        ("RideNow", "CityCab"),
        (24.0, 0.4),
        hours_profile((7, 22, 1)),
    )


def _merchant_payments(
    world: World,
    accounts: IntArray,
    day: IntArray,
    city: IntArray,
    mcc: str,
    merchants: tuple[str, ...],
    amount: tuple[float, float],
    hours: np.ndarray,
) -> None:
    rng, n = world.rng, len(accounts)
    transfers(
        world,
        source=accounts,
        target=None,
        day=np.minimum(day, world.clock.days - 1),
        seconds=world.clock.seconds_in_hours(rng, hours, n),
        amount=lognormal(rng, amount, n),
        city=city,
        channel="card",
        merchant_name=Categorical.choose(merchants, rng.integers(0, len(merchants), n)),
        merchant_category_code=Categorical.constant(mcc, n),
    )


def _friends(world: World, persons: Persons) -> None:
    """Payments between customers who know each other (mostly the same city)."""
    rng, clock = world.rng, world.clock
    n = len(persons.ids)
    counts = counts_per_entity(
        rng, lognormal(rng, world.config.behaviour.p2p_payments, n), clock.days / 30.4
    )
    payer = np.repeat(np.arange(n), counts)
    by_city = np.argsort(persons.city, kind="stable")
    position = np.searchsorted(persons.city[by_city], persons.city[payer])
    size = np.bincount(persons.city, minlength=persons.city.max() + 1)[persons.city[payer]]
    payee = by_city[position + rng.integers(0, np.maximum(size, 1))]
    keep = payee != payer
    payer, payee = payer[keep], payee[keep]
    m = len(payer)
    transfers(
        world,
        source=persons.account[payer],
        target=persons.account[payee],
        day=clock.random_days(rng, m),
        seconds=clock.seconds_in_hours(rng, P2P_HOURS, m),
        amount=np.round(lognormal(rng, (45.0, 0.8), m), 0),
        city=persons.city[payer],
        channel="p2p",
        description=Categorical.choose(
            ["dinner", "thanks", "tickets", "groceries", "gas money", ""], rng.integers(0, 6, m)
        ),
    )


def _savings_and_bills(world: World, persons: Persons) -> None:
    share = world.config.behaviour.savings_transfer_share
    rows = np.flatnonzero(persons.savings != NO_ACCOUNT)
    periodic(
        world,
        period=np.full(len(rows), 30),
        amount=persons.income[rows] * NET_OF_TAX / 12 * share,
        city=persons.city[rows],
        channel="internal",
        source=persons.account[rows],
        target=persons.savings[rows],
        jitter=0.2,
        description=Categorical.constant("transfer to savings", len(rows)),
    )
    rows = np.flatnonzero(persons.credit_card != NO_ACCOUNT)
    periodic(
        world,
        period=np.full(len(rows), 30),
        amount=persons.income[rows] * NET_OF_TAX / 12 * 0.25,
        city=persons.city[rows],
        channel="internal",
        source=persons.account[rows],
        target=persons.credit_card[rows],
        jitter=0.3,
        description=Categorical.constant("credit card payment", len(rows)),
    )


def _remittances(world: World, persons: Persons) -> None:
    """Monthly money home to a relative (same surname) in the country of birth."""
    rng = world.rng
    rows = np.flatnonzero(persons.remitter)
    catalogue = names()
    relative = np.array(
        [
            f"{rng.choice(catalogue.group_of(str(c)).female)} {s}"
            for c, s in zip(persons.nationality[rows], persons.surname[rows], strict=True)
        ],
        dtype=object,
    )
    periodic(
        world,
        period=np.full(len(rows), 30),
        amount=np.round(lognormal(rng, world.config.behaviour.remittance, len(rows)), -1),
        city=persons.city[rows],
        channel="remittance",
        source=persons.account[rows],
        jitter=0.15,
        counterparty_name=relative,
        counterparty_country=persons.nationality[rows],
        counterparty_institution=Categorical.choose(
            REMITTANCE_SERVICES, rng.integers(0, 3, len(rows))
        ),
        description=Categorical.choose(
            ["family support", "for mom", "household", ""], rng.integers(0, 4, len(rows))
        ),
    )
