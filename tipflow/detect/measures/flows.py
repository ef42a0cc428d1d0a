"""Query measures that pair an account's credits and debits in time.

* ``sweep_out``: how much of the money that came in left again within hours, and to whom
  (a victim's earnings swept to a controller, a wage swept to a recruiter, a pass-through).
* ``follows``: events of one kind within hours after events of another (cash after a hotel
  night in the same city; a crypto purchase after several person-to-person credits; a wire
  abroad after cash deposits).
"""

from __future__ import annotations

from typing import Literal

from tipflow.detect.measures.base import (
    MeasureParameters,
    QueryContext,
    QueryMeasure,
    fmt,
    groups_any,
    lists_any,
)
from tipflow.engine.sql import sql_list


class SweepOut(MeasureParameters):
    """Share of the window's qualifying credits that left within ``hours`` to the top
    ``max_recipients`` counterparties (all counterparties when it is 0)."""

    hours: int = 24
    max_recipients: int = 2
    credit_channels: list[str] = ["p2p", "cash", "internal", "wire", "ach", "remittance", "crypto"]
    credit_keywords: list[str] = []  # credits must match one of these keyword lists
    credits_from_individuals: bool = False
    debit_channels: list[str] = ["p2p", "internal", "wire", "ach", "remittance", "cash", "crypto"]
    recipients_individuals: bool = False  # only debits to individuals (or cash) count
    min_inflow: float = 0.0
    min_credits: int = 1
    min_cycles: int = 0  # distinct days with a swept debit


def _sweep_query(p: SweepOut, ctx: QueryContext) -> str:
    credit = f"channel IN ({sql_list(p.credit_channels)})"
    if p.credit_keywords:
        credit += " AND (" + " OR ".join(f"kw_{k}" for k in p.credit_keywords) + ")"
    if p.credits_from_individuals:
        credit += " AND (cp_person OR channel = 'cash')"
    debit = f"channel IN ({sql_list(p.debit_channels)})"
    if p.recipients_individuals:
        debit += " AND (cp_person OR channel = 'cash')"
    top = f"WHERE rank <= {p.max_recipients}" if p.max_recipients > 0 else ""
    # Only credits and debits are read, and only the windows that qualify list their swept
    # transactions: listing them for every window and recipient took a quarter of the time.
    return f"""
WITH l AS (
  SELECT account_id, transaction_id, ts, day, amount,
         coalesce(cp_key, channel) AS recipient, {ctx.window_of("ts")} AS w,
         direction = 'in' AND {credit} AS is_credit, direction = 'out' AND {debit} AS is_debit
  FROM legs
  WHERE NOT coalesce(own_transfer, false)
    AND (direction = 'in' AND {credit} OR direction = 'out' AND {debit})
), debits AS (
  SELECT account_id, w, recipient, transaction_id, ts, day, least(amount, recent_in) AS moved
  FROM (SELECT *, sum(CASE WHEN is_credit THEN amount ELSE 0 END) OVER (
                    PARTITION BY account_id ORDER BY ts
                    RANGE BETWEEN INTERVAL {p.hours} HOURS PRECEDING AND CURRENT ROW) AS recent_in
        FROM l)
  WHERE is_debit AND recent_in > 0
), swept AS (
  SELECT account_id, w, recipient, sum(moved) AS moved, list(DISTINCT day) AS days,
         row_number() OVER (PARTITION BY account_id, w ORDER BY sum(moved) DESC, recipient) AS rank
  FROM debits GROUP BY account_id, w, recipient
), top AS (
  -- cycles: days with a swept debit to any of the top recipients (a wage taken in cash one
  -- payday and transferred back the next is swept on both)
  SELECT account_id, w, sum(moved) AS moved, count(*) AS recipients,
         array_length(list_distinct(flatten(list(days)))) AS cycles
  FROM swept {top} GROUP BY account_id, w
), inflow AS (
  SELECT account_id, w, sum(amount) AS inflow, count(*) AS credits
  FROM l WHERE is_credit GROUP BY account_id, w
), fired AS (
  SELECT account_id, w, t.moved, i.inflow, i.credits, t.recipients, t.cycles
  FROM inflow i JOIN top t USING (account_id, w)
  WHERE i.inflow >= {p.min_inflow} AND i.credits >= {p.min_credits} AND t.cycles >= {p.min_cycles}
), listed AS (
  SELECT s.account_id, s.w, s.recipient, any_value(s.moved) AS moved,
         list(d.transaction_id ORDER BY d.ts, d.transaction_id) AS tx
  FROM (SELECT * FROM swept {top}) s
  SEMI JOIN fired f ON f.account_id = s.account_id AND f.w = s.w
  JOIN debits d
    ON d.account_id = s.account_id AND d.w = s.w AND d.recipient IS NOT DISTINCT FROM s.recipient
  GROUP BY s.account_id, s.w, s.recipient
)
SELECT account_id, least(1.0, f.moved / f.inflow) AS value, t.tx[1:50] AS transaction_ids,
       concat({fmt("100 * least(1.0, f.moved / f.inflow)")}, '% of ', {fmt("f.inflow")},
              ' received (', f.credits, ' credits) left within {p.hours} h to ', f.recipients,
              ' counterpart', CASE WHEN f.recipients = 1 THEN 'y' ELSE 'ies' END,
              ' on ', f.cycles, ' days') AS detail
FROM fired f
JOIN (SELECT account_id, w, flatten(list(tx ORDER BY moved DESC, recipient)) AS tx
      FROM listed GROUP BY account_id, w) t USING (account_id, w)
"""


