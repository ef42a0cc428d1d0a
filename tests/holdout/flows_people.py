"""Ordinary persons' income, housing, bills, savings, e-transfers and remittances (vectorised)."""

from __future__ import annotations

import numpy as np

from tests.holdout.emit import (
    alive,
    choose,
    emit,
    hours,
    month_days,
    obj,
    outside_accounts,
    secs,
)
from tests.holdout.names import GROUPS
from tests.holdout.world import Arr, World, where

PERIOD = {"weekly": 7, "fortnightly": 14, "four_weekly": 28}
MEMOS = (
    "",
    "",
    "",
    "",
    "dinner",
    "thanks!",
    "drinks",
    "petrol money",
    "\U0001f355",
    "birthday",
    "5-a-side",
    "tickets",
    "cheers mate",
    "for the shopping",
    "takeaway",
    "bills",
    "xx",
    "taxi",
    "sorry late",
    "holiday deposit",
    "Loan",
    "gift",
)
REMIT_MEMOS = (
    "Family support",
    "for mum",
    "family",
    "house expenses",
    "school fees",
    "gift",
    "",
    "pentru familie",
    "para a familia",
    "help",
)


def arrays(w: World) -> dict[str, Arr]:
    profs = w.profiles
    ix = w.acct_index

    def acc(v: str | None) -> int:
        return ix[v] if v else -1

    return {
        "cur": np.array([ix[p.cur] for p in profs], dtype=np.int64),
        "sav": np.array([acc(p.sav) for p in profs], dtype=np.int64),
        "cc": np.array([acc(p.cc) for p in profs], dtype=np.int64),
        "wallet": np.array([acc(p.wallet) for p in profs], dtype=np.int64),
        "emp": np.array([acc(p.employer_acct) for p in profs], dtype=np.int64),
        "start": np.array([p.start_day for p in profs], dtype=np.int64),
        "pay": np.array([p.pay for p in profs], dtype=object),
        "net": np.array([p.pay_net for p in profs], dtype=float),
        "income": np.array([p.income for p in profs], dtype=float),
        "city": np.array([p.city for p in profs], dtype=object),
        "device": np.array([p.device for p in profs], dtype=object),
        "ip": np.array([p.ip for p in profs], dtype=object),
        "spend": np.array([p.spend for p in profs], dtype=float),
        "social": np.array([p.social for p in profs], dtype=float),
        "age": np.array([p.age for p in profs], dtype=float),
    }


def random_names(w: World, n: int, groups: tuple[str, ...] = ("british", "british_asian")) -> Arr:
    pool_g: list[str] = []
    pool_s: list[str] = []
    for g in groups:
        pool_g += list(GROUPS[g][1] + GROUPS[g][2])
        pool_s += list(GROUPS[g][3])
    return choose(w, pool_g, n) + " " + choose(w, pool_s, n)


