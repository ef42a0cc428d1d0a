"""Query measures that look past the account to the accounts around it.

* ``common_counterparty``: several unrelated customers paying the same outside (or inside)
  beneficiary; both the senders and, when it is a customer, the beneficiary score.
* ``linked_evidence`` (second pass, after the other indicators): an account that exchanges
  money with several accounts on which given indicators fired, e.g. a controller receiving
  from several accounts that show victim-side sweeps (HT-SEX-15).
"""

from __future__ import annotations

from typing import Literal

from tipflow.detect.measures.base import MeasureParameters, QueryContext, QueryMeasure, lists_any
from tipflow.detect.measures.identity import SURNAME
from tipflow.engine.sql import sql_list
from tipflow.network.ties import TieKind


class CommonCounterparty(MeasureParameters):
    channels: list[str] = ["p2p", "wire", "remittance", "internal", "other"]
    cross_border_only: bool = False
    country_lists: list[str] = []
    after_credit_hours: int | None = None  # only debits this soon after an earnings credit
    min_credit_share: float = 0.0  # ... and at least this share of that credit
    # Which credits are earnings: ``payroll`` (a wage), ``cash`` (a cash deposit: what a
    # victim paid in cash deposits before paying her "debt").
    earnings: list[Literal["payroll", "cash"]] = ["payroll"]
    # Leave out a sender the beneficiary pays too (a savings club's payout, a flatmate's
    # share of the bills): an instalment on a debt flows one way.
    one_way: bool = False
    min_cycles: int = 1  # a sender counts when it paid the beneficiary on this many days
    max_senders: int = 200  # a beneficiary paid by more is a popular business, not a network
    # What is counted: distinct surnames (a family paying one relative counts once), or
    # distinct senders where the other conditions (regular payments right after payday)
    # already rule a family out and workers from one country often share a surname.
    count: Literal["surnames", "senders"] = "surnames"


def _common_query(p: CommonCounterparty, ctx: QueryContext) -> str:
    channels = sql_list(p.channels)
    where = [
        "l.direction = 'out'",
        f"l.channel IN ({channels})",
        "NOT coalesce(l.own_transfer, false)",
        "l.merchant_name IS NULL",
        "l.cp_key IS NOT NULL",
    ]
    if p.cross_border_only:
        where.append("l.cross_border")
    if p.country_lists:
        where.append(lists_any(p.country_lists, "l"))
    earned = ""
    if p.after_credit_hours is not None:
        kinds = {"payroll": "c.kw_payroll", "cash": "c.channel = 'cash'"}
        earning = " OR ".join(kinds[kind] for kind in p.earnings) or "false"
        earned = f"""AND EXISTS (SELECT 1 FROM legs c WHERE c.account_id = l.account_id
            AND c.direction = 'in' AND ({earning}) AND c.ts <= l.ts
            AND c.ts >= l.ts - INTERVAL {p.after_credit_hours} HOURS
            AND l.amount >= {p.min_credit_share} * c.amount)"""
    if p.one_way:
        earned += """ AND NOT EXISTS (SELECT 1 FROM legs b WHERE b.account_id = l.account_id
            AND b.direction = 'in' AND b.cp_key = l.cp_key)"""
    # Two grids of windows, the second moved by half a window, so that a pattern straddling
    # a window boundary is still seen whole in one window.
    half = (ctx.window_days or 0) // 2
    window = ctx.window_of("l.ts", f"g.grid * {half}")
    surname = SURNAME.format("p.name")
    return f"""
WITH paid AS (
  SELECT l.account_id, l.transaction_id, l.ts, l.day AS l_day, l.cp_key, l.other_account_id,
         p.party_id, {surname} AS surname, g.grid, {window} AS w
  FROM legs l JOIN account_profile p USING (account_id)
  CROSS JOIN (VALUES (0), (1)) g(grid)
  WHERE {" AND ".join(where)} {earned}
),
regular AS (
  SELECT * FROM paid
  QUALIFY count(DISTINCT l_day) OVER (PARTITION BY account_id, cp_key, grid, w)
          >= {p.min_cycles}
),
beneficiaries AS (
  SELECT cp_key, grid, w, count(DISTINCT party_id) AS senders,
         count(DISTINCT surname) AS surnames, min(other_account_id) AS beneficiary_account
  FROM regular GROUP BY cp_key, grid, w
  HAVING count(DISTINCT party_id) BETWEEN 2 AND {p.max_senders}
),
senders AS (
  SELECT pd.account_id, b.{p.count}::DOUBLE AS value,
         list(pd.transaction_id ORDER BY pd.ts, pd.transaction_id)[1:50] AS transaction_ids,
         concat('one of ', b.senders, ' customers (', b.surnames,
                ' surnames) paying the same beneficiary') AS detail
  FROM regular pd JOIN beneficiaries b USING (cp_key, grid, w)
  GROUP BY pd.account_id, b.cp_key, b.grid, b.w, b.senders, b.surnames
),
receiver AS (
  SELECT b.beneficiary_account AS account_id, max(b.{p.count})::DOUBLE AS value,
         []::VARCHAR[] AS transaction_ids,
         concat('receives from ', max(b.senders), ' customers (', max(b.surnames),
                ' surnames) paying it the same way') AS detail
  FROM beneficiaries b WHERE b.beneficiary_account IS NOT NULL GROUP BY 1
)
SELECT * FROM senders UNION ALL SELECT * FROM receiver
"""


