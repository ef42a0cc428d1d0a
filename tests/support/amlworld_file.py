"""A small file in the AMLworld transaction format: everyday payments between accounts of a
few banks, and laundering (fans out and in, cycles) labelled 1, spread over the period."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np

HEADER = (
    "Timestamp,From Bank,Account,To Bank,Account,Amount Received,Receiving Currency,"
    "Amount Paid,Payment Currency,Payment Format,Is Laundering"
)
START = dt.datetime(2022, 9, 1)
FORMATS = ["ACH", "Credit Card", "Cheque", "Cash", "Wire", "Reinvestment"]


def write_amlworld_file(path: Path, *, accounts: int = 400, days: int = 20, seed: int = 1) -> int:
    """Write the file; returns the number of laundering transactions."""
    rng = np.random.default_rng(seed)
    banks = [f"{rng.integers(10, 30000):05d}" for _ in range(8)]
    names = [(banks[i % len(banks)], f"80{i:07X}") for i in range(accounts)]
    rows: list[tuple[dt.datetime, int, int, float, str, int]] = []
    for _ in range(accounts * days // 2):  # everyday payments
        payer, payee = rng.integers(0, accounts // 2, size=2)
        when = START + dt.timedelta(minutes=int(rng.integers(0, days * 1440)))
        amount = float(np.round(rng.lognormal(5, 1.2), 2))
        rows.append((when, int(payer), int(payee), amount, str(rng.choice(FORMATS)), 0))
    launderers = list(range(accounts // 2, accounts))
    for attempt in range(days * 2):
        when = START + dt.timedelta(minutes=int(rng.integers(0, (days - 1) * 1440)))
        group = rng.choice(launderers, size=8, replace=False)
        hub, leaves = int(group[0]), [int(x) for x in group[1:]]
        for step, leaf in enumerate(leaves):
            at = when + dt.timedelta(minutes=30 * step)
            amount = float(np.round(rng.uniform(8000, 15000), 2))
            kind = attempt % 3
            pair = (hub, leaf) if kind == 0 else (leaf, hub)
            if kind == 2:  # a cycle through the group
                pair = (int(group[step]), int(group[(step + 1) % len(group)]))
            rows.append((at, *pair, amount, "ACH", 1))
    rows.sort(key=lambda row: row[0])
    with path.open("w", encoding="utf-8", newline="") as handle:
        handle.write(HEADER + "\n")
        for when, payer, payee, amount, payment_format, laundering in rows:
            (fb, fa), (tb, ta) = names[payer], names[payee]
            handle.write(
                f"{when:%Y/%m/%d %H:%M},{fb},{fa},{tb},{ta},{amount:.2f},US Dollar,"
                f"{amount:.2f},US Dollar,{payment_format},{laundering}\n"
            )
    return sum(row[5] for row in rows)
