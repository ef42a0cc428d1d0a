"""T9: debt-bonded international sex trafficking (AUS-TH; FIN20 Thai case).

Catalogue scenario T9: a recruiter in an HT_SOURCE country (outside the data) and one local
syndicate member bring 5-20 women on visitor or student visas. The syndicate member buys most
of their one-way airfares and visa services one to four weeks before they land (HT-SEX-05,
HT-LAB-13, GEO-04). Within a week of arrival the women open accounts at one branch, all giving
the apartment where they live and work as their address (GEN-02, HT-LAB-07); he pays its rent.
Every week each woman pays in 1-3 cash deposits of 500-2,000 and, within two days of the last,
sends a stable share of the week's cash to the syndicate member and another to the recruiter
abroad (HT-SEX-14, HT-LAB-05, HT-LAB-12) until her debt of 20,000-55,000 is paid; the women of
one address all pay the same overseas beneficiary (MS-06). Every two weeks the syndicate
member draws much of what came in as large cash withdrawals over two days and sends most of
the rest to the source country in transfers each under the 10,000 reporting threshold, to the
recruiter and other third parties, as "gift" or "personal" (ML-02, MS-14, GEO-01).

Subtlety (``strength`` = 1 - 0.6 x subtlety) moves it towards L4 (international students
sharing a flat and remitting) and L5 (diaspora remitter): fewer women, only some of them at the
shared address, openings spread over up to four weeks, the shares sent on scaled by strength
and up to four days after the cash, and smaller cash withdrawals.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import FloatArray, IntArray, StrArray, strings
from tipflow.simulate.clock import OFFICE_HOURS, hours_profile
from tipflow.simulate.everyday_persons import LANDLORDS
from tipflow.simulate.people import add_persons, street_addresses
from tipflow.simulate.population import Population
from tipflow.simulate.reference import places
from tipflow.simulate.routine import lognormal
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.fresh_customers import foreign_account_numbers
from tipflow.simulate.scenarios.laundering_helpers import (
    FOREIGN_BANKS,
    everyday_life,
    occupations,
    split,
)
from tipflow.simulate.scenarios.trafficking_helpers import (
    DAY_SECONDS,
    Scene,
    banks,
    open_accounts,
    other_bank,
    person_names,
)
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import World

TYPOLOGY = "sex_trafficking_debt_bondage"
WEEK = 7
DEPOSIT_HOURS = hours_profile((10, 20, 2), (20, 24, 1))
TO_MEMBER = ("rent", "board", "fee", "")
TO_RECRUITER = ("loan repayment", "family support", "")
ABROAD = ("gift", "personal", "family support")
COVER_JOBS = ("cook", "office manager", "sales representative")


class DebtBondage(ScenarioParameters):
    """T9's shape; ranges are (low, high), amounts in the home currency."""

    women: tuple[int, int] = Field(default=(5, 20), description="women brought on visas")
    arrival_day: tuple[int, int] = Field(
        default=(7, 45), description="day of the period the group lands (ours)"
    )
    ticket_lead_days: tuple[int, int] = Field(
        default=(7, 30), description="days before landing the fares and visas are bought (ours)"
    )
    fares_bought_here: float = Field(
        default=0.7, ge=0, le=1, description="share of fares the syndicate member pays"
    )
    airfare: tuple[float, float] = Field(
        default=(850.0, 0.25), description="one-way fare: median, lognormal sigma (ours)"
    )
    visa_fee: tuple[float, float] = Field(
        default=(190.0, 0.1), description="visa service per woman: median, sigma (ours)"
    )
    opening_days: int = Field(
        default=7, ge=1, description="accounts are opened within this many days of landing"
    )
    student_share: float = Field(
        default=0.4, ge=0, le=1, description="women on student visas (the rest visitors)"
    )
    deposits_per_week: tuple[int, int] = Field(
        default=(1, 3), description="cash deposits per woman and week"
    )
    cash_deposit: tuple[float, float] = Field(
        default=(500.0, 2000.0), description="each cash deposit"
    )
    member_share: tuple[float, float] = Field(
        default=(0.5, 0.7), description="of a week's cash, to the syndicate member (ours)"
    )
    recruiter_share: tuple[float, float] = Field(
        default=(0.15, 0.3), description="of a week's cash, to the recruiter abroad (ours)"
    )
    transfer_hours: tuple[float, float] = Field(
        default=(2.0, 48.0), description="after the week's last deposit"
    )
    debt: tuple[float, float] = Field(
        default=(20_000.0, 55_000.0), description="per woman; she is let go once it is paid"
    )
    venue_rent: tuple[float, float] = Field(
        default=(2000.0, 4000.0), description="monthly rent of the shared apartment (ours)"
    )
    sweep_days: int = Field(
        default=14, ge=1, description="how often the syndicate member moves his takings (ours)"
    )
    cash_share: tuple[float, float] = Field(
        default=(0.3, 0.5), description="of his takings, withdrawn in cash (ours)"
    )
    withdrawal: tuple[float, float] = Field(
        default=(3000.0, 9500.0), description="each large cash withdrawal (ours)"
    )
    abroad_share: tuple[float, float] = Field(
        default=(0.4, 0.6), description="of his takings, sent to the source country (ours)"
    )
    threshold: float = Field(
        default=10_000.0, gt=0, description="reporting threshold each transfer abroad stays under"
    )
    beneficiaries: tuple[int, int] = Field(
        default=(2, 4), description="third parties abroad he pays, the recruiter among them"
    )


