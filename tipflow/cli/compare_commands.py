"""``tipflow compare``: do two results folders agree (after moving to Spark, or upgrading)?"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tipflow.cli.output import fail, print_json, stdout_console
from tipflow.detect.agreement import DEFAULT_TOLERANCE, compare_results

FolderArgument = Annotated[
    Path,
    typer.Argument(
        help="A results folder of tipflow screen.", exists=True, file_okay=False, show_default=False
    ),
]


def compare(
    first: FolderArgument,
    second: FolderArgument,
    tolerance: Annotated[
        float, typer.Option("--tolerance", min=0.0, help="Largest risk or value difference.")
    ] = DEFAULT_TOLERANCE,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Compare two results folders: flags, networks, scores (within --tolerance), typologies
    and evidence. Exits 1 when they disagree."""
    for folder in (first, second):
        missing = [n for n in ("accounts.csv", "networks.csv", "evidence.parquet")
                   if not (folder / n).exists()]  # fmt: skip
        if missing:
            fail(f"{folder} is not a results folder: no {', '.join(missing)}")
    agreement = compare_results(first, second, tolerance)
    if json_output:
        print_json(agreement.as_dict())
    else:
        table = Table("check", "differences", title=f"{first} against {second}")
        for name, value in agreement.as_dict().items():
            if name not in ("agrees", "tolerance"):
                table.add_row(name.replace("_", " "), f"{value:g}")
        console = stdout_console()
        console.print(table)
        console.print("They agree." if agreement.agrees else "They DISAGREE.")
    if not agreement.agrees:
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Detect")(compare)
