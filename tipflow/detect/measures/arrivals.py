"""Recruit and receive (catalogue GEO-04): travel bought for others, then those others open
accounts with the buyer's address or phone.

A controller or recruiter buys one-way fares; within weeks foreign nationals open accounts
registered at his address, his phone, or the premises of a business he signs for (the
massage storefront, the labour-hire office). The contract has no passenger names, so the
link is the identifiers, and the timing: the account opens within ``days_after`` days of a
fare the buyer paid. Both sides score: each arrival, with how many unrelated arrivals the
buyer received, and the buyer's accounts that paid those fares.
"""

from __future__ import annotations

from tipflow.detect.legs import column_name
from tipflow.detect.measures.base import MeasureParameters, QueryContext, QueryMeasure
from tipflow.detect.measures.identity import SURNAME


class RecruitAndReceive(MeasureParameters):
    groups: list[str] = ["DISTANCE_TRAVEL"]  # merchant groups that sell the fares
    min_amount: float = 150.0  # a fare, not a commuter ticket
    days_after: int = 45  # the account opens within this many days of a fare
    foreign_only: bool = True  # arrivals whose nationality differs from their address country
    max_sharing: int = 30  # identifiers shared by more parties (a shelter, a call centre) are noise


def _arrivals_query(p: RecruitAndReceive, _: QueryContext) -> str:
    fares = " OR ".join(f"l.{column_name('mcc_', g)}" for g in p.groups) or "false"
    foreign = (
        "AND a.nationality IS NOT NULL AND a.nationality IS DISTINCT FROM a.home_country"
        if p.foreign_only
        else ""
    )
    return f"""
WITH fares AS (
  SELECT l.account_id AS buyer_account, b.party_id AS buyer_party, b.entity_id AS buyer_entity,
         l.transaction_id, l.ts::DATE AS day
  FROM legs l JOIN account_profile b USING (account_id)
  WHERE l.direction = 'out' AND ({fares}) AND l.amount >= {p.min_amount}
),
circle AS (
  -- The buyer, and the holders of accounts the buyer signs for or owns (his businesses).
  SELECT DISTINCT buyer_entity, buyer_party AS party_id FROM fares
  UNION
  SELECT DISTINCT f.buyer_entity, h.party_id
  FROM fares f JOIN account_parties ap ON ap.party_id = f.buyer_party
  JOIN account_profile h ON h.account_id = ap.account_id
),
keys AS (
  SELECT party_id, k FROM (
    SELECT party_id, k, count(*) OVER (PARTITION BY k) AS sharing FROM (
      SELECT party_id, 'address:' || building AS k FROM party_addresses
      UNION ALL
      SELECT party_id, 'phone:' || phone FROM parties WHERE phone IS NOT NULL))
  WHERE sharing <= {p.max_sharing}
),
circle_keys AS (
  SELECT DISTINCT c.buyer_entity, k.k FROM circle c JOIN keys k USING (party_id)
),
matched AS (
  SELECT DISTINCT a.account_id, {SURNAME.format("a.name")} AS surname, f.buyer_entity,
         f.buyer_account, f.transaction_id
  FROM account_profile a JOIN keys k ON k.party_id = a.party_id
  JOIN circle_keys ck ON ck.k = k.k
  JOIN fares f ON f.buyer_entity = ck.buyer_entity
   AND a.opened_date BETWEEN f.day AND f.day + {p.days_after}
  WHERE a.party_type = 'person' AND a.entity_id <> ck.buyer_entity {foreign}
),
per_buyer AS (
  SELECT buyer_entity, count(DISTINCT surname) AS arrivals FROM matched GROUP BY buyer_entity
)
SELECT m.account_id, b.arrivals::DOUBLE AS value,
       list(DISTINCT m.transaction_id ORDER BY m.transaction_id)[1:50] AS transaction_ids,
       concat('opened within ', {p.days_after}, ' days of fares paid by a customer whose ',
              'address or phone the holder gives (', b.arrivals,
              ' unrelated arrivals)') AS detail
FROM matched m JOIN per_buyer b USING (buyer_entity)
GROUP BY m.account_id, b.arrivals
UNION ALL
SELECT m.buyer_account, b.arrivals::DOUBLE,
       list(DISTINCT m.transaction_id ORDER BY m.transaction_id)[1:50],
       concat('paid fares for people who then opened accounts with this customer''s ',
              'address or phone (', b.arrivals, ' unrelated arrivals)')
FROM matched m JOIN per_buyer b USING (buyer_entity)
GROUP BY m.buyer_account, b.arrivals
"""


RECRUIT_AND_RECEIVE = QueryMeasure(
    name="recruit_and_receive",
    description="Fares paid by one customer, then foreign nationals opening accounts with "
    "that customer's (or his business's) address or phone; both sides score.",
    parameters=RecruitAndReceive,
    query=_arrivals_query,
)
