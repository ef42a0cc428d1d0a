"""L8-L12: multi-branch firms, lawful spas, franchisees, seasonal schemes, landlords."""

from __future__ import annotations

import numpy as np

from tests.holdout_au import business
from tests.holdout_au.cast import background, wire_out
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import AU_CITIES, city
from tests.holdout_au.world import World

from .base import biz, instances, la

SUBURBS5 = ["Parramatta", "Box Hill", "Chermside", "Joondalup", "Glenelg"]


def l8_l9_l10(w: World, rng: np.random.Generator) -> None:
    """Multi-branch bakeries (L8), lawful day spas (L9), franchisees with family abroad (L10)."""
    for i in range(instances(w)):
        home = int(rng.choice(AU_CITIES[:8]))
        o, a = biz(
            w,
            rng,
            "L8",
            f"Crust & Co Bakeries No {i + 1} Pty Ltd",
            "1071",
            home,
            employees=int(rng.integers(6, 14)),
            turnover=float(rng.uniform(8e5, 2e6)),
        )
        o.cash_share = 0.3  # type: ignore[attr-defined]
        business.one(w, rng, o, a)
        for other in rng.choice(AU_CITIES[:8], 2).tolist():
            k = np.arange(int(rng.integers(0, 3)), w.days, 3)
            w.tx(
                k.size,
                day=k,
                sec=seconds(rng, k.size, "office"),
                city=int(other),
                amount=np.round(rng.uniform(600, 2200, k.size), -1),
                channel="cash",
                dst=a,
                desc="BRANCH DEPOSIT TAKINGS",
            )
        o, a = biz(
            w,
            rng,
            "L9",
            f"Zen Garden Day Spa {i + 1} Pty Ltd",
            "9609",
            home,
            employees=int(rng.integers(4, 10)),
            turnover=float(rng.uniform(3e5, 9e5)),
        )
        o.cash_share = 0.05  # type: ignore[attr-defined]
        business.one(w, rng, o, a)
        o, a = biz(
            w,
            rng,
            "L10",
            f"Sushi Roll Express {SUBURBS5[i % 5]} Pty Ltd",
            "5610",
            home,
            employees=int(rng.integers(4, 9)),
        )
        business.one(w, rng, o, a)
        nat = ["IN", "LK", "CN", "VN", "KR"][i % 5]
        for d in range(8, w.days, 30):
            wire_out(
                w,
                rng,
                None,
                a,
                d,
                float(rng.uniform(800, 1500)),
                "FAMILY OF OWNER",
                nat,
                "family support",
            )


def l11_l12(w: World, rng: np.random.Generator) -> None:
    """PALM-scheme seasonal workers (L11) and landlords with many tenants (L12)."""
    home = city(["Mildura", "Bundaberg", "Shepparton"][int(rng.integers(3))])
    emp, e_acct = biz(
        w,
        rng,
        "L11",
        "Riverland Approved Employer Pty Ltd",
        "0121",
        home,
        employees=40,
        turnover=6e6,
    )
    business.one(w, rng, emp, e_acct)
    anchor = w.person(rng, home=home, group="pacific")
    opened = -int(rng.integers(20, 200))
    for i in range(instances(w) + 1):
        nat = ["VU", "TO", "FJ", "WS"][i % 4]
        kw = {a: getattr(anchor, a) for a in ("suburb", "unit", "number", "street", "stype")}
        p = w.person(
            rng,
            home=home,
            group="pacific",
            gender="male",
            nationality=nat,
            occupation="PALM scheme worker",
            **kw,
        )
        a = w.account(p, "SCB", "current", opened=opened + i % 2)
        w.lookalike(a, "L11")
        pay = np.arange(3, w.days, 7)
        w.tx(
            pay.size,
            day=pay,
            sec=seconds(rng, pay.size, "batch"),
            city=home,
            amount=np.round(rng.uniform(780, 1050, pay.size), 2),
            channel="ach",
            src=e_acct,
            dst=a,
            desc="WAGES NET OF ACCOMMODATION DEDUCTION",
        )
        for d in range(5, w.days, 14):
            wire_out(
                w,
                rng,
                None,
                a,
                d,
                float(rng.uniform(200, 450)),
                f"{p.last.upper()} FAMILY",
                nat,
                "family",
                channel="remittance",
                bank="PACIFIC REMIT",
            )
        background(w, rng, [a], level=0.7)
    for i in range(instances(w)):
        home = int(rng.choice(AU_CITIES[:8]))
        _, a = la(
            w,
            rng,
            "L12",
            home,
            ["SCB", "WMU"][i % 2],
            age=int(rng.integers(45, 75)),
            occupation="Property investor",
        )
        n_t = int(rng.integers(8, 13))
        rents = rng.choice([380, 420, 450, 480, 520], n_t).astype(float)
        for t in range(n_t):
            due = np.arange(t % 7, w.days, 14 if t % 3 else 30)
            w.tx(
                due.size,
                day=due,
                sec=seconds(rng, due.size, "online"),
                city=home,
                amount=rents[t] * (2 if t % 3 else 4),
                channel="p2p",
                dst=a,
                cp_name=f"TENANT UNIT {t + 1}",
                desc=f"rent unit {t + 1}",
            )
        background(w, rng, [a], level=0.8)
