"""``tipflow screen``: read a dataset, measure every indicator, score, write the results.

The workspace (``RESULTS/workspace.duckdb``) keeps the checked tables, the features and the
evidence, so that ``explain`` and the later stages read the same figures without re-running.
"""

from __future__ import annotations

import hashlib
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tipflow import __version__
from tipflow.detect.engine import run_context_indicators, run_indicators
from tipflow.detect.features import build_features, period_start
from tipflow.detect.legs import create_legs_view
from tipflow.detect.registry import Library, load_library, load_typology_set
from tipflow.detect.results import write_results
from tipflow.detect.schema import Tuning
from tipflow.engine.duckdb import connect
from tipflow.engine.handoff import attach_spark_tables, open_spark_workspace
from tipflow.engine.progress import ProgressSink, SilentProgress, step
from tipflow.engine.spark import SparkSettings, SparkWorkspace
from tipflow.engine.workspace import ENGINES, Workspace
from tipflow.errors import TipflowError
from tipflow.ingest.pipeline import IngestOptions, load_dataset
from tipflow.ingest.report import IngestReport
from tipflow.network.communities import form_networks
from tipflow.network.resolve import resolve_entities
from tipflow.network.summary import summarise_networks
from tipflow.network.ties import build_ties
from tipflow.score.blend import blend_learned_score
from tipflow.score.learned_features import feature_names
from tipflow.score.model import load_model, model_digest
from tipflow.score.typologies import score_accounts

WORKSPACE_NAME = "workspace.duckdb"
#: Rounds of network context: each reads the alerts of the scoring before it. Two rounds reach
#: a controller through victims who were alerted only for their ties; more would let alerts
#: spread along ordinary money flows.
NETWORK_ROUNDS = 2


@dataclass(frozen=True)
class ScreenSummary:
    out: Path
    run: dict[str, Any]

    @property
    def flagged_accounts(self) -> int:
        return int(self.run["flagged_accounts"])


def screen_dataset(
    dataset: Path,
    out: Path,
    *,
    tuning: Tuning | None = None,
    options: IngestOptions | None = None,
    progress: ProgressSink | None = None,
    model: Path | None = None,
    typology_set: Path | None = None,
    engine: str = "duckdb",
    spark: SparkSettings | None = None,
) -> ScreenSummary:
    """Screen ``dataset`` and write the results folder ``out`` (created if missing); with
    ``model`` (a ``tipflow train`` folder), blend its learned score into the risk; with
    ``typology_set`` (a YAML file, e.g. one the FIU published on the hub), screen with its
    typologies and indicators laid over the packaged library. ``engine`` is where detection
    runs: ``duckdb`` (embedded) or ``spark`` (the reader runs on DuckDB and hands what it
    accepted to Spark; ``spark`` says how to start the session)."""
    if engine not in ENGINES:
        raise TipflowError(f"unknown engine {engine!r}: choose one of {', '.join(ENGINES)}")

    sink = progress or SilentProgress()
    published = load_typology_set(typology_set) if typology_set else None
    # a bad tuning file or typology set fails here, before reading the data
    library = load_library(tuning, published)
    learned = load_model(model, feature_names(library)) if model else None
    out.mkdir(parents=True, exist_ok=True)
    seconds: dict[str, float] = {}
    started = time.perf_counter()
    report = load_dataset(
        dataset, out / WORKSPACE_NAME, options, replace=True, out=out, progress=sink
    )
    seconds["ingest"] = time.perf_counter() - started
    engine_settings = options.engine if options else None
    con: Workspace
    if engine == "spark":
        with _Timer(seconds, "handoff"), step(sink, "hand off to Spark"):
            con = open_spark_workspace(out / WORKSPACE_NAME, out, spark, engine_settings)
    else:
        con = connect(out / WORKSPACE_NAME, engine_settings)
    try:
        detect(con, library, sink, seconds)
        if learned is not None:
            with _Timer(seconds, "learned"), step(sink, "learned score"):
                blend_learned_score(con, library, learned)
                # the alerts changed: networks are formed again from them
                form_networks(con, library.network)
                summarise_networks(con, library.network)
        with _Timer(seconds, "write"), step(sink, "write"):
            counts = write_results(con, out)
            if isinstance(con, SparkWorkspace):
                _attach_to_duckdb(con, out / WORKSPACE_NAME, library)
    finally:
        con.close()
    run = _run_record(dataset, library, report, counts, seconds)
    run["backend"] = engine
    if model is not None:
        run["model"] = {"folder": str(model), "sha256": model_digest(model)}
    if typology_set is not None:  # the SHA-256 the hub lists for the published version
        digest = hashlib.sha256(typology_set.read_bytes()).hexdigest()
        run["typology_set"] = {"file": str(typology_set), "sha256": digest}
    (out / "run.json").write_text(json.dumps(run, indent=2) + "\n", encoding="utf-8")
    return ScreenSummary(out, run)


