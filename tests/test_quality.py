"""The code standards are tests, so the README's one test command enforces them too."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
LIMIT_LINES = 400


def _tool(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=600
    )


def test_ruff_lint() -> None:
    result = _tool("ruff", "check", "tipflow", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format() -> None:
    result = _tool("ruff", "format", "--check", "tipflow", "tests", "benchmarks")
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict() -> None:
    result = _tool("mypy")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", sorted((REPO / "tipflow").rglob("*.py")), ids=lambda p: p.name)
def test_modules_stay_short(path: Path) -> None:
    lines = len(path.read_text("utf-8").splitlines())
    assert lines <= LIMIT_LINES, (
        f"{path.relative_to(REPO)} has {lines} lines: split it by responsibility"
    )


def test_package_is_typed() -> None:
    assert (REPO / "tipflow" / "py.typed").exists()
