"""T4: overseas recruiter, labour-hire firm and crew leader skimming horticulture wages."""

from __future__ import annotations

import numpy as np

from tests.holdout_au.cast import actor, background, knobs, wire_out
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import city
from tests.holdout_au.spend import card
from tests.holdout_au.travel import airfare
from tests.holdout_au.world import World

from .labour import after_pay, enrol_workers


def t4(w: World, rng: np.random.Generator, net: str) -> None:
    """Overseas recruiter, labour-hire firm and crew leader skimming horticulture wages."""
    k = knobs(w)
    w.network(net, "T4", "labour_trafficking")
    home = city(["Mildura", "Bundaberg", "Griffith"][int(rng.integers(3))])
    origin = ["PH", "ID"][int(rng.integers(2))]
    group = "filipino" if origin == "PH" else "indonesian"
    leader, lead_acct = actor(
        w,
        rng,
        net,
        "controller",
        "SCB",
        home,
        group=group,
        gender="male",
        age=44,
        occupation="Supervisor",
        income=70000.0,
    )
    firm = w.org(
        rng,
        f"{['Sunrise', 'Riverina', 'Golden'][int(rng.integers(3))]} Harvest Labour Pty Ltd",
        "7830",
        home,
        employees=3,
        turnover=900000.0,
    )
    firm.onboard_recent = True  # type: ignore[attr-defined]
    f_acct = w.account(
        firm,
        "WMU" if home != city("Bundaberg") else "SCB",
        "business",
        opened=-int(rng.integers(90, 300)),
    )
    w.mark(f_acct, net, "front_business")
    w.relate(f_acct, leader, "signatory")
    nv = max(6, round(rng.integers(10, 19) * k["scale"]))
    arrive = int(rng.integers(-30, max(w.days // 5, 1)))
    workers = enrol_workers(
        w,
        rng,
        net,
        nv,
        home,
        "SCB",
        arrive,
        leader,
        k["share_ids"],
        group=group,
        gender="male",
        ages=(21, 40),
        nationality=origin,
        occupation="Farm hand",
    )
    for i in range(nv):
        airfare(
            w,
            rng,
            f_acct,
            arrive - int(rng.integers(5, 20)),
            float(rng.uniform(650, 980)),
            desc="ONE WAY",
            net=net,
            airline=["PHILIPPINE AIRLINES", "GARUDA INDONESIA"][origin == "ID"],
        )
        if i % 3 == 0:
            w.crime(
                net,
                1,
                day=arrive - 40,
                sec=40_000,
                city=home,
                amount=3115.0,
                channel="card",
                src=f_acct,
                merchant="IMMI ACCOUNT HOME AFFAIRS",
                mcc="9399",
                desc="VISA APPLICATION",
            )
    # farm pays the labour-hire firm (the farm is a lawful customer, not involved)
    days = np.arange(w.days)
    inv = days[days % 7 == 1]
    w.crime(
        net,
        inv.size,
        day=inv,
        sec=40_000,
        city=home,
        amount=np.round(nv * rng.uniform(900, 1300, inv.size), 2),
        channel="ach",
        dst=f_acct,
        cp_name="SUNRAYSIA FRESH PRODUCE PTY LTD",
        desc="LABOUR HIRE INVOICE",
    )
    pooled = workers[: max(3, nv // 4)] if k["explicit"] > 0.4 else workers[:3]
    for v in workers:
        lo = max(arrive + 3, 0)
        pay = np.arange(lo + (3 - lo) % 7, w.days, 7)
        amt = np.round(rng.uniform(420, 780, pay.size), 2)
        into = lead_acct if v in pooled and rng.random() < 0.5 else v
        w.crime(
            net,
            pay.size,
            day=pay,
            sec=seconds(rng, pay.size, "batch"),
            city=home,
            amount=amt,
            channel="ach",
            src=f_acct,
            dst=into,
            cp_name="",
            desc="WAGES",
        )
        if into == v:
            after_pay(
                w,
                rng,
                net,
                v,
                lead_acct,
                pay,
                amt,
                rng.uniform(0.4, 0.75),
                k["lag"],
                ["rent", "food", "transport", "loan", ""],
            )
        rem = pay[rng.random(pay.size) < 0.3]
        w.crime(
            net,
            rem.size,
            day=rem + 1,
            sec=seconds(rng, rem.size, "day"),
            city=home,
            amount=np.round(rng.uniform(50, 120, rem.size), 0),
            channel="remittance",
            src=v,
            cp_name="FAMILY",
            cp_country=origin,
            desc="padala",
        )
        background(w, rng, [v], level=0.15, cash=0.0)
    wk = days[days % 7 == 4]
    w.crime(
        net,
        wk.size,
        day=wk,
        sec=seconds(rng, wk.size, "office"),
        city=home,
        amount=np.round(np.minimum(nv * rng.uniform(200, 400, wk.size), 9500), -2),
        channel="cash",
        src=f_acct,
        desc="CASH WITHDRAWAL",
    )
    mon = days[::30] + 9
    w.crime(
        net,
        mon.size,
        day=mon,
        sec=40_000,
        city=home,
        amount=float(round(rng.uniform(1e3, 2e3))),
        channel="ach",
        src=lead_acct,
        cp_name="LANDMARK HARCOURTS TRUST",
        desc="rent 14 Boab Ct",
    )
    card(w, rng, np.array([f_acct]), np.array([home]), "grocery", 0.4, net=net, mult=3.5)
    for m in range(0, w.days, 30):
        wire_out(
            w,
            rng,
            net,
            lead_acct,
            m + 12,
            float(rng.uniform(2000, 10000) * k["scale"]),
            "GLOBAL MANPOWER SERVICES",
            origin,
            "loan",
            channel="remittance",
        )
    background(w, rng, [lead_acct], level=0.7)
