"""L4: international students, funded by their parents abroad, sharing a flat.

Resembles T2 and T9 (ML-15, GEO-01, GEN-02, GEN-04, HT-LAB-07): young, recently arrived
foreign nationals who opened accounts in the same week, registered at one address, receiving
large inbound wires from an HT_SOURCE or MIGRANT_ORIGIN country citing living expenses or
education, and paying much of it on within days. What differs (catalogue 2.14): each student's
money comes from one family sender abroad with the student's surname; it goes to tuition at a
university and rent to one landlord; nothing is forwarded to a person or withdrawn in bulk.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import IntArray, StrArray, strings
from tipflow.simulate.clock import OFFICE_HOURS
from tipflow.simulate.people import add_persons, street_addresses
from tipflow.simulate.population import Population, institution_choice
from tipflow.simulate.reference import places
from tipflow.simulate.routine import lognormal, transfers
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.fresh_customers import (
    Customers,
    foreign_account_numbers,
    foreign_nationalities,
    monthly_days,
    open_accounts_for,
    ordinary_life,
    relatives,
)
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import Tag, World

LOOKALIKE = "international_student"
#: Where international students in the US mostly come from (IIE Open Doors order, rounded).
ORIGINS = {"IN": 30, "CN": 28, "KR": 8, "NG": 6, "VE": 3, "MX": 5, "TH": 3, "PH": 3, "DE": 3}
UNIVERSITIES = (
    "State University Bursar",
    "Metropolitan College Student Accounts",
    "Pacific Institute of Technology",
    "Lakeside University Tuition",
)
FAMILY_BANKS = ("Golden Harvest Bank", "Union Commerce Bank", "People's Trust Bank")
SUPPORT_MEMOS = ("living expenses", "for studies", "monthly support", "education", "")
PRIVATE_LANDLORDS = ("R. Alvarez Rentals", "Campus Edge Apartments", "M. Chen Properties")
TERM_MONTHS = (1, 5, 8)  # tuition due at the start of the spring, summer and fall terms


class InternationalStudent(ScenarioParameters):
    flatmates: tuple[int, int] = (1, 4)  # students sharing one flat
    support: tuple[float, float] = (1800.0, 0.35)  # monthly wire from the parents: median, sigma
    tuition: tuple[float, float] = (14000.0, 0.4)  # per term
    rent_share: tuple[float, float] = (850.0, 0.25)  # each flatmate's share of the rent
    tuition_wired: float = Field(default=0.6, ge=0, le=1)  # parents send the term's tuition too


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    """``count`` fresh students in flats of one to four, in the cities with universities."""
    assert isinstance(parameters, InternationalStudent)
    rng, p = world.rng, parameters
    flat = np.repeat(np.arange(count), rng.integers(p.flatmates[0], p.flatmates[1] + 1, count))
    flat = flat[:count]
    flats = int(flat.max()) + 1
    city = rng.choice(places().cities.indexes(border=False), flats).astype(np.int64)[flat]
    students = _students(world, flat, city, p)
    people = students.people
    # One family sender per student: a parent with the student's surname, one bank account.
    family = _Family(
        relatives(world, people.nationality, people.surname, "male"),
        foreign_account_numbers(world, people.nationality),
        rng.integers(0, len(FAMILY_BANKS), count),
    )
    _support(world, students, family)
    _tuition(world, students, family, p)
    _rent(world, students, flat, p)
    ordinary_life(world, students, spending=0.8)
    world.mark(students.accounts(), Tag(lookalike=LOOKALIKE), None)


def _students(world: World, flat: IntArray, city: IntArray, p: InternationalStudent) -> Customers:
    rng, n = world.rng, len(flat)
    flats = int(flat.max()) + 1
    income = np.asarray(lognormal(rng, p.support, n) * 12, dtype=np.float64)
    people = add_persons(
        world,
        n,
        city=city,
        nationality=foreign_nationalities(world, n, ORIGINS),
        age=(18, 27),
        occupation=Categorical.constant("student", n),
        income=income,  # declared: what the family sends for living costs
        onboarded_days_before=(20, 400),
        address=street_addresses(rng, flats)[flat],
    )
    # Flatmates arrived together: accounts opened the same week at the bank near campus.
    week = rng.integers(20, 400, flats)[flat] - rng.integers(0, 6, n)
    return open_accounts_for(
        world,
        people,
        income,
        opened=world.clock.start - np.maximum(week, 1).astype("timedelta64[D]"),
        institution=institution_choice(world, flats, allow_msb=False)[flat],
        savings_share=0.2,
    )


@dataclass(frozen=True)
class _Family:
    parent: StrArray
    account: StrArray
    bank: IntArray


def _support(world: World, students: Customers, family: _Family) -> None:
    """A wire every month from the parent, converted from a foreign currency: uneven cents."""
    rng, n = world.rng, len(students.account)
    entity, _, day = monthly_days(world, rng.integers(1, 29, n))
    amount = (students.income / 12)[entity] * rng.normal(1.0, 0.03, len(entity))
    _family_wires(world, students, family, entity, day, amount, SUPPORT_MEMOS)


def _tuition(world: World, students: Customers, family: _Family, p: InternationalStudent) -> None:
    """Each term: tuition to the university, often after the parents wired it a week before."""
    rng, n = world.rng, len(students.account)
    entity, month, due = monthly_days(world, rng.integers(5, 21, n))
    term = np.isin(month, TERM_MONTHS)
    entity, due = entity[term], due[term]
    fee = np.round(lognormal(rng, p.tuition, n), -1)
    wired = rng.random(len(entity)) < p.tuition_wired
    before = due - rng.integers(3, 10, len(entity))
    rows = np.flatnonzero(wired & (before >= 0))
    who = entity[rows]
    _family_wires(world, students, family, who, before[rows], fee[who], ("tuition", "fees"))
    university = rng.integers(0, len(UNIVERSITIES), n)[entity]
    by_wire = rng.random(n) < 0.5
    for wire in (False, True):
        rows = np.flatnonzero(by_wire[entity] == wire)
        who = entity[rows]
        transfers(
            world,
            source=students.account[who],
            target=None,
            day=due[rows],
            seconds=world.clock.seconds_in_hours(rng, OFFICE_HOURS, len(rows)),
            amount=fee[who],
            city=students.city[who],
            channel="wire" if wire else "ach",
            counterparty_name=Categorical(university[rows], UNIVERSITIES),
            description=strings("tuition", len(rows)),
        )


def _family_wires(
    world: World,
    students: Customers,
    family: _Family,
    entity: IntArray,
    day: IntArray,
    amount: np.ndarray,
    memos: tuple[str, ...],
) -> None:
    rng, m = world.rng, len(entity)
    transfers(
        world,
        source=None,
        target=students.account[entity],
        day=day,
        seconds=world.clock.seconds_in_hours(rng, OFFICE_HOURS, m),
        amount=np.round(amount, 2),
        city=students.city[entity],
        channel="wire",
        counterparty_name=family.parent[entity],
        counterparty_account=family.account[entity],
        counterparty_institution=Categorical(family.bank[entity], FAMILY_BANKS),
        counterparty_country=students.people.nationality[entity],
        description=Categorical.choose(memos, rng.integers(0, len(memos), m)),
    )


def _rent(world: World, students: Customers, flat: IntArray, p: InternationalStudent) -> None:
    """Each flatmate pays an equal share of the flat's rent to the same landlord on the 1st."""
    rng, flats = world.rng, int(flat.max()) + 1
    share = np.round(lognormal(rng, p.rent_share, flats), -1)[flat]
    landlord = rng.integers(0, len(PRIVATE_LANDLORDS), flats)[flat]
    entity, _, day = monthly_days(world, np.ones(len(flat), dtype=np.int64), spill=3)
    day = day - rng.integers(0, 3, len(day))
    keep = (day >= 0) & (day < world.clock.days)
    entity, day = entity[keep], day[keep]
    transfers(
        world,
        source=students.account[entity],
        target=None,
        day=day,
        seconds=world.clock.seconds_in_hours(rng, OFFICE_HOURS, len(entity)),
        amount=share[entity],
        city=students.city[entity],
        channel="ach",
        counterparty_name=Categorical(landlord[entity], PRIVATE_LANDLORDS),
        description=strings("rent", len(entity)),
    )


SCENARIO = Scenario(
    id=LOOKALIKE,
    kind="lookalike",
    crime=None,
    summary="Foreign students sharing a flat: a monthly wire from a parent abroad with their "
    "surname, tuition to a university each term, rent to one landlord.",
    indicators=("ML-15", "GEO-01", "GEN-02", "GEN-04", "HT-LAB-07", "MS-13"),
    resembles=("sex_trafficking_funnel_network", "sex_trafficking_debt_bondage"),
    sources=("FIN20", "FT21", "AUS-TH", "AUS-PS"),
    parameters=InternationalStudent,
    build=build,
)
