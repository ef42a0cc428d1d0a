"""T11: a collector ("bottom") inside a ring (FT21).

Catalogue scenario T11: one woman, often a victim given a role, collects for 1-2 controllers
in a ring of 3-6 other women. Every week 20-60 men pay her by e-transfer in the evening and at
night, most with escort-like memos or an alias after an e-mail address (HT-SEX-11, HT-SEX-12).
The morning after each night, within 24 h of the payments, she forwards 60-90 % of the night's
takings to a controller and smaller sums to other women of the ring, who take the same kind of
payments and sweep them to a controller too (HT-SEX-13, HT-SEX-14); she has few living costs of
her own (ML-03). Her online banking is used from several devices, and one of them, the
controller's, also logs into others of the women's accounts: 3-6 in all (HT-SEX-19, GEN-02).

Subtlety (``strength`` = 1 - 0.6 x subtlety) moves it towards L22 (group treasurer) and L7
(savings-club organiser): fewer payments a week and fewer with escort memos, a smaller share
forwarded and up to two days later, and the controller's device on fewer of the transfers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import BoolArray, FloatArray, IntArray, StrArray, text_where
from tipflow.simulate.people import device_ids
from tipflow.simulate.population import Population
from tipflow.simulate.reference import names, places
from tipflow.simulate.routine import cash, lognormal
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.trafficking_helpers import (
    DAY_SECONDS,
    Scene,
    add_people,
    banks,
    open_accounts,
    other_bank,
)
from tipflow.simulate.world import World

TYPOLOGY = "sex_trafficking_ring_collector"
NIGHT_START, NIGHT_HOURS = 16, 14  # buyers pay from 16:00 to 06:00
NIGHT_WEIGHTS = np.array([1, 1, 2, 3, 3, 3, 3, 3, 2, 2, 2, 1, 1, 1], dtype=float)
MORNING = (NIGHT_START + NIGHT_HOURS - 24) * 3600  # when a night ends, seconds after midnight
ALIASES = ("Candy", "Mia", "Jade", "Roxy", "Lola", "Kiki", "Bella", "Nina", "Coco", "Tiffany")
ESCORT_MEMOS = (
    "{a} 1hr",
    "for {a}",
    "roses",
    "donation",
    "incall 1h",
    "outcall 2h",
    "{e} ({a})",  # FT16: an alias in brackets after an e-mail address
)
PLAIN_MEMOS = np.array(["", "thanks"], dtype=object)


class RingCollector(ScenarioParameters):
    """T11's shape; ranges are (low, high), amounts in the home currency."""

    women: tuple[int, int] = Field(default=(3, 6), description="women besides the collector")
    controllers: tuple[int, int] = Field(default=(1, 2), description="controllers of the ring")
    collector_credits_per_week: tuple[int, int] = Field(
        default=(20, 60), description="buyers' e-transfers to the collector each week"
    )
    women_credits_per_week: tuple[int, int] = Field(
        default=(8, 25), description="buyers' e-transfers to each other woman each week (ours)"
    )
    service_price: tuple[float, float] = Field(
        default=(200.0, 0.45), description="a buyer's payment: median, lognormal sigma (ours)"
    )
    escort_memo_share: float = Field(
        default=0.7, ge=0, le=1, description="of buyers' payments, with escort-like memos (ours)"
    )
    forward_share: tuple[float, float] = Field(
        default=(0.6, 0.9), description="of a night's takings, forwarded to a controller"
    )
    to_women_share: tuple[float, float] = Field(
        default=(0.3, 0.8), description="of what she keeps back, passed to other women (ours)"
    )
    forward_hours: tuple[float, float] = Field(
        default=(2.0, 8.0), description="after the night ends at 06:00, the forwards (ours)"
    )
    to_women_hours: tuple[float, float] = Field(
        default=(0.1, 1.5), description="after her forward to the controller (ours)"
    )
    main_controller_share: float = Field(
        default=0.75, ge=0, le=1, description="of forwards, to the first controller (ours)"
    )
    women_forward_share: tuple[float, float] = Field(
        default=(0.7, 0.95), description="of a night's takings, swept by the other women (ours)"
    )
    device_accounts: tuple[int, int] = Field(
        default=(3, 6), description="women's accounts the controller's device logs into"
    )
    login_devices: tuple[int, int] = Field(
        default=(2, 4), description="devices used on the collector's online banking"
    )
    active_share: float = Field(
        default=0.75, gt=0, le=1, description="of the period's weeks the ring works"
    )


