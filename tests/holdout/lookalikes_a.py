"""Benign look-alike personas L1-L4 and the helpers all look-alike modules share."""

from __future__ import annotations

from typing import Any

from tests.holdout.crime_kit import (
    Actor,
    buyer_credits,
    outside,
    recruit,
)
from tests.holdout.crime_spend import ads, hotel_stay, repeat_card
from tests.holdout.kyc import Home, new_home, past_date
from tests.holdout.merchants import FASTFOOD, RIDES
from tests.holdout.names import GROUPS
from tests.holdout.places import MAIN_CITIES
from tests.holdout.population import make_business, pick_city
from tests.holdout.world import World


def citizen(
    w: World,
    kind: str,
    group: str,
    gender: str,
    age: float,
    city: str,
    inst: str,
    occupation: str,
    income: float,
    **kw: Any,
) -> Actor:
    kw.setdefault("spend", float(w.rng.uniform(0.6, 1.1)))
    kw.setdefault("social", float(w.rng.uniform(0.6, 1.3)))
    kw.setdefault("start_day", 0)
    kw.setdefault("pay", "none")
    a = recruit(
        w,
        group,
        gender,
        age,
        city,
        inst,
        opened=kw.pop("opened", past_date(w, 1, 10)),
        occupation=occupation,
        income=income,
        **kw,
    )
    w.lookalike(a.acct, kind)
    return a


def l1_travelling(w: World, n: int) -> None:
    for _ in range(n):
        job = w.pick(("Sales representative", "Agency nurse", "HGV driver", "IT consultant"))
        a = citizen(
            w,
            "L1",
            "british",
            w.pick(("male", "female")),
            float(w.rng.uniform(26, 55)),
            pick_city(w),
            w.pick(("HRTWGB2L", "PENNINE-BS", "KESTREL")),
            job,
            float(w.rng.uniform(30000, 52000)),
            pay="monthly",
            employer=w.pick(("Medacs Healthcare", "Stryker UK Ltd", "Wincanton plc", "CGI IT UK")),
            credit=True,
        )
        assert a.prof is not None and a.prof.cc is not None
        d = int(w.rng.integers(0, 4))
        while d < w.days:
            if w.weekday(d) < 4:
                city = w.pick(MAIN_CITIES)
                nights = int(w.rng.integers(1, 4))
                hotel_stay(w, a.prof.cc, d, city, nights, "", "")
                days = list(range(d, min(d + nights, w.days)))
                repeat_card(
                    w, a.prof.cc, days, 1.5, FASTFOOD, "5814", 6, 22, (12, 22), "", "", city
                )
                repeat_card(w, a.prof.cc, days, 1.0, RIDES, "4121", 8, 30, (7, 23), "", "", city)
            d += int(w.rng.integers(2, 8))
        for d in range(10, w.days, 14):
            w.tx(
                w.when(d, 1, 5),
                float(w.rng.uniform(150, 900)),
                "ach",
                None,
                a.acct,
                cp_name="EMPLOYER EXPENSES",
                desc="EXPENSES REIMB",
            )


def l2_independent(w: World, n: int) -> None:
    for _ in range(n):
        a = citizen(
            w,
            "L2",
            w.pick(("british", "brazilian", "romanian", "polish")),
            "female",
            float(w.rng.uniform(24, 42)),
            w.pick(MAIN_CITIES),
            w.pick(("KESTREL", "HRTWGB2L")),
            "Self-employed companion",
            float(w.rng.uniform(30000, 60000)),
            savings=True,
            housing="rent_fp",
            rent=float(w.rng.uniform(800, 1600)),
        )
        assert a.prof is not None and a.prof.sav is not None
        days = [d for d in range(w.days) if w.chance(0.6)]
        credits = buyer_credits(w, a.acct, days, 2.2, "", "", memo_p=0.1)
        ads(w, a.acct, days, 3.0, "", "")
        for d in range(5, w.days, 7):
            w.tx(
                w.when(d, 10, 20),
                round(sum(c[1] for c in credits) / max(w.days, 1) * 7 * 0.3, -1) + 10,
                "internal",
                a.acct,
                a.prof.sav,
                desc="TO SAVINGS",
                device=a.prof.device,
            )
        for d in range(int(w.rng.integers(5, 30)), w.days, int(w.rng.integers(10, 30))):
            hotel_stay(w, a.acct, d, w.pick(MAIN_CITIES), 2, "", "")
        w.tx(
            w.when(17, 10, 16),
            float(w.rng.uniform(1500, 6000)),
            "ach",
            a.acct,
            None,
            cp_name="HMRC SELF ASSESSMENT",
            desc="HMRC SA PAYMENT",
        )


