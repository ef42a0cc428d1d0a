"""One comparable key for a postal address, as SQL: how parties' addresses are compared.

Institutions write one address many ways: "Flat 20, 214 Springfield Road", "214 SPRINGFIELD RD
FLAT 20", "20/214 Springfield Rd" (Australian unit notation); a suburb ("Northbridge") where
another bank writes the city ("Perth"). The key is the street line without accents,
punctuation or case, street types abbreviated, and the postal code (the city where there is
none): the postal code is what two banks agree on, and it tells "45 Church Lane, London E6"
from "45 Church Lane, London W3". ``building=True`` also drops the flat or unit, for
"registered at the premises of a business": workers living in the rooms of a massage
storefront or above a shop give the building's address with a room number of their own.

Computed once per screening into ``party_addresses`` (ties and measures); entity resolution
compares the key too. A watchlist address has no postal code or city, so it is still matched
as written (lower case, spaces collapsed; ``ingest/phones.py``).
"""

from __future__ import annotations

#: Street-type words and the abbreviation they are compared as (UK, US, Canadian, Australian).
STREET_TYPES = {
    "street": "st",
    "road": "rd",
    "avenue": "ave",
    "av": "ave",
    "terrace": "tce",
    "lane": "ln",
    "drive": "dr",
    "court": "ct",
    "place": "pl",
    "crescent": "cres",
    "close": "cl",
    "highway": "hwy",
    "parade": "pde",
    "boulevard": "blvd",
    "square": "sq",
    "circuit": "cct",
    "grove": "gr",
    "esplanade": "esp",
    "parkway": "pkwy",
    "promenade": "prom",
    "gardens": "gdns",
    "heights": "hts",
    "freeway": "fwy",
    "expressway": "expy",
}
#: Words that introduce a flat or unit number.
UNIT_WORDS = ["flat", "unit", "apt", "apartment", "suite", "ste", "room", "rm", "level", "lvl"]


def address_key(address: str, postal_code: str, city: str, *, building: bool = False) -> str:
    """SQL for the key of the address in columns ``address``, ``postal_code``, ``city``: the
    building's street line and place, then (unless ``building``) ``#`` and the unit."""
    lowered = f"lower(strip_accents(coalesce({address}, '')))"
    line = f"regexp_replace({lowered}, '[^a-z0-9/ ]+', ' ', 'g')"
    units = "|".join(UNIT_WORDS)
    unit_word = f"\\b({units})\\s*([a-z]?[0-9]+[a-z]?)\\b"
    unit_slash = "\\b([a-z]?[0-9]+[a-z]?)\\s*/\\s*([0-9])"
    street = f"regexp_replace({line}, '{unit_word}', ' ', 'g')"
    street = f"regexp_replace({street}, '{unit_slash}', '\\2', 'g')"
    for word, short in STREET_TYPES.items():
        street = f"regexp_replace({street}, '\\b{word}\\b', '{short}', 'g')"
    street = f"regexp_replace({street}, '[^a-z0-9]+', '', 'g')"
    place = (
        f"coalesce(nullif(regexp_replace(lower({postal_code}), '[^a-z0-9]+', '', 'g'), ''), "
        f"regexp_replace(lower(strip_accents(coalesce({city}, ''))), '[^a-z0-9]+', '', 'g'))"
    )
    key = f"nullif({street}, '') || '|' || {place}"
    if not building:
        unit = (
            f"coalesce(nullif(regexp_extract({line}, '{unit_word}', 2), ''), "
            f"nullif(regexp_extract({line}, '{unit_slash}', 1), ''))"
        )
        key = f"{key} || coalesce('#' || {unit}, '')"
    return key


def party_addresses_sql() -> str:
    """SQL that creates ``party_addresses``: each party's address key with the unit
    (``address``) and without (``building``), computed once for the measures and ties; a
    party whose address has no street line left (punctuation only) has no row."""
    return (
        "CREATE OR REPLACE TABLE party_addresses AS SELECT * FROM (SELECT party_id, "
        f"{address_key('address', 'postal_code', 'city')} AS address, "
        f"{address_key('address', 'postal_code', 'city', building=True)} AS building "
        "FROM parties WHERE address IS NOT NULL) WHERE address IS NOT NULL"
    )
