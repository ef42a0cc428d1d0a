"""T4: a labour recruiter and crew leader taking fees, wage deductions and debt repayments.

Catalogue scenario T4 (FIN20 exploitative employment; FIN14): 10-40 workers on temporary visas
from one origin country get accounts opened on the same 1-3 days at one branch, with the crew
leader's address and (mostly) his phone. A labour-hire firm, paid by a lawful-looking end
client, pays weekly or biweekly ACH wages of 300-900; within 48 h 40-80 % of each wage goes to
the crew leader as "rent", "food", "transport" or "loan", often from his device. On some pay
days the firm pays several wages straight into his account. He pays the rent of the house
where the workers are registered and sends 2,000-10,000 a month to the recruiter in the origin
country, to whom some workers also repay "loans". The firm pays almost no payroll tax, buys
bulk groceries and bus tickets, and withdraws round cash every week (headcount x 200-400,
split below the reporting threshold). The recruiter and the end client are outside the data.

Subtlety (``intensity`` = 1 - 0.6 x subtlety) moves it towards L11 (lawful seasonal scheme)
and L5 (diaspora remitter): deductions scale with intensity (16-32 % of the wage at subtlety
1, like a housing deduction) and may come up to four days later; crews are smaller; fewer
workers give the leader's phone and fewer wages are pooled; payroll tax rises towards half the
lawful amount; the firm's cash and the sums sent to the recruiter shrink.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import IntArray, StrArray, strings, text_where
from tipflow.simulate.clock import EARLY_MORNING
from tipflow.simulate.people import People, device_ids, phone_numbers
from tipflow.simulate.population import Population
from tipflow.simulate.reference import places
from tipflow.simulate.routine import cash, lognormal
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.trafficking_helpers import (
    Scene,
    add_businesses,
    add_people,
    banks,
    on_days,
    open_accounts,
    other_bank,
    person_names,
)
from tipflow.simulate.world import World

TYPOLOGY = "labour_trafficking_recruiter"
DEDUCTION_MEMOS = ("rent", "food", "transport", "loan")
CLIENTS = ("Sunfield Growers Inc", "Valley Fresh Packing LLC", "Redline Construction Co")
CASH_PIECE = 9_000.0  # the firm's withdrawals stay below the 10,000 currency-transaction report
OCCUPATIONS = ("farm worker", "construction worker", "warehouse worker")
FEE = 55_000.0  # what the end client pays the firm per worker and year: wages, cash, margin


class LabourRecruiter(ScenarioParameters):
    workers: tuple[int, int] = (10, 40)
    pay_period_days: tuple[int, ...] = (7, 14)  # weekly or biweekly, one per network
    wage: tuple[float, float] = (300.0, 900.0)  # net per pay cycle
    deduction_share: tuple[float, float] = (0.4, 0.8)  # of each wage, to the crew leader
    deduction_hours: tuple[float, float] = (0.0, 48.0)  # after the wage credit
    pooled_wage_chance: float = Field(default=0.25, ge=0, le=1)  # per pay day (HT-LAB-01)
    shared_phone_share: float = Field(default=0.8, ge=0, le=1)  # workers giving his phone
    leader_device_share: float = Field(default=0.6, ge=0, le=1)  # deductions from his device
    house_rent: tuple[float, float] = (2500.0, 4500.0)  # monthly, the workers' house
    recruiter_transfer: tuple[float, float] = (2000.0, 10000.0)  # monthly, abroad
    cash_per_worker: tuple[float, float] = (200.0, 400.0)  # the firm's weekly cash, per head
    payroll_tax_share: float = Field(default=0.1, ge=0, le=1)  # of a lawful employer's tax
    direct_repayer_share: float = Field(default=0.3, ge=0, le=1)  # workers paying abroad too


@dataclass(frozen=True)
class Crew:
    """One network's actors: account numbers and what the steps need to know about them."""

    firm: int
    leader: int
    workers: IntArray  # the workers' accounts
    payroll_names: StrArray  # "PAYROLL <worker name>", for wages paid to the leader
    arrival: int  # the crew's arrival day (negative: before the period)
    period: int  # days between pay days: weekly or biweekly
    house: str  # the address the workers are registered at, the leader's
    device: str  # the leader's phone, used on the workers' banking apps
    recruiter: str  # in the origin country
    origin: str

    @property
    def first_pay(self) -> int:
        return max(0, self.arrival + 7)


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    assert isinstance(parameters, LabourRecruiter)
    for _ in range(count):
        _network(world, parameters)


