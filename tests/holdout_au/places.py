"""Places, time zones, currencies: the geography of the Australian world.

Time is kept as local wall-clock seconds (naive, counted from 1970) plus the zone of the place
where a transaction happened; the UTC offset is derived from the zone's daylight-saving rule, so
the April clock change (first Sunday of April in NSW/VIC/ACT/TAS/SA and in New Zealand) falls
inside the usual window while Queensland, the Northern Territory and Western Australia keep one
offset all year.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

# zone -> (standard offset minutes, daylight offset minutes or None, rule)
ZONES: dict[str, tuple[int, int | None, str]] = {
    "AU_EAST": (600, 660, "AU"),
    "AU_SA": (570, 630, "AU"),
    "AU_QLD": (600, None, ""),
    "AU_NT": (570, None, ""),
    "AU_WA": (480, None, ""),
    "CX": (420, None, ""),
    "NZ": (720, 780, "NZ"),
    "UTC7": (420, None, ""),
    "UTC8": (480, None, ""),
    "UTC9": (540, None, ""),
    "UTC530": (330, None, ""),
    "UTC4": (240, None, ""),
    "UTC12": (720, None, ""),
}

# name, state (or region), country, zone, postcode, border/departure-coast flag
CITIES: list[tuple[str, str, str, str, str, bool]] = [
    ("Sydney", "NSW", "AU", "AU_EAST", "2000", False),
    ("Melbourne", "VIC", "AU", "AU_EAST", "3000", False),
    ("Brisbane", "QLD", "AU", "AU_QLD", "4000", False),
    ("Perth", "WA", "AU", "AU_WA", "6000", False),
    ("Adelaide", "SA", "AU", "AU_SA", "5000", False),
    ("Gold Coast", "QLD", "AU", "AU_QLD", "4217", False),
    ("Canberra", "ACT", "AU", "AU_EAST", "2601", False),
    ("Newcastle", "NSW", "AU", "AU_EAST", "2300", False),
    ("Hobart", "TAS", "AU", "AU_EAST", "7000", False),
    ("Wollongong", "NSW", "AU", "AU_EAST", "2500", False),
    ("Geelong", "VIC", "AU", "AU_EAST", "3220", False),
    ("Townsville", "QLD", "AU", "AU_QLD", "4810", False),
    ("Cairns", "QLD", "AU", "AU_QLD", "4870", True),
    ("Darwin", "NT", "AU", "AU_NT", "0800", True),
    ("Broome", "WA", "AU", "AU_WA", "6725", True),
    ("Alice Springs", "NT", "AU", "AU_NT", "0870", False),
    ("Toowoomba", "QLD", "AU", "AU_QLD", "4350", False),
    ("Mildura", "VIC", "AU", "AU_EAST", "3500", False),
    ("Griffith", "NSW", "AU", "AU_EAST", "2680", False),
    ("Bundaberg", "QLD", "AU", "AU_QLD", "4670", False),
    ("Shepparton", "VIC", "AU", "AU_EAST", "3630", False),
    ("Flying Fish Cove", "CX", "CX", "CX", "6798", True),
    ("Thursday Island", "QLD", "AU", "AU_QLD", "4875", True),
    ("Port Hedland", "WA", "AU", "AU_WA", "6721", True),
    ("Launceston", "TAS", "AU", "AU_EAST", "7250", False),
    # abroad (trips, wires, transit)
    ("Auckland", "AKL", "NZ", "NZ", "1010", False),
    ("Queenstown", "OTA", "NZ", "NZ", "9300", False),
    ("Bangkok", "BKK", "TH", "UTC7", "10110", False),
    ("Phuket", "PHK", "TH", "UTC7", "83000", False),
    ("Denpasar", "BA", "ID", "UTC8", "80361", False),
    ("Jakarta", "JK", "ID", "UTC7", "10110", False),
    ("Kupang", "NT", "ID", "UTC8", "85111", True),
    ("Manila", "NCR", "PH", "UTC8", "1000", False),
    ("Seoul", "SEL", "KR", "UTC9", "04524", False),
    ("Kuala Lumpur", "KL", "MY", "UTC8", "50000", False),
    ("Singapore", "SG", "SG", "UTC8", "018956", False),
    ("Tokyo", "TYO", "JP", "UTC9", "100-0001", False),
    ("Colombo", "WP", "LK", "UTC530", "00100", False),
    ("Dubai", "DU", "AE", "UTC4", "00000", False),
    ("Nadi", "W", "FJ", "UTC12", "", False),
]
CITY_INDEX = {c[0]: i for i, c in enumerate(CITIES)}
CITY_NAME = np.array([c[0] for c in CITIES], dtype=object)
CITY_COUNTRY = np.array([c[2] for c in CITIES], dtype=object)
ZONE_NAMES = list(ZONES)
CITY_ZONE = np.array([ZONE_NAMES.index(c[3]) for c in CITIES])
AU_CITIES = [i for i, c in enumerate(CITIES) if c[2] in ("AU", "CX")]

# where ordinary customers live (index into CITIES) and how many do
HOME_WEIGHTS = {
    "Sydney": 26,
    "Melbourne": 22,
    "Brisbane": 11,
    "Perth": 9,
    "Adelaide": 6,
    "Gold Coast": 4,
    "Canberra": 3,
    "Newcastle": 3,
    "Hobart": 2,
    "Wollongong": 2,
    "Geelong": 2,
    "Townsville": 1.5,
    "Cairns": 1.5,
    "Darwin": 2,
    "Broome": 0.5,
    "Alice Springs": 0.4,
    "Toowoomba": 1,
    "Mildura": 0.6,
    "Griffith": 0.4,
    "Bundaberg": 0.6,
    "Shepparton": 0.6,
    "Launceston": 0.8,
    "Port Hedland": 0.4,
    "Flying Fish Cove": 0.1,
    "Thursday Island": 0.1,
}

# AUD value of one unit (rates are this world's own, stable over the window)
AUD_PER: dict[str, float] = {
    "AUD": 1.0,
    "NZD": 0.915,
    "THB": 0.0445,
    "IDR": 0.0000965,
    "PHP": 0.0273,
    "KRW": 0.00111,
    "MYR": 0.342,
    "SGD": 1.17,
    "JPY": 0.0103,
    "LKR": 0.0052,
    "AED": 0.42,
    "FJD": 0.69,
    "USD": 1.55,
    "CNY": 0.215,
    "EUR": 1.66,
    "INR": 0.0185,
    "VND": 0.0000615,
    "GBP": 1.98,
    "HKD": 0.199,
}
COUNTRY_CCY = {
    "NZ": "NZD",
    "TH": "THB",
    "ID": "IDR",
    "PH": "PHP",
    "KR": "KRW",
    "MY": "MYR",
    "SG": "SGD",
    "JP": "JPY",
    "LK": "LKR",
    "AE": "AED",
    "FJ": "FJD",
    "US": "USD",
    "CN": "CNY",
    "IN": "INR",
    "VN": "VND",
    "GB": "GBP",
    "HK": "HKD",
    "AU": "AUD",
    "CX": "AUD",
}

# §0.5 lists, Australian seed values
HT_SOURCE = ["TH", "KR", "CN", "PH", "ID", "VN", "MY"]
MIGRANT_ORIGIN = ["AF", "IQ", "IR", "LK", "PK", "BD"]
MIGRANT_TRANSIT = ["ID", "MY", "TH"]
BORDER_CITIES = [i for i, c in enumerate(CITIES) if c[5]]

START = dt.datetime(2025, 2, 24)
EPOCH = dt.datetime(1970, 1, 1)


def city(name: str) -> int:
    return CITY_INDEX[name]


def start_seconds() -> int:
    return int((START - EPOCH).total_seconds())


def _sunday(year: int, month: int, nth: int) -> dt.datetime:
    """nth Sunday of month (nth=-1: last Sunday)."""
    if nth > 0:
        d = dt.datetime(year, month, 1)
        d += dt.timedelta(days=(6 - d.weekday()) % 7 + 7 * (nth - 1))
        return d
    d = dt.datetime(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return d - dt.timedelta(days=(d.weekday() - 6) % 7)


def _dst_periods(rule: str, years: range) -> list[tuple[int, int]]:
    """Daylight periods as (start, end) in local wall-clock seconds."""
    out = []
    for y in years:
        if rule == "AU":
            begin = _sunday(y, 10, 1) + dt.timedelta(hours=3)
        else:
            begin = _sunday(y, 9, -1) + dt.timedelta(hours=3)
        end = _sunday(y + 1, 4, 1) + dt.timedelta(hours=3)
        out.append((int((begin - EPOCH).total_seconds()), int((end - EPOCH).total_seconds())))
    return out


def offsets(local: np.ndarray, zone: np.ndarray) -> np.ndarray:
    """UTC offset in minutes for local wall-clock seconds in the given zones."""
    first = (EPOCH + dt.timedelta(seconds=int(local.min()))).year - 1
    last = (EPOCH + dt.timedelta(seconds=int(local.max()))).year
    out = np.zeros(local.size, dtype=np.int64)
    for zi, name in enumerate(ZONE_NAMES):
        std, dst, rule = ZONES[name]
        m = zone == zi
        if not m.any():
            continue
        out[m] = std
        if dst is None:
            continue
        dst_on = np.zeros(local.size, dtype=bool)
        for a, b in _dst_periods(rule, range(first, last + 1)):
            dst_on |= (local >= a - 3600) & (local < b)
        out[m & dst_on] = dst
    return out


def offset_text(minutes: np.ndarray) -> np.ndarray:
    """'+11:00' style offsets."""
    table = {m: f"+{m // 60:02d}:{m % 60:02d}" for m in np.unique(minutes).tolist()}
    return np.array([table[m] for m in minutes.tolist()], dtype=object)
