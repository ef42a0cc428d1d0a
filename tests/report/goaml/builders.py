"""Small hand-made cases: every kind of transaction side, in a few lines each."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from tipflow.report.cases import (
    AccountRelation,
    Case,
    CaseAccount,
    CaseEvidence,
    CaseParty,
    CaseTransaction,
)

BANK = "BANK_A"


def person(party_id: str, name: str | None, **fields: object) -> CaseParty:
    values: dict[str, object] = {
        "birth_date": dt.date(1990, 5, 17),
        "gender": "female",
        "nationality": "PH",
        "address": "12 Pine St",
        "city": "Atlanta",
        "postal_code": "30317",
        "country": "US",
        "phone": "+14045551535",
        "email": "someone@example.org",
        "occupation": "cleaner",
    }
    values.update(fields)
    return CaseParty.model_validate(
        {"party_id": party_id, "party_type": "person", "name": name, **values}
    )


def organisation(party_id: str, name: str, **fields: object) -> CaseParty:
    values: dict[str, object] = {"industry_code": "9609", "city": "Atlanta", "country": "US"}
    values.update(fields)
    return CaseParty.model_validate(
        {"party_id": party_id, "party_type": "organisation", "name": name, **values}
    )


def account(account_id: str, holder: str, **fields: object) -> CaseAccount:
    values: dict[str, object] = {
        "institution_id": BANK,
        "account_type": "current",
        "currency": "USD",
        "opened_date": dt.date(2022, 1, 3),
        "branch_city": "Atlanta",
        "branch_country": "US",
        "relations": (AccountRelation(party_id=holder, relation="holder"),),
        "risk_score": 0.8,
        "flagged": True,
        "rank": 1,
        "role": "victim",
        "explanation": f"Account {account_id} was flagged.",
    }
    values.update(fields)
    return CaseAccount.model_validate(
        {"account_id": account_id, "holder_party_id": holder, **values}
    )


def transaction(transaction_id: str, amount: str = "100.00", **fields: object) -> CaseTransaction:
    values: dict[str, object] = {
        "timestamp": dt.datetime(2024, 1, 5, 22, 15, 3),
        "currency": "USD",
        "channel": "p2p",
        "city": "Atlanta",
        "country": "US",
    }
    values.update(fields)
    return CaseTransaction.model_validate(
        {"transaction_id": transaction_id, "amount": Decimal(amount), **values}
    )


def evidence(account_id: str, indicator_id: str, *transaction_ids: str) -> CaseEvidence:
    return CaseEvidence(
        account_id=account_id,
        indicator_id=indicator_id,
        indicator_name=f"name of {indicator_id}",
        value=5.0,
        threshold=3.0,
        detail=f"detail of {indicator_id}",
        transaction_ids=transaction_ids,
    )


def make_case(
    parties: list[CaseParty],
    accounts: list[CaseAccount],
    transactions: list[CaseTransaction],
    evidence_rows: list[CaseEvidence] | None = None,
    case_id: str = "NW-TEST",
) -> Case:
    if evidence_rows is None:
        first = accounts[0].account_id
        evidence_rows = [evidence(first, "HT-SEX-11", *(t.transaction_id for t in transactions))]
    return Case(
        case_id=case_id,
        network_id=case_id,
        risk_score=0.8,
        crime="sex_trafficking",
        typologies=("sex_trafficking_victim",),
        explanation="Two accounts pointing to sex trafficking.",
        institutions=tuple(sorted({a.institution_id for a in accounts})),
        accounts=tuple(accounts),
        parties=tuple(parties),
        evidence=tuple(evidence_rows),
        transactions=tuple(sorted(transactions, key=lambda t: (t.timestamp, t.transaction_id))),
    )


def every_side_case() -> Case:
    """Two case accounts (a person's, a business's) and every kind of other side."""
    victim = person("P1", "Maria Santos")
    owner = person("P2", "Li Wei", birth_date=dt.date(1970, 2, 1), gender="male")
    venue = organisation("O1", "Golden Spa & Wellness, LLC")
    parties = [victim, owner, venue]
    accounts = [
        account("A-1", "P1"),
        account(
            "A-2",
            "O1",
            account_type="business",
            relations=(
                AccountRelation(party_id="O1", relation="holder"),
                AccountRelation(party_id="P2", relation="signatory"),
                AccountRelation(party_id="P2", relation="beneficial_owner"),
            ),
            role="controller",
        ),
    ]
    transactions = [
        transaction("T-p2p", from_account_id="A-1", to_account_id="A-2"),
        transaction("T-in", "350", counterparty_name="John Buyer", to_account_id="A-1"),
        transaction("T-deposit", "900", channel="cash", to_account_id="A-1"),
        transaction("T-withdraw", "400", channel="cash", from_account_id="A-1"),
        transaction(
            "T-third-cash", "950", channel="cash", to_account_id="A-2", counterparty_name="Ana Ruiz"
        ),
        transaction(
            "T-card",
            "24.00",
            channel="card",
            from_account_id="A-1",
            merchant_name="ClassyAds Online",
            merchant_category_code="7311",
        ),
        transaction(
            "T-wire",
            "2500",
            channel="wire",
            from_account_id="A-2",
            counterparty_name="Global Travel Agency Ltd",
            counterparty_account="GB29NWBK60161331926819",
            counterparty_institution="NWBKGB2L",
            counterparty_country="GB",
            description="invoice 22",
        ),
        transaction("T-other-customer", "120", from_account_id="A-OUT", to_account_id="A-1"),
        transaction("T-unknown", "60", channel="other", from_account_id="A-1"),
    ]
    return make_case(parties, accounts, transactions)
