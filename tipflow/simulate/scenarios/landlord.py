"""L12: a small landlord with many tenants.

Resembles T12 and HT-SEX-15, HT-LAB-05 and HT-LAB-08: one person receives recurring transfers
from 8-20 unrelated people registered at the same building. What differs (catalogue 2.14):
each tenant pays the same fixed rent on the due date of every month, whatever their payday;
the landlord has no payroll link to them; and the landlord pays what a property costs:
mortgage, property tax, insurance, utilities of the common areas, repairs.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import IntArray, StrArray, strings
from tipflow.simulate.clock import OFFICE_HOURS
from tipflow.simulate.people import add_organisations, street_addresses
from tipflow.simulate.population import Population, institution_choice
from tipflow.simulate.reference import places
from tipflow.simulate.routine import lognormal, transfers
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.fresh_customers import (
    Customers,
    monthly_days,
    new_workers,
)
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import Tag, World

LOOKALIKE = "landlord"
CHANNELS = ("ach", "p2p", "cheque")
REPAIRS = (
    ("5200", ("BuildRight Hardware", "HomeFix Supply")),
    ("1711", ("AllTemp Plumbing & Heating",)),
    ("7349", ("SparkClean Building Services",)),
    ("0780", ("GreenEdge Landscaping",)),
)
#: Property tax falls due in these months (two or four instalments, by county).
TAX_MONTHS = ((1, 7), (1, 4, 7, 10))


class Landlord(ScenarioParameters):
    tenants: tuple[int, int] = (8, 20)
    buildings: tuple[int, int] = (1, 3)
    rent: tuple[float, float] = (1350.0, 0.25)  # median, lognormal sigma, per unit and month
    due_day: int = Field(default=1, ge=1, le=28)
    late_share: float = Field(default=0.1, ge=0, le=1)  # rents paid 1-10 days late
    company_share: float = Field(default=0.4, ge=0, le=1)  # landlords renting through an LLC
    repairs_per_month: float = Field(default=3.0, ge=0)


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    """``count`` landlords, each with fresh tenants in one to three buildings of their city."""
    assert isinstance(parameters, Landlord)
    for _ in range(count):
        _landlord(world, parameters)


def _landlord(world: World, p: Landlord) -> None:
    rng = world.rng
    city = int(rng.integers(0, len(places().cities.name)))
    owner, _ = new_workers(world, 1, city=np.array([city]), age=(38, 72), rent=False)
    n = int(rng.integers(p.tenants[0], p.tenants[1] + 1))
    # Units in one to three buildings: many customers registered at one street address.
    buildings = street_addresses(rng, int(rng.integers(p.buildings[0], p.buildings[1] + 1)))
    building = np.char.add(rng.choice(buildings, n).astype(str), " ")
    unit = np.array([f"Apt {k}" for k in rng.permutation(np.arange(1, n + 1))], dtype=object)
    address = np.char.add(building, unit.astype(str)).astype(object)
    tenants, _ = new_workers(
        world, n, city=np.full(n, city), age=(20, 70), address=address, rent=False
    )
    rent = np.round(lognormal(rng, p.rent, n) / 25) * 25
    marked = [owner.accounts(), tenants.accounts()]
    rents_to = int(owner.account[0])
    if rng.random() < p.company_share:
        rents_to = _company(world, owner, city, float(rent.sum()))
        marked.append(np.array([rents_to]))
    _rents(world, tenants, rents_to, rent, unit, p)
    _costs(world, rents_to, city, float(rent.sum()), p)
    world.mark(np.concatenate(marked), Tag(lookalike=LOOKALIKE), None)


def _company(world: World, owner: Customers, city: int, rents: float) -> int:
    """A property LLC the landlord owns: rents go there, the owner draws a share each month."""
    rng = world.rng
    ids, _, _ = add_organisations(
        world,
        1,
        kind="property rentals",
        industry_code="6810",
        city=np.array([city]),
        turnover=np.array([rents * 12]),
    )
    bank = institution_choice(world, 1, allow_msb=False)
    account = world.open_accounts(
        ids,
        Categorical.choose(world.institution_ids, bank),
        Categorical.constant("business", 1),
        world.clock.start - rng.integers(200, 3000, 1).astype("timedelta64[D]"),
        branch_city=Categorical.choose(places().cities.name, np.array([city])),
    )
    world.link(account, owner.people.ids, "beneficial_owner")
    world.link(account, owner.people.ids, "signatory")
    _, _, day = monthly_days(world, np.array([10]))
    transfers(
        world,
        source=np.full(len(day), account[0]),
        target=np.full(len(day), owner.account[0]),
        day=day,
        seconds=world.clock.seconds_in_hours(rng, OFFICE_HOURS, len(day)),
        amount=np.full(len(day), round(rents * 0.3, -1)),
        city=np.full(len(day), city),
        channel="ach",
        description=strings("owner draw", len(day)),
    )
    return int(account[0])


def _rents(
    world: World, tenants: Customers, landlord: int, rent: np.ndarray, unit: StrArray, p: Landlord
) -> None:
    """The same rent from each tenant on the due day (a little early or late), any payday."""
    rng, clock = world.rng, world.clock
    n = len(tenants.account)
    entity, _, day = monthly_days(world, np.full(n, p.due_day), spill=10)
    late = rng.random(len(entity)) < p.late_share
    shift = np.where(late, rng.integers(1, 11, len(entity)), -rng.integers(0, 3, len(entity)))
    day = day + shift
    keep = (day >= 0) & (day < clock.days)
    entity, day = entity[keep], day[keep]
    channel = rng.integers(0, len(CHANNELS), n)  # each tenant keeps to one way of paying
    for k, name in enumerate(CHANNELS):
        rows = np.flatnonzero(channel[entity] == k)
        who = entity[rows]
        transfers(
            world,
            source=tenants.account[who],
            target=np.full(len(rows), landlord),
            day=day[rows],
            seconds=clock.seconds_in_hours(rng, OFFICE_HOURS, len(rows)),
            amount=rent[who],
            city=tenants.city[who],
            channel=name,
            description=np.char.add("rent ", unit[who].astype(str)).astype(object),
        )


def _costs(world: World, account: int, city: int, rents: float, p: Landlord) -> None:
    """What owning the buildings costs: mortgage, tax, insurance, utilities, repairs."""
    rng, clock = world.rng, world.clock
    fixed = (
        ("Keystone Home Lending", "mortgage", 0.45, 5),
        ("Harbor Mutual Insurance", "building insurance", 0.04, 12),
        ("Metro Water", "water and sewer", 0.03, 20),
    )
    for payee, memo, share, due in fixed:
        _, _, day = monthly_days(world, np.array([due]))
        _pay(world, account, city, day, np.full(len(day), round(rents * share, 2)), payee, memo)
    tax_months = TAX_MONTHS[int(rng.integers(0, 2))]
    _, month, day = monthly_days(world, np.array([28]))
    day = day[np.isin(month, tax_months)]
    tax = round(rents * 12 * 0.12 / len(tax_months), 2)
    _pay(world, account, city, day, np.full(len(day), tax), "County Tax Collector", "property tax")
    count = rng.poisson(p.repairs_per_month * clock.days / 30.4)
    kind = rng.integers(0, len(REPAIRS), count)
    # One merchant per repair, vectorised: a random pick among each kind's merchants.
    choices = [np.array(REPAIRS[k][1], dtype=object) for k in range(len(REPAIRS))]
    sizes = np.array([len(c) for c in choices])
    flat = np.concatenate(choices)
    offsets = np.cumsum(sizes) - sizes
    merchant = flat[offsets[kind] + (rng.random(count) * sizes[kind]).astype(np.int64)]
    transfers(
        world,
        source=np.full(count, account),
        target=None,
        day=clock.random_days(rng, count),
        seconds=clock.seconds_in_hours(rng, OFFICE_HOURS, count),
        amount=lognormal(rng, (180.0, 0.9), count),
        city=np.full(count, city),
        channel="card",
        merchant_name=merchant,
        merchant_category_code=np.array([code for code, _ in REPAIRS], dtype=object)[kind],
    )


def _pay(
    world: World,
    account: int,
    city: int,
    day: IntArray,
    amount: np.ndarray,
    payee: str,
    memo: str,
) -> None:
    n = len(day)
    transfers(
        world,
        source=np.full(n, account),
        target=None,
        day=day,
        seconds=world.clock.seconds_in_hours(world.rng, OFFICE_HOURS, n),
        amount=amount,
        city=np.full(n, city),
        channel="ach",
        counterparty_name=strings(payee, n),
        description=strings(memo, n),
    )


SCENARIO = Scenario(
    id=LOOKALIKE,
    kind="lookalike",
    crime=None,
    summary="A landlord whose 8-20 tenants pay fixed rents on the due date, unrelated to payday; "
    "pays mortgage, property tax, insurance, utilities and repairs.",
    indicators=("HT-SEX-15", "HT-LAB-01", "HT-LAB-05", "HT-LAB-08", "MS-06", "GEN-02"),
    resembles=(
        "labour_trafficking_smuggling_debt",
        "labour_trafficking_recruiter",
        "sex_trafficking_hotel_circuit",
    ),
    sources=("FIN20", "FT21", "FIN23"),
    parameters=Landlord,
    build=build,
)
