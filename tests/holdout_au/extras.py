"""Ordinary users of rarer account types and services (wallets, prepaid, cheques, crypto)."""

from __future__ import annotations

import numpy as np

from .cast import wire_out
from .ledger import seconds
from .places import AUD_PER, COUNTRY_CCY
from .spend import card
from .travel import stay, trip
from .world import World

RELATIVES = ["MARIA", "JOSE", "NGUYEN VAN AN", "SUNITA", "AHMAD", "FATIMA", "LOSANA", "WEI"]


def run(w: World) -> None:
    rng = w.rng("extras")
    remit_wallets(w, rng)
    teen_cards(w, rng)
    odds_and_ends(w, rng)
    overseas(w, rng)


def remit_wallets(w: World, rng: np.random.Generator) -> None:
    """Migrant customers keep a Harbour Remit wallet, top it up from their bank and send home."""
    for a in w.pools["everyday"]:
        owner = w.accounts[a].owner
        nat = getattr(owner, "nationality", "AU")
        if nat in ("AU", "GB", "NZ", "IE", "IT", "GR") or rng.random() > 0.45:
            continue
        wal = w.account(owner, "HRM", "wallet", rng=rng)
        home = owner.home
        period = float(rng.choice([14.0, 30.4]))
        days = np.arange(int(rng.integers(0, 14)), w.days, period).astype(np.int64)
        amt = np.round(rng.uniform(150, 700, days.size), 0)
        w.tx(
            days.size,
            day=days,
            sec=seconds(rng, days.size, "evening"),
            city=home,
            amount=amt,
            channel="p2p",
            src=a,
            dst=wal,
            desc="HARBOUR REMIT TOP UP",
        )
        who = f"{RELATIVES[int(rng.integers(len(RELATIVES)))]} {owner.last.upper()}"
        for d, x in zip(days.tolist(), amt.tolist(), strict=True):
            wire_out(
                w,
                rng,
                None,
                wal,
                d + int(rng.integers(0, 2)),
                x * 0.98,
                who,
                nat,
                "family support",
                channel="remittance",
                bank="partner payout agent",
            )


