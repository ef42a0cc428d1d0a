"""The one registry of the typology library: loads every packaged YAML file, applies an
institution's tuning and a published typology set, and checks that everything refers to
something that exists.

A broken packaged file is a defect of tipflow (``ContractError``); a broken tuning file or
typology set is the user's (``ConfigError``, naming the file and the key).
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError
from yaml.composer import ComposerError

from tipflow.detect.measures import MEASURES, Measure
from tipflow.detect.measures.base import MeasureParameters
from tipflow.detect.schema import (
    IndicatorFile,
    IndicatorSpec,
    Reference,
    Tuning,
    TypologySet,
    TypologySpec,
)
from tipflow.errors import ConfigError, ContractError, TipflowError
from tipflow.network.settings import NetworkSettings, load_network_settings

LIBRARY = "tipflow.detect.library"
_Model = TypeVar("_Model", bound=BaseModel)


@dataclass(frozen=True)
class Indicator:
    """An indicator ready to run: its spec (tuning applied), measure and parsed parameters."""

    spec: IndicatorSpec
    measure: Measure
    parameters: MeasureParameters


@dataclass(frozen=True)
class Library:
    indicators: dict[str, Indicator]
    typologies: dict[str, TypologySpec]
    reference: Reference
    tuning: Tuning
    network: NetworkSettings  # tipflow/network/network.yaml with the tuning's ``network:``

    def indicator_specs(self) -> list[IndicatorSpec]:
        return [indicator.spec for indicator in self.indicators.values()]


def load_library(tuning: Tuning | None = None, typology_set: TypologySet | None = None) -> Library:
    """The packaged library with ``typology_set`` laid over it (its typologies and indicators
    replace packaged ones with the same id, or add to them) and ``tuning`` applied."""
    tuning = tuning or Tuning()
    root = resources.files(LIBRARY)
    reference_data = _yaml(root.joinpath("reference.yaml").read_text("utf-8"), "reference.yaml")
    reference_data.update(tuning.reference)
    reference = _parse(Reference, reference_data, "reference.yaml (with tuning)")
    specs: list[IndicatorSpec] = []
    for item in sorted(root.joinpath("indicators").iterdir(), key=lambda f: f.name):
        if item.name.endswith(".yaml"):
            parsed = _parse(IndicatorFile, _yaml(item.read_text("utf-8"), item.name), item.name)
            specs += parsed.indicators
    typologies: dict[str, TypologySpec] = {}
    for item in sorted(root.joinpath("typologies").iterdir(), key=lambda f: f.name):
        if item.name.endswith(".yaml"):
            typology = _parse(TypologySpec, _yaml(item.read_text("utf-8"), item.name), item.name)
            if typology.id in typologies:
                raise ContractError(f"typology {typology.id} is defined twice ({item.name})")
            typologies[typology.id] = typology
    if typology_set is not None:
        specs = _overlay(specs, typology_set.indicators, "indicator")
        published = _overlay(list(typologies.values()), typology_set.typologies, "typology")
        typologies = {typology.id: typology for typology in published}
    indicators = _resolve_indicators(specs, tuning)
    _check_typologies(typologies, {spec.id for spec in specs})
    _check_reference_names(specs, reference)
    _check_tuning(tuning, typologies, {spec.id for spec in specs})
    enabled = {tid: t for tid, t in typologies.items() if tuning.typologies.get(tid, _ON).enabled}
    for tid, override in tuning.typologies.items():
        if override.alert_at is not None and tid in enabled:
            enabled[tid] = enabled[tid].model_copy(update={"alert_at": override.alert_at})
    network = load_network_settings(tuning.network)
    return Library(indicators, enabled, reference, tuning, network)


def load_tuning(path: Path) -> Tuning:
    """Read an institution's tuning file; one clear message on any problem."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(f"{path}: cannot read the tuning file ({error.strerror})") from error
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as error:
        problem = " ".join(str(error).split())
        raise ConfigError(f"{path}: not valid YAML ({problem})") from error
    try:
        return Tuning.model_validate(data)
    except ValidationError as error:
        raise ConfigError(f"{path}: {_first_error(error)}") from error


class _NoAliasLoader(yaml.SafeLoader):
    """Safe YAML without anchors and aliases: a few lines of aliases can expand to billions of
    nodes in whatever walks the result (the YAML "billion laughs"), and no typology needs them."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            raise ComposerError(None, None, "aliases (*name) are not accepted", self.get_mark())
        return super().compose_node(parent, index)


def read_typology_set(text: str, name: str) -> TypologySet:
    """A typology set (YAML, parsed safely), validated by the schema and checked by loading the
    library with it; one ``ConfigError`` naming ``name`` and the first problem otherwise."""
    try:
        data = yaml.load(text, Loader=_NoAliasLoader)  # a SafeLoader: plain data only
    except yaml.YAMLError as error:
        raise ConfigError(f"{name}: not valid YAML ({' '.join(str(error).split())})") from error
    except RecursionError as error:
        raise ConfigError(f"{name}: not valid YAML (nested too deeply)") from error
    except (ValueError, TypeError, AttributeError, OverflowError) as error:
        # what PyYAML's constructors raise on a bad value under an explicit tag or a date
        # that does not exist (``!!int x``, ``!!timestamp x``, ``2024-13-01``)
        raise ConfigError(f"{name}: not valid YAML (a value cannot be read: {error})") from error
    if not isinstance(data, dict):
        raise ConfigError(f"{name}: a typology set is a mapping with typologies and indicators")
    try:
        typology_set = TypologySet.model_validate(data)
    except ValidationError as error:
        raise ConfigError(f"{name}: {_first_error(error)}") from error
    try:
        load_library(typology_set=typology_set)
    except TipflowError as error:
        raise ConfigError(f"{name}: {error}") from error
    return typology_set


def load_typology_set(path: Path) -> TypologySet:
    """Read a typology set file (``tipflow screen --typologies``, a published hub version)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{path}: cannot read the typology set ({error})") from error
    return read_typology_set(text, str(path))


