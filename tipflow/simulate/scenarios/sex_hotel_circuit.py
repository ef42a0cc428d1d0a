"""T1: a hotel circuit run by one controller with several victims (the "boyfriend" model).

Catalogue scenario T1 (FT16, FT21, AUS22, FIN20): victims' accounts opened the same week with
the controller as authorised user and his phone on file; nightly payments from many buyers;
the controller pays hotels along a circuit of cities, ads, rides and food; each victim forwards
almost everything to him the next morning; he spends on luxury, casinos at night and crypto.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import IntArray, strings, text_where
from tipflow.simulate.clock import NIGHT, hours_profile
from tipflow.simulate.people import add_persons, device_ids
from tipflow.simulate.population import Population, institution_choice
from tipflow.simulate.reference import names, places
from tipflow.simulate.routine import card_purchases, lognormal, transfers
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import Tag, World

TYPOLOGY = "sex_trafficking_hotel_circuit"


class HotelCircuit(ScenarioParameters):
    victims: tuple[int, int] = (2, 4)
    buyers_per_victim_day: tuple[float, float] = (3.0, 8.0)
    service_price: tuple[float, float] = (250.0, 0.45)  # median, lognormal sigma (AUS22: ~250)
    sweep_share: tuple[float, float] = (0.8, 1.0)
    circuit_cities: tuple[int, int] = (3, 5)
    active_share: float = Field(default=0.75, gt=0, le=1)  # of the period the ring operates
    watchlisted: float = Field(default=0.3, ge=0, le=1)  # chance the FIU shared the phone


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    assert isinstance(parameters, HotelCircuit)
    for _ in range(count):
        _network(world, population, parameters)


def _network(world: World, population: Population, p: HotelCircuit) -> None:
    rng, clock = world.rng, world.clock
    tag = world.new_network(TYPOLOGY, "sex_trafficking")
    intensity = 1.0 - 0.6 * world.config.subtlety
    n_victims = int(rng.integers(p.victims[0], p.victims[1] + 1))
    base = int(rng.choice(places().cities.indexes(border=False)))
    active = int(clock.days * p.active_share)
    first = int(rng.integers(0, clock.days - active + 1))
    days = (first, first + active - 1)

    controller = add_persons(
        world, 1, city=np.array([base]), gender=strings("male", 1), age=(24, 36)
    )
    victims = add_persons(
        world,
        n_victims,
        city=np.full(n_victims, base),
        gender=strings("female", n_victims),
        age=(18, 25),
        address=strings(
            str(controller.address[0]) if rng.random() < 0.5 else _shared_address(world), n_victims
        ),
        phone=text_where(rng.random(n_victims) < 0.5, str(controller.phone[0])),
        onboarded_days_before=(5, 60),
    )
    institutions = world.institution_ids
    home_bank = int(institution_choice(world, 1, allow_msb=False)[0])
    opened = clock.start - np.full(1, rng.integers(60, 400)).astype("timedelta64[D]")
    bank = Categorical.constant(institutions[home_bank], 1)
    boss = world.open_accounts(controller.ids, bank, Categorical.constant("current", 1), opened)
    boss_card = world.open_accounts(
        controller.ids, bank, Categorical.constant("prepaid_card", 1), opened
    )
    victim_bank = institution_choice(world, n_victims, allow_msb=False)
    week = clock.start - np.full(n_victims, rng.integers(5, 50)).astype("timedelta64[D]")
    victim_accounts = world.open_accounts(
        victims.ids,
        Categorical.choose(institutions, victim_bank),
        Categorical.constant("current", n_victims),
        week + rng.integers(0, 6, n_victims).astype("timedelta64[D]"),
    )
    world.link(victim_accounts, np.repeat(controller.ids, n_victims), "authorised_user")
    device = device_ids(rng, 1)[0]

    earnings = _buyers(world, population, victim_accounts, victims.city, p, intensity, days, tag)
    _sweeps(world, victim_accounts, earnings, boss[0], base, p, intensity, days, tag, device)
    _circuit(world, boss_card[0], base, p, days, tag)
    _controller_costs(world, boss, boss_card, base, days, tag, intensity)
    card_purchases(
        world,
        victim_accounts,
        victims.city,
        np.full(n_victims, 6.0),
        {"FOOD": 3, "APPEARANCE": 2, "TELECOM": 1},
        tag=tag,
        days=days,
    )

    world.mark(boss, tag, "controller")
    world.mark(boss_card, tag, "controller")
    world.mark(victim_accounts, tag, "victim")
    if rng.random() < p.watchlisted:
        entry = world.numbers("entry", 1)
        world.watchlist.append(
            entry=entry,
            kind=strings("phone", 1),
            value=controller.phone[:1],
            note=strings("phone in escort advertisements reported by police", 1),
        )


def _shared_address(world: World) -> str:
    rng = world.rng
    return f"{rng.integers(100, 999)} {rng.choice(names().streets)} Apt {rng.integers(1, 30)}"


def _buyers(
    world: World,
    population: Population,
    victims: IntArray,
    city: IntArray,
    p: HotelCircuit,
    intensity: float,
    days: tuple[int, int],
    tag: Tag,
) -> np.ndarray:
    """Payments from many buyers, mostly in the evening and at night; returns per (victim, day)."""
    rng, clock = world.rng, world.clock
    span = days[1] - days[0] + 1
    rate = rng.uniform(*p.buyers_per_victim_day, size=len(victims)) * intensity
    counts = rng.poisson(np.repeat(rate, span))
    victim = np.repeat(np.repeat(np.arange(len(victims)), span), counts)
    day = np.repeat(np.tile(np.arange(days[0], days[1] + 1), len(victims)), counts)
    n = len(victim)
    amount = np.round(lognormal(rng, p.service_price, n), -1).clip(60, 1200)
    persons = population.persons
    insider = rng.random(n) < 0.2  # buyers who happen to bank in the dataset
    source = np.where(insider, rng.choice(persons.account, n), -1)
    male = names().group_of(places().home_country).male
    surnames = names().group_of(places().home_country).surnames
    given = rng.choice(np.array(male, dtype=str), n)
    buyer = np.char.add(np.char.add(given, " "), rng.choice(np.array(surnames, dtype=str), n))
    buyer = buyer.astype(object)
    transfers(
        world,
        source=source,
        target=victims[victim],
        day=day,
        seconds=clock.seconds_in_hours(rng, hours_profile((18, 24, 7), (0, 4, 5), (10, 18, 3)), n),
        amount=amount,
        city=city[victim],
        channel="p2p",
        tag=tag,
        counterparty_name=text_where(~insider, buyer),
        description=Categorical.choose(
            ["", "thanks", "for tonight", "xoxo", "appt"], rng.integers(0, 5, n)
        ),
    )
    earned = np.zeros((len(victims), world.clock.days))
    np.add.at(earned, (victim, day), amount)
    return earned


def _sweeps(
    world: World,
    victims: IntArray,
    earned: np.ndarray,
    boss: int,
    base: int,
    p: HotelCircuit,
    intensity: float,
    days: tuple[int, int],
    tag: Tag,
    device: str,
) -> None:
    """Next morning each victim forwards most of the day's takings to the controller."""
    rng, clock = world.rng, world.clock
    victim, day = np.nonzero(earned[:, days[0] : days[1] + 1])
    day = day + days[0]
    keep = day + 1 < clock.days
    victim, day = victim[keep], day[keep]
    share = rng.uniform(*p.sweep_share, size=len(victim)) * (0.6 + 0.4 * intensity)
    n = len(victim)
    transfers(
        world,
        source=victims[victim],
        target=np.full(n, boss),
        day=day + 1,
        seconds=clock.seconds_in_hours(rng, hours_profile((7, 12, 1)), n),
        amount=np.round(earned[victim, day] * share, 0),
        city=np.full(n, base),
        channel="p2p",
        tag=tag,
        device_id=strings(device, n),
        description=Categorical.choose(["", "rent", "bills", "for us"], rng.integers(0, 4, n)),
    )


