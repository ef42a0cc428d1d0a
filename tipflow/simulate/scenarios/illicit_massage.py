"""T3: an illicit massage network, storefronts under separate companies run by one couple.

Catalogue scenario T3 (FT21 storefront model; POL; IMI): a couple from an HT_SOURCE country
owns 3-6 massage storefronts (ISIC 9609 or 9602) in 2-3 cities, each its own company, and a
restaurant or car-repair front. Buyers pay house fees by card, 25-50 % of it after 21:00,
settled each morning by acquirers and adult-site processors; cash is paid in most days at
branches across the cities (HT-SEX-21, 22). The storefronts buy groceries and household goods
weekly and rent apartments nearby, but pay no payroll or payroll tax (HT-SEX-23, 24; HT-LAB-03,
09). Weekly sweeps take most takings to the couple, the front or another storefront (ML-07, 16);
the husband runs money round a casino (ML-08); the wife wires family support or tuition home
each quarter (ML-15, GEO-01). The workers, women of 35-58 registered at the storefront, barely
bank; a group arriving in the period flew on tickets the wife bought (GEO-04, HT-LAB-07).

Subtlety (``intensity`` = 1 - 0.6 x subtlety) moves it towards L9 (lawful spa chain) and L10
(franchisee with family abroad): fewer storefronts; the late share (10-20 % at subtlety 1),
processors, sweeps (20-32 %), groceries, casino trips and wires all scale with intensity.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import FloatArray, IntArray, StrArray, strings
from tipflow.simulate.clock import EARLY_MORNING, hours_profile
from tipflow.simulate.people import street_addresses
from tipflow.simulate.population import Population
from tipflow.simulate.reference import places
from tipflow.simulate.routine import cash, lognormal
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.trafficking_helpers import (
    Scene,
    add_businesses,
    add_people,
    banks,
    open_accounts,
    other_bank,
    person_names,
)
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import World

TYPOLOGY = "sex_trafficking_illicit_massage"
SPA_WORDS = ("Lotus", "Jade", "Orchid", "Harmony", "Serenity", "Golden", "Bamboo", "Pearl")
SPA_KINDS = ("Spa", "Massage", "Wellness", "Foot Spa")
#: Who settles the card sales: the acquirer, or processors serving adult sites (HT-SEX-22).
SETTLERS = ("Merchant Services Settlement", "NightPay Processing", "VelvetPay Merchant Services")
CASINO, CASINO_CITY = "Silver Sands Casino Resort", "Las Vegas"
FRONTS = (("Noodle House", "5610"), ("Auto Care", "4520"))
FRONT_TURNOVER, SUPPLIER = 300_000.0, "Metro Food Distributors"
WIRE_MEMOS, LIVING, SETTLEMENT = ("family support", "tuition"), "living expenses", "card settlement"
LANDLORDS = ("Parkside Property Management", "Urban Living Rentals", "Metro Residential")
SWEEP_MEMOS = ("management fee", "loan repayment", "transfer", "consulting fee")
LATE, OPEN = hours_profile((21, 24, 3), (0, 2, 1)), hours_profile((10, 21, 1))
BRANCH = hours_profile((9, 17, 2), (21, 24, 1))  # at the counter, or the night-deposit ATM


class IllicitMassage(ScenarioParameters):
    storefronts: tuple[int, int] = (3, 6)
    cities: tuple[int, int] = (2, 3)
    industry_codes: tuple[str, ...] = ("9609", "9602")  # other personal services, beauty
    weekly_card_sales: tuple[float, float] = (1500.0, 6000.0)  # per storefront
    house_fee: tuple[float, float] = (60.0, 0.3)  # per visit: median, lognormal sigma (IMI)
    late_share: tuple[float, float] = (0.25, 0.5)  # of card volume after 21:00 (HT-SEX-21)
    processor_share: float = Field(default=0.3, ge=0, le=1)  # settlements via adult processors
    buyers_in_data: float = Field(default=0.2, ge=0, le=1)  # card buyers banking in the data
    cash_deposit: tuple[float, float] = (300.0, 2500.0)  # per storefront and day
    cash_days: float = Field(default=0.85, ge=0, le=1)  # share of days with a deposit
    apartment_rent: tuple[float, float] = (1200.0, 2200.0)  # monthly, 1-2 per storefront
    sweep_share: tuple[float, float] = (0.5, 0.8)  # of each week's takings
    casino_trips_per_month: float = Field(default=2.0, ge=0)
    casino_buy_in: tuple[float, float] = (3000.0, 9000.0)
    wire_abroad: tuple[float, float] = (5000.0, 30000.0)  # quarterly
    workers_per_site: tuple[int, int] = (3, 8)
    banked_worker_share: float = Field(default=0.4, ge=0, le=1)  # the rest have no account


@dataclass(frozen=True)
class Ring:
    """One network's companies and owners: what the steps need to know about them."""

    stores: IntArray  # the storefronts' business accounts
    city: IntArray  # each storefront's city
    names: list[str]  # the storefronts' trading names
    weekly: FloatArray  # each storefront's weekly card sales
    address: StrArray  # each storefront's address, where its workers are registered
    couple: IntArray  # the wife's and the husband's accounts
    front: int  # the front company's account
    origin: str
    payee_bank: IntArray  # the institution of each of the payees, in their order

    @property
    def payees(self) -> IntArray:
        """Where the weekly sweeps go: wife, husband, front company, then each storefront."""
        return np.concatenate([self.couple, [self.front], self.stores])


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    assert isinstance(parameters, IllicitMassage)
    for _ in range(count):
        _network(world, population, parameters)


