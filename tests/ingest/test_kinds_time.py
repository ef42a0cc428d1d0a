"""Timestamps and dates: local time, UTC offsets, ISO 8601 forms, real calendar days.

Row-wise behaviour is probed through the real stage query (``column_probe``); code-list
membership, checked after the scan, through ``validate_dataset`` on an edited copy of tiny.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from tests.ingest.column_probe import one_value

CHANNELS = "card, cash, wire, ach, p2p, remittance, cheque, internal, crypto, other"


# --- timestamp ---------------------------------------------------------------------------------


def test_timestamp_negative_offset_is_kept_in_minutes_with_local_time(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "timestamp", "2024-03-01T23:15:00-05:00")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 23, 15)
    assert row.values["utc_offset_minutes"] == -300
    assert row.errors_of("timestamp") == []


def test_timestamp_z_is_offset_zero(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "timestamp", "2024-03-01T23:15:00Z")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 23, 15)
    assert row.values["utc_offset_minutes"] == 0


@pytest.mark.parametrize("offset", ["+0530", "+05:30"])
def test_timestamp_offset_with_or_without_colon(tmp_path: Path, offset: str) -> None:
    row = one_value(tmp_path, "transactions", "timestamp", f"2024-03-01T10:00:00{offset}")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 10, 0)
    assert row.values["utc_offset_minutes"] == 330


def test_timestamp_offset_of_hours_only(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "timestamp", "2024-03-01T10:00:00+05")
    assert row.values["utc_offset_minutes"] == 300


def test_timestamp_without_offset_has_null_offset(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "timestamp", "2024-03-01T23:15:00")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 23, 15)
    assert row.values["utc_offset_minutes"] is None
    assert row.errors_of("timestamp") == []


def test_timestamp_with_space_separator_and_no_seconds(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "timestamp", "2024-03-01 23:15")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 23, 15)


def test_timestamp_fractional_seconds(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "timestamp", "2024-03-01T23:15:00.123456+01:00")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 23, 15, 0, 123456)
    assert row.values["utc_offset_minutes"] == 60


def test_timestamp_comma_as_decimal_sign_of_seconds(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "timestamp", "2024-03-01T23:15:00,5")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 23, 15, 0, 500000)


def test_timestamp_date_only_is_midnight_with_a_warning(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "timestamp", "2024-03-01")
    assert row.values["timestamp"] == datetime(2024, 3, 1, 0, 0)
    assert row.errors_of("timestamp") == []
    assert row.warnings_of("timestamp") == ["timestamp: date without a time, read as midnight"]


@pytest.mark.parametrize(
    "text",
    ["31/12/2024 10:00", "2024-13-01T00:00:00", "2024-02-30T10:00:00", "yesterday", "2024-03-01T"],
)
def test_timestamp_unparsable_is_an_error(tmp_path: Path, text: str) -> None:
    row = one_value(tmp_path, "transactions", "timestamp", text)
    assert row.values["timestamp"] is None
    assert row.errors_of("timestamp") == ["timestamp: not an ISO 8601 date-time"]


def test_timestamp_offset_out_of_range_is_an_error(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "timestamp", "2024-03-01T10:00:00+25:00")
    assert row.errors_of("timestamp") == ["timestamp: UTC offset out of range"]


def test_timestamp_offset_minutes_of_60_or_more_is_an_error(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "timestamp", "2024-03-01T10:00:00+05:60")
    assert row.errors_of("timestamp") == ["timestamp: UTC offset out of range"]


def test_timestamp_offset_beyond_18_hours_is_an_error(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "timestamp", "2024-03-01T10:00:00+18:30")
    assert row.errors_of("timestamp") == ["timestamp: UTC offset out of range"]


def test_timestamp_year_zero_is_an_error(tmp_path: Path) -> None:
    row = one_value(tmp_path, "transactions", "timestamp", "0000-03-01T10:00:00")
    assert row.errors_of("timestamp") == ["timestamp: not an ISO 8601 date-time"]


# --- date --------------------------------------------------------------------------------------


def test_date_is_read(tmp_path: Path) -> None:
    row = one_value(tmp_path, "parties", "birth_date", "1990-02-28")
    assert row.values["birth_date"] == date(1990, 2, 28)
    assert row.errors_of("birth_date") == []


def test_date_leap_day(tmp_path: Path) -> None:
    row = one_value(tmp_path, "parties", "birth_date", "2024-02-29")
    assert row.values["birth_date"] == date(2024, 2, 29)


@pytest.mark.parametrize(
    "text", ["2024-01-01T00:00:00", "2024-01-01 00:00", "2024-01-01T00:00:00.000"]
)
def test_date_with_midnight_time_is_accepted(tmp_path: Path, text: str) -> None:
    row = one_value(tmp_path, "parties", "birth_date", text)
    assert row.values["birth_date"] == date(2024, 1, 1)
    assert row.errors_of("birth_date") == []


@pytest.mark.parametrize(
    "text",
    ["1990-02-30", "2023-02-29", "01/02/2020", "2024-1-1", "20240101", "2024-01-01T10:00:00"],
)
def test_date_not_yyyy_mm_dd_is_an_error(tmp_path: Path, text: str) -> None:
    row = one_value(tmp_path, "parties", "birth_date", text)
    assert row.values["birth_date"] is None
    assert row.errors_of("birth_date") == ["birth_date: not a date (YYYY-MM-DD)"]


def test_date_year_zero_is_an_error(tmp_path: Path) -> None:
    row = one_value(tmp_path, "parties", "birth_date", "0000-06-11")
    assert row.errors_of("birth_date") == ["birth_date: not a date (YYYY-MM-DD)"]