def _network(world: World, p: LabourRecruiter) -> None:
    rng, home = world.rng, places()
    city = int(rng.choice(home.cities.indexes()))
    scene = Scene(world, world.new_network(TYPOLOGY, "labour_trafficking"), city)
    origin = str(rng.choice([*home.countries_on("migrant_origin"), "PH", "TH"]))
    opened = -rng.integers(100, 999, 2)  # the firm's account, the leader's
    job = ("crew supervisor", 42_000.0)
    leader = add_people(world, 1, city, origin, "male", (28, 55), *job, since=int(opened[1]))
    n = scene.count(p.workers)
    arrival = int(rng.integers(-45, 15))
    period = int(rng.choice(p.pay_period_days))
    workers = _workers(scene, p, n, leader, arrival, period)
    name = [f"{leader.surname[0]} Labor Services LLC"]
    firm, _, _ = add_businesses(world, name, "7820", leader.city, 3, n * FEE, opened[:1])
    # The workers' bank is one branch; the firm or the leader banks elsewhere (>= 2 banks).
    worker_bank, firm_bank = banks(world, 2)
    leader_bank = other_bank(world, worker_bank) if firm_bank == worker_bank else firm_bank
    firm_account = open_accounts(world, firm, firm_bank, "business", opened[0], city)
    leader_account = open_accounts(world, leader.ids, leader_bank, "current", opened[1], city)
    world.link(firm_account, leader.ids, "signatory")
    opening_days = arrival + rng.choice(3, size=int(rng.integers(1, 4)), replace=False)
    opened = rng.choice(opening_days, n)  # HT-LAB-07: the same 1-3 days at one branch
    accounts = open_accounts(world, workers.ids, worker_bank, "current", opened, city)
    payroll_names = strings(
        [f"PAYROLL {g} {s}" for g, s in zip(workers.given, workers.surname, strict=True)]
    )
    recruiter = str(person_names(rng, origin, 1)[0])
    crew = Crew(
        int(firm_account[0]),
        int(leader_account[0]),
        accounts,
        payroll_names,
        arrival,
        period,
        str(leader.address[0]),
        str(device_ids(rng, 1)[0]),
        recruiter,
        origin,
    )
    _wages(scene, p, crew)
    _firm(scene, p, crew)
    _leader(scene, p, crew)
    groups = {"GROCERY": 2.0, "FOOD": 1.0, "TELECOM": 1.0}  # a little food and a phone, no more
    scene.spend(accounts, 4.0, groups, scale=0.5, days=(crew.first_pay, world.clock.days - 1))
    world.mark(firm_account, scene.tag, "front_business")
    world.mark(leader_account, scene.tag, "controller")
    world.mark(accounts, scene.tag, "victim")


def _workers(
    scene: Scene, p: LabourRecruiter, n: int, leader: People, arrival: int, period: int
) -> People:
    """Registered at the crew leader's house, most with his phone, onboarded on arrival."""
    world, rng, city, origin = scene.world, scene.rng, scene.city, str(leader.nationality[0])
    shares_phone = rng.random(n) < p.shared_phone_share * scene.strength
    phone = np.where(shares_phone, leader.phone[0], phone_numbers(world, np.full(n, city)))
    gender = np.where(rng.random(n) < 0.8, "male", "female").astype(object)
    job = (str(rng.choice(OCCUPATIONS)), float(np.mean(p.wage)) * 365 / period)  # the contract
    return add_people(
        world,
        n,
        city,
        origin,
        gender,
        (19, 45),
        *job,
        phone=phone.astype(object),
        address=np.repeat(leader.address, n),
        since=arrival,
    )


def _wages(scene: Scene, p: LabourRecruiter, crew: Crew) -> None:
    """ACH wages; 40-80 % of each leaves to the crew leader within 48 h (HT-LAB-02/05)."""
    rng, clock = scene.rng, scene.world.clock
    period = crew.period
    pay_days = on_days(period, crew.first_pay + int(rng.integers(0, period)), clock.days - 1)
    n, m = len(crew.workers), len(pay_days)
    worker, day = np.tile(np.arange(n), m), np.repeat(pay_days, n)
    wage = np.clip(rng.uniform(*p.wage, n)[worker] * rng.normal(1, 0.05, n * m), *p.wage)
    seconds = clock.seconds_in_hours(rng, EARLY_MORNING, n * m)
    # HT-LAB-01: on some pay days the firm pays 3-5 workers' wages into the leader's account.
    pooled_day = rng.random(m) < p.pooled_wage_chance * scene.strength
    pooled = np.repeat(pooled_day, n) & (rng.random(n * m) < 4 / n)
    memo = np.where(pooled, crew.payroll_names[worker], "PAYROLL").astype(object)
    target = np.where(pooled, crew.leader, crew.workers[worker])
    scene.rows(crew.firm, target, day, wage.round(2), "ach", memo, seconds=seconds)

    # One deduction, or two ("rent" and "loan") adding up to the same share of the wage.
    paid = np.flatnonzero(~pooled)
    share = rng.uniform(*p.deduction_share, len(paid)) * scene.strength
    parts = rng.integers(1, 3, len(paid))
    row = np.repeat(np.arange(len(paid)), parts)
    first_part = np.arange(len(row)) == np.repeat(np.cumsum(parts) - parts, parts)
    split = np.where(parts == 1, 1.0, rng.uniform(0.4, 0.6, len(paid)))[row]
    amount = np.round(wage[paid][row] * share[row] * np.where(first_part, split, 1 - split), 0)
    hours = (p.deduction_hours[0], p.deduction_hours[1] + 80 * (1 - scene.strength))
    taken, k = paid[row], len(row)
    device = text_where(rng.random(k) < p.leader_device_share, crew.device)
    cause, payer = (day[taken], seconds[taken]), crew.workers[worker[taken]]
    memos = scene.memos(DEDUCTION_MEMOS, k)
    scene.after(cause, hours, payer, crew.leader, amount, "p2p", memos, device_id=device)

    # HT-LAB-12: some workers also repay the recruiter abroad a day or two after payday.
    repayer = rng.random(n) < p.direct_repayer_share
    repay = paid[repayer[worker[paid]] & (rng.random(len(paid)) < 0.5)]
    loan = np.round(rng.uniform(50, 150, len(repay)), 0)
    cause, payer = (day[repay], seconds[repay]), crew.workers[worker[repay]]
    abroad = {"party": crew.recruiter, "counterparty_country": crew.origin}
    scene.after(cause, (24, 72), payer, None, loan, "remittance", "loan", **abroad)


