"""Cases: what a report is about, read back from a results folder.

A **case** is one flagged network, or one flagged account that no flagged network holds. It
carries everything the three report formats (goAML STRs, FollowTheMoney, the readable HTML
pages) need, so each writer is a pure rendering of the same facts: the accounts and their
scores, every party tied to them, the evidence rows and the transactions the evidence names.

Read from ``RESULTS/workspace.duckdb`` (``tipflow screen`` keeps it) in a handful of set-based
queries for all cases at once, never one query per case.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from pathlib import Path
from typing import Any

import duckdb
from pydantic import BaseModel, ConfigDict

from tipflow.detect.screen import WORKSPACE_NAME
from tipflow.errors import DatasetError


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class CaseParty(_Frozen):
    """A person or organisation holding or tied to one of the case's accounts."""

    party_id: str
    party_type: str  # person | organisation
    name: str | None = None
    birth_date: dt.date | None = None
    gender: str | None = None
    nationality: str | None = None
    address: str | None = None
    city: str | None = None
    postal_code: str | None = None
    country: str | None = None
    phone: str | None = None
    email: str | None = None
    occupation: str | None = None
    industry_code: str | None = None
    onboarding_date: dt.date | None = None


class AccountRelation(_Frozen):
    party_id: str
    relation: str  # holder | joint_holder | signatory | beneficial_owner | authorised_user


class CaseAccount(_Frozen):
    """One account of the case with its screening result."""

    account_id: str
    institution_id: str
    holder_party_id: str
    account_type: str
    currency: str
    opened_date: dt.date | None = None
    closed_date: dt.date | None = None
    branch_city: str | None = None
    branch_country: str | None = None
    relations: tuple[AccountRelation, ...] = ()
    risk_score: float
    flagged: bool
    rank: int
    crime: str | None = None
    role: str | None = None
    typologies: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()
    explanation: str = ""


class CaseEvidence(_Frozen):
    """Why one indicator fired on one account: the figure, what it was compared with, proof."""

    account_id: str
    indicator_id: str
    indicator_name: str
    value: float
    threshold: float
    detail: str
    transaction_ids: tuple[str, ...] = ()


class CaseTransaction(_Frozen):
    """A transaction named by the case's evidence, as the dataset gave it."""

    transaction_id: str
    timestamp: dt.datetime  # local time where it happened
    utc_offset_minutes: int | None = None
    amount: Decimal
    currency: str
    base_amount: Decimal | None = None
    channel: str
    from_account_id: str | None = None
    to_account_id: str | None = None
    counterparty_name: str | None = None
    counterparty_account: str | None = None
    counterparty_institution: str | None = None
    counterparty_country: str | None = None
    merchant_name: str | None = None
    merchant_category_code: str | None = None
    city: str | None = None
    country: str | None = None
    description: str | None = None


class Case(_Frozen):
    """One report's subject: a flagged network or a lone flagged account."""

    case_id: str
    network_id: str | None
    risk_score: float
    crime: str | None
    typologies: tuple[str, ...]
    explanation: str
    institutions: tuple[str, ...]
    accounts: tuple[CaseAccount, ...]
    parties: tuple[CaseParty, ...]
    evidence: tuple[CaseEvidence, ...]
    transactions: tuple[CaseTransaction, ...]  # in time order

    @property
    def flagged_accounts(self) -> tuple[CaseAccount, ...]:
        return tuple(a for a in self.accounts if a.flagged)

    def party(self, party_id: str) -> CaseParty | None:
        return next((p for p in self.parties if p.party_id == party_id), None)

    def account(self, account_id: str) -> CaseAccount | None:
        return next((a for a in self.accounts if a.account_id == account_id), None)


