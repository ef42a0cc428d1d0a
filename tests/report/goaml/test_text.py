"""Values fitted to goAML's simple types."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from tipflow.report.goaml.profile import FiuProfile, Names
from tipflow.report.goaml.text import (
    NameFitter,
    country_or_unknown,
    decimal_text,
    email_ok,
    fit,
    fit_id,
    number_text,
    one_line,
    phone_parts,
    sql_datetime,
    xml_text,
)

UAE_NAME = re.compile(r"[a-zA-Z0-9 .'-]*")


def test_xml_text_drops_what_xml_cannot_carry() -> None:
    assert xml_text("a\x00b\x0bc\x1fd\ufffee\tf\ng") == "abcde\tf\ng"


def test_fit_cuts_strips_and_treats_empty_as_unknown() -> None:
    assert fit("  abcdef  ", 3) == "abc"
    assert fit("   ", 10) is None
    assert fit(None, 10) is None
    assert one_line(" a \n\t b ", 10) == "a b"


def test_fit_id_keeps_short_ids_and_makes_long_ones_unique() -> None:
    assert fit_id("TX-1", 100) == "TX-1"
    first, second = fit_id("x" * 150 + "1", 100), fit_id("x" * 150 + "2", 100)
    assert len(first) == len(second) == 100
    assert first != second


def test_names_in_the_uae_alphabet(uae_profile: FiuProfile) -> None:
    names = NameFitter(uae_profile)
    for original in ["Иван Петров", "محمد علي", "王小明", "Zoë O'Brien-Smith", "A & B, Ltd."]:
        cleaned = names.clean(original, 100)
        assert cleaned and UAE_NAME.fullmatch(cleaned), (original, cleaned)
    assert names.clean("Иван Петров", 100) == "Ivan Petrov"
    assert names.clean("A & B, Ltd.", 100) == "A and B Ltd."
    assert names.clean("???", 100) is None
    assert names.required("???", 100) == "Unknown"


def test_names_without_an_alphabet_keep_punctuation(generic_profile: FiuProfile) -> None:
    names = NameFitter(generic_profile)
    assert names.clean("A & B, Ltd.", 255) == "A & B, Ltd."
    assert names.clean("Ольга", 100) == "Ol'ga"
    keep = NameFitter(generic_profile.model_copy(update={"names": Names(transliterate=False)}))
    assert keep.clean("Ольга", 100) == "Ольга"


def test_person_parts(generic_profile: FiuProfile) -> None:
    names = NameFitter(generic_profile)
    assert names.person_parts("Maria de la Cruz") == ("Maria", "de la", "Cruz")
    assert names.person_parts("Suharto") == ("-", None, "Suharto")
    assert names.person_parts(None) == ("Unknown", None, "Unknown")
    assert all(len(part or "") <= 100 for part in names.person_parts("A" * 300 + " " + "B" * 300))


def test_phone_parts() -> None:
    assert phone_parts("+14045551535") == ("1", "4045551535")
    assert phone_parts("+390612345678") == ("39", "0612345678")  # Italy keeps its leading zero
    assert phone_parts("+971501112233") == ("971", "501112233")
    assert phone_parts("555-1234") is None
    assert phone_parts(None) is None


def test_sql_dates_start_in_1753() -> None:
    assert sql_datetime(dt.date(1753, 1, 1)) == "1753-01-01T00:00:00"
    assert sql_datetime(dt.date(1752, 12, 31)) is None
    assert sql_datetime(dt.datetime(2024, 1, 2, 3, 4, 5, 600)) == "2024-01-02T03:04:05.000600"
    aware = dt.datetime(2024, 1, 2, 3, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=-5)))
    assert sql_datetime(aware) == "2024-01-02T03:04:05"  # local wall time


@pytest.mark.parametrize(
    ("value", "text"),
    [
        ("123.5600000000", "123.56"),
        ("100", "100.00"),
        ("1E+3", "1000.00"),
        ("0.12345678901234567", "0.1234567890123"),  # 13 fraction digits at most
        ("7.25", "7.25"),
    ],
)
def test_decimal_text(value: str, text: str) -> None:
    assert decimal_text(Decimal(value)) == text
    assert "E" not in decimal_text(Decimal(value))


def test_email_and_country_checks(generic_profile: FiuProfile) -> None:
    assert email_ok("a.b+c@example.co.uk")
    assert not email_ok("not an email")
    assert not email_ok("x@" + "a" * 260 + ".com")
    assert country_or_unknown("us", generic_profile) == "US"
    assert country_or_unknown("UK", generic_profile) == "GB"  # the profile's alias
    assert country_or_unknown("ZZ", generic_profile) == "-"
    assert country_or_unknown(None, generic_profile) == "-"


def test_number_text() -> None:
    assert number_text(3.0) == "3"
    assert number_text(44814.5) == "44,814.5"
    assert number_text(0.6129) == "0.6129"
    assert number_text(float("nan")) == "nan"
