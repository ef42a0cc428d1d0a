"""L11: an employer in a lawful seasonal-worker scheme (H-2A/H-2B style) and its workers.

Resembles T4 (HT-LAB-07, HT-LAB-09, HT-LAB-10, HT-LAB-12, HT-LAB-13, GEN-02): a farm or hotel
that buys visas and airfares for a group of foreign workers, whose accounts are opened within
days at one branch with the employer's housing as their address, and who send much of their
pay abroad. What differs (catalogue 2.14): wages arrive in each worker's own account at the
scheme's hourly rate, net of a housing deduction within the legal cap and stated on the
payslip; nothing leaves for a crew leader after payday; remittances go to relatives with the
worker's surname; the employer pays payroll tax, suppliers and the workers' housing lease.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import strings
from tipflow.simulate.clock import OFFICE_HOURS, hours_profile
from tipflow.simulate.everyday_persons import REMITTANCE_SERVICES
from tipflow.simulate.people import add_organisations, add_persons, street_addresses
from tipflow.simulate.population import Population, institution_choice
from tipflow.simulate.reference import places
from tipflow.simulate.routine import card_purchases, periodic, transfers
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.fresh_customers import (
    Customers,
    Paydays,
    foreign_account_numbers,
    foreign_nationalities,
    open_accounts_for,
    pay_wages,
    relatives,
)
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import Tag, World

LOOKALIKE = "seasonal_worker_scheme"
ORIGINS = {"MX": 80, "GT": 10, "HN": 5, "SV": 5}  # H-2A workers are overwhelmingly Mexican
EMPLOYERS = (("0111", "farm"), ("5510", "resort hotel"), ("1020", "seafood processor"))
PAYROLL_TAX = 0.0765  # employer's FICA share, paid monthly


class SeasonalScheme(ScenarioParameters):
    workers: tuple[int, int] = (8, 25)
    hourly_wage: tuple[float, float] = (17.0, 19.5)  # the scheme's minimum rate (AEWR-like)
    hours_per_week: tuple[float, float] = (38.0, 50.0)
    housing_deduction: tuple[float, float] = (40.0, 70.0)  # per week, stated on the payslip
    deduction_cap: float = Field(default=0.15, ge=0, le=1)  # never more than this of gross pay
    remit_share: tuple[float, float] = (0.3, 0.5)  # of each week's net pay sent home
    arrived: float = Field(default=0.5, ge=0, le=1)  # chance the season starts in the period
    season_days: tuple[int, int] = (180, 300)  # H-2A seasons last up to about ten months


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    """``count`` employers, each with a crew of fresh seasonal workers."""
    assert isinstance(parameters, SeasonalScheme)
    for _ in range(count):
        _scheme(world, parameters)


def _scheme(world: World, p: SeasonalScheme) -> None:
    rng, clock = world.rng, world.clock
    isic, kind = EMPLOYERS[int(rng.integers(0, len(EMPLOYERS)))]
    city = int(rng.integers(0, len(places().cities.name)))
    n = int(rng.integers(p.workers[0], p.workers[1] + 1))
    hourly = rng.uniform(*p.hourly_wage)
    gross = hourly * rng.uniform(*p.hours_per_week, n)  # per week
    deduction = np.minimum(rng.uniform(*p.housing_deduction), gross * p.deduction_cap)
    # The season starts inside the period (arrival, visas and flights are seen) or before it.
    arrival = int(rng.integers(0, max(1, clock.days // 3))) if rng.random() < p.arrived else -60
    leave = arrival + int(rng.integers(p.season_days[0], p.season_days[1] + 1))
    ids, _, _ = add_organisations(
        world,
        1,
        kind=kind,
        industry_code=isic,
        city=np.array([city]),
        employees=np.array([n + int(rng.integers(3, 15))]),
        turnover=np.array([gross.sum() * 52 * 3.0]),
    )
    bank = institution_choice(world, 1, allow_msb=False)
    employer = world.open_accounts(
        ids,
        Categorical.choose(world.institution_ids, bank),
        Categorical.constant("business", 1),
        clock.start - rng.integers(400, 5000, 1).astype("timedelta64[D]"),
        branch_city=Categorical.choose(places().cities.name, np.array([city])),
    )
    workers = _workers(world, n, city, int(bank[0]), arrival, gross)
    paydays = _wages(world, workers, int(employer[0]), gross, deduction, (arrival, leave))
    _remit(world, workers, paydays, p)
    # Their own spending, from arrival: food, phone top-ups, a little retail; no rent.
    card_purchases(
        world,
        workers.account,
        workers.city,
        np.full(n, 14.0),
        {"GROCERY": 5, "FOOD": 3, "TELECOM": 2, "RETAIL": 1},
        days=(max(0, arrival), min(leave, clock.days - 1)),
    )
    _employer(world, int(employer[0]), city, n, gross, arrival)
    world.mark(np.concatenate([employer, workers.accounts()]), Tag(lookalike=LOOKALIKE), None)


def _workers(
    world: World, n: int, city: int, bank: int, arrival: int, gross: np.ndarray
) -> Customers:
    """Workers onboarded together at the employer's bank, registered at the worker housing."""
    rng, clock = world.rng, world.clock
    income = np.asarray(gross * 52 * 0.75, dtype=np.float64)  # a 9-month season, declared
    people = add_persons(
        world,
        n,
        city=np.full(n, city),
        nationality=foreign_nationalities(world, n, ORIGINS),
        gender=np.where(rng.random(n) < 0.9, "male", "female").astype(object),
        age=(20, 45),
        occupation=Categorical.constant("seasonal worker (H-2 visa)", n),
        income=income,
        onboarded_days_before=(max(1, -arrival), max(2, -arrival + 3)),
        address=strings(str(street_addresses(rng, 1)[0]), n),  # employer-provided housing
    )
    opened = clock.start + (arrival + rng.integers(0, 3, n)).astype("timedelta64[D]")
    return open_accounts_for(
        world, people, income, opened=opened, institution=np.full(n, bank), savings_share=0.0
    )


