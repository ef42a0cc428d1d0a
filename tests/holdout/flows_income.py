"""Ordinary persons' income: wages, pensions, benefits, student loans, self-employment."""

from __future__ import annotations

import numpy as np

from tests.holdout.emit import (
    alive,
    choose,
    cycle_days,
    emit,
    fridays,
    hours,
    month_days,
    obj,
    secs,
)
from tests.holdout.flows_people import PERIOD, random_names
from tests.holdout.world import Arr, World, where


def _income_rows(
    w: World,
    arr: dict[str, Arr],
    who: Arr,
    day: Arr,
    amt: Arr,
    payer: Arr,
    desc: Arr,
    src: Arr | None = None,
) -> None:
    ok = alive(arr, who, day)
    who, day, amt, payer, desc = who[ok], day[ok], amt[ok], payer[ok], desc[ok]
    src_a = np.full(len(who), -1, dtype=np.int64) if src is None else src[ok]
    internal = src_a >= 0
    payer = where(internal, None, payer)
    emit(
        w,
        secs(day, hours(w, len(day), "batch")),
        amt,
        "ach",
        src_a,
        arr["cur"][who],
        cp_name=payer,
        desc=desc,
        cp_inst=where(
            internal,
            None,
            choose(w, ("Barclays Bank UK", "Lloyds Bank", "NatWest", "HSBC UK"), len(day)),
        ),
    )


def salaries(w: World, arr: dict[str, Arr]) -> None:
    emp_names = np.array([p.employer for p in w.profiles], dtype=object)
    for kind, period in PERIOD.items():
        sel = np.flatnonzero(arr["pay"] == kind)
        if len(sel):
            per = np.full(len(sel), period)
            item, day = cycle_days(w, fridays(w, len(sel), per), per)
            who = sel[item]
            amt = arr["net"][who] * (
                1 + w.rng.normal(0, 0.09 if kind == "weekly" else 0.03, len(who))
            )
            desc = obj(len(who), "WAGES ") + np.char.upper(emp_names[who].astype(str)).astype(
                object
            )
            _income_rows(w, arr, who, day, amt, emp_names[who], desc, arr["emp"][who])
    sel = np.flatnonzero(arr["pay"] == "monthly")
    if len(sel):
        item, day = month_days(w, w.rng.choice([25, 26, 27, 28, 28, 20, 15], len(sel)))
        who = sel[item]
        amt = arr["net"][who] * (1 + w.rng.normal(0, 0.025, len(who)))
        desc = np.char.upper(emp_names[who].astype(str)).astype(object) + " SALARY"
        _income_rows(w, arr, who, day, amt, emp_names[who], desc, arr["emp"][who])
    sel = np.flatnonzero(arr["pay"] == "pension")
    if len(sel):
        per = np.full(len(sel), 28)
        item, day = cycle_days(w, w.rng.integers(0, 28, len(sel)), per)
        who = sel[item]
        _income_rows(
            w,
            arr,
            who,
            day,
            np.round(arr["income"][who] * 0.55 / 13, 2),
            obj(len(who), "DWP"),
            obj(len(who), "DWP SP"),
        )
        item, day = month_days(w, w.rng.integers(1, 28, len(sel)))
        who = sel[item]
        _income_rows(
            w,
            arr,
            who,
            day,
            np.round(arr["income"][who] * 0.45 / 12, 2),
            choose(w, ("AVIVA PENSIONS", "L&G PENSIONS", "NHS PENSIONS"), len(who)),
            obj(len(who), "PENSION"),
        )
    sel = np.flatnonzero(arr["pay"] == "allowance")  # parents topping up teenagers' cards
    if len(sel):
        per = np.full(len(sel), 7)
        item, day = cycle_days(w, w.rng.integers(0, 7, len(sel)), per)
        who = sel[item]
        ok = alive(arr, who, day)
        who, day = who[ok], day[ok]
        emit(
            w,
            secs(day, hours(w, len(who), "eve")),
            arr["net"][who],
            "p2p",
            arr["emp"][who],
            arr["cur"][who],
            desc="pocket money",
        )
    sel = np.flatnonzero(arr["pay"] == "benefit")
    if len(sel):
        item, day = month_days(w, w.rng.integers(1, 28, len(sel)))
        who = sel[item]
        _income_rows(
            w,
            arr,
            who,
            day,
            np.round(arr["income"][who] / 12, 2),
            obj(len(who), "DWP"),
            obj(len(who), "DWP UC"),
        )
    sel = np.flatnonzero(arr["pay"] == "student")
    for dom_day in (14, 99):  # spring and summer term maintenance loan instalments
        if len(sel) and dom_day < w.days:
            day = np.full(len(sel), dom_day) + w.rng.integers(0, 4, len(sel))
            _income_rows(
                w,
                arr,
                sel,
                day,
                w.rng.uniform(1400, 3300, len(sel)),
                obj(len(sel), "STUDENT LOANS CO"),
                obj(len(sel), "SLC MAINT LOAN"),
            )
    sel = np.flatnonzero(arr["pay"] == "self")
    if len(sel):
        cnt = w.rng.poisson(6 / 30 * w.days, len(sel))
        who = np.repeat(sel, cnt)
        day = w.rng.integers(0, w.days, len(who))
        fee: Arr = np.round(np.exp(w.rng.normal(np.log(160), 0.8, len(who))), 0)
        ok = alive(arr, who, day)
        emit(
            w,
            secs(day[ok], hours(w, int(ok.sum()), "day")),
            fee[ok],
            "p2p",
            -1,
            arr["cur"][who[ok]],
            cp_name=random_names(w, int(ok.sum())),
            desc=choose(w, ("inv ", "invoice ", "job ", "", "work ", "quote "), int(ok.sum()))
            + w.rng.integers(100, 999, int(ok.sum())).astype(str).astype(object),
        )