def packaged_typology_set() -> TypologySet:
    """The packaged library as one typology set: what an FIU starts its own from."""
    library = load_library()
    return TypologySet(
        indicators=library.indicator_specs(), typologies=list(library.typologies.values())
    )


def typology_set_yaml(typology_set: TypologySet) -> str:
    """The set as YAML in the library's own form (fields at their defaults left out)."""
    document = typology_set.model_dump(mode="json", exclude_defaults=True)
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def _first_error(error: ValidationError) -> str:
    """``where: what`` of the first problem pydantic found, on one line."""
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    return f"{where}: {first['msg']}"


class _Enabled:
    enabled = True


_ON = _Enabled()


def _yaml(text: str, name: str) -> dict[str, Any]:
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise ContractError(f"{name}: a library file must be a mapping")
    return data


def _parse(model: type[_Model], data: dict[str, Any], name: str) -> _Model:
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise ContractError(f"{name}: {error}") from error


_Spec = TypeVar("_Spec", IndicatorSpec, TypologySpec)


def _overlay(packaged: list[_Spec], published: list[_Spec], kind: str) -> list[_Spec]:
    """``packaged`` with each ``published`` spec in place of the one with its id, new ids last."""
    replacing: dict[str, _Spec] = {}
    for spec in published:
        if spec.id in replacing:
            raise ConfigError(f"{kind} {spec.id} is defined twice in the typology set")
        replacing[spec.id] = spec
    merged = [replacing.pop(spec.id, spec) for spec in packaged]
    return merged + list(replacing.values())


def _resolve_indicators(specs: list[IndicatorSpec], tuning: Tuning) -> dict[str, Indicator]:
    indicators: dict[str, Indicator] = {}
    for spec in specs:
        if spec.id in indicators:
            raise ContractError(f"indicator {spec.id} is defined twice")
        override = tuning.indicators.get(spec.id)
        if override is not None:
            if not override.enabled:
                continue
            update: dict[str, Any] = {
                key: value
                for key, value in (
                    ("threshold", override.threshold),
                    ("weight", override.weight),
                    ("window_days", override.window_days),
                )
                if value is not None
            }
            update["parameters"] = {**spec.parameters, **override.parameters}
            spec = spec.model_copy(update=update)
        measure = MEASURES.get(spec.measure)
        if measure is None:
            raise ContractError(f"indicator {spec.id}: no measure named {spec.measure!r}")
        try:
            parameters = measure.parameters.model_validate(spec.parameters)
        except ValidationError as error:
            raise ConfigError(f"indicator {spec.id}: parameters.{_first_error(error)}") from error
        indicators[spec.id] = Indicator(spec, measure, parameters)
    return indicators


def _check_typologies(typologies: dict[str, TypologySpec], indicators: set[str]) -> None:
    for typology in typologies.values():
        named = {entry.id for entry in typology.indicators}
        for entry in typology.indicators:
            if entry.id not in indicators:
                raise ContractError(f"typology {typology.id}: unknown indicator {entry.id}")
        for required in typology.requires_any:
            if required not in named:
                raise ContractError(
                    f"typology {typology.id}: requires_any names {required}, "
                    "which is not among its indicators"
                )


_REFERENCE_PARAMETERS = {
    "groups": "mcc_groups",
    "country_lists": "countries",
    "keywords": "keywords",
    "credit_keywords": "keywords",
    "exclude_keywords": "keywords",
}


def _check_reference_names(specs: list[IndicatorSpec], reference: Reference) -> None:
    """Merchant groups, country lists, keyword lists and industry lists an indicator names
    must exist in the reference (a missing one would only fail deep in the SQL)."""
    for spec in specs:
        for parameter, section in _REFERENCE_PARAMETERS.items():
            names = spec.parameters.get(parameter, [])
            known = getattr(reference, section)
            for name in names if isinstance(names, list) else []:
                if name not in known:
                    raise ConfigError(f"indicator {spec.id}: {parameter}: no {section} {name!r}")
        if spec.applies_to is None:
            continue
        for name in spec.applies_to.industries + spec.applies_to.exclude_industries:
            if name not in reference.industries:
                raise ContractError(f"indicator {spec.id}: no industry list {name!r}")


def _check_tuning(tuning: Tuning, typologies: dict[str, Any], known: set[str]) -> None:
    for indicator_id in tuning.indicators:
        if indicator_id not in known:
            raise ConfigError(f"tuning: indicators.{indicator_id}: no such indicator")
    for typology_id in tuning.typologies:
        if typology_id not in typologies:
            raise ConfigError(f"tuning: typologies.{typology_id}: no such typology")
