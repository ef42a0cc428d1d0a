"""Look-alikes: benign customers marked as such, each with the feature that sets it apart.

One small world holds five of each look-alike; every test reads it through the real writer and
the real reader (``scenario_harness``), so the world is also checked to validate whole.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.simulate.scenario_harness import SmallWorld, small_world, world_config
from tipflow.errors import ConfigError
from tipflow.simulate.scenarios import SCENARIOS

LOOKALIKES = (
    "international_student",
    "diaspora_remitter",
    "savings_club_organiser",
    "landlord",
    "online_seller",
    "seasonal_worker_scheme",
    "group_treasurer",
    "independent_sex_worker",
)
SURNAME = "list_last(string_split({}, ' '))"


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> SmallWorld:
    plans: dict[str, dict[str, Any]] = {k: {"per_100k": 0, "minimum": 5} for k in LOOKALIKES}
    plans["savings_club_organiser"]["cash_share"] = 0.0  # every member seen paying in
    return small_world(tmp_path_factory.mktemp("lookalikes"), world_config(lookalikes=plans))


def _one(world: SmallWorld, query: str) -> object:
    return world.sql(query)[0][0]


def test_the_registry_knows_them_as_lookalikes() -> None:
    for lookalike in LOOKALIKES:
        scenario = SCENARIOS[lookalike]
        assert scenario.kind == "lookalike" and scenario.crime is None
        assert scenario.indicators and scenario.resembles and scenario.sources


@pytest.mark.parametrize("lookalike", LOOKALIKES)
def test_marked_once_as_lookalike_and_never_involved(world: SmallWorld, lookalike: str) -> None:
    marked, involved = world.sql(
        "SELECT count(*), count(*) FILTER (WHERE involved = 'true') FROM truth_accounts "
        f"WHERE lookalike = '{lookalike}'"
    )[0]
    assert marked >= 5 and involved == 0
    # Every account of the look-alike's customers is marked, so none is left unlabelled.
    unmarked = _one(
        world,
        "SELECT count(*) FROM accounts AS a JOIN truth_accounts AS t USING (account_id) "
        "WHERE t.lookalike IS NULL AND a.party_id IN (SELECT party_id FROM accounts "
        f"JOIN truth_accounts USING (account_id) WHERE lookalike = '{lookalike}')",
    )
    assert unmarked == 0


def test_each_account_has_one_truth_row(world: SmallWorld) -> None:
    assert world.sql("SELECT count(*) = count(DISTINCT account_id) FROM truth_accounts") == [
        (True,)
    ]


def test_students_are_funded_by_one_parent_with_their_surname(world: SmallWorld) -> None:
    rows = world.sql(
        "SELECT a.account_id, count(DISTINCT t.counterparty_name), "
        f"bool_and({SURNAME.format('t.counterparty_name')} = {SURNAME.format('p.name')}), "
        "bool_and(t.counterparty_country = p.nationality) "
        "FROM transactions AS t JOIN accounts AS a ON t.to_account_id = a.account_id "
        "JOIN parties AS p USING (party_id) JOIN truth_accounts AS x USING (account_id) "
        "WHERE x.lookalike = 'international_student' AND t.channel = 'wire' GROUP BY 1"
    )
    assert len(rows) >= 5
    assert all(senders == 1 and same and home for _, senders, same, home in rows)
    tuition, landlords = world.sql(
        "SELECT count(*) FILTER (WHERE t.description = 'tuition'), "
        "max(n) FROM transactions AS t JOIN truth_accounts AS x ON t.from_account_id = "
        "x.account_id, (SELECT t2.from_account_id, count(DISTINCT t2.counterparty_name) AS n "
        "  FROM transactions AS t2 WHERE t2.description = 'rent' GROUP BY 1) AS r "
        "WHERE x.lookalike = 'international_student' AND r.from_account_id = x.account_id"
    )[0]
    assert tuition >= 1 and landlords == 1
    shared = _one(
        world,
        "SELECT max(n) FROM (SELECT p.address, count(*) AS n FROM parties AS p "
        "JOIN accounts AS a USING (party_id) JOIN truth_accounts AS x USING (account_id) "
        "WHERE x.lookalike = 'international_student' AND a.account_type = 'current' "
        "GROUP BY 1)",
    )
    assert int(str(shared)) >= 2  # flatmates registered at one address


def test_remitters_send_a_small_share_of_wages_to_family(world: SmallWorld) -> None:
    rows = world.sql(
        "SELECT a.account_id, count(DISTINCT t.counterparty_name), "
        f"bool_and({SURNAME.format('t.counterparty_name')} = {SURNAME.format('p.name')}), "
        "bool_and(t.counterparty_country = p.nationality), sum(CAST(t.amount AS DOUBLE)), "
        "(SELECT sum(CAST(w.amount AS DOUBLE)) FROM transactions AS w "
        " WHERE w.to_account_id = a.account_id AND w.description = 'PAYROLL') "
        "FROM transactions AS t JOIN accounts AS a ON t.from_account_id = a.account_id "
        "JOIN parties AS p USING (party_id) JOIN truth_accounts AS x USING (account_id) "
        "WHERE x.lookalike = 'diaspora_remitter' AND t.channel IN ('remittance', 'wire') "
        "GROUP BY 1"
    )
    assert len(rows) >= 4
    for _, beneficiaries, same_surname, home, sent, wages in rows:
        assert beneficiaries <= 2 and same_surname and home
        assert sent < 0.35 * wages


def test_savings_club_pots_rotate_back_to_paying_members(world: SmallWorld) -> None:
    clubs = world.sql(
        "SELECT o.from_account_id, list(o.to_account_id ORDER BY o.timestamp), "
        "list(DISTINCT CAST(o.amount AS DOUBLE)), "
        "(SELECT list(DISTINCT c.from_account_id) FROM transactions AS c "
        " WHERE c.to_account_id = o.from_account_id AND c.channel = 'p2p'), "
        "(SELECT list(DISTINCT CAST(c.amount AS DOUBLE)) FROM transactions AS c "
        " WHERE c.to_account_id = o.from_account_id AND c.channel = 'p2p') "
        "FROM transactions AS o JOIN truth_accounts AS x ON o.from_account_id = x.account_id "
        "WHERE x.lookalike = 'savings_club_organiser' AND o.description LIKE '% payout' "
        "GROUP BY 1"
    )
    assert len(clubs) >= 3
    for _, recipients, pot, payers, contributions in clubs:
        assert set(recipients) <= set(payers)  # the pot goes back to members who paid in
        assert len(set(recipients)) == len(recipients)  # a different member each month
        assert len(contributions) == 1 and len(pot) == 1  # fixed, equal amounts
        assert pot[0] == contributions[0] * (len(payers) + 1)  # the organiser pays in too


def test_landlord_rents_are_fixed_and_on_the_due_date(world: SmallWorld) -> None:
    # Days from the nearest 1st of a month: 0, or -1/-2 when paid early, a few days if late.
    from_due = (
        "date_diff('day', date_trunc('month', CAST(left(t.timestamp, 10) AS DATE) "
        "+ INTERVAL 15 DAY), CAST(left(t.timestamp, 10) AS DATE))"
    )
    rows = world.sql(
        "SELECT t.to_account_id, count(DISTINCT t.from_account_id), max(n_amounts), "
        f"avg(CAST({from_due} BETWEEN -2 AND 0 AS INT)) "
        "FROM transactions AS t JOIN truth_accounts AS x ON t.to_account_id = x.account_id "
        "JOIN (SELECT from_account_id, count(DISTINCT amount) AS n_amounts FROM transactions "
        "      WHERE description LIKE 'rent Apt%' GROUP BY 1) USING (from_account_id) "
        "WHERE x.lookalike = 'landlord' AND t.description LIKE 'rent Apt%' GROUP BY 1"
    )
    assert len(rows) == 5
    for _, tenants, amounts_per_tenant, on_due_date in rows:
        assert tenants >= 8 and amounts_per_tenant == 1
        assert on_due_date >= 0.75  # whatever each tenant's payday
    costs = world.sql(
        "SELECT DISTINCT t.description FROM transactions AS t JOIN truth_accounts AS x "
        "ON t.from_account_id = x.account_id WHERE x.lookalike = 'landlord'"
    )
    assert {"mortgage", "property tax"} <= {d for (d,) in costs}


def test_online_sellers_get_order_sized_payments_and_payouts(world: SmallWorld) -> None:
    rows = world.sql(
        "SELECT a.account_id, count(DISTINCT t.counterparty_name) FILTER "
        "(WHERE t.description LIKE 'order #%'), median(CAST(t.amount AS DOUBLE)) FILTER "
        "(WHERE t.description LIKE 'order #%'), count(*) FILTER "
        "(WHERE t.description = 'seller payout') "
        "FROM transactions AS t JOIN accounts AS a ON t.to_account_id = a.account_id "
        "JOIN truth_accounts AS x USING (account_id) WHERE x.lookalike = 'online_seller' "
        "AND a.account_type = 'current' GROUP BY 1"
    )
    assert len(rows) == 5
    for _, payers, median, payouts in rows:
        assert payers >= 10 and median < 150 and payouts >= 6
    costs = world.sql(
        "SELECT DISTINCT coalesce(t.merchant_category_code, t.counterparty_country) "
        "FROM transactions AS t JOIN truth_accounts AS x ON t.from_account_id = x.account_id "
        "WHERE x.lookalike = 'online_seller'"
    )
    assert {"4215", "7311", "MX"} <= {c for (c,) in costs}  # shipping, ads, stock


def test_seasonal_workers_are_paid_into_their_own_accounts(world: SmallWorld) -> None:
    wages, deduction_share, swept = world.sql(
        "SELECT count(*), max(CAST(list_last(string_split(t.description, ' ')) AS DOUBLE) "
        "/ CAST(t.amount AS DOUBLE)), (SELECT count(*) FROM transactions AS s JOIN "
        "truth_accounts AS y ON s.from_account_id = y.account_id JOIN truth_accounts AS z ON "
        "s.to_account_id = z.account_id WHERE y.lookalike = 'seasonal_worker_scheme' "
        "AND z.lookalike = 'seasonal_worker_scheme') - count(*) "
        "FROM transactions AS t JOIN truth_accounts AS x ON t.to_account_id = x.account_id "
        "WHERE x.lookalike = 'seasonal_worker_scheme' "
        "AND t.description LIKE 'PAYROLL net of housing deduction%'"
    )[0]
    assert wages >= 40
    assert deduction_share < 0.25  # within the cap (15 % of gross, about 20 % of net)
    assert swept == 0  # nothing flows from the workers back to the employer or each other
    family = world.sql(
        f"SELECT bool_and({SURNAME.format('t.counterparty_name')} = {SURNAME.format('p.name')}) "
        "FROM transactions AS t JOIN accounts AS a ON t.from_account_id = a.account_id "
        "JOIN parties AS p USING (party_id) JOIN truth_accounts AS x USING (account_id) "
        "WHERE x.lookalike = 'seasonal_worker_scheme' AND t.channel = 'remittance'"
    )
    assert family == [(True,)]
    onboarding = world.sql(
        "SELECT count(DISTINCT a.institution_id), "
        "date_diff('day', min(CAST(a.opened_date AS DATE)), max(CAST(a.opened_date AS DATE))) "
        "FROM accounts AS a JOIN truth_accounts AS x USING (account_id) "
        "JOIN parties AS p USING (party_id) WHERE x.lookalike = 'seasonal_worker_scheme' "
        "AND p.party_type = 'person' GROUP BY p.address"
    )
    assert onboarding and all(banks == 1 and spread <= 3 for banks, spread in onboarding)


def test_treasurers_pass_the_money_to_the_groups_bills(world: SmallWorld) -> None:
    rows = world.sql(
        "SELECT x.account_id, "
        "(SELECT count(DISTINCT c.amount) FROM transactions AS c WHERE c.to_account_id = "
        " x.account_id AND c.description LIKE 'dues%'), "
        "(SELECT count(*) FROM transactions AS c WHERE c.to_account_id = x.account_id "
        " AND c.channel = 'p2p' AND CAST(substr(c.timestamp, 12, 2) AS INT) < 6), "
        "(SELECT sum(CAST(c.amount AS DOUBLE)) FROM transactions AS c "
        " WHERE c.to_account_id = x.account_id AND c.channel = 'p2p'), "
        "(SELECT sum(CAST(b.amount AS DOUBLE)) FROM transactions AS b WHERE b.from_account_id "
        " = x.account_id AND b.merchant_category_code IN ('7997', '7941', '5812', '7922', '5941')),"
        "(SELECT coalesce(sum(CAST(b.amount AS DOUBLE)), 0) FROM transactions AS b "
        " WHERE b.from_account_id = x.account_id AND b.channel = 'p2p') "
        "FROM truth_accounts AS x WHERE x.lookalike = 'group_treasurer' "
        "AND x.account_id IN (SELECT from_account_id FROM transactions "
        "  WHERE merchant_category_code = '7997')"
    )
    assert len(rows) == 5
    for _, dues_amounts, at_night, collected, bills, to_people in rows:
        assert dues_amounts == 1 and at_night == 0
        assert bills > 0.6 * collected and to_people < 0.25 * collected


def test_independent_workers_keep_their_own_income(world: SmallWorld) -> None:
    rows = world.sql(
        "SELECT x.account_id, "
        "(SELECT count(DISTINCT c.counterparty_name) FROM transactions AS c "
        " WHERE c.to_account_id = x.account_id AND c.channel = 'p2p'), "
        "(SELECT count(*) FROM transactions AS o WHERE o.from_account_id = x.account_id "
        " AND o.channel = 'p2p'), "
        "(SELECT count(*) FROM transactions AS o WHERE o.from_account_id = x.account_id "
        " AND o.counterparty_name = 'IRS Estimated Tax') "
        "FROM truth_accounts AS x JOIN accounts AS a USING (account_id) "
        "WHERE x.lookalike = 'independent_sex_worker' AND a.account_type = 'current'"
    )
    assert len(rows) == 5
    for _, clients, swept, taxes in rows:
        assert clients >= 10 and swept == 0 and taxes >= 1
    shared = world.sql(
        "SELECT count(*) FROM (SELECT t.device_id FROM transactions AS t "
        "JOIN accounts AS a ON a.account_id = coalesce(t.from_account_id, t.to_account_id) "
        "WHERE t.device_id IN (SELECT t2.device_id FROM transactions AS t2 JOIN truth_accounts "
        "  AS x ON x.account_id = t2.from_account_id WHERE x.lookalike = 'independent_sex_worker')"
        " GROUP BY 1 HAVING count(DISTINCT a.party_id) > 1)"
    )
    controlled = world.sql(
        "SELECT count(*) FROM account_parties JOIN truth_accounts USING (account_id) "
        "WHERE lookalike = 'independent_sex_worker' AND relation <> 'holder'"
    )
    assert shared == [(0,)] and controlled == [(0,)]


def test_lookalike_parameters_are_checked(tmp_path: Path) -> None:
    config = world_config(lookalikes={"landlord": {"per_100k": 0, "minimum": 1, "tenantz": 3}})
    with pytest.raises(ConfigError, match="tenantz"):
        small_world(tmp_path, config)
