"""NGO case data points over HTTP: consent and anonymity checks, sealing at rest, who reads
what, deletion with a receipt in the audit chain, counts with small cells suppressed."""

from __future__ import annotations

import copy
import hashlib
import json

from sqlalchemy import select

from tests.hub.conftest import Hub
from tests.hub.ngo_bodies import FINGERPRINT, NARRATIVE, data_point
from tipflow.hub.admin import create_organisation, create_user, issue_token
from tipflow.hub.audit import verify_chain
from tipflow.hub.models import AuditEntry, NgoDataPoint
from tipflow.hub.vocabulary import OrgType, Role, TokenKind


def submit(hub: Hub, body: dict[str, object], org: str = "ngo") -> dict[str, object]:
    response = hub.client.post("/ngo/data-points", json=body, headers=hub.as_(org))
    assert response.status_code == 201, response.text
    created = response.json()
    assert isinstance(created, dict)
    return created


def test_a_data_point_is_sealed_at_rest_and_read_back_by_its_ngo_and_the_fiu(hub: Hub) -> None:
    body = data_point()
    created = submit(hub, body)
    with hub.state.sessions() as session:
        row = session.get(NgoDataPoint, created["id"])
        assert row is not None
        # Nothing of the sealed fields is readable in the database.
        for secret in (b"recruiter opened", b"18000", b"12500"):
            assert secret not in row.sealed
        assert row.content_sha256 == created["content_sha256"]
    for org in ("ngo", "fiu"):
        read = hub.client.get(f"/ngo/data-points/{created['id']}", headers=hub.as_(org))
        assert read.status_code == 200
        point = read.json()
        assert point["narrative"] == NARRATIVE
        assert point["amounts"][0]["amount"] == "18000.00"
        assert point["debts"][0]["creditor"] == "recruiter"
        assert point["transit_countries"] == ["CN", "RU"]
        assert point["consent"]["scope"] == "partnership_analysis"
    # The salted hash is recomputable from what the NGO sent, the way the hub documents it.
    salt = bytes.fromhex(str(created["receipt_salt"]))
    canonical = json.dumps(point_as_sent(point), sort_keys=True, separators=(",", ":"))
    assert hashlib.sha256(salt + canonical.encode()).hexdigest() == created["content_sha256"]
    listed = hub.client.get("/ngo/data-points", headers=hub.as_("fiu")).json()
    assert [item["id"] for item in listed] == [created["id"]]


def point_as_sent(point: dict[str, object]) -> dict[str, object]:
    return {
        key: value
        for key, value in point.items()
        if key not in {"id", "organisation_id", "submitted_at", "content_sha256"}
    }


def test_others_neither_read_nor_delete_a_data_point(hub: Hub) -> None:
    created = submit(hub, data_point())
    path = f"/ngo/data-points/{created['id']}"
    for org in ("bank_a", "police", "supervisor"):
        assert hub.client.get(path, headers=hub.as_(org)).status_code == 403
        assert hub.client.delete(path, headers=hub.as_(org)).status_code == 403
    assert hub.client.delete(path, headers=hub.as_("fiu")).status_code == 403
    other = _second_ngo(hub)
    assert hub.client.get(path, headers=other).status_code == 404
    assert hub.client.delete(path, headers=other).status_code == 404
    assert hub.client.get("/ngo/data-points", headers=other).json() == []


def _second_ngo(hub: Hub) -> dict[str, str]:
    state = hub.state
    with state.sessions() as session:
        organisation = create_organisation(session, "Second Ngo", OrgType.NGO)
        user = create_user(
            session, organisation, "analyst@ngo2.example", Role.ANALYST, None, state.passwords
        )
        token, _ = issue_token(session, user, state.secret, TokenKind.API)
        session.commit()
    return {"Authorization": f"Bearer {token}"}


def test_without_consent_or_with_direct_identifiers_a_data_point_is_refused(hub: Hub) -> None:
    ngo = hub.as_("ngo")
    without_consent = data_point()
    del without_consent["consent"]
    response = hub.client.post("/ngo/data-points", json=without_consent, headers=ngo)
    assert response.status_code == 422 and "consent" in response.text
    phone = data_point(narrative="Her controller called from +44 20 7946 0958 every night.")
    response = hub.client.post("/ngo/data-points", json=phone, headers=ngo)
    assert response.status_code == 422
    assert "a phone number at character 28" in response.text
    for field, value in (
        ("began", "2025-03-14"),  # a day, not a month
        ("origin_country", "Vietnam"),
        ("identifiers", [{"kind": "account_number", "pseudonym": "GB82WEST12345698765432"}]),
    ):
        response = hub.client.post(
            "/ngo/data-points", json=data_point(**{field: value}), headers=ngo
        )
        assert response.status_code == 422, field
        assert field in response.text
    with hub.state.sessions() as session:
        assert session.scalars(select(NgoDataPoint)).all() == []


