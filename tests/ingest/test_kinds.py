"""Each column kind of the contract, one behaviour per test, through the real stage query.

Row-wise behaviour (parsing, normalising, the checks and warnings of one row) is probed with
``column_probe``; code-list membership, which is checked after the scan, is tested through
``validate_dataset`` on a copy of the tiny example with one value edited.
"""

from __future__ import annotations

import csv
import shutil
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tests.ingest.column_probe import ProbedRow, probe
from tipflow.ingest import IngestOptions, IngestReport, validate_dataset
from tipflow.ingest.phones import to_e164

LOOSE = IngestOptions(max_quarantine=1.0)
CHANNELS = "card, cash, wire, ach, p2p, remittance, cheque, internal, crypto, other"


def _one(tmp_path: Path, table: str, columns: dict[str, str | None]) -> ProbedRow:
    """The stage row of a one-row file holding ``columns``."""
    (row,) = probe(tmp_path, table, {name: [value] for name, value in columns.items()})
    return row


def _column(tmp_path: Path, table: str, column: str, value: str | None) -> ProbedRow:
    return _one(tmp_path, table, {column: value})


def _tiny_with(
    tiny: Path, tmp_path: Path, table: str, row: int, column: str, value: str
) -> IngestReport:
    """Validate a copy of tiny whose data row ``row`` (0-based) of ``table`` has ``value``."""
    dataset = tmp_path / "dataset"
    shutil.copytree(tiny, dataset)
    path = dataset / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    records[row + 1][records[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(records)
    return validate_dataset(dataset, tmp_path / "out", LOOSE)


# --- timestamp ---------------------------------------------------------------------------------


def test_timestamp_negative_offset_is_kept_in_minutes_with_local_time(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "timestamp", "2024-03-01T23:15:00-05:00")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 23, 15)
    assert row.values["utc_offset_minutes"] == -300
    assert row.errors_of("timestamp") == []


def test_timestamp_z_is_offset_zero(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "timestamp", "2024-03-01T23:15:00Z")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 23, 15)
    assert row.values["utc_offset_minutes"] == 0


@pytest.mark.parametrize("offset", ["+0530", "+05:30"])
def test_timestamp_offset_with_or_without_colon(tmp_path: Path, offset: str) -> None:
    row = _column(tmp_path, "transactions", "timestamp", f"2024-03-01T10:00:00{offset}")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 10, 0)
    assert row.values["utc_offset_minutes"] == 330


def test_timestamp_offset_of_hours_only(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "timestamp", "2024-03-01T10:00:00+05")
    assert row.values["utc_offset_minutes"] == 300


def test_timestamp_without_offset_has_null_offset(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "timestamp", "2024-03-01T23:15:00")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 23, 15)
    assert row.values["utc_offset_minutes"] is None
    assert row.errors_of("timestamp") == []


def test_timestamp_with_space_separator_and_no_seconds(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "timestamp", "2024-03-01 23:15")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 23, 15)


def test_timestamp_fractional_seconds(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "timestamp", "2024-03-01T23:15:00.123456+01:00")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 23, 15, 0, 123456)
    assert row.values["utc_offset_minutes"] == 60


def test_timestamp_comma_as_decimal_sign_of_seconds(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "timestamp", "2024-03-01T23:15:00,5")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 23, 15, 0, 500000)


def test_timestamp_date_only_is_midnight_with_a_warning(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "timestamp", "2024-03-01")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 0, 0)
    assert row.errors_of("timestamp") == []
    assert row.warnings_of("timestamp") == ["timestamp: date without a time, read as midnight"]


@pytest.mark.parametrize(
    "text",
    ["31/12/2024 10:00", "2024-13-01T00:00:00", "2024-02-30T10:00:00", "yesterday", "2024-03-01T"],
)
def test_timestamp_unparsable_is_an_error(tmp_path: Path, text: str) -> None:
    row = _column(tmp_path, "transactions", "timestamp", text)
    assert row.values["timestamp"] is None
    assert row.errors_of("timestamp") == ["timestamp: not an ISO 8601 date-time"]


def test_timestamp_offset_out_of_range_is_an_error(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "timestamp", "2024-03-01T10:00:00+25:00")
    assert row.errors_of("timestamp") == ["timestamp: UTC offset out of range"]


