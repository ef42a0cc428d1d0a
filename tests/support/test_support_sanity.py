"""The test-data support code, checked on its own: small datasets, no tipflow involved."""

from __future__ import annotations

import csv
import gzip
import re
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import phonenumbers
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tests.support.arrow_text import digits, render
from tests.support.breakage import Breakage, break_dataset
from tests.support.breakage_classes import BREAKAGE_CLASSES, Duplicate
from tests.support.contract_check import Violation, check_dataset
from tests.support.contract_writer import TABLES, Manifest, write_dataset
from tests.support.csv_records import read_with_lines
from tests.support.table_files import NATIVE_TYPES
from tests.support.vocabulary import COUNTRIES, REPORTING_CURRENCY, Country

SMALL = 5_000
DUPLICATES = {b.breakage for b in BREAKAGE_CLASSES if isinstance(b, Duplicate)}


def rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as text:
        yield from csv.DictReader(text)


def column(manifest: Manifest, table: str, name: str) -> list[str]:
    return [row[name] for row in rows(manifest.file(table))]


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    return write_dataset(tmp_path_factory.mktemp("small"), transactions=SMALL, seed=3)


@pytest.fixture(scope="module")
def broken(small: Manifest, tmp_path_factory: pytest.TempPathFactory) -> Breakage:
    return break_dataset(small.path, tmp_path_factory.mktemp("broken"), seed=4)


def test_written_dataset_meets_the_contract(small: Manifest) -> None:
    violations, read = check_dataset(small.path)
    assert violations == set()
    assert read == dict(small.rows)
    assert small.rows["transactions"] == SMALL
    assert all(count > 0 for count in small.rows.values())


def test_every_enumeration_value_occurs(small: Manifest) -> None:
    expected = {
        ("parties", "party_type"): {"person", "organisation"},
        ("parties", "gender"): {"female", "male", "other", ""},
        ("accounts", "account_type"): {
            "current", "savings", "business", "prepaid_card", "credit_card", "wallet", "loan",
        },
        ("transactions", "channel"): {
            "card", "cash", "wire", "ach", "p2p", "remittance", "cheque", "internal", "crypto",
            "other",
        },
        ("account_parties", "relation"): {
            "holder", "joint_holder", "signatory", "beneficial_owner", "authorised_user",
        },
        ("labels", "label"): {"suspicious", "not_suspicious"},
        ("watchlist", "kind"): {
            "name", "phone", "email", "address", "account", "device", "ip_address",
        },
    }  # fmt: skip
    for (table, name), values in expected.items():
        assert set(column(small, table, name)) == values, (table, name)


def test_transaction_sides_follow_the_channel(small: Manifest) -> None:
    deposits = withdrawals = outside = merchants = 0
    for row in rows(small.file("transactions")):
        source, target = row["from_account_id"], row["to_account_id"]
        if row["channel"] == "cash":
            assert bool(source) != bool(target)
            deposits += not source
            withdrawals += not target
            assert not row["counterparty_name"] and not row["merchant_name"]
        elif not (source and target):
            # One account side: the other is an outside counterparty or a merchant.
            assert bool(row["counterparty_name"]) != bool(row["merchant_name"]), row
            outside += bool(row["counterparty_name"])
            merchants += bool(row["merchant_name"])
        if row["channel"] in ("internal", "p2p"):
            assert source and target and source != target
        if row["channel"] in ("wire", "remittance") and row["counterparty_name"]:
            assert not (source and target)
        if row["channel"] == "card":
            assert row["merchant_name"]
    assert min(deposits, withdrawals, outside, merchants) > 0


