"""Invented words the synthetic datasets are made of: names, places, merchants, memos.

Everything here is made up (documentation phone ranges, `example.*` mail domains, documentation
IP ranges); combinations of common first and last names do not describe real people.
"""

from __future__ import annotations

from dataclasses import dataclass

#: The reporting currency: `base_amount` is given in it wherever a transaction's currency differs.
REPORTING_CURRENCY = "CAD"


@dataclass(frozen=True)
class Country:
    """A country the synthetic parties live, bank or spend in."""

    code: str
    currency: str
    cad_per_unit: float  # a fixed rate for `base_amount`; realism of the rate does not matter
    places: tuple[tuple[str, str], ...]  # (city, postal code)
    #: UTC offset by month (January first), for the offsets in transaction timestamps.
    monthly_offsets: tuple[str, ...]
    #: Phone number plans, each (E.164, national form or "", spaced international form);
    #: `#` stands for the next random digit. Fictional ranges where the regulator has them.
    phone_plans: tuple[tuple[str, str, str], ...]


def _offsets(usual: str, switched: str, switched_months: range) -> tuple[str, ...]:
    return tuple(switched if month in switched_months else usual for month in range(1, 13))


def _nanp(areas: tuple[str, ...]) -> tuple[tuple[str, str, str], ...]:
    """North American numbers in the fictional 555-0100..0199 block."""
    return tuple((f"+1{a}55501##", f"({a}) 555-01##", f"+1 {a} 555 01##") for a in areas)


NORTHERN_SUMMER = range(4, 11)
NO_SWITCH = range(0)

COUNTRIES: tuple[Country, ...] = (
    Country(
        "CA", "CAD", 1.0,
        (("Toronto", "M5V 2T6"), ("Toronto", "M4C 1B5"), ("Vancouver", "V6B 1A1"),
         ("Montréal", "H2X 1Y4"), ("Winnipeg", "R3C 4T3")),
        _offsets("-05:00", "-04:00", NORTHERN_SUMMER),
        _nanp(("416", "647", "604", "514", "204")),
    ),
    Country(
        "GB", "GBP", 1.72,
        (("London", "SW1A 1AA"), ("London", "E1 6AN"), ("Manchester", "M1 1AE"),
         ("Birmingham", "B1 1AA")),
        _offsets("+00:00", "+01:00", NORTHERN_SUMMER),
        (("+4420794600##", "020 7946 00##", "+44 20 7946 00##"),
         ("+447700900###", "07700 900###", "+44 7700 900###"),
         ("+441614960###", "0161 496 0###", "+44 161 496 0###")),
    ),
    Country(
        "DE", "EUR", 1.47,
        (("Berlin", "10115"), ("Hamburg", "20095"), ("München", "80331")),
        _offsets("+01:00", "+02:00", NORTHERN_SUMMER),
        (("+493000######", "030 00######", "+49 30 00######"),),
    ),
    Country(
        "US", "USD", 1.36,
        (("New York", "10001"), ("Chicago", "60601"), ("Houston", "77002")),
        _offsets("-05:00", "-04:00", NORTHERN_SUMMER),
        _nanp(("212", "312", "713")),
    ),
    Country(
        "NL", "EUR", 1.47,
        (("Amsterdam", "1012 AB"), ("Rotterdam", "3011 AA")),
        _offsets("+01:00", "+02:00", NORTHERN_SUMMER),
        (("+31600######", "06 00######", "+31 6 00######"),),
    ),
    Country(
        "AU", "AUD", 0.9,
        (("Sydney", "2000"), ("Melbourne", "3000")),
        _offsets("+11:00", "+10:00", range(4, 10)),  # southern summer time, October to March
        (("+6125550####", "(02) 5550 ####", "+61 2 5550 ####"),),
    ),
    Country(
        "RO", "RON", 0.29, (("București", "010011"), ("Cluj-Napoca", "400001")),
        _offsets("+02:00", "+03:00", NORTHERN_SUMMER),
        (("+4070000####", "", "+40 700 00####"),),
    ),
    Country(
        "PH", "PHP", 0.024, (("Manila", "1000"), ("Cebu City", "6000")),
        _offsets("+08:00", "+08:00", NO_SWITCH),
        (("+63900000####", "0900 000 ####", "+63 900 000 ####"),),
    ),
    Country(
        "MX", "MXN", 0.075, (("Ciudad de México", "06000"), ("Guadalajara", "44100")),
        _offsets("-06:00", "-06:00", NO_SWITCH),
        (("+525500######", "", "+52 55 00######"),),
    ),
    Country(
        "NG", "NGN", 0.0009, (("Lagos", "100001"), ("Abuja", "900001")),
        _offsets("+01:00", "+01:00", NO_SWITCH),
        (("+234800000####", "", "+234 800 000 ####"),),
    ),
    Country(
        "TH", "THB", 0.038, (("Bangkok", "10200"), ("Pattaya", "20150")),
        _offsets("+07:00", "+07:00", NO_SWITCH),
        (("+668000#####", "", "+66 80 00#####"),),
    ),
    Country(
        "IN", "INR", 0.016, (("Mumbai", "400001"), ("Delhi", "110001")),
        _offsets("+05:30", "+05:30", NO_SWITCH),
        (("+919000######", "", "+91 900 0######"),),
    ),
)  # fmt: skip