COMMON_COUNTERPARTY = QueryMeasure(
    name="common_counterparty",
    description="Several unrelated customers paying one beneficiary (optionally abroad, or "
    "right after payday); senders and a customer beneficiary both score.",
    parameters=CommonCounterparty,
    query=_common_query,
)


class LinkedEvidence(MeasureParameters):
    indicators: list[str]  # indicator ids that must have fired on the linked accounts
    direction: Literal["in", "out", "both"] = "in"  # money from them, to them, or either
    min_transactions: int = 2  # per linked account


def _linked_query(p: LinkedEvidence, _: QueryContext) -> str:
    ids = sql_list(p.indicators)
    direction = "" if p.direction == "both" else f" AND l.direction = '{p.direction}'"
    return f"""
WITH marked AS (SELECT DISTINCT account_id FROM evidence WHERE indicator_id IN ({ids})),
links AS (
  SELECT l.account_id, l.other_account_id, count(*) AS n,
         list(l.transaction_id ORDER BY l.ts) AS tx
  FROM legs l JOIN marked m ON m.account_id = l.other_account_id
  WHERE l.other_account_id <> l.account_id {direction}
  GROUP BY 1, 2 HAVING count(*) >= {p.min_transactions}
)
SELECT account_id, count(*)::DOUBLE AS value, flatten(list(tx ORDER BY other_account_id))[1:50]
       AS transaction_ids,
       concat('exchanges money with ', count(*), ' accounts showing {"/".join(p.indicators)}')
         AS detail
FROM links GROUP BY account_id
"""


LINKED_EVIDENCE = QueryMeasure(
    name="linked_evidence",
    description="Money exchanged with several accounts on which given indicators fired "
    "(second pass: runs after the other indicators).",
    parameters=LinkedEvidence,
    query=_linked_query,
    second_pass=True,
)


class SharedRecipient(MeasureParameters):
    """Accounts showing ``indicators`` that each pay one person, whom at least ``min_senders``
    such accounts pay: several women paid by many buyers handing their money to one man, however
    long each waits before paying (HT-SEX-15 seen from the senders' side)."""

    indicators: list[str]  # indicator ids that must have fired on the paying accounts
    channels: list[str] = ["p2p", "internal", "wire", "other"]
    min_transactions: int = 3  # per sender, to that recipient
    min_senders: int = 2
    # ... and the sender hands that person at least this share of all it received (with one
    # sender: a buyer-funded account living for someone else, not paying a partner's bills).
    min_share: float = 0.0


