"""Typologies T8 (maritime smuggling organiser), T12 (smuggling debt turned into forced labour)
and T13 (travel-company front): each in a small world of its own, validated, with its truth,
and with the money signals that define it in the written data."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

import pytest

from tests.simulate.scenario_harness import SmallWorld, small_world, world_config
from tipflow.simulate.reference import places

T8 = "smuggling_maritime_organiser"
T12 = "labour_trafficking_smuggling_debt"
T13 = "smuggling_travel_front"
EXPECTED = {  # typology: (crime, roles)
    T8: ("migrant_smuggling", {"controller"}),
    T12: ("labour_trafficking", {"controller", "victim"}),
    T13: ("migrant_smuggling", {"front_business", "facilitator"}),
}
DAYS = 120
TX = (
    "(SELECT *, CAST(amount AS DOUBLE) AS value, CAST(substr(timestamp, 1, 10) AS DATE) AS day, "
    "CAST(substr(timestamp, 1, 19) AS TIMESTAMP) AS local FROM transactions)"
)


def _role(typology: str, role: str) -> str:
    """The accounts of one role in the typology's networks: (account_id, network_id)."""
    return (
        "(SELECT account_id, network_id FROM truth_accounts "
        f"WHERE typology = '{typology}' AND role = '{role}')"
    )


def _world(factory: pytest.TempPathFactory, typologies: list[str], subtlety: float) -> SmallWorld:
    plans = {t: {"per_100k": 0, "minimum": 2} for t in typologies}
    config = world_config(plans, days=DAYS).model_copy(update={"subtlety": subtlety})
    return small_world(factory.mktemp("fronts"), config)


@pytest.fixture(scope="module")
def t8(tmp_path_factory: pytest.TempPathFactory) -> SmallWorld:
    return _world(tmp_path_factory, [T8], 0.0)


@pytest.fixture(scope="module")
def t12(tmp_path_factory: pytest.TempPathFactory) -> SmallWorld:
    return _world(tmp_path_factory, [T12], 0.0)


@pytest.fixture(scope="module")
def t13(tmp_path_factory: pytest.TempPathFactory) -> SmallWorld:
    return _world(tmp_path_factory, [T13], 0.0)


@pytest.fixture(scope="module")
def subtle(tmp_path_factory: pytest.TempPathFactory) -> SmallWorld:
    return _world(tmp_path_factory, [T8, T12], 1.0)


@pytest.mark.parametrize(("typology", "fixture"), [(T8, "t8"), (T12, "t12"), (T13, "t13")])
def test_truth_names_the_crime_roles_and_own_rows(
    typology: str, fixture: str, request: pytest.FixtureRequest
) -> None:
    world: SmallWorld = request.getfixturevalue(fixture)
    crime, roles = EXPECTED[typology]
    networks = world.sql(
        f"SELECT crime, institutions, size FROM truth_networks WHERE typology = '{typology}'"
    )
    assert len(networks) == 2 and {c for c, _, _ in networks} == {crime}
    assert all(len(i.split(";")) >= 2 and int(n) > 0 for _, i, n in networks), networks
    found = world.sql(f"SELECT DISTINCT role FROM truth_accounts WHERE typology = '{typology}'")
    assert {r for (r,) in found} == roles
    assert world.sql(
        "SELECT count(*) = count(DISTINCT account_id) FROM truth_accounts WHERE involved"
    ) == [(True,)]
    stray = world.sql(
        f"SELECT count(*) FROM truth_transactions AS t JOIN {TX} AS x USING (transaction_id) "
        "WHERE NOT EXISTS (SELECT 1 FROM truth_accounts AS a WHERE a.network_id = t.network_id "
        "AND a.account_id IN (x.from_account_id, x.to_account_id)) "
        f"OR x.day < DATE '2024-01-01' OR x.day >= DATE '2024-01-01' + INTERVAL {DAYS} DAY"
    )
    assert stray == [(0,)]


# T8 ------------------------------------------------------------------------------------------