@dataclass(frozen=True)
class Syndicate:
    """The syndicate member's account and the people abroad he and the women pay."""

    member: int
    origin: str
    payees: StrArray  # beneficiaries abroad; the first is the recruiter
    payee_accounts: StrArray


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    assert isinstance(parameters, DebtBondage)
    for _ in range(count):
        _network(world, parameters)


def _network(world: World, p: DebtBondage) -> None:
    rng, clock, home, s = world.rng, world.clock, places(), world.config.subtlety
    city = int(rng.choice(home.cities.indexes()))
    scene = Scene(world, world.new_network(TYPOLOGY, "sex_trafficking"), city)
    origin = str(rng.choice(home.countries_on("ht_source")))
    latest = max(0, min(p.arrival_day[1], clock.days - 3 * WEEK))
    arrival = int(rng.integers(min(p.arrival_day[0], latest), latest, endpoint=True))

    since = int(rng.integers(400, 3000))
    job, income = occupations(world, 1, COVER_JOBS)
    member = add_persons(
        world,
        1,
        city=np.array([city]),
        nationality=strings(origin, 1),
        gender=strings("male", 1),
        age=(30, 55),
        occupation=job,
        income=income,
        onboarded_days_before=(since, since + 1),
    )
    women_bank = banks(world, 1)[0]
    own = open_accounts(world, member.ids, other_bank(world, women_bank), "current", -since, city)

    n = scene.count(p.women)
    venue = str(street_addresses(rng, 1)[0])
    address = np.where(rng.random(n) < 1 - 0.5 * s, venue, street_addresses(rng, n))
    student = rng.random(n) < p.student_share
    women = add_persons(
        world,
        n,
        city=np.full(n, city),
        nationality=strings(origin, n),
        gender=strings("female", n),
        age=(19, 35),
        occupation=Categorical(np.where(student, 0, -1).astype(np.int64), ("student",)),
        income=np.where(student, 9000.0, np.nan),
        onboarded_days_before=(-arrival, -arrival + 1),
        address=address.astype(object),
    )
    span = p.opening_days + round(21 * s)  # HT-LAB-07: the same week, at one branch
    opened = np.minimum(arrival + rng.integers(0, span, n), clock.days - 1)
    accounts = open_accounts(world, women.ids, women_bank, "current", opened, city)

    k = int(rng.integers(p.beneficiaries[0], p.beneficiaries[1] + 1))
    syndicate = Syndicate(
        int(own[0]),
        origin,
        person_names(rng, origin, k),
        foreign_account_numbers(world, strings(origin, k)),
    )
    _travel(scene, p, syndicate.member, arrival, n)
    day, paid = _weeks(scene, p, syndicate, accounts, opened)
    _member(scene, p, syndicate, day, paid)
    rent = round(float(rng.uniform(*p.venue_rent)), -1)
    landlord = str(rng.choice(LANDLORDS))
    scene.every(30, syndicate.member, None, rent, "ach", f"rent {venue}", party=landlord)
    everyday_life(world, own, np.array([city]), income, scene.tag)
    if int(opened.max()) + 1 < clock.days:  # a phone, food and make-up: little of their own
        groups = {"GROCERY": 2.0, "TELECOM": 1.0, "APPEARANCE": 1.0}
        scene.spend(accounts, 3.0, groups, scale=0.6, days=(int(opened.max()) + 1, clock.days - 1))
    world.mark(own, scene.tag, "controller")
    world.mark(accounts, scene.tag, "victim")


