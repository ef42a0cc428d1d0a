"""Writes the results folder of ``tipflow screen`` (shared/contract/output.md, version 1).

``accounts.csv`` (every accepted account), ``networks.csv`` (every network the network stage
formed; the header alone when there is none), ``evidence.parquet``; ``run.json`` is written by
``screen`` and ``quarantine/`` by the reader.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tipflow.engine.duckdb import Connection
from tipflow.engine.sql import sql_string
from tipflow.engine.workspace import Workspace, fetch_arrow

ACCOUNT_COLUMNS = (
    "account_id",
    "institution_id",
    "risk_score",
    "flagged",
    "rank",
    "crime",
    "role",
    "typologies",
    "indicators",
    "network_id",
    "explanation",
)
#: The workspace tables the results are written from.
RESULT_TABLES = ("account_scores", "account_networks", "networks", "evidence")
NETWORK_COLUMNS = (
    "network_id",
    "risk_score",
    "flagged",
    "size",
    "institutions",
    "accounts",
    "crime",
    "typologies",
    "explanation",
)


def write_results(con: Workspace, out: Path) -> dict[str, int]:
    """Write the three tables; return the counts run.json reports.

    On Spark the result tables come to this machine as Arrow tables and are written by DuckDB,
    so that the files are the same, byte for byte, whichever engine screened."""
    out.mkdir(parents=True, exist_ok=True)
    if isinstance(con, duckdb.DuckDBPyConnection):
        return _write(con, out)
    local = duckdb.connect()
    try:
        for table in RESULT_TABLES:
            local.register(table, fetch_arrow(con, f"SELECT * FROM {table}"))
        return _write(local, out)
    finally:
        local.close()


def _write(con: Connection, out: Path) -> dict[str, int]:
    con.execute(
        f"""
        COPY (
          SELECT s.account_id, s.institution_id, s.risk_score, s.flagged, s.rank, s.crime,
                 s.role, s.typologies, s.indicators, n.network_id, s.explanation
          FROM account_scores s LEFT JOIN account_networks n USING (account_id)
          ORDER BY s.rank
        ) TO {sql_string(str(out / "accounts.csv"))} (HEADER, DELIMITER ',')
        """
    )
    columns = ", ".join(NETWORK_COLUMNS)
    con.execute(
        f"COPY (SELECT {columns} FROM networks ORDER BY risk_score DESC, network_id) "
        f"TO {sql_string(str(out / 'networks.csv'))} (HEADER, DELIMITER ',')"
    )
    con.execute(
        f"""
        COPY (SELECT account_id, indicator_id, value, threshold, transaction_ids, detail
              FROM evidence ORDER BY account_id, indicator_id)
        TO {sql_string(str(out / "evidence.parquet"))} (FORMAT parquet)
        """
    )
    row = con.execute(
        "SELECT count(*) FILTER (WHERE flagged), count(*) FROM account_scores"
    ).fetchall()[0]
    networks = con.execute("SELECT count(*) FILTER (WHERE flagged) FROM networks").fetchall()[0]
    evidence = con.execute("SELECT count(*) FROM evidence").fetchall()[0]
    return {
        "flagged_accounts": int(row[0]),
        "accounts": int(row[1]),
        "flagged_networks": int(networks[0]),
        "evidence_rows": int(evidence[0]),
    }
