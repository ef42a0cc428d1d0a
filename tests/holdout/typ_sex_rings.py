"""Sex-trafficking loops: T10 prepaid and crypto advertising loop, T11 collector inside a ring."""

from __future__ import annotations

from tests.holdout.crime_kit import (
    buyer_credits,
    extra_account,
    opened_on,
    recruit,
    sweep,
)
from tests.holdout.kyc import past_date
from tests.holdout.merchants import (
    CRYPTO,
    VOUCHERS,
)
from tests.holdout.places import MAIN_CITIES
from tests.holdout.typ_sex import active_days, controller, victims
from tests.holdout.world import World


def t10_prepaid_crypto(w: World, net: str) -> None:
    typ = "T10"
    city = w.pick(MAIN_CITIES)
    boss = controller(w, city, w.pick(("HRTWGB2L", "PENNINE-BS")))
    assert boss.prof is not None
    card = extra_account(w, boss, "KESTREL", "prepaid_card", past_date(w, 0.2, 1))
    w.mark(boss.acct, typ, net, "controller")
    w.mark(card, typ, net, "controller")
    broker = recruit(
        w,
        w.pick(("british", "polish", "nigerian")),
        "male",
        29,
        w.pick(MAIN_CITIES),
        w.pick(("LOUGHSIDE", "HRTWGB2L")),
        opened=past_date(w, 1, 5),
        occupation="IT contractor",
        income=38000.0,
        spend=0.6,
        social=0.8,
        pay="monthly",
        employer="Freelance",
        start_day=0,
    )
    w.mark(broker.acct, typ, net, "facilitator")
    crew = victims(w, w.size(1, 3, 1), boss, city, 0, typ, net, ("PENNINE-BS", "HRTWGB2L"))
    days = active_days(w, 0, 0.8)
    for v in crew:
        vcard = extra_account(w, v, "KESTREL", "prepaid_card", opened_on(w, 0))
        w.mark(vcard, typ, net, "victim")
        credits = buyer_credits(w, v.acct, days, 3.0 * (1 - 0.5 * w.s), typ, net)
        sweep(
            w, v.acct, boss.acct, credits, 0.9 - 0.3 * w.s, typ, net, boss.prof.device, boss.prof.ip
        )
        for d in days:
            if w.keep(0.35):  # card-to-card loads: the victim's card has no other source
                w.tx(
                    w.when(d, 10, 23),
                    float(w.pick((50, 100, 100, 150, 200))),
                    "internal",
                    card,
                    vcard,
                    typ=typ,
                    net=net,
                    desc="CARD TO CARD",
                    device=boss.prof.device,
                )
            if w.keep(0.15):
                site, country = "NIGHTLIST EU", "NL"
                w.tx(
                    w.when(d, 0, 24),
                    float(w.rng.uniform(20, 120)),
                    "card",
                    vcard,
                    typ=typ,
                    net=net,
                    merchant=site,
                    mcc="7311",
                    country=country,
                )
    for d in days:
        if w.keep(0.45):
            w.tx(
                w.when(d, 9, 23),
                float(w.pick((200, 250, 300, 400, 500))),
                "card",
                boss.acct,
                typ=typ,
                net=net,
                merchant=w.pick(VOUCHERS),
                mcc=w.pick(("5499", "6540")),
                city=city,
            )
        if w.keep(0.25):
            w.tx(
                w.when(d, 11, 22),
                float(w.pick((100, 150, 200, 250))),
                "internal",
                boss.acct,
                card,
                typ=typ,
                net=net,
                desc="TOP UP",
            )
        if w.keep(0.2):
            t = w.when(d + 1, 9, 14)
            amt = float(w.rng.integers(2, 13) * 50)
            w.tx(
                t,
                amt,
                "p2p",
                boss.acct,
                broker.acct,
                typ=typ,
                net=net,
                desc=w.pick(("btc", "usdt", "", "for the thing")),
                device=boss.prof.device,
            )
            w.tx(
                t + int(w.rng.integers(600, 7200)),
                amt * 0.97,
                "crypto",
                broker.acct,
                typ=typ,
                net=net,
                cp_name=w.pick(CRYPTO),
                desc="BUY USDT",
            )
        if w.keep(0.12):
            w.tx(
                w.when(d, 10, 23),
                float(w.rng.uniform(40, 300)),
                "card",
                card,
                typ=typ,
                net=net,
                merchant=w.pick(CRYPTO),
                mcc="6051",
            )
    w.network(net, typ)


def t11_collector(w: World, net: str) -> None:
    typ = "T11"
    city = w.pick(MAIN_CITIES)
    boss = controller(w, city, w.pick(("HRTWGB2L", "LOUGHSIDE", "KESTREL")))
    assert boss.prof is not None
    w.mark(boss.acct, typ, net, "controller")
    crew = victims(
        w,
        w.size(3, 6, 2) + 1,
        boss,
        city,
        0,
        typ,
        net,
        ("KESTREL", "HRTWGB2L", "PENNINE-BS", "LOUGHSIDE"),
    )
    bottom, others = crew[0], crew[1:]
    w.mark(bottom.acct, typ, net, "funnel")
    phones = tuple(w.device_id() for _ in range(int(w.rng.integers(3, 5))))
    shared = phones[0]
    for v in others:
        assert v.prof is not None
        if w.keep(0.8):
            v.prof.device = shared
    days = active_days(w, 0, 0.9)
    credits = buyer_credits(w, bottom.acct, days, 6.0 * (1 - 0.5 * w.s), typ, net, memo_p=0.35)
    sweep(
        w, bottom.acct, boss.acct, credits, 0.75 - 0.2 * w.s, typ, net, phones, w.ip_address(True)
    )
    for v in others:
        mine = buyer_credits(w, v.acct, days, 2.0 * (1 - 0.5 * w.s), typ, net, memo_p=0.3)
        sweep(
            w,
            v.acct,
            w.pick((boss.acct, bottom.acct)),
            mine,
            0.8 - 0.2 * w.s,
            typ,
            net,
            shared,
            w.ip_address(True),
        )
        for d in days:
            if w.keep(0.2):
                w.tx(
                    w.when(d, 12, 23),
                    float(w.rng.integers(2, 9) * 10),
                    "p2p",
                    bottom.acct,
                    v.acct,
                    typ=typ,
                    net=net,
                    desc=w.pick(("food", "x", "", "taxi")),
                    device=w.pick(phones),
                )
    w.network(net, typ)
