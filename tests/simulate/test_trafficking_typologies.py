"""Trafficking typologies T3, T4 and T5: each validates, carries its truth, and shows the money
signals that define it in the written data (not just in the generator's intent)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.simulate.scenario_harness import SmallWorld, small_world, world_config

T3 = "sex_trafficking_illicit_massage"
T4 = "labour_trafficking_recruiter"
T5 = "labour_trafficking_employer_servitude"
EXPECTED = {  # typology: crime (the roles are always controller, front business, victims)
    T3: "sex_trafficking",
    T4: "labour_trafficking",
    T5: "labour_trafficking",
}
ROLES = {"controller", "front_business", "victim"}
TX = (
    "(SELECT *, CAST(substr(timestamp, 1, 19) AS TIMESTAMP) AS local, "
    "CAST(amount AS DOUBLE) AS value FROM transactions)"
)


def _role(typology: str, role: str) -> str:
    """The accounts of one role in the typology's networks: (account_id, network_id)."""
    return (
        "(SELECT account_id, network_id FROM truth_accounts "
        f"WHERE typology = '{typology}' AND role = '{role}')"
    )


def _wages(typology: str) -> str:
    """Wage credits from each network's business to its workers, ending 2 days before the end."""
    return (
        f"(SELECT w.network_id, x.to_account_id AS worker, x.local, x.value FROM {TX} AS x "
        f"JOIN {_role(typology, 'victim')} AS w ON x.to_account_id = w.account_id "
        f"JOIN {_role(typology, 'front_business')} AS f ON x.from_account_id = f.account_id "
        "AND f.network_id = w.network_id WHERE x.description = 'PAYROLL' "
        f"AND x.local < (SELECT max(local) FROM {TX}) - INTERVAL 2 DAY)"
    )


def _world(out: Path, subtlety: float) -> SmallWorld:
    plans = {typology: {"per_100k": 0, "minimum": 2} for typology in EXPECTED}
    return small_world(out, world_config(plans).model_copy(update={"subtlety": subtlety}))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> SmallWorld:
    return _world(tmp_path_factory.mktemp("trafficking"), 0.0)


@pytest.fixture(scope="module")
def subtle(tmp_path_factory: pytest.TempPathFactory) -> SmallWorld:
    return _world(tmp_path_factory.mktemp("subtle"), 1.0)


@pytest.mark.parametrize("typology", sorted(EXPECTED))
def test_truth_names_the_crime_and_roles(world: SmallWorld, typology: str) -> None:
    networks = world.sql(
        f"SELECT crime, institutions FROM truth_networks WHERE typology = '{typology}'"
    )
    assert len(networks) == 2 and {c for c, _ in networks} == {EXPECTED[typology]}
    assert all(len(i.split(";")) >= 2 for _, i in networks), networks  # spans institutions
    per_network = world.sql(
        "SELECT network_id, list(DISTINCT role), list(DISTINCT crime) FROM truth_accounts "
        f"WHERE typology = '{typology}' GROUP BY 1"
    )
    assert all(set(roles) == ROLES for _, roles, _ in per_network), per_network
    assert all(crimes == [EXPECTED[typology]] for _, _, crimes in per_network)


def test_every_account_of_an_actor_is_marked_once(world: SmallWorld) -> None:
    assert not world.report.tables["parties"].warnings
    assert world.sql(
        "SELECT count(*) = count(DISTINCT account_id) FROM truth_accounts WHERE involved"
    ) == [(True,)]
    unmarked = world.sql(  # an actor's other accounts, left out of the truth
        "SELECT count(*) FROM accounts AS a JOIN truth_accounts AS t USING (account_id) "
        "WHERE NOT t.involved AND a.party_id IN (SELECT b.party_id FROM accounts AS b "
        "JOIN truth_accounts AS u USING (account_id) WHERE u.involved)"
    )
    assert unmarked == [(0,)]
    early = world.sql(  # nobody's account opens before they became a customer
        "SELECT count(*) FROM accounts AS a JOIN truth_accounts AS t USING (account_id) "
        "JOIN parties AS p USING (party_id) WHERE t.involved AND a.opened_date < p.onboarding_date"
    )
    assert early == [(0,)]
    before = world.sql(  # and no money moves on it before it opens
        "SELECT count(*) FROM transactions AS x JOIN accounts AS a "
        "ON a.account_id IN (x.from_account_id, x.to_account_id) "
        "JOIN truth_accounts AS t USING (account_id) WHERE t.involved "
        "AND CAST(substr(x.timestamp, 1, 10) AS DATE) < CAST(a.opened_date AS DATE)"
    )
    assert before == [(0,)]