def load_cases(
    results: Path, case_ids: list[str] | None = None, top: int | None = None
) -> list[Case]:
    """The cases of a results folder, riskiest first (ties by case id).

    ``case_ids`` keeps only those cases (a network id, or an account id for a lone account);
    ``top`` keeps the riskiest N. An unknown case id is an error, not an empty report.
    """
    workspace = results / WORKSPACE_NAME
    if not workspace.is_file():
        raise DatasetError(workspace, "missing: is this a results folder of tipflow screen?")
    con = duckdb.connect(str(workspace), read_only=True)
    try:
        return _load(con, case_ids, top)
    finally:
        con.close()


def _load(
    con: duckdb.DuckDBPyConnection, case_ids: list[str] | None, top: int | None
) -> list[Case]:
    con.execute(_CASE_MEMBERS_SQL)
    heads = _records(con, "SELECT * FROM case_heads ORDER BY risk_score DESC, case_id")
    if case_ids is not None:
        known = {h["case_id"] for h in heads}
        unknown = [c for c in case_ids if c not in known]
        if unknown:
            raise DatasetError(
                Path(unknown[0]), "no such case: not a flagged network or flagged account"
            )
        heads = [h for h in heads if h["case_id"] in set(case_ids)]
    if top is not None:
        heads = heads[:top]
    con.execute(
        "CREATE TEMP TABLE chosen AS SELECT unnest(?) AS case_id", [[h["case_id"] for h in heads]]
    )
    accounts = _group(con, _ACCOUNTS_SQL)
    parties = _group(con, _PARTIES_SQL)
    relations = _group(con, _RELATIONS_SQL)
    evidence = _group(con, _EVIDENCE_SQL)
    transactions = _group(con, _TRANSACTIONS_SQL)
    names = _indicator_names(con)
    cases = []
    for head in heads:
        case_id = head["case_id"]
        relations_of: dict[str, list[AccountRelation]] = {}
        for row in relations.get(case_id, []):
            relations_of.setdefault(row["account_id"], []).append(
                AccountRelation(party_id=row["party_id"], relation=row["relation"])
            )
        cases.append(
            Case(
                case_id=case_id,
                network_id=head["network_id"],
                risk_score=float(head["risk_score"]),
                crime=head["crime"],
                typologies=_split(head["typologies"]),
                explanation=head["explanation"] or "",
                institutions=tuple(sorted({a["institution_id"] for a in accounts[case_id]})),
                accounts=tuple(
                    _account(row, relations_of.get(row["account_id"], []))
                    for row in accounts[case_id]
                ),
                parties=tuple(CaseParty(**row) for row in parties.get(case_id, [])),
                evidence=tuple(
                    CaseEvidence(
                        **row, indicator_name=names.get(row["indicator_id"], row["indicator_id"])
                    )
                    for row in evidence.get(case_id, [])
                ),
                transactions=tuple(CaseTransaction(**row) for row in transactions.get(case_id, [])),
            )
        )
    return cases


def _account(row: dict[str, Any], relations: list[AccountRelation]) -> CaseAccount:
    return CaseAccount(
        **{k: v for k, v in row.items() if k not in ("typologies", "indicators")},
        typologies=_split(row["typologies"]),
        indicators=_split(row["indicators"]),
        relations=tuple(relations),
    )


def _split(text: str | None) -> tuple[str, ...]:
    return tuple(part for part in (text or "").split(";") if part)


