"""The case report of the session's screened world, written once and read by several tests."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tipflow.report.cases import Case
from tipflow.report.html import write_html_report


@pytest.fixture(scope="session")
def html_report(
    screened_results: Path, cases: list[Case], tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """The report folder (``index.html`` inside it)."""
    out = tmp_path_factory.mktemp("html-report")
    started = time.perf_counter()
    index = write_html_report(cases, screened_results, out)
    # Shown with -rP or on failure: how long the fixture world takes to write.
    print(f"case report: {len(cases)} cases in {time.perf_counter() - started:.1f} s")
    assert index == out / "index.html"
    return out
