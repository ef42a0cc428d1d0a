"""L17-L19, L24: remittance agents, importers, travel agencies, charter operators."""

from __future__ import annotations

import numpy as np

from tests.holdout_au import business
from tests.holdout_au.cast import outsiders, wire_out
from tests.holdout_au.ledger import seconds
from tests.holdout_au.places import AU_CITIES, city
from tests.holdout_au.world import World

from .base import biz, instances

AGENT_SUBURBS = ["Auburn", "Footscray", "Mirrabooka", "Casuarina", "Cabramatta"]


def l17_l18(w: World, rng: np.random.Generator) -> None:
    """Licensed remittance agents settling with a principal (L17); import-export traders (L18)."""
    for i in range(instances(w)):
        home = int(rng.choice([city("Sydney"), city("Melbourne"), city("Perth"), city("Darwin")]))
        o, a = biz(
            w,
            rng,
            "L17",
            f"Harbour Remit Agent {AGENT_SUBURBS[i % 5]} Pty Ltd",
            "6619",
            home,
            "SCB",
            employees=2,
        )
        n = int(rng.poisson(3 * w.days))
        names, accts, banks = outsiders(rng, n, repeat=0.4)
        day = rng.integers(0, w.days, n)
        amt = np.round(rng.uniform(100, 1500, n), 0)
        w.tx(
            n,
            day=day,
            sec=seconds(rng, n, "shop"),
            city=home,
            amount=amt,
            channel="p2p",
            dst=a,
            cp_name=names,
            cp_account=accts,
            cp_inst=banks,
            desc="REMIT REF HR",
        )
        tot = np.bincount(day, weights=amt, minlength=w.days)
        d = np.nonzero(tot)[0]
        w.tx(
            d.size,
            day=d + 1,
            sec=30_000,
            city=home,
            amount=np.round(tot[d] * 0.985, 2),
            channel="ach",
            src=a,
            cp_name="HARBOUR REMIT PTY LTD (AUSTRAC REG)",
            desc="DAILY SETTLEMENT TO PRINCIPAL",
        )
        m = np.arange(20, w.days, 30)
        w.tx(
            m.size,
            day=m,
            sec=30_000,
            city=home,
            amount=np.round(tot.sum() / 4 * 0.01, 2),
            channel="ach",
            dst=a,
            cp_name="HARBOUR REMIT PTY LTD",
            desc="AGENT COMMISSION",
        )
        o, a = biz(
            w,
            rng,
            "L18",
            f"Pacific Rim Imports {i + 1} Pty Ltd",
            "4690",
            int(rng.choice(AU_CITIES[:6])),
            employees=5,
            turnover=2.5e6,
        )
        business.one(w, rng, o, a)
        for j, d in enumerate(range(4, w.days, 12)):
            sup = [
                ("SHENZHEN BRIGHT TRADING", "CN"),
                ("PT SUMBER MAKMUR", "ID"),
                ("PENANG PACKAGING SDN BHD", "MY"),
            ][j % 3]
            wire_out(
                w,
                rng,
                None,
                a,
                d,
                float(round(rng.uniform(15e3, 60e3), 2)),
                sup[0],
                sup[1],
                f"INV {sup[1]}-{7100 + j} PO {500 + j}",
            )
            w.tx(
                1,
                day=d + 20,
                sec=40_000,
                city=o.home,
                amount=float(round(rng.uniform(1e3, 5e3), 2)),
                channel="other",
                src=a,
                cp_name="DEPT HOME AFFAIRS CUSTOMS",
                desc="IMPORT DUTY GST",
            )


def l19_l24(w: World, rng: np.random.Generator) -> None:
    """Travel agencies busy over Easter (L19); lawful charter operators in the north (L24)."""
    easter = 53  # 18 April 2025 counted from the window start
    for i in range(instances(w)):
        home = int(rng.choice(AU_CITIES[:8]))
        o, a = biz(
            w,
            rng,
            "L19",
            f"Sunseeker Holidays {i + 1} Pty Ltd",
            "7911",
            home,
            employees=4,
            turnover=1.5e6,
        )
        business.one(w, rng, o, a)
        n = int(rng.poisson(2.0 * w.days))
        day = np.clip(rng.normal(easter - 20, 18, n), 0, w.days - 1).astype(int)
        names, accts, _banks = outsiders(rng, n, repeat=0.05)
        w.tx(
            n,
            day=day,
            sec=seconds(rng, n, "office"),
            city=home,
            amount=np.round(rng.uniform(900, 6500, n), 0),
            channel="ach",
            dst=a,
            cp_name=names,
            cp_account=accts,
            desc="BOOKING RETURN FLIGHTS",
        )
        k = np.arange(3, w.days, 7)
        w.tx(
            k.size,
            day=k,
            sec=40_000,
            city=home,
            amount=np.round(rng.uniform(8e3, 4e4, k.size), 2),
            channel="ach",
            src=a,
            cp_name="IATA BSP AUSTRALIA",
            desc="BSP SETTLEMENT RETURN",
        )
        home = city(["Darwin", "Broome", "Cairns", "Darwin", "Port Hedland"][i % 5])
        o, a = biz(
            w,
            rng,
            "L24",
            f"Top End Air Charter {i + 1} Pty Ltd",
            "5110",
            home,
            "TEB",
            employees=8,
            turnover=3e6,
        )
        business.one(w, rng, o, a)
        for d in range(2, w.days, 9):
            w.tx(
                1,
                day=d,
                sec=35_000,
                city=home,
                amount=float(round(rng.uniform(8e3, 4e4), 2)),
                channel="ach",
                dst=a,
                cp_name=["FORTESCUE METALS", "KIMBERLEY TOURS", "NT HEALTH RETRIEVAL"][d % 3],
                desc=f"CHARTER CONTRACT RETURN FLIGHT C{d}",
            )
            w.tx(
                1,
                day=d + 1,
                sec=50_000,
                city=home,
                amount=float(round(rng.uniform(2e3, 7e3), 2)),
                channel="card",
                src=a,
                merchant="AIR BP DARWIN AVGAS",
                mcc="5542",
            )
