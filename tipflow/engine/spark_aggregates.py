"""DuckDB's ordered aggregates in Spark SQL.

DuckDB orders inside an aggregate (``list(x ORDER BY ts, id)``, ``first(d ORDER BY v DESC)``,
``string_agg(x, ', ' ORDER BY x)``); Spark does not (SQLGlot drops the order). Each becomes the
list of ``named_struct(k0, k1, ..., v)`` rows sorted with a comparator that follows the ORDER BY
(direction and NULLS FIRST/LAST per key), from which the values are taken: the whole list, its
first element, or the values joined.
"""

from __future__ import annotations

from typing import cast

import sqlglot
from sqlglot import exp

_ORDERED = (exp.ArrayAgg, exp.First, exp.GroupConcat)


def _parse(sql: str, read: str) -> exp.Expression:
    """One statement or expression, as SQLGlot reads it in that dialect."""
    return cast(exp.Expression, sqlglot.parse_one(sql, read=read))


def rewrite_ordered_aggregates(node: exp.Expression) -> exp.Expression:
    """A ``transform`` callback: ordered aggregates (and their FILTER) in Spark SQL."""
    if isinstance(node, exp.Mode) and isinstance(node.this, exp.Order):
        # mode(x ORDER BY x): the smallest of the most frequent, Spark's deterministic mode
        order = node.this
        keys = order.expressions
        if len(keys) == 1 and keys[0].this == order.this and not keys[0].args.get("desc"):
            return exp.Anonymous(this="mode", expressions=[order.this, exp.true()])
    if isinstance(node, exp.Filter) and _is_ordered(node.this):
        where = node.expression.this.sql(dialect="spark")
        return _spark(node.this, where)
    if _is_ordered(node) and not isinstance(node.parent, exp.Filter):
        return _spark(node, None)
    return node


def _is_ordered(node: exp.Expression) -> bool:
    return isinstance(node, _ORDERED) and isinstance(node.this, exp.Order)


def _spark(aggregate: exp.Expression, where: str | None) -> exp.Expression:
    order = aggregate.this
    assert isinstance(order, exp.Order)
    value = order.this
    keys: list[exp.Ordered] = list(order.expressions)
    if isinstance(value, exp.Distinct):
        value = value.expressions[0]
        collect = "collect_set"  # DISTINCT: one struct per distinct (keys, value)
    else:
        collect = "collect_list"
    fields = [f"'k{i}', {key.this.sql(dialect='spark')}" for i, key in enumerate(keys)]
    fields.append("'v', " + value.sql(dialect="spark"))
    struct = f"named_struct({', '.join(fields)})"
    if isinstance(aggregate, exp.GroupConcat):  # string_agg leaves NULLs out
        not_null = f"{value.sql(dialect='spark')} IS NOT NULL"
        where = f"({where}) AND {not_null}" if where else not_null
    collected = f"{collect}({struct})" + (f" FILTER (WHERE {where})" if where else "")
    ordered = f"array_sort({collected}, (l, r) -> {_comparator(keys)})"
    if isinstance(aggregate, exp.First):
        return _parse(f"element_at({ordered}, 1).v", read="spark")
    if isinstance(aggregate, exp.GroupConcat):
        separator = aggregate.args.get("separator")
        glue = separator.sql(dialect="spark") if separator is not None else "','"
        sql = f"array_join(transform({ordered}, s -> s.v), {glue})"
    else:
        sql = f"transform({ordered}, s -> s.v)"
    # DuckDB's list and string_agg of no rows (all filtered out) are NULL; Spark's are empty
    return _parse(f"CASE WHEN size({collected}) > 0 THEN {sql} END", read="spark")


def _comparator(keys: list[exp.Ordered]) -> str:
    """CASE over the keys in turn: -1, 1, or on to the next key; 0 when all are equal."""
    cases: list[str] = []
    for i, key in enumerate(keys):
        left, right = f"l.k{i}", f"r.k{i}"
        later = -1 if key.args.get("desc") else 1  # what "left is greater" returns
        nulls_first = bool(key.args.get("nulls_first"))
        null_left = -1 if nulls_first else 1
        cases += [
            f"WHEN {left} IS NULL AND {right} IS NOT NULL THEN {null_left}",
            f"WHEN {left} IS NOT NULL AND {right} IS NULL THEN {-null_left}",
            f"WHEN {left} < {right} THEN {-later}",
            f"WHEN {left} > {right} THEN {later}",
        ]
    return f"CASE {' '.join(cases)} ELSE 0 END"
