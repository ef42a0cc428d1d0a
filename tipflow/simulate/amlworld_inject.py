"""Inject AMLworld laundering attempts into a simulated world, as laundering networks.

Each attempt becomes a network (typology ``amlworld_<type>``, crime ``laundering``). Each
distinct (bank, account) becomes a new customer with an account at the institution its bank
id maps to (a stable hash weighted by the institutions' shares, so the same bank always lands
at the same institution). The attempt is moved into the simulated period as a whole, keeping
its order and relative timing; amounts are the file's Amount Paid converted to the world's
currency at the fixed rates of ``data/exchange_rates.yaml``. The attempt's hub (most distinct
counterparties; for a cycle, its start) is the ``funnel``, the other accounts ``facilitator``.
By default each attempt gets its own accounts (the truth holds one network per account).

Everything per transaction is vectorised; loops run per attempt, bank or industry only.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

import numpy as np
import yaml

from tipflow.errors import ConfigError
from tipflow.simulate.amlworld import Patterns, normalise_type
from tipflow.simulate.arrays import IntArray
from tipflow.simulate.people import add_organisations, add_persons
from tipflow.simulate.reference import places
from tipflow.simulate.routine import card_purchases, cash, city_column, city_offsets
from tipflow.simulate.tables import Categorical
from tipflow.simulate.world import NO_ACCOUNT, World

#: Payment Format -> contract channel; anything else is ``other``.
CHANNELS = {
    "ACH": "ach",
    "Wire": "wire",
    "Cheque": "cheque",
    "Credit Card": "other",  # card rails between two accounts: no merchant to name
    "Cash": "cash",  # a deposit into the receiving account; the cash side has no account
    "Bitcoin": "crypto",
    "Reinvestment": "internal",
}
CHANNEL_LABELS = ("ach", "wire", "cheque", "other", "cash", "crypto", "internal")
ORGANISATION_SHARE = 0.25  # of injected accounts held by companies
MINUTES_PER_DAY = 1440


@dataclass(frozen=True)
class Injected:
    attempts: int
    transactions: int
    accounts: int
    kinds: dict[str, int]


def usd_rates(currencies: np.ndarray) -> np.ndarray:
    """Per row, the fixed rate of ``data/exchange_rates.yaml`` from the named currency."""
    rates = exchange_rates()
    names, position = np.unique(currencies.astype(str), return_inverse=True)
    unknown = sorted(set(names) - set(rates))
    if unknown:
        raise ConfigError(
            f"no exchange rate for AMLworld currencies {unknown}; add them to exchange_rates.yaml"
        )
    return np.array([rates[str(n)] for n in names], dtype=float)[position]


@cache
def exchange_rates() -> dict[str, float]:
    text = (
        resources.files("tipflow.simulate").joinpath("data/exchange_rates.yaml").read_text("utf-8")
    )
    return {str(k): float(v) for k, v in yaml.safe_load(text)["usd_per_unit"].items()}


def inject(
    world: World,
    patterns: Patterns,
    *,
    limit: int | None = None,
    kinds: Sequence[str] | None = None,
    shared_accounts: bool = False,
) -> Injected:
    """Add the chosen attempts of ``patterns`` to ``world`` (all of them by default).

    By default every attempt gets accounts of its own, so that each network lists all its
    members: the truth holds one network per account, while AMLworld reuses some accounts in
    up to ~20 attempts. ``shared_accounts`` keeps that reuse (later networks then list only
    the accounts they were first to use).
    """
    chosen = choose_attempts(world, patterns, limit, kinds)
    if not len(chosen):
        return Injected(0, 0, 0, {})
    rows = np.flatnonzero(np.isin(patterns.attempt, chosen))
    local = np.searchsorted(chosen, patterns.attempt[rows])  # 0..len(chosen)-1 per row
    m = len(rows)
    formats, format_code = np.unique(patterns.payment_format[rows].astype(str), return_inverse=True)
    known = [CHANNEL_LABELS.index(CHANNELS.get(str(f), "other")) for f in formats]
    channel = np.array(known, dtype=np.int64)[format_code]
    is_cash = channel == CHANNEL_LABELS.index("cash")
    paid = np.flatnonzero(~is_cash)  # cash is paid in: its payer is no account of ours
    scope = (np.zeros(m, dtype=np.int64) if shared_accounts else local).astype(str)
    source_key = _keys(
        scope[paid], patterns.from_bank[rows][paid], patterns.from_account[rows][paid]
    )
    target_key = _keys(scope, patterns.to_bank[rows], patterns.to_account[rows])
    keys, inverse = np.unique(np.concatenate([source_key, target_key]), return_inverse=True)
    source = np.full(m, NO_ACCOUNT, dtype=np.int64)
    source[paid], target = inverse[: len(paid)], inverse[len(paid) :]
    banks = np.concatenate([patterns.from_bank[rows][paid], patterns.to_bank[rows]])
    bank_of_key = np.empty(len(keys), dtype=object)
    bank_of_key[inverse] = banks
    account, city = _open_accounts(world, bank_of_key)
    picked = [patterns.kinds[int(a)] for a in chosen]
    networks = [world.new_network(f"amlworld_{k}", "laundering").network_id for k in picked]
    typologies, typology = np.unique(
        np.array([f"amlworld_{k}" for k in picked]), return_inverse=True
    )
    labels = (tuple(str(t) for t in typologies), tuple(str(n) for n in networks))
    row_city = np.where(is_cash, city[target], city[source])  # cash: where it is paid in
    when, offset = _remap_times(world, patterns.timestamp[rows], local, row_city)
    ids = world.transact(
        when=when,
        utc_offset=offset,
        amount=patterns.amount_paid[rows] * usd_rates(patterns.payment_currency[rows]),
        channel=Categorical(channel, CHANNEL_LABELS),
        source=np.where(is_cash, NO_ACCOUNT, account[source]),  # source -1: cash, masked
        target=account[target],
        city=city_column(row_city),
        country=Categorical.constant(places().home_country, m),
        description=Categorical(np.where(is_cash, 0, -1), ("cash deposit",)),
    )
    # Rows carry different networks, so the truth is appended here rather than by one tag.
    world.truth_transactions.append(
        transaction=ids,
        typology=Categorical(typology[local], labels[0]),
        network_id=Categorical(local, labels[1]),
    )
    first, funnel = _roles(account, source, target, local)
    world.truth_accounts.append(
        account=account,
        crime=Categorical.constant("laundering", len(account)),
        role=Categorical(np.where(funnel, 0, 1), ("funnel", "facilitator")),
        typology=Categorical(typology[first], labels[0]),
        network_id=Categorical(first, labels[1]),
        lookalike=Categorical.constant(None, len(account)),
    )
    return Injected(len(chosen), m, len(keys), {k: picked.count(k) for k in sorted(set(picked))})


def choose_attempts(
    world: World, patterns: Patterns, limit: int | None, kinds: Sequence[str] | None
) -> IntArray:
    """The attempts to inject, in file order: of the wanted types, and at most ``limit``,
    taken in turn from each type (in a random order within a type) so few still cover all."""
    available = np.array(patterns.kinds, dtype=object)
    has_rows = np.bincount(patterns.attempt, minlength=len(available)) > 0
    wanted = sorted(set(available[has_rows]))
    if kinds is not None:
        asked = {normalise_type(k) for k in kinds}
        unknown = sorted(asked - set(wanted))
        if unknown:
            raise ConfigError(
                f"{patterns.path}: no attempts of type {', '.join(unknown)}; "
                f"the file has {', '.join(wanted)}"
            )
        wanted = sorted(asked)
    per_type = [world.rng.permutation(np.flatnonzero((available == k) & has_rows)) for k in wanted]
    longest = max((len(p) for p in per_type), default=0)
    turns = [p[i] for i in range(longest) for p in per_type if i < len(p)]
    chosen = np.array(turns[:limit] if limit is not None else turns, dtype=np.int64)
    return np.sort(chosen)


def _keys(scope: np.ndarray, bank: np.ndarray, account: np.ndarray) -> np.ndarray:
    """One key per account: (scope, bank, account), joined by a separator ids never hold."""
    joined = np.char.add(np.char.add(scope, "\x1f"), bank.astype(str))
    return np.char.add(np.char.add(joined, "\x1f"), account.astype(str))


def _institution_of(world: World, banks: np.ndarray) -> IntArray:
    """Each bank id's institution: a stable hash of the id, weighted by institution shares."""
    shares = np.array([i.share for i in world.config.institutions])
    edges = np.cumsum(shares / shares.sum())
    unique, inverse = np.unique(banks.astype(str), return_inverse=True)
    position = np.array([zlib.crc32(b.encode("utf-8")) / 2**32 for b in unique])
    pick = np.minimum(np.searchsorted(edges, position, side="right"), len(shares) - 1)
    return pick.astype(np.int64)[inverse]


