"""T3: an owner couple behind several massage storefronts with workers living on site."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import actor, background, knobs, wire_out
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import city
from tests.holdout_au.spend import card
from tests.holdout_au.travel import airfare
from tests.holdout_au.world import World


def t3(w: World, rng: np.random.Generator, net: str) -> None:
    """An owner couple behind several massage storefronts with workers living on site."""
    k = knobs(w)
    w.network(net, "T3", "sex_trafficking")
    cities = [
        city(c)
        for c in (["Melbourne", "Geelong"], ["Sydney", "Wollongong"], ["Adelaide", "Perth"])[
            int(rng.integers(3))
        ]
    ]
    husband, h_acct = actor(
        w,
        rng,
        net,
        "controller",
        "SCB",
        cities[0],
        group="chinese",
        gender="male",
        age=int(rng.integers(45, 60)),
        occupation="Business owner",
        income=60000.0,
    )
    wife, w_acct = actor(
        w,
        rng,
        net,
        "controller",
        "WMU",
        cities[0],
        group="chinese",
        gender="female",
        age=int(rng.integers(42, 58)),
        last=husband.last,
        occupation="Manager",
        income=45000.0,
    )
    names = ["Lotus Relaxation", "Jade Garden Massage", "Orchid Day Spa", "Bamboo Remedial Massage"]
    n_sites = max(2, round(rng.integers(3, 5) * k["scale"]))
    bank = ["SCB", "WMU", "SCB", "KOA"]
    sites = []
    for i in range(n_sites):
        o = w.org(
            rng,
            f"{names[i]} Pty Ltd",
            "9609",
            cities[i % 2],
            employees=int(rng.integers(1, 3)),
            turnover=float(round(rng.uniform(120e3, 260e3), -3)),
        )
        a = w.account(o, bank[i] if bank[i] != "KOA" else "SCB", "business", rng=rng)
        w.mark(a, net, "front_business")
        w.relate(a, husband if i % 2 == 0 else wife, "beneficial_owner")
        sites.append((o, a))
    front = w.org(rng, "Golden Phoenix Restaurant Pty Ltd", "5610", cities[0], employees=4)
    f_acct = w.account(front, "SCB", "business", rng=rng)
    w.mark(f_acct, net, "front_business")
    w.relate(f_acct, husband, "beneficial_owner")
    males = np.array(w.pools["male"], dtype=object)
    days = np.arange(w.days)
    for i, (o, a) in enumerate(sites):
        where = o.home
        weekly = float(rng.uniform(1500, 6000)) * k["scale"]
        w.crime(
            net,
            w.days,
            day=days + 1,
            sec=seconds(rng, w.days, "batch"),
            city=where,
            amount=np.round(weekly / 7 * rng.lognormal(0, 0.3, w.days), 2),
            channel="ach",
            dst=a,
            cp_name="TYRO PAYMENTS SETTLEMENT",
            desc="MERCHANT SETTLEMENT",
        )
        n = int(rng.poisson(w.days * 0.5 * k["scale"]))
        late = rng.random(n) < 0.25 + 0.25 * k["explicit"]
        sec = np.where(late, 21 * 3600 + rng.integers(0, 3 * 3600, n), seconds(rng, n, "shop"))
        w.crime(
            net,
            n,
            day=rng.integers(0, w.days, n),
            sec=sec,
            city=where,
            amount=np.array([90, 120, 150, 180, 200, 250], dtype=float)[rng.integers(0, 6, n)],
            channel="card",
            src=males[rng.integers(0, males.size, n)],
            merchant=o.name.upper().replace(" PTY LTD", ""),
            mcc="7297",
        )
        dep = days[rng.random(w.days) < 0.75 * k["scale"]]
        w.crime(
            net,
            dep.size,
            day=dep,
            sec=seconds(rng, dep.size, "evening"),
            city=where,
            amount=np.round(rng.uniform(300, 2500, dep.size) * k["scale"], -1),
            channel="cash",
            dst=a,
            desc=np.where(dep % 2 == 0, "BRANCH DEPOSIT", "BANK@POST DEPOSIT"),
        )
        wk = days[::7] + int(rng.integers(0, 7))
        w.crime(
            net,
            wk.size,
            day=wk,
            sec=seconds(rng, wk.size, "day"),
            city=where,
            amount=np.round(rng.uniform(180, 420, wk.size), 2),
            channel="card",
            src=a,
            merchant=f"WOOLWORTHS {where:04d}",
            mcc="5411",
        )
        card(w, rng, np.array([a]), np.array([where]), "pharmacy", 0.1, net=net)
        mon = days[::30] + int(rng.integers(0, 30))
        w.crime(
            net,
            mon.size,
            day=mon,
            sec=40_000,
            city=where,
            amount=float(rng.uniform(2000, 3200)),
            channel="ach",
            src=a,
            cp_name="RAY WHITE TRUST",
            desc="rent unit 4",
        )
        proc = days[::7] + 2
        w.crime(
            net,
            proc.size,
            day=proc,
            sec=10_000,
            city=where,
            amount=np.round(rng.uniform(600, 2200, proc.size), 2),
            channel="wire",
            dst=a,
            cp_name="NIGHTPAY PROCESSING LTD",
            cp_country="CY",
            cp_inst="CY payments bank",
            desc="SETTLEMENT",
        )
        sw = days[::4] + 1
        tgt = [h_acct, w_acct, f_acct][i % 3]
        w.crime(
            net,
            sw.size,
            day=sw,
            sec=seconds(rng, sw.size, "online"),
            city=where,
            amount=np.round(rng.uniform(800, 4000, sw.size), 0),
            channel="p2p",
            src=a,
            dst=tgt,
            desc="transfer",
        )
        for j in range(int(rng.integers(2, 4))):
            addr = {a: getattr(o, a) for a in ("suburb", "number", "street", "stype")}
            v_owner, v = actor(
                w,
                rng,
                net,
                "victim",
                "SCB",
                where,
                group="thai" if j % 2 else "chinese",
                opened=int(rng.integers(-300, 40)),
                gender="female",
                age=int(rng.integers(34, 58)),
                occupation="Massage therapist",
                **addr,
            )
            cash = rng.integers(0, w.days, 3)
            w.crime(
                net,
                3,
                day=cash,
                sec=seconds(rng, 3, "evening"),
                city=where,
                amount=np.array([100.0, 150.0, 200.0]),
                channel="cash",
                dst=v,
                desc="DEPOSIT",
            )
            wire_out(
                w,
                rng,
                None,
                v,
                int(cash.max()) + 1,
                280.0,
                f"{v_owner.last} FAMILY",
                "TH",
                "home",
                channel="remittance",
            )
            airfare(
                w,
                rng,
                h_acct,
                int(rng.integers(0, w.days)),
                720.0,
                desc="BKK-MEL ONE WAY",
                net=net,
                airline="THAI AIRWAYS",
            )
    for q in range(0, w.days, 45):
        wire_out(
            w,
            rng,
            net,
            h_acct,
            q + 10,
            float(rng.uniform(9000, 25000)),
            "ZHANG FAMILY TRUST",
            "CN",
            ["tuition", "family support"][q % 2],
        )
        w.crime(
            net,
            1,
            day=q + 20,
            sec=35_000,
            city=cities[0],
            amount=float(rng.uniform(5e3, 15e3)),
            channel="wire",
            dst=w_acct,
            cp_name="LIU TRADING CO",
            cp_country="CN",
            desc="living expenses",
        )
        w.crime(
            net,
            1,
            day=q + 5,
            sec=80_000,
            city=cities[0],
            amount=float(rng.uniform(4e3, 9e3)),
            channel="cash",
            src=h_acct,
            desc="CASINO CAGE BUY-IN",
        )
        w.crime(
            net,
            1,
            day=q + 6,
            sec=10_000,
            city=cities[0],
            amount=float(rng.uniform(3.8e3, 8e3)),
            channel="cheque",
            dst=h_acct,
            cp_name="SOUTHBANK CASINO",
            desc="CASINO CHEQUE",
        )
        w.crime(
            net,
            1,
            day=q + 12,
            sec=50_000,
            city=cities[0],
            amount=20000.0,
            channel="ach",
            src=f_acct,
            cp_name="HARBOURTRADE SECURITIES",
            desc="INVESTMENT",
        )
        w.crime(
            net,
            1,
            day=q + 30,
            sec=50_000,
            city=cities[0],
            amount=19850.0,
            channel="ach",
            dst=w_acct,
            cp_name="HARBOURTRADE SECURITIES",
            desc="WITHDRAWAL",
        )
    background(w, rng, [h_acct, w_acct], level=0.8)
