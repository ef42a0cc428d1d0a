"""Query measures of laundering flow shapes between customers' accounts (AMLworld's fan-in,
fan-out, cycles, scatter-gather, gather-scatter, bipartite and stacks are made of these):

* ``relay``: transfers an account passes on within hours at nearly the same amount (the hop of
  a chain, a cycle, a scatter-gather intermediate);
* ``burst``: many distinct counterparties paying, or being paid by, one account within days
  (the hub of a fan).

Only transfers between accounts of the dataset count (the shapes are seen when both ends are
customers), of at least ``min_amount``, and never payroll or rent (a landlord's tenants pay in a
burst at the start of the month).
"""

from __future__ import annotations

from typing import Literal

from tipflow.detect.measures.base import MeasureParameters, QueryContext, QueryMeasure

_TRANSFERS = (
    "other_account_id IS NOT NULL AND NOT coalesce(own_transfer, false) AND NOT kw_payroll "
    "AND NOT kw_rent AND merchant_name IS NULL"
)


class Relay(MeasureParameters):
    hours: int = 96
    min_amount: float = 1000.0
    min_kept: float = 0.85  # the onward transfer is at least this share of the incoming one


def _relay_query(p: Relay, ctx: QueryContext) -> str:
    return f"""
WITH t AS (
  SELECT account_id, transaction_id, ts, direction, amount, other_account_id
  FROM legs WHERE {_TRANSFERS} AND amount >= {p.min_amount}
),
pairs AS (
  SELECT i.account_id, i.transaction_id AS received, o.transaction_id AS passed, o.ts,
         {ctx.window_of("o.ts")} AS w
  FROM t i JOIN t o ON o.account_id = i.account_id AND i.direction = 'in'
    AND o.direction = 'out' AND o.other_account_id <> i.other_account_id
    AND o.ts > i.ts AND o.ts <= i.ts + INTERVAL {p.hours} HOURS
    AND o.amount BETWEEN {p.min_kept} * i.amount AND i.amount
)
SELECT account_id, count(DISTINCT passed)::DOUBLE AS value,
       list(DISTINCT received ORDER BY received)[1:25]
         || list(DISTINCT passed ORDER BY passed)[1:25] AS transaction_ids,
       concat(count(DISTINCT passed), ' transfers passed on within {p.hours} h at ',
              '{round(100 * p.min_kept)}-100 % of a transfer received') AS detail
FROM pairs GROUP BY account_id, w
"""


RELAY = QueryMeasure(
    name="relay",
    description="Large transfers between customers passed on within hours at nearly the "
    "same amount (a hop of a chain, a cycle or a scatter-gather).",
    parameters=Relay,
    query=_relay_query,
)


class Burst(MeasureParameters):
    direction: Literal["in", "out"]
    hours: int = 96
    min_amount: float = 1000.0


def _burst_query(p: Burst, _: QueryContext) -> str:
    return f"""
WITH t AS (
  SELECT account_id, transaction_id, ts, other_account_id FROM legs
  WHERE {_TRANSFERS} AND amount >= {p.min_amount} AND direction = '{p.direction}'
),
bursts AS (
  SELECT a.account_id, a.transaction_id AS first_id, count(DISTINCT b.other_account_id) AS peers,
         list(b.transaction_id ORDER BY b.ts, b.transaction_id) AS tx
  FROM t a JOIN t b ON b.account_id = a.account_id AND b.ts >= a.ts
   AND b.ts <= a.ts + INTERVAL {p.hours} HOURS
  GROUP BY a.account_id, a.transaction_id
)
SELECT account_id, peers::DOUBLE AS value, tx[1:50] AS transaction_ids,
       concat(peers, ' distinct accounts ', '{"paid it" if p.direction == "in" else "paid by it"}',
              ' within {p.hours} h') AS detail
FROM bursts
"""


BURST = QueryMeasure(
    name="burst",
    description="Many distinct customers paying (or paid by) one account within days: the "
    "hub of a fan.",
    parameters=Burst,
    query=_burst_query,
)
