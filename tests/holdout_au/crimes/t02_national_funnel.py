"""T2: women placed in houses around the country, cash funnelled to a hub and abroad."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import actor, background, knobs, share_address, wire_out
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import city
from tests.holdout_au.travel import airfare, stay
from tests.holdout_au.world import World


def t2(w: World, rng: np.random.Generator, net: str) -> None:
    """Women placed in houses around the country; cash funnels to a Sydney hub and abroad."""
    k = knobs(w)
    w.network(net, "T2", "sex_trafficking")
    src_country = ["TH", "KR"][int(rng.integers(2))]
    group = "thai" if src_country == "TH" else "korean"
    hub = city("Sydney")
    houses = [
        city(c)
        for c in rng.choice(
            ["Melbourne", "Brisbane", "Perth", "Adelaide", "Canberra", "Gold Coast", "Hobart"],
            4,
            replace=False,
        )
    ]
    lp, laund = actor(
        w,
        rng,
        net,
        "funnel",
        "KOA",
        hub,
        group=group,
        gender="male",
        age=41,
        nationality=src_country,
        occupation="Trader",
    )
    _, laund2 = actor(w, rng, net, "funnel", "HRM", hub, kind="wallet", person=lp)
    bosses = [
        actor(
            w,
            rng,
            net,
            "controller",
            "SCB",
            h,
            group=group,
            gender="female",
            age=int(rng.integers(30, 50)),
            nationality=src_country,
        )[1]
        for h in houses[:2]
    ]
    nv = max(4, round(rng.integers(8, 15) * k["scale"]))
    opened = int(rng.integers(-60, 3))
    people = [
        w.person(
            rng,
            home=hub,
            group=group,
            gender="female",
            age=int(rng.integers(20, 36)),
            nationality=src_country,
            occupation="Student",
        )
        for _ in range(nv)
    ]
    share_address(w, people[1:], people[0], k["share_ids"], rng)
    victims = [
        actor(
            w,
            rng,
            net,
            "victim",
            "SCB" if i % 3 else "WMU",
            hub,
            person=p,
            opened=opened + int(rng.integers(0, 3)),
        )[1]
        for i, p in enumerate(people)
    ]
    w.watch(
        "address",
        f"{people[0].number} {people[0].street} {people[0].stype[0]}",
        "residence linked to interstate brothel placements (state police)",
    )
    total_in = 0.0
    for i, v in enumerate(victims):
        where = houses[i % len(houses)]
        lo = max(opened + 3, 0)
        days = np.arange(lo, w.days)
        dep = days[rng.random(days.size) < 0.45 * k["scale"]]
        amt = np.round(rng.uniform(400, 2800, dep.size), -1)
        w.crime(
            net,
            dep.size,
            day=dep,
            sec=seconds(rng, dep.size, "evening"),
            city=where,
            amount=amt,
            channel="cash",
            dst=v,
            desc=np.where(rng.random(dep.size) < 0.5, "BANK@POST DEPOSIT", "ATM DEPOSIT"),
        )
        total_in += float(amt.sum())
        # hub cash-outs with the women's cards and transfers to the launderer
        out = dep[rng.random(dep.size) < 0.5] + 1
        w.crime(
            net,
            out.size,
            day=out,
            sec=seconds(rng, out.size, "day"),
            city=hub,
            amount=np.round(rng.uniform(2000, 9500, out.size) * 0.3, -1),
            channel="cash",
            src=v,
            desc="BRANCH WITHDRAWAL SYDNEY",
        )
        tr = dep[rng.random(dep.size) < 0.6] + int(rng.integers(0, 2))
        w.crime(
            net,
            tr.size,
            day=tr,
            sec=seconds(rng, tr.size, "day"),
            city=where,
            amount=np.round(rng.uniform(300, 1500, tr.size), 0),
            channel="p2p",
            src=v,
            dst=laund,
            desc="",
        )
        background(w, rng, [v], level=0.15, cash=0.0)
    lday = np.arange(0, w.days, 3) + int(rng.integers(0, 3))
    w.crime(
        net,
        lday.size,
        day=lday,
        sec=seconds(rng, lday.size, "day"),
        city=hub,
        amount=np.round(rng.uniform(3000, 9800, lday.size), -2),
        channel="cash",
        src=laund,
        desc="BRANCH WITHDRAWAL",
    )
    for m in range(0, w.days, 30):
        wire_out(
            w,
            rng,
            net,
            laund,
            m + int(rng.integers(5, 25)),
            float(rng.uniform(8000, 35000) * k["scale"]),
            "PRINCIPAL HOLDINGS",
            src_country,
            ["family support", "loan repayment"][m // 30 % 2],
        )
        wire_out(
            w,
            rng,
            net,
            laund2,
            m + int(rng.integers(5, 25)),
            float(rng.uniform(2000, 9000)),
            "PRINCIPAL HOLDINGS",
            src_country,
            "family",
            channel="remittance",
        )
        w.crime(
            net,
            1,
            day=m + 3,
            sec=40_000,
            city=hub,
            amount=float(rng.uniform(2000, 6000)),
            channel="p2p",
            src=laund,
            dst=laund2,
            desc="top up",
        )
    airfare(
        w,
        rng,
        laund,
        int(rng.integers(20, max(w.days - 5, 21))),
        float(rng.uniform(700, 1100)),
        net=net,
        airline="THAI AIRWAYS" if src_country == "TH" else "KOREAN AIR",
    )
    for b, h in zip(bosses, houses, strict=False):
        d = np.arange(int(rng.integers(0, 7)), w.days, 7)
        w.crime(
            net,
            d.size,
            day=d,
            sec=seconds(rng, d.size, "office"),
            city=h,
            amount=float(round(rng.uniform(600, 1100), 0)),
            channel="ach",
            src=b,
            cp_name="PRIVATE LANDLORD",
            desc="rent house",
        )
        for sd in range(2, w.days, 9):
            stay(w, rng, b, houses[sd % len(houses)], sd, 2, float(rng.uniform(150, 260)), net)
        background(w, rng, [b], level=0.6)
    background(w, rng, [laund], level=0.5)
