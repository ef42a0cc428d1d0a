"""Trafficking typologies T9, T10 and T11, each alone in a small world: each validates, carries
its truth, and shows the money signals of its story in the written data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.simulate.scenario_harness import SmallWorld, small_world, world_config
from tipflow.simulate.reference import places
from tipflow.simulate.scenarios import group_trafficking

T9 = "sex_trafficking_debt_bondage"
T10 = "sex_trafficking_prepaid_crypto_ads"
T11 = "sex_trafficking_ring_collector"
ROLES = {T9: {"controller", "victim"}, T10: {"controller", "victim", "facilitator"}}
ROLES[T11] = ROLES[T10]
START = world_config().start_date.isoformat()
TX = (
    "(SELECT *, CAST(substr(timestamp, 1, 19) AS TIMESTAMP) AS local, "
    "CAST(amount AS DOUBLE) AS value FROM transactions)"
)


def _world(out: Path, typology: str, subtlety: float = 0.0) -> SmallWorld:
    plan: dict[str, object] = {"per_100k": 0, "minimum": 2}
    if typology == T9:  # the women land early enough for weeks of their story to show
        plan["arrival_day"] = [7, 21]
    config = world_config({typology: plan}, customers=600, days=70)
    return small_world(out, config.model_copy(update={"subtlety": subtlety}))


@pytest.fixture(scope="module")
def t9(tmp_path_factory: pytest.TempPathFactory) -> SmallWorld:
    return _world(tmp_path_factory.mktemp("t9"), T9)


@pytest.fixture(scope="module")
def t10(tmp_path_factory: pytest.TempPathFactory) -> SmallWorld:
    return _world(tmp_path_factory.mktemp("t10"), T10)


@pytest.fixture(scope="module")
def t11(tmp_path_factory: pytest.TempPathFactory) -> SmallWorld:
    return _world(tmp_path_factory.mktemp("t11"), T11)


@pytest.fixture(scope="module")
def t11_subtle(tmp_path_factory: pytest.TempPathFactory) -> SmallWorld:
    return _world(tmp_path_factory.mktemp("t11s"), T11, 1.0)


def _role(typology: str, *roles: str) -> str:
    """The accounts of some roles in the typology's networks: (account_id, network_id)."""
    listed = ", ".join(f"'{r}'" for r in roles)
    return (
        "(SELECT account_id, network_id FROM truth_accounts "
        f"WHERE typology = '{typology}' AND role IN ({listed}))"
    )


def test_the_three_are_registered_as_trafficking_typologies() -> None:
    ids = {s.id: s for s in group_trafficking.SCENARIOS}
    assert {T9, T10, T11} <= set(ids)
    assert all(ids[t].kind == "typology" and ids[t].crime == "sex_trafficking" for t in ROLES)


@pytest.mark.parametrize("typology", [T9, T10, T11])
def test_truth_names_the_crime_roles_and_institutions(
    typology: str, request: pytest.FixtureRequest
) -> None:
    world: SmallWorld = request.getfixturevalue({T9: "t9", T10: "t10", T11: "t11"}[typology])
    networks = world.sql("SELECT typology, crime, institutions FROM truth_networks")
    assert len(networks) == 2 and {(t, c) for t, c, _ in networks} == {
        (typology, "sex_trafficking")
    }
    assert all(len(i.split(";")) >= 2 for _, _, i in networks), networks
    roles = world.sql(
        "SELECT network_id, list(DISTINCT role) FROM truth_accounts WHERE involved GROUP BY 1"
    )
    assert all(set(r) == ROLES[typology] for _, r in roles), roles
    assert world.sql(
        "SELECT count(*) = count(DISTINCT account_id) FROM truth_accounts WHERE involved"
    ) == [(True,)]
    stray = world.sql(
        "SELECT count(*) FROM truth_transactions AS t JOIN transactions AS x "
        "USING (transaction_id) WHERE NOT EXISTS (SELECT 1 FROM truth_accounts AS a "
        "WHERE a.network_id = t.network_id AND a.account_id IN (x.from_account_id, "
        "x.to_account_id))"
    )
    assert stray == [(0,)]


def _current(typology: str, role: str) -> str:
    """The current accounts of one role (not their prepaid cards): (account_id, network_id)."""
    return (
        f"(SELECT r.* FROM {_role(typology, role)} AS r JOIN accounts USING (account_id) "
        "WHERE account_type = 'current')"
    )


# T9: debt-bonded international sex trafficking


