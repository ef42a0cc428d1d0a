"""T5: small-business forced labour and domestic servitude, the employer holding the accounts.

Catalogue scenario T5 (FIN20; FIN14; POL): an owner runs a family restaurant (ISIC 5610) or
nail salon (9602) where 3-10 workers from his own origin country live on site, registered at
the business's address, some with its phone. Their accounts sit at the business's bank with
the owner as authorised user, and their online banking runs from his device. Wages of 400-1,200
arrive monthly or biweekly (well below the minimum); within hours the owner takes 70-95 % of
each, with the worker's card at an ATM in the shop's city or by transfer back to the business,
and pays part of the cash into his own account at another bank over the next days. The
business buys groceries and household goods for the residents; its payroll tax is absent or
partial. The workers spend almost nothing themselves: a phone top-up, toiletries, no leisure,
no travel, no rent.

Subtlety (``intensity`` = 1 - 0.6 x subtlety) moves it towards L13 (a family business whose
relatives share devices and addresses): the owner takes a share scaled by intensity (28-38 %
at subtlety 1) and up to two days later; there are fewer workers and fewer give the shop's
phone; payroll tax is more often paid and closer to the lawful amount; the workers spend a
little on food, online and rides of their own.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import IntArray
from tipflow.simulate.clock import EARLY_MORNING
from tipflow.simulate.people import device_ids, phone_numbers
from tipflow.simulate.population import Population
from tipflow.simulate.reference import places
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.trafficking_helpers import (
    Scene,
    add_businesses,
    add_people,
    banks,
    on_days,
    open_accounts,
    other_bank,
)
from tipflow.simulate.world import World

TYPOLOGY = "labour_trafficking_employer_servitude"
#: ISIC class: (business name, the owner's and the workers' declared occupations).
TRADES = {
    "5610": ("Kitchen", "restaurant owner", "cook"),
    "9602": ("Nails", "salon owner", "nail technician"),
}
TAKEN_MEMOS = ("room and board", "advance", "uniform", "")
SUPPLIERS = ("Metro Food Distributors", "Allied Wholesale")


class EmployerServitude(ScenarioParameters):
    workers: tuple[int, int] = (3, 10)
    industry_codes: tuple[str, ...] = ("5610", "9602")  # restaurant, nail salon
    pay_period_days: tuple[int, ...] = (14, 30)  # biweekly or monthly, one per network
    wage: tuple[float, float] = (400.0, 1200.0)  # net per pay cycle, far below the minimum
    taken_share: tuple[float, float] = (0.7, 0.95)  # of each wage, taken by the owner
    taken_hours: tuple[float, float] = (0.5, 6.0)  # after the wage credit
    by_transfer: float = Field(default=0.4, ge=0, le=1)  # else cash with the worker's card
    shared_phone_share: float = Field(default=0.5, ge=0, le=1)  # workers giving the shop's
    payroll_tax_share: float = Field(default=0.3, ge=0, le=1)  # of the lawful, when paid
    turnover: tuple[float, float] = (250_000.0, 600_000.0)  # yearly, declared and real
    resident_shopping_per_month: float = Field(default=8.0, ge=0)  # groceries, household


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    assert isinstance(parameters, EmployerServitude)
    for _ in range(count):
        _network(world, parameters)


def _network(world: World, p: EmployerServitude) -> None:
    rng, home = world.rng, places()
    city = int(rng.choice(home.cities.indexes()))
    scene = Scene(world, world.new_network(TYPOLOGY, "labour_trafficking"), city)
    isic = str(rng.choice(p.industry_codes))
    trade, owner_job, worker_job = TRADES.get(isic, ("Services", "business owner", "helper"))
    origin = str(
        rng.choice([*home.countries_on("ht_source"), *home.countries_on("migrant_origin")])
    )
    gender = str(rng.choice(["female", "male"]))
    opened = -rng.integers(400, 3000, 2)  # the business's account, the owner's
    since = int(opened[1])
    owner = add_people(world, 1, city, origin, gender, (35, 62), owner_job, 85_000.0, since=since)
    turnover = rng.uniform(*p.turnover)
    name, employees = [f"{owner.surname[0]} {trade} LLC"], 2  # fewer than work there
    business, address, shop_phone = add_businesses(
        world, name, isic, owner.city, employees, turnover, opened[:1]
    )
    n = scene.count(p.workers)
    period = int(rng.choice(p.pay_period_days))
    # They live on site: the business's address, and often its phone (HT-LAB-08, GEN-02).
    shares_phone = rng.random(n) < p.shared_phone_share * scene.strength
    phone = np.where(shares_phone, shop_phone[0], phone_numbers(world, np.full(n, city)))
    female = rng.random(n) < (0.9 if isic == "9602" else 0.5)
    gender_of = np.where(female, "female", "male").astype(object)
    job = (worker_job, float(np.mean(p.wage)) * 365 / period)
    # The owner took them to his bank in one week (HT-LAB-07).
    week = int(rng.integers(60, 400))
    opened_in_week = -week + rng.integers(0, 7, n)
    workers = add_people(
        world,
        n,
        city,
        origin,
        gender_of,
        (18, 50),
        *job,
        phone=phone.astype(object),
        address=np.repeat(address, n),
        since=-week,
    )
    # The workers' accounts are at the business's bank; the owner's own is elsewhere.
    business_bank = banks(world, 1)[0]
    owner_bank = other_bank(world, business_bank)
    business_account = open_accounts(world, business, business_bank, "business", opened[0], city)
    owner_account = open_accounts(world, owner.ids, owner_bank, "current", opened[1], city)
    accounts = open_accounts(world, workers.ids, business_bank, "current", opened_in_week, city)
    world.link(business_account, owner.ids, "beneficial_owner")
    world.link(business_account, owner.ids, "signatory")
    world.link(accounts, np.repeat(owner.ids, n), "authorised_user")  # HT-LAB-07

    shop, own = int(business_account[0]), int(owner_account[0])
    _wages(scene, p, shop, own, accounts, period, str(device_ids(rng, 1)[0]))
    _business(scene, p, shop, own, n, turnover, period)
    scene.spend(owner_account, 25.0, world.config.behaviour.card_groups, scale=1.5)
    scene.spend(accounts, 2.0, {"RETAIL": 1.0, "TELECOM": 1.0}, scale=0.5)
    if world.config.subtlety > 0:  # closer to L13: a little life of their own
        leisure = {"FOOD": 2.0, "ONLINE": 1.0, "LOCAL_TRANSPORT": 1.0}
        scene.spend(accounts, 6.0 * world.config.subtlety, leisure)
    world.mark(business_account, scene.tag, "front_business")
    world.mark(owner_account, scene.tag, "controller")
    world.mark(accounts, scene.tag, "victim")


def _wages(
    scene: Scene,
    p: EmployerServitude,
    shop: int,
    owner: int,
    accounts: IntArray,
    period: int,
    device: str,
) -> None:
    """Low wages; within hours the owner takes most of each (HT-LAB-02, 10; HT-SEX-19)."""
    rng, clock = scene.rng, scene.world.clock
    pay_days = on_days(period, int(rng.integers(0, period)), clock.days - 1)
    n, m = len(accounts), len(pay_days)
    worker, day = np.tile(np.arange(n), m), np.repeat(pay_days, n)
    wage = np.clip(rng.uniform(*p.wage, n)[worker] * rng.normal(1, 0.03, n * m), *p.wage)
    seconds = clock.seconds_in_hours(rng, EARLY_MORNING, n * m)
    scene.rows(shop, accounts[worker], day, wage.round(2), "ach", "PAYROLL", seconds=seconds)

    taken = wage * rng.uniform(*p.taken_share, n * m) * scene.strength
    hours = (p.taken_hours[0], p.taken_hours[1] + 70 * (1 - scene.strength))  # 48 h at 1
    atm = rng.random(n * m) >= p.by_transfer
    # With the worker's card at an ATM in the shop's city, in round notes.
    cash = np.maximum(np.floor(taken[atm] / 20) * 20, 20)
    at_atm, by_app = (day[atm], seconds[atm]), (day[~atm], seconds[~atm])
    scene.after(at_atm, hours, accounts[worker[atm]], None, cash, "cash", "ATM withdrawal")
    # Or back to the business from the worker's banking app, on the owner's phone.
    memo = scene.memos(TAKEN_MEMOS, int((~atm).sum()))
    scene.after(
        by_app,
        hours,
        accounts[worker[~atm]],
        shop,
        np.round(taken[~atm], 0),
        "internal",
        memo,
        device_id=device,
    )
    # Part of the cash reaches the owner's own account over the next days.
    deposit = np.round(cash * rng.uniform(0.4, 0.9, len(cash)), -1)
    scene.after(at_atm, (30, 96), None, owner, deposit, "cash", "branch cash deposit")


def _business(
    scene: Scene, p: EmployerServitude, shop: int, owner: int, n: int, turnover: float, period: int
) -> None:
    """An ordinary small business, except for the residents' shopping and the payroll tax."""
    rng = scene.rng
    daily, acquirer, early = turnover / 365, "Merchant Services Settlement", EARLY_MORNING
    scene.every(
        1, None, shop, daily, "ach", "card settlement", party=acquirer, jitter=0.3, hours=early
    )
    supplies, supplier = turnover * 0.3 / 52, str(rng.choice(SUPPLIERS))
    scene.every(7, shop, None, supplies, "ach", "supplier invoice", party=supplier, jitter=0.3)
    rent = round(turnover * 0.05 / 12, -1)
    scene.every(30, shop, None, rent, "ach", "commercial rent", party="Commerce Park Leasing")
    scene.every(30, shop, owner, turnover * 0.08 / 12, "ach", "owner draw", jitter=0.2)
    # HT-LAB-03: payroll tax absent (half the networks at subtlety 0) or a fraction.
    if rng.random() > 0.5 * scene.strength:
        lawful = n * float(np.mean(p.wage)) * 30 / period * 0.22
        share = p.payroll_tax_share + (1 - p.payroll_tax_share) * scene.world.config.subtlety / 2
        scene.every(30, shop, None, lawful * share + 1, "ach", "payroll tax", party="IRS EFTPS")
    # HT-LAB-09: groceries and household goods for the people living on site.
    groups = {"GROCERY": 3.0, "RETAIL": 1.0}
    scene.spend(np.array([shop]), p.resident_shopping_per_month, groups, scale=1 + n / 3)


SCENARIO = Scenario(
    id=TYPOLOGY,
    kind="typology",
    crime="labour_trafficking",
    summary="A family restaurant or nail salon with 3-10 workers living on site: the owner is "
    "authorised user on their accounts, and within hours of each low wage takes most of it "
    "at the shop's ATM or back to the business; groceries for residents, little payroll tax.",
    indicators=(
        *(f"HT-LAB-{k:02d}" for k in (2, 3, 7, 8, 9, 10)),
        *("HT-SEX-19", "HT-SEX-23", "GEN-02", "GEN-03"),
    ),
    resembles=(),
    sources=("FIN20", "FIN14", "POL"),
    parameters=EmployerServitude,
    build=build,
)
