"""FollowTheMoney export: the cases as ``entities.ftm.jsonl`` for Aleph, OpenAleph or yente.

One line per entity, built with ``followthemoney.model.make_entity`` and valid under
followthemoney 4. docs/ftm.md has the full mapping; the choices that needed judgement:

- **Parties** are ``Person``, or ``Company`` when the organisation has an industry code or a
  legal-form suffix (LLC, Ltd, GmbH...), else ``Organization``. Outside counterparties,
  merchants and the stand-ins below are plain ``LegalEntity``: the data does not say whether
  they are people or firms, and keeping them apart from our own parties keeps counts honest.
- **Accounts** are ``BankAccount``. FtM has no holder property: holders, joint holders and
  beneficial owners are ``Ownership`` (owner -> asset, ``role`` says which). Signatories and
  authorised users are ``UnknownLink`` (party -> account, ``role``), not ``Representation``:
  Representation joins two legal entities and cannot name the account, so a signatory on one
  of a holder's three accounts would read as acting for all of them. ``Directorship`` would
  need a director of an organisation, which the data never states, so it is not used.
- **Transactions** named by evidence are ``Payment`` (payer/payerAccount -> beneficiary/
  beneficiaryAccount). FtM requires both payer and beneficiary; where the data names nobody
  (cash, an account outside the report, an unnamed counterparty) a clearly named stand-in
  ``LegalEntity`` takes the place, one per account and direction so stand-ins never join
  unrelated cases. ``date`` is UTC when the UTC offset is known (FtM converts), local time
  otherwise; the local time with its offset stays in ``summary``.
- **The case** is a ``Project`` ("an activity carried out by a group of participants"): the
  only FtM schema that groups legal entities (``ProjectParticipant``) *and* payments
  (``Payment.project``), with an id, status, dates, description and topics. ``Note`` cannot
  reach payments, ``Event`` takes legal entities only, ``Risk``/``Sanction`` are an
  authority's designation of one entity, which a screening alert is not. Accounts join the
  case through ``UnknownLink`` (account -> case) carrying the account's own screening result:
  score, rank, role, typologies, indicators, explanation and evidence. FtM has no number
  property for a risk score, so scores are text in ``summary``. Topics go on the case only,
  never on a party: the alert is a suspicion, not a designation.

Ids are ``make_entity_id`` over the "tipflow" namespace, a kind and the dataset's own keys
(:func:`entity_id`), so a party in several cases is one entity, written once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from tipflow.report.cases import Case, CaseAccount, CaseParty
from tipflow.report.ftm_graph import EntityGraph, Value, entity_id
from tipflow.report.ftm_payments import add_payment

#: FtM topics for a case's crime. Smuggling is not trafficking in persons, and FtM has no
#: smuggling topic: the general "crime.traffick" is the closest that claims nothing false.
CRIME_TOPICS: dict[str, tuple[str, ...]] = {
    "sex_trafficking": ("crime.traffick.human",),
    "labour_trafficking": ("crime.traffick.human", "forced.labor"),
    "migrant_smuggling": ("crime.traffick",),
    "laundering": ("crime.fin",),
}

#: account_parties.relation -> (FtM link schema, role text)
RELATION_LINKS: dict[str, tuple[str, str]] = {
    "holder": ("Ownership", "holder"),
    "joint_holder": ("Ownership", "joint holder"),
    "beneficial_owner": ("Ownership", "beneficial owner"),
    "signatory": ("UnknownLink", "signatory"),
    "authorised_user": ("UnknownLink", "authorised user"),
}

# A registered name ending in a legal form is a business even without an industry code.
_LEGAL_FORM = re.compile(
    r"\b(inc|llc|ltd|limited|corp|corporation|company|co|plc|llp|lp|gmbh|ag|sa|sarl|srl|"
    r"spa|bv|nv|pty|sas|kg|oy|ab)$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class FtmCounts:
    """What :func:`write_ftm` wrote."""

    by_schema: dict[str, int]  # entities per FtM schema
    stand_ins: int  # LegalEntity for payment sides the data does not name
    unaccepted: dict[str, int]  # "Schema.property" -> values FtM refused, kept as text

    @property
    def total(self) -> int:
        """All entities written, one per line."""
        return sum(self.by_schema.values())


def write_ftm(cases: list[Case], path: Path) -> FtmCounts:
    """Write the cases to ``path`` as FtM entities, one JSON object a line; return counts.

    The file depends only on the facts: the same cases in any order give the same bytes.
    """
    graph = build_graph(cases)
    text = "".join(line + "\n" for line in graph.lines())
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_bytes(text.encode("utf-8"))
    partial.replace(path)  # never leave a half-written file under the real name
    return FtmCounts(
        by_schema=graph.by_schema(),
        stand_ins=graph.stand_ins,
        unaccepted=graph.unaccepted(),
    )


def build_graph(cases: list[Case]) -> EntityGraph:
    """All entities of the cases, merged by id."""
    graph = EntityGraph()
    accounts = {account.account_id: account for case in cases for account in case.accounts}
    for case in cases:
        for party in case.parties:
            _add_party(graph, party)
        for account in case.accounts:
            _add_account(graph, account)
        _add_case(graph, case)
    for case in cases:
        for transaction in case.transactions:
            add_payment(graph, transaction, accounts, entity_id("case", case.case_id))
    return graph


def party_schema(party: CaseParty) -> str:
    if party.party_type == "person":
        return "Person"
    name = (party.name or "").replace(".", "").strip()
    if party.industry_code or _LEGAL_FORM.search(name):
        return "Company"
    return "Organization"


def _add_party(graph: EntityGraph, party: CaseParty) -> None:
    locality = " ".join(part for part in (party.postal_code, party.city) if part)
    address = ", ".join(part for part in (party.address, locality) if part)
    since = f"; customer since {party.onboarding_date}" if party.onboarding_date else ""
    values: list[tuple[str, Value]] = [
        ("country", party.country),  # countries before the phone: FtM reads it with them
        ("name", party.name),
        ("address", address or None),
        ("phone", party.phone),
        ("email", party.email),
        ("description", f"Party {party.party_id} of the screened dataset{since}"),
    ]
    if party.party_type == "person":
        values[:0] = [("nationality", party.nationality)]
        values += [
            ("birthDate", party.birth_date),
            ("gender", party.gender),
            ("profession", party.occupation),
        ]
    else:
        values[:0] = [("jurisdiction", party.nationality)]
        values += [("sector", f"ISIC {party.industry_code}" if party.industry_code else None)]
    graph.add(
        party_schema(party),
        entity_id("party", party.party_id),
        values,
        unnamed=f"Unnamed party {party.party_id}",
    )


def _add_account(graph: EntityGraph, account: CaseAccount) -> None:
    account_ref = entity_id("account", account.account_id)
    graph.add(
        "BankAccount",
        account_ref,
        [
            ("country", account.branch_country),
            ("accountNumber", account.account_id),
            ("bankName", account.institution_id),
            ("bankAddress", account.branch_city),
            ("accountType", account.account_type),
            ("currency", account.currency),
            ("openingDate", account.opened_date),
            ("closingDate", account.closed_date),
        ],
    )
    for party_id, relation in account_relations(account):
        schema, role = RELATION_LINKS.get(relation, ("UnknownLink", relation))
        party_ref = entity_id("party", party_id)
        ends: list[tuple[str, Value]] = (
            [("owner", party_ref), ("asset", account_ref), ("ownershipType", role)]
            if schema == "Ownership"
            else [("subject", party_ref), ("object", account_ref)]
        )
        graph.add(
            schema,
            entity_id("relation", account.account_id, party_id, relation),
            [*ends, ("role", role)],
        )


def account_relations(account: CaseAccount) -> list[tuple[str, str]]:
    """(party id, relation) of everyone tied to the account; the primary holder always."""
    pairs = {(r.party_id, r.relation) for r in account.relations}
    pairs.add((account.holder_party_id, "holder"))
    return sorted(pairs)


def _add_case(graph: EntityGraph, case: Case) -> None:
    case_ref = entity_id("case", case.case_id)
    kind = f"network {case.network_id}" if case.network_id else "lone flagged account"
    headline = (
        f"Risk score {case.risk_score:.3f}; crime: {case.crime or 'none named'}; "
        f"typologies: {', '.join(case.typologies) or 'none'}; {kind}; "
        f"{len(case.accounts)} accounts at {', '.join(case.institutions)}"
    )
    days = [transaction.timestamp.date() for transaction in case.transactions]
    graph.add(
        "Project",
        case_ref,
        [
            ("name", f"tipflow case {case.case_id}"),
            ("projectId", case.case_id),
            ("status", "flagged for review"),
            ("summary", headline),
            ("description", case.explanation or None),
            ("startDate", min(days, default=None)),
            ("endDate", max(days, default=None)),
            ("publisher", "tipflow"),
            *[("keywords", typology) for typology in case.typologies],
            ("keywords", case.crime),
            *[("topics", topic) for topic in CRIME_TOPICS.get(case.crime or "", ())],
        ],
    )
    for account in case.accounts:
        _add_case_account(graph, case, account, case_ref)
    roles: dict[str, set[str]] = {}
    for account in case.accounts:
        for party_id, relation in account_relations(account):
            roles.setdefault(party_id, set()).add(RELATION_LINKS.get(relation, ("", relation))[1])
    for party in case.parties:
        graph.add(
            "ProjectParticipant",
            entity_id("case-party", case.case_id, party.party_id),
            [
                ("participant", entity_id("party", party.party_id)),
                ("project", case_ref),
                ("role", "; ".join(sorted(roles.get(party.party_id, {"tied party"})))),
            ],
        )


def _add_case_account(graph: EntityGraph, case: Case, account: CaseAccount, case_ref: str) -> None:
    headline = (
        f"Risk score {account.risk_score:.3f} (rank {account.rank}); "
        f"crime: {account.crime or 'none named'}; role: {account.role or 'none'}; "
        f"typologies: {', '.join(account.typologies) or 'none'}; "
        f"indicators: {', '.join(account.indicators) or 'none'}"
    )
    evidence = [
        f"{row.indicator_id} {row.indicator_name}: {row.value:g} against threshold "
        f"{row.threshold:g}" + (f"; {row.detail}" if row.detail else "")
        for row in case.evidence
        if row.account_id == account.account_id
    ]
    graph.add(
        "UnknownLink",
        entity_id("case-account", case.case_id, account.account_id),
        [
            ("subject", entity_id("account", account.account_id)),
            ("object", case_ref),
            ("role", f"{account.role or 'member'} account in case"),
            ("status", "flagged" if account.flagged else "not flagged"),
            ("summary", headline),
            ("description", account.explanation or None),
            *[("description", line) for line in evidence],
        ],
    )
