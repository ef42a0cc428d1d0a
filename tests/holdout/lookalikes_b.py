"""Benign look-alike personas L13-L16 (catalogue section 2.14)."""

from __future__ import annotations

from tests.holdout.crime_kit import outside, person_name
from tests.holdout.kyc import past_date, relative
from tests.holdout.lookalikes_a import business_lookalike, citizen
from tests.holdout.places import BORDER_CITIES
from tests.holdout.population import make_customer
from tests.holdout.world import World


def l13_family_business(w: World, n: int) -> None:
    for owner, acct in business_lookalike(
        w, "L13", "food", max(2, n // 2), "5610", "Family Kitchen Ltd"
    ):
        assert owner.prof is not None
        for k in range(2):
            rel = relative(w, owner.ident, w.pick(("male", "female")), 22 + 4 * k)
            _, racct, _prof = make_customer(
                w,
                rel,
                owner.inst,
                occupation="Restaurant staff",
                income=19000.0,
                opened=past_date(w, 1, 4),
                pay="monthly",
                employer_acct=acct,
                spend=0.8,
                social=1.0,
                device=owner.prof.device,
                ip=owner.prof.ip,
            )
            w.lookalike(racct, "L13")


def l14_online_seller(w: World, n: int) -> None:
    for _ in range(n):
        a = citizen(
            w,
            "L14",
            w.pick(("irish", "british")),
            w.pick(("male", "female")),
            float(w.rng.uniform(25, 55)),
            w.pick(BORDER_CITIES),
            w.pick(("LOUGHSIDE", "HRTWGB2L")),
            "Online retailer (self-employed)",
            26000.0,
        )
        for d in range(w.days):
            for _ in range(int(w.rng.poisson(2.2))):
                bank, number = outside(w)
                w.tx(
                    w.when(d, 7, 23),
                    float(w.rng.uniform(12, 150)),
                    "p2p",
                    None,
                    a.acct,
                    cp_name=person_name(
                        w, w.pick(("british", "irish", "polish")), w.pick(("male", "female"))
                    ),
                    cp_inst=bank,
                    cp_account=number,
                    desc=f"order {int(w.rng.integers(1000, 9999))}",
                )
            if w.chance(0.3):
                w.tx(
                    w.when(d, 1, 6),
                    float(w.rng.uniform(40, 600)),
                    "ach",
                    None,
                    a.acct,
                    cp_name=w.pick(("ETSY UK PAYOUT", "EBAY PAYOUTS", "VINTED UAB")),
                    desc="PAYOUT",
                )
            if w.chance(0.5):
                w.tx(
                    w.when(d, 9, 17),
                    float(w.rng.uniform(3, 40)),
                    "card",
                    a.acct,
                    merchant=w.pick(("ROYAL MAIL", "EVRI", "POST OFFICE", "DPD")),
                    mcc="9402",
                )
            if w.chance(0.15):
                w.tx(
                    w.when(d, 8, 23),
                    float(w.rng.uniform(40, 700)),
                    "card",
                    a.acct,
                    merchant=w.pick(("ALIEXPRESS", "ALIBABA.COM", "WHOLESALE CLEARANCE UK")),
                    mcc="5999",
                )


def l15_l16(w: World, n: int) -> None:
    for _owner, acct in business_lookalike(w, "L15", "charity", n, "9491", "Community Church"):
        members = [
            person_name(
                w,
                w.pick(("british", "nigerian", "jamaican", "filipino")),
                w.pick(("male", "female")),
            )
            for _ in range(int(w.rng.integers(15, 35)))
        ]
        amounts = {m: float(w.pick((5, 10, 10, 20, 25, 50))) for m in members}
        for d in range(6 - w.weekday(0), w.days, 7):
            for m in members:
                if w.chance(0.7):
                    w.tx(
                        w.when(d, 9, 14),
                        amounts[m],
                        "p2p",
                        None,
                        acct,
                        cp_name=m,
                        desc=w.pick(("tithe", "offering", "Gift Aid", "")),
                    )
    for _owner, acct in business_lookalike(
        w, "L16", "services", n, "6910", "Immigration Advisers Ltd"
    ):
        for d in range(w.days):
            for _ in range(int(w.rng.poisson(0.8))):
                w.tx(
                    w.when(d, 9, 19),
                    float(w.rng.integers(3, 16) * 100),
                    "p2p",
                    None,
                    acct,
                    cp_name=person_name(
                        w,
                        w.pick(("indian", "nigerian", "pakistani", "filipino", "chinese")),
                        "male",
                    ),
                    desc=f"invoice {int(w.rng.integers(100, 999))} visa application",
                )
            if w.chance(0.35):
                w.tx(
                    w.when(d, 10, 17),
                    float(w.pick((719.0, 1035.0, 1258.0, 3105.0))),
                    "card",
                    acct,
                    merchant="UK VISAS AND IMMIGRATION",
                    mcc="9399",
                )
