"""Spending shared by typologies and look-alikes: adverts, hotel stays, repeated card use."""

from __future__ import annotations

from tests.holdout.merchants import ADS_DOMESTIC, ADS_FOREIGN, HOTELS
from tests.holdout.world import World


def ads(w: World, acct: str, days: list[int], per_week: float, typ: str, net: str) -> None:
    price_points = (3.0, 5.0, 12.0, 12.0, 24.0, 24.0, 36.0, 60.0)
    for day in days:
        if w.chance(per_week / 7):
            amt = float(w.pick(price_points))
            amt = amt if w.chance(1 - w.s) else round(amt * float(w.rng.uniform(0.8, 1.3)), 2)
            w.tx(
                w.when(day, 9, 26),
                amt,
                "card",
                acct,
                typ=typ,
                net=net,
                merchant=w.pick(ADS_DOMESTIC),
                mcc=w.pick(("7311", "7399", "5967")),
            )
        if day % 30 == 3 and w.keep(0.8):
            site, country = w.pick(ADS_FOREIGN)
            w.tx(
                w.when(day, 0, 24),
                float(w.rng.uniform(100, 500)),
                "card",
                acct,
                typ=typ,
                net=net,
                merchant=site,
                mcc="7311",
                country=country,
            )


def hotel_stay(
    w: World, payer: str, day: int, city: str, nights: int, typ: str, net: str, rooms: int = 1
) -> float:
    rate = float(w.rng.uniform(75, 190))
    amt = nights * rate
    if w.keep(0.35):
        amt = float(round(amt, -1))
    hotel = f"{w.pick(HOTELS)} {city.upper()}"
    for _ in range(rooms):
        w.tx(
            w.when(day, 14, 23),
            amt,
            "card",
            payer,
            typ=typ,
            net=net,
            merchant=hotel,
            mcc="7011",
            city=city,
        )
    if w.keep(0.12):
        w.tx(
            w.when(day + int(w.rng.integers(1, 7)), 9, 17),
            amt,
            "card",
            None,
            payer,
            typ=typ,
            net=net,
            merchant=hotel,
            mcc="7011",
            city=city,
            desc="REFUND",
        )
    return amt


def repeat_card(
    w: World,
    acct: str,
    days: list[int],
    per_day: float,
    merchants: tuple[str, ...],
    mcc: str,
    lo: float,
    hi: float,
    hrs: tuple[float, float],
    typ: str,
    net: str,
    city: str | dict[int, str] | None = None,
) -> None:
    for day in days:
        for _ in range(int(w.rng.poisson(per_day))):
            where = city.get(day) if isinstance(city, dict) else city
            w.tx(
                w.when(day, *hrs),
                float(w.rng.uniform(lo, hi)),
                "card",
                acct,
                typ=typ,
                net=net,
                merchant=w.pick(merchants),
                mcc=mcc,
                city=where,
            )
