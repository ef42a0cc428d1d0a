"""L1-L3: travelling professionals, lawful independent sex workers, touring bands."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import background, buyer_credits, salary
from tests.holdout_au.crimes.sexads import ads
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import AU_CITIES, city
from tests.holdout_au.spend import card
from tests.holdout_au.travel import airfare, stay
from tests.holdout_au.world import World

from .base import instances, la


def l1(w: World, rng: np.random.Generator) -> None:
    """Agency nurses, FIFO workers and sales reps on the road, paid and reimbursed by employers."""
    for i in range(instances(w)):
        home = city(["Perth", "Brisbane", "Sydney", "Melbourne", "Darwin"][i % 5])
        _, a = la(
            w,
            rng,
            "L1",
            home,
            ["SCB", "KOA", "TEB"][i % 3],
            gender=["female", "male"][i % 2],
            occupation=["Agency nurse", "FIFO electrician", "Sales representative"][i % 3],
        )
        emp = ["HEALTHSTAFF RECRUITMENT", "PILBARA MINING SERVICES", "MEDTECH SALES AUS"][i % 3]
        salary(w, rng, a, emp, float(rng.uniform(2600, 4200)))
        d = int(rng.integers(0, 5))
        while d < w.days:
            where = int(rng.choice(AU_CITIES[:16]))
            nights = int(rng.integers(2, 6))
            stay(w, rng, a, where, d, nights, float(rng.uniform(140, 260)))
            card(
                w,
                rng,
                np.array([a]),
                np.array([where]),
                "rideshare",
                1.0,
                lo=d,
                hi=d + nights,
                away=0.0,
            )
            card(
                w,
                rng,
                np.array([a]),
                np.array([where]),
                "takeaway",
                1.5,
                lo=d,
                hi=d + nights,
                away=0.0,
            )
            airfare(w, rng, a, d - 3, float(rng.uniform(180, 450)))
            d += nights + int(rng.integers(3, 12))
        r = np.arange(10, w.days, 14)
        w.tx(
            r.size,
            day=r,
            sec=seconds(rng, r.size, "batch"),
            city=home,
            amount=np.round(rng.uniform(300, 1400, r.size), 2),
            channel="ach",
            dst=a,
            cp_name=emp,
            desc="EXPENSE REIMBURSEMENT",
        )
        background(w, rng, [a], level=0.8)


def l2(w: World, rng: np.random.Generator) -> None:
    """Independent sex workers where lawful (NSW, VIC, NT): they keep and spend their income."""
    memos = ["booking", "thanks", "", "1hr", "xo", "deposit"]
    for i in range(instances(w)):
        home = city(["Sydney", "Melbourne", "Darwin", "Sydney", "Melbourne"][i % 5])
        p, a = la(
            w,
            rng,
            "L2",
            home,
            ["KOA", "SCB", "WMU"][i % 3],
            gender="female",
            age=int(rng.integers(22, 45)),
            occupation="Sole trader (adult services)",
        )
        _, sav = la(w, rng, "L2", home, w.accounts[a].inst, "savings", person=p)
        days = np.arange(w.days)[rng.random(w.days) < 0.55]
        day = np.repeat(days, rng.poisson(2.0, days.size))
        amt = np.array([200, 250, 300, 350, 400, 500, 600], dtype=float)[
            rng.integers(0, 7, day.size)
        ]
        buyer_credits(w, rng, None, a, day, amt, memos, 0.3, hours="evening")
        ads(w, rng, None, a, 0.3)
        for d in range(int(rng.integers(5, 25)), w.days, 30):
            stay(w, rng, a, int(rng.choice(AU_CITIES[:8])), d, 3, float(rng.uniform(160, 280)))
        k = np.arange(2, w.days, 7)
        w.tx(
            k.size,
            day=k,
            sec=seconds(rng, k.size, "online"),
            city=home,
            amount=650.0,
            channel="ach",
            src=a,
            cp_name="BELLE PROPERTY TRUST",
            desc="RENT",
        )
        w.tx(
            k.size,
            day=k + 1,
            sec=seconds(rng, k.size, "online"),
            city=home,
            amount=np.round(rng.uniform(300, 1200, k.size), 0),
            channel="internal",
            src=a,
            dst=sav,
            desc="tax & savings",
        )
        if w.days > 63:
            w.tx(
                1,
                day=63,
                sec=40_000,
                city=home,
                amount=float(round(rng.uniform(2e3, 5e3))),
                channel="other",
                src=sav,
                cp_name="AUSTRALIAN TAXATION OFFICE",
                cp_account="BPAY 75556",
                desc="BPAY 75556 INCOME TAX INSTALMENT",
            )
        for cat, rate in (
            ("restaurant", 0.2),
            ("clothing", 0.1),
            ("beauty", 0.1),
            ("lingerie", 0.06),
            ("rideshare", 0.3),
        ):
            card(w, rng, np.array([a]), np.array([home]), cat, rate)
        background(w, rng, [a], level=1.0)
        if i == 0:
            w.watch("phone", "0" + p.phone, "phone seen in an adult-services advertisement")


def l3(w: World, rng: np.random.Generator) -> None:
    """Touring bands: ticketing and merch payouts, van hire, hotels in a string of cities."""
    for i in range(instances(w)):
        home = city(["Melbourne", "Brisbane", "Sydney", "Adelaide", "Perth"][i % 5])
        _, a = la(w, rng, "L3", home, ["SCB", "KOA"][i % 2], occupation="Musician")
        d = int(rng.integers(0, 10))
        for stop in range(int(rng.integers(4, 8))):
            where = int(rng.choice(AU_CITIES[:12]))
            stay(w, rng, a, where, d + stop * 2, 2, float(rng.uniform(120, 220)), rooms=2)
            card(w, rng, np.array([a]), np.array([where]), "fuel", 0.8, lo=d, hi=d + 2, away=0)
        w.tx(
            1,
            day=d,
            sec=40_000,
            city=home,
            amount=float(round(rng.uniform(900, 1800), 2)),
            channel="card",
            src=a,
            merchant="EAST COAST CAR RENTALS",
            mcc="7512",
        )
        pay = np.arange(d + 3, w.days, 7)
        w.tx(
            pay.size,
            day=pay,
            sec=seconds(rng, pay.size, "batch"),
            city=home,
            amount=np.round(rng.uniform(400, 3500, pay.size), 2),
            channel="ach",
            dst=a,
            cp_name=np.array(["MOSHTIX PAYOUTS", "OZTIX PTY LTD", "BANDCAMP INC"], dtype=object)[
                pay % 3
            ],
            desc="PAYOUT",
        )
        background(w, rng, [a], level=0.8)