def detect(con: Workspace, library: Library, sink: ProgressSink, seconds: dict[str, float]) -> None:
    """The detection stages on an open workspace: entities, features, indicators, scores,
    network context, networks."""
    settings = library.network
    with _Timer(seconds, "entities"), step(sink, "entities"):
        resolve_entities(con, settings.linkage)
    with _Timer(seconds, "features"), step(sink, "features"):
        build_features(con, library.reference)
    with _Timer(seconds, "indicators"):
        run_indicators(con, library, period_start(con), sink)
    with _Timer(seconds, "scoring"), step(sink, "scoring"):
        score_accounts(con, library)
    with _Timer(seconds, "network"), step(sink, "network"):
        build_ties(con)
        for _ in range(NETWORK_ROUNDS):
            run_context_indicators(con, library, period_start(con))
            score_accounts(con, library)
        form_networks(con, settings)
        summarise_networks(con, settings)


def _attach_to_duckdb(con: SparkWorkspace, workspace: Path, library: Library) -> None:
    """After a Spark run, the DuckDB workspace reads Spark's tables (views over their Parquet
    files), so that ``ui``, ``report`` and ``network`` work on the results folder."""
    attach_spark_tables(con, workspace)
    local = connect(workspace)
    try:
        create_legs_view(local, library.reference)
    finally:
        local.close()


class _Timer:
    def __init__(self, seconds: dict[str, float], name: str) -> None:
        self.seconds, self.name = seconds, name

    def __enter__(self) -> None:
        self.started = time.perf_counter()

    def __exit__(self, *_: object) -> None:
        self.seconds[self.name] = round(time.perf_counter() - self.started, 3)


def configuration_of(library: Library) -> dict[str, Any]:
    """The whole effective configuration: every indicator and typology after tuning."""
    return {
        "tuning": library.tuning.model_dump(mode="json"),
        "indicators": [i.spec.model_dump(mode="json") for i in library.indicators.values()],
        "typologies": [t.model_dump(mode="json") for t in library.typologies.values()],
        "reference": library.reference.model_dump(mode="json"),
        "network": library.network.model_dump(mode="json"),
    }


def _run_record(
    dataset: Path,
    library: Library,
    report: IngestReport,
    counts: dict[str, int],
    seconds: dict[str, float],
) -> dict[str, Any]:
    configuration = configuration_of(library)
    canonical = json.dumps(configuration, sort_keys=True).encode()
    return {
        "engine": f"tipflow {__version__}",
        "command": "screen",
        "dataset": str(dataset),
        "configuration_hash": "sha256:" + hashlib.sha256(canonical).hexdigest(),
        "tuning": library.tuning.model_dump(mode="json"),
        "tables": {
            name: {"read": t.read, "accepted": t.accepted, "quarantined": t.quarantined}
            for name, t in report.tables.items()
        },
        "quarantine_reasons": {
            name: t.quarantine_reasons for name, t in report.tables.items() if t.quarantined
        },
        **counts,
        "stage_seconds": {name: round(value, 3) for name, value in seconds.items()},
        "started_at": report.started_at,
    }
