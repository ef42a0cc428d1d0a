"""Card merchants by category code (UK descriptors), with spend shares, amounts and hours."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Spend:
    mcc: str
    weight: float
    median: float
    sigma: float
    hours: str  # day | meal | eve | wide | early
    names: tuple[str, ...]


ORDINARY_SPEND: tuple[Spend, ...] = (
    Spend(
        "5411",
        0.19,
        32.0,
        0.75,
        "day",
        (
            "TESCO STORES",
            "SAINSBURYS S/MKTS",
            "ASDA STORES",
            "ALDI STORES",
            "LIDL GB",
            "MORRISONS",
            "CO-OP GROUP FOOD",
            "M&S SIMPLY FOOD",
        ),
    ),
    Spend(
        "5499",
        0.06,
        7.5,
        0.7,
        "wide",
        ("COSTCUTTER", "ONE STOP", "SPAR", "NISA LOCAL", "MCCOLLS", "PREMIER STORES"),
    ),
    Spend(
        "5814",
        0.15,
        9.0,
        0.6,
        "meal",
        (
            "GREGGS",
            "COSTA COFFEE",
            "PRET A MANGER",
            "MCDONALDS",
            "STARBUCKS",
            "KFC",
            "SUBWAY",
            "DELIVEROO",
            "JUST EAT.CO.UK",
            "UBER *EATS",
        ),
    ),
    Spend(
        "5812",
        0.07,
        34.0,
        0.6,
        "meal",
        (
            "NANDOS",
            "WAGAMAMA",
            "PIZZA EXPRESS",
            "TOBY CARVERY",
            "DISHOOM",
            "ZIZZI",
            "THE PLOUGH INN",
        ),
    ),
    Spend(
        "5813",
        0.04,
        18.0,
        0.7,
        "eve",
        ("WETHERSPOON", "THE RED LION", "ALL BAR ONE", "BREWDOG", "THE CROWN"),
    ),
    Spend(
        "5541",
        0.06,
        55.0,
        0.35,
        "day",
        ("SHELL", "BP", "ESSO", "TESCO PFS", "SAINSBURYS PFS", "TEXACO"),
    ),
    Spend(
        "5912", 0.05, 12.0, 0.7, "day", ("BOOTS", "SUPERDRUG", "LLOYDS PHARMACY", "WELL PHARMACY")
    ),
    Spend(
        "5310",
        0.07,
        14.0,
        0.8,
        "day",
        ("B&M RETAIL", "HOME BARGAINS", "POUNDLAND", "THE RANGE", "WILKO"),
    ),
    Spend(
        "5651",
        0.04,
        38.0,
        0.7,
        "day",
        ("PRIMARK", "NEXT", "TK MAXX", "H&M", "JD SPORTS", "MATALAN"),
    ),
    Spend(
        "5942",
        0.07,
        19.0,
        0.9,
        "wide",
        ("AMAZON.CO.UK", "AMZNMKTPLACE", "ARGOS", "EBAY O*", "CURRYS"),
    ),
    Spend("4121", 0.02, 14.0, 0.5, "eve", ("UBER *TRIP", "BOLT.EU/O", "ADDISON LEE", "FREENOW")),
    Spend(
        "4111",
        0.05,
        6.5,
        0.6,
        "early",
        ("TFL TRAVEL CH", "FIRST BUS", "STAGECOACH", "METROLINK", "ARRIVA"),
    ),
    Spend(
        "4112",
        0.015,
        32.0,
        0.8,
        "early",
        ("TRAINLINE", "LNER", "AVANTI WEST COAST", "NORTHERN TRAINS"),
    ),
    Spend("7523", 0.02, 4.5, 0.6, "day", ("RINGGO", "NCP", "JUSTPARK", "PAYBYPHONE")),
    Spend("7832", 0.01, 16.0, 0.4, "eve", ("ODEON", "CINEWORLD", "VUE CINEMAS")),
    Spend("7230", 0.01, 22.0, 0.5, "day", ("TONI&GUY", "TURKISH BARBERS", "REGIS SALON")),
    Spend("5977", 0.01, 21.0, 0.6, "day", ("SUPERDRUG BEAUTY", "THE BODY SHOP", "SEPHORA UK")),
    Spend("5200", 0.02, 36.0, 0.9, "day", ("B&Q", "SCREWFIX", "TOOLSTATION", "WICKES")),
    Spend(
        "7995", 0.006, 10.0, 0.8, "eve", ("BET365", "SKY BET", "PADDY POWER", "NATIONAL LOTTERY")
    ),
    Spend("8021", 0.004, 65.0, 0.6, "day", ("MYDENTIST", "BUPA DENTAL CARE")),
    Spend("7011", 0.003, 95.0, 0.5, "day", ("PREMIER INN", "TRAVELODGE", "HOLIDAY INN EXPRESS")),
    Spend("4511", 0.002, 140.0, 0.7, "wide", ("EASYJET", "RYANAIR", "JET2.COM", "BRITISH AIRWAYS")),
)

SUBSCRIPTIONS = (
    ("NETFLIX.COM", "4899", 10.99),
    ("SPOTIFY P", "4899", 11.99),
    ("DISNEY PLUS", "4899", 7.99),
    ("AMAZON PRIME*", "5968", 8.99),
    ("PUREGYM", "7997", 24.99),
    ("APPLE.COM/BILL", "5818", 2.99),
)

# Crime-side and look-alike merchants
ADS_DOMESTIC = ("CLASSIFEED UK", "LOCALADS*BOOST", "CITYBOARD PREMIUM", "GUMTREE.COM")
ADS_FOREIGN = (("NIGHTLIST EU", "NL"), ("PRIVEDIRECTORY", "CY"), ("ESCORTHUB LTD", "MT"))
HOTELS = (
    "PREMIER INN",
    "TRAVELODGE",
    "IBIS BUDGET",
    "HOLIDAY INN EXPRESS",
    "AIRBNB * HM",
    "BOOKING.COM HOTEL",
    "EASYHOTEL",
    "THE STATION HOTEL",
)
RIDES = ("UBER *TRIP", "BOLT.EU/O", "FREENOW", "VERONICA CABS")
FASTFOOD = ("MCDONALDS", "KFC", "DELIVEROO", "JUST EAT.CO.UK", "UBER *EATS", "DOMINOS PIZZA")
APPEARANCE = (
    ("ANN SUMMERS", "5631"),
    ("BOOTS", "5912"),
    ("SUPERDRUG", "5912"),
    ("SEPHORA UK", "5977"),
    ("BEAUTY BAY", "5977"),
    ("NAILS & LASHES", "7230"),
)
TOPUPS = ("LEBARA MOBILE", "LYCAMOBILE", "GIFFGAFF", "VOXI TOPUP", "LEBARA MOBILE")
LUXURY = (
    ("GOLDSMITHS", "5944"),
    ("HARVEY NICHOLS", "5311"),
    ("MAYFAIR MOTORS", "5511"),
    ("SELFRIDGES", "5311"),
    ("BOUJIS CLUB", "5813"),
    ("GUCCI LONDON", "5661"),
)
CASINOS = (
    ("GROSVENOR CASINO", "7995"),
    ("GENTING CASINO", "7995"),
    ("BETFRED ONLINE", "7995"),
    ("LIVE CASINO ONLINE", "7995"),
)
CRYPTO = ("COINBASE UK", "KRAKEN", "BINANCE*", "MOONPAY")
VOUCHERS = ("PAYPOINT NEWS", "PAYSAFECARD*", "CIRCLE NEWSAGENT", "MCCOLLS")
PROCESSORS_ADULT = ("VELVETPAY EU", "NIGHTGATE PAYMENTS LTD")
ACQUIRERS = (
    "WORLDPAY",
    "SUMUP PAYMENTS",
    "STRIPE PAYMENTS UK",
    "ZETTLE BY PAYPAL",
    "BARCLAYCARD MERCH SVCS",
    "DOJO",
)
MSB_NAMES = ("WESTERN UNION", "WORLDREMIT", "REMITLY", "MONEYGRAM", "TAPTAP SEND", "LEMFI")
AIRLINES = (
    ("BRITISH AIRWAYS", "4511"),
    ("TURKISH AIRLINES", "4511"),
    ("QATAR AIRWAYS", "4511"),
    ("WIZZ AIR", "4511"),
    ("THAI AIRWAYS", "4511"),
    ("EMIRATES", "4511"),
)
