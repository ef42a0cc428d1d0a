"""From the pipeline's SQL (written once, in DuckDB's dialect) to Spark SQL statements.

SQLGlot translates the expressions (functions, casts, list indexing, lambdas). What SQLGlot
cannot know is how a DuckDB statement's effect is had on Spark's catalog, so this module
rewrites statements:

* ``CREATE OR REPLACE TABLE t ...``: Spark replaces only v2 tables, so it becomes ``DROP TABLE
  IF EXISTS t`` and ``CREATE TABLE t USING parquet ...``;
* ``CREATE TEMP TABLE``: a table of the workspace's database, like any other;
* ``CREATE [OR REPLACE] [TEMP] VIEW``: a temporary view (views hold no data; they are recreated
  by every run);
* ``DELETE FROM t WHERE c``: Spark's Parquet tables take no DELETE, so the rows that stay are
  written to a new table that then takes t's name;
* parameters (``?`` and ``$name``) are bound as SQL literals, since Spark's own binding takes
  no lists;
* DuckDB's physical hints (``USING COMPRESSION``, ``AS NOT MATERIALIZED``) are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, cast

import sqlglot
from sqlglot import exp

from tipflow.engine.spark_aggregates import rewrite_ordered_aggregates

#: DuckDB hints with no meaning on Spark, removed before parsing.
_HINTS = (
    (re.compile(r"\s+USING\s+COMPRESSION\s+\w+", re.IGNORECASE), ""),
    (re.compile(r"\bAS\s+NOT\s+MATERIALIZED\s*\(", re.IGNORECASE), "AS ("),
    (re.compile(r"\bAS\s+MATERIALIZED\s*\(", re.IGNORECASE), "AS ("),
)

#: DuckDB functions that Spark lacks under that name, with the Spark SQL that does the same
#: (``{0}`` is the argument).
_FUNCTIONS = {
    "STRIP_ACCENTS": "tipflow_strip_accents({0})",
    # summed in the list's order, as DuckDB does, so that float sums agree; NULLs left out,
    # and NULL when none is left
    "LIST_SUM": "CASE WHEN exists({0}, x -> x IS NOT NULL) THEN aggregate(filter({0}, "
    "x -> x IS NOT NULL), CAST(0 AS DOUBLE), (acc, x) -> acc + x) END",
}


class UnsupportedStatement(ValueError):
    """A statement the Spark backend cannot run (the message names it)."""


@dataclass(frozen=True)
class SparkStatements:
    """What one DuckDB statement becomes: Spark statements run in order; the last one's rows
    are the result."""

    statements: tuple[str, ...]


def _parse(sql: str, read: str) -> exp.Expression:
    """One statement or expression, as SQLGlot reads it in that dialect."""
    return cast(exp.Expression, sqlglot.parse_one(sql, read=read))


def to_spark(
    sql: str, parameters: Sequence[Any] | Mapping[str, Any] | None = None
) -> SparkStatements:
    """The Spark statements that have the effect of DuckDB's ``sql`` with ``parameters``."""
    if parameters:
        return _translate(_bind(sql, parameters))
    return _translate(sql)


@lru_cache(maxsize=4096)
def _translate(sql: str) -> SparkStatements:
    try:
        tree = _parse(_without_hints(sql), read="duckdb")
    except sqlglot.errors.ParseError as error:
        raise UnsupportedStatement(f"cannot read this statement for Spark: {error}") from error
    tree = tree.transform(rewrite_ordered_aggregates).transform(_replace_functions)
    if isinstance(tree, exp.Create):
        return _create(tree)
    if isinstance(tree, exp.Delete):
        return _delete(tree)
    if isinstance(tree, exp.Drop) and (tree.args.get("kind") or "").upper() == "TABLE":
        # a DuckDB script drops what it made as a table or a view alike
        tree.set("exists", True)
    return SparkStatements((tree.sql(dialect="spark"),))


