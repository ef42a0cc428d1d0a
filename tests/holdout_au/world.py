"""The world's registry: people, organisations, their parties and accounts, truth and ledger."""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass, field

import numpy as np

from . import institutions as inst_mod
from .ledger import Ledger
from .names import GROUPS, STREET_NAMES, STREET_TYPES, SUBURBS
from .places import CITIES, HOME_WEIGHTS, START, city

GROUP_KEYS = list(GROUPS)
GROUP_W = np.array([GROUPS[g][0] for g in GROUP_KEYS]) / sum(GROUPS[g][0] for g in GROUP_KEYS)
HOME_KEYS = [city(c) for c in HOME_WEIGHTS]
HOME_W = np.array(list(HOME_WEIGHTS.values())) / sum(HOME_WEIGHTS.values())
VARIANTS = {
    "Mohammad": "Mohammed",
    "Mohammed": "Muhammad",
    "Ali": "Aly",
    "Hussein": "Husain",
    "Hosseini": "Husseini",
    "Nguyen": "Nguyễn",
    "Jose": "José",
    "Somchai": "Somchay",
    "Siriporn": "Siripon",
    "Saetang": "Sae-Tang",
    "Rezaei": "Rezai",
    "Ahmad": "Ahmed",
}


@dataclass
class Person:
    key: int
    first: str
    middle: str
    last: str
    gender: str
    birth: dt.date
    nationality: str
    group: str
    home: int
    suburb: str
    unit: int
    number: int
    street: str
    stype: tuple[str, str]
    phone: str
    email: str
    occupation: str = ""
    income: float = 0.0
    title: str = "Mr"
    kind: str = "person"
    variant: dict = field(default_factory=dict)


@dataclass
class Org:
    key: int
    name: str
    isic: str
    home: int
    suburb: str
    number: int
    street: str
    stype: tuple[str, str]
    phone: str
    email: str
    employees: int
    turnover: float
    kind: str = "organisation"
    unit: int = 0
    variant: dict = field(default_factory=dict)


@dataclass
class Account:
    account_id: str
    inst: str
    party_id: str
    kind: str
    opened: int
    home: int
    owner: Person | Org


TRUTH_DEFAULT = {"involved": "false", "crime": "", "role": "", "typology": "", "network_id": ""}


