"""The same DuckDB-dialect SQL executed on both engines (the ``backend`` fixture): each case
checks the rows DuckDB gives, and Spark must give the same ones through the translation.

Groups of the table ``t`` (registered from Arrow, then copied into a table):

* ``a``: ties on ``v`` (ids 1 and 3), a NULL ``x`` (id 2), a NULL ``v`` (id 4), ``p`` twice;
* ``b``: accented names; ``c``: one row, below every FILTER.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import pyarrow as pa
import pytest

from tipflow.engine.workspace import engine_of, scalar, table_exists, table_kind

ROWS = [
    # g, id, x, v, amount, ts
    ("a", 1, "p", 2.0, 1.0, datetime(2024, 3, 1, 1, 59)),
    ("a", 2, None, 1.0, 2.0, datetime(2024, 3, 1, 2, 1)),
    ("a", 3, "q", 2.0, 3.0, datetime(2024, 3, 1, 23, 59)),
    ("a", 4, "r", None, 10.0, datetime(2024, 3, 2, 0, 1)),
    ("a", 5, "p", 3.0, 2172.5, datetime(2024, 3, 2, 0, 1)),
    ("b", 6, "é", 1.0, 2173.5, datetime(2024, 3, 2, 0, 1)),
    ("b", 7, "Ñandú", 1.0, 1234567.0, datetime(2024, 3, 2, 0, 1)),
    ("c", 8, "z", 0.5, 0.1, datetime(2024, 3, 2, 0, 1)),
]
SCHEMA = pa.schema(
    [
        ("g", pa.string()),
        ("id", pa.int64()),
        ("x", pa.string()),
        ("v", pa.float64()),
        ("amount", pa.float64()),
        ("ts", pa.timestamp("us")),
    ]
)


def _load(con: Any) -> None:
    """``t`` as a workspace table, made from a registered Arrow table (as the reader does)."""
    columns = {name: [row[i] for row in ROWS] for i, name in enumerate(SCHEMA.names)}
    arrow = pa.table(columns, schema=SCHEMA)
    con.register("t_arrow", arrow)
    con.execute("CREATE OR REPLACE TABLE t AS SELECT * FROM t_arrow")
    con.unregister("t_arrow")


def _rows(con: Any, sql: str, parameters: Any = None) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in con.execute(sql, parameters).fetchall()]


def test_ordered_lists_keep_nulls_break_ties_and_slice(backend: Any) -> None:
    _load(backend)
    rows = _rows(
        backend,
        """
        SELECT g,
               list(x ORDER BY v, id),
               list(x ORDER BY v DESC, id DESC),
               list(x ORDER BY v, id)[1:2],
               list(id ORDER BY v DESC NULLS FIRST, id),
               list(id ORDER BY id) FILTER (WHERE v >= 2)
        FROM t GROUP BY g ORDER BY g
        """,
    )
    assert rows[0] == (
        "a",
        [None, "p", "q", "p", "r"],  # NULL keys last, as DuckDB sorts them by default
        ["p", "q", "p", None, "r"],  # ... also when descending
        [None, "p"],
        [4, 5, 1, 3, 2],
        [1, 3, 5],
    )
    assert rows[1] == ("b", ["é", "Ñandú"], ["Ñandú", "é"], ["é", "Ñandú"], [6, 7], None)


def test_an_ordered_list_filtered_to_no_rows(backend: Any) -> None:
    _load(backend)
    sql = "SELECT list(id ORDER BY id) FILTER (WHERE v >= 2) FROM t WHERE g = 'c'"
    assert _rows(backend, sql) == [(None,)]  # no rows: NULL, not an empty list


def test_first_by_descending_keys_and_string_agg(backend: Any) -> None:
    _load(backend)
    rows = _rows(
        backend,
        """
        SELECT g,
               first(x ORDER BY v DESC, id),
               first(id ORDER BY x DESC, id DESC),
               first(x ORDER BY v, id),
               string_agg(DISTINCT x, ', ' ORDER BY x),
               string_agg(x, '|' ORDER BY id DESC),
               mode(x ORDER BY x)
        FROM t GROUP BY g ORDER BY g
        """,
    )
    assert rows[0] == ("a", "p", 4, None, "p, q, r", "p|r|q|p", "p")
    assert rows[1] == ("b", "é", 6, "é", "Ñandú, é", "Ñandú|é", "Ñandú")


def test_date_diff_counts_boundaries_crossed(backend: Any) -> None:
    _load(backend)
    rows = _rows(
        backend,
        """
        SELECT date_diff('hour', a.ts, b.ts), date_diff('day', a.ts, b.ts),
               date_diff('minute', a.ts, b.ts), date_diff('hour', b.ts, a.ts)
        FROM t a JOIN t b ON a.id + 1 = b.id WHERE a.id IN (1, 3) ORDER BY a.id
        """,
    )
    # 01:59 -> 02:01 crosses one hour; 23:59 -> 00:01 crosses one day (and one hour)
    assert rows == [(1, 0, 2, -1), (1, 1, 2, -1)]


def test_printf_rounds_as_c_does(backend: Any) -> None:
    _load(backend)
    rows = _rows(
        backend,
        """
        SELECT printf('%,.0f', amount), printf('%d of %s', id, g), printf('%,.1f', amount)
        FROM t WHERE id IN (5, 6, 7) ORDER BY id
        """,
    )
    assert rows == [
        ("2,172", "5 of a", "2,172.5"),  # a half rounds to even, as C's printf does
        ("2,174", "6 of b", "2,173.5"),
        ("1,234,567", "7 of b", "1,234,567.0"),
    ]
    assert _rows(backend, "SELECT printf('%,.0f', 2172.5)") == [("2,172",)]  # a DECIMAL


def test_printf_rounds_a_decimal_looking_tie_by_its_binary_value(
    backend: Any, request: pytest.FixtureRequest
) -> None:
    """2.675 is stored as 2.67499999...: C's printf writes 2.67 (0.35 -> 0.3); Spark's bround
    rounds the decimal text 2.675 half to even, 2.68. Only details with decimals (``fmt`` with
    ``digits``) can meet it; amounts in cents with %,.0f are exact halves."""
    if engine_of(backend) == "spark":
        request.applymarker(
            pytest.mark.xfail(strict=True, reason="Spark's bround rounds the decimal text")
        )
    sql = "SELECT printf('%,.2f', 2.675::DOUBLE), printf('%.1f', 0.35::DOUBLE)"
    assert _rows(backend, sql) == [("2.67", "0.3")]


def test_quantiles_interpolate_and_distinct_counts_over_a_window(backend: Any) -> None:
    _load(backend)
    quantiles = _rows(
        backend,
        """
        SELECT quantile_cont(amount, 0.5), quantile_cont(amount, 0.9),
               quantile_cont(amount, 0.25)
        FROM t WHERE id <= 4
        """,
    )
    assert quantiles == [(2.5, pytest.approx(7.9, abs=1e-12), 1.75)]
    counts = _rows(backend, "SELECT id, count(DISTINCT x) OVER (PARTITION BY g) FROM t ORDER BY id")
    assert [n for _, n in counts] == [3, 3, 3, 3, 3, 2, 2, 1]  # NULL left out, p once


def test_quantiles_of_decimals_cast_to_double_agree(backend: Any) -> None:
    """Money is DECIMAL: DuckDB's quantile_cont of a DECIMAL keeps its scale (7.9004 here),
    Spark's percentile computes in DOUBLE (7.90037): the pipeline casts to DOUBLE first, and
    then the engines agree (MS-07 at 10 M transactions was 6e-8 apart before)."""
    _load(backend)
    rows = _rows(
        backend,
        """
        SELECT quantile_cont(d::DOUBLE, 0.9)
        FROM (SELECT CAST(amount + id / 10000 AS DECIMAL(38, 4)) AS d FROM t WHERE id <= 4)
        """,
    )
    assert rows == [(pytest.approx(7.90037, abs=1e-9),)]


def test_lists_overlap_sum_and_accents(backend: Any) -> None:
    _load(backend)
    rows = _rows(
        backend,
        """
        SELECT list(x ORDER BY id) && ['q', 'zz'], list(x ORDER BY id) && ['zz'],
               list_sum(list(amount ORDER BY id)), strip_accents(string_agg(x, ' ' ORDER BY id))
        FROM t WHERE g IN ('a', 'b') GROUP BY g ORDER BY g
        """,
    )
    assert rows == [(True, False, 2188.5, "p q r p"), (False, False, 1236740.5, "e Nandu")]
    nulls = _rows(
        backend,
        """
        SELECT string_agg(x, ',' ORDER BY id), list(x ORDER BY id), list_sum([1.5, NULL, 2.0]),
               list_sum(list(v ORDER BY id)), [NULL, 'a'] && ['b'], [NULL, 'a'] && ['a']
        FROM t WHERE x IS NULL
        """,
    )
    # string_agg leaves NULLs out (none left: NULL); list keeps them; list_sum skips them
    assert nulls == [(None, [None], 3.5, 1.0, False, True)]


def test_positional_and_named_parameters_with_lists(backend: Any) -> None:
    _load(backend)
    sql = "SELECT list(id ORDER BY id) FROM t WHERE list_contains(?, x) AND g = ?"
    assert _rows(backend, sql, [["p", "q", "o'brien"], "a"]) == [([1, 3, 5],)]
    named = "SELECT count(*) FROM t WHERE v >= $low AND list_contains($names, x)"
    assert _rows(backend, named, {"low": 2, "names": ["p", "r"]}) == [(2,)]
    assert scalar(backend, "SELECT count(*) FROM t WHERE ts >= ?", [datetime(2024, 3, 2)]) == 5


def test_delete_keeps_rows_whose_condition_is_null(backend: Any) -> None:
    _load(backend)
    backend.execute("CREATE TABLE kept AS SELECT * FROM t")
    backend.execute("DELETE FROM kept WHERE v < 2")
    assert _rows(backend, "SELECT id FROM kept ORDER BY id") == [(1,), (3,), (4,), (5,)]
    assert table_kind(backend, "kept") == "BASE TABLE"


def test_tables_views_and_registered_arrow(backend: Any) -> None:
    for n in (1, 2):  # replacing a table twice, with another type the second time
        backend.execute(f"CREATE OR REPLACE TABLE r AS SELECT {n} AS n, 'x{n}' AS s")
    assert _rows(backend, "SELECT n, s FROM r") == [(2, "x2")]
    backend.execute("CREATE OR REPLACE TABLE typed (a INTEGER, b VARCHAR USING COMPRESSION zstd)")
    backend.execute("INSERT INTO typed VALUES (1, 'one')")
    backend.execute("CREATE TEMP TABLE scratch AS SELECT a + 1 AS a FROM typed")
    backend.execute("CREATE OR REPLACE VIEW doubled AS SELECT a * 2 AS a FROM scratch")
    with_cte = "WITH w AS NOT MATERIALIZED (SELECT a FROM doubled) SELECT a FROM w"
    assert _rows(backend, with_cte) == [(4,)]
    assert table_exists(backend, "r") and table_exists(backend, "typed")
    assert not table_exists(backend, "missing") and not table_exists(backend, "doubled")
    assert table_kind(backend, "r") == "BASE TABLE"
    assert table_kind(backend, "doubled") == "VIEW"
    assert table_kind(backend, "missing") is None
    backend.execute("DROP VIEW doubled")
    backend.execute("DROP TABLE r")
    assert table_kind(backend, "doubled") is None and not table_exists(backend, "r")
    backend.register("arrow_in", pa.table({"k": [1, 2, 3]}))
    assert scalar(backend, "SELECT sum(k) FROM arrow_in") == 6
    backend.unregister("arrow_in")
    assert table_kind(backend, "arrow_in") is None
    assert engine_of(backend) in ("duckdb", "spark")
