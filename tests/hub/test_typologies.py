"""Typology publication: the FIU publishes typology sets (checked by the detection library's own
schema and registry), members download, rate them and report hits, and the FIU and supervisors
read their effectiveness per version, typology and month."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import select, update
from typer.testing import CliRunner

from tests.hub.conftest import Hub, json_report
from tests.hub.typology_files import SMALL_SET, SMALL_TYPOLOGY, this_month, yaml_headers
from tipflow.cli.hub_commands import hub_app
from tipflow.detect.registry import (
    load_library,
    packaged_typology_set,
    read_typology_set,
    typology_set_yaml,
)
from tipflow.hub.audit import verify_chain
from tipflow.hub.models import AuditEntry
from tipflow.hub.models_typologies import TypologyVersion
from tipflow.hub.vocabulary import Role

PUBLISH = "/typologies"


def _publish(hub: Hub, document: str, **query: str) -> httpx.Response:
    response: httpx.Response = hub.client.post(
        PUBLISH,
        content=document.encode("utf-8"),
        params=query,
        headers=yaml_headers(hub.as_("fiu")),
    )
    return response


def _versions(hub: Hub, org: str = "bank_a", **query: str) -> list[int]:
    listed = hub.client.get(PUBLISH, params=query, headers=hub.as_(org))
    assert listed.status_code == 200, listed.text
    return [row["version"] for row in listed.json()]


def _previous_month() -> str:
    first = dt.datetime.now(dt.UTC).replace(day=1)
    return (first - dt.timedelta(days=1)).strftime("%Y-%m")


def test_the_fiu_publishes_versions_members_download_and_screen_with(hub: Hub) -> None:
    library_yaml = typology_set_yaml(packaged_typology_set())
    first = _publish(hub, library_yaml, title="The tipflow library", note="as packaged")
    assert first.status_code == 201, first.text
    body = first.json()
    assert (body["version"], body["created"], body["title"]) == (1, True, "The tipflow library")
    assert body["sha256"] == hashlib.sha256(library_yaml.encode()).hexdigest()
    assert body["typologies"] == sorted(load_library().typologies)
    assert "ML-02" in body["indicators"]

    again = _publish(hub, library_yaml)  # a retry: the same document, no new version
    assert again.status_code == 200 and again.json()["version"] == 1
    assert again.json()["created"] is False

    wrapped = hub.client.post(
        PUBLISH,
        json={"yaml": SMALL_SET, "title": "Cash structuring", "note": "new: FIU-ML-01"},
        headers=hub.as_("fiu"),
    )
    assert wrapped.status_code == 201, wrapped.text
    assert wrapped.json()["version"] == 2
    assert wrapped.json()["typologies"] == [SMALL_TYPOLOGY]
    assert wrapped.json()["indicators"] == ["FIU-ML-01", "ML-01"]  # its own and the packaged one

    assert _versions(hub) == [2, 1]
    assert _versions(hub, "supervisor", typology=SMALL_TYPOLOGY) == [2]
    assert _versions(hub, "police", indicator="FIU-ML-01") == [2]
    assert _versions(hub, indicator="ML-01") == [2, 1]
    read = hub.client.get("/typologies/2", headers=hub.as_("bank_b")).json()
    assert (read["title"], read["note"]) == ("Cash structuring", "new: FIU-ML-01")
    assert hub.client.get("/typologies/3", headers=hub.as_("bank_a")).status_code == 404

    downloaded = hub.client.get("/typologies/2/download", headers=hub.as_("bank_a"))
    assert downloaded.status_code == 200
    assert downloaded.headers["content-type"].startswith("application/yaml")
    assert hashlib.sha256(downloaded.content).hexdigest() == wrapped.json()["sha256"]
    # What the bank downloaded is what it screens with: the library with the set laid over it.
    screened = load_library(typology_set=read_typology_set(downloaded.text, "v2.yaml"))
    assert SMALL_TYPOLOGY in screened.typologies and "FIU-ML-01" in screened.indicators
    assert "laundering_funnel" in screened.typologies  # the packaged ones stay

    assert hub.client.get(PUBLISH, headers=hub.as_("ngo")).status_code == 403
    assert _publish_as(hub, "bank_a", SMALL_SET).status_code == 403
    with hub.state.sessions() as session:
        actions = list(session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)))
        assert actions.count("publish_typology_set") == 2
        assert actions.count("download_typology_set") == 1
        assert verify_chain(session).ok


def _publish_as(hub: Hub, org: str, document: str) -> httpx.Response:
    response: httpx.Response = hub.client.post(
        PUBLISH, content=document.encode(), headers=yaml_headers(hub.as_(org))
    )
    return response


BAD_SETS = [
    ("[unclosed\n", "not valid YAML"),
    ("- a list\n- not a mapping\n", "a typology set is a mapping"),
    ("typologies: []\n", "typologies: List should have at least 1 item"),
    (SMALL_SET.replace("{id: ML-01,", "{id: XX-99,"), "unknown indicator XX-99"),
    (SMALL_SET.replace("alert_at: 2.0", "alert_at: 0"), "typologies.0.alert_at"),
    (SMALL_SET.replace("measure: threshold_band", "measure: rm_rf"), "no measure named 'rm_rf'"),
    (SMALL_SET.replace("channels: [cash]", "chanels: [cash]"), "FIU-ML-01: parameters"),
    (SMALL_SET.replace("requires_any: [FIU-ML-01]", "requires_any: [ML-02]"), "requires_any"),
    (SMALL_SET + SMALL_SET.split("typologies:\n")[1], "typology cash_structuring_ring is defined"),
    ("a: &a [x, x]\nb: [*a, *a]\n", "aliases"),
    ('!!python/object/apply:os.system ["true"]\n', "not valid YAML"),
    ("[" * 5000 + "]" * 5000, "nested too deeply"),
]


def test_invalid_sets_are_refused_with_one_message_naming_the_file(hub: Hub) -> None:
    for document, expected in BAD_SETS:
        refused = _publish(hub, document, filename="bulletin.yaml")
        assert refused.status_code == 422, (expected, refused.text)
        detail = refused.json()["detail"]
        assert isinstance(detail, str) and "\n" not in detail, detail
        assert detail.startswith("bulletin.yaml: ") and expected in detail, (expected, detail)
    fiu = hub.as_("fiu")
    not_utf8 = hub.client.post(PUBLISH, content=b"\xff\xfe", headers=yaml_headers(fiu))
    assert not_utf8.status_code == 422 and "not UTF-8" in not_utf8.json()["detail"]
    wrapped = hub.client.post(PUBLISH, json={"yaml": SMALL_SET, "extra": 1}, headers=fiu)
    assert wrapped.status_code == 422 and wrapped.json()["detail"].startswith("extra: ")
    huge = hub.client.post(PUBLISH, content=b"#" * (4 * 1024 * 1024 + 1), headers=fiu)
    assert huge.status_code == 413
    assert _versions(hub) == []  # nothing was stored


def _report(hub: Hub, org: str, reference: str) -> int:
    response = hub.client.post("/reports/json", json=json_report(reference), headers=hub.as_(org))
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _hits(hub: Hub, org: str, **body: Any) -> httpx.Response:
    body = {"typology_id": SMALL_TYPOLOGY, "month": this_month(), **body}
    response: httpx.Response = hub.client.post(
        "/typologies/1/hits", json=body, headers=hub.as_(org)
    )
    return response


def _rate(hub: Hub, org: str, usefulness: int, role: Role = Role.ANALYST) -> httpx.Response:
    body = {"typology_id": SMALL_TYPOLOGY, "usefulness": usefulness, "note": "found a mule"}
    response: httpx.Response = hub.client.post(
        "/typologies/1/ratings", json=body, headers=hub.as_(org, role)
    )
    return response


def test_banks_rate_and_report_hits_and_effectiveness_sums_them_per_month(hub: Hub) -> None:
    assert _publish(hub, SMALL_SET).status_code == 201
    with hub.state.sessions() as session:  # published two months ago: hits of last month count
        earlier = dt.datetime.now(dt.UTC) - dt.timedelta(days=62)
        session.execute(update(TypologyVersion).values(published_at=earlier))
        session.commit()
    first = _rate(hub, "bank_a", 4)
    assert first.status_code == 201 and first.json()["replaced"] is False
    again = _rate(hub, "bank_a", 2, Role.ADMIN)  # one rating per institution: replaced
    assert again.status_code == 200 and again.json()["replaced"] is True
    assert again.json()["id"] == first.json()["id"]
    assert _rate(hub, "bank_b", 5).status_code == 201

    r1, r2 = _report(hub, "bank_a", "TY-1"), _report(hub, "bank_a", "TY-2")
    r3 = _report(hub, "bank_b", "TY-3")
    month, last = this_month(), _previous_month()
    hit = _hits(hub, "bank_a", alerts=10, reports_filed=2, false_positives=5, report_ids=[r1, r2])
    assert hit.status_code == 201, hit.text
    assert _hits(hub, "bank_b", alerts=6, reports_filed=1, false_positives=3).status_code == 201
    fixed = _hits(hub, "bank_a", alerts=12, reports_filed=2, false_positives=6, report_ids=[r1])
    assert fixed.status_code == 200 and fixed.json()["replaced"] is True  # counted once
    assert fixed.json()["report_ids"] == [r1]
    older = _hits(hub, "bank_b", month=last, alerts=4, reports_filed=0, false_positives=4)
    assert older.status_code == 201
    fixed_last = _hits(
        hub, "bank_b", month=last, alerts=3, reports_filed=1, false_positives=1, report_ids=[r3]
    )
    assert fixed_last.status_code == 200

    fiu, police = hub.as_("fiu"), hub.as_("police")
    disclosure = hub.client.post(
        "/disclosures",
        json={"to_organisation_id": hub.orgs["police"], "report_ids": [r1, r3]},
        headers=fiu,
    ).json()
    for kind in ("investigation", "arrest"):
        outcome = hub.client.post(
            f"/disclosures/{disclosure['id']}/outcomes", json={"kind": kind}, headers=police
        )
        assert outcome.status_code == 201

    read = hub.client.get("/typologies/effectiveness", headers=hub.as_("supervisor"))
    assert read.status_code == 200, read.text
    rows = {row["month"]: row for row in read.json()}
    assert set(rows) == {last, month}
    now = rows[month]
    assert (now["version"], now["typology_id"]) == (1, SMALL_TYPOLOGY)
    assert (now["ratings"], now["mean_rating"]) == (2, 3.5)
    assert (now["institutions"], now["alerts"], now["reports_filed"]) == (2, 18, 3)
    assert (now["false_positives"], now["conversion_rate"]) == (9, round(3 / 18, 4))
    assert now["false_positive_rate"] == 0.5
    assert (now["linked_reports"], now["linked_reports_disclosed"]) == (1, 1)
    assert now["outcomes"] == {"arrest": 1, "investigation": 1}
    before = rows[last]
    assert (before["ratings"], before["mean_rating"], before["institutions"]) == (0, None, 1)
    assert (before["alerts"], before["reports_filed"], before["false_positives"]) == (3, 1, 1)
    assert before["linked_reports"] == 1 and before["outcomes"] == {
        "arrest": 1,
        "investigation": 1,
    }
    one_month = hub.client.get(
        "/typologies/effectiveness", params={"version": 1, "typology": "nope"}, headers=fiu
    )
    assert one_month.json() == []

    kpis = hub.client.get("/kpis", headers=fiu).json()
    assert kpis["typology_effectiveness"] == read.json()
    rows_csv = list(csv.DictReader(io.StringIO(hub.client.get("/kpis.csv", headers=fiu).text)))
    key = f"{SMALL_TYPOLOGY}/v1/{month}"
    assert {"metric": "typology_alerts", "key": key, "value": "18"} in rows_csv
    assert {"metric": "typology_outcomes", "key": f"{key}/arrest", "value": "1"} in rows_csv

    with hub.state.sessions() as session:
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.action.in_(["rate_typology", "report_typology_hits"]))
            .order_by(AuditEntry.id)
        ).all()
        details = [json.loads(entry.detail) for entry in entries]
        assert [d["before"] for d in details if "usefulness" in d] == [None, 4, None]
        assert [d["replaced"] for d in details if "alerts" in d] == [
            False,
            False,
            True,
            False,
            True,
        ]
        assert all("note" not in d for d in details)  # free text stays out of the audit log
        assert verify_chain(session).ok


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"alerts": 2, "reports_filed": 3, "false_positives": 0}, "cannot exceed alerts"),
        ({"alerts": 5, "reports_filed": 3, "false_positives": 3}, "cannot exceed alerts"),
        ({"alerts": 5, "reports_filed": 1, "false_positives": 0, "report_ids": [1, 2]}, "more"),
        ({"alerts": 5, "reports_filed": 1, "false_positives": 0, "report_ids": [1]}, "report 1"),
        (
            {
                "typology_id": "laundering_funnel",
                "alerts": 1,
                "reports_filed": 0,
                "false_positives": 0,
            },
            "version 1 has no typology laundering_funnel",
        ),
        ({"month": "2001-01", "alerts": 1, "reports_filed": 0, "false_positives": 0}, "2001-01"),
        ({"month": "2999-12", "alerts": 1, "reports_filed": 0, "false_positives": 0}, "2999-12"),
    ],
)
def test_hits_that_do_not_add_up_are_refused(hub: Hub, body: dict[str, Any], expected: str) -> None:
    assert _publish(hub, SMALL_SET).status_code == 201
    assert _report(hub, "bank_b", "OTHER-1") == 1  # report 1 is bank B's, not bank A's
    refused = _hits(hub, "bank_a", **body)
    assert refused.status_code == 422, refused.text
    assert expected in refused.json()["detail"]


def test_ratings_and_hits_are_checked_and_reserved_to_reporting_entities(hub: Hub) -> None:
    assert _publish(hub, SMALL_SET).status_code == 201
    base = {"typology_id": SMALL_TYPOLOGY, "alerts": 1, "reports_filed": 0, "false_positives": 0}
    for usefulness in (0, 6):
        assert _rate(hub, "bank_a", usefulness).status_code == 422
    negative = _hits(hub, "bank_a", **{**base, "alerts": -1})
    assert negative.status_code == 422
    assert _hits(hub, "bank_a", **{**base, "month": "2026-13"}).status_code == 422
    missing = hub.client.post(
        "/typologies/7/ratings",
        json={"typology_id": SMALL_TYPOLOGY, "usefulness": 3},
        headers=hub.as_("bank_a"),
    )
    assert missing.status_code == 404
    for org in ("fiu", "police", "ngo", "supervisor"):
        assert _rate(hub, org, 3).status_code == 403
        assert _hits(hub, org, **base).status_code == 403
    for org in ("bank_a", "police", "ngo"):
        read = hub.client.get("/typologies/effectiveness", headers=hub.as_(org))
        assert read.status_code == 403


def test_the_fiu_publishes_a_file_with_the_cli(
    hub: Hub, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent: list[str] = []

    def post(url: str, timeout: float, **kwargs: Any) -> httpx.Response:
        sent.append(url)  # (the test client takes no timeout)
        response: httpx.Response = hub.client.post(url, **kwargs)
        return response

    monkeypatch.setattr(httpx, "post", post)
    token = hub.as_("fiu")["Authorization"].removeprefix("Bearer ")
    where = ["--hub", "http://hub.example/", "--token", token]
    broken = tmp_path / "broken.yaml"
    broken.write_text(SMALL_SET.replace("alert_at: 2.0", "alert_at: -1"), "utf-8")
    refused = CliRunner().invoke(hub_app, ["publish-typologies", str(broken), *where])
    assert refused.exit_code == 1
    assert "broken.yaml: typologies.0.alert_at" in " ".join(refused.output.split())
    assert sent == []  # checked before anything is sent
    bulletin = tmp_path / "FIU bulletin 11.yaml"
    bulletin.write_text(SMALL_SET, "utf-8")
    command = ["publish-typologies", str(bulletin), *where, "--title", "Cash", "--note", "new"]
    published = CliRunner().invoke(hub_app, command)
    assert published.exit_code == 0, published.output
    assert "published as version 1" in " ".join(published.output.split())
    assert sent == ["http://hub.example/typologies"]
    listed = hub.client.get(PUBLISH, headers=hub.as_("bank_a")).json()
    assert [(row["filename"], row["title"], row["note"]) for row in listed] == [
        ("FIU-bulletin-11.yaml", "Cash", "new")
    ]
    as_bank = hub.as_("bank_a")["Authorization"].removeprefix("Bearer ")
    command = [
        "publish-typologies",
        str(bulletin),
        "--hub",
        "http://hub.example",
        "--token",
        as_bank,
    ]
    forbidden = CliRunner().invoke(hub_app, command)
    assert forbidden.exit_code == 1 and "HTTP 403" in forbidden.output
