"""Writing a table as another program would: CSV (RFC 4180), gzip-compressed CSV, or Parquet.

CSV is built with Arrow kernels and written as raw bytes, so that quoting is minimal (only
fields holding a comma, a quote or a line break are quoted, as Python's csv module and
spreadsheets do) and 10 M rows stay fast. Parquet holds strings by default; with native types
the columns a typed export would type are numbers and dates (timestamps stay strings, since
their UTC offsets must survive).
"""

from __future__ import annotations

import gzip
from pathlib import Path
from types import TracebackType
from typing import IO, Literal

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

Format = Literal["csv", "csv.gz", "parquet"]
FORMATS: tuple[Format, ...] = ("csv", "csv.gz", "parquet")

#: Column types of a typed Parquet export; every other column is a string.
NATIVE_TYPES: dict[str, dict[str, pa.DataType]] = {
    "parties": {
        "birth_date": pa.date32(),
        "declared_income": pa.float64(),
        "employee_count": pa.int64(),
        "onboarding_date": pa.date32(),
    },
    "accounts": {"opened_date": pa.date32(), "closed_date": pa.date32()},
    "transactions": {"amount": pa.decimal128(24, 8), "base_amount": pa.float64()},
    "labels": {"label_date": pa.date32()},
}
#: RFC 4180 ends records with CRLF; many exports use LF. Both occur here.
LINE_ENDINGS = {"parties": "\r\n", "transactions": "\r\n"}


class TableFile:
    """One table's file, written chunk by chunk (all chunks share the columns)."""

    def __init__(self, directory: Path, table: str, fmt: Format, native_types: bool) -> None:
        self.path = directory / f"{table}.{fmt}"
        self.table = table
        self.fmt = fmt
        self.native_types = native_types
        self.rows = 0
        self._eol = LINE_ENDINGS.get(table, "\n")
        self._raw: IO[bytes] | None = None
        self._stream: gzip.GzipFile | IO[bytes] | None = None
        self._parquet: pq.ParquetWriter | None = None

    def write(self, chunk: pa.Table) -> None:
        self.rows += chunk.num_rows
        if self.fmt == "parquet":
            typed = self._typed(chunk)
            if self._parquet is None:
                self._parquet = pq.ParquetWriter(self.path, typed.schema)
            self._parquet.write_table(typed)
            return
        if self._stream is None:
            self._raw = self.path.open("wb")
            stream: gzip.GzipFile | IO[bytes] = self._raw
            if self.fmt == "csv.gz":  # mtime=0: the same dataset gives the same bytes
                stream = gzip.GzipFile(fileobj=self._raw, mode="wb", compresslevel=1, mtime=0)
            stream.write((",".join(chunk.column_names) + self._eol).encode())
            self._stream = stream
        self._stream.write(csv_records(chunk, self._eol))

    def close(self) -> None:
        if self._parquet is not None:
            self._parquet.close()
        if self._stream is not None:
            self._stream.close()  # a GzipFile leaves the file under it open
        if self._raw is not None:
            self._raw.close()

    def __enter__(self) -> TableFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def _typed(self, chunk: pa.Table) -> pa.Table:
        native = NATIVE_TYPES.get(self.table, {}) if self.native_types else {}
        columns = []
        for name in chunk.column_names:
            column = chunk.column(name)
            if name in native:
                columns.append(pc.cast(column, native[name]))
            elif self.native_types:
                columns.append(column)  # a typed export keeps nulls as nulls
            else:
                columns.append(pc.fill_null(column, ""))  # a string dump writes empty strings
        return pa.table(columns, names=chunk.column_names)


def csv_records(chunk: pa.Table, eol: str) -> memoryview:
    """The CSV records of ``chunk`` (no header), as one buffer."""
    fields = [_csv_field(column.combine_chunks()) for column in chunk.columns]
    records = pc.binary_join_element_wise(*fields, ",")
    lines = pc.binary_join_element_wise(records, "", eol)  # record + eol + ""
    if isinstance(lines, pa.ChunkedArray):
        lines = lines.combine_chunks()
    offsets = np.frombuffer(lines.buffers()[1], np.int32)
    start, end = offsets[lines.offset], offsets[lines.offset + len(lines)]
    return memoryview(lines.buffers()[2])[start:end]


def _csv_field(values: pa.Array) -> pa.Array:
    text = pc.fill_null(values.cast(pa.string()), "")
    quote = _needs_quotes(text)
    if not quote.any():
        return text
    chosen = text.filter(pa.array(quote))
    quoted = pc.binary_join_element_wise('"', pc.replace_substring(chosen, '"', '""'), '"', "")
    return pc.replace_with_mask(text, pa.array(quote), quoted)


def _needs_quotes(text: pa.Array) -> npt.NDArray[np.bool_]:
    """Rows holding a comma, a quote or a line break: a byte scan, far cheaper than a regex."""
    offsets = np.frombuffer(text.buffers()[1], np.int32)[text.offset : text.offset + len(text) + 1]
    data_buffer = text.buffers()[2]
    quote = np.zeros(len(text), np.bool_)
    if data_buffer is None or offsets[-1] == offsets[0]:
        return quote
    data = np.frombuffer(data_buffer, np.uint8)[offsets[0] : offsets[-1]]
    special = np.flatnonzero(
        (data == ord(",")) | (data == ord('"')) | (data == ord("\n")) | (data == ord("\r"))
    )
    quote[np.searchsorted(offsets, special + offsets[0], side="right") - 1] = True
    return quote
