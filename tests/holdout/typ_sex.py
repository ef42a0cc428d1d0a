"""Sex trafficking T1: hotel circuit run by one controller, with shared cast helpers."""

from __future__ import annotations

from tests.holdout.crime_kit import (
    Actor,
    authorise,
    buyer_credits,
    extra_account,
    opened_on,
    recruit,
    sweep,
)
from tests.holdout.crime_spend import ads, hotel_stay, repeat_card
from tests.holdout.kyc import past_date
from tests.holdout.merchants import (
    APPEARANCE,
    CASINOS,
    CRYPTO,
    FASTFOOD,
    LUXURY,
    RIDES,
    TOPUPS,
)
from tests.holdout.places import MAIN_CITIES
from tests.holdout.world import World


def controller(w: World, city: str, inst: str = "HRTWGB2L") -> Actor:
    group = w.pick(("british", "british", "romanian", "albanian", "british_asian"))
    return recruit(
        w,
        group,
        "male",
        float(w.rng.uniform(24, 36)),
        city,
        inst,
        opened=past_date(w, 1, 6),
        occupation=w.pick(
            ("Unemployed", "Self-employed", "Car valeter", "Personal trainer", "Music producer")
        ),
        income=float(w.rng.uniform(9000, 22000)),
        credit=True,
        spend=0.7,
        social=0.7,
        housing="rent_fp",
        rent=float(w.rng.uniform(700, 1300)),
        start_day=0,
    )


def victims(
    w: World,
    n: int,
    boss: Actor,
    city: str,
    first_day: int,
    typ: str,
    net: str,
    insts: tuple[str, ...] = ("KESTREL", "PENNINE-BS", "HRTWGB2L", "KESTREL"),
) -> list[Actor]:
    out = []
    assert boss.prof is not None
    for _ in range(n):
        fresh = w.chance(0.65)
        opened = (
            opened_on(w, first_day + int(w.rng.integers(0, 3))) if fresh else past_date(w, 0.4, 4)
        )
        v = recruit(
            w,
            w.pick(("british", "british", "romanian", "polish")),
            "female",
            float(w.rng.uniform(18, 25.5)),
            city,
            w.pick(insts),
            opened=opened,
            occupation=w.pick(("Student", "Unemployed", "Model", "Bar staff", None)),
            income=float(w.rng.uniform(0, 9000)),
            mobile=boss.ident.mobile if w.keep(0.45) else None,
        )
        assert v.prof is not None
        if w.keep(0.6):
            authorise(w, v.acct, boss.ident)
        if w.keep(0.8):
            v.prof.device, v.prof.ip = boss.prof.device, boss.prof.ip
        w.mark(v.acct, typ, net, "victim")
        out.append(v)
    return out


def active_days(w: World, start: int, p: float) -> list[int]:
    return [d for d in range(start, w.days) if w.chance(p * (1 - 0.3 * w.s))]