def teen_cards(w: World, rng: np.random.Generator) -> None:
    """Parents load pocket money onto a teenager's prepaid card; travellers load travel cards."""
    parents = [a for a in w.pools["everyday"] if 35 <= _age(w, a) <= 55]
    chosen = rng.choice(len(parents), max(5, len(parents) // 30), replace=False)
    for i in sorted(chosen.tolist()):
        parent = w.accounts[parents[i]].owner
        kid = w.person(
            rng,
            home=parent.home,
            age=int(rng.integers(14, 18)),
            group=parent.group,
            last=parent.last,
            occupation="Student",
        )
        for attr in ("suburb", "unit", "number", "street", "stype"):
            setattr(kid, attr, getattr(parent, attr))
        pc = w.account(kid, "KOA", "prepaid_card", rng=rng)
        w.relate(pc, parent, "authorised_user")
        d = np.arange(int(rng.integers(0, 7)), w.days, 7)
        w.tx(
            d.size,
            day=d,
            sec=seconds(rng, d.size, "evening"),
            city=parent.home,
            amount=float(rng.choice([20, 30, 50, 80])),
            channel="p2p",
            src=parents[i],
            dst=pc,
            desc="pocket money",
        )
        a, h = np.array([pc], dtype=object), np.array([parent.home])
        for cat, rate in (
            ("takeaway", 0.25),
            ("games", 0.08),
            ("convenience", 0.15),
            ("transport", 0.2),
            ("online", 0.03),
        ):
            card(w, rng, a, h, cat, rate, mult=0.6)
    travellers = rng.choice(len(w.pools["everyday"]), max(3, len(w.pools["everyday"]) // 150))
    for i in sorted(set(travellers.tolist())):
        src = w.pools["everyday"][i]
        owner = w.accounts[src].owner
        tc = w.account(owner, w.accounts[src].inst, "prepaid_card", rng=rng)
        day = int(rng.integers(0, max(w.days - 10, 1)))
        w.tx(
            1,
            day=day,
            sec=40_000,
            city=owner.home,
            amount=float(rng.choice([500, 1000, 1500])),
            channel="internal",
            src=src,
            dst=tc,
            desc="TRAVEL CARD LOAD",
        )
        trip(w, rng, tc, owner.home, start=day + int(rng.integers(2, 9)))


def _age(w: World, acct: str) -> int:
    o = w.accounts[acct].owner
    b = getattr(o, "birth", None)
    return 2025 - b.year if b else 0


def odds_and_ends(w: World, rng: np.random.Generator) -> None:
    """Rarer lawful activity, so that no channel or merchant type is seen only in crime."""
    pool = w.pools["everyday"]
    n = len(pool)

    def some(share: float) -> list[str]:
        k = max(3, int(n * share))
        return [pool[i] for i in sorted(rng.choice(n, k, replace=False).tolist())]

    for a in some(0.03):  # crypto savers
        d = np.arange(int(rng.integers(0, 30)), w.days, 30.4).astype(np.int64)
        w.tx(
            d.size,
            day=d,
            sec=seconds(rng, d.size, "online"),
            city=w.accounts[a].home,
            amount=float(rng.choice([50, 100, 200, 500])),
            channel="crypto",
            src=a,
            cp_name="KANGACOIN EXCHANGE PTY LTD",
            cp_country="AU",
            desc="BUY ETH",
        )
    for a in some(0.04):  # cheques to clubs and charities, cheques received
        d = int(rng.integers(0, w.days))
        w.tx(
            1,
            day=d,
            sec=40_000,
            city=w.accounts[a].home,
            amount=float(rng.uniform(20, 400)),
            channel="cheque",
            src=a,
            cp_name=["ST VINCENT DE PAUL", "RSL BOWLS CLUB", "PARISH OF ST MARY"][d % 3],
            desc="CHQ 000" + str(d),
        )
        w.tx(
            1,
            day=min(d + 9, w.days - 1),
            sec=42_000,
            city=w.accounts[a].home,
            amount=float(rng.uniform(50, 900)),
            channel="cheque",
            dst=a,
            cp_name="NRMA INSURANCE",
            desc="CHEQUE DEPOSIT",
        )
    spa = some(0.06)
    card(w, rng, np.array(spa, dtype=object), _homes(w, spa), "massage", 0.02)
    for a in some(0.004):  # car purchases
        w.tx(
            1,
            day=int(rng.integers(0, w.days)),
            sec=45_000,
            city=w.accounts[a].home,
            amount=float(round(rng.uniform(2000, 12000), -2)),
            channel="card",
            src=a,
            merchant=["CARSALES DEALER DEPOSIT", "PRESTIGE MOTORS", "TOYOTA DEALER"][
                a.__len__() % 3
            ],
            mcc="5511",
            desc="DEPOSIT",
        )
    for a in some(0.012):  # visa renewals
        w.tx(
            1,
            day=int(rng.integers(0, w.days)),
            sec=50_000,
            city=w.accounts[a].home,
            amount=float(rng.choice([195, 715, 1715, 4115])),
            channel="card",
            src=a,
            merchant="IMMI ACCOUNT HOME AFFAIRS",
            mcc="9399",
            desc="VISA APPLICATION",
        )
    boats = [
        ("MARINA FUEL WHARF", "4468"),
        ("BCF BOATING CAMPING", "5551"),
        ("ANACONDA", "5941"),
        ("TELSTRA STORE", "4812"),
    ]
    for a in some(0.01):  # weekend boaties, fishers and outback travellers
        d = np.arange(int(rng.integers(0, 14)), w.days, 14)
        b = rng.integers(0, 4, d.size)
        w.tx(
            d.size,
            day=d,
            sec=seconds(rng, d.size, "day"),
            city=w.accounts[a].home,
            amount=np.round(rng.uniform(60, 900, d.size), 2),
            channel="card",
            src=a,
            merchant=np.array([x[0] for x in boats], dtype=object)[b],
            mcc=np.array([x[1] for x in boats], dtype=object)[b],
        )
    for a in some(0.1):  # a weekend away
        d = int(rng.integers(0, max(w.days - 3, 1)))
        where = int(rng.choice([c for c in range(16) if c != w.accounts[a].home]))
        stay(w, rng, a, where, d, int(rng.integers(1, 4)), float(rng.uniform(130, 320)))
    for a in some(0.03):  # money from family abroad
        o = w.accounts[a].owner
        nat = getattr(o, "nationality", "AU")
        ccy = COUNTRY_CCY.get(nat, "USD") if nat != "AU" else "USD"
        aud = float(rng.uniform(300, 5000))
        w.tx(
            1,
            day=int(rng.integers(0, w.days)),
            sec=30_000,
            city=o.home,
            amount=round(aud / AUD_PER[ccy], 2),
            ccy=ccy,
            channel="wire",
            dst=a,
            cp_name=f"{o.last.upper()} FAMILY",
            cp_country=nat if nat != "AU" else "US",
            desc="gift",
        )


def _homes(w: World, accts: list[str]) -> np.ndarray:
    return np.array([w.accounts[a].home for a in accts], dtype=np.int64)


OVERSEAS = [
    ("SHEIN.COM", "SG", "USD", "5691"),
    ("ALIEXPRESS.COM", "CN", "USD", "5999"),
    ("ETSY.COM", "US", "USD", "5999"),
    ("ASOS.COM", "GB", "GBP", "5691"),
    ("ZALANDO SE", "DE", "EUR", "5691"),
    ("BOOKING.COM", "NL", "EUR", "4722"),
    ("LUCKYWAVE CASINO", "MT", "EUR", "7995"),
    ("EMIRATES.COM", "AE", "AED", "4511"),
]


def overseas(w: World, rng: np.random.Generator) -> None:
    """Foreign online merchants, offshore brokers and exchanges, money sent abroad."""
    pool = np.array(w.pools["everyday"], dtype=object)
    ids = np.nonzero(rng.random(pool.size) < 0.15)[0]
    counts = rng.poisson(0.03 * w.days, ids.size)
    who = np.repeat(ids, counts)
    n = who.size
    m = rng.choice(len(OVERSEAS), n, p=[0.25, 0.2, 0.15, 0.12, 0.1, 0.1, 0.03, 0.05])
    ccy = np.array([o[2] for o in OVERSEAS], dtype=object)[m]
    aud = np.exp(rng.normal(np.log(60), 0.7, n))
    rate = np.array([AUD_PER[c] for c in ccy.tolist()])
    w.tx(
        n,
        day=rng.integers(0, w.days, n),
        sec=seconds(rng, n, "online"),
        city=_homes(w, pool[who].tolist()),
        amount=np.round(aud / rate, 2),
        ccy=ccy,
        channel="card",
        src=pool[who],
        merchant=np.array([o[0] for o in OVERSEAS], dtype=object)[m],
        mcc=np.array([o[3] for o in OVERSEAS], dtype=object)[m],
        cp_country=np.array([o[1] for o in OVERSEAS], dtype=object)[m],
    )
    for a in pool[rng.random(pool.size) < 0.006].tolist():
        d = np.sort(rng.integers(0, w.days, 3))
        venue = [
            ("AEGEAN FX MARKETS LTD", "CY", "wire"),
            ("OCEANIC DIGITAL EXCHANGE", "SC", "crypto"),
        ][len(a) % 2]
        amt = float(round(rng.uniform(500, 5000), -2))
        for k, day in enumerate(d.tolist()):
            w.tx(
                1,
                day=day,
                sec=int(seconds(rng, 1, "online")[0]),
                city=w.accounts[a].home,
                amount=amt if k < 2 else round(amt * rng.uniform(0.6, 1.4), 2),
                channel=venue[2],
                src=a if k < 2 else "",
                dst="" if k < 2 else a,
                cp_name=venue[0],
                cp_country=venue[1],
                desc="deposit" if k < 2 else "withdrawal",
            )
    for a in pool[rng.random(pool.size) < 0.015].tolist():
        o = w.accounts[a].owner
        nat = getattr(o, "nationality", "AU")
        wire_out(
            w,
            rng,
            None,
            a,
            int(rng.integers(0, w.days)),
            float(rng.uniform(1000, 15000)),
            f"{o.last.upper()} PROPERTY" if nat != "AU" else "UNIVERSITY OF AUCKLAND",
            nat if nat != "AU" else "NZ",
            "family" if nat != "AU" else "tuition",
        )
