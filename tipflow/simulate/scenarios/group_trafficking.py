"""Typologies of human trafficking (sex and labour): the catalogue's T1, T3, T4, T5, T9, T10
and T11."""

from __future__ import annotations

from tipflow.simulate.scenarios import (
    debt_bonded_sex_trafficking,
    employer_servitude,
    illicit_massage,
    labour_recruiter,
    prepaid_crypto_ad_loop,
    ring_collector,
    sex_hotel_circuit,
)
from tipflow.simulate.scenarios.base import Scenario

SCENARIOS: tuple[Scenario, ...] = (
    sex_hotel_circuit.SCENARIO,
    illicit_massage.SCENARIO,
    labour_recruiter.SCENARIO,
    employer_servitude.SCENARIO,
    debt_bonded_sex_trafficking.SCENARIO,
    prepaid_crypto_ad_loop.SCENARIO,
    ring_collector.SCENARIO,
)
