"""T9: women flown in on visitor visas repaying a debt to a syndicate and a recruiter."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import actor, background, knobs, share_address, wire_out
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import city
from tests.holdout_au.travel import airfare
from tests.holdout_au.world import World


def t9(w: World, rng: np.random.Generator, net: str) -> None:
    """Women flown in on visitor visas repay a bogus debt weekly to a syndicate and a recruiter."""
    k = knobs(w)
    w.network(net, "T9", "sex_trafficking")
    hub = city(["Sydney", "Melbourne", "Perth"][int(rng.integers(3))])
    sp, syn = actor(
        w,
        rng,
        net,
        "controller",
        "SCB",
        hub,
        group="thai",
        gender="male",
        age=45,
        nationality="AU",
        occupation="Import agent",
        income=52000.0,
    )
    _, syn2 = actor(w, rng, net, "controller", "HRM", hub, kind="wallet", person=sp)
    recruiter = ("KANYA SRISUK", "TH" + str(int(rng.integers(10**9, 10**10))), "KASIKORNBANK")
    nv = max(3, round(rng.integers(5, 10) * k["scale"]))
    arrive = int(rng.integers(-20, max(w.days // 4, 1)))
    people = [
        w.person(
            rng,
            home=hub,
            group="thai",
            gender="female",
            age=int(rng.integers(21, 39)),
            nationality="TH",
            occupation="Visitor",
        )
        for _ in range(nv)
    ]
    share_address(w, people[1:], people[0], k["share_ids"], rng)
    for i, p in enumerate(people):
        airfare(
            w,
            rng,
            syn,
            arrive - int(rng.integers(3, 20)),
            float(rng.uniform(520, 880)),
            desc="BKK-SYD OW",
            net=net,
            airline="THAI AIRWAYS",
        )
        if i % 2 == 0:
            w.crime(
                net,
                1,
                day=arrive - 30,
                sec=40_000,
                city=hub,
                amount=195.0,
                channel="card",
                src=syn,
                merchant="IMMI ACCOUNT HOME AFFAIRS",
                mcc="9399",
                desc="VISITOR VISA",
            )
        _, v = actor(
            w, rng, net, "victim", "KOA", hub, opened=arrive + int(rng.integers(1, 8)), person=p
        )
        lo = max(arrive + 8, 0)
        wk = np.arange(lo + int(rng.integers(0, 7)), w.days, 7)
        dep = np.round(rng.uniform(600, 1800, wk.size) * k["scale"], -1)
        w.crime(
            net,
            wk.size,
            day=wk,
            sec=seconds(rng, wk.size, "night"),
            city=hub,
            amount=dep,
            channel="cash",
            dst=v,
            desc="ATM DEPOSIT",
        )
        fixed = float(round(rng.uniform(400, 700), -1))
        w.crime(
            net,
            wk.size,
            day=wk + 1,
            sec=seconds(rng, wk.size, "day"),
            city=hub,
            amount=np.minimum(fixed, dep * 0.8),
            channel="p2p",
            src=v,
            dst=syn,
            desc=np.where(rng.random(wk.size) < k["explicit"], "pay back", ""),
        )
        rem = wk[rng.random(wk.size) < 0.5] + 2
        w.crime(
            net,
            rem.size,
            day=rem,
            sec=seconds(rng, rem.size, "day"),
            city=hub,
            amount=np.round(rng.uniform(150, 400, rem.size), 0),
            channel="remittance",
            src=v,
            cp_name=recruiter[0],
            cp_account=recruiter[1],
            cp_inst=recruiter[2],
            cp_country="TH",
            desc="debt",
        )
        background(w, rng, [v], level=0.2, cash=0.0)
    days = np.arange(w.days)
    big = days[rng.random(w.days) < 0.1]
    w.crime(
        net,
        big.size,
        day=big,
        sec=seconds(rng, big.size, "day"),
        city=hub,
        amount=np.round(rng.uniform(3000, 9000, big.size), -2),
        channel="cash",
        src=syn,
        desc="WITHDRAWAL",
    )
    for m in range(5, w.days, 12):
        wire_out(
            w,
            rng,
            net,
            syn2 if m % 2 else syn,
            m,
            float(rng.uniform(4000, 9800)),
            ["SOMCHAI BOONMEE", "PIMCHANOK WONGSA", recruiter[0]][m % 3],
            "TH",
            "personal",
            channel="remittance" if m % 2 else "wire",
        )
    w.crime(
        net,
        4,
        day=np.arange(4) * 25 + 2,
        sec=40_000,
        city=hub,
        amount=3000.0,
        channel="p2p",
        src=syn,
        dst=syn2,
        desc="wallet top up",
    )
    background(w, rng, [syn], level=0.7)
    w.watch("account", recruiter[1], "Thai recruiter's account named in AUSTRAC-style referral")
