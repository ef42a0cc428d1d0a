"""The reader end to end on the hand-made examples: what is accepted, quarantined, written."""

from __future__ import annotations

import csv
import json
import re
import shutil
from pathlib import Path

import duckdb
import pytest

from tipflow.errors import QuarantineBoundExceeded, WorkspaceError
from tipflow.ingest import IngestOptions, load_dataset, validate_dataset
from tipflow.ingest.contract import TABLE_ORDER

LOOSE = IngestOptions(max_quarantine=1.0)


def _expected_broken_rows(readme: Path) -> set[tuple[str, int, str]]:
    """(file, line, error) from the table in examples/broken/README.md."""
    rows = set()
    for line in readme.read_text("utf-8").splitlines():
        match = re.match(r"\| `(\w+\.csv)` \| (\d+) \| .* \| `([^`]+)` \|$", line)
        if match:
            rows.add((match.group(1), int(match.group(2)), match.group(3)))
    return rows


def _quarantine(out: Path) -> set[tuple[str, int, str]]:
    found = set()
    for path in (out / "quarantine").glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            found |= {
                (row["file"], int(row["line"]), row["error"]) for row in csv.DictReader(handle)
            }
    return found


def test_tiny_is_accepted_whole(tiny_dataset: Path, tmp_path: Path) -> None:
    report = validate_dataset(tiny_dataset, tmp_path)
    assert report.status == "ok"
    assert report.totals is not None and report.totals.quarantined == 0
    assert report.tables["transactions"].read == 241
    assert report.tables["transactions"].extra_columns == ["core_banking_ref"]
    assert not list((tmp_path / "quarantine").glob("*.csv"))
    assert report.summary.institutions == {"BANK_NORTH": 17, "CREDIT_UNION_EAST": 8, "MSB_REMIT": 4}


def test_broken_quarantines_exactly_the_documented_rows(
    broken_dataset: Path, tmp_path: Path
) -> None:
    report = validate_dataset(broken_dataset, tmp_path, LOOSE)
    expected = _expected_broken_rows(broken_dataset / "README.md")
    assert len(expected) == 15
    assert _quarantine(tmp_path) == expected
    for table in report.tables.values():
        assert table.accepted + table.quarantined == table.read, table.table


def test_quarantine_keeps_the_original_text(broken_dataset: Path, tmp_path: Path) -> None:
    validate_dataset(broken_dataset, tmp_path, LOOSE)
    with (tmp_path / "quarantine" / "transactions.csv").open(
        encoding="utf-8", newline=""
    ) as handle:
        rows = {row["transaction_id"]: row for row in csv.DictReader(handle)}
    assert rows["TX-9003"]["timestamp"] == "31/12/2025 10:00"
    assert rows["TX-9002"]["amount"] == "-150.00"
    malformed = rows["TX-9008"]
    assert malformed["source_record"].endswith(",EXTRA")
    header = next(
        csv.reader(
            [(tmp_path / "quarantine" / "transactions.csv").read_text("utf-8").splitlines()[0]]
        )
    )
    assert header[-4:] == ["error", "file", "line", "source_record"]


def test_over_the_bound_fails_but_writes_everything(broken_dataset: Path, tmp_path: Path) -> None:
    with pytest.raises(
        QuarantineBoundExceeded, match=r"4\.16% of the rows were quarantined \(15 of 361\)"
    ):
        validate_dataset(broken_dataset, tmp_path)
    run = json.loads((tmp_path / "run.json").read_text("utf-8"))
    assert run["status"] == "failed"
    assert run["totals"]["quarantined"] == 15
    assert len(_quarantine(tmp_path)) == 15


def test_run_json_follows_the_results_contract(tiny_dataset: Path, tmp_path: Path) -> None:
    validate_dataset(tiny_dataset, tmp_path)
    run = json.loads((tmp_path / "run.json").read_text("utf-8"))
    assert run["tipflow_version"]
    assert run["config_hash"].startswith("sha256:")
    assert set(run["tables"]["parties"]) >= {"read", "accepted", "quarantined"}
    assert "read_transactions" in run["stage_seconds"]