#: Where parties live (weights follow COUNTRIES).
ADDRESS_COUNTRY_WEIGHTS = (0.44, 0.2, 0.1, 0.13, 0.02, 0.03, 0.02, 0.02, 0.01, 0.01, 0.01, 0.01)
#: Nationalities of parties who are not nationals of their address country.
OTHER_NATIONALITIES = ("RO", "PH", "MX", "NG", "TH", "IN", "VN", "UA", "VE", "SY", "ER", "HN", "AL")

#: (institution id, country code of COUNTRIES); several institutions share the dataset.
INSTITUTIONS = (
    ("INST-MAPLE", "CA"),
    ("INST-NORTHSTAR", "CA"),
    ("INST-THAMES", "GB"),
    ("INST-RHEIN", "DE"),
    ("INST-LIBERTY", "US"),
)

FIRST_NAMES = (
    "Anna", "José", "Zoë", "Łukasz", "Maria", "Chidi", "Priya", "Ahmed", "Olga", "Mateo",
    "Siobhán", "Kwame", "Mei", "Ioana", "Rafael", "Aroha", "Ingrid", "Tomás", "Amara", "Dmitri",
    "Fatima", "Liam", "Noor", "Elena", "Bui", "Grace", "Ramón", "Yuki", "Oksana", "Kofi",
)  # fmt: skip
LAST_NAMES = (
    "Varga", "Okafor", "Lindqvist", "Moreau", "Castillo", "Reyes", "Popescu", "Santos",
    "Kowalski", "Nakamura", "Haddad", "O'Brien", "Ferreira", "Dubois", "Mensah", "Bautista",
    "Sørensen", "García", "Müller", "Quispe", "Tanaka", "Novak", "Adeyemi", "Petrov", "Silva",
)  # fmt: skip
ORG_STEMS = (
    "Northwind", "Bluefin", "Aurora", "Maple Leaf", "Silver Birch", "Harbourview", "Golden Lotus",
    "Red Kite", "Crescent", "Evergreen", "Lakeside", "Summit", "Starlight", "Orchid",
)  # fmt: skip
#: (business line, ISIC Rev. 4 class)
ORG_LINES = (
    ("Logistics", "4923"), ("Hospitality", "5510"), ("Staffing", "7810"), ("Day Spa", "9609"),
    ("Nail Studio", "9602"), ("Construction", "4100"), ("Trading", "4690"),
    ("Cleaning Services", "8121"), ("Travel", "7911"), ("Farms", "0111"), ("Restaurant", "5610"),
)  # fmt: skip
ORG_SUFFIXES = ("Ltd", "Inc.", "GmbH", "B.V.", "LLC", "Pty Ltd", "Corp.", "& Partners, LLP")
OCCUPATIONS = (
    "nurse", "construction worker", "student", "massage therapist", "driver",
    "software developer", "cleaner", "farm worker", "restaurant cook", "retired", "unemployed",
    "accountant", "hairdresser, self-employed",
)  # fmt: skip
STREETS = ("Maple", "Harbour", "King", "Queen", "Station", "Mill", "Church", "Birch", "Lake")
STREET_KINDS = ("Street", "Road", "Avenue", "Lane", "Crescent")
MAIL_DOMAINS = ("example.com", "example.org", "example.net", "mail.example")

