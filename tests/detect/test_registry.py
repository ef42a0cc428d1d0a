"""The library: every packaged file loads, cross-references hold, tuning applies or fails
with one message naming the key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tipflow.detect.engine import run_order
from tipflow.detect.registry import load_library, load_tuning
from tipflow.detect.schema import Tuning
from tipflow.errors import ConfigError


def test_every_packaged_file_loads_and_refers_to_known_indicators() -> None:
    library = load_library()
    assert len(library.typologies) >= 6
    assert len(library.indicators) >= 30
    for typology in library.typologies.values():
        for entry in typology.indicators:
            assert entry.id in library.indicators, (typology.id, entry.id)


def test_indicator_ids_come_from_the_catalogue(shared_dir: Path) -> None:
    catalogue = (shared_dir / "indicators" / "catalogue.md").read_text("utf-8")
    published = set(re.findall(r"^\| ([A-Z]+(?:-[A-Z]+)?-\d{2}) \|", catalogue, re.MULTILINE))
    for indicator in load_library().indicators.values():
        if not indicator.spec.derived:
            assert indicator.spec.id in published, indicator.spec.id


def test_tuning_overrides_threshold_weight_and_disables() -> None:
    tuning = Tuning.model_validate(
        {
            "flag_at": 0.6,
            "indicators": {
                "HT-SEX-03": {"threshold": 6, "parameters": {"min_cities": 4}},
                "HT-SEX-08": {"enabled": False},
            },
            "typologies": {"laundering_funnel": {"alert_at": 5}},
        }
    )
    library = load_library(tuning)
    lodging = library.indicators["HT-SEX-03"]
    assert lodging.spec.threshold == 6
    assert lodging.parameters.model_dump()["min_cities"] == 4
    assert "HT-SEX-08" not in library.indicators
    assert library.typologies["laundering_funnel"].alert_at == 5


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("indicators:\n  XX-99: {threshold: 2}\n", "indicators.XX-99"),
        ("indicators:\n  HT-SEX-03: {threshold: two}\n", "HT-SEX-03.threshold"),
        ("flag_at: 3\n", "flag_at"),
        ("typologies:\n  nothing_like_this: {alert_at: 2}\n", "nothing_like_this"),
        ("indicators:\n  HT-SEX-03: {parameters: {no_such: 1}}\n", "HT-SEX-03"),
        ("[unclosed\n", "not valid YAML"),
    ],
)
def test_bad_tuning_is_one_message_naming_the_key(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "tuning.yaml"
    path.write_text(text, "utf-8")
    with pytest.raises(ConfigError) as raised:
        load_library(load_tuning(path))
    assert expected in str(raised.value)
    assert "\n" not in str(raised.value)


def test_second_pass_indicators_run_after_the_ones_they_read() -> None:
    library = load_library(None)
    queries = list(library.indicators.values())
    order = sorted(queries, key=run_order(queries))
    position = {indicator.spec.id: n for n, indicator in enumerate(order)}
    assert position["HT-SEX-31"] > position["HT-SEX-30"] > position["HT-SEX-11"]
    assert position["NET-06"] > position["FLOW-03"]
