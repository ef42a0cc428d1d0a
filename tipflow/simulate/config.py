"""The world configuration: ``data/world.yaml`` and the user's overrides, validated.

A world file may set any subset of the default's keys (mappings are merged key by key, lists
replace lists); command-line options override the file. Scenario parameters are validated by
each scenario's own model when the scenario is built (``scenarios/``).
"""

from __future__ import annotations

import datetime as dt
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from tipflow.errors import ConfigError


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Institution(Strict):
    id: str
    kind: Literal["bank", "credit_union", "msb", "payment_provider"]
    share: float = Field(gt=0)
    offsets: bool = True


class Population(Strict):
    organisation_share: float = Field(ge=0, le=0.5)
    foreign_born_share: float = Field(ge=0, le=1)
    remitter_share: float = Field(ge=0, le=1)
    renter_share: float = Field(ge=0, le=1)
    savings_share: float = Field(ge=0, le=1)
    credit_card_share: float = Field(ge=0, le=1)
    second_institution_share: float = Field(ge=0, le=1)


class Occupation(Strict):
    name: str
    weight: float = Field(gt=0)
    income: float = Field(gt=0)
    sigma: float = Field(ge=0)
    pay: Literal["weekly", "biweekly", "monthly", "pension", "none"]
    travel: float = Field(ge=0, le=1)


class Industry(Strict):
    isic: str = Field(pattern=r"^\d{4}$")
    name: str
    weight: float = Field(gt=0)
    employees: int = Field(gt=0)
    turnover_per_employee: float = Field(gt=0)
    card_sales: bool
    pay: Literal["weekly", "biweekly", "monthly"]


class Spread(Strict):
    """A lognormal quantity: its median and the sigma of its logarithm."""

    median: float = Field(gt=0)
    sigma: float = Field(ge=0)


class Behaviour(Strict):
    card_purchases: Spread
    card_groups: dict[str, float]
    cash_withdrawals: Spread
    p2p_payments: Spread
    rent: Spread
    remittance: Spread
    savings_transfer_share: float = Field(ge=0, le=1)
    business_trips_per_month: float = Field(ge=0)


class Labels(Strict):
    """What the institution already knows, written to the contract's ``labels`` table."""

    known_involved_share: float = Field(ge=0, le=1)
    closed_lookalike_share: float = Field(ge=0, le=1)


class ScenarioPlan(BaseModel):
    """How often a scenario occurs, plus its own parameters (checked by the scenario)."""

    model_config = ConfigDict(extra="allow", frozen=True)

    per_100k: float = Field(ge=0)
    minimum: int = Field(default=0, ge=0)

    @property
    def parameters(self) -> dict[str, Any]:
        return dict(self.model_extra or {})

    def count(self, customers: int) -> int:
        return max(self.minimum, round(customers * self.per_100k / 100_000))


class WorldConfig(Strict):
    seed: int = 0
    start_date: dt.date
    days: int = Field(ge=7, le=3660)
    customers: int = Field(ge=200)
    institutions: list[Institution] = Field(min_length=2)
    population: Population
    occupations: list[Occupation] = Field(min_length=1)
    industries: list[Industry] = Field(min_length=1)
    behaviour: Behaviour
    labels: Labels
    subtlety: float = Field(ge=0, le=1)
    typologies: dict[str, ScenarioPlan]
    lookalikes: dict[str, ScenarioPlan]

    @model_validator(mode="after")
    def _unique_institutions(self) -> WorldConfig:
        ids = [i.id for i in self.institutions]
        if len(set(ids)) != len(ids):
            raise ValueError("institution ids must be unique")
        return self

    def with_overrides(self, **overrides: Any) -> WorldConfig:
        """This configuration with command-line values (None means: keep the file's)."""
        values = {k: v for k, v in overrides.items() if v is not None and k != "institutions"}
        count = overrides.get("institutions")
        if count is not None:
            if not 2 <= count <= len(self.institutions):
                raise ConfigError(
                    f"--institutions must be between 2 and {len(self.institutions)} "
                    "(the institutions the world configuration lists)"
                )
            values["institutions"] = self.institutions[:count]
        return self.model_validate({**self.model_dump(), **values})


def default_world_text() -> str:
    return resources.files("tipflow.simulate").joinpath("data/world.yaml").read_text("utf-8")


def load_world_config(path: Path | None = None) -> WorldConfig:
    """The default world, with the file at ``path`` merged over it."""
    merged: dict[str, Any] = yaml.safe_load(default_world_text())
    if path is not None:
        try:
            user = yaml.safe_load(path.read_text("utf-8")) or {}
        except (OSError, yaml.YAMLError) as exc:
            raise ConfigError(f"{path}: cannot be read as YAML ({exc})") from exc
        if not isinstance(user, dict):
            raise ConfigError(f"{path}: a world configuration is a mapping of keys to values")
        merged = _merge(merged, user)
    try:
        return WorldConfig.model_validate(merged)
    except ValidationError as exc:
        where = path or "the default world configuration"
        first = exc.errors()[0]
        location = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"{where}: {location}: {first['msg']}") from exc


def _merge(base: dict[str, Any], update: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in update.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged
