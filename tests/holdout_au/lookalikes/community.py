"""L13-L16: family shops, online sellers up north, congregations, migration agents."""

from __future__ import annotations

import numpy as np

from tests.holdout_au import business
from tests.holdout_au.cast import background, buyer_credits, outsiders, salary
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import AU_CITIES, city
from tests.holdout_au.world import World

from .base import biz, instances, la

CHURCHES = ["St Thomas", "Bethel", "Al-Noor", "Sacred Heart", "Tongan Methodist"]


def l13(w: World, rng: np.random.Generator) -> None:
    """Family shop where relatives share a tablet and the owner's address; wages stay put."""
    for i in range((instances(w) + 2) // 3 + 1):
        home = int(rng.choice(AU_CITIES[:8]))
        grp = ["vietnamese", "chinese", "south_asian"][i % 3]
        o, b = biz(
            w,
            rng,
            "L13",
            f"{['Saigon', 'Lucky Star', 'Spice'][i % 3]} Family Bakery {i + 1}",
            "1071",
            home,
            employees=3,
        )
        business.one(w, rng, o, b, payroll=False)
        dev = f"and-{int(rng.integers(16**9)):09x}"
        owner = w.person(rng, home=home, group=grp, age=55)
        kw = {a: getattr(owner, a) for a in ("suburb", "unit", "number", "street", "stype", "last")}
        for _j in range(2):
            _, a = la(w, rng, "L13", home, "SCB", group=grp, age=int(rng.integers(20, 35)), **kw)
            salary(w, rng, a, "", 1400.0, src=b, desc="WAGES")
            k = np.arange(6, w.days, 14)
            w.tx(
                k.size,
                day=k,
                sec=seconds(rng, k.size, "evening"),
                city=home,
                amount=np.round(rng.uniform(50, 200, k.size), 0),
                channel="p2p",
                src=a,
                cp_name=f"{owner.first} {owner.last}".upper(),
                desc="family",
                device=dev,
            )
            background(w, rng, [a], level=1.0)


def l14(w: World, rng: np.random.Generator) -> None:
    """Online sellers in northern towns: many small buyers, platform payouts, postage, suppliers."""
    for i in range(instances(w)):
        home = city(["Darwin", "Broome", "Cairns", "Darwin", "Thursday Island"][i % 5])
        _, a = la(w, rng, "L14", home, ["TEB", "KOA"][i % 2], occupation="Online seller")
        n = int(rng.poisson(0.8 * w.days))
        day = rng.integers(0, w.days, n)
        buyer_credits(
            w,
            rng,
            None,
            a,
            day,
            np.round(rng.uniform(25, 180, n), 2),
            ["order", "invoice", "thanks", ""],
            0.7,
            hours="online",
            inside=0.1,
        )
        k = np.arange(2, w.days, 7)
        w.tx(
            k.size,
            day=k,
            sec=seconds(rng, k.size, "batch"),
            city=home,
            amount=np.round(rng.uniform(200, 1500, k.size), 2),
            channel="ach",
            dst=a,
            cp_name=["EBAY PAYOUTS", "SHOPIFY PAYMENTS", "ETSY IRELAND"][i % 3],
            desc="PAYOUT",
        )
        post = np.arange(0, w.days)[rng.random(w.days) < 0.5]
        w.tx(
            post.size,
            day=post,
            sec=seconds(rng, post.size, "shop"),
            city=home,
            amount=np.round(rng.uniform(12, 80, post.size), 2),
            channel="card",
            src=a,
            merchant=f"AUSTRALIA POST {home:03d}",
            mcc="9402",
        )
        sup = np.arange(5, w.days, 20)
        w.tx(
            sup.size,
            day=sup,
            sec=seconds(rng, sup.size, "online"),
            city=home,
            amount=np.round(rng.uniform(150, 900, sup.size), 2),
            ccy="USD",
            channel="card",
            src=a,
            merchant="ALIBABA.COM",
            mcc="5999",
            cp_country="CN",
        )
        background(w, rng, [a], level=0.8)


def l15_l16(w: World, rng: np.random.Generator) -> None:
    """Congregations collecting weekly (L15); registered migration agents (L16)."""
    for i in range(instances(w)):
        home = int(rng.choice(AU_CITIES[:8]))
        o, a = biz(
            w,
            rng,
            "L15",
            f"{CHURCHES[i % 5]} Community Church Inc",
            "9491",
            home,
            "WMU",
            employees=1,
            turnover=1.8e5,
        )
        sundays = np.arange(6, w.days, 7)
        for d in sundays.tolist():
            n = int(rng.integers(8, 25))
            names, _, _ = outsiders(rng, n, repeat=0.0)
            w.tx(
                n,
                day=np.full(n, d),
                sec=seconds(rng, n, "day"),
                city=home,
                amount=np.round(rng.choice([10, 20, 20, 50, 50, 100], n).astype(float), 0),
                channel="p2p",
                dst=a,
                cp_name=np.array([f"FAMILY {x}" for x in range(n)], dtype=object),
                desc="tithe",
            )
            w.tx(
                1,
                day=d + 1,
                sec=40_000,
                city=home,
                amount=float(round(rng.uniform(400, 1600), -1)),
                channel="cash",
                dst=a,
                desc="SUNDAY COLLECTION DEPOSIT",
            )
        business.one(w, rng, o, a, scale=0.2, payroll=False)
        o, a = biz(
            w,
            rng,
            "L16",
            f"Southern Migration Advisers {i + 1} Pty Ltd",
            "6910",
            int(rng.choice(AU_CITIES[:6])),
            employees=3,
        )
        n = int(rng.poisson(0.4 * w.days))
        names, accts, _banks = outsiders(rng, n, repeat=0.2)
        w.tx(
            n,
            day=rng.integers(0, w.days, n),
            sec=seconds(rng, n, "office"),
            city=o.home,
            amount=np.round(rng.uniform(800, 4400, n), 0),
            channel="ach",
            dst=a,
            cp_name=names,
            cp_account=accts,
            desc=np.array([f"INV MA{3000 + j} MARN 1795{i}" for j in range(n)], dtype=object),
        )
        v = np.arange(3, w.days, 6)
        w.tx(
            v.size,
            day=v,
            sec=40_000,
            city=o.home,
            amount=np.round(rng.choice([195, 715, 1715, 4640], v.size).astype(float), 0),
            channel="card",
            src=a,
            merchant="IMMI ACCOUNT HOME AFFAIRS",
            mcc="9399",
            desc="client visa fee",
        )
        business.one(w, rng, o, a, scale=0.5)