def _travel(scene: Scene, p: DebtBondage, member: int, arrival: int, n: int) -> None:
    """One-way fares and visa services bought together for the women (HT-SEX-05, HT-LAB-13)."""
    rng = scene.rng
    lead = int(rng.integers(p.ticket_lead_days[0], p.ticket_lead_days[1] + 1))
    bought = int((rng.random(n) < p.fares_bought_here).sum())
    if arrival <= 0 or not bought:
        return  # they came before the period, or the recruiter paid from abroad
    day = np.full(bought, max(0, arrival - lead))
    scene.buy(member, day, lognormal(rng, p.airfare, bought), "SkyJet Airlines", "4511")
    visa_day = np.maximum(day - rng.integers(0, 7, bought), 0)
    visa = lognormal(rng, p.visa_fee, bought)
    scene.buy(member, visa_day, visa, "Visa Processing Center", "9399")


def _weeks(
    scene: Scene, p: DebtBondage, syndicate: Syndicate, accounts: IntArray, opened: IntArray
) -> tuple[IntArray, FloatArray]:
    """Weekly cash in, then shares to the member and the recruiter until the debt is paid;
    returns each week's payment to the member: a day by which it has arrived, the amount."""
    rng, clock, strength = scene.rng, scene.world.clock, scene.strength
    n = len(accounts)
    first = opened + 1 + rng.integers(0, 3, n)
    weeks = max(1, (clock.days - int(first.min())) // WEEK + 1)
    counts = rng.integers(p.deposits_per_week[0], p.deposits_per_week[1] + 1, n * weeks)
    cell = np.repeat(np.arange(n * weeks), counts)
    woman, week = cell // weeks, cell % weeks
    day = first[woman] + week * WEEK + rng.integers(0, WEEK, len(cell))
    seconds = scene.world.clock.seconds_in_hours(rng, DEPOSIT_HOURS, len(cell))
    amount = np.round(rng.uniform(*p.cash_deposit, len(cell)), -1)
    inside = day < clock.days
    total = np.bincount(cell[inside], amount[inside], minlength=n * weeks).reshape(n, weeks)
    to_member = np.round(total * rng.uniform(*p.member_share, n)[:, None] * strength)
    to_recruiter = np.round(total * rng.uniform(*p.recruiter_share, n)[:, None] * strength)
    paid = to_member + to_recruiter
    working = np.cumsum(paid, axis=1) - paid < rng.uniform(*p.debt, n)[:, None]  # HT-LAB-05
    keep = inside & working.ravel()[cell]
    memos = scene.memos(("cash deposit", "ATM cash deposit"), int(keep.sum()))
    target, moment = accounts[woman[keep]], day[keep] * DAY_SECONDS + seconds[keep]
    scene.rows(None, target, day[keep], amount[keep], "cash", memos, seconds=seconds[keep])

    last = np.full(n * weeks, -1, dtype=np.int64)
    np.maximum.at(last, cell[keep], moment)
    cells = np.flatnonzero(last >= 0)
    payer = accounts[cells // weeks]
    cause = (last[cells] // DAY_SECONDS, last[cells] % DAY_SECONDS)
    hours = (p.transfer_hours[0], p.transfer_hours[1] + 80 * (1 - strength))
    member_amount = to_member.ravel()[cells]
    member_memo = scene.memos(TO_MEMBER, len(cells))
    scene.after(cause, hours, payer, syndicate.member, member_amount, "p2p", member_memo)
    abroad = {
        "party": str(syndicate.payees[0]),
        "counterparty_account": str(syndicate.payee_accounts[0]),
        "counterparty_country": syndicate.origin,
        "counterparty_institution": FOREIGN_BANKS[0],
    }
    memo = scene.memos(TO_RECRUITER, len(cells))
    recruiter_amount = to_recruiter.ravel()[cells]
    scene.after(cause, hours, payer, None, recruiter_amount, "remittance", memo, **abroad)
    return cause[0] + int(np.ceil(hours[1] / 24)), member_amount  # arrived by then


def _member(
    scene: Scene, p: DebtBondage, syndicate: Syndicate, day: IntArray, paid: FloatArray
) -> None:
    """Every few weeks: large cash withdrawals over two days, and transfers abroad each under
    the reporting threshold to the recruiter and other third parties (ML-02, MS-14)."""
    rng, clock, s = scene.rng, scene.world.clock, scene.world.config.subtlety
    every = p.sweep_days
    inflow = np.bincount(day // every, paid, minlength=clock.days // every + 1)
    bucket = np.flatnonzero(inflow > 0)
    act = (bucket + 1) * every
    low, high = (w * (1 - 0.5 * s) for w in p.withdrawal)
    cash = inflow[bucket] * rng.uniform(*p.cash_share, len(bucket))
    drawn = cash >= low
    owner, piece = split(rng, cash[drawn], np.ceil(cash[drawn] / high).astype(np.int64))
    when = act[drawn][owner] + rng.integers(0, 2, len(owner))
    inside = when < clock.days
    amount = np.round(np.clip(piece, low, high), -2)[inside].astype(np.float64)
    memo = scene.memos(("counter withdrawal", "cash withdrawal"), int(inside.sum()))
    scene.rows(syndicate.member, None, when[inside], amount, "cash", memo, hours=OFFICE_HOURS)

    total = inflow[bucket] * rng.uniform(*p.abroad_share, len(bucket))
    under = p.threshold * 0.95
    owner, piece = split(rng, total, np.ceil(total / (under * 0.8)).astype(np.int64))
    when = act[owner] + rng.integers(0, 3, len(owner))
    inside = when < clock.days
    amount = np.round(np.minimum(piece, under), -1)[inside].astype(np.float64)
    k = int(inside.sum())
    payee = rng.integers(0, len(syndicate.payees), k)
    scene.rows(
        syndicate.member,
        None,
        when[inside],
        amount,
        "wire",
        scene.memos(ABROAD, k),
        party=syndicate.payees[payee],
        counterparty_account=syndicate.payee_accounts[payee],
        counterparty_country=syndicate.origin,
        counterparty_institution=FOREIGN_BANKS[1],
    )


SCENARIO = Scenario(
    id=TYPOLOGY,
    kind="typology",
    crime="sex_trafficking",
    summary="A syndicate member and a recruiter abroad bring 5-20 women on visas, buying their "
    "fares and visas; the women open accounts in one week at one address, pay in cash weekly "
    "and send shares to him and the recruiter until their debt is paid; he draws large cash "
    "and sends sub-threshold transfers to the source country.",
    indicators=(
        *("HT-SEX-05", "HT-SEX-14"),
        *(f"HT-LAB-{k:02d}" for k in (5, 7, 12, 13)),
        *("ML-02", "MS-06", "MS-14", "GEN-02", "GEO-01", "GEO-04"),
    ),
    resembles=(),
    sources=("AUS-TH", "FIN20"),
    parameters=DebtBondage,
    build=build,
)
