"""L4-L7: students, diaspora remitters, pooling couples, rotating savings clubs."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import background, salary, wire_out
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import AU_CITIES, city
from tests.holdout_au.spend import card
from tests.holdout_au.world import World

from .base import instances, la


def l4(w: World, rng: np.random.Generator) -> None:
    """International students sharing a house, funded by their parents' wires."""
    home = city(["Sydney", "Melbourne", "Brisbane"][int(rng.integers(3))])
    anchor = w.person(rng, home=home, group="chinese")
    for i in range(instances(w) + 1):
        grp, nat, ccy = [
            ("chinese", "CN", "CNY"),
            ("south_asian", "IN", "INR"),
            ("vietnamese", "VN", "VND"),
            ("korean", "KR", "KRW"),
        ][i % 4]
        kw = {a: getattr(anchor, a) for a in ("suburb", "unit", "number", "street", "stype")}
        p, a = la(
            w,
            rng,
            "L4",
            home,
            ["KOA", "SCB"][i % 2],
            group=grp,
            nationality=nat,
            age=int(rng.integers(18, 26)),
            occupation="International student",
            **kw,
        )
        for m in range(int(rng.integers(0, 20)), w.days, 30):
            aud = float(rng.uniform(1500, 4500))
            w.tx(
                1,
                day=m,
                sec=30_000,
                city=home,
                amount=aud / {"CNY": 0.215, "INR": 0.0185, "VND": 0.0000615, "KRW": 0.00111}[ccy],
                ccy=ccy,
                channel="wire",
                dst=a,
                cp_name=f"{p.last.upper()} {['WEI', 'RAJ', 'HUNG', 'JIN'][i % 4]}",
                cp_country=nat,
                desc="tuition and living",
            )
        if w.days > 10:
            w.tx(
                1,
                day=5,
                sec=40_000,
                city=home,
                amount=float(round(rng.uniform(9e3, 18e3), 2)),
                channel="other",
                src=a,
                cp_name="UNIVERSITY OF SYDNEY",
                cp_account="BPAY 4562",
                desc="TUITION FEES T1",
            )
        r = np.arange(i % 7, w.days, 7)
        w.tx(
            r.size,
            day=r,
            sec=50_000,
            city=home,
            amount=float(rng.choice([240, 260, 280])),
            channel="p2p",
            src=a,
            cp_name="HOMESTAY LANDLORD K ZHOU",
            desc="room rent",
        )
        background(w, rng, [a], level=1.0)


def l5(w: World, rng: np.random.Generator) -> None:
    """Diaspora workers sending part of each pay to one or two relatives back home."""
    opts = [
        ("filipino", "PH"),
        ("vietnamese", "VN"),
        ("south_asian", "IN"),
        ("pacific", "FJ"),
        ("middle_east", "AF"),
        ("thai", "TH"),
    ]
    for i in range(instances(w) + 1):
        grp, nat = opts[i % len(opts)]
        p, a = la(
            w,
            rng,
            "L5",
            int(rng.choice(AU_CITIES[:8])),
            ["SCB", "WMU", "KOA"][i % 3],
            group=grp,
            nationality=nat,
            occupation=["Aged care worker", "Cleaner", "Process worker"][i % 3],
        )
        pay = float(rng.uniform(1500, 2400))
        salary(
            w,
            rng,
            a,
            ["BUPA AGED CARE", "ISS FACILITY SERVICES", "INGHAMS ENTERPRISES"][i % 3],
            pay,
        )
        for d in range(4, w.days, 14):
            for j in range(1 + int(rng.random() < 0.3)):
                wire_out(
                    w,
                    rng,
                    None,
                    a,
                    d + j,
                    float(round(pay * rng.uniform(0.1, 0.2), 0)),
                    f"{['MARIA', 'TUAN', 'SUNITA', 'LOSANA', 'AHMAD', 'SOMSRI'][i % 6]} "
                    f"{p.last.upper()}",
                    nat,
                    "family support",
                    channel="remittance",
                    bank="GLOBAL MONEY EXPRESS",
                )
        background(w, rng, [a], level=0.9)


