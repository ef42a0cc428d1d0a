"""Ordinary migrants remitting part of their wages to relatives abroad (vectorised)."""

from __future__ import annotations

import numpy as np

from tests.holdout.emit import (
    choose,
    emit,
    hours,
    month_days,
    secs,
)
from tests.holdout.flows_people import REMIT_MEMOS
from tests.holdout.merchants import MSB_NAMES
from tests.holdout.places import FOREIGN_BANKS
from tests.holdout.world import World, where


def remittances(w: World) -> None:
    profs = [p for p in w.profiles if p.remit_country]
    if not profs:
        return
    ix = w.acct_index
    cur = np.array([ix[p.cur] for p in profs])
    wallet = np.array([ix[p.wallet] if p.wallet else -1 for p in profs])
    item, day = month_days(w, w.rng.integers(1, 29, len(profs)))
    start = np.array([p.start_day for p in profs])
    ok = day >= start[item]
    item, day = item[ok], day[ok]
    amt = np.round(
        np.array([p.remit_amount for p in profs])[item] * w.rng.normal(1, 0.1, len(item))
    )
    t = secs(day, hours(w, len(item), "wide"))
    dev = np.array([p.device for p in profs], dtype=object)[item]
    ip = np.array([p.ip for p in profs], dtype=object)[item]
    via_wallet = wallet[item] >= 0
    emit(
        w,
        t[via_wallet] - 600,
        amt[via_wallet] + 1.99,
        "p2p",
        cur[item][via_wallet],
        wallet[item][via_wallet],
        desc="SWIFTSEND TOP UP",
        device=dev[via_wallet],
        ip=ip[via_wallet],
    )
    country = np.array([p.remit_country for p in profs], dtype=object)[item]
    bank = np.array(
        [w.pick(FOREIGN_BANKS.get(str(p.remit_country), ("Local bank",))) for p in profs],
        dtype=object,
    )[item]
    emit(
        w,
        t,
        np.maximum(amt, 20),
        "remittance",
        where(via_wallet, wallet[item], cur[item]),
        -1,
        cp_name=np.array([p.remit_name for p in profs], dtype=object)[item],
        cp_country=country,
        cp_inst=where(
            via_wallet | (w.rng.random(len(item)) < 0.5), bank, choose(w, MSB_NAMES, len(item))
        ),
        desc=choose(w, REMIT_MEMOS, len(item)),
        device=dev,
        ip=ip,
    )