def test_t3_storefronts_pay_no_payroll_and_bank_cash_in_several_cities(world: SmallWorld) -> None:
    stores = (
        f"(SELECT s.account_id, s.network_id FROM {_role(T3, 'front_business')} AS s "
        "JOIN accounts USING (account_id) JOIN parties AS p USING (party_id) "
        "WHERE p.industry_code IN ('9609', '9602'))"
    )
    payroll = world.sql(
        f"SELECT count(*) FROM {TX} AS x JOIN {stores} AS s ON x.from_account_id = s.account_id "
        "WHERE x.description IN ('PAYROLL', 'payroll tax') OR x.counterparty_name = 'IRS EFTPS'"
    )
    assert payroll == [(0,)]
    cash_cities = world.sql(
        f"SELECT s.network_id, count(DISTINCT x.city), count(*) FROM {TX} AS x "
        f"JOIN {stores} AS s ON x.to_account_id = s.account_id WHERE x.channel = 'cash' "
        "GROUP BY 1"
    )
    assert len(cash_cities) == 2 and all(c >= 2 and n >= 60 for _, c, n in cash_cities)
    owners = world.sql(  # both owners stand behind every storefront (HT-SEX-23)
        f"SELECT count(*) FILTER (WHERE n <> 2) FROM (SELECT account_id, count(*) AS n "
        f"FROM account_parties JOIN {stores} USING (account_id) "
        "WHERE relation = 'beneficial_owner' GROUP BY 1)"
    )
    assert owners == [(0,)]


def test_t3_a_quarter_to_half_of_storefront_card_sales_are_late(world: SmallWorld) -> None:
    assert 0.2 < _late_share(world) < 0.55


def _late_share(world: SmallWorld) -> float:
    """The share of buyers' card payments at the storefronts made from 21:00 to 06:00."""
    share = world.sql(
        "SELECT avg(CASE WHEN hour(x.local) >= 21 OR hour(x.local) < 6 THEN 1 ELSE 0 END) "
        f"FROM {TX} AS x JOIN parties AS p ON x.merchant_name = p.name "
        "WHERE x.merchant_category_code = '7297' AND p.industry_code IN ('9609', '9602')"
    )[0][0]
    return float(share)


def _swept_shares(world: SmallWorld) -> list[tuple[float]]:
    """For each T4 wage, the share the worker sends the crew leader within 48 hours."""
    return world.sql(
        f"SELECT coalesce(sum(x.value), 0) / w.value FROM {_wages(T4)} AS w "
        f"JOIN {_role(T4, 'controller')} AS c ON c.network_id = w.network_id "
        f"LEFT JOIN {TX} AS x ON x.from_account_id = w.worker AND x.to_account_id = c.account_id "
        "AND x.local > w.local AND x.local <= w.local + INTERVAL 48 HOUR "
        "GROUP BY w.worker, w.local, w.value"
    )


def test_t4_forty_to_eighty_percent_of_each_wage_goes_to_the_crew_leader(
    world: SmallWorld,
) -> None:
    shares = [s for (s,) in _swept_shares(world)]
    assert len(shares) > 50
    assert all(0.39 <= s <= 0.81 for s in shares), (min(shares), max(shares))