def _shared_recipient_query(p: SharedRecipient, _: QueryContext) -> str:
    ids = sql_list(p.indicators)
    channels = sql_list(p.channels)
    share = f", at least {round(100 * p.min_share)} % of all it received" if p.min_share else ""
    return f"""
WITH marked AS (SELECT DISTINCT account_id FROM evidence WHERE indicator_id IN ({ids})),
received AS (
  SELECT account_id, sum(amount) AS total FROM legs JOIN marked USING (account_id)
  WHERE direction = 'in' GROUP BY account_id
),
paid AS (
  SELECT l.account_id, l.cp_key, list(l.transaction_id ORDER BY l.ts, l.transaction_id) AS tx
  FROM legs l JOIN marked USING (account_id) JOIN received r USING (account_id)
  WHERE l.direction = 'out' AND l.cp_person AND l.channel IN ({channels})
    AND NOT coalesce(l.own_transfer, false) AND l.cp_key IS NOT NULL
    AND NOT l.kw_rent  -- a landlord, however many tenants he has
  GROUP BY l.account_id, l.cp_key, r.total
  HAVING count(*) >= {p.min_transactions} AND sum(l.amount) >= {p.min_share} * r.total
),
recipients AS (
  SELECT cp_key, count(*) AS senders FROM paid GROUP BY cp_key HAVING count(*) >= {p.min_senders}
)
SELECT account_id, max(r.senders)::DOUBLE AS value,
       flatten(list(pd.tx ORDER BY pd.cp_key))[1:50] AS transaction_ids,
       concat('one of ', max(r.senders), ' accounts showing {"/".join(p.indicators)} that pay '
              'the same person{share}') AS detail
FROM paid pd JOIN recipients r USING (cp_key) GROUP BY account_id
"""


SHARED_RECIPIENT = QueryMeasure(
    name="shared_recipient",
    description="Accounts showing given indicators that pay one common person (second pass).",
    parameters=SharedRecipient,
    query=_shared_recipient_query,
    second_pass=True,
)


class TiedToAlerts(MeasureParameters):
    kinds: list[TieKind]
    min_transactions: int = 2  # for ties that count transfers (money, large, same holder)
    alert_roles: list[str] = []  # only alerts with these roles (all when empty)
    alert_typologies: list[str] = []  # only alerts matching one of these typologies
    alert_party_types: list[str] = []  # only alerts held by these party types (all when empty)
    # Only alerts whose holder has another surname: a parent on a child's card, a family
    # sharing a home and a tablet are ties, but not evidence against the rest of the family.
    unrelated_only: bool = False


def _tied_query(p: TiedToAlerts, _: QueryContext) -> str:
    kinds = sql_list(p.kinds)
    roles = ""
    if p.alert_roles:
        roles = "AND s.role IN (" + sql_list(p.alert_roles) + ")"
    if p.alert_typologies:
        wanted = sql_list(p.alert_typologies)
        roles += f" AND list_has_any(string_split(s.typologies, ';'), [{wanted}])"
    if p.alert_party_types:
        roles += " AND s.party_type IN (" + sql_list(p.alert_party_types) + ")"
    unrelated = ""
    if p.unrelated_only:
        unrelated = f"AND {SURNAME.format('me.name')} IS DISTINCT FROM {SURNAME.format('s.name')}"
    return f"""
WITH tied AS (
  SELECT t.account_id, t.other_account_id, string_agg(DISTINCT t.kind, '/' ORDER BY t.kind) AS how
  FROM ties t
  JOIN (SELECT s.account_id, s.role, s.typologies, a.name, a.party_type
        FROM account_scores s JOIN account_profile a USING (account_id) WHERE s.flagged) s
    ON s.account_id = t.other_account_id
  JOIN account_profile me ON me.account_id = t.account_id
  WHERE t.kind IN ({kinds})
    AND (t.kind IN ('control', 'owner', 'device', 'identifier', 'premises')
         OR t.transactions >= {p.min_transactions})
    {roles} {unrelated}
  GROUP BY t.account_id, t.other_account_id
)
SELECT account_id, count(*)::DOUBLE AS value, []::VARCHAR[] AS transaction_ids,
       concat('tied to ', count(*), ' alerted accounts (',
              string_agg(DISTINCT how, ', ' ORDER BY how), ')') AS detail
FROM tied GROUP BY account_id
"""


