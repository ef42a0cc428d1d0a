"""T13: a travel-company front for smuggling logistics (FIN23; FTA26; FATF22).

A small travel agency (ISIC 7911) with a modest declared turnover receives, over 6-9 months,
transfers worth millions from partner agencies at home and abroad and from many individuals of
a few nationalities, for seats on flights to a transit country (MS-10; FTA26: charters UAE to
Nicaragua worth over USD 3 million). The amounts match no fare or contract: irregular, with
cents, the individuals' memos naming one-way bookings. Every few weeks a large refund leaves
without explanation, to a partner agency or to someone who never paid the agency (MS-10). The
owner banks cash over the counter well beyond the turnover (MS-10, MS-07). Most of the money
leaves by wire to a hotel or transport company in the transit country that bears the owner's
family name (MS-11, ML-16, GEO-01). Airline settlements, rent and a small payroll are a thin
share of the outflows (ML-16); the owner draws a salary to his own account at another bank.

Subtlety (``strength`` = 1 - 0.6 x subtlety) moves it towards L19 (travel agency in peak
season) and L24 (lawful charter operator). At 1, inflows and refunds shrink with strength,
cash deposits are 70 % fewer, less goes on to the related business, and more to the airlines.
"""

from __future__ import annotations

from typing import Annotated

import numpy as np
from pydantic import Field, StringConstraints

from tipflow.simulate.arrays import FloatArray, StrArray, strings, text_where
from tipflow.simulate.clock import DAYTIME, OFFICE_HOURS
from tipflow.simulate.population import Population
from tipflow.simulate.reference import places
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.laundering_helpers import (
    FOREIGN_BANKS,
    OUTSIDE_BANKS,
    account_numbers,
    active_window,
    everyday_life,
    person_names,
    split,
)
from tipflow.simulate.scenarios.trafficking_helpers import (
    Scene,
    add_businesses,
    add_people,
    banks,
    open_accounts,
    other_bank,
)
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import NO_ACCOUNT, World

TYPOLOGY = "smuggling_travel_front"
AGENCY_WORDS = ("Sky Bridge", "Golden Route", "Horizonte", "Andes", "Caribe", "Silk Way")
AGENCY_FORMS = ("Travel LLC", "Tours SA", "Viajes SRL", "Travel & Tours")
RELATED_FORMS = ("Hotel {} S.A.", "Transportes {} S.A.", "Hostal {}", "Turismo {} Ltda")
PERSON_MEMOS = ("one way", "ticket", "booking", "reservation", "OW ticket", "")
AGENCY_MEMOS = ("group booking", "charter seats", "block seats", "invoice", "")
RELATED_MEMOS = ("hotel services", "ground transport", "invoice", "accommodation")
CHANNELS = ("p2p", "ach", "wire")
MONTH = 30.4
Country = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}$")]
Range = tuple[float, float]


class TravelFront(ScenarioParameters):
    """Defaults follow catalogue T13 (FTA26: about 3 million over 6-9 months), in USD."""

    monthly_inflow: Range = Field(
        (200_000.0, 500_000.0), description="transfers in per month while active"
    )
    agency_share: float = Field(0.7, ge=0, le=1, description="of the inflow, from agencies")
    partner_agencies: tuple[int, int] = Field((3, 8), description="paying agencies")
    agency_countries: tuple[Country, ...] = Field(
        ("US", "AE", "TR", "NI", "MX"), description="where the paying agencies are"
    )
    agency_payment: Range = Field((5000.0, 60_000.0), description="log-uniform, irregular")
    individual_payment: Range = Field((250.0, 4000.0), description="log-uniform, irregular")
    nationalities: tuple[int, int] = Field(
        (2, 3), description="nationalities among paying individuals (a few)"
    )
    insider_share: float = Field(
        0.15, ge=0, le=1, description="paying individuals who bank in the dataset"
    )
    refunds_per_month: Range = Field((2.0, 5.0), description="unexplained large refunds")
    refund: Range = Field((3000.0, 40_000.0), description="each refund")
    cash_deposits_per_week: Range = Field((1.0, 3.0), description="over the counter")
    cash_deposit: Range = Field((3000.0, 9500.0), description="each, below the CTR threshold")
    turnover: Range = Field((150_000.0, 400_000.0), description="declared yearly turnover")
    related_share: Range = Field(
        (0.5, 0.7), description="of the inflow wired on to the related business"
    )
    related_wires_per_month: Range = Field((2.0, 4.0), description="wires to it")
    transit_countries: tuple[Country, ...] = Field(
        ("NI", "GT", "MX"), description="where the related hotel or transport firm is"
    )
    airline_share: float = Field(
        0.08, ge=0, le=1, description="of the inflow settled with airlines (ARC)"
    )
    active_days: tuple[int, int] = Field((180, 270), description="6-9 months")


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    assert isinstance(parameters, TravelFront)
    for _ in range(count):
        _network(world, population, parameters)


