"""Australian card-merchant catalogue: category -> (MCC, brands, log-mean, log-sd, hour profile)."""

from __future__ import annotations

import math

import numpy as np

from .places import CITIES

CATS: dict[str, tuple[str, list[str], float, float, str]] = {
    "grocery": (
        "5411",
        ["WOOLWORTHS", "COLES", "ALDI STORES", "IGA", "FOODWORKS", "HARRIS FARM MARKETS"],
        math.log(52),
        0.75,
        "shop",
    ),
    "convenience": (
        "5499",
        ["7-ELEVEN", "NIGHTOWL", "EZYMART", "ON THE RUN"],
        math.log(11),
        0.6,
        "online",
    ),
    "fuel": (
        "5541",
        ["BP", "AMPOL", "SHELL COLES EXPRESS", "UNITED PETROLEUM", "PUMA ENERGY"],
        math.log(72),
        0.35,
        "day",
    ),
    "coffee": (
        "5814",
        ["CAFE BOTANICA", "THE GRIND", "BEAN THERE", "FLAT WHITE CO", "MUMU COFFEE", "SEVEN SEEDS"],
        math.log(5.8),
        0.3,
        "coffee",
    ),
    "takeaway": (
        "5814",
        [
            "MCDONALDS",
            "HUNGRY JACKS",
            "GUZMAN Y GOMEZ",
            "OPORTO",
            "SUBWAY",
            "KFC",
            "SUSHI HUB",
            "ZAMBRERO",
        ],
        math.log(16),
        0.5,
        "meal",
    ),
    "delivery": ("5812", ["UBER *EATS", "MENULOG", "DOORDASH AU"], math.log(38), 0.4, "evening"),
    "restaurant": (
        "5812",
        [
            "SALT & PEPPER BISTRO",
            "NONNA'S TRATTORIA",
            "PHO SAIGON",
            "BANGKOK STREET",
            "THE RIVERSIDE GRILL",
            "DUMPLING HOUSE",
        ],
        math.log(68),
        0.6,
        "meal",
    ),
    "pub": (
        "5813",
        ["THE ROYAL HOTEL", "COMMERCIAL HOTEL", "THE LOCAL TAPHOUSE", "EXCHANGE HOTEL"],
        math.log(34),
        0.7,
        "evening",
    ),
    "transport": (
        "4111",
        [
            "TRANSPORT FOR NSW OPAL",
            "PTV MYKI",
            "TRANSLINK GO CARD",
            "TRANSPERTH SMARTRIDER",
            "ADELAIDE METRO",
        ],
        math.log(4.6),
        0.4,
        "commute",
    ),
    "rideshare": (
        "4121",
        ["UBER *TRIP", "DIDI MOBILITY", "13CABS", "OLA CABS"],
        math.log(24),
        0.5,
        "evening",
    ),
    "pharmacy": (
        "5912",
        ["CHEMIST WAREHOUSE", "PRICELINE PHARMACY", "TERRYWHITE CHEMMART", "AMCAL PHARMACY"],
        math.log(26),
        0.6,
        "shop",
    ),
    "department": (
        "5311",
        ["KMART", "BIG W", "TARGET AUSTRALIA", "MYER", "DAVID JONES"],
        math.log(45),
        0.8,
        "shop",
    ),
    "hardware": (
        "5200",
        ["BUNNINGS WAREHOUSE", "MITRE 10", "TOTAL TOOLS"],
        math.log(62),
        0.8,
        "day",
    ),
    "electronics": (
        "5732",
        ["JB HI-FI", "THE GOOD GUYS", "HARVEY NORMAN", "OFFICEWORKS"],
        math.log(110),
        0.9,
        "shop",
    ),
    "online": (
        "5999",
        ["AMAZON AU MARKETPLACE", "CATCH.COM.AU", "EBAY AUSTRALIA", "TEMU.COM", "THE ICONIC"],
        math.log(42),
        0.8,
        "online",
    ),
    "clothing": (
        "5651",
        ["UNIQLO", "COTTON ON", "RIVERS", "BIG W APPAREL", "R.M.WILLIAMS"],
        math.log(58),
        0.7,
        "shop",
    ),
    "liquor": (
        "5921",
        ["DAN MURPHYS", "BWS", "LIQUORLAND", "FIRST CHOICE LIQUOR"],
        math.log(42),
        0.6,
        "evening",
    ),
    "parking": (
        "7523",
        ["WILSON PARKING", "SECURE PARKING", "CELLOPARK"],
        math.log(11),
        0.6,
        "day",
    ),
    "beauty": (
        "7230",
        ["JUST CUTS", "THE BARBER SHOP", "NAIL ART STUDIO"],
        math.log(42),
        0.5,
        "day",
    ),
    "cinema": (
        "7832",
        ["HOYTS", "EVENT CINEMAS", "PALACE CINEMAS", "READING CINEMAS"],
        math.log(24),
        0.4,
        "evening",
    ),
    "medical": (
        "8011",
        ["FAMILY MEDICAL CENTRE", "SMILE DENTAL", "SPECSAVERS"],
        math.log(85),
        0.7,
        "office",
    ),
    "games": (
        "5816",
        ["STEAM GAMES", "PLAYSTATION NETWORK", "XBOX", "NINTENDO ESHOP"],
        math.log(25),
        0.6,
        "late",
    ),
    "wholesale": ("5300", ["COSTCO WHOLESALE"], math.log(180), 0.5, "day"),
    "massage": (
        "7297",
        ["REMEDIAL MASSAGE CLINIC", "DAY SPA RETREAT", "THAI MASSAGE HOUSE", "PHYSIO & MASSAGE"],
        math.log(85),
        0.3,
        "day",
    ),
    "lodging": (
        "7011",
        [
            "IBIS BUDGET",
            "QUEST APARTMENTS",
            "TRAVELODGE",
            "OAKS HOTELS",
            "AIRBNB * HMQ",
            "BOOKING.COM HOTEL",
        ],
        math.log(180),
        0.35,
        "evening",
    ),
    "airline": (
        "4511",
        ["QANTAS AIRWAYS", "VIRGIN AUSTRALIA", "JETSTAR", "REX AIRLINES"],
        math.log(240),
        0.5,
        "online",
    ),
    "lingerie": (
        "5631",
        ["HONEY BIRDETTE", "BONDS OUTLET", "BRAS N THINGS"],
        math.log(70),
        0.5,
        "shop",
    ),
    "telecom_topup": (
        "4814",
        ["BOOST MOBILE RECHARGE", "LEBARA TOP UP", "ALDIMOBILE RECHARGE", "OPTUS PREPAID"],
        math.log(30),
        0.3,
        "online",
    ),
}

TRANSIT_BY_STATE = {"NSW": 0, "ACT": 0, "VIC": 1, "QLD": 2, "WA": 3, "SA": 4}


def descriptor_table() -> dict[str, np.ndarray]:
    """(brand x city) descriptor strings per category, e.g. 'WOOLWORTHS 1042 MELBOURNE'."""
    out = {}
    for cat, (_, brands, *_rest) in CATS.items():
        tab = np.empty((len(brands), len(CITIES)), dtype=object)
        for b, brand in enumerate(brands):
            for c, (name, *_x) in enumerate(CITIES):
                store = (b * 131 + c * 17) % 900 + 100
                online = any(t in brand for t in ("*", ".COM", "AMAZON", "EBAY", "STEAM"))
                if online or cat in ("transport", "airline", "games", "telecom_topup"):
                    tab[b, c] = brand
                elif cat in ("coffee", "restaurant", "pub", "beauty"):
                    tab[b, c] = f"{brand} {name.upper()}"
                else:
                    tab[b, c] = f"{brand} {store:04d} {name.upper()[:12]}"
        out[cat] = tab
    return out


DESCRIPTORS = descriptor_table()
