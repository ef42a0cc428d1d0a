"""A few hand-written customers and transactions as a contract dataset, for measure tests.

Each test writes exactly the story it needs (a victim whose earnings leave within hours, a
traveller with hotels in one city) and screens it, so a measure is checked on figures a
reader can verify by hand.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import pyarrow.parquet as pq

from tipflow.detect.screen import screen_dataset

START = datetime(2024, 3, 1, 9, 0)

PARTY_COLUMNS = [
    "party_id",
    "party_type",
    "name",
    "birth_date",
    "nationality",
    "address",
    "postal_code",
    "city",
    "country",
    "phone",
    "email",
    "occupation",
    "industry_code",
    "onboarding_date",
]
ACCOUNT_COLUMNS = [
    "account_id",
    "institution_id",
    "party_id",
    "account_type",
    "currency",
    "opened_date",
    "branch_city",
]
TRANSACTION_COLUMNS = [
    "transaction_id",
    "timestamp",
    "amount",
    "currency",
    "channel",
    "from_account_id",
    "to_account_id",
    "counterparty_name",
    "counterparty_account",
    "counterparty_country",
    "merchant_name",
    "merchant_category_code",
    "city",
    "country",
    "device_id",
    "description",
]


@dataclass
class Dataset:
    parties: list[dict[str, str]] = field(default_factory=list)
    accounts: list[dict[str, str]] = field(default_factory=list)
    transactions: list[dict[str, str]] = field(default_factory=list)
    watchlist: list[dict[str, str]] = field(default_factory=list)
    account_parties: list[dict[str, str]] = field(default_factory=list)

    def person(
        self,
        key: str,
        name: str,
        *,
        city: str = "Chicago",
        phone: str = "",
        address: str = "",
        opened: str = "2023-01-10",
        nationality: str = "US",
    ) -> str:
        """A person with one current account ``A-<key>``; returns the account id."""
        self.parties.append(
            {
                "party_id": f"P-{key}",
                "party_type": "person",
                "name": name,
                "birth_date": "1990-05-05",
                "nationality": nationality,
                "address": address or f"{len(self.parties) + 1} Main St",
                "city": city,
                "country": "US",
                "phone": phone,
                "email": "",
                "occupation": "cashier",
                "industry_code": "",
                "onboarding_date": opened,
            }
        )
        account = f"A-{key}"
        self.accounts.append(
            {
                "account_id": account,
                "institution_id": "BANK_A",
                "party_id": f"P-{key}",
                "account_type": "current",
                "currency": "USD",
                "opened_date": opened,
                "branch_city": city,
            }
        )
        return account

    def business(self, key: str, name: str, industry_code: str = "4911") -> str:
        """An organisation with one current account ``A-<key>``; returns the account id."""
        account = self.person(key, name)
        self.parties[-1].update(
            party_type="organisation", birth_date="", occupation="", industry_code=industry_code
        )
        return account

    def pay(
        self,
        *,
        day: float,
        amount: float,
        channel: str,
        source: str = "",
        target: str = "",
        **columns: str,
    ) -> str:
        """A transaction ``day`` days (fractions are hours) after START."""
        transaction_id = f"T{len(self.transactions) + 1:05d}"
        when = START + timedelta(days=day)
        self.transactions.append(
            {
                "transaction_id": transaction_id,
                "timestamp": when.isoformat(timespec="seconds"),
                "amount": f"{amount:.2f}",
                "currency": "USD",
                "channel": channel,
                "from_account_id": source,
                "to_account_id": target,
                **columns,
            }
        )
        return transaction_id

    def write(self, folder: Path) -> Path:
        folder.mkdir(parents=True, exist_ok=True)
        _write(folder / "parties.csv", PARTY_COLUMNS, self.parties)
        _write(folder / "accounts.csv", ACCOUNT_COLUMNS, self.accounts)
        _write(folder / "transactions.csv", TRANSACTION_COLUMNS, self.transactions)
        if self.watchlist:
            _write(folder / "watchlist.csv", ["entry_id", "kind", "value", "note"], self.watchlist)
        if self.account_parties:
            _write(
                folder / "account_parties.csv",
                ["account_id", "party_id", "relation"],
                self.account_parties,
            )
        return folder


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="raise")
        writer.writeheader()
        for row in rows:
            writer.writerow(dict.fromkeys(columns, "") | row)  # unknown keys raise


def _screen(data: Dataset, tmp_path: Path) -> Path:
    """Write ``data`` and screen it; the results folder."""
    results = tmp_path / "results"
    screen_dataset(data.write(tmp_path / "data"), results)
    return results


def screen_evidence(data: Dataset, tmp_path: Path) -> dict[tuple[str, str], dict[str, object]]:
    """Write ``data``, screen it, and return its evidence by (account, indicator)."""
    results = _screen(data, tmp_path)
    table = pq.read_table(results / "evidence.parquet").to_pylist()
    return {(row["account_id"], row["indicator_id"]): row for row in table}


def screen_flags(
    data: Dataset, tmp_path: Path
) -> tuple[dict[str, bool], dict[tuple[str, str], float]]:
    """Write ``data``, screen it, and return who is flagged and each evidence row's value."""
    results = _screen(data, tmp_path)
    with (results / "accounts.csv").open(encoding="utf-8", newline="") as handle:
        flagged = {row["account_id"]: row["flagged"] == "true" for row in csv.DictReader(handle)}
    table = pq.read_table(results / "evidence.parquet").to_pylist()
    return flagged, {(row["account_id"], row["indicator_id"]): row["value"] for row in table}
