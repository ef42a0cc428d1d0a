"""Name encodings: similar names keep a high Dice coefficient, unrelated ones a low one."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tipflow.share.bloom import (
    BITS,
    ClkEncoder,
    bigrams,
    dice,
    from_base64,
    normalise_name,
    to_base64,
)

ENCODER = ClkEncoder(bytes(range(32)))
OTHER = ClkEncoder(bytes(range(1, 33)))
NAMES = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=6, max_size=16)
#: Names without a repeated letter, so every bigram is distinct (like most real names).
DISTINCT_LETTERS = st.lists(
    st.sampled_from("abcdefghijklmnopqrstuvw"), min_size=8, max_size=16, unique=True
).map("".join)


def test_normalisation_and_bigrams() -> None:
    assert normalise_name("  José  O'Neil ") == "jose o neil"
    assert bigrams("jo") == [" j", "jo", "o "]
    assert bigrams("") == []


def test_similar_names_match_and_unrelated_do_not() -> None:
    maria = ENCODER.encode("Maria Gonzalez")
    assert dice(maria, ENCODER.encode("MARIA  GONZALEZ")) == 1.0
    assert dice(maria, ENCODER.encode("Maria Gonzales")) > 0.8
    assert dice(maria, ENCODER.encode("Tom Baker")) < 0.4
    assert len(maria) == BITS
    assert from_base64(to_base64(maria)) == maria


def test_the_key_matters() -> None:
    assert dice(ENCODER.encode("Maria Gonzalez"), OTHER.encode("Maria Gonzalez")) < 0.5


@settings(max_examples=60, deadline=None)
@given(
    name=DISTINCT_LETTERS,
    position=st.integers(min_value=0, max_value=100),
    letter=st.sampled_from("xyz"),
)
def test_one_typo_keeps_names_close(name: str, position: int, letter: str) -> None:
    i = position % len(name)
    typo = name[:i] + letter + name[i + 1 :]
    assert dice(ENCODER.encode(name), ENCODER.encode(typo)) >= 0.6


@settings(max_examples=60, deadline=None)
@given(a=NAMES, b=NAMES)
def test_dice_is_symmetric_bounded_and_follows_shared_bigrams(a: str, b: str) -> None:
    x, y = ENCODER.encode(a), ENCODER.encode(b)
    assert dice(x, y) == dice(y, x)
    assert 0.0 <= dice(x, y) <= 1.0
    if not set(bigrams(a)) & set(bigrams(b)):
        assert dice(x, y) < 0.5  # only hash collisions, no shared bigram
