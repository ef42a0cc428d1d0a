"""The stage query: one scan, projections only, so rowid keeps the file's row order."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipflow.engine.duckdb import connect
from tipflow.ingest.contract import load_contract
from tipflow.ingest.discover import read_source
from tipflow.ingest.stage import extra_column_names, plan_stage, stage_table


@pytest.mark.parametrize("table", ["parties", "accounts", "transactions", "watchlist"])
def test_stage_plan_has_no_join_so_file_order_is_kept(tiny_dataset: Path, table: str) -> None:
    """DuckDB documents joins as not order-preserving; a join here would scramble line numbers."""
    con = connect(None)
    try:
        spec = load_contract().tables[table]
        source = read_source(con, tiny_dataset / f"{table}.csv", spec)
        select = plan_stage(spec, source).sql.split(" AS\n", 1)[1]
        plan = "\n".join(str(row[1]) for row in con.execute(f"EXPLAIN {select}").fetchall())
    finally:
        con.close()
    assert "JOIN" not in plan.upper(), plan


def test_rowid_follows_file_order(tiny_dataset: Path) -> None:
    con = connect(None)
    try:
        spec = load_contract().tables["transactions"]
        source = read_source(con, tiny_dataset / "transactions.csv", spec)
        con.execute(plan_stage(spec, source).sql)
        staged = [
            r[0]
            for r in con.execute(
                f"SELECT transaction_id FROM {stage_table('transactions')} ORDER BY rowid"
            ).fetchall()
        ]
    finally:
        con.close()
    import csv

    with (tiny_dataset / "transactions.csv").open(encoding="utf-8", newline="") as handle:
        written = [row["transaction_id"] for row in csv.DictReader(handle)]
    assert staged == written


def test_absent_table_gets_the_same_types_as_a_read_one(tiny_dataset: Path) -> None:
    con = connect(None)
    try:
        spec = load_contract().tables["labels"]
        con.execute(plan_stage(spec, None).sql)
        absent = con.execute(f"DESCRIBE {stage_table('labels')}").fetchall()
        con.execute(f"DROP TABLE {stage_table('labels')}")
        con.execute(plan_stage(spec, read_source(con, tiny_dataset / "labels.csv", spec)).sql)
        present = con.execute(f"DESCRIBE {stage_table('labels')}").fetchall()
    finally:
        con.close()
    assert [(r[0], r[1]) for r in absent] == [(r[0], r[1]) for r in present]


def test_extra_columns_that_clash_with_ours_are_renamed(tmp_path: Path) -> None:
    path = tmp_path / "parties.csv"
    path.write_text("party_id,party_type,phone_as_given,note,\nP1,person,x,y,z\n", "utf-8")
    con = connect(None)
    try:
        spec = load_contract().tables["parties"]
        source = read_source(con, path, spec)
    finally:
        con.close()
    names = [name for _, name in extra_column_names(source, spec)]
    assert names == ["extra_phone_as_given", "note", "unnamed_5"]
