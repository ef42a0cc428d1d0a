"""``tipflow report`` (goAML STRs, FollowTheMoney, case pages) and ``tipflow goaml read``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tipflow.cli.output import fail, print_json, stderr_console, stdout_console
from tipflow.cli.progress_bars import RichProgress
from tipflow.errors import TipflowError

goaml_app = typer.Typer(help="Read goAML XML reports (ours and other reporters').")


def report(
    results: Annotated[
        Path, typer.Argument(help="A results folder written by tipflow screen.", show_default=False)
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The report folder to write.", show_default=False)
    ],
    fiu_profile: Annotated[
        Path | None,
        typer.Option(
            "--fiu-profile",
            help="Your FIU's goAML profile (YAML: codes, reporting entity); "
            "default: the generic UNODC profile.",
        ),
    ] = None,
    case: Annotated[
        list[str] | None,
        typer.Option(
            "--case", help="Only this case (a network id or a lone account id); repeatable."
        ),
    ] = None,
    top: Annotated[
        int | None, typer.Option("--top", min=1, help="Only the N riskiest cases.")
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Write one goAML STR per case (OUT/goaml/), FollowTheMoney entities
    (OUT/entities.ftm.jsonl), readable case pages (OUT/index.html) and OUT/report.json,
    a manifest with the SHA-256 of every file.

    A case is a flagged network, or a flagged account outside any flagged network.
    """
    from tipflow.report.build import write_report

    try:
        with RichProgress(stderr_console(), enabled=sys.stderr.isatty()) as bars:
            summary = write_report(
                results, out, fiu_profile=fiu_profile, case_ids=case, top=top, progress=bars
            )
    except TipflowError as exc:
        fail(str(exc))
    if json_output:
        print_json(
            {
                "cases": summary.cases,
                "goaml_files": [str(p) for p in summary.goaml_files],
                "ftm_file": str(summary.ftm_file),
                "ftm_entities": summary.ftm_entities,
                "index": str(summary.index),
                "manifest": str(summary.manifest),
            }
        )
        return
    console = stdout_console()
    console.print(
        f"{summary.cases} cases: {len(summary.goaml_files)} goAML reports in "
        f"[bold]{out / 'goaml'}[/bold], {summary.ftm_entities:,} FollowTheMoney entities in "
        f"[bold]{summary.ftm_file}[/bold]."
    )
    console.print(f"Open [bold]{summary.index}[/bold] in a browser; manifest: {summary.manifest}")


@goaml_app.command("read")
def goaml_read(
    file: Annotated[Path, typer.Argument(help="A goAML XML report.", show_default=False)],
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="Folder for the tables (input-contract CSVs).", show_default=False
        ),
    ],
    fiu_profile: Annotated[
        Path | None,
        typer.Option(
            "--fiu-profile",
            help="The profile of the FIU whose codes the report uses (channels are read back "
            "through it); default: the generic profile.",
        ),
    ] = None,
    json_output: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Parse a goAML report safely (no DTDs, entities or network) into tipflow's tables:
    parties.csv, accounts.csv, account_parties.csv and transactions.csv in OUT (and
    goaml_left_out.csv: transactions the input contract cannot hold, with the reason)."""
    from tipflow.report.goaml.profile import load_fiu_profile
    from tipflow.report.goaml.reader import read_goaml
    from tipflow.report.goaml.tables import write_dataset

    try:
        parsed = read_goaml(file, load_fiu_profile(fiu_profile))
        written = write_dataset(parsed, out)
    except TipflowError as exc:
        fail(str(exc))
    counts = {path.stem: rows for path, rows in written.items()}
    if json_output:
        print_json({"file": str(file), "tables": counts})
        return
    listed = ", ".join(f"{rows:,} {name}" for name, rows in counts.items())
    stdout_console().print(f"Read [bold]{file}[/bold]: {listed}; written to {out}")


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Report")(report)
    app.add_typer(goaml_app, name="goaml", rich_help_panel="Report")