def test_t8_third_parties_pay_in_large_cash_in_other_states(t8: SmallWorld) -> None:
    """ML-04, MS-02: large cash deposits, many by other people, some far from home."""
    rows = t8.sql(
        "SELECT c.network_id, count(*), min(x.value), sum(x.value), "
        "count(*) FILTER (WHERE strpos(x.counterparty_name, split_part(p.name, ' ', -1)) = 0), "
        "count(DISTINCT x.city) FILTER (WHERE x.city <> p.city) "
        f"FROM {TX} AS x JOIN {_role(T8, 'controller')} AS c ON x.to_account_id = c.account_id "
        "JOIN accounts AS a ON a.account_id = c.account_id JOIN parties AS p USING (party_id) "
        "WHERE x.channel = 'cash' GROUP BY 1"
    )
    assert len(rows) == 2
    for _, deposits, smallest, total, third, far in rows:
        assert deposits >= 6 and smallest >= 3000 and total >= 40_000
        assert 0.25 <= third / deposits <= 0.9 and far >= 2


def test_t8_large_cash_leaves_at_several_branches_some_days_at_two_or_more(
    t8: SmallWorld,
) -> None:
    """MS-13: counter withdrawals at different branches on different days, and on some days
    at several branches."""
    rows = t8.sql(
        "SELECT c.network_id, x.from_account_id, x.day, x.description, x.value "
        f"FROM {TX} AS x JOIN {_role(T8, 'controller')} AS c ON x.from_account_id = c.account_id "
        "WHERE x.channel = 'cash' AND x.description LIKE 'counter withdrawal branch %'"
    )
    branches: dict[str, set[str]] = defaultdict(set)
    per_day: dict[tuple[str, str, dt.date], set[str]] = defaultdict(set)
    for network, account, day, branch, value in rows:
        assert 3000 <= value <= 9000
        branches[network].add(branch)
        per_day[network, account, day].add(branch)
    assert len(branches) == 2 and all(len(b) >= 3 for b in branches.values())
    several = {n for (n, _, _), b in per_day.items() if len(b) >= 2}
    assert several  # on different days, or (AUS-PS) at several branches the same day


def test_t8_structured_bursts_and_small_gifts_go_to_the_transit_country(t8: SmallWorld) -> None:
    """MS-14, ML-02, GEO-01: bursts under 10,000 to several third parties within four days,
    and a series of small 'gift' or 'personal' transfers."""
    rows = t8.sql(
        "SELECT c.network_id, x.day, x.value, x.counterparty_account, x.counterparty_country, "
        "x.description, x.channel FROM {tx} AS x JOIN {c} AS c ON x.from_account_id = c.account_id "
        "WHERE x.counterparty_country IS NOT NULL".format(tx=TX, c=_role(T8, "controller"))
    )
    for network in {r[0] for r in rows}:
        mine = [r for r in rows if r[0] == network]
        assert len({r[4] for r in mine}) == 1 and mine[0][4] in {"MX", "BS"}
        assert {r[6] for r in mine} <= {"wire", "remittance"}
        structured = [r for r in mine if 8000 <= r[2] < 10_000]
        burst = max(
            len({r[3] for r in structured if 0 <= (r[1] - s[1]).days < 4}) for s in structured
        )
        assert burst >= 3
        small = [r for r in mine if r[2] <= 5000 and r[5] in {"gift", "personal"}]
        assert len(small) >= 3 and min(r[2] for r in small) >= 100
    assert len({r[0] for r in rows}) == 2


def test_t8_identity_details_differ_between_records(t8: SmallWorld) -> None:
    """GEN-03: the organiser's own deposits under several spellings; a second account held
    under a name variant with his phone but another birth date."""
    spellings = t8.sql(
        "SELECT x.to_account_id, count(DISTINCT x.counterparty_name) "
        f"FROM {TX} AS x JOIN {_role(T8, 'controller')} AS c ON x.to_account_id = c.account_id "
        "JOIN accounts AS a ON a.account_id = c.account_id JOIN parties AS p USING (party_id) "
        "WHERE x.channel = 'cash' AND strpos(x.counterparty_name, split_part(p.name, ' ', -1)) > 0 "
        "GROUP BY 1"
    )
    assert spellings and max(n for _, n in spellings) >= 2
    aliases = t8.sql(
        "SELECT count(*) FROM parties AS p JOIN parties AS q ON p.phone = q.phone "
        "AND p.party_id < q.party_id AND p.name <> q.name AND p.birth_date <> q.birth_date "
        "WHERE p.party_id IN (SELECT a.party_id FROM accounts AS a "
        f"JOIN {_role(T8, 'controller')} USING (account_id)) "
        "AND q.party_id IN (SELECT a.party_id FROM accounts AS a "
        f"JOIN {_role(T8, 'controller')} USING (account_id))"
    )
    assert aliases[0][0] >= 1


