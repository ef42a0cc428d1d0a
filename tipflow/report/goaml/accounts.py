"""The accounts of a report as goAML elements: the case's, the data's others, outsiders'.

An account of the case is written with its holder (an entity, or the primary signatory) and
every person tied to it with their role. It takes the ``_my_client`` form only when it is at one
of the profile's own institutions and tipflow knows every element the edition requires of that
form, for the account and for each of its persons (:meth:`Subjects.my_client`).
"""

from __future__ import annotations

import re

from lxml import etree

from tipflow.report.cases import Case, CaseAccount, CaseParty
from tipflow.report.goaml.profile import FiuProfile
from tipflow.report.goaml.subjects import Element, People, add
from tipflow.report.goaml.text import (
    COMMENTS_LIMIT,
    ORIGINAL_NAME,
    OUTSIDE_CASE,
    country_code,
    currency_code,
    fit,
    fit_id,
    one_line,
    sql_datetime,
)

_BIC = re.compile(r"[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?")
# When a person holds several relations to one account, the strongest is written.
_RELATION_ORDER = ("holder", "joint_holder", "signatory", "authorised_user", "beneficial_owner")


def _rank(relation: str) -> int:
    return _RELATION_ORDER.index(relation) if relation in _RELATION_ORDER else len(_RELATION_ORDER)


