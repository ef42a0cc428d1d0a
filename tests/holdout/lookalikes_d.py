"""Benign look-alike personas L17-L21 (catalogue section 2.14)."""

from __future__ import annotations

from tests.holdout.crime_kit import outside, person_name
from tests.holdout.kyc import past_date
from tests.holdout.lookalikes_a import business_lookalike, citizen
from tests.holdout.merchants import CRYPTO
from tests.holdout.places import FX_TO_GBP
from tests.holdout.population import pick_city
from tests.holdout.world import World


def l17_remit_agents(w: World, n: int) -> None:
    for _owner, acct in business_lookalike(
        w, "L17", "retail", n, "6619", "Money Transfer Agency Ltd"
    ):
        for d in range(w.days):
            takings = 0.0
            for _ in range(int(w.rng.poisson(6))):
                amt = float(w.rng.integers(2, 30) * 10)
                takings += amt
                w.tx(
                    w.when(d, 9, 19),
                    amt,
                    "p2p",
                    None,
                    acct,
                    cp_name=person_name(
                        w, w.pick(("filipino", "nigerian", "pakistani", "indian")), "female"
                    ),
                    desc="transfer",
                )
            if w.chance(0.5):
                cash_amt = float(w.rng.integers(5, 40) * 50)
                w.tx(
                    w.when(d, 11, 16),
                    cash_amt,
                    "cash",
                    None,
                    acct,
                    city=w.city_of(acct),
                    desc="BUSINESS CASH DEPOSIT",
                )
                takings += cash_amt
            if w.weekday(d) == 1:
                w.tx(
                    w.when(d, 9, 11),
                    takings * 6.5,
                    "ach",
                    acct,
                    None,
                    cp_name="WORLDREMIT AGENT SETTLEMENT",
                    desc="AGENT SETTLEMENT",
                )
            if d % 30 == 5:
                w.tx(
                    w.when(d, 2, 5),
                    float(w.rng.uniform(300, 900)),
                    "ach",
                    None,
                    acct,
                    cp_name="WORLDREMIT LTD",
                    desc="AGENT COMMISSION",
                )


def l18_l19(w: World, n: int) -> None:
    for _owner, acct in business_lookalike(w, "L18", "wholesale", n, "4690", "Import Export Ltd"):
        usd = w.open_account(
            w.accounts[w.acct_index[acct]]["party_id"],
            "HRTWGB2L",
            "business",
            past_date(w, 1, 5),
            w.city_of(acct),
            "USD",
        )
        w.lookalike(usd, "L18")
        for d in range(int(w.rng.integers(0, 10)), w.days, 10):
            amt = float(w.rng.uniform(8000, 60000))
            country = w.pick(("CN", "VN", "TR", "AE"))
            w.tx(
                w.when(d, 9, 16),
                amt,
                "wire",
                usd,
                None,
                currency="USD",
                base_amount=round(amt * FX_TO_GBP["USD"], 2),
                cp_country=country,
                cp_name=w.pick(("Ningbo Export Co", "Hai Phong Trading", "Dubai Textiles FZE")),
                cp_inst=outside(w, country)[0],
                desc=f"INV {int(w.rng.integers(1000, 9999))}",
            )
            w.tx(
                w.when(d + 3, 9, 16),
                amt * 1.08,
                "ach",
                None,
                acct,
                cp_name=w.pick(("Bestway Wholesale", "Costco UK", "Booker Group")),
                desc="REMITTANCE ADVICE",
            )
            w.tx(
                w.when(d, 8, 9),
                amt * FX_TO_GBP["USD"] * 1.002,
                "internal",
                acct,
                usd,
                desc="FX GBP/USD",
            )
    for _owner, acct in business_lookalike(w, "L19", "services", n, "7911", "Travel Ltd"):
        for d in range(w.days):
            peak = 1.0 + 2.0 * d / w.days
            for _ in range(int(w.rng.poisson(1.5 * peak))):
                w.tx(
                    w.when(d, 9, 21),
                    float(w.rng.uniform(300, 2500)),
                    "p2p",
                    None,
                    acct,
                    cp_name=person_name(
                        w, w.pick(("british", "british_asian", "indian")), "female"
                    ),
                    desc=w.pick(("return flights", "holiday", "booking ref", "Umrah package")),
                )
            if w.weekday(d) == 3:
                w.tx(
                    w.when(d, 9, 12),
                    float(w.rng.uniform(3000, 20000)) * peak,
                    "ach",
                    acct,
                    None,
                    cp_name="IATA BSP UK",
                    desc="BSP SETTLEMENT",
                )
            if w.chance(0.05):
                w.tx(
                    w.when(d, 10, 16),
                    float(w.rng.uniform(100, 900)),
                    "p2p",
                    acct,
                    None,
                    cp_name=person_name(w, "british", "male"),
                    desc="refund cancelled booking",
                )


def l20_l21(w: World, n: int) -> None:
    for _ in range(n):
        a = citizen(
            w,
            "L20",
            "british",
            w.pick(("male", "female")),
            float(w.rng.uniform(23, 45)),
            pick_city(w),
            w.pick(("KESTREL", "HRTWGB2L")),
            "Software developer",
            float(w.rng.uniform(40000, 70000)),
            pay="monthly",
            employer="Ocado Retail Ltd",
        )
        for d in range(int(w.rng.integers(0, 7)), w.days, 14):
            w.tx(
                w.when(d, 7, 9),
                float(w.pick((50, 100, 150, 250))),
                "crypto",
                a.acct,
                cp_name=w.pick(CRYPTO),
                desc="recurring buy",
            )
    for _ in range(n):
        a = citizen(
            w,
            "L21",
            "british",
            "male",
            float(w.rng.uniform(18, 27)),
            pick_city(w),
            w.pick(("KESTREL", "PENNINE-BS")),
            "Retail assistant",
            19000.0,
            pay="four_weekly",
            employer="GAME Retail Ltd",
        )
        for d in range(w.days):
            if w.chance(0.3):
                w.tx(
                    w.when(d, 10, 23),
                    float(w.pick((25, 50, 50, 100))),
                    "card",
                    a.acct,
                    merchant=w.pick(
                        ("PAYSAFECARD*", "STEAM GAMES", "PLAYSTATIONNETWORK", "XBOX", "COSTCUTTER")
                    ),
                    mcc=w.pick(("5816", "5499", "6540")),
                )
            if w.chance(0.35):
                w.tx(
                    w.when(d, 12, 23),
                    float(w.rng.uniform(15, 120)),
                    "p2p",
                    None,
                    a.acct,
                    cp_name=person_name(w, "british", "male"),
                    desc=w.pick(("ps5 code", "steam card", "vinted", "ebay", "")),
                )
