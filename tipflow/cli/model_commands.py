"""``tipflow train`` (a learned score for ``tipflow screen --model``) and ``tipflow benchmark
amlworld`` (the published protocol on an AMLworld transaction file)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from tipflow.cli.output import fail, print_json, stderr_console, stdout_console
from tipflow.cli.progress_bars import RichProgress
from tipflow.cli.screen_commands import TuningOption
from tipflow.detect.registry import load_tuning
from tipflow.errors import TipflowError
from tipflow.score.amlworld_benchmark import run_benchmark
from tipflow.score.training import train_on_datasets

benchmark_app = typer.Typer(
    help="Reproduce published benchmarks on public data formats.", no_args_is_help=True
)


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
    config: TuningOption = None,  # the screen that uses the model needs the same one
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


@benchmark_app.command("amlworld")
def benchmark_amlworld(
    file: Annotated[
        Path,
        typer.Argument(
            help="An AMLworld transaction CSV (e.g. HI-Small_Trans.csv).", show_default=False
        ),
    ],
    seeds: Annotated[int, typer.Option("--seeds", min=1, help="Models trained, one per seed.")] = 5,
    json_output: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Minority-class F1 under the published protocol: a split in time by whole days (60/20/20),
    LightGBM on time-ordered graph features, the threshold chosen on validation, 5 seeds."""
    try:
        result = run_benchmark(file, seeds)
    except TipflowError as exc:
        fail(str(exc))
    if json_output:
        print_json(result)
        return
    f1, ap = result["minority_f1"], result["average_precision"]
    stdout_console().print(
        f"{result['transactions']:,} transactions ({result['laundering']:,} laundering); test "
        f"from day {result['split_days']['test_from']}: minority-class F1 "
        f"{f1['mean']:.3f} ± {f1['stdev']:.3f}, average precision {ap['mean']:.3f} ± "
        f"{ap['stdev']:.3f} over {result['seeds']} seeds."
    )


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Detect")(train)
    app.add_typer(benchmark_app, name="benchmark", rich_help_panel="Detect")
