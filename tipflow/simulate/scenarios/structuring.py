"""ML-02: structuring cash below the USD 10,000 currency-transaction-report threshold.

1-3 related persons (one address; accounts at two or more institutions) pay in cash in the
sub-threshold band [8,000, 10,000), that is 0.8 to 1 times T_cash (catalogue 0.3), three to six
times within a week, often several the same day at different branches or cities, so that the
day's total passes the threshold while no single deposit reaches it (FIN14, FIN20, AUS-PS).
Some of the events are withdrawals in the same band. Days later the money is gathered into one
account and leaves by wire to a car dealer, a title company or a wholesaler (ML-13). The
persons keep the cover of ordinary customers: wages matching their declared jobs, rent,
everyday spending.

Subtlety (0-1) moves it towards the look-alikes of ML-02 (coincidental near-threshold deposits,
a shop banking its takings, a fixed cash pick-up): at 1 there are 40 % fewer episodes, the band
widens down to 5,000, an episode spreads over three weeks instead of one, and there are no
deliberate same-day splits.
"""

from __future__ import annotations

import numpy as np
from pydantic import Field

from tipflow.simulate.arrays import FloatArray, IntArray, strings
from tipflow.simulate.clock import OFFICE_HOURS
from tipflow.simulate.people import add_persons, street_addresses
from tipflow.simulate.population import Population
from tipflow.simulate.reference import places
from tipflow.simulate.routine import transfers
from tipflow.simulate.scenarios.base import Scenario, ScenarioParameters
from tipflow.simulate.scenarios.laundering_helpers import (
    OUTSIDE_BANKS,
    account_numbers,
    cash_at,
    everyday_life,
    occupations,
    open_at,
    spread_institutions,
)
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import Tag, World

TYPOLOGY = "laundering_structuring"
PAYEES = ("Prestige Motors", "Sunbelt Title & Escrow", "Allied Wholesale", "Keystone Land Title")
PURPOSES = ("vehicle purchase", "closing funds", "invoice", "")
JOBS = ("construction worker", "cook", "truck driver", "hairdresser", "cashier")


class Structuring(ScenarioParameters):
    persons: tuple[int, int] = (1, 3)  # related accounts (catalogue ML-02 scenario: 1-3)
    episodes_per_month: tuple[float, float] = (2.0, 4.0)
    events_per_episode: tuple[int, int] = (3, 6)  # ML-02: >= 3 in W7
    episode_days: int = Field(default=7, ge=1)  # W7
    band: tuple[float, float] = (8000.0, 10_000.0)  # [0.8 T, T) with T = USD 10,000 (CTR)
    withdrawal_share: float = Field(default=0.2, ge=0, le=1)
    split_share: float = Field(default=0.5, ge=0, le=1)  # episodes split across branches a day
    exit_share: tuple[float, float] = (0.8, 0.95)  # of an episode's net cash wired out after


def build(world: World, population: Population, parameters: ScenarioParameters, count: int) -> None:
    assert isinstance(parameters, Structuring)
    for _ in range(count):
        _network(world, parameters)


def _network(world: World, p: Structuring) -> None:
    rng = world.rng
    tag = world.new_network(TYPOLOGY, "laundering")
    n = int(rng.integers(p.persons[0], p.persons[1] + 1))
    every = np.arange(len(places().cities.name))
    home = int(rng.choice(every))
    occupation, income = occupations(world, n, JOBS)
    people = add_persons(
        world,
        n,
        city=np.full(n, home),
        occupation=occupation,
        income=income,
        address=strings(street_addresses(rng, 1)[0], n),  # one household
    )
    # Accounts at two institutions at least; a lone structurer holds both.
    bank = spread_institutions(world, max(n, 2), allow_msb=False)
    holders = people.ids[np.arange(len(bank)) % n]
    accounts = open_at(world, holders, bank, np.full(len(bank), home))
    everyday_life(world, accounts[:n], np.full(n, home), income, tag)
    branches = np.concatenate([[home], rng.choice(every[every != home], 2, replace=False)])
    _episodes(world, accounts, branches.astype(np.int64), p, tag)
    world.mark(accounts, tag, "funnel")


