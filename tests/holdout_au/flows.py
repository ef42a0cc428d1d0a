"""Household money flows for ordinary customers, vectorised over the whole population."""

from __future__ import annotations

import numpy as np

from .income import AGENTS, income
from .ledger import seconds
from .places import CITIES
from .spend import card, cash_atm, events, names_of, periodic
from .travel import trip
from .world import World

BASE = {
    "grocery": 0.28,
    "convenience": 0.06,
    "fuel": 0.08,
    "coffee": 0.22,
    "takeaway": 0.15,
    "delivery": 0.05,
    "restaurant": 0.05,
    "pub": 0.04,
    "transport": 0.2,
    "rideshare": 0.03,
    "pharmacy": 0.04,
    "department": 0.04,
    "hardware": 0.02,
    "electronics": 0.01,
    "online": 0.07,
    "clothing": 0.03,
    "liquor": 0.04,
    "parking": 0.03,
    "beauty": 0.015,
    "cinema": 0.01,
    "medical": 0.02,
    "games": 0.008,
    "telecom_topup": 0.006,
    "wholesale": 0.006,
}


MULT = {
    "pensioner": {
        "telecom_topup": 0.3,
        "coffee": 0.5,
        "transport": 0.3,
        "pub": 0.5,
        "pharmacy": 2.5,
        "medical": 3,
        "takeaway": 0.5,
        "delivery": 0.2,
        "online": 0.4,
        "games": 0,
        "fuel": 0.7,
    },
    "student": {
        "telecom_topup": 25,
        "coffee": 1.2,
        "takeaway": 1.6,
        "delivery": 1.5,
        "transport": 1.5,
        "fuel": 0.3,
        "hardware": 0.1,
        "games": 3,
        "liquor": 1.2,
        "restaurant": 0.6,
        "grocery": 0.7,
    },
    "hospo": {
        "convenience": 2,
        "delivery": 1.5,
        "rideshare": 1.8,
        "takeaway": 1.4,
        "telecom_topup": 20,
    },
    "tradie": {"fuel": 3, "hardware": 4, "coffee": 1.3, "takeaway": 1.5, "transport": 0.2},
    "parent": {
        "grocery": 1.5,
        "department": 1.8,
        "pharmacy": 1.5,
        "takeaway": 1.2,
        "wholesale": 3.0,
    },
    "jobseeker": {
        "restaurant": 0.3,
        "electronics": 0.3,
        "clothing": 0.5,
        "pub": 0.6,
        "telecom_topup": 25,
    },
}


P2P_MEMOS = [
    "dinner",
    "pizza",
    "bills",
    "petrol",
    "birthday gift",
    "footy tix",
    "thanks mate",
    "uber",
    "coffee",
    "",
    "",
    "",
    "groceries",
    "brunch",
    "concert",
    "loan",
    "BBQ",
    "power bill",
    "drinks",
    "gift",
    "🍕",
    "rent share",
]


SUBS = [
    ("NETFLIX.COM", "4899", 18.99),
    ("SPOTIFY P0", "5815", 13.99),
    ("STAN.COM.AU", "4899", 12.0),
    ("DISNEY PLUS", "4899", 13.99),
    ("AMAZON PRIME AU", "5968", 9.99),
    ("APPLE.COM/BILL", "5818", 4.49),
    ("BINGE", "4899", 10.0),
]


BILLS = [
    ("AGL ENERGY", "BPAY 23796", 90, (220, 650)),
    ("ORIGIN ENERGY", "BPAY 27706", 90, (200, 600)),
    ("SYDNEY WATER", "BPAY 35683", 90, (180, 320)),
    ("TELSTRA", "DD", 30.4, (55, 110)),
    ("AUSSIE BROADBAND", "DD", 30.4, (69, 99)),
    ("MEDIBANK PRIVATE", "DD", 30.4, (95, 260)),
    ("NRMA INSURANCE", "DD", 30.4, (60, 180)),
    ("ANYTIME FITNESS", "DD", 14, (30, 46)),
]


def run(w: World, pop: dict[str, np.ndarray]) -> None:
    rng = w.rng("flows")
    income(w, rng, pop)
    housing(w, rng, pop)
    spending(w, rng, pop)
    bills(w, rng, pop)
    moves(w, rng, pop)
    social(w, rng, pop)


