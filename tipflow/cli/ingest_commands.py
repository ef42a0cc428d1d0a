"""``tipflow validate`` and ``tipflow load``: check a dataset, and load it into a workspace."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from tipflow.cli.output import fail, print_json, stderr_console, stdout_console
from tipflow.cli.progress_bars import RichProgress
from tipflow.cli.render import render_ingest_report
from tipflow.engine.progress import ProgressSink
from tipflow.errors import QuarantineBoundExceeded, TipflowError
from tipflow.ingest import IngestOptions, IngestReport, load_dataset, validate_dataset
from tipflow.ingest.pipeline import DEFAULT_MAX_QUARANTINE

ReaderAction = Callable[[ProgressSink], IngestReport]

DatasetArgument = Annotated[
    Path,
    typer.Argument(
        help="The dataset folder: parties, accounts, transactions (+ optional tables) as "
        ".csv, .csv.gz or .parquet.",
        show_default=False,
    ),
]
MaxQuarantineOption = Annotated[
    float,
    typer.Option(
        "--max-quarantine",
        min=0.0,
        max=1.0,
        help="Fail when more than this fraction of all rows is quarantined.",
    ),
]
JsonOption = Annotated[
    bool, typer.Option("--json", help="Print the run record as JSON instead of the summary.")
]


def validate(
    dataset: DatasetArgument,
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="Folder for run.json and quarantine/.", show_default=False
        ),
    ],
    max_quarantine: MaxQuarantineOption = DEFAULT_MAX_QUARANTINE,
    json_output: JsonOption = False,
) -> None:
    """Check a dataset against the input contract and say what can be screened.

    Writes OUT/run.json and OUT/quarantine/<table>.csv (the rejected rows with error, file and
    line). Exits non-zero if a file cannot be read or too many rows were quarantined.
    """
    _run(
        lambda progress: validate_dataset(dataset, out, IngestOptions(max_quarantine), progress),
        json_output,
        outputs=f"{out}/run.json",
    )


def load(
    dataset: DatasetArgument,
    workspace: Annotated[
        Path,
        typer.Option(
            "--workspace", "-w", help="The DuckDB workspace file to write.", show_default=False
        ),
    ],
    replace: Annotated[
        bool, typer.Option("--replace", help="Overwrite an existing workspace.")
    ] = False,
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Also write run.json and quarantine/ here.")
    ] = None,
    max_quarantine: MaxQuarantineOption = DEFAULT_MAX_QUARANTINE,
    json_output: JsonOption = False,
) -> None:
    """Check a dataset and load its typed, normalised tables into a DuckDB workspace.

    Later stages read the workspace. Quarantined rows are kept in it as quarantine_<table>.
    """
    _run(
        lambda progress: load_dataset(
            dataset,
            workspace,
            IngestOptions(max_quarantine),
            replace=replace,
            out=out,
            progress=progress,
        ),
        json_output,
        outputs=str(workspace),
    )


def _run(action: ReaderAction, json_output: bool, outputs: str) -> None:
    progress = RichProgress(stderr_console(), enabled=not json_output and sys.stderr.isatty())
    try:
        with progress:
            report = action(progress)
    except QuarantineBoundExceeded as exc:
        _show(exc.report, json_output, outputs)
        fail(str(exc))
    except TipflowError as exc:
        if json_output:
            print_json({"status": "failed", "message": str(exc)})
        fail(str(exc))
    _show(report, json_output, outputs)


def _show(report: IngestReport, json_output: bool, outputs: str) -> None:
    if json_output:
        sys.stdout.write(report.to_json() + "\n")
    else:
        render_ingest_report(stdout_console(), report, outputs)


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Read")(validate)
    app.command(rich_help_panel="Read")(load)
