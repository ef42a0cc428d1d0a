"""SQL that reads a table file as text columns ``__raw_0 .. __raw_n``, in file order.

CSV is read with every column as VARCHAR so that no value is lost to type guessing; malformed
records (a wrong number of fields, a broken quote, bad UTF-8) are set aside by DuckDB in a
rejects table with their line. Parquet columns of any type are cast to their text form, so that
the same checks serve both formats and the same data gives the same workspace tables.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from tipflow.engine.duckdb import Connection
from tipflow.engine.sql import quote_identifier, sql_string
from tipflow.errors import DatasetError
from tipflow.ingest.discover import SourceFile
from tipflow.ingest.lines import first_lone_carriage_return


def raw_name(position: int) -> str:
    return f"__raw_{position}"


def rejects_table(source: SourceFile) -> str:
    return f"_rejects_{source.table}"


def source_sql(source: SourceFile, *, store_rejects: bool = True) -> str:
    """A SELECT yielding the file's columns as ``__raw_<position>`` VARCHAR, in file order."""
    path = sql_string(str(source.path))
    if not source.is_csv:
        columns = ", ".join(
            f"CAST({quote_identifier(name)} AS VARCHAR) AS {raw_name(i)}"
            for i, name in enumerate(source.header)
        )
        return f"SELECT {columns} FROM read_parquet({path}, binary_as_string = true)"
    column_types = ", ".join(f"'{raw_name(i)}': 'VARCHAR'" for i in range(len(source.header)))
    options = [
        f"columns = {{{column_types}}}",
        "header = true",
        "auto_detect = false",
        "delim = ','",
        "quote = '\"'",
        "escape = '\"'",
        "strict_mode = true",
        "null_padding = false",
        f"compression = '{'gzip' if source.format == 'csv.gz' else 'none'}'",
    ]
    if store_rejects:
        name = rejects_table(source)
        options += [
            "store_rejects = true",
            f"rejects_table = '{name}'",
            f"rejects_scan = '{name}_scans'",
        ]
    else:
        options.append("ignore_errors = true")
    raw_columns = ", ".join(raw_name(i) for i in range(len(source.header)))
    return f"SELECT {raw_columns} FROM read_csv({path}, {', '.join(options)})"


#: DuckDB's errors for a file it cannot scan at all; errors in tipflow's own SQL stay bugs.
SCAN_ERRORS = (duckdb.InvalidInputException, duckdb.IOException)


def scan_error(source: SourceFile, error: Exception) -> DatasetError:
    """One clear message for a file DuckDB could not scan, naming the likely cause."""
    detail = str(error).splitlines()[0] if str(error) else type(error).__name__
    if not source.is_csv:
        return DatasetError(source.path, f"cannot be read as Parquet ({detail})")
    line = first_lone_carriage_return(source)
    if line is not None:
        return DatasetError(
            source.path,
            f"cannot be read as CSV: a carriage return inside an unquoted field on line {line}; "
            "quote the field or remove the character",
        )
    return DatasetError(source.path, f"cannot be read as CSV ({detail})")


@dataclass(frozen=True)
class RejectedRecord:
    """A CSV record DuckDB could not split into the header's columns."""

    record: int  # DuckDB's line: the record's number, header = 1, blank lines counted
    kind: str  # DuckDB's error type, e.g. "TOO MANY COLUMNS"
    text: str  # the record as written


def rejected_records(con: Connection, source: SourceFile) -> list[RejectedRecord]:
    """The malformed records of the last scan of ``source``; stops on bad encoding."""
    if not source.is_csv:
        return []
    rows = con.execute(
        f"SELECT line, any_value(CAST(error_type AS VARCHAR)), any_value(csv_line) "
        f"FROM {rejects_table(source)} GROUP BY line ORDER BY line"
    ).fetchall()
    records = [RejectedRecord(int(line), str(kind), str(text or "")) for line, kind, text in rows]
    for record in records:
        if record.kind == "INVALID ENCODING":
            raise DatasetError(
                source.path,
                f"not UTF-8 encoded (first bad bytes in the record at line {record.record})",
            )
    return records
