"""Values and names written into SQL: the same in DuckDB's dialect and, translated, Spark's."""

from __future__ import annotations

from collections.abc import Iterable


def quote_identifier(name: str) -> str:
    """Quote a column or table name for SQL, whatever characters it holds."""
    return '"' + name.replace('"', '""') + '"'


def sql_string(value: str) -> str:
    """A SQL string literal holding exactly ``value``."""
    return "'" + value.replace("'", "''") + "'"


def sql_list(values: Iterable[str]) -> str:
    """The literals of ``values`` for an ``IN (...)`` list, comma-separated (empty for none)."""
    return ", ".join(sql_string(value) for value in values)
