"""Fixtures shared by the whole suite: where the repository, examples and shared folder are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = REPO_ROOT / "examples"
#: The read-only shared folder (contracts, specs): beside the checkout, or named by the variable.
SHARED = Path(os.environ.get("TIPFLOW_SHARED_DIR", REPO_ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return REPO_ROOT


@pytest.fixture(scope="session")
def tiny_dataset() -> Path:
    return EXAMPLES / "tiny"


@pytest.fixture(scope="session")
def broken_dataset() -> Path:
    return EXAMPLES / "broken"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only shared folder beside the project (contracts, specs); tests only."""
    if not SHARED.is_dir():
        pytest.skip(f"no shared folder at {SHARED} (set TIPFLOW_SHARED_DIR to check against it)")
    return SHARED
