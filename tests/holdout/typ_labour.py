"""Labour trafficking T4: a recruiter abroad, a labour-hire firm and its crew leader."""

from __future__ import annotations

from datetime import timedelta

from tests.holdout.crime_kit import (
    Actor,
    authorise,
    bulk_shop,
    extra_account,
    opened_on,
    outside,
    party_of,
    person_name,
    recruit,
)
from tests.holdout.kyc import org_party, past_date
from tests.holdout.merchants import AIRLINES, MSB_NAMES
from tests.holdout.population import make_business
from tests.holdout.world import World

LABOUR_GROUPS = {
    "NP": "nepali",
    "ID": "indonesian",
    "KG": "kyrgyz",
    "BG": "bulgarian",
    "RO": "romanian",
}


def _crew(
    w: World,
    group: str,
    city: str,
    n: int,
    arrive: int,
    inst: str,
    leader: Actor,
    typ: str,
    net: str,
    occupation: str,
    age: tuple[float, float] = (21, 40),
    spread: int = 3,
) -> list[Actor]:
    out = []
    for _ in range(n):
        v = recruit(
            w,
            group,
            "male" if w.chance(0.8) else "female",
            float(w.rng.uniform(*age)),
            city,
            inst,
            opened=opened_on(w, arrive + int(w.rng.integers(0, spread))),
            occupation=occupation,
            income=float(w.rng.uniform(14000, 22000)),
            home=leader.ident.home if w.keep(0.85) else None,
            mobile=leader.ident.mobile if w.keep(0.45) else None,
            spend=0.05 + 0.3 * w.s,
        )
        if w.keep(0.4):
            authorise(w, v.acct, leader.ident)
        w.mark(v.acct, typ, net, "victim")
        out.append(v)
    return out


def _deductions(
    w: World,
    worker: Actor,
    boss: Actor,
    t: int,
    wage: float,
    share: float,
    typ: str,
    net: str,
    fixed: float,
) -> None:
    hours_later = int(w.rng.integers(1, 48 if w.s < 0.5 else 72) * 3600)
    amt = fixed + wage * share * float(w.rng.uniform(0.9, 1.1))
    device = boss.prof.device if boss.prof and w.keep(0.5) else None
    w.tx(
        t + hours_later,
        min(amt, wage * 0.95),
        "p2p",
        worker.acct,
        boss.acct,
        typ=typ,
        net=net,
        desc=w.pick(("rent", "food", "transport", "loan", "accommodation", "")),
        device=device,
    )


