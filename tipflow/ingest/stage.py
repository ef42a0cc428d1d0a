"""The stage table of one input table: read, normalised and checked in a single scan.

The stage table is created straight from the file scan, through projections only, so DuckDB
keeps file order and each row's ``rowid`` is its position in the file (its *row index*). That is
what lets the reader name a line for every quarantined row without numbering rows during the
scan, which would force DuckDB onto one thread. ``test_stage`` asserts the plan has no join.

Layers of the query, innermost first::

    1 source   __raw_<i>: the file's text, column by column
    2 clean    __c_<column>: trimmed text or NULL; __p_<column>: helper parts (timestamps)
    3 typed    <column>: the workspace value(s)
    4 checked  errors and warnings of each column and each cross-column rule

The stage table keeps the typed columns, the extra columns (cleaned text), and two bookkeeping
columns (the row's errors and warnings) dropped when the table is finalised. Messages are only
assembled for rows that fail: a row's error column is ``CASE WHEN <any check fails> THEN ...``.
"""

from __future__ import annotations

from dataclasses import dataclass

from tipflow.engine.sql import quote_identifier as q
from tipflow.engine.sql import sql_string
from tipflow.ingest.contract import TableSpec
from tipflow.ingest.discover import SourceFile
from tipflow.ingest.kinds import Check, clean, cleaned_name, column_sql
from tipflow.ingest.rules import table_rules
from tipflow.ingest.source import raw_name, source_sql

ROW_ERROR = "__row_error"
ROW_WARNING = "__row_warning"
BOOKKEEPING_COLUMNS = (ROW_ERROR, ROW_WARNING)


def stage_table(table: str) -> str:
    return f"_stage_{table}"


@dataclass(frozen=True)
class StagePlan:
    """The stage query of one table, and the names of the extra columns it keeps."""

    sql: str
    extra_columns: tuple[str, ...]


def extra_column_names(source: SourceFile | None, table: TableSpec) -> tuple[tuple[int, str], ...]:
    """Workspace names of the file's unknown columns; renamed when they clash with ours."""
    if source is None:
        return ()
    taken = {name.lower() for name in table.output_columns}
    names: list[tuple[int, str]] = []
    for position, header_name in source.extra_columns:
        name = header_name.strip() or f"unnamed_{position + 1}"
        while name.lower() in taken:
            name = f"extra_{name}"
        taken.add(name.lower())
        names.append((position, name))
    return tuple(names)


def plan_stage(table: TableSpec, source: SourceFile | None) -> StagePlan:
    """The CREATE TABLE AS statement that reads, normalises and checks ``source``.

    With ``source`` None (an optional table that is absent) the same query runs over no rows,
    so the empty workspace table has exactly the types a read one would have.
    """
    raw_of = _raw_expressions(table, source)
    column_sql_list = [column_sql(spec, raw_of[name]) for name, spec in table.columns.items()]
    extras = extra_column_names(source, table)

    layer2 = [f"{clean(raw_of[name])} AS {q(cleaned_name(name))}" for name in table.columns]
    layer2 += [f"{expr} AS {q(name)}" for sql in column_sql_list for name, expr in sql.parts]
    layer2 += [f"{raw_name(position)}" for position, _ in extras]

    layer3 = [f"{expr} AS {q(name)}" for sql in column_sql_list for name, expr in sql.outputs]
    rule_errors, rule_warnings = table_rules(table)
    errors = [e for sql in column_sql_list for e in sql.errors] + list(rule_errors)
    warnings = [w for sql in column_sql_list for w in sql.warnings] + list(rule_warnings)

    final = [q(name) for name in table.output_columns]
    final += [f"{clean(raw_name(position))} AS {q(name)}" for position, name in extras]
    final += [f"{_messages(errors)} AS {ROW_ERROR}", f"{_messages(warnings)} AS {ROW_WARNING}"]
    sql = (
        f"CREATE TABLE {q(stage_table(table.name))} AS\n"
        f"SELECT {', '.join(final)}\n"
        f"FROM (SELECT *, {', '.join(layer3)}\n"
        f"      FROM (SELECT {', '.join(layer2)}\n"
        f"            FROM ({_source(table, source)})))"
    )
    return StagePlan(sql=sql, extra_columns=tuple(name for _, name in extras))


def _raw_expressions(table: TableSpec, source: SourceFile | None) -> dict[str, str]:
    """For each contract column, the raw text expression (NULL when the file lacks it)."""
    expressions: dict[str, str] = {}
    for name in table.columns:
        position = source.position_of(name) if source else None
        expressions[name] = raw_name(position) if position is not None else "CAST(NULL AS VARCHAR)"
    return expressions


def _source(table: TableSpec, source: SourceFile | None) -> str:
    if source is not None:
        return source_sql(source)
    return "SELECT 1 AS __none WHERE false"


def _messages(checks: list[Check]) -> str:
    """The messages of the failing checks joined by '; ', or NULL when none fails."""
    if not checks:
        return "CAST(NULL AS VARCHAR)"
    # A NULL condition counts as passing, in the OR as in CASE: no coalesce needed.
    any_fails = " OR ".join(f"({condition})" for condition, _ in checks)
    parts = ", ".join(
        f"CASE WHEN {condition} THEN {sql_string(text)} END" for condition, text in checks
    )
    return f"CASE WHEN {any_fails} THEN concat_ws('; ', {parts}) END"
