"""Query measures of laundering flow shapes between customers' accounts (AMLworld's fan-in,
fan-out, cycles, scatter-gather, gather-scatter, bipartite and stacks are made of these):

* ``relay``: transfers an account passes on within hours at nearly the same amount (the hop of
  a chain, a cycle, a scatter-gather intermediate);
* ``burst``: many distinct counterparties paying, or being paid by, one account within days
  (the hub of a fan);
* ``cycle``: money that comes back: a time-ordered path of transfers between customers that
  returns to the account it left, within days (AMLworld's cycles, round-tripping).

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
    max_kept: float = 1.0  # ... and at most this share (above 1: topped up from the balance)


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
    AND o.amount BETWEEN {p.min_kept} * i.amount AND {p.max_kept} * i.amount
)
SELECT account_id, count(DISTINCT passed)::DOUBLE AS value,
       list(DISTINCT received ORDER BY received)[1:25]
         || list(DISTINCT passed ORDER BY passed)[1:25] AS transaction_ids,
       concat(count(DISTINCT passed), ' transfers passed on within {p.hours} h at ',
              '{round(100 * p.min_kept)}-{round(100 * p.max_kept)} % of a transfer received')
         AS detail
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
    # A counterparty the account pays (or is paid by) on ``regular_days`` distinct days or
    # more, or on ``steady_days`` with amounts within ``steady_ratio`` of each other, is a
    # regular one - an employee on a payroll the memo does not name, a supplier, a tenant -
    # not the leaf of a fan (paid once, or a few times in amounts that swing).
    regular_days: int = 4
    steady_days: int = 3
    steady_ratio: float = 1.5


def _burst_query(p: Burst, _: QueryContext) -> str:
    return f"""
WITH t AS (
  SELECT account_id, transaction_id, ts, other_account_id FROM (
    SELECT account_id, transaction_id, ts, other_account_id,
           count(DISTINCT day) OVER pair AS days,
           max(amount) OVER pair <= {p.steady_ratio} * min(amount) OVER pair AS steady
    FROM legs
    WHERE {_TRANSFERS} AND amount >= {p.min_amount} AND direction = '{p.direction}'
    WINDOW pair AS (PARTITION BY account_id, other_account_id))
  WHERE days < {p.regular_days} AND NOT (days >= {p.steady_days} AND steady)
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


class Cycle(MeasureParameters):
    days: int = 14  # the whole cycle, first transfer to last
    max_hops: int = 12
    min_amount: float = 1000.0
    max_degree: int = 30  # an account with more such transfers either way is a hub, not a hop


def _cycle_query(p: Cycle, ctx: QueryContext) -> str:
    # Only accounts that both receive and send such transfers can be on a cycle, and paths are
    # simple and time-ordered, which keeps the walk small; hubs are left out of it.
    return f"""
WITH RECURSIVE edges AS (
  SELECT account_id AS src, other_account_id AS dst, ts, transaction_id AS tx
  FROM legs WHERE direction = 'out' AND {_TRANSFERS} AND amount >= {p.min_amount}
),
degree AS (
  SELECT a, count(*) AS n FROM (SELECT src AS a FROM edges UNION ALL SELECT dst FROM edges)
  GROUP BY a
),
hops AS (
  SELECT * FROM edges
  WHERE src IN (SELECT dst FROM edges) AND dst IN (SELECT src FROM edges)
    AND src IN (SELECT a FROM degree WHERE n <= {p.max_degree})
    AND dst IN (SELECT a FROM degree WHERE n <= {p.max_degree})
),
walk(start, node, first_ts, last_ts, steps, path, txs) AS (
  SELECT src, dst, ts, ts, 1, [src, dst], [tx] FROM hops
  UNION ALL
  SELECT w.start, h.dst, w.first_ts, h.ts, w.steps + 1, list_append(w.path, h.dst),
         list_append(w.txs, h.tx)
  FROM walk w JOIN hops h ON h.src = w.node AND h.ts > w.last_ts
   AND h.ts <= w.first_ts + INTERVAL {p.days} DAYS
  WHERE w.steps < {p.max_hops} AND w.node <> w.start
    AND (h.dst = w.start OR NOT list_contains(w.path, h.dst))
),
cycles AS (
  SELECT path, txs, steps, first_ts, last_ts, {ctx.window_of("first_ts")} AS w FROM walk
  WHERE node = start AND steps >= 2
)
SELECT unnest(path[2:]) AS account_id, steps::DOUBLE AS value, txs[1:50] AS transaction_ids,
       concat('on a cycle of ', steps, ' transfers of at least ',
              printf('%,.0f', {p.min_amount}), ' that returned within ',
              date_diff('hour', first_ts, last_ts), ' h') AS detail
FROM cycles
"""


CYCLE = QueryMeasure(
    name="cycle",
    description="A time-ordered path of transfers between customers that comes back to the "
    "account it left within days (round-tripping, AMLworld cycles).",
    parameters=Cycle,
    query=_cycle_query,
)