def l6(w: World, rng: np.random.Generator) -> None:
    """Couples pooling two wages into a joint account that pays the household."""
    for i in range((instances(w) + 2) // 3 + 1):
        home = int(rng.choice(AU_CITIES[:10]))
        p1, a1 = la(w, rng, "L6", home, "SCB", gender="female", age=int(rng.integers(25, 50)))
        kw = {x: getattr(p1, x) for x in ("suburb", "unit", "number", "street", "stype", "last")}
        p2, a2 = la(
            w,
            rng,
            "L6",
            home,
            "SCB",
            gender="male",
            age=int(rng.integers(25, 52)),
            group=p1.group,
            **kw,
        )
        _, j = la(w, rng, "L6", home, "SCB", person=p1)
        w.relate(j, p2, "joint_holder")
        for a, amt in ((a1, rng.uniform(2200, 3600)), (a2, rng.uniform(2000, 4000))):
            salary(
                w, rng, a, ["NSW HEALTH", "TELSTRA LIMITED", "DEPT OF DEFENCE"][i % 3], float(amt)
            )
            k = np.arange(4, w.days, 14)
            w.tx(
                k.size,
                day=k,
                sec=30_000,
                city=home,
                amount=float(round(amt * 0.6, 0)),
                channel="internal",
                src=a,
                dst=j,
                desc="household",
            )
        k = np.arange(1, w.days, 30)
        w.tx(
            k.size,
            day=k,
            sec=30_000,
            city=home,
            amount=float(round(rng.uniform(2e3, 3.5e3))),
            channel="ach",
            src=j,
            cp_name="WESTPAC HOME LOAN",
            desc="MORTGAGE",
        )
        card(w, rng, np.array([j]), np.array([home]), "grocery", 0.5, mult=2.0)
        background(w, rng, [a1, a2], level=0.6)


def l7(w: World, rng: np.random.Generator) -> None:
    """Rotating savings clubs (kalapu, hui): fixed dues from the same members, rotating pot."""
    for i in range(instances(w)):
        home = int(rng.choice([city("Sydney"), city("Melbourne"), city("Brisbane")]))
        grp = ["pacific", "vietnamese", "chinese"][i % 3]
        _, org = la(w, rng, "L7", home, "WMU", group=grp, age=int(rng.integers(40, 65)))
        members = [
            la(w, rng, "L7", home, ["SCB", "WMU", "KOA"][j % 3], group=grp)[1]
            for j in range(int(rng.integers(1, 3)))
        ]
        n_ext = int(rng.integers(6, 10))
        due = float(rng.choice([200, 300, 500]))
        for c, d in enumerate(range(int(rng.integers(0, 7)), w.days, 14)):
            for m in members:
                w.tx(
                    1,
                    day=d,
                    sec=30_000 + c,
                    city=home,
                    amount=due,
                    channel="p2p",
                    src=m,
                    dst=org,
                    desc="hui",
                )
            w.tx(
                n_ext,
                day=np.full(n_ext, d),
                sec=seconds(rng, n_ext, "day"),
                city=home,
                amount=due,
                channel="p2p",
                dst=org,
                desc="hui",
                cp_name=np.array([f"MEMBER {i}-{j}" for j in range(n_ext)], dtype=object),
            )
            rot = c % (n_ext + len(members))
            pot = due * (n_ext + len(members))
            if rot < len(members):
                w.tx(
                    1,
                    day=d + 1,
                    sec=40_000,
                    city=home,
                    amount=pot,
                    channel="p2p",
                    src=org,
                    dst=members[rot],
                    desc="hui payout",
                )
            else:
                w.tx(
                    1,
                    day=d + 1,
                    sec=40_000,
                    city=home,
                    amount=pot,
                    channel="p2p",
                    src=org,
                    cp_name=f"MEMBER {i}-{rot - len(members)}",
                    desc="hui payout",
                )
        background(w, rng, [org, *members], level=0.7)
