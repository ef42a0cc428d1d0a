"""Query measures that compare an account with others or look at its days and payers.

* ``peer_outlier``: deposits far above the peers with the same occupation or industry (MS-07).
* ``address_crowd``: many unrelated customers registered at one address (HT-LAB-08).
* ``busy_days``: days with several debits of a kind, e.g. meals for several people (HT-SEX-07).
* ``merchant_after_hours``: a customer business whose card sales (seen on its customers'
  card debits at its name) come late at night (HT-SEX-21).
* ``repeat_payers``: payers who pay twice, days apart (two-part smuggling fees, MS-08).
* ``owner_transfers``: money between a person's account and a business account the same
  person holds, owns or signs for (ML-07).
"""

from __future__ import annotations

from tipflow.detect.measures.base import MeasureParameters, QueryContext, QueryMeasure, groups_any
from tipflow.detect.measures.identity import SURNAME
from tipflow.detect.measures.mix import LegKind, kind_sql
from tipflow.engine.sql import sql_list

_NORMALISED_NAME = "regexp_replace(lower({0}), '[^a-z0-9]', '', 'g')"


class PeerOutlier(LegKind):
    min_peers: int = 20
    percentile: float = 0.95


def _peer_query(p: PeerOutlier, ctx: QueryContext) -> str:
    # The credits are summed per account before the join: joining every leg to the profiles
    # first carried all 11.7 M legs through the join.
    return f"""
WITH credits AS (
  SELECT account_id, sum(amount) AS total FROM legs
  WHERE direction = 'in' AND NOT coalesce(own_transfer, false) AND {kind_sql(p)}
  GROUP BY account_id
),
totals AS (
  SELECT a.account_id, coalesce(a.industry_code, a.occupation, a.party_type) AS peer_group,
         coalesce(c.total, 0) AS total
  FROM account_profile a LEFT JOIN credits c USING (account_id)
),
groups AS (
  -- in DOUBLE: DuckDB's quantile of a DECIMAL is rounded to its scale, Spark's is not
  SELECT peer_group, quantile_cont(total::DOUBLE, {p.percentile}) AS high, count(*) AS peers
  FROM totals GROUP BY peer_group HAVING count(*) >= {p.min_peers}
)
SELECT t.account_id, t.total / greatest(g.high, 1) AS value, []::VARCHAR[] AS transaction_ids,
       concat('credits of ', printf('%,.0f', t.total), ' against ', printf('%,.0f', g.high),
              ' for the top {round(100 * (1 - p.percentile))} % of ', g.peers, ' peers (',
              t.peer_group, ')') AS detail
FROM totals t JOIN groups g USING (peer_group) WHERE t.total > 0
"""


PEER_OUTLIER = QueryMeasure(
    name="peer_outlier",
    description="Credits (of a kind) over the period against a high percentile of the peers "
    "with the same industry or occupation.",
    parameters=PeerOutlier,
    query=_peer_query,
)


class AddressCrowd(MeasureParameters):
    max_crowd: int = 200  # above this an address is an institution's or a placeholder


def _crowd_query(p: AddressCrowd, _: QueryContext) -> str:
    return f"""
WITH people AS (
  SELECT party_id, pa.address AS addr, {SURNAME.format("name")} AS surname, party_type
  FROM parties JOIN party_addresses pa USING (party_id)
),
crowds AS (
  SELECT addr, count(DISTINCT surname) FILTER (WHERE party_type = 'person') AS surnames
  FROM people GROUP BY addr HAVING surnames BETWEEN 2 AND {p.max_crowd}
)
SELECT a.account_id, c.surnames::DOUBLE AS value, []::VARCHAR[] AS transaction_ids,
       concat(c.surnames, ' unrelated customers registered at the holder''s address') AS detail
FROM crowds c JOIN people pe USING (addr) JOIN account_profile a ON a.party_id = pe.party_id
"""


