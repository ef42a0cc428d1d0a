"""Shared helpers for crime networks and look-alikes: actors, buyers, sweeps, background life."""

from __future__ import annotations

import numpy as np

from .ledger import seconds
from .names import GROUPS, SUBURBS
from .places import CITIES
from .spend import card, cash_atm, names_of
from .world import Person, World

BANKS = [
    "Commonwealth Bank",
    "Westpac",
    "ANZ",
    "NAB",
    "ING Australia",
    "Bendigo Bank",
    "Macquarie Bank",
    "Bank of Queensland",
    "Suncorp Bank",
    "Bankwest",
]
BSBS = ["062", "032", "012", "082", "923", "633", "182", "124", "484", "306"]
MALE = [
    m
    for g in ("anglo", "mediterranean", "chinese", "south_asian", "middle_east")
    for m in GROUPS[g][2]
]
SURN = [
    s
    for g in ("anglo", "mediterranean", "chinese", "south_asian", "vietnamese")
    for s in GROUPS[g][3]
]


def networks_per_typology(w: World) -> int:
    return max(1, round(w.customers / 6000))


def knobs(w: World) -> dict[str, float]:
    """Subtlety turns crime smaller, slower, less regular, less linked, closer to look-alikes."""
    s = w.subtlety
    return {
        "scale": 1.0 - 0.45 * s,
        "jitter": 0.15 + 0.85 * s,
        "share_ids": 1.0 - 0.8 * s,
        "sweep": 0.93 - 0.3 * s,
        "lag": 0.5 + 2.5 * s,
        "explicit": 1.0 - 0.85 * s,
    }


def actor(
    w: World,
    rng: np.random.Generator,
    net: str,
    role: str,
    inst: str,
    home: int,
    kind: str = "current",
    opened: int | None = None,
    crime: str | None = None,
    person: Person | None = None,
    **kw: object,
) -> tuple[Person, str]:
    p = person or w.person(rng, home=home, **kw)
    a = w.account(p, inst, kind, opened=opened, rng=rng)
    w.mark(a, net, role, crime)
    return p, a


def outsiders(rng: np.random.Generator, n: int, repeat: float = 0.1) -> tuple[np.ndarray, ...]:
    """n payments from outside individuals (mostly distinct men): name, account, bank."""
    pool = max(int(n * (1 - repeat)), 1)
    first = rng.integers(0, len(MALE), pool)
    last = rng.integers(0, len(SURN), pool)
    bank = rng.integers(0, len(BANKS), pool)
    num = rng.integers(10_000_000, 99_999_999, pool)
    who = rng.integers(0, pool, n)
    who[:pool] = np.arange(min(pool, n))
    names = np.array(
        [f"{MALE[f]} {SURN[s]}" for f, s in zip(first, last, strict=True)], dtype=object
    )
    accts = np.array(
        [f"{BSBS[b]}-{(x % 900) + 100:03d} {x}" for b, x in zip(bank, num, strict=True)],
        dtype=object,
    )
    return names[who], accts[who], np.array(BANKS, dtype=object)[bank[who]]


def buyer_credits(
    w: World,
    rng: np.random.Generator,
    net: str | None,
    dst: str,
    day: np.ndarray,
    amount: np.ndarray,
    memos: list[str],
    explicit: float,
    hours: str = "night",
    inside: float = 0.25,
    where: int | None = None,
) -> None:
    """Payments by buyers of sexual services (not involved themselves) to one account."""
    n = day.size
    if n == 0:
        return
    names, accts, banks = outsiders(rng, n)
    memo = np.where(
        rng.random(n) < explicit, np.array(memos, dtype=object)[rng.integers(0, len(memos), n)], ""
    )
    home = w.accounts[dst].home if where is None else where
    males = w.pools.get("male", [])
    own = (rng.random(n) < inside) & (len(males) > 0)
    src = np.where(own, np.array(males, dtype=object)[rng.integers(0, max(len(males), 1), n)], "")
    w.emit(
        net,
        n,
        day=day,
        sec=seconds(rng, n, hours),
        city=home,
        amount=amount,
        channel="p2p",
        src=src,
        dst=dst,
        cp_name=np.where(own, "", names),
        cp_account=np.where(own, "", accts),
        cp_inst=np.where(own, "", banks),
        cp_country=np.where(own, "", "AU"),
        desc=memo,
    )


