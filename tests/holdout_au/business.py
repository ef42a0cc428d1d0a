"""Ordinary small and medium businesses: takings, suppliers, payroll, ATO and super."""

from __future__ import annotations

import numpy as np

from .ledger import seconds
from .spend import card, periodic
from .world import Org, World

SETTLERS = [
    "TYRO PAYMENTS SETTLEMENT",
    "SQUARE AUSTRALIA",
    "SCB MERCHANT SERVICES",
    "STRIPE PAYMENTS AUSTRALIA",
]
SUPPLIERS = {
    "5630": ["BIDFOOD AUSTRALIA", "VITTORIA COFFEE", "PAULS MILK DISTRIBUTOR"],
    "5610": ["PFD FOOD SERVICES", "BIDFOOD AUSTRALIA", "FLAVOUR CREATIONS"],
    "4711": ["METCASH TRADING", "CAMPBELLS WHOLESALE", "FRESH PRODUCE MARKETS"],
    "4330": ["REECE PLUMBING", "BORAL CONSTRUCTION MATERIALS", "TRADELINK", "BUNNINGS TRADE"],
    "8121": ["BUNZL CLEANING SUPPLIES", "KARCHER AUSTRALIA"],
    "9602": ["HAIRHOUSE WAREHOUSE", "SALON SUPPLIES AUSTRALIA"],
    "4923": ["AMPOL FLEET CARD", "TRUCKLINE PARTS", "TOLL ROADS LINKT"],
    "0123": ["ELDERS RURAL", "NUTRIEN AG SOLUTIONS", "IRRIGATION TRUST"],
}
RETAIL = {"5630", "5610", "4711", "9602", "4722", "4520"}
FIRST = ["Jack", "Mia", "Noah", "Priya", "Wei", "Lan", "Sione", "Ali", "Grace", "Tom", "Chloe"]
LAST = ["Brown", "Nguyen", "Singh", "Smith", "Chen", "Tupou", "Haddad", "Kelly", "Patel", "Ryan"]


def run(w: World) -> None:
    rng = w.rng("business")
    for o, acct in w.biz:
        one(w, rng, o, acct)


