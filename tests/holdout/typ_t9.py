"""T9: debt-bonded international sex trafficking with a recruiter abroad."""

from __future__ import annotations

from tests.holdout.crime_kit import (
    outside,
    person_name,
    recruit,
)
from tests.holdout.kyc import past_date
from tests.holdout.merchants import AIRLINES
from tests.holdout.places import MAIN_CITIES
from tests.holdout.purse import Purse
from tests.holdout.typ_sex2 import ORIGIN_GROUP, _ring
from tests.holdout.world import World


def t9_debt_bondage(w: World, net: str) -> None:
    typ = "T9"
    country = w.pick(("TH", "BR", "CN"))
    group = ORIGIN_GROUP[country]
    city = w.pick(MAIN_CITIES)
    boss = recruit(
        w,
        group,
        "male",
        38,
        city,
        "KESTREL",
        opened=past_date(w, 1, 5),
        occupation="Restaurant manager",
        income=26000.0,
        spend=0.7,
        start_day=0,
    )
    assert boss.prof is not None
    w.mark(boss.acct, typ, net, "controller")
    recruiter = person_name(w, group, "female")
    rbank, racct = outside(w, country)
    arrive = int(w.rng.integers(4, max(5, w.days // 4)))
    n = w.size(4, 10, 3)
    for _ in range(n):
        air, mcc = w.pick(AIRLINES)
        w.tx(
            w.when(max(0, arrive - int(w.rng.integers(5, 25))), 8, 23),
            float(w.rng.uniform(420, 980)),
            "card",
            boss.acct,
            typ=typ,
            net=net,
            merchant=air,
            mcc=mcc,
        )
        if w.keep(0.7):
            w.tx(
                w.when(max(0, arrive - 30), 9, 17),
                float(w.pick((115.0, 127.0, 490.0))),
                "card",
                boss.acct,
                typ=typ,
                net=net,
                merchant="UK VISAS AND IMMIGRATION",
                mcc="9399",
            )
    crew = _ring(
        w, group, city, n, arrive, w.pick(("PENNINE-BS", "HRTWGB2L")), typ, net, boss, (20, 32)
    )
    instalment = float(w.rng.integers(6, 13) * 50)
    for v in crew:
        for d in range(arrive + 5, w.days, 7):
            d += int(w.rng.integers(0, 2 + int(3 * w.s)))
            for _ in range(int(w.rng.integers(1, 3))):
                w.tx(
                    w.when(d, 10, 20),
                    float(w.rng.integers(10, 41) * 50),
                    "cash",
                    None,
                    v.acct,
                    typ=typ,
                    net=net,
                    city=city,
                    desc="CASH DEPOSIT",
                )
            w.tx(
                w.when(d + 1, 9, 21),
                float(w.rng.integers(8, 30) * 50),
                "p2p",
                v.acct,
                boss.acct,
                typ=typ,
                net=net,
                desc=w.pick(("", "rent", "x")),
                device=boss.prof.device if w.keep(0.6) else None,
            )
            if w.keep(0.8):
                w.tx(
                    w.when(d + 1, 9, 21),
                    instalment,
                    "remittance",
                    v.acct,
                    None,
                    typ=typ,
                    net=net,
                    cp_name=recruiter,
                    cp_account=racct,
                    cp_inst=rbank,
                    cp_country=country,
                    desc=w.pick(("", "pay back", "debt")),
                )
    purse = Purse(w, boss.acct, opening=2000.0)
    for d in range(arrive, w.days):
        if w.chance(2.0 / 7 * (1 - 0.4 * w.s)):
            w.tx(
                w.when(d, 10, 17),
                purse.take(d, float(w.rng.integers(10, 50) * 100), 100),
                "cash",
                boss.acct,
                None,
                typ=typ,
                net=net,
                city=city,
                desc="CASH WITHDRAWAL BRANCH",
            )
        if w.chance(0.8 / 7):
            w.tx(
                w.when(d, 10, 17),
                purse.take(d, float(w.rng.integers(30, 98) * 100), 100),
                "remittance",
                boss.acct,
                None,
                typ=typ,
                net=net,
                cp_name=recruiter,
                cp_account=racct,
                cp_inst=rbank,
                cp_country=country,
                desc=w.pick(("family", "business", "")),
            )
    w.network(net, typ)
