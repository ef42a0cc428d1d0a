"""End to end: a bank's goAML STR through triage, disclosure, outcome and feedback to KPIs."""

from __future__ import annotations

import csv
import io

from tests.hub.conftest import Hub
from tipflow.hub.vocabulary import Role


def test_a_report_travels_from_the_bank_to_the_police_and_back(
    hub: Hub, goaml_reports: list[bytes]
) -> None:
    client = hub.client
    bank, fiu, police = hub.as_("bank_a"), hub.as_("fiu"), hub.as_("police")
    xml = {"Content-Type": "application/xml"}
    ids = []
    for document in goaml_reports:
        response = client.post("/reports/goaml", content=document, headers={**bank, **xml})
        assert response.status_code == 201, response.text
        ids.append(response.json()["id"])
    first, second = ids

    queue = client.get("/triage", headers=fiu).json()
    assert [report["id"] for report in queue] == ids
    assert all(report["transaction_count"] > 0 for report in queue)
    detail = client.get(f"/reports/{first}", headers=fiu).json()
    assert detail["summary"]["transactions"] == detail["transaction_count"]
    assert detail["summary"]["amount_totals"]

    assert client.put(
        f"/reports/{second}/status", json={"status": "closed"}, headers=fiu
    ).is_success
    assert client.put(
        f"/reports/{first}/status", json={"status": "triaged"}, headers=fiu
    ).is_success
    assert client.get("/triage", headers=fiu).json() == []
    closed = client.get("/triage", params={"status": "closed"}, headers=fiu).json()
    assert [report["id"] for report in closed] == [second]

    disclosure = client.post(
        "/disclosures",
        json={"to_organisation_id": hub.orgs["police"], "report_ids": [first], "note": "urgent"},
        headers=fiu,
    )
    assert disclosure.status_code == 201
    disclosure_id = disclosure.json()["id"]
    received = client.get("/disclosures", headers=police).json()
    assert [(d["id"], d["report_ids"]) for d in received] == [(disclosure_id, [first])]
    assert client.get(f"/reports/{first}", headers=police).status_code == 200
    assert client.get(f"/reports/{second}", headers=police).status_code == 404

    outcome = client.post(
        f"/disclosures/{disclosure_id}/outcomes", json={"kind": "arrest"}, headers=police
    )
    assert outcome.status_code == 201
    for usefulness in (5, 2):
        sent = client.post(
            f"/reports/{first}/feedback",
            json={"usefulness": usefulness, "quality_notes": "timely"},
            headers=fiu,
        )
        assert sent.status_code == 201

    feedback = client.get("/feedback", headers=bank).json()
    assert [row["usefulness"] for row in feedback] == [5, 2]
    assert [
        row["usefulness"]
        for row in client.get(f"/reports/{first}", headers=bank).json()["feedback"]
    ] == [5, 2]
    assert client.get(f"/reports/{first}", headers=bank).json()["status"] == "disclosed"

    kpis = client.get("/kpis", headers=hub.as_("supervisor")).json()
    assert kpis["reports"] == 2
    assert kpis["reports_by_institution"] == {"Bank A": 2}
    assert (kpis["disclosures"], kpis["reports_disclosed"]) == (1, 1)
    assert kpis["median_hours_to_disclosure"] is not None
    assert 0 <= kpis["median_hours_to_disclosure"] < 1
    assert kpis["outcomes"] == {"arrest": 1}
    assert (kpis["feedback_count"], kpis["mean_feedback_score"]) == (2, 3.5)
    rows = list(csv.DictReader(io.StringIO(client.get("/kpis.csv", headers=fiu).text)))
    assert {"metric": "outcomes", "key": "arrest", "value": "1"} in rows
    assert {"metric": "mean_feedback_score", "key": "", "value": "3.5"} in rows

    check = client.get("/audit/verify", headers=hub.as_("fiu", Role.ADMIN)).json()
    assert check["ok"] is True and check["rows"] > 10


def test_indicator_codes_are_counted_and_filterable(hub: Hub) -> None:
    from tests.hub.conftest import json_report

    bank = hub.as_("bank_a")
    hub.client.post("/reports/json", json=json_report("K-1", ("HT-01", "ML-02")), headers=bank)
    hub.client.post("/reports/json", json=json_report("K-2", ("HT-01",)), headers=bank)
    hub.client.post("/reports/json", json=json_report("K-3", ()), headers=hub.as_("bank_b"))
    fiu = hub.as_("fiu")
    coded = hub.client.get("/triage", params={"indicator": "ML-02"}, headers=fiu).json()
    assert [report["entity_reference"] for report in coded] == ["K-1"]
    kpis = hub.client.get("/kpis", headers=fiu).json()
    assert kpis["reports_by_indicator"] == {"HT-01": 2, "ML-02": 1}
    assert kpis["reports_by_institution"] == {"Bank A": 2, "Bank B": 1}
    assert kpis["median_hours_to_disclosure"] is None and kpis["mean_feedback_score"] is None