def sweep(
    w: World,
    rng: np.random.Generator,
    net: str,
    src: str,
    dst: str,
    day: np.ndarray,
    amount: np.ndarray,
    share: float,
    lag: float,
    every: int = 1,
    memo: str = "",
    channel: str = "p2p",
    device: str = "",
    jitter: float = 0.1,
) -> None:
    """Forward a share of credits, grouped into blocks of `every` days, after a lag in days."""
    if day.size == 0:
        return
    block = day // every
    blocks, inv = np.unique(block, return_inverse=True)
    total = np.bincount(inv, weights=amount)
    frac = np.clip(share + rng.normal(0, jitter * 0.2, blocks.size), 0.3, 1.0)
    out_day = (blocks + 1) * every - 1 + np.floor(rng.exponential(lag, blocks.size)).astype(int)
    amt = np.round(total * frac, 0 if rng.random() < 0.5 else 2)
    n = blocks.size
    w.crime(
        net,
        n,
        day=out_day,
        sec=seconds(rng, n, "day"),
        city=w.accounts[src].home,
        amount=amt,
        channel=channel,
        src=src,
        dst=dst,
        cp_name=names_of(w, np.full(n, dst, dtype=object)),
        desc=memo,
        device=device,
    )


def background(
    w: World, rng: np.random.Generator, accts: list[str], level: float = 1.0, cash: float = 0.03
) -> None:
    """Everyday living spend (not part of any crime)."""
    a = np.array(accts, dtype=object)
    h = np.array([w.accounts[x].home for x in accts], dtype=np.int64)
    for cat, rate in (
        ("grocery", 0.2),
        ("takeaway", 0.15),
        ("transport", 0.12),
        ("convenience", 0.06),
        ("pharmacy", 0.03),
        ("online", 0.04),
    ):
        card(w, rng, a, h, cat, rate * level)
    if cash:
        cash_atm(w, rng, a, h, cash)


def wire_out(
    w: World,
    rng: np.random.Generator,
    net: str | None,
    src: str,
    day: int,
    amount: float,
    name: str,
    country: str,
    memo: str,
    channel: str = "wire",
    account: str = "",
    bank: str = "",
) -> None:
    cols = {
        "day": day,
        "sec": int(seconds(rng, 1, "office")[0]),
        "city": w.accounts[src].home,
        "amount": round(amount, 2),
        "channel": channel,
        "src": src,
        "cp_name": name,
        "cp_account": account or f"{country}{int(rng.integers(10**9, 10**10))}",
        "cp_inst": bank or f"{country} partner bank",
        "cp_country": country,
        "desc": memo,
    }
    w.emit(net, 1, **cols)


def city_name(i: int) -> str:
    return CITIES[i][0]


def community(w: World, groups: tuple[str, ...]) -> list[str]:
    """Ordinary customers of the given heritage groups (relatives, buyers: never involved)."""
    return [
        a
        for a in w.pools.get("everyday", [])
        if getattr(w.accounts[a].owner, "group", "") in groups
    ]


def salary(
    w: World,
    rng: np.random.Generator,
    acct: str,
    payer: str,
    amount: float,
    period: float = 14,
    phase: int = 3,
    src: str = "",
    desc: str = "SALARY",
) -> None:
    """A regular wage by direct entry (from an outside employer or an employer's account)."""
    d = np.arange(phase, w.days, period).astype(np.int64)
    w.tx(
        d.size,
        day=d,
        sec=seconds(rng, d.size, "batch"),
        city=w.accounts[acct].home,
        amount=np.round(amount * rng.normal(1, 0.01, d.size), 2),
        channel="ach",
        src=src,
        dst=acct,
        cp_name="" if src else payer,
        desc=f"{desc} {payer}".strip(),
    )


def share_address(
    w: World, people: list, anchor: object, p_share: float, rng: np.random.Generator
) -> None:
    for p in people:
        if rng.random() < p_share:
            for attr in ("suburb", "unit", "number", "street", "stype"):
                setattr(p, attr, getattr(anchor, attr))


def branches(home: int) -> list[str]:
    """Branch or ATM locations (suburbs) around a city."""
    name = CITIES[home][0]
    return SUBURBS.get(name, [f"{name} CBD", f"{name} Central", f"{name} Plaza"])[:4]
