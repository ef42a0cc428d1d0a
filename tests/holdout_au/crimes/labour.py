"""Shared pieces of labour-exploitation scenarios: worker intake and pay-day skims."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import actor
from tests.holdout_au.ledger import seconds

ADDR = ("suburb", "unit", "number", "street", "stype")


def enrol_workers(w, rng, net, n, home, inst, opened, anchor, share, **kw) -> list[str]:
    out = []
    ages = kw.pop("ages", (19, 45))
    for i in range(n):
        p = w.person(rng, home=home, age=int(rng.integers(*ages)), **kw)
        if rng.random() < share:
            for a in ADDR:
                setattr(p, a, getattr(anchor, a))
            if rng.random() < share * 0.5:
                p.phone = anchor.phone
        inst_i = inst if isinstance(inst, str) else inst[i % len(inst)]
        out.append(
            actor(
                w,
                rng,
                net,
                "victim",
                inst_i,
                home,
                person=p,
                opened=opened + int(rng.integers(0, 3)),
            )[1]
        )
    return out


def after_pay(w, rng, net, src, dst, pay_day, pay_amt, share, lag, memos, cv=0.05) -> None:
    n = pay_day.size
    amt = np.round(pay_amt * np.clip(share + rng.normal(0, cv, n), 0.1, 0.95), 0)
    day = pay_day + np.floor(rng.exponential(lag, n)).astype(int)
    w.crime(
        net,
        n,
        day=day,
        sec=seconds(rng, n, "evening"),
        city=w.accounts[src].home,
        amount=amt,
        channel="p2p",
        src=src,
        dst=dst,
        desc=np.array(memos, dtype=object)[rng.integers(0, len(memos), n)],
    )
