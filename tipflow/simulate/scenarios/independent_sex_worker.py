"""L2: a lawful independent sex worker (where the law allows it), working for themselves.

Resembles T1 closely (HT-SEX-01, 03, 06, 09, 11): many evening P2P payments from different,
mostly male, individuals at service prices, small ad payments, rides, some hotel nights and
cash deposits. AUS22 warns this cannot be told from trafficking on transactions alone, which is
why the truth marks it as a look-alike and labels some accounts ``not_suspicious``. What
differs (catalogue 2.14): the worker keeps and spends the income: nothing is swept to a
controller; own rent, savings and quarterly estimated tax; one room in the home city; no
device or address shared with anyone; no authorised user on the account.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import strings
from tipflow.simulate.clock import DAYTIME, OFFICE_HOURS, hours_profile
from tipflow.simulate.people import add_persons, device_ids
from tipflow.simulate.population import Population
from tipflow.simulate.reference import names, places
from tipflow.simulate.routine import card_purchases, lognormal, transfers
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.fresh_customers import (
    Customers,
    monthly_days,
    monthly_rent,
    open_accounts_for,
    ordinary_life,
)
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import Tag, World

LOOKALIKE = "independent_sex_worker"
CLIENT_HOURS = hours_profile((12, 18, 2), (18, 24, 5), (0, 2, 1))
TAX_MONTHS = (1, 4, 6, 9)  # US estimated-tax instalments fall due on the 15th of these


class IndependentWorker(ScenarioParameters):
    clients_per_day: tuple[float, float] = (1.0, 3.0)  # on a working day
    working_days_per_week: tuple[int, int] = (3, 5)
    price: tuple[float, float] = (300.0, 0.35)  # median, lognormal sigma
    cash_share: float = Field(default=0.3, ge=0, le=1)  # clients paying cash, banked weekly
    savings_share: float = Field(default=0.2, ge=0, le=1)  # of takings moved to savings
    tax_share: float = Field(default=0.2, ge=0, le=1)  # of takings set aside for estimated tax


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    """``count`` fresh self-employed adults with their own accounts and life."""
    assert isinstance(parameters, IndependentWorker)
    rng, clock, p = world.rng, world.clock, parameters
    city = rng.choice(places().cities.indexes(border=False), count).astype(np.int64)
    working = (
        rng.random((count, clock.days)) < rng.uniform(*p.working_days_per_week, count)[:, None] / 7
    )
    clients = rng.poisson(working * rng.uniform(*p.clients_per_day, count)[:, None])
    monthly = clients.sum(axis=1) / max(clock.days / 30.4, 0.25) * p.price[0]
    income = np.asarray(monthly * 12 * 0.8, dtype=np.float64)  # declared: net of expenses
    people = add_persons(
        world,
        count,
        city=city,
        gender=np.where(rng.random(count) < 0.85, "female", "male").astype(object),
        age=(21, 45),
        occupation=Categorical.constant("self-employed (personal services)", count),
        income=income,
    )
    workers = open_accounts_for(world, people, income, savings_share=1.0)
    takings = _clients(world, workers, clients, p)
    _own_money(world, workers, takings, p)
    ordinary_life(world, workers, spending=1.3)
    monthly_rent(world, workers, np.arange(count))
    card_purchases(
        world,
        workers.account,
        workers.city,
        np.full(count, 40.0),
        {"ADS": 10, "LOCAL_TRANSPORT": 12, "APPEARANCE": 6, "LODGING": 3},
    )
    world.mark(workers.accounts(), Tag(lookalike=LOOKALIKE), None)


def _clients(
    world: World, workers: Customers, clients: np.ndarray, p: IndependentWorker
) -> np.ndarray:
    """Clients pay by P2P in the afternoon and evening, or in cash banked once a week."""
    rng, clock = world.rng, world.clock
    worker, day = np.nonzero(clients)
    worker, day = np.repeat(worker, clients[worker, day]), np.repeat(day, clients[worker, day])
    n = len(worker)
    amount = np.round(lognormal(rng, p.price, n), -1).clip(100, 1000)
    by_cash = rng.random(n) < p.cash_share
    online = np.flatnonzero(~by_cash)
    catalogue = names().group_of(places().home_country)
    client = np.char.add(
        np.char.add(rng.choice(catalogue.male, len(online)).astype(str), " "),
        rng.choice(catalogue.surnames, len(online)).astype(str),
    ).astype(object)
    transfers(
        world,
        source=None,
        target=workers.account[worker[online]],
        day=day[online],
        seconds=clock.seconds_in_hours(rng, CLIENT_HOURS, len(online)),
        amount=amount[online],
        city=workers.city[worker[online]],
        channel="p2p",
        counterparty_name=client,
    )
    cash_week = np.zeros((len(workers.account), clock.days // 7 + 1))
    np.add.at(cash_week, (worker[by_cash], day[by_cash] // 7), amount[by_cash])
    who, week = np.nonzero(cash_week)
    deposit_day = np.minimum(week * 7 + rng.integers(0, 7, len(week)), clock.days - 1)
    transfers(
        world,
        source=None,
        target=workers.account[who],
        day=deposit_day,
        seconds=clock.seconds_in_hours(rng, DAYTIME, len(who)),
        amount=cash_week[who, week],
        city=workers.city[who],
        channel="cash",
        description=strings("branch deposit", len(who)),
    )
    takings = np.zeros(len(workers.account))
    np.add.at(takings, worker, amount)
    return takings


def _own_money(world: World, workers: Customers, takings: np.ndarray, p: IndependentWorker) -> None:
    """Savings every month and estimated tax each quarter, from the worker's own device."""
    rng, clock = world.rng, world.clock
    n = len(workers.account)
    per_month = takings / max(clock.days / 30.4, 0.25)
    device = device_ids(rng, n)
    entity, _, day = monthly_days(world, rng.integers(2, 28, n))
    transfers(
        world,
        source=workers.account[entity],
        target=workers.savings[entity],
        day=day,
        seconds=clock.seconds_in_hours(rng, DAYTIME, len(entity)),
        amount=np.round(per_month[entity] * p.savings_share, -1) + 10,
        city=workers.city[entity],
        channel="internal",
        device_id=device[entity],
        description=strings("transfer to savings", len(entity)),
    )
    entity, month, day = monthly_days(world, np.full(n, 15))
    due = np.isin(month, TAX_MONTHS)
    entity, day = entity[due], day[due]
    transfers(
        world,
        source=workers.account[entity],
        target=None,
        day=day,
        seconds=clock.seconds_in_hours(rng, OFFICE_HOURS, len(entity)),
        amount=np.round(per_month[entity] * 3 * p.tax_share, -1) + 10,
        city=workers.city[entity],
        channel="ach",
        counterparty_name=strings("IRS Estimated Tax", len(entity)),
        device_id=device[entity],
        description=strings("1040-ES estimated tax", len(entity)),
    )


SCENARIO = Scenario(
    id=LOOKALIKE,
    kind="lookalike",
    crime=None,
    summary="A lawful independent sex worker (where legal): clients pay in the evening by P2P "
    "or cash; the worker keeps the income, pays own rent, savings and estimated tax.",
    indicators=("HT-SEX-01", "HT-SEX-03", "HT-SEX-06", "HT-SEX-08", "HT-SEX-09", "HT-SEX-11"),
    resembles=("sex_trafficking_hotel_circuit",),
    sources=("AUS22", "FT16", "FT21"),
    parameters=IndependentWorker,
    build=build,
)