# T12 -----------------------------------------------------------------------------------------


def _wage_shares(world: SmallWorld) -> list[tuple[str, str, dt.date, float, float]]:
    """Each T12 wage with the share its worker sent the broker the same day."""
    return world.sql(
        "SELECT w.network_id, x.to_account_id, x.day, x.value, "
        "coalesce(sum(s.value), 0) / x.value "
        f"FROM {TX} AS x JOIN {_role(T12, 'victim')} AS w ON x.to_account_id = w.account_id "
        f"JOIN {_role(T12, 'controller')} AS b ON b.network_id = w.network_id "
        f"LEFT JOIN {TX} AS s ON s.from_account_id = x.to_account_id "
        "AND s.to_account_id = b.account_id AND s.channel = 'p2p' AND s.day = x.day "
        "WHERE x.description = 'PAYROLL' GROUP BY x.transaction_id, 1, 2, 3, 4"
    )


def test_t12_broker_takes_half_to_seventy_percent_of_each_weekly_wage_the_same_day(
    t12: SmallWorld,
) -> None:
    """HT-LAB-02, HT-LAB-05: weekly payroll of 600-900; the same day 50-70 % to the broker."""
    wages = _wage_shares(t12)
    assert len(wages) >= 100
    assert all(600 <= value <= 900 and 0.49 <= share <= 0.71 for *_, value, share in wages)
    days: dict[str, list[dt.date]] = defaultdict(list)
    for _, worker, day, _, _ in wages:
        days[worker].append(day)
    gaps = {
        (b - a).days
        for d in days.values()
        for a, b in zip(sorted(d)[:-1], sorted(d)[1:], strict=True)
    }
    assert gaps == {7}


def test_t12_each_broker_collects_from_ten_to_thirty_workers(t12: SmallWorld) -> None:
    """HT-LAB-01 variant, MS-06: one broker receives the same from many workers."""
    rows = t12.sql(
        "SELECT b.network_id, count(DISTINCT x.from_account_id), "
        f"(SELECT count(*) FROM {_role(T12, 'victim')} AS v WHERE v.network_id = b.network_id) "
        f"FROM {TX} AS x JOIN {_role(T12, 'controller')} AS b ON x.to_account_id = b.account_id "
        "WHERE x.channel = 'p2p' GROUP BY 1"
    )
    assert len(rows) == 2 and all(10 <= payers == workers <= 30 for _, payers, workers in rows)


def test_t12_accounts_open_within_three_weeks_of_arrival_with_the_broker(
    t12: SmallWorld,
) -> None:
    """GEN-01, GEN-04, GEN-02: after the broker pays the group's bus from a border town, the
    accounts open within 21 days at one bank, with him as authorised user and his details."""
    border = {n for n, b in zip(places().cities.name, places().cities.border, strict=True) if b}
    rows = t12.sql(
        "SELECT v.network_id, a.opened_date, a.institution_id, w.onboarding_date, "
        "ap.party_id = ba.party_id, w.phone = bp.phone OR w.address = bp.address, "
        "(SELECT max(x.day) FROM {tx} AS x WHERE x.from_account_id = b.account_id "
        "AND x.merchant_category_code = '4131' AND x.day <= CAST(a.opened_date AS DATE)), "
        "(SELECT list(DISTINCT x.city) FROM {tx} AS x WHERE x.from_account_id = b.account_id "
        "AND x.merchant_category_code = '4131') "
        "FROM {v} AS v JOIN accounts AS a USING (account_id) "
        "JOIN parties AS w ON w.party_id = a.party_id "
        "JOIN account_parties AS ap ON ap.account_id = v.account_id "
        "AND ap.relation = 'authorised_user' "
        "JOIN {b} AS b ON b.network_id = v.network_id "
        "JOIN accounts AS ba ON ba.account_id = b.account_id AND ba.account_type = 'current' "
        "JOIN parties AS bp ON bp.party_id = ba.party_id".format(
            tx=TX, v=_role(T12, "victim"), b=_role(T12, "controller")
        )
    )
    assert len(rows) >= 20 and len({r[0] for r in rows}) == 2
    for _, opened, _, onboarded, broker_is_user, _, bus, cities in rows:
        opened_day = dt.date.fromisoformat(opened)
        assert broker_is_user and bus is not None and 0 <= (opened_day - bus).days <= 22
        assert 0 <= (opened_day - dt.date.fromisoformat(onboarded)).days <= 1
        assert set(cities) <= border
    assert sum(r[5] for r in rows) >= len(rows) / 2
    assert all(len({r[2] for r in rows if r[0] == n}) == 1 for n in {r[0] for r in rows})


