"""T5: a family restaurant or nail salon keeping live-in workers on token wages."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import actor, background, knobs
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import city
from tests.holdout_au.world import World

from .labour import enrol_workers


def t5(w: World, rng: np.random.Generator, net: str) -> None:
    """Family restaurant or nail salon keeping 3-5 live-in workers on token wages."""
    k = knobs(w)
    w.network(net, "T5", "labour_trafficking")
    kind = int(rng.integers(2))
    home = city(["Brisbane", "Sydney"][kind])
    group = ["thai", "vietnamese"][kind]
    owner, o_acct = actor(
        w,
        rng,
        net,
        "controller",
        "SCB",
        home,
        group=group,
        gender="female",
        age=50,
        occupation="Business owner",
        income=80000.0,
    )
    biz = w.org(
        rng,
        ["Siam Orchid Thai Kitchen Pty Ltd", "Lucky Nails & Beauty"][kind],
        ["5610", "9602"][kind],
        home,
        employees=2,
    )
    b_acct = w.account(biz, "SCB", "business", rng=rng)
    w.mark(b_acct, net, "front_business")
    w.relate(b_acct, owner, "beneficial_owner")
    dev = f"ios-{int(rng.integers(16**9)):09x}"
    nv = max(3, round(rng.integers(3, 6) * k["scale"]))
    workers = enrol_workers(
        w,
        rng,
        net,
        nv,
        home,
        ["KOA", "TEB", "SCB"],
        -int(rng.integers(60, 400)),
        biz,
        1.0,
        group=group,
        nationality=["TH", "VN"][kind],
        occupation=["Kitchen hand", "Nail technician"][kind],
    )
    shop_atm = f"ATM {biz.name.upper()[:14]} {['BRISBANE', 'SYDNEY'][kind]}"
    for v in workers:
        w.relate(v, owner, "authorised_user")
        pay = np.arange(int(rng.integers(0, 14)), w.days, 14)
        amt = np.round(rng.uniform(400, 900, pay.size), 0)
        w.crime(
            net,
            pay.size,
            day=pay,
            sec=seconds(rng, pay.size, "batch"),
            city=home,
            amount=amt,
            channel="ach",
            src=b_acct,
            dst=v,
            desc="wages",
        )
        cash = rng.random(pay.size) < 0.6
        w.crime(
            net,
            int(cash.sum()),
            day=pay[cash],
            sec=seconds(rng, int(cash.sum()), "evening"),
            city=home,
            amount=np.round(amt[cash] * 0.8, -1),
            channel="cash",
            src=v,
            desc=shop_atm,
        )
        back = ~cash
        w.crime(
            net,
            int(back.sum()),
            day=pay[back],
            sec=seconds(rng, int(back.sum()), "late"),
            city=home,
            amount=np.round(amt[back] * rng.uniform(0.6, 0.9), 0),
            channel="p2p",
            src=v,
            dst=b_acct,
            desc="",
            device=dev if rng.random() < k["share_ids"] else "",
        )
    days = np.arange(w.days)
    wk = days[days % 7 == 5]
    for merch, mcc in (("COSTCO WHOLESALE", "5300"), ("KMART", "5311")):
        w.crime(
            net,
            wk.size,
            day=wk,
            sec=seconds(rng, wk.size, "day"),
            city=home,
            amount=np.round(rng.uniform(150, 400, wk.size), 2),
            channel="card",
            src=b_acct,
            merchant=f"{merch} {home:04d}",
            mcc=mcc,
        )
    sales = days[days % 7 != 0]
    w.tx(
        sales.size,
        day=sales + 1,
        sec=seconds(rng, sales.size, "batch"),
        city=home,
        amount=np.round(rng.uniform(900, 2400, sales.size), 2),
        channel="ach",
        dst=b_acct,
        cp_name="SQUARE AUSTRALIA",
        desc="MERCHANT SETTLEMENT",
    )
    dr = days[::14] + 2
    w.tx(
        dr.size,
        day=dr,
        sec=40_000,
        city=home,
        amount=float(rng.uniform(3000, 6000)),
        channel="p2p",
        src=b_acct,
        dst=o_acct,
        desc="drawings",
    )
    background(w, rng, [o_acct], level=0.8)
