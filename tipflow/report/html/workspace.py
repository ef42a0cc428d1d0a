"""What the pages read from the workspace beyond the cases: money flows and typology names.

**Flows**: every money flow of each case's accounts (and any other transaction the evidence
names), for the timeline pictures. A case carries only the transactions its evidence names;
the timeline shows them against all the money its accounts moved, so an investigator sees
whether the evidence is the account's whole life or a burst within it. One set-based query
for all cases (never one per case). A case with more than ``AGGREGATE_ABOVE`` flows gets one
point per day, direction and channel instead of one per transaction: summed in the database,
so a year of a busy network does not come back row by row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import duckdb

from tipflow.detect.screen import WORKSPACE_NAME
from tipflow.errors import DatasetError
from tipflow.report.cases import Case

AGGREGATE_ABOVE = 200

# Into the case's accounts, out of them, between them; "other": another account's transaction
# that the evidence names.
DIRECTIONS = ("in", "out", "within", "other")


@dataclass(frozen=True)
class FlowPoint:
    """One transaction, or (aggregated) the flows of one day, direction and channel."""

    when: dt.datetime
    amount: float  # in the base currency where the dataset gives one
    channel: str
    direction: str  # one of DIRECTIONS
    count: int = 1
    evidence_count: int = 0  # how many of them the case's evidence names


@dataclass(frozen=True)
class CaseFlows:
    points: tuple[FlowPoint, ...]
    aggregated: bool  # True: one point per day, direction and channel
    transactions: int  # flows in all, whatever the points are
    currencies: tuple[str, ...]


def read_typology_names(results: Path) -> dict[str, str]:
    """``{typology_id: name}`` of the library the run used (its words, not its codes)."""
    con = _connect(results)
    try:
        return dict(con.execute("SELECT typology_id, name FROM lib_typologies").fetchall())
    finally:
        con.close()


def _connect(results: Path) -> duckdb.DuckDBPyConnection:
    workspace = results / WORKSPACE_NAME
    if not workspace.is_file():
        raise DatasetError(workspace, "missing: is this a results folder of tipflow screen?")
    return duckdb.connect(str(workspace), read_only=True)


def read_case_flows(results: Path, cases: list[Case]) -> dict[str, CaseFlows]:
    """``{case_id: CaseFlows}`` for every case (an empty one for a case with no flows)."""
    return read_flows(
        results,
        [c.case_id for c in cases],
        members=[(c.case_id, a.account_id) for c in cases for a in c.accounts],
        named=[(c.case_id, t.transaction_id) for c in cases for t in c.transactions],
    )


def read_flows(
    results: Path,
    groups: list[str],
    *,
    members: list[tuple[str, str]],
    named: list[tuple[str, str]],
) -> dict[str, CaseFlows]:
    """``{group: CaseFlows}``: the flows of each group's accounts (``members``: group and
    account id) and the transactions its evidence names (``named``: group and transaction id).
    A group is a case for the report, one account for the account page of ``tipflow ui``."""
    con = _connect(results)
    try:
        con.execute(
            "CREATE TEMP TABLE report_members AS "
            "SELECT unnest(?) AS case_id, unnest(?) AS account_id",
            [[m[0] for m in members], [m[1] for m in members]],
        )
        con.execute(
            "CREATE TEMP TABLE report_named AS "
            "SELECT DISTINCT unnest(?) AS case_id, unnest(?) AS transaction_id",
            [[n[0] for n in named], [n[1] for n in named]],
        )
        con.execute(_FLOWS_SQL.format(aggregate_above=AGGREGATE_ABOVE))
        rows = con.execute(_POINTS_SQL).fetchall()
        totals = con.execute(
            "SELECT case_id, count(*), list(DISTINCT currency ORDER BY currency) "
            "FROM report_flows GROUP BY case_id"
        ).fetchall()
    finally:
        con.close()
    points: dict[str, list[FlowPoint]] = {}
    for case_id, when, amount, channel, direction, count, evidence in rows:
        points.setdefault(case_id, []).append(
            FlowPoint(when, float(amount), channel, direction, int(count), int(evidence))
        )
    counted = {case_id: (int(n), tuple(currencies)) for case_id, n, currencies in totals}
    flows = {}
    for group in groups:
        n, currencies = counted.get(group, (0, ()))
        flows[group] = CaseFlows(
            points=tuple(points.get(group, [])),
            aggregated=n > AGGREGATE_ABOVE,
            transactions=n,
            currencies=currencies,
        )
    return flows


# A transfer between two accounts of one case is one flow "within", not an "out" and an "in".
# Evidence may name other accounts' transactions (customers paying a storefront's merchant
# account, say): they are flows too, "other", so that the timeline shows all the proof.
_FLOWS_SQL = """
CREATE TEMP TABLE report_flows AS
WITH sides AS (
  SELECT m.case_id, t.transaction_id, 'out' AS side
  FROM report_members m JOIN transactions t ON t.from_account_id = m.account_id
  UNION ALL
  SELECT m.case_id, t.transaction_id, 'in' AS side
  FROM report_members m JOIN transactions t ON t.to_account_id = m.account_id
),
own AS (
  SELECT case_id, transaction_id,
         CASE WHEN count(DISTINCT side) = 2 THEN 'within' ELSE any_value(side) END AS direction
  FROM sides GROUP BY case_id, transaction_id
),
flows AS (
  SELECT * FROM own
  UNION ALL
  SELECT n.case_id, n.transaction_id, 'other' FROM report_named n
  WHERE NOT EXISTS (
    SELECT 1 FROM own o WHERE o.case_id = n.case_id AND o.transaction_id = n.transaction_id
  )
)
SELECT f.case_id, f.transaction_id, f.direction, t."timestamp" AS ts,
       coalesce(t.base_amount, t.amount)::DOUBLE AS amount,
       CASE WHEN t.base_amount IS NULL THEN t.currency ELSE 'base' END AS currency,
       coalesce(t.channel, 'unknown') AS channel,
       (n.transaction_id IS NOT NULL) AS evidence,
       count(*) OVER (PARTITION BY f.case_id) > {aggregate_above} AS aggregated
FROM flows f JOIN transactions t USING (transaction_id)
LEFT JOIN report_named n ON n.case_id = f.case_id AND n.transaction_id = f.transaction_id
"""

_POINTS_SQL = """
SELECT case_id, ts, amount, channel, direction, 1, evidence::INTEGER
FROM report_flows WHERE NOT aggregated
UNION ALL
SELECT case_id, date_trunc('day', ts)::TIMESTAMP + INTERVAL 12 HOUR, sum(amount), channel,
       direction, count(*), count(*) FILTER (WHERE evidence)
FROM report_flows WHERE aggregated GROUP BY case_id, date_trunc('day', ts), channel, direction
ORDER BY 1, 2, 4, 5, 3
"""
