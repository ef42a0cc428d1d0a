"""T13: a small travel company moving far more money than its bookings."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import actor, background, knobs, outsiders, wire_out
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import city
from tests.holdout_au.world import World


def t13(w: World, rng: np.random.Generator, net: str) -> None:
    """A small travel company moves far more money than its bookings, with refunds and wires."""
    k = knobs(w)
    w.network(net, "T13", "migrant_smuggling")
    home = city("Sydney")
    director, d_acct = actor(
        w,
        rng,
        net,
        "controller",
        "KOA",
        home,
        group="south_asian",
        gender="male",
        age=51,
        occupation="Travel agent",
        income=90000.0,
    )
    co = w.org(
        rng,
        "Southern Horizons Travel & Charter Pty Ltd",
        "7911",
        home,
        employees=3,
        turnover=650000.0,
    )
    c_acct = w.account(co, "SCB", "business", rng=rng)
    w.mark(c_acct, net, "front_business")
    w.relate(c_acct, director, "beneficial_owner")
    target = 1.2e6 * k["scale"] * w.days / 120
    agencies = [
        ("EMIRATES STAR TOURS LLC", "AE"),
        ("KL SKYLINK TRAVEL SDN BHD", "MY"),
        ("COLOMBO WINGS TRAVELS", "LK"),
    ]
    n_big = max(4, int(w.days / 10))
    big = np.sort(rng.integers(0, w.days, n_big))
    amt = rng.dirichlet(np.ones(n_big)) * target * 0.75
    for i, d in enumerate(big.tolist()):
        ag = agencies[i % 3]
        w.crime(
            net,
            1,
            day=d,
            sec=int(seconds(rng, 1, "batch")[0]),
            city=home,
            amount=float(round(max(amt[i], 5000), 2)),
            channel="wire",
            dst=c_acct,
            cp_name=ag[0],
            cp_country=ag[1],
            desc=f"GROUP BOOKING {i + 100}",
        )
    n_ind = int(target * 0.25 / 3500)
    names, accts, banks = outsiders(rng, n_ind, repeat=0.05)
    day = rng.integers(0, w.days, n_ind)
    w.crime(
        net,
        n_ind,
        day=day,
        sec=seconds(rng, n_ind, "office"),
        city=home,
        amount=np.round(rng.uniform(1500, 6000, n_ind), 0),
        channel="ach",
        dst=c_acct,
        cp_name=names,
        cp_account=accts,
        cp_inst=banks,
        desc="booking",
    )
    wk = np.arange(3, w.days, 7)
    w.crime(
        net,
        wk.size,
        day=wk,
        sec=40_000,
        city=home,
        amount=np.round(rng.uniform(8000, 30000, wk.size) * k["scale"], 2),
        channel="ach",
        src=c_acct,
        cp_name="IATA BSP AUSTRALIA",
        desc="BSP SETTLEMENT ONE WAY DPS/KUL",
    )
    ref = np.sort(rng.integers(0, w.days, max(3, int(w.days / 12))))
    r_names, r_accts, r_banks = outsiders(rng, ref.size)
    w.crime(
        net,
        ref.size,
        day=ref,
        sec=seconds(rng, ref.size, "office"),
        city=home,
        amount=np.round(rng.uniform(3000, 12000, ref.size), 0),
        channel="ach",
        src=c_acct,
        cp_name=r_names,
        cp_account=r_accts,
        cp_inst=r_banks,
        desc="REFUND",
    )
    cash = np.arange(w.days)[rng.random(w.days) < 0.35]
    w.crime(
        net,
        cash.size,
        day=cash,
        sec=seconds(rng, cash.size, "office"),
        city=home,
        amount=np.round(rng.uniform(3000, 9000, cash.size), -2),
        channel="cash",
        dst=c_acct,
        desc="BRANCH DEPOSIT BANKSTOWN",
    )
    for m in range(10, w.days, 25):
        wire_out(
            w,
            rng,
            net,
            c_acct,
            m,
            float(rng.uniform(40000, 120000) * k["scale"]),
            ["PT HOTEL SAMUDRA KUPANG", "SINAR LOGISTICS SDN BHD"][m % 2],
            ["ID", "MY"][m % 2],
            "management fee",
        )
        w.crime(
            net,
            1,
            day=m + 2,
            sec=50_000,
            city=home,
            amount=float(rng.uniform(5000, 15000)),
            channel="p2p",
            src=c_acct,
            dst=d_acct,
            desc="director loan",
        )
    background(w, rng, [d_acct], level=0.8)
