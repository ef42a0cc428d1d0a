"""T6: collectors in a northern port town gather smuggling fees from relatives nationwide."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import actor, background, branches, knobs, wire_out
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import city
from tests.holdout_au.world import World

from .fees import SENDER_CITIES, fees


def t6(w: World, rng: np.random.Generator, net: str) -> None:
    """Collectors in a northern port town gather smuggling fees from relatives nationwide."""
    k = knobs(w)
    w.network(net, "T6", "migrant_smuggling")
    home = city(["Darwin", "Broome", "Cairns"][int(rng.integers(3))])
    n_col = 2 if w.subtlety < 0.5 else 1
    for c in range(n_col):
        p, col = actor(
            w,
            rng,
            net,
            "funnel",
            "TEB" if c == 0 else "KOA",
            home,
            group="middle_east",
            gender=["male", "female"][c],
            age=int(rng.integers(25, 50)),
            occupation=["Cleaner", "Kitchen hand"][c],
            income=36000.0,
        )
        _, sav = actor(w, rng, net, "funnel", w.accounts[col].inst, home, kind="savings", person=p)
        n_send = max(8, round(rng.integers(15, 36) * k["scale"] / n_col))
        days = fees(
            w,
            rng,
            net,
            col,
            n_send,
            80,
            450,
            ["", "", "for Ali", "help", "family", "payment 2", "brother"],
            0.35,
        )
        wires = rng.integers(0, w.days, max(2, n_send // 5))
        w.crime(
            net,
            wires.size,
            day=wires,
            sec=seconds(rng, wires.size, "batch"),
            city=home,
            amount=np.round(rng.uniform(500, 1500, wires.size), 2),
            ccy="MYR" if rng.random() < 0.5 else "AUD",
            channel="wire",
            dst=col,
            cp_name="ABDUL HAMID BIN YUSOF",
            cp_country="MY",
            cp_inst="MAYBANK",
            desc="family",
        )
        dep = rng.integers(0, w.days, max(2, n_send // 4))
        dcity = np.array([city(c) for c in SENDER_CITIES])[rng.integers(0, 7, dep.size)]
        w.crime(
            net,
            dep.size,
            day=dep,
            sec=seconds(rng, dep.size, "day"),
            city=dcity,
            amount=np.round(rng.uniform(300, 2000, dep.size), -1),
            channel="cash",
            dst=col,
            desc="BANK@POST DEPOSIT",
        )
        d = np.unique(np.concatenate([days, dep]))
        w.crime(
            net,
            d.size,
            day=d,
            sec=seconds(rng, d.size, "late"),
            city=home,
            amount=np.round(rng.uniform(150, 900, d.size) * 1.2, 0),
            channel="internal",
            src=col,
            dst=sav,
            desc="to savings",
        )
        wd = np.arange(0, w.days)[rng.random(w.days) < 0.3 * k["scale"]]
        w.crime(
            net,
            wd.size,
            day=wd,
            sec=seconds(rng, wd.size, "day"),
            city=home,
            amount=np.round(rng.uniform(1500, 8500, wd.size) * 0.35, -1),
            channel="cash",
            src=sav,
            desc=np.array(
                [f"{kind} {b.upper()}" for kind in ("ATM", "BRANCH") for b in branches(home)],
                dtype=object,
            )[wd % (2 * len(branches(home)))],
        )
        for m in range(8, w.days, 21):
            wire_out(
                w,
                rng,
                net,
                col,
                m,
                float(rng.uniform(1500, 4000)),
                "CV MITRA SAMUDERA",
                "ID",
                "",
                channel="remittance",
            )
        background(w, rng, [col], level=0.6)
