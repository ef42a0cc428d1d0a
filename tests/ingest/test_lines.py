"""Quarantined rows name the physical line where their record starts (header = line 1)."""

from __future__ import annotations

import csv
import gzip
from pathlib import Path

from tipflow.ingest import IngestOptions, validate_dataset
from tipflow.ingest.lines import _regular_lines

HEADER = (
    "transaction_id,timestamp,amount,currency,channel,from_account_id,to_account_id,description"
)


def _dataset(tmp_path: Path, body: str, *, gz: bool = False) -> Path:
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "parties.csv").write_text("party_id,party_type\nP1,person\n", "utf-8")
    (folder / "accounts.csv").write_text(
        "account_id,institution_id,party_id,account_type,currency\nA1,B,P1,current,CAD\n", "utf-8"
    )
    text = HEADER + "\n" + body
    if gz:
        (folder / "transactions.csv.gz").write_bytes(gzip.compress(text.encode()))
    else:
        (folder / "transactions.csv").write_text(text, "utf-8")
    return folder


def _quarantined_lines(tmp_path: Path, folder: Path) -> dict[str, int]:
    validate_dataset(folder, tmp_path / "out", IngestOptions(max_quarantine=1.0))
    with (tmp_path / "out" / "quarantine" / "transactions.csv").open(
        encoding="utf-8", newline=""
    ) as f:
        return {row["transaction_id"]: int(row["line"]) for row in csv.DictReader(f)}


def _row(tid: str, amount: str = "5", description: str = "") -> str:
    return f'{tid},2024-01-01T10:00:00,{amount},CAD,card,A1,,"{description}"\n'


def test_regular_lines_skip_rejected_records() -> None:
    # data rows 0..5; records 3 and 5 were rejected: rows sit on lines 2, 4, 6, 7, ...
    assert _regular_lines([0, 1, 2, 3], [3, 5]) == {0: 2, 1: 4, 2: 6, 3: 7}


def test_lines_around_a_malformed_record(tmp_path: Path) -> None:
    body = _row("T1") + _row("T2", "-1") + "T3,x,y,z,too,many,fields,here,extra\n" + _row("T4", "0")
    lines = _quarantined_lines(tmp_path, _dataset(tmp_path, body))
    assert lines == {"T2": 3, "T3": 4, "T4": 5}


def test_lines_after_a_field_with_line_breaks(tmp_path: Path) -> None:
    body = (
        _row("T1", description="two\nlines")
        + _row("T2", "-1")
        + _row("T3", description="a\r\nb\nc")
        + _row("T4", "0")
    )
    lines = _quarantined_lines(tmp_path, _dataset(tmp_path, body))
    assert lines == {"T2": 4, "T4": 8}


def test_lines_after_blank_lines(tmp_path: Path) -> None:
    body = _row("T1") + "\n\n" + _row("T2", "-1") + "\n" + _row("T3", "0")
    lines = _quarantined_lines(tmp_path, _dataset(tmp_path, body))
    assert lines == {"T2": 5, "T3": 7}


def test_lines_in_a_gzipped_irregular_file(tmp_path: Path) -> None:
    body = _row("T1", description="x\ny") + "T2,a,b\n" + _row("T3", "-2")
    lines = _quarantined_lines(tmp_path, _dataset(tmp_path, body, gz=True))
    assert lines == {"T2": 4, "T3": 5}


def test_last_line_without_a_line_break(tmp_path: Path) -> None:
    body = _row("T1") + _row("T2", "-1").rstrip("\n")
    lines = _quarantined_lines(tmp_path, _dataset(tmp_path, body))
    assert lines == {"T2": 3}


def test_crlf_file_with_a_malformed_record(tmp_path: Path) -> None:
    """RFC 4180 ends records with CRLF; a malformed record's text then ends with one too."""
    body = (_row("T1") + "T2,a,b\n" + _row("T3", "-1")).replace("\n", "\r\n")
    folder = _dataset(tmp_path, body)
    path = folder / "transactions.csv"
    path.write_bytes(path.read_bytes().replace(b"description\n", b"description\r\n"))
    assert _quarantined_lines(tmp_path, folder) == {"T2": 3, "T3": 4}
    quarantine = (tmp_path / "out" / "quarantine" / "transactions.csv").read_text("utf-8")
    assert "T2,a,b\r" not in quarantine
