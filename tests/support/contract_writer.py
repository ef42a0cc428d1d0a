"""Write synthetic datasets to the input contract (shared/contract/input.md), as an outside
program would: this package never imports tipflow.

The same seed and size give the same logical content in every format, so that loads of the
CSV, gzip and Parquet files can be compared. Every table draws from its own random stream,
and transactions from one stream per chunk, so that nothing depends on the order of writing.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tests.support.account_table import make_accounts
from tests.support.link_tables import make_account_parties, make_labels, make_watchlist
from tests.support.outside_pools import make_outside_pools
from tests.support.party_table import make_parties
from tests.support.table_files import FORMATS, Format, TableFile
from tests.support.transaction_table import TransactionSources, make_transactions

TABLES = ("parties", "accounts", "transactions", "account_parties", "labels", "watchlist")
TRANSACTIONS_PER_PARTY = 40
MIN_PARTIES = 60
#: Rows generated at once; a constant, so that content does not depend on anything else.
CHUNK_ROWS = 500_000
YEAR = (
    int(np.datetime64("2024-01-01T00:00:00", "s").astype(np.int64)),
    int(np.datetime64("2025-01-01T00:00:00", "s").astype(np.int64)),
)
STREAMS = {
    "parties": 1,
    "accounts": 2,
    "pools": 3,
    "account_parties": 4,
    "labels": 5,
    "watchlist": 6,
    "sources": 7,
    "transactions": 100,
    "multiline": 200,
}


@dataclass(frozen=True)
class Manifest:
    """What ``write_dataset`` wrote: where, in which format, and how many data rows per table."""

    path: Path
    fmt: Format
    rows: Mapping[str, int]

    def file(self, table: str) -> Path:
        return self.path / f"{table}.{self.fmt}"


def write_dataset(
    out_dir: Path,
    *,
    transactions: int = 300_000,
    seed: int = 0,
    fmt: Format = "csv",
    parquet_native_types: bool = False,
    multiline_descriptions: bool = False,
) -> Manifest:
    """Write one dataset folder: the six tables of the contract, every one of them non-empty."""
    if fmt not in FORMATS:
        raise ValueError(f"fmt must be one of {FORMATS}, not {fmt!r}")
    if parquet_native_types and fmt != "parquet":
        raise ValueError("parquet_native_types needs fmt='parquet'")
    if transactions < 1 or seed < 0:
        raise ValueError("transactions must be positive and seed non-negative")
    out_dir.mkdir(parents=True, exist_ok=True)

    def stream(name: str, *more: int) -> np.random.Generator:
        return np.random.default_rng([seed, STREAMS[name], *more])

    parties = make_parties(
        stream("parties"), max(MIN_PARTIES, transactions // TRANSACTIONS_PER_PARTY)
    )
    accounts = make_accounts(stream("accounts"), parties)
    pools = make_outside_pools(stream("pools"), parties.country.size)
    small_tables = {
        "parties": parties.table,
        "accounts": accounts.table,
        "account_parties": make_account_parties(stream("account_parties"), parties, accounts),
        "labels": make_labels(stream("labels"), accounts),
        "watchlist": make_watchlist(stream("watchlist"), parties, accounts, pools),
    }
    rows: dict[str, int] = {}
    for name, table in small_tables.items():
        with TableFile(out_dir, name, fmt, parquet_native_types) as file:
            file.write(table)
            rows[name] = file.rows
    sources = TransactionSources.build(stream("sources"), accounts, pools)
    span = YEAR[1] - YEAR[0]
    with TableFile(out_dir, "transactions", fmt, parquet_native_types) as file:
        for chunk, first in enumerate(range(0, transactions, CHUNK_ROWS)):
            size = min(CHUNK_ROWS, transactions - first)
            # Each chunk its own slice of the year: timestamps rise through the file.
            window = (
                YEAR[0] + span * first // transactions,
                YEAR[0] + span * (first + size) // transactions,
            )
            multiline = stream("multiline", chunk) if multiline_descriptions else None
            file.write(
                make_transactions(
                    sources, stream("transactions", chunk), first + 1, size, window, multiline
                )
            )
        rows["transactions"] = file.rows
    return Manifest(out_dir, fmt, {name: rows[name] for name in TABLES})
