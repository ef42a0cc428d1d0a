"""Regressions found by the schemathesis run (test_schemathesis.py) and the load benchmark."""

from __future__ import annotations

import asyncio

import httpx
from sqlalchemy import select

from tests.hub.conftest import Hub, json_report
from tipflow.hub.audit import verify_chain
from tipflow.hub.models import AuditEntry, Report
from tipflow.hub.tokens_store import partnership_fingerprint
from tipflow.hub.vocabulary import Role


def test_ids_beyond_the_database_integer_are_refused_not_a_server_error(hub: Hub) -> None:
    # Before: /reports/2**63 overflowed the driver (SQLite) or int4 (PostgreSQL): a 500.
    huge = 2**31
    fiu, police = hub.as_("fiu"), hub.as_("police")
    assert hub.client.get(f"/reports/{huge}", headers=fiu).status_code == 422
    assert hub.client.get(f"/reports/{2**63}", headers=fiu).status_code == 422
    status = {"status": "triaged"}
    assert hub.client.put(f"/reports/{huge}/status", json=status, headers=fiu).status_code == 422
    outcome = {"kind": "arrest"}
    response = hub.client.post(f"/disclosures/{huge}/outcomes", json=outcome, headers=police)
    assert response.status_code == 422
    body = {"to_organisation_id": huge, "report_ids": [huge]}
    assert hub.client.post("/disclosures", json=body, headers=fiu).status_code == 422
    # The largest id is still an ordinary miss.
    assert hub.client.get(f"/reports/{2**31 - 1}", headers=fiu).status_code == 404


def test_text_with_nul_characters_is_refused_not_a_server_error(hub: Hub) -> None:
    # Before: PostgreSQL refused NUL in text columns with a DataError: a 500.
    bank = hub.as_("bank_a")
    report = {**json_report("NUL-1"), "entity_reference": "NUL\x00-1"}
    assert hub.client.post("/reports/json", json=report, headers=bank).status_code == 422
    login = {"email": "a\x00@b.example", "password": "x"}
    assert hub.client.post("/auth/login", json=login).status_code == 422
    triage = hub.client.get("/triage", params={"indicator": "HT\x0001"}, headers=hub.as_("fiu"))
    assert triage.status_code == 422


def test_refusals_are_documented_with_their_body() -> None:
    # Before: 401/403/404 were not in the OpenAPI, and 422s with a message contradicted the
    # documented validation-error body.
    from tipflow.hub.auth import GUARDED, refusals

    assert set(GUARDED) == {401, 403}
    assert refusals(422)[422]["model"].__name__ == "UnprocessableOut"


def test_the_openapi_documents_refusals(hub: Hub) -> None:
    paths = hub.client.get("/openapi.json").json()["paths"]
    assert {"401", "403", "404"} <= set(paths["/reports/{report_id}"]["get"]["responses"])
    assert {"401", "403", "413", "422"} <= set(paths["/reports/goaml"]["post"]["responses"])
    assert "401" in paths["/auth/login"]["post"]["responses"]


def test_concurrent_requests_do_not_starve_the_worker_threads(hub: Hub) -> None:
    # Before: a request's transaction (SQLite: the write lock of BEGIN IMMEDIATE; PostgreSQL: a
    # pooled connection) stayed open from authentication until the session's teardown, across
    # waits for a worker thread; with more concurrent requests than workers the holders starved
    # and the rest failed after the 30 s lock or pool timeout (500s).
    transport = httpx.ASGITransport(app=hub.app)
    bank = hub.as_("bank_a")

    async def burst() -> list[int]:
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
            requests = [
                client.post("/reports/json", json=json_report(f"BURST-{index}"), headers=bank)
                for index in range(120)
            ]
            return [response.status_code for response in await asyncio.gather(*requests)]

    statuses = asyncio.run(asyncio.wait_for(burst(), timeout=60))
    assert statuses == [201] * 120


def test_the_same_report_arriving_many_times_at_once_is_stored_once(hub: Hub) -> None:
    # Intake's duplicate check is the insert's ON CONFLICT DO NOTHING: copies racing the first
    # wait for it and answer 200 with its id; the audit chain records one submission.
    transport = httpx.ASGITransport(app=hub.app)
    bank = hub.as_("bank_a")
    same_bytes = json_report("RACE-1")
    same_reference = {**json_report("RACE-1"), "reason": "a corrected reason, same reference"}

    async def burst() -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
            requests = [
                client.post("/reports/json", json=body, headers=bank)
                for body in [same_bytes] * 20 + [same_reference] * 20
            ]
            return list(await asyncio.gather(*requests))

    responses = asyncio.run(asyncio.wait_for(burst(), timeout=60))
    assert sorted(response.status_code for response in responses) == [200] * 39 + [201]
    assert len({response.json()["id"] for response in responses}) == 1
    with hub.state.sessions() as session:
        stored = session.scalars(select(Report).where(Report.entity_reference == "RACE-1")).all()
        assert len(stored) == 1
        assert len(stored[0].indicators) == len(same_bytes["indicators"])
        submissions = session.scalars(
            select(AuditEntry).where(
                AuditEntry.action == "submit_report", AuditEntry.object_id == str(stored[0].id)
            )
        ).all()
        assert len(submissions) == 1
        assert verify_chain(session).ok


def test_the_first_partnership_key_set_twice_at_once_is_no_server_error(hub: Hub) -> None:
    # Before: two first settings at the same moment both inserted the key's row; on PostgreSQL
    # the second failed on the primary key (a 500). Now one inserts and the others replace it.
    transport = httpx.ASGITransport(app=hub.app)
    admin = hub.as_("fiu", Role.ADMIN)
    fingerprints = [f"{index:02x}" * 32 for index in range(12)]

    async def burst() -> list[httpx.Response]:
        async with httpx.AsyncClient(transport=transport, base_url="http://hub") as client:
            requests = [
                client.put("/tokens/partnership-key", json={"key_fingerprint": key}, headers=admin)
                for key in fingerprints
            ]
            return list(await asyncio.gather(*requests))

    responses = asyncio.run(asyncio.wait_for(burst(), timeout=60))
    assert [response.status_code for response in responses] == [200] * len(fingerprints)
    previous = [response.json()["previous"] for response in responses]
    assert previous.count(None) == 1  # exactly one request set the first key
    with hub.state.sessions() as session:
        assert partnership_fingerprint(session) in fingerprints
        assert verify_chain(session).ok
