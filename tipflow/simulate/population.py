"""The ordinary customers of the world: persons and businesses, their accounts and employers.

Their KYC agrees with their behaviour: a declared occupation and income drive the wages they
receive (``everyday_persons.py``), an industry and turnover drive a business's card sales,
suppliers and payroll (``everyday_business.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from tipflow.simulate.arrays import BoolArray, FloatArray, IntArray, StrArray
from tipflow.simulate.people import add_organisations, add_persons
from tipflow.simulate.reference import names, places
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import NO_ACCOUNT, World

PAY_PERIOD_DAYS = {"weekly": 7, "biweekly": 14, "monthly": 30, "pension": 30, "none": 0}
#: Share of employed persons whose employer is itself a customer (wages move between accounts).
CUSTOMER_EMPLOYER_SHARE = 0.35


@dataclass(frozen=True)
class Persons:
    ids: IntArray
    city: IntArray
    account: IntArray  # where wages arrive and everyday spending leaves
    savings: IntArray  # NO_ACCOUNT when none
    credit_card: IntArray
    occupation: IntArray  # index into config.occupations
    income: FloatArray  # declared, yearly
    renter: BoolArray
    remitter: BoolArray
    nationality: StrArray
    surname: StrArray
    employer_account: IntArray  # NO_ACCOUNT: paid by an outside employer


@dataclass(frozen=True)
class Businesses:
    ids: IntArray
    names: StrArray
    city: IntArray
    account: IntArray
    industry: IntArray  # index into config.industries
    employees: IntArray
    turnover: FloatArray


@dataclass(frozen=True)
class Population:
    persons: Persons
    businesses: Businesses


def institution_choice(world: World, n: int, *, allow_msb: bool = True) -> IntArray:
    institutions = world.config.institutions
    shares = np.array([i.share if allow_msb or i.kind != "msb" else 0.0 for i in institutions])
    return world.rng.choice(len(institutions), size=n, p=shares / shares.sum()).astype(np.int64)


def build_population(world: World) -> Population:
    config = world.config
    n_business = max(1, round(config.customers * config.population.organisation_share))
    businesses = _businesses(world, n_business)
    persons = _persons(world, config.customers - n_business, businesses)
    return Population(persons, businesses)


def _businesses(world: World, n: int) -> Businesses:
    rng, industries = world.rng, world.config.industries
    weights = np.array([i.weight for i in industries])
    industry = np.sort(rng.choice(len(industries), size=n, p=weights / weights.sum()))
    parts: list[tuple[IntArray, StrArray, IntArray, IntArray, FloatArray]] = []
    for k in np.unique(industry):
        spec = industries[int(k)]
        count = int((industry == k).sum())
        employees = np.maximum(
            1, np.round(spec.employees * np.exp(rng.normal(0, 0.5, count)))
        ).astype(np.int64)
        turnover = np.asarray(
            employees * spec.turnover_per_employee * np.exp(rng.normal(0, 0.25, count)),
            dtype=np.float64,
        )
        ids, org_names, city = add_organisations(
            world,
            count,
            kind=spec.name,
            industry_code=spec.isic,
            employees=employees,
            turnover=turnover,
        )
        parts.append((ids, org_names, city, employees, turnover))
    ids = np.concatenate([p[0] for p in parts])
    city = np.concatenate([p[2] for p in parts])
    institution = institution_choice(world, n, allow_msb=False)
    account = world.open_accounts(
        ids,
        Categorical.choose(world.institution_ids, institution),
        Categorical.constant("business", n),
        world.clock.start - rng.integers(90, 4000, size=n).astype("timedelta64[D]"),
        branch_city=Categorical.choose(places().cities.name, city),
    )
    return Businesses(
        ids,
        np.concatenate([p[1] for p in parts]),
        city,
        account,
        industry,
        np.concatenate([p[3] for p in parts]),
        np.concatenate([p[4] for p in parts]),
    )


def _persons(world: World, n: int, businesses: Businesses) -> Persons:
    rng, config, home = world.rng, world.config, places()
    foreign = rng.random(n) < config.population.foreign_born_share
    weights = home.foreign_weight / home.foreign_weight.sum()
    nationality = np.where(
        foreign,
        rng.choice(np.array(home.foreign_countries, dtype=object), n, p=weights),
        home.home_country,
    ).astype(object)
    occupations = config.occupations
    occ_weights = np.array([o.weight for o in occupations])
    occupation = rng.choice(len(occupations), size=n, p=occ_weights / occ_weights.sum()).astype(
        np.int64
    )
    median = np.array([o.income for o in occupations])[occupation]
    sigma = np.array([o.sigma for o in occupations])[occupation]
    income = median * np.exp(rng.normal(0, 1, n) * sigma)
    people = add_persons(
        world,
        n,
        nationality=nationality,
        occupation=Categorical.choose([o.name for o in occupations], occupation),
        income=income,
    )
    account, savings, credit = _person_accounts(world, people.ids, people.city)
    employer = _employers(world, occupation, businesses)
    population = config.population
    return Persons(
        ids=people.ids,
        city=people.city,
        account=account,
        savings=savings,
        credit_card=credit,
        occupation=occupation,
        income=income,
        renter=rng.random(n) < population.renter_share,
        remitter=foreign & (rng.random(n) < population.remitter_share),
        nationality=nationality,
        surname=people.surname,
        employer_account=employer,
    )


def _person_accounts(
    world: World, ids: IntArray, city: IntArray
) -> tuple[IntArray, IntArray, IntArray]:
    rng, config = world.rng, world.config
    n = len(ids)
    kinds = np.array([i.kind for i in config.institutions], dtype=object)
    primary = institution_choice(world, n)
    is_msb = kinds[primary] == "msb"
    opened = world.clock.start - rng.integers(30, 3650, size=n).astype("timedelta64[D]")
    branch = Categorical.choose(places().cities.name, city)
    account = world.open_accounts(
        ids,
        Categorical.choose(world.institution_ids, primary),
        Categorical.choose(["current", "wallet"], is_msb.astype(np.int64)),
        opened,
        branch_city=branch,
    )
    bank = np.where(is_msb, institution_choice(world, n, allow_msb=False), primary)
    savings = _optional_accounts(
        world, ids, bank, "savings", config.population.savings_share, opened
    )
    credit = _optional_accounts(
        world, ids, bank, "credit_card", config.population.credit_card_share, opened
    )
    second = rng.random(n) < config.population.second_institution_share
    other = (bank + 1 + rng.integers(0, len(kinds) - 1, n)) % len(kinds)
    rows = np.flatnonzero(second)
    world.open_accounts(
        ids[rows],
        Categorical.choose(world.institution_ids, other[rows]),
        Categorical.choose(["current", "wallet"], (kinds[other[rows]] == "msb").astype(np.int64)),
        opened[rows] + rng.integers(30, 400, len(rows)).astype("timedelta64[D]"),
    )
    return account, savings, credit


def _optional_accounts(
    world: World, ids: IntArray, institution: IntArray, kind: str, share: float, opened: np.ndarray
) -> IntArray:
    has = world.rng.random(len(ids)) < share
    rows = np.flatnonzero(has)
    out = np.full(len(ids), NO_ACCOUNT, dtype=np.int64)
    out[rows] = world.open_accounts(
        ids[rows],
        Categorical.choose(world.institution_ids, institution[rows]),
        Categorical.constant(kind, len(rows)),
        opened[rows],
    )
    return out


def _employers(world: World, occupation: IntArray, businesses: Businesses) -> IntArray:
    rng = world.rng
    paid = np.array([o.pay in ("weekly", "biweekly", "monthly") for o in world.config.occupations])
    employed = paid[occupation]
    inside = employed & (rng.random(len(occupation)) < CUSTOMER_EMPLOYER_SHARE)
    employer = np.full(len(occupation), NO_ACCOUNT, dtype=np.int64)
    employer[inside] = rng.choice(businesses.account, size=int(inside.sum()))
    return employer


def outside_employer_names(world: World) -> tuple[str, ...]:
    """A fixed set of employers outside the dataset, named like businesses of the country."""
    surnames = names().group_of(places().home_country).surnames
    kinds = (
        "Logistics",
        "Health Systems",
        "Foods",
        "Retail Group",
        "Manufacturing",
        "School District",
    )
    return tuple(f"{s} {k}" for s in surnames[:20] for k in kinds)