def housing(w: World, rng: np.random.Generator, pop: dict[str, np.ndarray]) -> None:
    payer = np.where(pop["joint"] != "", pop["joint"], pop["acct"])
    renters = np.nonzero(pop["renter"].astype(bool) & (pop["persona"] != "student"))[0]
    landlords = np.nonzero(pop["persona"] == "landlord")[0]
    private = rng.random(renters.size) < 0.2
    k, day = periodic(w, rng, renters.size, 14, rng.integers(0, 14, renters.size))
    r = renters[k]
    weekly = rng.uniform(420, 760, renters.size)[k]
    ag = rng.integers(0, 6, renters.size)[k]
    city_up = np.array([c[0].upper() for c in CITIES], dtype=object)
    priv = private[k] & (landlords.size > 0)
    ll = (
        pop["acct"][
            landlords[
                rng.integers(0, max(landlords.size, 1), renters.size)[k] % max(landlords.size, 1)
            ]
        ]
        if landlords.size
        else np.full(k.size, "", dtype=object)
    )
    w.tx(
        k.size,
        day=day,
        sec=seconds(rng, k.size, "online"),
        city=pop["home"][r],
        amount=np.round(weekly * 2, 0),
        channel=np.where(priv, "p2p", "ach"),
        src=payer[r],
        dst=np.where(priv, ll, ""),
        cp_name=np.where(
            priv, "", np.array(AGENTS, dtype=object)[ag] + " " + city_up[pop["home"][r]] + " TRUST"
        ),
        desc=np.where(priv, "rent", np.char.add("RENT REF ", (r * 37 % 9000 + 1000).astype(str))),
        device=pop["dev"][r],
        ip=pop["ip"][r],
    )
    own = np.nonzero(pop["loan"] != "")[0]
    k, day = periodic(w, rng, own.size, 30.4, rng.integers(0, 30, own.size))
    w.tx(
        k.size,
        day=day,
        sec=seconds(rng, k.size, "batch"),
        city=pop["home"][own[k]],
        amount=np.round(rng.uniform(1800, 4200, own.size)[k], 2),
        channel="internal",
        src=payer[own[k]],
        dst=pop["loan"][own[k]],
        desc="HOME LOAN REPAYMENT",
    )


def spending(w: World, rng: np.random.Generator, pop: dict[str, np.ndarray]) -> None:
    per = pop["persona"]
    act = np.exp(rng.normal(-0.55, 0.45, per.size))
    has_cc = pop["cc"] != ""
    hospo = per == "hospo"
    for cat, base in BASE.items():
        rate = base * act * np.array([MULT.get(p, {}).get(cat, 1.0) for p in per])
        late = hospo & np.isin(cat, ["rideshare", "convenience", "takeaway"])
        for mask, src, share, hours in (
            (~has_cc & ~late, pop["acct"], 1.0, None),
            (has_cc & ~late, pop["acct"], 0.55, None),
            (has_cc & ~late, pop["cc"], 0.45, None),
            (late, pop["acct"], 1.0, "late"),
        ):
            ids = np.nonzero(mask)[0]
            if ids.size:
                card(w, rng, src[ids], pop["home"][ids], cat, rate[ids] * share, hours=hours)
    # subscriptions and gambling
    for name, mcc, price in SUBS:
        ids = np.nonzero(rng.random(per.size) < 0.25)[0]
        k, day = periodic(w, rng, ids.size, 30.4)
        w.tx(
            k.size,
            day=day,
            sec=seconds(rng, k.size, "batch"),
            city=pop["home"][ids[k]],
            amount=price,
            channel="card",
            src=pop["acct"][ids[k]],
            merchant=name,
            mcc=mcc,
        )
    ids = np.nonzero((rng.random(per.size) < 0.08) & (per != "student"))[0]
    card(w, rng, pop["acct"][ids], pop["home"][ids], "pub", 0.12, hours="evening")
    k, day = events(rng, ids.size, 0.15, 0, w.days)
    books = np.array(["SPORTSBET", "TAB.COM.AU", "LADBROKES AU", "POINTSBET"], dtype=object)
    w.tx(
        k.size,
        day=day,
        sec=seconds(rng, k.size, "evening"),
        city=pop["home"][ids[k]],
        amount=np.round(np.exp(rng.normal(np.log(40), 0.7, k.size)), 0),
        channel="card",
        src=pop["acct"][ids[k]],
        merchant=books[k % 4],
        mcc="7995",
    )


