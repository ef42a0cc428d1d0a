"""Reader of the AMLworld transaction CSV (IBM's ``HI-Small_Trans.csv`` and its siblings).

Columns, in this order: Timestamp (``YYYY/MM/DD HH:MM``), From Bank, Account, To Bank,
Account, Amount Received, Receiving Currency, Amount Paid, Payment Currency, Payment Format,
Is Laundering. Bank ids keep their leading zeros; an account is the pair (bank, account).
The table keeps the file's order (``row_number`` = line - 1) so that an error or a result can
be traced back to its line.

Output table ``aml_transactions``: row_number, ts, from_account, to_account, amount_paid,
payment_currency, amount_received, receiving_currency, payment_format, is_laundering.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tipflow.engine.duckdb import Connection
from tipflow.engine.sql import sql_string
from tipflow.errors import DatasetError

HEADER = (
    "timestamp", "from bank", "account", "to bank", "account", "amount received",
    "receiving currency", "amount paid", "payment currency", "payment format", "is laundering",
)  # fmt: skip
_COLUMNS = {
    "timestamp": "VARCHAR",
    "from_bank": "VARCHAR",
    "from_number": "VARCHAR",
    "to_bank": "VARCHAR",
    "to_number": "VARCHAR",
    "amount_received": "VARCHAR",
    "receiving_currency": "VARCHAR",
    "amount_paid": "VARCHAR",
    "payment_currency": "VARCHAR",
    "payment_format": "VARCHAR",
    "is_laundering": "VARCHAR",
}


def read_amlworld(con: Connection, path: Path) -> int:
    """Create ``aml_transactions`` from an AMLworld CSV; returns its row count. A wrong header
    or a value that does not parse is one error naming the file (and the line)."""
    if not path.is_file():
        raise DatasetError(path, "no such file (an AMLworld transaction CSV was expected)")
    with path.open(encoding="utf-8", errors="replace") as handle:
        header = tuple(name.strip().lower() for name in handle.readline().split(","))
    if header != HEADER:
        raise DatasetError(
            path, f"line 1: not an AMLworld transaction header (expected {', '.join(HEADER)})"
        )
    try:
        con.execute(
            f"""
            CREATE OR REPLACE TEMP TABLE _aml_text AS
            SELECT row_number() OVER () AS row_number, * FROM read_csv(
              {sql_string(str(path))}, header = true, columns = {_COLUMNS}, quote = '"',
              delim = ',', strict_mode = true)
            """
        )
    except duckdb.Error as exc:
        raise DatasetError(path, f"unreadable as CSV: {str(exc).splitlines()[0]}") from exc
    bad = con.execute(
        """
        SELECT row_number + 1 AS line, CASE
            WHEN try_strptime(timestamp, '%Y/%m/%d %H:%M') IS NULL THEN 'Timestamp'
            WHEN try_cast(amount_paid AS DOUBLE) IS NULL THEN 'Amount Paid'
            WHEN try_cast(amount_received AS DOUBLE) IS NULL THEN 'Amount Received'
            WHEN is_laundering NOT IN ('0', '1') THEN 'Is Laundering'
            WHEN coalesce(from_bank, '') = '' OR coalesce(from_number, '') = '' THEN 'From'
            WHEN coalesce(to_bank, '') = '' OR coalesce(to_number, '') = '' THEN 'To'
          END AS problem
        FROM _aml_text WHERE problem IS NOT NULL ORDER BY row_number LIMIT 1
        """
    ).fetchall()
    if bad:
        line, column = bad[0]
        raise DatasetError(path, f"line {line}: {column} does not parse")
    con.execute(
        """
        CREATE OR REPLACE TABLE aml_transactions AS
        SELECT row_number, strptime(timestamp, '%Y/%m/%d %H:%M') AS ts,
               from_bank || ':' || from_number AS from_account,
               to_bank || ':' || to_number AS to_account,
               amount_paid::DOUBLE AS amount_paid, payment_currency,
               amount_received::DOUBLE AS amount_received, receiving_currency,
               payment_format, is_laundering::INT AS is_laundering
        FROM _aml_text ORDER BY row_number
        """
    )
    con.execute("DROP TABLE _aml_text")
    return int(con.execute("SELECT count(*) FROM aml_transactions").fetchall()[0][0])
