"""The Australian hold-out world: valid under the contract, truthful, complete, deterministic."""

from __future__ import annotations

import csv
import filecmp
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.holdout_au import write_holdout_world

CUSTOMERS, DAYS, SEED, SUBTLETY = 800, 60, 11, 0.4
TIPFLOW = Path(sys.executable).with_name("tipflow")
TABLES = ["parties", "accounts", "transactions", "account_parties", "watchlist"]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("au") / "world"
    write_holdout_world(out, CUSTOMERS, DAYS, SEED, SUBTLETY)
    return out


def test_validates_with_nothing_quarantined(world: Path, tmp_path: Path) -> None:
    run = subprocess.run(
        [str(TIPFLOW), "validate", str(world), "--out", str(tmp_path / "v"), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    record = json.loads(run.stdout)
    for table in TABLES:
        info = record["tables"][table]
        assert info["read"] > 0, table
        assert info["quarantined"] == 0, (table, info["quarantine_reasons"])
    assert not (world / "labels.csv").exists()


def test_truth_is_consistent(world: Path) -> None:
    accounts = {r["account_id"] for r in _rows(world / "accounts.csv")}
    truth = _rows(world / "truth" / "accounts.csv")
    assert {r["account_id"] for r in truth} == accounts
    assert len(truth) == len(accounts)
    tx_ids = {r["transaction_id"] for r in _rows(world / "transactions.csv")}
    crime_tx = _rows(world / "truth" / "transactions.csv")
    assert crime_tx and all(r["transaction_id"] in tx_ids for r in crime_tx)
    by_id = {r["account_id"]: r for r in truth}
    for net in _rows(world / "truth" / "networks.csv"):
        members = net["accounts"].split(";")
        assert int(net["size"]) == len(members) > 0
        for a in members:
            assert by_id[a]["involved"] == "true"
            assert by_id[a]["network_id"] == net["network_id"]
            assert by_id[a]["typology"] == net["typology"]
    crimes = {"sex_trafficking", "labour_trafficking", "migrant_smuggling", "laundering"}
    roles = {"victim", "controller", "front_business", "facilitator", "funnel"}
    for r in truth:
        if r["involved"] == "true":
            assert r["crime"] in crimes and r["role"] in roles and not r["lookalike"]
        else:
            assert not (r["crime"] or r["role"] or r["typology"] or r["network_id"])


def test_every_typology_and_lookalike_present(world: Path) -> None:
    truth = _rows(world / "truth" / "accounts.csv")
    typologies = {r["typology"] for r in truth if r["involved"] == "true"}
    assert typologies == {f"T{i}" for i in range(1, 14)}
    crime_tx = {r["typology"] for r in _rows(world / "truth" / "transactions.csv")}
    assert crime_tx == typologies
    counts: dict[str, int] = {}
    for r in truth:
        if r["lookalike"]:
            counts[r["lookalike"]] = counts.get(r["lookalike"], 0) + 1
    assert set(counts) == {f"L{i}" for i in range(1, 25)}
    assert min(counts.values()) >= 5


def test_deterministic(world: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    write_holdout_world(again, CUSTOMERS, DAYS, SEED, SUBTLETY)
    files = [f"{t}.csv" for t in TABLES] + [
        f"truth/{t}.csv" for t in ("accounts", "transactions", "networks")
    ]
    _match, mismatch, errors = filecmp.cmpfiles(world, again, files, shallow=False)
    assert not mismatch and not errors, (mismatch, errors)
