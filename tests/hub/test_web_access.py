"""The hub's web pages: logging in and out, who may open which page (the API's rules), and
forms that another site cannot submit; on SQLite and PostgreSQL (the ``hub`` fixture)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from tests.hub.conftest import ORGANISATIONS, PASSWORD, Hub, json_report
from tests.hub.web_client import browser, form_token, log_in, logged_in, page, post_form
from tipflow.hub.models import ApiToken, AuditEntry, Report
from tipflow.hub.security import token_hash
from tipflow.hub.vocabulary import Role
from tipflow.hub.web.sessions import LOGIN_COOKIE, LOGIN_FORM_COOKIE

#: Each page and the API endpoint that reads the same data: a page must admit exactly the
#: callers its endpoint admits (``{report}``: bank A's report, disclosed to the police).
PAGES = {
    "/ui/triage": "/triage",
    "/ui/reports": "/reports",
    "/ui/reports/{report}": "/reports/{report}",
    "/ui/networks": "/fiu/networks",
    "/ui/disclosures": "/disclosures",
    "/ui/kpis": "/kpis",
}


def _seed(hub: Hub) -> int:
    """Bank A's report, disclosed to the police; its id."""
    filed = hub.client.post("/reports/json", json=json_report("WEB-1"), headers=hub.as_("bank_a"))
    report_id = int(filed.json()["id"])
    package = {"to_organisation_id": hub.orgs["police"], "report_ids": [report_id]}
    assert hub.client.post("/disclosures", json=package, headers=hub.as_("fiu")).is_success
    return report_id


