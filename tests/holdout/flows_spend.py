"""Ordinary persons' card spending, subscriptions, trips abroad, cash and card repayments."""

from __future__ import annotations

import numpy as np

from tests.holdout.emit import choose, emit, hours, month_days, obj, secs
from tests.holdout.merchants import ORDINARY_SPEND, SUBSCRIPTIONS
from tests.holdout.places import FX_TO_GBP, MAIN_CITIES, ZONE_KEYS
from tests.holdout.world import Arr, World, where

ONLINE = {"5942", "7995", "4511"}
WEEKDAY = np.array([0.9, 0.95, 1.0, 1.05, 1.25, 1.3, 0.8])
ATMS = ("LINK ATM", "NOTEMACHINE", "CARDTRONICS", "EURONET", "BANK ATM", "POST OFFICE ATM")
TRIPS = (
    ("ES", "Malaga"),
    ("ES", "Barcelona"),
    ("FR", "Paris"),
    ("PT", "Lisbon"),
    ("IT", "Rome"),
    ("GR", "Athens"),
    ("NL", "Amsterdam"),
    ("IE", "Dublin"),
)
ABROAD_SHOPS = (
    ("5411", "CARREFOUR", 35.0),
    ("5814", "CAFE CENTRAL", 9.0),
    ("5812", "RESTAURANTE DEL PUERTO", 48.0),
    ("5812", "TRATTORIA DA LUIGI", 52.0),
    ("5912", "PHARMACIE", 14.0),
    ("5999", "SOUVENIRS", 18.0),
    ("4121", "TAXI", 22.0),
    ("5813", "BAR CENTRAL", 24.0),
)


def _expand(w: World, lam: Arr, start: Arr) -> tuple[Arr, Arr]:
    n, d = len(lam), w.days
    counts = w.rng.poisson(lam[:, None] * WEEKDAY[(w.start.weekday() + np.arange(d)) % 7][None])
    counts[np.arange(d)[None, :] < start[:, None]] = 0
    flat = counts.ravel()
    return np.repeat(np.repeat(np.arange(n), d), flat), np.repeat(np.tile(np.arange(d), n), flat)


def card_spend(w: World, arr: dict[str, Arr]) -> None:
    who, day = _expand(w, arr["spend"], arr["start"])
    m = len(who)
    weights = np.array([s.weight for s in ORDINARY_SPEND])
    cat = w.rng.choice(len(ORDINARY_SPEND), m, p=weights / weights.sum())
    car = np.array([p.car for p in w.profiles])[who]
    fuel = next(i for i, s in enumerate(ORDINARY_SPEND) if s.mcc == "5541")
    bus = next(i for i, s in enumerate(ORDINARY_SPEND) if s.mcc == "4111")
    cat = where((cat == fuel) & ~car, bus, cat)
    med = np.array([s.median for s in ORDINARY_SPEND])[cat]
    sig = np.array([s.sigma for s in ORDINARY_SPEND])[cat]
    amt = np.round(med * np.exp(sig * w.rng.normal(size=m)), 2).clip(0.5, 2500)
    hr = np.zeros(m)
    merchant = obj(m, None)
    mcc = obj(m, None)
    for i, spec in enumerate(ORDINARY_SPEND):
        sel = cat == i
        hr[sel] = hours(w, int(sel.sum()), spec.hours)
        merchant[sel] = choose(w, spec.names, int(sel.sum()))
        mcc[sel] = spec.mcc
    night = np.array([p.night for p in w.profiles])[who] & (w.rng.random(m) < 0.3)
    hr = where(night, w.rng.uniform(22, 29.5, m), hr)
    away = w.rng.random(m) < 0.06
    city = where(away, choose(w, MAIN_CITIES, m), arr["city"][who])
    online = np.isin(mcc, list(ONLINE))
    merchant = where(
        online, merchant, merchant + " " + np.char.upper(city.astype(str)).astype(object)
    )
    use_cc = (arr["cc"][who] >= 0) & (w.rng.random(m) < 0.65)
    emit(
        w,
        secs(day, hr),
        amt,
        "card",
        where(use_cc, arr["cc"][who], arr["cur"][who]),
        -1,
        merchant=merchant,
        mcc=mcc,
        city=where(online, None, city),
    )
    # subscriptions and card repayments
    n = len(w.profiles)
    has = w.rng.random((n, len(SUBSCRIPTIONS))) < 0.3
    pw, sub = np.nonzero(has)
    item, sday = month_days(w, w.rng.integers(1, 29, len(pw)))
    pw, sub = pw[item], sub[item]
    ok = sday >= arr["start"][pw]
    pw, sub, sday = pw[ok], sub[ok], sday[ok]
    emit(
        w,
        secs(sday, hours(w, len(pw), "batch")),
        np.array([s[2] for s in SUBSCRIPTIONS])[sub],
        "card",
        where(arr["cc"][pw] >= 0, arr["cc"][pw], arr["cur"][pw]),
        -1,
        merchant=np.array([s[0] for s in SUBSCRIPTIONS], dtype=object)[sub],
        mcc=np.array([s[1] for s in SUBSCRIPTIONS], dtype=object)[sub],
    )
    cc_total = np.bincount(who[use_cc], weights=amt[use_cc], minlength=n)
    sel = np.flatnonzero(arr["cc"] >= 0)
    item, pday = month_days(w, w.rng.integers(18, 25, len(sel)))
    payer = sel[item]
    monthly = cc_total[payer] / max(w.days / 30.4, 1.0)
    ok = (pday >= arr["start"][payer] + where(arr["start"][payer] > 0, 20, 0)) & (monthly > 5)
    payer, pday = payer[ok], pday[ok]
    emit(
        w,
        secs(pday, hours(w, len(payer), "wide")),
        np.round(monthly[ok] * w.rng.uniform(0.8, 1.05, len(payer)), 2),
        "internal",
        arr["cur"][payer],
        arr["cc"][payer],
        desc="CREDIT CARD PAYMENT",
        device=arr["device"][payer],
        ip=arr["ip"][payer],
    )