def test_t9_women_open_accounts_in_one_week_at_one_address(t9: SmallWorld) -> None:
    rows = t9.sql(
        "SELECT v.network_id, count(*), max(CAST(a.opened_date AS DATE)) - "
        "min(CAST(a.opened_date AS DATE)), count(DISTINCT p.address), "
        "count(DISTINCT a.institution_id || a.branch_city), list(DISTINCT p.nationality), "
        "list(DISTINCT p.gender) "
        f"FROM {_role(T9, 'victim')} AS v JOIN accounts AS a USING (account_id) "
        "JOIN parties AS p USING (party_id) GROUP BY 1"
    )
    assert len(rows) == 2, rows
    source = set(places().countries_on("ht_source"))
    for _, women, spread, addresses, branches, nationality, gender in rows:
        assert 5 <= women <= 20 and spread <= 6 and addresses == 1 and branches == 1
        assert len(nationality) == 1 and nationality[0] in source and gender == ["female"]


def test_t9_the_member_bought_fares_and_visas_before_they_opened_accounts(t9: SmallWorld) -> None:
    rows = t9.sql(
        "SELECT c.network_id, count(*) FILTER (WHERE x.merchant_category_code = '4511'), "
        "count(*) FILTER (WHERE x.merchant_category_code = '9399'), max(x.local) "
        f"FROM {_role(T9, 'controller')} AS c JOIN {TX} AS x ON x.from_account_id = c.account_id "
        "WHERE x.merchant_category_code IN ('4511', '9399') GROUP BY 1"
    )
    opened = dict(
        t9.sql(
            "SELECT v.network_id, min(CAST(a.opened_date AS TIMESTAMP)) "
            f"FROM {_role(T9, 'victim')} AS v JOIN accounts AS a USING (account_id) GROUP BY 1"
        )
    )
    assert len(rows) == 2
    assert all(fares >= 1 and visas == fares and last < opened[n] for n, fares, visas, last in rows)


def test_t9_weekly_cash_deposits_of_500_to_2000(t9: SmallWorld) -> None:
    deposits = t9.sql(
        "SELECT x.to_account_id, min(x.value), max(x.value), count(*), "
        "max(gap) FROM (SELECT x.*, x.local - lag(x.local) OVER (PARTITION BY x.to_account_id "
        f"ORDER BY x.local) AS gap FROM {TX} AS x JOIN {_role(T9, 'victim')} AS v "
        "ON x.to_account_id = v.account_id WHERE x.channel = 'cash') AS x GROUP BY 1"
    )
    assert len(deposits) >= 10
    for _, low, high, count, gap in deposits:
        assert low >= 500 and high <= 2000
        assert count == 1 or gap.days <= 13  # at least one in every week she works


def test_t9_women_pay_the_member_and_one_recruiter_abroad(t9: SmallWorld) -> None:
    rows = t9.sql(
        "SELECT v.network_id, sum(x.value) FILTER (WHERE x.to_account_id = c.account_id), "
        "sum(x.value) FILTER (WHERE x.channel = 'remittance'), "
        "count(DISTINCT x.counterparty_account) FILTER (WHERE x.channel = 'remittance'), "
        "count(DISTINCT x.from_account_id) FILTER (WHERE x.channel = 'remittance'), "
        "list(DISTINCT x.counterparty_country) FILTER (WHERE x.channel = 'remittance'), "
        "(SELECT sum(d.value) FROM {tx} AS d JOIN {women} AS w ON d.to_account_id = w.account_id "
        "WHERE w.network_id = v.network_id AND d.channel = 'cash' "
        "AND d.local < (SELECT max(local) - INTERVAL 9 DAY FROM {tx})) "
        "FROM {women} AS v JOIN {tx} AS x ON x.from_account_id = v.account_id "
        "JOIN {boss} AS c ON c.network_id = v.network_id "
        "WHERE x.local < (SELECT max(local) - INTERVAL 7 DAY FROM {tx}) GROUP BY 1".format(
            tx=TX, women=_role(T9, "victim"), boss=_role(T9, "controller")
        )
    )
    assert len(rows) == 2
    for _, to_member, to_recruiter, beneficiaries, senders, country, cash in rows:
        assert 0.45 * cash <= to_member <= 0.72 * cash, (to_member, cash)
        assert 0.13 * cash <= to_recruiter <= 0.31 * cash, (to_recruiter, cash)
        assert beneficiaries == 1 and senders >= 5 and len(country) == 1  # MS-06
    late = t9.sql(  # each payment to the member follows one of her cash deposits by 2-48 h
        f"SELECT count(*) FROM {TX} AS x JOIN {_role(T9, 'victim')} AS v "
        f"ON x.from_account_id = v.account_id JOIN {_role(T9, 'controller')} AS c "
        "ON x.to_account_id = c.account_id WHERE NOT EXISTS (SELECT 1 FROM "
        f"{TX} AS d WHERE d.to_account_id = x.from_account_id AND d.channel = 'cash' "
        "AND d.local BETWEEN x.local - INTERVAL 48 HOUR AND x.local - INTERVAL 2 HOUR)"
    )
    assert late == [(0,)]


