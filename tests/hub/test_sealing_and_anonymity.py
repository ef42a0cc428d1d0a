"""Sealing at rest (Fernet, rotation, tampering) and the direct-identifier guard on free text."""

from __future__ import annotations

import pytest
from cryptography.fernet import Fernet
from hypothesis import given
from hypothesis import strategies as st

from tipflow.errors import ConfigError
from tipflow.hub.anonymity import direct_identifiers
from tipflow.hub.sealing import SealBroken, Sealer

VALUE = {"narrative": "paid in cash weekly", "amounts": [{"amount": "950.00"}]}


def test_a_sealed_value_opens_only_with_the_key_and_unchanged() -> None:
    key = Fernet.generate_key()
    token = Sealer([key]).seal(VALUE)
    assert b"cash" not in token
    assert Sealer([key]).open(token) == VALUE
    with pytest.raises(SealBroken):
        Sealer([Fernet.generate_key()]).open(token)
    tampered = token[:-5] + (b"A" if token[-5:-4] != b"A" else b"B") + token[-4:]
    with pytest.raises(SealBroken):
        Sealer([key]).open(tampered)


def test_keys_rotate_the_first_seals_every_one_opens() -> None:
    old, new = Fernet.generate_key(), Fernet.generate_key()
    token = Sealer([old]).seal(VALUE)
    rotated = Sealer([new, old])
    assert rotated.open(token) == VALUE
    resealed = rotated.reseal(token)
    assert Sealer([new]).open(resealed) == VALUE
    with pytest.raises(SealBroken):
        Sealer([old]).open(resealed)


def test_a_bad_data_key_is_one_clear_message() -> None:
    with pytest.raises(ConfigError, match="not a Fernet key"):
        Sealer([b"too short"])
    with pytest.raises(ConfigError, match="empty"):
        Sealer([])


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("write to a.worker@example.org today", "an e-mail address at character 10"),
        ("her number was +84 91 234 56 78", "a phone number at character 16"),
        ("account 12345678 at the branch", "a long number at character 9"),
        ("IBAN GB82 WEST 1234 5698 7654 32", "an IBAN at character 6"),
        ("born 03/04/1999 in Hanoi", "a full date at character 6"),
        ("the ad at https://ads.example/p/1", "a web address at character 11"),
    ],
)
def test_shapes_of_direct_identifiers_are_found_by_kind_and_place(text: str, kind: str) -> None:
    assert direct_identifiers(text) == [kind]


def test_amounts_years_and_counts_are_not_identifiers() -> None:
    text = "In 2019 she owed 4,500 USD; 3 of 12 workers paid 1,200,000 VND a month."
    assert direct_identifiers(text) == []


SAFE_WORDS = st.text(alphabet="abcdefghij klmnopqrstuvwxyz,;", max_size=60)
IDENTIFIERS = st.one_of(
    st.from_regex(r"[a-z]{1,8}\.[a-z]{1,8}@[a-z]{2,8}\.(org|com|vn)", fullmatch=True),
    st.from_regex(r"[1-9]\d{7,15}", fullmatch=True),
    st.sampled_from(["+44 20 7946 0958", "+1 415-555-0100", "+84 91 234 56 78"]),
)


@given(before=SAFE_WORDS, identifier=IDENTIFIERS, after=SAFE_WORDS)
def test_an_identifier_anywhere_in_safe_text_is_found(
    before: str, identifier: str, after: str
) -> None:
    text = f"{before} {identifier} {after}"
    found = direct_identifiers(text)
    assert found, text
    assert identifier not in " ".join(found)  # the finding names no value


@given(text=SAFE_WORDS)
def test_text_without_digits_or_addresses_passes(text: str) -> None:
    assert direct_identifiers(text) == []
