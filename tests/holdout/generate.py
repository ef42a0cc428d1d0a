"""Build and write one holdout world."""

from __future__ import annotations

from pathlib import Path

from tests.holdout.flows_business import business_flows
from tests.holdout.flows_income import salaries
from tests.holdout.flows_people import arrays, housing_and_bills, transfers
from tests.holdout.flows_remit import remittances
from tests.holdout.flows_spend import card_spend, cash, trips
from tests.holdout.lookalikes_a import l1_travelling, l2_independent, l3_band, l4_students
from tests.holdout.lookalikes_b import l13_family_business, l14_online_seller, l15_l16
from tests.holdout.lookalikes_c import l7_savings_club, l8_l9_l10, l11_l12
from tests.holdout.lookalikes_d import l17_remit_agents, l18_l19, l20_l21
from tests.holdout.lookalikes_e import l5_remitters, l6_couples
from tests.holdout.lookalikes_f import l22_to_l24
from tests.holdout.population import ordinary_population
from tests.holdout.typ_labour import t4_labour_recruiter
from tests.holdout.typ_labour2 import t5_small_business, t12_smuggling_debt
from tests.holdout.typ_sex import t1_hotel_circuit
from tests.holdout.typ_sex2 import t2_national_funnel
from tests.holdout.typ_sex_rings import t10_prepaid_crypto, t11_collector
from tests.holdout.typ_smuggling import t6_border_funnel, t7_hawala_shop
from tests.holdout.typ_smuggling2 import t8_boat_organiser, t13_travel_front
from tests.holdout.typ_t3 import t3_massage_storefronts
from tests.holdout.typ_t9 import t9_debt_bondage
from tests.holdout.world import World
from tests.holdout.writer import write_world

TYPOLOGIES = (
    t1_hotel_circuit,
    t2_national_funnel,
    t3_massage_storefronts,
    t4_labour_recruiter,
    t5_small_business,
    t6_border_funnel,
    t7_hawala_shop,
    t8_boat_organiser,
    t9_debt_bondage,
    t10_prepaid_crypto,
    t11_collector,
    t12_smuggling_debt,
    t13_travel_front,
)
LOOKALIKES = (
    l1_travelling,
    l2_independent,
    l3_band,
    l4_students,
    l5_remitters,
    l6_couples,
    l7_savings_club,
    l8_l9_l10,
    l11_l12,
    l13_family_business,
    l14_online_seller,
    l15_l16,
    l17_remit_agents,
    l18_l19,
    l20_l21,
    l22_to_l24,
)


def build_world(customers: int, days: int, seed: int, subtlety: float) -> World:
    if not 0.0 <= subtlety <= 1.0:
        raise ValueError("subtlety must lie in [0, 1]")
    if days < 30:
        raise ValueError("the world needs at least 30 days")
    w = World(seed=seed, days=days, s=subtlety, scale=min(1.0, 0.35 + customers / 10_000))
    ordinary_population(w, customers)
    per_kind = max(5, round(customers / 600))
    for make_lookalike in LOOKALIKES:
        make_lookalike(w, per_kind)
    copies = max(1, round(customers / 6000))
    order = [t for t in TYPOLOGIES for _ in range(copies)]
    for k, typology in enumerate(order, start=1):
        typology(w, f"NET-{k:03d}")
    add_watchlist(w)
    arr = arrays(w)
    salaries(w, arr)
    housing_and_bills(w, arr)
    transfers(w, arr)
    remittances(w)
    card_spend(w, arr)
    trips(w, arr)
    cash(w, arr)
    business_flows(w)
    return w


def write_holdout_world(
    out: Path, customers: int, days: int, seed: int, subtlety: float, fmt: str = "csv"
) -> None:
    """Generate a world and write its tables and truth/ under ``out``."""
    if fmt not in ("csv", "parquet"):
        raise ValueError("fmt must be csv or parquet")
    write_world(build_world(customers, days, seed, subtlety), Path(out), fmt)


def add_watchlist(w: World) -> None:
    """A few partner intelligence entries, some about the crime, some about innocent people."""
    party = {str(p["party_id"]): p for p in w.parties}

    def holder(role: str, typ: str) -> dict[str, object] | None:
        for acct, t in w.truth.items():
            if t["role"] == role and t["typology"] == typ:
                return party[str(w.accounts[w.acct_index[acct]]["party_id"])]
        return None

    entries: list[tuple[str, str, str]] = []
    boss = holder("controller", "T1")
    if boss and w.keep(0.9):
        entries.append(("phone", str(boss["phone"]), "NGO partner: number seen in adult adverts"))
    front = holder("front_business", "T3")
    if front and w.keep(0.9):
        entries.append(
            (
                "address",
                f"{front['address']}, {front['city']} {front['postal_code']}",
                "police: premises of interest (suspected brothel)",
            )
        )
    funnel = next((a for a, t in w.truth.items() if t["typology"] == "T6"), None)
    if funnel and w.keep(0.8):
        entries.append(("account", funnel, "FIU request: beneficiary named by payers"))
    device = next(
        (r.get("device_id") for r in w.rows if r["_typ"] == "T11" and r.get("device_id")), None
    )
    if device:
        entries.append(("device", str(device), "partner bank: device on several women's accounts"))
    decoy = next((a for a, t in w.truth.items() if t["lookalike"] == "L2"), None)
    if decoy:
        p = party[str(w.accounts[w.acct_index[decoy]]["party_id"])]
        entries.append(("phone", str(p["phone"]), "number seen in adult adverts"))
    entries.append(("name", str(w.pick(w.parties[:50])["name"]), "adverse media (name only)"))
    for i, (kind, value, note) in enumerate(entries, start=1):
        w.watch.append({"entry_id": f"WL-{i:04d}", "kind": kind, "value": value, "note": note})