class World:
    def __init__(self, seed: int, days: int, subtlety: float, customers: int) -> None:
        self.seed, self.days, self.subtlety, self.customers = seed, days, subtlety, customers
        self.ledger = Ledger()
        self.persons: list[Person | Org] = []
        self.parties: dict[tuple[int, str], dict] = {}
        self.party_rows: list[dict] = []
        self.accounts: dict[str, Account] = {}
        self.account_parties: list[tuple[str, str, str]] = []
        self.watchlist: list[tuple[str, str, str]] = []
        self.truth: dict[str, dict] = {}
        self.networks: dict[str, dict] = {}
        self.counters = dict.fromkeys(inst_mod.INSTITUTIONS, 0)
        self.acct_counters = dict.fromkeys(inst_mod.INSTITUTIONS, 0)
        self.pools: dict[str, list[str]] = {}
        self.held: dict[str, int] = {}
        self.biz: list[tuple[Org, str]] = []
        self.pop: dict[str, np.ndarray] = {}
        self.root = np.random.default_rng(seed)

    # -- randomness -------------------------------------------------------------------------
    def rng(self, name: str) -> np.random.Generator:
        return np.random.default_rng([self.seed, zlib.crc32(name.encode())])

    # -- identities -------------------------------------------------------------------------
    def person(self, rng: np.random.Generator, **kw: object) -> Person:
        group = str(kw.pop("group", GROUP_KEYS[rng.choice(len(GROUP_KEYS), p=GROUP_W)]))
        _, fem, mal, sur, nats = GROUPS[group]
        gender = str(kw.pop("gender", "female" if rng.random() < 0.5 else "male"))
        pool = fem if gender == "female" else mal
        age = kw.pop("age", None)
        age = int(age) if age is not None else int(rng.integers(18, 85))
        birth = dt.date(START.year - age, 1, 1) - dt.timedelta(days=int(rng.integers(0, 365)))
        nat = "AU"
        u = rng.random()
        for code, share in nats:
            if u < share:
                nat = code
                break
            u -= share
        home = int(kw.pop("home", HOME_KEYS[rng.choice(len(HOME_KEYS), p=HOME_W)]))
        k = len(self.persons)
        first = pool[rng.integers(len(pool))]
        last = sur[rng.integers(len(sur))]
        middle = pool[rng.integers(len(pool))] if rng.random() < 0.35 else ""
        subs = SUBURBS.get(CITIES[home][0], [CITIES[home][0]])
        p = Person(
            key=k,
            first=first,
            middle=middle if middle != first else "",
            last=last,
            gender=gender,
            birth=birth,
            nationality=str(kw.pop("nationality", nat)),
            group=group,
            home=home,
            suburb=subs[rng.integers(len(subs))],
            unit=int(rng.integers(1, 40)) if rng.random() < 0.35 else 0,
            number=int(rng.integers(1, 240)),
            street=STREET_NAMES[rng.integers(len(STREET_NAMES))],
            stype=STREET_TYPES[rng.integers(len(STREET_TYPES))],
            phone=f"4{(k * 7919 + 13_572_468) % 10**8:08d}",
            email=_email(first, last, k, rng),
            title="Ms" if gender == "female" else "Mr",
        )
        for name, value in kw.items():
            setattr(p, name, value)
        self.persons.append(p)
        return p

    def org(self, rng: np.random.Generator, name: str, isic: str, home: int, **kw: object) -> Org:
        k = len(self.persons)
        subs = SUBURBS.get(CITIES[home][0], [CITIES[home][0]])
        o = Org(
            key=k,
            name=name,
            isic=isic,
            home=home,
            suburb=subs[rng.integers(len(subs))],
            number=int(rng.integers(1, 400)),
            street=STREET_NAMES[rng.integers(len(STREET_NAMES))],
            stype=STREET_TYPES[rng.integers(len(STREET_TYPES))],
            phone=f"{'2378'[rng.integers(4)]}{(k * 7919 + 35_000_000) % 10**8:08d}",
            email=f"accounts@{''.join(c for c in name.lower() if c.isalnum())[:18]}.com.au",
            employees=int(kw.pop("employees", rng.integers(1, 12))),
            turnover=float(kw.pop("turnover", round(float(rng.uniform(150e3, 1.5e6)), -3))),
        )
        for attr, value in kw.items():
            setattr(o, attr, value)
        self.persons.append(o)
        return o

    def party(self, owner: Person | Org, inst: str, onboard: int) -> str:
        key = (owner.key, inst)
        if key in self.parties:
            row = self.parties[key]
            row["onboard"] = min(row["onboard"], onboard)
            return str(row["party_id"])
        self.counters[inst] += 1
        pid = inst_mod.party_id(inst, self.counters[inst])
        row = _render(owner, inst, pid, second=any(k[0] == owner.key for k in self.parties))
        row["onboard"] = onboard
        self.parties[key] = row
        self.party_rows.append(row)
        return pid

    def account(
        self,
        owner: Person | Org,
        inst: str,
        kind: str = "current",
        opened: int | None = None,
        rng: np.random.Generator | None = None,
    ) -> str:
        if opened is None:
            opened = -int((rng or self.root).integers(40, 6000))
        pid = self.party(owner, inst, opened)
        self.acct_counters[inst] += 1
        held = self.held.get(pid, 0)
        self.held[pid] = held + 1
        aid = inst_mod.account_id(inst, self.acct_counters[inst], pid, kind, held)
        self.accounts[aid] = Account(aid, inst, pid, kind, opened, owner.home, owner)
        self.account_parties.append((aid, pid, "holder"))
        self.truth[aid] = dict(TRUTH_DEFAULT, lookalike="")
        return aid

    def relate(self, account_id: str, owner: Person | Org, relation: str) -> None:
        acct = self.accounts[account_id]
        pid = self.party(owner, acct.inst, acct.opened)
        self.account_parties.append((account_id, pid, relation))

    # -- truth ------------------------------------------------------------------------------
    def network(self, net: str, typ: str, crime: str) -> None:
        self.networks[net] = {"typology": typ, "crime": crime, "accounts": []}

    def mark(self, aid: str, net: str, role: str, crime: str | None = None) -> None:
        info = self.networks[net]
        row = self.truth[aid]
        if row["involved"] == "true":
            return
        row.update(
            involved="true",
            crime=crime or info["crime"],
            role=role,
            typology=info["typology"],
            network_id=net,
        )
        info["accounts"].append(aid)

    def lookalike(self, aid: str, code: str) -> None:
        if self.truth[aid]["involved"] != "true":
            self.truth[aid]["lookalike"] = code

    def crime(self, net: str, n: int, **cols: object) -> None:
        self.ledger.add(n, typ=self.networks[net]["typology"], net=net, **cols)

    def tx(self, n: int, **cols: object) -> None:
        self.ledger.add(n, **cols)

    def emit(self, net: str | None, n: int, **cols: object) -> None:
        """A crime transaction when net is given, an innocent one otherwise."""
        if net:
            self.crime(net, n, **cols)
        else:
            self.tx(n, **cols)

    def watch(self, kind: str, value: str, note: str) -> None:
        self.watchlist.append((kind, value, note))

    def party_of(self, aid: str) -> dict:
        acct = self.accounts[aid]
        return self.parties[(acct.owner.key, acct.inst)]


