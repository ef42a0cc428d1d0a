"""Vectorised event engines shared by the population, look-alikes and crime scenarios."""

from __future__ import annotations

import numpy as np

from .ledger import seconds
from .merchants import CATS, DESCRIPTORS, TRANSIT_BY_STATE
from .places import AU_CITIES, CITIES
from .world import World

STATE_OF = np.array([c[1] for c in CITIES], dtype=object)


def arr(x: object, n: int, dtype: object = object) -> np.ndarray:
    if isinstance(x, np.ndarray | list | tuple):
        return np.asarray(x, dtype=dtype)
    return np.full(n, x, dtype=dtype)


def card(
    w: World,
    rng: np.random.Generator,
    accts: np.ndarray,
    homes: np.ndarray,
    cat: str,
    rate: float | np.ndarray,
    *,
    lo: int | np.ndarray = 0,
    hi: int | np.ndarray | None = None,
    mult: float = 1.0,
    away: float = 0.04,
    hours: str | None = None,
    net: str | None = None,
    refund: float = 0.0,
) -> None:
    """Poisson card purchases of one category for each account between days lo and hi."""
    mcc, brands, mu, sd, prof = CATS[cat]
    n_acc = len(accts)
    hi = w.days if hi is None else hi
    lo_a, hi_a = arr(lo, n_acc, np.int64), arr(hi, n_acc, np.int64)
    span = np.maximum(hi_a - lo_a, 0)
    counts = rng.poisson(arr(rate, n_acc, float) * span)
    idx = np.repeat(np.arange(n_acc), counts)
    n = idx.size
    if n == 0:
        return
    day = lo_a[idx] + (rng.random(n) * span[idx]).astype(np.int64)
    where = np.asarray(homes, dtype=np.int64)[idx].copy()
    moved = rng.random(n) < away
    where[moved] = rng.choice(AU_CITIES, moved.sum())
    brand = rng.integers(0, len(brands), n)
    if cat == "transport":
        brand = np.array([TRANSIT_BY_STATE.get(s, 0) for s in STATE_OF[where]], dtype=np.int64)
    amount = np.round(np.exp(rng.normal(mu, sd, n)) * mult, 2)
    cols = {
        "day": day,
        "sec": seconds(rng, n, hours or prof),
        "city": where,
        "amount": np.maximum(amount, 1.0),
        "channel": "card",
        "src": np.asarray(accts, dtype=object)[idx],
        "merchant": DESCRIPTORS[cat][brand, where],
        "mcc": mcc,
    }
    if net:
        w.crime(net, n, **cols)
    else:
        w.tx(n, **cols)
    if refund > 0:
        back = rng.random(n) < refund
        k = int(back.sum())
        rc = {c: v[back] if isinstance(v, np.ndarray) else v for c, v in cols.items()}
        rc["dst"], rc["day"] = rc.pop("src"), rc["day"] + rng.integers(1, 6, k)
        rc["desc"] = "REFUND"
        (w.crime if net else w.tx)(*([net] if net else []), k, **rc)


def periodic(
    w: World,
    rng: np.random.Generator,
    n_acc: int,
    period: float | np.ndarray,
    phase: float | np.ndarray | None = None,
    jitter: float = 0.0,
    lo: int | np.ndarray = 0,
    hi: int | np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Regular event days for n_acc accounts: returns (account index, day)."""
    per = arr(period, n_acc, float)
    if n_acc == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    ph = rng.random(n_acc) * per if phase is None else arr(phase, n_acc, float)
    hi_a = arr(w.days if hi is None else hi, n_acc, np.int64)
    lo_a = arr(lo, n_acc, np.int64)
    kmax = int(np.ceil(w.days / max(float(per.min()), 1.0))) + 1
    ks = np.arange(kmax)
    days = ph[:, None] + ks[None, :] * per[:, None]
    if jitter:
        days = days + rng.normal(0, jitter, days.shape)
    days = np.floor(days).astype(np.int64)
    ok = (days >= lo_a[:, None]) & (days < hi_a[:, None])
    idx = np.nonzero(ok)[0]
    return idx, days[ok]


def events(
    rng: np.random.Generator, n_acc: int, rate: float | np.ndarray, lo: int, hi: int
) -> tuple[np.ndarray, np.ndarray]:
    """Poisson event days for n_acc accounts in [lo, hi): (account index, day)."""
    counts = rng.poisson(arr(rate, n_acc, float) * max(hi - lo, 0))
    idx = np.repeat(np.arange(n_acc), counts)
    return idx, lo + rng.integers(0, max(hi - lo, 1), idx.size)


def names_of(w: World, accts: np.ndarray, style: str = "payid") -> np.ndarray:
    """How a payer's bank shows a payee: PayID style 'Jack W' or full name."""
    out = []
    for a in np.asarray(accts).tolist():
        o = w.accounts[a].owner
        if o.kind == "organisation":
            out.append(o.name.upper())
        elif style == "payid":
            out.append(f"{o.first} {o.last[:1]}")
        else:
            out.append(f"{o.first} {o.last}".upper())
    return np.array(out, dtype=object)


def cash_atm(
    w: World,
    rng: np.random.Generator,
    accts: np.ndarray,
    homes: np.ndarray,
    rate: float | np.ndarray,
    *,
    amounts: tuple[int, ...] = (50, 100, 100, 200, 200, 300, 400),
    deposit: bool = False,
    hours: str = "day",
    net: str | None = None,
    lo: int = 0,
    hi: int | None = None,
    where: np.ndarray | None = None,
) -> None:
    """ATM or Bank@Post cash events; withdrawals leave to_account empty, deposits from_account."""
    idx, day = events(rng, len(accts), rate, lo, w.days if hi is None else hi)
    n = idx.size
    if n == 0:
        return
    city = (np.asarray(homes) if where is None else np.asarray(where))[idx]
    amt = np.asarray(amounts, dtype=float)[rng.integers(0, len(amounts), n)]
    kind = rng.integers(0, 3, n)
    cname = np.array([c[0].upper() for c in CITIES], dtype=object)[city]
    labels = np.array(["ATM", "BANK@POST", "ATMX CARDTRONICS"], dtype=object)
    if deposit:
        labels = np.array(["ATM DEPOSIT", "BANK@POST DEPOSIT", "BRANCH DEPOSIT"], dtype=object)
    desc = labels[kind] + " " + cname
    side = (
        {"dst": np.asarray(accts, dtype=object)[idx]}
        if deposit
        else {"src": np.asarray(accts, dtype=object)[idx]}
    )
    cols = dict(
        day=day,
        sec=seconds(rng, n, hours),
        city=city,
        amount=amt,
        channel="cash",
        desc=desc,
        merchant=np.where(kind == 1, "AUSTRALIA POST", ""),
        **side,
    )
    if net:
        w.crime(net, n, **cols)
    else:
        w.tx(n, **cols)
