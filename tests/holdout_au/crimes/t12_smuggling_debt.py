"""T12: smuggled workers paying off their fee through a broker taking a share of pay."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import actor, background, knobs, wire_out
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import city
from tests.holdout_au.world import World

from .labour import after_pay


def t12(w: World, rng: np.random.Generator, net: str) -> None:
    """Smuggled workers paying off their fee through a broker who takes a share of each pay."""
    k = knobs(w)
    w.network(net, "T12", "labour_trafficking")
    home = city(["Griffith", "Shepparton", "Toowoomba", "Sydney"][int(rng.integers(4))])
    broker, b_acct = actor(
        w,
        rng,
        net,
        "controller",
        "WMU" if home != city("Toowoomba") else "SCB",
        home,
        group="middle_east",
        gender="male",
        age=39,
        occupation="Labour contractor",
        income=55000.0,
    )
    _, b_wal = actor(w, rng, net, "controller", "HRM", home, kind="wallet", person=broker)
    nv = max(5, round(rng.integers(7, 15) * k["scale"]))
    employers = [o for o, _ in w.biz if o.isic in ("4330", "0123", "8121")] or [o for o, _ in w.biz]
    for i in range(nv):
        p = w.person(
            rng,
            home=home,
            group="middle_east",
            gender="male",
            age=int(rng.integers(19, 35)),
            nationality=["AF", "IQ", "IR"][i % 3],
            occupation=["Labourer", "Fruit picker"][i % 2],
        )
        arrive = int(rng.integers(-40, max(w.days // 3, 1)))
        _, v = actor(
            w,
            rng,
            net,
            "victim",
            ["SCB", "WMU"][i % 2],
            home,
            person=p,
            opened=arrive + int(rng.integers(2, 21)),
        )
        emp = employers[i % len(employers)]
        pay = np.arange(max(arrive + 21, 0) + i % 3, w.days, 7)
        amt = np.round(rng.uniform(620, 880, pay.size), 2)
        emp_acct = next(a for o, a in w.biz if o is emp)
        w.tx(
            pay.size,
            day=pay,
            sec=seconds(rng, pay.size, "batch"),
            city=home,
            amount=amt,
            channel="ach",
            src=emp_acct,
            dst=v,
            desc="PAYROLL",
        )
        after_pay(
            w,
            rng,
            net,
            v,
            b_acct,
            pay,
            amt,
            float(rng.uniform(0.5, 0.7)),
            k["lag"] * 0.3,
            ["debt", "payment", "", "ok"],
            cv=0.03 + 0.07 * w.subtlety,
        )
        background(w, rng, [v], level=0.3, cash=0.02)
    for m in range(3, w.days, 10):
        wire_out(
            w,
            rng,
            net,
            b_wal,
            m,
            float(rng.uniform(1500, 6000) * k["scale"]),
            ["CV SINAR LAUT", "HAJI RAHMAN", "AL-FURAT EXCHANGE"][m % 3],
            ["ID", "ID", "IQ"][m % 3],
            "family",
            channel="remittance",
        )
        w.crime(
            net,
            1,
            day=m - 1,
            sec=40_000,
            city=home,
            amount=float(rng.uniform(1500, 6000)),
            channel="p2p",
            src=b_acct,
            dst=b_wal,
            desc="top up",
        )
    background(w, rng, [b_acct], level=0.7)
