"""Benign look-alike personas L22-L24 (catalogue section 2.14)."""

from __future__ import annotations

from tests.holdout.crime_kit import person_name
from tests.holdout.lookalikes_a import business_lookalike, citizen
from tests.holdout.places import MAIN_CITIES
from tests.holdout.population import pick_city
from tests.holdout.world import World


def l22_to_l24(w: World, n: int) -> None:
    ordinary = [p for p in w.profiles if p.start_day == 0 and p.age < 35]
    for _ in range(n):
        a = citizen(
            w,
            "L22",
            "british",
            w.pick(("male", "female")),
            27,
            w.pick(MAIN_CITIES),
            w.pick(("KESTREL", "HRTWGB2L")),
            "Engineer",
            38000.0,
            pay="monthly",
            employer="Network Rail",
        )
        mates = [str(w.pick(ordinary).cur) for _ in range(int(w.rng.integers(3, 6)))]
        share = float(w.rng.integers(45, 80) * 10)
        for d in range(0, w.days, 30):
            for m in mates:
                w.tx(
                    w.when(d + int(w.rng.integers(0, 3)), 8, 21),
                    share,
                    "p2p",
                    m,
                    a.acct,
                    desc=w.pick(("rent", "rent + bills", "house")),
                )
            w.tx(
                w.when(d + 3, 9, 12),
                share * (len(mates) + 1),
                "p2p",
                a.acct,
                None,
                cp_name="PARKSIDE LETTINGS",
                desc="RENT",
            )
            w.tx(
                w.when(d + 8, 1, 5),
                float(w.rng.uniform(150, 320)),
                "ach",
                a.acct,
                None,
                cp_name="OCTOPUS ENERGY",
                desc="DD OCTOPUS ENERGY",
            )
    for _ in range(n):
        group = w.pick(("nigerian", "filipino", "albanian", "kurdish"))
        a = citizen(
            w,
            "L23",
            group,
            w.pick(("male", "female")),
            float(w.rng.uniform(35, 60)),
            pick_city(w),
            w.pick(("HRTWGB2L", "PENNINE-BS")),
            "Care assistant",
            24000.0,
            pay="monthly",
            employer="Bupa Care Homes",
        )
        kin = f"{person_name(w, group, 'male').split()[0]} {a.ident.surname}"
        d = int(w.rng.integers(0, 20))
        while d < w.days:
            w.tx(
                w.when(d, 8, 22),
                float(w.rng.integers(5, 40) * 10),
                "p2p",
                None,
                a.acct,
                cp_name=kin,
                desc=w.pick(("", "paying back", "for the ticket", "sorry late")),
            )
            d += int(w.rng.integers(9, 45))
    for _owner, acct in business_lookalike(
        w, "L24", "transport", max(3, n // 2), "5110", "Air Charter Ltd"
    ):
        for d in range(int(w.rng.integers(0, 8)), w.days, 8):
            fare = float(w.rng.integers(12, 60) * 1000)
            w.tx(
                w.when(d, 9, 16),
                fare,
                "ach",
                None,
                acct,
                cp_name=w.pick(
                    ("Sports Events Travel Ltd", "Corporate Aviation Group", "Premier Tours Ltd")
                ),
                desc=f"CHARTER RETURN LTN-{w.pick(('PMI', 'NCE', 'GVA', 'AGP'))} CONTRACT",
            )
            w.tx(
                w.when(d + 2, 9, 16),
                fare * 0.35,
                "ach",
                acct,
                None,
                cp_name=w.pick(("WORLD FUEL SERVICES", "NATS EN ROUTE", "LUTON AIRPORT OPS")),
                desc="INVOICE",
            )
