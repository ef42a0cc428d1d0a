"""World configuration files: merged over the default, checked, overridable."""

from __future__ import annotations

from pathlib import Path

import pytest

from tipflow.errors import ConfigError
from tipflow.simulate import load_world_config
from tipflow.simulate.scenarios import SCENARIOS, planned


def test_default_world_loads_and_every_scenario_is_known() -> None:
    config = load_world_config()
    assert {s.id for s, _, _ in planned(config)} <= set(SCENARIOS)


def test_a_user_file_changes_only_what_it_names(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("customers: 500\npopulation:\n  renter_share: 0.9\n", "utf-8")
    config = load_world_config(path)
    assert config.customers == 500
    assert config.population.renter_share == 0.9
    assert config.population.savings_share == load_world_config().population.savings_share


def test_an_invalid_value_names_the_file_and_the_key(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("population:\n  renter_share: 3\n", "utf-8")
    with pytest.raises(ConfigError, match=r"w\.yaml: population\.renter_share"):
        load_world_config(path)


def test_unknown_scenario_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text("typologies:\n  no_such_thing: {per_100k: 1}\n", "utf-8")
    with pytest.raises(ConfigError, match="unknown typology 'no_such_thing'"):
        planned(load_world_config(path))


def test_unknown_scenario_parameter_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "w.yaml"
    path.write_text(
        "typologies:\n  sex_trafficking_hotel_circuit: {per_100k: 1, victimz: [1, 2]}\n", "utf-8"
    )
    with pytest.raises(ConfigError, match="victimz"):
        planned(load_world_config(path))


def test_institutions_override_keeps_the_first_k() -> None:
    config = load_world_config().with_overrides(institutions=2)
    assert [i.id for i in config.institutions] == ["BANK_NORTH", "BANK_LIBERTY"]
    with pytest.raises(ConfigError, match="--institutions"):
        load_world_config().with_overrides(institutions=9)


def test_the_default_world_lists_every_registered_scenario() -> None:
    config = load_world_config()
    assert set(config.typologies) | set(config.lookalikes) == set(SCENARIOS)
    assert len(config.typologies) >= 10 and len(config.lookalikes) >= 6


def test_docs_list_every_scenario_as_the_registry_says() -> None:
    from tipflow.simulate.scenarios.catalogue import BEGIN, END, catalogue_markdown

    docs = (Path(__file__).resolve().parents[2] / "docs" / "simulator.md").read_text("utf-8")
    assert catalogue_markdown() in docs
    assert docs.count(BEGIN) == docs.count(END) == 1
