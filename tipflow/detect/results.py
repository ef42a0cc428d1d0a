"""Writes the results folder of ``tipflow screen`` (shared/contract/output.md, version 1).

``accounts.csv`` (every accepted account), ``networks.csv`` (every network the network stage
formed; the header alone when there is none), ``evidence.parquet``; ``run.json`` is written by
``screen`` and ``quarantine/`` by the reader.
"""

from __future__ import annotations

from pathlib import Path

from tipflow.engine.duckdb import Connection, sql_string

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


def write_results(con: Connection, out: Path) -> dict[str, int]:
    """Write the three tables; return the counts run.json reports."""
    out.mkdir(parents=True, exist_ok=True)
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
