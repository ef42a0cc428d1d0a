"""Ordinary businesses: card settlements, takings, invoices, payroll and tax, suppliers, rent."""

from __future__ import annotations

import numpy as np

from tests.holdout.emit import (
    choose,
    cycle_days,
    emit,
    fridays,
    hours,
    month_days,
    obj,
    outside_accounts,
    secs,
)
from tests.holdout.flows_people import random_names
from tests.holdout.merchants import ACQUIRERS
from tests.holdout.profiles import BizProfile
from tests.holdout.world import Arr, World, where

INVOICE = {
    "trade": 1400.0,
    "services": 2200.0,
    "transport": 2600.0,
    "agri": 7000.0,
    "wholesale": 4200.0,
    "care": 9000.0,
    "property": 850.0,
    "charity": 45.0,
}
CLIENTS = (
    "Balfour Beatty",
    "Kier Group",
    "Morrison Utility",
    "Tesco Stores",
    "Bidfood UK",
    "Persimmon Homes",
    "Booker Group",
    "County Council",
    "NHS Property Services",
    "Wilko Retail",
    "Hilton Foods",
    "Travis Perkins",
    "Bunzl UK",
    "Sodexo Ltd",
)
SUPPLIERS = {
    "food": ("BOOKER WHOLESALE", "BRAKES FOODSERVICE", "JJ FOOD SERVICE", "BIDFOOD"),
    "retail": ("PALMER & HARVEY", "BESTWAY WHOLESALE", "UNITED WHOLESALE"),
    "salon": ("SALONS DIRECT", "SALLY SALON SERVICES"),
    "trade": ("TRAVIS PERKINS", "CITY ELECTRICAL FACTORS", "SCREWFIX DIRECT", "JEWSON LTD"),
    "services": ("DELL UK", "REGUS", "XERO UK"),
    "transport": ("ALLSTAR FUELCARDS", "DAF TRUCKS FINANCE", "KWIK FIT FLEET"),
    "agri": ("AGRII", "FRONTIER AGRICULTURE", "RIGBY TAYLOR"),
    "property": ("BRITISH GAS SERVICES", "RATED PEOPLE", "HOMESERVE"),
    "wholesale": (
        "NINGBO EXPORT CO",
        "HAI PHONG TRADING",
        "ISTANBUL TEKSTIL AS",
        "FELIXSTOWE FREIGHT LTD",
    ),
    "care": ("NHS SUPPLY CHAIN", "BIDFOOD", "MEDIQUIPE"),
    "charity": ("CHURCH HALL HIRE", "COMMUNITY PRINT"),
}


