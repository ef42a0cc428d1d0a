"""L14: a small online seller living near the border.

Resembles T6 (MS-01, GEO-02), and through its advertising HT-SEX-01: a personal account in the
BORDER_ZONE credited by many individuals from all over the country, with frequent small ad
payments and wires to Mexico. What differs (catalogue 2.14): the credits are order-sized and
come with order references, most sales arrive as marketplace payouts on a fixed cycle, a few
orders are refunded, and the money goes out on what a shop needs: shipping, stock from
suppliers, ads and platform fees; no cash withdrawals near the border beyond everyday ones.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import IntArray, strings, text_where
from tipflow.simulate.clock import OFFICE_HOURS, hours_profile
from tipflow.simulate.people import add_persons
from tipflow.simulate.population import Population
from tipflow.simulate.reference import names, places
from tipflow.simulate.routine import card_purchases, lognormal, transfers
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.fresh_customers import (
    Customers,
    open_accounts_for,
    ordinary_life,
)
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import Tag, World

LOOKALIKE = "online_seller"
PLATFORMS = ("MarketHub Payouts", "CraftBazaar Settlements")
SHIPPERS = ("ParcelPoint Shipping", "ShipRight Postal Center")
#: Suppliers: (name, country, channel) - stock from across the border or from overseas.
SUPPLIERS = (
    ("Artesanias del Norte SA de CV", "MX", "wire"),
    ("Yiwu Bright Trading Co", "CN", "wire"),
    ("Pacific Craft Wholesale", "US", "ach"),
)
ORDER_HOURS = hours_profile((7, 24, 2), (0, 2, 1))


class OnlineSeller(ScenarioParameters):
    orders_per_month: tuple[float, float] = (90.0, 0.5)  # median, sigma across sellers
    order_value: tuple[float, float] = (38.0, 0.6)  # median, sigma per order
    direct_share: float = Field(default=0.35, ge=0, le=1)  # orders paid by P2P to the seller
    payout_days: int = Field(default=7, ge=1)  # the marketplace pays out on this cycle
    platform_fee: float = Field(default=0.12, ge=0, lt=1)
    stock_share: float = Field(default=0.45, ge=0, le=1)  # of sales spent on stock
    ads_per_month: float = Field(default=12.0, ge=0)
    refund_share: float = Field(default=0.03, ge=0, le=1)  # of direct orders refunded
    border_share: float = Field(default=0.8, ge=0, le=1)  # sellers living in the border zone


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    """``count`` fresh self-employed sellers, most in border-zone cities."""
    assert isinstance(parameters, OnlineSeller)
    rng, p = world.rng, parameters
    cities = places().cities
    border = np.array(cities.indexes(border=True) or cities.indexes())
    city = np.where(
        rng.random(count) < p.border_share,
        rng.choice(border, count),
        rng.integers(0, len(cities.name), count),
    ).astype(np.int64)
    orders = lognormal(rng, p.orders_per_month, count)
    income = np.asarray(orders * 12 * p.order_value[0] * 0.3, dtype=np.float64)  # declared profit
    people = add_persons(
        world,
        count,
        city=city,
        age=(22, 60),
        occupation=Categorical.constant("online retailer (self-employed)", count),
        income=income,
    )
    sellers = open_accounts_for(world, people, income, savings_share=0.3)
    sales = _orders(world, population, sellers, orders, p)
    _payouts(world, sellers, sales, p)
    _costs(world, sellers, sales, orders, p)
    ordinary_life(world, sellers)
    world.mark(sellers.accounts(), Tag(lookalike=LOOKALIKE), None)


def _orders(
    world: World, population: Population, sellers: Customers, per_month: np.ndarray, p: OnlineSeller
) -> np.ndarray:
    """Orders from buyers all over the country; direct ones arrive as P2P with a reference.

    Returns the marketplace sales per (seller, day), which the platform pays out later."""
    rng, clock = world.rng, world.clock
    n = len(sellers.account)
    counts = rng.poisson(per_month * clock.days / 30.4)
    seller = np.repeat(np.arange(n), counts)
    m = len(seller)
    day = clock.random_days(rng, m)
    value = np.round(lognormal(rng, p.order_value, m), 2) + rng.choice([0, 4.99, 7.5], m)
    direct = rng.random(m) < p.direct_share
    sales = np.zeros((n, clock.days))
    np.add.at(sales, (seller[~direct], day[~direct]), value[~direct])
    rows = np.flatnonzero(direct)
    k = len(rows)
    # A few buyers bank here too; the rest are outside names, from any city.
    insider = rng.random(k) < 0.15
    source = np.where(insider, rng.choice(population.persons.account, k), -1)
    buyer = _buyer_names(world, k)
    reference = np.char.add("order #", rng.integers(10000, 99999, k).astype(str)).astype(object)
    buyer_city = rng.integers(0, len(places().cities.name), k)
    transfers(
        world,
        source=source,
        target=sellers.account[seller[rows]],
        day=day[rows],
        seconds=clock.seconds_in_hours(rng, ORDER_HOURS, k),
        amount=value[rows],
        city=buyer_city,
        channel="p2p",
        counterparty_name=text_where(~insider, buyer),
        description=reference,
    )
    refund = np.flatnonzero(rng.random(k) < p.refund_share)
    transfers(
        world,
        source=sellers.account[seller[rows[refund]]],
        target=source[refund],
        day=np.minimum(day[rows[refund]] + rng.integers(1, 8, len(refund)), clock.days - 1),
        seconds=clock.seconds_in_hours(rng, OFFICE_HOURS, len(refund)),
        amount=value[rows[refund]],
        city=sellers.city[seller[rows[refund]]],
        channel="p2p",
        counterparty_name=text_where(~insider[refund], buyer[refund]),
        description=np.char.add("refund ", reference[refund].astype(str)).astype(object),
    )
    return sales


def _buyer_names(world: World, k: int) -> np.ndarray:
    rng, catalogue = world.rng, names()
    group = [catalogue.groups[g] for g in ("anglo", "hispanic")]
    pick = rng.integers(0, 2, k)
    given = np.where(
        pick == 0, rng.choice(group[0].female + group[0].male, k), rng.choice(group[1].female, k)
    )
    surname = np.where(
        pick == 0, rng.choice(group[0].surnames, k), rng.choice(group[1].surnames, k)
    )
    return np.char.add(np.char.add(given.astype(str), " "), surname.astype(str)).astype(object)


def _payouts(world: World, sellers: Customers, sales: np.ndarray, p: OnlineSeller) -> None:
    """Every ``payout_days`` the marketplace pays the sales since the last payout, less fees."""
    rng, clock = world.rng, world.clock
    n = len(sellers.account)
    phase = rng.integers(0, p.payout_days, n)
    entity, day = clock.periodic_days(phase, np.full(n, p.payout_days))
    cumulative = np.cumsum(sales, axis=1)
    owed = cumulative[entity, day] - np.where(
        day - p.payout_days >= 0, cumulative[entity, np.maximum(day - p.payout_days, 0)], 0.0
    )
    keep = np.flatnonzero(owed > 0)
    platform = rng.integers(0, len(PLATFORMS), n)[entity[keep]]
    transfers(
        world,
        source=None,
        target=sellers.account[entity[keep]],
        day=day[keep],
        seconds=clock.seconds_in_hours(rng, hours_profile((2, 7, 1)), len(keep)),
        amount=np.round(owed[keep] * (1 - p.platform_fee), 2),
        city=sellers.city[entity[keep]],
        channel="ach",
        counterparty_name=Categorical(platform, PLATFORMS),
        description=strings("seller payout", len(keep)),
    )


def _costs(
    world: World, sellers: Customers, sales: np.ndarray, orders: np.ndarray, p: OnlineSeller
) -> None:
    """Shipping three times a week (the parcels since the last drop-off), stock three times a
    month, and ads, all paid from the same account."""
    rng, clock = world.rng, world.clock
    n = len(sellers.account)
    monthly = sales.sum(axis=1) / (1 - p.direct_share) / max(clock.days / 30.4, 0.25)
    ships = np.repeat(np.arange(n), rng.poisson(3.0 * clock.days / 7, n))
    transfers(
        world,
        source=sellers.account[ships],
        target=None,
        day=clock.random_days(rng, len(ships)),
        seconds=clock.seconds_in_hours(rng, hours_profile((9, 18, 1)), len(ships)),
        amount=lognormal(rng, (8.5, 0.3), len(ships)) * np.maximum(1, orders[ships] / 13),
        city=sellers.city[ships],
        channel="card",
        merchant_name=Categorical(rng.integers(0, 2, len(ships)), SHIPPERS),
        merchant_category_code=Categorical.constant("4215", len(ships)),
    )
    buys = np.repeat(np.arange(n), rng.poisson(3.0 * clock.days / 30.4, n))
    supplier = rng.integers(0, len(SUPPLIERS), len(buys))
    amount = monthly[buys] * p.stock_share / 3 * rng.uniform(0.6, 1.4, len(buys))
    _stock(world, sellers, buys, supplier, np.round(np.maximum(amount, 50.0), 2))
    card_purchases(world, sellers.account, sellers.city, np.full(n, p.ads_per_month), {"ADS": 1.0})


def _stock(
    world: World, sellers: Customers, buys: IntArray, supplier: IntArray, amount: np.ndarray
) -> None:
    rng, clock = world.rng, world.clock
    for k, (name, country, channel) in enumerate(SUPPLIERS):
        rows = np.flatnonzero(supplier == k)
        transfers(
            world,
            source=sellers.account[buys[rows]],
            target=None,
            day=clock.random_days(rng, len(rows)),
            seconds=clock.seconds_in_hours(rng, OFFICE_HOURS, len(rows)),
            amount=amount[rows],
            city=sellers.city[buys[rows]],
            channel=channel,
            counterparty_name=strings(name, len(rows)),
            counterparty_country=strings(country, len(rows)),
            description=np.char.add(
                "invoice ", rng.integers(1000, 9999, len(rows)).astype(str)
            ).astype(object),
        )


SCENARIO = Scenario(
    id=LOOKALIKE,
    kind="lookalike",
    crime=None,
    summary="A self-employed online seller, mostly in the border zone: order-sized P2P from "
    "buyers everywhere, weekly marketplace payouts, shipping, stock from suppliers, ads.",
    indicators=("MS-01", "MS-03", "GEO-02", "HT-SEX-01", "HT-SEX-11", "ML-16"),
    resembles=("smuggling_border_funnel", "sex_trafficking_hotel_circuit"),
    sources=("FIN23", "FTA26", "FT16", "FIN20"),
    parameters=OnlineSeller,
    build=build,
)
