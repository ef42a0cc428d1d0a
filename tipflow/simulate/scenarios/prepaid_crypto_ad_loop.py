"""T10: a prepaid-card and crypto advertising loop (FIN20 case; FT21).

Catalogue scenario T10: a controller with 1-3 victims, and an individual virtual-currency (VC)
broker who advertises his services on escort sites. Buyers pay the victims by P2P in the
evening and at night (HT-SEX-11); after every two or three payments a victim forwards them to
the controller within hours (HT-SEX-14). Two to four times a week he buys prepaid value with
cash at convenience stores in round sums of 200-500 and passes most of it card-to-card to a
victim's prepaid card, which has no loads of its own (HT-SEX-16). Within hours of several
e-transfers arriving he sends the broker 100-600 (HT-SEX-17), who buys the coins at an
exchange the same day (ML-12). The prepaid cards pay for ads on classified sites abroad and buy
crypto on a peer-to-peer exchange (HT-SEX-02, HT-SEX-17).

Subtlety (``strength`` = 1 - 0.6 x subtlety) moves it towards L20 (crypto hobbyist) and L21
(gift-card buyer): fewer victims and buyers, a smaller share forwarded and later, payments to
the broker up to two days after the credits, fewer cash loads and fewer of them round.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import IntArray, StrArray, strings, text_where
from tipflow.simulate.clock import hours_profile
from tipflow.simulate.people import add_persons, phone_numbers, street_addresses
from tipflow.simulate.population import Population
from tipflow.simulate.reference import names, places
from tipflow.simulate.routine import cash, lognormal
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.laundering_helpers import (
    everyday_life,
    occupations,
    other_institutions,
)
from tipflow.simulate.scenarios.trafficking_helpers import (
    DAY_SECONDS,
    Scene,
    add_people,
    banks,
    open_accounts,
    other_bank,
)
from tipflow.simulate.world import World

TYPOLOGY = "sex_trafficking_prepaid_crypto_ads"
BUYER_HOURS = hours_profile((18, 24, 7), (0, 4, 5), (12, 18, 2))
STORE_HOURS = hours_profile((8, 23, 1))
STORES = ("QuickStop Convenience", "Daily Deli Mart")
#: Classified sites abroad that take escort ads: (merchant name, country).
SITES = (("Nocturne Classifieds", "NL"), ("VelvetBoard Listings", "CY"), ("CityNights Ads", "CA"))
EXCHANGE, P2P_EXCHANGE = "CoinSwift Exchange", "LocalCoins P2P Market"
TO_BROKER = ("btc", "usdt", "coins", "")
Range = tuple[float, float]
Count = tuple[int, int]


class PrepaidCryptoAds(ScenarioParameters):
    """T10's shape; ranges are (low, high), amounts in the home currency; "ours" marks
    defaults of this project, the rest are the catalogue's."""

    victims: Count = Field((1, 3), description="victims of one controller")
    buyers_per_victim_day: Range = Field((2.0, 6.0), description="buyers' P2P payments (ours)")
    service_price: Range = Field((250.0, 0.45), description="median, lognormal sigma (AUS22)")
    payments_per_forward: Count = Field((2, 3), description="a victim gathers (ours)")
    forward_hours: Range = Field((0.5, 3.0), description="after the last gathered (ours)")
    forward_share: Range = Field((0.8, 1.0), description="of the gathered, to the controller")
    cash_loads_per_week: Count = Field((2, 4), description="prepaid value bought with cash")
    cash_load: tuple[float, ...] = Field((200.0, 300.0, 400.0, 500.0), description="sums bought")
    card_to_card_share: Range = Field((0.5, 1.0), description="of a load, to a victim (ours)")
    card_to_card_hours: Range = Field((0.5, 12.0), description="after the cash load (ours)")
    several: int = Field(3, ge=1, description="e-transfers in 12 h before he pays the broker")
    broker_payments_per_week: Range = Field((1.0, 3.0), description="the controller's (ours)")
    broker_payment: Range = Field((100.0, 600.0), description="each e-transfer to the broker")
    broker_hours: Range = Field((0.5, 6.0), description="after the several e-transfers (ours)")
    broker_clients_per_week: Range = Field((2.0, 6.0), description="other clients (ours)")
    broker_client_payment: Range = Field((100.0, 1500.0), description="each client's (ours)")
    broker_margin: Range = Field((0.03, 0.08), description="kept before buying coins (ours)")
    broker_ads_per_week: Range = Field((0.5, 1.5), description="his ads on escort sites (ours)")
    ads_per_week: Range = Field((2.0, 5.0), description="per prepaid card, sites abroad (ours)")
    ad_price: Range = Field((10.0, 60.0), description="each ad (FT16)")
    crypto_buys_per_week: Range = Field((0.5, 2.0), description="per prepaid card (ours)")
    crypto_buy: Range = Field((50.0, 250.0), description="each P2P-exchange buy (ours)")
    active_share: float = Field(0.75, gt=0, le=1, description="of the period the loop runs")
    broker_watchlisted: float = Field(0.3, ge=0, le=1, description="his phone shared by the FIU")


