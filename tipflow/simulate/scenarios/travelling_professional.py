"""L1: the travelling professional (sales rep, agency nurse, trucker, consultant).

Resembles T1 (hotels in several cities, rides, meals on the road, GEN-05) but: a salary from an
employer, one room in one name, trips that start and end at home, no payments from many
individuals and no sweep of money to anyone.
"""

from __future__ import annotations

import numpy as np

from tipflow.simulate.everyday_persons import business_trips
from tipflow.simulate.population import Population
from tipflow.simulate.routine import card_purchases
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.world import Tag, World

LOOKALIKE = "travelling_professional"


class TravellingProfessional(ScenarioParameters):
    trips_per_month: float = 3.0
    rides_per_month: float = 12.0


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    """Turn ``count`` employed customers into road warriors (their KYC and wages stay)."""
    assert isinstance(parameters, TravellingProfessional)
    persons = population.persons
    travelling = np.array([o.travel > 0.2 for o in world.config.occupations])[persons.occupation]
    pool = np.flatnonzero(travelling)
    if not len(pool):
        return
    chosen = world.rng.choice(pool, size=min(count, len(pool)), replace=False)
    tag = Tag(lookalike=LOOKALIKE)
    accounts, cities = persons.account[chosen], persons.city[chosen]
    business_trips(world, accounts, cities, parameters.trips_per_month)
    card_purchases(
        world,
        accounts,
        cities,
        np.full(len(chosen), parameters.rides_per_month),
        {"LOCAL_TRANSPORT": 1.0, "FOOD": 1.0},
    )
    world.mark(accounts, tag, None)


SCENARIO = Scenario(
    id=LOOKALIKE,
    kind="lookalike",
    crime=None,
    summary="Employees who travel for work: hotels in many cities, rides, meals; salary, own room.",
    indicators=("HT-SEX-03", "HT-SEX-06", "HT-SEX-07", "GEN-05"),
    resembles=("sex_trafficking_hotel_circuit",),
    sources=("FT16", "FIN20"),
    parameters=TravellingProfessional,
    build=build,
)
