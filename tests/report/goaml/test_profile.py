"""FIU profiles: the shipped ones load, their codes exist in the FIU's schema, bad files fail."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from lxml import etree

from tests.report.goaml.conftest import UAE_PROFILE
from tipflow.errors import ConfigError
from tipflow.report.goaml.profile import CHANNELS, FiuProfile, load_fiu_profile

XS = "{http://www.w3.org/2001/XMLSchema}"


def _enumeration(xsd: Path, type_name: str) -> set[str]:
    root = etree.parse(str(xsd)).getroot()
    simple = root.find(f"{XS}simpleType[@name='{type_name}']")
    assert simple is not None, type_name
    return {e.get("value", "") for e in simple.iter(f"{XS}enumeration")}


def _codes_used(profile: FiuProfile) -> dict[str, set[str]]:
    """Every code the profile would write, by the schema type that must list it."""
    indicators = profile.indicators
    mapped = [c for codes in indicators.by_indicator.values() for c in codes] + indicators.default
    mapped += [indicators.project_code] if indicators.project_code else []
    channels = profile.channels.values()
    codes = profile.codes
    status = [codes.account_status_open, codes.account_status_closed]
    return {
        "report_indicator_type": set(mapped),
        "conduction_type": {c.transmode for c in channels},
        "funds_type": {c.funds for c in channels}
        | {c.account_funds for c in channels if c.account_funds},
        "account_type": set(codes.account_types.values()),
        "account_person_role_type": set(codes.account_roles.values()),
        "account_status_type": {s for s in status if s},
        "gender_type": set(codes.genders.values()),
        "contact_type": {codes.contact_private, codes.contact_business},
        "communication_type": {codes.phone_communication},
        "report_type": {profile.report_code},
        "submission_type": {profile.submission_code},
        "currency_type": {profile.currency_code_local},
        "country_type": {profile.unknown_country},
    }


def test_generic_profile_is_shipped_and_complete(generic_profile: FiuProfile) -> None:
    assert generic_profile.schema_version == "5.0.1"
    assert set(generic_profile.channels) == set(CHANNELS)
    assert generic_profile.indicators.default == ["-"]
    assert generic_profile.my_client.institutions == []


@pytest.mark.parametrize("edition", ["generic", "uae"])
def test_every_code_a_profile_writes_is_in_its_schema(
    edition: str,
    generic_profile: FiuProfile,
    uae_profile: FiuProfile,
    generic_xsd: Path,
    uae_xsd: Path,
) -> None:
    profile, xsd = (
        (generic_profile, generic_xsd) if edition == "generic" else (uae_profile, uae_xsd)
    )
    for type_name, codes in _codes_used(profile).items():
        missing = codes - _enumeration(xsd, type_name)
        assert not missing, f"{type_name}: {sorted(missing)} not in {xsd.name}"


def test_uae_profile_maps_the_trafficking_red_flags(uae_profile: FiuProfile) -> None:
    by_indicator = uae_profile.indicators.by_indicator
    assert by_indicator["HT-SEX-01"] == ["FPOES"]  # ad payments
    assert by_indicator["HT-SEX-19"] == ["ORGC3"]  # third-party control
    assert by_indicator["GEN-02"] == ["ORGC1"]  # shared contact details
    assert by_indicator["ML-02"] == ["STRUC"]  # structuring
    assert by_indicator["HT-LAB-02"] == ["SDWPS"]  # wage deductions
    assert by_indicator["GEO-01"] == ["FOWNB"]  # wires to high-risk countries
    assert not any(i.startswith("MIT-") for i in by_indicator)  # mitigating: never a red flag


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "fiu.yaml"
    path.write_text(yaml.safe_dump(data) if not isinstance(data, str) else data, "utf-8")
    return path


def _uae_data() -> dict[str, Any]:
    data = yaml.safe_load(UAE_PROFILE.read_text("utf-8"))
    assert isinstance(data, dict)
    return data


def test_a_copy_of_the_example_loads(tmp_path: Path) -> None:
    profile = load_fiu_profile(_write(tmp_path, _uae_data()))
    assert profile.currency_code_local == "AED"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("rentity_id"), "rentity_id"),
        (lambda d: d.update(rentity_id=0), "rentity_id"),
        (lambda d: d["channels"].pop("cash"), "channels has no code for ['cash']"),
        (lambda d: d["channels"].update(teleport={"transmode": "X", "funds": "Y"}), "teleport"),
        (lambda d: d["codes"]["account_types"].pop("wallet"), "account_types"),
        (lambda d: d.update(reporting_user_code="MLRO1"), "exactly one of reporting_person"),
        (lambda d: d["indicators"]["by_indicator"].update({"HT-SEX-99": ["FPOES"]}), "HT-SEX-99"),
        (lambda d: d["indicators"]["by_typology"].update(no_such_typology=["X"]), "no_such"),
        (lambda d: d["indicators"].update(default=[]), "indicators.default"),
        (lambda d: d["my_client"]["person_requires"].append("shoe_size"), "shoe_size"),
        (lambda d: d["names"].update(allowed_characters="a-z]["), "character class"),
        (lambda d: d.update(exchange_rates={"USD": "-1"}), "positive"),
        (lambda d: d.update(colour="blue"), "colour"),
    ],
)
def test_a_bad_profile_names_the_file_and_the_problem(
    tmp_path: Path, change: Callable[[dict[str, Any]], object], message: str
) -> None:
    data = _uae_data()
    change(data)
    path = _write(tmp_path, data)
    with pytest.raises(ConfigError) as failure:
        load_fiu_profile(path)
    assert str(path) in str(failure.value)
    assert message in str(failure.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("edition: [unclosed", "not valid YAML"),
        ("- a list\n- not a mapping\n", "mapping of keys to values"),
        ("", "mapping of keys to values"),
    ],
)
def test_unreadable_yaml_is_a_config_error(tmp_path: Path, text: str, message: str) -> None:
    path = _write(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as failure:
        load_fiu_profile(path)
    assert str(path) in str(failure.value)


def test_a_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read the FIU profile"):
        load_fiu_profile(tmp_path / "absent.yaml")
