"""Benign look-alike personas L7-L12 (catalogue section 2.14)."""

from __future__ import annotations

from tests.holdout.crime_kit import (
    outside,
    person_name,
)
from tests.holdout.kyc import new_home
from tests.holdout.lookalikes_a import business_lookalike, citizen
from tests.holdout.names import GROUPS
from tests.holdout.places import MAIN_CITIES
from tests.holdout.population import pick_city
from tests.holdout.world import World


def l7_savings_club(w: World, n: int) -> None:
    ordinary = [p for p in w.profiles if p.start_day == 0 and p.pay != "none"]
    for _ in range(n):
        group = w.pick(("jamaican", "nigerian", "british_asian", "vietnamese"))
        a = citizen(
            w,
            "L7",
            group,
            "female",
            float(w.rng.uniform(35, 65)),
            w.pick(MAIN_CITIES),
            w.pick(("HRTWGB2L", "PENNINE-BS")),
            "Office administrator",
            26000.0,
            pay="monthly",
            employer="City Council",
        )
        hand = float(w.pick((50, 100, 100, 200)))
        members = [
            ("int", str(w.pick(ordinary).cur))
            if w.chance(0.4) and ordinary
            else ("ext", person_name(w, group, w.pick(("male", "female"))))
            for _ in range(int(w.rng.integers(8, 13)))
        ]
        memo = {
            "jamaican": "pardner",
            "nigerian": "esusu",
            "british_asian": "committee",
            "vietnamese": "hui",
        }[group]
        for k, d in enumerate(range(int(w.rng.integers(0, 7)), w.days, 14)):
            for kind, who in members:
                t = w.when(d, 8, 21)
                if kind == "int":
                    w.tx(t, hand, "p2p", who, a.acct, desc=memo)
                else:
                    w.tx(t, hand, "p2p", None, a.acct, cp_name=who, desc=memo)
            kind, who = members[k % len(members)]
            pot = hand * len(members)
            if kind == "int":
                w.tx(w.when(d + 2, 9, 20), pot, "p2p", a.acct, who, desc=f"{memo} hand")
            else:
                w.tx(
                    w.when(d + 2, 9, 20), pot, "p2p", a.acct, None, cp_name=who, desc=f"{memo} hand"
                )


def l8_l9_l10(w: World, n: int) -> None:
    for _owner, acct in business_lookalike(w, "L8", "retail", n):
        for d in range(w.days):
            if w.weekday(d) < 6 and w.chance(0.7):
                city = w.pick(MAIN_CITIES[:5])
                w.tx(
                    w.when(d, 10, 16),
                    float(w.rng.integers(8, 60) * 50),
                    "cash",
                    None,
                    acct,
                    city=city,
                    desc="BRANCH CASH DEPOSIT " + city.upper(),
                )
    for _owner, _acct in business_lookalike(w, "L9", "salon", n, "9609", "Day Spa Ltd"):
        for d in range(w.days):
            if w.chance(0.5):
                w.tx(
                    w.when(d, 10, 19),
                    float(w.pick((35, 45, 55, 70, 90))),
                    "card",
                    str(w.pick([p.cur for p in w.profiles[:400]])),
                    merchant="SERENITY DAY SPA",
                    mcc=w.pick(("7298", "7297", "7230")),
                )
    for owner, _acct in business_lookalike(w, "L10", "food", n, "5610", "Franchise Ltd"):
        country = w.pick(("IN", "PK", "CN"))
        bank, number = outside(w, country)
        for d in range(int(w.rng.integers(0, 30)), w.days, 30):
            w.tx(
                w.when(d, 9, 20),
                float(w.rng.uniform(200, 600)),
                "wire",
                owner.acct,
                None,
                cp_name=f"{w.pick(('Anita', 'Wei', 'Asif'))} {owner.ident.surname}",
                cp_country=country,
                cp_inst=bank,
                cp_account=number,
                desc="family support",
            )


def l11_l12(w: World, n: int) -> None:
    for _owner, acct in business_lookalike(w, "L11", "agri", 1, "0113", "Farms Ltd"):
        city = w.pick(("Boston", "Spalding", "Wisbech"))
        bunk = new_home(w, city, flat=False)
        group = w.pick(("nepali", "indonesian", "kyrgyz"))
        for _ in range(n):
            a = citizen(
                w,
                "L11",
                group,
                "male",
                float(w.rng.uniform(22, 40)),
                city,
                "PENNINE-BS",
                "Seasonal farm worker",
                24000.0,
                home=bunk,
                opened=w.date_of(int(w.rng.integers(0, 3))),
                spend=0.5,
                start_day=int(w.rng.integers(0, 3)),
            )
            for d in range(4 + (4 - w.weekday(4)) % 7, w.days, 7):
                w.tx(
                    w.when(d, 1, 5),
                    float(w.rng.uniform(420, 520)),
                    "ach",
                    acct,
                    a.acct,
                    desc="WAGES LESS ACCOM OFFSET",
                )
            nat = GROUPS[group][0]
            kin = f"{w.pick(GROUPS[group][1])} {a.ident.surname}"
            for d in range(12, w.days, 30):
                w.tx(
                    w.when(d, 9, 21),
                    float(w.rng.uniform(300, 700)),
                    "remittance",
                    a.acct,
                    None,
                    cp_name=kin,
                    cp_country=nat,
                    cp_inst="WORLDREMIT",
                    desc="family",
                )
    for _ in range(n):
        a = citizen(
            w,
            "L12",
            "british",
            w.pick(("male", "female")),
            float(w.rng.uniform(45, 70)),
            pick_city(w),
            w.pick(("HRTWGB2L", "PENNINE-BS")),
            "Landlord",
            float(w.rng.uniform(40000, 90000)),
            housing="mortgage",
            rent=2400.0,
        )
        tenants = [
            (
                person_name(w, "british", w.pick(("male", "female"))),
                float(w.rng.integers(55, 120) * 10),
            )
            for _ in range(int(w.rng.integers(8, 13)))
        ]
        for d in range(0, w.days, 30):
            for name, rent in tenants:
                w.tx(
                    w.when(d + int(w.rng.integers(0, 3)), 7, 22),
                    rent,
                    "p2p",
                    None,
                    a.acct,
                    cp_name=name,
                    desc=w.pick(("rent", "RENT", "rent flat")),
                )