def _network(world: World, population: Population, p: IllicitMassage) -> None:
    rng, home = world.rng, places()
    n_cities = int(rng.integers(*p.cities, endpoint=True))
    cities = rng.choice(home.cities.indexes(border=False), n_cities, replace=False)
    scene = Scene(world, world.new_network(TYPOLOGY, "sex_trafficking"), int(cities[0]))
    origin = str(rng.choice(home.countries_on("ht_source")))
    k = scene.count(p.storefronts)
    opened = -rng.integers(200, 3000, k + 2)  # the storefronts, the front, the couple
    who = (strings(["female", "male"]), (40, 62), "business owner", 95_000.0)
    since, at_home = int(opened[-1]), np.repeat(street_addresses(rng, 1), 2)
    couple = add_people(world, 2, scene.city, origin, *who, since=since, address=at_home)
    city = np.resize(cities, k)  # every city of the network has a storefront
    words = rng.choice(SPA_WORDS, k, replace=k > len(SPA_WORDS))
    names = [f"{w} {rng.choice(SPA_KINDS)} {rng.choice(['LLC', 'Inc'])}" for w in words]
    weekly = rng.uniform(*p.weekly_card_sales, k)
    isic, declared = str(rng.choice(p.industry_codes)), rng.integers(1, 3, k)
    stores, address, _ = add_businesses(world, names, isic, city, declared, weekly * 52, opened[:k])
    kind, front_isic = FRONTS[int(rng.integers(len(FRONTS)))]
    front_name = [f"{couple.surname[1]} {kind} LLC"]
    front, _, _ = add_businesses(
        world, front_name, front_isic, cities[:1], 4, FRONT_TURNOVER, opened[k : k + 1]
    )
    # Each company chose its own bank; the couple banks elsewhere than the first storefront.
    bank = np.array(banks(world, k + 1))
    couple_bank = other_bank(world, int(bank[0]))
    shops = open_accounts(world, stores, bank[:k], "business", opened[:k], city)
    front_account = open_accounts(world, front, int(bank[k]), "business", opened[k], scene.city)
    couples = open_accounts(world, couple.ids, couple_bank, "current", since, scene.city)
    companies = np.concatenate([shops, front_account])
    for owner, relation in ((0, "beneficial_owner"), (1, "beneficial_owner"), (0, "signatory")):
        world.link(companies, np.repeat(couple.ids[owner], k + 1), relation)  # HT-SEX-23
    payee_bank = np.concatenate([[couple_bank] * 2, bank[k:], bank[:k]])
    ring = Ring(
        shops, city, names, weekly, address, couples, int(front_account[0]), origin, payee_bank
    )
    _sweeps(scene, p, ring, _sales(scene, population, p, ring))
    _premises(scene, p, ring)
    _owners(scene, p, ring)
    workers = _workers(scene, p, ring)
    world.mark(couples, scene.tag, "controller")
    world.mark(companies, scene.tag, "front_business")
    world.mark(workers, scene.tag, "victim")


