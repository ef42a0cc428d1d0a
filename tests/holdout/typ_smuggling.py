"""Migrant smuggling: T6 border fee funnel and T7 hawala shop holding fees until arrival."""

from __future__ import annotations

import numpy as np

from tests.holdout.crime_kit import outside, person_name, recruit
from tests.holdout.kyc import org_party, past_date
from tests.holdout.places import BORDER_CITIES, MAIN_CITIES
from tests.holdout.purse import Purse
from tests.holdout.world import World

SENDER_GROUPS = {
    "IQ": "kurdish",
    "AF": "afghan",
    "ER": "eritrean",
    "IR": "iranian",
    "AL": "albanian",
    "VN": "vietnamese",
}


def t6_border_funnel(w: World, net: str) -> None:
    typ = "T6"
    town = w.pick(BORDER_CITIES)
    inst = (
        "LOUGHSIDE" if town in ("Newry", "Londonderry", "Strabane", "Enniskillen") else "HRTWGB2L"
    )
    collectors = []
    for _ in range(w.size(1, 3, 1)):
        c = recruit(
            w,
            w.pick(("british", "irish", "kurdish", "albanian")),
            w.pick(("male", "female")),
            float(w.rng.uniform(25, 55)),
            town,
            inst,
            opened=past_date(w, 0.5, 6),
            occupation=w.pick(("Kitchen porter", "Cleaner", "Care assistant")),
            income=float(w.rng.uniform(14000, 19000)),
            savings=True,
            spend=0.6,
            social=0.5,
            pay="weekly",
            employer=w.pick(("Mitie Ltd", "Compass Group UK")),
            start_day=0,
        )
        assert c.prof is not None and c.prof.sav is not None
        w.mark(c.acct, typ, net, "funnel")
        w.mark(c.prof.sav, typ, net, "funnel")
        collectors.append(c)
    migrants = [p for p in w.profiles if p.remit_country in SENDER_GROUPS and p.start_day == 0]
    n_fam = w.size(20, 60, 8)
    for _ in range(n_fam):
        c = w.pick(collectors)
        country = w.pick(tuple(SENDER_GROUPS))
        group = SENDER_GROUPS[country]
        name = person_name(w, group, w.pick(("male", "female")))
        bank, number = outside(w)
        abroad = w.chance(0.25)
        internal = w.pick(migrants).cur if migrants and w.chance(0.12) else None
        city = w.pick(MAIN_CITIES)
        fee = float(w.rng.uniform(1500, 7000)) * (1 - 0.4 * w.s)
        first = int(w.rng.integers(0, w.days))
        parts = [(first, 0.5 if w.keep(0.7) else 1.0)]
        if parts[0][1] < 1:
            parts.append((first + int(w.rng.integers(5, 46)), 0.5))
        for day, share in parts:
            left = fee * share
            if abroad:
                w.tx(
                    w.when(day, 8, 20),
                    left,
                    w.pick(("remittance", "wire")),
                    None,
                    c.acct,
                    typ=typ,
                    net=net,
                    cp_name=name,
                    cp_country=country,
                    cp_inst=w.pick(("WESTERN UNION", "MONEYGRAM", "Local bank")),
                )
                continue
            if w.keep(0.2):  # paid in as cash at a branch far away
                w.tx(
                    w.when(day, 10, 16),
                    round(min(left, 3000), -1),
                    "cash",
                    None,
                    c.acct,
                    typ=typ,
                    net=net,
                    city=city,
                    desc="CASH DEPOSIT " + city.upper(),
                )
                continue
            while left > 20:
                piece = min(left, float(w.rng.integers(5, 41) * 10))
                left -= piece
                if internal:
                    w.tx(
                        w.when(day, 8, 23),
                        piece,
                        "p2p",
                        internal,
                        c.acct,
                        typ=typ,
                        net=net,
                        desc=w.pick(("", "for him", "payment", "help")),
                    )
                else:
                    w.tx(
                        w.when(day, 8, 23),
                        piece,
                        "p2p",
                        None,
                        c.acct,
                        typ=typ,
                        net=net,
                        cp_name=name,
                        cp_account=number,
                        cp_inst=bank,
                        city=city,
                        desc=w.pick(("", "", "for brother", "payment", "balance")),
                    )
    for c in collectors:
        assert c.prof is not None and c.prof.sav is not None
        cur, sav = Purse(w, c.acct), Purse(w, c.prof.sav)
        for d in range(w.days):
            if w.keep(0.6):
                moved = cur.take(d, float(cur.bal[d]) * 0.9, 10)
                if moved >= 50:
                    sav.give(d, moved)
                    w.tx(
                        w.when(d, 20, 23),
                        moved,
                        "internal",
                        c.acct,
                        c.prof.sav,
                        typ=typ,
                        net=net,
                        desc="TO SAVINGS",
                    )
            if w.chance(3.0 / 7 * (1 - 0.4 * w.s)):
                purse = w.pick((cur, sav))
                got = purse.take(d, float(w.rng.integers(20, 90) * 100), 100)
                here = w.pick((town, *BORDER_CITIES[:4]))
                w.tx(
                    w.when(d, 10, 16),
                    got,
                    "cash",
                    purse.acct,
                    None,
                    typ=typ,
                    net=net,
                    city=here,
                    desc="COUNTER WITHDRAWAL " + here.upper(),
                )
            if w.keep(0.04):
                country = w.pick(("IQ", "TR", "AL"))
                w.tx(
                    w.when(d, 10, 16),
                    cur.take(d, float(w.rng.integers(10, 50) * 100), 100),
                    "wire",
                    c.acct,
                    None,
                    typ=typ,
                    net=net,
                    cp_name=person_name(w, "kurdish", "male"),
                    cp_country=country,
                    cp_inst=outside(w, country)[0],
                    desc="family",
                )
    w.network(net, typ)


