"""Decimals and counts: exact values, bounds, rounding, whole numbers.

Row-wise behaviour is probed through the real stage query (``column_probe``); code-list
membership, checked after the scan, through ``validate_dataset`` on an edited copy of tiny.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from tests.ingest.column_probe import one_value

CHANNELS = "card, cash, wire, ach, p2p, remittance, cheque, internal, crypto, other"


# --- decimal -----------------------------------------------------------------------------------


def test_decimal_is_exact(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "amount", "1234567890123456789.0123456789")
    assert row.values["amount"] == Decimal("1234567890123456789.0123456789")
    assert row.errors_of("amount") == []


def test_decimal_keeps_a_value_that_binary_floats_cannot(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "amount", "0.1")
    assert row.values["amount"] == Decimal("0.1")


@pytest.mark.parametrize(("text", "expected"), [("1e3", "1000"), ("1.5E-2", "0.015")])
def test_decimal_scientific_notation(tmp_path: Path, text: str, expected: str) -> None:
    row = one_value(tmp_path, "transactions", "amount", text)
    assert row.values["amount"] == Decimal(expected)
    assert row.errors_of("amount") == []


@pytest.mark.parametrize("text", ["-1", "0", "0.00", "-0.01"])
def test_amount_not_positive_is_an_error(tmp_path: Path, text: str) -> None:
    row = one_value(tmp_path, "transactions", "amount", text)
    assert row.errors_of("amount") == ["amount: must be greater than 0"]


@pytest.mark.parametrize("text", ["abc", "1,000", "12.5.1", "NaN"])
def test_decimal_that_is_not_a_number_is_an_error(tmp_path: Path, text: str) -> None:
    row = one_value(tmp_path, "transactions", "amount", text)
    assert row.values["amount"] is None
    assert row.errors_of("amount") == ["amount: not a decimal number"]


def test_decimal_beyond_28_integer_digits_is_an_error(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "amount", "1" + "0" * 28)
    assert row.errors_of("amount") == ["amount: not a decimal number"]


def test_decimal_with_more_than_10_places_is_rounded_with_a_warning(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "amount", "0.12345678905")
    assert row.values["amount"] == Decimal("0.1234567891")
    assert row.errors_of("amount") == []
    assert row.warnings_of("amount") == ["amount: more than 10 decimal places, rounded"]


def test_decimal_with_exactly_10_places_has_no_warning(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "amount", "0.1234567891")
    assert row.values["amount"] == Decimal("0.1234567891")
    assert row.warnings_of("amount") == []


def test_base_amount_is_optional(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "base_amount", "")
    assert row.values["base_amount"] is None
    assert row.errors_of("base_amount") == []


def test_base_amount_must_be_greater_than_zero(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "base_amount", "0")
    assert row.errors_of("base_amount") == ["base_amount: must be greater than 0"]


def test_decimal_without_a_bound_accepts_zero(tmp_path: Path) -> None:
    row = one_value(tmp_path, "parties", "declared_income", "0")
    assert row.values["declared_income"] == Decimal(0)
    assert row.errors_of("declared_income") == []


# --- count -------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["12", "12.0", "12.00", " 12 "])
def test_count_whole_number(tmp_path: Path, text: str) -> None:
    row = one_value(tmp_path, "parties", "employee_count", text)
    assert row.values["employee_count"] == 12
    assert row.errors_of("employee_count") == []


def test_count_zero_is_accepted(tmp_path: Path) -> None:
    row = one_value(tmp_path, "parties", "employee_count", "0")
    assert row.values["employee_count"] == 0
    assert row.errors_of("employee_count") == []


@pytest.mark.parametrize("text", ["-3", "12.5", "x"])
def test_count_negative_fractional_or_text_is_an_error(tmp_path: Path, text: str) -> None:
    row = one_value(tmp_path, "parties", "employee_count", text)
    assert row.values["employee_count"] is None
    assert row.errors_of("employee_count") == ["employee_count: not a whole number of at least 0"]


def test_count_beyond_bigint_is_an_error_not_a_crash(tmp_path: Path) -> None:
    row = one_value(tmp_path, "parties", "employee_count", "9999999999999999999")
    assert row.errors_of("employee_count") == ["employee_count: not a whole number of at least 0"]
