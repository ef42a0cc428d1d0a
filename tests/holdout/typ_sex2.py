"""T2 national funnel network with overseas principals, and the shared arrival-ring helper."""

from __future__ import annotations

from tests.holdout.crime_kit import (
    Actor,
    authorise,
    opened_on,
    outside,
    person_name,
    recruit,
)
from tests.holdout.kyc import new_home, past_date
from tests.holdout.merchants import AIRLINES
from tests.holdout.places import MAIN_CITIES
from tests.holdout.purse import Purse
from tests.holdout.world import World

ORIGIN_GROUP = {
    "RO": "romanian",
    "TH": "thai",
    "CN": "chinese",
    "BR": "brazilian",
    "VN": "vietnamese",
}


def _ring(
    w: World,
    group: str,
    city: str,
    n: int,
    arrive: int,
    inst: str,
    typ: str,
    net: str,
    boss: Actor,
    age: tuple[float, float] = (19, 30),
) -> list[Actor]:
    """Women whose accounts are opened within days at one branch, sharing one address."""
    house = new_home(w, city)
    out = []
    for _ in range(n):
        v = recruit(
            w,
            group,
            "female",
            float(w.rng.uniform(*age)),
            city,
            inst,
            opened=opened_on(w, arrive + int(w.rng.integers(0, 4))),
            occupation=w.pick(("Student", "Visitor", "Beauty therapist", None)),
            income=float(w.rng.uniform(0, 12000)),
            home=house if w.keep(0.9) else None,
            mobile=boss.ident.mobile if w.keep(0.35) else None,
            spend=0.08 + 0.3 * w.s,
        )
        if w.keep(0.4):
            authorise(w, v.acct, boss.ident)
        w.mark(v.acct, typ, net, "victim")
        out.append(v)
    return out


