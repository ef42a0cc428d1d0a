"""Smuggling and laundering typologies: each validates, carries its truth, and shows the
signals that define it in the written data (not just in the generator's intent)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path
from statistics import mean
from typing import Any

import duckdb
import pytest

from tests.simulate.scenario_harness import TABLES, small_world, world_config
from tests.simulate.test_smuggling_fronts import EXPECTED as FRONTS
from tipflow.simulate.reference import places
from tipflow.simulate.scenarios import group_smuggling_laundering

SHAPES = ("fan_in", "fan_out", "cycle", "scatter_gather", "gather_scatter", "bipartite")
EXPECTED = {  # typology: (crime, roles)
    "smuggling_border_funnel": ("migrant_smuggling", {"funnel"}),
    "smuggling_hawala_pass_through": ("migrant_smuggling", {"front_business", "facilitator"}),
    "sex_trafficking_funnel_network": ("sex_trafficking", {"victim", "funnel", "controller"}),
    "laundering_structuring": ("laundering", {"funnel"}),
    **{
        f"laundering_{s}": ("laundering", {"funnel", "facilitator"})
        for s in ("rapid_movement", *SHAPES)
    },
}
AMOUNT = "CAST(x.amount AS DOUBLE)"
LOCAL = "CAST(substr(x.timestamp, 1, 19) AS TIMESTAMP)"
DAY = "CAST(substr(x.timestamp, 1, 10) AS DATE)"
TAGGED = "truth_transactions AS t JOIN transactions AS x USING (transaction_id)"


class Loaded:
    """A simulated, validated world whose tables are read once (many queries follow)."""

    def __init__(self, out: Path, ids: list[str], subtlety: float) -> None:
        plans = {i: {"per_100k": 0, "minimum": 2} for i in ids}
        config = world_config(plans, days=120).model_copy(update={"subtlety": subtlety})
        path = small_world(out, config).path
        self.con = duckdb.connect()
        for table in (*TABLES, "truth/accounts", "truth/transactions", "truth/networks"):
            source = f"read_csv('{path / table}.csv', all_varchar = true)"
            self.con.execute(f"CREATE TABLE {table.replace('/', '_')} AS SELECT * FROM {source}")

    def sql(self, query: str) -> list[tuple[Any, ...]]:
        return self.con.execute(query).fetchall()


def _loaded(factory: pytest.TempPathFactory, ids: list[str], subtlety: float) -> Iterator[Loaded]:
    small = Loaded(factory.mktemp("world"), ids, subtlety)
    yield small
    small.con.close()


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    yield from _loaded(tmp_path_factory, list(EXPECTED), 0.0)


@pytest.fixture(scope="module")
def subtle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Loaded]:
    ids = ["smuggling_border_funnel", "laundering_structuring", "laundering_fan_in"]
    yield from _loaded(tmp_path_factory, ids, 1.0)


def test_every_scenario_of_the_group_is_tested() -> None:
    """Here, or (T8, T12, T13) in test_smuggling_fronts.py."""
    assert {s.id for s in group_smuggling_laundering.SCENARIOS} == set(EXPECTED) | set(FRONTS)


@pytest.mark.parametrize("typology", sorted(EXPECTED))
def test_truth_names_the_crime_and_roles(world: Loaded, typology: str) -> None:
    crime, roles = EXPECTED[typology]
    networks = world.sql(
        f"SELECT crime, institutions FROM truth_networks WHERE typology = '{typology}'"
    )
    assert len(networks) == 2 and {c for c, _ in networks} == {crime}
    assert all(len(i.split(";")) >= 2 for _, i in networks), networks  # spans institutions
    found = world.sql(
        f"SELECT DISTINCT role, crime FROM truth_accounts WHERE typology = '{typology}'"
    )
    assert {r for r, _ in found} == roles and {c for _, c in found} == {crime}


def test_accounts_are_marked_once_and_tagged_rows_touch_their_network(world: Loaded) -> None:
    assert world.sql(
        "SELECT count(*) = count(DISTINCT account_id) FROM truth_accounts WHERE involved"
    ) == [(True,)]
    stray = world.sql(
        f"SELECT count(*) FROM {TAGGED} WHERE NOT EXISTS (SELECT 1 FROM truth_accounts AS a "
        "WHERE a.network_id = t.network_id "
        "AND a.account_id IN (x.from_account_id, x.to_account_id))"
    )
    assert stray == [(0,)]


def test_border_funnel_takes_dispersed_fees_and_draws_border_cash(world: Loaded) -> None:
    inside = "SELECT account_id FROM truth_accounts WHERE typology = 'smuggling_border_funnel'"
    payer = "coalesce(x.from_account_id, x.counterparty_name)"
    credits = (
        "FROM truth_accounts AS a JOIN accounts AS c USING (account_id) "
        "JOIN transactions AS x ON x.to_account_id = a.account_id "
        f"WHERE a.typology = 'smuggling_border_funnel' AND {payer} IS NOT NULL "
        f"AND coalesce(x.description, '') <> 'PAYROLL' AND coalesce(x.from_account_id, '') "
        f"NOT IN ({inside})"
    )
    best = world.sql(
        f"SELECT network_id, max(payers), max(places) FROM (SELECT a.network_id, c.party_id, "
        f"count(DISTINCT {payer}) AS payers, "
        f"count(DISTINCT coalesce(x.city, x.counterparty_country)) AS places {credits} "
        "GROUP BY ALL) GROUP BY ALL"
    )
    assert len(best) == 2 and all(p >= 10 and c >= 3 for _, p, c in best), best  # MS-01
    two_part = world.sql(
        f"SELECT count(*) FROM (SELECT x.to_account_id, {payer}, "
        f"max({DAY}) - min({DAY}) AS gap {credits} GROUP BY ALL) WHERE gap BETWEEN 5 AND 47"
    )
    assert two_part[0][0] > 0  # MS-08
    assert world.sql(f"SELECT count(*) {credits} AND x.from_account_id IS NOT NULL")[0][0] > 0
    border = {n for n, b in zip(places().cities.name, places().cities.border, strict=True) if b}
    cash_out = world.sql(
        f"SELECT x.city FROM transactions AS x WHERE x.from_account_id IN ({inside}) "
        f"AND x.channel = 'cash' AND {AMOUNT} >= 2000"
    )
    assert cash_out and {c for (c,) in cash_out} <= border  # GEO-02, MS-13
    wires = world.sql(
        f"SELECT DISTINCT x.counterparty_country FROM transactions AS x "
        f"WHERE x.from_account_id IN ({inside}) AND x.channel = 'wire'"
    )
    assert {c for (c,) in wires} <= {"MX", "GT"} and wires  # MS-03


def test_hawala_shop_holds_many_small_fees_and_releases_round_lots(world: Loaded) -> None:
    rows = world.sql(
        "SELECT a.network_id, any_value(CAST(p.declared_income AS DOUBLE)), "
        "count(DISTINCT coalesce(x.from_account_id, x.counterparty_name)) FILTER (WHERE "
        f"x.channel IN ('p2p', 'wire', 'ach') AND {AMOUNT} BETWEEN 200 AND 2000 "
        "AND x.description IS DISTINCT FROM 'card settlement'), "
        f"sum({AMOUNT}) FILTER (WHERE x.channel = 'cash'), "
        f"min({DAY}) FILTER (WHERE x.channel = 'p2p') "
        "FROM truth_accounts AS a JOIN accounts AS c USING (account_id) "
        "JOIN parties AS p USING (party_id) "
        "JOIN transactions AS x ON x.to_account_id = a.account_id "
        "WHERE a.role = 'front_business' GROUP BY ALL ORDER BY 1"
    )
    releases = world.sql(
        f"SELECT a.network_id, {AMOUNT}, x.counterparty_country, min({DAY}) "
        "FROM truth_accounts AS a JOIN transactions AS x ON x.from_account_id = a.account_id "
        f"WHERE a.role = 'front_business' AND {AMOUNT} >= 20000 GROUP BY ALL ORDER BY 1"
    )
    for network, turnover, payers, cash, first_credit in rows:
        assert payers >= 30  # MS-09: many unrelated payers
        assert cash * 365 / 120 > 0.5 * turnover  # MS-10: cash beyond the declared turnover
        lots = [r for r in releases if r[0] == network]
        assert lots, network
        for _, amount, country, day in lots:
            assert amount % 5000 == 0 and country in {"AE", "TR"}  # ML-16, GEO-01
            assert (day - first_credit).days >= 7  # held at least a week


def test_funnel_network_banks_cash_far_away_and_draws_it_in_the_hub(world: Loaded) -> None:
    victims = world.sql(
        "SELECT a.network_id, count(DISTINCT c.institution_id), count(DISTINCT c.branch_city), "
        "count(DISTINCT p.address), max(CAST(c.opened_date AS DATE)) - "
        "min(CAST(c.opened_date AS DATE)), any_value(c.branch_city) "
        "FROM truth_accounts AS a JOIN accounts AS c USING (account_id) "
        "JOIN parties AS p USING (party_id) WHERE a.role = 'victim' GROUP BY ALL"
    )
    assert all(v[1:5] == (1, 1, 1, v[4]) and v[4] <= 3 for v in victims), victims  # GEN-02
    cash = world.sql(
        "SELECT a.network_id, x.to_account_id IS NULL AS withdrawal, x.city, "
        f"coalesce(x.to_account_id, x.from_account_id), {DAY}, {AMOUNT} "
        "FROM truth_accounts AS a JOIN transactions AS x "
        "ON a.account_id IN (x.from_account_id, x.to_account_id) "
        "WHERE a.role = 'victim' AND x.channel = 'cash'"
    )
    hub = {v[0]: v[5] for v in victims}
    for network in hub:
        deposits = {(r[3], r[4]) for r in cash if r[0] == network and not r[1]}
        cities = {r[2] for r in cash if r[0] == network and not r[1]}
        draws = [r for r in cash if r[0] == network and r[1]]
        assert len(cities - {hub[network]}) >= 2  # ML-01: deposits away from home
        assert draws and {r[2] for r in draws} == {hub[network]}
        covered = [
            (r[3], r[4]) in deposits or (r[3], r[4] - dt.timedelta(1)) in deposits for r in draws
        ]
        assert all(covered)  # deposits sized to the withdrawal, the same or previous day
        assert 2000 <= sorted(r[5] for r in draws)[len(draws) // 2] <= 9500
    wires = world.sql(
        "SELECT DISTINCT x.counterparty_country, x.description FROM truth_accounts AS a "
        "JOIN transactions AS x ON x.from_account_id = a.account_id "
        "WHERE a.typology = 'sex_trafficking_funnel_network' AND x.channel = 'wire'"
    )
    assert wires and {c for c, _ in wires} <= set(places().countries_on("ht_source"))
    assert {d for _, d in wires} <= {"family support", "loan repayment"}  # ML-15


def _in_band_per_week(world: Loaded) -> dict[str, int]:
    """Most cash events in [8,000, 10,000) within seven days, per structuring network."""
    rows = world.sql(
        f"SELECT a.network_id, {DAY} FROM truth_accounts AS a JOIN transactions AS x "
        "ON a.account_id IN (x.from_account_id, x.to_account_id) "
        f"WHERE a.typology = 'laundering_structuring' AND x.channel = 'cash' "
        f"AND {AMOUNT} >= 8000 AND {AMOUNT} < 10000"
    )
    days: dict[str, list[dt.date]] = defaultdict(list)
    for network, day in rows:
        days[network].append(day)
    return {n: max(sum(0 <= (e - d).days < 7 for e in ds) for d in ds) for n, ds in days.items()}


def test_structuring_keeps_cash_just_below_the_threshold(world: Loaded) -> None:
    burst = _in_band_per_week(world)
    assert len(burst) == 2 and min(burst.values()) >= 3  # ML-02
    largest = world.sql(
        f"SELECT max({AMOUNT}) FROM truth_accounts AS a JOIN transactions AS x "
        "ON a.account_id IN (x.from_account_id, x.to_account_id) "
        "WHERE a.typology = 'laundering_structuring' AND x.channel = 'cash'"
    )
    assert largest[0][0] < 10000
    splits = world.sql(
        f"SELECT count(*) FROM (SELECT a.network_id, {DAY}, sum({AMOUNT}) AS total, "
        "count(DISTINCT x.city) AS branches FROM truth_accounts AS a JOIN transactions AS x "
        "ON x.to_account_id = a.account_id WHERE a.typology = 'laundering_structuring' "
        f"AND x.channel = 'cash' AND {AMOUNT} >= 8000 GROUP BY ALL) "
        "WHERE total >= 10000 AND branches >= 2"
    )
    assert splits[0][0] > 0  # same-day splits across branches


def test_rapid_movement_passes_credits_on_within_two_days(world: Loaded) -> None:
    chain = "SELECT account_id FROM truth_accounts WHERE typology = 'laundering_rapid_movement'"
    shares = world.sql(
        f"SELECT a.network_id, sum({AMOUNT}) FILTER (WHERE EXISTS (SELECT 1 FROM transactions "
        f"AS y WHERE y.from_account_id = a.account_id AND y.to_account_id IN ({chain}) "
        f"AND CAST(substr(y.timestamp, 1, 19) AS TIMESTAMP) BETWEEN {LOCAL} "
        f"AND {LOCAL} + INTERVAL 48 HOUR)) / sum({AMOUNT}) "
        "FROM truth_accounts AS a JOIN transactions AS x ON x.to_account_id = a.account_id "
        "WHERE a.typology = 'laundering_rapid_movement' AND a.role = 'funnel' "
        "AND x.description IS DISTINCT FROM 'PAYROLL' GROUP BY ALL"
    )
    assert len(shares) == 2 and all(s >= 0.8 for _, s in shares), shares  # ML-03
    hops = world.sql(
        "SELECT f.institution_id = g.institution_id FROM transactions AS x "
        "JOIN accounts AS f ON f.account_id = x.from_account_id "
        "JOIN accounts AS g ON g.account_id = x.to_account_id "
        f"WHERE x.from_account_id IN ({chain}) AND x.to_account_id IN ({chain})"
    )
    assert hops and not any(same for (same,) in hops)  # every hop crosses institutions


def _legs(world: Loaded, typology: str) -> dict[str, list[tuple[dt.datetime, str, str]]]:
    """Movements between a network's own accounts, in absolute time order."""
    offsets = dict(zip(places().cities.name, places().cities.utc_offset, strict=True))
    rows = world.sql(
        f"SELECT t.network_id, {LOCAL}, x.city, x.from_account_id, x.to_account_id FROM {TAGGED} "
        "JOIN truth_accounts AS f ON f.account_id = x.from_account_id "
        "JOIN truth_accounts AS g ON g.account_id = x.to_account_id "
        f"WHERE t.typology = '{typology}' AND f.network_id = g.network_id"
    )
    legs: dict[str, list[tuple[dt.datetime, str, str]]] = defaultdict(list)
    for network, local, city, source, target in rows:
        legs[network].append((local - dt.timedelta(minutes=offsets[city]), source, target))
    return {n: sorted(v) for n, v in legs.items()}


