"""The reader, end to end: ``validate_dataset`` and ``load_dataset``.

1. discover every table's file and header (a file that cannot be read stops the run at once);
2. read, normalise and check each table in one scan into its stage table (``stage.py``);
3. check code lists, duplicate keys and references across rows (``postchecks.py``);
4. set the quarantined rows aside with reason, file and line (``quarantine.py``) and finalise
   the accepted rows as the workspace tables; normalise phones (``phones.py``);
5. summarise, and enforce the bound on the quarantined share.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from tipflow.engine.duckdb import Connection, EngineSettings, connect
from tipflow.engine.progress import ProgressSink, SilentProgress, execute_with_progress, step
from tipflow.engine.workspace import row_count
from tipflow.errors import DatasetError, QuarantineBoundExceeded, WorkspaceError
from tipflow.ingest.contract import Contract, load_contract
from tipflow.ingest.discover import SourceFile, find_table_file, read_source
from tipflow.ingest.phones import (
    PHONE_WARNING,
    add_watchlist_normalised_values,
    normalise_party_phones,
)
from tipflow.ingest.postchecks import run_post_checks
from tipflow.ingest.quarantine import collect_quarantine, write_quarantine_csv
from tipflow.ingest.report import IngestReport, TableReport
from tipflow.ingest.source import SCAN_ERRORS, RejectedRecord, rejected_records, scan_error
from tipflow.ingest.stage import plan_stage, stage_table
from tipflow.ingest.workspace import dataset_summary, finalise_table, record_run

DEFAULT_MAX_QUARANTINE = 0.01


@dataclass(frozen=True)
class IngestOptions:
    """How strict the reader is, and what resources its engine may use."""

    max_quarantine: float = DEFAULT_MAX_QUARANTINE
    engine: EngineSettings | None = None

    def __post_init__(self) -> None:
        if not 0.0 <= self.max_quarantine <= 1.0:
            raise ValueError("max_quarantine is a fraction between 0 and 1")


def validate_dataset(
    dataset: Path,
    out: Path,
    options: IngestOptions | None = None,
    progress: ProgressSink | None = None,
) -> IngestReport:
    """Read and check ``dataset``; write ``out/run.json`` and ``out/quarantine/<table>.csv``.

    Raises :class:`DatasetError` when a file cannot be read at all and
    :class:`QuarantineBoundExceeded` (after writing the outputs) when too much was quarantined.
    """
    options = options or IngestOptions()
    with tempfile.TemporaryDirectory(prefix="tipflow-validate-") as scratch:
        settings = _settings(options, Path(scratch))
        con = connect(Path(scratch) / "workspace.duckdb", settings)
        try:
            report = _ingest(con, dataset, "validate", options, progress or SilentProgress())
            write_outputs(con, report, out)
        finally:
            con.close()
    _raise_if_failed(report)
    return report


def load_dataset(
    dataset: Path,
    workspace: Path,
    options: IngestOptions | None = None,
    *,
    replace: bool = False,
    out: Path | None = None,
    progress: ProgressSink | None = None,
) -> IngestReport:
    """Read and check ``dataset`` into the DuckDB file ``workspace`` that later stages read.

    The workspace is built beside its final path and moved there only when the run finishes,
    so a failed run never leaves half a workspace. Over the quarantine bound the workspace is
    still written (its ``ingest_runs`` says the run failed) and the error is raised.
    """
    options = options or IngestOptions()
    if workspace.exists() and not replace:
        raise WorkspaceError(f"{workspace}: already exists; pass --replace to overwrite it")
    if not workspace.parent.is_dir():
        raise WorkspaceError(f"{workspace.parent}: no such folder for the workspace")
    building = workspace.with_name(workspace.name + ".building")
    building.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="tipflow-load-") as scratch:
        con = connect(building, _settings(options, Path(scratch)))
        try:
            report = _ingest(con, dataset, "load", options, progress or SilentProgress())
            record_run(con, report)
            if out is not None:
                write_outputs(con, report, out)
        except BaseException:
            con.close()
            building.unlink(missing_ok=True)
            raise
        con.close()
    shutil.move(building, workspace)
    _raise_if_failed(report)
    return report


def write_outputs(con: Connection, report: IngestReport, out: Path) -> None:
    """``out/run.json`` and one quarantine CSV per table that had rejected rows."""
    quarantine_dir = out / "quarantine"
    quarantine_dir.mkdir(parents=True, exist_ok=True)
    for table in report.tables.values():
        path = quarantine_dir / f"{table.table}.csv"
        path.unlink(missing_ok=True)  # a file from an earlier run would mislead
        if table.quarantined:
            write_quarantine_csv(con, table.table, str(path))
    (out / "run.json").write_text(report.to_json() + "\n", encoding="utf-8")


def _settings(options: IngestOptions, scratch: Path) -> EngineSettings:
    base = options.engine or EngineSettings.from_environment()
    return EngineSettings(base.memory_limit, base.threads, base.temp_directory or scratch)


def _ingest(
    con: Connection, dataset: Path, command: str, options: IngestOptions, progress: ProgressSink
) -> IngestReport:
    report = IngestReport(
        command=command,
        dataset=str(dataset.resolve()),
        config={"max_quarantine": options.max_quarantine},
    )
    if not dataset.is_dir():
        raise DatasetError(
            dataset, "no such dataset folder" if not dataset.exists() else "not a folder"
        )
    contract = load_contract()
    with _timed(report, "discover"):
        sources = _discover(con, dataset, contract)
    rejected: dict[str, list[RejectedRecord]] = {}
    for name, table in contract.tables.items():
        source = sources[name]
        plan = plan_stage(table, source)
        report.tables[name] = TableReport(
            table=name,
            file=source.name if source else None,
            format=source.format if source else None,
            extra_columns=list(plan.extra_columns),
        )
        with _timed(report, f"read_{name}"):
            label = f"Reading {source.name}" if source else f"No {name} file"
            try:
                execute_with_progress(con, plan.sql, progress, label)
            except SCAN_ERRORS as exc:
                assert source is not None  # an absent table scans no file
                raise scan_error(source, exc) from exc
            rejected[name] = rejected_records(con, source) if source else []
    with _timed(report, "post_checks"), step(progress, "Checking keys and references"):
        run_post_checks(con, contract)
    with _timed(report, "quarantine"), step(progress, "Setting aside quarantined rows"):
        for name in contract.tables:
            _finalise(con, report.tables[name], sources[name], rejected[name])
    with _timed(report, "normalise"), step(progress, "Normalising phone numbers"):
        unreadable_phones = normalise_party_phones(con)
        if unreadable_phones:
            report.tables["parties"].warnings[PHONE_WARNING] = unreadable_phones
        add_watchlist_normalised_values(con)
    with _timed(report, "summary"):
        report.summary = dataset_summary(con)
    report.finish()
    _apply_bound(report, options)
    return report


def _discover(con: Connection, dataset: Path, contract: Contract) -> dict[str, SourceFile | None]:
    sources: dict[str, SourceFile | None] = {}
    for name, table in contract.tables.items():
        path = find_table_file(dataset, table)
        sources[name] = read_source(con, path, table) if path else None
    return sources


def _finalise(
    con: Connection, table: TableReport, source: SourceFile | None, rejected: list[RejectedRecord]
) -> None:
    staged = row_count(con, stage_table(table.table))
    if source is not None:
        result = collect_quarantine(con, source, rejected)
        table.quarantined = result.rows
        table.quarantine_reasons = dict(
            sorted(result.reasons.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        row_indexes = result.row_indexes
    else:
        row_indexes = ()
    table.warnings = finalise_table(con, table.table, row_indexes)
    table.read = staged + len(rejected)
    table.accepted = row_count(con, table.table)
    if table.accepted + table.quarantined != table.read:  # the reader's own invariant
        raise AssertionError(
            f"{table.table}: accepted {table.accepted} + quarantined {table.quarantined} "
            f"!= read {table.read}"
        )


def _apply_bound(report: IngestReport, options: IngestOptions) -> None:
    assert report.totals is not None
    share = report.totals.quarantined_share
    if share <= options.max_quarantine:
        return
    report.status = "failed"
    report.message = (
        f"{share:.2%} of the rows were quarantined ({report.totals.quarantined:,} of "
        f"{report.totals.read:,}), over the bound of {options.max_quarantine:.2%}; "
        "see the quarantine files, fix the export, or raise --max-quarantine"
    )


def _raise_if_failed(report: IngestReport) -> None:
    if report.status == "failed":
        raise QuarantineBoundExceeded(report.message or "too many rows were quarantined", report)


@contextmanager
def _timed(report: IngestReport, stage: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        report.stage_seconds[stage] = round(
            report.stage_seconds.get(stage, 0.0) + time.perf_counter() - started, 3
        )
