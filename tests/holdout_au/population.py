"""Ordinary customers: who they are, where they bank, which accounts they hold."""

from __future__ import annotations

import numpy as np

from .names import FIRM_WORDS
from .places import CITIES, city
from .world import Org, Person, World

PERSONAS = {
    "salaried": 0.45,
    "pensioner": 0.14,
    "student": 0.09,
    "tradie": 0.07,
    "hospo": 0.07,
    "jobseeker": 0.05,
    "landlord": 0.04,
    "parent": 0.09,
}
OCCUPATION = {
    "salaried": [
        "Registered nurse",
        "Accountant",
        "Teacher",
        "Software engineer",
        "Retail manager",
        "Public servant",
        "Mine worker (FIFO)",
        "Electrician",
        "Admin officer",
        "Truck driver",
        "Pharmacist",
        "Police officer",
        "Engineer",
        "Sales rep",
    ],
    "pensioner": ["Retired", "Pensioner", "Retired teacher", ""],
    "student": ["Student", "University student", "TAFE student"],
    "tradie": ["Carpenter (sole trader)", "Plumber", "Tiler", "Landscaper", "Handyman"],
    "hospo": ["Bartender", "Waiter", "Kitchen hand", "Security guard", "Night fill"],
    "jobseeker": ["Unemployed", "Looking for work", ""],
    "landlord": ["Property investor", "Manager", "Company director"],
    "parent": ["Home duties", "Part-time cashier", "Child carer", "Receptionist"],
}
EXT_EMPLOYERS = [
    "NSW HEALTH",
    "VIC DEPT OF EDUCATION",
    "WOOLWORTHS GROUP",
    "COLES SUPERMARKETS",
    "TELSTRA LIMITED",
    "BHP IRON ORE PTY LTD",
    "QUEENSLAND HEALTH",
    "WA HEALTH",
    "DEPT OF DEFENCE",
    "UNIVERSITY OF MELBOURNE",
    "ACCENTURE AUSTRALIA",
    "AUSTRALIA POST",
    "TOLL TRANSPORT",
    "BUNNINGS GROUP",
    "SERCO AUSTRALIA",
    "ISS FACILITY SERVICES",
    "CITY OF SYDNEY",
]
BIZ_TYPES = [
    # label, ISIC, weight, turnover range, staff range, cash share
    ("Cafe", "5630", 14, (180e3, 700e3), (2, 9), 0.25),
    ("Restaurant", "5610", 10, (300e3, 1.4e6), (4, 16), 0.2),
    ("Grocers", "4711", 8, (400e3, 2e6), (2, 10), 0.3),
    ("Constructions", "4330", 10, (300e3, 3e6), (2, 14), 0.02),
    ("Cleaning Services", "8121", 6, (150e3, 900e3), (3, 15), 0.05),
    ("Hair & Beauty", "9602", 7, (120e3, 500e3), (1, 6), 0.15),
    ("Medical Centre", "8620", 5, (600e3, 3e6), (4, 20), 0.01),
    ("Transport", "4923", 6, (300e3, 2e6), (2, 12), 0.02),
    ("Farms", "0123", 5, (400e3, 4e6), (2, 25), 0.02),
    ("IT Solutions", "6201", 6, (200e3, 2e6), (1, 10), 0.0),
    ("Accounting", "6920", 5, (200e3, 1e6), (1, 8), 0.0),
    ("Realty", "6820", 5, (300e3, 2e6), (2, 10), 0.0),
    ("Motors", "4520", 5, (300e3, 2e6), (2, 8), 0.05),
    ("Bottle Shop", "4722", 4, (400e3, 1.5e6), (2, 6), 0.3),
]
NORTH = {"NT", "CX"} | {"Cairns", "Townsville", "Broome", "Port Hedland", "Thursday Island"}


