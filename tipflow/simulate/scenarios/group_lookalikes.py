"""Look-alikes: benign customers who resemble a typology (catalogue section 2.14).

Each builds its own fresh customers (``fresh_customers.py``) and marks every account it opens
exactly once with ``Tag(lookalike=...)``; none is ever part of a network.
"""

from __future__ import annotations

from tipflow.simulate.scenarios import (
    diaspora_remitter,
    group_treasurer,
    independent_sex_worker,
    international_student,
    landlord,
    online_seller,
    savings_club,
    seasonal_scheme,
    travelling_professional,
)
from tipflow.simulate.scenarios.base import Scenario

SCENARIOS: tuple[Scenario, ...] = (
    travelling_professional.SCENARIO,  # L1
    independent_sex_worker.SCENARIO,  # L2
    international_student.SCENARIO,  # L4
    diaspora_remitter.SCENARIO,  # L5
    savings_club.SCENARIO,  # L7
    seasonal_scheme.SCENARIO,  # L11
    landlord.SCENARIO,  # L12
    online_seller.SCENARIO,  # L14
    group_treasurer.SCENARIO,  # L22
)
