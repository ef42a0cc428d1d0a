"""``tipflow simulate``: write a synthetic world with typologies, look-alikes and ground truth."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Literal

import typer
from rich.table import Table

from tipflow.cli.output import fail, stderr_console, stdout_console
from tipflow.cli.progress_bars import RichProgress
from tipflow.errors import TipflowError
from tipflow.simulate import load_world_config, simulate


def simulate_command(
    out: Annotated[
        Path,
        typer.Option(
            "--out", "-o", help="Folder to write the dataset and truth/ to.", show_default=False
        ),
    ],
    customers: Annotated[
        int | None, typer.Option(min=200, help="Customers (persons and businesses).")
    ] = None,
    days: Annotated[
        int | None, typer.Option(min=7, help="Length of the simulated period in days.")
    ] = None,
    institutions: Annotated[
        int | None, typer.Option(min=2, help="How many institutions hold the accounts.")
    ] = None,
    seed: Annotated[
        int | None, typer.Option(help="Random seed: the same seed gives the same world.")
    ] = None,
    config: Annotated[
        Path | None, typer.Option("--config", help="A world YAML file (see docs/simulator.md).")
    ] = None,
    file_format: Annotated[
        Literal["csv", "parquet"], typer.Option("--format", help="Table file format.")
    ] = "csv",
    inject_patterns: Annotated[
        Path | None,
        typer.Option(
            "--inject-patterns",
            help="An AMLworld laundering-pattern file (e.g. HI-Small_Patterns.txt): each "
            "attempt is added as a laundering network.",
        ),
    ] = None,
    inject_limit: Annotated[
        int | None,
        typer.Option("--inject-limit", min=0, help="Inject at most N attempts, types in turn."),
    ] = None,
    inject_types: Annotated[
        str | None,
        typer.Option(
            "--inject-types", help="Only these pattern types, comma-separated (fan_out,cycle)."
        ),
    ] = None,
) -> None:
    """Generate a synthetic financial world written to the input contract, with ground truth.

    OUT gets parties, accounts, transactions, account_parties, labels and watchlist, and
    OUT/truth/ the accounts, transactions and networks that are really involved (or look-alikes).
    Defaults come from the built-in world configuration; options override it.
    """
    try:
        world = load_world_config(config).with_overrides(
            customers=customers, days=days, institutions=institutions, seed=seed
        )
        with RichProgress(stderr_console(), enabled=sys.stderr.isatty()) as progress:
            result = simulate(
                world,
                out,
                file_format,
                progress,
                inject_patterns=inject_patterns,
                inject_limit=inject_limit,
                inject_types=inject_types.split(",") if inject_types else None,
            )
    except TipflowError as exc:
        fail(str(exc))
    console = stdout_console()
    table = Table(title=f"World written to {out}", title_justify="left")
    table.add_column("table")
    table.add_column("rows", justify="right")
    for name, rows in result.rows.items():
        table.add_row(name, f"{rows:,}")
    console.print(table)
    console.print(
        f"{result.networks} networks ({result.involved_accounts} involved accounts), "
        f"{result.lookalike_accounts} look-alike accounts; truth in {out / 'truth'}"
    )


def register(app: typer.Typer) -> None:
    app.command("simulate", rich_help_panel="Make data")(simulate_command)