def test_stale_quarantine_files_are_removed(
    broken_dataset: Path, tiny_dataset: Path, tmp_path: Path
) -> None:
    validate_dataset(broken_dataset, tmp_path, LOOSE)
    assert (tmp_path / "quarantine" / "parties.csv").exists()
    validate_dataset(tiny_dataset, tmp_path)
    assert not list((tmp_path / "quarantine").glob("*.csv"))


def test_load_writes_typed_normalised_tables(tiny_dataset: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "w.duckdb"
    load_dataset(tiny_dataset, workspace)
    con = duckdb.connect(str(workspace), read_only=True)
    try:
        types = dict(
            con.execute(
                "SELECT column_name, data_type FROM information_schema.columns "
                "WHERE table_name = 'transactions'"
            ).fetchall()
        )
        assert types["timestamp"] == "TIMESTAMP"
        assert types["amount"] == "DECIMAL(38,10)"
        assert types["utc_offset_minutes"] == "SMALLINT"
        phones = con.execute(
            "SELECT count(*) FROM parties WHERE phone_as_given IS NOT NULL AND phone IS NULL"
        ).fetchall()
        assert phones == [(0,)]
        bad = con.execute(
            "SELECT count(*) FROM parties WHERE phone NOT SIMILAR TO '\\+[1-9][0-9]{6,14}'"
        ).fetchall()
        assert bad == [(0,)]
        assert con.execute("SELECT count(*) FROM ingest_runs WHERE status = 'ok'").fetchall() == [
            (1,)
        ]
        mcc = con.execute(
            "SELECT DISTINCT length(merchant_category_code) FROM transactions "
            "WHERE merchant_category_code IS NOT NULL"
        ).fetchall()
        assert mcc == [(4,)]
    finally:
        con.close()


def test_load_refuses_to_overwrite_without_replace(tiny_dataset: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "w.duckdb"
    load_dataset(tiny_dataset, workspace)
    with pytest.raises(WorkspaceError, match="--replace"):
        load_dataset(tiny_dataset, workspace)
    load_dataset(tiny_dataset, workspace, replace=True)


def test_failed_load_leaves_no_half_workspace(tiny_dataset: Path, tmp_path: Path) -> None:
    dataset = tmp_path / "d"
    shutil.copytree(tiny_dataset, dataset)
    (dataset / "accounts.csv").write_bytes(b"")
    workspace = tmp_path / "w.duckdb"
    with pytest.raises(Exception, match="empty"):
        load_dataset(dataset, workspace)
    assert not workspace.exists()
    assert not list(tmp_path.glob("w.duckdb*"))


def test_load_keeps_quarantined_rows_in_the_workspace(broken_dataset: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "w.duckdb"
    load_dataset(broken_dataset, workspace, LOOSE)
    con = duckdb.connect(str(workspace), read_only=True)
    try:
        rows = con.execute(
            "SELECT transaction_id, line FROM quarantine_transactions ORDER BY line"
        ).fetchall()
    finally:
        con.close()
    assert [line for _, line in rows] == list(range(243, 253))


def test_same_data_as_csv_or_parquet_gives_identical_tables(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    as_parquet = tmp_path / "parquet"
    as_parquet.mkdir()
    con = duckdb.connect()
    for path in tiny_dataset.glob("*.csv"):
        con.execute(
            f"COPY (SELECT * FROM read_csv('{path}', all_varchar = true)) "
            f"TO '{as_parquet / path.stem}.parquet'"
        )
    con.close()
    load_dataset(tiny_dataset, tmp_path / "csv.duckdb")
    load_dataset(as_parquet, tmp_path / "parquet.duckdb")
    con = duckdb.connect()
    con.execute(f"ATTACH '{tmp_path / 'csv.duckdb'}' AS a (READ_ONLY)")
    con.execute(f"ATTACH '{tmp_path / 'parquet.duckdb'}' AS b (READ_ONLY)")
    try:
        for table in TABLE_ORDER:
            diff = con.execute(
                f"SELECT count(*) FROM ((FROM a.{table} EXCEPT ALL FROM b.{table}) "
                f"UNION ALL (FROM b.{table} EXCEPT ALL FROM a.{table}))"
            ).fetchall()
            assert diff == [(0,)], table
    finally:
        con.close()
