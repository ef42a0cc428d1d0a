"""The ``tipflow`` command: a thin layer over the library, one module per group of commands."""

from __future__ import annotations

from typing import Annotated

import typer

from tipflow import __version__
from tipflow.cli import (
    compare_commands,
    hub_commands,
    ingest_commands,
    model_commands,
    network_commands,
    report_commands,
    screen_commands,
    share_commands,
    simulate_commands,
    typology_commands,
    ui_commands,
)

HELP = """\
[bold]tipflow[/bold] follows the money of human trafficking and migrant smuggling.

It reads an institution's parties, accounts and transactions (the input contract), checks every
row and quarantines what breaks the contract, then (as the stages land) screens accounts against
typologies built from published red-flag indicators, links networks across institutions, and
writes goAML STRs, FollowTheMoney exports and readable case reports.

Start with:  [cyan]tipflow demo[/cyan]  (simulate a small world, screen it, evaluate it)
"""

app = typer.Typer(
    name="tipflow",
    help=HELP,
    rich_markup_mode="rich",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
ingest_commands.register(app)
screen_commands.register(app)
compare_commands.register(app)
model_commands.register(app)
network_commands.register(app)
report_commands.register(app)
ui_commands.register(app)
hub_commands.register(app)
share_commands.register(app)
typology_commands.register(app)
simulate_commands.register(app)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(f"tipflow {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_print_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Follow the money of human trafficking and migrant smuggling."""


def main() -> None:
    app()
