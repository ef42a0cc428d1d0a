"""T3 integration: trading-account round trips, casino play-through and family wires."""

from __future__ import annotations

from tests.holdout.crime_kit import (
    Actor,
    extra_account,
    outside,
    person_name,
)
from tests.holdout.kyc import past_date
from tests.holdout.merchants import CASINOS
from tests.holdout.typ_sex2 import ORIGIN_GROUP
from tests.holdout.world import World


def integration(w: World, husband: Actor, wife: Actor, country: str, typ: str, net: str) -> None:
    bank, number = outside(w, country)
    invest = extra_account(w, husband, "KESTREL", "savings", past_date(w, 0.5, 2))
    w.mark(invest, typ, net, "controller")
    for d in range(5, w.days, 9):
        if w.keep(0.5):
            amt = float(w.rng.integers(20, 80) * 100)
            w.tx(
                w.when(d, 10, 20),
                amt,
                "internal",
                husband.acct,
                invest,
                typ=typ,
                net=net,
                desc="TRADING ACCOUNT",
            )
            w.tx(
                w.when(d + int(w.rng.integers(4, 20)), 10, 20),
                amt * 0.995,
                "internal",
                invest,
                husband.acct,
                typ=typ,
                net=net,
                desc="WITHDRAWAL",
            )
        if w.keep(0.35):
            site, mcc = w.pick(CASINOS)
            buy = float(w.rng.integers(10, 50) * 100)
            w.tx(
                w.when(d, 21, 26), buy, "card", wife.acct, typ=typ, net=net, merchant=site, mcc=mcc
            )
            w.tx(
                w.when(d + 1, 10, 14),
                buy * float(w.rng.uniform(0.9, 0.99)),
                "ach",
                None,
                wife.acct,
                typ=typ,
                net=net,
                cp_name=site,
                desc="PLAYER ACCOUNT WITHDRAWAL",
            )
    for d in range(20, w.days, 45):
        w.tx(
            w.when(d, 10, 15),
            float(w.rng.integers(3, 16) * 1000),
            "wire",
            husband.acct,
            None,
            typ=typ,
            net=net,
            cp_name=person_name(w, ORIGIN_GROUP[country], "female"),
            cp_account=number,
            cp_inst=bank,
            cp_country=country,
            desc=w.pick(("family", "tuition", "support parents")),
        )
        w.tx(
            w.when(d + 10, 10, 15),
            float(w.rng.integers(2, 9) * 1000),
            "wire",
            None,
            wife.acct,
            typ=typ,
            net=net,
            cp_name=person_name(w, ORIGIN_GROUP[country], "male"),
            cp_country=country,
            cp_inst=bank,
            desc="living expenses",
        )
