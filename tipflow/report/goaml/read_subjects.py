"""The people, organisations and accounts of a goAML file as tipflow's party and account rows.

goAML has no party ids: a person is repeated in full wherever they appear. Parties are therefore
keyed by content (type, name, birth date) and merged; the id is the ``client_number`` of an
account they hold when the file gives one (the reporter's customer number, which is what
tipflow's writer puts there), else ``GP-`` and a hash of the key, stable across reads.

An account becomes an ``accounts`` row when the file says who holds it (a signatory, a related
person, an entity, a client number, or the ``_my_client`` form); an account known only by its
number and bank is an outside counterparty's.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from lxml import etree

from tipflow.report.goaml.profile import FiuProfile
from tipflow.report.goaml.tables import AccountPartyRow, AccountRow, PartyRow
from tipflow.report.goaml.text import (
    ORIGINAL_NAME,
    OUTSIDE_CASE,
    country_code,
    currency_code,
    person_name,
)

Element = etree._Element
Key = tuple[str, str, str]
_ISIC = re.compile(r"\bISIC (\d{4})\b")
_MCC = re.compile(r"\bMCC (\d{4})\b")


@dataclass(frozen=True)
class Outside:
    """A side of a transaction that is not an account the file describes."""

    name: str | None = None
    account: str | None = None
    institution: str | None = None
    merchant_name: str | None = None
    merchant_category_code: str | None = None
    key: Key | None = None  # the person or entity, to recognise an account's own holder


@dataclass
class _Party:
    fields: dict[str, object]
    client_numbers: list[str] = field(default_factory=list)


def text(element: Element | None, path: str) -> str | None:
    if element is None:
        return None
    value = element.findtext(path)
    return value.strip() or None if value is not None else None


def parse_datetime(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    try:
        return dt.datetime.fromisoformat(value.strip())
    except ValueError:
        return None


class SubjectReader:
    """Collects the parties and accounts of one file, merging repeats."""

    def __init__(self, profile: FiuProfile, local_currency: str | None) -> None:
        self.profile = profile
        self.local_currency = local_currency
        self._parties: dict[Key, _Party] = {}
        self._accounts: dict[str, AccountRow] = {}
        self._holders: dict[str, Key] = {}
        self._relations: dict[tuple[str, Key, str], None] = {}
        codes = profile.codes
        self._roles = _inverse(codes.account_roles)
        self._account_types = _inverse(codes.account_types)
        self._genders = _inverse(codes.genders)

    def known(self, value: str | None) -> str | None:
        """None for the placeholders a writer puts where the schema wants text it lacks."""
        if value is None or value in (self.profile.unknown_text, "-"):
            return None
        return value

    # -- persons and entities ------------------------------------------------------------

    def person_name(self, element: Element) -> str:
        """The original spelling when the file keeps one, else the name parts."""
        original = text(element, "full_name_frn")
        if original:
            return original
        parts = [
            self.known(text(element, tag)) for tag in ("first_name", "middle_name", "last_name")
        ]
        return person_name(parts[0] or "", parts[1], parts[2] or "")

    def person(self, element: Element, *, record: bool) -> Key:
        name = self.person_name(element)
        birth = parse_datetime(text(element, "birthdate"))
        key: Key = ("person", name.casefold(), birth.date().isoformat() if birth else "")
        if not name:  # nameless people are told apart by all the file says of them
            key = ("person", "", _content(element))
        if record:
            fields = self._contact(element, "person", name or None)
            fields["birth_date"] = birth.date() if birth else None
            fields["gender"] = self._genders.get(text(element, "gender") or "")
            fields["nationality"] = country_code(text(element, "nationality1"), self.profile)
            fields["occupation"] = text(element, "occupation")
            residence = country_code(text(element, "residence"), self.profile)
            fields["country"] = fields["country"] or residence
            self._record(key, fields)
        return key

    def entity_name(self, element: Element) -> str | None:
        comments = text(element, "comments") or ""
        if comments.startswith(ORIGINAL_NAME):
            return comments[len(ORIGINAL_NAME) :].strip() or None
        return self.known(text(element, "name"))

    def entity(self, element: Element, *, record: bool) -> Key:
        name = self.entity_name(element) or ""
        key: Key = ("organisation", name.casefold(), "" if name else _content(element))
        if record:
            fields = self._contact(element, "organisation", name or None)
            match = _ISIC.search(text(element, "business") or "")
            fields["industry_code"] = match.group(1) if match else None
            incorporated = text(element, "incorporation_country_code")
            fields["country"] = fields["country"] or country_code(incorporated, self.profile)
            self._record(key, fields)
            for director in element.findall("director_id"):  # persons the report names
                self.person(director, record=True)
        return key

    def outside_party(self, element: Element, kind: str, *, record: bool) -> Outside:
        """A person or entity side: a counterparty by name, or a merchant."""
        if kind == "person":
            key = self.person(element, record=record)
            return Outside(name=self.person_name(element) or None, key=key)
        key = self.entity(element, record=record)
        business = text(element, "business") or ""
        if "merchant" in business.lower():
            match = _MCC.search(business)
            code = match.group(1) if match else None
            return Outside(merchant_name=self.entity_name(element), merchant_category_code=code)
        return Outside(name=self.entity_name(element), key=key)

    def _contact(self, element: Element, party_type: str, name: str | None) -> dict[str, object]:
        address = element.find("addresses/address")
        phone = element.find("phones/phone")
        email = text(element, "email") or text(element, "emails/email")
        return {
            "party_type": party_type,
            "name": name,
            "address": self.known(text(address, "address")),
            "city": self.known(text(address, "city")),
            "postal_code": text(address, "zip"),
            "country": country_code(text(address, "country_code"), self.profile),
            "phone": _phone(phone),
            "email": email,
        }

    def _record(self, key: Key, fields: dict[str, object]) -> None:
        party = self._parties.setdefault(key, _Party(fields={}))
        for name, value in fields.items():
            if party.fields.get(name) is None:
                party.fields[name] = value

    # -- accounts ------------------------------------------------------------------------

    def account(self, element: Element, *, my_client: bool) -> str | Outside:
        """The account's id when the file says who holds it; else the outside counterparty."""
        number = text(element, "account") or ""
        institution = self.known(
            text(element, "swift") or text(element, "institution_code")
        ) or self.known(text(element, "institution_name"))
        entity = element.find("t_entity")
        people = element.findall("signatory") + element.findall(
            "related_persons/account_related_person"
        )
        client_number = text(element, "client_number")
        comments = text(element, "comments") or ""
        screened = OUTSIDE_CASE in comments  # tipflow's: an account of the data, holder unnamed
        if not (my_client or entity is not None or people or client_number or screened):
            original = (
                comments.partition(ORIGINAL_NAME)[2].strip() if ORIGINAL_NAME in comments else ""
            )
            name = original or self.known(text(element, "account_name"))
            return Outside(name=name, account=number or None, institution=institution)
        holder: Key | None = self.entity(entity, record=True) if entity is not None else None
        for person in people:
            t_person = person.find("t_person")
            if t_person is None:
                continue
            key = self.person(t_person, record=True)
            role = text(person, "role") or ""
            relation = self._roles.get(role) or ("holder" if text(person, "is_primary") else "")
            if holder is None and relation in ("holder", ""):
                holder = key
            if key != holder:
                self._relations[(number, key, relation or "signatory")] = None
        if holder is None:  # the holder is known by the account's name at most
            name = self.known(text(element, "account_name"))
            holder = ("person", f"holder of {client_number or number}".casefold(), "")
            self._record(holder, {"party_type": "person", "name": name})
        if client_number:
            self._parties[holder].client_numbers.append(client_number)
        self._relations[(number, holder, "holder")] = None
        self._holders.setdefault(number, holder)
        if number not in self._accounts:
            self._accounts[number] = self._account_row(element, number, institution)
        return number

    def _account_row(self, element: Element, number: str, institution: str | None) -> AccountRow:
        code = text(element, "personal_account_type") or text(element, "account_type") or ""
        opened = parse_datetime(text(element, "opened"))
        closed = parse_datetime(text(element, "closed"))
        return AccountRow(
            account_id=number,
            institution_id=institution or self.profile.unknown_text,
            party_id="",  # filled when ids are settled
            account_type=self._account_types.get(code, "current"),
            currency=currency_code(text(element, "currency_code"))
            or currency_code(self.local_currency)
            or "XXX",
            opened_date=opened.date() if opened else None,
            closed_date=closed.date() if closed else None,
            branch_city=text(element, "branch"),
            branch_country=country_code(text(element, "institution_country"), self.profile),
            goaml_account_type=code or None,
        )

    def holder_key(self, account_id: str | None) -> Key | None:
        return self._holders.get(account_id) if account_id else None

    # -- the rows ------------------------------------------------------------------------

    def rows(self) -> tuple[list[PartyRow], list[AccountRow], list[AccountPartyRow]]:
        ids = self._settle_ids()
        parties = [
            PartyRow.model_validate({"party_id": ids[key], **party.fields})
            for key, party in self._parties.items()
        ]
        accounts = [
            account.model_copy(update={"party_id": ids[self._holders[number]]})
            for number, account in self._accounts.items()
        ]
        relations = [
            AccountPartyRow(account_id=number, party_id=ids[key], relation=relation)
            for number, key, relation in self._relations
        ]
        return parties, accounts, relations

    def _settle_ids(self) -> dict[Key, str]:
        ids: dict[Key, str] = {}
        taken: set[str] = set()
        for key, party in self._parties.items():
            free = [n for n in party.client_numbers if n not in taken]
            if free:
                ids[key] = free[0]
            else:
                ids[key] = "GP-" + hashlib.sha256("|".join(key).encode()).hexdigest()[:16]
            taken.add(ids[key])
        return ids


def _inverse(mapping: dict[str, str]) -> dict[str, str]:
    """code -> tipflow value; the first value wins a shared code; "-" (unknown) maps to none."""
    inverse: dict[str, str] = {}
    for value, code in mapping.items():
        if code != "-":
            inverse.setdefault(code, value)
    return inverse


def _content(element: Element) -> str:
    """A digest of what an element says (its values, not its indentation)."""
    values = "|".join(
        f"{e.tag}={e.text.strip()}" for e in element.iter() if e.text and e.text.strip()
    )
    return hashlib.sha256(values.encode("utf-8")).hexdigest()[:16]


def _phone(element: Element | None) -> str | None:
    number = text(element, "tph_number")
    if not number:
        return None
    prefix = re.sub(r"\D", "", text(element, "tph_country_prefix") or "")
    digits = re.sub(r"\D", "", number)
    if number.startswith("+") or not prefix:
        return ("+" if number.startswith("+") else "") + digits
    return f"+{prefix}{digits}"