def test_t9_the_member_draws_large_cash_and_wires_under_the_threshold(t9: SmallWorld) -> None:
    rows = t9.sql(
        "SELECT c.network_id, "
        "min(x.value) FILTER (WHERE x.channel = 'cash' AND x.description <> 'ATM withdrawal'), "
        "max(x.value) FILTER (WHERE x.channel = 'cash'), "
        "count(*) FILTER (WHERE x.channel = 'wire'), "
        "max(x.value) FILTER (WHERE x.channel = 'wire'), "
        "count(DISTINCT x.counterparty_account) FILTER (WHERE x.channel = 'wire'), "
        "list(DISTINCT x.counterparty_country) FILTER (WHERE x.channel = 'wire') "
        f"FROM {_role(T9, 'controller')} AS c JOIN {TX} AS x ON x.from_account_id = c.account_id "
        "GROUP BY 1"
    )
    assert len(rows) == 2
    nationality = dict(
        t9.sql(
            "SELECT v.network_id, any_value(p.nationality) FROM "
            f"{_role(T9, 'victim')} AS v JOIN accounts USING (account_id) "
            "JOIN parties AS p USING (party_id) GROUP BY 1"
        )
    )
    for network, low, high, wires, largest, payees, country in rows:
        assert low >= 3000 and high <= 9500
        assert wires >= 2 and largest < 10_000 and payees >= 2
        assert country == [nationality[network]]


# T10: prepaid cards and crypto for ads


def test_t10_rounded_prepaid_value_bought_with_cash_two_to_four_times_a_week(
    t10: SmallWorld,
) -> None:
    weeks = t10.sql(
        f"SELECT c.account_id, datediff('day', DATE '{START}', x.local) // 7, count(*), "
        "bool_and(x.value IN (200, 300, 400, 500) AND x.merchant_category_code = '6540') "
        f"FROM {_role(T10, 'controller')} AS c JOIN accounts USING (account_id) "
        f"JOIN {TX} AS x ON x.to_account_id = c.account_id "
        "WHERE account_type = 'prepaid_card' AND x.channel = 'cash' GROUP BY 1, 2"
    )
    assert len({a for a, *_ in weeks}) == 2 and len(weeks) >= 8
    assert all(2 <= n <= 4 and rounded for _, _, n, rounded in weeks), weeks
    loads = t10.sql(  # the victims' prepaid cards are funded only card-to-card by him
        "SELECT count(*), count(*) FILTER (WHERE ca.account_type = 'prepaid_card' "
        "AND cv.network_id = v.network_id) "
        f"FROM {_role(T10, 'victim')} AS v JOIN accounts AS va USING (account_id) "
        f"JOIN {TX} AS x ON x.to_account_id = v.account_id "
        "LEFT JOIN accounts AS ca ON ca.account_id = x.from_account_id "
        f"LEFT JOIN {_role(T10, 'controller')} AS cv ON cv.account_id = x.from_account_id "
        "WHERE va.account_type = 'prepaid_card'"
    )
    assert loads[0][0] >= 10 and loads[0][0] == loads[0][1], loads


def test_t10_victims_forward_buyer_payments_to_the_controller(t10: SmallWorld) -> None:
    rows = t10.sql(
        "SELECT v.account_id, count(DISTINCT coalesce(x.from_account_id, x.counterparty_name)) "
        "FILTER (WHERE x.to_account_id = v.account_id), "
        "sum(x.value) FILTER (WHERE x.to_account_id = v.account_id), "
        "sum(x.value) FILTER (WHERE x.to_account_id = c.account_id) "
        f"FROM {_role(T10, 'victim')} AS v JOIN accounts USING (account_id) "
        f"JOIN {TX} AS x ON v.account_id IN (x.from_account_id, x.to_account_id) "
        f"JOIN {_current(T10, 'controller')} AS c ON c.network_id = v.network_id "
        "WHERE account_type = 'current' AND x.channel = 'p2p' GROUP BY 1"
    )
    assert len(rows) >= 2
    for _, payers, received, forwarded in rows:
        assert payers >= 30 and 0.75 * received <= forwarded <= received  # HT-SEX-11, 14


