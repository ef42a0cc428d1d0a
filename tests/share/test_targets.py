"""Targets: a requester's raw identifiers, written as a requester writes them, give exactly the
tokens the members made of the same identifiers (``tipflow share tokens``), for every kind."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tests.hub.ngo_bodies import data_point
from tests.share.banks import write_bank_a, write_bank_b
from tests.share.target_files import KEY, SALT, Held, held_tokens, write_bank_c, write_csv
from tipflow.errors import ConfigError, DatasetError
from tipflow.hub.schemas_ngo import PSEUDONYM_KINDS, NewDataPoint
from tipflow.hub.schemas_tactical import NewTacticalRequest
from tipflow.hub.vocabulary import TargetKind
from tipflow.share.keys import key_fingerprint
from tipflow.share.targets import BODIES, KINDS, make_targets, write_targets
from tipflow.share.tokens import make_tokens


@pytest.fixture(scope="module")
def held(tmp_path_factory: pytest.TempPathFactory) -> Held:
    root = tmp_path_factory.mktemp("banks")
    folders = []
    for name, write in (("a", write_bank_a), ("b", write_bank_b), ("c", write_bank_c)):
        folders.append(root / f"tokens_{name}")
        make_tokens(write(root / f"bank_{name}"), KEY, folders[-1], record_salt=SALT)
    return held_tokens(*folders)


#: (kind, value, country, postal code, city) as a requester writes it → who holds it, as what.
CASES = [
    (("account_number", "a 0001", "", "", ""), {"BANK_A:account_number"}),
    # bank A's customer paid "us b 0007": its counterparty token is bank B's account token
    (
        ("account_number", "us-b-0007 ", "", "", ""),
        {"BANK_B:account_number", "BANK_A:counterparty"},
    ),
    (("account_number", "gb29 nwbk 6016 1331 9268 19", "", "", ""), {"BANK_C:account_number"}),
    # bank A wrote "+1 (312) 555-0199", bank B "3125550199" (a US party)
    (("phone", "312-555-0199", "us", "", ""), {"BANK_A:phone", "BANK_B:phone"}),
    (("phone", "+1 312 555 0142", "", "", ""), {"BANK_B:phone"}),
    (("phone", "07700 900123", "GB", "", ""), {"BANK_C:phone"}),
    (("email", "  MARIA.G@EXAMPLE.COM ", "", "", ""), {"BANK_A:email", "BANK_B:email"}),
    (("email", "Ana.K@Example.co.uk", "", "", ""), {"BANK_C:email"}),
    # "5 Elm Road" at bank A, "5 Elm Rd" at bank B
    (("address", "5 ELM ROAD", "", "60614", "chicago"), {"BANK_A:address", "BANK_B:address"}),
    (("address", "20/214 Springfield Rd", "", "e6 1ab", "London"), {"BANK_C:address"}),
    (("device", " dev-maria ", "", "", ""), {"BANK_A:device"}),
    (("device", "android-7f3a", "", "", ""), {"BANK_C:device"}),
    (("ip", "2001:DB8:4::1", "", "", ""), {"BANK_C:ip"}),
    # controls: nobody holds these, so a match above is not an accident
    (("phone", "+1 312 555 0777", "", "", ""), set()),
    (("address", "5 Elm Road", "", "60615", "Chicago"), set()),
    (("device", "DEV-MARIA", "", "", ""), set()),
]


@pytest.mark.parametrize(
    ("row", "holders"), CASES, ids=[f"{r[0]}-{i}" for i, (r, _) in enumerate(CASES)]
)
def test_a_target_equals_the_token_of_the_same_identifier_at_every_bank(
    held: Held, tmp_path: Path, row: tuple[str, ...], holders: set[str]
) -> None:
    result = make_targets(write_csv(tmp_path / "targets.csv", [row]), KEY)
    (target,) = result.targets
    assert target.kind == row[0]
    assert held[row[0]].get(target.pseudonym, set()) == holders


def test_every_kind_is_covered_and_the_kinds_are_the_hubs() -> None:
    assert {row[0] for row, holders in CASES if holders} == set(KINDS)
    assert set(KINDS) == {kind.value for kind in TargetKind}
    assert set(KINDS) <= set(PSEUDONYM_KINDS)


def test_a_file_of_targets_is_one_body_part_deduplicated_in_file_order(
    held: Held, tmp_path: Path
) -> None:
    rows = [row for row, _ in CASES]
    # the same phone twice more, written two other ways (the default region reads the second)
    rows += [("phone", "+13125550199", "", "", ""), ("phone", "(312) 555 0199", "", "", "")]
    result = make_targets(write_csv(tmp_path / "t.csv", rows), KEY, default_region="us")
    assert result.lines == len(CASES) + 2 and len(result.targets) == len(CASES)
    assert [t.kind for t in result.targets] == [row[0] for row in rows[: len(CASES)]]
    document = json.loads(write_targets(result, tmp_path / "out" / "targets.json").read_text())
    assert document == {
        "key_fingerprint": key_fingerprint(KEY),
        "targets": [{"kind": t.kind, "pseudonym": t.pseudonym} for t in result.targets],
    }
    # pseudonyms only: no value of the file, in any case, is in what is written
    written = (tmp_path / "out" / "targets.json").read_text().lower()
    for row in rows:
        for value in row[1:]:
            if value.strip():
                assert value.strip().lower() not in written, value


def test_the_output_is_a_valid_tactical_request_and_ngo_data_point(tmp_path: Path) -> None:
    rows = [row for row, _ in CASES]
    path = write_csv(tmp_path / "t.csv", rows)
    tactical = make_targets(path, KEY).document()
    deadline = dt.datetime.now(dt.UTC) + dt.timedelta(days=7)
    request = NewTacticalRequest.model_validate(
        {"purpose": "Operation Lantern", "deadline": deadline.isoformat()} | tactical
    )
    assert len(request.targets) == len(CASES) and request.key_fingerprint == key_fingerprint(KEY)
    ngo = make_targets(path, KEY, body="ngo").document()
    assert set(ngo) == {"key_fingerprint", "identifiers"}
    point = NewDataPoint.model_validate(data_point(**ngo))
    assert [i.pseudonym for i in point.identifiers] == [t["pseudonym"] for t in tactical["targets"]]
    # the limits are the bodies' own
    schemas = {"tactical": NewTacticalRequest, "ngo": NewDataPoint}
    for body, (field, limit) in BODIES.items():
        assert schemas[body].model_json_schema()["properties"][field]["maxItems"] == limit


def test_more_targets_than_a_body_takes_are_refused(tmp_path: Path) -> None:
    rows = [("account_number", f"ACC-{i:04d}", "", "", "") for i in range(201)]
    path = write_csv(tmp_path / "t.csv", rows)
    assert len(make_targets(path, KEY).targets) == 201
    with pytest.raises(DatasetError, match="201 distinct targets; the identifiers of a ngo"):
        make_targets(path, KEY, body="ngo")
    rows += [("account_number", f"ACC-{i:04d}", "", "", "") for i in range(201, 501)]
    with pytest.raises(DatasetError, match="501 distinct targets; the targets of a tactical"):
        make_targets(write_csv(tmp_path / "t.csv", rows), KEY)
    with pytest.raises(ConfigError, match="not a hub body"):
        make_targets(path, KEY, body="sar")