SWEEP_OUT = QueryMeasure(
    name="sweep_out",
    description="Share of credits that leave within hours to the top one or two counterparties "
    "(or to anyone): sweeps to a controller, wage sweeps, pass-through.",
    parameters=SweepOut,
    query=_sweep_query,
)


class Follows(MeasureParameters):
    """Debits or cash events (``then``) within ``hours`` after a trigger (``after``)."""

    after: Literal["lodging", "person_credits", "cash_deposit", "cross_border_credit"]
    then: Literal["cash", "cash_withdrawal", "crypto_or_prepaid", "listed_transfer"]
    hours: int = 48
    same_city: bool = False
    other_city: bool = False  # the event in another city than the trigger (cash shuttled)
    trigger_away: bool = False  # only triggers away from the holder's home city
    min_distinct_senders: int = 1  # for person_credits: distinct senders before the debit
    country_lists: list[str] = []  # for listed_transfer
    count: Literal["events", "cities", "total"] = "events"


_TRIGGERS = {
    "lodging": f"direction = 'out' AND {groups_any(['LODGING'])}",
    "person_credits": "direction = 'in' AND channel IN ('p2p', 'internal') AND cp_person "
    "AND NOT coalesce(own_transfer, false)",
    "cash_deposit": "direction = 'in' AND channel = 'cash'",
    "cross_border_credit": "direction = 'in' AND cross_border "
    "AND channel IN ('wire', 'remittance')",
}


def _then(p: Follows) -> str:
    if p.then == "cash":
        return "channel = 'cash'"
    if p.then == "cash_withdrawal":
        return "channel = 'cash' AND direction = 'out'"
    if p.then == "crypto_or_prepaid":
        return (
            f"direction = 'out' AND (channel = 'crypto' OR {groups_any(['CRYPTO', 'PREPAID_GIFT'])}"
            " OR kw_crypto OR kw_prepaid)"
        )
    listed = lists_any(p.country_lists) if p.country_lists else "cross_border"
    return f"direction = 'out' AND channel IN ('wire', 'remittance') AND {listed}"


def _follows_query(p: Follows, ctx: QueryContext) -> str:
    city = " AND lower(t.city) = lower(e.city)" if p.same_city else ""
    if p.other_city:
        city += " AND lower(t.city) <> lower(e.city)"
    away = " AND NOT coalesce(in_home_city, false)" if p.trigger_away else ""
    value = {"events": "count(*)", "cities": "count(DISTINCT lower(city))", "total": "sum(amount)"}
    return f"""
WITH t AS (SELECT account_id, ts, city, cp_key FROM legs WHERE {_TRIGGERS[p.after]}{away}),
e AS (SELECT account_id, transaction_id, ts, city, amount, {ctx.window_of("ts")} AS w
      FROM legs WHERE {_then(p)}),
paired AS (
  SELECT e.account_id, e.transaction_id, e.ts, e.city, e.amount, e.w,
         count(DISTINCT t.cp_key) AS senders
  FROM e JOIN t ON t.account_id = e.account_id AND t.ts <= e.ts
              AND t.ts >= e.ts - INTERVAL {p.hours} HOURS{city}
  GROUP BY ALL HAVING count(DISTINCT t.cp_key) >= {p.min_distinct_senders}
     OR {p.min_distinct_senders} <= 1
)
SELECT account_id, {value[p.count]}::DOUBLE AS value,
       list(transaction_id ORDER BY ts, transaction_id)[1:50] AS transaction_ids,
       concat(count(*), ' {p.then.replace("_", " ")} events within {p.hours} h after ',
              '{p.after.replace("_", " ")}, in ', count(DISTINCT lower(city)), ' cities, total ',
              {fmt("sum(amount)")}) AS detail
FROM paired GROUP BY account_id, w
"""


FOLLOWS = QueryMeasure(
    name="follows",
    description="Events of one kind within hours after another: cash after a hotel night in "
    "the same city, crypto after person-to-person credits, wires abroad after cash deposits.",
    parameters=Follows,
    query=_follows_query,
)
