"""T3: massage storefronts run by an owner couple, with a commingling front and integration."""

from __future__ import annotations

from tests.holdout.crime_kit import (
    bulk_shop,
    opened_on,
    party_of,
    person_name,
    recruit,
)
from tests.holdout.kyc import new_home, org_party, past_date
from tests.holdout.merchants import AIRLINES, PROCESSORS_ADULT
from tests.holdout.places import MAIN_CITIES
from tests.holdout.population import make_business
from tests.holdout.typ_sex2 import ORIGIN_GROUP
from tests.holdout.typ_t3_money import integration
from tests.holdout.world import World


def t3_massage_storefronts(w: World, net: str) -> None:
    typ = "T3"
    country = w.pick(("CN", "TH", "VN"))
    group = ORIGIN_GROUP[country]
    home_city = w.pick(MAIN_CITIES)
    husband = recruit(
        w,
        group,
        "male",
        float(w.rng.uniform(42, 58)),
        home_city,
        "HRTWGB2L",
        opened=past_date(w, 3, 12),
        occupation="Company director",
        income=45000.0,
        credit=True,
        spend=0.9,
        housing="mortgage",
        rent=1500.0,
        start_day=0,
    )
    wife = recruit(
        w,
        group,
        "female",
        float(w.rng.uniform(40, 55)),
        home_city,
        "PENNINE-BS",
        opened=past_date(w, 3, 12),
        occupation="Beauty therapist",
        income=28000.0,
        home=husband.ident.home,
        spend=0.8,
        start_day=0,
    )
    for p in (husband, wife):
        w.mark(p.acct, typ, net, "controller")
    cities = [home_city] + [w.pick(MAIN_CITIES) for _ in range(2)]
    fronts = []
    for i in range(w.size(3, 6, 2)):
        city = cities[i % len(cities)]
        inst = w.pick(("HRTWGB2L", "KESTREL", "HRTWGB2L", "PENNINE-BS"))
        name = (
            f"{w.pick(('Lotus', 'Orchid', 'Golden', 'Jade', 'Bamboo', 'Zen'))} "
            f"{w.pick(('Spa', 'Massage', 'Wellbeing', 'Therapy'))} {city[:3].upper()} Ltd"
        )
        home = new_home(w, city, flat=False)
        party = org_party(
            w,
            inst,
            name,
            "9609",
            float(w.rng.uniform(90_000, 180_000)),
            int(w.rng.integers(1, 4)),
            city,
            past_date(w, 0.5, 4),
            home=home,
        )
        acct = w.open_account(party, inst, "business", past_date(w, 0.4, 3), city)
        for p in (husband, wife):
            w.link(acct, party_of(w, p, inst), w.pick(("signatory", "beneficial_owner")))
        w.mark(acct, typ, net, "front_business")
        fronts.append((acct, city, name.upper(), home))
    resto = make_business(w, "food", home_city, "HRTWGB2L", husband.ident, husband.party)
    resto.owner_acct = husband.acct
    w.mark(resto.acct, typ, net, "front_business")
    males = [p.cc or p.cur for p in w.profiles if p.gender == "male" and p.start_day == 0]
    for acct, city, name, home in fronts:
        for d in range(w.days):
            weekly = float(w.rng.uniform(1500, 6000)) * (1 - 0.3 * w.s)
            if w.weekday(d) != 6:
                w.tx(
                    w.when(d, 1, 5),
                    weekly / 6 * float(w.rng.uniform(0.6, 1.4)),
                    "ach",
                    None,
                    acct,
                    typ=typ,
                    net=net,
                    cp_name="DOJO",
                    desc="DOJO SETTLEMENT",
                )
            if males and w.chance(0.6):
                late = w.chance(0.4 - 0.2 * w.s)
                w.tx(
                    w.when(d, 21.2, 25) if late else w.when(d, 11, 21),
                    float(w.pick((40, 60, 60, 80, 100, 120))),
                    "card",
                    str(w.pick(males)),
                    typ=typ,
                    net=net,
                    merchant=name,
                    mcc=w.pick(("7297", "7298")),
                    city=city,
                )
            if w.chance(0.6 * (1 - 0.4 * w.s)):
                w.tx(
                    w.when(d, 10, 16),
                    float(w.rng.integers(6, 50) * 50),
                    "cash",
                    None,
                    acct,
                    typ=typ,
                    net=net,
                    city=w.pick(cities),
                    desc="CASH DEPOSIT",
                )
            if d % 7 == 2 and w.keep(0.5):
                w.tx(
                    w.when(d, 3, 6),
                    float(w.rng.uniform(300, 1800)),
                    "ach",
                    None,
                    acct,
                    typ=typ,
                    net=net,
                    cp_name=w.pick(PROCESSORS_ADULT),
                    cp_country="CY",
                    desc="PAYOUT",
                )
            if d % 7 == 4 and w.keep(0.85):
                w.tx(
                    w.when(d, 9, 20),
                    float(w.rng.uniform(90, 320)),
                    "card",
                    acct,
                    typ=typ,
                    net=net,
                    **bulk_shop(w),
                    city=city,
                )
            if d % 30 == 1:
                w.tx(
                    w.when(d, 1, 5),
                    float(w.rng.uniform(1200, 2800)),
                    "ach",
                    acct,
                    None,
                    typ=typ,
                    net=net,
                    cp_name="REGAL PROPERTY MGMT",
                    desc="COMMERCIAL RENT",
                )
                if w.keep(0.8):
                    w.tx(
                        w.when(d, 9, 20),
                        float(w.rng.integers(9, 16) * 100),
                        "p2p",
                        acct,
                        None,
                        typ=typ,
                        net=net,
                        cp_name=person_name(w, "british", "male"),
                        desc=f"rent flat {w.rng.integers(1, 9)}",
                    )
            if d % 7 == 5:
                dst = w.pick((husband.acct, wife.acct, resto.acct, w.pick(fronts)[0]))
                if dst != acct:
                    w.tx(
                        w.when(d, 18, 23),
                        float(w.rng.integers(10, 40) * 100),
                        "p2p",
                        acct,
                        dst,
                        typ=typ,
                        net=net,
                        desc=w.pick(("transfer", "loan", "", "stock")),
                    )
        workers = [
            recruit(
                w,
                group,
                "female",
                float(w.rng.uniform(34, 56)),
                city,
                w.pick(("HRTWGB2L", "PENNINE-BS")),
                opened=opened_on(w, int(w.rng.integers(5, 40))),
                occupation="Massage therapist",
                income=12000.0,
                home=home,
                spend=0.03,
                social=0.05,
            )
            for _ in range(w.size(1, 3, 1))
        ]
        for wk in workers:
            w.mark(wk.acct, typ, net, "victim")
            for d in range(int(w.rng.integers(3, 30)), w.days, 30):  # a little cash, nothing else
                w.tx(
                    w.when(d, 10, 16),
                    float(w.rng.integers(3, 9) * 50),
                    "cash",
                    None,
                    wk.acct,
                    typ=typ,
                    net=net,
                    city=city,
                    desc="CASH DEPOSIT",
                )
            air, mcc = w.pick(AIRLINES)
            w.tx(
                w.when(max(0, wk.prof.start_day - 9) if wk.prof else 0, 8, 22),
                float(w.rng.uniform(380, 900)),
                "card",
                husband.acct,
                typ=typ,
                net=net,
                merchant=air,
                mcc=mcc,
                desc="ONE WAY",
            )
    integration(w, husband, wife, country, typ, net)
    w.network(net, typ)
