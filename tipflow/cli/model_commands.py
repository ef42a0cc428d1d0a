"""``tipflow train``: learn a score from labelled datasets (``tipflow screen --model`` uses it)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tipflow.cli.output import fail, print_json, stderr_console, stdout_console
from tipflow.cli.progress_bars import RichProgress
from tipflow.detect.registry import load_tuning
from tipflow.errors import TipflowError
from tipflow.score.training import train_on_datasets


def train(
    datasets: Annotated[
        list[Path],
        typer.Argument(
            help="Labelled dataset folders: a simulator's truth/ or the contract's labels.",
            show_default=False,
        ),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The model folder to write.", show_default=False)
    ],
    config: Annotated[
        Path | None,
        typer.Option("--config", help="A tuning file (the screen that uses the model needs it)."),
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Print the model card as JSON.")
    ] = False,
) -> None:
    """Train the learned score: screen each dataset, then fit LightGBM on the rules' evidence.

    Writes OUT/model.txt, calibration.json and model_card.json (data, features, metrics,
    date, version, SHA-256). Use it with `tipflow screen DATASET --model OUT`.
    """
    try:
        tuning = load_tuning(config) if config else None
        with RichProgress(stderr_console(), enabled=sys.stderr.isatty()) as bars:
            card = train_on_datasets(datasets, out, tuning=tuning, progress=bars)
    except TipflowError as exc:
        fail(str(exc))
    if json_output:
        print_json(card)
        return
    test = card["metrics"]["test"]
    stdout_console().print(
        f"Model written to [bold]{out}[/bold]: {card['training_data']['accounts']:,} accounts "
        f"({card['training_data']['involved']:,} involved) from {len(datasets)} datasets; "
        f"held-out average precision {test['average_precision']:.3f}, "
        f"F1 {test['f1_at_0_5']:.3f}."
    )


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Detect")(train)
