"""Targets against a simulated world: identifiers taken from the generated dataset, rewritten
the way a requester might write them, are all found among the tokens made of that dataset."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from tests.share.target_files import KEY, SALT, Held, held_tokens, write_csv
from tipflow.share.targets import KINDS, make_targets
from tipflow.share.tokens import make_tokens

#: identifiers sampled per kind (one file per kind, well under a tactical request's limit)
PER_KIND = 60


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Held]:
    from tipflow.simulate import load_world_config, simulate

    root = tmp_path_factory.mktemp("targets-world")
    simulate(load_world_config().with_overrides(customers=300, days=21, seed=11), root / "world")
    make_tokens(root / "world", KEY, root / "tokens", record_salt=SALT)
    return root / "world", held_tokens(root / "tokens")


def _sample(rows: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    distinct = sorted(set(rows))
    step = max(1, len(distinct) // PER_KIND)
    return distinct[::step][:PER_KIND]


def _phone(phone: str, region: str) -> tuple[str, str]:
    """A North American number written nationally, "(312) 555-0199" with its country."""
    match = re.fullmatch(r"\+1(\d{3})(\d{3})(\d{4})", phone)
    if match is None:
        return phone, region
    return f"({match[1]}) {match[2]}-{match[3]}", "US"


def _spaced(account: str) -> str:
    """Lower case, dashes as spaces, a space every five characters."""
    flat = account.lower().replace("-", " ")
    return " ".join(flat[i : i + 5] for i in range(0, len(flat), 5))


def _requested(dataset: Path) -> dict[str, list[tuple[str, ...]]]:
    parties = {p["party_id"]: p for p in _rows(dataset / "parties.csv")}
    accounts = _rows(dataset / "accounts.csv")
    related = {a["party_id"] for a in accounts}
    if (dataset / "account_parties.csv").exists():
        related |= {r["party_id"] for r in _rows(dataset / "account_parties.csv")}
    held = [parties[p] for p in sorted(related)]
    own_side = [
        t for t in _rows(dataset / "transactions.csv") if t["from_account_id"] or t["to_account_id"]
    ]
    wanted: dict[str, list[tuple[str, ...]]] = {
        "account_number": [("account_number", _spaced(a["account_id"])) for a in accounts],
        "phone": [
            ("phone", *_phone(p["phone"], p["country"] or p["nationality"]))
            for p in held
            if p["phone"]
        ],
        "email": [("email", f" {p['email'].upper()}") for p in held if p["email"]],
        "address": [
            ("address", p["address"].upper(), "", p["postal_code"].lower(), p["city"])
            for p in held
            if p["address"]
        ],
        "device": [("device", f"  {t['device_id']} ") for t in own_side if t["device_id"]],
        "ip": [("ip", t["ip_address"].upper()) for t in own_side if t["ip_address"]],
    }
    return {kind: _sample(rows) for kind, rows in wanted.items()}


def test_identifiers_of_a_generated_dataset_written_otherwise_match_its_tokens(
    world: tuple[Path, Held], tmp_path: Path
) -> None:
    dataset, held = world
    requested = _requested(dataset)
    # enough of each kind to mean something; the simulator writes no IP addresses (yet): the
    # banks of test_targets.py hold them
    assert {kind for kind, rows in requested.items() if len(rows) >= 10} >= set(KINDS) - {"ip"}
    for kind, rows in requested.items():
        if not rows:
            continue
        header = ("kind", "value", "country", "postal_code", "city")[: len(rows[0])]
        result = make_targets(write_csv(tmp_path / f"{kind}.csv", rows, header), KEY)
        missing = [t for t in result.targets if t.pseudonym not in held[kind]]
        assert missing == [], f"{len(missing)} of {len(result.targets)} {kind} targets unmatched"
        # no two identifiers collapsed into one (nor into another kind's token)
        assert len(result.targets) == len(rows), kind
