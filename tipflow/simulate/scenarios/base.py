"""What a scenario is: a typology (a crime network) or a look-alike (benign customers who resemble
one), with its own parameters, the indicators it exercises and the sources behind it.

Scenarios form a closed registry (``scenarios/__init__.py``); the world configuration names
them by id and gives their prevalence and parameters. ``subtlety`` (0-1, world-wide) moves
typologies towards their look-alikes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from tipflow.simulate.population import Population
from tipflow.simulate.world import World


class ScenarioParameters(BaseModel):
    """Base of each scenario's parameters; unknown keys in the world file are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True)


Build = Callable[[World, Population, ScenarioParameters, int], None]


@dataclass(frozen=True)
class Scenario:
    id: str
    kind: Literal["typology", "lookalike"]
    crime: str | None  # sex_trafficking, labour_trafficking, migrant_smuggling, laundering
    summary: str
    indicators: tuple[str, ...]  # catalogue ids the scenario should trigger (or mimic)
    resembles: tuple[str, ...]  # for look-alikes: the typologies they resemble
    sources: tuple[str, ...]  # catalogue source keys
    parameters: type[ScenarioParameters]
    build: Build  # (world, population, parameters, how many networks or customers)