def one(
    w: World,
    rng: np.random.Generator,
    o: Org,
    acct: str,
    scale: float = 1.0,
    payroll: bool = True,
    daytime: bool = True,
) -> None:
    home, cash = o.home, float(getattr(o, "cash_share", 0.05))
    yearly = o.turnover * scale
    days = np.arange(w.days)
    if o.isic in RETAIL:
        trade = days[(days % 7) != 6]
        amt = yearly * (1 - cash) / 310 * np.exp(rng.normal(0, 0.25, trade.size))
        w.tx(
            trade.size,
            day=trade + 1,
            sec=seconds(rng, trade.size, "batch"),
            city=home,
            amount=np.round(amt, 2),
            channel="ach",
            dst=acct,
            cp_name=SETTLERS[o.key % len(SETTLERS)],
            desc="MERCHANT SETTLEMENT",
        )
    else:
        n = rng.poisson(0.6 * w.days)
        amt = yearly / (0.6 * 365) * np.exp(rng.normal(-0.1, 0.6, n))
        clients = np.array(
            [
                f"{w_} {s}"
                for w_ in ("HARBOUR", "MERIDIAN", "STATE", "NORTHSIDE")
                for s in ("PTY LTD", "GROUP", "COUNCIL")
            ],
            dtype=object,
        )
        w.tx(
            n,
            day=rng.integers(0, w.days, n),
            sec=seconds(rng, n, "office"),
            city=home,
            amount=np.round(amt, 2),
            channel="ach",
            dst=acct,
            cp_name=clients[rng.integers(0, clients.size, n)],
            desc=np.array([f"INV-{o.key:03d}{j:04d}" for j in range(n)], dtype=object),
        )
    if cash > 0:
        k, day = periodic(w, rng, 1, 7 / 3, jitter=0.4)
        amt = np.round(yearly * cash / 156 * np.exp(rng.normal(0, 0.3, k.size)), -1)
        w.tx(
            k.size,
            day=day,
            sec=seconds(rng, k.size, "office" if daytime else "evening"),
            city=home,
            amount=np.maximum(amt, 20),
            channel="cash",
            dst=acct,
            desc=np.where(rng.random(k.size) < 0.3, "BANK@POST DEPOSIT", "BRANCH DEPOSIT"),
        )
    sup = SUPPLIERS.get(o.isic, ["OFFICEWORKS BUSINESS", "XERO AUSTRALIA", "TELSTRA BUSINESS"])
    k, day = periodic(w, rng, len(sup), 7, jitter=1.0)
    w.tx(
        k.size,
        day=day,
        sec=seconds(rng, k.size, "office"),
        city=home,
        amount=np.round(yearly * 0.35 / 52 / len(sup) * np.exp(rng.normal(0, 0.3, k.size)), 2),
        channel="ach",
        src=acct,
        cp_name=np.array(sup, dtype=object)[k],
        desc=np.array([f"SUPPLIER {o.key}-{j}" for j in range(k.size)], dtype=object),
    )
    staff = max(o.employees, 1)
    wage = float(rng.uniform(1500, 2600))
    if payroll:
        ext = max(staff - 2, 0)
        k, day = periodic(w, rng, ext, 14, np.full(ext, 3.0))
        names = np.array(
            [f"{FIRST[(o.key + j) % 11]} {LAST[(o.key * 3 + j) % 10]}" for j in range(ext)],
            dtype=object,
        )
        w.tx(
            k.size,
            day=day,
            sec=seconds(rng, k.size, "batch"),
            city=home,
            amount=np.round(wage * rng.normal(1, 0.05, k.size), 2),
            channel="ach",
            src=acct,
            cp_name=names[k] if ext else "",
            desc="WAGES",
        )
        for due, label, share in (
            (25, "PAYG W", 0.2),
            (56, "PAYG W", 0.2),
            (86, "PAYG W", 0.2),
            (117, "PAYG W", 0.2),
            (63, "SUPER GUARANTEE", 0.7),
        ):
            if due < w.days:
                who = "AUSTRALIAN TAXATION OFFICE" if label == "PAYG W" else "BEAM SUPER CLEARING"
                w.tx(
                    1,
                    day=due,
                    sec=int(seconds(rng, 1, "office")[0]),
                    city=home,
                    amount=round(
                        staff * wage * share * 2.17 * (0.35 if label == "SUPER GUARANTEE" else 1), 2
                    ),
                    channel="other" if label == "PAYG W" else "ach",
                    src=acct,
                    cp_name=who,
                    cp_account="BPAY 75556" if label == "PAYG W" else "",
                    desc=f"{label} {o.key:05d}",
                )
    for due in (4, 63):
        if due < w.days:
            w.tx(
                1,
                day=due,
                sec=int(seconds(rng, 1, "office")[0]),
                city=home,
                amount=round(yearly * 0.022 * float(rng.uniform(0.8, 1.2)), 2),
                channel="other",
                src=acct,
                cp_name="AUSTRALIAN TAXATION OFFICE",
                cp_account="BPAY 75556",
                desc=f"BAS GST {o.key:05d}",
            )
    k, day = periodic(w, rng, 1, 30.4)
    w.tx(
        k.size,
        day=day,
        sec=seconds(rng, k.size, "batch"),
        city=home,
        amount=round(yearly * 0.05 / 12, 2),
        channel="ach",
        src=acct,
        cp_name=f"{['CHARTER HALL', 'VICINITY CENTRES', 'LOCAL PROPERTY'][o.key % 3]} TRUST",
        desc="COMMERCIAL RENT",
    )
    owner = getattr(o, "owner", None)
    if owner is not None:
        k, day = periodic(w, rng, 1, 14)
        w.tx(
            k.size,
            day=day,
            sec=seconds(rng, k.size, "online"),
            city=home,
            amount=round(float(rng.uniform(1200, 3500)), 0),
            channel="ach",
            src=acct,
            cp_name=f"{owner.first} {owner.last}".upper(),
            desc="DRAWINGS",
        )
    a, h = np.array([acct], dtype=object), np.array([home])
    for cat, rate in (("fuel", 0.1), ("hardware", 0.05), ("electronics", 0.02), ("online", 0.05)):
        card(w, rng, a, h, cat, rate * min(staff, 5) / 3, hours="office")