def business_flows(w: World) -> None:
    bz = w.biz
    if not bz:
        return
    ix = w.acct_index
    acct = np.array([ix[b.acct] for b in bz])
    start = np.array([b.start_day for b in bz])
    turn = np.array([b.turnover for b in bz])
    card = np.array([b.card_share for b in bz])
    cash = np.array([b.cash_share for b in bz])
    city = np.array([b.city for b in bz], dtype=object)
    sector = np.array([b.sector for b in bz], dtype=object)
    dev = np.array([b.device for b in bz], dtype=object)
    ip = np.array([b.ip for b in bz], dtype=object)
    d = w.days

    # daily card settlements (no settlement on Sundays and Mondays for Sat/Sun takings)
    sel = np.flatnonzero(card > 0)
    who = np.repeat(sel, d)
    day = np.tile(np.arange(d), len(sel))
    wd = (w.start.weekday() + day) % 7
    keep = (wd != 6) & (day >= start[who])
    who, day, wd = who[keep], day[keep], wd[keep]
    lift = where(wd == 0, 2.2, 1.0)  # Monday settles the weekend
    amt = turn[who] * card[who] / 310 * lift * np.exp(w.rng.normal(0, 0.3, len(who)))
    acq = np.array([w.pick(ACQUIRERS) for _ in bz], dtype=object)
    emit(
        w,
        secs(day, hours(w, len(who), "batch")),
        amt,
        "ach",
        -1,
        acct[who],
        cp_name=acq[who],
        desc=acq[who] + " SETTLEMENT",
    )
    # cash takings banked 1-3 times a week
    sel = np.flatnonzero(cash > 0)
    freq = w.rng.integers(1, 4, len(sel))
    cnt = w.rng.poisson(freq * d / 7)
    who = np.repeat(sel, cnt)
    day = w.rng.integers(0, d, len(who))
    ok = day >= start[who]
    who, day = who[ok], day[ok]
    per = np.repeat(freq, cnt)[ok]
    amt = turn[who] * cash[who] / 52 / per * np.exp(w.rng.normal(0, 0.25, len(who)))
    emit(
        w,
        secs(day, np.clip(w.rng.normal(12.5, 2, len(who)), 9.5, 16.5)),
        np.round(amt, -1),
        "cash",
        -1,
        acct[who],
        city=city[who],
        desc=where(
            w.rng.random(len(who)) < 0.3, "POST OFFICE BUSINESS DEPOSIT", "CASH DEPOSIT BRANCH"
        ),
    )
    # invoices and rents received
    sel = np.flatnonzero(card == 0)
    size = np.array([INVOICE[str(s)] for s in sector[sel]])
    cnt = w.rng.poisson(turn[sel] / size / 365 * d)
    who = np.repeat(sel, cnt)
    size_w = np.repeat(size, cnt)
    day = w.rng.integers(0, d, len(who))
    ok = (day >= start[who]) & (((w.start.weekday() + day) % 7) < 5)
    who, day, size_w = who[ok], day[ok], size_w[ok]
    person = np.isin(sector[who], ["property", "charity"])
    payer = where(person, random_names(w, len(who)), choose(w, CLIENTS, len(who)))
    banks, accts = outside_accounts(w, len(who))
    emit(
        w,
        secs(day, hours(w, len(who), "day")),
        np.round(size_w * np.exp(w.rng.normal(0, 0.5, len(who))), 2),
        where(person, "p2p", "ach"),
        -1,
        acct[who],
        cp_name=payer,
        cp_inst=banks,
        cp_account=accts,
        desc=where(
            person,
            choose(w, ("rent", "RENT", "donation", "Gift Aid"), len(who)),
            obj(len(who), "INV ") + w.rng.integers(1000, 9999, len(who)).astype(str).astype(object),
        ),
    )
    _costs(w, bz, acct, start, turn, sector, dev, ip)