def test_timestamp_offset_minutes_of_60_or_more_is_an_error(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "timestamp", "2024-03-01T10:00:00+05:60")
    assert row.errors_of("timestamp") == ["timestamp: UTC offset out of range"]


def test_timestamp_offset_beyond_18_hours_is_an_error(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "timestamp", "2024-03-01T10:00:00+18:30")
    assert row.errors_of("timestamp") == ["timestamp: UTC offset out of range"]


def test_timestamp_year_zero_is_an_error(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "timestamp", "0000-03-01T10:00:00")
    assert row.errors_of("timestamp") == ["timestamp: not an ISO 8601 date-time"]


# --- decimal -----------------------------------------------------------------------------------


def test_decimal_is_exact(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "amount", "1234567890123456789.0123456789")
    assert row.values["amount"] == Decimal("1234567890123456789.0123456789")
    assert row.errors_of("amount") == []


def test_decimal_keeps_a_value_that_binary_floats_cannot(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "amount", "0.1")
    assert row.values["amount"] == Decimal("0.1")


@pytest.mark.parametrize(("text", "expected"), [("1e3", "1000"), ("1.5E-2", "0.015")])
def test_decimal_scientific_notation(tmp_path: Path, text: str, expected: str) -> None:
    row = _column(tmp_path, "transactions", "amount", text)
    assert row.values["amount"] == Decimal(expected)
    assert row.errors_of("amount") == []


@pytest.mark.parametrize("text", ["-1", "0", "0.00", "-0.01"])
def test_amount_not_positive_is_an_error(tmp_path: Path, text: str) -> None:
    row = _column(tmp_path, "transactions", "amount", text)
    assert row.errors_of("amount") == ["amount: must be greater than 0"]


@pytest.mark.parametrize("text", ["abc", "1,000", "12.5.1", "NaN"])
def test_decimal_that_is_not_a_number_is_an_error(tmp_path: Path, text: str) -> None:
    row = _column(tmp_path, "transactions", "amount", text)
    assert row.values["amount"] is None
    assert row.errors_of("amount") == ["amount: not a decimal number"]


def test_decimal_beyond_28_integer_digits_is_an_error(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "amount", "1" + "0" * 28)
    assert row.errors_of("amount") == ["amount: not a decimal number"]


def test_decimal_with_more_than_10_places_is_rounded_with_a_warning(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "amount", "0.12345678905")
    assert row.values["amount"] == Decimal("0.1234567891")
    assert row.errors_of("amount") == []
    assert row.warnings_of("amount") == ["amount: more than 10 decimal places, rounded"]


def test_decimal_with_exactly_10_places_has_no_warning(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "amount", "0.1234567891")
    assert row.values["amount"] == Decimal("0.1234567891")
    assert row.warnings_of("amount") == []


def test_base_amount_is_optional(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "base_amount", "")
    assert row.values["base_amount"] is None
    assert row.errors_of("base_amount") == []


def test_base_amount_must_be_greater_than_zero(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "base_amount", "0")
    assert row.errors_of("base_amount") == ["base_amount: must be greater than 0"]


def test_decimal_without_a_bound_accepts_zero(tmp_path: Path) -> None:
    row = _column(tmp_path, "parties", "declared_income", "0")
    assert row.values["declared_income"] == Decimal(0)
    assert row.errors_of("declared_income") == []


# --- date --------------------------------------------------------------------------------------


def test_date_is_read(tmp_path: Path) -> None:
    row = _column(tmp_path, "parties", "birth_date", "1990-02-28")
    assert row.values["birth_date"] == date(1990, 2, 28)
    assert row.errors_of("birth_date") == []


def test_date_leap_day(tmp_path: Path) -> None:
    row = _column(tmp_path, "parties", "birth_date", "2024-02-29")
    assert row.values["birth_date"] == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text", ["2024-01-01T00:00:00", "2024-01-01 00:00", "2024-01-01T00:00:00.000"]
)
def test_date_with_midnight_time_is_accepted(tmp_path: Path, text: str) -> None:
    row = _column(tmp_path, "parties", "birth_date", text)
    assert row.values["birth_date"] == date(2024, 1, 1)
    assert row.errors_of("birth_date") == []