def pick_inst(rng: np.random.Generator, home: int, young: bool) -> str:
    name, state = CITIES[home][0], CITIES[home][1]
    if state in NORTH or name in NORTH:
        opts, p = ["TEB", "SCB", "KOA"], [0.55, 0.33, 0.12]
    elif state in ("NSW", "VIC", "ACT"):
        opts, p = ["SCB", "WMU", "KOA"], [0.5, 0.3, 0.2]
    else:
        opts, p = ["SCB", "KOA", "WMU"], [0.7, 0.25, 0.05]
    if young:
        p = [x * (3 if o == "KOA" else 1) for x, o in zip(p, opts, strict=True)]
    p = np.array(p) / sum(p)
    return str(opts[rng.choice(len(opts), p=p)])


def build(w: World) -> dict[str, np.ndarray]:
    """Create ordinary people and firms; return aligned per-person arrays for the flows."""
    rng = w.rng("population")
    n_biz = max(8, round(w.customers * 0.08))
    n_per = max(20, w.customers - n_biz)
    personas = list(PERSONAS)
    pp = np.array(list(PERSONAS.values()))
    rows: dict[str, list] = {
        k: []
        for k in (
            "acct",
            "save",
            "save2",
            "cc",
            "loan",
            "joint",
            "home",
            "persona",
            "income",
            "age",
            "gender",
            "employer",
            "employer_name",
            "dev",
            "ip",
            "owner",
            "renter",
            "inst",
        )
    }
    orgs = _businesses(w, rng, n_biz)
    jobs = [(o, a) for o, a in orgs for _ in range(o.employees)]
    rng.shuffle(jobs)
    cgnat = [f"{a}.{b}.{c}.{d}" for a, b, c, d in rng.integers(1, 250, (160, 4)).tolist()]
    last_couple: Person | None = None
    last_idx = 0
    for i in range(n_per):
        persona = personas[rng.choice(len(personas), p=pp)]
        age = {
            "pensioner": rng.integers(66, 92),
            "student": rng.integers(18, 26),
            "jobseeker": rng.integers(19, 64),
        }.get(persona, rng.integers(22, 66))
        kw: dict = {"age": int(age)}
        couple = persona in ("salaried", "parent", "hospo") and last_couple and rng.random() < 0.3
        if couple and last_couple is not None:
            kw.update(
                home=last_couple.home,
                group=last_couple.group,
                gender="female" if last_couple.gender == "male" else "male",
            )
        p = w.person(rng, **kw)
        if couple and last_couple is not None:
            for attr in ("suburb", "unit", "number", "street", "stype"):
                setattr(p, attr, getattr(last_couple, attr))
            if rng.random() < 0.7:
                p.last = last_couple.last
        p.occupation = OCCUPATION[persona][rng.integers(len(OCCUPATION[persona]))]
        p.income = _income(rng, persona)
        if persona in ("salaried", "landlord") and rng.random() < 0.3:
            p.title = "Dr" if rng.random() < 0.15 else p.title
        p.variant = {
            "name": rng.random() < 0.5,
            "birth": rng.random() < 0.15,
            "order": p.group in ("chinese", "korean", "vietnamese") and rng.random() < 0.5,
            "phone_drop": rng.random() < 0.2,
        }
        inst = pick_inst(rng, p.home, age < 30)
        acct = w.account(p, inst, "current", rng=rng)
        employer, ename = "", ""
        if persona in ("salaried", "hospo", "landlord") and jobs and rng.random() < 0.35:
            o, employer = jobs.pop()
            ename = o.name.upper()
        elif persona in ("salaried", "landlord", "hospo", "parent"):
            ename = EXT_EMPLOYERS[rng.integers(len(EXT_EMPLOYERS))]
        save = w.account(p, inst, "savings", rng=rng) if rng.random() < 0.55 else ""
        save2 = ""
        if rng.random() < 0.12:
            other = [x for x in ("KOA", "SCB", "WMU", "TEB") if x != inst]
            save2 = w.account(p, other[rng.integers(len(other))], "savings", rng=rng)
        cc = w.account(p, inst, "credit_card", rng=rng) if rng.random() < 0.38 else ""
        owner = persona in ("landlord",) or (age > 38 and rng.random() < 0.45)
        loan = w.account(p, inst, "loan", rng=rng) if owner and persona != "pensioner" else ""
        joint = ""
        if couple and last_couple is not None:
            joint = w.account(last_couple, rows["inst"][last_idx], "current", rng=rng)
            w.relate(joint, p, "joint_holder")
            rows["joint"][last_idx] = joint
            last_couple = None
        elif persona in ("salaried", "parent", "hospo"):
            last_couple, last_idx = p, i
        d = ["ios", "and"][rng.integers(2)] + f"-{(p.key * 2654435761) % 16**10:010x}"
        for k, v in (
            ("acct", acct),
            ("save", save),
            ("save2", save2),
            ("cc", cc),
            ("loan", loan),
            ("joint", joint),
            ("home", p.home),
            ("persona", persona),
            ("income", p.income),
            ("age", age),
            ("gender", p.gender),
            ("employer", employer),
            ("employer_name", ename),
            ("dev", d),
            ("ip", cgnat[rng.integers(len(cgnat))]),
            ("owner", owner),
            ("renter", not owner and persona not in ("pensioner",)),
            ("inst", inst),
        ):
            rows[k].append(v)
    out = {k: np.array(v, dtype=object) for k, v in rows.items()}
    for k in ("home", "age"):
        out[k] = out[k].astype(np.int64)
    out["income"] = out["income"].astype(float)
    w.pools["everyday"] = out["acct"].tolist()
    w.pools["male"] = out["acct"][(out["gender"] == "male") & (out["age"] < 70)].tolist()
    w.pools["orgs"] = [a for _, a in orgs]
    w.biz = orgs
    w.pop = out
    return out


