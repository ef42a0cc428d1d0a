"""The holdout generator writes valid, self-consistent, deterministic worlds."""

from __future__ import annotations

import csv
import filecmp
import subprocess
import sys
from pathlib import Path

import pytest

from tests.holdout import write_holdout_world

TYPOLOGIES = {f"T{i}" for i in range(1, 14)}
LOOKALIKES = {f"L{i}" for i in range(1, 25)}
REPO = Path(__file__).resolve().parents[2]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("holdout") / "world"
    write_holdout_world(out, customers=800, days=60, seed=5, subtlety=0.4)
    return out


def test_validates_with_nothing_quarantined(world: Path, tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "tipflow", "validate", str(world), "--out", str(tmp_path), "--json"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    quarantine = tmp_path / "quarantine"
    rejected = [p.name for p in quarantine.glob("*.csv")] if quarantine.exists() else []
    assert not any(len(_rows(quarantine / name)) for name in rejected), rejected


def test_truth_is_consistent(world: Path) -> None:
    accounts = {r["account_id"] for r in _rows(world / "accounts.csv")}
    tx_ids = {r["transaction_id"] for r in _rows(world / "transactions.csv")}
    truth = _rows(world / "truth" / "accounts.csv")
    networks = _rows(world / "truth" / "networks.csv")
    crime_tx = _rows(world / "truth" / "transactions.csv")
    assert {r["account_id"] for r in truth} == accounts and len(truth) == len(accounts)
    assert crime_tx and all(r["transaction_id"] in tx_ids for r in crime_tx)
    net_ids = {n["network_id"] for n in networks}
    assert {r["network_id"] for r in crime_tx} <= net_ids
    for n in networks:
        members = n["accounts"].split(";")
        assert set(members) <= accounts and int(n["size"]) == len(members)
    involved = [r for r in truth if r["involved"] == "true"]
    assert all(r["network_id"] in net_ids and r["role"] and r["crime"] for r in involved)
    assert all(r["involved"] == "false" for r in truth if r["lookalike"])
    assert {n["typology"] for n in networks} == TYPOLOGIES
    kinds = [r["lookalike"] for r in truth if r["lookalike"]]
    assert set(kinds) == LOOKALIKES
    assert all(kinds.count(k) >= 5 for k in LOOKALIKES)
    assert len(involved) / len(truth) < 0.05  # about 1 % from 3,000 customers up
    assert len({n["institutions"] for n in networks if ";" in n["institutions"]}) >= 3


def test_same_seed_same_world(world: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    write_holdout_world(again, customers=800, days=60, seed=5, subtlety=0.4)
    for name in (
        "parties.csv",
        "accounts.csv",
        "transactions.csv",
        "account_parties.csv",
        "truth/accounts.csv",
        "truth/transactions.csv",
    ):
        assert filecmp.cmp(world / name, again / name, shallow=False), name
