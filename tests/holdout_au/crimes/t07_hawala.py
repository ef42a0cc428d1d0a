"""T7: a phone-and-travel shop holds relatives' payments until arrival, then releases them."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import actor, background, community, knobs, outsiders, wire_out
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import city
from tests.holdout_au.world import World

from .fees import REL


def t7(w: World, rng: np.random.Generator, net: str) -> None:
    """A phone-and-travel shop holds relatives' payments until arrival, then releases in bulk."""
    k = knobs(w)
    w.network(net, "T7", "migrant_smuggling")
    home = city(["Sydney", "Melbourne"][int(rng.integers(2))])
    owner, own_acct = actor(
        w,
        rng,
        net,
        "facilitator",
        "SCB",
        home,
        group="middle_east",
        gender="male",
        age=47,
        occupation="Shop owner",
        income=60000.0,
    )
    shop = w.org(
        rng,
        ["Auburn Mobile & Travel Pty Ltd", "Dandenong Phone & Travel Centre"][
            home != city("Sydney")
        ],
        "4741",
        home,
        employees=2,
        turnover=320000.0,
    )
    s_acct = w.account(shop, "WMU", "business", rng=rng)
    w.mark(s_acct, net, "front_business")
    w.relate(s_acct, owner, "beneficial_owner")
    n_weekly = rng.uniform(10, 35) * k["scale"]
    n = int(n_weekly * w.days / 7)
    comm = community(w, REL)
    names, accts, banks = outsiders(rng, n, repeat=0.3)
    day = np.sort(rng.integers(0, w.days, n))
    own = (rng.random(n) < 0.3) & (len(comm) > 0)
    src = np.where(
        own, np.array(comm or [""], dtype=object)[rng.integers(0, max(len(comm), 1), n)], ""
    )
    amt = np.round(rng.uniform(200, 2000, n), 0)
    w.crime(
        net,
        n,
        day=day,
        sec=seconds(rng, n, "day"),
        city=home,
        amount=amt,
        channel=np.where(own, "p2p", "ach"),
        src=src,
        dst=s_acct,
        cp_name=np.where(own, "", names),
        cp_account=np.where(own, "", accts),
        cp_inst=np.where(own, "", banks),
        desc=np.array(["phone", "ticket", "for brother", "deposit", "", "mobile"], dtype=object)[
            rng.integers(0, 6, n)
        ],
    )
    cash = np.arange(0, w.days)[rng.random(w.days) < 0.5]
    camt = np.round(rng.uniform(500, 3000, cash.size), -1)
    w.crime(
        net,
        cash.size,
        day=cash,
        sec=seconds(rng, cash.size, "office"),
        city=home,
        amount=camt,
        channel="cash",
        dst=s_acct,
        desc="BRANCH DEPOSIT",
    )
    total, held = float(amt.sum() + camt.sum()), int(rng.integers(14, 36))
    rel = np.arange(held, w.days, held)
    firms = [
        ("AL NOOR GENERAL TRADING LLC", "AE"),
        ("SINAR JAYA TRADING SDN BHD", "MY"),
        ("KABUL STAR EXCHANGE", "AE"),
    ]
    for i, d in enumerate(rel.tolist()):
        f = firms[i % 3]
        wire_out(
            w,
            rng,
            net,
            s_acct,
            d,
            float(round(total * held / w.days * 0.85, -4) or 20000),
            f[0],
            f[1],
            f"INV {2400 + i}",
        )
    sales = np.arange(1, w.days)
    w.tx(
        sales.size,
        day=sales,
        sec=seconds(rng, sales.size, "batch"),
        city=home,
        amount=np.round(rng.uniform(150, 700, sales.size), 2),
        channel="ach",
        dst=s_acct,
        cp_name="SQUARE AUSTRALIA",
        desc="MERCHANT SETTLEMENT",
    )
    background(w, rng, [own_acct], level=0.8)