def test_t10_the_broker_is_paid_within_hours_of_several_e_transfers(t10: SmallWorld) -> None:
    current = _current(T10, "controller")
    rows = t10.sql(
        "SELECT x.value, (SELECT count(*) FROM {tx} AS i WHERE i.to_account_id = x.from_account_id "
        "AND i.channel = 'p2p' AND i.local BETWEEN x.local - INTERVAL 18 HOUR AND x.local), "
        "(SELECT max(i.local) FROM {tx} AS i WHERE i.to_account_id = x.from_account_id "
        "AND i.channel = 'p2p' AND i.local <= x.local) >= x.local - INTERVAL 6 HOUR "
        "FROM {tx} AS x JOIN {boss} AS c ON x.from_account_id = c.account_id "
        "JOIN {broker} AS b ON x.to_account_id = b.account_id".format(
            tx=TX, boss=current, broker=_role(T10, "facilitator")
        )
    )
    assert len(rows) >= 6
    assert all(100 <= v <= 600 and n >= 3 and recent for v, n, recent in rows), rows
    coins = t10.sql(  # the broker buys coins at an exchange within hours of each payment
        f"SELECT count(*), count(*) FILTER (WHERE EXISTS (SELECT 1 FROM {TX} AS o "
        "WHERE o.from_account_id = x.to_account_id AND o.channel = 'crypto' "
        "AND o.local BETWEEN x.local AND x.local + INTERVAL 4 HOUR)) "
        f"FROM {TX} AS x JOIN {_role(T10, 'facilitator')} AS b ON x.to_account_id = b.account_id "
        f"WHERE x.channel = 'p2p' AND x.local < (SELECT max(local) - INTERVAL 1 DAY FROM {TX})"
    )
    assert coins[0][0] >= 6 and coins[0][0] == coins[0][1], coins


def test_t10_prepaid_cards_pay_for_ads_abroad(t10: SmallWorld) -> None:
    rows = t10.sql(
        "SELECT v.network_id, count(*) FROM "
        f"(SELECT * FROM {_role(T10, 'controller', 'victim')}) AS v "
        "JOIN accounts USING (account_id) "
        f"JOIN {TX} AS x ON x.from_account_id = v.account_id WHERE account_type = 'prepaid_card' "
        "AND x.merchant_category_code = '7311' AND x.counterparty_country <> 'US' GROUP BY 1"
    )
    assert len(rows) == 2 and all(n >= 10 for _, n in rows), rows  # HT-SEX-02


# T11: a collector inside a ring

COLLECTOR_IN = (  # buyers' payments to the collector, by the night they belong to
    "(SELECT x.*, c.network_id, CAST(x.local - INTERVAL 16 HOUR AS DATE) AS night "
    f"FROM {TX} AS x JOIN {_role(T11, 'facilitator')} AS c ON x.to_account_id = c.account_id "
    "WHERE x.channel = 'p2p')"
)


def test_t11_the_collector_takes_20_to_60_e_transfers_a_week(t11: SmallWorld) -> None:
    inflow = COLLECTOR_IN
    weeks = t11.sql(
        f"SELECT network_id, datediff('day', DATE '{START}', night) // 7, count(*), "
        "count(DISTINCT coalesce(from_account_id, counterparty_name)), "
        "avg(CASE WHEN coalesce(description, '') NOT IN ('', 'thanks') THEN 1 ELSE 0 END) "
        f"FROM {inflow} GROUP BY 1, 2"
    )
    assert len({n for n, *_ in weeks}) == 2 and len(weeks) >= 10
    assert all(20 <= n <= 60 and payers >= 15 for _, _, n, payers, _ in weeks), weeks
    assert all(escort >= 0.3 for *_, escort in weeks)  # HT-SEX-12
    aliases = t11.sql(f"SELECT count(*) FROM {inflow} WHERE description LIKE '%@example.net (%)'")
    assert aliases[0][0] >= 5


def _forward_ratios(world: SmallWorld) -> list[tuple[float]]:
    """For each collector's forward to a controller: its share of her takings in the 24 h
    before it."""
    return world.sql(
        "SELECT x.value / (SELECT sum(i.value) FROM {tx} AS i WHERE i.to_account_id = "
        "x.from_account_id AND i.channel = 'p2p' "
        "AND i.local BETWEEN x.local - INTERVAL 24 HOUR AND x.local) "
        "FROM {tx} AS x JOIN {collector} AS c ON x.from_account_id = c.account_id "
        "JOIN {boss} AS b ON x.to_account_id = b.account_id".format(
            tx=TX, collector=_role(T11, "facilitator"), boss=_role(T11, "controller")
        )
    )


