"""Building blocks shared by the typologies: cast members and the recurring money patterns."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from tests.holdout.kyc import Home, Identity, new_identity, person_party
from tests.holdout.names import GROUPS
from tests.holdout.places import FOREIGN_BANKS, OUTSIDE_BANKS
from tests.holdout.population import make_customer
from tests.holdout.profiles import Profile
from tests.holdout.world import World

BUYER_GROUPS = ("british", "british", "british", "british_asian", "polish", "romanian", "irish")
ALIAS_MEMOS = (
    "for Jade x",
    "Lexi",
    "booking",
    "30 mins",
    "1hr",
    "\U0001f339",
    "outcall",
    "thanks babe",
    "Candy (VIP)",
    "incall",
    "deposit",
    "xx",
)
BULK = (
    ("COSTCO WHOLESALE", "5300"),
    ("ASDA STORES", "5411"),
    ("LIDL GB", "5411"),
    ("ALDI STORES", "5411"),
    ("B&M RETAIL", "5310"),
    ("BOOKER CASH & CARRY", "5300"),
)
PLAIN_MEMOS = ("", "", "", "", "thanks", "x", "cheers", "payment", "ta")


@dataclass
class Actor:
    ident: Identity
    party: str
    acct: str
    inst: str
    prof: Profile | None


def recruit(
    w: World,
    group: str,
    gender: str,
    age: float,
    city: str,
    inst: str,
    *,
    opened: date,
    occupation: str | None = None,
    income: float | None = None,
    home: Home | None = None,
    mobile: str | None = None,
    atype: str = "current",
    profile: bool = True,
    **kw: Any,
) -> Actor:
    ident = new_identity(w, group, gender, age, city, home=home, mobile=mobile, email=w.chance(0.7))
    kw.setdefault("spend", 0.15 + 0.45 * w.s)
    kw.setdefault("social", 0.15 + 0.4 * w.s)
    kw.setdefault("start_day", max(0, (opened - w.start).days))
    party, acct, prof = make_customer(
        w,
        ident,
        inst,
        occupation=occupation,
        income=income,
        opened=opened,
        atype=atype,
        profile=profile,
        **kw,
    )
    w.known[_key(ident, inst)] = party
    return Actor(ident, party, acct, inst, prof)


def _key(ident: Identity, inst: str) -> str:
    return f"{ident.given}|{ident.surname}|{ident.birth}|{inst}"


def extra_account(w: World, actor: Actor, inst: str, atype: str, opened: date) -> str:
    party = actor.party if inst == actor.inst else party_at(w, actor.ident, inst, opened)
    return w.open_account(party, inst, atype, opened, actor.ident.home.city)


def party_at(w: World, ident: Identity, inst: str, onboard: date) -> str:
    """The party record an institution holds for a person (created when first needed)."""
    key = _key(ident, inst)
    if key not in w.known:
        w.known[key] = person_party(w, ident, inst, None, None, onboard)
    return w.known[key]


def party_of(w: World, actor: Actor, inst: str) -> str:
    if actor.inst == inst:
        return actor.party
    return party_at(w, actor.ident, inst, w.start - timedelta(days=700))


def authorise(w: World, acct: str, boss: Identity, relation: str = "authorised_user") -> None:
    inst = str(w.accounts[w.acct_index[acct]]["institution_id"])
    w.link(acct, party_at(w, boss, inst, w.date_of(0) - timedelta(days=5)), relation)


def opened_on(w: World, day: int) -> date:
    return w.start + timedelta(days=day)


def bulk_shop(w: World) -> dict[str, str]:
    """Groceries and household goods bought in bulk (people living on site)."""
    name, mcc = w.pick(BULK)
    return {"merchant": name, "mcc": mcc}


def outside(w: World, country: str = "GB") -> tuple[str, str]:
    if country == "GB":
        bank = str(w.pick(OUTSIDE_BANKS))
        return (
            bank,
            f"{int(w.rng.integers(10, 99))}-{int(w.rng.integers(10, 99))}-"
            f"{int(w.rng.integers(10, 99))} {int(w.rng.integers(10**7, 10**8))}",
        )
    bank = str(w.pick(FOREIGN_BANKS.get(country, ("Local bank",))))
    return bank, f"{country}{int(w.rng.integers(10, 99))}{int(w.rng.integers(10**11, 10**12))}"


def person_name(w: World, group: str, gender: str) -> str:
    _, fem, mal, sur = GROUPS[group]
    return f"{w.pick(fem if gender == 'female' else mal)} {w.pick(sur)}"


def buyer_credits(
    w: World, acct: str, days: list[int], per_day: float, typ: str, net: str, memo_p: float = 0.15
) -> list[tuple[int, float]]:
    """Payments from many, mostly male, mostly one-off individuals at service prices."""
    males = [p.cur for p in w.profiles if p.gender == "male" and p.start_day == 0 and p.age < 65]
    prices = (100, 120, 150, 150, 160, 200, 200, 250, 250, 300, 350, 400, 500, 600, 800)
    out: list[tuple[int, float]] = []
    opened = int(w.accounts[w.acct_index[acct]]["_open"])
    for day in (d for d in days if d >= opened):
        for _ in range(int(w.rng.poisson(per_day))):
            evening = w.chance(0.7 - 0.2 * w.s)
            t = w.when(day, 18, 28) if evening else w.when(day, 10, 18)
            amt = float(w.pick(prices))
            if w.chance(0.5 * w.s):
                amt = round(amt * float(w.rng.uniform(0.55, 1.1)), 2)
            memo = w.pick(ALIAS_MEMOS) if w.keep(memo_p) else w.pick(PLAIN_MEMOS)
            if males and w.chance(0.15):
                w.tx(t, amt, "p2p", str(w.pick(males)), acct, typ=typ, net=net, desc=memo)
            else:
                bank, number = outside(w)
                w.tx(
                    t,
                    amt,
                    "p2p",
                    None,
                    acct,
                    typ=typ,
                    net=net,
                    desc=memo,
                    cp_inst=bank,
                    cp_name=person_name(w, str(w.pick(BUYER_GROUPS)), "male"),
                    cp_account=number,
                )
            out.append((t, amt))
    return out


def sweep(
    w: World,
    src: str,
    dst: str,
    credits: list[tuple[int, float]],
    share: float,
    typ: str,
    net: str,
    device: str | tuple[str, ...],
    ip: str,
    memo: tuple[str, ...] = ("", "x", "ok"),
) -> None:
    """Send most of each day's takings on to one person, the same evening or next morning."""
    by_day: dict[int, float] = {}
    for t, amt in credits:
        by_day[t // 86400] = by_day.get(t // 86400, 0.0) + amt
    lag_max = 1 + 2 * w.s
    for day, total in sorted(by_day.items()):
        part = total * min(1.0, share * float(w.rng.uniform(0.92, 1.08)))
        if w.chance(0.5):
            part = round(part, -1)
        t = w.at(day, 23.0 + 24 * float(w.rng.uniform(0, lag_max)) * 0.5)
        dev = device if isinstance(device, str) else w.pick(device)
        w.tx(t, part, "p2p", src, dst, typ=typ, net=net, device=dev, ip=ip, desc=w.pick(memo))
