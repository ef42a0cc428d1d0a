"""T12: smuggling debt turned into forced labour (FIN23 vulnerability).

Migrants who crossed the border still owing their smugglers arrive in 1-3 groups. A labour
broker tied to the smuggling network buys their bus tickets in a border town on the day they
arrive. Within three weeks he takes each group to one branch to open accounts: he is the
authorised user on every account, and most workers give his phone and his address (GEN-01,
GEN-04, GEN-02). He places 10-30 of them with 1-3 employers in construction or agriculture
(customers of the world where there are some, else outside payers), who pay a weekly wage of
600-900. The same day 50-70 % of each wage goes to the broker by P2P as "loan" or "ride"
(HT-LAB-02, HT-LAB-05), so he receives the same from every worker (HT-LAB-01 variant, MS-06).
Each week he tops up his MSB wallet and remits most of what he took to the smuggling
organisers in the origin or transit country, in transfers under the 3,000 record-keeping
threshold (MS-03, GEO-01). Some workers also pay an organiser directly (MS-06). The workers
spend little; some send a little home to their families.

Subtlety (``strength`` = 1 - 0.6 x subtlety) moves it towards L12 (landlord) and L23 (relative
who fronted travel costs). At 1, crews are smaller and the shares smaller (20-28 %). Payments
come up to three days after payday and skip some weeks. Fewer workers give his phone, and less
goes abroad.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import FloatArray, IntArray, StrArray, strings, text_where
from tipflow.simulate.clock import EARLY_MORNING, hours_profile
from tipflow.simulate.people import People, phone_numbers, street_addresses
from tipflow.simulate.population import Population
from tipflow.simulate.reference import names, places
from tipflow.simulate.routine import cash
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.fresh_customers import relatives
from tipflow.simulate.scenarios.laundering_helpers import split
from tipflow.simulate.scenarios.trafficking_helpers import (
    Scene,
    add_people,
    banks,
    open_accounts,
    other_bank,
    person_names,
)
from tipflow.simulate.world import NO_ACCOUNT, World

TYPOLOGY = "labour_trafficking_smuggling_debt"
SWEEP_MEMOS = ("loan", "ride", "debt", "pago", "")
REMIT_MEMOS = ("family support", "ayuda", "")
JOBS = {"4100": "construction worker", "0111": "farm worker"}
OUTSIDE_FORMS = {"4100": "Construction LLC", "0111": "Farms Inc"}
MORNING, AFTERNOON = hours_profile((9, 12, 1)), hours_profile((13, 18, 1))
Range = tuple[float, float]


class SmugglingDebt(ScenarioParameters):
    """Defaults follow catalogue T12 (FIN23), in USD."""

    workers: tuple[int, int] = Field((10, 30), description="workers per broker")
    groups: tuple[int, int] = Field((1, 3), description="groups the workers arrive in")
    arrivals_within: float = Field(
        0.35, gt=0, le=1, description="share of the period in which the groups arrive"
    )
    opening_days: tuple[int, int] = Field(
        (2, 21), description="days from a group's arrival to its accounts (within 3 weeks)"
    )
    bus_fare: Range = Field((60.0, 140.0), description="per worker, border town to the job")
    employers: tuple[int, int] = Field((1, 3), description="employers per network")
    employer_industries: tuple[str, ...] = Field(
        ("4100", "0111"), description="ISIC classes: construction, agriculture"
    )
    wage: Range = Field((600.0, 900.0), description="weekly net payroll per worker")
    sweep_share: Range = Field((0.5, 0.7), description="of each wage, to the broker")
    sweep_hours: Range = Field(
        (3.0, 14.0), description="hours after the early-morning wage: the same day"
    )
    shared_phone_share: float = Field(0.6, ge=0, le=1, description="workers giving his phone")
    shared_address_share: float = Field(
        0.8, ge=0, le=1, description="workers registered at his address"
    )
    organisers: tuple[int, int] = Field((1, 3), description="smuggling organisers paid")
    transit_countries: tuple[str, ...] = Field(
        ("MX",), description="transit countries organisers may be in, besides the origin"
    )
    forward_share: Range = Field(
        (0.7, 0.95), description="of each week's takings remitted to the organisers"
    )
    remittance_cap: float = Field(
        2900.0, gt=0, description="each MSB transfer stays below the 3,000 threshold"
    )
    direct_payer_share: float = Field(
        0.3, ge=0, le=1, description="workers who also pay an organiser directly"
    )
    direct_payment: Range = Field((50.0, 200.0), description="each such payment")
    family_share: float = Field(0.4, ge=0, le=1, description="workers remitting to family")
    family_remittance: Range = Field((50.0, 150.0), description="monthly, to a relative")


@dataclass(frozen=True)
class Crew:
    """The workers of one network, with what the flows need to know about them."""

    accounts: IntArray
    opened: IntArray  # the day each account opened
    employer: IntArray  # index into the network's employers
    surname: StrArray
    origin: str


@dataclass(frozen=True)
class Abroad:
    """The smuggling organisers the broker pays, in the origin or transit country."""

    name: StrArray
    country: StrArray


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    assert isinstance(parameters, SmugglingDebt)
    for _ in range(count):
        _network(world, population, parameters)


def _network(world: World, population: Population, p: SmugglingDebt) -> None:
    rng, home = world.rng, places()
    origin = str(rng.choice(home.countries_on("migrant_origin")))
    employer, employer_names, isic, city = _employers(world, population, p)
    scene = Scene(world, world.new_network(TYPOLOGY, "labour_trafficking"), city)
    broker = add_people(world, 1, city, origin, "male", (30, 55), "labour contractor", 45_000.0)
    bank = banks(world, 1)[0]
    opened = -rng.integers(200, 2000, 2)
    current = open_accounts(world, broker.ids, bank, "current", opened[0], city)
    msb = [i for i, inst in enumerate(world.config.institutions) if inst.kind == "msb"]
    kind, wallet_bank = ("wallet", msb[0]) if msb else ("current", other_bank(world, bank))
    wallet = open_accounts(world, broker.ids, wallet_bank, kind, opened[1], city)
    job = JOBS.get(isic, "construction worker")
    crew = _crew(scene, p, broker, int(current[0]), origin, job, len(employer))
    k = int(rng.integers(p.organisers[0], p.organisers[1] + 1))
    where = rng.choice(np.array([origin, *p.transit_countries], dtype=object), k)
    organisers = Abroad(person_names(rng, origin, k), where)
    taken = _wages(scene, p, crew, employer, employer_names, int(current[0]), organisers)
    _forward(scene, p, int(current[0]), int(wallet[0]), taken, organisers)
    scene.spend(current, 20.0, world.config.behaviour.card_groups)
    cash(
        world,
        current,
        np.array([city]),
        np.array([3.0]),
        (200.0, 0.5),
        deposit=False,
        tag=scene.tag,
    )
    world.mark(np.concatenate([current, wallet]), scene.tag, "controller")
    world.mark(crew.accounts, scene.tag, "victim")


def _employers(
    world: World, population: Population, p: SmugglingDebt
) -> tuple[IntArray, StrArray, str, int]:
    """1-3 employers of one trade: customers' business accounts where the world has some
    (else NO_ACCOUNT and a name); the network lives where the first one is."""
    rng, businesses, home = world.rng, population.businesses, places()
    isic = str(rng.choice(p.employer_industries))
    codes = np.array([i.isic for i in world.config.industries], dtype=object)
    pool = np.flatnonzero(codes[businesses.industry] == isic)
    k = int(rng.integers(p.employers[0], p.employers[1] + 1))
    if len(pool):
        chosen = rng.choice(pool, min(k, len(pool)), replace=False)
        city = int(businesses.city[chosen[0]])
        return businesses.account[chosen], businesses.names[chosen], isic, city
    surnames = rng.choice(np.array(names().group_of(home.home_country).surnames), k)
    form = OUTSIDE_FORMS.get(isic, "Services LLC")
    weights = home.cities.weight
    city = int(rng.choice(len(weights), p=weights / weights.sum()))
    return np.full(k, NO_ACCOUNT, np.int64), strings([f"{s} {form}" for s in surnames]), isic, city


def _crew(
    scene: Scene,
    p: SmugglingDebt,
    broker: People,
    current: int,
    origin: str,
    job: str,
    employers: int,
) -> Crew:
    """Workers in groups: the broker pays a group's bus from a border town on arrival, and
    within three weeks their accounts open at one branch, with him as authorised user."""
    world, rng, clock = scene.world, scene.rng, scene.world.clock
    n = scene.count(p.workers)
    g = min(n, int(rng.integers(p.groups[0], p.groups[1] + 1)))
    sizes = rng.multinomial(n - g, np.full(g, 1 / g)) + 1
    arrival = np.sort(rng.integers(0, max(1, round(clock.days * p.arrivals_within)) + 1, g))
    opening = arrival + rng.integers(*p.opening_days, endpoint=True, size=g)
    opening = np.minimum(opening, clock.days - 1)
    bank, border = banks(world, 1)[0], np.array(places().cities.indexes(border=True))
    fares = np.round(rng.uniform(*p.bus_fare, g) * sizes, 2)
    scene.buy(current, arrival, fares, "Greyline Bus", "4131", city=rng.choice(border, g))
    accounts, opened, surnames = [], [], []
    for size, day in zip(sizes.tolist(), opening.tolist(), strict=True):
        phone = np.where(
            rng.random(size) < p.shared_phone_share * scene.strength,
            broker.phone[0],
            phone_numbers(world, np.full(size, scene.city)),
        ).astype(object)
        shares = rng.random(size) < p.shared_address_share
        address = np.where(shares, broker.address[0], street_addresses(rng, size)).astype(object)
        gender = np.where(rng.random(size) < 0.85, "male", "female").astype(object)
        job_income = (job, float(np.mean(p.wage)) * 52)
        people = add_people(
            world,
            size,
            scene.city,
            origin,
            gender,
            (18, 32),
            *job_income,
            since=day,
            phone=phone,
            address=address,
        )
        days = np.minimum(day + rng.integers(0, 2, size), clock.days - 1)
        account = open_accounts(world, people.ids, bank, "current", days, scene.city)
        world.link(account, np.repeat(broker.ids, size), "authorised_user")
        if day + 2 < clock.days:
            groups = {"GROCERY": 2.0, "FOOD": 1.0, "TELECOM": 1.0}
            scene.spend(account, 4.0, groups, scale=0.5, days=(day + 2, clock.days - 1))
        accounts.append(account)
        opened.append(days)
        surnames.append(people.surname)
    employer = rng.integers(0, employers, n)
    joined = (np.concatenate(accounts), np.concatenate(opened))
    return Crew(*joined, employer, np.concatenate(surnames), origin)


def _wages(
    scene: Scene,
    p: SmugglingDebt,
    crew: Crew,
    employer: IntArray,
    employer_names: StrArray,
    broker: int,
    organisers: Abroad,
) -> FloatArray:
    """Weekly payroll; the same day 50-70 % to the broker (HT-LAB-02, HT-LAB-05); some pay
    an organiser or their family too. Returns what the broker took, per day."""
    rng, clock, s = scene.rng, scene.world.clock, scene.world.config.subtlety
    n = len(crew.accounts)
    phase = rng.integers(0, 7, len(employer))[crew.employer]  # each employer's payday
    entity, day = clock.periodic_days(phase.astype(np.int64), np.full(n, 7, dtype=np.int64))
    keep = day >= crew.opened[entity] + 3
    entity, day = entity[keep], day[keep]
    m = len(entity)
    drawn = rng.uniform(*p.wage, n)[entity] * rng.normal(1, 0.04, m)
    wage = np.asarray(np.round(np.clip(drawn, *p.wage), 2), dtype=np.float64)
    seconds = clock.seconds_in_hours(rng, EARLY_MORNING, m)
    source = employer[crew.employer[entity]]
    payer = text_where(source == NO_ACCOUNT, employer_names[crew.employer[entity]])
    worker = crew.accounts[entity]
    scene.rows(source, worker, day, wage, "ach", "PAYROLL", party=payer, seconds=seconds)

    swept = rng.random(m) < 1 - 0.3 * s  # at subtlety, some weeks go unpaid
    share = rng.uniform(*p.sweep_share, m) * scene.strength
    amount = np.round(wage * share, 0)[swept]
    hours = (p.sweep_hours[0], p.sweep_hours[1] + 60 * s)
    cause = (day[swept], seconds[swept])
    memo = scene.memos(SWEEP_MEMOS, len(amount))
    scene.after(cause, hours, worker[swept], broker, amount, "p2p", memo)

    # MS-06: some workers also pay the first organiser; some send their family a little.
    direct = (rng.random(n) < p.direct_payer_share)[entity] & (rng.random(m) < 0.5)
    cause = (day[direct], seconds[direct])
    sent = np.round(rng.uniform(*p.direct_payment, int(direct.sum())), 0)
    abroad = {"party": str(organisers.name[0]), "counterparty_country": str(organisers.country[0])}
    scene.after(cause, (24, 72), worker[direct], None, sent, "remittance", "pago", **abroad)
    family = relatives(scene.world, strings(crew.origin, n), crew.surname, "female")
    kin = (rng.random(n) < p.family_share)[entity]
    monthly = kin & (rng.integers(0, 4, n)[entity] == (day // 7) % 4)
    cause = (day[monthly], seconds[monthly])
    sent = np.round(rng.uniform(*p.family_remittance, int(monthly.sum())), 0)
    home = {"party": family[entity[monthly]], "counterparty_country": crew.origin}
    scene.after(cause, (24, 72), worker[monthly], None, sent, "remittance", "family", **home)
    return np.bincount(day[swept], amount, minlength=clock.days).astype(np.float64)


def _forward(
    scene: Scene, p: SmugglingDebt, current: int, wallet: int, taken: FloatArray, to: Abroad
) -> None:
    """Each week: a top-up of the MSB wallet, then remittances under the cap to the
    organisers (MS-03, GEO-01)."""
    rng, clock = scene.rng, scene.world.clock
    per_week = np.bincount(np.arange(len(taken)) // 7, taken)
    week = np.flatnonzero(per_week > 0)
    day = week * 7 + 7 + rng.integers(0, 2, len(week))
    week, day = week[day < clock.days], day[day < clock.days]
    share = rng.uniform(*p.forward_share, len(week)) * scene.strength
    total = np.round(per_week[week] * share, 0)
    scene.rows(current, wallet, day, total, "ach", "wallet top-up", hours=MORNING)
    parts = np.ceil(total * 1.3 / p.remittance_cap).astype(np.int64)
    owner, drawn = split(rng, total, parts)
    piece = np.asarray(np.round(np.minimum(drawn, p.remittance_cap), 0), dtype=np.float64)
    k = len(owner)
    who = rng.integers(0, len(to.name), k)
    memo = scene.memos(REMIT_MEMOS, k)
    scene.rows(
        wallet,
        None,
        day[owner],
        piece,
        "remittance",
        memo,
        party=to.name[who],
        hours=AFTERNOON,
        counterparty_country=to.country[who],
    )


SCENARIO = Scenario(
    id=TYPOLOGY,
    kind="typology",
    crime="labour_trafficking",
    summary="Migrants owing smuggling fees open accounts within three weeks of arrival with a "
    "labour broker as authorised user; construction or farm employers pay 600-900 a week "
    "and the same day 50-70 % goes to the broker, who remits it by MSB to the smugglers.",
    indicators=(
        *("HT-LAB-01", "HT-LAB-02", "HT-LAB-05", "HT-LAB-07"),
        *("MS-03", "MS-06", "GEN-01", "GEN-02", "GEN-04", "GEO-01"),
    ),
    resembles=(),
    sources=("FIN23", "FIN20"),
    parameters=SmugglingDebt,
    build=build,
)
