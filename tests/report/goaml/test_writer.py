"""goAML STRs: valid against the FIU's schema, complete, deterministic, honest about limits."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

from lxml import etree

from tests.report.goaml.builders import (
    account,
    every_side_case,
    evidence,
    make_case,
    person,
    transaction,
)
from tests.report.goaml.conftest import SUBMITTED, Validator
from tipflow.report.cases import Case, case_file_stem
from tipflow.report.goaml.profile import FiuProfile
from tipflow.report.goaml.writer import report_bytes, write_goaml_reports

UAE_NAME = re.compile(r"[a-zA-Z0-9 .'-]*")


def _root(case: Case, profile: FiuProfile) -> etree._Element:
    return etree.fromstring(report_bytes(case, profile, submitted=SUBMITTED))


def _transaction(root: etree._Element, number: str) -> etree._Element:
    found = root.find(f"transaction[transactionnumber='{number}']")
    assert found is not None, number
    return found


def test_every_case_report_is_valid_against_the_generic_schema(
    cases: list[Case], generic_reports: list[Path], generic_schema: Validator
) -> None:
    assert len(cases) >= 10  # the fixture world must give the writer something to do
    assert len(generic_reports) == len(cases)
    for path in generic_reports:
        assert generic_schema(path.read_bytes()) == [], path.name


def test_every_case_report_is_valid_against_the_uae_schema(
    cases: list[Case], uae_reports: list[Path], uae_schema: Validator
) -> None:
    assert len(uae_reports) == len(cases)
    for path in uae_reports:
        assert uae_schema(path.read_bytes()) == [], path.name


def test_one_file_per_case_holding_its_evidence_transactions(
    cases: list[Case], uae_reports: list[Path], uae_profile: FiuProfile
) -> None:
    for case, path in zip(cases, uae_reports, strict=True):
        assert path.name == f"{case_file_stem(case.case_id)}.xml"
        root = etree.parse(str(path)).getroot()
        assert root.findtext("entity_reference") == case.case_id
        numbers = [t.findtext("transactionnumber") for t in root.iterfind("transaction")]
        expected = [t.transaction_id for t in case.transactions]
        if len(expected) <= uae_profile.max_transactions:
            assert numbers == expected
        else:
            assert len(numbers) == uae_profile.max_transactions
            assert set(numbers) < set(expected)
            assert f"lists {len(numbers)} of the {len(expected)}" in (root.findtext("reason") or "")
        parties = root.findall("activity/report_parties/report_party/account/account")
        assert [p.text for p in parties] == [a.account_id for a in case.accounts]
        assert root.findall("report_indicators/indicator")


def test_the_same_input_gives_the_same_bytes(
    cases: list[Case], uae_profile: FiuProfile, uae_reports: list[Path], tmp_path: Path
) -> None:
    again = write_goaml_reports(cases[:3], tmp_path, uae_profile, submitted=SUBMITTED)
    for first, second in zip(uae_reports[:3], again, strict=True):
        assert first.read_bytes() == second.read_bytes()
    later = report_bytes(cases[0], uae_profile, submitted=SUBMITTED + dt.timedelta(days=1))
    assert later != uae_reports[0].read_bytes()
    assert (
        later.replace(b"2024-03-02T09:30:00", b"2024-03-01T09:30:00") == uae_reports[0].read_bytes()
    )


def test_header_comes_from_the_profile(uae_profile: FiuProfile) -> None:
    root = _root(every_side_case(), uae_profile)
    assert [child.tag for child in root][:9] == [
        "schema_version", "rentity_id", "rentity_branch", "submission_code", "report_code",
        "entity_reference", "submission_date", "currency_code_local", "reporting_person",
    ]  # fmt: skip
    assert root.findtext("rentity_id") == "101"
    assert root.findtext("report_code") == "STR"
    assert root.findtext("submission_date") == "2024-03-01T09:30:00"
    assert root.findtext("currency_code_local") == "AED"
    assert root.findtext("reporting_person/last_name") == "Officer"
    assert root.findtext("reporting_person/phones/phone/tph_country_prefix") == "971"
    assert root.findtext("location/state") == "Dubai"
    assert root.findtext("action", "").startswith("Accounts placed under enhanced monitoring")
    assert root.findtext("reason", "").startswith("Two accounts pointing to sex trafficking.")


def test_indicator_codes_are_mapped_deduplicated_and_never_empty(
    uae_profile: FiuProfile, generic_profile: FiuProfile
) -> None:
    case = every_side_case()
    rows = [
        evidence("A-1", "HT-SEX-11", "T-in"),
        evidence("A-1", "MS-01", "T-in"),  # maps to MTOCB too
        evidence("A-2", "HT-SEX-01", "T-card"),
        evidence("A-2", "MIT-01"),  # mitigating: never a red flag
    ]
    case = case.model_copy(update={"evidence": tuple(rows)})

    def codes(profile: FiuProfile, of: Case) -> list[str | None]:
        return [i.text for i in _root(of, profile).iterfind("report_indicators/indicator")]

    assert codes(uae_profile, case) == ["FPOES", "MTOCB"]
    with_project = uae_profile.model_copy(
        update={"indicators": uae_profile.indicators.model_copy(update={"project_code": "PCOMP"})}
    )
    assert codes(with_project, case) == ["PCOMP", "FPOES", "MTOCB"]
    only_mitigating = case.model_copy(update={"evidence": (evidence("A-1", "MIT-01"),)})
    assert codes(uae_profile, only_mitigating) == ["TAICE"]
    assert codes(generic_profile, case) == ["-"]


def test_cash_sides_name_who_paid_in_or_took_out(uae_profile: FiuProfile) -> None:
    root = _root(every_side_case(), uae_profile)
    deposit = _transaction(root, "T-deposit")
    assert deposit.findtext("t_from/from_funds_code") == "CASH"
    assert "account holder is shown" in deposit.findtext("t_from/from_funds_comment", "")
    assert deposit.findtext("t_from/from_person/last_name") == "Santos"
    assert deposit.findtext("t_to/to_funds_code") == "FRACC"
    assert deposit.findtext("t_to/to_account/account") == "A-1"
    withdrawal = _transaction(root, "T-withdraw")
    assert withdrawal.findtext("t_to/to_funds_code") == "CASH"
    assert withdrawal.findtext("t_to/to_person/first_name") == "Maria"
    third = _transaction(root, "T-third-cash")
    assert third.findtext("t_from/from_person/last_name") == "Ruiz"
    assert third.find("t_from/from_funds_comment") is None


def test_outside_counterparties_and_merchants(uae_profile: FiuProfile) -> None:
    root = _root(every_side_case(), uae_profile)
    wire = _transaction(root, "T-wire")
    assert wire.findtext("transmode_code") == "SWIFT"
    assert wire.findtext("t_to/to_account/swift") == "NWBKGB2L"
    assert wire.findtext("t_to/to_account/account") == "GB29NWBK60161331926819"
    assert wire.findtext("t_to/to_account/account_name") == "Global Travel Agency Ltd"
    assert wire.findtext("t_to/to_country") == "GB"
    assert wire.findtext("transaction_description") == "invoice 22"
    buyer = _transaction(root, "T-in")
    assert buyer.findtext("t_from/from_person/first_name") == "John"
    card = _transaction(root, "T-card")
    assert card.findtext("t_to/to_entity/name") == "ClassyAds Online"
    assert card.findtext("t_to/to_entity/business") == "card merchant, MCC 7311"
    assert card.findtext("transaction_description") == (
        "(no payment reference) card payment at ClassyAds Online (MCC 7311)"
    )
    other = _transaction(root, "T-other-customer")
    assert "outside this case" in other.findtext("t_from/from_account/comments", "")
    unknown = _transaction(root, "T-unknown")
    assert unknown.findtext("t_to/to_entity/name") == "Unknown"


def test_accounts_carry_holders_and_signatories_with_roles(uae_profile: FiuProfile) -> None:
    root = _root(every_side_case(), uae_profile)
    p2p = _transaction(root, "T-p2p")
    mine = p2p.find("t_from/from_account")
    business = p2p.find("t_to/to_account")
    assert mine is not None and business is not None
    assert mine.findtext("signatory/is_primary") == "1"
    assert mine.findtext("signatory/role") == "PAH"
    assert mine.findtext("client_number") == "P1"
    assert mine.findtext("personal_account_type") == "B"
    assert mine.findtext("swift") is None and mine.findtext("institution_code") == "BANK_A"
    assert business.findtext("t_entity/name") == "Golden Spa and Wellness LLC"
    assert business.findtext("t_entity/comments") == "Name as recorded: Golden Spa & Wellness, LLC"
    assert business.findtext("t_entity/business") == "ISIC 9609"
    signatory = business.find("signatory")
    assert signatory is not None and signatory.find("is_primary") is None
    assert signatory.findtext("t_person/last_name") == "Wei"
    assert signatory.findtext("role") == "SSIGN"  # the strongest of signatory, beneficial owner


def test_amounts_in_another_currency_are_converted(uae_profile: FiuProfile) -> None:
    root = _root(every_side_case(), uae_profile)
    wire = _transaction(root, "T-wire")
    assert Decimal(wire.findtext("amount_local", "")) == Decimal("9181.25")  # 2500 x 3.6725
    assert wire.findtext("t_from/from_foreign_currency/foreign_currency_code") == "USD"
    assert wire.findtext("t_from/from_foreign_currency/foreign_amount") == "2500.00"
    based = every_side_case()
    txs = tuple(t.model_copy(update={"base_amount": Decimal("9000")}) for t in based.transactions)
    root = _root(based.model_copy(update={"transactions": txs}), uae_profile)
    assert _transaction(root, "T-wire").findtext("amount_local") == "9000.00"
    no_rate = uae_profile.model_copy(update={"exchange_rates": {}})
    wire = _transaction(_root(every_side_case(), no_rate), "T-wire")
    assert wire.findtext("amount_local") == "2500.00"
    assert "no rate to AED" in wire.findtext("comments", "")


def test_names_in_other_scripts_are_transliterated_and_valid(
    cases: list[Case],
    uae_profile: FiuProfile,
    generic_profile: FiuProfile,
    uae_schema: Validator,
    generic_schema: Validator,
) -> None:
    scripts = ["Иван Петрович Сидоров", "محمد بن علي", "王小明", "Nguyễn Thị Ánh", "Ω"]
    case = min(cases, key=lambda c: len(c.transactions))
    parties = tuple(
        party.model_copy(update={"name": scripts[n % len(scripts)]})
        for n, party in enumerate(case.parties)
    )
    renamed = case.model_copy(update={"parties": parties})
    for profile, schema in ((uae_profile, uae_schema), (generic_profile, generic_schema)):
        data = report_bytes(renamed, profile, submitted=SUBMITTED)
        assert schema(data) == []
        root = etree.fromstring(data)
        persons = root.findall(".//t_person")
        assert persons
        for element in persons:
            first, last = element.findtext("first_name", ""), element.findtext("last_name", "")
            assert first.isascii() and last.isascii()
            assert profile is generic_profile or UAE_NAME.fullmatch(first + last)
            assert element.findtext("full_name_frn") in scripts
        written = {e.text for e in root.iter("full_name_frn")}
        expected = {p.name for p in parties if p.party_type == "person"}
        assert written == expected


def test_values_at_the_schema_limits_still_validate(
    uae_profile: FiuProfile,
    uae_schema: Validator,
    generic_profile: FiuProfile,
    generic_schema: Validator,
) -> None:
    long_name = "Bartholomew " * 30
    parties = [
        person(
            "P1",
            long_name,
            birth_date=dt.date(1700, 1, 1),  # before SQL Server's floor: left out
            phone="555-1234",  # not E.164: left out
            email="not an e-mail",
            postal_code="12345-67890-1",
            address="x" * 300,
        ),
        person("P" * 40, None, nationality="ZZ", gender="other"),  # a 40-character party id
    ]
    accounts = [account("A-" + "9" * 300, "P1"), account("A-2", "P" * 40)]
    transactions = [
        transaction("T" * 150, from_account_id=accounts[0].account_id, to_account_id="A-2",
                    description="memo\x00 with a NUL\nand a line break " + "z" * 9000),
        transaction("T-old", timestamp=dt.datetime(1700, 1, 1), to_account_id="A-2",
                    counterparty_name="?"),
    ]  # fmt: skip
    case = make_case(parties, accounts, transactions)
    for profile, schema in ((uae_profile, uae_schema), (generic_profile, generic_schema)):
        data = report_bytes(case, profile, submitted=SUBMITTED)
        assert schema(data) == []
        root = etree.fromstring(data)
        assert len(root.findall("transaction")) == 1  # 1700 cannot be dated in goAML
        assert "lists 1 of the 2" in root.findtext("reason", "")
        assert {e.text for e in root.iter("birthdate")} == {"1990-05-17T00:00:00"}
        assert {e.text for e in root.iterfind(".//t_person/email")} == {"someone@example.org"}


def test_my_client_form_when_the_edition_allows_it(
    generic_profile: FiuProfile, generic_xsd: Path
) -> None:
    """A lenient edition (the generic one without the ssn requirement) gets _my_client sides."""
    xs = "{http://www.w3.org/2001/XMLSchema}"
    tree = etree.parse(str(generic_xsd))
    person_type = tree.getroot().find(f"{xs}complexType[@name='t_person_my_client']")
    assert person_type is not None
    for element in person_type.iter(f"{xs}element"):
        if element.get("name") == "ssn":
            element.set("minOccurs", "0")
    lenient = etree.XMLSchema(tree)
    rules = generic_profile.my_client.model_copy(
        update={
            "institutions": ["BANK_A"],
            "person_requires": ["birthdate", "nationality1", "residence", "phones", "occupation"],
        }
    )
    profile = generic_profile.model_copy(update={"my_client": rules})
    root = _root(every_side_case(), profile)
    assert lenient.validate(root.getroottree()), lenient.error_log
    # A-1 (a person's, every element known) is a client; A-2's entity lacks a legal form.
    assert _transaction(root, "T-p2p").find("t_from_my_client/from_account") is not None
    assert _transaction(root, "T-p2p").find("t_to/to_account") is not None
    assert _transaction(root, "T-deposit").find("t_to_my_client") is not None
    assert root.find("activity/report_parties/report_party/account_my_client") is not None
    missing_phone = every_side_case()
    parties = tuple(
        p.model_copy(update={"phone": None}) if p.party_id == "P1" else p
        for p in missing_phone.parties
    )
    root = _root(missing_phone.model_copy(update={"parties": parties}), profile)
    assert root.find(".//t_from_my_client") is None and root.find(".//t_to_my_client") is None


def test_shipped_profiles_never_claim_a_client_they_cannot_describe(
    uae_profile: FiuProfile, generic_profile: FiuProfile
) -> None:
    for profile in (uae_profile, generic_profile):
        rules = profile.my_client.model_copy(update={"institutions": ["BANK_A"]})
        root = _root(every_side_case(), profile.model_copy(update={"my_client": rules}))
        assert not [e for e in root.iter() if str(e.tag).endswith("_my_client")]
