"""Look-alikes: benign customers who resemble a typology (catalogue section 2.14)."""

from __future__ import annotations

from tipflow.simulate.scenarios import travelling_professional
from tipflow.simulate.scenarios.base import Scenario

SCENARIOS: tuple[Scenario, ...] = (travelling_professional.SCENARIO,)
