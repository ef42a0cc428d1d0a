"""Two small hand-made banks for the sharing tests: a cross-bank network and a shelter."""

from __future__ import annotations

import csv
from pathlib import Path

PARTY_COLUMNS = [
    "party_id",
    "party_type",
    "name",
    "address",
    "city",
    "postal_code",
    "country",
    "phone",
    "email",
]
ACCOUNT_COLUMNS = ["account_id", "institution_id", "party_id", "account_type", "currency"]
TX_COLUMNS = [
    "transaction_id",
    "timestamp",
    "amount",
    "currency",
    "channel",
    "from_account_id",
    "to_account_id",
    "counterparty_name",
    "counterparty_account",
    "counterparty_institution",
    "device_id",
]
SHELTER = ("12 Hope Street", "Chicago", "60601")
#: Residents of the shelter at each bank: more than linkage's MAX_SHARED together.
RESIDENTS = 6


def _write(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        writer.writerows(rows)


def _residents(prefix: str, institution: str) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    parties, accounts = [], []
    for i in range(RESIDENTS):
        parties.append(
            {
                "party_id": f"{prefix}S{i}",
                "party_type": "person",
                "name": f"Resident {prefix}{i} Person",
                "address": SHELTER[0],
                "city": SHELTER[1],
                "postal_code": SHELTER[2],
                "country": "US",
            }
        )
        accounts.append(
            {
                "account_id": f"{prefix}-S{i}",
                "institution_id": institution,
                "party_id": f"{prefix}S{i}",
                "account_type": "current",
                "currency": "USD",
            }
        )
    return parties, accounts


def write_bank_a(folder: Path) -> Path:
    """BANK_A: Maria (the phone written the long way) pays account US-B-0007 at BANK_B."""
    folder.mkdir(parents=True, exist_ok=True)
    shelter_parties, shelter_accounts = _residents("A", "BANK_A")
    _write(
        folder / "parties.csv",
        PARTY_COLUMNS,
        [
            {
                "party_id": "PA1",
                "party_type": "person",
                "name": "Maria Gonzalez",
                "address": "5 Elm Road",
                "city": "Chicago",
                "postal_code": "60614",
                "country": "US",
                "phone": "+1 (312) 555-0199",
                "email": "Maria.G@Example.com",
            },
            {
                "party_id": "PA2",
                "party_type": "person",
                "name": "Tom Baker",
                "address": "9 Oak Avenue",
                "city": "Chicago",
                "postal_code": "60615",
                "country": "US",
                "phone": "+1 312 555 0123",
                "email": "tom@example.org",
            },
            *shelter_parties,
        ],
    )
    _write(
        folder / "accounts.csv",
        ACCOUNT_COLUMNS,
        [
            {
                "account_id": "A-0001",
                "institution_id": "BANK_A",
                "party_id": "PA1",
                "account_type": "current",
                "currency": "USD",
            },
            {
                "account_id": "A-0002",
                "institution_id": "BANK_A",
                "party_id": "PA2",
                "account_type": "current",
                "currency": "USD",
            },
            *shelter_accounts,
        ],
    )
    _write(
        folder / "transactions.csv",
        TX_COLUMNS,
        [
            {
                "transaction_id": f"TA{i}",
                "timestamp": f"2024-01-0{i}T10:00:00-06:00",
                "amount": "450.00",
                "currency": "USD",
                "channel": "p2p",
                "from_account_id": "A-0001",
                "counterparty_name": "J. Smith",
                "counterparty_account": "us b 0007",
                "counterparty_institution": "BANK_B",
                "device_id": "dev-maria",
            }
            for i in range(1, 4)
        ]
        + [
            {
                "transaction_id": "TA9",
                "timestamp": "2024-01-05T10:00:00-06:00",
                "amount": "20.00",
                "currency": "USD",
                "channel": "card",
                "from_account_id": "A-0002",
            },
        ],
    )
    return folder


def write_bank_b(folder: Path) -> Path:
    """BANK_B: the controller John (account US-B-0007) and Maria's phone, written nationally."""
    folder.mkdir(parents=True, exist_ok=True)
    shelter_parties, shelter_accounts = _residents("B", "BANK_B")
    _write(
        folder / "parties.csv",
        PARTY_COLUMNS,
        [
            {
                "party_id": "PB1",
                "party_type": "person",
                "name": "John Smith",
                "address": "77 Lake Shore Drive",
                "city": "Chicago",
                "postal_code": "60611",
                "country": "US",
                "phone": "(312) 555-0142",
                "email": "jsmith@example.net",
            },
            {
                "party_id": "PB2",
                "party_type": "person",
                "name": "MARIA  GONZALEZ",
                "address": "5 Elm Rd",
                "city": "Chicago",
                "postal_code": "60614",
                "country": "US",
                "phone": "3125550199",
                "email": "maria.g@example.com",
            },
            *shelter_parties,
        ],
    )
    _write(
        folder / "accounts.csv",
        ACCOUNT_COLUMNS,
        [
            {
                "account_id": "US-B-0007",
                "institution_id": "BANK_B",
                "party_id": "PB1",
                "account_type": "current",
                "currency": "USD",
            },
            {
                "account_id": "US-B-0008",
                "institution_id": "BANK_B",
                "party_id": "PB2",
                "account_type": "savings",
                "currency": "USD",
            },
            *shelter_accounts,
        ],
    )
    _write(
        folder / "transactions.csv",
        TX_COLUMNS,
        [
            {
                "transaction_id": "TB1",
                "timestamp": "2024-01-06T10:00:00-06:00",
                "amount": "900.00",
                "currency": "USD",
                "channel": "cash",
                "from_account_id": "US-B-0007",
            },
        ],
    )
    return folder
