"""The synthetic `transactions` table, one chunk at a time (10 M rows must stay cheap).

Sides follow the contract: cash has exactly one account side (deposits no `from_account_id`,
withdrawals no `to_account_id`); internal and p2p move between two accounts; wires,
remittances, crypto and part of ach/cheque/other go to or come from an outside counterparty,
described by the `counterparty_*` columns, with no account on that side; card payments go to
merchants, named with `merchant_name` and mostly a `merchant_category_code`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from tests.support.account_table import COUNTRY_CURRENCY, CURRENCIES, USD, Accounts
from tests.support.arrow_text import (
    Ints,
    Mask,
    blank,
    digits,
    join,
    lower_some,
    pick,
    skewed_index,
)
from tests.support.outside_pools import OutsidePools
from tests.support.party_table import COUNTRY_CODES, PLACES
from tests.support.transaction_values import amounts, descriptions, timestamps
from tests.support.vocabulary import (
    ACCOUNT_TYPES,
    CHANNEL_ACCOUNT_TYPES,
    CHANNEL_WEIGHTS,
    CHANNELS,
    COUNTRIES,
    MERCHANTS,
    SOURCE_SYSTEMS,
)

C = {name: index for index, name in enumerate(CHANNELS)}
#: Share of each channel's rows where the own account pays (the rest: it receives).
OUTGOING_SHARE = np.array(
    [
        {"card": 0.96, "cash": 0.55, "remittance": 0.85, "crypto": 0.7}.get(name, 0.5)
        for name in CHANNELS
    ]
)
#: Share of each channel's rows with an outside counterparty instead of a second account.
OUTSIDE_SHARE = np.array(
    [
        {
            "wire": 0.85,
            "remittance": 1.0,
            "ach": 0.7,
            "cheque": 0.6,
            "crypto": 1.0,
            "other": 0.5,
        }.get(name, 0.0)
        for name in CHANNELS
    ]
)
#: Share of each channel's rows made online, with a device and an IP address.
ONLINE_SHARE = np.array(
    [
        {"p2p": 0.9, "crypto": 0.9, "wire": 0.5, "remittance": 0.5}.get(name, 0.0)
        for name in CHANNELS
    ]
)
ONLINE_MERCHANTS = np.array(
    [name in ("ClickAds Online", "PrepaidPlus Cards", "Stream Box") for name, _ in MERCHANTS]
)
SOURCE_OF_CHANNEL = np.array(
    [{"card": 1, "wire": 2, "remittance": 2, "ach": 2, "p2p": 2}.get(name, 0) for name in CHANNELS]
)


@dataclass(frozen=True)
class TransactionSources:
    """What every chunk draws from."""

    accounts: Accounts
    pools: OutsidePools
    eligible: tuple[Ints, ...]  # per channel: account indexes of a fitting type, shuffled

    @classmethod
    def build(
        cls, rng: np.random.Generator, accounts: Accounts, pools: OutsidePools
    ) -> TransactionSources:
        eligible = []
        for name in CHANNELS:
            allowed = [ACCOUNT_TYPES.index(kind) for kind in CHANNEL_ACCOUNT_TYPES[name]]
            fitting = np.flatnonzero(np.isin(accounts.account_type, allowed))
            eligible.append(
                rng.permutation(fitting if fitting.size else np.arange(accounts.owner.size))
            )
        return cls(accounts, pools, tuple(eligible))


@dataclass(frozen=True)
class Sides:
    own: Ints  # the account the row is drawn for
    source: Ints  # account index of from_account_id, -1 when empty
    target: Ints  # account index of to_account_id, -1 when empty
    outside: Mask  # the other side is an outside counterparty
    merchant: Mask  # the other side is a merchant (card)


def make_transactions(
    sources: TransactionSources,
    rng: np.random.Generator,
    first_number: int,
    size: int,
    window: tuple[int, int],
    multiline: np.random.Generator | None,
) -> pa.Table:
    """Rows ``first_number`` .. ``first_number + size - 1``, timestamps inside ``window``."""
    channel = rng.choice(len(CHANNELS), size, p=CHANNEL_WEIGHTS).astype(np.int64)
    sides = _sides(sources, rng, channel)
    accounts, pools = sources.accounts, sources.pools
    counterparty = _counterparties(rng, pools, channel)
    merchant = rng.integers(0, len(MERCHANTS), size)
    online_merchant = sides.merchant & ONLINE_MERCHANTS[merchant]
    abroad = sides.merchant & (rng.random(size) < 0.1)
    country = np.where(abroad, rng.integers(0, len(COUNTRIES), size), accounts.country[sides.own])
    country_known = rng.random(size) >= 0.04
    currency = accounts.currency[sides.own]
    currency = np.where(abroad, COUNTRY_CURRENCY[country], currency)
    sends_home = (channel == C["remittance"]) & (sides.source >= 0) & (rng.random(size) < 0.5)
    currency = np.where(
        sends_home, COUNTRY_CURRENCY[pools.counterparty_country[counterparty]], currency
    )
    currency = np.where((channel == C["wire"]) & (rng.random(size) < 0.15), USD, currency)
    amount, base_amount = amounts(rng, channel, currency)
    with_city = (
        (channel == C["cash"]) | (channel == C["cheque"]) | (sides.merchant & ~online_merchant)
    )
    online = (rng.random(size) < ONLINE_SHARE[channel]) | online_merchant
    party = accounts.owner[sides.own]
    roaming = rng.random(size) < 0.15  # public networks: someone else's address
    ip_party = np.where(roaming, rng.integers(0, len(pools.device), size), party)
    ids = accounts.ids
    columns = {
        "transaction_id": join("TXN", digits(first_number + np.arange(size), 9)),
        "source_system": pick(SOURCE_SYSTEMS, SOURCE_OF_CHANNEL[channel]),  # not in the contract
        "timestamp": timestamps(rng, window, size, np.where(country_known, country, -1)),
        "channel": pick(CHANNELS, channel),
        "amount": amount,
        "currency": lower_some(pick(CURRENCIES, currency), rng.random(size) < 0.005),
        "base_amount": base_amount,
        "from_account_id": ids.take(pa.array(sides.source, mask=sides.source < 0)),
        "to_account_id": ids.take(pa.array(sides.target, mask=sides.target < 0)),
        **_counterparty_columns(rng, pools, counterparty, sides.outside),
        "merchant_name": blank(pick([name for name, _ in MERCHANTS], merchant), ~sides.merchant),
        "merchant_category_code": blank(
            pick([code for _, code in MERCHANTS], merchant),
            ~sides.merchant | (rng.random(size) < 0.15),
        ),
        "city": blank(pick(PLACES.city, PLACES.draw(rng, country)), ~with_city),
        "country": lower_some(
            blank(pick(COUNTRY_CODES, country), ~country_known), rng.random(size) < 0.005
        ),
        "device_id": blank(pools.device.take(pa.array(party)), ~online),
        "ip_address": blank(pools.ip_address.take(pa.array(ip_party)), ~online),
        "description": descriptions(rng, channel, multiline),
    }
    return pa.table(columns)


def _sides(sources: TransactionSources, rng: np.random.Generator, channel: Ints) -> Sides:
    size = channel.size
    accounts = sources.accounts.owner.size
    own = np.empty(size, np.int64)
    for index, pool in enumerate(sources.eligible):
        rows = np.flatnonzero(channel == index)
        own[rows] = pool[skewed_index(rng, pool.size, rows.size)]
    other = (own + 1 + rng.integers(0, accounts - 1, size)) % accounts
    sibling = sources.accounts.sibling[own]
    own_transfer = (channel == C["internal"]) & (sibling >= 0)
    other = np.where(own_transfer, sibling, other)
    outside = rng.random(size) < OUTSIDE_SHARE[channel]
    merchant = channel == C["card"]
    one_sided = outside | merchant | (channel == C["cash"])
    outgoing = rng.random(size) < OUTGOING_SHARE[channel]
    far_side = np.where(one_sided, -1, other)
    source = np.where(outgoing, own, far_side)
    target = np.where(outgoing, far_side, own)
    return Sides(own, source, target, outside, merchant)


def _counterparties(rng: np.random.Generator, pools: OutsidePools, channel: Ints) -> Ints:
    anyone = rng.integers(0, pools.counterparties, channel.size)
    destination = pools.remittance_counterparties[
        rng.integers(0, pools.remittance_counterparties.size, channel.size)
    ]
    return np.where(channel == C["remittance"], destination, anyone)


def _counterparty_columns(
    rng: np.random.Generator, pools: OutsidePools, counterparty: Ints, outside: Mask
) -> dict[str, pa.Array]:
    size = counterparty.size
    rows = pa.array(counterparty)
    return {
        "counterparty_name": blank(pools.counterparty_name.take(rows), ~outside),
        "counterparty_account": blank(
            pools.counterparty_account.take(rows), ~outside | (rng.random(size) < 0.1)
        ),
        "counterparty_institution": blank(
            pools.counterparty_institution.take(rows), ~outside | (rng.random(size) < 0.1)
        ),
        "counterparty_country": blank(
            pick(COUNTRY_CODES, pools.counterparty_country[counterparty]),
            ~outside | (rng.random(size) < 0.05),
        ),
    }