ADDRESS_CROWD = QueryMeasure(
    name="address_crowd",
    description="Unrelated customers (distinct surnames) registered at the holder's address.",
    parameters=AddressCrowd,
    query=_crowd_query,
)


class BusyDays(MeasureParameters):
    groups: list[str]
    per_day: int = 3


def _busy_query(p: BusyDays, ctx: QueryContext) -> str:
    return f"""
WITH days AS (
  SELECT account_id, day, {ctx.window_of("day")} AS w, count(*) AS n,
         list(transaction_id ORDER BY ts, transaction_id) AS tx
  FROM legs WHERE direction = 'out' AND {groups_any(p.groups)}
  GROUP BY account_id, day HAVING count(*) >= {p.per_day}
)
SELECT account_id, count(*)::DOUBLE AS value,
       flatten(list(tx ORDER BY day))[1:50] AS transaction_ids,
       concat(count(*), ' days with at least {p.per_day} {"/".join(p.groups)} debits') AS detail
FROM days GROUP BY account_id, w
"""


BUSY_DAYS = QueryMeasure(
    name="busy_days",
    description="Days with several debits of some merchant groups (meals for several people).",
    parameters=BusyDays,
    query=_busy_query,
)


class MerchantAfterHours(MeasureParameters):
    groups: list[str] = ["ADULT_VENUE"]
    from_hour: int = 21
    min_sales: int = 10


def _after_hours_query(p: MerchantAfterHours, _: QueryContext) -> str:
    name = _NORMALISED_NAME.format("merchant_name")
    return f"""
WITH sales AS (
  SELECT {name} AS merchant, count(*) AS n,
         count(*) FILTER (WHERE hour >= {p.from_hour} OR hour < 6) AS late,
         list(transaction_id ORDER BY ts, transaction_id)
           FILTER (WHERE hour >= {p.from_hour} OR hour < 6) AS tx
  FROM legs WHERE direction = 'out' AND channel = 'card' AND merchant_name IS NOT NULL
    AND {groups_any(p.groups)}
  GROUP BY merchant HAVING count(*) >= {p.min_sales}
)
SELECT a.account_id, s.late / s.n AS value, s.tx[1:50] AS transaction_ids,
       concat(s.late, ' of ', s.n, ' card sales after {p.from_hour}:00') AS detail
FROM sales s JOIN account_profile a ON {_NORMALISED_NAME.format("a.name")} = s.merchant
WHERE a.party_type = 'organisation'
"""


MERCHANT_AFTER_HOURS = QueryMeasure(
    name="merchant_after_hours",
    description="A customer business whose card sales, seen on customers' debits at its name, "
    "come late at night.",
    parameters=MerchantAfterHours,
    query=_after_hours_query,
)


class RepeatPayers(MeasureParameters):
    min_days: int = 5
    max_days: int = 45
    channels: list[str] = ["p2p", "wire", "remittance", "internal", "other"]


def _repeat_query(p: RepeatPayers, ctx: QueryContext) -> str:
    channels = sql_list(p.channels)
    return f"""
WITH c AS (
  SELECT account_id, cp_key, transaction_id, ts, {ctx.window_of("ts")} AS w FROM legs
  WHERE direction = 'in' AND channel IN ({channels}) AND cp_key IS NOT NULL
    AND NOT coalesce(own_transfer, false)
),
payers AS (
  SELECT account_id, cp_key, min(w) AS w, count(*) AS n, min(ts) AS first_ts, max(ts) AS last_ts,
         list(transaction_id ORDER BY ts, transaction_id) AS tx
  FROM c GROUP BY account_id, cp_key
  HAVING count(*) BETWEEN 2 AND 3
     AND date_diff('day', min(ts), max(ts)) BETWEEN {p.min_days} AND {p.max_days}
)
SELECT account_id, count(*)::DOUBLE AS value, flatten(list(tx ORDER BY cp_key))[1:50]
         AS transaction_ids,
       concat(count(*), ' payers paid in two or three parts {p.min_days}-{p.max_days} days apart')
         AS detail
FROM payers GROUP BY account_id
"""


