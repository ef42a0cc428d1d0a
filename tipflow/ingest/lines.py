"""Which line of the file a row came from, for the quarantine's ``line`` column.

``line`` is the physical line where the record starts, as an editor or ``sed -n 'Np'`` shows it
(the header is line 1). For Parquet it is the 1-based row number.

DuckDB numbers rows only implicitly (a row's index in file order) and rejected records by
record count. In a *regular* CSV file (no blank lines, no line breaks inside fields) a record's
number is its line, and the line of data row *i* follows from the rejected records alone. A file
is regular when its physical lines are exactly its records (header, data rows, rejected
records), which one count of its line breaks tells. In an irregular file the lines are found by
one pass of Python's CSV parser. Both only run when some rows of the file are quarantined.
"""

from __future__ import annotations

import csv
import gzip
from collections.abc import Iterable, Iterator

from tipflow.ingest.discover import SourceFile, open_text

CHUNK_BYTES = 1 << 24


def parquet_lines(row_indexes: Iterable[int]) -> dict[int, int]:
    return {index: index + 1 for index in row_indexes}


def csv_lines(
    source: SourceFile, row_indexes: Iterable[int], rejected_records: list[int], data_rows: int
) -> tuple[dict[int, int], dict[int, int]]:
    """Lines of the data rows ``row_indexes`` and of the rejected records (by record number).

    ``data_rows`` is how many rows the scan produced (rejected records not included).
    """
    wanted = sorted(set(row_indexes))
    rejected = sorted(set(rejected_records))
    if not wanted and not rejected:
        return {}, {}
    if physical_lines(source) != 1 + data_rows + len(rejected):
        return _scan_lines(source, set(wanted), set(rejected))
    return _regular_lines(wanted, rejected), {record: record for record in rejected}


def _regular_lines(wanted: list[int], rejected: list[int]) -> dict[int, int]:
    """Data row *i* is on the (i+1)-th line after the header that is not a rejected record."""
    lines: dict[int, int] = {}
    skipped = 0
    for index in wanted:
        line = index + 2 + skipped
        while skipped < len(rejected) and rejected[skipped] <= line:
            skipped += 1
            line += 1
        lines[index] = line
    return lines


def physical_lines(source: SourceFile) -> int:
    """How many lines the file has (a last line without a line break counts)."""
    opener = gzip.open if source.format == "csv.gz" else open
    breaks = 0
    last = b""
    with opener(source.path, "rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            breaks += chunk.count(b"\n")
            last = chunk[-1:]
    return breaks + (1 if last not in (b"", b"\n") else 0)


def first_lone_carriage_return(source: SourceFile) -> int | None:
    """The line of the first CR not followed by LF, which DuckDB's CSV parser cannot place."""
    opener = gzip.open if source.format == "csv.gz" else open
    lines_before = 0
    carry = b""
    with opener(source.path, "rb") as stream:
        while chunk := stream.read(CHUNK_BYTES):
            data = carry + chunk
            # Keep a CR at the very end for the next chunk: its LF may be there.
            scan, carry = (data[:-1], data[-1:]) if data.endswith(b"\r") else (data, b"")
            position = next((i for i in _lone_cr_positions(scan)), None)
            if position is not None:
                return lines_before + scan.count(b"\n", 0, position) + 1
            lines_before += scan.count(b"\n")
    return lines_before + 1 if carry else None


def _lone_cr_positions(data: bytes) -> Iterator[int]:
    start = data.find(b"\r")
    while start >= 0:
        if data[start + 1 : start + 2] != b"\n":
            yield start
        start = data.find(b"\r", start + 1)


def _scan_lines(
    source: SourceFile, wanted: set[int], rejected: set[int]
) -> tuple[dict[int, int], dict[int, int]]:
    """Walk the records as DuckDB counts them (blank lines count, are not data)."""
    lines: dict[int, int] = {}
    rejected_lines: dict[int, int] = {}
    data_index = -1
    previous_end = 0
    with open_text(source.path, source.format) as text:
        reader = csv.reader(text)
        for record, fields in enumerate(reader, start=1):
            start, previous_end = previous_end + 1, reader.line_num
            if record == 1 or not fields:
                continue
            if record in rejected:
                rejected_lines[record] = start
                continue
            data_index += 1
            if data_index in wanted:
                lines[data_index] = start
            if len(lines) == len(wanted) and len(rejected_lines) == len(rejected):
                break
    return lines, rejected_lines
