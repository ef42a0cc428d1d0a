"""Escrow-like holding (catalogue MS-09): many small payments from unrelated people, kept for
weeks, then released in a few large round transfers.

The "guaranteed smuggling" model: relatives pay a hawaladar, a phone shop or a travel agent;
the money waits until the migrant's arrival is proven, then leaves in round sums to a trader
or another agent. For each large round transfer out, the measure looks at the credits since
the release before it (at most ``lookback_days``): how many distinct people paid in, whether
they cover the release, and how long the oldest of them waited. A licensed remittance agent
settles weekly; the hold that counts is longer.
"""

from __future__ import annotations

from tipflow.detect.measures.base import MeasureParameters, QueryContext, QueryMeasure, fmt
from tipflow.engine.sql import sql_list


class EscrowRelease(MeasureParameters):
    min_credit: float = 100.0  # one person's payment, not a tip
    max_credit: float = 5000.0  # ... nor a business settlement
    min_release: float = 10000.0  # a release is large
    round_to: float = 1000.0  # ... and round
    lookback_days: int = 42  # credits this long before a release can be what it releases
    min_hold_days: int = 10  # the oldest of them waited at least this long
    min_cover: float = 0.5  # and together they cover at least this share of the release
    #: How people pay in: transfers of every kind (an Australian Osko or direct credit is ach).
    credit_channels: list[str] = ["p2p", "wire", "remittance", "internal", "ach", "other"]
    #: Relatives also pay the agent in cash, off the books: cash deposits in the window count
    #: towards the cover (never towards the people, whom cash does not name).
    cash_covers: bool = True


def _escrow_query(p: EscrowRelease, _: QueryContext) -> str:
    return f"""
WITH credits AS (
  SELECT account_id, ts, amount, cp_key FROM legs
  WHERE direction = 'in' AND cp_person AND NOT coalesce(own_transfer, false)
    AND channel IN ({sql_list(p.credit_channels)})
    AND amount BETWEEN {p.min_credit} AND {p.max_credit}
),
releases AS (
  -- What a release can release: the credits since the one before it, within the lookback.
  SELECT account_id, transaction_id, ts, amount,
         greatest(ts - INTERVAL {p.lookback_days} DAYS,
                  coalesce(lag(ts) OVER (PARTITION BY account_id ORDER BY ts, transaction_id),
                           ts - INTERVAL {p.lookback_days} DAYS)) AS since
  FROM legs
  WHERE direction = 'out' AND NOT coalesce(own_transfer, false) AND merchant_name IS NULL
    AND channel IN ('wire', 'remittance', 'p2p', 'internal', 'other')
    AND amount >= {p.min_release} AND amount % {p.round_to} = 0
),
held AS (
  SELECT r.account_id, r.transaction_id, r.ts, r.amount,
         count(DISTINCT c.cp_key) AS senders, sum(c.amount) AS collected,
         date_diff('day', min(c.ts), r.ts) AS hold_days
  FROM releases r JOIN credits c ON c.account_id = r.account_id
   AND c.ts < r.ts AND c.ts >= r.since
  GROUP BY r.account_id, r.transaction_id, r.ts, r.amount
),
cash AS (
  SELECT r.transaction_id, coalesce(sum(l.amount), 0) AS cash_in
  FROM releases r JOIN legs l ON l.account_id = r.account_id AND l.direction = 'in'
   AND l.channel = 'cash' AND l.ts < r.ts AND l.ts >= r.since AND {p.cash_covers}
  GROUP BY r.transaction_id
)
SELECT account_id, max(senders)::DOUBLE AS value,
       list(transaction_id ORDER BY ts, transaction_id)[1:50] AS transaction_ids,
       concat(count(*), ' round releases totalling ', {fmt("sum(amount)")}, ' after holding ',
              'payments of up to ', max(senders), ' people for up to ', max(hold_days),
              ' days') AS detail
FROM held LEFT JOIN cash USING (transaction_id)
WHERE hold_days >= {p.min_hold_days}
  AND collected + coalesce(cash_in, 0) >= {p.min_cover} * amount
GROUP BY account_id
"""


ESCROW_RELEASE = QueryMeasure(
    name="escrow_release",
    description="Large round transfers out that release weeks of small payments from many "
    "unrelated people (the hawala guarantee).",
    parameters=EscrowRelease,
    query=_escrow_query,
)
