"""Checks run after the scan: code lists, duplicate keys and dangling references.

They run after every stage table exists, as set-based queries whose results are small (the
failing rows only), into one bookkeeping table ``_post_failures``.

* Code lists (enumerations, countries, currencies): the distinct values of each column against
  its list. Per row inside the scan this cost more than the scan itself, and DuckDB turns long
  constant lists into joins there, which would lose the file's row order.

* Duplicates: the first row of a key (lowest row index) is kept; later rows are quarantined,
  naming the first one's line.
* References are checked against every key present in the referenced file, quarantined rows
  included: one defective account row must not drag all its transactions into quarantine.
"""

from __future__ import annotations

from tipflow.engine.duckdb import Connection
from tipflow.engine.sql import quote_identifier as q
from tipflow.engine.sql import sql_string
from tipflow.engine.workspace import first_row
from tipflow.ingest.contract import Contract, TableSpec
from tipflow.ingest.kinds import domain
from tipflow.ingest.stage import stage_table

POST_FAILURES = "_post_failures"

DUPLICATE = ": duplicate of an earlier row"

#: How a dangling reference to each table is described ("no such account in accounts").
REFERENCED_THING = {"parties": "party", "accounts": "account"}


def create_post_failures(con: Connection) -> None:
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE {POST_FAILURES} ("
        "table_name VARCHAR, row_index BIGINT, message VARCHAR, related_row_index BIGINT)"
    )


def check_domains(con: Connection, table: TableSpec) -> None:
    """Record every row whose value is not in its column's code list.

    One scan gathers the distinct values of every code-list column (a handful each, in any
    real export); only a column holding values outside its list costs a query for its rows.
    """
    checked = [
        (column, allowed) for column in table.columns.values() if (allowed := domain(column))
    ]
    if not checked:
        return
    stage = q(stage_table(table.name))
    lists = ", ".join(f"list(DISTINCT {q(column.name)})" for column, _ in checked)
    distinct_values = first_row(con, f"SELECT {lists} FROM {stage}")
    for (column, (values, text)), found in zip(checked, distinct_values, strict=True):
        outside = sorted(v for v in found or () if v is not None and v not in values)
        if not outside:
            continue
        con.execute(
            f"""
            INSERT INTO {POST_FAILURES}
            SELECT {sql_string(table.name)}, rowid, {sql_string(text)}, NULL
            FROM {stage} WHERE {q(column.name)} IN (SELECT unnest(?))
            """,
            [outside],
        )


def check_duplicates(con: Connection, table: TableSpec) -> None:
    """Record every row whose key repeats an earlier row's key."""
    if not table.key:
        return
    stage = q(stage_table(table.name))
    key_columns = ", ".join(q(column) for column in table.key)
    not_null = " AND ".join(f"{q(column)} IS NOT NULL" for column in table.key)
    label = "/".join(table.key)
    con.execute(
        f"""
        INSERT INTO {POST_FAILURES}
        WITH repeated AS (
            SELECT {key_columns}, min(rowid) AS first_row_index
            FROM {stage} WHERE {not_null}
            GROUP BY {key_columns} HAVING count(*) > 1
        )
        SELECT {sql_string(table.name)}, s.rowid,
               {sql_string(label + DUPLICATE)}, r.first_row_index
        FROM {stage} AS s JOIN repeated AS r USING ({key_columns})
        WHERE s.rowid > r.first_row_index
        """
    )


def check_references(con: Connection, table: TableSpec) -> None:
    """Record every row naming a key that the referenced file does not hold."""
    stage = q(stage_table(table.name))
    for column in table.columns.values():
        target = column.reference
        if target is None:
            continue
        ref_table, ref_column = target
        thing = REFERENCED_THING.get(ref_table, ref_column)
        problem = f"{column.name}: no such {thing} in {ref_table}"
        con.execute(
            f"""
            INSERT INTO {POST_FAILURES}
            SELECT {sql_string(table.name)}, s.rowid, {sql_string(problem)}, NULL
            FROM {stage} AS s
            ANTI JOIN (SELECT DISTINCT {q(ref_column)} AS key
                       FROM {q(stage_table(ref_table))}) AS k
                 ON s.{q(column.name)} = k.key
            WHERE s.{q(column.name)} IS NOT NULL
            """
        )


def run_post_checks(con: Connection, contract: Contract) -> None:
    create_post_failures(con)
    for table in contract.tables.values():
        check_domains(con, table)
        check_duplicates(con, table)
        check_references(con, table)
