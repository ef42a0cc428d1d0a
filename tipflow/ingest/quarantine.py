"""Gather a table's quarantined rows, as written in the file, with their reasons and lines.

The stage table knows *which* rows failed and why, but holds normalised values. The original
text of the failing rows is read again from the file by row index (numbering rows costs a
single-threaded scan, paid only when something failed). Malformed CSV records, which DuckDB set
aside during the scan, are split by Python's CSV parser as far as they go, and their whole text
is kept in ``source_record``.

The result is a workspace table ``quarantine_<table>``: the file's columns, then ``error``,
``file`` and ``line`` (the contract's quarantine columns), sorted by line.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import pyarrow as pa

from tipflow.engine.duckdb import Connection
from tipflow.engine.sql import quote_identifier as q
from tipflow.engine.sql import sql_string
from tipflow.engine.workspace import row_count
from tipflow.ingest.discover import SourceFile
from tipflow.ingest.lines import csv_lines, parquet_lines
from tipflow.ingest.postchecks import DUPLICATE, POST_FAILURES
from tipflow.ingest.source import RejectedRecord, raw_name, source_sql
from tipflow.ingest.stage import ROW_ERROR, stage_table

QUARANTINE_COLUMNS = ("error", "file", "line")
SOURCE_RECORD = "source_record"
_FIRST_AT_LINE = re.compile(r" \(first at line \d+\)$")


def quarantine_table(table: str) -> str:
    return f"quarantine_{table}"


def reason_of(message: str) -> str:
    """The message without its row-specific detail, for counting rows per reason."""
    return _FIRST_AT_LINE.sub("", message)


@dataclass(frozen=True)
class QuarantineResult:
    rows: int
    reasons: dict[str, int]
    row_indexes: tuple[int, ...]  # of the stage rows to delete


def collect_quarantine(
    con: Connection, source: SourceFile, rejected: list[RejectedRecord]
) -> QuarantineResult:
    """Build ``quarantine_<table>`` for ``source`` and say which stage rows it took."""
    messages = _messages_by_row(con, source.table)
    related = _related_rows(con, source.table)
    row_indexes = sorted(messages)
    if source.is_csv:
        data_rows = row_count(con, stage_table(source.table))
        lines, rejected_lines = csv_lines(
            source, [*row_indexes, *related.values()], [r.record for r in rejected], data_rows
        )
    else:
        lines, rejected_lines = parquet_lines([*row_indexes, *related.values()]), {}

    header = _output_header(source, with_record=bool(rejected))
    columns: dict[str, list[object]] = {name: [] for name in header}
    reasons: Counter[str] = Counter()

    for index, raw in zip(row_indexes, _raw_rows(con, source, row_indexes), strict=True):
        row_messages = [
            f"{m} (first at line {lines[related[index]]})" if m.endswith(DUPLICATE) else m
            for m in messages[index]
        ]
        _append(columns, source, list(raw), "; ".join(row_messages), lines[index], None)
        reasons.update(reason_of(m) for m in row_messages)
    for record in rejected:
        problem = f"row: malformed CSV record, {record.kind.lower()}"
        text = record.text.strip("\r\n")  # DuckDB may include the previous CRLF's LF
        line = rejected_lines.get(record.record, record.record)
        _append(columns, source, split_record(text), problem, line, text)
        reasons[problem] += 1

    _store(con, source.table, header, columns)
    return QuarantineResult(
        rows=len(row_indexes) + len(rejected), reasons=dict(reasons), row_indexes=tuple(row_indexes)
    )


def split_record(text: str) -> list[str | None]:
    """A malformed record's fields as far as they go (empty ones as None); [] if none can."""
    try:
        fields = next(csv.reader(io.StringIO(text)), [])
    except csv.Error:
        return []
    return [value or None for value in fields]


def _messages_by_row(con: Connection, table: str) -> dict[int, list[str]]:
    messages: dict[int, list[str]] = {}
    stage = q(stage_table(table))
    for index, error in con.execute(
        f"SELECT rowid, {ROW_ERROR} FROM {stage} WHERE {ROW_ERROR} IS NOT NULL"
    ).fetchall():
        messages[int(index)] = str(error).split("; ")
    for index, message in con.execute(
        f"SELECT row_index, message FROM {POST_FAILURES} WHERE table_name = ? ORDER BY message",
        [table],
    ).fetchall():
        messages.setdefault(int(index), []).append(str(message))
    return messages


def _related_rows(con: Connection, table: str) -> dict[int, int]:
    rows = con.execute(
        f"SELECT row_index, related_row_index FROM {POST_FAILURES} "
        "WHERE table_name = ? AND related_row_index IS NOT NULL",
        [table],
    ).fetchall()
    return {int(index): int(related) for index, related in rows}


def _raw_rows(
    con: Connection, source: SourceFile, row_indexes: list[int]
) -> list[tuple[object, ...]]:
    """The wanted rows' text as in the file, in row-index order."""
    if not row_indexes:
        return []
    con.execute("CREATE OR REPLACE TEMP TABLE _wanted_rows (row_index BIGINT)")
    con.execute("INSERT INTO _wanted_rows SELECT unnest(?)", [row_indexes])
    raw_columns = ", ".join(raw_name(i) for i in range(len(source.header)))
    return con.execute(
        f"SELECT {raw_columns} FROM ("
        f"  SELECT row_number() OVER () - 1 AS __row_index, *"
        f"  FROM ({source_sql(source, store_rejects=False)})) AS r "
        f"SEMI JOIN _wanted_rows AS w ON r.__row_index = w.row_index "
        f"ORDER BY r.__row_index"
    ).fetchall()


def _output_header(source: SourceFile, *, with_record: bool) -> list[str]:
    """The file's column names, then ours; a file column that clashes with ours is renamed."""
    ours = [*QUARANTINE_COLUMNS, *([SOURCE_RECORD] if with_record else [])]
    names: list[str] = []
    for name in source.header:
        while name in ours or name in names:
            name = f"{name}_input"
        names.append(name)
    return names + ours


def _append(
    columns: dict[str, list[object]],
    source: SourceFile,
    fields: Sequence[object],
    error: str,
    line: int,
    record_text: str | None,
) -> None:
    names = list(columns)
    for position in range(len(source.header)):
        columns[names[position]].append(fields[position] if position < len(fields) else None)
    columns["error"].append(error)
    columns["file"].append(source.name)
    columns["line"].append(line)
    if SOURCE_RECORD in columns:
        columns[SOURCE_RECORD].append(record_text)


def _store(
    con: Connection, table: str, header: list[str], columns: dict[str, list[object]]
) -> None:
    arrow_columns = {
        name: pa.array(values, type=pa.int64() if name == "line" else pa.string())
        for name, values in columns.items()
    }
    rows = pa.table(arrow_columns)
    con.register("_quarantine_rows", rows)
    try:
        selected = ", ".join(q(name) for name in header)
        con.execute(
            f"CREATE OR REPLACE TABLE {q(quarantine_table(table))} AS "
            f"SELECT {selected} FROM _quarantine_rows ORDER BY line"
        )
    finally:
        con.unregister("_quarantine_rows")


def write_quarantine_csv(con: Connection, table: str, path: str) -> None:
    con.execute(
        f"COPY (SELECT * FROM {q(quarantine_table(table))} ORDER BY line) "
        f"TO {sql_string(path)} (HEADER, DELIMITER ',')"
    )
