"""The optional tables: `account_parties`, `labels` and `watchlist`."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from tests.support.account_table import Accounts
from tests.support.arrow_text import (
    Ints,
    Mask,
    blank,
    day_text,
    days_from,
    digits,
    hex_text,
    join,
    number,
    pick,
    render,
    scatter,
    where,
)
from tests.support.outside_pools import OutsidePools
from tests.support.party_table import Parties
from tests.support.vocabulary import (
    ACCOUNT_TYPES,
    FIRST_NAMES,
    LABEL_SOURCES,
    LABELS,
    LAST_NAMES,
    RELATIONS,
    WATCHLIST_KINDS,
    WATCHLIST_NOTES,
)


def make_account_parties(
    rng: np.random.Generator, parties: Parties, accounts: Accounts
) -> pa.Table:
    """A holder row for every account, and joint holders, signatories, owners and card users."""
    size = accounts.owner.size
    kind = accounts.account_type
    org_owned = ~parties.is_person[accounts.owner]
    draw = rng.random(size)
    personal = np.isin(kind, [ACCOUNT_TYPES.index("current"), ACCOUNT_TYPES.index("savings")])
    wanted: dict[str, Mask] = {
        "holder": np.ones(size, np.bool_),
        "joint_holder": ~org_owned & personal & (draw < 0.12),
        "signatory": (kind == ACCOUNT_TYPES.index("business")) & (draw < 0.8),
        "beneficial_owner": org_owned & (draw < 0.7),
        "authorised_user": (kind == ACCOUNT_TYPES.index("credit_card")) & (draw < 0.15),
    }
    account_rows, party_rows, relation_rows = [], [], []
    for relation_index, relation in enumerate(RELATIONS):
        mask = wanted[relation]
        if not mask.any():  # every relation, even in a tiny dataset
            mask[rng.integers(0, size)] = True
        rows = np.flatnonzero(mask)
        holder = accounts.owner[rows]
        party = holder if relation == "holder" else _other_person(rng, parties, holder)
        account_rows.append(rows)
        party_rows.append(party)
        relation_rows.append(np.full(rows.size, relation_index))
    account = np.concatenate(account_rows)
    order = np.argsort(account, kind="stable")  # exports list an account's people together
    party_ids = parties.table.column("party_id").combine_chunks()
    return pa.table(
        {
            "account_id": accounts.ids.take(pa.array(account[order])),
            "party_id": party_ids.take(pa.array(np.concatenate(party_rows)[order])),
            "relation": pick(RELATIONS, np.concatenate(relation_rows)[order]),
        }
    )


def _other_person(rng: np.random.Generator, parties: Parties, besides: Ints) -> Ints:
    persons = np.flatnonzero(parties.is_person)
    draw = rng.integers(0, persons.size, besides.size)
    chosen = persons[draw]
    clash = chosen == besides
    chosen[clash] = persons[(draw[clash] + 1) % persons.size]
    return chosen


def make_labels(rng: np.random.Generator, accounts: Accounts) -> pa.Table:
    """About 2.5 % of accounts labelled; a few labelled twice (a later decision)."""
    total = accounts.owner.size
    labelled = rng.choice(total, min(total, max(12, round(total * 0.025))), replace=False)
    rows = np.concatenate([labelled, labelled[rng.random(labelled.size) < 0.1]])
    size = rows.size
    label = (rng.random(size) >= 0.4).astype(np.int64)
    label[:2] = [0, 1]  # both values, even in a tiny dataset
    return pa.table(
        {
            "account_id": accounts.ids.take(pa.array(rows)),
            "label": pick(LABELS, label),
            "source": blank(
                pick(LABEL_SOURCES, rng.integers(0, len(LABEL_SOURCES), size)),
                rng.random(size) < 0.1,
            ),
            "label_date": blank(
                day_text(days_from("2024-02-01", rng.integers(0, 400, size))),
                rng.random(size) < 0.05,
            ),
        }
    )


def make_watchlist(
    rng: np.random.Generator, parties: Parties, accounts: Accounts, pools: OutsidePools
) -> pa.Table:
    """Entries of every kind; most name a value of the dataset, some do not."""
    size = max(42, parties.country.size // 50)
    kind = rng.permutation(np.arange(size) % len(WATCHLIST_KINDS))
    party = parties.table
    known = {
        "name": party.column("name").combine_chunks(),
        "phone": party.column("phone").combine_chunks(),
        "email": party.column("email").combine_chunks(),
        "address": join(
            party.column("address").combine_chunks(), ", ", party.column("city").combine_chunks()
        ),
        "account": pa.concat_arrays([accounts.ids, pools.counterparty_account]),
        "device": pools.device,
        "ip_address": pools.ip_address,
    }
    pieces = []
    for kind_index, name in enumerate(WATCHLIST_KINDS):
        rows = np.flatnonzero(kind == kind_index)
        source = known[name]
        from_data = source.take(pa.array(rng.integers(0, len(source), rows.size)))
        invented = _invented(rng, name, rows.size)
        chosen = where(rng.random(rows.size) < 0.3, invented, from_data)
        pieces.append((rows, pc.coalesce(chosen, invented)))  # the value is required
    return pa.table(
        {
            "entry_id": join("WL-", digits(np.arange(1, size + 1), 5)),
            "kind": pick(WATCHLIST_KINDS, kind),
            "value": scatter(size, pieces),
            "note": pick(WATCHLIST_NOTES, rng.integers(0, len(WATCHLIST_NOTES), size)),
        }
    )


def _invented(rng: np.random.Generator, kind: str, size: int) -> pa.Array:
    """Listed values that appear nowhere in the dataset."""
    serial = number(rng.integers(1, 1000, size))
    if kind == "name":
        return join(
            pick(FIRST_NAMES, rng.integers(0, len(FIRST_NAMES), size)),
            " ",
            pick(LAST_NAMES, rng.integers(0, len(LAST_NAMES), size)),
            "-",
            pick(LAST_NAMES, rng.integers(0, len(LAST_NAMES), size)),
        )
    if kind == "phone":
        return render("+1 204 555 01##", digits(rng.integers(0, 100, size), 2))
    if kind == "email":
        return join("jobs", serial, "@example.net")
    if kind == "address":
        return join(serial, " Harbour Road, Winnipeg")
    if kind == "account":
        return join("XX00SYNT", digits(rng.integers(0, 10**10, size), 10))
    if kind == "device":
        return join("dev-", hex_text(rng, size, 12))
    return join("203.0.113.", number(rng.integers(1, 255, size)))
