"""Migrant smuggling: T8 boat organiser in the destination country, T13 travel-company front."""

from __future__ import annotations

from dataclasses import replace

from tests.holdout.crime_kit import outside, party_at, person_name, recruit
from tests.holdout.kyc import org_party, past_date
from tests.holdout.places import FX_TO_GBP, MAIN_CITIES
from tests.holdout.purse import Purse
from tests.holdout.world import World


def t8_boat_organiser(w: World, net: str) -> None:
    typ = "T8"
    group = w.pick(("kurdish", "iranian", "albanian"))
    city = w.pick(("London", "Birmingham", "Manchester", "Coventry", "Leeds"))
    org = recruit(
        w,
        group,
        "male",
        float(w.rng.uniform(30, 45)),
        city,
        "HRTWGB2L",
        opened=past_date(w, 1, 5),
        occupation="Car wash manager",
        income=21000.0,
        spend=0.7,
        start_day=0,
    )
    alias = replace(
        org.ident,
        surname=org.ident.surname + "i" if w.keep(0.8) else org.ident.surname,
        birth=org.ident.birth.replace(day=1),
    )
    second_party = party_at(w, alias, "LOUGHSIDE", past_date(w, 0.3, 2))
    second = w.open_account(second_party, "LOUGHSIDE", "current", past_date(w, 0.2, 1.5), city)
    w.mark(org.acct, typ, net, "controller")
    w.mark(second, typ, net, "controller")
    accts = (org.acct, second)
    transit = ("TR", "FR", "BE", "DE")
    payees = [(person_name(w, group, "male"), w.pick(transit)) for _ in range(5)]
    for d in range(w.days):  # third parties pay cash in, in other cities
        if w.chance(1.2 / 7 * (1 - 0.4 * w.s)):
            where = w.pick(MAIN_CITIES)
            w.tx(
                w.when(d, 10, 16),
                float(w.rng.integers(40, 96) * 100),
                "cash",
                None,
                w.pick(accts),
                typ=typ,
                net=net,
                city=where,
                desc="CASH DEPOSIT " + where.upper(),
            )
    purses = [Purse(w, a) for a in accts]
    for d in range(w.days):
        if w.chance(0.6 / 7):
            n = 3 if w.keep(0.25) else 1
            for k in range(n):  # sometimes three branches the same day
                p = w.pick(purses)
                w.tx(
                    w.when(d, 10 + 2 * k, 11 + 2 * k),
                    p.take(d, float(w.rng.integers(15, 50) * 100), 100),
                    "cash",
                    p.acct,
                    None,
                    typ=typ,
                    net=net,
                    city=city,
                    desc=f"BRANCH WITHDRAWAL {city.upper()} {k + 1}",
                )
        if w.chance(0.45 / 7):
            for _ in range(int(w.rng.integers(1, 4))):
                name, country = w.pick(payees)
                p = w.pick(purses)
                w.tx(
                    w.when(d, 9, 18),
                    p.take(d, float(w.rng.integers(40, 98) * 100), 100),
                    "wire",
                    p.acct,
                    None,
                    typ=typ,
                    net=net,
                    cp_name=name,
                    cp_country=country,
                    cp_account=outside(w, country)[1],
                    desc=w.pick(("gift", "personal", "")),
                )
        if w.chance(0.6 / 7):
            name, country = w.pick(payees)
            w.tx(
                w.when(d, 9, 21),
                purses[0].take(d, float(w.rng.integers(1, 50) * 100), 100),
                "remittance",
                org.acct,
                None,
                typ=typ,
                net=net,
                cp_name=name,
                cp_country=w.pick((country, "IQ")),
                desc=w.pick(("gift", "personal")),
            )
        if w.keep(0.03):
            shop, mcc, country = w.pick(
                (
                    ("MARINE ENGINES DIRECT", "5551", "DE"),
                    ("RIB & DINGHY ONLINE", "5551", "NL"),
                    ("SATPHONESTORE", "4812", "GB"),
                    ("CHANDLERY SUPPLIES", "4468", "FR"),
                )
            )
            w.tx(
                w.when(d, 9, 22),
                float(w.rng.uniform(300, 6000)),
                "card",
                w.pick(accts),
                typ=typ,
                net=net,
                merchant=shop,
                mcc=mcc,
                country=country,
            )
    w.network(net, typ)