def _records(con: duckdb.DuckDBPyConnection, sql: str) -> list[dict[str, Any]]:
    cursor = con.execute(sql)
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _group(con: duckdb.DuckDBPyConnection, sql: str) -> dict[str, list[dict[str, Any]]]:
    """Rows of ``sql`` (whose first column is case_id) grouped by case, order kept."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in _records(con, sql):
        grouped.setdefault(row.pop("case_id"), []).append(row)
    return grouped


def _indicator_names(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT indicator_id, name FROM lib_indicators").fetchall())


# Flagged networks are cases; so is every flagged account outside a flagged network.
_CASE_MEMBERS_SQL = """
CREATE TEMP TABLE case_members AS
SELECT n.network_id AS case_id, m.account_id
FROM networks n JOIN account_networks m USING (network_id) WHERE n.flagged
UNION ALL
SELECT s.account_id AS case_id, s.account_id FROM account_scores s
WHERE s.flagged AND s.account_id NOT IN (
  SELECT m.account_id FROM networks n JOIN account_networks m USING (network_id) WHERE n.flagged
);
CREATE TEMP TABLE case_heads AS
SELECT network_id AS case_id, network_id, risk_score, crime, typologies, explanation
FROM networks WHERE flagged
UNION ALL
SELECT s.account_id, NULL, s.risk_score, s.crime, s.typologies, s.explanation
FROM account_scores s JOIN case_members c ON c.case_id = s.account_id;
"""

_ACCOUNTS_SQL = """
SELECT c.case_id, a.account_id, a.institution_id, a.party_id AS holder_party_id, a.account_type,
       a.currency, a.opened_date, a.closed_date, a.branch_city, a.branch_country,
       s.risk_score, s.flagged, s.rank, s.crime, s.role, s.typologies, s.indicators,
       s.explanation
FROM case_members c JOIN chosen USING (case_id)
JOIN accounts a USING (account_id) JOIN account_scores s USING (account_id)
ORDER BY c.case_id, s.rank
"""

_RELATIONS_SQL = """
SELECT DISTINCT c.case_id, r.account_id, r.party_id, r.relation
FROM case_members c JOIN chosen USING (case_id) JOIN account_parties r USING (account_id)
ORDER BY ALL
"""

_PARTIES_SQL = """
WITH tied AS (
  SELECT c.case_id, a.party_id FROM case_members c JOIN chosen USING (case_id)
  JOIN accounts a USING (account_id)
  UNION
  SELECT c.case_id, r.party_id FROM case_members c JOIN chosen USING (case_id)
  JOIN account_parties r USING (account_id)
)
SELECT t.case_id, p.party_id, p.party_type, p.name, p.birth_date, p.gender, p.nationality,
       p.address, p.city, p.postal_code, p.country, p.phone, p.email, p.occupation,
       p.industry_code, p.onboarding_date
FROM tied t JOIN parties p USING (party_id)
ORDER BY t.case_id, p.party_id
"""

_EVIDENCE_SQL = """
SELECT c.case_id, e.account_id, e.indicator_id, e.value::DOUBLE AS value,
       e.threshold::DOUBLE AS threshold, coalesce(e.detail, '') AS detail,
       coalesce(e.transaction_ids, []) AS transaction_ids
FROM case_members c JOIN chosen USING (case_id) JOIN evidence e USING (account_id)
ORDER BY c.case_id, e.account_id, e.indicator_id
"""

_TRANSACTIONS_SQL = """
WITH named AS (
  SELECT DISTINCT c.case_id, unnest(e.transaction_ids) AS transaction_id
  FROM case_members c JOIN chosen USING (case_id) JOIN evidence e USING (account_id)
)
SELECT n.case_id, t.transaction_id, t."timestamp", t.utc_offset_minutes, t.amount, t.currency,
       t.base_amount, t.channel, t.from_account_id, t.to_account_id, t.counterparty_name,
       t.counterparty_account, t.counterparty_institution, t.counterparty_country,
       t.merchant_name, t.merchant_category_code, t.city, t.country, t.description
FROM named n JOIN transactions t USING (transaction_id)
ORDER BY n.case_id, t."timestamp", t.transaction_id
"""


def case_file_stem(case_id: str) -> str:
    """A file name for a case that any file system accepts (ids are the dataset's own text)."""
    safe = "".join(ch if ch.isascii() and (ch.isalnum() or ch in "-_.") else "_" for ch in case_id)
    safe = safe.strip(".") or "case"
    if safe != case_id:  # two ids that clean up alike must not share a file
        safe += "-" + hashlib.sha256(case_id.encode("utf-8")).hexdigest()[:8]
    return safe