def test_a_login_sets_a_session_cookie_held_only_as_a_hash(hub: Hub) -> None:
    client = browser(hub)
    form = client.get("/ui/login")
    assert form.status_code == 200 and LOGIN_FORM_COOKIE in form.cookies
    wrong = log_in(client, "analyst@fiu.example", "not the password")
    assert wrong.status_code == 401 and "Wrong e-mail or password." in wrong.text
    assert LOGIN_COOKIE not in wrong.cookies
    response = log_in(client, "Analyst@FIU.example ")  # as the API: case and spaces ignored
    assert response.status_code == 303 and response.headers["location"] == "/ui/"
    cookie = next(
        h for h in response.headers.get_list("set-cookie") if h.startswith(LOGIN_COOKIE + "=")
    )
    assert all(part in cookie for part in ("HttpOnly", "SameSite=strict", "Path=/ui"))
    assert "Secure" not in cookie  # asked for at 127.0.0.1 over HTTP
    token = client.cookies[LOGIN_COOKIE]
    with hub.state.sessions() as session:
        hashes = set(session.scalars(select(ApiToken.token_hash).where(ApiToken.kind == "session")))
        actions = list(session.scalars(select(AuditEntry.action)))
    assert token_hash(hub.state.secret, token) in hashes and token not in hashes
    assert actions[-1] == "issue_session_token"
    # the same token is a bearer token for the API, as one from POST /auth/login
    me = hub.client.get("/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.json()["email"] == "analyst@fiu.example"
    home = client.get("/ui/")
    assert home.status_code == 303 and home.headers["location"] == "/ui/triage"


def test_the_cookies_are_secure_away_from_loopback(hub: Hub) -> None:
    client = browser(hub, "https://hub.partnership.example")
    assert "Secure" in client.get("/ui/login").headers["set-cookie"]
    response = log_in(client, "analyst@fiu.example")
    assert response.status_code == 303
    cookies = response.headers.get_list("set-cookie")
    assert cookies and all("Secure" in cookie for cookie in cookies)
    assert client.get("/ui/kpis").status_code == 200  # sent back over HTTPS


def test_logout_revokes_the_session(hub: Hub) -> None:
    client = logged_in(hub, "fiu")
    token = client.cookies[LOGIN_COOKIE]
    out = post_form(client, "/ui/logout", token_from="/ui/kpis")
    assert out.status_code == 303 and out.headers["location"] == "/ui/login"
    assert hub.client.get("/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    kept = {"Cookie": f"{LOGIN_COOKIE}={token}"}  # a copy of the cookie kept after logout
    again = browser(hub).get("/ui/kpis", headers=kept)
    assert again.status_code == 303 and again.headers["location"] == "/ui/login?next=%2Fui%2Fkpis"


def test_every_page_admits_exactly_whom_its_endpoint_admits(hub: Hub) -> None:
    report_id = _seed(hub)
    for org in ORGANISATIONS:
        client = logged_in(hub, org)
        for page_path, api_path in PAGES.items():
            url, api = (p.format(report=report_id) for p in (page_path, api_path))
            expected = hub.client.get(api, headers=hub.as_(org)).status_code
            answer = client.get(url)
            assert answer.status_code == expected, (org, url, answer.status_code, expected)
            if expected == 403:  # a page that says why, and where the user may go
                document = page(client, url, 403)
                assert "may not open this page" in document.get_element_by_id("problem").text
        start = client.get("/ui/")
        assert start.status_code == (403 if org == "ngo" else 303), org


def test_without_a_session_every_page_sends_to_the_login_form(hub: Hub) -> None:
    client = browser(hub)
    for page_path in (*PAGES, "/ui/"):
        url = page_path.format(report=1)
        answer = client.get(url)
        assert answer.status_code == 303, url
        assert answer.headers["location"].startswith("/ui/login?next=%2Fui%2F"), url
    # back to the page asked for after the login, but never to another site
    response = log_in(client, "analyst@fiu.example", next="/ui/kpis")
    assert response.headers["location"] == "/ui/kpis"
    for elsewhere in ("//evil.example/ui/", "https://evil.example/ui", "/ui/..//evil", "/docs"):
        response = log_in(browser(hub), "analyst@fiu.example", next=elsewhere)
        assert response.headers["location"] == "/ui/", elsewhere


@pytest.mark.parametrize("forgery", ["no token", "another session's token", "other origin"])
def test_forged_forms_are_refused_and_change_nothing(hub: Hub, forgery: str) -> None:
    report_id = _seed(hub)
    client = logged_in(hub, "fiu")
    url = f"/ui/reports/{report_id}"
    fields = {"status": "closed", "reason": "forged", "csrf": form_token(client.get(url).text)}
    headers = {"Origin": "http://127.0.0.1"}
    if forgery == "no token":
        del fields["csrf"]
    elif forgery == "another session's token":
        fields["csrf"] = form_token(logged_in(hub, "fiu", Role.ADMIN).get(url).text)
    else:
        headers["Origin"] = "http://evil.example"
    refused = client.post(f"{url}/status", data=fields, headers=headers)
    assert refused.status_code == 403 and "expired" in refused.text
    with hub.state.sessions() as session:
        assert session.get_one(Report, report_id).status == "disclosed"
        actions = set(session.scalars(select(AuditEntry.action)))
    assert "set_report_status" not in actions


def test_the_login_form_needs_its_own_token_and_origin(hub: Hub) -> None:
    client = browser(hub)
    client.get("/ui/login")
    credentials = {"email": "analyst@fiu.example", "password": PASSWORD}
    assert client.post("/ui/login", data=credentials).status_code == 403
    token = form_token(client.get("/ui/login").text)
    elsewhere = client.post(
        "/ui/login", data=credentials | {"csrf": token}, headers={"Origin": "http://evil.example"}
    )
    assert elsewhere.status_code == 403 and LOGIN_COOKIE not in client.cookies


def test_only_the_fiu_may_act_on_a_report(hub: Hub) -> None:
    report_id = _seed(hub)
    for org in ("bank_a", "police", "supervisor"):
        client = logged_in(hub, org)
        refused = post_form(
            client,
            f"/ui/reports/{report_id}/status",
            token_from="/ui/kpis" if org == "supervisor" else "/ui/reports",
            status="closed",
            reason="not mine to close",
        )
        assert refused.status_code == 403, org
    with hub.state.sessions() as session:
        assert session.get_one(Report, report_id).status == "disclosed"


def test_the_pages_stay_out_of_the_api_schema(hub: Hub) -> None:
    assert not [path for path in hub.app.openapi()["paths"] if path.startswith("/ui")]
    assert "content-security-policy" not in hub.client.get("/health").headers