def l3_band(w: World, n: int) -> None:
    members = [
        citizen(
            w,
            "L3",
            "british",
            w.pick(("male", "female")),
            float(w.rng.uniform(22, 38)),
            "Manchester" if i < n // 2 else "Bristol",
            w.pick(("KESTREL", "HRTWGB2L")),
            "Musician",
            float(w.rng.uniform(14000, 30000)),
        )
        for i in range(n)
    ]
    tour_start = int(w.rng.integers(5, max(6, w.days - 30)))
    for m in members:
        for d in range(w.days):
            if w.chance(0.25):
                w.tx(
                    w.when(d, 1, 6),
                    float(w.rng.uniform(20, 400)),
                    "ach",
                    None,
                    m.acct,
                    cp_name=w.pick(("BANDCAMP", "DICE FM LTD", "SEE TICKETS", "SHOPIFY PAYOUT")),
                    desc="PAYOUT",
                )
        for i, city in enumerate([w.pick(MAIN_CITIES) for _ in range(8)]):
            day = tour_start + 2 * i
            if day < w.days and m is members[0]:
                hotel_stay(w, m.acct, day, city, 1, "", "", rooms=3)
            repeat_card(w, m.acct, [day], 2.0, FASTFOOD, "5814", 6, 20, (13, 25), "", "", city)


def l4_students(w: World, n: int) -> None:
    houses: dict[int, Home] = {}
    for i in range(n):
        group = w.pick(("chinese", "indian", "thai", "nigerian", "vietnamese"))
        city = w.pick(("Leeds", "Sheffield", "Nottingham", "Coventry", "Glasgow"))
        home = houses.setdefault(i // 3, new_home(w, city))
        a = citizen(
            w,
            "L4",
            group,
            w.pick(("male", "female")),
            float(w.rng.uniform(19, 26)),
            home.city,
            w.pick(("HRTWGB2L", "PENNINE-BS")),
            "Student",
            0.0,
            home=home,
            opened=past_date(w, 0.2, 0.4),
        )
        sender = f"{w.pick(GROUPS[group][2])} {a.ident.surname}"
        nat = GROUPS[group][0]
        bank, number = outside(w, nat)
        for d in range(int(w.rng.integers(0, 25)), w.days, 30):
            w.tx(
                w.when(d, 2, 9),
                float(w.rng.uniform(800, 2500)),
                "wire",
                None,
                a.acct,
                cp_name=sender,
                cp_country=nat,
                cp_inst=bank,
                cp_account=number,
                desc=w.pick(("living expenses", "tuition and living", "")),
            )
        w.tx(
            w.when(int(w.rng.integers(0, 20)), 10, 16),
            float(w.rng.uniform(3000, 9500)),
            "ach",
            a.acct,
            None,
            cp_name=f"UNIVERSITY OF {home.city.upper()}",
            desc="TUITION FEES",
        )
        landlord = f"{home.city.upper()} STUDENT LETS"
        for d in range(1, w.days, 30):
            w.tx(
                w.when(d, 8, 20),
                float(w.rng.uniform(450, 750)),
                "p2p",
                a.acct,
                None,
                cp_name=landlord,
                desc="RENT",
                device=a.prof.device if a.prof else None,
            )


def business_lookalike(
    w: World, kind: str, sector: str, n: int, industry: str | None = None, name: str | None = None
) -> list[tuple[Actor, str]]:
    out = []
    for _ in range(n):
        city = pick_city(w)
        owner = citizen(
            w,
            kind,
            w.pick(("british", "british_asian", "chinese", "indian")),
            w.pick(("male", "female")),
            float(w.rng.uniform(35, 60)),
            city,
            "HRTWGB2L",
            "Company director",
            float(w.rng.uniform(30000, 70000)),
        )
        bp = make_business(
            w,
            sector,
            city,
            "HRTWGB2L",
            owner.ident,
            owner.party,
            name=name and f"{owner.ident.surname} {name}",
            industry=industry,
        )
        bp.owner_acct = owner.acct
        w.lookalike(bp.acct, kind)
        out.append((owner, bp.acct))
    return out