def _hubs(world: Loaded, typology: str) -> set[str]:
    rows = world.sql(
        f"SELECT account_id FROM truth_accounts WHERE typology = '{typology}' AND role = 'funnel'"
    )
    return {a for (a,) in rows}


def test_cycle_returns_to_its_start_in_time_order(world: Loaded) -> None:
    hubs = _hubs(world, "laundering_cycle")
    for legs in _legs(world, "laundering_cycle").values():
        start = next(leg for leg in legs if leg[1] in hubs)
        moment, here, steps = start[0], start[2], 1
        while here != start[1] and steps <= 8:
            moment, _, here = next(leg for leg in legs if leg[1] == here and leg[0] > moment)
            steps += 1
        assert here == start[1] and 3 <= steps <= 8


@pytest.mark.parametrize("typology", ["laundering_fan_in", "laundering_fan_out"])
def test_fans_meet_many_counterparts_within_four_days(world: Loaded, typology: str) -> None:
    hubs, inward = _hubs(world, typology), typology.endswith("_in")
    for legs in _legs(world, typology).values():
        touching = [(m, s if inward else t) for m, s, t in legs if (t if inward else s) in hubs]
        widest = max(
            len({o for m2, o in touching if dt.timedelta(0) <= m2 - m <= dt.timedelta(days=4)})
            for m, _ in touching
        )
        assert widest >= 5