#: (merchant name, ISO 18245 merchant category code)
MERCHANTS = (
    ("Harbour Inn Hotel", "7011"), ("QuickRide Taxi", "4121"), ("Lotus Day Spa", "7297"),
    ("Glamour Nails", "7230"), ("ClickAds Online", "7311"), ("PrepaidPlus Cards", "6051"),
    ("SendFast Money Transfer", "4829"), ("Job Bridge Agency", "7361"),
    ("Fresh Mart Grocery", "5411"), ("Fuel Stop", "5541"), ("Corner Café", "5814"),
    ("PharmaCare", "5912"), ("Metro Transit", "4111"), ("Budget Airways", "4511"),
    ("Stream Box", "4899"), ("Motel Sunset, Rooms", "7011"),
)  # fmt: skip

ACCOUNT_TYPES = ("current", "savings", "business", "prepaid_card", "credit_card", "wallet", "loan")
PERSON_ACCOUNT_WEIGHTS = (0.45, 0.2, 0.0, 0.08, 0.12, 0.08, 0.07)
ORG_ACCOUNT_WEIGHTS = (0.1, 0.05, 0.75, 0.02, 0.05, 0.0, 0.03)

CHANNELS = (
    "card",
    "cash",
    "wire",
    "ach",
    "p2p",
    "remittance",
    "cheque",
    "internal",
    "crypto",
    "other",
)
CHANNEL_WEIGHTS = (0.32, 0.12, 0.07, 0.1, 0.12, 0.05, 0.03, 0.12, 0.03, 0.04)
#: Which account types a channel's own-side account is drawn from.
CHANNEL_ACCOUNT_TYPES = {
    "card": ("current", "credit_card", "prepaid_card", "business"),
    "cash": ("current", "savings", "business", "prepaid_card"),
    "wire": ("current", "savings", "business"),
    "ach": ("current", "savings", "business", "loan", "credit_card"),
    "p2p": ("current", "savings", "wallet", "prepaid_card"),
    "remittance": ("current", "savings", "wallet"),
    "cheque": ("current", "business"),
    "internal": ACCOUNT_TYPES,
    "crypto": ("current", "wallet", "savings"),
    "other": ACCOUNT_TYPES,
}

RELATIONS = ("holder", "joint_holder", "signatory", "beneficial_owner", "authorised_user")
LABELS = ("suspicious", "not_suspicious")
LABEL_SOURCES = ("str_filed", "law_enforcement_confirmed", "analyst_closed")
WATCHLIST_KINDS = ("name", "phone", "email", "address", "account", "device", "ip_address")
WATCHLIST_NOTES = (
    "FIU partnership bulletin, case 2024-17",
    "police request: linked to an advert for massage services",
    "shared by partner bank, recruiter of seasonal workers",
    "",
)

#: Memos by channel; commas, quotes and non-ASCII text on purpose.
DESCRIPTIONS = {
    "card": ("", "", "Online order #4411", 'Gift card "Welcome"'),
    "cash": ("", "ATM withdrawal", "Branch deposit, counted", "Cash deposit"),
    "wire": ("Invoice 2024-0031, services", "Rent, March", 'Ref. "INV-77"', "Fees, visa"),
    "ach": ("Payroll", "Salary, ACME Staffing", "Hydro bill", "Loan repayment"),
    "p2p": ("dinner, thanks", "rent", "for the ride", "😀 birthday", ""),
    "remittance": ("family support", "para mamá", "school fees, Manila", ""),
    "cheque": ("Cheque 000123", "Deposit, cheque 88", ""),
    "internal": ("Transfer to savings", "Top-up", ""),
    "crypto": ("Exchange purchase", "Wallet top-up, USDT", ""),
    "other": ("Adjustment", "Chargeback, dispute 5521", ""),
}
#: Second lines for the descriptions that span two lines in `multiline_descriptions` datasets.
SECOND_LINES = ("thank you", "ref 2 of 3", "see attached, please")

SOURCE_SYSTEMS = ("core-v2", "cards", "payments-hub")

#: Documentation address blocks (RFC 5737, RFC 3849).
IPV4_PREFIXES = ("192.0.2.", "198.51.100.", "203.0.113.")
IPV6_PREFIX = "2001:db8:"

#: Outside institutions: (BIC-like code or name, country code).
OUTSIDE_INSTITUTIONS = (
    ("SYNTGB2LXXX", "GB"), ("FICTDEFFXXX", "DE"), ("EXMPPHMMXXX", "PH"), ("Banco Ficticio", "MX"),
    ("DEMONGLAXXX", "NG"), ("TESTTHBKXXX", "TH"), ("Sample Bank of India", "IN"),
    ("MOCKROBUXXX", "RO"), ("Northern Example Credit Union", "CA"), ("PLACEUS33XXX", "US"),
)  # fmt: skip
