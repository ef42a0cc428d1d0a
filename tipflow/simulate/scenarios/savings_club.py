"""L7: the organiser of a rotating savings club (tanda, susu, hui, paluwagan, committee).

Resembles T6 and T11 (and MS-01, HT-SEX-11, HT-SEX-13): one account takes in many P2P credits
from different people every month and forwards a large sum to one of them. What differs
(catalogue 2.14): the 8-15 members live in the organiser's own city and pay the same fixed
amount around the same day each month; the pot (contribution x members) goes back to a
different member each month in a fixed rotation, so over a full cycle everyone gets back what
they paid in; the organiser has a job and an ordinary life.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import IntArray, strings
from tipflow.simulate.clock import hours_profile
from tipflow.simulate.population import Population
from tipflow.simulate.reference import names, places
from tipflow.simulate.routine import transfers
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.fresh_customers import (
    Customers,
    foreign_nationalities,
    monthly_days,
    new_workers,
)
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import Tag, World

LOOKALIKE = "savings_club_organiser"
#: Communities where rotating clubs are common, and what their members call the club.
COMMUNITIES = {"MX": 30, "GT": 8, "HN": 6, "SV": 6, "NG": 8, "PH": 10, "CN": 8, "KR": 6, "IN": 8}
CLUB_WORD = {
    "hispanic": "tanda",
    "west_african": "susu",
    "east_asian": "hui",
    "filipino": "paluwagan",
    "south_asian": "committee",
}
DAYTIME_EVENING = hours_profile((8, 22, 1), (18, 21, 1))


class SavingsClub(ScenarioParameters):
    members: tuple[int, int] = (8, 15)  # besides the organiser
    contribution: tuple[int, ...] = (100, 150, 200, 250, 300, 500)  # fixed, per member and month
    late_share: float = Field(default=0.15, ge=0, le=1)  # payments a few days after the due day
    cash_share: float = Field(default=0.1, ge=0, le=1)  # members who hand over cash instead


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    """``count`` clubs, each an organiser and members, all fresh customers of one city."""
    assert isinstance(parameters, SavingsClub)
    for _ in range(count):
        _club(world, parameters)


def _club(world: World, p: SavingsClub) -> None:
    rng = world.rng
    size = int(rng.integers(p.members[0], p.members[1] + 1)) + 1  # organiser first
    city = np.full(size, rng.integers(0, len(places().cities.name)), dtype=np.int64)
    origin = str(foreign_nationalities(world, 1, COMMUNITIES)[0])
    # A community club: most members share the organiser's origin, a few were born here.
    nationality = np.where(rng.random(size) < 0.8, origin, places().home_country).astype(object)
    nationality[0] = origin
    cast, _ = new_workers(world, size, city=city, nationality=nationality)
    word = CLUB_WORD.get(_group(origin), "club")
    contribution = float(rng.choice(p.contribution))
    due = int(rng.integers(1, 26))
    _contributions(world, cast, contribution, due, word, p)
    _, _, due_days = monthly_days(world, np.array([due]))
    _payouts(world, cast, contribution, due_days, word)
    world.mark(cast.accounts(), Tag(lookalike=LOOKALIKE), None)


def _contributions(
    world: World, cast: Customers, contribution: float, due: int, word: str, p: SavingsClub
) -> None:
    """Every member pays the same amount around the due day each month."""
    rng, clock = world.rng, world.clock
    members = np.arange(1, len(cast.account))
    entity, _, day = monthly_days(world, np.full(len(members), due), spill=5)
    late = rng.random(len(entity)) < p.late_share
    shift = np.where(late, rng.integers(1, 6, len(entity)), rng.integers(-2, 1, len(entity)))
    day = day + shift
    inside = (day >= 0) & (day < clock.days)
    entity, day = entity[inside], day[inside]
    member = members[entity]
    by_cash = (rng.random(len(members)) < p.cash_share)[entity]
    online = np.flatnonzero(~by_cash)
    transfers(
        world,
        source=cast.account[member[online]],
        target=np.full(len(online), cast.account[0]),
        day=day[online],
        seconds=clock.seconds_in_hours(rng, DAYTIME_EVENING, len(online)),
        amount=np.full(len(online), contribution),
        city=cast.city[member[online]],
        channel="p2p",
        description=Categorical.choose(
            (word, f"{word} {due}", ""), rng.integers(0, 3, len(online))
        ),
    )
    # Cash handed over at the meeting is paid in by the organiser in one deposit that day.
    cash_days, per_day = np.unique(day[by_cash], return_counts=True)
    transfers(
        world,
        source=None,
        target=np.full(len(cash_days), cast.account[0]),
        day=cash_days,
        seconds=clock.seconds_in_hours(rng, hours_profile((9, 17, 1)), len(cash_days)),
        amount=(per_day * contribution).astype(np.float64),
        city=np.full(len(cash_days), cast.city[0]),
        channel="cash",
        description=strings("branch deposit", len(cash_days)),
    )


def _payouts(
    world: World, cast: Customers, contribution: float, due_days: IntArray, word: str
) -> None:
    """Once a month's money is in, the whole pot goes to the next member in the rotation."""
    rng, clock = world.rng, world.clock
    size = len(cast.account)
    order = rng.permutation(size)  # the rotation agreed when the club started
    turn = order[(int(rng.integers(0, size)) + np.arange(len(due_days))) % size]
    day = due_days + 6  # after the late payers
    keep = (day < clock.days) & (turn != 0)  # on the organiser's own turn the pot stays put
    n = int(keep.sum())
    transfers(
        world,
        source=np.full(n, cast.account[0]),
        target=cast.account[turn[keep]],
        day=day[keep],
        seconds=clock.seconds_in_hours(rng, DAYTIME_EVENING, n),
        amount=np.full(n, contribution * size),
        city=np.full(n, cast.city[0]),
        channel="p2p",
        description=strings(f"{word} payout", n),
    )


def _group(country: str) -> str:
    catalogue = names()
    return catalogue.country_group.get(country, "anglo")


SCENARIO = Scenario(
    id=LOOKALIKE,
    kind="lookalike",
    crime=None,
    summary="The organiser of a rotating savings club: 8-15 local members pay the same amount "
    "each month and the whole pot goes back to a different member each month.",
    indicators=("MS-01", "MS-06", "HT-SEX-11", "HT-SEX-13", "ML-03"),
    resembles=("smuggling_border_funnel", "sex_trafficking_ring_collector"),
    sources=("FIN23", "FT21"),
    parameters=SavingsClub,
    build=build,
)