class Subjects(People):
    """Builds the case's accounts, and through :class:`People` their persons and entities."""

    def __init__(self, case: Case, profile: FiuProfile) -> None:
        super().__init__(profile)
        self._accounts = {account.account_id: account for account in case.accounts}
        self._parties = {party.party_id: party for party in case.parties}
        self._my_client: dict[str, bool] = {}

    def case_account(self, account_id: str | None) -> CaseAccount | None:
        return self._accounts.get(account_id) if account_id else None

    def holder(self, account: CaseAccount) -> CaseParty | None:
        return self._parties.get(account.holder_party_id)

    def signatories(self, account: CaseAccount) -> list[tuple[CaseParty, str]]:
        """The persons of an account with their strongest relation, the holder first."""
        strongest: dict[str, str] = {}
        for relation in account.relations:
            current = strongest.get(relation.party_id)
            if current is None or _rank(relation.relation) < _rank(current):
                strongest[relation.party_id] = relation.relation
        strongest[account.holder_party_id] = "holder"
        found = [
            (party, relation)
            for party_id, relation in strongest.items()
            if (party := self._parties.get(party_id)) is not None and party.party_type == "person"
        ]
        found.sort(key=lambda pair: (_rank(pair[1]), pair[0].party_id))
        return found

    # -- the _my_client form -------------------------------------------------------------

    def my_client(self, account: CaseAccount) -> bool:
        """Whether this account may be written as the reporting entity's own client."""
        if account.account_id not in self._my_client:
            self._my_client[account.account_id] = self._may_be_my_client(account)
        return self._my_client[account.account_id]

    def _may_be_my_client(self, account: CaseAccount) -> bool:
        rules = self.profile.my_client
        if account.institution_id not in rules.institutions:
            return False
        if not set(rules.account_requires) <= self._account_known(account):
            return False
        holder = self.holder(account)
        if (
            holder is not None
            and holder.party_type == "organisation"
            and not set(rules.entity_requires) <= self.entity_known(holder)
        ):
            return False
        persons = [party for party, _ in self.signatories(account)]
        return all(set(rules.person_requires) <= self.person_known(p) for p in persons)

    def _account_known(self, account: CaseAccount) -> set[str]:
        institution = self.profile.institution(account.institution_id)
        country = institution.country or account.branch_country
        holder = self.holder(account)
        codes = self.profile.codes
        status = codes.account_status_closed if account.closed_date else codes.account_status_open
        checks = {
            "institution_name": True,
            "account": True,
            "account_type": account.account_type in codes.account_types,
            "institution_country": country_code(country, self.profile) is not None,
            "non_bank_institution": institution.non_bank is not None,
            "branch": bool(one_line(account.branch_city, 255)),
            "currency_code": currency_code(account.currency) is not None,
            "account_name": holder is not None and self.names.clean(holder.name, 255) is not None,
            "client_number": len(account.holder_party_id) <= 30,
            "t_entity": holder is not None and holder.party_type == "organisation",
            "signatory": bool(self.signatories(account)),
            "opened": sql_datetime(account.opened_date) is not None,
            "closed": sql_datetime(account.closed_date) is not None,
            "status_code": status is not None,
        }
        return {name for name, ok in checks.items() if ok}

    # -- accounts ------------------------------------------------------------------------

    def account(self, parent: Element, tag: str, account: CaseAccount, *, my_client: bool) -> None:
        """One of the case's accounts with its holder and the persons tied to it."""
        codes = self.profile.codes
        institution = self.profile.institution(account.institution_id)
        holder = self.holder(account)
        element = etree.SubElement(parent, tag)
        add(element, "institution_name", fit(institution.name or account.institution_id, 255))
        if institution.swift:
            add(element, "swift", institution.swift)
        else:
            add(element, "institution_code", fit_id(institution.code or account.institution_id, 50))
        country = institution.country or account.branch_country
        add(element, "institution_country", country_code(country, self.profile))
        if institution.non_bank is not None:
            add(element, "non_bank_institution", "true" if institution.non_bank else "false")
        add(element, "branch", one_line(account.branch_city, 255))
        add(element, "account", fit_id(account.account_id, 255))
        add(element, "currency_code", currency_code(account.currency))
        holder_name = holder.name if holder is not None else None
        account_name = self.names.required(holder_name, 255)
        add(element, "account_name", account_name)
        if len(account.holder_party_id) <= 30:
            add(element, "client_number", fit(account.holder_party_id, 30))
        add(element, "personal_account_type", codes.account_types.get(account.account_type))
        if holder is not None and holder.party_type == "organisation":
            self.entity(element, "t_entity", holder)
        for party, relation in self.signatories(account):
            signatory = etree.SubElement(element, "signatory")
            if relation == "holder" or my_client:  # the generic _my_client form requires it
                add(signatory, "is_primary", "1")
            self.person(signatory, "t_person", party)
            add(
                signatory,
                "role",
                codes.account_roles.get(relation, codes.account_roles["signatory"]),
            )
        add(element, "opened", sql_datetime(account.opened_date))
        add(element, "closed", sql_datetime(account.closed_date))
        status = codes.account_status_closed if account.closed_date else codes.account_status_open
        add(element, "status_code", status)
        add(element, "comments", self._account_comment(account, holder_name, account_name))

    def _account_comment(self, account: CaseAccount, original: str | None, written: str) -> str:
        flagged = "flagged" if account.flagged else "not flagged on its own"
        parts = [f"Screening: risk score {account.risk_score:.3f}, {flagged}"]
        parts += [f"role {account.role}"] if account.role else []
        parts += [f"crime {account.crime.replace('_', ' ')}"] if account.crime else []
        tied = [
            f"{party.name or party.party_id} ({relation.relation.replace('_', ' ')})"
            for relation in account.relations
            if (party := self._parties.get(relation.party_id)) is not None
            and party.party_type == "organisation"
            and party.party_id != account.holder_party_id
        ]
        text = "; ".join(parts) + "."
        if tied:
            text += " Organisations tied to the account: " + ", ".join(tied) + "."
        kept = self.names.original(original, written, 1000)
        if kept:
            text += f" {ORIGINAL_NAME}{kept}"
        return fit(text, COMMENTS_LIMIT) or text[:COMMENTS_LIMIT]

    def outside_account(
        self,
        parent: Element,
        tag: str,
        *,
        number: str,
        name: str | None,
        institution: str | None,
        country: str | None,
        note: str | None = None,
    ) -> None:
        """An account the dataset does not hold: a counterparty's, or one outside the case."""
        unknown = self.profile.unknown_text
        institution = one_line(institution, 255)
        element = etree.SubElement(parent, tag)
        add(element, "institution_name", institution or unknown)
        if institution and _BIC.fullmatch(institution):
            add(element, "swift", institution)
        else:
            add(element, "institution_code", fit_id(institution or unknown, 50))
        add(element, "institution_country", country_code(country, self.profile))
        add(element, "account", fit_id(number, 255))
        written = self.names.required(name, 255)
        add(element, "account_name", written)
        comment = note or ""
        kept = self.names.original(name, written, 1000)
        if kept:
            comment = f"{comment} {ORIGINAL_NAME}{kept}".strip()
        add(element, "comments", fit(comment, COMMENTS_LIMIT))

    def unknown_account(self, parent: Element, tag: str, account_id: str) -> None:
        self.outside_account(
            parent,
            tag,
            number=account_id,
            name=None,
            institution=None,
            country=None,
            note=OUTSIDE_CASE,
        )
