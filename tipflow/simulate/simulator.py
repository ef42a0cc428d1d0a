"""``simulate``: build a world from its configuration and write it, stage by stage.

1. the ordinary population (``population.py``) and its everyday activity;
2. the typologies and look-alikes the configuration asks for (``scenarios/``);
3. optionally, AMLworld laundering attempts read from a pattern file (``amlworld*.py``);
4. what the institution already knows (labels: STRs filed, alerts closed);
5. the dataset and its ground truth (``writer.py``).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pyarrow.compute as pc

from tipflow.engine.progress import ProgressSink, SilentProgress, step
from tipflow.simulate.amlworld import read_patterns
from tipflow.simulate.amlworld_inject import inject
from tipflow.simulate.config import WorldConfig
from tipflow.simulate.everyday_business import everyday_businesses
from tipflow.simulate.everyday_persons import everyday_persons
from tipflow.simulate.population import build_population
from tipflow.simulate.scenarios import run_scenarios
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import World
from tipflow.simulate.writer import Format, write_world


@dataclass(frozen=True)
class SimulationResult:
    out: Path
    rows: dict[str, int]
    networks: int
    involved_accounts: int
    lookalike_accounts: int
    stage_seconds: dict[str, float] = field(default_factory=dict)


def simulate(
    config: WorldConfig,
    out: Path,
    fmt: Format = "csv",
    progress: ProgressSink | None = None,
    inject_patterns: Path | None = None,
    inject_limit: int | None = None,
    inject_types: Sequence[str] | None = None,
) -> SimulationResult:
    """Generate the world ``config`` describes and write it to ``out``.

    ``inject_patterns``: an AMLworld pattern file whose attempts (at most ``inject_limit``,
    of ``inject_types`` if given) are added as laundering networks.
    """
    progress = progress or SilentProgress()
    patterns = read_patterns(inject_patterns) if inject_patterns else None  # fail early
    world = World.create(config)
    seconds: dict[str, float] = {}

    def timed(name: str, label: str) -> _Timer:
        return _Timer(seconds, name, progress, label)

    with timed("population", "Building the population"):
        population = build_population(world)
    with timed("everyday", "Everyday activity of persons and businesses"):
        everyday_persons(world, population.persons)
        everyday_businesses(world, population.businesses)
    with timed("scenarios", "Typologies and look-alikes"):
        run_scenarios(world, population)
    if patterns is not None:
        with timed("patterns", "AMLworld laundering patterns"):
            inject(world, patterns, limit=inject_limit, kinds=inject_types)
    with timed("labels", "Labels"):
        involved, lookalikes = add_labels(world)
    started = time.perf_counter()
    rows = write_world(world, out, fmt, progress)
    seconds["write"] = round(time.perf_counter() - started, 3)
    return SimulationResult(out, rows, len(world.networks), involved, lookalikes, seconds)


def add_labels(world: World) -> tuple[int, int]:
    """Label some involved accounts suspicious and some look-alikes not suspicious."""
    truth = world.truth_accounts.to_arrow()
    accounts = truth["account"].to_numpy()
    involved = accounts[pc.is_valid(truth["network_id"]).to_numpy(zero_copy_only=False)]
    lookalike = accounts[pc.is_valid(truth["lookalike"]).to_numpy(zero_copy_only=False)]
    shares = world.config.labels
    rng, clock = world.rng, world.clock
    for chosen, label, sources in (
        (
            _sample(rng, involved, shares.known_involved_share),
            "suspicious",
            ("str_filed", "law_enforcement_confirmed"),
        ),
        (
            _sample(rng, lookalike, shares.closed_lookalike_share),
            "not_suspicious",
            ("analyst_closed",),
        ),
    ):
        n = len(chosen)
        world.labels.append(
            account=chosen,
            label=Categorical.constant(label, n),
            source=Categorical.choose(sources, rng.integers(0, len(sources), n)),
            label_date=(clock.start + clock.random_days(rng, n).astype("timedelta64[D]")).astype(
                "datetime64[D]"
            ),
        )
    return len(involved), len(lookalike)


def _sample(rng: np.random.Generator, values: np.ndarray, share: float) -> np.ndarray:
    values = np.unique(values)
    return (
        rng.choice(values, size=round(len(values) * share), replace=False)
        if len(values)
        else values
    )


class _Timer:
    def __init__(
        self, seconds: dict[str, float], name: str, progress: ProgressSink, label: str
    ) -> None:
        self.seconds, self.name, self.progress, self.label = seconds, name, progress, label

    def __enter__(self) -> None:
        self.started = time.perf_counter()
        self.step = step(self.progress, self.label)
        self.step.__enter__()

    def __exit__(self, *exc: object) -> None:
        self.step.__exit__(None, None, None)
        self.seconds[self.name] = round(time.perf_counter() - self.started, 3)