@pytest.mark.parametrize(
    "text",
    ["1990-02-30", "2023-02-29", "01/02/2020", "2024-1-1", "20240101", "2024-01-01T10:00:00"],
)
def test_date_not_yyyy_mm_dd_is_an_error(tmp_path: Path, text: str) -> None:
    row = _column(tmp_path, "parties", "birth_date", text)
    assert row.values["birth_date"] is None
    assert row.errors_of("birth_date") == ["birth_date: not a date (YYYY-MM-DD)"]


def test_date_year_zero_is_an_error(tmp_path: Path) -> None:
    row = _column(tmp_path, "parties", "birth_date", "0000-06-11")
    assert row.errors_of("birth_date") == ["birth_date: not a date (YYYY-MM-DD)"]


# --- count -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["12", "12.0", "12.00", " 12 "])
def test_count_whole_number(tmp_path: Path, text: str) -> None:
    row = _column(tmp_path, "parties", "employee_count", text)
    assert row.values["employee_count"] == 12
    assert row.errors_of("employee_count") == []


def test_count_zero_is_accepted(tmp_path: Path) -> None:
    row = _column(tmp_path, "parties", "employee_count", "0")
    assert row.values["employee_count"] == 0
    assert row.errors_of("employee_count") == []


@pytest.mark.parametrize("text", ["-3", "12.5", "x"])
def test_count_negative_fractional_or_text_is_an_error(tmp_path: Path, text: str) -> None:
    row = _column(tmp_path, "parties", "employee_count", text)
    assert row.values["employee_count"] is None
    assert row.errors_of("employee_count") == ["employee_count: not a whole number of at least 0"]


def test_count_beyond_bigint_is_an_error_not_a_crash(tmp_path: Path) -> None:
    row = _column(tmp_path, "parties", "employee_count", "9999999999999999999")
    assert row.errors_of("employee_count") == ["employee_count: not a whole number of at least 0"]


# --- mcc ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"), [("742", "0742"), ("5411.0", "5411"), ("5411", "5411")]
)
def test_mcc_is_padded_to_four_digits(tmp_path: Path, text: str, expected: str) -> None:
    row = _column(tmp_path, "transactions", "merchant_category_code", text)
    assert row.values["merchant_category_code"] == expected
    assert row.errors_of("merchant_category_code") == []


@pytest.mark.parametrize("text", ["12345", "ab", "5411.5", "-742"])
def test_mcc_not_four_digits_is_an_error(tmp_path: Path, text: str) -> None:
    row = _column(tmp_path, "transactions", "merchant_category_code", text)
    assert row.values["merchant_category_code"] is None
    assert row.errors_of("merchant_category_code") == [
        "merchant_category_code: not a 4-digit merchant category code"
    ]


# --- isic --------------------------------------------------------------------------------------


def test_isic_is_padded_to_four_digits(tmp_path: Path) -> None:
    row = _one(tmp_path, "parties", {"party_type": "organisation", "industry_code": "111"})
    assert row.values["industry_code"] == "0111"
    assert row.warnings == []


def test_isic_numeric_export_with_point_zero(tmp_path: Path) -> None:
    row = _one(tmp_path, "parties", {"party_type": "organisation", "industry_code": "4711.0"})
    assert row.values["industry_code"] == "4711"


@pytest.mark.parametrize("text", ["A01", "12", "12345"])
def test_isic_of_another_shape_is_kept_with_a_warning(tmp_path: Path, text: str) -> None:
    row = _one(tmp_path, "parties", {"party_type": "organisation", "industry_code": text})
    assert row.values["industry_code"] == text
    assert row.errors_of("industry_code") == []
    assert row.warnings_of("industry_code") == [
        "industry_code: not a 4-digit ISIC class, kept as given"
    ]


# --- enum --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["CARD", "Card", " card "])
def test_enum_is_lower_cased_and_trimmed(tmp_path: Path, text: str) -> None:
    row = _column(tmp_path, "transactions", "channel", text)
    assert row.values["channel"] == "card"


@pytest.mark.parametrize("text", ["organization", "Organization", "ORGANISATION"])
def test_enum_alias_maps_to_the_contract_value(tmp_path: Path, text: str) -> None:
    row = _column(tmp_path, "parties", "party_type", text)
    assert row.values["party_type"] == "organisation"