def _replace_functions(node: exp.Expression) -> exp.Expression:
    if isinstance(node, exp.Anonymous) and node.name.upper() == "PRINTF":
        return _printf(node)
    if isinstance(node, exp.DateDiff) and node.args.get("unit") is not None:
        return _date_diff(node)
    if isinstance(node, exp.ArrayOverlaps):
        # DuckDB's && leaves NULL elements out (false, not NULL, when only NULLs could match)
        left, right = (
            f"filter({side.sql(dialect='spark')}, e -> e IS NOT NULL)"
            for side in (node.this, node.expression)
        )
        return _parse(f"arrays_overlap({left}, {right})", read="spark")
    if isinstance(node, exp.PercentileCont) and node.expression is not None:
        # DuckDB's quantile_cont(x, p) is Spark's exact, interpolated percentile(x, p)
        return exp.Anonymous(this="percentile", expressions=[node.this, node.expression])
    if (
        isinstance(node, exp.Window)
        and isinstance(node.this, exp.Count)
        and isinstance(node.this.this, exp.Distinct)
    ):
        # Spark counts no DISTINCT over a window: the size of the window's set (NULLs left
        # out of both)
        window = node.copy()
        column = node.this.this.expressions[0].copy()
        window.set("this", exp.Anonymous(this="collect_set", expressions=[column]))
        return exp.Anonymous(this="size", expressions=[window])
    if (
        isinstance(node, exp.Bracket)
        and len(node.expressions) == 1
        and isinstance(node.expressions[0], exp.Slice)
    ):
        # DuckDB's list[a:b] (1-based, both ends included) is Spark's slice(list, a, b - a + 1)
        bounds = node.expressions[0]
        array = node.this.sql(dialect="spark")
        start = bounds.this.sql(dialect="spark") if bounds.this is not None else "1"
        end = (
            bounds.expression.sql(dialect="spark")
            if bounds.expression is not None
            else f"size({array})"
        )
        return _parse(f"slice({array}, {start}, ({end}) - ({start}) + 1)", read="spark")
    if isinstance(node, exp.Anonymous) and node.name.upper() in _FUNCTIONS:
        template = _FUNCTIONS[node.name.upper()]
        arguments = [a.sql(dialect="spark") for a in node.expressions]
        return _parse(template.format(*arguments), read="spark")
    return node


#: A printf conversion: its flags, width and precision, then its letter.
_CONVERSION = re.compile(r"%[-#+ 0,(]*\d*(?:\.\d+)?([a-zA-Z%])")
#: What Java's formatter needs a value to be for a conversion (DuckDB converts by itself).
_PRINTF_TYPES = {"f": "DOUBLE", "e": "DOUBLE", "g": "DOUBLE", "d": "BIGINT"}
#: A conversion's precision (``%,.0f`` has 0), for rounding as C does before Java formats.
_PRECISION = re.compile(r"\.(\d+)[feg]$")


def _printf(node: exp.Anonymous) -> exp.Expression:
    """``printf``'s numbers cast to what Java's formatter takes (it refuses a DECIMAL for %f)."""
    template, *values = node.expressions
    if not isinstance(template, exp.Literal):
        return node
    conversions = [m for m in _CONVERSION.finditer(template.name) if m.group(1) != "%"]
    arguments: list[exp.Expression] = []
    for i, value in enumerate(values):
        letter = conversions[i].group(1) if i < len(conversions) else "s"
        if letter not in _PRINTF_TYPES:
            arguments.append(value)
            continue
        argument: exp.Expression = exp.cast(value.copy(), _PRINTF_TYPES[letter])
        precision = _PRECISION.search(conversions[i].group(0))
        if precision:
            # C rounds a half to even (2172.5 is "2172"); Java's formatter rounds it up
            argument = exp.Anonymous(
                this="bround", expressions=[argument, exp.Literal.number(precision.group(1))]
            )
        arguments.append(argument)
    return exp.Anonymous(this="format_string", expressions=[template, *arguments])


def _date_diff(node: exp.DateDiff) -> exp.Expression:
    """DuckDB's date_diff counts the unit's boundaries crossed (01:59 to 02:01 is one hour);
    Spark's counts whole units elapsed: the same once both ends are truncated to the unit."""
    unit = node.args["unit"].name.upper()
    start, end = node.expression.sql(dialect="spark"), node.this.sql(dialect="spark")
    return _parse(
        f"timestampdiff({unit}, date_trunc('{unit}', {start}), date_trunc('{unit}', {end}))",
        read="spark",
    )