TIED_TO_ALERTS = QueryMeasure(
    name="tied_to_alerts",
    description="Alerted accounts tied to this one by holder, control, device, identifiers or "
    "repeated money (runs after a first scoring).",
    parameters=TiedToAlerts,
    query=_tied_query,
    after_scoring=True,
)


class EvidenceCounterparty(MeasureParameters):
    indicators: list[str]  # whose evidence transactions count
    # Of these, the ones whose evidence counts on a business's account too. A business's many
    # payers (a travel agency's customers) are not the leaves of a laundering fan-in; the
    # people a business pays large sums within days (not payroll) may be a fan-out's.
    business_indicators: list[str] = []
    # ... unless the business lives on that evidence: when the money it received in the
    # evidence is at least this share of all it received in the period, it is a shell, not a
    # trading business, and its payers are the fan's leaves.
    shell_share: float = 0.5


def _evidence_counterparty_query(p: EvidenceCounterparty, _: QueryContext) -> str:
    ids = sql_list(p.indicators)
    business = sql_list(p.business_indicators) or "NULL"
    return f"""
WITH evidence_legs AS (
  SELECT e.account_id, e.indicator_id, a.party_type, l.transaction_id, l.direction, l.amount
  FROM (SELECT account_id, indicator_id, unnest(transaction_ids) AS transaction_id
        FROM evidence WHERE indicator_id IN ({ids})) e
  JOIN account_profile a USING (account_id)
  JOIN legs l ON l.account_id = e.account_id AND l.transaction_id = e.transaction_id
),
received AS (
  SELECT account_id, sum(amount) AS total FROM legs
  WHERE direction = 'in' AND account_id IN (SELECT account_id FROM evidence_legs
                                            WHERE party_type <> 'person')
  GROUP BY account_id
),
shells AS (
  SELECT account_id FROM (
    SELECT DISTINCT account_id, transaction_id, amount FROM evidence_legs
    WHERE party_type <> 'person' AND direction = 'in')
  JOIN received USING (account_id)
  GROUP BY account_id, total HAVING sum(amount) >= {p.shell_share} * total
),
shown AS (
  SELECT DISTINCT account_id AS alerted, transaction_id FROM evidence_legs
  WHERE party_type = 'person' OR indicator_id IN ({business})
     OR account_id IN (SELECT account_id FROM shells)
)
SELECT l.account_id, count(DISTINCT l.transaction_id)::DOUBLE AS value,
       list(DISTINCT l.transaction_id ORDER BY l.transaction_id)[1:50] AS transaction_ids,
       concat('other side of ', count(DISTINCT l.transaction_id),
              ' transactions in the {"/".join(p.indicators)} evidence of ',
              count(DISTINCT s.alerted), ' accounts') AS detail
FROM shown s JOIN legs l USING (transaction_id)
WHERE l.account_id <> s.alerted
GROUP BY l.account_id
"""


EVIDENCE_COUNTERPARTY = QueryMeasure(
    name="evidence_counterparty",
    description="The other side of transactions that make another account's evidence (the "
    "leaves of a fan, the next hop of a chain); second pass.",
    parameters=EvidenceCounterparty,
    query=_evidence_counterparty_query,
    second_pass=True,
)
