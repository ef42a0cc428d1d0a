"""What the trafficking typologies T3, T4 and T5 share: a network's scene, people, premises.

A :class:`Scene` is one network being built. Every row it adds carries the network's tag and
happens in the network's home city unless told otherwise, and scalars (one account, one memo)
repeat over the rows, so that the typology modules read as their story. Everything stays
vectorised: one call adds a whole batch of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from tipflow.simulate import people
from tipflow.simulate.arrays import AnyArray, BoolArray, FloatArray, IntArray, StrArray, strings
from tipflow.simulate.clock import DAY, OFFICE_HOURS, SECOND
from tipflow.simulate.people import People
from tipflow.simulate.population import institution_choice
from tipflow.simulate.reference import names, places
from tipflow.simulate.routine import card_purchases, city_column, city_offsets, periodic
from tipflow.simulate.tables import Categorical, Column
from tipflow.simulate.world import Tag, World

DAY_SECONDS = 86_400
Side = int | IntArray | None  # one account (repeated), one per row, or none (outside, cash)
Value = Column | str | None  # one value per row, or one for all rows


@dataclass(frozen=True)
class Scene:
    """One network under construction: the world, the network's tag and its home city."""

    world: World
    tag: Tag
    city: int

    @property
    def rng(self) -> np.random.Generator:
        return self.world.rng

    @property
    def strength(self) -> float:
        """1 for a blatant typology, 0.4 at subtlety 1 (the scale T1 uses)."""
        return 1.0 - 0.6 * self.world.config.subtlety

    def count(self, bounds: tuple[int, int]) -> int:
        """How many (actors, sites): within ``bounds``, the upper one shrinking with strength."""
        high = bounds[0] + round((bounds[1] - bounds[0]) * self.strength)
        return int(self.rng.integers(bounds[0], high, endpoint=True))

    def rows(
        self,
        source: Side,
        target: Side,
        day: IntArray,
        amount: FloatArray | float,
        channel: Value,
        memo: Value = None,
        *,
        party: Value = None,
        seconds: IntArray | None = None,
        hours: FloatArray = OFFICE_HOURS,
        city: IntArray | int | None = None,
        tagged: bool = True,
        **columns: Value,
    ) -> IntArray:
        """One row per element of ``day``, at ``seconds`` or at hours drawn from ``hours``;
        ``memo`` is the description, ``party`` the outside counterparty's name. ``tagged``
        False: rows of other customers that the scenario causes (not the network's own)."""
        n, clock = len(day), self.world.clock
        seconds = clock.seconds_in_hours(self.rng, hours, n) if seconds is None else seconds
        where = np.broadcast_to(self.city if city is None else city, (n,))
        return self.world.transact(
            when=clock.start + day * DAY + seconds * SECOND,
            utc_offset=city_offsets(where),
            amount=np.broadcast_to(np.asarray(amount, dtype=float), (n,)),
            channel=_column(channel, n),
            source=_side(source, n),
            target=_side(target, n),
            tag=self.tag if tagged else None,
            city=city_column(where),
            country=Categorical.constant(places().home_country, n),
            description=_column(memo, n),
            counterparty_name=_column(party, n),
            **{name: _column(value, n) for name, value in columns.items()},
        )

    def after(
        self,
        cause: tuple[IntArray, IntArray],
        hours: tuple[float, float],
        source: Side,
        target: Side,
        amount: FloatArray | float,
        channel: Value,
        memo: Value = None,
        **columns: Value,
    ) -> IntArray:
        """Rows ``hours`` (a uniform range) after their causes, given as (day, seconds); arrays
        hold one value per cause, and rows that would fall after the period are left out."""
        day, seconds = cause
        delay = (self.rng.uniform(*hours, len(day)) * 3600).astype(np.int64)
        total = seconds + np.maximum(delay, 60)  # at least a minute: strictly after the cause
        later = day + total // DAY_SECONDS
        inside = later < self.world.clock.days
        kept = {name: _keep(value, inside) for name, value in columns.items()}
        values = (_keep(v, inside) for v in (source, target, later, amount, channel, memo))
        return self.rows(*values, seconds=(total % DAY_SECONDS)[inside], **kept)

    def every(
        self,
        days: int,
        source: Side,
        target: Side,
        amount: FloatArray | float,
        channel: str,
        memo: Value = None,
        *,
        party: Value = None,
        jitter: float = 0.0,
        city: IntArray | int | None = None,
        hours: FloatArray = OFFICE_HOURS,
        **columns: Value,
    ) -> IntArray:
        """Payments repeating every ``days`` days (rent, tax, invoices, wires); arrays hold
        one value per payer or payee."""
        sizes = [len(v) for v in (source, target, amount, city) if isinstance(v, np.ndarray)]
        n = max(sizes, default=1)
        return periodic(
            self.world,
            period=np.full(n, days),
            amount=np.broadcast_to(np.asarray(amount, dtype=float), (n,)),
            city=np.broadcast_to(self.city if city is None else city, (n,)),
            channel=channel,
            source=_side(source, n),
            target=_side(target, n),
            hours=hours,
            jitter=jitter,
            tag=self.tag,
            description=_column(memo, n),
            counterparty_name=_column(party, n),
            **{name: _column(value, n) for name, value in columns.items()},
        )

    def buy(
        self, account: Side, day: IntArray, amount: FloatArray, name: Value, mcc: str, **more: Any
    ) -> IntArray:
        """Card payments at one named merchant (bus tickets, airfares, a storefront)."""
        more |= {"merchant_name": name, "merchant_category_code": mcc}
        return self.rows(account, None, day, amount, "card", **more)

    def spend(
        self,
        accounts: IntArray,
        per_month: float,
        groups: dict[str, float],
        *,
        scale: float = 1.0,
        cities: IntArray | None = None,
        days: tuple[int, int] | None = None,
    ) -> None:
        """Card purchases at merchants of ``groups`` (``routine.card_purchases``)."""
        rate = np.full(len(accounts), per_month)
        where = np.full(len(accounts), self.city) if cities is None else cities
        card_purchases(
            self.world, accounts, where, rate, groups, amount_scale=scale, tag=self.tag, days=days
        )

    def memos(self, options: tuple[str, ...], n: int) -> Categorical:
        return Categorical.choose(options, self.rng.integers(0, len(options), n))