def _network(world: World, population: Population, p: TravelFront) -> None:
    rng, home = world.rng, places()
    weights = home.cities.weight
    city = int(rng.choice(len(weights), p=weights / weights.sum()))
    scene = Scene(world, world.new_network(TYPOLOGY, "migrant_smuggling"), city)
    origin = str(rng.choice(home.countries_on("migrant_origin")))
    turnover = float(rng.uniform(*p.turnover))
    since = -rng.integers(400, 3000, 2)  # the agency's account, the owner's
    job = ("business owner", turnover * 0.15)
    owner = add_people(world, 1, city, origin, "male", (32, 62), *job, since=int(since[1]))
    name = [f"{owner.surname[0]} Travel Services LLC"]
    employees = int(rng.integers(2, 6))
    agency, _, _ = add_businesses(world, name, "7911", owner.city, employees, turnover, since[:1])
    bank = banks(world, 1)[0]
    business = open_accounts(world, agency, bank, "business", since[0], city)
    own = open_accounts(world, owner.ids, other_bank(world, bank), "current", since[1], city)
    world.link(business, owner.ids, "beneficial_owner")
    world.link(business, owner.ids, "signatory")
    days = active_window(world, p.active_days)
    account = int(business[0])
    partners = _partners(rng, p)
    inflow = _inflows(scene, population, p, account, partners, days)
    _refunds(scene, p, account, partners, days)
    banked = inflow + _cash(scene, p, account, days)
    _related(scene, p, account, banked, str(owner.surname[0]), days)
    _cover(scene, p, account, int(own[0]), turnover, inflow, days)
    everyday_life(world, own, owner.city, np.array([turnover * 0.15]), scene.tag, wages=False)
    world.mark(business, scene.tag, "front_business")
    world.mark(own, scene.tag, "facilitator")


def _log_uniform(rng: np.random.Generator, bounds: Range, n: int) -> FloatArray:
    low, high = np.log(bounds)
    return np.asarray(np.round(np.exp(rng.uniform(low, high, n)), 2), dtype=np.float64)


def _mean(bounds: Range) -> float:
    """The mean of a log-uniform draw between ``bounds``."""
    low, high = bounds
    return float((high - low) / np.log(high / low))


def _partners(rng: np.random.Generator, p: TravelFront) -> tuple[StrArray, StrArray]:
    """The partner agencies that pay (and get refunds): names and countries."""
    k = int(rng.integers(p.partner_agencies[0], p.partner_agencies[1] + 1))
    words, forms = rng.choice(AGENCY_WORDS, k), rng.choice(AGENCY_FORMS, k)
    names = strings([f"{w} {f}" for w, f in zip(words, forms, strict=True)])
    return names, rng.choice(np.array(p.agency_countries, dtype=object), k)


def _inflows(
    scene: Scene,
    population: Population,
    p: TravelFront,
    business: int,
    partners: tuple[StrArray, StrArray],
    days: tuple[int, int],
) -> float:
    """Agencies' wires and individuals' transfers for seats, in amounts that match no fare
    (MS-10); returns what they paid in."""
    rng, home = scene.rng, places()
    first, last = days
    total = rng.uniform(*p.monthly_inflow) * (last - first + 1) / MONTH * scene.strength
    names, countries = partners
    m = max(1, int(rng.poisson(total * p.agency_share / _mean(p.agency_payment))))
    payer = rng.integers(0, len(names), m)
    country = countries[payer]
    wired = _log_uniform(rng, p.agency_payment, m)
    domestic = country == home.home_country
    scene.rows(
        None,
        business,
        rng.integers(first, last + 1, m),
        wired,
        Categorical.choose(CHANNELS, np.where(domestic & (rng.random(m) < 0.5), 1, 2)),
        scene.memos(AGENCY_MEMOS, m),
        party=names[payer],
        hours=OFFICE_HOURS,
        counterparty_account=account_numbers(rng, len(names))[payer],
        counterparty_institution=np.where(
            domestic, rng.choice(OUTSIDE_BANKS, m), rng.choice(FOREIGN_BANKS, m)
        ).astype(object),
        counterparty_country=country,
    )
    # Individuals of a few nationalities, most paying once or twice; some bank here.
    k = max(1, int(rng.poisson(total * (1 - p.agency_share) / _mean(p.individual_payment))))
    people = max(5, round(k * 0.7))
    payer = rng.integers(0, people, k)
    few = int(rng.integers(p.nationalities[0], p.nationalities[1] + 1))
    nationality = rng.choice(rng.choice(home.foreign_countries, few, replace=False), people)
    inside = np.where(
        rng.random(people) < p.insider_share,
        rng.choice(population.persons.account, people),
        NO_ACCOUNT,
    )[payer]
    outside = inside == NO_ACCOUNT
    amount = _log_uniform(rng, p.individual_payment, k)
    scene.rows(
        inside,
        business,
        rng.integers(first, last + 1, k),
        amount,
        Categorical.choose(CHANNELS, rng.choice(3, k, p=[0.5, 0.3, 0.2])),
        scene.memos(PERSON_MEMOS, k),
        party=text_where(outside, person_names(rng, nationality.astype(object))[payer]),
        hours=DAYTIME,
        counterparty_account=text_where(outside, account_numbers(rng, people)[payer]),
        counterparty_institution=text_where(outside, rng.choice(OUTSIDE_BANKS, k)),
        counterparty_country=text_where(outside, home.home_country),
    )
    return float(wired.sum() + amount.sum())


