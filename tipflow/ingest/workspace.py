"""The ingest stage's tables in the workspace: finalising them, summarising them, the run log.

After ingest a workspace holds, for each contract table, a typed table of that name with the
accepted rows (absent optional tables exist, empty), ``quarantine_<table>`` for every table read
from a file (empty when nothing was rejected), and ``ingest_runs``: one row per run with its
JSON report.
"""

from __future__ import annotations

from tipflow.engine.duckdb import Connection
from tipflow.engine.sql import quote_identifier as q
from tipflow.engine.workspace import first_row, table_exists
from tipflow.ingest.report import DatasetSummary, IngestReport
from tipflow.ingest.stage import BOOKKEEPING_COLUMNS, ROW_WARNING, stage_table

INGEST_RUNS = "ingest_runs"


def finalise_table(
    con: Connection, table: str, quarantined_rows: tuple[int, ...]
) -> dict[str, int]:
    """Drop quarantined rows and bookkeeping from the stage table and give it the table's name.

    Returns the warnings of the accepted rows, counted per message.
    """
    stage = q(stage_table(table))
    if quarantined_rows:
        con.execute(
            f"DELETE FROM {stage} WHERE rowid IN (SELECT unnest(?))", [list(quarantined_rows)]
        )
    warnings = con.execute(
        f"SELECT message, count(*) FROM ("
        f"  SELECT unnest(string_split({ROW_WARNING}, '; ')) AS message"
        f"  FROM {stage} WHERE {ROW_WARNING} IS NOT NULL) GROUP BY message ORDER BY message"
    ).fetchall()
    for column in BOOKKEEPING_COLUMNS:
        con.execute(f"ALTER TABLE {stage} DROP COLUMN {column}")
    if table_exists(con, table):
        con.execute(f"DROP TABLE {q(table)}")
    con.execute(f"ALTER TABLE {stage} RENAME TO {q(table)}")
    return {str(message): int(count) for message, count in warnings}


def dataset_summary(con: Connection) -> DatasetSummary:
    first, last, days = first_row(
        con,
        "SELECT min(timestamp), max(timestamp), "
        "date_diff('day', min(timestamp), max(timestamp)) + 1 FROM transactions",
    )
    return DatasetSummary(
        first_transaction=first.isoformat() if first else None,
        last_transaction=last.isoformat() if last else None,
        days=int(days) if days is not None else None,
        institutions=_counts(con, "accounts", "institution_id"),
        channels=_counts(con, "transactions", "channel"),
        currencies=_counts(con, "transactions", "currency"),
        party_types=_counts(con, "parties", "party_type"),
    )


def _counts(con: Connection, table: str, column: str) -> dict[str, int]:
    rows = con.execute(
        f"SELECT {q(column)}, count(*) AS n FROM {q(table)} GROUP BY 1 ORDER BY n DESC, 1"
    ).fetchall()
    return {str(value): int(n) for value, n in rows}


def record_run(con: Connection, report: IngestReport) -> None:
    con.execute(
        f"CREATE TABLE IF NOT EXISTS {INGEST_RUNS} ("
        "started_at VARCHAR, finished_at VARCHAR, command VARCHAR, dataset VARCHAR, "
        "status VARCHAR, report JSON)"
    )
    con.execute(
        f"INSERT INTO {INGEST_RUNS} VALUES (?, ?, ?, ?, ?, ?)",
        [
            report.started_at,
            report.finished_at,
            report.command,
            report.dataset,
            report.status,
            report.to_json(),
        ],
    )
