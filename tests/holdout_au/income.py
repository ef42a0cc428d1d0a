"""Income of ordinary customers: wages, Centrelink, sole-trader invoices, rents, ATO."""

from __future__ import annotations

import numpy as np

from .ledger import seconds
from .spend import events, periodic
from .world import World

AGENTS = ["RAY WHITE", "LJ HOOKER", "BELLE PROPERTY", "HARCOURTS", "MCGRATH", "PRD"]


def _pay(w, rng, acct, day, amount, src, cp, desc, channel="ach", hours="batch") -> None:
    n = len(day)
    w.tx(
        n,
        day=day,
        sec=seconds(rng, n, hours),
        city=_home(w, acct),
        amount=np.round(amount, 2),
        channel=channel,
        src=src,
        dst=acct,
        cp_name=cp,
        desc=desc,
    )


def _home(w: World, accts: np.ndarray) -> np.ndarray:
    return np.array([w.accounts[a].home for a in np.asarray(accts).tolist()], dtype=np.int64)


def income(w: World, rng: np.random.Generator, pop: dict[str, np.ndarray]) -> None:
    per, inc = pop["persona"], pop["income"]
    # fortnightly or monthly salaries (Thursday paydays), weekly casual wages
    paid = np.isin(per, ["salaried", "landlord", "parent"]) & (pop["employer_name"] != "")
    monthly = rng.random(per.size) < 0.15
    for mask, period, phase, share in (
        (paid & ~monthly, 14, 3, 26),
        (paid & monthly, 30.4, 14, 12),
        (per == "hospo", 7, 2, 52),
    ):
        ids = np.nonzero(mask)[0]
        k, day = periodic(
            w, rng, ids.size, period, phase + 7 * rng.integers(0, 2, ids.size) % period
        )
        pi = ids[k]
        var = rng.uniform(0.7, 1.3, k.size) if period == 7 else rng.normal(1, 0.01, k.size)
        amt = inc[pi] * 0.76 / share * var
        emp = pop["employer"][pi]
        _pay(
            w,
            rng,
            pop["acct"][pi],
            day,
            amt,
            emp,
            np.where(emp == "", pop["employer_name"][pi], ""),
            np.char.add("PAY ", pop["employer_name"][pi].astype(str)).astype(object),
        )
    # Centrelink (Services Australia) fortnightly
    for persona, label, lo, hi in (
        ("pensioner", "AGE PENSION", 1020, 1190),
        ("jobseeker", "JOBSEEKER PMT", 740, 790),
        ("student", "YOUTH ALLOWANCE", 450, 720),
        ("parent", "FAMILY TAX BEN", 380, 900),
    ):
        ids = np.nonzero(
            (per == persona)
            & (rng.random(per.size) < (0.5 if persona in ("student", "parent") else 1.0))
        )[0]
        k, day = periodic(w, rng, ids.size, 14, rng.integers(0, 14, ids.size))
        base = rng.uniform(lo, hi, ids.size)
        crn = np.array([f"{(int(i) * 7727) % 10**9:09d}{'ABCDEFGHJK'[int(i) % 10]}" for i in ids])
        _pay(
            w,
            rng,
            pop["acct"][ids[k]],
            day,
            base[k],
            "",
            "SERVICES AUSTRALIA",
            np.char.add(f"CENTRELINK {label} ", crn[k]).astype(object),
        )
    # students' part-time wages and family money from abroad
    ids = np.nonzero((per == "student") & (rng.random(per.size) < 0.6))[0]
    k, day = periodic(w, rng, ids.size, 7, 2)
    _pay(
        w,
        rng,
        pop["acct"][ids[k]],
        day,
        rng.uniform(160, 520, k.size),
        "",
        "HOSPITALITY CASUAL PAYROLL",
        "WAGES",
    )
    # tradies: client invoices, ABN quarterly BAS
    ids = np.nonzero(per == "tradie")[0]
    k, day = events(rng, ids.size, 0.3, 0, w.days)
    clients = np.array(
        [
            "BUILTRITE HOMES PTY LTD",
            "METRICON HOMES",
            "J & K RENOVATIONS",
            "STRATA PLAN 40213",
            "M OCONNOR",
            "P NGUYEN",
            "S PATEL",
        ],
        dtype=object,
    )
    _pay(
        w,
        rng,
        pop["acct"][ids[k]],
        day,
        np.exp(rng.normal(np.log(900), 0.7, k.size)),
        "",
        clients[rng.integers(0, 7, k.size)],
        np.array([f"INV {1000 + j}" for j in range(k.size)], dtype=object),
        hours="office",
    )
    _ato(w, rng, pop["acct"][ids], pop["home"][ids], inc[ids] * 0.07)
    # landlords: monthly disbursement from the managing agent's trust account
    ids = np.nonzero(per == "landlord")[0]
    k, day = periodic(w, rng, ids.size, 30.4, rng.integers(0, 30, ids.size))
    agent = np.array([f"{AGENTS[i % 6]} TRUST ACCOUNT" for i in range(ids.size)], dtype=object)
    _pay(
        w,
        rng,
        pop["acct"][ids[k]],
        day,
        rng.uniform(1800, 4800, ids.size)[k],
        "",
        agent[k],
        "RENT DISBURSEMENT",
    )


def _ato(w: World, rng, accts, homes, amount) -> None:
    """BAS via BPAY to the ATO on the 28th of February and April when inside the window."""
    for due in (4, 63):  # 28 Feb and 28 Apr counted from the window start (24 Feb)
        if due >= w.days:
            continue
        n = len(accts)
        w.tx(
            n,
            day=due - rng.integers(0, 4, n),
            sec=seconds(rng, n, "office"),
            city=homes,
            amount=np.round(amount * rng.uniform(0.8, 1.2, n), 2),
            channel="other",
            src=accts,
            cp_name="AUSTRALIAN TAXATION OFFICE",
            cp_account="BPAY 75556",
            desc=np.array(
                [f"BPAY 75556 CRN {551_000_000_000 + i * 97}" for i in range(n)], dtype=object
            ),
        )
