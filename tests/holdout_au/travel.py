"""Trips: holidays abroad in foreign currency, domestic stays, airfares."""

from __future__ import annotations

import numpy as np

from .ledger import seconds
from .merchants import DESCRIPTORS
from .places import AUD_PER, CITIES, COUNTRY_CCY, city
from .world import World

HOLIDAYS = [
    "Auckland",
    "Queenstown",
    "Denpasar",
    "Bangkok",
    "Phuket",
    "Tokyo",
    "Nadi",
    "Singapore",
    "Manila",
    "Seoul",
    "Kuala Lumpur",
    "Dubai",
]
ABROAD_SHOPS = {
    "NZ": ["COUNTDOWN", "NEW WORLD", "Z ENERGY", "SKYLINE QUEENSTOWN"],
    "ID": ["BINTANG SUPERMARKET", "POTATO HEAD BEACH CLUB", "CIRCLE K", "GRAB* RIDE"],
    "TH": ["7-ELEVEN TH", "CENTRAL WORLD", "GRAB* RIDE", "BOOTS TH"],
    "JP": ["LAWSON", "FAMILYMART", "UNIQLO GINZA", "JR EAST"],
}
AIRLINES = [
    "QANTAS AIRWAYS",
    "VIRGIN AUSTRALIA",
    "JETSTAR",
    "SINGAPORE AIRLINES",
    "THAI AIRWAYS",
    "GARUDA INDONESIA",
    "AIR NEW ZEALAND",
    "BATIK AIR",
]


def fx(amount_aud: np.ndarray | float, ccy: str) -> np.ndarray:
    """Local-currency amount for an AUD value, rounded the way that currency is quoted."""
    v = np.asarray(amount_aud, dtype=float) / AUD_PER[ccy]
    if ccy in ("IDR", "VND", "KRW", "JPY", "LKR"):
        return np.maximum(np.round(v, -2 if ccy in ("IDR", "VND") else 0), 100.0)
    return np.maximum(np.round(v, 2), 0.5)


def airfare(
    w: World,
    rng: np.random.Generator,
    src: str,
    day: int,
    amount: float,
    desc: str = "",
    net: str | None = None,
    airline: str | None = None,
) -> None:
    cols = {
        "day": day,
        "sec": int(seconds(rng, 1, "online")[0]),
        "city": w.accounts[src].home,
        "amount": round(amount, 2),
        "channel": "card",
        "src": src,
        "merchant": airline or AIRLINES[rng.integers(len(AIRLINES))],
        "mcc": "4511",
        "desc": desc,
    }
    if net:
        w.crime(net, 1, **cols)
    else:
        w.tx(1, **cols)


def trip(
    w: World,
    rng: np.random.Generator,
    acct: str,
    home: int,
    dest: str | None = None,
    start: int | None = None,
    length: int | None = None,
    net: str | None = None,
    spend: float = 1.0,
) -> tuple[int, int]:
    """A holiday abroad: airfare beforehand, local-currency card use and ATM cash there."""
    dest = dest or HOLIDAYS[rng.integers(len(HOLIDAYS))]
    c = city(dest)
    country = CITIES[c][2]
    ccy = COUNTRY_CCY.get(country, "USD")
    length = length or int(rng.integers(5, 15))
    start = int(rng.integers(-10, w.days - 3)) if start is None else start
    buy = start - int(rng.integers(12, 70))
    airfare(w, rng, acct, buy, float(rng.uniform(450, 1600)), net=net)
    n = int(rng.poisson(3.0 * length * spend))
    days = start + rng.integers(0, length, n)
    shops = ABROAD_SHOPS.get(country, ["DUTY FREE", "CITY MART", "GRAB* RIDE", "HOTEL BAR"])
    aud = np.exp(rng.normal(np.log(28), 0.8, n))
    cols = {
        "day": days,
        "sec": seconds(rng, n, "day"),
        "city": c,
        "amount": fx(aud, ccy),
        "ccy": ccy,
        "channel": "card",
        "src": acct,
        "merchant": np.array(shops, dtype=object)[rng.integers(0, len(shops), n)],
        "mcc": "5999",
    }
    hotel = {
        "day": start,
        "sec": int(seconds(rng, 1, "evening")[0]),
        "city": c,
        "amount": float(fx(rng.uniform(110, 260) * length, ccy)),
        "ccy": ccy,
        "channel": "card",
        "src": acct,
        "merchant": f"HOTEL {dest.upper()}",
        "mcc": "7011",
    }
    atm = {
        "day": start + 1,
        "sec": int(seconds(rng, 1, "day")[0]),
        "city": c,
        "amount": float(fx(rng.choice([150, 200, 300, 400]), ccy)),
        "ccy": ccy,
        "channel": "cash",
        "src": acct,
        "desc": f"ATM WITHDRAWAL {dest.upper()} {country}",
    }
    add = (lambda k, **kw: w.crime(net, k, **kw)) if net else w.tx
    add(n, **cols)
    add(1, **hotel)
    add(1, **atm)
    return start, length


def stay(
    w: World,
    rng: np.random.Generator,
    acct: str,
    where: int,
    day: int,
    nights: int,
    nightly: float,
    net: str | None = None,
    rooms: int = 1,
    brand: int | None = None,
    refund: bool = False,
) -> None:
    """A domestic hotel or short-stay booking charged at check-in (or check-out)."""
    tab = DESCRIPTORS["lodging"]
    b = int(rng.integers(tab.shape[0])) if brand is None else brand
    amt = round(nightly * nights, 2)
    for r in range(rooms):
        cols = {
            "day": day,
            "sec": int(seconds(rng, 1, "evening")[0]) + r * 60,
            "city": where,
            "amount": amt,
            "channel": "card",
            "src": acct,
            "merchant": tab[b, where],
            "mcc": "7011",
        }
        (w.crime(net, 1, **cols) if net else w.tx(1, **cols))
    if refund:
        cols = {
            "day": day + int(rng.integers(1, 6)),
            "sec": int(seconds(rng, 1, "office")[0]),
            "city": where,
            "amount": amt,
            "channel": "card",
            "dst": acct,
            "merchant": tab[b, where],
            "mcc": "7011",
            "desc": "REFUND",
        }
        (w.crime(net, 1, **cols) if net else w.tx(1, **cols))