def _wages(
    world: World,
    workers: Customers,
    employer: int,
    gross: np.ndarray,
    deduction: np.ndarray,
    season: tuple[int, int],
) -> Paydays:
    """Weekly ACH from the employer from the first week worked: gross less withholding and the
    capped housing deduction, which the payslip memo states."""
    n = len(workers.account)
    return pay_wages(
        world,
        workers,
        np.full(n, 7),
        source=np.full(n, employer),
        net=np.asarray(gross * 0.92 - deduction, dtype=np.float64),
        first_day=max(0, season[0] + 7),
        last_day=season[1],
        description=np.char.add(
            "PAYROLL net of housing deduction ", np.char.mod("%.2f", deduction)
        ).astype(object),
    )


def _remit(world: World, workers: Customers, paydays: Paydays, p: SeasonalScheme) -> None:
    """A day or two after payday, part of the pay goes to family with the same surname."""
    rng, clock = world.rng, world.clock
    n, people = len(workers.account), workers.people
    home = relatives(world, people.nationality, people.surname, "female")
    number = foreign_account_numbers(world, people.nationality)
    share = rng.uniform(*p.remit_share, n)
    every_other = rng.random(n) < 0.5  # some save up and send fortnightly
    rank = np.arange(len(paydays.entity)) - np.searchsorted(paydays.entity, paydays.entity)
    chosen = np.flatnonzero(~every_other[paydays.entity] | (rank % 2 == 1))
    who = paydays.entity[chosen]
    weeks = np.where(every_other[who], 2, 1)
    m = len(chosen)
    transfers(
        world,
        source=workers.account[who],
        target=None,
        day=np.minimum(paydays.day[chosen] + rng.integers(0, 3, m), clock.days - 1),
        seconds=clock.seconds_in_hours(rng, hours_profile((10, 21, 1)), m),
        amount=np.round(paydays.net[chosen] * weeks * share[who], -1),
        city=workers.city[who],
        channel="remittance",
        counterparty_name=home[who],
        counterparty_account=number[who],
        counterparty_country=people.nationality[who],
        counterparty_institution=Categorical(rng.integers(0, 3, n)[who], REMITTANCE_SERVICES),
        description=strings("family", m),
    )


def _employer(
    world: World, account: int, city: int, n: int, gross: np.ndarray, arrival: int
) -> None:
    """A lawful employer's flows: buyers pay invoices, suppliers and taxes are paid, the
    workers' housing is leased and their bus hired; at arrival, visas and flights for all."""
    rng, clock = world.rng, world.clock
    weekly = float(gross.sum())
    one = np.array([account])
    where = np.array([city])
    for amount, name, memo, period, inbound in (
        (weekly * 3.0, "Valley Produce Buyers", "invoice payment", 7, True),
        (weekly * 0.8, "Allied Wholesale", "supplier invoice", 7, False),
        (weekly * 52 / 12 * PAYROLL_TAX, "IRS EFTPS", "payroll tax", 30, False),
        (350.0 * n, "Sunrise Worker Housing LLC", "worker housing lease", 30, False),
        (450.0 + 20 * n, "Valley Crew Transport", "worker transport", 7, False),
    ):
        periodic(
            world,
            period=np.array([period]),
            amount=np.array([amount]),
            city=where,
            channel="wire" if inbound else "ach",
            source=None if inbound else one,
            target=one if inbound else None,
            hours=OFFICE_HOURS,
            jitter=0.1 if inbound else 0.02,
            counterparty_name=strings(name, 1),
            description=strings(memo, 1),
        )
    if arrival < 0:
        return
    days = np.full(n, max(0, arrival - int(rng.integers(20, 40))))
    for mcc, merchant, price in (
        ("9399", "Visa Processing Center", 190.0),
        ("4511", "SkyJet Airlines", float(rng.uniform(250, 450))),
    ):
        transfers(
            world,
            source=np.full(n, account),
            target=None,
            day=days,
            seconds=clock.seconds_in_hours(rng, OFFICE_HOURS, n),
            amount=np.full(n, price),
            city=np.full(n, city),
            channel="card",
            merchant_name=strings(merchant, n),
            merchant_category_code=strings(mcc, n),
        )


SCENARIO = Scenario(
    id=LOOKALIKE,
    kind="lookalike",
    crime=None,
    summary="An employer in a lawful seasonal-visa scheme: visas and flights for the crew, "
    "weekly wages into workers' own accounts net of a capped housing deduction, "
    "remittances to family.",
    indicators=("HT-LAB-07", "HT-LAB-09", "HT-LAB-10", "HT-LAB-12", "HT-LAB-13", "GEN-02"),
    resembles=("labour_trafficking_recruiter", "labour_trafficking_smuggling_debt"),
    sources=("FIN20", "FIN14", "FT21"),
    parameters=SeasonalScheme,
    build=build,
)
