"""Tactical requests: police or the FIU ask about pseudonymised targets; each institution sees
only the targets its own tokens hold, answers, and the answers flow back to the requester."""

from __future__ import annotations

import csv
import hashlib
import io
import json
from typing import Any

import httpx
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from sqlalchemy import select

from tests.hub.conftest import Hub, json_report
from tests.hub.tactical_bodies import pseudonym, tactical_request
from tests.hub.token_files import token_file, upload_path
from tipflow.hub.audit import verify_chain
from tipflow.hub.models import AuditEntry
from tipflow.hub.schemas_tactical import TargetIn
from tipflow.hub.tactical import TacticalRefused, check_targets
from tipflow.hub.tokens_store import KINDS
from tipflow.hub.vocabulary import Role, TargetKind
from tipflow.share.keys import key_fingerprint
from tipflow.share.tokens import TOKEN_SCHEMA

MARIA, TOM, ANN, ZOE, NOBODY = (
    "+13125550199",
    "+13125550123",
    "+13125550155",
    "+13125550166",
    "+13125550777",
)
ASKED = "/tactical/requests"
OCTET = {"Content-Type": "application/octet-stream"}


def _hex32(text: str) -> str:
    """A record id as token_files.token_file makes it."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _upload(hub: Hub, org: str, data: bytes, records: int) -> int:
    response = hub.client.post(
        upload_path(records), content=data, headers={**hub.as_(org), **OCTET}
    )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _ask(hub: Hub, org: str, body: dict[str, object]) -> httpx.Response:
    response: httpx.Response = hub.client.post(ASKED, json=body, headers=hub.as_(org))
    return response


def _listed(hub: Hub, org: str) -> list[dict[str, Any]]:
    response = hub.client.get(ASKED, headers=hub.as_(org))
    assert response.status_code == 200, response.text
    listed: list[dict[str, Any]] = response.json()
    return listed


def _answer(hub: Hub, org: str, request_id: int, body: dict[str, object]) -> httpx.Response:
    response: httpx.Response = hub.client.put(
        f"{ASKED}/{request_id}/answer", json=body, headers=hub.as_(org)
    )
    return response


def test_target_kinds_are_the_exact_token_kinds() -> None:
    # names are Bloom filters and counterparties account-number tokens: neither is a target
    assert {kind.value for kind in TargetKind} == KINDS - {"name", "counterparty"}


def test_targets_are_checked_deduplicated_and_lower_cased() -> None:
    token = pseudonym("phone", MARIA)
    targets = [
        TargetIn(kind=TargetKind.PHONE, pseudonym=token.upper()),
        TargetIn(kind=TargetKind.PHONE, pseudonym=token),
        TargetIn(kind=TargetKind.EMAIL, pseudonym=token),
    ]
    assert check_targets(targets) == [("phone", token), ("email", token)]
    for bad in (MARIA, token[:63], token + "0", token[:-1] + "g", token + "\n"):
        with pytest.raises(TacticalRefused, match=r"target 2 \(phone\): a pseudonym is 64 hex"):
            check_targets([targets[0], TargetIn(kind=TargetKind.PHONE, pseudonym=bad)])


def test_a_police_request_reaches_only_the_institutions_holding_its_targets(hub: Hub) -> None:
    client = hub.client
    upload_a = _upload(hub, "bank_a", token_file("BANK_A", {"m": MARIA, "t": TOM, "a": ANN}), 3)
    upload_b = _upload(hub, "bank_b", token_file("BANK_B", {"z": ZOE}), 1)
    created = _ask(hub, "police", tactical_request(MARIA, TOM, NOBODY))
    assert created.status_code == 201, created.text
    request = created.json()
    banks = sorted([hub.orgs["bank_a"], hub.orgs["bank_b"]])
    assert request["addressed_organisation_ids"] == banks  # default: every token holder
    assert request["target_count"] == 3 and request["answer_count"] == 0
    assert request["organisation_id"] == hub.orgs["police"] and request["matches"] is None

    # Bank A sees exactly its two matches, with its own record ids; not the other targets.
    (seen_a,) = _listed(hub, "bank_a")
    assert seen_a["targets"] is None and seen_a["addressed_organisation_ids"] is None
    assert seen_a["target_count"] == 3 and seen_a["matched_upload_id"] == upload_a
    matches = {(m["pseudonym"], m["record_id"]) for m in seen_a["matches"]}
    assert matches == {
        (pseudonym("phone", MARIA), _hex32("BANK_A:m")),
        (pseudonym("phone", TOM), _hex32("BANK_A:t")),
    }
    assert {(m["kind"], m["matched_as"], m["institution_id"]) for m in seen_a["matches"]} == {
        ("phone", "phone", "BANK_A")
    }
    # Bank B holds none of them, and sees nothing of bank A's.
    (seen_b,) = _listed(hub, "bank_b")
    assert seen_b["matches"] == [] and seen_b["matched_upload_id"] == upload_b

    # Answers: bank A points to its own STR; bank B may not point to bank A's.
    report = client.post("/reports/json", json=json_report("STR-A-1"), headers=hub.as_("bank_a"))
    report_id = report.json()["id"]
    refused = _answer(hub, "bank_b", request["id"], {"status": "match", "report_ids": [report_id]})
    assert refused.status_code == 404 and "no report" in refused.json()["detail"]
    answered = _answer(
        hub,
        "bank_a",
        request["id"],
        {"status": "match", "note": "two customers, see our STR", "report_ids": [report_id]},
    )
    assert answered.status_code == 200, answered.text
    assert _answer(hub, "bank_b", request["id"], {"status": "no_match"}).status_code == 200

    answers = client.get(f"{ASKED}/{request['id']}/answers", headers=hub.as_("police")).json()
    assert [(a["organisation_name"], a["status"], a["report_ids"]) for a in answers] == [
        ("Bank A", "match", [report_id]),
        ("Bank B", "no_match", []),
    ]
    assert answers[0]["note"] == "two customers, see our STR" and answers[0]["answered_at"]

    # Re-answering replaces (one answer per institution), keeping the first answer's time.
    again = _answer(hub, "bank_a", request["id"], {"status": "declined", "note": "legal hold"})
    assert again.status_code == 200
    assert again.json()["first_answered_at"] == answers[0]["first_answered_at"]
    answers = client.get(f"{ASKED}/{request['id']}/answers", headers=hub.as_("police")).json()
    assert [(a["status"], a["report_ids"]) for a in answers] == [("declined", []), ("no_match", [])]
    (seen_a,) = _listed(hub, "bank_a")
    assert seen_a["answer"]["status"] == "declined"
    (mine,) = _listed(hub, "police")
    assert mine["answer_count"] == 2 and len(mine["targets"]) == 3

    # The FIU sees every request and its answers; NGOs and supervisors see none.
    (seen_fiu,) = _listed(hub, "fiu")
    assert seen_fiu["id"] == request["id"] and seen_fiu["targets"] == request["targets"]
    by_fiu = client.get(f"{ASKED}/{request['id']}/answers", headers=hub.as_("fiu"))
    assert by_fiu.status_code == 200 and len(by_fiu.json()) == 2
    for org in ("ngo", "supervisor"):
        for role in Role:
            headers = hub.as_(org, role)
            assert client.get(ASKED, headers=headers).status_code == 403
            assert (
                client.get(f"{ASKED}/{request['id']}/answers", headers=headers).status_code == 403
            )
            assert (
                client.post(ASKED, json=tactical_request(MARIA), headers=headers).status_code == 403
            )

    # The figures count requests and answers.
    kpis = client.get("/kpis", headers=hub.as_("supervisor")).json()
    assert kpis["tactical_requests"] == 1
    assert kpis["tactical_answers"] == {"declined": 1, "no_match": 1}
    assert kpis["median_hours_to_tactical_answer"] is not None
    rows = list(csv.reader(io.StringIO(client.get("/kpis.csv", headers=hub.as_("fiu")).text)))
    assert ["tactical_answers", "declined", "1"] in rows and ["tactical_requests", "", "1"] in rows

    # Every write and read is audited, with counts and ids, never a pseudonym.
    with hub.state.sessions() as session:
        entries = list(
            session.scalars(
                select(AuditEntry)
                .where(AuditEntry.action.like("%tactical%"))
                .order_by(AuditEntry.id)
            )
        )
        assert verify_chain(session).ok
    actions = [entry.action for entry in entries]
    assert actions.count("create_tactical_request") == 1
    assert actions.count("answer_tactical_request") == 3
    assert actions.count("list_tactical_answers") == 3 and "list_tactical_requests" in actions
    replaced = [json.loads(e.detail) for e in entries if e.action == "answer_tactical_request"]
    assert [d["replaces"] for d in replaced] == [None, None, "match"]
    assert not any(pseudonym("phone", MARIA) in entry.detail for entry in entries)


def test_requests_are_seen_only_by_requester_addressees_and_the_fiu(hub: Hub) -> None:
    _upload(hub, "bank_a", token_file("BANK_A", {"m": MARIA}), 1)
    _upload(hub, "bank_b", token_file("BANK_B", {"z": ZOE}), 1)
    only_a = _ask(hub, "police", tactical_request(MARIA, addressed=[hub.orgs["bank_a"]])).json()
    by_fiu = _ask(hub, "fiu", tactical_request(ZOE)).json()
    assert [r["id"] for r in _listed(hub, "bank_b")] == [by_fiu["id"]]
    assert [r["id"] for r in _listed(hub, "police")] == [only_a["id"]]
    assert [r["id"] for r in _listed(hub, "fiu")] == [only_a["id"], by_fiu["id"]]
    # another organisation's request answers 404, exactly as a missing one
    missing = _answer(hub, "bank_b", 999_999, {"status": "no_match"})
    not_addressed = _answer(hub, "bank_b", only_a["id"], {"status": "no_match"})
    assert missing.status_code == not_addressed.status_code == 404
    assert missing.json() == not_addressed.json()
    foreign = hub.client.get(f"{ASKED}/{by_fiu['id']}/answers", headers=hub.as_("police"))
    assert foreign.status_code == 404 and foreign.json()["detail"] == "no such tactical request"


def test_an_account_number_target_also_matches_the_accounts_that_paid_it(hub: Hub) -> None:
    account = pseudonym("account_number", "GB29NWBK60161331926819")
    rows = [
        {"record_id": _hex32("own"), "kind": "account_number", "token": account},
        {
            "record_id": _hex32("payer"),
            "kind": "counterparty",
            "token": account,
            "direction": "out",
        },
        {"record_id": _hex32("phone"), "kind": "phone", "token": account},  # same hex, other kind
    ]
    table = pa.Table.from_pylist(
        [{"institution_id": "BANK_A", "flagged": False, **row} for row in rows],
        schema=TOKEN_SCHEMA,
    )
    sink = io.BytesIO()
    pq.write_table(table, sink)
    _upload(hub, "bank_a", sink.getvalue(), 3)
    body = tactical_request()
    body["targets"] = [{"kind": "account_number", "pseudonym": account.upper()}]
    assert _ask(hub, "fiu", body).status_code == 201
    (seen,) = _listed(hub, "bank_a")
    assert {(m["record_id"], m["matched_as"], m["direction"]) for m in seen["matches"]} == {
        (_hex32("own"), "account_number", None),
        (_hex32("payer"), "counterparty", "out"),
    }


def test_targets_under_another_key_are_refused(hub: Hub) -> None:
    none_yet = _ask(hub, "police", tactical_request(MARIA, addressed=[hub.orgs["bank_a"]]))
    assert none_yet.status_code == 409 and "no partnership key" in none_yet.json()["detail"]
    _upload(hub, "bank_a", token_file("BANK_A", {"m": MARIA}), 1)
    other = key_fingerprint(b"another partnership key, 32 bytes+")
    refused = _ask(hub, "police", tactical_request(MARIA, fingerprint=other))
    assert refused.status_code == 409 and "another key" in refused.json()["detail"]
    # after a rotation, an upload under the old key matches nothing (and says so)
    rotated = hub.client.put(
        "/tokens/partnership-key",
        json={"key_fingerprint": other},
        headers=hub.as_("fiu", Role.ADMIN),
    )
    assert rotated.status_code == 200
    no_holders = _ask(hub, "police", tactical_request(MARIA, fingerprint=other))
    assert no_holders.status_code == 422 and "name the institutions" in no_holders.json()["detail"]
    named = tactical_request(MARIA, fingerprint=other, addressed=[hub.orgs["bank_a"]])
    assert _ask(hub, "police", named).status_code == 201
    (seen,) = _listed(hub, "bank_a")
    assert seen["matched_upload_id"] is None and seen["matches"] == []
    assert _listed(hub, "fiu")[0]["key_fingerprint"] == other


def test_bad_requests_are_refused_with_a_clear_message(hub: Hub) -> None:
    _upload(hub, "bank_a", token_file("BANK_A", {"m": MARIA}), 1)
    raw = tactical_request(MARIA)
    raw["targets"] = [
        {"kind": "phone", "pseudonym": pseudonym("phone", TOM)},
        {"kind": "phone", "pseudonym": MARIA},
    ]
    refused = _ask(hub, "police", raw)
    assert refused.status_code == 422
    detail = refused.json()["detail"]
    assert detail.startswith("target 2 (phone): a pseudonym is 64 hex characters")
    assert "never a raw identifier" in detail and MARIA not in refused.text  # not echoed
    cases: dict[str, tuple[dict[str, object], str]] = {
        "past deadline": (tactical_request(MARIA, days=-1), "the deadline has passed"),
        "far deadline": (tactical_request(MARIA, days=400), "within a year"),
        "not an institution": (
            tactical_request(MARIA, addressed=[hub.orgs["police"]]),
            f"organisation {hub.orgs['police']} is not a reporting entity",
        ),
    }
    for name, (body, message) in cases.items():
        response = _ask(hub, "police", body)
        assert response.status_code == 422 and message in response.json()["detail"], name
    names = tactical_request(MARIA)
    names["targets"] = [{"kind": "name", "pseudonym": pseudonym("name", "Maria")}]
    assert _ask(hub, "police", names).status_code == 422
    too_many = tactical_request(*(f"+1312555{n:04d}" for n in range(501)))
    assert _ask(hub, "police", too_many).status_code == 422
    assert _listed(hub, "fiu") == []