def test_t12_broker_remits_most_of_it_to_the_smugglers_by_msb(t12: SmallWorld) -> None:
    """MS-03, GEO-01, MS-06: from his MSB wallet, under 3,000 each, to the origin or transit
    country; some workers pay the same organisers directly."""
    corridor = {*places().countries_on("migrant_origin"), "MX"}
    remitted = t12.sql(
        "SELECT b.network_id, a.account_type, x.counterparty_country, x.counterparty_name, "
        f"x.value FROM {TX} AS x JOIN {_role(T12, 'controller')} AS b "
        "ON x.from_account_id = b.account_id JOIN accounts AS a ON a.account_id = b.account_id "
        "WHERE x.channel = 'remittance'"
    )
    assert {r[1] for r in remitted} == {"wallet"} and {r[2] for r in remitted} <= corridor
    assert all(r[4] < 3000 for r in remitted)
    taken = dict(
        t12.sql(
            f"SELECT b.network_id, sum(x.value) FROM {TX} AS x JOIN {_role(T12, 'controller')} "
            "AS b ON x.to_account_id = b.account_id WHERE x.channel = 'p2p' GROUP BY 1"
        )
    )
    for network, total in taken.items():
        assert sum(r[4] for r in remitted if r[0] == network) >= 0.5 * total
    direct = t12.sql(
        f"SELECT count(DISTINCT x.from_account_id) FROM {TX} AS x "
        f"JOIN {_role(T12, 'victim')} AS v ON x.from_account_id = v.account_id "
        "WHERE x.channel = 'remittance' AND x.counterparty_name IN "
        f"(SELECT y.counterparty_name FROM {TX} AS y JOIN {_role(T12, 'controller')} AS b "
        "ON y.from_account_id = b.account_id WHERE y.channel = 'remittance')"
    )
    assert direct[0][0] >= 2


# T13 -----------------------------------------------------------------------------------------


def _agency(world: SmallWorld) -> list[tuple[str, float, float, float, int, float, float]]:
    """Per network: declared turnover, transfers in, cash in, distinct payers, round share,
    and the largest single cash deposit."""
    return world.sql(
        "SELECT f.network_id, any_value(CAST(p.declared_income AS DOUBLE)), "
        "sum(x.value) FILTER (WHERE x.channel <> 'cash'), "
        "sum(x.value) FILTER (WHERE x.channel = 'cash'), "
        "count(DISTINCT coalesce(x.from_account_id, x.counterparty_name)) "
        "FILTER (WHERE x.channel <> 'cash'), "
        "avg(CASE WHEN x.value % 50 = 0 THEN 1 ELSE 0 END) FILTER (WHERE x.channel <> 'cash'), "
        "max(x.value) FILTER (WHERE x.channel = 'cash') "
        f"FROM {TX} AS x JOIN {_role(T13, 'front_business')} AS f "
        "ON x.to_account_id = f.account_id JOIN accounts AS a ON a.account_id = f.account_id "
        "JOIN parties AS p USING (party_id) WHERE p.industry_code = '7911' GROUP BY 1"
    )


