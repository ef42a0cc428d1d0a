"""Assemble a world: population, businesses, look-alikes, crime networks, watchlist."""

from __future__ import annotations

from . import business, extras, flows, population
from .cast import networks_per_typology
from .crimes.t01_hotel_circuit import t1
from .crimes.t02_national_funnel import t2
from .crimes.t03_massage import t3
from .crimes.t04_recruiter import t4
from .crimes.t05_servitude import t5
from .crimes.t06_fee_funnel import t6
from .crimes.t07_hawala import t7
from .crimes.t08_maritime import t8
from .crimes.t09_debt_bondage import t9
from .crimes.t10_prepaid_crypto import t10
from .crimes.t11_collector import t11
from .crimes.t12_smuggling_debt import t12
from .crimes.t13_travel_front import t13
from .lookalikes.community import l13, l14, l15_l16
from .lookalikes.employers import l8_l9_l10, l11_l12
from .lookalikes.families import l4, l5, l6, l7
from .lookalikes.hobbies import l20_l23
from .lookalikes.trade import l17_l18, l19_l24
from .lookalikes.travellers import l1, l2, l3
from .world import World

TYPOLOGIES = {
    "T1": t1,
    "T2": t2,
    "T3": t3,
    "T4": t4,
    "T5": t5,
    "T6": t6,
    "T7": t7,
    "T8": t8,
    "T9": t9,
    "T10": t10,
    "T11": t11,
    "T12": t12,
    "T13": t13,
}
LOOKALIKES = [
    l1,
    l2,
    l3,
    l4,
    l5,
    l6,
    l7,
    l8_l9_l10,
    l11_l12,
    l13,
    l14,
    l15_l16,
    l17_l18,
    l19_l24,
    l20_l23,
]


def build_world(customers: int, days: int, seed: int, subtlety: float) -> World:
    w = World(seed=seed, days=days, subtlety=subtlety, customers=customers)
    pop = population.build(w)
    flows.run(w, pop)
    business.run(w)
    extras.run(w)
    for fn in LOOKALIKES:
        fn(w, w.rng(f"lookalike-{fn.__name__}"))
    for typ, fn in TYPOLOGIES.items():
        for k in range(networks_per_typology(w)):
            fn(w, w.rng(f"{typ}-{k}"), f"AU-{typ}-{k + 1:02d}")
    innocent_intel(w)
    return w


def innocent_intel(w: World) -> None:
    """Partner intelligence that points at innocent people: collisions and stale identifiers."""
    rng = w.rng("intel")
    people = [w.accounts[a].owner for a in w.pools["everyday"]]
    p = people[int(rng.integers(len(people)))]
    w.watch("name", f"{p.first} {p.last}", "name of a person of interest (common name, no DOB)")
    q = people[int(rng.integers(len(people)))]
    w.watch(
        "phone", f"+61{q.phone}", "phone number used in 2021 escort ads (number since recycled)"
    )
    r = people[int(rng.integers(len(people)))]
    w.watch("email", r.email, "e-mail in a scam report, later found to be spoofed")
