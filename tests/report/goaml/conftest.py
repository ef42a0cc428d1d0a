"""Fixtures of the goAML tests: the two profiles, the two schemas, reports written once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from lxml import etree

from tests.conftest import EXAMPLES
from tipflow.report.cases import Case
from tipflow.report.goaml.profile import FiuProfile, load_fiu_profile
from tipflow.report.goaml.writer import write_goaml_reports

UAE_PROFILE = EXAMPLES / "fiu-profiles" / "uae-fiu-5.0.2.yaml"
SUBMITTED = dt.datetime(2024, 3, 1, 9, 30)
Validator = Callable[[bytes], list[str]]


@pytest.fixture(scope="session")
def generic_profile() -> FiuProfile:
    return load_fiu_profile(None)


@pytest.fixture(scope="session")
def uae_profile() -> FiuProfile:
    return load_fiu_profile(UAE_PROFILE)


@pytest.fixture(scope="session")
def goaml_specs(shared_dir: Path) -> Path:
    return shared_dir / "specs" / "goaml"


@pytest.fixture(scope="session")
def generic_xsd(goaml_specs: Path) -> Path:
    return goaml_specs / "unodc-generic-5.0.1" / "goAMLSchema.xsd"


@pytest.fixture(scope="session")
def uae_xsd(goaml_specs: Path) -> Path:
    return goaml_specs / "uae-fiu-5.0.2" / "goAMLSchema.xsd10-patched.xsd"


def schema_validator(xsd: Path) -> Validator:
    schema = etree.XMLSchema(etree.parse(str(xsd)))

    def errors(data: bytes) -> list[str]:
        if schema.validate(etree.fromstring(data).getroottree()):
            return []
        return [f"line {e.line}: {e.message}" for e in schema.error_log]

    return errors


@pytest.fixture(scope="session")
def generic_schema(generic_xsd: Path) -> Validator:
    return schema_validator(generic_xsd)


@pytest.fixture(scope="session")
def uae_schema(uae_xsd: Path) -> Validator:
    return schema_validator(uae_xsd)


@pytest.fixture(scope="session")
def generic_reports(
    cases: list[Case], generic_profile: FiuProfile, tmp_path_factory: pytest.TempPathFactory
) -> list[Path]:
    out = tmp_path_factory.mktemp("goaml-generic")
    return write_goaml_reports(cases, out, generic_profile, submitted=SUBMITTED)


@pytest.fixture(scope="session")
def uae_reports(
    cases: list[Case], uae_profile: FiuProfile, tmp_path_factory: pytest.TempPathFactory
) -> list[Path]:
    out = tmp_path_factory.mktemp("goaml-uae")
    return write_goaml_reports(cases, out, uae_profile, submitted=SUBMITTED)
