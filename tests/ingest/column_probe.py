"""Run the reader's real stage query over one column of values, for unit and property tests.

The values are written to a real CSV file (Python's csv module quotes them as RFC 4180 says),
read back through ``read_source`` and ``plan_stage`` exactly as the pipeline does, and the
stage rows are returned in file order with their errors and warnings split into lists.
"""

from __future__ import annotations

import csv
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tipflow.engine.duckdb import connect
from tipflow.ingest import IngestOptions, IngestReport, validate_dataset
from tipflow.ingest.contract import load_contract
from tipflow.ingest.discover import SourceFile, read_source
from tipflow.ingest.stage import ROW_ERROR, ROW_WARNING, plan_stage, stage_table


@dataclass(frozen=True)
class ProbedRow:
    values: dict[str, Any]
    errors: list[str]
    warnings: list[str]

    def errors_of(self, column: str) -> list[str]:
        return [e for e in self.errors if e.split(":", 1)[0] == column]

    def warnings_of(self, column: str) -> list[str]:
        return [w for w in self.warnings if w.split(":", 1)[0] == column]


def write_csv(path: Path, header: list[str], rows: list[list[str | None]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows([["" if v is None else v for v in row] for row in rows])
    return path


def probe(folder: Path, table: str, columns: dict[str, list[str | None]]) -> list[ProbedRow]:
    """Stage rows for the given columns of ``table`` (other contract columns are absent)."""
    spec = load_contract().tables[table]
    header = list(columns)
    length = len(next(iter(columns.values())))
    rows = [[columns[name][i] for name in header] for i in range(length)]
    folder.mkdir(parents=True, exist_ok=True)
    path = write_csv(folder / f"{table}.csv", header, rows)
    con = connect(None)
    try:
        source: SourceFile = read_source_lenient(con, path, table)
        con.execute(plan_stage(spec, source).sql)
        result = con.execute(f"SELECT * FROM {stage_table(table)} ORDER BY rowid")
        names = [d[0] for d in result.description]
        out: list[ProbedRow] = []
        for record in result.fetchall():
            values = dict(zip(names, record, strict=True))
            errors = values.pop(ROW_ERROR)
            warnings = values.pop(ROW_WARNING)
            out.append(
                ProbedRow(
                    values,
                    errors.split("; ") if errors else [],
                    warnings.split("; ") if warnings else [],
                )
            )
        return out
    finally:
        con.close()


def read_source_lenient(con: Any, path: Path, table: str) -> SourceFile:
    """``read_source`` without the required-column check (probes test one column at a time)."""
    spec = load_contract().tables[table]
    relaxed = spec.model_copy(
        update={
            "columns": {
                name: col.model_copy(update={"required": False})
                for name, col in spec.columns.items()
            }
        }
    )
    return read_source(con, path, relaxed)


LOOSE = IngestOptions(max_quarantine=1.0)


def one_row(tmp_path: Path, table: str, columns: dict[str, str | None]) -> ProbedRow:
    """The stage row of a one-row file holding ``columns``."""
    (row,) = probe(tmp_path, table, {name: [value] for name, value in columns.items()})
    return row


def one_value(tmp_path: Path, table: str, column: str, value: str | None) -> ProbedRow:
    return one_row(tmp_path, table, {column: value})


def tiny_with(
    tiny: Path, tmp_path: Path, table: str, row: int, column: str, value: str
) -> IngestReport:
    """Validate a copy of tiny whose data row ``row`` (0-based) of ``table`` has ``value``."""
    dataset = tmp_path / "dataset"
    shutil.copytree(tiny, dataset)
    path = dataset / f"{table}.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle))
    records[row + 1][records[0].index(column)] = value
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(records)
    return validate_dataset(dataset, tmp_path / "out", LOOSE)
