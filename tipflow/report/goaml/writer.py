"""goAML STR files, one per case, for the FIU a profile describes.

Each file: the report header from the profile (who files, from where), the case id as
``entity_reference``, the reason and action, one ``transaction`` per evidence transaction (at
most the profile's maximum, the most evidential kept), an ``activity`` naming every account of
the case with its own explanation and score, and the FIU's indicator codes. The bytes depend
only on the case, the profile and ``submitted``: the same input gives the same file.

Nothing is validated here (tipflow ships no FIU's XSD); ``validate.validate_goaml`` checks a
file against the XSD a user holds.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from lxml import etree

from tipflow.report.cases import Case, CaseTransaction, case_file_stem
from tipflow.report.goaml.accounts import Subjects
from tipflow.report.goaml.narrative import (
    choose_transactions,
    evidence_by_transaction,
    mitigating_indicators,
    reason_text,
)
from tipflow.report.goaml.profile import Address, FiuProfile
from tipflow.report.goaml.subjects import Element, add
from tipflow.report.goaml.text import (
    COMMENTS_LIMIT,
    NameFitter,
    country_code,
    email_ok,
    fit,
    fit_id,
    one_line,
    phone_parts,
    sql_datetime,
)
from tipflow.report.goaml.transactions import TransactionWriter

_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'  # as FIU samples write it
_NOT_FLAGGED = "Part of the case's network; not flagged on its own."


def write_goaml_reports(
    cases: list[Case], out_dir: Path, profile: FiuProfile, *, submitted: dt.datetime | None = None
) -> list[Path]:
    """One goAML report per case, ``out_dir/<case file stem>.xml``; the paths in case order.

    ``submitted`` is the submission date written in every report (default: now, to the second).
    """
    when = (submitted or dt.datetime.now()).replace(microsecond=0)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for case in cases:
        path = out_dir / f"{case_file_stem(case.case_id)}.xml"
        path.write_bytes(report_bytes(case, profile, submitted=when))
        paths.append(path)
    return paths


def report_bytes(case: Case, profile: FiuProfile, *, submitted: dt.datetime) -> bytes:
    """One case's report as UTF-8 XML."""
    root = build_report(case, profile, submitted=submitted)
    body = etree.tostring(root, encoding="UTF-8", pretty_print=True)  # no declaration: ours
    return _DECLARATION + body


def build_report(case: Case, profile: FiuProfile, *, submitted: dt.datetime) -> Element:
    mitigating = mitigating_indicators()
    report = etree.Element("report")
    add(report, "schema_version", profile.schema_version)
    add(report, "rentity_id", str(profile.rentity_id))
    add(report, "rentity_branch", fit(profile.rentity_branch, 255))
    add(report, "submission_code", profile.submission_code)
    add(report, "report_code", profile.report_code)
    add(report, "entity_reference", fit_id(case.case_id, 255))
    add(report, "submission_date", sql_datetime(submitted))
    add(report, "currency_code_local", profile.currency_code_local)
    if profile.reporting_person is not None:
        _reporting_person(report, profile)
    else:
        add(report, "reporting_user_code", profile.reporting_user_code)
    if profile.location is not None:
        _address(report, "location", profile.location, profile)
    listed = [t for t in choose_transactions(case, profile.max_transactions) if _datable(t)]
    add(report, "reason", reason_text(case, len(listed), mitigating))
    add(report, "action", fit(profile.action, COMMENTS_LIMIT))
    subjects = Subjects(case, profile)
    writer = TransactionWriter(subjects, profile, evidence_by_transaction(case))
    for transaction in listed:
        writer.write(report, transaction)
    _activity(report, case, subjects)
    indicators = etree.SubElement(report, "report_indicators")
    for code in indicator_codes(case, profile, mitigating):
        add(indicators, "indicator", code)
    return report


def indicator_codes(case: Case, profile: FiuProfile, mitigating: frozenset[str]) -> list[str]:
    """The FIU's codes for the case: the project code, then every mapped code once.

    Mapped from the case's indicators (mitigating ones never), typologies and crime; the
    profile's default when nothing maps, so a report always carries at least one.
    """
    mapping = profile.indicators
    fired = {row.indicator_id for row in case.evidence}
    fired |= {i for account in case.accounts if account.flagged for i in account.indicators}
    mapped = {code for i in fired - mitigating for code in mapping.by_indicator.get(i, [])}
    mapped |= {code for t in case.typologies for code in mapping.by_typology.get(t, [])}
    mapped |= set(mapping.by_crime.get(case.crime or "", []))
    codes = sorted(mapped) or list(mapping.default)
    if mapping.project_code:
        codes.insert(0, mapping.project_code)
    return list(dict.fromkeys(codes))


def _datable(transaction: CaseTransaction) -> bool:
    return sql_datetime(transaction.timestamp) is not None


def _activity(report: Element, case: Case, subjects: Subjects) -> None:
    """Every account of the case as a report party: its score and its own explanation."""
    if not case.accounts:
        return
    parties = etree.SubElement(etree.SubElement(report, "activity"), "report_parties")
    for account in case.accounts:
        party = etree.SubElement(parties, "report_party")
        my_client = subjects.my_client(account)
        subjects.account(
            party, "account_my_client" if my_client else "account", account, my_client=my_client
        )
        add(party, "is_suspected", "true" if account.flagged else "false")
        add(party, "significance", str(min(10, max(0, round(account.risk_score * 10)))))
        reason = fit(account.explanation, COMMENTS_LIMIT) if account.explanation else None
        add(party, "reason", reason or _NOT_FLAGGED)


def _reporting_person(report: Element, profile: FiuProfile) -> None:
    person = profile.reporting_person
    assert person is not None
    names = NameFitter(profile)
    element = etree.SubElement(report, "reporting_person")
    add(element, "gender", person.gender)
    add(element, "title", one_line(person.title, 30))
    add(element, "first_name", names.required(person.first_name, 100))
    add(element, "middle_name", names.clean(person.middle_name, 100))
    add(element, "last_name", names.required(person.last_name, 100))
    add(element, "birthdate", sql_datetime(person.birthdate))
    add(element, "ssn", one_line(person.ssn, 25))
    add(element, "id_number", one_line(person.id_number, 255))
    add(element, "nationality1", country_code(person.nationality, profile))
    add(element, "residence", country_code(person.residence, profile))
    parts = phone_parts(person.phone)
    if parts is not None:
        phone = etree.SubElement(etree.SubElement(element, "phones"), "phone")
        add(phone, "tph_contact_type", profile.codes.contact_business)
        add(phone, "tph_communication_type", profile.codes.phone_communication)
        add(phone, "tph_country_prefix", parts[0])
        add(phone, "tph_number", parts[1])
    if person.address is not None:
        _address(etree.SubElement(element, "addresses"), "address", person.address, profile)
    add(element, "email", person.email if email_ok(person.email) else None)
    add(element, "occupation", one_line(person.occupation, 255))


def _address(parent: Element, tag: str, address: Address, profile: FiuProfile) -> None:
    element = etree.SubElement(parent, tag)
    add(element, "address_type", address.address_type)
    add(element, "address", one_line(address.address, 100))
    add(element, "city", one_line(address.city, 255))
    add(element, "zip", one_line(address.zip, 10))
    add(element, "country_code", address.country_code)
    state = address.state or (profile.unknown_text if profile.address_state_required else None)
    add(element, "state", state)