def _open_accounts(world: World, bank_of_key: np.ndarray) -> tuple[IntArray, IntArray]:
    """A new party and account per distinct (bank, account): (account ids, cities)."""
    rng, n = world.rng, len(bank_of_key)
    institution = _institution_of(world, bank_of_key)
    msb = np.array([i.kind == "msb" for i in world.config.institutions])[institution]
    company = rng.random(n) < ORGANISATION_SHARE
    party = np.zeros(n, dtype=np.int64)
    city = np.zeros(n, dtype=np.int64)
    persons = np.flatnonzero(~company)
    people = add_persons(world, len(persons), age=(20, 70))
    party[persons], city[persons] = people.ids, people.city
    industries = world.config.industries
    industry = rng.integers(0, len(industries), n)
    for k in np.unique(industry[company]):
        rows = np.flatnonzero(company & (industry == k))
        spec = industries[int(k)]
        ids, _, cities = add_organisations(
            world, len(rows), kind=spec.name, industry_code=spec.isic
        )
        party[rows], city[rows] = ids, cities
    kind = np.where(msb, 2, np.where(company, 1, 0))
    account = world.open_accounts(
        party,
        Categorical.choose(world.institution_ids, institution),
        Categorical.choose(("current", "business", "wallet"), kind),
        world.clock.start - rng.integers(30, 1500, n).astype("timedelta64[D]"),
        branch_city=Categorical.choose(places().cities.name, city),
    )
    # A little ordinary spending, so these accounts are not made of laundering alone.
    rows = np.flatnonzero(~company)
    card_purchases(
        world,
        account[rows],
        city[rows],
        np.full(len(rows), 12.0),
        world.config.behaviour.card_groups,
    )
    cash(world, account[rows], city[rows], np.full(len(rows), 1.5), (80.0, 0.7), deposit=False)
    return account, city


