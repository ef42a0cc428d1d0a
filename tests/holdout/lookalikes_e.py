"""Benign look-alike personas L5-L6 (catalogue section 2.14)."""

from __future__ import annotations

from tests.holdout.crime_kit import (
    outside,
)
from tests.holdout.kyc import past_date, person_party, relative
from tests.holdout.lookalikes_a import citizen
from tests.holdout.names import GROUPS
from tests.holdout.population import pick_city
from tests.holdout.world import World


def l5_remitters(w: World, n: int) -> None:
    for _ in range(n):
        group = w.pick(("filipino", "indian", "nigerian", "polish", "romanian", "nepali"))
        a = citizen(
            w,
            "L5",
            group,
            w.pick(("male", "female")),
            float(w.rng.uniform(25, 55)),
            pick_city(w),
            w.pick(("HRTWGB2L", "PENNINE-BS", "KESTREL")),
            w.pick(("Care assistant", "Nurse", "Warehouse operative")),
            float(w.rng.uniform(21000, 34000)),
            pay="fortnightly",
            employer="NHS Foundation Trust",
        )
        nat = GROUPS[group][0]
        kin = [f"{w.pick(GROUPS[group][1])} {a.ident.surname}" for _ in range(2)]
        bank, number = outside(w, nat)
        for d in range(int(w.rng.integers(0, 14)), w.days, 14):
            w.tx(
                w.when(d + 1, 8, 22),
                float(w.rng.uniform(90, 260)),
                "remittance",
                a.acct,
                None,
                cp_name=w.pick(kin),
                cp_country=nat,
                cp_inst=w.pick((bank, "REMITLY")),
                cp_account=number,
                desc=w.pick(("family", "for mama", "school fees", "")),
            )


def l6_couples(w: World, n: int) -> None:
    for _ in range(n):
        city = pick_city(w)
        a = citizen(
            w,
            "L6",
            "british",
            "male",
            float(w.rng.uniform(26, 50)),
            city,
            "HRTWGB2L",
            "Electrician",
            36000.0,
            pay="monthly",
            employer="Wates Construction",
            housing="mortgage",
            rent=950.0,
        )
        partner = relative(w, a.ident, "female", 30)
        pid = person_party(w, partner, "HRTWGB2L", "Teacher", 34000.0, past_date(w, 1, 8))
        w.link(a.acct, pid, "joint_holder")
        for d in range(int(w.rng.integers(20, 28)), w.days, 30):
            w.tx(
                w.when(d, 1, 5),
                float(w.rng.uniform(2100, 2250)),
                "ach",
                None,
                a.acct,
                cp_name=f"{city.upper()} CITY COUNCIL",
                desc="SALARY " + partner.surname.upper(),
            )