def _sales(scene: Scene, population: Population, p: IllicitMassage, ring: Ring) -> FloatArray:
    """Card visits, late at night; next-morning settlements; daily cash. Takings per day."""
    rng, clock, k = scene.rng, scene.world.clock, len(ring.stores)
    visits = rng.poisson(np.repeat(ring.weekly / 7 / p.house_fee[0], clock.days))
    store, v = np.repeat(np.repeat(np.arange(k), clock.days), visits), int(visits.sum())
    day = np.repeat(np.tile(np.arange(clock.days), k), visits)
    fee = np.round(lognormal(rng, p.house_fee, v) / 5) * 5 + 5
    late = rng.random(v) < rng.uniform(*p.late_share, k)[store] * scene.strength
    at_night, by_day = clock.seconds_in_hours(rng, LATE, v), clock.seconds_in_hours(rng, OPEN, v)
    seconds = np.where(late, at_night, by_day)
    # HT-SEX-21 as the buyers' own banks see it: card debits at the storefront, at night.
    # They are ordinary customers' payments, not the network's: untagged (the network's side
    # of the same money is the tagged settlement below).
    seen = np.flatnonzero(rng.random(v) < p.buyers_in_data)
    buyer, at = rng.choice(population.persons.account, len(seen)), store[seen]
    merchant, where = Categorical.choose(ring.names, at), ring.city[at]
    scene.buy(
        buyer,
        day[seen],
        fee[seen],
        merchant,
        "7297",
        seconds=seconds[seen],
        city=where,
        tagged=False,
    )
    sales = np.zeros((k, clock.days))
    np.add.at(sales, (store, day), fee)
    # Settled the next morning by the acquirer, or by a processor serving adult sites.
    s, d = np.nonzero(sales[:, :-1])
    processor = rng.random(len(s)) < p.processor_share * scene.strength
    settler = np.where(processor, rng.integers(1, len(SETTLERS), len(s)), 0)
    party, settled = Categorical.choose(SETTLERS, settler), sales[s, d] * 0.975
    to, where = ring.stores[s], ring.city[s]
    scene.rows(
        None, to, d + 1, settled, "ach", SETTLEMENT, party=party, hours=EARLY_MORNING, city=where
    )
    # Cash paid in most days, at branches across the network's cities.
    s, d = np.nonzero(rng.random((k, clock.days)) < p.cash_days)
    cash = np.round(rng.uniform(*p.cash_deposit, len(s)), -1)
    where = np.where(rng.random(len(s)) < 0.6, ring.city[s], rng.choice(ring.city, len(s)))
    scene.rows(
        None, ring.stores[s], d, cash, "cash", "branch cash deposit", hours=BRANCH, city=where
    )
    np.add.at(sales, (s, d), cash)
    return sales


def _sweeps(scene: Scene, p: IllicitMassage, ring: Ring, takings: FloatArray) -> None:
    """Each week most takings go to the couple, the front or the next storefront (ML-07, 16)."""
    rng, k = scene.rng, len(ring.stores)
    weeks = np.arange(int(rng.integers(7, 14)), scene.world.clock.days, 7)
    store, week = np.repeat(np.arange(k), len(weeks)), np.tile(weeks, k)
    taken = np.add.reduceat(takings, np.concatenate([[0], weeks]), axis=1)[:, :-1].ravel()
    amount = np.round(taken * rng.uniform(*p.sweep_share, len(store)) * scene.strength, -1)
    payee = rng.choice(4, len(store), p=[0.35, 0.2, 0.3, 0.15] if k > 1 else [0.4, 0.25, 0.35, 0])
    payee = np.where(payee == 3, 3 + (store + 1) % k, payee)
    bank = ring.payee_bank
    channel = Categorical.choose(("internal", "ach"), bank[payee] != bank[3 + store])
    memo = scene.memos(SWEEP_MEMOS, len(store))
    scene.rows(ring.stores[store], ring.payees[payee], week, amount, channel, memo)


def _premises(scene: Scene, p: IllicitMassage, ring: Ring) -> None:
    """Groceries and household goods every week, the workers' apartments, the premises."""
    rng, k = scene.rng, len(ring.stores)
    groups = {"GROCERY": 3.0, "RETAIL": 1.0}  # HT-LAB-09: people live on site
    scene.spend(ring.stores, 4.3 * scene.strength, groups, scale=2.5, cities=ring.city)
    flat = np.repeat(np.arange(k), rng.integers(1, 3, k))  # HT-SEX-24: 1-2 apartments each
    memo = strings([f"rent {a}" for a in street_addresses(rng, len(flat))])
    landlord = Categorical.choose(LANDLORDS, rng.integers(0, len(LANDLORDS), len(flat)))
    rent = np.round(rng.uniform(*p.apartment_rent, len(flat)), -1)
    scene.every(
        30, ring.stores[flat], None, rent, "ach", memo, party=landlord, city=ring.city[flat]
    )
    premises, lessor = np.round(ring.weekly * 52 * 0.08 / 12, -1), "Commerce Park Leasing"
    scene.every(
        30, ring.stores, None, premises, "ach", "commercial rent", party=lessor, city=ring.city
    )


