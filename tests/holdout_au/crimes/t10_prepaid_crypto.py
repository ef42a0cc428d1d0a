"""T10: prepaid cards loaded card-to-card, crypto through a broker, ads paid abroad."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import actor, background, buyer_credits, knobs, sweep
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import city
from tests.holdout_au.world import World

from .sexads import MEMOS, ads, service_price


def t10(w: World, rng: np.random.Generator, net: str) -> None:
    """Prepaid cards loaded card-to-card, crypto bought through an individual broker, ads abroad."""
    k, s = knobs(w), w.subtlety
    w.network(net, "T10", "sex_trafficking")
    home = city(["Brisbane", "Adelaide", "Melbourne"][int(rng.integers(3))])
    boss, ctl = actor(
        w,
        rng,
        net,
        "controller",
        "SCB",
        home,
        gender="male",
        age=31,
        occupation="Driver",
        income=38000.0,
    )
    _, cpre = actor(w, rng, net, "controller", "KOA", home, kind="prepaid_card", person=boss)
    _, broker = actor(
        w,
        rng,
        net,
        "facilitator",
        "WMU",
        home,
        gender="male",
        age=int(rng.integers(22, 40)),
        occupation="IT contractor",
        income=65000.0,
    )
    days = np.arange(w.days)
    # rounded gift/prepaid buys and loads onto the controller's card
    buys = days[rng.random(w.days) < 0.35 * k["scale"]]
    amt = np.array([200, 250, 300, 500], dtype=float)[rng.integers(0, 4, buys.size)]
    w.crime(
        net,
        buys.size,
        day=buys,
        sec=seconds(rng, buys.size, "evening"),
        city=home,
        amount=amt,
        channel="card",
        src=ctl,
        merchant=np.where(rng.random(buys.size) < 0.5, "7-ELEVEN GIFT CARDS", "COLES EXPRESS"),
        mcc=np.where(rng.random(buys.size) < 0.5, "5499", "6540"),
    )
    w.crime(
        net,
        buys.size,
        day=buys,
        sec=seconds(rng, buys.size, "late"),
        city=home,
        amount=amt,
        channel="p2p",
        src=ctl,
        dst=cpre,
        desc="card load",
    )
    nv = max(1, round(rng.integers(1, 4) * k["scale"]))
    for _i in range(nv):
        p, v = actor(
            w,
            rng,
            net,
            "victim",
            "KOA",
            home,
            gender="female",
            age=int(rng.integers(18, 26)),
            occupation="",
            income=0.0,
        )
        _, vpre = actor(w, rng, net, "victim", "KOA", home, kind="prepaid_card", person=p)
        act = days[rng.random(w.days) < 0.6]
        day = np.repeat(act, rng.poisson(2.2 * k["scale"], act.size))
        price = service_price(rng, day.size, s)
        buyer_credits(w, rng, net, v, day, price, MEMOS, 0.3 * k["explicit"])
        sweep(w, rng, net, v, ctl, day, price, k["sweep"], k["lag"])
        loads = buys[rng.random(buys.size) < 0.5]
        w.crime(
            net,
            loads.size,
            day=loads + 1,
            sec=seconds(rng, loads.size, "day"),
            city=home,
            amount=np.round(rng.uniform(50, 200, loads.size), 0),
            channel="internal",
            src=cpre,
            dst=vpre,
            desc="card to card",
        )
        ads(w, rng, net, vpre, 0.25 * k["scale"], lo=int(loads.min()) + 1 if loads.size else 0)
        background(w, rng, [v], level=0.3, cash=0.0)
    # broker: controller pays him within hours of inflows; he buys crypto the same day
    pay = days[rng.random(w.days) < 0.22 * k["scale"]]
    amt = np.round(rng.uniform(100, 600, pay.size), 0)
    w.crime(
        net,
        pay.size,
        day=pay,
        sec=seconds(rng, pay.size, "evening"),
        city=home,
        amount=amt,
        channel="p2p",
        src=ctl,
        dst=broker,
        desc=np.where(rng.random(pay.size) < 0.5, "btc", ""),
    )
    w.crime(
        net,
        pay.size,
        day=pay,
        sec=np.full(pay.size, 86_000),
        city=home,
        amount=np.round(amt * 0.97, 2),
        channel="crypto",
        src=broker,
        cp_name="P2P CRYPTO MARKET",
        cp_country="SC",
        desc="USDT",
    )
    w.crime(
        net,
        int(pay.size // 3),
        day=pay[: pay.size // 3],
        sec=70_000,
        city=home,
        amount=np.round(rng.uniform(60, 200, pay.size // 3), 2),
        channel="crypto",
        src=cpre,
        cp_name="KANGACOIN EXCHANGE PTY LTD",
        cp_country="AU",
        desc="crypto top up",
    )
    background(w, rng, [ctl, broker], level=0.6)
    w.watch("account", broker, "virtual-currency seller advertising on escort sites (FIU referral)")
