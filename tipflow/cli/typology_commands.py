"""``tipflow typologies list|show|dump|export``: the typology and indicator library."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.table import Table

from tipflow.cli.output import fail, print_json, stdout_console
from tipflow.detect.registry import load_library, packaged_typology_set, typology_set_yaml
from tipflow.detect.screen import configuration_of

typologies_app = typer.Typer(
    help="The typology and indicator library (YAML in tipflow/detect/library).",
    no_args_is_help=True,
)


@typologies_app.command("list")
def list_typologies() -> None:
    """Every typology with its crime and indicators, then every indicator."""
    library = load_library()
    console = stdout_console()
    table = Table(title="Typologies", title_justify="left")
    for column in ("id", "crime", "catalogue", "alert at", "indicators"):
        table.add_column(column)
    for typology in library.typologies.values():
        table.add_row(
            typology.id,
            typology.crime,
            " ".join(typology.catalogue),
            f"{typology.alert_at:g}",
            " ".join(entry.id for entry in typology.indicators),
        )
    console.print(table)
    table = Table(title="Indicators", title_justify="left")
    for column in ("id", "name", "kind", "measure", "threshold", "window"):
        table.add_column(column)
    for indicator in library.indicators.values():
        spec = indicator.spec
        table.add_row(
            spec.id,
            spec.name,
            spec.kind,
            spec.measure,
            f"{spec.threshold:g}",
            f"{spec.window_days} d" if spec.window_days else "all",
        )
    console.print(table)


@typologies_app.command("show")
def show(
    identifier: Annotated[str, typer.Argument(help="A typology or indicator id.")],
) -> None:
    """One typology or indicator, in full (as JSON)."""
    library = load_library()
    if identifier in library.typologies:
        print_json(library.typologies[identifier].model_dump(mode="json"))
    elif identifier in library.indicators:
        print_json(library.indicators[identifier].spec.model_dump(mode="json"))
    else:
        fail(f"no typology or indicator {identifier!r} (see tipflow typologies list)")


@typologies_app.command("dump")
def dump() -> None:
    """The whole library after tuning (indicators, typologies, reference lists) as JSON."""
    print_json(configuration_of(load_library()))


@typologies_app.command("export")
def export() -> None:
    """The packaged typologies and indicators as one typology set (YAML): where an FIU's own set
    starts (`tipflow hub publish-typologies`); members screen with one (`screen --typologies`)."""
    sys.stdout.write(typology_set_yaml(packaged_typology_set()))


def register(app: typer.Typer) -> None:
    app.add_typer(typologies_app, name="typologies", rich_help_panel="Detect")
