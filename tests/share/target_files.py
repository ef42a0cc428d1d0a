"""Helpers of the targets tests: target files, the tokens banks hold, and a third bank."""

from __future__ import annotations

import csv
from collections import defaultdict
from pathlib import Path

import pyarrow.parquet as pq

KEY = bytes(range(32))
SALT = b"s" * 32
HEADER = ("kind", "value", "country", "postal_code", "city")

#: kind → token → the institutions holding it (counterparty tokens under account_number)
Held = dict[str, dict[str, set[str]]]


def write_csv(path: Path, rows: list[tuple[str, ...]], header: tuple[str, ...] = HEADER) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def held_tokens(*folders: Path) -> Held:
    held: Held = defaultdict(lambda: defaultdict(set))
    for folder in folders:
        for row in pq.read_table(folder / "tokens.parquet").to_pylist():
            if row["token"]:
                kind = "account_number" if row["kind"] == "counterparty" else row["kind"]
                held[kind][row["token"]].add(f"{row['institution_id']}:{row['kind']}")
    return held


def write_bank_c(folder: Path) -> Path:
    """BANK_C, in London: a UK mobile, a flat, an account number with dashes, IP addresses."""
    folder.mkdir(parents=True, exist_ok=True)
    tables = {
        "parties": [
            {
                "party_id": "PC1",
                "party_type": "person",
                "name": "Ana Kovac",
                "address": "Flat 20, 214 Springfield Road",
                "city": "London",
                "postal_code": "E6 1AB",
                "country": "GB",
                "phone": "+44 7700 900123",
                "email": "ana.k@example.co.uk",
            }
        ],
        "accounts": [
            {
                "account_id": "GB29-NWBK-6016-1331-9268-19",
                "institution_id": "BANK_C",
                "party_id": "PC1",
                "account_type": "current",
                "currency": "GBP",
            }
        ],
        "transactions": [
            {
                "transaction_id": "TC1",
                "timestamp": "2024-02-01T09:00:00Z",
                "amount": "120.00",
                "currency": "GBP",
                "channel": "p2p",
                "from_account_id": "GB29-NWBK-6016-1331-9268-19",
                "device_id": "android-7f3a",
                "ip_address": "2001:db8:4::1",
            }
        ],
    }
    for name, rows in tables.items():
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return folder
