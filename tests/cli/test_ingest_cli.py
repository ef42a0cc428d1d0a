"""The ``tipflow`` command as a user runs it: validate, load, --json, exit status, messages."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from tipflow import __version__
from tipflow.cli.app import app

TIPFLOW = [sys.executable, "-m", "tipflow"]
runner = CliRunner()


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*TIPFLOW, *args], capture_output=True, text=True, timeout=120)


def test_version() -> None:
    result = _run("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"tipflow {__version__}"


def test_help_reads_like_a_product() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for words in ("human trafficking", "validate", "load", "screen", "tipflow demo"):
        assert words in result.output


def test_validate_tiny_prints_a_summary(tiny_dataset: Path, tmp_path: Path) -> None:
    result = _run("validate", str(tiny_dataset), "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for words in ("Rows per table", "transactions", "241", "BANK_NORTH", "Status ok"):
        assert words in result.stdout
    assert (tmp_path / "run.json").exists()


def test_validate_broken_fails_with_one_clear_message(broken_dataset: Path, tmp_path: Path) -> None:
    result = _run("validate", str(broken_dataset), "--out", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.count("error:") == 1
    assert "15 of 361" in result.stderr and "--max-quarantine" in result.stderr
    assert "Quarantine reasons" in result.stdout  # the summary still says what is wrong


def test_validate_broken_within_a_raised_bound(broken_dataset: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["validate", str(broken_dataset), "-o", str(tmp_path), "--max-quarantine", "0.05"]
    )
    assert result.exit_code == 0, result.output
    assert "amount: must be greater than 0" in result.output


def test_json_output_is_the_run_record(tiny_dataset: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["validate", str(tiny_dataset), "--out", str(tmp_path), "--json"])
    assert result.exit_code == 0
    record = json.loads(result.stdout)
    assert record == json.loads((tmp_path / "run.json").read_text("utf-8"))


def test_unreadable_dataset_is_one_line_on_stderr(tmp_path: Path) -> None:
    result = _run("validate", str(tmp_path / "missing"), "--out", str(tmp_path / "out"))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "no such dataset folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_json_failure_is_machine_readable(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["validate", str(tmp_path / "missing"), "-o", str(tmp_path), "--json"]
    )
    assert result.exit_code == 1
    assert json.loads(result.stdout)["status"] == "failed"


def test_bad_bound_is_a_usage_error(tiny_dataset: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["validate", str(tiny_dataset), "-o", str(tmp_path), "--max-quarantine", "2"]
    )
    assert result.exit_code == 2


def test_load_then_refuse_to_overwrite(tiny_dataset: Path, tmp_path: Path) -> None:
    workspace = tmp_path / "w.duckdb"
    assert _run("load", str(tiny_dataset), "--workspace", str(workspace)).returncode == 0
    again = _run("load", str(tiny_dataset), "--workspace", str(workspace))
    assert again.returncode == 1
    assert "--replace" in again.stderr
    assert _run("load", str(tiny_dataset), "-w", str(workspace), "--replace").returncode == 0