def _circuit(
    world: World, card: int, base: int, p: HotelCircuit, days: tuple[int, int], tag: Tag
) -> None:
    """Hotel stays every 2-4 days along a circuit of cities, back to base every few weeks."""
    rng, clock = world.rng, world.clock
    others = [c for c in range(len(places().cities.name)) if c != base]
    circuit = rng.choice(others, size=int(rng.integers(*p.circuit_cities)), replace=False)
    stay_days = np.arange(days[0], days[1] + 1, dtype=np.int64)[:: int(rng.integers(2, 5))]
    cities = np.resize(np.concatenate([circuit, [base]]), len(stay_days))
    nights = rng.integers(1, 4, len(stay_days))
    per_night = rng.uniform(90, 250, len(stay_days))
    amount = np.where(
        rng.random(len(stay_days)) < 0.3, np.round(per_night * nights, -1), per_night * nights
    )
    n = len(stay_days)
    hotels = ("Budget Inn", "Highway Motel", "StayWell Suites", "Comfort Lodge")
    transfers(
        world,
        source=np.full(n, card),
        target=None,
        day=stay_days,
        seconds=clock.seconds_in_hours(rng, hours_profile((14, 24, 1)), n),
        amount=amount,
        city=cities.astype(np.int64),
        channel="card",
        tag=tag,
        merchant_name=Categorical.choose(hotels, rng.integers(0, 4, n)),
        merchant_category_code=Categorical.constant("7011", n),
    )
    deposits = rng.random(n) < 0.5  # cash paid in near the hotel within two days (HT-SEX-10)
    rows = np.flatnonzero(deposits)
    transfers(
        world,
        source=None,
        target=np.full(len(rows), card),
        day=np.minimum(stay_days[rows] + rng.integers(0, 2, len(rows)), clock.days - 1),
        seconds=clock.seconds_in_hours(rng, NIGHT, len(rows)),
        amount=np.round(rng.uniform(200, 800, len(rows)), -1),
        city=cities[rows].astype(np.int64),
        channel="cash",
        tag=tag,
        description=Categorical.constant("ATM cash deposit", len(rows)),
    )


