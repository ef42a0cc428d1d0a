"""Rules of a whole row: required values, trimming, account sides, party types, dates.

Row-wise behaviour is probed through the real stage query (``column_probe``); code-list
membership, checked after the scan, through ``validate_dataset`` on an edited copy of tiny.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest

from tests.ingest.column_probe import ProbedRow, one_row, one_value

CHANNELS = "card, cash, wire, ach, p2p, remittance, cheque, internal, crypto, other"


# --- required, trimming, empty -----------------------------------------------------------------


@pytest.mark.parametrize("text", [None, "", "   "])
def test_required_missing_is_an_error(tmp_path: Path, text: str | None) -> None:
    row = one_row(tmp_path, "transactions", {"transaction_id": text, "description": "x"})
    assert row.errors_of("transaction_id") == ["transaction_id: missing (required)"]


def test_required_column_absent_from_the_file_is_missing(tmp_path: Path) -> None:
    row = one_value(tmp_path, "accounts", "branch_city", "Toronto")
    assert "account_id: missing (required)" in row.errors
    assert "currency: missing (required)" in row.errors


@pytest.mark.parametrize(
    ("text", "expected"), [("  a b  ", "a b"), (" x", "x"), ("x ", "x"), ("a  b", "a  b")]
)
def test_surrounding_spaces_are_trimmed(tmp_path: Path, text: str, expected: str) -> None:
    row = one_value(tmp_path, "transactions", "description", text)
    assert row.values["description"] == expected


def test_only_spaces_are_trimmed_not_tabs(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "description", "\tx\t")
    assert row.values["description"] == "\tx\t"


@pytest.mark.parametrize("text", ["", " ", "     "])
def test_empty_and_space_only_text_is_null(tmp_path: Path, text: str) -> None:
    row = one_value(tmp_path, "transactions", "description", text)
    assert row.values["description"] is None


def test_spaces_around_a_typed_value_are_trimmed(tmp_path: Path) -> None:
    row = one_row(tmp_path, "transactions", {"amount": " 12.50 ", "timestamp": " 2024-03-01 "})
    assert row.values["amount"] == Decimal("12.50")
    assert row.values["timestamp"] == datetime(2024, 3, 1)
    assert row.errors_of("amount") == row.errors_of("timestamp") == []


def test_space_only_typed_value_is_null_not_an_error(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "base_amount", "   ")
    assert row.values["base_amount"] is None
    assert row.errors_of("base_amount") == []


# --- cross-column rules ------------------------------------------------------------------------

SIDES = "from_account_id/to_account_id"


def _sides(tmp_path: Path, channel: str, source: str, target: str) -> ProbedRow:
    return one_row(
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
    row = one_row(tmp_path, "parties", {"party_type": "organisation", "birth_date": "1990-01-01"})
    assert row.warnings == ["birth_date: given for an organisation"]
    assert row.errors_of("birth_date") == []


def test_industry_code_of_a_person_is_a_warning(tmp_path: Path) -> None:
    row = one_row(tmp_path, "parties", {"party_type": "person", "industry_code": "4711"})
    assert row.warnings == ["industry_code: given for a person"]


def test_person_columns_of_a_person_give_no_warning(tmp_path: Path) -> None:
    row = one_row(
        tmp_path,
        "parties",
        {"party_type": "person", "birth_date": "1990-01-01", "gender": "female"},
    )
    assert row.warnings == []


def test_party_type_alias_is_resolved_before_the_warning(tmp_path: Path) -> None:
    row = one_row(tmp_path, "parties", {"party_type": "Organization", "occupation": "nurse"})
    assert row.warnings == ["occupation: given for an organisation"]


def test_account_closed_before_opened_is_a_warning(tmp_path: Path) -> None:
    row = one_row(tmp_path, "accounts", {"opened_date": "2024-05-01", "closed_date": "2024-04-30"})
    assert row.warnings == ["closed_date: before opened_date"]
    assert row.errors_of("closed_date") == []
