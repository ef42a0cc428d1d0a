"""``tipflow ui`` refuses what is not a results folder with one line, before serving anything."""

from __future__ import annotations

from pathlib import Path

from tests.cli.test_screen_cli import tipflow


def test_a_folder_that_is_not_results_is_one_line_and_exit_1(tmp_path: Path) -> None:
    (tmp_path / "accounts.csv").write_text("account_id\n")
    run = tipflow("ui", str(tmp_path), "--port", "1")
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1, run.stderr
    assert "not a results folder of tipflow screen (missing networks.csv" in lines[0]
    assert not (tmp_path / "ui").exists()  # nothing written beside a wrong folder


def test_a_bad_fiu_profile_is_one_line(ui_results: Path, tmp_path: Path) -> None:
    profile = tmp_path / "profile.yaml"
    profile.write_text("- not a mapping\n")
    run = tipflow("ui", str(ui_results), "--fiu-profile", str(profile))
    assert run.returncode == 1
    assert "FIU profile is a mapping" in run.stderr and len(run.stderr.strip().splitlines()) == 1
