"""T8: a maritime smuggling organiser collecting cash interstate and paying crews abroad."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import actor, background, branches, knobs, wire_out
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import city
from tests.holdout_au.world import World


def t8(w: World, rng: np.random.Generator, net: str) -> None:
    """An organiser collects cash from third parties interstate and pays boat crews abroad."""
    k = knobs(w)
    w.network(net, "T8", "migrant_smuggling")
    home = city(["Perth", "Adelaide", "Melbourne"][int(rng.integers(3))])
    org = w.person(
        rng,
        home=home,
        group="middle_east",
        gender="male",
        age=42,
        nationality="IQ",
        occupation="Driver",
        income=40000.0,
    )
    org.variant = {"name": True, "birth": True, "order": False, "phone_drop": True}
    _, a1 = actor(w, rng, net, "controller", "SCB", home, person=org)
    _, a2 = actor(
        w, rng, net, "controller", "KOA" if home != city("Perth") else "TEB", home, person=org
    )
    _, mate = actor(
        w,
        rng,
        net,
        "facilitator",
        "TEB",
        city("Broome"),
        gender="male",
        age=36,
        occupation="Deckhand",
        income=48000.0,
    )
    d0 = int(rng.integers(0, max(w.days - 60, 1)))
    dep = d0 + np.sort(rng.integers(0, 60, max(4, int(8 * k["scale"]))))
    dep = dep[dep < w.days]
    dcity = np.array([city(c) for c in ("Sydney", "Melbourne", "Brisbane", "Adelaide")])
    w.crime(
        net,
        dep.size,
        day=dep,
        sec=seconds(rng, dep.size, "office"),
        city=dcity[rng.integers(0, 4, dep.size)],
        amount=np.round(rng.uniform(3000, 9500, dep.size), -2),
        channel="cash",
        dst=np.where(rng.random(dep.size) < 0.6, a1, a2),
        desc="BRANCH DEPOSIT THIRD PARTY",
    )
    for d in (dep[dep.size // 2 :] + 3).tolist():
        for j, br in enumerate(["CBD", *branches(home)][: int(rng.integers(1, 4))]):
            w.crime(
                net,
                1,
                day=d,
                sec=36_000 + j * 4000,
                city=home,
                amount=float(rng.choice([2000, 3000, 4000, 5000])),
                channel="cash",
                src=a1,
                desc=f"BRANCH WITHDRAWAL {br}",
            )
    benef = [
        ("YOHANES LAKA", "Kupang"),
        ("DEWI SARTIKA", "Jakarta"),
        ("CV PERAHU JAYA", "Kupang"),
        ("MARKUS NDUN", "Rote"),
    ]
    burst = dep.max() + np.arange(3) * 2 + 4 if dep.size else np.array([10])
    for i, d in enumerate(burst.tolist()):
        b = benef[i % 4]
        wire_out(
            w,
            rng,
            net,
            a1,
            d,
            float(rng.uniform(6000, 9800)),
            b[0],
            "ID",
            ["gift", "personal"][i % 2],
            channel=["wire", "remittance"][i % 2],
        )
    small = np.sort(rng.integers(0, w.days, max(3, int(9 * k["scale"]))))
    for i, d in enumerate(small.tolist()):
        b = benef[(i + 1) % 4]
        wire_out(
            w,
            rng,
            net,
            a2,
            d,
            float(rng.uniform(100, 3000)),
            b[0],
            "ID",
            "gift",
            channel="remittance",
        )
    w.crime(
        net,
        3,
        day=burst[:3] if burst.size >= 3 else np.full(3, 10),
        sec=50_000,
        city=home,
        amount=np.round(rng.uniform(2000, 6000, 3), -2),
        channel="p2p",
        src=a1,
        dst=mate,
        desc="fuel",
    )
    br = city("Broome")
    for merch, mcc, lo, hi in (
        ("BROOME MARINA FUEL", "4468", 600, 2400),
        ("KIMBERLEY MARINE & OUTBOARDS", "5551", 3500, 9000),
        ("SATPHONE SHOP AUSTRALIA", "4812", 900, 1600),
    ):
        dd = int(burst[0]) + int(rng.integers(0, 4))
        w.crime(
            net,
            1,
            day=dd,
            sec=40_000,
            city=br,
            amount=float(round(rng.uniform(lo, hi), 2)),
            channel="card",
            src=mate,
            merchant=merch,
            mcc=mcc,
        )
    background(w, rng, [a1, mate], level=0.6)
    w.watch(
        "name",
        f"{org.first.upper()} {org.last.upper()}",
        "suspected people-smuggling organiser (AFP partner intelligence)",
    )
