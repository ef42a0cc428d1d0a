"""L20-L23: crypto hobbyists, gamers, flat treasurers, relatives repaid for travel."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import background, buyer_credits, salary
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import AU_CITIES
from tests.holdout_au.spend import card
from tests.holdout_au.world import World

from .base import instances, la


def l20_l23(w: World, rng: np.random.Generator) -> None:
    """Crypto hobbyists (L20), gamers/gift-card resellers (L21), flat bill-splitters (L22),
    relatives repaid for travel they fronted (L23)."""
    n = instances(w)
    for i in range(n):
        home = int(rng.choice(AU_CITIES[:10]))
        _, a = la(w, rng, "L20", home, ["KOA", "SCB"][i % 2], age=int(rng.integers(22, 45)))
        salary(w, rng, a, "ACCENTURE AUSTRALIA", float(rng.uniform(2800, 4200)))
        b = np.arange(4, w.days, 14)
        w.tx(
            b.size,
            day=b,
            sec=seconds(rng, b.size, "online"),
            city=home,
            amount=float(rng.choice([100, 200, 250, 500])),
            channel="crypto",
            src=a,
            cp_name="KANGACOIN EXCHANGE PTY LTD",
            cp_country="AU",
            desc="DCA BTC",
        )
        background(w, rng, [a], level=1.0)
        _, a = la(w, rng, "L21", home, "KOA", gender="male", age=int(rng.integers(17, 30)))
        card(w, rng, np.array([a]), np.array([home]), "games", 0.5)
        g = np.arange(0, w.days)[rng.random(w.days) < 0.15]
        w.tx(
            g.size,
            day=g,
            sec=seconds(rng, g.size, "evening"),
            city=home,
            amount=rng.choice([50.0, 100.0, 100.0, 200.0], g.size),
            channel="card",
            src=a,
            merchant="EB GAMES GIFT CARDS",
            mcc="6540",
        )
        s = np.arange(0, w.days)[rng.random(w.days) < 0.2]
        buyer_credits(
            w,
            rng,
            None,
            a,
            s,
            np.round(rng.uniform(40, 190, s.size), 0),
            ["steam card", "psn code", "gumtree", ""],
            0.8,
            hours="online",
            inside=0.2,
        )
        background(w, rng, [a], level=0.6)
        _, a = la(w, rng, "L22", home, ["SCB", "KOA", "WMU"][i % 3], age=int(rng.integers(20, 32)))
        mates = w.pools["everyday"][i * 7 % len(w.pools["everyday"]) :][:4]
        for j, m in enumerate(mates):
            d = np.arange(j, w.days, 14)
            w.tx(
                d.size,
                day=d,
                sec=seconds(rng, d.size, "evening"),
                city=home,
                amount=float(rng.choice([55, 60, 75, 420])),
                channel="p2p",
                src=m,
                dst=a,
                desc=["bills", "rent + internet", "power", "share"][j],
            )
        r = np.arange(1, w.days, 14)
        w.tx(
            r.size,
            day=r + 1,
            sec=40_000,
            city=home,
            amount=1680.0,
            channel="ach",
            src=a,
            cp_name="RAY WHITE TRUST",
            desc="RENT 4 BED HOUSE",
        )
        background(w, rng, [a], level=0.8)
        p, a = la(
            w,
            rng,
            "L23",
            home,
            ["SCB", "WMU"][i % 2],
            age=int(rng.integers(40, 65)),
            group="middle_east" if i % 2 else "pacific",
        )
        fam = np.sort(rng.choice(np.arange(w.days), int(rng.integers(3, 7)), replace=False))
        w.tx(
            fam.size,
            day=fam,
            sec=seconds(rng, fam.size, "evening"),
            city=home,
            amount=np.round(rng.uniform(100, 600, fam.size), 0),
            channel="p2p",
            dst=a,
            cp_name=f"{['SAMI', 'TEVITA', 'ALI', 'LOSANA'][i % 4]} {p.last.upper()}",
            desc=np.array(["for flights", "", "payback", "thanks aunty"], dtype=object)[
                np.arange(fam.size) % 4
            ],
        )
        background(w, rng, [a], level=1.0)