def test_t4_workers_are_onboarded_together_at_the_leaders_address(world: SmallWorld) -> None:
    rows = world.sql(
        "SELECT v.network_id, count(*), "
        "count(*) FILTER (WHERE w.address = l.address), count(*) FILTER (WHERE w.phone = l.phone), "
        "count(DISTINCT a.opened_date), count(DISTINCT a.institution_id || a.branch_city) "
        f"FROM {_role(T4, 'victim')} AS v JOIN accounts AS a USING (account_id) "
        "JOIN parties AS w ON w.party_id = a.party_id "
        f"JOIN {_role(T4, 'controller')} AS c ON c.network_id = v.network_id "
        "JOIN accounts AS ca ON ca.account_id = c.account_id "
        "JOIN parties AS l ON l.party_id = ca.party_id GROUP BY 1"
    )
    assert len(rows) == 2
    for _, workers, same_address, same_phone, days, branches in rows:
        assert workers >= 10 and same_address == workers and same_phone >= workers / 2
        assert days <= 3 and branches == 1


def test_t5_the_owner_holds_the_workers_accounts(world: SmallWorld) -> None:
    rows = world.sql(
        "SELECT count(*), count(*) FILTER (WHERE ap.party_id = oa.party_id), "
        "count(*) FILTER (WHERE w.address = b.address) "
        f"FROM {_role(T5, 'victim')} AS v JOIN accounts AS va USING (account_id) "
        "JOIN parties AS w ON w.party_id = va.party_id "
        "JOIN account_parties AS ap ON ap.account_id = v.account_id "
        "AND ap.relation = 'authorised_user' "
        f"JOIN {_role(T5, 'controller')} AS o ON o.network_id = v.network_id "
        "JOIN accounts AS oa ON oa.account_id = o.account_id "
        f"JOIN {_role(T5, 'front_business')} AS f ON f.network_id = v.network_id "
        "JOIN accounts AS fa ON fa.account_id = f.account_id "
        "JOIN parties AS b ON b.party_id = fa.party_id"
    )
    workers, owner_is_user, living_on_site = rows[0]
    assert workers >= 6 and owner_is_user == workers and living_on_site == workers


def test_t5_most_of_each_wage_is_taken_within_hours(world: SmallWorld) -> None:
    """Within 6 h of the wage: cash in the shop's city or a transfer back to the business."""
    shares = world.sql(
        f"SELECT coalesce(sum(x.value), 0) / w.value FROM {_wages(T5)} AS w "
        f"JOIN {_role(T5, 'front_business')} AS f ON f.network_id = w.network_id "
        "JOIN accounts AS fa ON fa.account_id = f.account_id "
        "JOIN parties AS b ON b.party_id = fa.party_id "
        f"LEFT JOIN {TX} AS x ON x.from_account_id = w.worker "
        "AND x.local > w.local AND x.local <= w.local + INTERVAL 6 HOUR "
        "AND ((x.channel = 'cash' AND x.city = b.city) OR x.to_account_id = f.account_id) "
        "GROUP BY w.worker, w.local, w.value"
    )
    assert len(shares) >= 6
    assert all(0.65 <= s <= 0.95 for (s,) in shares), shares
    devices = world.sql(  # the transfers back come from the owner's one device
        f"SELECT count(DISTINCT x.device_id), count(*) FROM {TX} AS x "
        f"JOIN {_role(T5, 'victim')} AS v ON x.from_account_id = v.account_id "
        f"JOIN {_role(T5, 'front_business')} AS f ON x.to_account_id = f.account_id "
        "GROUP BY v.network_id"
    )
    assert all(d == 1 and n >= 1 for d, n in devices), devices


def test_subtlety_weakens_the_signals(world: SmallWorld, subtle: SmallWorld) -> None:
    def mean(rows: list[tuple[float]]) -> float:
        return sum(s for (s,) in rows) / len(rows)

    assert mean(_swept_shares(world)) > 0.5 > 0.35 > mean(_swept_shares(subtle))
    assert _late_share(subtle) < 0.25 < _late_share(world)
