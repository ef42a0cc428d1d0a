"""Find a dataset's table files and read their headers, or say exactly why a file cannot be read.

A dataset is a folder holding one file per table, named after the table: ``<table>.csv``,
``<table>.csv.gz`` or ``<table>.parquet``. Other files (a ``truth/`` folder, a README) are
ignored. Header names are matched to the contract without regard to case or surrounding spaces.
"""

from __future__ import annotations

import csv
import gzip
import io
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import duckdb

from tipflow.engine.duckdb import Connection
from tipflow.engine.sql import sql_string
from tipflow.errors import DatasetError
from tipflow.ingest.contract import TableSpec

SourceFormat = Literal["csv", "csv.gz", "parquet"]
MAX_HEADER_BYTES = 1 << 20
SUFFIXES: tuple[tuple[str, SourceFormat], ...] = (
    (".csv", "csv"),
    (".csv.gz", "csv.gz"),
    (".parquet", "parquet"),
)


@dataclass(frozen=True)
class SourceFile:
    """One table's file, with its header as written and how each column maps to the contract."""

    table: str
    path: Path
    format: SourceFormat
    header: tuple[str, ...]
    contract_columns: tuple[str | None, ...]  # per header position: the contract column, or None

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def is_csv(self) -> bool:
        return self.format != "parquet"

    def position_of(self, column: str) -> int | None:
        try:
            return self.contract_columns.index(column)
        except ValueError:
            return None

    @property
    def extra_columns(self) -> tuple[tuple[int, str], ...]:
        """(position, name) of the columns the contract does not know: kept and ignored."""
        return tuple(
            (i, name)
            for i, (name, known) in enumerate(zip(self.header, self.contract_columns, strict=True))
            if known is None
        )


def find_table_file(dataset: Path, table: TableSpec) -> Path | None:
    """The file of ``table`` in ``dataset``; None when an optional table is absent."""
    candidates = [dataset / f"{table.name}{suffix}" for suffix, _ in SUFFIXES]
    found = [path for path in candidates if path.exists()]
    if len(found) > 1:
        names = " and ".join(p.name for p in found)
        raise DatasetError(dataset, f"table {table.name!r} is given twice ({names}); keep one")
    if found:
        return found[0]
    if not table.required:
        return None
    others = sorted(p.name for p in dataset.glob(f"{table.name}.*"))
    hint = f"; found {', '.join(others)}, which is neither CSV nor Parquet" if others else ""
    raise DatasetError(
        dataset / f"{table.name}.csv",
        f"missing: the required table {table.name!r} needs {table.name}.csv, "
        f"{table.name}.csv.gz or {table.name}.parquet{hint}",
    )


def format_of(path: Path) -> SourceFormat:
    for suffix, fmt in sorted(SUFFIXES, key=lambda s: -len(s[0])):
        if path.name.endswith(suffix):
            return fmt
    raise DatasetError(path, "not a .csv, .csv.gz or .parquet file")


def read_source(con: Connection, path: Path, table: TableSpec) -> SourceFile:
    """Open ``path``, read its header and check that every required column is there."""
    if not path.is_file():
        raise DatasetError(path, "not a file")
    fmt = format_of(path)
    header = _parquet_header(con, path) if fmt == "parquet" else _csv_header(path, fmt)
    contract_columns = _match_columns(path, header, table)
    return SourceFile(table.name, path, fmt, header, contract_columns)


def _csv_header(path: Path, fmt: SourceFormat) -> tuple[str, ...]:
    with path.open("rb") as raw_file:
        start = raw_file.read(4)
    if start[:2] in (b"\xff\xfe", b"\xfe\xff"):
        raise DatasetError(path, "encoded as UTF-16; the contract requires UTF-8")
    if fmt == "csv" and start[:2] == b"\x1f\x8b":
        raise DatasetError(path, "gzip-compressed but named .csv; name it .csv.gz")
    if start[:4] == b"PAR1":
        raise DatasetError(path, "a Parquet file named .csv; name it .parquet")
    try:
        # Only the header line is decoded here; DuckDB checks the rest and names the line.
        with gzip.open(path, "rb") if fmt == "csv.gz" else path.open("rb") as binary:
            header_line = binary.readline(MAX_HEADER_BYTES)
        first = next(csv.reader([header_line.decode("utf-8-sig")]), None)
    except UnicodeDecodeError as exc:
        raise DatasetError(path, "not UTF-8 text on line 1 (the header): is it CSV?") from exc
    except (OSError, EOFError, zlib.error) as exc:
        raise DatasetError(path, f"cannot be decompressed: {exc}") from exc
    except csv.Error as exc:
        raise DatasetError(path, f"the header row is not valid CSV: {exc}") from exc
    if not first or not any(cell.strip() for cell in first):
        raise DatasetError(path, "empty: no header row")
    return tuple(first)


def open_text(path: Path, fmt: SourceFormat) -> io.TextIOWrapper:
    """The file as UTF-8 text for Python's CSV reader; the caller closes it.

    Lines end at LF only (CRLF included), as the line numbers of the contract count them;
    a lone CR inside a quoted field is data. utf-8-sig drops a byte-order mark.
    """
    if fmt == "csv.gz":
        return gzip.open(path, "rt", encoding="utf-8-sig", errors="strict", newline="\n")
    return path.open(encoding="utf-8-sig", errors="strict", newline="\n")


def _parquet_header(con: Connection, path: Path) -> tuple[str, ...]:
    try:
        rows = con.execute(
            f"DESCRIBE SELECT * FROM read_parquet({sql_string(str(path))}, binary_as_string = true)"
        ).fetchall()
    except duckdb.Error as exc:  # DuckDB raises several types; all mean "not readable Parquet"
        first_line = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise DatasetError(path, f"not a readable Parquet file ({first_line})") from exc
    return tuple(str(row[0]) for row in rows)


def _match_columns(path: Path, header: tuple[str, ...], table: TableSpec) -> tuple[str | None, ...]:
    seen: dict[str, int] = {}
    matched: list[str | None] = []
    for position, name in enumerate(header):
        key = name.strip().lower()
        if key in seen:
            raise DatasetError(path, f"the header names column {name.strip()!r} twice")
        seen[key] = position
        matched.append(key if key in table.columns else None)
    missing = [column for column in table.required_columns if column not in seen]
    if missing:
        hint = ""
        if len(header) == 1 and (";" in header[0] or "\t" in header[0]):
            hint = " (the header looks separated by ';' or tabs; the contract requires commas)"
        raise DatasetError(path, f"missing required column(s): {', '.join(missing)}{hint}")
    return tuple(matched)
