"""The in-memory world: parties, accounts, links, transactions and ground truth, with id styles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import numpy as np
import numpy.typing as npt

from tests.holdout.places import INSTITUTIONS, ZONE_KEYS
from tests.holdout.profiles import BizProfile, Profile

Arr = npt.NDArray[Any]
START = date(2025, 1, 13)  # a Monday; a 120-day window crosses the March clock change
ALIASES = {
    "cp_name": "counterparty_name",
    "cp_account": "counterparty_account",
    "cp_inst": "counterparty_institution",
    "cp_country": "counterparty_country",
    "merchant": "merchant_name",
    "mcc": "merchant_category_code",
    "device": "device_id",
    "ip": "ip_address",
    "desc": "description",
}
TEXT_COLS = (
    "currency",
    "channel",
    "counterparty_name",
    "counterparty_account",
    "counterparty_institution",
    "counterparty_country",
    "merchant_name",
    "merchant_category_code",
    "city",
    "country",
    "device_id",
    "ip_address",
    "description",
    "_typ",
    "_net",
)
CRIME_OF = {
    "T1": "sex_trafficking",
    "T2": "sex_trafficking",
    "T3": "sex_trafficking",
    "T4": "labour_trafficking",
    "T5": "labour_trafficking",
    "T6": "migrant_smuggling",
    "T7": "migrant_smuggling",
    "T8": "migrant_smuggling",
    "T9": "sex_trafficking",
    "T10": "sex_trafficking",
    "T11": "sex_trafficking",
    "T12": "labour_trafficking",
    "T13": "migrant_smuggling",
}


@dataclass
class World:
    seed: int
    days: int
    s: float
    scale: float = 1.0  # network sizes shrink in small worlds
    start: date = START
    rng: np.random.Generator = field(init=False)
    parties: list[dict[str, Any]] = field(default_factory=list)
    accounts: list[dict[str, Any]] = field(default_factory=list)
    acct_index: dict[str, int] = field(default_factory=dict)
    links: list[dict[str, str]] = field(default_factory=list)
    rows: list[dict[str, Any]] = field(default_factory=list)
    chunks: list[dict[str, Arr]] = field(default_factory=list)
    truth: dict[str, dict[str, str]] = field(default_factory=dict)
    networks: list[dict[str, str]] = field(default_factory=list)
    profiles: list[Profile] = field(default_factory=list)
    biz: list[BizProfile] = field(default_factory=list)
    watch: list[dict[str, str]] = field(default_factory=list)
    used: set[str] = field(default_factory=set)
    seq: dict[str, int] = field(default_factory=dict)
    known: dict[str, str] = field(default_factory=dict)  # person|institution -> party

    def __post_init__(self) -> None:
        self.rng = np.random.default_rng(self.seed)

    # ---- small random helpers -------------------------------------------------------------
    def pick(self, seq: Sequence[Any]) -> Any:
        return seq[int(self.rng.integers(len(seq)))]

    def chance(self, p: float) -> bool:
        return bool(self.rng.random() < p)

    def keep(self, p: float) -> bool:
        """Keep an indicator with probability p, lowered by subtlety."""
        return self.chance(p * (1.0 - 0.55 * self.s))

    def size(self, lo: int, hi: int, floor: int = 1) -> int:
        top = lo + (hi - lo) * (1.0 - self.s) * float(self.rng.random())
        return max(floor, round(top * (1.0 - 0.35 * self.s) * self.scale))

    def date_of(self, day: float) -> date:
        return self.start + timedelta(days=int(np.floor(day)))

    def weekday(self, day: int) -> int:
        return (self.start.weekday() + day) % 7

    @staticmethod
    def at(day: float, hour: float) -> int:
        return round(day * 86400 + hour * 3600)

    def when(self, day: float, lo: float, hi: float) -> int:
        return self.at(int(day), lo + (hi - lo) * float(self.rng.random()))

    def hexid(self, n: int) -> str:
        return "".join(self.pick("0123456789abcdef") for _ in range(n))

    def device_id(self) -> str:
        h = self.hexid(32).upper()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def ip_address(self, mobile: bool = False) -> str:
        r = self.rng.integers(1, 255, 3)
        first = self.pick((("82", "86", "92", "109"), ("31", "148", "176", "188"))[int(mobile)])
        return f"{first}.{r[0]}.{r[1]}.{r[2]}"

    def _next(self, key: str, base: int) -> int:
        self.seq[key] = self.seq.get(key, base + int(self.rng.integers(0, base // 10 + 1))) + int(
            self.rng.integers(1, 40)
        )
        return self.seq[key]

    def _unique(self, make: Any) -> str:
        while True:
            value = str(make())
            if value not in self.used:
                self.used.add(value)
                return value

    # ---- parties, accounts, links --------------------------------------------------------
    def new_party_id(self, inst: str) -> str:
        kind = inst_kind(inst)
        if kind == "bank":
            return f"HW{self._next('p' + inst, 10_000_000):08d}"
        if kind == "society":
            return f"PBS-{self._next('p' + inst, 1_000_000):07d}"
        if kind == "digital":
            return self._unique(lambda: "cus_" + self.hexid(14))
        if kind == "ni_bank":
            return f"LB{self._next('p' + inst, 100_000):06d}{self.pick('ABCDEFGHJK')}"
        return f"SS{self._next('p' + inst, 100_000_000):09d}"

    def add_party(self, inst: str, row: dict[str, Any]) -> str:
        pid = self.new_party_id(inst)
        self.parties.append({"party_id": pid, **row})
        return pid

    def open_account(
        self,
        party: str,
        inst: str,
        atype: str,
        opened: date,
        city: str,
        currency: str = "GBP",
        closed: date | None = None,
    ) -> str:
        kind = inst_kind(inst)
        if kind == "bank":
            sort = 400000 + sum(map(ord, city)) * 37 % 9000
            aid = self._unique(lambda: f"{sort:06d}-{int(self.rng.integers(10**7, 10**8)):08d}")
        elif kind == "society":
            aid = f"P{self._next('a' + inst, 100_000_000):09d}"
        elif kind == "digital":
            aid = self._unique(lambda: "acc_" + self.hexid(16))
        elif kind == "ni_bank":
            aid = f"LB-{'E' if currency == 'EUR' else ''}{self._next('a' + inst, 10_000_000):08d}"
        else:
            aid = f"SW{self._next('a' + inst, 1_000_000_000):010d}"
        online = kind in ("digital", "emi") or atype in ("wallet", "prepaid_card")
        self.acct_index[aid] = len(self.accounts)
        self.accounts.append(
            {
                "account_id": aid,
                "institution_id": inst,
                "party_id": party,
                "account_type": atype,
                "currency": currency,
                "opened_date": opened.isoformat(),
                "closed_date": closed.isoformat() if closed else None,
                "branch_city": None if online else city,
                "branch_country": "GB",
                "_city": city,
                "_open": (opened - self.start).days,
            }
        )
        self.link(aid, party, "holder")
        return aid

    def link(self, account: str, party: str, relation: str) -> None:
        key = f"{account}|{party}|{relation}"
        if key not in self.used:
            self.used.add(key)
            self.links.append({"account_id": account, "party_id": party, "relation": relation})

    def city_of(self, account: str) -> str:
        return str(self.accounts[self.acct_index[account]]["_city"])

    # ---- transactions ------------------------------------------------------------------------
    def tx(
        self,
        t: int,
        amount: float,
        channel: str,
        src: str | None = None,
        dst: str | None = None,
        *,
        typ: str = "",
        net: str = "",
        zone: str = "GB",
        **kw: Any,
    ) -> None:
        amount = round(float(amount), 2)
        if amount <= 0 or t < 0 or t >= self.days * 86400:
            return
        for acct in (src, dst):  # never before the account exists
            if acct and t < int(self.accounts[self.acct_index[acct]]["_open"]) * 86400:
                return
        row: dict[str, Any] = {
            "_t": t,
            "_z": ZONE_KEYS.index(zone),
            "amount": amount,
            "channel": channel,
            "_src": src,
            "_dst": dst,
            "_typ": typ,
            "_net": net,
            "currency": kw.pop("currency", "GBP"),
            "country": kw.pop("country", "GB"),
        }
        for key, value in kw.items():
            row[ALIASES.get(key, key)] = value
        self.rows.append(row)

    def add_chunk(self, cols: dict[str, Arr]) -> None:
        if len(cols["_t"]):
            self.chunks.append(cols)

    # ---- truth ------------------------------------------------------------------------------
    def mark(self, account: str, typ: str, net: str, role: str, crime: str | None = None) -> None:
        self.truth[account] = {
            "involved": "true",
            "crime": crime or CRIME_OF[typ],
            "role": role,
            "typology": typ,
            "network_id": net,
            "lookalike": "",
        }

    def lookalike(self, account: str, kind: str) -> None:
        if account not in self.truth:
            self.truth[account] = {
                "involved": "false",
                "crime": "",
                "role": "",
                "typology": "",
                "network_id": "",
                "lookalike": kind,
            }

    def network(self, net: str, typ: str) -> None:
        members = [a for a, t in self.truth.items() if t["network_id"] == net]
        insts = sorted({str(self.accounts[self.acct_index[a]]["institution_id"]) for a in members})
        self.networks.append(
            {
                "network_id": net,
                "typology": typ,
                "crime": CRIME_OF[typ],
                "size": str(len(members)),
                "institutions": ";".join(insts),
                "accounts": ";".join(members),
            }
        )


def where(cond: Any, a: Any, b: Any) -> Arr:
    """np.where typed loosely, as object columns take None in one branch."""
    out: Arr = np.where(cond, a, b)
    return out


def inst_kind(inst: str) -> str:
    return next(i.kind for i in INSTITUTIONS if i.iid == inst)
