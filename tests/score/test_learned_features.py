"""Account features on a screened story: one column per indicator and typology, evidence
strength as value over threshold, and the neighbourhood of alerts."""

from __future__ import annotations

import pytest

from tests.detect.dataset_builder import Dataset
from tipflow.detect.registry import load_library
from tipflow.detect.screen import WORKSPACE_NAME, screen_dataset
from tipflow.engine.duckdb import connect
from tipflow.score.learned_features import (
    CONTEXT_COLUMNS,
    STRENGTH_CAP,
    build_account_features,
    feature_names,
    feature_table,
)


@pytest.fixture(scope="module")
def features(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, float]]:
    folder = tmp_path_factory.mktemp("features")
    data = Dataset()
    hub = data.person("hub", "Cole Marsh")
    leaves = [data.person(f"l{i}", f"Leaf Person{i}") for i in range(6)]
    data.person("quiet", "Ann Lee")
    for i, leaf in enumerate(leaves):  # a fan-out burst: FLOW-02 on the hub, NET-06 on leaves
        data.pay(day=10 + i * 0.5, amount=4000 + 900 * i, channel="wire", source=hub, target=leaf)
    results = folder / "results"
    screen_dataset(data.write(folder / "data"), results)
    con = connect(results / WORKSPACE_NAME)
    try:
        columns = build_account_features(con, load_library(None))
        assert columns == feature_names(load_library(None))
        rows = feature_table(con).to_pylist()
    finally:
        con.close()
    return {str(row.pop("account_id")): row for row in rows}


def test_one_column_per_indicator_and_typology_then_context() -> None:
    library = load_library(None)
    names = feature_names(library)
    assert len(names) == len(library.indicators) + len(library.typologies) + len(CONTEXT_COLUMNS)
    assert "indicator_flow_02" in names and "typology_laundering_flow" in names


def test_strength_is_value_over_threshold_capped(features: dict[str, dict[str, float]]) -> None:
    hub = features["A-hub"]
    assert hub["indicator_flow_02"] == pytest.approx(6 / 5)  # 6 payees, threshold 5
    assert hub["typology_laundering_flow"] > 0 and hub["rules_risk"] > 0
    assert all(value <= STRENGTH_CAP for row in features.values() for value in row.values())
    assert features["A-quiet"]["indicator_flow_02"] == 0


def test_neighbourhood_of_alerts(features: dict[str, dict[str, float]]) -> None:
    leaf, quiet = features["A-l0"], features["A-quiet"]
    assert leaf["alerted_neighbour_share"] == 1.0  # its only counterparty is the alerted hub
    assert leaf["max_neighbour_risk"] == features["A-hub"]["rules_risk"]
    assert quiet["alerted_neighbour_share"] == 0 and quiet["log_network_size"] == 0