def _remap_times(
    world: World, stamps: np.ndarray, attempt: IntArray, city: IntArray
) -> tuple[np.ndarray, IntArray]:
    """Local times inside the period: (datetime64[s], UTC offset in minutes) per row.

    AMLworld has one clock; it is read as the time where the attempt's first payment is
    made, so a payment elsewhere shows its own local time and the true order is kept. An
    attempt moves by whole days where it can (keeping the time of day), and is squeezed
    linearly, order kept, only if it is longer than the period.
    """
    rng, clock = world.rng, world.clock
    n_attempts, m = int(attempt.max()) + 1 if len(attempt) else 0, len(attempt)
    minutes = stamps.astype("datetime64[m]").astype(np.int64)
    offsets = city_offsets(city)
    t0 = np.full(n_attempts, np.iinfo(np.int64).max)
    t1 = np.full(n_attempts, np.iinfo(np.int64).min)
    first_row = np.full(n_attempts, m)
    np.minimum.at(t0, attempt, minutes)
    np.maximum.at(t1, attempt, minutes)
    np.minimum.at(first_row, attempt, np.arange(m))
    spread = int(np.ptp(places().cities.utc_offset))  # keep local times inside the period
    start = int(clock.start.astype("datetime64[m]").astype(np.int64)) + spread
    end = start - 2 * spread + clock.days * MINUTES_PER_DAY - 1
    room, span = end - start, t1 - t0
    fits = span <= room
    k_min = -((t0 - start) // MINUTES_PER_DAY)  # ceil((start - t0) / day)
    k_max = (end - t1) // MINUTES_PER_DAY
    whole = fits & (k_min <= k_max)
    draw = rng.random(n_attempts)
    days = k_min + np.floor(draw * (k_max - k_min + 1)).astype(np.int64)
    slide = start - t0 + np.floor(draw * (room - span + 1)).astype(np.int64)
    shift = np.where(whole, days * MINUTES_PER_DAY, np.where(fits, slide, 0))
    squeezed = start + (minutes - t0[attempt]) * room // np.maximum(span, 1)[attempt]
    instant = np.where(fits[attempt], minutes + shift[attempt], squeezed)
    local = instant + offsets - offsets[first_row][attempt]
    return local.astype("datetime64[m]").astype("datetime64[s]"), offsets


def _roles(
    account: IntArray, source: IntArray, target: IntArray, attempt: IntArray
) -> tuple[IntArray, np.ndarray]:
    """Per account: its first attempt, and whether it is that attempt's hub (the funnel).

    The hub has the most distinct counterparties; ties go to the account seen first, which
    makes a cycle's start its hub. A cash row (source -1) has only its receiving end."""
    k, m = len(account), len(attempt)
    paid = source >= 0
    end_attempt = np.concatenate([attempt[paid], attempt])
    end_account = np.concatenate([source[paid], target])
    position = np.concatenate([2 * np.flatnonzero(paid), 2 * np.arange(m) + 1])
    first = np.full(k, np.iinfo(np.int64).max)
    np.minimum.at(first, end_account, end_attempt)
    edges = np.unique(np.stack([attempt, source, target], axis=1), axis=0)
    edges = edges[edges[:, 1] >= 0]
    ends = np.concatenate([edges[:, 0] * k + edges[:, 1], edges[:, 0] * k + edges[:, 2]])
    key = np.unique(end_attempt * k + end_account)  # every end, even one without a partner
    degree = np.bincount(np.searchsorted(key, ends), minlength=len(key))
    seen = np.full(len(key), np.iinfo(np.int64).max)
    np.minimum.at(seen, np.searchsorted(key, end_attempt * k + end_account), position)
    order = np.lexsort((seen, -degree, key // k))
    lead = np.r_[True, (key // k)[order][1:] != (key // k)[order][:-1]]
    hub = np.full(int(attempt.max()) + 1 if m else 0, -1, dtype=np.int64)
    hub[(key // k)[order][lead]] = (key % k)[order][lead]
    return first, hub[first] == np.arange(k)
