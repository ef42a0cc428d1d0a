"""The AMLworld transaction reader, its time-ordered features and the published protocol, on
files in that format written by the tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.cli.test_screen_cli import tipflow
from tests.support.amlworld_file import HEADER, write_amlworld_file
from tipflow.engine.duckdb import connect
from tipflow.errors import DatasetError
from tipflow.score.amlworld_benchmark import run_benchmark
from tipflow.score.amlworld_reader import read_amlworld
from tipflow.score.transaction_features import TRANSACTION_FEATURES, build_transaction_features

LINE = "2022/09/01 00:20,{bank},{account},00220,8001A6140,{amount},Euro,{amount},Euro,{fmt},{label}"


def _read(path: Path) -> list[tuple[object, ...]]:
    con = connect(None)
    try:
        read_amlworld(con, path)
        return con.execute("SELECT * FROM aml_transactions ORDER BY row_number").fetchall()
    finally:
        con.close()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(
            st.from_regex(r"0{0,3}[0-9]{1,5}", fullmatch=True),
            st.from_regex(r"8[0-9A-F]{8}", fullmatch=True),
            st.decimals(min_value=0, max_value=10**9, places=2),
            st.sampled_from(["ACH", "Wire", "Cheque", "Credit Card", "Bitcoin", "Cash"]),
            st.sampled_from(["0", "1"]),
        ),
        min_size=1,
        max_size=20,
    )
)
def test_rows_read_back_exactly(
    tmp_path: Path, rows: list[tuple[str, str, object, str, str]]
) -> None:
    path = tmp_path / "trans.csv"
    lines = [LINE.format(bank=b, account=a, amount=m, fmt=f, label=y) for b, a, m, f, y in rows]
    path.write_text(HEADER + "\n" + "\n".join(lines) + "\n", "utf-8")
    read = _read(path)
    assert [(r[2], r[4], r[5], r[9]) for r in read] == [
        (f"{b}:{a}", float(str(m)), "Euro", int(y)) for b, a, m, _, y in rows
    ]
    assert [r[8] for r in read] == [f for *_, f, _ in rows]


def test_a_wrong_header_or_value_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "trans.csv"
    path.write_text("Timestamp,From,To\n", "utf-8")
    with pytest.raises(DatasetError, match="line 1: not an AMLworld transaction header"):
        _read(path)
    good = LINE.format(bank="011", account="800A", amount="10.00", fmt="ACH", label="0")
    path.write_text(f"{HEADER}\n{good}\n{good.replace('2022/09/01', '01-09-2022')}\n", "utf-8")
    with pytest.raises(DatasetError, match="line 3: Timestamp does not parse"):
        _read(path)


def _features(path: Path) -> dict[int, tuple[object, ...]]:
    con = connect(None)
    try:
        read_amlworld(con, path)
        build_transaction_features(con)
        rows = con.execute(
            f"SELECT row_number, {', '.join(TRANSACTION_FEATURES)} FROM aml_features"
        ).fetchall()
    finally:
        con.close()
    return {int(row[0]): tuple(row[1:]) for row in rows}


def test_features_never_see_the_future(tmp_path: Path) -> None:
    whole = tmp_path / "whole.csv"
    write_amlworld_file(whole, accounts=120, days=10)
    lines = whole.read_text("utf-8").splitlines()
    cut = next(i for i, line in enumerate(lines) if line.startswith("2022/09/06"))
    early = tmp_path / "early.csv"
    early.write_text("\n".join(lines[:cut]) + "\n", "utf-8")
    before, after = _features(early), _features(whole)
    changed = [n for n, values in before.items() if values != after[n]]
    assert not changed, f"{len(changed)} early transactions changed when later ones were added"
    assert any(
        values[TRANSACTION_FEATURES.index("payer_payees_day")] > 3 for values in after.values()
    )


def test_protocol_splits_by_whole_days_and_finds_laundering(tmp_path: Path) -> None:
    path = tmp_path / "trans.csv"
    write_amlworld_file(path)
    result = run_benchmark(path, seeds=5)
    assert len(result["runs"]) == 5 and result["laundering"] > 0
    assert 0 < result["split_days"]["validation_from"] < result["split_days"]["test_from"]
    split = result["split_transactions"]
    assert sum(split.values()) == result["transactions"]
    assert 0.5 < split["train"] / result["transactions"] < 0.7
    assert result["minority_f1"]["mean"] > 0.8


def test_one_day_cannot_be_split_in_time(tmp_path: Path) -> None:
    path = tmp_path / "trans.csv"
    row = LINE.format(bank="011", account="800A", amount="10.00", fmt="ACH", label="1")
    path.write_text(HEADER + "\n" + "\n".join([row] * 10) + "\n", "utf-8")
    with pytest.raises(DatasetError, match="too few days"):
        run_benchmark(path, seeds=1)


def test_cli_prints_the_protocols_figures(tmp_path: Path) -> None:
    path = tmp_path / "trans.csv"
    write_amlworld_file(path)
    run = tipflow("benchmark", "amlworld", str(path), "--seeds", "2", "--json")
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["seeds"] == 2
    broken = tipflow("benchmark", "amlworld", str(tmp_path / "missing.csv"))
    assert broken.returncode != 0 and "no such file" in broken.stderr