def _controller_costs(
    world: World,
    boss: IntArray,
    card: IntArray,
    base: int,
    days: tuple[int, int],
    tag: Tag,
    intensity: float,
) -> None:
    per_month = np.array([1.0]) * intensity
    card_purchases(world, card, np.array([base]), per_month * 14, {"ADS": 1.0}, tag=tag, days=days)
    card_purchases(
        world,
        card,
        np.array([base]),
        per_month * 25,
        {"LOCAL_TRANSPORT": 3.0, "FOOD": 4.0},
        tag=tag,
        days=days,
    )
    card_purchases(
        world,
        boss,
        np.array([base]),
        per_month * 4,
        {"LUXURY": 1.0, "GAMBLING": 3.0, "CRYPTO": 2.0},
        tag=tag,
        days=days,
    )


SCENARIO = Scenario(
    id=TYPOLOGY,
    kind="typology",
    crime="sex_trafficking",
    summary="A controller with 2-4 victims: buyers pay at night, victims sweep to him, "
    "he pays hotels along a circuit of cities, ads, rides and food.",
    indicators=(
        "HT-SEX-01",
        "HT-SEX-03",
        "HT-SEX-06",
        "HT-SEX-07",
        "HT-SEX-08",
        "HT-SEX-09",
        "HT-SEX-10",
        "HT-SEX-11",
        "HT-SEX-14",
        "HT-SEX-15",
        "HT-SEX-17",
        "HT-SEX-19",
        "HT-SEX-25",
        "ML-03",
        "ML-08",
        "GEN-02",
        "GEN-05",
        "GEO-03",
    ),
    resembles=(),
    sources=("FT16", "FT21", "AUS22", "FIN20"),
    parameters=HotelCircuit,
    build=build,
)