def housing_and_bills(w: World, arr: dict[str, Arr]) -> None:
    profs = w.profiles
    kind = np.array([p.housing for p in profs], dtype=object)
    rent = np.array([p.rent for p in profs])
    landlord = np.array([p.landlord for p in profs], dtype=object)
    sel = np.flatnonzero(kind == "rent_fp")
    item, day = month_days(w, w.rng.integers(1, 4, len(sel)))
    who = sel[item]
    ok = alive(arr, who, day)
    who, day = who[ok], day[ok]
    names = random_names(w, len(sel), ("british",))[item][ok]
    banks, accts = outside_accounts(w, len(sel))
    emit(
        w,
        secs(day, hours(w, len(day), "wide")),
        rent[who],
        "p2p",
        arr["cur"][who],
        -1,
        cp_name=names,
        cp_account=accts[item][ok],
        cp_inst=banks[item][ok],
        desc=choose(w, ("RENT", "rent", "Rent flat", "rent + bills", "March rent"), len(day)),
        device=arr["device"][who],
        ip=arr["ip"][who],
    )
    for k, label in (("rent_dd", "RENT"), ("mortgage", "MORTGAGE")):
        sel = np.flatnonzero(kind == k)
        item, day = month_days(w, w.rng.integers(1, 6, len(sel)))
        who = sel[item]
        ok = alive(arr, who, day)
        who, day = who[ok], day[ok]
        payee = (
            np.char.upper(landlord[who].astype(str)).astype(object)
            if k == "rent_dd"
            else choose(
                w,
                ("HALIFAX MORTGAGE", "NATIONWIDE MTG", "SANTANDER MTG", "HARTWELL MORTGAGES"),
                len(who),
            )
        )
        emit(
            w,
            secs(day, hours(w, len(day), "batch")),
            rent[who],
            "ach",
            arr["cur"][who],
            -1,
            cp_name=payee,
            desc=obj(len(who), f"DD {label} ") + payee,
        )
    homes = np.flatnonzero(kind != "none")
    bills = (
        ("COUNCIL TAX", 95, 230, 1.0),
        ("OCTOPUS ENERGY", 70, 210, 0.35),
        ("BRITISH GAS", 70, 220, 0.3),
        ("EE LIMITED", 12, 48, 0.4),
        ("VODAFONE", 12, 45, 0.3),
        ("SKY DIGITAL", 25, 75, 0.35),
        ("VIRGIN MEDIA", 30, 70, 0.3),
        ("TV LICENCE MBP", 14.5, 14.5, 0.7),
        ("WATER", 30, 60, 0.9),
        ("ADMIRAL INSURANCE", 35, 90, 0.5),
    )
    for name, lo, hi, share in bills:
        sel = homes[w.rng.random(len(homes)) < share]
        if name == "WATER":  # no domestic water bills in Northern Ireland
            sel = sel[
                ~np.isin(
                    arr["city"][sel], ["Belfast", "Newry", "Londonderry", "Strabane", "Enniskillen"]
                )
            ]
        amount = np.round(w.rng.uniform(lo, hi, len(sel)), 2)
        item, day = month_days(w, w.rng.integers(1, 28, len(sel)))
        who = sel[item]
        ok = alive(arr, who, day)
        who, day, item = who[ok], day[ok], item[ok]
        payee = (
            np.char.upper(arr["city"][who].astype(str)).astype(object) + " CITY COUNCIL"
            if name == "COUNCIL TAX"
            else obj(len(who), name if name != "WATER" else "SEVERN TRENT WATER")
        )
        emit(
            w,
            secs(day, hours(w, len(day), "batch")),
            amount[item] * w.rng.uniform(0.95, 1.05, len(day)),
            "ach",
            arr["cur"][who],
            -1,
            cp_name=payee,
            desc=obj(len(who), "DD ") + payee,
        )


def transfers(w: World, arr: dict[str, Arr]) -> None:
    n = len(w.profiles)
    rate = arr["social"] * 3.0 / 30
    cnt = w.rng.poisson(rate * w.days)
    who = np.repeat(np.arange(n), cnt)
    day = w.rng.integers(0, w.days, len(who))
    ok = alive(arr, who, day)
    who, day = who[ok], day[ok]
    m = len(who)
    internal = w.rng.random(m) < 0.45
    peer = w.rng.integers(0, n, m)
    internal &= (peer != who) & (arr["start"][peer] <= day)
    amt = np.exp(w.rng.normal(np.log(25), 0.9, m)).clip(2, 800)
    amt = where(w.rng.random(m) < 0.5, np.maximum(np.round(amt / 5) * 5, 5), amt)
    banks, accts = outside_accounts(w, m)
    emit(
        w,
        secs(day, hours(w, m, "wide")),
        amt,
        "p2p",
        arr["cur"][who],
        where(internal, arr["cur"][peer], -1),
        cp_name=where(internal, None, random_names(w, m)),
        cp_account=where(internal, None, accts),
        cp_inst=where(internal, None, banks),
        desc=choose(w, MEMOS, m),
        device=arr["device"][who],
        ip=arr["ip"][who],
    )
    cnt = w.rng.poisson(1.3 / 30 * w.days * arr["social"])
    who = np.repeat(np.arange(n), cnt)
    day = w.rng.integers(0, w.days, len(who))
    ok = alive(arr, who, day)
    who, day = who[ok], day[ok]
    banks, accts = outside_accounts(w, len(who))
    emit(
        w,
        secs(day, hours(w, len(who), "wide")),
        np.round(np.exp(w.rng.normal(np.log(30), 0.9, len(who))).clip(2, 600)),
        "p2p",
        -1,
        arr["cur"][who],
        cp_name=random_names(w, len(who)),
        cp_account=accts,
        cp_inst=banks,
        desc=choose(w, MEMOS, len(who)),
    )
    sel = np.flatnonzero(arr["sav"] >= 0)
    item, day = month_days(w, w.rng.integers(26, 29, len(sel)))
    who = sel[item]
    ok = alive(arr, who, day)
    who, day = who[ok], day[ok]
    amt = np.maximum(arr["net"][who] * w.rng.uniform(0.03, 0.12, len(who)), 20)
    emit(
        w,
        secs(day, hours(w, len(who), "wide")),
        np.round(amt, -1),
        "internal",
        arr["cur"][who],
        arr["sav"][who],
        desc=obj(len(who), "TO SAVINGS"),
        device=arr["device"][who],
        ip=arr["ip"][who],
    )