def _email(first: str, last: str, k: int, rng: np.random.Generator) -> str:
    dom = [
        "gmail.com",
        "outlook.com",
        "bigpond.com",
        "icloud.com",
        "yahoo.com.au",
        "optusnet.com.au",
    ]
    local = "".join(c for c in f"{first}.{last}".lower() if c.isalnum() or c == ".")
    return f"{local}{k}@{dom[rng.integers(len(dom))]}"


def _render(owner: Person | Org, inst: str, pid: str, second: bool) -> dict:
    """One institution's record of an identity; a second institution may record variants."""
    home = CITIES[owner.home]
    city_text = {"WMU": owner.suburb.upper(), "KOA": owner.suburb}.get(inst, home[0])
    row = {
        "party_id": pid,
        "party_type": owner.kind,
        "address": inst_mod.address(inst, owner.unit, owner.number, owner.street, owner.stype),
        "city": city_text,
        "postal_code": home[4],
        "country": home[2],
        "phone": inst_mod.phone(inst, owner.phone),
        "email": owner.email,
    }
    if isinstance(owner, Org):
        row.update(
            name=inst_mod.org_name(inst, owner.name),
            industry_code=owner.isic,
            declared_income=f"{owner.turnover:.0f}",
            employee_count=str(owner.employees),
        )
        return row
    first, last, birth = owner.first, owner.last, owner.birth
    v = owner.variant
    if second and v.get("name"):
        first = VARIANTS.get(first, first)
        last = VARIANTS.get(last, last)
    if second and v.get("birth") and birth.day <= 12:
        birth = dt.date(birth.year, birth.day, birth.month)
    if second and v.get("order"):
        first, last = last, first
    row.update(
        name=inst_mod.person_name(inst, first, "" if second else owner.middle, last, owner.title),
        birth_date=birth.isoformat(),
        gender=owner.gender,
        nationality=owner.nationality if inst != "KOA" or owner.nationality != "AU" else "",
        occupation=owner.occupation,
        declared_income=f"{owner.income:.0f}" if owner.income else "",
    )
    if second and v.get("phone_drop"):
        row["phone"] = ""
    return row
