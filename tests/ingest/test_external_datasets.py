"""The reader against datasets written from outside by tests/support (as another program would).

Each dataset is generated once per module; the 300 k-transaction ones are marked slow.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from tests.support.breakage import Breakage, break_dataset
from tests.support.contract_writer import TABLES, Manifest, write_dataset
from tests.support.table_files import Format
from tipflow.errors import DatasetError, QuarantineBoundExceeded
from tipflow.ingest import IngestOptions, IngestReport, load_dataset, validate_dataset

LARGE = 300_000
FORMATS_SIZE = 20_000
ALL_QUARANTINE = IngestOptions(max_quarantine=1.0)
#: Format variants of one dataset: name -> (format, typed Parquet columns).
VARIANTS: dict[str, tuple[Format, bool]] = {
    "csv": ("csv", False),
    "csv.gz": ("csv.gz", False),
    "parquet": ("parquet", False),
    "parquet-native": ("parquet", True),
}


@dataclass(frozen=True)
class Validated:
    report: IngestReport
    out: Path


def error_names(error: str, column: str) -> bool:
    """True if one `<columns>: <problem>` part of ``error`` names every column of ``column``."""
    wanted = set(column.split("/"))
    return any(
        wanted <= {name.strip() for name in part.split(":", 1)[0].split("/")}
        for part in error.split("; ")
    )


def quarantine_rows(out: Path, table: str) -> list[dict[str, str]]:
    with (out / "quarantine" / f"{table}.csv").open(newline="", encoding="utf-8") as text:
        return list(csv.DictReader(text))


def assert_quarantine_matches(out: Path, breakage: Breakage) -> None:
    """The quarantine holds exactly the broken lines, each naming the broken column."""
    for table in TABLES:
        expected = breakage.expected(table)
        path = out / "quarantine" / f"{table}.csv"
        if not expected:
            assert not path.exists(), f"{table}: quarantine file for a clean table"
            continue
        found = quarantine_rows(out, table)
        lines = [int(row["line"]) for row in found]
        assert sorted(lines) == sorted(expected), f"{table}: quarantined lines differ"
        for row in found:
            column = expected[int(row["line"])]
            assert error_names(row["error"], column), (table, row["line"], column, row["error"])
            assert row["file"] == f"{table}.csv", row["file"]


def assert_counts_match(report: IngestReport, breakage: Breakage) -> None:
    for table in TABLES:
        counts = report.tables[table]
        expected = breakage.expected(table)
        assert counts.read == breakage.read[table], table
        assert counts.accepted + counts.quarantined == counts.read, table
        assert counts.quarantined == len(expected), table
        reason_columns = {
            name.strip()
            for reason in counts.quarantine_reasons
            for name in reason.split(":", 1)[0].split("/")
        }
        wanted_columns = {name for column in expected.values() for name in column.split("/")}
        assert reason_columns == wanted_columns, table


# --- (i) and (ii): a clean and a broken 300 k dataset ----------------------------------------


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Manifest:
    return write_dataset(tmp_path_factory.mktemp("large"), transactions=LARGE, seed=11)


@pytest.fixture(scope="module")
def large_broken(large: Manifest, tmp_path_factory: pytest.TempPathFactory) -> Breakage:
    return break_dataset(large.path, tmp_path_factory.mktemp("large_broken"), seed=5)


@pytest.fixture(scope="module")
def large_broken_validated(
    large_broken: Breakage, tmp_path_factory: pytest.TempPathFactory
) -> Validated:
    out = tmp_path_factory.mktemp("large_broken_out")
    return Validated(validate_dataset(large_broken.path, out, ALL_QUARANTINE), out)


@pytest.mark.slow
def test_clean_dataset_is_accepted_whole(
    large: Manifest, tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("large_out")
    report = validate_dataset(large.path, out, IngestOptions(max_quarantine=0.01))
    for table in TABLES:
        counts = report.tables[table]
        assert counts.read == counts.accepted == large.rows[table], table
        assert counts.quarantined == 0, (table, counts.quarantine_reasons)
    assert not list(out.glob("quarantine/*")), "quarantine files for a clean dataset"
    assert json.loads((out / "run.json").read_text(encoding="utf-8"))


@pytest.mark.slow
def test_broken_dataset_counts_every_row(
    large_broken: Breakage, large_broken_validated: Validated
) -> None:
    assert_counts_match(large_broken_validated.report, large_broken)


@pytest.mark.slow
def test_broken_dataset_quarantines_exactly_the_broken_lines(
    large_broken: Breakage, large_broken_validated: Validated
) -> None:
    assert_quarantine_matches(large_broken_validated.out, large_broken)


# --- (iii): every format gives the same workspace ---------------------------------------------


@pytest.fixture(scope="module")
def workspaces(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Manifest, Path]]:
    """The same seed written as CSV, gzip CSV, Parquet of strings and typed Parquet, loaded."""
    root = tmp_path_factory.mktemp("formats")
    loaded = {}
    for name, (fmt, native) in VARIANTS.items():
        manifest = write_dataset(
            root / name, transactions=FORMATS_SIZE, seed=21, fmt=fmt, parquet_native_types=native
        )
        workspace = root / f"{name}.duckdb"
        load_dataset(manifest.path, workspace, IngestOptions(), replace=True)
        loaded[name] = (manifest, workspace)
    return loaded


def table_snapshot(
    con: duckdb.DuckDBPyConnection, database: str, table: str
) -> list[tuple[str, str]]:
    return con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() "
        "WHERE database_name = ? AND table_name = ? ORDER BY column_index",
        [database, table],
    ).fetchall()


@pytest.mark.parametrize("variant", [name for name in VARIANTS if name != "csv"])
def test_every_format_loads_the_same_workspace(
    variant: str, workspaces: dict[str, tuple[Manifest, Path]]
) -> None:
    manifest, reference = workspaces["csv"]
    _, other = workspaces[variant]
    con = duckdb.connect()
    con.execute(f"ATTACH '{reference}' AS reference (READ_ONLY)")
    con.execute(f"ATTACH '{other}' AS other (READ_ONLY)")
    for table in TABLES:
        columns = table_snapshot(con, "reference", table)
        assert columns, f"{table} missing from the workspace"
        assert table_snapshot(con, "other", table) == columns, table
        count = con.execute(f"SELECT count(*) FROM other.{table}").fetchone()
        assert count is not None and count[0] == manifest.rows[table], table
        for left, right in (("reference", "other"), ("other", "reference")):
            only = con.execute(
                f"SELECT count(*) FROM (SELECT * FROM {left}.{table} "
                f"EXCEPT ALL SELECT * FROM {right}.{table})"
            ).fetchone()
            assert only is not None and only[0] == 0, f"{table}: rows only in {left} ({variant})"
    con.close()


# --- (iv): line numbers below records that span two lines ------------------------------------


def test_multiline_records_keep_physical_line_numbers(tmp_path: Path) -> None:
    manifest = write_dataset(
        tmp_path / "multi", transactions=30_000, seed=31, multiline_descriptions=True
    )
    physical = manifest.file("transactions").read_bytes().count(b"\n")
    assert physical > manifest.rows["transactions"] + 1, "no record spans two lines"
    breakage = break_dataset(manifest.path, tmp_path / "broken", seed=32)
    out = tmp_path / "out"
    report = validate_dataset(breakage.path, out, ALL_QUARANTINE)
    assert_counts_match(report, breakage)
    assert_quarantine_matches(out, breakage)


# --- (v): the bound on the quarantined share -------------------------------------------------


@pytest.fixture(scope="module")
def small_broken(tmp_path_factory: pytest.TempPathFactory) -> Breakage:
    manifest = write_dataset(tmp_path_factory.mktemp("small"), transactions=3_000, seed=41)
    return break_dataset(manifest.path, tmp_path_factory.mktemp("small_broken"), seed=42)


def quarantined_share(breakage: Breakage) -> float:
    return len(breakage.rows) / sum(breakage.read.values())


def test_default_bound_stops_the_run_after_writing_the_outputs(
    small_broken: Breakage, tmp_path: Path
) -> None:
    assert quarantined_share(small_broken) > 0.01
    with pytest.raises(QuarantineBoundExceeded) as raised:
        validate_dataset(small_broken.path, tmp_path, IngestOptions())
    assert json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    assert_quarantine_matches(tmp_path, small_broken)
    assert_counts_match(raised.value.report, small_broken)


def test_a_bound_above_the_share_lets_the_run_finish(
    small_broken: Breakage, tmp_path: Path
) -> None:
    bound = quarantined_share(small_broken) * 1.01
    report = validate_dataset(small_broken.path, tmp_path, IngestOptions(max_quarantine=bound))
    assert_counts_match(report, small_broken)


# --- a file that cannot be read at all -------------------------------------------------------


def test_missing_required_column_stops_the_run_naming_file_and_column(tmp_path: Path) -> None:
    manifest = write_dataset(tmp_path / "data", transactions=500, seed=51)
    path = manifest.file("transactions")
    with path.open(newline="", encoding="utf-8") as text:
        records = list(csv.reader(text))
    amount = records[0].index("amount")
    with path.open("w", newline="", encoding="utf-8") as text:
        csv.writer(text).writerows([r[:amount] + r[amount + 1 :] for r in records])
    with pytest.raises(DatasetError) as raised:
        validate_dataset(manifest.path, tmp_path / "out", IngestOptions())
    assert "transactions.csv" in str(raised.value)
    assert "amount" in str(raised.value)
