"""``tipflow report`` and ``tipflow goaml read`` as a user runs them: simulate, screen, report,
then read a written STR back; the manifest proves every file; errors are one line."""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import pytest
from lxml import etree

from tests.cli.test_screen_cli import tipflow


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("report-cli")
    made = tipflow(
        "simulate", "--out", str(root / "w"), "--customers", "1200", "--days", "60", "--seed", "9"
    )
    assert made.returncode == 0, made.stderr
    screened = tipflow("screen", str(root / "w"), "--out", str(root / "results"))
    assert screened.returncode == 0, screened.stderr
    return root / "results"


@pytest.fixture(scope="module")
def report(results: Path) -> tuple[Path, dict[str, object]]:
    out = results.parent / "report"
    written = tipflow("report", str(results), "--out", str(out), "--json")
    assert written.returncode == 0, written.stderr
    return out, json.loads(written.stdout)


def _flagged_cases(results: Path) -> int:
    with (results / "networks.csv").open(encoding="utf-8") as handle:
        networks = [r for r in csv.DictReader(handle) if r["flagged"] == "true"]
    in_networks = {a for n in networks for a in n["accounts"].split(";")}
    with (results / "accounts.csv").open(encoding="utf-8") as handle:
        lone = [
            r
            for r in csv.DictReader(handle)
            if r["flagged"] == "true" and r["account_id"] not in in_networks
        ]
    return len(networks) + len(lone)


def test_one_str_and_one_page_per_case(
    results: Path, report: tuple[Path, dict[str, object]]
) -> None:
    out, summary = report
    cases = _flagged_cases(results)
    assert cases > 0
    assert summary["cases"] == cases
    assert len(list((out / "goaml").glob("*.xml"))) == cases
    assert len(list((out / "cases").glob("*.html"))) == cases
    assert (out / "index.html").is_file()
    lines = (out / "entities.ftm.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == summary["ftm_entities"]


def test_the_manifest_proves_every_file(report: tuple[Path, dict[str, object]]) -> None:
    out, _ = report
    manifest = json.loads((out / "report.json").read_text("utf-8"))
    listed = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file()} - {
        "report.json"
    }
    assert set(listed) == on_disk
    for path, digest in listed.items():
        assert hashlib.sha256((out / path).read_bytes()).hexdigest() == digest
    assert manifest["results_run"]["configuration_hash"].startswith("sha256:")


def test_a_smaller_report_leaves_no_stale_str(results: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    assert tipflow("report", str(results), "--out", str(out)).returncode == 0
    (out / "notes.txt").write_text("the analyst's own file", "utf-8")
    again = tipflow("report", str(results), "--out", str(out), "--top", "1")
    assert again.returncode == 0, again.stderr
    assert len(list((out / "goaml").glob("*.xml"))) == 1
    assert len(list((out / "cases").glob("*.html"))) == 1
    assert (out / "notes.txt").is_file()


def test_a_written_str_reads_back(report: tuple[Path, dict[str, object]], tmp_path: Path) -> None:
    out, _ = report
    xml = sorted((out / "goaml").glob("*.xml"))[0]
    read = tipflow("goaml", "read", str(xml), "--out", str(tmp_path / "tables"), "--json")
    assert read.returncode == 0, read.stderr
    tables = json.loads(read.stdout)["tables"]
    numbers = {node.text for node in etree.parse(str(xml)).iter("transactionnumber") if node.text}
    assert tables["transactions"] == len(numbers) > 0
    with (tmp_path / "tables" / "transactions.csv").open(encoding="utf-8") as handle:
        assert {row["transaction_id"] for row in csv.DictReader(handle)} == numbers


def test_errors_are_one_line(results: Path, tmp_path: Path) -> None:
    missing = tipflow("report", str(tmp_path / "nowhere"), "--out", str(tmp_path / "r"))
    assert missing.returncode != 0
    assert "results folder of tipflow screen" in missing.stderr
    assert "Traceback" not in missing.stderr
    unknown = tipflow("report", str(results), "--out", str(tmp_path / "r"), "--case", "NW-nope")
    assert unknown.returncode != 0 and "no such case" in unknown.stderr
    bad_profile = tmp_path / "profile.yaml"
    bad_profile.write_text("rentity_id: [not, a, number]\n", "utf-8")
    profile = tipflow(
        "report", str(results), "--out", str(tmp_path / "r"), "--fiu-profile", str(bad_profile)
    )
    assert profile.returncode != 0 and str(bad_profile) in profile.stderr
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><report>&b;</report>',
        "utf-8",
    )
    refused = tipflow("goaml", "read", str(bomb), "--out", str(tmp_path / "t"))
    assert refused.returncode != 0 and "bomb.xml" in refused.stderr
    assert "Traceback" not in refused.stderr


def test_reports_for_the_uae_fiu_validate_and_read_back(
    results: Path, tmp_path: Path, shared_dir: Path
) -> None:
    """With the UAE example profile every STR validates against the UAE 5.0.2 edition (the
    copy lxml can read), and reading it back through the same profile keeps the channels."""
    profile = Path(__file__).resolve().parents[2] / "examples/fiu-profiles/uae-fiu-5.0.2.yaml"
    out = tmp_path / "uae"
    written = tipflow(
        "report", str(results), "--out", str(out), "--fiu-profile", str(profile), "--top", "3"
    )
    assert written.returncode == 0, written.stderr
    schema = etree.XMLSchema(
        etree.parse(str(shared_dir / "specs/goaml/uae-fiu-5.0.2/goAMLSchema.xsd10-patched.xsd"))
    )
    files = sorted((out / "goaml").glob("*.xml"))
    assert len(files) == 3
    for xml in files:
        document = etree.parse(str(xml))
        assert schema.validate(document), (xml.name, schema.error_log.last_error)
    tables = tmp_path / "tables"
    read = tipflow(
        "goaml", "read", str(files[0]), "--out", str(tables), "--fiu-profile", str(profile)
    )
    assert read.returncode == 0, read.stderr
    with (tables / "transactions.csv").open(encoding="utf-8") as handle:
        channels = {row["channel"] for row in csv.DictReader(handle)}
    assert channels and channels != {"other"}