REPEAT_PAYERS = QueryMeasure(
    name="repeat_payers",
    description="Payers who pay an account in two or three parts, days apart (two-part fees).",
    parameters=RepeatPayers,
    query=_repeat_query,
)


class OwnerTransfers(MeasureParameters):
    relations: list[str] = ["holder", "beneficial_owner", "signatory", "joint_holder"]


def _owner_query(p: OwnerTransfers, ctx: QueryContext) -> str:
    relations = sql_list(p.relations)
    return f"""
WITH owned AS (  -- owners as resolved persons: a director known to two banks as two parties
  SELECT r.account_id AS business_account, r.entity_id AS owner
  FROM account_relations r JOIN account_profile b USING (account_id)
  WHERE b.party_type = 'organisation' AND r.relation IN ({relations})
),
moves AS (
  -- two equi-joins rather than one OR join: the person's leg, then the business's leg
  -- A business's own accounts (its GBP and USD accounts, the business as their holder) are
  -- not an owner and his business: own transfers are left out.
  SELECT l.account_id, l.transaction_id, l.ts, l.amount, {ctx.window_of("l.ts")} AS w
  FROM legs l JOIN account_profile me USING (account_id)
  JOIN owned o ON o.business_account = l.other_account_id AND o.owner = me.entity_id
  WHERE NOT coalesce(l.own_transfer, false)
  UNION ALL
  SELECT l.account_id, l.transaction_id, l.ts, l.amount, {ctx.window_of("l.ts")} AS w
  FROM legs l JOIN owned o ON o.business_account = l.account_id
  JOIN account_profile them ON them.account_id = l.other_account_id AND them.entity_id = o.owner
  WHERE NOT coalesce(l.own_transfer, false)
)
SELECT account_id, sum(amount) AS value,
       list(transaction_id ORDER BY ts, transaction_id)[1:50] AS transaction_ids,
       concat(count(*), ' transfers totalling ', printf('%,.0f', sum(amount)),
              ' between an owner and the business') AS detail
FROM moves GROUP BY account_id, w
"""


OWNER_TRANSFERS = QueryMeasure(
    name="owner_transfers",
    description="Money moved between a person's account and a business account the same "
    "person owns or signs for.",
    parameters=OwnerTransfers,
    query=_owner_query,
)


class LivesAtBusiness(MeasureParameters):
    """Persons registered at the address of an organisation that is a customer."""


def _lives_query(_: LivesAtBusiness, __: QueryContext) -> str:
    return f"""
WITH addressed AS (
  SELECT party_id, party_type, name, pa.building AS addr, {SURNAME.format("name")} AS surname
  FROM parties JOIN party_addresses pa USING (party_id)
),
premises AS (
  SELECT addr, min(name) AS business FROM addressed WHERE party_type = 'organisation'
  GROUP BY addr
),
residents AS (
  SELECT a.addr, count(DISTINCT a.surname) AS surnames FROM addressed a JOIN premises USING (addr)
  WHERE a.party_type = 'person' GROUP BY a.addr
)
SELECT ac.account_id, r.surnames::DOUBLE AS value, []::VARCHAR[] AS transaction_ids,
       concat('registered with ', r.surnames - 1, ' unrelated others at the premises of ',
              pr.business) AS detail
FROM addressed a JOIN residents r USING (addr) JOIN premises pr USING (addr)
JOIN account_profile ac ON ac.party_id = a.party_id
WHERE a.party_type = 'person'
"""


LIVES_AT_BUSINESS = QueryMeasure(
    name="lives_at_business",
    description="Persons registered at the address of a customer business, with how many "
    "unrelated others (workers living on site).",
    parameters=LivesAtBusiness,
    query=_lives_query,
)
