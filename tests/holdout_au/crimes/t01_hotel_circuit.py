"""T1: a boyfriend-model controller touring women around a hotel circuit."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import actor, background, buyer_credits, knobs, sweep
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import city
from tests.holdout_au.travel import stay
from tests.holdout_au.world import World

from .sexads import MEMOS, ads, controller_costs, lifestyle, service_price

CIRCUITS = {
    "Gold Coast": ["Gold Coast", "Brisbane", "Sydney", "Newcastle", "Canberra"],
    "Sydney": ["Sydney", "Newcastle", "Wollongong", "Canberra", "Melbourne"],
    "Perth": ["Perth", "Port Hedland", "Broome", "Perth", "Adelaide"],
}


def t1(w: World, rng: np.random.Generator, net: str) -> None:
    """Boyfriend-model controller touring 2-4 women around a hotel circuit."""
    k, s = knobs(w), w.subtlety
    w.network(net, "T1", "sex_trafficking")
    base = ["Gold Coast", "Sydney", "Perth"][int(rng.integers(3))]
    circuit = [city(c) for c in CIRCUITS[base]]
    boss, ctl = actor(
        w,
        rng,
        net,
        "controller",
        "SCB",
        circuit[0],
        gender="male",
        age=int(rng.integers(24, 37)),
        occupation="Self-employed",
        income=42000.0,
    )
    _, pre = actor(w, rng, net, "controller", "KOA", circuit[0], kind="prepaid_card", person=boss)
    dev = f"and-{int(rng.integers(16**9)):09x}"
    nv = max(2, round(rng.integers(2, 5) * k["scale"]))
    start = int(rng.integers(0, 8))
    # the circuit: a new city every 2-4 days (3-6 when subtle), base every few stops
    sched = np.zeros(w.days, dtype=np.int64)
    d, stop = start, 0
    while d < w.days:
        length = int(rng.integers(2, 5 + int(2 * s)))
        where = circuit[stop % len(circuit)]
        sched[d : d + length] = where
        nightly = float(rng.uniform(140, 300))
        if rng.random() < 0.3 * k["explicit"]:
            nightly = float(round(nightly, -1))
        stay(
            w,
            rng,
            ctl if rng.random() < 0.6 else pre,
            where,
            d,
            min(length, 3),
            nightly,
            net,
            rooms=2 if rng.random() < 0.2 else 1,
            refund=rng.random() < 0.12,
        )
        d += length
        stop += 1
    sched[:start] = circuit[0]
    victims = []
    for i in range(nv):
        inst = "KOA" if i % 2 == 0 else "SCB"
        opened = int(rng.integers(-200, 6)) if i else -int(rng.integers(30, 400))
        _p, v = actor(
            w,
            rng,
            net,
            "victim",
            inst,
            circuit[0],
            opened=opened,
            gender="female",
            age=int(rng.integers(18, 25)),
            occupation=["Student", "Unemployed", ""][i % 3],
            income=0.0,
        )
        victims.append(v)
        lo = max(start, opened, 0)
        active = np.nonzero((np.arange(w.days) >= lo) & (rng.random(w.days) < 0.72))[0]
        cnt = rng.poisson(3.4 * k["scale"], active.size)
        day = np.repeat(active, cnt)
        amt = service_price(rng, day.size, s)
        for c in np.unique(sched[day]).tolist():
            m = sched[day] == c
            buyer_credits(w, rng, net, v, day[m], amt[m], MEMOS, 0.35 * k["explicit"], where=c)
        # occasional night cash deposits where the room is
        dep = active[rng.random(active.size) < 0.12]
        for dd in dep.tolist():
            w.crime(
                net,
                1,
                day=dd,
                sec=int(seconds(rng, 1, "night")[0]),
                city=int(sched[dd]),
                amount=float(rng.choice([200, 300, 400, 500, 800])),
                channel="cash",
                dst=v,
                desc="ATM DEPOSIT",
            )
        to = np.where(rng.random(day.size) < 0.8 - 0.3 * s, ctl, pre)
        for tgt in (ctl, pre):
            m = to == tgt
            sweep(
                w,
                rng,
                net,
                v,
                tgt,
                day[m],
                amt[m],
                k["sweep"],
                k["lag"],
                every=1 if s < 0.5 else 2,
                memo=["", "rent", "for u", "savings"][i % 4],
                device=dev if rng.random() < k["share_ids"] else "",
            )
        background(w, rng, [v], level=0.25, cash=0.0)
    ads(w, rng, net, ctl if s < 0.6 else victims[0], 0.5 * k["scale"])
    controller_costs(w, rng, net, ctl, k)
    lifestyle(w, rng, net, ctl, k)
    background(w, rng, [ctl], level=0.6)
    if rng.random() < k["share_ids"]:
        w.watch(
            "phone",
            "0" + boss.phone[:3] + " " + boss.phone[3:6] + " " + boss.phone[6:],
            "phone number in escort advertisements moving between cities (police partner)",
        )