def _costs(
    w: World, bz: list[BizProfile], acct: Arr, start: Arr, turn: Arr, sector: Arr, dev: Arr, ip: Arr
) -> None:
    d = w.days
    emp = np.array([b.employees for b in bz])
    own_staff = np.bincount(
        [w.acct_index[p.employer_acct] for p in w.profiles if p.employer_acct],
        minlength=len(w.accounts),
    )[acct]
    ext = np.maximum(emp - own_staff, 0)
    sel = np.flatnonzero(ext > 0)
    weekly = np.isin(sector[sel], ["food", "agri", "trade", "retail"])
    per = where(weekly, 7, 28)
    item, day = cycle_days(w, fridays(w, len(sel), per), per)
    who = sel[item]
    ok = day >= start[who]
    who, day = who[ok], day[ok]
    gross = ext[who] * where(np.isin(sector[who], ["services", "care"]), 2300, 1750)
    gross = gross * where(per[item][ok] == 7, 12 / 52, 12 / 13)
    emit(
        w,
        secs(day, hours(w, len(who), "batch")),
        gross * 0.8,
        "ach",
        acct[who],
        -1,
        cp_name=choose(w, ("BACS PAYROLL", "SAGE PAYROLL", "ADP PAYROLL"), len(who)),
        desc=obj(len(who), "PAYROLL BACS ") + ext[who].astype(str).astype(object) + " EMPS",
    )
    paye = np.array([b.payroll_tax for b in bz]) & (emp > 0)
    sel = np.flatnonzero(paye)
    item, day = month_days(w, np.full(len(sel), 22))
    who = sel[item]
    ok = day >= start[who]
    who, day = who[ok], day[ok]
    emit(
        w,
        secs(day, hours(w, len(who), "day")),
        emp[who] * 1900 * 0.27 * w.rng.uniform(0.9, 1.1, len(who)),
        "ach",
        acct[who],
        -1,
        cp_name="HMRC CUMBERNAULD",
        desc="HMRC PAYE/NIC",
        device=dev[who],
        ip=ip[who],
    )
    for vat_day in (24, 115):
        sel = np.flatnonzero((turn > 90_000) & (start <= vat_day))
        if vat_day < d and len(sel):
            emit(
                w,
                secs(np.full(len(sel), vat_day), hours(w, len(sel), "day")),
                turn[sel] * w.rng.uniform(0.03, 0.06, len(sel)),
                "ach",
                acct[sel],
                -1,
                cp_name="HMRC VAT",
                desc="HMRC VAT RETURN",
                device=dev[sel],
                ip=ip[sel],
            )
    # suppliers, rent, utilities, owner drawings
    cnt = w.rng.poisson(np.clip(turn / 60_000, 1, 10) * d / 30)
    who = np.repeat(np.arange(len(bz)), cnt)
    day = w.rng.integers(0, d, len(who))
    ok = (day >= start[who]) & (((w.start.weekday() + day) % 7) < 5)
    who, day = who[ok], day[ok]
    share = turn[who] * 0.4 / 365 * d / cnt[who].clip(1)
    name = np.array([w.pick(SUPPLIERS[str(s)]) for s in sector[who]], dtype=object)
    abroad = np.isin(name, ["NINGBO EXPORT CO", "HAI PHONG TRADING", "ISTANBUL TEKSTIL AS"])
    country = where(
        name == "NINGBO EXPORT CO", "CN", where(name == "HAI PHONG TRADING", "VN", "TR")
    )
    emit(
        w,
        secs(day, hours(w, len(who), "day")),
        share * np.exp(w.rng.normal(0, 0.4, len(who))),
        where(abroad, "wire", "ach"),
        acct[who],
        -1,
        cp_name=name,
        cp_country=where(abroad, country, "GB"),
        desc=obj(len(who), "SUPPLIER INV ")
        + w.rng.integers(10000, 99999, len(who)).astype(str).astype(object),
        device=dev[who],
        ip=ip[who],
    )
    item, day = month_days(w, w.rng.integers(1, 5, len(bz)))
    ok = day >= start[item]
    item, day = item[ok], day[ok]
    rent = np.clip(turn * 0.06 / 12, 400, 9000)[item]
    emit(
        w,
        secs(day, hours(w, len(item), "batch")),
        rent,
        "ach",
        acct[item],
        -1,
        cp_name=choose(
            w,
            ("GRAINGER PLC", "LAND SECURITIES", "LOCAL ESTATES LTD", "CBRE MANAGED SERVICES"),
            len(item),
        ),
        desc="COMMERCIAL RENT",
    )
    owners = np.array([w.acct_index[b.owner_acct] if b.owner_acct else -1 for b in bz])
    sel = np.flatnonzero(owners >= 0)
    item, day = month_days(w, w.rng.integers(25, 29, len(sel)))
    who = sel[item]
    ok = day >= start[who]
    who, day = who[ok], day[ok]
    emit(
        w,
        secs(day, hours(w, len(who), "wide")),
        np.round(turn[who] * w.rng.uniform(0.02, 0.05, len(who)) / 12, -1),
        "p2p",
        acct[who],
        owners[who],
        desc=choose(w, ("DIRECTORS LOAN", "DIVIDEND", "drawings"), len(who)),
        device=dev[who],
        ip=ip[who],
    )
    cnt = w.rng.poisson(np.full(len(bz), 2.0 * d / 30))
    who = np.repeat(np.arange(len(bz)), cnt)
    day = w.rng.integers(0, d, len(who))
    ok = day >= start[who]
    who, day = who[ok], day[ok]
    kind = w.rng.integers(0, 4, len(who))
    emit(
        w,
        secs(day, hours(w, len(who), "day")),
        np.round(w.rng.uniform(15, 220, len(who)), 2),
        "card",
        acct[who],
        -1,
        merchant=np.array(
            ["SHELL", "VIKING DIRECT", "AMAZON BUSINESS", "VODAFONE BUSINESS"], dtype=object
        )[kind],
        mcc=np.array(["5541", "5111", "5942", "4814"], dtype=object)[kind],
    )