def _refunds(
    scene: Scene,
    p: TravelFront,
    business: int,
    partners: tuple[StrArray, StrArray],
    days: tuple[int, int],
) -> None:
    """Large refunds without explanation: to partner agencies, or to people who never paid."""
    rng, home = scene.rng, places()
    first, last = days
    rate = rng.uniform(*p.refunds_per_month) * (last - first + 1) / MONTH * scene.strength
    n = max(1, int(rng.poisson(rate)))
    names, countries = partners
    to_agency = rng.random(n) < 0.5
    agency = rng.integers(0, len(names), n)
    strangers = person_names(rng, strings(home.home_country, n))
    country = np.where(to_agency, countries[agency], home.home_country).astype(object)
    scene.rows(
        business,
        None,
        rng.integers(min(first + 7, last), last + 1, n),
        np.round(rng.uniform(*p.refund, n), 2),
        Categorical.choose(CHANNELS, np.where(to_agency, 2, 1)),
        "refund",
        party=np.where(to_agency, names[agency], strangers).astype(object),
        hours=OFFICE_HOURS,
        counterparty_account=account_numbers(rng, n),
        counterparty_country=country,
    )


def _cash(scene: Scene, p: TravelFront, business: int, days: tuple[int, int]) -> float:
    """Cash over the counter in sub-threshold sums, beyond the turnover (MS-10, MS-07);
    returns the total."""
    rng, s = scene.rng, scene.world.config.subtlety
    first, last = days
    weeks = (last - first + 1) / 7
    k = int(rng.poisson(rng.uniform(*p.cash_deposits_per_week) * weeks * (1 - 0.7 * s)))
    day = rng.integers(first, last + 1, k)
    amount = np.round(rng.uniform(*p.cash_deposit, k), -2)
    scene.rows(None, business, day, amount, "cash", "branch cash deposit")
    return float(amount.sum())


def _related(
    scene: Scene, p: TravelFront, business: int, inflow: float, surname: str, days: tuple[int, int]
) -> None:
    """Most of the money on to a hotel or transport firm in the transit country that bears the
    owner's family name (MS-11, ML-16, GEO-01)."""
    rng = scene.rng
    first, last = days
    total = inflow * rng.uniform(*p.related_share) * scene.strength
    rate = rng.uniform(*p.related_wires_per_month) * (last - first + 1) / MONTH
    n = max(2, int(rng.poisson(rate)))
    _, amount = split(rng, np.array([total]), np.array([n]))
    k = int(rng.integers(1, 3))
    firms = strings([f.format(surname) for f in rng.choice(RELATED_FORMS, k, replace=False)])
    country = rng.choice(np.array(p.transit_countries, dtype=object))
    firm = rng.integers(0, k, n)
    scene.rows(
        business,
        None,
        np.sort(rng.integers(min(first + 5, last), last + 1, n)),
        np.round(amount, 2),
        "wire",
        scene.memos(RELATED_MEMOS, n),
        party=firms[firm],
        hours=OFFICE_HOURS,
        counterparty_account=account_numbers(rng, k, prefix=str(country))[firm],
        counterparty_institution=rng.choice(np.array(FOREIGN_BANKS, dtype=object), k)[firm],
        counterparty_country=strings(str(country), n),
    )


def _cover(
    scene: Scene,
    p: TravelFront,
    business: int,
    own: int,
    turnover: float,
    inflow: float,
    days: tuple[int, int],
) -> None:
    """The thin lawful business: airline settlements, rent, payroll, the owner's draw."""
    s, weeks = scene.world.config.subtlety, (days[1] - days[0] + 1) / 7
    airline = inflow * (p.airline_share + 0.2 * s) / weeks
    flows: tuple[tuple[int, int | None, float, str, str], ...] = (
        (7, None, airline, "ARC Airlines Reporting Corp", "airline settlement"),
        (30, None, turnover * 0.08 / 12, "Commerce Park Leasing", "commercial rent"),
        (14, None, turnover * 0.2 / 26, "Payroll batch", "PAYROLL"),
        (30, own, turnover * 0.15 / 12, "", "owner draw"),
    )
    for period, target, amount, party, memo in flows:
        scene.every(period, business, target, amount, "ach", memo, party=party or None)


SCENARIO = Scenario(
    id=TYPOLOGY,
    kind="typology",
    crime="migrant_smuggling",
    summary="A small travel agency takes millions over months from partner agencies and many "
    "individuals in amounts matching no fare, makes large unexplained refunds, banks cash "
    "beyond its turnover and wires most of it to a related hotel or transport firm in the "
    "transit country.",
    indicators=("MS-07", "MS-10", "MS-11", "ML-16", "GEO-01"),
    resembles=(),
    sources=("FIN23", "FTA26", "FATF22"),
    parameters=TravelFront,
    build=build,
)