def t7_hawala_shop(w: World, net: str) -> None:
    typ = "T7"
    city = w.pick(("Birmingham", "London", "Manchester", "Coventry", "Leeds"))
    group = w.pick(("kurdish", "afghan", "iranian"))
    owner = recruit(
        w,
        group,
        "male",
        44,
        city,
        "HRTWGB2L",
        opened=past_date(w, 2, 10),
        occupation="Shop owner",
        income=26000.0,
        spend=0.8,
        start_day=0,
    )
    name = (
        f"{w.pick(('Zagros', 'Star', 'Kabul', 'Ararat', 'Unity'))} "
        f"{w.pick(('Mobile & Travel', 'Phones & Money', 'Travel Services'))} Ltd"
    )
    party = org_party(
        w, "HRTWGB2L", name, w.pick(("4742", "7911")), 180_000.0, 2, city, past_date(w, 1, 5)
    )
    shop = w.open_account(party, "HRTWGB2L", "business", past_date(w, 1, 4), city)
    w.link(shop, owner.party, "signatory")
    w.link(shop, owner.party, "beneficial_owner")
    w.mark(shop, typ, net, "front_business")
    w.mark(owner.acct, typ, net, "facilitator")
    traders = [
        ("Gulf Star General Trading LLC", "AE"),
        ("Anatolia Dis Ticaret AS", "TR"),
        ("Erbil Modern Trading Co", "IQ"),
        ("Silk Road Electronics FZE", "AE"),
    ]
    balance = 0.0
    release = int(w.rng.integers(7, 43))
    for d in range(w.days):
        for _ in range(int(w.rng.poisson(30 / 7 * (1 - 0.5 * w.s)))):
            amt = float(w.rng.integers(4, 40) * 50)
            bank, number = outside(w)
            w.tx(
                w.when(d, 9, 21),
                amt,
                "p2p",
                None,
                shop,
                typ=typ,
                net=net,
                cp_name=person_name(w, w.pick(tuple(SENDER_GROUPS.values())), "male"),
                cp_account=number,
                cp_inst=bank,
                desc=w.pick(("", "", "phone", "order", "ticket", "for Ali")),
            )
            balance += amt
        if w.chance(2.5 / 7):
            amt = float(w.rng.integers(10, 90) * 100)
            w.tx(
                w.when(d, 10, 16),
                amt,
                "cash",
                None,
                shop,
                typ=typ,
                net=net,
                city=city,
                desc="BUSINESS CASH DEPOSIT",
            )
            balance += amt
        if w.weekday(d) < 6 and w.chance(0.8):
            w.tx(
                w.when(d, 1, 5),
                float(w.rng.uniform(120, 700)),
                "ach",
                None,
                shop,
                typ=typ,
                net=net,
                cp_name="SUMUP PAYMENTS",
                desc="SUMUP PAYMENTS SETTLEMENT",
            )
        if d % 30 == 27:
            draw = float(w.rng.integers(15, 30) * 100)
            w.tx(w.when(d, 18, 22), draw, "p2p", shop, owner.acct, typ=typ, net=net, desc="wages")
            balance -= draw
        if d == release and balance > 20000:  # proof of arrival: release in round sums
            left = balance * float(w.rng.uniform(0.7, 0.95))
            while left >= 5000:
                amt = min(left, float(w.rng.integers(4, 21) * 5000))
                amt = float(np.floor(amt / 5000) * 5000)
                trader, country = w.pick(traders)
                w.tx(
                    w.when(d, 10, 15),
                    amt,
                    "wire",
                    shop,
                    None,
                    typ=typ,
                    net=net,
                    cp_name=trader,
                    cp_country=country,
                    cp_inst=outside(w, country)[0],
                    desc=f"INV {w.rng.integers(1000, 9999)} ELECTRONICS",
                )
                balance -= amt
                left -= amt
            release = d + int(w.rng.integers(7, 43))
        elif d == release:
            release = d + 7
    w.network(net, typ)
