"""Read AMLworld laundering-pattern files (IBM, Altman et al., NeurIPS 2023).

A pattern file lists laundering *attempts*, each a block::

    BEGIN LAUNDERING ATTEMPT - FAN-OUT:  Max 16-degree Fan-Out
    2022/09/01 00:06,021174,800737690,012,80011F990,2848.96,Euro,2848.96,Euro,ACH,1
    ...
    END LAUNDERING ATTEMPT - FAN-OUT

with the columns of the Kaggle ``*_Trans.csv`` files: Timestamp, From Bank, From Account,
To Bank, To Account, Amount Received, Receiving Currency, Amount Paid, Payment Currency,
Payment Format, Is Laundering. Bank ids stay strings (they have leading zeros); an account is
the pair (bank, account). Lines are read one by one (blocks need a state machine); the columns
are then converted in bulk, and a bad value is traced back to its line only when conversion
fails. Any defect stops the read with one message naming the file and the line.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NoReturn

import numpy as np

from tipflow.errors import DatasetError
from tipflow.simulate.arrays import FloatArray, IntArray, StrArray

BEGIN = "BEGIN LAUNDERING ATTEMPT - "
END = "END LAUNDERING ATTEMPT - "
HEADER = "Timestamp,"
FIELDS = 11
TYPE = re.compile(r"^[A-Za-z][A-Za-z -]*$")


@dataclass(frozen=True)
class Patterns:
    """All attempts of a file: one entry per attempt, then one row per transaction."""

    path: Path
    kinds: tuple[str, ...]  # per attempt, normalised: fan_out, cycle, scatter_gather...
    details: tuple[str, ...]  # per attempt: the text after the colon ("Max 10 hops")
    begin_line: IntArray  # per attempt
    attempt: IntArray  # per row: index into kinds
    line: IntArray  # per row: line number in the file
    timestamp: np.ndarray  # per row, datetime64[m]
    from_bank: StrArray
    from_account: StrArray
    to_bank: StrArray
    to_account: StrArray
    amount_received: FloatArray
    receiving_currency: StrArray
    amount_paid: FloatArray
    payment_currency: StrArray
    payment_format: StrArray
    is_laundering: IntArray

    def __len__(self) -> int:
        return len(self.attempt)

    def counts(self) -> dict[str, int]:
        """Attempts per normalised type."""
        kinds, counts = np.unique(np.array(self.kinds, dtype=object), return_counts=True)
        return {str(k): int(c) for k, c in zip(kinds, counts, strict=True)}


def normalise_type(raw: str) -> str:
    """``FAN-OUT`` -> ``fan_out``, ``SCATTER-GATHER`` -> ``scatter_gather``."""
    return re.sub(r"[\s-]+", "_", raw.strip()).lower()


def read_patterns(path: Path) -> Patterns:
    """Parse ``path``; raises :class:`DatasetError` naming the file and line of any defect."""
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError as exc:
        raise DatasetError(path, "no such pattern file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise DatasetError(path, f"cannot be read as UTF-8 text ({exc})") from exc
    kinds: list[str] = []
    details: list[str] = []
    begins: list[int] = []
    rows: list[str] = []
    row_lines: list[int] = []
    row_attempt: list[int] = []
    open_type: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):  # CRLF and LF alike
        line = raw.strip()
        if not line:
            continue
        if line.startswith(BEGIN):
            if open_type is not None:
                _fail(path, number, f"BEGIN inside the unfinished {open_type} attempt")
            kind, _, detail = line[len(BEGIN) :].partition(":")
            if not TYPE.match(kind.strip()):
                _fail(path, number, f"pattern type {kind.strip()!r} is not a word like FAN-OUT")
            open_type = kind.strip().upper()
            kinds.append(normalise_type(kind))
            details.append(detail.strip())
            begins.append(number)
        elif line.startswith(END):
            closing = line[len(END) :].strip().upper()
            if open_type is None:
                _fail(path, number, "END without a BEGIN")
            if closing != open_type:
                _fail(path, number, f"END {closing} closes a {open_type} attempt")
            open_type = None
        elif line.startswith(HEADER):
            continue  # a Kaggle-style header line, tolerated anywhere
        elif open_type is None:
            _fail(path, number, "a transaction line outside BEGIN/END LAUNDERING ATTEMPT")
        else:
            rows.append(line)
            row_lines.append(number)
            row_attempt.append(len(kinds) - 1)
    if open_type is not None:
        _fail(path, begins[-1], f"the {open_type} attempt that starts here has no END line")
    if not kinds:
        raise DatasetError(path, "no BEGIN LAUNDERING ATTEMPT blocks: not an AMLworld pattern file")
    return _columns(path, kinds, details, begins, rows, row_lines, row_attempt)


def _columns(
    path: Path,
    kinds: list[str],
    details: list[str],
    begins: list[int],
    rows: list[str],
    row_lines: list[int],
    row_attempt: list[int],
) -> Patterns:
    fields = list(csv.reader(rows))
    for values, number in zip(fields, row_lines, strict=True):
        if len(values) != FIELDS:
            _fail(path, number, f"{len(values)} comma-separated fields, expected {FIELDS}")
    table = np.array(fields, dtype=object).reshape(len(fields), FIELDS)
    lines = np.array(row_lines, dtype=np.int64)
    stamps = np.char.replace(np.char.replace(table[:, 0].astype(str), "/", "-"), " ", "T")
    timestamp = _convert(path, lines, stamps, "datetime64[m]", "timestamp (YYYY/MM/DD HH:MM)")
    received = _convert(path, lines, table[:, 5].astype(str), "float64", "Amount Received")
    paid = _convert(path, lines, table[:, 7].astype(str), "float64", "Amount Paid")
    flag = _convert(path, lines, table[:, 10].astype(str), "int64", "Is Laundering (0 or 1)")
    not_flag = np.flatnonzero((flag != 0) & (flag != 1))
    if len(not_flag):
        _fail(path, int(lines[not_flag[0]]), "Is Laundering must be 0 or 1")
    for column, name in ((received, "Amount Received"), (paid, "Amount Paid")):
        bad = np.flatnonzero(~np.isfinite(column) | (column <= 0))
        if len(bad):
            _fail(path, int(lines[bad[0]]), f"{name} must be a positive number")
    for k, name in ((1, "From Bank"), (2, "From Account"), (3, "To Bank"), (4, "To Account")):
        empty = np.flatnonzero(np.char.str_len(table[:, k].astype(str)) == 0)
        if len(empty):
            _fail(path, int(lines[empty[0]]), f"{name} is empty")
    return Patterns(
        path=path,
        kinds=tuple(kinds),
        details=tuple(details),
        begin_line=np.array(begins, dtype=np.int64),
        attempt=np.array(row_attempt, dtype=np.int64),
        line=lines,
        timestamp=timestamp,
        from_bank=table[:, 1],
        from_account=table[:, 2],
        to_bank=table[:, 3],
        to_account=table[:, 4],
        amount_received=received,
        receiving_currency=table[:, 6],
        amount_paid=paid,
        payment_currency=table[:, 8],
        payment_format=table[:, 9],
        is_laundering=flag,
    )


def _convert(path: Path, lines: IntArray, values: np.ndarray, dtype: str, what: str) -> np.ndarray:
    """Bulk conversion; on failure, find the first bad value (rare) to name its line."""
    try:
        return np.asarray(values.astype(dtype))
    except ValueError:
        for value, number in zip(values, lines, strict=True):
            try:
                np.array([value]).astype(dtype)
            except ValueError:
                _fail(path, int(number), f"{what}: cannot read {str(value)!r}")
        raise


def _fail(path: Path, line: int, problem: str) -> NoReturn:
    raise DatasetError(path, f"line {line}: {problem}")
