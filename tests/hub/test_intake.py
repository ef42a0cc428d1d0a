"""Report intake: stored once, refused safely, and seen only by whom it concerns."""

from __future__ import annotations

from tests.hub.conftest import Hub, json_report, minimal_goaml
from tipflow.hub.vocabulary import Role

XML = {"Content-Type": "application/xml"}

BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<report><entity_reference>&lol3;</entity_reference></report>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<report><reason>&xxe;</reason></report>"""


def test_the_same_report_is_stored_once(hub: Hub) -> None:
    bank = {**hub.as_("bank_a"), **XML}
    first = hub.client.post("/reports/goaml", content=minimal_goaml("STR-1"), headers=bank)
    again = hub.client.post("/reports/goaml", content=minimal_goaml("STR-1"), headers=bank)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == {**first.json(), "created": False}
    # Other bytes, same entity reference: still the stored report.
    other = minimal_goaml("STR-1").replace(b"<reason>test", b"<reason>amended")
    same_reference = hub.client.post("/reports/goaml", content=other, headers=bank)
    assert (same_reference.status_code, same_reference.json()["id"]) == (200, first.json()["id"])
    as_json = hub.client.post("/reports/json", json=json_report("J-1"), headers=hub.as_("bank_a"))
    json_again = hub.client.post(
        "/reports/json", json=json_report("J-1"), headers=hub.as_("bank_a", Role.ADMIN)
    )
    assert (as_json.status_code, json_again.status_code) == (201, 200)
    assert json_again.json()["id"] == as_json.json()["id"]
    # Another bank may use the same reference: its own report.
    bank_b = hub.client.post("/reports/json", json=json_report("J-1"), headers=hub.as_("bank_b"))
    assert bank_b.status_code == 201 and bank_b.json()["id"] != as_json.json()["id"]
    listed = hub.client.get("/reports", headers=hub.as_("fiu")).json()
    assert len(listed) == 3


def test_xml_bombs_and_external_entities_are_refused_with_422(hub: Hub) -> None:
    bank = {**hub.as_("bank_a"), **XML}
    bomb = hub.client.post("/reports/goaml", content=BILLION_LAUGHS, headers=bank)
    assert bomb.status_code == 422
    assert "entity" in bomb.json()["detail"] and "/tmp" not in bomb.json()["detail"]
    external = hub.client.post("/reports/goaml", content=EXTERNAL_ENTITY, headers=bank)
    assert external.status_code == 422 and "external" in external.json()["detail"]
    not_goaml = hub.client.post("/reports/goaml", content=b"<invoice/>", headers=bank)
    assert not_goaml.status_code == 422 and "not a goAML report" in not_goaml.json()["detail"]
    broken = hub.client.post("/reports/goaml", content=b"<report>", headers=bank)
    assert broken.status_code == 422
    assert hub.client.get("/reports", headers=hub.as_("fiu")).json() == []


def test_json_reports_are_validated(hub: Hub) -> None:
    bad = json_report("J-2")
    bad["transactions"] = [{"transaction_id": "T", "timestamp": "x", "amount": -1}]
    response = hub.client.post("/reports/json", json=bad, headers=hub.as_("bank_a"))
    assert response.status_code == 422


def test_a_bank_sees_only_its_own_reports(hub: Hub) -> None:
    mine = hub.client.post("/reports/json", json=json_report("A-1"), headers=hub.as_("bank_a"))
    theirs = hub.client.post("/reports/json", json=json_report("B-1"), headers=hub.as_("bank_b"))
    mine_id, theirs_id = mine.json()["id"], theirs.json()["id"]
    listed = hub.client.get("/reports", headers=hub.as_("bank_b")).json()
    assert [report["id"] for report in listed] == [theirs_id]
    assert hub.client.get(f"/reports/{mine_id}", headers=hub.as_("bank_b")).status_code == 404
    assert hub.client.get(f"/reports/{theirs_id}", headers=hub.as_("bank_b")).status_code == 200
    # The police see a report only once it is disclosed to them.
    police = hub.as_("police")
    assert hub.client.get("/reports", headers=police).json() == []
    assert hub.client.get(f"/reports/{mine_id}", headers=police).status_code == 404
    hub.client.post(
        "/disclosures",
        json={"to_organisation_id": hub.orgs["police"], "report_ids": [mine_id]},
        headers=hub.as_("fiu"),
    )
    assert [r["id"] for r in hub.client.get("/reports", headers=police).json()] == [mine_id]
    # Feedback on bank A's report is bank A's only.
    hub.client.post(f"/reports/{mine_id}/feedback", json={"usefulness": 5}, headers=hub.as_("fiu"))
    assert len(hub.client.get("/feedback", headers=hub.as_("bank_a")).json()) == 1
    assert hub.client.get("/feedback", headers=hub.as_("bank_b")).json() == []


def test_disclosures_go_to_law_enforcement_only(hub: Hub) -> None:
    report = hub.client.post("/reports/json", json=json_report("A-3"), headers=hub.as_("bank_a"))
    response = hub.client.post(
        "/disclosures",
        json={"to_organisation_id": hub.orgs["ngo"], "report_ids": [report.json()["id"]]},
        headers=hub.as_("fiu"),
    )
    assert response.status_code == 422


def test_oversized_reports_are_refused(hub: Hub) -> None:
    limit = hub.state.settings.max_report_bytes
    # Declared larger than the limit: refused before the body is read.
    response = hub.client.post(
        "/reports/goaml",
        content=b"x",
        headers={**hub.as_("bank_a"), **XML, "Content-Length": str(limit + 1)},
    )
    assert response.status_code == 413