def trips(w: World, arr: dict[str, Arr]) -> None:
    n = len(w.profiles)
    ni = np.isin(arr["city"], ["Belfast", "Newry", "Londonderry", "Strabane", "Enniskillen"])
    go = (w.rng.random(n) < 0.05) | (ni & (w.rng.random(n) < 0.35))
    who = np.flatnonzero(go & (arr["start"] == 0))
    for p in who:  # a handful of people; loop over trips, not transactions
        dest = ("IE", "Dundalk" if w.chance(0.5) else "Letterkenny") if ni[p] else w.pick(TRIPS)
        first = int(w.rng.integers(0, max(w.days - 10, 1)))
        length = int(w.rng.integers(1, 3)) if ni[p] else int(w.rng.integers(4, 10))
        days = np.repeat(np.arange(first, first + length), w.rng.integers(2, 6, length))
        shop = w.rng.integers(0, len(ABROAD_SHOPS), len(days))
        eur = np.round(
            np.array([s[2] for s in ABROAD_SHOPS])[shop]
            * np.exp(0.5 * w.rng.normal(size=len(days))),
            2,
        )
        acct = arr["cc"][p] if arr["cc"][p] >= 0 else arr["cur"][p]
        emit(
            w,
            secs(days, hours(w, len(days), "meal")),
            eur,
            "card",
            acct,
            -1,
            currency="EUR",
            base_amount=eur * FX_TO_GBP["EUR"],
            country=dest[0],
            city=dest[1],
            merchant=np.array([s[1] for s in ABROAD_SHOPS], dtype=object)[shop],
            mcc=np.array([s[0] for s in ABROAD_SHOPS], dtype=object)[shop],
            _z=ZONE_KEYS.index(dest[0]) if dest[0] in ZONE_KEYS else 0,
        )
        if not ni[p] and first > 3:
            fare = float(w.rng.uniform(90, 420))
            w.tx(
                w.when(max(0, first - int(w.rng.integers(2, 40))), 19, 23),
                fare,
                "card",
                str(w.accounts[int(acct)]["account_id"]),
                merchant=w.pick(("EASYJET", "RYANAIR", "JET2.COM")),
                mcc="4511",
            )


def cash(w: World, arr: dict[str, Arr]) -> None:
    lam = where(arr["age"] > 60, 3.5, where(arr["age"] < 30, 1.2, 2.2)) / 30
    who, day = _expand(w, lam, arr["start"])
    m = len(who)
    amt = w.rng.choice([10, 20, 20, 30, 40, 50, 60, 80, 100, 100, 150, 200, 250, 300], m)
    hr = where(w.rng.random(m) < 0.05, w.rng.uniform(22, 29, m), hours(w, m, "day"))
    city = where(w.rng.random(m) < 0.07, choose(w, MAIN_CITIES, m), arr["city"][who])
    atm = choose(w, ATMS, m)
    emit(
        w,
        secs(day, hr),
        amt,
        "cash",
        arr["cur"][who],
        -1,
        city=city,
        desc=obj(m, "CASH ") + atm + " " + np.char.upper(city.astype(str)).astype(object),
    )
    tips = np.array([p.cash_income for p in w.profiles])
    lam = where(tips, 1.0 / 7, 0.2 / 30)
    who, day = _expand(w, lam, arr["start"])
    m = len(who)
    amt = np.round(where(tips[who], w.rng.uniform(40, 380, m), w.rng.uniform(20, 300, m)), -1)
    po = w.rng.random(m) < 0.3
    emit(
        w,
        secs(day, np.clip(w.rng.normal(13, 2.5, m), 9, 17.3)),
        amt,
        "cash",
        -1,
        arr["cur"][who],
        city=arr["city"][who],
        desc=where(po, "POST OFFICE COUNTER DEPOSIT", "BRANCH CASH DEPOSIT"),
    )
