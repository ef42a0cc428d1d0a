"""A simulated world is a valid dataset whose ground truth is consistent with it."""

from __future__ import annotations

import hashlib
from pathlib import Path

import duckdb
import pytest

from tipflow.ingest import validate_dataset
from tipflow.simulate import SimulationResult, load_world_config, simulate

TABLES = ("parties", "accounts", "transactions", "account_parties", "labels", "watchlist")


def _world(out: Path, seed: int = 3, fmt: str = "csv") -> SimulationResult:
    config = load_world_config().with_overrides(customers=1500, days=45, seed=seed)
    return simulate(config, out, fmt)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("world")
    _world(out)
    return out


def _sql(world: Path, query: str) -> list[tuple[object, ...]]:
    con = duckdb.connect()
    try:
        for table in (*TABLES, "truth/accounts", "truth/transactions", "truth/networks"):
            name = table.replace("/", "_")
            source = f"read_csv('{world / table}.csv', all_varchar = true)"
            con.execute(f"CREATE VIEW {name} AS SELECT * FROM {source}")
        return con.execute(query).fetchall()
    finally:
        con.close()


def test_the_world_is_accepted_whole(world: Path, tmp_path: Path) -> None:
    report = validate_dataset(world, tmp_path)
    assert report.totals is not None and report.totals.quarantined == 0
    assert all(
        report.tables[t].read > 0
        for t in ("parties", "accounts", "transactions", "account_parties")
    )
    assert not report.tables["parties"].warnings, report.tables["parties"].warnings


def test_every_truth_transaction_exists(world: Path) -> None:
    missing = _sql(
        world,
        "SELECT count(*) FROM truth_transactions ANTI JOIN transactions USING (transaction_id)",
    )
    assert missing == [(0,)]
    assert _sql(world, "SELECT count(*) > 0 FROM truth_transactions") == [(True,)]


def test_every_account_has_one_truth_row(world: Path) -> None:
    counts = _sql(
        world,
        "SELECT (SELECT count(*) FROM accounts), count(*), count(DISTINCT account_id) "
        "FROM truth_accounts",
    )
    assert counts[0][0] == counts[0][1] == counts[0][2]


def test_every_involved_account_has_a_network_and_role(world: Path) -> None:
    bad = _sql(
        world,
        "SELECT count(*) FROM truth_accounts WHERE involved = 'true' "
        "AND (network_id IS NULL OR role IS NULL OR crime IS NULL)",
    )
    assert bad == [(0,)]


def test_every_network_member_exists_and_belongs(world: Path) -> None:
    rows = _sql(
        world,
        "SELECT count(*) FILTER (WHERE a.account_id IS NULL), "
        "count(*) FILTER (WHERE t.network_id <> n.network_id) "
        "FROM (SELECT network_id, unnest(string_split(accounts, ';')) AS account_id "
        "      FROM truth_networks) AS n "
        "LEFT JOIN accounts AS a USING (account_id) "
        "LEFT JOIN truth_accounts AS t USING (account_id)",
    )
    assert rows == [(0, 0)]


def test_networks_span_institutions(world: Path) -> None:
    spans = _sql(
        world,
        "SELECT max(length(institutions) - length(replace(institutions, ';', '')) + 1) "
        "FROM truth_networks",
    )
    assert spans[0][0] >= 2


def test_lookalikes_are_never_involved(world: Path) -> None:
    assert _sql(
        world,
        "SELECT count(*) FROM truth_accounts WHERE lookalike IS NOT NULL AND involved = 'true'",
    ) == [(0,)]
    assert _sql(world, "SELECT count(*) > 0 FROM truth_accounts WHERE lookalike IS NOT NULL") == [
        (True,)
    ]


def test_labels_agree_with_truth(world: Path) -> None:
    wrong = _sql(
        world,
        "SELECT count(*) FROM labels JOIN truth_accounts USING (account_id) "
        "WHERE (label = 'suspicious') <> (involved = 'true')",
    )
    assert wrong == [(0,)]


def test_wages_match_declared_income(world: Path) -> None:
    """KYC agrees with behaviour: a year of net wages is close to the declared gross income."""
    ratio = _sql(
        world,
        "SELECT median(w.total / (45 / 365.0) / CAST(p.declared_income AS DOUBLE)) "
        "FROM (SELECT a.party_id, sum(CAST(t.amount AS DOUBLE)) AS total FROM transactions AS t "
        "      JOIN accounts AS a ON t.to_account_id = a.account_id "
        "      WHERE t.description = 'PAYROLL' GROUP BY 1) AS w JOIN parties AS p USING (party_id)",
    )[0][0]
    assert 0.6 < float(ratio) < 0.95  # net of tax, over whole pay periods


def test_same_seed_same_world(world: Path, tmp_path: Path) -> None:
    _world(tmp_path)
    for table in TABLES:
        assert _digest(world / f"{table}.csv") == _digest(tmp_path / f"{table}.csv"), table


def test_other_seed_other_world(world: Path, tmp_path: Path) -> None:
    _world(tmp_path, seed=4)
    assert _digest(world / "transactions.csv") != _digest(tmp_path / "transactions.csv")


def test_parquet_world_is_valid(tmp_path: Path) -> None:
    _world(tmp_path / "w", fmt="parquet")
    report = validate_dataset(tmp_path / "w", tmp_path / "out")
    assert report.totals is not None and report.totals.quarantined == 0
    assert report.tables["transactions"].format == "parquet"


def test_a_one_week_world_is_valid(tmp_path: Path) -> None:
    # Scenario phases that start after a short world ends (a recruiter's first payday) are empty.
    config = load_world_config().with_overrides(customers=1000, days=7, seed=7)
    simulate(config, tmp_path / "w")
    report = validate_dataset(tmp_path / "w", tmp_path / "out")
    assert report.totals is not None and report.totals.quarantined == 0


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
