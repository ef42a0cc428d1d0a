"""Typologies of human trafficking (sex and labour): the catalogue's T1, T3, T4, T5 and T9."""

from __future__ import annotations

from tipflow.simulate.scenarios import (
    employer_servitude,
    illicit_massage,
    labour_recruiter,
    sex_hotel_circuit,
)
from tipflow.simulate.scenarios.base import Scenario

SCENARIOS: tuple[Scenario, ...] = (
    sex_hotel_circuit.SCENARIO,
    illicit_massage.SCENARIO,
    labour_recruiter.SCENARIO,
    employer_servitude.SCENARIO,
)