def t1_hotel_circuit(w: World, net: str) -> None:
    typ = "T1"
    base = w.pick(MAIN_CITIES)
    boss = controller(w, base)
    assert boss.prof is not None and boss.prof.cc is not None
    prepaid = extra_account(w, boss, "KESTREL", "prepaid_card", past_date(w, 0.1, 1))
    for acct in (boss.acct, boss.prof.cc, prepaid):
        w.mark(acct, typ, net, "controller")
    first = int(w.rng.integers(0, max(1, w.days // 8)))
    crew = victims(w, w.size(2, 4, 2), boss, base, first, typ, net)
    # the circuit: 2-4 day stays, back at base every 1-3 weeks
    stops = [c for c in MAIN_CITIES if c != base]
    where: dict[int, str] = {}
    day, since_base = first, 0
    while day < w.days:
        city = base if since_base >= int(w.rng.integers(2, 4)) else w.pick(stops)
        since_base = 0 if city == base else since_base + 1
        nights = int(w.rng.integers(2, 5))
        if city != base:
            payer = w.pick((boss.prof.cc, prepaid, w.pick(crew).acct))
            hotel_stay(
                w, payer, day, city, min(nights, 3), typ, net, rooms=2 if w.keep(0.25) else 1
            )
        for d in range(day, day + nights):
            where[d] = city
        day += nights + int(w.rng.integers(0, 2 + int(3 * w.s)))
    all_days = sorted(where)
    for i, v in enumerate(crew):
        assert v.prof is not None
        days = [d for d in active_days(w, max(first, v.prof.start_day), 0.85) if d in where]
        if i == 0 and w.keep(0.35):  # takings banked as cash at night instead of transfers
            credits = []
            for d in days:
                for _ in range(int(w.rng.integers(1, 3))):
                    t, amt = w.when(d, 22, 29), float(w.rng.integers(4, 17) * 50)
                    w.tx(
                        t,
                        amt,
                        "cash",
                        None,
                        v.acct,
                        typ=typ,
                        net=net,
                        city=where[d],
                        desc="ATM DEPOSIT " + where[d].upper(),
                    )
                    credits.append((t, amt))
        else:
            credits = buyer_credits(w, v.acct, days, 5.0 * (1 - 0.5 * w.s), typ, net)
        to = prepaid if w.chance(0.3) else boss.acct
        sweep(w, v.acct, to, credits, 0.95 - 0.35 * w.s, typ, net, boss.prof.device, boss.prof.ip)
        repeat_card(
            w, v.acct, days, 0.9 * (1 - 0.4 * w.s), RIDES, "4121", 7, 32, (19, 27), typ, net, where
        )
        repeat_card(w, v.acct, days, 0.4, TOPUPS, "4814", 5, 20, (9, 23), typ, net)
        if w.keep(0.3):  # calls from prison paid from a victim's account
            repeat_card(
                w, v.acct, days, 0.05, ("HMP CALL CREDIT",), "4814", 5, 25, (9, 18), typ, net
            )
        for d in days[:: int(w.rng.integers(1, 3))]:
            if w.keep(0.6):
                w.tx(
                    w.when(d + 1, 8, 20),
                    float(w.rng.integers(2, 10) * 50),
                    "cash",
                    None,
                    v.acct,
                    typ=typ,
                    net=net,
                    city=where.get(d, base),
                    desc="CASH DEPOSIT",
                )
    ads(w, w.pick((prepaid, crew[0].acct)), all_days, 4.0 * (1 - 0.5 * w.s), typ, net)
    repeat_card(
        w,
        boss.prof.cc,
        all_days,
        2.2 * (1 - 0.4 * w.s),
        FASTFOOD,
        "5814",
        6,
        34,
        (12, 25),
        typ,
        net,
        where,
    )
    for d in all_days:
        if w.chance(1.2 / 7):
            shop, mcc = w.pick(APPEARANCE)
            w.tx(
                w.when(d, 10, 20),
                float(w.rng.uniform(12, 90)),
                "card",
                boss.acct,
                typ=typ,
                net=net,
                merchant=shop,
                mcc=mcc,
                city=where[d],
            )
    _lifestyle(w, boss, all_days, typ, net)
    w.network(net, typ)


def _lifestyle(w: World, boss: Actor, days: list[int], typ: str, net: str) -> None:
    assert boss.prof is not None and boss.prof.cc is not None
    for _ in range(int(w.rng.integers(2, 6))):
        shop, mcc = w.pick(LUXURY)
        w.tx(
            w.when(w.pick(days), 12, 23),
            float(w.rng.uniform(250, 2400)),
            "card",
            boss.prof.cc,
            typ=typ,
            net=net,
            merchant=shop,
            mcc=mcc,
            city="London",
        )
    if w.keep(0.7):
        w.tx(
            w.when(w.pick(days), 11, 17),
            float(w.rng.integers(5, 21) * 1000),
            "card",
            boss.acct,
            typ=typ,
            net=net,
            merchant="PRESTIGE CARS",
            mcc="5511",
            desc="DEPOSIT",
        )
    for d in days:
        if w.keep(0.12):
            site, mcc = w.pick(CASINOS)
            w.tx(
                w.when(d, 23, 27),
                float(w.rng.uniform(50, 600)),
                "card",
                boss.acct,
                typ=typ,
                net=net,
                merchant=site,
                mcc=mcc,
            )
        if w.keep(0.08):
            w.tx(
                w.when(d, 10, 22),
                float(w.rng.uniform(100, 1200)),
                "crypto",
                boss.acct,
                typ=typ,
                net=net,
                cp_name=w.pick(CRYPTO),
                mcc="6051",
                desc="crypto purchase",
            )
