"""tipflow compare: two results folders agree only when flags, networks, typologies and
evidence are the same and the scores are within the tolerance."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from tipflow.cli.app import app
from tipflow.detect.agreement import compare_results

ACCOUNTS = (
    "account_id,institution_id,risk_score,flagged,rank,crime,role,typologies,indicators,"
    "network_id,explanation\n"
    """A1,B,0.91,true,1,sex_trafficking,controller,t1,HT-1,NW-00001,why
A2,B,0.40,false,2,,,,,,
"""
)
NETWORKS = """network_id,risk_score,flagged,size,institutions,accounts,crime,typologies,explanation
NW-00001,0.91,true,1,B,A1,sex_trafficking,t1,why
"""


def _results(folder: Path, evidence_value: float = 5.0) -> Path:
    folder.mkdir()
    (folder / "accounts.csv").write_text(ACCOUNTS)
    (folder / "networks.csv").write_text(NETWORKS)
    duckdb.sql(
        "COPY (SELECT 'A1' AS account_id, 'HT-1' AS indicator_id,"
        f" {evidence_value}::DOUBLE AS value, 3.0::DOUBLE AS threshold,"
        " ['t1', 't2'] AS transaction_ids, 'd' AS detail)"
        f" TO '{folder / 'evidence.parquet'}' (FORMAT parquet)"
    )
    return folder


def test_a_folder_agrees_with_its_copy_and_a_rounding_step_is_allowed(tmp_path: Path) -> None:
    first = _results(tmp_path / "a")
    assert compare_results(first, first).agrees
    # figures are written to six places: one rounding step apart is not a disagreement
    assert compare_results(first, _results(tmp_path / "b", 5.000001)).agrees


def test_a_flag_a_score_or_an_evidence_value_apart_is_a_disagreement(tmp_path: Path) -> None:
    first = _results(tmp_path / "a")
    assert compare_results(first, _results(tmp_path / "b", 5.1)).evidence_values_apart == 1
    flipped = tmp_path / "c"
    shutil.copytree(first, flipped)
    (flipped / "accounts.csv").write_text(ACCOUNTS.replace("0.40,false", "0.40,true"))
    verdict = compare_results(first, flipped)
    assert verdict.flagged_differently == 1 and not verdict.agrees
    moved = tmp_path / "d"
    shutil.copytree(first, moved)
    (moved / "accounts.csv").write_text(ACCOUNTS.replace("0.91", "0.92"))
    (moved / "networks.csv").write_text(NETWORKS.replace("0.91", "0.92"))
    verdict = compare_results(first, moved)
    assert abs(verdict.largest_risk_difference - 0.01) < 1e-9
    assert verdict.network_differences == 1 and not verdict.agrees


def test_the_command_exits_1_on_disagreement_and_names_a_folder_that_is_not_results(
    tmp_path: Path,
) -> None:
    first = _results(tmp_path / "a")
    other = _results(tmp_path / "b", 7.0)
    runner = CliRunner()
    assert runner.invoke(app, ["compare", str(first), str(first)]).exit_code == 0
    assert runner.invoke(app, ["compare", str(first), str(other), "--json"]).exit_code == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    result = runner.invoke(app, ["compare", str(first), str(empty)])
    assert result.exit_code != 0 and "not a results folder" in result.output
