"""``tipflow screen``, ``explain``, ``evaluate`` and ``demo``: the main job and its measures."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from tipflow.cli.output import fail, print_json, stderr_console, stdout_console
from tipflow.cli.progress_bars import RichProgress
from tipflow.cli.screen_render import (
    render_evaluation,
    render_explanation,
    render_reviews,
    render_screen,
)
from tipflow.detect.evaluate import evaluate_results
from tipflow.detect.explain import explain_account
from tipflow.detect.registry import load_tuning
from tipflow.detect.screen import ScreenSummary, screen_dataset
from tipflow.engine.spark import SparkSettings
from tipflow.engine.workspace import ENGINES
from tipflow.errors import TipflowError
from tipflow.ingest import IngestOptions
from tipflow.ingest.pipeline import DEFAULT_MAX_QUARANTINE

ResultsArgument = Annotated[
    Path, typer.Argument(help="A results folder written by tipflow screen.", show_default=False)
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]
TuningOption = Annotated[
    Path | None,
    typer.Option("--config", help="A tuning file: thresholds, weights, alert budget."),
]
TypologySetOption = Annotated[
    Path | None,
    typer.Option(
        "--typologies",
        help="A typology set (YAML; e.g. a version the FIU published on the hub), laid over the"
        " packaged library.",
    ),
]


def screen(
    dataset: Annotated[
        Path, typer.Argument(help="The dataset folder (input contract).", show_default=False)
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The results folder to write.", show_default=False)
    ],
    config: TuningOption = None,
    max_quarantine: Annotated[
        float,
        typer.Option(
            "--max-quarantine", min=0.0, max=1.0, help="Fail above this share quarantined."
        ),
    ] = DEFAULT_MAX_QUARANTINE,
    model: Annotated[
        Path | None,
        typer.Option("--model", help="A `tipflow train` folder: blend its learned score in."),
    ] = None,
    typologies: TypologySetOption = None,
    engine: Annotated[
        str,
        typer.Option(
            "--engine",
            help="Where detection runs: duckdb (embedded) or spark (pip install 'tipflow[spark]').",
        ),
    ] = "duckdb",
    spark_master: Annotated[
        str | None,
        typer.Option(
            "--spark-master",
            help="With --engine spark: the cluster (spark://host:7077, yarn...); local[*] by"
            " default.",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Screen a dataset: every account scored, alerts explained, evidence kept.

    Writes OUT/accounts.csv, networks.csv, evidence.parquet, run.json, quarantine/ and the
    workspace the later commands read (explain, reports).
    """
    if engine not in ENGINES:
        raise typer.BadParameter(f"choose one of {', '.join(ENGINES)}", param_hint="--engine")
    spark = SparkSettings.from_environment(spark_master) if engine == "spark" else None
    summary = _screen(
        dataset, out, config, max_quarantine, json_output, model, typologies, engine, spark
    )
    if json_output:
        print_json(summary.run)
    else:
        render_screen(stdout_console(), summary)


def _screen(
    dataset: Path,
    out: Path,
    config: Path | None,
    max_quarantine: float,
    quiet: bool,
    model: Path | None = None,
    typologies: Path | None = None,
    engine: str = "duckdb",
    spark: SparkSettings | None = None,
) -> ScreenSummary:
    try:
        tuning = load_tuning(config) if config else None
        with RichProgress(stderr_console(), enabled=not quiet and sys.stderr.isatty()) as bars:
            return screen_dataset(
                dataset,
                out,
                tuning=tuning,
                options=IngestOptions(max_quarantine),
                progress=bars,
                model=model,
                typology_set=typologies,
                engine=engine,
                spark=spark,
            )
    except TipflowError as exc:
        fail(str(exc))


def explain(
    results: ResultsArgument,
    account_id: Annotated[str, typer.Argument(help="The account to explain.", show_default=False)],
    json_output: JsonOption = False,
) -> None:
    """Why an account scored as it did: each indicator's figure, threshold and transactions."""
    try:
        explanation = explain_account(results, account_id)
    except TipflowError as exc:
        fail(str(exc))
    if json_output:
        print_json(
            {
                "account": explanation.account,
                "evidence": [item.__dict__ for item in explanation.evidence],
            }
        )
    else:
        render_explanation(stdout_console(), explanation)