def _owners(scene: Scene, p: IllicitMassage, ring: Ring) -> None:
    """The couple's life, the front company, the casino (ML-08) and wires home (ML-15)."""
    rng, clock, front = scene.rng, scene.world.clock, ring.front
    wife, husband = int(ring.couple[0]), int(ring.couple[1])
    scene.spend(ring.couple, 25.0, scene.world.config.behaviour.card_groups, scale=1.5)
    sales, supplies = FRONT_TURNOVER / 365, FRONT_TURNOVER * 0.35 / 52
    scene.every(
        1, None, front, sales, "ach", SETTLEMENT, party=SETTLERS[0], jitter=0.3, hours=EARLY_MORNING
    )
    scene.every(7, front, None, supplies, "ach", "supplier invoice", party=SUPPLIER, jitter=0.3)
    draw = ring.weekly.sum() * 4.3 * 0.15 * scene.strength
    scene.every(30, front, wife, draw, "ach", "owner draw", jitter=0.2)
    # Buy-ins at a casino come back days later as "winnings" from the player account.
    trips = rng.poisson(p.casino_trips_per_month * clock.days / 30.4 * scene.strength)
    day = clock.random_days(rng, trips, 0, clock.days - 6)
    buy_in = np.round(rng.uniform(*p.casino_buy_in, trips), -2)
    casino = replace(scene, city=places().cities.name.index(CASINO_CITY))
    casino.rows(husband, None, day, buy_in, "ach", "player account deposit", party=CASINO)
    back, later = buy_in * rng.uniform(0.8, 1.0, trips), day + rng.integers(1, 6, trips)
    casino.rows(None, husband, later, back, "ach", "player account withdrawal", party=CASINO)
    # Quarterly wires home, sometimes answered by "living expenses" from there (ML-15).
    relative, memo = str(person_names(rng, ring.origin, 1)[0]), str(rng.choice(WIRE_MEMOS))
    sent, home = rng.uniform(*p.wire_abroad) * scene.strength, ring.origin
    scene.every(91, wife, None, sent, "wire", memo, party=relative, counterparty_country=home)
    if rng.random() < 0.5:
        sent = rng.uniform(3000, 12000)
        scene.every(91, None, wife, sent, "wire", LIVING, party=relative, counterparty_country=home)


def _workers(scene: Scene, p: IllicitMassage, ring: Ring) -> IntArray:
    """The few workers with an account, registered at their storefront (HT-LAB-07); a group
    arriving during the period had its airfares bought by the wife (GEO-04)."""
    world, rng, k, days = scene.world, scene.rng, len(ring.stores), scene.world.clock.days
    headcount = rng.integers(*p.workers_per_site, k, endpoint=True)
    site = np.repeat(np.arange(k), np.maximum(1, rng.binomial(headcount, p.banked_worker_share)))
    new = rng.random(len(site)) < 0.3
    arrival = int(rng.integers(10, max(11, days - 5)))
    tickets = np.full(int(new.sum()), max(0, arrival - int(rng.integers(5, 20))))
    fares = lognormal(rng, (900.0, 0.25), len(tickets))
    scene.buy(int(ring.couple[0]), tickets, fares, "SkyJet Airlines", "4511")
    settled = (~new, -rng.integers(30, 200, len(site)), (-700, -200))
    arriving = (new, np.full(len(site), arrival), (arrival, arrival))
    accounts, who = [], ("female", (35, 58), "massage therapist", 18_000.0)
    city, bank = ring.city[site], ring.payee_bank[3 + site]
    for group, opened, since in (settled, arriving):
        if not group.any():
            continue
        at, first, where = site[group], opened[group], city[group]
        workers = add_people(
            world, len(at), where, ring.origin, *who, address=ring.address[at], since=since
        )
        account = open_accounts(world, workers.ids, bank[group], "current", first, where)
        active, small = (max(0, int(first.min())), days - 1), (150.0, 0.5)
        cash(
            world, account, where, np.ones(len(at)), small, deposit=True, tag=scene.tag, days=active
        )
        scene.spend(account, 1.0, {"TELECOM": 1.0}, cities=where, days=active)
        accounts.append(account)
    return np.concatenate(accounts)


SCENARIO = Scenario(
    id=TYPOLOGY,
    kind="typology",
    crime="sex_trafficking",
    summary="An owner couple behind 3-6 massage storefronts in 2-3 cities: late-night card "
    "sales, processor settlements and daily cash, groceries and apartments but no payroll, "
    "weekly sweeps to the couple and a front company, casino round trips, wires home.",
    indicators=(
        *(f"HT-SEX-{k}" for k in (21, 22, 23, 24)),
        *(f"HT-LAB-{k:02d}" for k in (3, 7, 9)),
        *(f"ML-{k:02d}" for k in (7, 8, 15, 16)),
        *("GEN-02", "GEO-01", "GEO-04"),
    ),
    resembles=(),
    sources=("FT21", "FT16", "POL", "IMI", "FIN20"),
    parameters=IllicitMassage,
    build=build,
)
