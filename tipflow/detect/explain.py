"""``tipflow explain``: one account's alert, its evidence and the transactions behind it.

Reads only the results folder (accounts.csv, evidence.parquet and, when present, the
workspace the screening kept), so an analyst can explain a result long after the run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from tipflow.detect.registry import load_library
from tipflow.detect.screen import WORKSPACE_NAME
from tipflow.engine.sql import sql_string
from tipflow.errors import DatasetError

TRANSACTIONS_SHOWN = 8


@dataclass(frozen=True)
class EvidenceItem:
    indicator_id: str
    name: str
    value: float
    threshold: float
    detail: str
    transaction_ids: list[str]
    transactions: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class Explanation:
    account: dict[str, Any]
    evidence: list[EvidenceItem]


def explain_account(results: Path, account_id: str) -> Explanation:
    accounts, evidence = results / "accounts.csv", results / "evidence.parquet"
    for path in (accounts, evidence):
        if not path.is_file():
            raise DatasetError(path, "missing: is this a results folder of tipflow screen?")
    con = duckdb.connect()
    try:
        return _explain(con, results, accounts, evidence, account_id)
    finally:
        con.close()


def _explain(
    con: duckdb.DuckDBPyConnection, results: Path, accounts: Path, evidence: Path, account_id: str
) -> Explanation:
    found = con.execute(
        f"SELECT * FROM read_csv({sql_string(str(accounts))}, all_varchar = true) "
        "WHERE account_id = ?",
        [account_id],
    )
    columns = [d[0] for d in found.description or []]
    rows = found.fetchall()
    if not rows:
        raise DatasetError(accounts, f"no account {account_id!r} in the results")
    account = dict(zip(columns, rows[0], strict=True))
    items = con.execute(
        f"SELECT indicator_id, value, threshold, detail, transaction_ids "
        f"FROM read_parquet({sql_string(str(evidence))}) WHERE account_id = ? "
        "ORDER BY indicator_id",
        [account_id],
    ).fetchall()
    workspace = results / WORKSPACE_NAME
    if workspace.is_file():
        con.execute(f"ATTACH {sql_string(str(workspace))} AS ws (READ_ONLY)")
    names = {i.spec.id: i.spec.name for i in load_library().indicators.values()}
    evidence_items = [
        EvidenceItem(
            indicator_id=row[0],
            name=names.get(row[0], row[0]),
            value=float(row[1]),
            threshold=float(row[2]),
            detail=row[3] or "",
            transaction_ids=list(row[4] or []),
            transactions=_transactions(con, list(row[4] or [])) if workspace.is_file() else [],
        )
        for row in items
    ]
    return Explanation(account, evidence_items)


def _transactions(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[dict[str, Any]]:
    if not ids:
        return []
    cursor = con.execute(
        'SELECT transaction_id, "timestamp"::VARCHAR AS time, channel, amount::DOUBLE AS amount, '
        "from_account_id, to_account_id, coalesce(merchant_name, counterparty_name) AS other, "
        "city, description FROM ws.transactions WHERE list_contains(?, transaction_id) "
        'ORDER BY "timestamp" LIMIT ?',
        [ids, TRANSACTIONS_SHOWN],
    )
    columns = [d[0] for d in cursor.description or []]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
