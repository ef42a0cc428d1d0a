"""Shared pieces of sexual-exploitation scenarios: prices, memos, ads, controller costs."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.ledger import seconds
from tests.holdout_au.spend import card
from tests.holdout_au.world import World

PRICES = np.array([150, 200, 200, 250, 250, 300, 350, 400, 450, 600], dtype=float)


MEMOS = [
    "Jade x",
    "booking",
    "1hr",
    "xoxo",
    "for tonight 💋",
    "Lily (VIP)",
    "outcall",
    "30min",
    "thanks babe",
    "Mia ❤",
    "GFE",
    "agency",
]


ADS = [
    ("LOCANTO PREMIUM", "7311", "AUD", "AU"),
    ("VELVETLIST.CO", "7311", "EUR", "NL"),
    ("NIGHTBOARD ADS", "5967", "AUD", "AU"),
    ("CLASSIFIEDS-INTL.COM", "7399", "USD", "US"),
]


def service_price(rng: np.random.Generator, n: int, s: float) -> np.ndarray:
    p = PRICES[rng.integers(0, PRICES.size, n)]
    odd = rng.random(n) < 0.6 * s  # subtle worlds: less regular prices
    return np.where(odd, np.round(p * rng.uniform(0.8, 1.25, n), 2), p)


def ads(
    w: World, rng: np.random.Generator, net: str | None, acct: str, rate: float, lo: int = 0
) -> None:
    idx = np.nonzero(rng.random(w.days - lo) < rate)[0] + lo
    n = idx.size
    pick = rng.integers(0, len(ADS), n)
    price = np.array([3, 5, 12, 24, 24, 49, 60], dtype=float)[rng.integers(0, 7, n)]
    ccy = np.array([a[2] for a in ADS], dtype=object)[pick]
    amt = np.where(ccy == "AUD", price, np.round(price * 0.62, 2))
    w.emit(
        net,
        n,
        day=idx,
        sec=seconds(rng, n, "online"),
        city=w.accounts[acct].home,
        amount=amt,
        ccy=ccy,
        channel="card",
        src=acct,
        merchant=np.array([a[0] for a in ADS], dtype=object)[pick],
        mcc=np.array([a[1] for a in ADS], dtype=object)[pick],
        cp_country=np.array([a[3] for a in ADS], dtype=object)[pick],
    )


def controller_costs(w: World, rng: np.random.Generator, net: str, acct: str, k: dict) -> None:
    a, h = np.array([acct], dtype=object), np.array([w.accounts[acct].home])
    sc = k["scale"]
    for cat, rate, hours in (
        ("rideshare", 0.7, "night"),
        ("delivery", 1.8, "evening"),
        ("lingerie", 0.12, None),
        ("pharmacy", 0.2, None),
        ("telecom_topup", 0.45, None),
    ):
        card(w, rng, a, h, cat, rate * sc, hours=hours, net=net, away=0.3)
    card(w, rng, a, h, "pub", 0.15 * sc, hours="late", net=net, mult=3.0)


def lifestyle(w: World, rng: np.random.Generator, net: str, acct: str, k: dict) -> None:
    home = w.accounts[acct].home
    w.crime(
        net,
        1,
        day=int(rng.integers(20, max(w.days - 5, 21))),
        sec=50_000,
        city=home,
        amount=float(round(rng.uniform(5000, 15000) * k["scale"], -2)),
        channel="card",
        src=acct,
        merchant="PRESTIGE MOTORS",
        mcc="5511",
        desc="DEPOSIT",
    )
    n = int(rng.poisson(w.days / 9))
    w.crime(
        net,
        n,
        day=rng.integers(0, w.days, n),
        sec=seconds(rng, n, "late"),
        city=home,
        amount=np.round(rng.uniform(80, 600, n), 0),
        ccy="EUR",
        channel="card",
        src=acct,
        merchant="ROYALSPIN CASINO",
        mcc="7995",
        cp_country="MT",
    )
    n = int(rng.poisson(w.days / 14))
    w.crime(
        net,
        n,
        day=rng.integers(0, w.days, n),
        sec=seconds(rng, n, "online"),
        city=home,
        amount=np.round(rng.uniform(300, 2000, n), 0),
        channel="crypto",
        src=acct,
        cp_name="KANGACOIN EXCHANGE PTY LTD",
        cp_country="AU",
        desc="BTC BUY",
    )