def test_the_variety_of_a_real_export(small: Manifest) -> None:
    stamps = column(small, "transactions", "timestamp")
    assert any(re.search(r"T\d\d:\d\d:\d\d[+-]\d\d:\d\d$", s) for s in stamps)
    assert any(s.endswith("Z") for s in stamps)
    assert any(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d", s) for s in stamps)
    assert any(re.search(r":\d\d\.\d{3}(\d{3})?([+-]|Z)", s) for s in stamps)
    amounts = column(small, "transactions", "amount")
    assert any(re.fullmatch(r"\d+\.\d{8}", a) for a in amounts)
    assert sum(bool(re.fullmatch(r"\d+\.\d\d", a)) for a in amounts) > len(amounts) / 2
    for row in rows(small.file("transactions")):
        if row["base_amount"]:
            assert row["currency"].upper() != REPORTING_CURRENCY
    assert any(c.islower() for c in column(small, "transactions", "currency"))
    assert any(c.islower() for c in column(small, "parties", "nationality"))
    assert any(column(small, "transactions", "merchant_category_code"))
    assert "source_system" in column_names(small, "transactions")
    assert "batch_no" in column_names(small, "accounts")
    raw = small.file("transactions").read_bytes()
    assert b'"Invoice 2024-0031, services"' in raw or b'"Rent, March"' in raw
    assert raw.count(b"\r\n") == small.rows["transactions"] + 1  # CRLF here, LF elsewhere
    assert b"\r" not in small.file("accounts").read_bytes()


def column_names(manifest: Manifest, table: str) -> list[str]:
    with manifest.file(table).open(newline="", encoding="utf-8") as text:
        return next(csv.reader(text))


def test_phones_are_e164_or_national_forms_of_the_party_country(small: Manifest) -> None:
    national = 0
    for row in rows(small.file("parties")):
        phone = row["phone"]
        if not phone or re.fullmatch(r"\+[1-9]\d{6,14}", phone):
            continue
        region = row["country"].upper() or None
        assert phone.startswith("+") or region, row
        number = phonenumbers.parse(phone, region)
        assert phonenumbers.is_possible_number(number), phone
        national += not phone.startswith("+")
    assert national > 0
    phones = column(small, "parties", "phone")
    assert any(re.fullmatch(r"\(\d{3}\) 555-01\d\d", p) for p in phones)
    assert any(p.startswith("020 7946 0") for p in phones)


@pytest.mark.parametrize("country", COUNTRIES, ids=lambda c: c.code)
def test_phone_plans_give_one_number_in_every_form(country: Country) -> None:
    sample = digits(np.arange(3) * 3_141_592_653 % 10**10, 10)
    for e164, national, spaced in country.phone_plans:
        for index in range(3):
            expected = render(e164, sample)[index].as_py()
            forms = [spaced] + ([national] if national else [])
            for form in forms:
                text = render(form, sample)[index].as_py()
                parsed = phonenumbers.parse(text, country.code)
                assert (
                    phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)
                    == expected
                )


NUMBERS = {
    (table, name)
    for table, types in NATIVE_TYPES.items()
    for name, kind in types.items()
    if not pa.types.is_date(kind)
}


