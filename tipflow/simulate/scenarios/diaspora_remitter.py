"""L5: the diaspora remitter, who sends part of their own wages home to family.

Resembles T2, T4 and T8 and the corridor indicator GEO-01 (regular transfers to MIGRANT_ORIGIN
or HT_SOURCE countries; HT-LAB-12 and MS-14 when seen one transfer at a time). What differs
(catalogue 2.14): the money is the customer's own wage, sent a day or two after payday on a
regular cycle, a small share of income, to one or two relatives who share the surname, in the
country of birth; nothing comes in from third parties first.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import strings
from tipflow.simulate.clock import hours_profile
from tipflow.simulate.everyday_persons import REMITTANCE_SERVICES
from tipflow.simulate.population import Population
from tipflow.simulate.reference import places
from tipflow.simulate.routine import transfers
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.fresh_customers import (
    Customers,
    Paydays,
    foreign_account_numbers,
    foreign_nationalities,
    new_workers,
    relatives,
)
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import Tag, World

LOOKALIKE = "diaspora_remitter"
#: Origins weighted towards the corridors the catalogue lists (0.5: MIGRANT_ORIGIN, HT_SOURCE).
ORIGINS = {"MX": 30, "GT": 10, "HN": 8, "SV": 8, "VE": 5, "PH": 12, "CN": 6, "TH": 4, "IN": 10}
MEMOS = ("family support", "for mom", "household", "school fees", "")
EVENING = hours_profile((8, 22, 1), (17, 21, 2))


class DiasporaRemitter(ScenarioParameters):
    remit_share: tuple[float, float] = (0.08, 0.2)  # of each cycle's net wage sent home
    second_relative: float = Field(default=0.35, ge=0, le=1)  # chance of a second beneficiary
    wire_share: float = Field(default=0.2, ge=0, le=1)  # bank wire instead of a remittance firm
    holiday_gift: float = Field(default=0.15, ge=0, le=1)  # chance of one larger gift


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    """``count`` fresh foreign-born workers who remit after payday."""
    assert isinstance(parameters, DiasporaRemitter)
    rng = world.rng
    city = rng.choice(len(places().cities.name), size=count).astype(np.int64)
    nationality = foreign_nationalities(world, count, ORIGINS)
    workers, paydays = new_workers(world, count, city=city, nationality=nationality)
    _remit(world, workers, paydays, parameters)
    world.mark(workers.accounts(), Tag(lookalike=LOOKALIKE), None)


def _remit(world: World, workers: Customers, paydays: Paydays, p: DiasporaRemitter) -> None:
    rng, clock = world.rng, world.clock
    n, people = len(workers.account), workers.people
    # A monthly rhythm whatever the pay cycle: every 4th weekly or 2nd biweekly payday.
    every = np.maximum(1, np.round(30 / paydays.period)).astype(np.int64)[paydays.entity]
    rank = np.arange(len(paydays.entity)) - np.searchsorted(paydays.entity, paydays.entity)
    chosen = np.flatnonzero(rank % every == 0)
    entity, m = paydays.entity[chosen], len(chosen)
    # Own money, sent once it has arrived (0-2 days after payday), a small share of the month.
    day = np.minimum(paydays.day[chosen] + rng.integers(0, 3, m), clock.days - 1)
    share = rng.uniform(*p.remit_share, n)[entity]
    amount = paydays.net[chosen] * every[chosen] * share
    to_second = (rng.random(n) < p.second_relative)[entity] & (rng.random(m) < 0.5)
    amount = np.where(to_second, amount * 0.5, amount).astype(np.float64)
    first = np.r_[True, entity[1:] != entity[:-1]] if m else np.zeros(0, dtype=bool)
    gift = first & (rng.random(n) < p.holiday_gift)[entity]  # a festival or a family event
    sent = np.round(np.where(gift, amount * rng.uniform(2, 3, m), amount), -1)
    primary = relatives(world, people.nationality, people.surname, "female")
    second = relatives(world, people.nationality, people.surname, "male")
    number = np.stack(
        [foreign_account_numbers(world, people.nationality) for _ in range(2)]
    )  # each relative always gets money at the same account
    wire = (rng.random(n) < p.wire_share)[entity]
    firm = np.array(REMITTANCE_SERVICES, dtype=object)[rng.integers(0, 3, n)][entity]
    memo = Categorical.choose(MEMOS, rng.integers(0, len(MEMOS), m))
    for by_wire in (False, True):
        rows = np.flatnonzero(wire == by_wire)
        who = entity[rows]
        transfers(
            world,
            source=workers.account[who],
            target=None,
            day=day[rows],
            seconds=clock.seconds_in_hours(rng, EVENING, len(rows)),
            amount=np.maximum(sent[rows], 20.0),
            city=workers.city[who],
            channel="wire" if by_wire else "remittance",
            counterparty_name=np.where(to_second, second[entity], primary[entity])[rows],
            counterparty_account=number[to_second.astype(np.int64), entity][rows],
            counterparty_country=people.nationality[who],
            counterparty_institution=strings("Overseas Family Bank", len(rows))
            if by_wire
            else firm[rows],
            description=Categorical(memo.codes[rows], memo.labels),
        )


SCENARIO = Scenario(
    id=LOOKALIKE,
    kind="lookalike",
    crime=None,
    summary="Foreign-born workers who send a small share of each month's wage, a day or two "
    "after payday, to one or two relatives with their surname in the country of birth.",
    indicators=("GEO-01", "HT-LAB-12", "MS-03", "MS-06", "MS-14", "ML-15"),
    resembles=(
        "sex_trafficking_funnel_network",
        "labour_trafficking_recruiter",
        "smuggling_maritime_organiser",
    ),
    sources=("FIN20", "FIN23", "AUS-PS", "AUS-TH"),
    parameters=DiasporaRemitter,
    build=build,
)