def _episodes(
    world: World, accounts: IntArray, branches: IntArray, p: Structuring, tag: Tag
) -> None:
    """Bursts of sub-threshold cash events, then the net gathered and wired out."""
    rng, clock, s = world.rng, world.clock, world.config.subtlety
    span = round(p.episode_days * (1 + 2 * s))
    rate = rng.uniform(*p.episodes_per_month) * clock.days / 30.4 * (1 - 0.4 * s)
    e = max(1, int(rng.poisson(rate)))
    start = rng.integers(0, max(1, clock.days - span), e)
    episode = np.repeat(
        np.arange(e), rng.integers(p.events_per_episode[0], p.events_per_episode[1] + 1, e)
    )
    m = len(episode)
    offset = rng.integers(0, span, m)
    # Split episodes fall on two days only: several deposits the same day at other branches.
    split = rng.random(e) < p.split_share * (1 - s)
    offset = np.where(split[episode], offset % 2, offset)
    day = np.minimum(start[episode] + offset, clock.days - 1).astype(np.int64)
    holder = rng.integers(0, len(accounts), m)
    city = branches[rng.integers(0, len(branches), m)]
    low = p.band[0] - 3000 * s
    amount = np.round(rng.uniform(low, p.band[1] - 10, m), -1).astype(np.float64)
    out = rng.random(m) < p.withdrawal_share
    for withdraw in (False, True):
        rows = np.flatnonzero(out == withdraw)
        memo = "branch cash withdrawal" if withdraw else "branch cash deposit"
        cash_at(
            world,
            accounts[holder[rows]],
            day[rows],
            amount[rows],
            city[rows],
            tag,
            deposit=not withdraw,
            memo=memo,
            hours=OFFICE_HOURS,
        )
    net = np.zeros((e, len(accounts)))
    np.add.at(net, (episode, holder), np.where(out, -amount, amount))
    _gather_and_wire(world, accounts, branches[0], net, start + span, p, tag)


def _gather_and_wire(
    world: World,
    accounts: IntArray,
    home: int,
    net: FloatArray,
    end: IntArray,
    p: Structuring,
    tag: Tag,
) -> None:
    """After each episode the others' net cash moves to the first account, which wires it."""
    rng, clock = world.rng, world.clock
    day = end + rng.integers(1, 5, len(end))
    episode, holder = np.nonzero(net[:, 1:] > 0)
    inside = day[episode] - 1 < clock.days
    episode, holder = episode[inside], holder[inside] + 1
    k = len(episode)
    transfers(
        world,
        source=accounts[holder],
        target=np.full(k, accounts[0]),
        day=day[episode] - 1,
        seconds=clock.seconds_in_hours(rng, OFFICE_HOURS, k),
        amount=np.round(net[episode, holder], -1),
        city=np.full(k, home),
        channel="ach",
        tag=tag,
        description=Categorical.constant("transfer", k),
    )
    total = np.maximum(net, 0).sum(axis=1) * rng.uniform(*p.exit_share, len(end))
    rows = np.flatnonzero((day < clock.days) & (total > 5000))
    k = len(rows)
    payee = rng.integers(0, len(PAYEES), k)
    transfers(
        world,
        source=np.full(k, accounts[0]),
        target=None,
        day=day[rows],
        seconds=clock.seconds_in_hours(rng, OFFICE_HOURS, k),
        amount=np.round(total[rows], -2),
        city=np.full(k, home),
        channel="wire",
        tag=tag,
        counterparty_name=Categorical.choose(PAYEES, payee),
        counterparty_account=account_numbers(rng, k),
        counterparty_institution=Categorical.choose(OUTSIDE_BANKS, payee % len(OUTSIDE_BANKS)),
        counterparty_country=strings("US", k),
        description=Categorical.choose(PURPOSES, rng.integers(0, len(PURPOSES), k)),
    )


SCENARIO = Scenario(
    id=TYPOLOGY,
    kind="typology",
    crime="laundering",
    summary="1-3 related persons pay in (and draw) cash of 8,000-9,990 three or more times a "
    "week across branches and cities, often splitting one day's cash; the money is gathered "
    "and wired to a car dealer or title company.",
    indicators=("ML-02", "ML-13", "GEN-02"),
    resembles=(),
    sources=("FIN14", "FIN20", "AUS-PS"),
    parameters=Structuring,
    build=build,
)