def canonical(table: str, name: str, value: object) -> str | None:
    """One spelling per value, whatever the format held: text, number or date."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value.isoformat()
    if (table, name) in NUMBERS:
        return str(Decimal(str(value)).normalize())
    return str(value)


def canonical_table(manifest: Manifest, table: str) -> list[tuple[str | None, ...]]:
    path = manifest.file(table)
    if manifest.fmt == "parquet":
        records = pq.read_table(path).to_pylist()
    else:
        with (gzip.open if manifest.fmt == "csv.gz" else open)(
            path, "rt", newline="", encoding="utf-8"
        ) as text:
            records = list(csv.DictReader(text))
    return [tuple(canonical(table, k, v) for k, v in record.items()) for record in records]


def test_every_format_carries_the_same_content(tmp_path: Path) -> None:
    reference = write_dataset(tmp_path / "csv", transactions=1_500, seed=9)
    others = [
        write_dataset(tmp_path / "gz", transactions=1_500, seed=9, fmt="csv.gz"),
        write_dataset(tmp_path / "pq", transactions=1_500, seed=9, fmt="parquet"),
        write_dataset(
            tmp_path / "native",
            transactions=1_500,
            seed=9,
            fmt="parquet",
            parquet_native_types=True,
        ),
    ]
    native_schema = pq.read_schema(others[-1].file("transactions"))
    assert str(native_schema.field("amount").type).startswith("decimal128")
    for table in TABLES:
        expected = canonical_table(reference, table)
        for other in others:
            assert canonical_table(other, table) == expected, (other.fmt, table)


def test_same_seed_same_bytes_other_seed_other_bytes(tmp_path: Path) -> None:
    first = write_dataset(tmp_path / "a", transactions=1_000, seed=5)
    again = write_dataset(tmp_path / "b", transactions=1_000, seed=5)
    other = write_dataset(tmp_path / "c", transactions=1_000, seed=6)
    for table in TABLES:
        assert first.file(table).read_bytes() == again.file(table).read_bytes()
    assert first.file("transactions").read_bytes() != other.file("transactions").read_bytes()


def test_multiline_descriptions_change_nothing_else(tmp_path: Path) -> None:
    plain = write_dataset(tmp_path / "plain", transactions=3_000, seed=8)
    multi = write_dataset(
        tmp_path / "multi", transactions=3_000, seed=8, multiline_descriptions=True
    )
    plain_rows, multi_rows = (
        list(rows(plain.file("transactions"))),
        list(rows(multi.file("transactions"))),
    )
    changed = 0
    for before, after in zip(plain_rows, multi_rows, strict=True):
        if "\n" in after["description"]:
            changed += 1
            assert after["description"].split("\n")[0] == before["description"]
            after = {**after, "description": before["description"]}
        assert after == before
    assert changed > 0


def test_breakage_is_what_an_independent_check_finds(broken: Breakage) -> None:
    violations, read = check_dataset(broken.path)
    assert violations == {Violation(row.table, row.line, row.column) for row in broken.rows}
    assert read == dict(broken.read)


def test_every_class_breaks_its_own_rows(broken: Breakage) -> None:
    names = [breakage.breakage for breakage in BREAKAGE_CLASSES]
    assert set(broken.classes) == set(names)
    for name in names:
        assert sum(row.breakage == name for row in broken.rows) == 3, name
    places = [(row.table, row.line) for row in broken.rows]
    assert len(places) == len(set(places))


def test_recorded_lines_hold_the_corrupted_values(broken: Breakage) -> None:
    _assert_lines_hold_values(broken)


def _assert_lines_hold_values(broken: Breakage) -> None:
    for table in TABLES:
        header, records = read_with_lines(broken.path / f"{table}.csv")
        by_line = dict(records)
        for row in broken.rows:
            if row.table != table:
                continue
            fields = by_line[row.line]
            if row.column == "row":
                assert len(fields) != len(header)
                continue
            for name, value in row.written.items():
                assert fields[header.index(name)] == value, row
            if row.breakage in DUPLICATES:
                index = header.index(row.column)
                assert any(line < row.line and f[index] == fields[index] for line, f in records)


def test_breakage_leaves_every_other_row_as_it_was(small: Manifest, broken: Breakage) -> None:
    in_place = {b.breakage for b in BREAKAGE_CLASSES if not isinstance(b, Duplicate)}
    for table in TABLES:
        _, source = read_with_lines(small.file(table))
        _, after = read_with_lines(broken.path / f"{table}.csv")
        expected = broken.expected(table)
        rest = iter(fields for _, fields in source)
        untouched = [fields for line, fields in after if line not in expected]
        # The untouched rows are the source rows, in order, minus those broken in place.
        assert all(any(fields == candidate for candidate in rest) for fields in untouched)
        changed = sum(row.table == table and row.breakage in in_place for row in broken.rows)
        assert len(untouched) == len(source) - changed


def test_breakage_lines_survive_multiline_records(tmp_path: Path) -> None:
    multi = write_dataset(
        tmp_path / "multi", transactions=20_000, seed=12, multiline_descriptions=True
    )
    breakage = break_dataset(multi.path, tmp_path / "broken", seed=13)
    violations, _ = check_dataset(breakage.path)
    assert violations == {Violation(row.table, row.line, row.column) for row in breakage.rows}
    _assert_lines_hold_values(breakage)
    _, records = read_with_lines(breakage.path / "transactions.csv")
    shifted = [line for index, (line, _) in enumerate(records) if line != index + 2]
    broken_lines = set(breakage.expected("transactions"))
    assert shifted and broken_lines & set(shifted), "no broken row sits below a two-line record"


def test_breakage_refuses_a_dataset_too_small(tmp_path: Path) -> None:
    tiny = write_dataset(tmp_path / "tiny", transactions=100, seed=1)
    with pytest.raises(ValueError, match="fitting rows"):
        break_dataset(tiny.path, tmp_path / "broken", per_class=40)
