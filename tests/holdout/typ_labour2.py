"""Labour trafficking: T5 small-business forced labour, T12 smuggling debt turned to labour."""

from __future__ import annotations

from tests.holdout.crime_kit import (
    authorise,
    bulk_shop,
    extra_account,
    person_name,
    recruit,
)
from tests.holdout.kyc import new_home, past_date
from tests.holdout.population import make_business
from tests.holdout.profiles import BizProfile
from tests.holdout.typ_labour import _crew
from tests.holdout.world import World


def t5_small_business(w: World, net: str) -> None:
    typ = "T5"
    sector, industry, group = w.pick(
        (
            ("salon", "9602", "vietnamese"),
            ("food", "5610", "chinese"),
            ("trade", "4520", "albanian"),
        )
    )
    city = w.pick(("London", "Birmingham", "Leeds", "Bradford", "Stoke-on-Trent", "Hull"))
    owner = recruit(
        w,
        group,
        "male",
        47,
        city,
        "HRTWGB2L",
        opened=past_date(w, 4, 15),
        occupation="Company director",
        income=32000.0,
        spend=0.8,
        housing="mortgage",
        rent=1100.0,
        start_day=0,
    )
    assert owner.prof is not None
    names = {"salon": "Nails & Spa Ltd", "food": "Takeaway Ltd", "trade": "Hand Car Wash Ltd"}
    bp: BizProfile = make_business(
        w,
        sector,
        city,
        "HRTWGB2L",
        owner.ident,
        owner.party,
        name=f"{owner.ident.surname} {names[sector]}",
        industry=industry,
    )
    bp.employees, bp.payroll_tax, bp.owner_acct = 0, False, owner.acct
    w.mark(owner.acct, typ, net, "controller")
    w.mark(bp.acct, typ, net, "front_business")
    above = new_home(w, city, flat=True)
    crew = _crew(
        w,
        group,
        city,
        w.size(3, 7, 2),
        -int(w.rng.integers(30, 400)),
        w.pick(("HRTWGB2L", "KESTREL", "PENNINE-BS")),
        owner,
        typ,
        net,
        w.pick(("Nail technician", "Kitchen assistant", "Car valeter")),
        spread=60,
    )
    for v in crew:
        assert v.prof is not None
        v.prof.device = owner.prof.device if w.keep(0.85) else v.prof.device
        v.prof.spend, v.prof.social = 0.03, 0.05
        if w.keep(0.8):
            authorise(w, v.acct, owner.ident)
        cycle = w.pick((14, 30))
        for d in range(int(w.rng.integers(0, cycle)), w.days, cycle):
            wage = float(w.rng.uniform(400, 1200)) * cycle / 30
            t = w.when(d, 1, 5)
            w.tx(t, wage, "ach", bp.acct, v.acct, typ=typ, net=net, desc="WAGES")
            if w.keep(0.85):
                if w.chance(0.6):
                    for _ in range(int(wage // 300) or 1):
                        w.tx(
                            t + int(w.rng.integers(4, 10) * 3600),
                            float(w.pick((200, 250, 300))),
                            "cash",
                            v.acct,
                            None,
                            typ=typ,
                            net=net,
                            city=city,
                            desc=f"CASH NOTEMACHINE {above.street.upper()}",
                        )
                else:
                    w.tx(
                        t + int(w.rng.integers(2, 8) * 3600),
                        wage * 0.85,
                        "p2p",
                        v.acct,
                        bp.acct,
                        typ=typ,
                        net=net,
                        desc="repay",
                        device=owner.prof.device,
                    )
    for d in range(w.days):
        if w.chance(1.5 / 7):
            w.tx(
                w.when(d, 8, 20),
                float(w.rng.uniform(60, 260)),
                "card",
                bp.acct,
                typ=typ,
                net=net,
                **bulk_shop(w),
                city=city,
            )
    w.network(net, typ)


def t12_smuggling_debt(w: World, net: str) -> None:
    typ = "T12"
    country, group = w.pick(
        (("AL", "albanian"), ("IQ", "kurdish"), ("VN", "vietnamese"), ("ER", "eritrean"))
    )
    city = w.pick(("London", "Birmingham", "Manchester", "Leicester", "Glasgow", "Coventry"))
    broker = recruit(
        w,
        group,
        "male",
        35,
        city,
        "KESTREL",
        opened=past_date(w, 1, 4),
        occupation="Labour agent",
        income=24000.0,
        spend=0.6,
        start_day=0,
    )
    wallet = extra_account(w, broker, "SWIFTSEND", "wallet", past_date(w, 0.3, 1))
    for acct in (broker.acct, wallet):
        w.mark(acct, typ, net, "controller")
    employers = [b for b in w.biz if b.sector in ("trade", "agri", "food") and b.city == city] or [
        b for b in w.biz if b.sector in ("trade", "agri")
    ]
    crew = []
    for _ in range(w.size(5, 12, 3)):
        arrive = int(w.rng.integers(-20, max(-19, w.days // 3)))
        crew += _crew(
            w,
            group,
            city,
            1,
            arrive + int(w.rng.integers(3, 21)),
            w.pick(("HRTWGB2L", "PENNINE-BS")),
            broker,
            typ,
            net,
            w.pick(("Construction labourer", "Farm worker", "Car wash attendant")),
        )
    smuggler = person_name(w, group, "male")
    names = {str(p["party_id"]): str(p["name"]) for p in w.parties}
    for v in crew:
        assert v.prof is not None
        boss = w.pick(employers)
        start = v.prof.start_day + 4
        for d in range(start + (4 - w.weekday(start)) % 7, w.days, 7):
            wage = float(w.rng.uniform(600, 900))
            t = w.when(d, 1, 5)
            payer = names.get(boss.party, "PAYROLL").upper()[:18]
            w.tx(t, wage, "ach", boss.acct, v.acct, typ=typ, net=net, desc=f"WAGES {payer}")
            if w.keep(0.9):
                w.tx(
                    t + int(w.rng.integers(3, 14 + int(30 * w.s)) * 3600),
                    wage * float(w.rng.uniform(0.5, 0.7)),
                    "p2p",
                    v.acct,
                    broker.acct,
                    typ=typ,
                    net=net,
                    desc=w.pick(("", "debt", "payment", "money")),
                )
    for d in range(3, w.days, 10):
        amt = float(w.rng.integers(10, 40) * 100)
        w.tx(
            w.when(d, 9, 20),
            amt + 4.99,
            "p2p",
            broker.acct,
            wallet,
            typ=typ,
            net=net,
            desc="SWIFTSEND TOP UP",
        )
        w.tx(
            w.when(d, 21, 23),
            amt,
            "remittance",
            wallet,
            None,
            typ=typ,
            net=net,
            cp_name=smuggler,
            cp_country=w.pick((country, "TR", "FR")),
            desc="",
        )
    w.network(net, typ)
