"""Evidence transactions as FtM ``Payment`` entities, with whoever stands on each side.

A side is one of the report's accounts (its primary holder pays or receives), another account
of the dataset (not in the report, so its holder is unknown here), or something outside the
dataset: a named counterparty, a merchant, an outside account, or cash. FtM requires a payer
and a beneficiary, so a side the data does not name gets a stand-in ``LegalEntity`` whose name
says what it stands for. Stand-ins are keyed by the account and direction they serve, never
shared between accounts: one "cash" entity for everybody would tie every case together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

from tipflow.report.cases import CaseAccount, CaseTransaction
from tipflow.report.ftm_graph import EntityGraph, decimal_text, entity_id


def add_payment(
    graph: EntityGraph,
    transaction: CaseTransaction,
    accounts: Mapping[str, CaseAccount],
    case_ref: str,
) -> str:
    """Add the transaction as a Payment linked to the case ``case_ref``; return its id."""
    payer, payer_account = _side(graph, transaction, accounts, paying=True)
    beneficiary, beneficiary_account = _side(graph, transaction, accounts, paying=False)
    return graph.add(
        "Payment",
        entity_id("transaction", transaction.transaction_id),
        [
            ("payer", payer),
            ("payerAccount", payer_account),
            ("beneficiary", beneficiary),
            ("beneficiaryAccount", beneficiary_account),
            ("amount", decimal_text(transaction.amount)),
            ("currency", transaction.currency),
            ("date", payment_date(transaction)),
            ("transactionNumber", transaction.transaction_id),
            ("purpose", transaction.description),
            ("summary", _summary(transaction)),
            ("project", case_ref),
        ],
    )


def payment_date(transaction: CaseTransaction) -> str:
    """The time to the second, with its UTC offset where known (FtM then stores it in UTC)."""
    return _local_time(transaction).replace(microsecond=0).isoformat()


def _local_time(transaction: CaseTransaction) -> dt.datetime:
    if transaction.utc_offset_minutes is None:
        return transaction.timestamp
    offset = dt.timezone(dt.timedelta(minutes=transaction.utc_offset_minutes))
    return transaction.timestamp.replace(tzinfo=offset)


def _summary(transaction: CaseTransaction) -> str:
    parts = [
        f"channel {transaction.channel}",
        f"local time {_local_time(transaction).isoformat()}",
    ]
    if transaction.merchant_name:
        mcc = transaction.merchant_category_code
        parts.append(f"merchant {transaction.merchant_name}" + (f" (MCC {mcc})" if mcc else ""))
    if transaction.city or transaction.country:
        parts.append("at " + ", ".join(p for p in (transaction.city, transaction.country) if p))
    if transaction.counterparty_institution:
        parts.append(f"counterparty institution {transaction.counterparty_institution}")
    if transaction.counterparty_country:
        parts.append(f"counterparty country {transaction.counterparty_country}")
    if transaction.base_amount is not None:
        parts.append(f"base amount {decimal_text(transaction.base_amount)}")
    return "; ".join(parts)


def _side(
    graph: EntityGraph,
    transaction: CaseTransaction,
    accounts: Mapping[str, CaseAccount],
    paying: bool,
) -> tuple[str, str | None]:
    """(legal entity id, bank account id or None) of the paying or the receiving side."""
    account_id = transaction.from_account_id if paying else transaction.to_account_id
    if account_id is not None:
        account = accounts.get(account_id)
        if account is not None:
            return entity_id("party", account.holder_party_id), entity_id("account", account_id)
        return _dataset_account(graph, account_id)
    number = transaction.counterparty_account
    institution = transaction.counterparty_institution
    holder = _outside_party(graph, transaction, paying)
    if not number:
        return holder, None
    outside_account = graph.add(
        "BankAccount",
        entity_id("outside-account", institution or "", number),
        [
            ("country", transaction.counterparty_country),
            ("accountNumber", number),
            ("bankName", institution),
        ],
    )
    _own(graph, holder, outside_account, "as named on transactions")
    return holder, outside_account


def _outside_party(graph: EntityGraph, transaction: CaseTransaction, paying: bool) -> str:
    """The legal entity on the side of the transaction that is outside the dataset."""
    name = transaction.counterparty_name
    number = transaction.counterparty_account
    institution = transaction.counterparty_institution
    country = transaction.counterparty_country
    merchant = transaction.merchant_name if transaction.channel != "cash" else None
    if name:  # one entity per name and account: same-name matching is left to resolution
        return graph.add(
            "LegalEntity",
            entity_id(
                "counterparty", _name_key(name), number or "", institution or "", country or ""
            ),
            [
                ("country", country),
                ("name", name),
                ("description", "Outside counterparty, as named on transactions"),
            ],
            unnamed="Unnamed outside counterparty",
        )
    if merchant:  # a card payment names the merchant, not a counterparty
        mcc = transaction.merchant_category_code
        return graph.add(
            "LegalEntity",
            entity_id("merchant", _name_key(merchant), mcc or ""),
            [
                ("name", merchant),
                ("sector", f"MCC {mcc}" if mcc else None),
                ("description", "Merchant, as named on card and online payments"),
            ],
            unnamed="Unnamed merchant",
        )
    if number:
        at = f" at {institution}" if institution else ""
        return _stand_in(
            graph,
            ("outside-holder", institution or "", number),
            f"Holder of account {number}{at}",
            "The transactions name the account but not its holder.",
        )
    inner = transaction.to_account_id if paying else transaction.from_account_id
    served = inner or transaction.transaction_id
    what = "cash" if transaction.channel == "cash" else "counterparty"
    label = {
        ("cash", True): f"Unidentified cash depositor into account {served}",
        ("cash", False): f"Unidentified recipient of cash from account {served}",
        ("counterparty", True): f"Unnamed payer into account {served}",
        ("counterparty", False): f"Unnamed payee of account {served}",
    }[(what, paying)]
    return _stand_in(
        graph,
        ("unnamed", what, "in" if paying else "out", served),
        label,
        "The transactions name nobody on this side.",
    )


def _name_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _dataset_account(graph: EntityGraph, account_id: str) -> tuple[str, str]:
    """An account of the dataset outside the report: the account, and a stand-in holder."""
    account = graph.add(
        "BankAccount",
        entity_id("account", account_id),
        [
            ("accountNumber", account_id),
            ("description", "Account of the screened dataset outside this report"),
        ],
    )
    holder = _stand_in(
        graph,
        ("dataset-holder", account_id),
        f"Holder of account {account_id}",
        "The account is in the screened dataset but not in this report's cases.",
    )
    _own(graph, holder, account, "holder")
    return holder, account


def _stand_in(graph: EntityGraph, key: tuple[str, ...], name: str, why: str) -> str:
    return graph.add(
        "LegalEntity",
        entity_id("stand-in", *key),
        [("name", name), ("description", f"Stand-in made by tipflow, not a known party. {why}")],
        stand_in=True,
        unnamed="Unnamed stand-in",
    )


def _own(graph: EntityGraph, owner: str, asset: str, role: str) -> None:
    graph.add(
        "Ownership",
        entity_id("outside-ownership", owner, asset),
        [("owner", owner), ("asset", asset), ("role", role)],
    )
