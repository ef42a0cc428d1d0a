"""Every endpoint by every organisation type and role: allowed callers succeed, everyone else
is refused with 403, and without a token every non-public endpoint answers 401."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hub.conftest import (
    BACKENDS,
    ORGANISATIONS,
    Hub,
    json_report,
    minimal_goaml,
    running_hub,
)
from tests.hub.ngo_bodies import data_point as ngo_data_point
from tests.hub.tactical_bodies import tactical_request
from tests.hub.token_files import FINGERPRINT, token_file, upload_path
from tests.hub.typology_files import SMALL_SET, SMALL_TYPOLOGY, this_month
from tipflow.hub.vocabulary import OrgType, Role

RE, FIU, LE, NGO, SUP = (
    OrgType.REPORTING_ENTITY,
    OrgType.FIU,
    OrgType.LAW_ENFORCEMENT,
    OrgType.NGO,
    OrgType.SUPERVISOR,
)
ALL = frozenset(OrgType)


@dataclass(frozen=True)
class Seed:
    """Objects the matrix calls refer to: a report of bank A disclosed to the police."""

    report_id: int
    disclosure_id: int
    #: A new NGO data point of the seeded NGO, each call (deletions need one each).
    new_data_point: Callable[[], int]
    #: A tactical request of the police, addressed to bank A (which holds tokens).
    tactical_request_id: int


@dataclass(frozen=True)
class Endpoint:
    operation_id: str
    method: str
    path: Callable[[Seed], str]
    allowed: frozenset[OrgType]
    admin_only: bool = False
    json: Callable[[Hub], object] | None = None
    content: Callable[[], bytes] | None = None


def _unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


ENDPOINTS = (
    Endpoint("read_me", "GET", lambda s: "/me", ALL),
    Endpoint("create_api_token", "POST", lambda s: "/tokens", ALL),
    Endpoint(
        "create_user",
        "POST",
        lambda s: "/org/users",
        ALL,
        admin_only=True,
        json=lambda h: {"email": f"{_unique('u')}@example.org", "role": "analyst"},
    ),
    Endpoint(
        "submit_goaml_report",
        "POST",
        lambda s: "/reports/goaml",
        frozenset({RE}),
        content=lambda: minimal_goaml(_unique("G")),
    ),
    Endpoint(
        "submit_json_report",
        "POST",
        lambda s: "/reports/json",
        frozenset({RE}),
        json=lambda h: json_report(_unique("J")),
    ),
    Endpoint("list_reports", "GET", lambda s: "/reports", frozenset({RE, FIU, LE})),
    Endpoint("read_report", "GET", lambda s: f"/reports/{s.report_id}", frozenset({RE, FIU, LE})),
    Endpoint("list_triage_queue", "GET", lambda s: "/triage", frozenset({FIU})),
    Endpoint(
        "set_report_status",
        "PUT",
        lambda s: f"/reports/{s.report_id}/status",
        frozenset({FIU}),
        json=lambda h: {"status": "triaged"},
    ),
    Endpoint(
        "create_disclosure",
        "POST",
        lambda s: "/disclosures",
        frozenset({FIU}),
        json=lambda h: {"to_organisation_id": h.orgs["police"], "report_ids": [1], "note": ""},
    ),
    Endpoint(
        "send_feedback",
        "POST",
        lambda s: f"/reports/{s.report_id}/feedback",
        frozenset({FIU}),
        json=lambda h: {"usefulness": 4, "quality_notes": "clear narrative"},
    ),
    Endpoint("list_disclosures", "GET", lambda s: "/disclosures", frozenset({FIU, LE})),
    Endpoint(
        "record_outcome",
        "POST",
        lambda s: f"/disclosures/{s.disclosure_id}/outcomes",
        frozenset({LE}),
        json=lambda h: {"kind": "investigation"},
    ),
    Endpoint("list_feedback", "GET", lambda s: "/feedback", frozenset({RE})),
    Endpoint("read_kpis", "GET", lambda s: "/kpis", frozenset({FIU, SUP})),
    Endpoint("read_kpis_csv", "GET", lambda s: "/kpis.csv", frozenset({FIU, SUP})),
    Endpoint("verify_audit_chain", "GET", lambda s: "/audit/verify", frozenset({FIU, SUP}), True),
    Endpoint(
        "upload_tokens",
        "POST",
        lambda s: upload_path(1),
        frozenset({RE}),
        content=lambda: token_file("BANK_A", {_unique("r"): "+13125550199"}),
    ),
    Endpoint("list_token_uploads", "GET", lambda s: "/tokens/uploads", frozenset({RE, FIU})),
    Endpoint(
        "set_partnership_key",
        "PUT",
        lambda s: "/tokens/partnership-key",
        frozenset({FIU}),
        admin_only=True,
        json=lambda h: {"key_fingerprint": FINGERPRINT},
    ),
    Endpoint("read_cross_institution_networks", "GET", lambda s: "/fiu/networks", frozenset({FIU})),
    Endpoint(
        "create_tactical_request",
        "POST",
        lambda s: "/tactical/requests",
        frozenset({FIU, LE}),
        json=lambda h: tactical_request("+13125550199", addressed=[h.orgs["bank_a"]]),
    ),
    Endpoint(
        "list_tactical_requests", "GET", lambda s: "/tactical/requests", frozenset({RE, FIU, LE})
    ),
    Endpoint(
        "answer_tactical_request",
        "PUT",
        lambda s: f"/tactical/requests/{s.tactical_request_id}/answer",
        frozenset({RE}),
        json=lambda h: {"status": "no_match"},
    ),
    Endpoint(
        "list_tactical_answers",
        "GET",
        lambda s: f"/tactical/requests/{s.tactical_request_id}/answers",
        frozenset({FIU, LE}),
    ),
    Endpoint(
        "submit_ngo_data_point",
        "POST",
        lambda s: "/ngo/data-points",
        frozenset({NGO}),
        json=lambda h: ngo_data_point(),
    ),
    Endpoint("list_ngo_data_points", "GET", lambda s: "/ngo/data-points", frozenset({NGO, FIU})),
    Endpoint(
        "read_ngo_data_point",
        "GET",
        lambda s: f"/ngo/data-points/{s.new_data_point()}",
        frozenset({NGO, FIU}),
    ),
    Endpoint(
        "delete_ngo_data_point",
        "DELETE",
        lambda s: f"/ngo/data-points/{s.new_data_point()}",
        frozenset({NGO}),
    ),
    Endpoint("list_ngo_deletions", "GET", lambda s: "/ngo/deletions", frozenset({NGO, FIU, SUP})),
    Endpoint("read_ngo_summary", "GET", lambda s: "/ngo/summary", ALL),
    Endpoint(
        "publish_typology_set",
        "POST",
        lambda s: "/typologies",
        frozenset({FIU}),
        content=lambda: SMALL_SET.encode(),  # the seeded version again: 200
    ),
    Endpoint("list_typology_sets", "GET", lambda s: "/typologies", frozenset({RE, FIU, LE, SUP})),
    Endpoint(
        "read_typology_set",
        "GET",
        lambda s: f"/typologies/{SEEDED_TYPOLOGY_VERSION}",
        frozenset({RE, FIU, LE, SUP}),
    ),
    Endpoint(
        "download_typology_set",
        "GET",
        lambda s: f"/typologies/{SEEDED_TYPOLOGY_VERSION}/download",
        frozenset({RE, FIU, LE, SUP}),
    ),
    Endpoint(
        "rate_typology",
        "POST",
        lambda s: f"/typologies/{SEEDED_TYPOLOGY_VERSION}/ratings",
        frozenset({RE}),
        json=lambda h: {"typology_id": SMALL_TYPOLOGY, "usefulness": 4},
    ),
    Endpoint(
        "report_typology_hits",
        "POST",
        lambda s: f"/typologies/{SEEDED_TYPOLOGY_VERSION}/hits",
        frozenset({RE}),
        json=lambda h: {
            "typology_id": SMALL_TYPOLOGY,
            "month": this_month(),
            "alerts": 3,
            "reports_filed": 1,
            "false_positives": 1,
        },
    ),
    Endpoint(
        "read_typology_effectiveness",
        "GET",
        lambda s: "/typologies/effectiveness",
        frozenset({FIU, SUP}),
    ),
)
PUBLIC = {"health", "login"}
#: The seeded fixture publishes the small typology set first: version 1.
SEEDED_TYPOLOGY_VERSION = 1
#: One organisation per type (bank B is only for tenancy tests).
CALLERS = [(key, role) for key in ORGANISATIONS if key != "bank_b" for role in Role]


@pytest.fixture(scope="module", params=BACKENDS)
def seeded(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_problem: str | None,
) -> Iterator[tuple[Hub, Seed]]:
    folder: Path = tmp_path_factory.mktemp("matrix")
    with running_hub(request.param, folder, postgres_problem) as hub:
        client = hub.client
        submitted = client.post(
            "/reports/json", json=json_report("SEED-1"), headers=hub.as_("bank_a")
        )
        assert submitted.status_code == 201, submitted.text
        report_id = submitted.json()["id"]
        disclosed = client.post(
            "/disclosures",
            json={"to_organisation_id": hub.orgs["police"], "report_ids": [report_id]},
            headers=hub.as_("fiu"),
        )
        assert disclosed.status_code == 201, disclosed.text
        published = client.post(
            "/typologies",
            content=SMALL_SET.encode(),
            headers={**hub.as_("fiu"), "Content-Type": "application/yaml"},
        )
        assert published.status_code == 201, published.text
        assert published.json()["version"] == SEEDED_TYPOLOGY_VERSION
        tokens = token_file("BANK_A", {"maria": "+13125550199"})
        uploaded = client.post(upload_path(1), content=tokens, headers=hub.as_("bank_a"))
        assert uploaded.status_code == 201, uploaded.text
        asked = client.post(
            "/tactical/requests",
            json=tactical_request("+13125550199", addressed=[hub.orgs["bank_a"]]),
            headers=hub.as_("police"),
        )
        assert asked.status_code == 201, asked.text

        def new_data_point() -> int:
            created = client.post("/ngo/data-points", json=ngo_data_point(), headers=hub.as_("ngo"))
            assert created.status_code == 201, created.text
            return int(created.json()["id"])

        yield (
            hub,
            Seed(
                report_id=report_id,
                disclosure_id=disclosed.json()["id"],
                new_data_point=new_data_point,
                tactical_request_id=asked.json()["id"],
            ),
        )


def _call(hub: Hub, endpoint: Endpoint, seed: Seed, headers: dict[str, str]) -> int:
    content = None if endpoint.content is None else endpoint.content()
    if content is not None:
        headers = {**headers, "Content-Type": "application/xml"}
    response = hub.client.request(
        endpoint.method,
        endpoint.path(seed),
        headers=headers,
        json=None if endpoint.json is None else endpoint.json(hub),
        content=content,
    )
    return int(response.status_code)


def test_the_matrix_covers_every_endpoint(seeded: tuple[Hub, Seed]) -> None:
    hub, _ = seeded
    operations = {
        operation["operationId"]
        for path in hub.app.openapi()["paths"].values()
        for operation in path.values()
    }
    assert operations == {endpoint.operation_id for endpoint in ENDPOINTS} | PUBLIC


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.operation_id)
def test_every_caller_gets_exactly_its_rights(seeded: tuple[Hub, Seed], endpoint: Endpoint) -> None:
    hub, seed = seeded
    wrong = []
    for org, role in CALLERS:
        allowed = hub.org_types[org] in endpoint.allowed and (
            role is Role.ADMIN or not endpoint.admin_only
        )
        status = _call(hub, endpoint, seed, hub.as_(org, role))
        if (allowed and not 200 <= status < 300) or (not allowed and status != 403):
            wrong.append(f"{org}/{role}: {status} (allowed: {allowed})")
    assert not wrong, wrong


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.operation_id)
def test_without_a_valid_token_every_endpoint_answers_401(
    seeded: tuple[Hub, Seed], endpoint: Endpoint
) -> None:
    hub, seed = seeded
    assert _call(hub, endpoint, seed, {}) == 401
    assert _call(hub, endpoint, seed, {"Authorization": "Bearer tfh_not-a-token"}) == 401
    assert _call(hub, endpoint, seed, {"Authorization": "Basic dXNlcjpwYXNz"}) == 401


def test_public_endpoints_need_no_token(seeded: tuple[Hub, Seed]) -> None:
    hub, _ = seeded
    assert hub.client.get("/health").json() == {"status": "ok"}
    wrong = hub.client.post("/auth/login", json={"email": "x@y.example", "password": "nope"})
    assert wrong.status_code == 401