def bills(w: World, rng: np.random.Generator, pop: dict[str, np.ndarray]) -> None:
    payer = np.where(pop["joint"] != "", pop["joint"], pop["acct"])
    solo = (pop["persona"] != "student") | (rng.random(payer.size) < 0.3)
    for name, how, period, (lo, hi) in BILLS:
        ids = np.nonzero(solo & (rng.random(payer.size) < 0.4))[0]
        k, day = periodic(w, rng, ids.size, period)
        bpay = how.startswith("BPAY")
        ref = np.array(
            [
                f"{how} CRN {(int(i) * 104729) % 10**10:010d}"
                if bpay
                else f"DD {name} {(int(i) * 7919) % 10**7:07d}"
                for i in ids[k]
            ],
            dtype=object,
        )
        w.tx(
            k.size,
            day=day,
            sec=seconds(rng, k.size, "online" if bpay else "batch"),
            city=pop["home"][ids[k]],
            amount=np.round(rng.uniform(lo, hi, ids.size)[k], 2),
            channel="other" if bpay else "ach",
            src=payer[ids[k]],
            cp_name=name,
            cp_account=how if bpay else "",
            desc=ref,
        )


def moves(w: World, rng: np.random.Generator, pop: dict[str, np.ndarray]) -> None:
    """Own-account movements: savings sweeps, card repayments, cash."""
    for col, channel, memo in (
        ("save", "internal", "Transfer to savings"),
        ("save2", "p2p", "to my saver"),
        ("cc", "internal", "CARD REPAYMENT"),
    ):
        ids = np.nonzero(pop[col] != "")[0]
        k, day = periodic(w, rng, ids.size, 14 if col != "cc" else 30.4, jitter=1.0)
        amt = rng.uniform(100, 600, k.size) if col != "cc" else rng.uniform(300, 2200, k.size)
        w.tx(
            k.size,
            day=day,
            sec=seconds(rng, k.size, "online"),
            city=pop["home"][ids[k]],
            amount=np.round(amt, 0),
            channel=channel,
            src=pop["acct"][ids[k]],
            dst=pop[col][ids[k]],
            desc=memo,
            device=pop["dev"][ids[k]],
            ip=pop["ip"][ids[k]],
        )
    rate = np.where(
        pop["persona"] == "pensioner", 0.1, np.where(pop["persona"] == "hospo", 0.07, 0.035)
    )
    cash_atm(w, rng, pop["acct"], pop["home"], rate)
    ids = np.nonzero(rng.random(rate.size) < 0.05)[0]
    cash_atm(
        w,
        rng,
        pop["acct"][ids],
        pop["home"][ids],
        0.05,
        amounts=(100, 150, 200, 300, 500),
        deposit=True,
    )


def social(w: World, rng: np.random.Generator, pop: dict[str, np.ndarray]) -> None:
    """Friends paying each other by Osko/PayID; trips abroad; family money from abroad."""
    n = pop["acct"].size
    k, day = events(rng, n, 0.055, 0, w.days)
    by_city: dict[int, np.ndarray] = {}
    for c in np.unique(pop["home"]).tolist():
        by_city[c] = np.nonzero(pop["home"] == c)[0]
    tgt = np.array([by_city[c][rng.integers(by_city[c].size)] for c in pop["home"][k].tolist()])
    far = rng.random(k.size) < 0.25
    tgt[far] = rng.integers(0, n, far.sum())
    ok = tgt != k
    k, day, tgt = k[ok], day[ok], tgt[ok]
    amt = np.exp(rng.normal(np.log(45), 0.8, k.size))
    amt = np.where(rng.random(k.size) < 0.5, np.round(amt / 5) * 5, np.round(amt, 2))
    w.tx(
        k.size,
        day=day,
        sec=seconds(rng, k.size, "online"),
        city=pop["home"][k],
        amount=np.maximum(amt, 5),
        channel="p2p",
        src=pop["acct"][k],
        dst=pop["acct"][tgt],
        cp_name=names_of(w, pop["acct"][tgt]),
        desc=np.array(P2P_MEMOS, dtype=object)[rng.integers(0, len(P2P_MEMOS), k.size)],
        device=pop["dev"][k],
        ip=pop["ip"][k],
    )
    ids = np.nonzero(rng.random(n) < 0.06)[0]
    for i in ids.tolist():
        trip(w, rng, pop["acct"][i], int(pop["home"][i]))
