"""L22: the treasurer of a club or group who collects from members and pays the group's bills.

Resembles T11 (the collector, HT-SEX-13; also HT-SEX-11 and ML-03): one account receives many
small P2P payments from the same people and passes most of the money on within days. What
differs (catalogue 2.14): a small recurring group of 5-12 members of one city, the same dues
from everyone around one day of the month and equal shares before each event, paid in the
day and evening, not at night; the money goes to the businesses that bill the group (venue,
league, equipment, the event itself), never to one person, except small reimbursements.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import strings
from tipflow.simulate.clock import OFFICE_HOURS, hours_profile
from tipflow.simulate.population import Population
from tipflow.simulate.reference import places
from tipflow.simulate.routine import transfers
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.fresh_customers import Customers, monthly_days, new_workers
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import Tag, World

LOOKALIKE = "group_treasurer"
MEMBER_HOURS = hours_profile((8, 22, 1), (18, 21, 1))
#: What an event costs the group and where it is paid (card): (memo, merchant, MCC).
EVENTS = (
    ("tournament", "Metro Sports League", "7941"),
    ("team dinner", "Riverside Grill", "5812"),
    ("tickets", "Civic Arena Box Office", "7922"),
    ("equipment", "ProSport Outfitters", "5941"),
)


class GroupTreasurer(ScenarioParameters):
    members: tuple[int, int] = (5, 12)  # besides the treasurer
    dues: tuple[int, ...] = (20, 25, 30, 40, 50, 60)  # per member and month
    events_per_month: float = Field(default=1.5, ge=0)
    event_share: tuple[float, float] = (15.0, 45.0)  # each member's share of an event


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    """``count`` groups, each a treasurer and members, fresh customers of one city."""
    assert isinstance(parameters, GroupTreasurer)
    for _ in range(count):
        _group(world, parameters)


def _group(world: World, p: GroupTreasurer) -> None:
    rng, clock = world.rng, world.clock
    size = int(rng.integers(p.members[0], p.members[1] + 1)) + 1  # the treasurer first
    city = np.full(size, rng.integers(0, len(places().cities.name)), dtype=np.int64)
    cast, _ = new_workers(world, size, city=city)
    dues = float(rng.choice(p.dues))
    # Monthly dues around one day, then the venue is paid from them a few days later.
    members = np.arange(1, size)
    entity, _, day = monthly_days(world, np.full(len(members), int(rng.integers(1, 21))))
    day = day + rng.integers(-3, 6, len(day))
    keep = (day >= 0) & (day < clock.days)
    _collect(world, cast, members[entity[keep]], day[keep], dues, "dues")
    _, _, venue_day = monthly_days(world, np.array([25]))
    _bill(world, cast, venue_day, dues * (size - 1) * 0.9, "Northside Community Center", "7997")
    # Events: equal shares from every member in the three days before, then the bill.
    n_events = rng.poisson(p.events_per_month * clock.days / 30.4)
    event_day = np.sort(rng.integers(3, max(4, clock.days), n_events))
    for when in event_day:
        memo, merchant, mcc = EVENTS[int(rng.integers(0, len(EVENTS)))]
        share = round(float(rng.uniform(*p.event_share)), 0)
        coming = members[rng.random(len(members)) < 0.8]
        paid = when - rng.integers(0, 4, len(coming))
        _collect(world, cast, coming, paid, share, memo)
        _bill(world, cast, np.array([when]), share * (len(coming) + 1), merchant, mcc)
    # Now and then a member who bought something for the group is paid back.
    back = rng.poisson(0.3 * clock.days / 30.4)
    transfers(
        world,
        source=np.full(back, cast.account[0]),
        target=cast.account[rng.choice(members, back)],
        day=clock.random_days(rng, back),
        seconds=clock.seconds_in_hours(rng, MEMBER_HOURS, back),
        amount=np.round(rng.uniform(10, 60, back), 2),
        city=np.full(back, city[0]),
        channel="p2p",
        description=strings("reimbursement", back),
    )
    world.mark(cast.accounts(), Tag(lookalike=LOOKALIKE), None)


def _collect(
    world: World, cast: Customers, member: np.ndarray, day: np.ndarray, amount: float, memo: str
) -> None:
    rng, clock = world.rng, world.clock
    keep = (day >= 0) & (day < clock.days)
    member, day = member[keep], day[keep]
    n = len(member)
    transfers(
        world,
        source=cast.account[member],
        target=np.full(n, cast.account[0]),
        day=day,
        seconds=clock.seconds_in_hours(rng, MEMBER_HOURS, n),
        amount=np.full(n, amount),
        city=cast.city[member],
        channel="p2p",
        description=Categorical.choose(
            (memo, f"{memo} - thanks!", f"{memo} :)"), rng.integers(0, 3, n)
        ),
    )


def _bill(
    world: World, cast: Customers, day: np.ndarray, amount: float, merchant: str, mcc: str
) -> None:
    """The group's bill, on the treasurer's card, in office or evening hours."""
    n = len(day)
    transfers(
        world,
        source=np.full(n, cast.account[0]),
        target=None,
        day=day,
        seconds=world.clock.seconds_in_hours(world.rng, OFFICE_HOURS, n),
        amount=np.full(n, round(amount, 2)),
        city=np.full(n, cast.city[0]),
        channel="card",
        merchant_name=strings(merchant, n),
        merchant_category_code=strings(mcc, n),
    )


SCENARIO = Scenario(
    id=LOOKALIKE,
    kind="lookalike",
    crime=None,
    summary="A club treasurer: 5-12 local members pay equal dues and event shares by P2P; "
    "the money goes to the venue, league and event merchants, not to a person.",
    indicators=("HT-SEX-11", "HT-SEX-13", "ML-03", "MS-01"),
    resembles=("sex_trafficking_ring_collector",),
    sources=("FT21",),
    parameters=GroupTreasurer,
    build=build,
)
