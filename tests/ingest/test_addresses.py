"""Address keys: one address written the ways different institutions write it is one key."""

from __future__ import annotations

import duckdb
from hypothesis import given, settings
from hypothesis import strategies as st

from tipflow.ingest.addresses import STREET_TYPES, address_key


def _keys(rows: list[tuple[str | None, str | None, str | None]], building: bool) -> list[str]:
    con = duckdb.connect()
    con.execute("CREATE TABLE p (address VARCHAR, postal_code VARCHAR, city VARCHAR)")
    con.executemany("INSERT INTO p VALUES (?, ?, ?)", rows)
    sql = address_key("address", "postal_code", "city", building=building)
    return [row[0] for row in con.execute(f"SELECT {sql} FROM p").fetchall()]


def test_flat_street_type_and_case_do_not_matter() -> None:
    same = [
        ("Flat 20, 214 Springfield Road", "BT5 1UG", "Belfast"),
        ("214 SPRINGFIELD RD FLAT 20", "BT51UG", "BELFAST"),
        ("20/214 Springfield Rd.", "bt5 1ug", None),
    ]
    assert len(set(_keys(same, building=False))) == 1


def test_the_postal_code_decides_where_both_banks_give_one() -> None:
    """A suburb at one bank, the city at another: one place. One street name in two districts
    of a city: two places."""
    suburb_or_city = [
        ("57 WARATAH WAY", "6000", "NORTHBRIDGE"),
        ("57 Waratah Way", "6000", "Perth"),
    ]
    districts = [("45 Church Lane", "E6 5YA", "London"), ("45 Church Lane", "W3 6XU", "London")]
    assert len(set(_keys(suburb_or_city, building=True))) == 1
    assert len(set(_keys(districts, building=True))) == 2


def test_a_room_in_the_building_is_at_the_premises_but_another_flat() -> None:
    rows = [("57 WARATAH WAY", "6000", "Perth"), ("37/57 Waratah Way", "6000", "Perth")]
    full, building = _keys(rows, building=False), _keys(rows, building=True)
    assert full[0] != full[1] and building[0] == building[1]


def test_other_streets_and_towns_stay_apart() -> None:
    rows = [
        ("1 Oak St", None, "Denver"),
        ("1 Oak Ave", None, "Denver"),
        ("1 Oak St", None, "Austin"),
        ("11 Oak St", None, "Denver"),
        (None, "80202", "Denver"),
    ]
    keys = _keys(rows, building=False)
    assert len(set(keys[:4])) == 4 and keys[4] is None


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(
    number=st.integers(min_value=1, max_value=9999),
    name=st.lists(words, min_size=1, max_size=3),
    kind=st.sampled_from(sorted(STREET_TYPES)),
    city=words,
)
def test_written_long_or_short_upper_or_lower_one_key(
    number: int, name: list[str], kind: str, city: str
) -> None:
    street = " ".join(name)
    rows = [
        (f"{number} {street} {kind}", None, city),
        (f"{number}, {street.upper()} {STREET_TYPES[kind].upper()}.", None, city.upper()),
    ]
    first, second = _keys(rows, building=False)
    assert first == second and first is not None
