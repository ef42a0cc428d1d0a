"""The simulator's reference data: places, names and merchants, read once from ``data/``."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import numpy as np
import yaml

from tipflow.simulate.arrays import FloatArray


def _read(name: str) -> Any:
    return yaml.safe_load(
        resources.files("tipflow.simulate").joinpath(f"data/{name}").read_text("utf-8")
    )


@dataclass(frozen=True)
class Cities:
    """Cities of the home country, as parallel arrays (index = city number)."""

    name: tuple[str, ...]
    state: tuple[str, ...]
    utc_offset: tuple[int, ...]
    weight: FloatArray
    area_code: tuple[str, ...]
    zip_prefix: tuple[str, ...]
    border: tuple[bool, ...]

    def indexes(self, *, border: bool | None = None) -> list[int]:
        return [i for i, b in enumerate(self.border) if border is None or b == border]


@dataclass(frozen=True)
class Places:
    home_country: str
    currency: str
    cities: Cities
    foreign_countries: tuple[str, ...]
    foreign_weight: FloatArray
    corridor: dict[str, str]

    def countries_on(self, corridor: str) -> list[str]:
        return [c for c in self.foreign_countries if self.corridor[c] == corridor]


@cache
def places() -> Places:
    raw = _read("places.yaml")
    rows = raw["cities"]
    cities = Cities(
        name=tuple(r["name"] for r in rows),
        state=tuple(r["state"] for r in rows),
        utc_offset=tuple(int(r["utc_offset"]) for r in rows),
        weight=np.array([r["weight"] for r in rows], dtype=float),
        area_code=tuple(str(r["area_code"]) for r in rows),
        zip_prefix=tuple(str(r["zip"]) for r in rows),
        border=tuple(bool(r["border"]) for r in rows),
    )
    foreign = raw["foreign"]
    return Places(
        home_country=raw["home_country"],
        currency=raw["currency"],
        cities=cities,
        foreign_countries=tuple(f["country"] for f in foreign),
        foreign_weight=np.array([f["weight"] for f in foreign], dtype=float),
        corridor={f["country"]: f["corridor"] for f in foreign},
    )


@dataclass(frozen=True)
class NameGroup:
    female: tuple[str, ...]
    male: tuple[str, ...]
    surnames: tuple[str, ...]


@dataclass(frozen=True)
class Names:
    groups: dict[str, NameGroup]
    country_group: dict[str, str]
    streets: tuple[str, ...]

    def group_of(self, country: str) -> NameGroup:
        return self.groups[self.country_group.get(country, "anglo")]


@cache
def names() -> Names:
    raw = _read("names.yaml")
    return Names(
        groups={
            key: NameGroup(tuple(g["female"]), tuple(g["male"]), tuple(g["surnames"]))
            for key, g in raw["groups"].items()
        },
        country_group=dict(raw["country_group"]),
        streets=tuple(raw["streets"]),
    )


@dataclass(frozen=True)
class Merchant:
    """One merchant category: its code, merchant names, amounts and the hours it trades."""

    mcc: str
    names: tuple[str, ...]
    median: float
    sigma: float
    hour_weights: FloatArray  # 24 weights, normalised


@cache
def merchant_groups() -> dict[str, tuple[Merchant, ...]]:
    raw = _read("merchants.yaml")["groups"]
    return {
        group: tuple(
            Merchant(
                mcc=str(m["mcc"]),
                names=tuple(m["names"]),
                median=float(m["median"]),
                sigma=float(m["sigma"]),
                hour_weights=_hours(m["hours"]),
            )
            for m in merchants
        )
        for group, merchants in raw.items()
    }


def _hours(ranges: list[list[float]]) -> FloatArray:
    weights = np.zeros(24)
    for start, end, weight in ranges:
        weights[int(start) : int(end)] += weight
    return np.asarray(weights / weights.sum(), dtype=np.float64)
