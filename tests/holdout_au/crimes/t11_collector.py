"""T11: a collector ('bottom') forwarding buyers' payments inside a ring."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import actor, background, buyer_credits, knobs, sweep
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import city
from tests.holdout_au.spend import cash_atm
from tests.holdout_au.world import World

from .sexads import MEMOS, service_price


def t11(w: World, rng: np.random.Generator, net: str) -> None:
    """A 'bottom' collects buyers' payments and forwards to controllers and other women."""
    k, s = knobs(w), w.subtlety
    w.network(net, "T11", "sex_trafficking")
    home = city(["Melbourne", "Sydney", "Perth"][int(rng.integers(3))])
    c1 = actor(w, rng, net, "controller", "SCB", home, gender="male", age=33)[1]
    c2 = actor(w, rng, net, "controller", "WMU", home, gender="male", age=29)[1]
    _, col = actor(w, rng, net, "funnel", "KOA", home, gender="female", age=24, occupation="")
    dev = f"ios-{int(rng.integers(16**9)):09x}"
    days = np.arange(w.days)
    per_week = rng.uniform(15, 40) * k["scale"]
    day = np.sort(rng.integers(0, w.days, int(per_week * w.days / 7)))
    price = service_price(rng, day.size, s)
    buyer_credits(w, rng, net, col, day, price, MEMOS, 0.45 * k["explicit"])
    sweep(
        w,
        rng,
        net,
        col,
        c1 if rng.random() < 0.6 else c2,
        day,
        price,
        k["sweep"] - 0.15,
        k["lag"],
        device=dev,
    )
    n_w = int(rng.integers(3, 6))
    for i in range(n_w):
        _, v = actor(
            w,
            rng,
            net,
            "victim",
            ["KOA", "SCB"][i % 2],
            home,
            gender="female",
            age=int(rng.integers(18, 28)),
            occupation="",
        )
        act = days[rng.random(w.days) < 0.5]
        d2 = np.repeat(act, rng.poisson(1.6 * k["scale"], act.size))
        p2 = service_price(rng, d2.size, s)
        buyer_credits(w, rng, net, v, d2, p2, MEMOS, 0.3 * k["explicit"])
        sweep(
            w,
            rng,
            net,
            v,
            [c1, c2][i % 2],
            d2,
            p2,
            k["sweep"],
            k["lag"],
            device=dev if rng.random() < k["share_ids"] else "",
        )
        gift = days[rng.random(w.days) < 0.12]
        w.crime(
            net,
            gift.size,
            day=gift,
            sec=seconds(rng, gift.size, "day"),
            city=home,
            amount=np.round(rng.uniform(50, 200, gift.size), 0),
            channel="p2p",
            src=col,
            dst=v,
            device=dev,
            desc="",
        )
        background(w, rng, [v], level=0.3, cash=0.0)
    cash_atm(w, rng, np.array([col]), np.array([home]), 0.05, hours="night", net=net)
    background(w, rng, [c1, c2], level=0.7)
    background(w, rng, [col], level=0.1, cash=0.0)
    w.watch("device", dev, "device seen logging into several women's banking apps (bank partner)")
