"""What the index and each case page show, worked out from the cases before any HTML is written.

The templates only lay these out: ranking, grouping, joining parties to accounts and evidence
to transactions happens here, where it can be typed and tested.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from tipflow.report.cases import Case, CaseAccount, CaseParty, CaseTransaction
from tipflow.report.html.labels import anchor, plain

TOP_INDICATORS = 3


@dataclass(frozen=True)
class IndexRow:
    case: Case
    href: str
    top_indicators: tuple[tuple[str, str], ...]  # (id, name)


@dataclass(frozen=True)
class TransactionLink:
    transaction_id: str
    href: str | None  # the row of the transaction table; None if the table lacks it


@dataclass(frozen=True)
class EvidenceItem:
    indicator_id: str
    indicator_name: str
    value: float
    threshold: float
    detail: str
    transactions: tuple[TransactionLink, ...]


@dataclass(frozen=True)
class AccountEvidence:
    account: CaseAccount
    holder: str
    anchor: str
    items: tuple[EvidenceItem, ...]


@dataclass(frozen=True)
class AccountRow:
    account: CaseAccount
    anchor: str
    holder: CaseParty | None
    holder_anchor: str
    others: tuple[tuple[str, str, str], ...]  # (relation, party label, party anchor)


@dataclass(frozen=True)
class PartyRow:
    party: CaseParty
    anchor: str
    accounts: tuple[tuple[str, str, str], ...]  # (account id, account anchor, relation)


@dataclass(frozen=True)
class TransactionRow:
    transaction: CaseTransaction
    anchor: str
    from_account: str | None
    from_href: str | None  # set when the account is one of the case's
    to_account: str | None
    to_href: str | None
    counterparty: str
    indicators: tuple[str, ...]  # ids of the indicators whose evidence names it


@dataclass(frozen=True)
class CasePage:
    case: Case
    typologies: tuple[tuple[str, str], ...]  # (id, name)
    flagged: int
    period: tuple[str, str] | None  # first and last day of the evidence transactions
    evidence: tuple[AccountEvidence, ...]
    accounts: tuple[AccountRow, ...]
    parties: tuple[PartyRow, ...]
    transactions: tuple[TransactionRow, ...]


def index_row(case: Case, href: str) -> IndexRow:
    return IndexRow(case, href, top_indicators(case))


def case_page(case: Case, typology_names: dict[str, str]) -> CasePage:
    return CasePage(
        case=case,
        typologies=tuple((t, typology_names.get(t, plain(t))) for t in case.typologies),
        flagged=len(case.flagged_accounts),
        period=_period(case.transactions),
        evidence=_evidence(case),
        accounts=tuple(_account_row(case, a) for a in case.accounts),
        parties=_parties(case),
        transactions=_transactions(case),
    )


def _period(transactions: tuple[CaseTransaction, ...]) -> tuple[str, str] | None:
    if not transactions:
        return None
    return (
        transactions[0].timestamp.date().isoformat(),
        transactions[-1].timestamp.date().isoformat(),
    )


def top_indicators(case: Case) -> tuple[tuple[str, str], ...]:
    """The indicators that fired on most of the case's accounts (ties by id)."""
    counts = Counter(e.indicator_id for e in case.evidence)
    names = {e.indicator_id: e.indicator_name for e in case.evidence}
    ranked = sorted(counts, key=lambda i: (-counts[i], i))[:TOP_INDICATORS]
    return tuple((i, names[i]) for i in ranked)


def holder_name(case: Case, account: CaseAccount) -> str:
    holder = case.party(account.holder_party_id)
    return (holder.name if holder else None) or account.holder_party_id


def _evidence(case: Case) -> tuple[AccountEvidence, ...]:
    # Proof in time order, as the transaction table lists it; ids it lacks go last.
    position = {t.transaction_id: i for i, t in enumerate(case.transactions)}
    by_account: dict[str, list[EvidenceItem]] = {}
    for row in case.evidence:
        by_account.setdefault(row.account_id, []).append(
            EvidenceItem(
                indicator_id=row.indicator_id,
                indicator_name=row.indicator_name,
                value=row.value,
                threshold=row.threshold,
                detail=row.detail,
                transactions=tuple(
                    TransactionLink(t, "#" + anchor("tx", t) if t in position else None)
                    for t in sorted(
                        row.transaction_ids, key=lambda t: (position.get(t, len(position)), t)
                    )
                ),
            )
        )
    return tuple(
        AccountEvidence(a, holder_name(case, a), anchor("acct", a.account_id),
                        tuple(by_account[a.account_id]))
        for a in case.accounts if a.account_id in by_account
    )  # fmt: skip


def _account_row(case: Case, account: CaseAccount) -> AccountRow:
    others = tuple(
        (plain(r.relation), _party_label(case, r.party_id), anchor("party", r.party_id))
        for r in account.relations
        if not (r.relation == "holder" and r.party_id == account.holder_party_id)
    )
    return AccountRow(
        account=account,
        anchor=anchor("acct", account.account_id),
        holder=case.party(account.holder_party_id),
        holder_anchor=anchor("party", account.holder_party_id),
        others=others,
    )


def _party_label(case: Case, party_id: str) -> str:
    party = case.party(party_id)
    return party.name if party and party.name else party_id


def _parties(case: Case) -> tuple[PartyRow, ...]:
    tied: dict[str, list[tuple[str, str, str]]] = {}
    for account in case.accounts:
        seen = {(r.party_id, r.relation) for r in account.relations}
        if (account.holder_party_id, "holder") not in seen:
            seen.add((account.holder_party_id, "holder"))
        for party_id, relation in sorted(seen):
            tied.setdefault(party_id, []).append(
                (account.account_id, anchor("acct", account.account_id), plain(relation))
            )
    return tuple(
        PartyRow(p, anchor("party", p.party_id), tuple(tied.get(p.party_id, [])))
        for p in case.parties
    )


def _transactions(case: Case) -> tuple[TransactionRow, ...]:
    own = {a.account_id for a in case.accounts}
    named: dict[str, set[str]] = {}
    for row in case.evidence:
        for t in row.transaction_ids:
            named.setdefault(t, set()).add(row.indicator_id)
    return tuple(
        TransactionRow(
            transaction=t,
            anchor=anchor("tx", t.transaction_id),
            from_account=t.from_account_id,
            from_href=_account_href(t.from_account_id, own),
            to_account=t.to_account_id,
            to_href=_account_href(t.to_account_id, own),
            counterparty=_counterparty(t),
            indicators=tuple(sorted(named.get(t.transaction_id, ()))),
        )
        for t in case.transactions
    )


def _account_href(account_id: str | None, own: set[str]) -> str | None:
    return "#" + anchor("acct", account_id) if account_id in own and account_id else None


def _counterparty(t: CaseTransaction) -> str:
    """The other side as the bank described it: name, account, institution, country."""
    name = t.counterparty_name or t.merchant_name
    if t.merchant_name and t.merchant_category_code:
        name = f"{t.merchant_name} (MCC {t.merchant_category_code})"
    parts = [name, t.counterparty_account, t.counterparty_institution, t.counterparty_country]
    return ", ".join(p for p in parts if p) or "—"