def test_t11_forwards_60_to_90_percent_within_24_hours(t11: SmallWorld) -> None:
    ratios = [r for (r,) in _forward_ratios(t11)]
    assert len(ratios) >= 40
    assert all(0.59 <= r <= 0.91 for r in ratios), (min(ratios), max(ratios))


def test_t11_smaller_sums_go_to_women_with_the_same_inbound_pattern(t11: SmallWorld) -> None:
    rows = t11.sql(
        "SELECT x.value, (SELECT max(f.value) FROM {tx} AS f JOIN {boss} AS b "
        "ON f.to_account_id = b.account_id WHERE f.from_account_id = x.from_account_id "
        "AND f.local BETWEEN x.local - INTERVAL 2 HOUR AND x.local), "
        "(SELECT count(DISTINCT coalesce(i.from_account_id, i.counterparty_name)) FROM {tx} AS i "
        "WHERE i.to_account_id = x.to_account_id AND i.channel = 'p2p' "
        "AND i.from_account_id IS DISTINCT FROM x.from_account_id) "
        "FROM {tx} AS x JOIN {collector} AS c ON x.from_account_id = c.account_id "
        "JOIN {women} AS w ON x.to_account_id = w.account_id".format(
            tx=TX,
            collector=_role(T11, "facilitator"),
            boss=_role(T11, "controller"),
            women=_role(T11, "victim"),
        )
    )
    assert len(rows) >= 20
    assert all(forward is not None and value < forward for value, forward, _ in rows), rows
    assert all(fan_in >= 30 for *_, fan_in in rows)  # HT-SEX-13: fan-in, forward, fan-in
    spending = t11.sql(  # ML-03: few living costs of her own
        "SELECT sum(x.value) FILTER "
        "(WHERE x.channel = 'card' AND x.from_account_id = c.account_id), "
        "sum(x.value) FILTER (WHERE x.to_account_id = c.account_id) "
        f"FROM {_role(T11, 'facilitator')} AS c JOIN {TX} AS x "
        "ON c.account_id IN (x.from_account_id, x.to_account_id) GROUP BY c.account_id"
    )
    assert all((card or 0) < 0.05 * received for card, received in spending), spending


def test_t11_one_device_runs_three_to_six_womens_accounts(t11: SmallWorld) -> None:
    rows = t11.sql(
        "SELECT network_id, max(accounts) FROM (SELECT w.network_id, x.device_id, "
        "count(DISTINCT x.from_account_id) AS accounts "
        f"FROM {TX} AS x JOIN {_role(T11, 'victim', 'facilitator')} AS w "
        "ON x.from_account_id = w.account_id WHERE x.device_id IS NOT NULL GROUP BY 1, 2) "
        "GROUP BY 1"
    )
    assert len(rows) == 2 and all(3 <= n <= 6 for _, n in rows), rows
    logins = t11.sql(  # several devices on the collector's banking (HT-SEX-19)
        f"SELECT count(DISTINCT x.device_id) FROM {TX} AS x JOIN {_role(T11, 'facilitator')} "
        "AS c ON x.from_account_id = c.account_id GROUP BY c.account_id"
    )
    assert all(n >= 2 for (n,) in logins), logins


def _forwarded(world: SmallWorld) -> float:
    """The share of all the collectors' takings that went on to a controller."""
    rows = world.sql(
        "SELECT sum(x.value) FILTER (WHERE x.from_account_id = c.account_id "
        f"AND x.to_account_id IN (SELECT account_id FROM {_role(T11, 'controller')})), "
        "sum(x.value) FILTER (WHERE x.to_account_id = c.account_id) "
        f"FROM {_role(T11, 'facilitator')} AS c JOIN {TX} AS x "
        "ON c.account_id IN (x.from_account_id, x.to_account_id)"
    )
    return float(rows[0][0] / rows[0][1])


def test_t11_subtlety_weakens_the_collector(t11: SmallWorld, t11_subtle: SmallWorld) -> None:
    assert _forwarded(t11_subtle) < _forwarded(t11) - 0.1
    assert 0.6 <= _forwarded(t11) <= 0.9
    weekly = t11_subtle.sql(
        f"SELECT max(n) FROM (SELECT count(*) AS n FROM {COLLECTOR_IN} "
        f"GROUP BY network_id, datediff('day', DATE '{START}', night) // 7)"
    )
    assert weekly[0][0] <= 24
