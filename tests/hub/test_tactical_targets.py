"""Targets made with ``tipflow share targets`` from raw identifiers: the bank that tokenised the
same identifiers with ``tipflow share tokens`` sees its matches in the tactical request, and an
NGO data point takes the same pseudonyms."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from tests.hub.conftest import Hub
from tests.hub.ngo_bodies import data_point
from tests.hub.token_files import KEY, upload_path
from tests.share.banks import write_bank_a
from tipflow.cli.share_commands import register
from tipflow.hub.vocabulary import Role
from tipflow.share.local import read_lookup
from tipflow.share.tokens import make_tokens

#: What the police know, written their way: Maria's phone (bank A holds it as
#: "+1 (312) 555-0199"), the account her bank paid ("us b 0007" in bank A's payments) and an
#: e-mail address nobody holds.
TARGETS_CSV = "kind,value,country\nphone,312 555 0199,US\naccount_number,US-B-0007,\n"
TARGETS_CSV += "email,nobody@example.org,\n"


def _targets(folder: Path, *extra: str) -> dict[str, object]:
    app = typer.Typer()
    app.command("noop")(lambda: None)
    register(app)
    (folder / "partnership.key").write_bytes(KEY)
    (folder / "targets.csv").write_text(TARGETS_CSV, encoding="utf-8")
    out = folder / f"targets{len(extra)}.json"
    result = CliRunner().invoke(
        app,
        [
            "share",
            "targets",
            str(folder / "targets.csv"),
            "--key-file",
            str(folder / "partnership.key"),
            "--out",
            str(out),
            *extra,
        ],
    )
    assert result.exit_code == 0, result.output
    document: dict[str, object] = json.loads(out.read_text())
    return document


def test_a_request_made_from_raw_identifiers_reaches_the_bank_that_holds_them(
    hub: Hub, tmp_path: Path
) -> None:
    tokens = make_tokens(write_bank_a(tmp_path / "bank_a"), KEY, tmp_path / "tokens")
    uploaded = hub.client.post(
        upload_path(tokens.records),
        content=(tmp_path / "tokens" / "tokens.parquet").read_bytes(),
        headers={**hub.as_("bank_a"), "Content-Type": "application/octet-stream"},
    )
    assert uploaded.status_code == 201, uploaded.text

    targets = _targets(tmp_path)
    deadline = dt.datetime.now(dt.UTC) + dt.timedelta(days=7)
    body = {
        "purpose": "Operation Lantern: the controller of a labour-exploitation network",
        "case_reference": "OPS-2026-021",
        "deadline": deadline.isoformat(),
    } | targets
    created = hub.client.post("/tactical/requests", json=body, headers=hub.as_("police"))
    assert created.status_code == 201, created.text
    assert created.json()["target_count"] == 3
    assert created.json()["addressed_organisation_ids"] == [hub.orgs["bank_a"]]

    listed = hub.client.get("/tactical/requests", headers=hub.as_("bank_a"))
    assert listed.status_code == 200, listed.text
    (seen,) = listed.json()
    lookup = read_lookup(tmp_path / "tokens")
    matches = {
        (m["kind"], m["matched_as"], m["direction"], lookup[m["record_id"]])
        for m in seen["matches"]
    }
    # the phone as bank A's own; the account as the one bank A's customer paid
    assert matches == {
        ("phone", "phone", None, "A-0001"),
        ("account_number", "counterparty", "out", "A-0001"),
    }


def test_an_ngo_data_point_takes_the_same_pseudonyms(hub: Hub, tmp_path: Path) -> None:
    identifiers = _targets(tmp_path, "--as", "ngo")
    admin = hub.as_("fiu", Role.ADMIN)
    key = {"key_fingerprint": identifiers["key_fingerprint"]}
    assert hub.client.put("/tokens/partnership-key", json=key, headers=admin).status_code == 200
    created = hub.client.post(
        "/ngo/data-points", json=data_point(**identifiers), headers=hub.as_("ngo")
    )
    assert created.status_code == 201, created.text
    point = hub.client.get(f"/ngo/data-points/{created.json()['id']}", headers=hub.as_("fiu"))
    assert point.json()["identifiers"] == identifiers["identifiers"]
    assert identifiers["identifiers"] == _targets(tmp_path)["targets"]
