"""``tipflow simulate`` as a user runs it, then ``tipflow validate`` on what it wrote."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def test_simulate_then_validate(tmp_path: Path) -> None:
    world = tmp_path / "world"
    made = subprocess.run(
        [
            sys.executable,
            "-m",
            "tipflow",
            "simulate",
            "--out",
            str(world),
            "--customers",
            "400",
            "--days",
            "20",
            "--institutions",
            "3",
            "--seed",
            "5",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert made.returncode == 0, made.stderr
    assert "networks" in made.stdout
    assert (world / "truth" / "networks.csv").exists()
    checked = subprocess.run(
        [sys.executable, "-m", "tipflow", "validate", str(world), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stderr
    assert "Status ok" in checked.stdout


def test_bad_world_file_is_one_message(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("days: 2\n", "utf-8")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "tipflow",
            "simulate",
            "--out",
            str(tmp_path / "w"),
            "--config",
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "days" in result.stderr and "Traceback" not in result.stderr
