"""Typologies of migrant smuggling and of the laundering patterns both crimes use."""

from __future__ import annotations

from tipflow.simulate.scenarios.base import Scenario

SCENARIOS: tuple[Scenario, ...] = ()
