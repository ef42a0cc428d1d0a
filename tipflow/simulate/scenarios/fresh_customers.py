"""Fresh customers for look-alikes: persons with accounts, wages and an ordinary life.

Look-alikes build their cast here rather than borrow population customers, so that every
account they open is theirs alone to mark (the truth has exactly one row per account and a
typology may pick any population customer). Apart from the feature that makes them resemble a
typology, they live like everyone else: wages on their occupation's pay cycle, card spending,
cash, savings and rent, as ``everyday_persons.py`` gives the population.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from tipflow.simulate.arrays import FloatArray, IntArray, StrArray, TimeArray, strings
from tipflow.simulate.clock import EARLY_MORNING, OFFICE_HOURS
from tipflow.simulate.everyday_persons import LANDLORDS, NET_OF_TAX
from tipflow.simulate.people import People, add_persons
from tipflow.simulate.population import (
    PAY_PERIOD_DAYS,
    institution_choice,
    outside_employer_names,
)
from tipflow.simulate.reference import names, places
from tipflow.simulate.routine import card_purchases, cash, lognormal, periodic, transfers
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import NO_ACCOUNT, World

WAGED = ("weekly", "biweekly", "monthly")


@dataclass(frozen=True)
class Customers:
    """Persons just given accounts (arrays in the same order as ``people``)."""

    people: People
    account: IntArray  # current account: wages in, everyday spending out
    savings: IntArray  # NO_ACCOUNT when none
    income: FloatArray  # declared, yearly

    @property
    def city(self) -> IntArray:
        return self.people.city

    def accounts(self) -> IntArray:
        """Every account opened for them, to be marked once in the truth."""
        return np.concatenate([self.account, self.savings[self.savings != NO_ACCOUNT]])


@dataclass(frozen=True)
class Paydays:
    """Wage credits laid out row by row: who (index into the customers), which day, how much."""

    entity: IntArray  # sorted: each customer's paydays in order
    day: IntArray
    net: FloatArray
    period: IntArray  # per customer: days between paydays


def open_accounts_for(
    world: World,
    people: People,
    income: FloatArray,
    *,
    opened: TimeArray | None = None,
    institution: IntArray | None = None,
    account_type: str = "current",
    savings_share: float = 0.35,
) -> Customers:
    """A current account each (at a bank, not an MSB), and a savings account for some."""
    rng, n = world.rng, len(people)
    bank = institution_choice(world, n, allow_msb=False) if institution is None else institution
    if opened is None:
        opened = world.clock.start - rng.integers(60, 3000, n).astype("timedelta64[D]")
    banks = Categorical.choose(world.institution_ids, bank)
    account = world.open_accounts(
        people.ids,
        banks,
        Categorical.constant(account_type, n),
        opened,
        branch_city=Categorical.choose(places().cities.name, people.city),
    )
    rows = np.flatnonzero(rng.random(n) < savings_share)
    savings = np.full(n, NO_ACCOUNT, dtype=np.int64)
    savings[rows] = world.open_accounts(
        people.ids[rows],
        Categorical(banks.codes[rows], banks.labels),
        Categorical.constant("savings", len(rows)),
        opened[rows],
    )
    return Customers(people, account, savings, income)


def new_workers(
    world: World,
    n: int,
    *,
    city: IntArray,
    nationality: StrArray | None = None,
    age: tuple[int, int] = (22, 62),
    address: StrArray | None = None,
    rent: bool = True,
) -> tuple[Customers, Paydays]:
    """``n`` employed persons paid by employers outside the dataset, living ordinary lives."""
    rng, occupations = world.rng, world.config.occupations
    waged = [i for i, o in enumerate(occupations) if o.pay in WAGED]
    weights = np.array([occupations[i].weight for i in waged])
    occupation = rng.choice(waged, size=n, p=weights / weights.sum()).astype(np.int64)
    median = np.array([o.income for o in occupations])[occupation]
    sigma = np.array([o.sigma for o in occupations])[occupation]
    income = np.asarray(median * np.exp(rng.normal(0, 1, n) * sigma), dtype=np.float64)
    people = add_persons(
        world,
        n,
        city=city,
        nationality=nationality,
        age=age,
        address=address,
        occupation=Categorical.choose([o.name for o in occupations], occupation),
        income=income,
    )
    customers = open_accounts_for(world, people, income)
    period = np.array([PAY_PERIOD_DAYS[occupations[int(k)].pay] for k in occupation])
    paydays = pay_wages(world, customers, period)
    ordinary_life(world, customers)
    if rent:
        renters = np.flatnonzero(rng.random(n) < world.config.population.renter_share)
        monthly_rent(world, customers, renters)
    return customers, paydays


def pay_wages(
    world: World,
    customers: Customers,
    period: IntArray,
    *,
    source: IntArray | None = None,
    net: FloatArray | None = None,
    first_day: int = 0,
    last_day: int | None = None,
    description: StrArray | None = None,
) -> Paydays:
    """Net wages by ACH every ``period`` days from ``first_day`` (to ``last_day``).

    The phase is drawn here and returned, so a look-alike can tie its own flows to payday.
    ``source``: employer accounts in the dataset (else outside employers, by name); ``net``:
    the net pay per payday (else the declared income net of tax).
    """
    rng, n = world.rng, len(customers.account)
    phase = (first_day + rng.integers(0, period)).astype(np.int64)
    entity, day = world.clock.periodic_days(phase, period)
    if last_day is not None:
        entity, day = entity[day <= last_day], day[day <= last_day]
    if net is None:
        net = customers.income * NET_OF_TAX / np.where(period >= 28, 12.0, 365.0 / period)
    employer = None
    if source is None:
        employer = rng.choice(np.array(outside_employer_names(world), dtype=object), n)[entity]
    amount = np.round(net[entity] * (1 + rng.normal(0, 0.01, len(entity))), 2)
    transfers(
        world,
        source=None if source is None else source[entity],
        target=customers.account[entity],
        day=day,
        seconds=world.clock.seconds_in_hours(rng, EARLY_MORNING, len(entity)),
        amount=amount,
        city=customers.city[entity],
        channel="ach",
        counterparty_name=strings(None, len(entity)) if employer is None else employer,
        description=strings("PAYROLL", len(entity)) if description is None else description[entity],
    )
    return Paydays(entity, day, amount, period)


def ordinary_life(world: World, customers: Customers, *, spending: float = 1.0) -> None:
    """Card spending, ATM cash and a monthly savings transfer, scaled by income as for anyone."""
    rng, behaviour = world.rng, world.config.behaviour
    n = len(customers.account)
    wealth = np.clip(customers.income / 50_000, 0.4, 3.0) ** 0.5
    card_purchases(
        world,
        customers.account,
        customers.city,
        lognormal(rng, behaviour.card_purchases, n) * wealth * spending,
        behaviour.card_groups,
        amount_scale=wealth,
    )
    cash(
        world,
        customers.account,
        customers.city,
        lognormal(rng, behaviour.cash_withdrawals, n),
        (80.0, 0.7),
        deposit=False,
    )
    rows = np.flatnonzero(customers.savings != NO_ACCOUNT)
    periodic(
        world,
        period=np.full(len(rows), 30),
        amount=customers.income[rows] * NET_OF_TAX / 12 * behaviour.savings_transfer_share,
        city=customers.city[rows],
        channel="internal",
        source=customers.account[rows],
        target=customers.savings[rows],
        jitter=0.2,
        description=Categorical.constant("transfer to savings", len(rows)),
    )


def monthly_rent(world: World, customers: Customers, rows: IntArray) -> None:
    """Rent to a property manager outside the dataset, the same amount on the same day."""
    rng = world.rng
    due = rng.integers(1, 6, len(rows))
    entity, _, day = monthly_days(world, due)
    rent = np.round(lognormal(rng, world.config.behaviour.rent, len(rows)), -1)
    landlord = rng.integers(0, len(LANDLORDS), len(rows))
    transfers(
        world,
        source=customers.account[rows][entity],
        target=None,
        day=day,
        seconds=world.clock.seconds_in_hours(rng, OFFICE_HOURS, len(entity)),
        amount=rent[entity],
        city=customers.city[rows][entity],
        channel="ach",
        counterparty_name=Categorical.choose(LANDLORDS, landlord[entity]),
        description=Categorical.constant("rent", len(entity)),
    )


def monthly_days(
    world: World, due: IntArray, *, spill: int = 0
) -> tuple[IntArray, IntArray, IntArray]:
    """Each calendar month's day ``due`` (1-28) per entity: (entity, month 1-12, day number).

    Fixed due dates, not a payday rhythm, are what tells rent, dues and club contributions
    from wage-timed sweeps. With ``spill``, days up to that far outside the period are kept
    too, for callers that move payments a few days early or late and then keep those inside.
    """
    clock = world.clock
    start = clock.start.astype("datetime64[D]")
    end = start + np.timedelta64(clock.days - 1, "D")
    one = np.timedelta64(1, "M")
    months = np.arange(start.astype("datetime64[M]") - one, end.astype("datetime64[M]") + 2 * one)
    first = (months.astype("datetime64[D]") - start).astype(np.int64)
    day = (first[None, :] + np.asarray(due, dtype=np.int64)[:, None] - 1).ravel()
    entity = np.repeat(np.arange(len(due), dtype=np.int64), len(months))
    month = np.tile(months.astype(np.int64) % 12 + 1, len(due))
    keep = (day >= -spill) & (day < clock.days + spill)
    return entity[keep], month[keep], day[keep]


def foreign_nationalities(
    world: World, n: int, preferred: Mapping[str, float] | None = None
) -> StrArray:
    """Countries of birth: ``preferred`` weights where the world knows the country, else the
    world's own foreign-born mix."""
    home = places()
    weights = dict(zip(home.foreign_countries, home.foreign_weight.tolist(), strict=True))
    if preferred and any(c in weights for c in preferred):
        weights = {c: float(w) for c, w in preferred.items() if c in weights}
    countries = np.array(list(weights), dtype=object)
    p = np.array(list(weights.values()))
    return np.asarray(world.rng.choice(countries, size=n, p=p / p.sum()), dtype=object)


def relatives(world: World, nationality: StrArray, surname: StrArray, gender: str) -> StrArray:
    """Names of relatives abroad: a given name of their origin and the customer's surname."""
    rng, catalogue = world.rng, names()
    out = np.empty(len(nationality), dtype=object)
    for country in np.unique(nationality):
        rows = np.flatnonzero(nationality == country)
        group = catalogue.group_of(str(country))
        given = rng.choice(np.array(getattr(group, gender), dtype=object), len(rows))
        out[rows] = np.char.add(np.char.add(given.astype(str), " "), surname[rows].astype(str))
    return out


def foreign_account_numbers(world: World, country: StrArray) -> StrArray:
    """Synthetic account numbers for beneficiaries abroad (country prefix, not a real IBAN)."""
    digits = world.rng.integers(10**9, 10**10, len(country))
    return np.char.add(np.char.add(country.astype(str), "-SIM"), digits.astype(str)).astype(object)