def test_identifiers_must_be_made_with_the_partnership_key(hub: Hub) -> None:
    identifiers = [{"kind": "account_number", "pseudonym": "c" * 64}]
    body = data_point(identifiers=identifiers, key_fingerprint=FINGERPRINT)
    ngo = hub.as_("ngo")
    refused = hub.client.post("/ngo/data-points", json=body, headers=ngo)
    assert refused.status_code == 422 and "no key yet" in refused.text
    key = {"key_fingerprint": FINGERPRINT}
    admin = hub.as_("fiu", Role.ADMIN)
    assert hub.client.put("/tokens/partnership-key", json=key, headers=admin).status_code == 200
    other = data_point(identifiers=identifiers, key_fingerprint="cd" * 32)
    refused = hub.client.post("/ngo/data-points", json=other, headers=ngo)
    assert refused.status_code == 422 and "another key" in refused.text
    created = submit(hub, body)
    point = hub.client.get(f"/ngo/data-points/{created['id']}", headers=hub.as_("fiu")).json()
    assert point["identifiers"] == identifiers


def test_a_deletion_removes_the_data_point_and_leaves_a_verifiable_receipt(hub: Hub) -> None:
    created = submit(hub, data_point())
    path = f"/ngo/data-points/{created['id']}"
    deleted = hub.client.delete(path, headers=hub.as_("ngo"))
    assert deleted.status_code == 200
    receipt = deleted.json()
    assert receipt["content_sha256"] == created["content_sha256"]
    assert hub.client.get(path, headers=hub.as_("ngo")).status_code == 404
    assert hub.client.delete(path, headers=hub.as_("ngo")).status_code == 404
    with hub.state.sessions() as session:
        assert session.get(NgoDataPoint, created["id"]) is None
        entry = session.get(AuditEntry, receipt["audit_entry_id"])
        assert entry is not None and entry.row_hash == receipt["audit_row_hash"]
        assert verify_chain(session).ok
        # The chain keeps the hash, nothing of the content.
        assert "recruiter" not in entry.detail and "VN" not in entry.detail
    for org in ("ngo", "fiu", "supervisor"):
        receipts = hub.client.get("/ngo/deletions", headers=hub.as_(org)).json()
        assert receipts == [receipt]
    assert hub.client.get("/ngo/deletions", headers=_second_ngo(hub)).json() == []
    assert hub.client.get("/ngo/deletions", headers=hub.as_("bank_a")).status_code == 403
    kpis = hub.client.get("/kpis", headers=hub.as_("supervisor")).json()
    assert (kpis["ngo_data_points"], kpis["ngo_data_point_deletions"]) == (0, 1)
    csv_text = hub.client.get("/kpis.csv", headers=hub.as_("fiu")).text
    assert "ngo_data_point_deletions,,1" in csv_text


def test_the_summary_counts_across_ngos_and_suppresses_small_cells(hub: Hub) -> None:
    for _ in range(5):
        submit(hub, data_point())
    submit(hub, data_point(exploitation=["sexual"], payment_channels=["prepaid_card"]))
    smuggling = data_point(
        crime="migrant_smuggling",
        exploitation=["none"],
        origin_country="AF",
        destination_country="DE",
        payment_channels=["informal_value_transfer"],
    )
    submit(hub, smuggling)
    summary = hub.client.get("/ngo/summary", headers=hub.as_("bank_a")).json()
    assert summary["data_points"] == 7 and summary["min_cell"] == 5
    cells = {
        name: {c["key"]: c["count"] for c in summary[name]}
        for name in summary
        if name.startswith("by_")
    }
    # 1 smuggling case is hidden; 6 trafficking would reveal it (7 - 6), so it is hidden too.
    assert cells["by_crime"] == {"human_trafficking": None, "migrant_smuggling": None}
    assert cells["by_exploitation"] == {"labour": 5, "none": None, "sexual": None}
    assert cells["by_corridor"] == {"AF>DE": None, "VN>GB": None}
    assert cells["by_payment_channel"]["bank_transfer"] == 5
    assert cells["by_payment_channel"]["prepaid_card"] is None
    assert cells["by_year"] == {"2025": 7}
    # Nothing sealed reaches the summary.
    assert "18000" not in json.dumps(summary) and "recruiter opened" not in json.dumps(summary)


def test_the_body_round_trips_unchanged(hub: Hub) -> None:
    body = data_point(identifiers=[], narrative="")
    created = submit(hub, copy.deepcopy(body))
    point = hub.client.get(f"/ngo/data-points/{created['id']}", headers=hub.as_("ngo")).json()
    sent = point_as_sent(point)
    assert {key: sent[key] for key in body} == body
