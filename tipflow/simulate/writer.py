"""Write a simulated world: the dataset (input contract) and its ground truth (``truth/``).

The tables built by the generators are registered in DuckDB and formatted there, in SQL:
identifiers from serial numbers, timestamps as local ISO 8601 with the UTC offset when the
institution's export records one, money as exact decimals, transactions in time order.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Literal

import pyarrow as pa

from tipflow.engine.duckdb import Connection, EngineSettings, connect
from tipflow.engine.progress import ProgressSink, execute_with_progress
from tipflow.engine.sql import sql_string
from tipflow.simulate.world import World

Format = Literal["csv", "parquet"]

ACCOUNT_ID = "a.institution || '-' || lpad(CAST(a.account AS VARCHAR), 8, '0')"
OFFSET = (
    "CASE WHEN t.utc_offset >= 0 THEN '+' ELSE '-' END"
    " || lpad(CAST(abs(t.utc_offset) // 60 AS VARCHAR), 2, '0') || ':'"
    " || lpad(CAST(abs(t.utc_offset) % 60 AS VARCHAR), 2, '0')"
)

DATASET = {
    "parties": """
        SELECT 'P' || lpad(CAST(p.party AS VARCHAR), 7, '0') AS party_id, p.party_type, p.name,
               p.birth_date, p.gender, p.nationality, p.address, p.city, p.postal_code,
               p.country, p.phone, p.email, p.occupation, p.industry_code,
               CAST(p.declared_income AS DECIMAL(18, 2)) AS declared_income, p.employee_count,
               least(p.onboarding_date, f.first_opened) AS onboarding_date
        FROM parties AS p LEFT JOIN party_first_account AS f USING (party)
        ORDER BY p.party""",
    "accounts": f"""
        SELECT {ACCOUNT_ID} AS account_id, a.institution AS institution_id,
               'P' || lpad(CAST(a.party AS VARCHAR), 7, '0') AS party_id, a.account_type,
               a.currency, d.opened_date, a.closed_date, a.branch_city, a.branch_country
        FROM accounts AS a JOIN account_dates AS d USING (account) ORDER BY a.account""",
    "transactions": f"""
        SELECT 'TX' || lpad(CAST(t.transaction AS VARCHAR), 9, '0') AS transaction_id,
               strftime(t.timestamp, '%Y-%m-%dT%H:%M:%S')
                 || CASE WHEN coalesce(f.offsets, g.offsets) THEN {OFFSET} ELSE '' END AS timestamp,
               CAST(t.amount AS DECIMAL(18, 2)) AS amount, t.currency,
               CAST(t.base_amount AS DECIMAL(18, 2)) AS base_amount, t.channel,
               f.account_id AS from_account_id, g.account_id AS to_account_id,
               t.counterparty_name, t.counterparty_account, t.counterparty_institution,
               t.counterparty_country, t.merchant_name, t.merchant_category_code, t.city, t.country,
               t.device_id, t.ip_address, t.description
        FROM transactions AS t
        LEFT JOIN account_ids AS f ON t.from_account = f.account
        LEFT JOIN account_ids AS g ON t.to_account = g.account
        ORDER BY t.timestamp, t.transaction""",
    "account_parties": """
        SELECT i.account_id, 'P' || lpad(CAST(l.party AS VARCHAR), 7, '0') AS party_id, l.relation
        FROM account_parties AS l JOIN account_ids AS i USING (account)
        ORDER BY l.account, l.relation, l.party""",
    "labels": """
        SELECT i.account_id, l.label, l.source, l.label_date
        FROM labels AS l JOIN account_ids AS i USING (account) ORDER BY i.account_id""",
    "watchlist": """
        SELECT 'W' || lpad(CAST(entry AS VARCHAR), 5, '0') AS entry_id, kind, value, note
        FROM watchlist ORDER BY entry""",
}

TRUTH = {
    "accounts": """
        SELECT i.account_id, t.account IS NOT NULL AND t.network_id IS NOT NULL AS involved,
               t.crime, t.role, t.typology, t.network_id, t.lookalike
        FROM account_ids AS i LEFT JOIN truth_accounts AS t USING (account)
        ORDER BY i.account_id""",
    "transactions": """
        SELECT 'TX' || lpad(CAST(transaction AS VARCHAR), 9, '0') AS transaction_id,
               typology, network_id
        FROM truth_transactions ORDER BY transaction""",
    "networks": """
        SELECT n.network_id, n.typology, n.crime, count(t.account) AS size,
               string_agg(DISTINCT i.institution, ';' ORDER BY i.institution) AS institutions,
               string_agg(i.account_id, ';' ORDER BY i.account_id) AS accounts
        FROM networks AS n
        LEFT JOIN truth_accounts AS t USING (network_id)
        LEFT JOIN account_ids AS i USING (account)
        GROUP BY ALL ORDER BY n.network_id""",
}


#: The writer sorts all transactions by time; past this much memory DuckDB spills to disk.
WRITER_MEMORY_LIMIT = "4GB"


def write_world(world: World, out: Path, fmt: Format, progress: ProgressSink) -> dict[str, int]:
    """Write the dataset and ``truth/`` under ``out``; returns rows written per dataset table."""
    (out / "truth").mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="tipflow-simulate-") as scratch:
        con = connect(
            None, EngineSettings(memory_limit=WRITER_MEMORY_LIMIT, temp_directory=Path(scratch))
        )
        try:
            # DuckDB scans the registered Arrow tables in place: no second copy of the world.
            arrow = _register(con, world)
            rows = {}
            for table, query in DATASET.items():
                path = out / f"{table}.{fmt}"
                execute_with_progress(
                    con, _copy(query, path, fmt), progress, f"Writing {path.name}"
                )
                rows[table] = arrow[table].num_rows
            for table, query in TRUTH.items():
                con.execute(_copy(query, out / "truth" / f"{table}.csv", "csv"))
            return rows
        finally:
            con.close()


def _register(con: Connection, world: World) -> dict[str, pa.Table]:
    """Register every built table (and small helper tables) under its name; returns them."""
    builders = (
        world.parties, world.accounts, world.account_parties, world.transactions,
        world.labels, world.watchlist, world.truth_accounts, world.truth_transactions,
    )  # fmt: skip
    tables = {builder.name: builder.to_arrow() for builder in builders}
    tables["networks"] = pa.Table.from_pylist(
        world.networks,
        schema=pa.schema(
            [("network_id", pa.string()), ("typology", pa.string()), ("crime", pa.string())]
        ),
    )
    tables["institution_offsets"] = pa.table(
        {
            "institution": [i.id for i in world.config.institutions],
            "offsets": [i.offsets for i in world.config.institutions],
        }
    )
    for name, table in tables.items():
        con.register(name, table)
    _coherent_dates(con)
    con.execute(
        f"CREATE TABLE account_ids AS SELECT a.account, {ACCOUNT_ID} AS account_id, "
        "a.institution, o.offsets FROM accounts AS a "
        "JOIN institution_offsets AS o ON CAST(a.institution AS VARCHAR) = o.institution"
    )
    return tables


def _coherent_dates(con: Connection) -> None:
    """Dates that agree however the generators drew them: an account is open by its first
    transaction, and its holder a customer by the first account they hold."""
    con.execute(
        """
        CREATE TABLE account_dates AS
        WITH used AS (
            SELECT account, min(CAST(timestamp AS DATE)) AS first_day FROM (
                SELECT from_account AS account, timestamp FROM transactions
                UNION ALL SELECT to_account, timestamp FROM transactions)
            WHERE account >= 0 GROUP BY account)
        SELECT a.account, least(a.opened_date, u.first_day) AS opened_date
        FROM accounts AS a LEFT JOIN used AS u USING (account)
        """
    )
    con.execute(
        """
        CREATE TABLE party_first_account AS
        SELECT l.party, min(d.opened_date) AS first_opened
        FROM account_parties AS l JOIN account_dates AS d USING (account)
        WHERE l.relation IN ('holder', 'joint_holder')
        GROUP BY l.party
        """
    )


def _copy(query: str, path: Path, fmt: Format) -> str:
    options = "FORMAT parquet" if fmt == "parquet" else "HEADER, DELIMITER ','"
    return f"COPY ({query}) TO {sql_string(str(path))} ({options})"
