"""The closed registry of scenarios: typologies (crime networks) and look-alikes (benign).

A world configuration names scenarios by these ids; nothing else can be loaded.
"""

from __future__ import annotations

from tipflow.errors import ConfigError
from tipflow.simulate.config import WorldConfig
from tipflow.simulate.population import Population
from tipflow.simulate.scenarios import (
    group_lookalikes,
    group_smuggling_laundering,
    group_trafficking,
)
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.world import World

SCENARIOS: dict[str, Scenario] = {
    s.id: s
    for group in (group_trafficking, group_smuggling_laundering, group_lookalikes)
    for s in group.SCENARIOS
}


def planned(config: WorldConfig) -> list[tuple[Scenario, ScenarioParameters, int]]:
    """The scenarios the configuration asks for, with checked parameters and counts."""
    plans = []
    for kind, entries in (("typology", config.typologies), ("lookalike", config.lookalikes)):
        for scenario_id, plan in entries.items():
            scenario = SCENARIOS.get(scenario_id)
            if scenario is None or scenario.kind != kind:
                known = sorted(s.id for s in SCENARIOS.values() if s.kind == kind)
                raise ConfigError(f"unknown {kind} {scenario_id!r}; known: {', '.join(known)}")
            try:
                parameters = scenario.parameters.model_validate(plan.parameters)
            except ValueError as exc:
                raise ConfigError(f"{kind} {scenario_id}: {exc}") from exc
            plans.append((scenario, parameters, plan.count(config.customers)))
    return plans


def run_scenarios(world: World, population: Population) -> None:
    for scenario, parameters, count in planned(world.config):
        if count:
            scenario.build(world, population, parameters, count)
