"""Places, institutions and outside banks of the holdout world (a UK setting, GBP reporting)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class City:
    name: str
    nation: str  # ENG, SCT, WLS, NIR
    areas: tuple[str, ...]  # postcode outward codes
    dial: str  # landline dialling code without the leading 0
    weight: float
    zone: str = ""  # "border" (NI land border), "coast" (Channel/ferry ports) or ""


CITIES: tuple[City, ...] = (
    City(
        "London",
        "ENG",
        ("E1", "E6", "E17", "N7", "N15", "SE5", "SE15", "SW9", "W3", "NW10", "IG1"),
        "20",
        22.0,
    ),
    City("Birmingham", "ENG", ("B5", "B10", "B11", "B19", "B23"), "121", 7.0),
    City("Manchester", "ENG", ("M8", "M13", "M14", "M16", "M40"), "161", 6.0),
    City("Leeds", "ENG", ("LS6", "LS8", "LS9", "LS11"), "113", 4.0),
    City("Liverpool", "ENG", ("L4", "L7", "L8", "L15"), "151", 3.5),
    City("Sheffield", "ENG", ("S2", "S4", "S7", "S11"), "114", 3.0),
    City("Bristol", "ENG", ("BS2", "BS3", "BS5", "BS7"), "117", 3.0),
    City("Newcastle upon Tyne", "ENG", ("NE1", "NE4", "NE6"), "191", 2.5),
    City("Nottingham", "ENG", ("NG1", "NG5", "NG7"), "115", 2.5),
    City("Leicester", "ENG", ("LE1", "LE2", "LE4", "LE5"), "116", 2.5),
    City("Coventry", "ENG", ("CV1", "CV2", "CV6"), "24", 2.0),
    City("Bradford", "ENG", ("BD3", "BD5", "BD8"), "1274", 2.0),
    City("Hull", "ENG", ("HU3", "HU5", "HU9"), "1482", 1.5),
    City("Southampton", "ENG", ("SO14", "SO15", "SO17"), "23", 1.5),
    City("Reading", "ENG", ("RG1", "RG2", "RG30"), "118", 1.5),
    City("Luton", "ENG", ("LU1", "LU2", "LU4"), "1582", 1.2),
    City("Slough", "ENG", ("SL1", "SL2"), "1753", 1.0),
    City("Peterborough", "ENG", ("PE1", "PE2", "PE4"), "1733", 1.2),
    City("Boston", "ENG", ("PE21",), "1205", 0.6),
    City("Spalding", "ENG", ("PE11", "PE12"), "1775", 0.5),
    City("Wisbech", "ENG", ("PE13", "PE14"), "1945", 0.5),
    City("Stoke-on-Trent", "ENG", ("ST1", "ST4", "ST6"), "1782", 1.2),
    City("Blackpool", "ENG", ("FY1", "FY4"), "1253", 0.8),
    City("Dover", "ENG", ("CT16", "CT17"), "1304", 0.5, "coast"),
    City("Folkestone", "ENG", ("CT19", "CT20"), "1303", 0.5, "coast"),
    City("Cardiff", "WLS", ("CF10", "CF11", "CF24"), "29", 2.0),
    City("Swansea", "WLS", ("SA1", "SA2"), "1792", 1.0),
    City("Holyhead", "WLS", ("LL65",), "1407", 0.2, "coast"),
    City("Glasgow", "SCT", ("G3", "G31", "G42", "G51"), "141", 3.5),
    City("Edinburgh", "SCT", ("EH6", "EH7", "EH11"), "131", 2.5),
    City("Aberdeen", "SCT", ("AB10", "AB24"), "1224", 1.0),
    City("Stranraer", "SCT", ("DG9",), "1776", 0.2, "coast"),
    City("Belfast", "NIR", ("BT1", "BT5", "BT7", "BT12", "BT14"), "28", 3.0),
    City("Newry", "NIR", ("BT34", "BT35"), "28", 0.6, "border"),
    City("Londonderry", "NIR", ("BT47", "BT48"), "28", 0.8, "border"),
    City("Strabane", "NIR", ("BT82",), "28", 0.3, "border"),
    City("Enniskillen", "NIR", ("BT74",), "28", 0.3, "border"),
)
CITY_NAMES: tuple[str, ...] = tuple(c.name for c in CITIES)
CITY_BY_NAME: dict[str, City] = {c.name: c for c in CITIES}
BORDER_CITIES = ("Newry", "Londonderry", "Strabane", "Enniskillen", "Dover", "Folkestone")
MAIN_CITIES = (
    "London",
    "Birmingham",
    "Manchester",
    "Leeds",
    "Liverpool",
    "Sheffield",
    "Bristol",
    "Newcastle upon Tyne",
    "Nottingham",
    "Leicester",
    "Glasgow",
    "Cardiff",
    "Coventry",
)

STREETS = (
    "High Street",
    "Station Road",
    "Church Lane",
    "Victoria Road",
    "Park Avenue",
    "Queen's Road",
    "Mill Lane",
    "Albert Street",
    "Green Lane",
    "Manor Way",
    "King Street",
    "Grove Road",
    "Stanley Road",
    "Chapel Street",
    "Springfield Road",
    "Oxford Road",
    "Northumberland Street",
    "Clarence Terrace",
    "Belmont Close",
    "Cromwell Road",
    "Dale Street",
    "Heath Road",
    "Windsor Crescent",
    "Beech Avenue",
    "Ormeau Road",
)


@dataclass(frozen=True)
class Institution:
    iid: str
    name: str
    kind: str  # bank | society | digital | ni_bank | emi
    share: float  # share of ordinary customers whose main bank it is


INSTITUTIONS: tuple[Institution, ...] = (
    Institution("HRTWGB2L", "Hartwell Bank plc", "bank", 0.46),
    Institution("PENNINE-BS", "Pennine Building Society", "society", 0.20),
    Institution("KESTREL", "Kestrel Money Ltd", "digital", 0.20),
    Institution("LOUGHSIDE", "Loughside Bank", "ni_bank", 0.09),
    Institution("SWIFTSEND", "Swiftsend Payments Ltd", "emi", 0.05),
)
INST_IDS: tuple[str, ...] = tuple(i.iid for i in INSTITUTIONS)

OUTSIDE_BANKS = (
    "Barclays Bank UK",
    "Lloyds Bank",
    "NatWest",
    "HSBC UK",
    "Santander UK",
    "Nationwide BS",
    "Monzo Bank",
    "Starling Bank",
    "Revolut Ltd",
    "Halifax",
    "TSB Bank",
    "Danske Bank NI",
    "Metro Bank",
    "Co-operative Bank",
)
OUTSIDE_SORT = (
    "20-",
    "30-",
    "60-",
    "40-",
    "09-",
    "07-",
    "04-",
    "60-",
    "04-",
    "11-",
    "77-",
    "95-",
    "23-",
    "08-",
)
FOREIGN_BANKS: dict[str, tuple[str, ...]] = {
    "RO": ("Banca Transilvania", "BCR"),
    "TH": ("Kasikornbank", "Bangkok Bank"),
    "CN": ("ICBC", "Bank of China"),
    "VN": ("Vietcombank", "Techcombank"),
    "AL": ("Raiffeisen Bank Albania", "BKT"),
    "TR": ("Ziraat Bankasi", "Garanti BBVA"),
    "AE": ("Emirates NBD", "Mashreq"),
    "IQ": ("Kurdistan Intl Bank", "Rafidain Bank"),
    "IN": ("State Bank of India", "HDFC Bank"),
    "PK": ("HBL", "Meezan Bank"),
    "NP": ("Nabil Bank", "Global IME Bank"),
    "ID": ("Bank Mandiri", "BRI"),
    "PH": ("BDO Unibank", "Metrobank"),
    "NG": ("GTBank", "Access Bank"),
    "PL": ("PKO BP", "mBank"),
    "BG": ("DSK Bank", "UniCredit Bulbank"),
    "BR": ("Banco do Brasil", "Itau"),
    "RS": ("Banca Intesa Beograd", "AIK Banka"),
    "FR": ("BNP Paribas", "Credit Agricole"),
    "DE": ("Sparkasse", "Deutsche Bank"),
    "IE": ("Bank of Ireland", "AIB"),
    "HK": ("HSBC Hong Kong", "Hang Seng"),
    "NI": ("Banpro", "BAC Nicaragua"),
    "ER": ("Commercial Bank of Eritrea",),
    "IR": ("Bank Melli",),
    "AF": ("Azizi Bank",),
    "KG": ("Optima Bank", "Aiyl Bank"),
    "LT": ("Swedbank LT", "SEB LT"),
    "JM": ("NCB Jamaica",),
    "BE": ("KBC", "Belfius"),
}
IBAN_COUNTRIES = {"RO", "AL", "TR", "AE", "PL", "BG", "RS", "FR", "DE", "IE", "LT", "BE", "PK"}
EUR_COUNTRIES = {"FR", "DE", "IE", "ES", "IT", "PT", "GR", "BE", "NL", "LT"}
ZONES: dict[str, str] = {
    "GB": "Europe/London",
    "IE": "Europe/Dublin",
    "FR": "Europe/Paris",
    "ES": "Europe/Madrid",
    "IT": "Europe/Rome",
    "PT": "Europe/Lisbon",
    "GR": "Europe/Athens",
    "NL": "Europe/Amsterdam",
}
ZONE_KEYS: tuple[str, ...] = tuple(ZONES)
FX_TO_GBP = {"GBP": 1.0, "EUR": 0.845, "USD": 0.79}
