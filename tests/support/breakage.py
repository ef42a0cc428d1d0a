"""Break a CSV dataset written by ``write_dataset`` in every way the contract's "Bad input" names,
and record what a reader must report: for each broken row its table, physical line and the
column its error must name.

Rules that keep the expectation exact (they are the reader's documented semantics):

- a row is broken in one way only, and rows copied as the first of a duplicate pair are left
  alone, so the first occurrence of a key stays valid and is the one accepted;
- duplicates are later rows *inserted* as copies of earlier ones, so that no id disappears;
  references are checked against every id present in the referenced file, so breaking an
  account row never makes its transactions dangling;
- malformed records go in `transactions`, which nothing references.
"""

from __future__ import annotations

import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tests.support.breakage_classes import BREAKAGE_CLASSES, Tag
from tests.support.contract_writer import TABLES
from tests.support.csv_records import CsvFile


@dataclass(frozen=True)
class BrokenRow:
    table: str
    line: int  # physical line where the record starts; header = 1
    column: str  # the column the reader's error must name ("row" for a malformed record)
    breakage: str  # which class of breakage
    written: Mapping[str, str]  # the corrupted fields as written


@dataclass(frozen=True)
class Breakage:
    path: Path
    rows: tuple[BrokenRow, ...]
    read: Mapping[str, int]  # data records per table, malformed and inserted ones included

    def expected(self, table: str) -> dict[int, str]:
        """Line -> expected error column, for ``table``."""
        return {row.line: row.column for row in self.rows if row.table == table}

    @property
    def classes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(row.breakage for row in self.rows))


def break_dataset(src: Path, dst: Path, *, seed: int = 0, per_class: int = 3) -> Breakage:
    """Copy the CSV dataset ``src`` to ``dst`` with ``per_class`` broken rows per class."""
    if per_class < 1:
        raise ValueError("per_class must be at least 1")
    files = {
        table: CsvFile.read(src / f"{table}.csv")
        for table in TABLES
        if (src / f"{table}.csv").exists()
    }
    if set(files) != set(TABLES):
        raise ValueError(f"{src} must hold every table as .csv, it holds {sorted(files)}")
    rng = np.random.default_rng([seed, 7919])
    used: dict[str, set[int]] = {table: set() for table in TABLES}
    account_ids = [
        files["accounts"].value(record, "account_id") for record in files["accounts"].records
    ]
    for breakage in BREAKAGE_CLASSES:
        breakage.apply(files[breakage.table], rng, per_class, used[breakage.table], account_ids)
    dst.mkdir(parents=True, exist_ok=True)
    rows: list[BrokenRow] = []
    read: dict[str, int] = {}
    for table, file in files.items():
        lines = file.write(dst / f"{table}.csv")
        for key, tag in file.tags.items():
            assert isinstance(tag, Tag)
            rows.append(BrokenRow(table, lines[key], tag.column, tag.breakage, tag.written))
        read[table] = file.rows_to_write
    for extra in sorted(src.iterdir()):
        if extra.is_file() and not (dst / extra.name).exists():
            shutil.copyfile(extra, dst / extra.name)
    return Breakage(dst, tuple(sorted(rows, key=lambda r: (r.table, r.line))), read)
