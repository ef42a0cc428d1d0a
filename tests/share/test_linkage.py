"""Linkage at the hub: a hand-made cross-bank network is found, a shelter's address is not a tie."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.share.banks import write_bank_a, write_bank_b
from tipflow.share.link_output import write_link_result
from tipflow.share.linkage import LinkResult, link_tokens
from tipflow.share.local import read_lookup
from tipflow.share.tokens import make_tokens

KEY = bytes(range(32))


@pytest.fixture(scope="module")
def token_dirs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    root = tmp_path_factory.mktemp("linkage")
    a = make_tokens(write_bank_a(root / "bank_a"), KEY, root / "ta").out
    b = make_tokens(write_bank_b(root / "bank_b"), KEY, root / "tb").out
    return [a, b]


def _accounts(result: LinkResult, token_dirs: list[Path]) -> list[set[str]]:
    """Each network's accounts, mapped back through the local lookups (the banks' side)."""
    lookup = {}
    for folder in token_dirs:
        lookup.update(read_lookup(folder))
    return [{lookup[record] for _, record in n.members} for n in result.networks]


def test_finds_the_cross_bank_network(token_dirs: list[Path]) -> None:
    result = link_tokens(token_dirs)
    networks = _accounts(result, token_dirs)
    # Maria at A shares phone, email and address with Maria at B; she pays John's account at B
    assert networks == [{"A-0001", "US-B-0007", "US-B-0008"}]
    assert result.networks[0].institutions == ("BANK_A", "BANK_B")
    kinds = result.networks[0].tie_kinds
    assert kinds["money"] == 1 and kinds["phone"] == 1 and kinds["email"] == 1
    (money,) = [t for t in result.ties if "money" in t.kinds]
    assert (money.transfers, money.amount_total) == (3, 1350.0)
    # the two Marias also match by name, which is recorded as support on their tie
    (same_person,) = [t for t in result.ties if "phone" in t.kinds]
    assert same_person.name_dice is not None and same_person.name_dice >= 0.8


def test_ignores_an_address_shared_by_many(token_dirs: list[Path]) -> None:
    result = link_tokens(token_dirs)
    assert result.hub_like_tokens >= 1  # the shelter: 12 residents at two banks
    linked = set().union(*_accounts(result, token_dirs))
    assert not any(account.startswith(("A-S", "B-S")) for account in linked)
    # with a higher bound the shelter would tie its residents into one network
    loose = link_tokens(token_dirs, max_shared=50)
    assert any(account.startswith("A-S") for account in set().union(*_accounts(loose, token_dirs)))


def test_a_name_alone_links_nobody(tmp_path: Path) -> None:
    root = tmp_path
    a = write_bank_a(root / "bank_a")
    b = write_bank_b(root / "bank_b")
    # only the name is left in common: another phone, email, address, no payment
    text = (b / "parties.csv").read_text()
    text = text.replace("3125550199", "3125550111").replace("maria.g@example.com", "x@y.org")
    (b / "parties.csv").write_text(text.replace("5 Elm Rd", "8 Pine St"))
    (a / "transactions.csv").write_text(
        (a / "transactions.csv").read_text().replace("us b 0007", "zz 1")
    )
    dirs = [make_tokens(a, KEY, root / "ta").out, make_tokens(b, KEY, root / "tb").out]
    result = link_tokens(dirs)
    assert result.networks == []
    assert result.name_only_matches >= 1


def test_written_outputs_hold_pseudonyms_only(token_dirs: list[Path], tmp_path: Path) -> None:
    paths = write_link_result(link_tokens(token_dirs), tmp_path / "links")
    text = "".join(p.read_text() for p in paths.values())
    assert "XN-00001" in text
    for raw in ("A-0001", "US-B-0007", "Maria", "+1312"):
        assert raw not in text
