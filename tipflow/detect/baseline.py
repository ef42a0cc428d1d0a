"""The naive baseline ``tipflow evaluate`` compares with: one rule per indicator.

Every signal indicator of the library is a rule of its own: an account is flagged as soon as
any one of them fires (no combination, no network context, no mitigating evidence), and
ranked by how many fired. It is what a rules engine loaded with the same red flags would do;
the catalogue's lesson ("no golden red flag") is what the typologies add over it.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from tipflow.detect.registry import load_library
from tipflow.engine.sql import sql_string


def write_baseline(results: Path, out: Path) -> None:
    """``out/accounts.csv`` as the one-rule-per-indicator baseline would write it."""
    rules = [
        spec.id
        for spec in load_library().indicator_specs()
        if spec.kind in ("signal", "decisive") and spec.measure != "tied_to_alerts"
    ]
    out.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    try:
        con.execute(
            f"""
            COPY (
              WITH fired AS (
                SELECT account_id, count(*) AS rules,
                       string_agg(indicator_id, ';' ORDER BY indicator_id) AS indicators
                FROM read_parquet({sql_string(str(results / "evidence.parquet"))})
                WHERE list_contains(?, indicator_id) GROUP BY account_id
              )
              SELECT a.account_id, a.institution_id,
                     coalesce(f.rules, 0) / (coalesce(f.rules, 0) + 1.0) AS risk_score,
                     f.rules IS NOT NULL AS flagged,
                     row_number() OVER (ORDER BY coalesce(f.rules, 0) DESC, a.account_id) AS rank,
                     '' AS crime, '' AS role, '' AS typologies,
                     coalesce(f.indicators, '') AS indicators, '' AS network_id,
                     '' AS explanation
              FROM read_csv({sql_string(str(results / "accounts.csv"))}, all_varchar = true) a
              LEFT JOIN fired f USING (account_id) ORDER BY rank
            ) TO {sql_string(str(out / "accounts.csv"))} (HEADER)
            """,
            [rules],
        )
    finally:
        con.close()