@dataclass(frozen=True)
class Ring:
    collector: int
    women: IntArray
    controllers: IntArray
    own_device: StrArray  # per woman (the collector first): her own phone
    controlled: BoolArray  # per woman: the controller's device runs her banking
    boss_device: str
    logins: StrArray  # the devices on the collector's online banking


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    assert isinstance(parameters, RingCollector)
    for _ in range(count):
        _network(world, population, parameters)


def _network(world: World, population: Population, p: RingCollector) -> None:
    rng, home = world.rng, places()
    city = int(rng.choice(home.cities.indexes()))
    scene = Scene(world, world.new_network(TYPOLOGY, "sex_trafficking"), city)
    n, c = scene.count(p.women), int(rng.integers(p.controllers[0], p.controllers[1] + 1))
    since = [int(d) for d in -rng.integers(60, 1500, 3)]
    job = ("student", 9000.0)
    collector = add_people(world, 1, city, "US", "female", (20, 32), *job, since=since[0])
    women = add_people(world, n, city, "US", "female", (18, 28), *job, since=since[1])
    bosses = add_people(world, c, city, "US", "male", (24, 36), "cook", 33_000.0)
    bank = banks(world, 1)[0]
    own = open_accounts(world, collector.ids, bank, "current", since[0], city)
    accounts = open_accounts(world, women.ids, np.array(banks(world, n)), "current", since[1], city)
    boss_bank = np.array([other_bank(world, bank) for _ in range(c)])
    boss_accounts = open_accounts(world, bosses.ids, boss_bank, "current", since[2], city)

    # HT-SEX-19: the controller's device runs 3-6 of the women's banking, the collector's first.
    controlled = np.zeros(n + 1, dtype=bool)
    shared = min(n + 1, scene.count(p.device_accounts))
    controlled[np.concatenate([[0], 1 + rng.choice(n, shared - 1, replace=False)])] = True
    boss_device = str(device_ids(rng, 1)[0])
    logins = np.concatenate([[boss_device], device_ids(rng, scene.count(p.login_devices) - 1)])
    own_device = device_ids(rng, n + 1)
    ring = Ring(int(own[0]), accounts, boss_accounts, own_device, controlled, boss_device, logins)

    aliases = rng.choice(ALIASES, n + 1, replace=False)
    memos = np.array(
        [[t.format(a=a, e=f"{a.lower()}.vip@example.net") for t in ESCORT_MEMOS] for a in aliases],
        dtype=object,
    )
    weeks = _weeks(world, p.active_share)
    per_week = p.collector_credits_per_week
    _, night, amount = _takings(scene, population, p, own, memos[:1], weeks, per_week)
    _collect(scene, p, ring, night, amount)
    per_week = p.women_credits_per_week
    owner, night, amount = _takings(scene, population, p, accounts, memos[1:], weeks, per_week)
    _sweeps(scene, p, ring, owner, night, amount)

    scene.spend(own, 2.0, {"TELECOM": 1.0, "FOOD": 1.0}, scale=0.5)  # ML-03: little of her own
    scene.spend(accounts, 4.0, {"GROCERY": 1.0, "APPEARANCE": 1.0, "TELECOM": 1.0})
    groups = {"ADS": 3.0, "LUXURY": 1.0, "GAMBLING": 2.0, "FOOD": 3.0, "LOCAL_TRANSPORT": 2.0}
    scene.spend(boss_accounts, 25.0, groups)
    here, monthly = np.full(c, city), np.full(c, 4.0)
    cash(world, boss_accounts, here, monthly, (400.0, 0.4), deposit=False, tag=scene.tag)
    world.mark(own, scene.tag, "facilitator")
    world.mark(accounts, scene.tag, "victim")
    world.mark(boss_accounts, scene.tag, "controller")


