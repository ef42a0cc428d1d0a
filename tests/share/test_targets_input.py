"""Reading a targets file: one pseudonym per identifier however it is written, and a bad line
refuses the file with its line, kind and problem, never its value."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.share.target_files import KEY, write_csv
from tipflow.errors import ConfigError, DatasetError
from tipflow.ingest.codes import country_codes
from tipflow.share.targets import make_targets

#: One UK mobile number (Ofcom's drama range) written as people write it, with the country the
#: row gives; national forms need one.
GB_STYLES: tuple[Callable[[int], tuple[str, str]], ...] = (
    lambda n: (f"+447700900{n:03d}", ""),
    lambda n: (f"+44 7700 900{n:03d}", ""),
    lambda n: (f"0044 7700 900{n:03d}", ""),
    lambda n: (f"07700 900{n:03d}", "GB"),
    lambda n: (f"07700-900-{n:03d}", "gb"),
    lambda n: (f"(07700) 900{n:03d}", " GB "),
    lambda n: (f" 07700900{n:03d} ", "GB"),
)
SEPARATORS = (" ", "-", " - ", "  ", "")
ACCOUNT_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ0123456789"


def _pseudonyms(rows: list[tuple[str, ...]], **options: str) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        header = ("kind", "value", "country")[: len(rows[0])]
        result = make_targets(write_csv(Path(folder) / "t.csv", rows, header), KEY, **options)
    return [t.pseudonym for t in result.targets]


@settings(max_examples=25, deadline=None)
@given(
    number=st.integers(0, 998),
    styles=st.lists(st.sampled_from(GB_STYLES), min_size=1, max_size=len(GB_STYLES), unique=True),
)
def test_one_phone_written_any_way_is_one_pseudonym(
    number: int, styles: list[Callable[[int], tuple[str, str]]]
) -> None:
    rows = [("phone", *style(number)) for style in styles]
    (pseudonym,) = set(_pseudonyms(rows))
    assert _pseudonyms([("phone", f"+447700900{number:03d}", "")]) == [pseudonym]
    assert _pseudonyms([("phone", f"+447700900{number + 1:03d}", "")]) != [pseudonym]


@settings(max_examples=25, deadline=None)
@given(account=st.text(ACCOUNT_ALPHABET, min_size=6, max_size=24), data=st.data())
def test_one_account_number_written_any_way_is_one_pseudonym(
    account: str, data: st.DataObject
) -> None:
    variants = []
    for _ in range(data.draw(st.integers(1, 4))):
        text = ""
        for char in account:
            lower = data.draw(st.booleans())
            text += (char.lower() if lower else char) + data.draw(st.sampled_from(SEPARATORS))
        variants.append(("account_number", " " + text.strip(" -") + " "))
    (pseudonym,) = set(_pseudonyms(variants))
    assert _pseudonyms([("account_number", account)]) == [pseudonym]
    assert _pseudonyms([("account_number", account + "0")]) != [pseudonym]


@settings(max_examples=25, deadline=None)
@given(
    local=st.from_regex(r"[a-z][a-z0-9._]{0,15}", fullmatch=True),
    cases=st.lists(st.booleans(), min_size=3, max_size=3),
)
def test_an_email_in_any_case_with_spaces_is_one_pseudonym(local: str, cases: list[bool]) -> None:
    address = f"{local}@example.org"
    upper, spaced, mixed = cases
    variants = [
        address,
        address.upper() if upper else address,
        f"  {address} " if spaced else address,
        address.title() if mixed else address,
    ]
    assert len(set(_pseudonyms([("email", v) for v in variants]))) == 1


@settings(max_examples=25, deadline=None)
@given(
    values=st.lists(
        st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\r"))
        .map(lambda text: text.strip(" "))
        .filter(bool),
        min_size=1,
        max_size=5,
        unique=True,
    )
)
def test_quoted_fields_round_trip_and_lines_are_counted_as_written(values: list[str]) -> None:
    # devices are compared as written but for surrounding spaces: commas, quotes and line
    # breaks inside a value are data, and a value padded with spaces is the same device
    rows = [("device", value) for value in values]
    padded = [("device", f"  {value} ") for value in values]
    assert _pseudonyms(rows + padded) == _pseudonyms(rows)
    assert len(_pseudonyms(rows)) == len(values)
    # the bad row after them is named by the physical line it starts on
    line = 2 + sum(1 + value.count("\n") for value in values)
    with pytest.raises(DatasetError, match=rf": line {line}: unknown kind"):
        _pseudonyms([*rows, ("fax", "x")])


BAD_FILE = (
    "Kind , VALUE,country\n"  # the header is matched without case or spaces
    "phone,07700 900999,\n"  # 2: a national number, and no country
    "fax,+44 7700 900998,\n"  # 3: not a kind
    "\n"  # 4: a blank line is no row
    'address,"Flat 9,\n99 Acacia Avenue",\n'  # 5-6: one record over two lines, fine
    "email,   ,\n"  # 7
    "phone,07700 900997,Q9\n"  # 8: not a country code
    "address,#!? ,\n"  # 9
    "account_number, -- ,\n"  # 10
    "device,dev-77,GB,extra\n"  # 11
    "ip,2001:db8::9,\n"  # 12: fine
)


def test_bad_lines_refuse_the_file_naming_line_kind_and_problem_never_the_value(
    tmp_path: Path,
) -> None:
    assert "Q9" not in country_codes()
    path = tmp_path / "targets.csv"
    path.write_text(BAD_FILE, encoding="utf-8")
    with pytest.raises(DatasetError) as caught:
        make_targets(path, KEY)
    message = str(caught.value)
    assert message.startswith(f"{path}: 7 bad line(s), no targets written: line 2 (phone): ")
    for expected in (
        "line 2 (phone): not a phone number that can be written in E.164",
        "line 3: unknown kind (one of account_number, phone, email, address, device, ip)",
        "line 7 (email): empty value",
        "line 8 (phone): country: not an ISO 3166-1 alpha-2 country code",
        "line 9 (address): no street line left once normalised",
        "line 10 (account_number): nothing left once normalised",
        "line 11: 4 fields where the header has 3",
    ):
        assert expected in message
    assert "line 5" not in message and "line 12" not in message
    for raw in ("07700", "900999", "900998", "fax", "Acacia", "Q9", "#!?", "dev-77", "2001"):
        assert raw not in message, raw
    # with a default region, line 2 reads; the others stay bad
    with pytest.raises(DatasetError, match=r"6 bad line\(s\).*: line 3: unknown kind"):
        make_targets(path, KEY, default_region="GB")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty: no header row"),
        (b"value\n+447700900123\n", "the header needs the columns kind and value"),
        # a file without its header: the first target is not echoed
        (b"phone,+447700900123\n", "the header needs the columns kind and value"),
        (b"kind,value,postcode\n", "unknown column 'postcode': the columns are kind, value"),
        (b"kind,value,Kind\n", "the header names column 'kind' twice"),
        (b"kind,value\n\n", "no targets: the file has a header only"),
        (b"kind,value\nphone,+4477009\xff0123\n", "not UTF-8 text"),
    ],
)
def test_a_file_that_is_not_a_targets_file_is_refused(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "targets.csv"
    path.write_bytes(content)
    with pytest.raises(DatasetError) as caught:
        make_targets(path, KEY)
    assert str(caught.value).startswith(f"{path}: {problem}")
    assert "7700" not in str(caught.value)


def test_a_missing_file_or_a_bad_default_region_is_one_clear_error(tmp_path: Path) -> None:
    with pytest.raises(DatasetError, match=r"missing\.csv: not found"):
        make_targets(tmp_path / "missing.csv", KEY)
    path = write_csv(tmp_path / "t.csv", [("phone", "07700 900123")], ("kind", "value"))
    with pytest.raises(ConfigError, match="--default-region 'EN': not an ISO 3166-1"):
        make_targets(path, KEY, default_region="EN")
    with pytest.raises(ConfigError, match="at least 32"):
        make_targets(path, KEY[:16], default_region="GB")