def t13_travel_front(w: World, net: str) -> None:
    typ = "T13"
    owner = recruit(
        w,
        w.pick(("pakistani", "indian", "kurdish")),
        "male",
        41,
        "London",
        "HRTWGB2L",
        opened=past_date(w, 2, 9),
        occupation="Travel agent",
        income=40000.0,
        spend=0.9,
        start_day=0,
    )
    name = (
        f"{w.pick(('Skyline', 'Horizon', 'Crescent', 'Atlas'))} "
        f"{w.pick(('Travel', 'Tours & Travel', 'Air Services'))} Ltd"
    )
    party = org_party(w, "HRTWGB2L", name, "7911", 350_000.0, 3, "London", past_date(w, 1, 3))
    gbp = w.open_account(party, "HRTWGB2L", "business", past_date(w, 1, 3), "London")
    usd = w.open_account(party, "HRTWGB2L", "business", past_date(w, 0.5, 2), "London", "USD")
    for acct in (gbp, usd):
        w.link(acct, owner.party, "signatory")
        w.mark(acct, typ, net, "front_business")
    w.mark(owner.acct, typ, net, "facilitator")
    target = 3_000_000 * w.days / 240 * (1 - 0.6 * w.s)
    got = 0.0
    agencies = [
        ("Al Noor Travel LLC", "AE"),
        ("Bosphorus Tur AS", "TR"),
        ("Lahore Air Travels", "PK"),
        ("Delhi Wings Tours", "IN"),
    ]
    transit = w.pick(
        (
            ("NI", "Hotel Los Robles Managua", "AEROVIAS NICA CHARTER"),
            ("RS", "Hotel Beograd Centar doo", "BALKAN CHARTER DOO"),
        )
    )
    while got < target:
        d = int(w.rng.integers(0, w.days))
        if w.chance(0.4):
            agency, country = w.pick(agencies)
            usd_amt = float(w.rng.uniform(20_000, 150_000))
            w.tx(
                w.when(d, 9, 17),
                usd_amt,
                "wire",
                None,
                usd,
                typ=typ,
                net=net,
                currency="USD",
                base_amount=round(usd_amt * FX_TO_GBP["USD"], 2),
                cp_name=agency,
                cp_country=country,
                cp_inst=outside(w, country)[0],
                desc=f"GROUP BOOKING {int(w.rng.integers(20, 180))} PAX",
            )
            got += usd_amt * FX_TO_GBP["USD"]
        else:
            amt = float(w.rng.uniform(800, 4200))
            bank, number = outside(w)
            w.tx(
                w.when(d, 9, 22),
                amt,
                "p2p",
                None,
                gbp,
                typ=typ,
                net=net,
                cp_name=person_name(w, w.pick(("afghan", "indian", "pakistani")), "male"),
                cp_account=number,
                cp_inst=bank,
                desc=w.pick(("ticket", "one way", "booking", "")),
            )
            got += amt
    for d in range(w.days):  # cash above turnover
        if w.keep(0.07):
            w.tx(
                w.when(d, 10, 16),
                float(w.rng.integers(30, 95) * 100),
                "cash",
                None,
                gbp,
                typ=typ,
                net=net,
                city="London",
                desc="BUSINESS CASH DEPOSIT",
            )
    p_usd, p_gbp = Purse(w, usd), Purse(w, gbp)
    for d in range(3, w.days, 6):
        out = p_usd.take(d, float(w.rng.uniform(30_000, 120_000)) * (1 - 0.5 * w.s))
        w.tx(
            w.when(d, 9, 16),
            out,
            "wire",
            usd,
            None,
            typ=typ,
            net=net,
            currency="USD",
            base_amount=round(out * FX_TO_GBP["USD"], 2),
            cp_name=transit[2],
            cp_country=transit[0],
            desc="CHARTER SETTLEMENT",
        )
        if w.keep(0.5):
            w.tx(
                w.when(d + 2, 9, 16),
                p_gbp.take(d + 2, float(w.rng.uniform(8_000, 40_000))),
                "wire",
                gbp,
                None,
                typ=typ,
                net=net,
                cp_name=transit[1],
                cp_country=transit[0],
                desc=w.pick(("accommodation", "services", "")),
            )
        if w.keep(0.4):
            w.tx(
                w.when(d + 1, 10, 17),
                p_gbp.take(d + 1, float(w.rng.uniform(2_000, 15_000))),
                "p2p",
                gbp,
                None,
                typ=typ,
                net=net,
                cp_name=person_name(w, "afghan", "male"),
                desc="REFUND",
            )
        if w.weekday(d) < 5 and d % 30 < 6:
            w.tx(
                w.when(d, 18, 22),
                p_gbp.take(d, float(w.rng.integers(20, 50) * 100), 100),
                "p2p",
                gbp,
                owner.acct,
                typ=typ,
                net=net,
                desc="DIRECTOR DRAWINGS",
            )
    w.network(net, typ)
