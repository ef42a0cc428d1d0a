"""Hand-made ``account_scores`` and ``ties`` tables for the network stage's tests."""

from __future__ import annotations

import duckdb


def scored_workspace(
    scores: dict[str, tuple[float, bool, str | None, str | None]],
    ties: list[tuple[str, str, str, int]],
) -> duckdb.DuckDBPyConnection:
    """``scores``: account -> (risk, flagged, crime, role); ``ties``: (a, b, kind, transactions),
    written both ways as ``build_ties`` does."""
    con = duckdb.connect()
    con.execute(
        "CREATE TABLE account_scores (account_id VARCHAR, institution_id VARCHAR, "
        "risk_score DOUBLE, flagged BOOLEAN, crime VARCHAR, role VARCHAR, typologies VARCHAR)"
    )
    con.executemany(
        "INSERT INTO account_scores VALUES (?, ?, ?, ?, ?, ?, ?)",
        [
            (account, account.split("-")[0], risk, flagged, crime, role, "t_" + (crime or ""))
            for account, (risk, flagged, crime, role) in scores.items()
        ],
    )
    con.execute(
        "CREATE TABLE ties (account_id VARCHAR, other_account_id VARCHAR, kind VARCHAR, "
        "transactions BIGINT)"
    )
    both = [(a, b, k, n) for a, b, k, n in ties] + [(b, a, k, n) for a, b, k, n in ties]
    if both:
        con.executemany("INSERT INTO ties VALUES (?, ?, ?, ?)", both)
    return con


def networks_of(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    rows = con.execute("SELECT network_id, account_id FROM account_networks").fetchall()
    groups: dict[str, set[str]] = {}
    for network, account in rows:
        groups.setdefault(network, set()).add(account)
    return groups
