"""The exceptions tipflow raises on purpose: one root, each carrying one clear message.

The CLI prints ``str(error)`` of a :class:`TipflowError` as the single line on standard error
and exits non-zero; anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tipflow.ingest.report import IngestReport


class TipflowError(Exception):
    """Root of every error tipflow reports to its user."""


class ContractError(TipflowError):
    """The packaged contract description is broken (a defect in tipflow, not in the data)."""


class DatasetError(TipflowError):
    """A whole file of a dataset cannot be read; names the file and the problem."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class QuarantineBoundExceeded(TipflowError):
    """Too large a share of the rows broke the contract; the outputs were still written."""

    def __init__(self, message: str, report: IngestReport) -> None:
        self.report = report
        super().__init__(message)


class ConfigError(TipflowError):
    """A configuration file (a world, a tuning) that cannot be used; names file and problem."""


class WorkspaceError(TipflowError):
    """The workspace file cannot be created, opened or replaced."""
