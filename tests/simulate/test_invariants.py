"""Invariants of every scenario together: dates in order, truth tied to its network."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.simulate.scenario_harness import SmallWorld, small_world, world_config
from tipflow.simulate.scenarios import SCENARIOS


@pytest.fixture(scope="module")
def everything(tmp_path_factory: pytest.TempPathFactory) -> SmallWorld:
    """A world with every registered scenario at least once."""
    plans = {s.id: {"per_100k": 0, "minimum": 1} for s in SCENARIOS.values()}
    typologies = {k: v for k, v in plans.items() if SCENARIOS[k].kind == "typology"}
    lookalikes = {k: v for k, v in plans.items() if SCENARIOS[k].kind == "lookalike"}
    config = world_config(typologies, lookalikes, customers=1500, days=90, seed=21)
    return small_world(tmp_path_factory.mktemp("everything"), config)


def test_every_registered_scenario_appears(everything: SmallWorld) -> None:
    typologies = {t for (t,) in everything.sql("SELECT DISTINCT typology FROM truth_networks")}
    lookalikes = {
        t
        for (t,) in everything.sql(
            "SELECT DISTINCT lookalike FROM truth_accounts WHERE lookalike IS NOT NULL"
        )
    }
    registered = {s.id for s in SCENARIOS.values()}
    assert typologies | lookalikes == registered


def test_no_account_opens_before_its_holder_became_a_customer(everything: SmallWorld) -> None:
    early = everything.sql(
        "SELECT count(*) FROM accounts JOIN parties USING (party_id) "
        "WHERE CAST(opened_date AS DATE) < CAST(onboarding_date AS DATE)"
    )
    assert early == [(0,)]


def test_no_money_moves_before_an_account_opens(everything: SmallWorld) -> None:
    early = everything.sql(
        "SELECT count(*) FROM transactions AS t JOIN accounts AS a "
        "ON a.account_id IN (t.from_account_id, t.to_account_id) "
        "WHERE CAST(left(t.timestamp, 10) AS DATE) < CAST(a.opened_date AS DATE)"
    )
    assert early == [(0,)]


def test_every_truth_transaction_touches_its_own_network(everything: SmallWorld) -> None:
    stray = everything.sql(
        "SELECT tt.network_id, count(*) FROM truth_transactions AS tt "
        "JOIN transactions AS t USING (transaction_id) "
        "WHERE NOT EXISTS (SELECT 1 FROM truth_accounts AS ta WHERE ta.network_id = tt.network_id "
        "                  AND ta.account_id IN (t.from_account_id, t.to_account_id)) "
        "GROUP BY 1 ORDER BY 1"
    )
    assert stray == []


def test_every_network_has_members(everything: SmallWorld) -> None:
    assert everything.sql(
        "SELECT count(*) FROM truth_networks WHERE CAST(size AS INTEGER) = 0"
    ) == [(0,)]


def test_roles_and_crimes_come_from_the_contract(everything: SmallWorld) -> None:
    roles = {
        r
        for (r,) in everything.sql(
            "SELECT DISTINCT role FROM truth_accounts WHERE role IS NOT NULL"
        )
    }
    crimes = {
        c
        for (c,) in everything.sql(
            "SELECT DISTINCT crime FROM truth_accounts WHERE crime IS NOT NULL"
        )
    }
    assert roles <= {"victim", "controller", "front_business", "facilitator", "funnel"}
    assert crimes <= {"sex_trafficking", "labour_trafficking", "migrant_smuggling", "laundering"}


def test_the_world_is_valid(everything: SmallWorld, tmp_path: Path) -> None:
    assert everything.report.totals is not None
    assert everything.report.totals.quarantined == 0
