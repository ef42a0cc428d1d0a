"""Codes: merchant categories, ISIC classes, enumerations, countries, currencies, phones.

Row-wise behaviour is probed through the real stage query (``column_probe``); code-list
membership, checked after the scan, through ``validate_dataset`` on an edited copy of tiny.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ingest.column_probe import one_row, one_value, tiny_with
from tipflow.ingest.phones import to_e164

CHANNELS = "card, cash, wire, ach, p2p, remittance, cheque, internal, crypto, other"


# --- mcc ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"), [("742", "0742"), ("5411.0", "5411"), ("5411", "5411")]
)
def test_mcc_is_padded_to_four_digits(tmp_path: Path, text: str, expected: str) -> None:
    row = one_value(tmp_path, "transactions", "merchant_category_code", text)
    assert row.values["merchant_category_code"] == expected
    assert row.errors_of("merchant_category_code") == []


@pytest.mark.parametrize("text", ["12345", "ab", "5411.5", "-742"])
def test_mcc_not_four_digits_is_an_error(tmp_path: Path, text: str) -> None:
    row = one_value(tmp_path, "transactions", "merchant_category_code", text)
    assert row.values["merchant_category_code"] is None
    assert row.errors_of("merchant_category_code") == [
        "merchant_category_code: not a 4-digit merchant category code"
    ]


# --- isic --------------------------------------------------------------------------------------


def test_isic_is_padded_to_four_digits(tmp_path: Path) -> None:
    row = one_row(tmp_path, "parties", {"party_type": "organisation", "industry_code": "111"})
    assert row.values["industry_code"] == "0111"
    assert row.warnings == []


def test_isic_numeric_export_with_point_zero(tmp_path: Path) -> None:
    row = one_row(tmp_path, "parties", {"party_type": "organisation", "industry_code": "4711.0"})
    assert row.values["industry_code"] == "4711"


@pytest.mark.parametrize("text", ["A01", "12", "12345"])
def test_isic_of_another_shape_is_kept_with_a_warning(tmp_path: Path, text: str) -> None:
    row = one_row(tmp_path, "parties", {"party_type": "organisation", "industry_code": text})
    assert row.values["industry_code"] == text
    assert row.errors_of("industry_code") == []
    assert row.warnings_of("industry_code") == [
        "industry_code: not a 4-digit ISIC class, kept as given"
    ]


# --- enum --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["CARD", "Card", " card "])
def test_enum_is_lower_cased_and_trimmed(tmp_path: Path, text: str) -> None:
    row = one_value(tmp_path, "transactions", "channel", text)
    assert row.values["channel"] == "card"


@pytest.mark.parametrize("text", ["organization", "Organization", "ORGANISATION"])
def test_enum_alias_maps_to_the_contract_value(tmp_path: Path, text: str) -> None:
    row = one_value(tmp_path, "parties", "party_type", text)
    assert row.values["party_type"] == "organisation"


def test_enum_alias_authorized_user(tmp_path: Path) -> None:
    row = one_value(tmp_path, "account_parties", "relation", "authorized_user")
    assert row.values["relation"] == "authorised_user"


def test_enum_unknown_value_is_not_checked_in_the_scan(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "channel", "Teleport")
    assert row.values["channel"] == "teleport"
    assert row.errors_of("channel") == []


def test_enum_unknown_value_is_quarantined_after_the_scan(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    report = tiny_with(tiny_dataset, tmp_path, "transactions", 0, "channel", "teleport")
    assert report.tables["transactions"].quarantine_reasons == {
        f"channel: not one of {CHANNELS}": 1
    }


def test_enum_upper_case_value_is_accepted_by_the_whole_reader(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    report = tiny_with(tiny_dataset, tmp_path, "transactions", 0, "channel", "P2P")
    assert report.tables["transactions"].quarantined == 0


def test_enum_alias_is_accepted_by_the_whole_reader(tiny_dataset: Path, tmp_path: Path) -> None:
    report = tiny_with(tiny_dataset, tmp_path, "parties", 0, "party_type", "Person")
    assert report.tables["parties"].quarantined == 0


# --- country and currency ----------------------------------------------------------------------


def test_country_is_upper_cased(tmp_path: Path) -> None:
    row = one_value(tmp_path, "parties", "country", "ca")
    assert row.values["country"] == "CA"


def test_currency_is_upper_cased(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "currency", " usd ")
    assert row.values["currency"] == "USD"


def test_lower_case_country_is_accepted_by_the_whole_reader(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    report = tiny_with(tiny_dataset, tmp_path, "transactions", 0, "counterparty_country", "ca")
    assert report.tables["transactions"].quarantined == 0


def test_unknown_country_is_quarantined(tiny_dataset: Path, tmp_path: Path) -> None:
    report = tiny_with(tiny_dataset, tmp_path, "transactions", 0, "counterparty_country", "XY1")
    assert report.tables["transactions"].quarantine_reasons == {
        "counterparty_country: not an ISO 3166-1 alpha-2 country code": 1
    }


def test_lower_case_currency_is_accepted_by_the_whole_reader(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    report = tiny_with(tiny_dataset, tmp_path, "accounts", 0, "currency", "cad")
    assert report.tables["accounts"].quarantined == 0


def test_unknown_currency_is_quarantined(tiny_dataset: Path, tmp_path: Path) -> None:
    report = tiny_with(tiny_dataset, tmp_path, "transactions", 0, "currency", "ABC")
    assert report.tables["transactions"].quarantine_reasons == {
        "currency: not an ISO 4217 currency code": 1
    }


# --- phone -------------------------------------------------------------------------------------


def test_phone_in_e164_is_kept(tmp_path: Path) -> None:
    row = one_value(tmp_path, "parties", "phone", "+14165550142")
    assert row.values["phone"] == "+14165550142"
    assert row.values["phone_as_given"] == "+14165550142"


@pytest.mark.parametrize("text", ["(416) 555-0142", "+1 416 555 0142", "+0123456789"])
def test_phone_not_in_e164_is_left_for_phones_py(tmp_path: Path, text: str) -> None:
    row = one_value(tmp_path, "parties", "phone", text)
    assert row.values["phone"] is None
    assert row.values["phone_as_given"] == text
    assert row.errors == ["party_id: missing (required)", "party_type: missing (required)"]


def test_to_e164_reads_a_national_number_in_the_region() -> None:
    assert to_e164("(416) 555-0142", "CA") == "+14165550142"


def test_to_e164_region_is_case_insensitive() -> None:
    assert to_e164("020 7946 0958", "gb") == "+442079460958"


def test_to_e164_reads_the_00_international_prefix() -> None:
    assert to_e164("0044 20 7946 0958", None) == "+442079460958"


def test_to_e164_international_form_needs_no_region() -> None:
    assert to_e164(" +1 416 555 0142 ", None) == "+14165550142"


@pytest.mark.parametrize(
    ("text", "region"), [("not a phone", "CA"), ("12", "US"), ("4165550142", None), ("", "CA")]
)
def test_to_e164_garbage_is_none(text: str, region: str | None) -> None:
    assert to_e164(text, region) is None
