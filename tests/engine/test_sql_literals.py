"""SQL literals built from library values: a quote in a value cannot end the literal."""

from __future__ import annotations

import duckdb

from tipflow.engine.sql import sql_list, sql_string


def test_a_list_of_literals_matches_exactly_its_values() -> None:
    values = ["p2p", "o'brien", "wire"]
    rows = "VALUES ('o''brien'), ('cash'), ('p2p')"
    sql = f"SELECT v FROM ({rows}) t(v) WHERE v IN ({sql_list(values)}) ORDER BY v"
    assert duckdb.sql(sql).fetchall() == [("o'brien",), ("p2p",)]
    assert sql_list([]) == ""
    assert duckdb.sql(f"SELECT {sql_string('a b')}").fetchall() == [("a b",)]
