"""Typologies of migrant smuggling and of the laundering patterns both crimes use."""

from __future__ import annotations

from tipflow.simulate.scenarios import (
    flow_patterns,
    funnel_network,
    hawala_pass_through,
    rapid_movement,
    smuggling_border_funnel,
    structuring,
)
from tipflow.simulate.scenarios.base import Scenario

SCENARIOS: tuple[Scenario, ...] = (
    smuggling_border_funnel.SCENARIO,
    hawala_pass_through.SCENARIO,
    funnel_network.SCENARIO,
    structuring.SCENARIO,
    rapid_movement.SCENARIO,
    *flow_patterns.SCENARIOS,
)
