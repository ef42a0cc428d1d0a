"""Smuggling fees paid by relatives (who are not part of the crime)."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import community, outsiders
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import city

SENDER_CITIES = ["Sydney", "Melbourne", "Adelaide", "Perth", "Brisbane", "Canberra", "Hobart"]


REL = ("middle_east", "south_asian")


def fees(w, rng, net, dst, n_senders, lo_amt, hi_amt, memos, inside_share) -> np.ndarray:
    """Relatives pay a fee in two or more parts (5-45 days apart) from all over the country."""
    comm = community(w, REL)
    names, accts, banks = outsiders(rng, n_senders, repeat=0.0)
    days_out = []
    for i in range(n_senders):
        first = int(rng.integers(0, max(w.days - 10, 1)))
        parts = [first] + [first + int(rng.integers(5, 46)) for _ in range(int(rng.integers(1, 4)))]
        parts = np.array([d for d in parts if d < w.days])
        n = parts.size
        amt = np.round(rng.uniform(lo_amt, hi_amt, n), 0)
        own = comm and rng.random() < inside_share
        where = city(SENDER_CITIES[i % len(SENDER_CITIES)])
        src = comm[int(rng.integers(len(comm)))] if own else ""
        if own:
            where = w.accounts[src].home
        w.crime(
            net,
            n,
            day=parts,
            sec=seconds(rng, n, "evening"),
            city=where,
            amount=amt,
            channel="p2p",
            src=src,
            dst=dst,
            cp_name="" if own else names[i],
            cp_account="" if own else accts[i],
            cp_inst="" if own else banks[i],
            desc=np.array(memos, dtype=object)[rng.integers(0, len(memos), n)],
        )
        days_out.append(parts)
    return np.concatenate(days_out) if days_out else np.zeros(0, dtype=int)
