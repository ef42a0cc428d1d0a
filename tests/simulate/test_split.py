"""The split by institution: each part is what one bank holds, and still meets the contract."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from tipflow.ingest.pipeline import IngestOptions, validate_dataset
from tipflow.simulate import load_world_config, simulate
from tipflow.simulate.split import split_by_institution


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Path]]:
    root = tmp_path_factory.mktemp("split")
    config = load_world_config().with_overrides(customers=400, days=21, seed=5)
    simulate(config, root / "world")
    return root / "world", split_by_institution(root / "world", root / "parts")


def test_parts_validate_with_nothing_quarantined(
    world: tuple[Path, dict[str, Path]], tmp_path: Path
) -> None:
    _, parts = world
    assert len(parts) >= 2
    for institution, part in parts.items():
        report = validate_dataset(part, tmp_path / institution, IngestOptions(max_quarantine=0.0))
        assert report.totals is not None and report.totals.quarantined == 0, institution
        accounts = _rows(part / "accounts.csv")
        assert {row["institution_id"] for row in accounts} == {institution}


def test_every_transaction_lands_once_per_side_institution(
    world: tuple[Path, dict[str, Path]],
) -> None:
    dataset, parts = world
    institution = {r["account_id"]: r["institution_id"] for r in _rows(dataset / "accounts.csv")}
    expected: Counter[str] = Counter()
    cross = 0
    for row in _rows(dataset / "transactions.csv"):
        sides = {institution[a] for a in (row["from_account_id"], row["to_account_id"]) if a}
        expected[row["transaction_id"]] = len(sides)
        cross += len(sides) == 2
    found: Counter[str] = Counter()
    for name, part in parts.items():
        own = {r["account_id"] for r in _rows(part / "accounts.csv")}
        for row in _rows(part / "transactions.csv"):
            found[row["transaction_id"]] += 1
            sides = [row["from_account_id"], row["to_account_id"]]
            assert all(a in own for a in sides if a), row  # no other bank's account as a side
            if row["counterparty_institution"] in parts:
                assert row["counterparty_institution"] != name
                assert institution[row["counterparty_account"]] == row["counterparty_institution"]
                assert row["counterparty_name"]
                if not row["from_account_id"]:
                    assert not row["device_id"]  # the sender's device stays with the sender
    assert cross > 0
    assert found == expected


def test_parties_and_labels_follow_their_accounts(world: tuple[Path, dict[str, Path]]) -> None:
    dataset, parts = world
    for part in parts.values():
        own = {r["account_id"] for r in _rows(part / "accounts.csv")}
        holders = {r["party_id"] for r in _rows(part / "accounts.csv")}
        parties = {r["party_id"] for r in _rows(part / "parties.csv")}
        assert holders <= parties
        assert {r["account_id"] for r in _rows(part / "labels.csv")} <= own
        assert (part / "watchlist.csv").read_text() == (dataset / "watchlist.csv").read_text()