@dataclass(frozen=True)
class Loop:
    """One network's accounts and when it runs."""

    boss: int  # the controller's current account
    card: int  # the controller's prepaid card
    victims: IntArray  # the victims' current accounts
    cards: IntArray  # the victims' prepaid cards
    broker: int
    days: tuple[int, int]  # first and last day of activity


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    assert isinstance(parameters, PrepaidCryptoAds)
    for _ in range(count):
        _network(world, population, parameters)


def _network(world: World, population: Population, p: PrepaidCryptoAds) -> None:
    rng, clock, home = world.rng, world.clock, places()
    city = int(rng.choice(home.cities.indexes()))
    scene = Scene(world, world.new_network(TYPOLOGY, "sex_trafficking"), city)
    n = scene.count(p.victims)
    active = max(1, int(clock.days * p.active_share))
    first = 7 * int(rng.integers(0, (clock.days - active) // 7 + 1))  # weeks of the period
    since = -rng.integers(60, 900, 3)  # the controller's, the victims', the broker's accounts
    boss = add_people(world, 1, city, "US", "male", (22, 38), "cashier", 24_000.0)
    same = rng.random(n) < 0.5
    victims = add_people(
        world,
        n,
        city,
        "US",
        "female",
        (18, 25),
        "student",
        9000.0,
        since=int(since[1]),
        address=np.where(same, boss.address[0], street_addresses(rng, n)).astype(object),
        phone=np.where(
            rng.random(n) < 0.5, boss.phone[0], phone_numbers(world, np.full(n, city))
        ).astype(object),
    )
    job, income = occupations(world, 1, ("software developer", "sales representative"))
    broker = add_persons(
        world,
        1,
        city=np.array([city]),
        gender=strings("male", 1),
        age=(25, 45),
        occupation=job,
        income=income,
        onboarded_days_before=(-int(since[2]), -int(since[2]) + 1),
    )
    bank = banks(world, 1)[0]
    issuer = int(other_institutions(world, np.array([bank]))[0])  # the prepaid cards' issuer
    boss_account = open_accounts(world, boss.ids, bank, "current", int(since[0]), city)
    boss_card = open_accounts(world, boss.ids, issuer, "prepaid_card", int(since[0]), city)
    own = open_accounts(
        world, victims.ids, np.array(banks(world, n)), "current", int(since[1]), city
    )
    cards = open_accounts(world, victims.ids, issuer, "prepaid_card", int(since[1]), city)
    broker_account = open_accounts(
        world, broker.ids, other_bank(world, bank), "current", int(since[2]), city
    )
    loop = Loop(
        int(boss_account[0]),
        int(boss_card[0]),
        own,
        cards,
        int(broker_account[0]),
        (first, first + active - 1),
    )
    moment = _buyers_and_forwards(scene, population, p, loop)
    _broker(scene, p, loop, moment)
    _cash_loads(scene, p, loop)
    _prepaid_spending(scene, p, loop)
    everyday_life(world, broker_account, np.array([city]), income, scene.tag)
    here, weekly = np.array([city]), np.array([6.0])
    cash(world, boss_account, here, weekly, (300.0, 0.3), deposit=False, tag=scene.tag)
    scene.spend(boss_account, 20.0, {"FOOD": 3.0, "LOCAL_TRANSPORT": 2.0, "GAMBLING": 1.0})
    world.mark(np.concatenate([boss_account, boss_card]), scene.tag, "controller")
    world.mark(np.concatenate([own, cards]), scene.tag, "victim")
    world.mark(broker_account, scene.tag, "facilitator")
    if rng.random() < p.broker_watchlisted:
        world.watchlist.append(
            entry=world.numbers("entry", 1),
            kind=strings("phone", 1),
            value=broker.phone[:1],
            note=strings("phone in an escort-site ad offering bitcoin for cash", 1),
        )


def _buyers_and_forwards(
    scene: Scene, population: Population, p: PrepaidCryptoAds, loop: Loop
) -> IntArray:
    """Buyers pay the victims; every few payments a victim forwards them to the controller.
    Returns the moments (seconds from the start) the controller receives the forwards, sorted."""
    rng, clock, strength = scene.rng, scene.world.clock, scene.strength
    n, (first, last) = len(loop.victims), loop.days
    span = last - first + 1
    rate = rng.uniform(*p.buyers_per_victim_day, n) * strength
    counts = rng.poisson(np.repeat(rate, span))
    victim = np.repeat(np.repeat(np.arange(n), span), counts)
    day = np.repeat(np.tile(np.arange(first, last + 1), n), counts)
    m = len(victim)
    seconds = clock.seconds_in_hours(rng, BUYER_HOURS, m)
    amount = np.round(lognormal(rng, p.service_price, m), -1).clip(60, 1200)
    insider = rng.random(m) < 0.2  # buyers who happen to bank in the dataset
    source = np.where(insider, rng.choice(population.persons.account, m), -1)
    group = names().group_of(places().home_country)
    given = rng.choice(np.array(group.male, dtype=object), m)
    surname = rng.choice(np.array(group.surnames, dtype=object), m)
    buyer = text_where(~insider, given + " " + surname)
    memo = scene.memos(("", "thanks", "for tonight", "xo"), m)
    scene.rows(source, loop.victims[victim], day, amount, "p2p", memo, party=buyer, seconds=seconds)

    at = day * DAY_SECONDS + seconds
    order = np.lexsort((at, victim))
    victim, at, amount = victim[order], at[order], amount[order]
    rank = np.arange(m) - np.searchsorted(victim, victim)
    size = rng.integers(p.payments_per_forward[0], p.payments_per_forward[1] + 1, n)
    chunk, index = np.unique(victim * m + rank // size[victim], return_inverse=True)
    total = np.bincount(index, amount, minlength=len(chunk))
    latest = np.zeros(len(chunk), dtype=np.int64)
    np.maximum.at(latest, index, at)
    delay = rng.uniform(*p.forward_hours, len(chunk)) + 20 * (1 - strength) * rng.random(len(chunk))
    sent = latest + (delay * 3600).astype(np.int64)
    keep = sent < clock.days * DAY_SECONDS
    share = rng.uniform(*p.forward_share, len(chunk)) * (0.6 + 0.4 * strength)
    who = loop.victims[chunk // m][keep]
    sent = sent[keep]
    scene.rows(
        who,
        loop.boss,
        sent // DAY_SECONDS,
        np.round(total * share, 0)[keep],
        "p2p",
        scene.memos(("", "for you", "rent", "xo"), len(sent)),
        seconds=sent % DAY_SECONDS,
    )
    return np.sort(sent)


def _broker(scene: Scene, p: PrepaidCryptoAds, loop: Loop, received: IntArray) -> None:
    """Within hours of several e-transfers the controller pays the broker, who buys coins."""
    rng, clock, strength = scene.rng, scene.world.clock, scene.strength
    k = p.several - 1
    close = received[k:] - received[: max(len(received) - k, 0)] <= 12 * 3600
    anchors = received[k:][close]
    weeks = (loop.days[1] - loop.days[0] + 1) / 7
    chance = min(1.0, rng.uniform(*p.broker_payments_per_week) * weeks / max(len(anchors), 1))
    anchors = anchors[rng.random(len(anchors)) < chance]
    extra = 42 * (1 - strength) / 0.6  # up to two days at subtlety 1
    hours = rng.uniform(p.broker_hours[0], p.broker_hours[1] + extra, len(anchors))
    paid = anchors + (hours * 3600).astype(np.int64)
    amount = np.round(rng.uniform(*p.broker_payment, len(paid)), -1)
    # The broker's other clients, who pay him the same way.
    span = loop.days[1] - loop.days[0] + 1
    others = rng.poisson(rng.uniform(*p.broker_clients_per_week) * span / 7)
    other_at = (loop.days[0] + rng.integers(0, span, others)) * DAY_SECONDS
    other_at = other_at + scene.world.clock.seconds_in_hours(rng, STORE_HOURS, others)
    inflow = np.concatenate([paid, other_at])
    value = np.concatenate([amount, np.round(rng.uniform(*p.broker_client_payment, others), -1)])
    source = np.concatenate([np.full(len(paid), loop.boss), np.full(others, -1)])
    keep = inflow < clock.days * DAY_SECONDS
    inflow, value, source = inflow[keep], value[keep], source[keep]
    clients = text_where(source < 0, _names(rng, len(source)))
    scene.rows(
        source,
        loop.broker,
        inflow // DAY_SECONDS,
        value,
        "p2p",
        scene.memos(TO_BROKER, len(inflow)),
        party=clients,
        seconds=inflow % DAY_SECONDS,
    )
    cause = (inflow // DAY_SECONDS, inflow % DAY_SECONDS)
    coins = np.round(value * (1 - rng.uniform(*p.broker_margin, len(value))), 2)
    shop = {"merchant_name": EXCHANGE, "merchant_category_code": "6051"}
    scene.after(cause, (0.2, 4.0), loop.broker, None, coins, "crypto", "BTC purchase", **shop)
    _ads(scene, np.array([loop.broker]), p.broker_ads_per_week, p.ad_price, loop.days)


def _cash_loads(scene: Scene, p: PrepaidCryptoAds, loop: Loop) -> None:
    """Rounded prepaid value bought with cash 2-4 times a week, then card-to-card to a victim."""
    rng, strength = scene.rng, scene.strength
    first, last = loop.days
    weeks = (last - first + 1) // 7
    counts = rng.integers(p.cash_loads_per_week[0], p.cash_loads_per_week[1] + 1, weeks)
    week = np.repeat(np.arange(weeks), counts)
    day = first + week * 7 + rng.integers(0, 7, len(week))
    day = day[rng.random(len(day)) < 0.5 + 0.5 * strength]
    n = len(day)
    seconds = scene.world.clock.seconds_in_hours(rng, STORE_HOURS, n)
    round_sum = rng.choice(np.array(p.cash_load), n)
    odd = np.round(rng.uniform(0.75 * min(p.cash_load), max(p.cash_load), n), 2)
    amount = np.where(rng.random(n) < strength, round_sum, odd)
    store = scene.memos(STORES, n)
    scene.rows(
        None,
        loop.card,
        day,
        amount,
        "cash",
        "cash reload",
        seconds=seconds,
        merchant_name=store,
        merchant_category_code="6540",
    )
    passed = np.round(amount * rng.uniform(*p.card_to_card_share, n), -1)
    to = loop.cards[rng.integers(0, len(loop.cards), n)]
    hours = p.card_to_card_hours
    scene.after((day, seconds), hours, loop.card, to, passed, "p2p", "card to card transfer")


def _prepaid_spending(scene: Scene, p: PrepaidCryptoAds, loop: Loop) -> None:
    """The prepaid cards pay for ads abroad and buy crypto on a peer-to-peer exchange."""
    cards = np.concatenate([[loop.card], loop.cards])
    rate = (p.ads_per_week[0] * scene.strength, p.ads_per_week[1] * scene.strength)
    _ads(scene, cards, rate, p.ad_price, loop.days)
    rng, first, last = scene.rng, *loop.days
    weekly = rng.uniform(*p.crypto_buys_per_week, len(cards)) * scene.strength
    counts = rng.poisson(weekly * (last - first + 1) / 7)
    card = np.repeat(cards, counts)
    day = rng.integers(first, last + 1, len(card))
    buy = np.round(rng.uniform(*p.crypto_buy, len(card)), -1)
    scene.buy(card, day, buy, P2P_EXCHANGE, "6051", hours=STORE_HOURS)
    groups = {"TELECOM": 1.0}
    scene.spend(loop.cards, 4.0, groups, days=loop.days)  # prepaid phone top-ups


def _ads(
    scene: Scene,
    cards: IntArray,
    per_week: tuple[float, float],
    price: tuple[float, float],
    days: tuple[int, int],
) -> None:
    """Ads on classified sites domiciled abroad (HT-SEX-02), a few times a week per card."""
    rng, (first, last) = scene.rng, days
    counts = rng.poisson(rng.uniform(*per_week, len(cards)) * (last - first + 1) / 7)
    card = np.repeat(cards, counts)
    k = len(card)
    site = rng.integers(0, len(SITES), k)
    scene.buy(
        card,
        rng.integers(first, last + 1, k),
        np.round(rng.uniform(*price, k), 0),
        np.array([s for s, _ in SITES], dtype=object)[site],
        "7311",
        counterparty_country=np.array([c for _, c in SITES], dtype=object)[site],
        hours=hours_profile((0, 24, 1)),
    )


def _names(rng: np.random.Generator, n: int) -> StrArray:
    group = names().group_of(places().home_country)
    given = rng.choice(np.array(group.male + group.female, dtype=object), n)
    return np.asarray(given + " " + rng.choice(np.array(group.surnames, dtype=object), n))


SCENARIO = Scenario(
    id=TYPOLOGY,
    kind="typology",
    crime="sex_trafficking",
    summary="A controller with 1-3 victims: buyers pay the victims, who forward to him; he buys "
    "rounded prepaid value with cash 2-4 times a week and loads their prepaid cards, pays a "
    "crypto broker within hours of several e-transfers, and the cards buy ads abroad and coins.",
    indicators=("HT-SEX-02", "HT-SEX-11", "HT-SEX-14", "HT-SEX-16", "HT-SEX-17", "ML-12"),
    resembles=(),
    sources=("FIN20", "FT21"),
    parameters=PrepaidCryptoAds,
    build=build,
)