def test_t13_many_payers_in_irregular_amounts_far_beyond_turnover(t13: SmallWorld) -> None:
    """MS-10, MS-07: agencies and individuals pay millions; cash beyond the turnover."""
    rows = _agency(t13)
    assert len(rows) == 2
    for _, turnover, transfers, cash, payers, round_share, biggest_cash in rows:
        assert payers >= 50 and round_share < 0.1
        assert transfers * 365 / DAYS > 3 * turnover
        assert cash * 365 / DAYS > 0.5 * turnover and biggest_cash < 10_000


def test_t13_large_refunds_without_explanation(t13: SmallWorld) -> None:
    """MS-10: refunds of thousands, some to people who never paid the agency."""
    rows = t13.sql(
        "SELECT f.network_id, count(*), sum(x.value), max(x.value), "
        "count(*) FILTER (WHERE x.counterparty_name NOT IN (SELECT y.counterparty_name "
        f"FROM {TX} AS y WHERE y.to_account_id = f.account_id "
        "AND y.counterparty_name IS NOT NULL)), "
        f"(SELECT sum(y.value) FROM {TX} AS y WHERE y.to_account_id = f.account_id) "
        f"FROM {TX} AS x JOIN {_role(T13, 'front_business')} AS f "
        "ON x.from_account_id = f.account_id WHERE x.description = 'refund' GROUP BY ALL"
    )
    assert len(rows) == 2
    for _, refunds, total, largest, strangers, inflow in rows:
        assert refunds >= 3 and largest >= 10_000 and strangers >= 1
        assert total >= 0.05 * inflow


def test_t13_most_money_goes_to_a_related_business_in_the_transit_country(
    t13: SmallWorld,
) -> None:
    """MS-11, ML-16, GEO-01: wires to a hotel or transport firm bearing the owner's surname;
    business-typical debits are a thin share of the outflows."""
    rows = t13.sql(
        "SELECT f.network_id, "
        "sum(x.value) FILTER (WHERE x.channel = 'wire' AND x.counterparty_country IN "
        "('NI', 'GT', 'MX') AND strpos(x.counterparty_name, split_part(o.name, ' ', -1)) > 0), "
        "count(DISTINCT x.counterparty_country) FILTER (WHERE x.description <> 'refund' "
        "AND x.counterparty_country IS NOT NULL), "
        "sum(x.value) FILTER (WHERE x.description IN "
        "('airline settlement', 'commercial rent', 'PAYROLL')), sum(x.value), "
        f"(SELECT sum(y.value) FROM {TX} AS y WHERE y.to_account_id = f.account_id) "
        f"FROM {TX} AS x JOIN {_role(T13, 'front_business')} AS f "
        "ON x.from_account_id = f.account_id "
        "JOIN account_parties AS ap ON ap.account_id = f.account_id "
        "AND ap.relation = 'beneficial_owner' JOIN parties AS o ON o.party_id = ap.party_id "
        "GROUP BY f.network_id, f.account_id"
    )
    assert len(rows) == 2
    for _, related, countries, typical, outflow, inflow in rows:
        assert related >= 0.4 * inflow and countries == 1
        assert typical < 0.2 * outflow


# Subtlety ------------------------------------------------------------------------------------


def test_subtlety_weakens_the_signals(t8: SmallWorld, t12: SmallWorld, subtle: SmallWorld) -> None:
    def mean_share(world: SmallWorld) -> float:
        shares = [share for *_, share in _wage_shares(world)]
        return sum(shares) / len(shares)

    assert mean_share(t12) > 0.5 > 0.3 > mean_share(subtle)

    def same_day_branches(world: SmallWorld) -> int:
        return world.sql(
            "SELECT count(*) FROM (SELECT x.from_account_id, x.day FROM "
            f"{TX} AS x JOIN {_role(T8, 'controller')} AS c ON x.from_account_id = c.account_id "
            "WHERE x.description LIKE 'counter withdrawal branch %' GROUP BY ALL "
            "HAVING count(DISTINCT x.description) > 1)"
        )[0][0]

    assert same_day_branches(t8) > 0 == same_day_branches(subtle)
