"""Entity resolution: one person at several institutions is one entity; a namesake is not."""

from __future__ import annotations

import duckdb
import pytest

from tipflow.network.resolve import resolve_entities
from tipflow.network.settings import load_network_settings

COLUMNS = "party_id, party_type, name, birth_date, phone, email, address, postal_code, city"
PARTIES = [
    # One woman at two banks: the second record has her name with an accent and no e-mail.
    (
        "A1",
        "person",
        "Maria Lopez",
        "1990-04-02",
        "+15551230001",
        "m.lopez@x.example",
        "1 Oak St",
        "10001",
        "Denver",
    ),
    (
        "B7",
        "person",
        "María López",
        "1990-04-02",
        "+15551230001",
        None,
        "1 Oak St",
        "10001",
        "Denver",
    ),
    # Father and son: same name, phone and address, born 25 years apart.
    (
        "A2",
        "person",
        "John Smith",
        "1960-01-01",
        "+15551230002",
        None,
        "9 Elm St",
        "10002",
        "Denver",
    ),
    (
        "A3",
        "person",
        "John Smith",
        "1985-06-30",
        "+15551230002",
        None,
        "9 Elm St",
        "10002",
        "Denver",
    ),
    # A controller and his victim share a phone, nothing else.
    (
        "A4",
        "person",
        "Victor Crane",
        "1980-02-02",
        "+15551230004",
        None,
        "5 Pine St",
        "10004",
        "Denver",
    ),
    (
        "B9",
        "person",
        "Lina Park",
        "1999-09-09",
        "+15551230004",
        None,
        "7 Ash St",
        "10005",
        "Denver",
    ),
    # A birth-date typo (one digit) with the same name and e-mail is still one person.
    (
        "A5",
        "person",
        "Ahmed Khan",
        "1975-11-20",
        None,
        "ak@y.example",
        "3 Fir St",
        "10006",
        "Austin",
    ),
    ("B5", "person", "Ahmed Khan", "1975-11-21", None, "ak@y.example", None, None, "Austin"),
    # One man at two banks, written with a title and a typo in one record, his birth date
    # eleven days off: phone and address agree.
    (
        "A7",
        "person",
        "Reza Rezaei",
        "1988-05-12",
        "+447796993852",
        None,
        "48 Springfield Road",
        "LS9 7ZG",
        "Leeds",
    ),
    (
        "B3",
        "person",
        "MR REZA REZAEII",
        "1988-05-01",
        "+447796993852",
        None,
        "48 Springfield Road",
        "LS9 7ZG",
        "Leeds",
    ),
    # "Surname, Given" at a building society, the same e-mail and birth date.
    ("B4", "person", "Khan, Ahmed", "1975-11-20", None, "ak@y.example", None, None, None),
    # A company and its owner share the address and phone.
    (
        "A6",
        "organisation",
        "Khan Trading Ltd",
        None,
        "+15551230006",
        None,
        "3 Fir St",
        "10006",
        "Austin",
    ),
]


@pytest.fixture
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE parties (party_id VARCHAR, party_type VARCHAR, name VARCHAR, "
        "birth_date DATE, phone VARCHAR, email VARCHAR, address VARCHAR, postal_code VARCHAR, "
        "city VARCHAR)"
    )
    con.executemany(f"INSERT INTO parties ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", PARTIES)
    resolve_entities(con, load_network_settings().linkage)
    return con


def _entity(con: duckdb.DuckDBPyConnection, party: str) -> str:
    rows = con.execute("SELECT entity_id FROM entities WHERE party_id = ?", [party]).fetchall()
    return str(rows[0][0])


def test_one_person_at_two_institutions_is_one_entity(con: duckdb.DuckDBPyConnection) -> None:
    assert _entity(con, "A1") == _entity(con, "B7") == "A1"
    assert _entity(con, "A5") == _entity(con, "B5") == "A5"


def test_titles_and_word_order_are_not_differences(con: duckdb.DuckDBPyConnection) -> None:
    assert _entity(con, "A7") == _entity(con, "B3") == "A7"
    assert _entity(con, "B4") == "A5"


def test_namesakes_and_housemates_stay_apart(con: duckdb.DuckDBPyConnection) -> None:
    assert _entity(con, "A2") != _entity(con, "A3")
    assert _entity(con, "A4") != _entity(con, "B9")
    assert _entity(con, "A6") != _entity(con, "A5")


def test_every_party_has_an_entity_and_links_are_symmetric(
    con: duckdb.DuckDBPyConnection,
) -> None:
    assert con.execute("SELECT count(*) FROM entities").fetchall()[0][0] == len(PARTIES)
    asymmetric = con.execute(
        "SELECT count(*) FROM entity_links l WHERE NOT EXISTS (SELECT 1 FROM entity_links r "
        "WHERE r.party_id = l.other_party_id AND r.other_party_id = l.party_id)"
    ).fetchall()[0][0]
    assert asymmetric == 0
    links = con.execute("SELECT match_probability FROM entity_links").fetchall()
    probabilities = [row[0] for row in links]
    assert probabilities and min(probabilities) >= load_network_settings().linkage.threshold


def test_a_single_party_needs_no_model() -> None:
    con = duckdb.connect()
    con.execute(f"CREATE TABLE parties AS SELECT * FROM (VALUES {PARTIES[0]!r}) t({COLUMNS})")
    resolve_entities(con, load_network_settings().linkage)
    assert con.execute("SELECT * FROM entities").fetchall() == [("A1", "A1")]
