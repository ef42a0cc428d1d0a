"""The people and organisations of a report as goAML elements, in schema order.

goAML repeats a subject in full wherever it appears (no references), so every transaction side,
account holder and report party is built here from the case's facts. The plain and
``_my_client`` forms of a person or entity share one element order; ``person_known`` and
``entity_known`` say which of the elements an edition may require tipflow can fill.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import cache

from lxml import etree

from tipflow.report.cases import CaseParty
from tipflow.report.goaml.profile import FiuProfile
from tipflow.report.goaml.text import (
    COMMENTS_LIMIT,
    ORIGINAL_NAME,
    NameFitter,
    country_code,
    country_or_unknown,
    email_ok,
    fit,
    one_line,
    person_name,
    phone_parts,
    sql_datetime,
)

Element = etree._Element


def add(parent: Element, tag: str, text: str | None) -> Element | None:
    """A child element with ``text``; nothing when the value is unknown."""
    if text is None:
        return None
    child = etree.SubElement(parent, tag)
    child.text = text
    return child


@cache
def _business_words() -> re.Pattern[str]:
    from tipflow.detect.legs import word_pattern
    from tipflow.detect.registry import load_library

    return re.compile(word_pattern(load_library().reference.business_name_markers))


def looks_like_business(name: str) -> bool:
    """An outside name ending like a business (" llc", " travel") is an entity, not a person."""
    return _business_words().search(name.lower()) is not None


class People:
    """Builds persons and entities (with phones and addresses) for one FIU profile."""

    def __init__(self, profile: FiuProfile) -> None:
        self.profile = profile
        self.names = NameFitter(profile)

    def person_known(self, party: CaseParty) -> set[str]:
        known = {"first_name", "last_name", "full_name_frn"}
        checks = {
            "gender": party.gender in self.profile.codes.genders,
            "birthdate": sql_datetime(party.birth_date) is not None,
            "nationality1": country_code(party.nationality, self.profile) is not None,
            "residence": country_code(party.country, self.profile) is not None,
            "phones": phone_parts(party.phone) is not None,
            "addresses": bool(party.address or party.city),
            "email": email_ok(party.email),
            "occupation": one_line(party.occupation, 255) is not None,
        }
        return known | {name for name, ok in checks.items() if ok}

    def entity_known(self, party: CaseParty) -> set[str]:
        checks = {
            "name": True,
            "business": bool(party.industry_code),
            "phones": phone_parts(party.phone) is not None,
            "addresses": bool(party.address or party.city),
            "email": email_ok(party.email),
        }
        return {name for name, ok in checks.items() if ok}

    # -- persons and entities ------------------------------------------------------------

    def person(self, parent: Element, tag: str, party: CaseParty) -> Element:
        element = self.person_by_name(
            parent, tag, party.name, gender=party.gender, birth_date=party.birth_date
        )
        add(element, "nationality1", country_code(party.nationality, self.profile))
        add(element, "residence", country_code(party.country, self.profile))
        self._phones(element, party.phone, self.profile.codes.contact_private)
        self._addresses(element, party, self.profile.codes.contact_private)
        add(element, "email", party.email if email_ok(party.email) else None)
        add(element, "occupation", one_line(party.occupation, 255))
        return element

    def person_by_name(
        self,
        parent: Element,
        tag: str,
        name: str | None,
        *,
        gender: str | None = None,
        birth_date: dt.date | None = None,
    ) -> Element:
        """A person's names, birth date and original spelling (all an outside payer has)."""
        element = etree.SubElement(parent, tag)
        add(element, "gender", self.profile.codes.genders.get(gender or ""))
        first, middle, last = self.names.person_parts(name)
        add(element, "first_name", first)
        add(element, "middle_name", middle)
        add(element, "last_name", last)
        add(element, "birthdate", sql_datetime(birth_date))
        # The original is kept when the written parts lose something, or when a real part
        # reads like the placeholder a reader skips.
        written = person_name(first, middle, last)
        if name is not None and self.profile.unknown_text in (first, middle, last):
            written = ""
        add(element, "full_name_frn", self.names.original(name, written, 255))
        return element

    def entity(self, parent: Element, tag: str, party: CaseParty) -> Element:
        business = f"ISIC {party.industry_code}" if party.industry_code else None
        element = self.entity_by_name(parent, tag, party.name, business=business, comments=False)
        self._phones(element, party.phone, self.profile.codes.contact_business)
        self._addresses(element, party, self.profile.codes.contact_business)
        add(element, "email", party.email if email_ok(party.email) else None)
        self._original_comment(element, party.name, element.findtext("name") or "")
        return element

    def entity_by_name(
        self,
        parent: Element,
        tag: str,
        name: str | None,
        *,
        business: str | None = None,
        comments: bool = True,
    ) -> Element:
        element = etree.SubElement(parent, tag)
        written = self.names.required(name, 255)
        add(element, "name", written)
        add(element, "business", fit(business, 255))
        if comments:
            self._original_comment(element, name, written)
        return element

    def _original_comment(self, element: Element, original: str | None, written: str) -> None:
        kept = self.names.original(original, written, COMMENTS_LIMIT - len(ORIGINAL_NAME))
        add(element, "comments", ORIGINAL_NAME + kept if kept else None)

    def _phones(self, element: Element, phone: str | None, contact: str) -> None:
        parts = phone_parts(phone)
        if parts is None:
            return
        entry = etree.SubElement(etree.SubElement(element, "phones"), "phone")
        add(entry, "tph_contact_type", contact)
        add(entry, "tph_communication_type", self.profile.codes.phone_communication)
        add(entry, "tph_country_prefix", parts[0])
        add(entry, "tph_number", parts[1])

    def _addresses(self, element: Element, party: CaseParty, contact: str) -> None:
        if not (one_line(party.address, 100) or one_line(party.city, 255)):
            return
        self.address(etree.SubElement(element, "addresses"), "address", party, contact)

    def address(self, parent: Element, tag: str, party: CaseParty, contact: str) -> None:
        unknown = self.profile.unknown_text
        entry = etree.SubElement(parent, tag)
        add(entry, "address_type", contact)
        add(entry, "address", one_line(party.address, 100) or unknown)
        add(entry, "city", one_line(party.city, 255) or unknown)
        postal = one_line(party.postal_code, 100)
        add(entry, "zip", postal if postal and len(postal) <= 10 else None)  # cut, it misleads
        add(entry, "country_code", country_or_unknown(party.country, self.profile))
        add(entry, "state", unknown if self.profile.address_state_required else None)
