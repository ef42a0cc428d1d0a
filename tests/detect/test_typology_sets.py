"""Typology sets (what an FIU publishes on the hub): read safely, checked by the registry, laid
over the packaged library, and screened with (``tipflow screen --typologies``)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from tests.hub.typology_files import SMALL_SET, SMALL_TYPOLOGY
from tipflow.cli.typology_commands import typologies_app
from tipflow.detect.registry import (
    load_library,
    load_typology_set,
    packaged_typology_set,
    read_typology_set,
    typology_set_yaml,
)
from tipflow.detect.schema import Tuning
from tipflow.detect.screen import configuration_of, screen_dataset
from tipflow.errors import ConfigError


def test_the_packaged_library_exports_as_a_set_that_reads_back_the_same() -> None:
    exported = CliRunner().invoke(typologies_app, ["export"])
    assert exported.exit_code == 0, exported.output
    packaged = packaged_typology_set()
    assert read_typology_set(exported.output, "library.yaml") == packaged
    assert exported.output == typology_set_yaml(packaged)
    plain = load_library()
    assert [t.id for t in packaged.typologies] == list(plain.typologies)
    assert [i.id for i in packaged.indicators] == list(plain.indicators)


def test_a_set_replaces_packaged_typologies_and_adds_its_own() -> None:
    small = read_typology_set(SMALL_SET, "small.yaml")
    funnel = load_library().typologies["laundering_funnel"]
    stricter = funnel.model_copy(update={"alert_at": 9.0})
    both = small.model_copy(update={"typologies": [*small.typologies, stricter]})
    library = load_library(typology_set=both)
    assert library.typologies["laundering_funnel"].alert_at == 9.0
    assert SMALL_TYPOLOGY in library.typologies
    assert len(library.typologies) == len(load_library().typologies) + 1
    assert library.indicators["FIU-ML-01"].spec.window_days == 14
    # An institution's tuning may name the published typology like a packaged one.
    tuning = Tuning.model_validate({"typologies": {SMALL_TYPOLOGY: {"alert_at": 3}}})
    assert load_library(tuning, small).typologies[SMALL_TYPOLOGY].alert_at == 3
    with pytest.raises(ConfigError, match=SMALL_TYPOLOGY):
        load_library(tuning)  # without the set, no such typology


def test_a_set_without_typologies_or_in_a_bad_file_is_one_message(tmp_path: Path) -> None:
    only_indicators = yaml.safe_load(SMALL_SET)
    del only_indicators["typologies"]
    with pytest.raises(ConfigError, match=r"^set\.yaml: typologies: Field required$"):
        read_typology_set(yaml.safe_dump(only_indicators), "set.yaml")
    missing = tmp_path / "missing.yaml"
    with pytest.raises(ConfigError, match=r"missing\.yaml: cannot read the typology set"):
        load_typology_set(missing)
    binary = tmp_path / "binary.yaml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ConfigError, match=r"binary\.yaml: cannot read"):
        load_typology_set(binary)


def test_screening_with_a_set_uses_it_and_records_its_sha256(
    tiny_dataset: Path, tmp_path: Path
) -> None:
    path = tmp_path / "v2-typology-set.yaml"
    path.write_text(SMALL_SET, "utf-8")
    summary = screen_dataset(tiny_dataset, tmp_path / "results", typology_set=path)
    recorded = summary.run["typology_set"]
    assert recorded == {"file": str(path), "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}
    with_set = configuration_of(load_library(typology_set=load_typology_set(path)))
    digest = hashlib.sha256(json.dumps(with_set, sort_keys=True).encode()).hexdigest()
    assert summary.run["configuration_hash"] == "sha256:" + digest
    on_disk = json.loads((tmp_path / "results" / "run.json").read_text("utf-8"))
    assert on_disk["typology_set"] == recorded