def t4_labour_recruiter(w: World, net: str) -> None:
    typ = "T4"
    country = w.pick(("NP", "ID", "KG"))
    group = LABOUR_GROUPS[country]
    city = w.pick(("Boston", "Spalding", "Wisbech", "Peterborough"))
    leader = recruit(
        w,
        w.pick(("bulgarian", "romanian", "lithuanian", group)),
        "male",
        39,
        city,
        "KESTREL",
        opened=past_date(w, 1, 4),
        occupation="Supervisor",
        income=30000.0,
        spend=0.7,
        social=0.8,
        start_day=0,
    )
    assert leader.prof is not None
    leader_bank = extra_account(w, leader, "HRTWGB2L", "current", past_date(w, 0.5, 2))
    onboard = w.start - timedelta(days=int(w.rng.integers(90, 330)))
    firm_name = (
        f"{w.pick(('Fenland', 'Eastfield', 'Agri', 'Harvest', 'Swift'))} "
        f"{w.pick(('Staffing Solutions', 'Labour Services', 'Recruitment'))} Ltd"
    )
    firm_party = org_party(w, "HRTWGB2L", firm_name, "7830", 1_200_000.0, 45, city, onboard)
    firm = w.open_account(firm_party, "HRTWGB2L", "business", onboard, city)
    w.link(firm, party_of(w, leader, "HRTWGB2L"), "signatory")
    for acct in (leader.acct, leader_bank):
        w.mark(acct, typ, net, "controller")
    w.mark(firm, typ, net, "front_business")
    farm = make_business(w, "agri", city, w.pick(("HRTWGB2L", "PENNINE-BS")), None, None)
    arrive = int(w.rng.integers(-25, max(-24, w.days // 6)))
    crew = _crew(
        w,
        group,
        city,
        w.size(6, 16, 4),
        arrive,
        "PENNINE-BS",
        leader,
        typ,
        net,
        w.pick(("Farm worker", "Packhouse operative")),
    )
    for _ in crew:
        if w.keep(0.8):
            w.tx(
                w.when(max(0, arrive - 20), 9, 17),
                float(w.pick((298.0, 319.0))),
                "card",
                firm,
                typ=typ,
                net=net,
                merchant="UK VISAS AND IMMIGRATION",
                mcc="9399",
            )
            air, mcc = w.pick(AIRLINES)
            w.tx(
                w.when(max(0, arrive - 10), 9, 22),
                float(w.rng.uniform(430, 900)),
                "card",
                firm,
                typ=typ,
                net=net,
                merchant=air,
                mcc=mcc,
                desc="ONE WAY",
            )
    recruiter = person_name(w, group, "male")
    rbank, racct = outside(w, country)
    fixed = float(w.rng.integers(4, 10) * 10)
    weeks = range(arrive + 7 - (arrive + 7) % 7 + 4, w.days, 7)  # Fridays after arrival
    for d in weeks:
        if d < 0:
            continue
        total = 0.0
        for i, v in enumerate(crew):
            wage = float(w.rng.uniform(300, 900))
            total += wage
            t = w.when(d, 1, 5)
            if i < 3 and w.keep(0.5):  # several wages land in the leader's own account
                w.tx(
                    t,
                    wage,
                    "ach",
                    firm,
                    leader_bank,
                    typ=typ,
                    net=net,
                    desc=f"WAGES {v.ident.given[0]} {v.ident.surname}".upper(),
                )
                continue
            w.tx(t, wage, "ach", firm, v.acct, typ=typ, net=net, desc="WAGES WK" + str(d // 7))
            if w.keep(0.9):
                _deductions(w, v, leader, t, wage, 0.4 + 0.3 * (1 - w.s), typ, net, fixed)
            if w.keep(0.15):
                w.tx(
                    t + 86400 * 2,
                    float(w.rng.integers(5, 15) * 10),
                    "remittance",
                    v.acct,
                    None,
                    typ=typ,
                    net=net,
                    cp_name=recruiter,
                    cp_account=racct,
                    cp_inst=rbank,
                    cp_country=country,
                    desc="fee",
                )
        cash = len(crew) * float(w.rng.uniform(200, 400)) * float(w.rng.uniform(1.0, 1.8))
        w.tx(
            w.when(d - 2, 9, 16),
            (total + cash) * float(w.rng.uniform(1.15, 1.3)),
            "ach",
            farm.acct,
            firm,
            typ=typ,
            net=net,
            desc=f"LABOUR SUPPLY WK{d // 7}",
        )
        pieces = int(w.rng.integers(1, 4))
        for _ in range(pieces):  # cash for the crews paid off the books, under 10,000 a visit
            w.tx(
                w.when(d - 1, 10, 15),
                min(9900.0, round(cash / pieces, -2) + 100),
                "cash",
                firm,
                None,
                typ=typ,
                net=net,
                city=city,
                desc="BRANCH CASH WITHDRAWAL",
            )
        w.tx(
            w.when(d + 1, 9, 19),
            float(w.rng.uniform(150, 420)),
            "card",
            leader.acct,
            typ=typ,
            net=net,
            **bulk_shop(w),
            city=city,
        )
        if w.keep(0.3):
            w.tx(
                w.when(d + 2, 6, 9),
                float(w.rng.uniform(40, 160)),
                "card",
                firm,
                typ=typ,
                net=net,
                merchant="NATIONAL EXPRESS",
                mcc="4131",
            )
        if d % 28 < 7:
            w.tx(
                w.when(d, 9, 20),
                float(w.rng.integers(18, 36) * 100),
                "p2p",
                leader_bank,
                None,
                typ=typ,
                net=net,
                cp_name=person_name(w, "british", "male"),
                desc="rent house",
            )
            w.tx(
                w.when(d + 3, 9, 20),
                float(w.rng.integers(20, 100) * 100),
                "remittance",
                leader.acct,
                None,
                typ=typ,
                net=net,
                cp_name=recruiter,
                cp_account=racct,
                cp_inst=w.pick(MSB_NAMES),
                cp_country=country,
                desc="",
            )
    w.network(net, typ)