def t2_national_funnel(w: World, net: str) -> None:
    typ = "T2"
    country = w.pick(("RO", "TH", "CN"))
    group = ORIGIN_GROUP[country]
    hub = w.pick(("London", "Birmingham", "Manchester"))
    places = [c for c in MAIN_CITIES if c != hub]
    cities = [places[int(i)] for i in w.rng.choice(len(places), w.size(5, 8, 3), replace=False)]
    handlers = [
        recruit(
            w,
            group,
            "male",
            float(w.rng.uniform(28, 45)),
            hub,
            w.pick(("LOUGHSIDE", "KESTREL", "HRTWGB2L")),
            opened=past_date(w, 1, 6),
            occupation=w.pick(("Builder", "Driver", "Self-employed")),
            income=float(w.rng.uniform(14000, 26000)),
            spend=0.6,
            start_day=0,
        )
        for _ in range(w.size(2, 4, 1))
    ]
    launder = [
        recruit(
            w,
            w.pick((group, "british_asian")),
            "male",
            40,
            hub,
            "PENNINE-BS",
            opened=past_date(w, 2, 10),
            occupation="Import consultant",
            income=32000.0,
            spend=0.7,
            start_day=0,
        )
        for _ in range(w.size(1, 3, 1))
    ]
    for h in handlers:
        w.mark(h.acct, typ, net, "controller")
    for x in launder:
        w.mark(x.acct, typ, net, "facilitator", crime="laundering")
    arrive = int(w.rng.integers(-20, 6))
    crew = _ring(w, group, hub, w.size(8, 20, 5), arrive, "HRTWGB2L", typ, net, handlers[0])
    principal = person_name(w, group, "male")
    pbank, paccount = outside(w, country)
    for i, v in enumerate(crew):
        city = cities[i % len(cities)]
        start = max(0, arrive + 4)
        for d in range(start, w.days):
            if w.chance(3.0 / 7 * (1 - 0.4 * w.s)):
                amt = float(w.rng.integers(10, 60) * 50)
                w.tx(
                    w.when(d, 10, 19),
                    amt,
                    "cash",
                    None,
                    v.acct,
                    typ=typ,
                    net=net,
                    city=city,
                    desc=w.pick(("CASH DEPOSIT", "POST OFFICE COUNTER DEPOSIT")),
                )
                nxt = d + int(w.rng.integers(0, 2 + int(2 * w.s)))
                if w.chance(0.5):
                    for _ in range(int(w.rng.integers(1, 3))):
                        w.tx(
                            w.when(nxt, 9, 22),
                            float(w.pick((200, 300, 500))),
                            "cash",
                            v.acct,
                            None,
                            typ=typ,
                            net=net,
                            city=hub,
                            desc="ATM " + hub.upper(),
                        )
                else:
                    x = w.pick(launder)
                    w.tx(
                        w.when(nxt, 8, 23),
                        amt * float(w.rng.uniform(0.8, 1.0)),
                        "p2p",
                        v.acct,
                        x.acct,
                        typ=typ,
                        net=net,
                        desc=w.pick(("", "loan", "x")),
                        device=handlers[0].prof.device if handlers[0].prof else None,
                    )
        if w.chance(0.3):  # moved to another house halfway through
            cities[i % len(cities)] = w.pick(places)
    hands = {h.acct: Purse(w, h.acct, opening=1500.0) for h in handlers}
    for x in launder:
        purse = Purse(w, x.acct)
        for d in range(w.days):
            if w.chance(1.5 / 7 * (1 - 0.4 * w.s)):
                w.tx(
                    w.when(d, 10, 16),
                    purse.take(d, float(w.rng.integers(20, 96) * 100), 100),
                    "cash",
                    x.acct,
                    None,
                    typ=typ,
                    net=net,
                    city=hub,
                    desc="BRANCH CASH WITHDRAWAL",
                )
            if w.weekday(d) == 0:  # the handlers' cut
                h = w.pick(handlers)
                cut = purse.take(d, float(w.rng.integers(5, 20) * 100), 100)
                hands[h.acct].give(d, cut)
                w.tx(
                    w.when(d, 18, 23),
                    cut,
                    "p2p",
                    x.acct,
                    h.acct,
                    typ=typ,
                    net=net,
                    desc=w.pick(("", "wages", "work")),
                )
            if d % 30 == 12:
                w.tx(
                    w.when(d, 10, 15),
                    purse.take(d, float(w.rng.integers(5, 41) * 1000), 1000),
                    "wire",
                    x.acct,
                    None,
                    typ=typ,
                    net=net,
                    cp_name=principal,
                    cp_account=paccount,
                    cp_inst=pbank,
                    cp_country=country,
                    desc=w.pick(("family support", "loan repayment", "gift")),
                )
            if d % 45 == 20 and w.keep(0.6):  # a courier flies out after a big withdrawal
                w.tx(
                    w.when(d, 10, 15),
                    purse.take(d, 9500.0, 100),
                    "cash",
                    x.acct,
                    None,
                    typ=typ,
                    net=net,
                    city=hub,
                    desc="BRANCH CASH WITHDRAWAL",
                )
                air, mcc = w.pick(AIRLINES)
                w.tx(
                    w.when(d + int(w.rng.integers(1, 10)), 9, 22),
                    float(w.rng.uniform(180, 700)),
                    "card",
                    x.acct,
                    typ=typ,
                    net=net,
                    merchant=air,
                    mcc=mcc,
                )
    for h in handlers:
        for city in cities[: 1 + len(cities) // len(handlers)]:
            landlord = person_name(w, "british", "male")
            lbank, lacct = outside(w)
            for d in range(int(w.rng.integers(0, 28)), w.days, 30):
                rent = hands[h.acct].take(d, float(w.rng.integers(15, 40) * 100), 50)
                w.tx(
                    w.when(d, 9, 21),
                    rent,
                    "p2p",
                    h.acct,
                    None,
                    typ=typ,
                    net=net,
                    cp_name=landlord,
                    cp_account=lacct,
                    cp_inst=lbank,
                    city=city,
                    desc=f"rent {w.rng.integers(1, 200)} {w.pick(('Grove Rd', 'Mill Ln'))}",
                )
    w.network(net, typ)