def _firm(scene: Scene, p: LabourRecruiter, crew: Crew) -> None:
    """Paid by the end client; little payroll tax; round weekly cash; the crew's living costs."""
    rng, clock, firm, n = scene.rng, scene.world.clock, crew.firm, len(crew.workers)
    client = str(rng.choice(CLIENTS))
    scene.every(7, None, firm, n * FEE / 52, "ach", "labour services", party=client, jitter=0.1)
    tax_share = p.payroll_tax_share + (0.5 - p.payroll_tax_share) * scene.world.config.subtlety
    tax = n * float(np.mean(p.wage)) * 4.3 * 0.22 * tax_share + 1
    scene.every(30, firm, None, tax, "ach", "payroll tax", party="IRS EFTPS")
    # HT-LAB-03/11: round cash every week, about headcount x 200-400, in pieces below T_cash.
    weeks = on_days(7, max(0, crew.arrival) + int(rng.integers(0, 7)), clock.days - 1)
    total = np.round(n * rng.uniform(*p.cash_per_worker, len(weeks)) * scene.strength, -2)
    pieces = np.ceil(total / CASH_PIECE).astype(np.int64)
    week = np.repeat(np.arange(len(weeks)), pieces)
    scene.rows(
        firm, None, weeks[week], np.round(total / pieces, -2)[week], "cash", "cash withdrawal"
    )
    # HT-LAB-09: bulk groceries for the house and bus tickets for the crew.
    scene.spend(np.array([firm]), 4.3, {"GROCERY": 1.0}, scale=max(n / 4, 2.0))
    trips = clock.random_days(rng, clock.months())
    fares = lognormal(rng, (45.0, 0.2), len(trips)) * rng.integers(4, n + 1, len(trips))
    scene.buy(firm, trips, fares, "Greyline Bus", "4131")
    if crew.arrival > 5:  # HT-LAB-13: the firm bought the crew's one-way airfares and visas
        bought = np.full(n, max(0, crew.arrival - int(rng.integers(5, 20))))
        scene.buy(firm, bought, lognormal(rng, (650.0, 0.15), n), "SkyJet Airlines", "4511")
        scene.buy(firm, bought, lognormal(rng, (190.0, 0.05), n), "Visa Processing Center", "9399")


def _leader(scene: Scene, p: LabourRecruiter, crew: Crew) -> None:
    """Rent for the house (HT-LAB-08), money to the recruiter (HT-LAB-12), his own life."""
    rng, leader = scene.rng, np.array([crew.leader])
    rent = round(rng.uniform(*p.house_rent), -1)
    scene.every(30, leader, None, rent, "ach", f"rent {crew.house}", party="Greenway Homes")
    sent = rng.uniform(*p.recruiter_transfer) * scene.strength
    recruiter, origin = crew.recruiter, crew.origin  # a fixed monthly instalment
    scene.every(
        30, leader, None, sent, "wire", "payment", party=recruiter, counterparty_country=origin
    )
    here = np.array([scene.city])
    cash(scene.world, leader, here, np.array([4.0]), (300.0, 0.5), deposit=False, tag=scene.tag)
    scene.spend(leader, 22.0, scene.world.config.behaviour.card_groups)
    scene.spend(leader, 3.0, {"FOOD": 1.0}, scale=3.0)


SCENARIO = Scenario(
    id=TYPOLOGY,
    kind="typology",
    crime="labour_trafficking",
    summary="A crew leader and labour-hire firm: workers' accounts opened together at his "
    "address, 40-80 % of each wage swept to him within 48 h, rent for their house, "
    "monthly money to a recruiter abroad, round weekly cash and little payroll tax.",
    indicators=(
        *(f"HT-LAB-{k:02d}" for k in (1, 2, 3, 5, 7, 8, 9, 11, 12, 13)),
        *("HT-SEX-19", "GEN-02", "GEN-04", "GEO-01"),
    ),
    resembles=(),
    sources=("FIN20", "FIN14", "FATF18", "AUS-TH"),
    parameters=LabourRecruiter,
    build=build,
)