def test_scatter_gather_and_gather_scatter_keep_their_order(world: Loaded) -> None:
    hubs = _hubs(world, "laundering_scatter_gather")
    for legs in _legs(world, "laundering_scatter_gather").values():
        first = {t: m for m, s, t in reversed(legs) if s in hubs}  # scattered to, and when
        gathered = {s for m, s, t in legs if t in hubs and s in first and m > first[s]}
        assert len(gathered) >= 2
    hubs = _hubs(world, "laundering_gather_scatter")
    for legs in _legs(world, "laundering_gather_scatter").values():
        outs = [m for m, s, _ in legs if s in hubs]
        senders = {s for m, s, t in legs if t in hubs and m < min(outs)}
        assert len(senders) >= 2 and len({t for _, s, t in legs if s in hubs}) >= 2


def test_bipartite_pays_from_one_side_to_the_other(world: Loaded) -> None:
    hubs = _hubs(world, "laundering_bipartite")
    for legs in _legs(world, "laundering_bipartite").values():
        senders, receivers = {s for _, s, _ in legs}, {t for _, _, t in legs}
        assert senders <= hubs and not senders & receivers and len(receivers) >= 2


def test_subtlety_weakens_the_signals(world: Loaded, subtle: Loaded) -> None:
    def payers(w: Loaded) -> float:
        rows = w.sql(
            "SELECT t.network_id, count(DISTINCT x.counterparty_name) FROM "
            f"{TAGGED} WHERE t.typology = 'smuggling_border_funnel' AND x.channel IN "
            "('p2p', 'remittance') GROUP BY ALL"
        )
        return float(mean(n for _, n in rows))

    def fan(w: Loaded) -> float:
        legs = _legs(w, "laundering_fan_in")
        return mean(len({s for _, s, _ in v}) for v in legs.values())

    assert payers(subtle) < payers(world)
    assert mean(_in_band_per_week(subtle).values()) < mean(_in_band_per_week(world).values())
    assert fan(subtle) < fan(world)