def _keep(value: Any, inside: BoolArray) -> Any:
    """The rows of a per-cause value (array or categorical) that are kept; scalars stay."""
    if isinstance(value, Categorical):
        return Categorical(value.codes[inside], value.labels)
    return value[inside] if isinstance(value, np.ndarray) and value.ndim else value


def _column(value: Value, n: int) -> Column:
    return Categorical.constant(value, n) if value is None or isinstance(value, str) else value


def _side(value: Side, n: int) -> AnyArray | None:
    return np.full(n, value, dtype=np.int64) if isinstance(value, int | np.integer) else value


def add_people(
    world: World,
    n: int,
    city: int | IntArray,
    nationality: str,
    gender: str | StrArray,
    age: tuple[int, int],
    occupation: str,
    income: float,
    since: int | tuple[int, int] = (-3650, -30),
    **more: Any,
) -> People:
    """``n`` persons of one nationality (``people.add_persons`` taking scalars), customers
    since day ``since`` or a day in that range (day numbers, negative before the period)."""
    first, last = (since, since) if isinstance(since, int) else since
    return people.add_persons(
        world,
        n,
        city=np.broadcast_to(city, (n,)).astype(np.int64),
        nationality=strings(nationality, n),
        gender=strings(gender, n) if isinstance(gender, str) else gender,
        age=age,
        occupation=Categorical.constant(occupation, n),
        income=np.full(n, income),
        onboarded_days_before=(-last, -first + 1),
        **more,
    )


def banks(world: World, n: int) -> list[int]:
    """Institution numbers (no MSB) for ``n`` accounts, drawn by the institutions' shares."""
    return [int(b) for b in institution_choice(world, n, allow_msb=False)]


def other_bank(world: World, bank: int) -> int:
    """A bank other than ``bank``, so that the network spans two institutions."""
    institutions = world.config.institutions
    others = [i for i, inst in enumerate(institutions) if inst.kind != "msb" and i != bank]
    return int(world.rng.choice(others or [i for i in range(len(institutions)) if i != bank]))


def open_accounts(
    world: World,
    parties: IntArray,
    bank: int | IntArray,
    kind: str,
    opened: int | IntArray,
    city: int | IntArray,
) -> IntArray:
    """Accounts opened on day numbers ``opened`` (negative: before the period) in ``city``."""
    n = len(parties)
    return world.open_accounts(
        parties,
        Categorical.choose(world.institution_ids, np.broadcast_to(bank, (n,))),
        Categorical.constant(kind, n),
        world.clock.start + np.broadcast_to(opened, (n,)) * DAY,
        branch_city=city_column(np.broadcast_to(city, (n,))),
    )


def add_businesses(
    world: World,
    business_names: list[str],
    industry_code: str,
    city: IntArray,
    employees: int | IntArray,
    turnover: float | FloatArray,
    since: IntArray,
) -> tuple[IntArray, StrArray, StrArray]:
    """Organisations named by the scenario, customers since day ``since``: (ids, addresses,
    phones).

    Unlike ``people.add_organisations`` the address comes back, because workers of a
    storefront or a family business are registered at it (HT-LAB-08).
    """
    rng, n = world.rng, len(business_names)
    address, phone = people.street_addresses(rng, n), people.phone_numbers(world, city)
    slugs = ["".join(c for c in name.lower() if c.isalnum())[:24] for name in business_names]
    ids = world.add_parties(
        n,
        party_type=Categorical.constant("organisation", n),
        name=strings(business_names),
        address=address,
        city=city_column(city),
        postal_code=people.postal_codes(city, address),
        country=Categorical.constant(places().home_country, n),
        phone=phone,
        email=strings([f"info@{s}.example.com" for s in slugs]),
        industry_code=Categorical.constant(industry_code, n),
        declared_income=np.round(np.broadcast_to(turnover, (n,)), -3),
        employee_count=np.broadcast_to(employees, (n,)).astype(np.int64),
        onboarding_date=(world.clock.start + since * DAY).astype("M8[D]"),
    )
    return ids, address, phone


def person_names(rng: np.random.Generator, country: str, n: int) -> StrArray:
    """Invented full names of people from ``country`` (counterparties abroad)."""
    group = names().group_of(country)
    given = rng.choice(np.array(group.female + group.male, dtype=object), n)
    surname = rng.choice(np.array(group.surnames, dtype=object), n)
    return strings([f"{g} {s}" for g, s in zip(given, surname, strict=True)])


def on_days(period: int, first: int, last: int) -> IntArray:
    """Every ``period`` days from ``first`` (at least day 0) up to ``last`` inclusive."""
    return np.arange(max(first, 0), last + 1, period, dtype=np.int64)