def _create(tree: exp.Create) -> SparkStatements:
    kind = (tree.args.get("kind") or "").upper()
    target = tree.this.this if isinstance(tree.this, exp.Schema) else tree.this
    name = target.sql(dialect="spark")
    if kind == "VIEW":
        tree.set("replace", True)
        tree.set("properties", exp.Properties(expressions=[exp.TemporaryProperty()]))
        return SparkStatements((tree.sql(dialect="spark"),))
    if kind != "TABLE":
        raise UnsupportedStatement(f"the Spark backend creates tables and views, not {kind}")
    # A temporary table is a table of the workspace on Spark (a run drops what it made).
    temporary = any(isinstance(p, exp.TemporaryProperty) for p in _properties(tree))
    replace = bool(tree.args.get("replace")) or temporary
    tree.set("replace", False)
    tree.set(
        "properties", exp.Properties(expressions=[exp.FileFormatProperty(this=exp.var("PARQUET"))])
    )
    query = tree.expression
    reads_itself = query is not None and any(
        table.name == target.name for table in query.find_all(exp.Table)
    )
    if replace and reads_itself:
        # CREATE OR REPLACE TABLE t AS SELECT ... FROM t: written under another name first
        successor = f"{target.name}__next"
        tree.set("this", exp.to_table(successor))
        return SparkStatements(
            (
                f"DROP TABLE IF EXISTS {successor}",
                tree.sql(dialect="spark"),
                f"DROP TABLE {name}",
                f"ALTER TABLE {successor} RENAME TO {name}",
            )
        )
    before = (f"DROP TABLE IF EXISTS {name}",) if replace else ()
    return SparkStatements((*before, tree.sql(dialect="spark")))


def _properties(tree: exp.Create) -> list[exp.Expression]:
    properties = tree.args.get("properties")
    return list(properties.expressions) if properties is not None else []


def _delete(tree: exp.Delete) -> SparkStatements:
    name = tree.this.sql(dialect="spark")
    where = tree.args.get("where")
    if where is None:
        return SparkStatements((f"TRUNCATE TABLE {name}",))
    condition = where.this.sql(dialect="spark")
    kept = f"{tree.this.name}__kept"
    return SparkStatements(
        (
            f"DROP TABLE IF EXISTS {kept}",
            f"CREATE TABLE {kept} USING PARQUET AS SELECT * FROM {name} "
            f"WHERE NOT coalesce(({condition}), false)",
            f"DROP TABLE {name}",
            f"ALTER TABLE {kept} RENAME TO {name}",
        )
    )


def _bind(sql: str, parameters: Sequence[Any] | Mapping[str, Any]) -> str:
    """``sql`` with its parameters written in as DuckDB literals."""
    tree = _parse(_without_hints(sql), read="duckdb")
    positional = iter(parameters) if not isinstance(parameters, Mapping) else None

    def bind(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Placeholder) and positional is not None and node.name in ("", "?"):
            return literal(next(positional))
        if isinstance(node, exp.Placeholder | exp.Parameter) and isinstance(parameters, Mapping):
            key = (
                node.name or node.this.name if isinstance(node.this, exp.Expression) else node.name
            )
            if key in parameters:
                return literal(parameters[key])
        return node

    return tree.transform(bind).sql(dialect="duckdb")


def _without_hints(sql: str) -> str:
    for pattern, replacement in _HINTS:
        sql = pattern.sub(replacement, sql)
    return sql


def literal(value: Any) -> exp.Expression:
    """A SQL literal holding ``value`` (None, bool, number, text, date, time, or a list)."""
    if value is None:
        return exp.Null()
    if isinstance(value, bool):
        return exp.Boolean(this=value)
    if isinstance(value, int | float | Decimal):
        return exp.Literal.number(value)
    if isinstance(value, datetime):
        return exp.cast(exp.Literal.string(value.isoformat(sep=" ")), exp.DataType.Type.TIMESTAMP)
    if isinstance(value, date):
        return exp.cast(exp.Literal.string(value.isoformat()), exp.DataType.Type.DATE)
    if isinstance(value, str):
        return exp.Literal.string(value)
    if isinstance(value, list | tuple):
        return exp.Array(expressions=[literal(v) for v in value])
    raise UnsupportedStatement(f"cannot write a {type(value).__name__} parameter into SQL")
