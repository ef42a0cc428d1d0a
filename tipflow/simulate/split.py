"""Split a multi-institution dataset into the datasets each institution really holds.

``tipflow simulate`` writes one world in which every bank's accounts sit side by side. No bank
sees that: it holds its own customers (parties, accounts, account_parties, labels) and the
transactions that touch its own accounts. Where the other side of a transfer is an account at
another bank, the bank sees only what a payment message tells it: that side becomes an outside
counterparty (``counterparty_account`` = the account id, ``counterparty_name`` = its holder's
name, ``counterparty_institution`` = the other institution), and the sender's device and IP
address are no longer visible to the receiving bank. Each part passes ``tipflow validate``.

Party ids are kept as written: a party with accounts at two banks keeps one id in both parts.
No later stage compares party ids across parts (sharing tokenises identifiers, never ids).
"""

from __future__ import annotations

import re
from pathlib import Path

from tipflow.engine.duckdb import Connection, connect
from tipflow.engine.sql import sql_string
from tipflow.errors import DatasetError
from tipflow.ingest.contract import load_contract
from tipflow.ingest.discover import find_table_file

#: Tables copied per institution by account; the watchlist goes to every part whole.
_SAFE_NAME = re.compile(r"^[A-Za-z0-9_.-]+$")


def split_by_institution(dataset: Path, out: Path) -> dict[str, Path]:
    """Write ``out/<institution_id>/`` (CSV tables) for each institution in ``dataset``'s
    accounts; returns institution id → folder."""
    if not dataset.is_dir():
        raise DatasetError(dataset, "no such dataset folder")
    con = connect(None)
    try:
        _read_tables(con, dataset)
        institutions = [
            str(row[0])
            for row in con.execute(
                "SELECT DISTINCT institution_id FROM accounts WHERE institution_id IS NOT NULL "
                "ORDER BY 1"
            ).fetchall()
        ]
        parts: dict[str, Path] = {}
        for institution in institutions:
            if not _SAFE_NAME.match(institution):
                raise DatasetError(
                    dataset, f"institution id {institution!r} cannot name a folder of the split"
                )
            parts[institution] = _write_part(con, institution, out / institution)
    finally:
        con.close()
    return parts


def _read_tables(con: Connection, dataset: Path) -> None:
    """Every table as text, in file order (``_row``), so values are written back as given."""
    for name, spec in load_contract().tables.items():
        path = find_table_file(dataset, spec)
        if path is None:
            columns = ", ".join(f"NULL::VARCHAR AS {c}" for c in spec.columns)
            con.execute(f"CREATE TABLE {name} AS SELECT {columns}, 0 AS _row LIMIT 0")
            continue
        if path.suffix == ".parquet":
            source = f"read_parquet({sql_string(str(path))})"
        else:
            source = f"read_csv({sql_string(str(path))}, header = true, all_varchar = true)"
        con.execute(f"CREATE TABLE {name} AS SELECT *, row_number() OVER () AS _row FROM {source}")


def _write_part(con: Connection, institution: str, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    inst = sql_string(institution)
    con.execute(
        f"CREATE OR REPLACE TEMP TABLE own AS SELECT account_id FROM accounts "
        f"WHERE institution_id = {inst}"
    )
    queries = {
        "accounts": f"SELECT * FROM accounts WHERE institution_id = {inst}",
        "account_parties": "SELECT * FROM account_parties WHERE account_id IN (FROM own)",
        "parties": """SELECT * FROM parties WHERE party_id IN (
                        SELECT party_id FROM accounts WHERE account_id IN (FROM own)
                        UNION SELECT party_id FROM account_parties
                        WHERE account_id IN (FROM own))""",
        "labels": "SELECT * FROM labels WHERE account_id IN (FROM own)",
        "watchlist": "SELECT * FROM watchlist",
        "transactions": _transactions_sql(inst),
    }
    for name, query in queries.items():
        target = sql_string(str(folder / f"{name}.csv"))
        con.execute(
            f"COPY (SELECT * EXCLUDE (_row) FROM ({query}) ORDER BY _row) "
            f"TO {target} (HEADER, DELIMITER ',')"
        )
    return folder


def _transactions_sql(inst: str) -> str:
    """Transactions touching the institution's accounts, the other bank's side made outside."""
    return f"""
    WITH other AS (
      SELECT a.account_id, a.institution_id, p.name
      FROM accounts a LEFT JOIN parties p USING (party_id) WHERE a.institution_id <> {inst}
    ), marked AS (
      SELECT t.*, fo.account_id IS NOT NULL AS from_own, tw.account_id IS NOT NULL AS to_own,
             fx.account_id IS NOT NULL AS from_other, tx.account_id IS NOT NULL AS to_other,
             coalesce(fx.name, tx.name) AS other_name,
             coalesce(fx.institution_id, tx.institution_id) AS other_institution
      FROM transactions t
      LEFT JOIN own fo ON fo.account_id = t.from_account_id
      LEFT JOIN own tw ON tw.account_id = t.to_account_id
      LEFT JOIN other fx ON fx.account_id = t.from_account_id
      LEFT JOIN other tx ON tx.account_id = t.to_account_id
      WHERE fo.account_id IS NOT NULL OR tw.account_id IS NOT NULL
    )
    SELECT * EXCLUDE (from_own, to_own, from_other, to_other, other_name, other_institution)
      REPLACE (
        CASE WHEN from_other THEN NULL ELSE from_account_id END AS from_account_id,
        CASE WHEN to_other THEN NULL ELSE to_account_id END AS to_account_id,
        CASE WHEN from_other THEN from_account_id WHEN to_other THEN to_account_id
             ELSE counterparty_account END AS counterparty_account,
        CASE WHEN from_other OR to_other THEN other_name ELSE counterparty_name END
          AS counterparty_name,
        CASE WHEN from_other OR to_other THEN other_institution
             ELSE counterparty_institution END AS counterparty_institution,
        -- the receiving bank never sees the sender's device or IP address
        CASE WHEN from_other THEN NULL ELSE device_id END AS device_id,
        CASE WHEN from_other THEN NULL ELSE ip_address END AS ip_address
      )
    FROM marked
    """