def _income(rng: np.random.Generator, persona: str) -> float:
    lo, hi = {
        "salaried": (55e3, 160e3),
        "pensioner": (26e3, 32e3),
        "student": (8e3, 26e3),
        "tradie": (60e3, 140e3),
        "hospo": (28e3, 58e3),
        "jobseeker": (18e3, 22e3),
        "landlord": (90e3, 260e3),
        "parent": (20e3, 55e3),
    }[persona]
    return float(round(np.exp(rng.uniform(np.log(lo), np.log(hi))), -2))


def _businesses(w: World, rng: np.random.Generator, n: int) -> list[tuple[Org, str]]:
    out = []
    weights = np.array([b[2] for b in BIZ_TYPES], dtype=float)
    for i in range(n):
        label, isic, _, (tlo, thi), (slo, shi), cash = BIZ_TYPES[
            rng.choice(len(BIZ_TYPES), p=weights / weights.sum())
        ]
        home = int(
            rng.choice(
                [
                    city(c)
                    for c in (
                        "Sydney",
                        "Melbourne",
                        "Brisbane",
                        "Perth",
                        "Adelaide",
                        "Darwin",
                        "Gold Coast",
                        "Cairns",
                        "Newcastle",
                        "Canberra",
                        "Hobart",
                    )
                ],
                p=[0.25, 0.22, 0.12, 0.1, 0.07, 0.05, 0.05, 0.03, 0.04, 0.04, 0.03],
            )
        )
        word = FIRM_WORDS[(i * 7 + rng.integers(len(FIRM_WORDS))) % len(FIRM_WORDS)]
        name = f"{word} {label} {['Pty Ltd', 'Pty Ltd', 'Co', 'Group Pty Ltd'][i % 4]}"
        if any(o.name == name for o, _ in out):
            name = f"{word} {label} No {i} Pty Ltd"
        o = w.org(
            rng,
            name,
            isic,
            home,
            employees=int(rng.integers(slo, shi + 1)),
            turnover=float(round(rng.uniform(tlo, thi), -3)),
        )
        o.cash_share = cash  # type: ignore[attr-defined]
        inst = pick_inst(rng, home, False)
        if inst == "KOA":
            inst = "SCB"
        acct = w.account(o, inst, "business", rng=rng)
        owner = w.person(rng, home=home, age=int(rng.integers(30, 65)))
        owner.occupation, owner.income = "Company director", float(round(rng.uniform(6e4, 2e5), -3))
        w.relate(acct, owner, "signatory")
        w.relate(acct, owner, "beneficial_owner")
        o.owner = owner  # type: ignore[attr-defined]
        out.append((o, acct))
    return out