def _weeks(world: World, active_share: float) -> IntArray:
    """The weeks of the period (from its first day) the ring works, each wholly inside it
    with the morning after its last night."""
    rng, whole = world.rng, (world.clock.days - 1) // 7
    if whole == 0:
        return np.zeros(0, dtype=np.int64)
    active = max(1, round(whole * active_share))
    first = int(rng.integers(0, whole - active + 1))
    return np.arange(first, first + active, dtype=np.int64)


def _takings(
    scene: Scene,
    population: Population,
    p: RingCollector,
    accounts: IntArray,
    memos: StrArray,
    weeks: IntArray,
    per_week: tuple[int, int],
) -> tuple[IntArray, IntArray, FloatArray]:
    """Men's e-transfers at night, ``per_week`` to each account every week; returns (account
    index, night, amount) per payment. ``memos``: each account's escort memos."""
    rng, strength = scene.rng, scene.strength
    n, k = len(accounts), len(weeks)
    counts = np.round(rng.integers(per_week[0], per_week[1] + 1, n * k) * strength)
    cell = np.repeat(np.arange(n * k), counts.astype(np.int64))
    owner, m = cell // k, len(cell)
    night = weeks[cell % k] * 7 + rng.integers(0, 7, m)
    hour = rng.choice(NIGHT_HOURS, m, p=NIGHT_WEIGHTS / NIGHT_WEIGHTS.sum())
    at = night * DAY_SECONDS + (NIGHT_START + hour) * 3600 + rng.integers(0, 3600, m)
    amount = np.round(lognormal(rng, p.service_price, m), -1).clip(60, 1000)
    insider = rng.random(m) < 0.2  # buyers who happen to bank in the dataset
    source = np.where(insider, rng.choice(population.persons.account, m), -1)
    group = names().group_of(places().home_country)
    given = rng.choice(np.array(group.male, dtype=object), m)
    buyer = given + " " + rng.choice(np.array(group.surnames, dtype=object), m)
    escort = rng.random(m) < p.escort_memo_share * strength
    template = rng.integers(0, len(ESCORT_MEMOS), m)
    memo = np.where(escort, memos[owner, template], rng.choice(PLAIN_MEMOS, m))
    scene.rows(
        source,
        accounts[owner],
        at // DAY_SECONDS,
        amount,
        "p2p",
        memo,
        party=text_where(~insider, buyer),
        seconds=at % DAY_SECONDS,
    )
    return owner, night, amount


def _mornings(scene: Scene, p: RingCollector, nights: IntArray) -> tuple[IntArray, BoolArray]:
    """When each night's takings move on: the next morning (later with subtlety), as seconds
    from the start, and whether that is still inside the period."""
    rng, strength = scene.rng, scene.strength
    extra = 80 * (1 - strength) * rng.random(len(nights))  # up to two days at subtlety 1
    delay = rng.uniform(*p.forward_hours, len(nights)) + extra
    at = (nights + 1) * DAY_SECONDS + MORNING + (delay * 3600).astype(np.int64)
    return at, at < scene.world.clock.days * DAY_SECONDS


