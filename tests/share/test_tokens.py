"""Tokens: keyed, deterministic, normalised as screening normalises, and free of raw values."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from tests.share.banks import write_bank_a, write_bank_b
from tipflow.errors import ConfigError
from tipflow.share.keys import generate_key, key_fingerprint, read_key
from tipflow.share.local import read_lookup
from tipflow.share.tokens import make_tokens

KEY = bytes(range(32))
OTHER_KEY = bytes(range(1, 33))
SALT = b"s" * 32


def _tokens(folder: Path) -> set[tuple[str, str]]:
    table = pq.read_table(folder / "tokens.parquet")
    return {
        (kind, token or clk)
        for kind, token, clk in zip(
            table.column("kind").to_pylist(),
            table.column("token").to_pylist(),
            table.column("clk").to_pylist(),
            strict=True,
        )
    }


@pytest.fixture(scope="module")
def bank_a(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_bank_a(tmp_path_factory.mktemp("data") / "bank_a")


def test_tokens_are_deterministic_under_one_key_and_differ_under_another(
    bank_a: Path, tmp_path: Path
) -> None:
    first = make_tokens(bank_a, KEY, tmp_path / "one", record_salt=SALT)
    make_tokens(bank_a, KEY, tmp_path / "two", record_salt=SALT)
    make_tokens(bank_a, OTHER_KEY, tmp_path / "other", record_salt=SALT)
    one = (tmp_path / "one" / "tokens.parquet").read_bytes()
    assert one == (tmp_path / "two" / "tokens.parquet").read_bytes()
    assert _tokens(tmp_path / "one").isdisjoint(_tokens(tmp_path / "other"))
    assert first.counts["phone"] == 2 + 0 and first.counts["counterparty"] == 1
    assert first.key_fingerprint == key_fingerprint(KEY) != key_fingerprint(OTHER_KEY)


def test_no_raw_identifier_in_what_is_shared(bank_a: Path, tmp_path: Path) -> None:
    make_tokens(bank_a, KEY, tmp_path / "t")
    shared = (tmp_path / "t" / "tokens.parquet").read_bytes() + (
        tmp_path / "t" / "manifest.json"
    ).read_bytes()
    raw = [
        "+13125550199",
        "3125550199",
        "555-0199",
        "maria.g@example.com",
        "Maria.G",
        "A-0001",
        "A0001",
        "USB0007",
        "us b 0007",
        "Maria",
        "Gonzalez",
        "maria gonzalez",
        "dev-maria",
        "Elm",
        "60614",
        "PA1",
        KEY.hex(),
    ]
    for value in raw:
        assert value.lower().encode() not in shared.lower(), value
    # the local lookup, kept apart, does name the accounts
    assert set(read_lookup(tmp_path / "t").values()) >= {"A-0001", "A-0002"}
    assert (tmp_path / "t" / "local" / "README-NEVER-UPLOAD.txt").exists()
    manifest = json.loads((tmp_path / "t" / "manifest.json").read_text())
    assert manifest["key_fingerprint"] == key_fingerprint(KEY)


def test_phone_written_two_ways_at_two_banks_gives_one_token(bank_a: Path, tmp_path: Path) -> None:
    bank_b = write_bank_b(tmp_path / "bank_b")
    make_tokens(bank_a, KEY, tmp_path / "ta")
    make_tokens(bank_b, KEY, tmp_path / "tb")
    shared = _tokens(tmp_path / "ta") & _tokens(tmp_path / "tb")
    kinds = sorted(kind for kind, _ in shared)
    # "+1 (312) 555-0199" and "3125550199" (US), the email in two cases, "Elm Road"/"Elm Rd";
    # the second address is the shelter both banks' residents give; the name differs in case
    assert kinds == ["address", "address", "email", "name", "phone"]


def test_counterparty_token_equals_the_other_banks_account_token(
    bank_a: Path, tmp_path: Path
) -> None:
    bank_b = write_bank_b(tmp_path / "bank_b")
    make_tokens(bank_a, KEY, tmp_path / "ta")
    make_tokens(bank_b, KEY, tmp_path / "tb")
    a = pq.read_table(tmp_path / "ta" / "tokens.parquet").to_pylist()
    b = pq.read_table(tmp_path / "tb" / "tokens.parquet").to_pylist()
    (paid,) = [r for r in a if r["kind"] == "counterparty"]
    assert (paid["direction"], paid["transfers"], paid["amount_total"]) == ("out", 3, 1350)
    assert paid["amount_bucket"] == 3
    assert paid["token"] in {r["token"] for r in b if r["kind"] == "account_number"}


def test_short_or_missing_key_is_a_config_error(bank_a: Path, tmp_path: Path) -> None:
    short = tmp_path / "short.key"
    short.write_bytes(b"x" * 31)
    with pytest.raises(ConfigError, match="at least 32"):
        read_key(short)
    with pytest.raises(ConfigError):
        read_key(tmp_path / "missing.key")
    with pytest.raises(ConfigError):
        make_tokens(bank_a, b"short", tmp_path / "t")


def test_generated_key_is_private_and_never_overwritten(tmp_path: Path) -> None:
    path = generate_key(tmp_path / "partnership.key")
    assert len(read_key(path)) == 32
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with pytest.raises(ConfigError, match="already exists"):
        generate_key(path)