def test_enum_alias_authorized_user(tmp_path: Path) -> None:
    row = _column(tmp_path, "account_parties", "relation", "authorized_user")
    assert row.values["relation"] == "authorised_user"


def test_enum_unknown_value_is_not_checked_in_the_scan(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "channel", "Teleport")
    assert row.values["channel"] == "teleport"
    assert row.errors_of("channel") == []


def test_enum_unknown_value_is_quarantined_after_the_scan(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    report = _tiny_with(tiny_dataset, tmp_path, "transactions", 0, "channel", "teleport")
    assert report.tables["transactions"].quarantine_reasons == {
        f"channel: not one of {CHANNELS}": 1
    }


def test_enum_upper_case_value_is_accepted_by_the_whole_reader(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    report = _tiny_with(tiny_dataset, tmp_path, "transactions", 0, "channel", "P2P")
    assert report.tables["transactions"].quarantined == 0


def test_enum_alias_is_accepted_by_the_whole_reader(tiny_dataset: Path, tmp_path: Path) -> None:
    report = _tiny_with(tiny_dataset, tmp_path, "parties", 0, "party_type", "Person")
    assert report.tables["parties"].quarantined == 0


# --- country and currency ----------------------------------------------------------------------


def test_country_is_upper_cased(tmp_path: Path) -> None:
    row = _column(tmp_path, "parties", "country", "ca")
    assert row.values["country"] == "CA"


def test_currency_is_upper_cased(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "currency", " usd ")
    assert row.values["currency"] == "USD"


def test_lower_case_country_is_accepted_by_the_whole_reader(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    report = _tiny_with(tiny_dataset, tmp_path, "transactions", 0, "counterparty_country", "ca")
    assert report.tables["transactions"].quarantined == 0


def test_unknown_country_is_quarantined(tiny_dataset: Path, tmp_path: Path) -> None:
    report = _tiny_with(tiny_dataset, tmp_path, "transactions", 0, "counterparty_country", "XY1")
    assert report.tables["transactions"].quarantine_reasons == {
        "counterparty_country: not an ISO 3166-1 alpha-2 country code": 1
    }


def test_lower_case_currency_is_accepted_by_the_whole_reader(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    report = _tiny_with(tiny_dataset, tmp_path, "accounts", 0, "currency", "cad")
    assert report.tables["accounts"].quarantined == 0


def test_unknown_currency_is_quarantined(tiny_dataset: Path, tmp_path: Path) -> None:
    report = _tiny_with(tiny_dataset, tmp_path, "transactions", 0, "currency", "ABC")
    assert report.tables["transactions"].quarantine_reasons == {
        "currency: not an ISO 4217 currency code": 1
    }


# --- phone -------------------------------------------------------------------------------------


def test_phone_in_e164_is_kept(tmp_path: Path) -> None:
    row = _column(tmp_path, "parties", "phone", "+14165550142")
    assert row.values["phone"] == "+14165550142"
    assert row.values["phone_as_given"] == "+14165550142"


@pytest.mark.parametrize("text", ["(416) 555-0142", "+1 416 555 0142", "+0123456789"])
def test_phone_not_in_e164_is_left_for_phones_py(tmp_path: Path, text: str) -> None:
    row = _column(tmp_path, "parties", "phone", text)
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


# --- required, trimming, empty -----------------------------------------------------------------


@pytest.mark.parametrize("text", [None, "", "   "])
def test_required_missing_is_an_error(tmp_path: Path, text: str | None) -> None:
    row = _one(tmp_path, "transactions", {"transaction_id": text, "description": "x"})
    assert row.errors_of("transaction_id") == ["transaction_id: missing (required)"]


def test_required_column_absent_from_the_file_is_missing(tmp_path: Path) -> None:
    row = _column(tmp_path, "accounts", "branch_city", "Toronto")
    assert "account_id: missing (required)" in row.errors
    assert "currency: missing (required)" in row.errors


@pytest.mark.parametrize(
    ("text", "expected"), [("  a b  ", "a b"), (" x", "x"), ("x ", "x"), ("a  b", "a  b")]
)
def test_surrounding_spaces_are_trimmed(tmp_path: Path, text: str, expected: str) -> None:
    row = _column(tmp_path, "transactions", "description", text)
    assert row.values["description"] == expected


def test_only_spaces_are_trimmed_not_tabs(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "description", "\tx\t")
    assert row.values["description"] == "\tx\t"


@pytest.mark.parametrize("text", ["", " ", "     "])
def test_empty_and_space_only_text_is_null(tmp_path: Path, text: str) -> None:
    row = _column(tmp_path, "transactions", "description", text)
    assert row.values["description"] is None


def test_spaces_around_a_typed_value_are_trimmed(tmp_path: Path) -> None:
    row = _one(tmp_path, "transactions", {"amount": " 12.50 ", "timestamp": " 2024-03-01 "})
    assert row.values["amount"] == Decimal("12.50")
    assert row.values["timestamp"] == datetime(2024, 3, 1)
    assert row.errors_of("amount") == row.errors_of("timestamp") == []


def test_space_only_typed_value_is_null_not_an_error(tmp_path: Path) -> None:
    row = _column(tmp_path, "transactions", "base_amount", "   ")
    assert row.values["base_amount"] is None
    assert row.errors_of("base_amount") == []


# --- cross-column rules ------------------------------------------------------------------------

SIDES = "from_account_id/to_account_id"


def _sides(tmp_path: Path, channel: str, source: str, target: str) -> ProbedRow:
    return _one(
        tmp_path,
        "transactions",
        {"channel": channel, "from_account_id": source, "to_account_id": target},
    )


def test_transaction_with_no_account_side_is_an_error(tmp_path: Path) -> None:
    row = _sides(tmp_path, "p2p", "", "")
    assert row.errors_of(SIDES) == [f"{SIDES}: no account on either side"]


@pytest.mark.parametrize(("source", "target"), [("A1", ""), ("", "A1"), ("A1", "A2")])
def test_transaction_with_an_account_side_passes_the_rule(
    tmp_path: Path, source: str, target: str
) -> None:
    assert _sides(tmp_path, "wire", source, target).errors_of(SIDES) == []


def test_cash_with_both_sides_is_an_error(tmp_path: Path) -> None:
    row = _sides(tmp_path, "CASH", "A1", "A2")
    assert row.errors_of(SIDES) == [f"{SIDES}: cash must have an account on exactly one side"]


@pytest.mark.parametrize(("source", "target"), [("A1", ""), ("", "A1")])
def test_cash_with_one_side_passes_the_rule(tmp_path: Path, source: str, target: str) -> None:
    assert _sides(tmp_path, "cash", source, target).errors_of(SIDES) == []


def test_cash_with_no_side_is_an_error(tmp_path: Path) -> None:
    row = _sides(tmp_path, "cash", "", "")
    assert row.errors_of(SIDES) == [f"{SIDES}: no account on either side"]


def test_birth_date_of_an_organisation_is_a_warning(tmp_path: Path) -> None:
    row = _one(tmp_path, "parties", {"party_type": "organisation", "birth_date": "1990-01-01"})
    assert row.warnings == ["birth_date: given for an organisation"]
    assert row.errors_of("birth_date") == []


def test_industry_code_of_a_person_is_a_warning(tmp_path: Path) -> None:
    row = _one(tmp_path, "parties", {"party_type": "person", "industry_code": "4711"})
    assert row.warnings == ["industry_code: given for a person"]


def test_person_columns_of_a_person_give_no_warning(tmp_path: Path) -> None:
    row = _one(
        tmp_path,
        "parties",
        {"party_type": "person", "birth_date": "1990-01-01", "gender": "female"},
    )
    assert row.warnings == []


def test_party_type_alias_is_resolved_before_the_warning(tmp_path: Path) -> None:
    row = _one(tmp_path, "parties", {"party_type": "Organization", "occupation": "nurse"})
    assert row.warnings == ["occupation: given for an organisation"]


def test_account_closed_before_opened_is_a_warning(tmp_path: Path) -> None:
    row = _one(tmp_path, "accounts", {"opened_date": "2024-05-01", "closed_date": "2024-04-30"})
    assert row.warnings == ["closed_date: before opened_date"]
    assert row.errors_of("closed_date") == []
