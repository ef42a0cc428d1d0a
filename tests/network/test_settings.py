"""Network settings: packaged defaults, tuning overrides, one clear message when wrong."""

from __future__ import annotations

import pytest

from tipflow.errors import ConfigError
from tipflow.network.settings import load_network_settings


def test_defaults_load_and_overrides_merge_nested_keys() -> None:
    defaults = load_network_settings()
    tuned = load_network_settings({"split_from": 25, "linkage": {"threshold": 0.999}})
    assert tuned.split_from == 25
    assert tuned.linkage.threshold == 0.999
    assert tuned.linkage.name == defaults.linkage.name  # untouched keys keep their defaults
    assert tuned.link_weights == defaults.link_weights


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"split_from": 1}, "network.split_from"),
        ({"pull_in_kinds": ["telepathy"]}, "unknown tie kind 'telepathy'"),
        ({"colour": "red"}, "network.colour"),
    ],
)
def test_bad_overrides_are_one_clear_message(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        load_network_settings(overrides)
