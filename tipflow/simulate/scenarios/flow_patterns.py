"""AMLworld's generic laundering shapes as typologies (Altman et al., NeurIPS 2023).

One scenario per shape, sharing this code: ``laundering_fan_in``, ``laundering_fan_out``,
``laundering_cycle`` (time-ordered, 3-8 accounts), ``laundering_scatter_gather``,
``laundering_gather_scatter`` and ``laundering_bipartite``; ``flow_shapes.py`` lays out the
legs. Each network is a set of ordinary-looking persons (wages for their declared jobs, rent,
everyday spending) with accounts spread over the institutions; an attempt is repeated 1-3 times
over the period with the same accounts. The money that starts an attempt is placed just before
it (cash paid in, or a wire from an outside company), and what ends with an account leaves
within three days (wired to an outside company at home or abroad, or drawn in cash), so that
each attempt is a placement-layering-exit sequence rather than money from nowhere. Unlike the
AMLworld files, the legs mix ACH, wires and P2P (they are 99.95 % ACH there, an artefact).

Subtlety (0-1) moves the shapes towards ordinary payment graphs (a payroll fan-out, a
landlord's fan-in, friends settling up): at 1 degrees are up to 60 % smaller, amounts half as
large and attempts three times as long.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from tipflow.simulate.arrays import FloatArray, IntArray, text_where
from tipflow.simulate.people import add_persons
from tipflow.simulate.population import Population
from tipflow.simulate.reference import places
from tipflow.simulate.routine import city_offsets
from tipflow.simulate.scenarios import flow_shapes as shapes
from tipflow.simulate.scenarios.base import Build, Scenario, ScenarioParameters
from tipflow.simulate.scenarios.laundering_helpers import (
    DAY_SECONDS,
    OUTSIDE_BANKS,
    account_numbers,
    emit,
    everyday_life,
    occupations,
    open_at,
    spread_institutions,
)
from tipflow.simulate.tables import Categorical, Column
from tipflow.simulate.world import NO_ACCOUNT, Tag, World

COMPANIES = (
    "Orion Consulting LLC",
    "Blue Harbor Imports",
    "Vertex Holdings Ltd",
    "Crescent Logistics Inc",
    "Northgate Capital Partners",
)
EASTERN = -300  # moments are laid out on one clock, then shown in each city's local time
Shape = Callable[[np.random.Generator, Any, int, float], shapes.Legs]


def _builder(typology: str, shape: Shape) -> Build:
    def build(world: World, _: Population, parameters: ScenarioParameters, count: int) -> None:
        assert isinstance(parameters, shapes.Flow)
        for _network in range(count):
            attempts = int(world.rng.integers(parameters.attempts[0], parameters.attempts[1] + 1))
            legs = shape(world.rng, parameters, attempts, world.config.subtlety)
            _network_of(world, typology, legs, attempts)

    return build


def _network_of(world: World, typology: str, legs: shapes.Legs, attempts: int) -> None:
    rng, clock = world.rng, world.clock
    tag = world.new_network(typology, "laundering")
    occupation, income = occupations(world, legs.size)
    people = add_persons(world, legs.size, age=(22, 65), occupation=occupation, income=income)
    accounts = open_at(world, people.ids, spread_institutions(world, legs.size), people.city)
    everyday_life(world, accounts, people.city, income, tag)
    # Attempts start after two days (room for the placement before) and end, exits included,
    # before the last day; in a very short world an attempt is compressed (order kept) to fit.
    room = (clock.days - 5) * DAY_SECONDS
    offset = legs.offset * min(1.0, max(room, DAY_SECONDS) / max(legs.offset.max(), 1.0))
    start = rng.uniform(2 * DAY_SECONDS, max(3 * DAY_SECONDS, room - offset.max()), attempts)
    t = start[legs.attempt] + offset
    big = legs.amount > 3000
    channel = np.where(big, rng.integers(1, 3, len(t)), rng.integers(0, 2, len(t)))
    city = people.city[legs.source]
    emit(
        world,
        _local(t, city),
        city,
        legs.amount,
        channel,
        accounts[legs.source],
        accounts[legs.target],
        tag,
    )
    _placement_and_exit(world, legs, t, accounts, people.city, tag)
    hub = np.isin(np.arange(legs.size), legs.hubs)
    world.mark(accounts[hub], tag, "funnel")
    world.mark(accounts[~hub], tag, "facilitator")


def _local(t: FloatArray, city: IntArray) -> FloatArray:
    """Local seconds from the start of moments laid out on Eastern time."""
    return np.asarray(t + (city_offsets(city) - EASTERN) * 60, dtype=np.float64)


def _placement_and_exit(
    world: World,
    legs: shapes.Legs,
    t: FloatArray,
    accounts: IntArray,
    city: IntArray,
    tag: Tag,
) -> None:
    """Fund what an account pays before anything reaches it; let out what reaches it after
    its last payment (per attempt and account)."""
    rng, n = world.rng, legs.size
    slots = (legs.attempt.max() + 1) * n
    paying, paid = legs.attempt * n + legs.source, legs.attempt * n + legs.target
    first_in, last_out = np.full(slots, np.inf), np.full(slots, -np.inf)
    np.minimum.at(first_in, paid, t)
    np.maximum.at(last_out, paying, t)
    first_out, last_in = np.full(slots, np.inf), np.full(slots, -np.inf)
    np.minimum.at(first_out, paying, t)
    np.maximum.at(last_in, paid, t)
    early = t < first_in[paying]
    need = np.bincount(paying[early], legs.amount[early], minlength=slots)
    late = t > last_out[paid]
    left = np.bincount(paid[late], legs.amount[late], minlength=slots)
    for inward, slot, when, share in (
        (True, np.flatnonzero(need > 0), first_out, (1.0, 1.05)),
        (False, np.flatnonzero(left > 0), last_in, (0.9, 1.0)),
    ):
        who = slot % n
        lag = rng.uniform(2, 30, len(slot)) if inward else rng.uniform(6, 72, len(slot))
        moment = _local(when[slot] + (-lag if inward else lag) * 3600, city[who])
        total = (need if inward else left)[slot] * rng.uniform(*share, len(slot))
        rows = np.flatnonzero(moment < world.clock.days * DAY_SECONDS)
        who, moment, total, k = who[rows], moment[rows], total[rows], len(rows)
        by_wire = (rng.random(k) < 0.7) | (total >= 10_000)  # no cash a CTR would report
        none, own = np.full(k, NO_ACCOUNT), accounts[who]
        outside: dict[str, Column] = {
            "counterparty_name": text_where(by_wire, rng.choice(COMPANIES, k)),
            "counterparty_account": text_where(by_wire, account_numbers(rng, k)),
            "counterparty_institution": text_where(by_wire, rng.choice(OUTSIDE_BANKS, k)),
            "counterparty_country": text_where(by_wire, places().home_country),
            "description": Categorical.choose(
                ("consulting", "invoice", "cash"), np.where(by_wire, rng.integers(0, 2, k), 2)
            ),
        }
        amount = np.round(total, -2 if inward else 2)
        source, target = (none, own) if inward else (own, none)
        channel = np.where(by_wire, 2, 3)
        emit(world, moment, city[who], amount, channel, source, target, tag, outside)


def _scenario(
    typology: str, shape: Shape, parameters: type[shapes.Flow], indicators: str, summary: str
) -> Scenario:
    return Scenario(
        id=typology,
        kind="typology",
        crime="laundering",
        summary=summary,
        indicators=tuple(indicators.split(",")),
        resembles=(),
        sources=("AMLworld",),
        parameters=parameters,
        build=_builder(typology, shape),
    )


SCENARIOS = (
    _scenario(
        "laundering_fan_in",
        partial(shapes.fan, inward=True),
        shapes.Fan,
        "ML-06",
        "5-16 accounts at several institutions pay one account within four days.",
    ),
    _scenario(
        "laundering_fan_out",
        partial(shapes.fan, inward=False),
        shapes.Fan,
        "ML-06",
        "One account pays 5-16 accounts at several institutions within four days.",
    ),
    _scenario(
        "laundering_cycle",
        shapes.cycle,
        shapes.Cycle,
        "ML-03,ML-06",
        "Money goes round 3-8 accounts hop after hop and returns to the first, less small fees.",
    ),
    _scenario(
        "laundering_scatter_gather",
        shapes.scatter_gather,
        shapes.ScatterGather,
        "ML-03,ML-06",
        "One account pays 3-10 intermediaries, who pass it on to one final account.",
    ),
    _scenario(
        "laundering_gather_scatter",
        shapes.gather_scatter,
        shapes.GatherScatter,
        "ML-03,ML-06",
        "3-10 accounts pay one hub, which pays the total out to 3-10 others within eight days.",
    ),
    _scenario(
        "laundering_bipartite",
        shapes.bipartite,
        shapes.Bipartite,
        "ML-06",
        "2-6 accounts pay 2-6 others, each one or more of them, within two days.",
    ),
)