def evaluate(
    results: ResultsArgument,
    truth: Annotated[
        Path | None,
        typer.Option(
            "--truth", help="The ground-truth folder (a world's truth/).", show_default=False
        ),
    ] = None,
    reviews: Annotated[
        bool,
        typer.Option(
            "--reviews", help="Report the analysts' closures of alerts (from tipflow ui)."
        ),
    ] = False,
    action_log: Annotated[
        Path | None,
        typer.Option(
            "--action-log",
            help="Where tipflow ui kept the case actions"
            " [default: RESULTS/ui/case_actions.sqlite3].",
        ),
    ] = None,
    json_output: JsonOption = False,
) -> None:
    """Measure results against ground truth (precision, recall, F1, per typology, look-alike)
    and/or against the analysts' reviews (--reviews)."""
    if truth is None and not reviews:
        fail("give --truth WORLD/truth, --reviews, or both")
    metrics: dict[str, Any] = {}
    try:
        if truth is not None:
            metrics = evaluate_results(results, truth)
        if reviews:
            from tipflow.ui.reviews import review_figures

            metrics["reviews"] = review_figures(results, action_log=action_log, truth=truth)
    except TipflowError as exc:
        fail(str(exc))
    if json_output:
        print_json(metrics)
        return
    if truth is not None:
        render_evaluation(stdout_console(), metrics)
    if reviews:
        render_reviews(stdout_console(), metrics["reviews"])


def demo(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the demo.")] = Path(
        "results/demo"
    ),
    customers: Annotated[int, typer.Option(min=200, help="Customers in the world.")] = 5000,
    days: Annotated[int, typer.Option(min=30, help="Days simulated.")] = 120,
    seed: Annotated[int, typer.Option(help="Random seed.")] = 1,
) -> None:
    """Simulate a small world, screen it, evaluate the results against its truth and write
    the reports (goAML STRs, FollowTheMoney, readable case pages)."""
    from tipflow.simulate import load_world_config, simulate

    console = stdout_console()
    world_dir, results = out / "world", out / "results"
    try:
        world = load_world_config(None).with_overrides(customers=customers, days=days, seed=seed)
        with RichProgress(stderr_console(), enabled=sys.stderr.isatty()) as bars:
            simulate(world, world_dir, "csv", bars)
    except TipflowError as exc:
        fail(str(exc))
    console.print(f"[bold]1. World[/bold] simulated in {world_dir} (truth in {world_dir}/truth)")
    summary = _screen(world_dir, results, None, DEFAULT_MAX_QUARANTINE, quiet=False)
    console.print(f"[bold]2. Screened[/bold] into {results}")
    render_screen(console, summary)
    metrics: dict[str, Any] = evaluate_results(results, world_dir / "truth")
    console.print("[bold]3. Evaluated[/bold] against the world's ground truth")
    render_evaluation(console, metrics)
    _demo_report(console, results, out / "report")
    first = _first_flagged(results)
    if first:
        console.print(f"Next: [cyan]tipflow explain {results} {first}[/cyan]")
    if _has_networks(results):
        console.print(
            f"      [cyan]tipflow network {results} NW-00001 --out {out / 'networks'}[/cyan]"
        )
    console.print(f"      [cyan]tipflow ui {results}[/cyan]  (the analyst's web pages)")


def _demo_report(console: Console, results: Path, out: Path) -> None:
    """Step 4 of the demo: the reports an analyst would file and read (goAML, FtM, pages)."""
    from tipflow.report.build import write_report

    try:
        with RichProgress(stderr_console(), enabled=sys.stderr.isatty()) as bars:
            report = write_report(results, out, progress=bars)
    except TipflowError as exc:
        fail(str(exc))
    console.print(
        f"[bold]4. Reported[/bold] {report.cases} cases: goAML STRs in {out / 'goaml'}, "
        f"FollowTheMoney in {report.ftm_file.name}; open [cyan]{report.index}[/cyan]"
    )


def _has_networks(results: Path) -> bool:
    with (results / "networks.csv").open(encoding="utf-8") as handle:
        return sum(1 for _ in handle) > 1  # a header and at least one network


def _first_flagged(results: Path) -> str | None:
    import csv

    with (results / "accounts.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["flagged"] == "true":
                return row["account_id"]
    return None


def register(app: typer.Typer) -> None:
    app.command(rich_help_panel="Detect")(screen)
    app.command(rich_help_panel="Detect")(explain)
    app.command(rich_help_panel="Detect")(evaluate)
    app.command(rich_help_panel="Start here")(demo)
