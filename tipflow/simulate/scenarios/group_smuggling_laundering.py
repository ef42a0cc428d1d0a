"""Typologies of migrant smuggling (T6, T7, T8, T13), of smuggling debt turned into forced labour
(T12), and of the laundering patterns both crimes use."""

from __future__ import annotations

from tipflow.simulate.scenarios import (
    flow_patterns,
    funnel_network,
    hawala_pass_through,
    maritime_smuggling_organiser,
    rapid_movement,
    smuggling_border_funnel,
    smuggling_debt_labour,
    structuring,
    travel_company_front,
)
from tipflow.simulate.scenarios.base import Scenario

SCENARIOS: tuple[Scenario, ...] = (
    smuggling_border_funnel.SCENARIO,
    hawala_pass_through.SCENARIO,
    funnel_network.SCENARIO,
    structuring.SCENARIO,
    rapid_movement.SCENARIO,
    *flow_patterns.SCENARIOS,
    maritime_smuggling_organiser.SCENARIO,
    smuggling_debt_labour.SCENARIO,
    travel_company_front.SCENARIO,
)
