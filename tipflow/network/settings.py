"""Settings of the network stage: how accounts are linked and grouped (``network.yaml``).

The packaged ``network.yaml`` holds the defaults with the reasons for them; an institution's
tuning file may override any key under ``network:``.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tipflow.errors import ConfigError, ContractError
from tipflow.network.ties import TIE_KINDS


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class LevelProbabilities(_Strict):
    """A comparison's m and u probabilities, from its closest level to "anything else"."""

    m: list[float] = Field(min_length=2)
    u: list[float] = Field(min_length=2)


class LinkageModel(_Strict):
    prior: float = Field(gt=0.0, lt=1.0)
    threshold: float = Field(gt=0.0, lt=1.0)
    name: LevelProbabilities
    birth_date: LevelProbabilities
    phone: LevelProbabilities
    email: LevelProbabilities
    address: LevelProbabilities
    name_titles: list[str] = Field(default_factory=list)


class NetworkSettings(_Strict):
    link_weights: dict[str, float]
    pull_in_kinds: list[str]
    pull_in_floor: float = Field(ge=0.0, le=1.0)
    split_from: int = Field(ge=2)
    split_modularity: float = Field(ge=0.0, le=1.0)
    resolution: float = Field(gt=0.0)
    seed: int
    min_size: int = Field(ge=2)
    corroboration: float = Field(ge=0.0, le=1.0)
    linkage: LinkageModel

    def check_kinds(self) -> None:
        for kind in [*self.link_weights, *self.pull_in_kinds]:
            if kind not in TIE_KINDS:
                known = ", ".join(TIE_KINDS)
                raise ConfigError(f"network: unknown tie kind {kind!r} (known: {known})")


def load_network_settings(overrides: dict[str, Any] | None = None) -> NetworkSettings:
    """The packaged settings with ``overrides`` (a tuning file's ``network:``) applied."""
    text = resources.files("tipflow.network").joinpath("network.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ContractError("network.yaml: must be a mapping")
    try:
        NetworkSettings.model_validate(data)
    except ValidationError as error:
        raise ContractError(f"network.yaml: {error}") from error
    merged = _merged(data, overrides or {})
    try:
        settings = NetworkSettings.model_validate(merged)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise ConfigError(f"tuning: network.{where}: {first['msg']}") from error
    settings.check_kinds()
    return settings


def _merged(base: dict[str, Any], overrides: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``overrides`` applied key by key, nested mappings merged too."""
    merged = dict(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            merged[key] = _merged(base[key], value)
        else:
            merged[key] = value
    return merged
