"""An independent, pure-Python reading of the input contract, for small CSV datasets.

It shares nothing with tipflow: it is the contract (shared/contract/input.md) restated as the
simplest checks that could work, with the reader's documented semantics for keys and
references (the first occurrence of a key is the valid one; a reference resolves against every
id present in the referenced file). It checks the test data, and the breakage against it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pycountry

from tests.support.csv_records import read_with_lines

SIDES = "from_account_id/to_account_id"
COUNTRIES = frozenset(country.alpha_2 for country in pycountry.countries)
CURRENCIES = frozenset(currency.alpha_3 for currency in pycountry.currencies)
DECIMAL = re.compile(r"[+-]?\d+(\.\d+)?")
Check = Callable[[str], bool]


def one_of(*values: str) -> Check:
    return lambda text: text in values


def is_date(text: str) -> bool:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_timestamp(text: str) -> bool:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return False
    return True


def is_decimal(text: str) -> bool:
    return DECIMAL.fullmatch(text) is not None


def is_positive(text: str) -> bool:
    return is_decimal(text) and Decimal(text) > 0


def is_country(text: str) -> bool:
    return text.upper() in COUNTRIES


def is_currency(text: str) -> bool:
    return text.upper() in CURRENCIES


def is_count(text: str) -> bool:
    return re.fullmatch(r"\d+", text) is not None


def is_mcc(text: str) -> bool:
    return re.fullmatch(r"\d{4}", text) is not None


def is_text(text: str) -> bool:
    return True


@dataclass(frozen=True)
class Column:
    check: Check = is_text
    required: bool = False
    references: str | None = None  # "table.column"


TABLES: dict[str, dict[str, Column]] = {
    "parties": {
        "party_id": Column(required=True),
        "party_type": Column(one_of("person", "organisation"), required=True),
        "birth_date": Column(is_date),
        "gender": Column(one_of("female", "male", "other")),
        "nationality": Column(is_country),
        "country": Column(is_country),
        "declared_income": Column(is_decimal),
        "employee_count": Column(is_count),
        "onboarding_date": Column(is_date),
    },
    "accounts": {
        "account_id": Column(required=True),
        "institution_id": Column(required=True),
        "party_id": Column(required=True, references="parties.party_id"),
        "account_type": Column(
            one_of(
                "current", "savings", "business", "prepaid_card", "credit_card", "wallet", "loan"
            ),
            required=True,
        ),
        "currency": Column(is_currency, required=True),
        "opened_date": Column(is_date),
        "closed_date": Column(is_date),
        "branch_country": Column(is_country),
    },
    "transactions": {
        "transaction_id": Column(required=True),
        "timestamp": Column(is_timestamp, required=True),
        "amount": Column(is_positive, required=True),
        "currency": Column(is_currency, required=True),
        "base_amount": Column(is_positive),
        "channel": Column(
            one_of(
                "card",
                "cash",
                "wire",
                "ach",
                "p2p",
                "remittance",
                "cheque",
                "internal",
                "crypto",
                "other",
            ),
            required=True,
        ),
        "from_account_id": Column(references="accounts.account_id"),
        "to_account_id": Column(references="accounts.account_id"),
        "counterparty_country": Column(is_country),
        "merchant_category_code": Column(is_mcc),
        "country": Column(is_country),
    },
    "account_parties": {
        "account_id": Column(required=True, references="accounts.account_id"),
        "party_id": Column(required=True, references="parties.party_id"),
        "relation": Column(
            one_of("holder", "joint_holder", "signatory", "beneficial_owner", "authorised_user"),
            required=True,
        ),
    },
    "labels": {
        "account_id": Column(required=True, references="accounts.account_id"),
        "label": Column(one_of("suspicious", "not_suspicious"), required=True),
        "label_date": Column(is_date),
    },
    "watchlist": {
        "entry_id": Column(required=True),
        "kind": Column(
            one_of("name", "phone", "email", "address", "account", "device", "ip_address"),
            required=True,
        ),
        "value": Column(required=True),
    },
}
UNIQUE = {
    "parties": "party_id",
    "accounts": "account_id",
    "transactions": "transaction_id",
    "watchlist": "entry_id",
}


@dataclass(frozen=True)
class Violation:
    table: str
    line: int
    column: str


def check_dataset(path: Path) -> tuple[set[Violation], dict[str, int]]:
    """Every violation of the contract in the CSV dataset at ``path``, and rows read per table."""
    files = {table: read_with_lines(path / f"{table}.csv") for table in TABLES}
    present = {
        f"{table}.{key}": {
            fields[header.index(key)] for _, fields in records if len(fields) == len(header)
        }
        for table, key in UNIQUE.items()
        for header, records in [files[table]]
    }
    found: set[Violation] = set()
    for table, (header, records) in files.items():
        missing = {name for name, column in TABLES[table].items() if column.required} - set(header)
        if missing:
            raise AssertionError(f"{table}: columns {sorted(missing)} missing")
        seen: set[str] = set()
        for line, fields in records:
            if len(fields) != len(header):
                found.add(Violation(table, line, "row"))
                continue
            row = dict(zip(header, fields, strict=True))
            found.update(
                Violation(table, line, column) for column in _bad_columns(table, row, present)
            )
            key = UNIQUE.get(table)
            if key is not None:
                if row[key] in seen:
                    found.add(Violation(table, line, key))
                seen.add(row[key])
    return found, {table: len(records) for table, (_, records) in files.items()}


def _bad_columns(table: str, row: dict[str, str], present: dict[str, set[str]]) -> list[str]:
    bad = []
    for name, column in TABLES[table].items():
        value = row.get(name, "")
        if value == "":
            if column.required:
                bad.append(name)
        elif not column.check(value) or (
            column.references and value not in present[column.references]
        ):
            bad.append(name)
    if table == "transactions":
        sides = (row["from_account_id"] != "") + (row["to_account_id"] != "")
        if sides == 0 or (row["channel"] == "cash" and sides == 2):
            bad.append(SIDES)
    return bad
