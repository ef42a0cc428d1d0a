"""Vectorised helpers: turn arrays of events into a transaction chunk of the world."""

from __future__ import annotations

from typing import Any

import numpy as np

from tests.holdout.places import OUTSIDE_BANKS, OUTSIDE_SORT
from tests.holdout.world import ALIASES, Arr, World


def obj(n: int, value: Any) -> Arr:
    out = np.empty(n, dtype=object)
    out[:] = value if not isinstance(value, np.ndarray) else value.astype(object)
    return out


def emit(
    w: World, t: Arr, amount: Arr, channel: str | Arr, src: Arr | int, dst: Arr | int, **cols: Any
) -> None:
    """Add events (t in seconds from the window start, local time) as one chunk."""
    n = len(t)
    src_a = np.broadcast_to(np.asarray(src, dtype=np.int64), (n,)).copy()
    dst_a = np.broadcast_to(np.asarray(dst, dtype=np.int64), (n,)).copy()
    amt = np.round(np.asarray(amount, dtype=float), 2)
    t_a = np.asarray(t, dtype=np.int64)
    ok = (amt > 0) & (t_a >= 0) & (t_a < w.days * 86400)
    chunk: dict[str, Arr] = {
        "_t": t_a[ok],
        "amount": amt[ok],
        "_src": src_a[ok],
        "_dst": dst_a[ok],
        "channel": obj(n, channel)[ok],
    }
    zone = cols.pop("_z", 0)
    chunk["_z"] = np.broadcast_to(np.asarray(zone, dtype=np.int64), (n,))[ok]
    cols.setdefault("currency", "GBP")
    cols.setdefault("country", "GB")
    base = cols.pop("base_amount", None)
    if base is not None:
        chunk["base_amount"] = np.round(np.asarray(base, dtype=float), 2)[ok]
    for key, value in cols.items():
        chunk[ALIASES.get(key, key)] = obj(n, value)[ok]
    w.add_chunk(chunk)


def hours(w: World, n: int, kind: str) -> Arr:
    r = w.rng
    if kind == "day":
        return np.clip(r.normal(14.0, 3.0, n), 8.0, 21.5)
    if kind == "meal":
        mix = r.random(n)
        return np.clip(
            np.where(
                mix < 0.4,
                r.normal(12.7, 1.0, n),
                np.where(mix < 0.85, r.normal(18.8, 1.5, n), r.uniform(7.0, 10.0, n)),
            ),
            6.5,
            23.7,
        )
    if kind == "eve":
        return np.clip(r.normal(21.0, 1.8, n), 17.0, 25.5)
    if kind == "early":
        return np.clip(
            np.where(r.random(n) < 0.5, r.normal(8.0, 1.0, n), r.normal(17.5, 1.2, n)), 5.5, 23.0
        )
    if kind == "batch":
        return r.uniform(0.5, 6.0, n)
    return np.where(r.random(n) < 0.08, r.uniform(0.0, 6.0, n), r.uniform(7.0, 24.0, n))


def secs(day: Arr, hour: Arr) -> Arr:
    return (np.asarray(day, dtype=np.int64) * 86400 + np.round(np.asarray(hour) * 3600)).astype(
        np.int64
    )


def choose(w: World, options: tuple[Any, ...] | list[Any], n: int) -> Arr:
    arr = obj(len(options), None)
    arr[:] = list(options)
    return arr[w.rng.integers(0, len(options), n)]


def outside_accounts(w: World, n: int) -> tuple[Arr, Arr]:
    """Random outside UK bank names and their sort-code/account strings."""
    idx = w.rng.integers(0, len(OUTSIDE_BANKS), n)
    banks = obj(len(OUTSIDE_BANKS), None)
    banks[:] = list(OUTSIDE_BANKS)
    sorts = np.array(OUTSIDE_SORT, dtype=object)[idx]
    mid = w.rng.integers(10, 99, n).astype(str).astype(object)
    tail = w.rng.integers(10_000_000, 99_999_999, n).astype(str).astype(object)
    return banks[idx], sorts + mid + "-" + w.rng.integers(10, 99, n).astype(str).astype(
        object
    ) + " " + tail


def month_days(w: World, dom: Arr) -> tuple[Arr, Arr]:
    """For each item with a day of month, the window day indexes of that day in each month.

    Returns (item index, day index) pairs; weekends move to the Friday before."""
    firsts = []
    d = w.start.replace(day=1)
    while (d - w.start).days < w.days:
        firsts.append((d - w.start).days)
        d = d.replace(year=d.year + (d.month == 12), month=d.month % 12 + 1)
    first = np.array(firsts, dtype=np.int64)
    item = np.repeat(np.arange(len(dom)), len(first))
    day = np.tile(first, len(dom)) + np.repeat(np.asarray(dom, dtype=np.int64) - 1, len(first))
    wd = (w.start.weekday() + day) % 7
    day = day - np.where(wd == 5, 1, 0) - np.where(wd == 6, 2, 0)
    keep = (day >= 0) & (day < w.days)
    return item[keep], day[keep]


def cycle_days(w: World, phase: Arr, period: Arr) -> tuple[Arr, Arr]:
    kmax = w.days // max(int(np.min(period)), 1) + 2
    item = np.repeat(np.arange(len(phase)), kmax)
    day = np.repeat(phase, kmax) + np.tile(np.arange(kmax), len(phase)) * np.repeat(period, kmax)
    keep = day < w.days
    return item[keep], day[keep]


def fridays(w: World, n: int, period: Arr) -> Arr:
    """A phase per item so that its cycle falls on Fridays."""
    first_friday = (4 - w.start.weekday()) % 7
    return first_friday + 7 * w.rng.integers(0, np.maximum(period // 7, 1), n)


def alive(arr: dict[str, Arr], who: Arr, day: Arr) -> Arr:
    return np.asarray(day >= arr["start"][who])
