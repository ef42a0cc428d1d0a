"""One network as a graph an investigator can read: its accounts, the outside parties its money
goes to and comes from, the money between them and the ties that link them.

Read from a results folder's workspace (``tipflow screen`` keeps it), so ``tipflow network``
works long after the run. Nodes: every member account (holder, institution, risk, role,
typologies) and the ``OUTSIDE_SHOWN`` outside counterparties with the most money to or from
the network. Edges: ``money`` (aggregated transfers: count, total, first and last day) and one
edge per kind of tie between two members (control, device, identifier, same holder, common
beneficiary).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from tipflow.detect.screen import WORKSPACE_NAME
from tipflow.engine.sql import sql_string
from tipflow.errors import DatasetError

OUTSIDE_SHOWN = 12
TIE_KINDS_SHOWN = (
    "same_holder",
    "control",
    "owner",
    "device",
    "identifier",
    "premises",
    "common_beneficiary",
)


def network_graph(results: Path, network_id: str) -> dict[str, Any]:
    """The network as ``{"network": {...}, "nodes": [...], "edges": [...]}`` (JSON-ready)."""
    workspace = results / WORKSPACE_NAME
    if not workspace.is_file():
        raise DatasetError(workspace, "missing: is this a results folder of tipflow screen?")
    con = duckdb.connect(str(workspace), read_only=True)
    try:
        return _graph(con, network_id)
    finally:
        con.close()


def _records(
    con: duckdb.DuckDBPyConnection, sql: str, parameters: list[Any]
) -> list[dict[str, Any]]:
    cursor = con.execute(sql, parameters)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _graph(con: duckdb.DuckDBPyConnection, network_id: str) -> dict[str, Any]:
    found = _records(con, "SELECT * FROM networks WHERE network_id = ?", [network_id])
    if not found:
        raise DatasetError(Path(network_id), "no such network in these results")
    members = _records(
        con,
        """
        SELECT s.account_id AS id, 'account' AS kind, s.institution_id AS institution,
               p.party_id, p.name AS holder, p.account_type, s.risk_score, s.flagged, s.crime,
               s.role, s.typologies, s.indicators
        FROM account_networks n JOIN account_scores s USING (account_id)
        JOIN account_profile p USING (account_id)
        WHERE n.network_id = ? ORDER BY s.risk_score DESC, s.account_id
        """,
        [network_id],
    )
    ids = [m["id"] for m in members]
    money = _records(
        con,
        """
        SELECT l.account_id AS source, l.other_account_id AS target, 'money' AS kind,
               count(*) AS transactions, round(sum(l.amount), 2)::DOUBLE AS total,
               min(l.day)::VARCHAR AS first_day, max(l.day)::VARCHAR AS last_day
        FROM legs l WHERE l.direction = 'out' AND l.account_id IN (SELECT unnest(?))
          AND l.other_account_id IN (SELECT unnest(?))
        GROUP BY ALL ORDER BY source, target
        """,
        [ids, ids],
    )
    kinds = ", ".join(sql_string(k) for k in TIE_KINDS_SHOWN)
    ties = _records(
        con,
        f"""
        SELECT DISTINCT least(account_id, other_account_id) AS source,
               greatest(account_id, other_account_id) AS target, kind
        FROM ties WHERE kind IN ({kinds}) AND account_id IN (SELECT unnest(?))
          AND other_account_id IN (SELECT unnest(?))
        ORDER BY source, target, kind
        """,
        [ids, ids],
    )
    outside = _records(
        con,
        f"""
        WITH flows AS (
          SELECT account_id, direction, coalesce(cp_key, channel) AS party,
                 min(coalesce(counterparty_name, merchant_name, channel)) AS label,
                 min(cp_country) AS country, count(*) AS transactions,
                 round(sum(amount), 2)::DOUBLE AS total,
                 min(day)::VARCHAR AS first_day, max(day)::VARCHAR AS last_day
          FROM legs WHERE account_id IN (SELECT unnest(?)) AND other_account_id IS NULL
            AND merchant_name IS NULL AND mcc IS NULL
          GROUP BY ALL
        ),
        top AS (
          SELECT party FROM flows GROUP BY party
          ORDER BY sum(total) DESC, party LIMIT {OUTSIDE_SHOWN}
        )
        SELECT f.* FROM flows f JOIN top USING (party) ORDER BY f.party, f.account_id, f.direction
        """,
        [ids],
    )
    nodes: list[dict[str, Any]] = [dict(m) for m in members]
    seen: set[str] = set()
    edges: list[dict[str, Any]] = [*money, *ties]
    for flow in outside:
        node_id = "outside:" + str(flow["party"])
        if node_id not in seen:
            seen.add(node_id)
            nodes.append(
                {
                    "id": node_id,
                    "kind": "outside",
                    "label": flow["label"],
                    "country": flow["country"],
                }
            )
        source, target = (
            (flow["account_id"], node_id)
            if flow["direction"] == "out"
            else (node_id, flow["account_id"])
        )
        edges.append(
            {
                "source": source,
                "target": target,
                "kind": "money",
                "transactions": flow["transactions"],
                "total": flow["total"],
                "first_day": flow["first_day"],
                "last_day": flow["last_day"],
            }
        )
    return {"network": found[0], "nodes": nodes, "edges": edges}