def _to_controllers(
    scene: Scene, p: RingCollector, ring: Ring, person: IntArray, at: IntArray, amount: FloatArray
) -> None:
    """Forwards to a controller (mostly the first), from the controller's device where he
    runs the woman's banking (``person``: the woman, the collector being 0)."""
    rng, n = scene.rng, len(at)
    main = rng.random(n) < p.main_controller_share
    boss = ring.controllers[np.where(main, 0, rng.integers(0, len(ring.controllers), n))]
    payer = np.concatenate([[ring.collector], ring.women])[person]
    by_boss = ring.controlled[person] & (rng.random(n) < scene.strength)
    device = np.where(by_boss, ring.boss_device, ring.own_device[person])
    memo = scene.memos(("", "for you", "rent", "xo"), n)
    day, seconds = at // DAY_SECONDS, at % DAY_SECONDS
    scene.rows(payer, boss, day, amount, "p2p", memo, seconds=seconds, device_id=device)


def _collect(
    scene: Scene, p: RingCollector, ring: Ring, night: IntArray, amount: FloatArray
) -> None:
    """The morning after each night: 60-90 % to a controller, smaller sums to 1-2 women."""
    rng, strength = scene.rng, scene.strength
    nights, index = np.unique(night, return_inverse=True)
    total = np.bincount(index, amount, minlength=len(nights))
    at, inside = _mornings(scene, p, nights)
    share = rng.uniform(*p.forward_share, len(nights)) * (0.6 + 0.4 * strength)
    forward = np.round(total * share)
    person = np.zeros(int(inside.sum()), dtype=np.int64)
    _to_controllers(scene, p, ring, person, at[inside], forward[inside])

    give = ((total - forward) * rng.uniform(*p.to_women_share, len(nights)))[inside]
    n = len(ring.women)
    takers = rng.integers(1, min(2, n) + 1, len(give))
    owner = np.repeat(np.arange(len(give)), takers)
    step = np.arange(len(owner)) - np.repeat(np.cumsum(takers) - takers, takers)
    woman = (rng.integers(0, n, len(give))[owner] + step) % n
    weight = rng.uniform(0.3, 0.7, len(owner))
    weight = np.where(takers[owner] == 1, 1.0, np.where(step == 0, weight, 1 - weight))
    delay = rng.uniform(*p.to_women_hours, len(owner)) * 3600
    when = at[inside][owner] + delay.astype(np.int64)
    keep = when < scene.world.clock.days * DAY_SECONDS
    k = int(keep.sum())
    scene.rows(
        ring.collector,
        ring.women[woman[keep]],
        when[keep] // DAY_SECONDS,
        np.round(give[owner] * weight, 0)[keep],
        "p2p",
        scene.memos(("", "your share", "gas", "food"), k),
        seconds=when[keep] % DAY_SECONDS,
        device_id=rng.choice(ring.logins, k),
    )


def _sweeps(
    scene: Scene,
    p: RingCollector,
    ring: Ring,
    owner: IntArray,
    night: IntArray,
    amount: FloatArray,
) -> None:
    """The other women send most of each night's takings to a controller the next morning."""
    rng, strength = scene.rng, scene.strength
    span = scene.world.clock.days + 1
    cells, index = np.unique(owner * span + night, return_inverse=True)
    total = np.bincount(index, amount, minlength=len(cells))
    at, inside = _mornings(scene, p, cells % span)
    share = rng.uniform(*p.women_forward_share, len(cells)) * (0.6 + 0.4 * strength)
    person = 1 + cells // span
    forward = np.round(total * share)[inside]
    _to_controllers(scene, p, ring, person[inside], at[inside], forward)


SCENARIO = Scenario(
    id=TYPOLOGY,
    kind="typology",
    crime="sex_trafficking",
    summary="A collector takes 20-60 e-transfers a week from men, with escort memos, and within "
    "24 h forwards 60-90 % to a controller and smaller sums to 3-6 other women who take the "
    "same payments; the controller's device runs several of the women's accounts.",
    indicators=("HT-SEX-11", "HT-SEX-12", "HT-SEX-13", "HT-SEX-19", "ML-03", "GEN-02"),
    resembles=(),
    sources=("FT21", "FT16"),
    parameters=RingCollector,
    build=build,
)
