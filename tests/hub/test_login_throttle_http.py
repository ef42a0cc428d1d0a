"""Login throttling over HTTP, on SQLite and PostgreSQL: ``POST /auth/login`` answers 429 with
Retry-After, the same for unknown e-mails, per client address too; the ``/ui`` login page shows
the lockout's message."""

from __future__ import annotations

import httpx
from fastapi.testclient import TestClient

from tests.hub.conftest import PASSWORD, Hub
from tests.hub.test_login_throttle import Clock, throttled
from tests.hub.web_client import ORIGIN, browser, log_in

ANA = "analyst@fiu.example"
LOCKED = "too many failed sign-ins; try again in 15 minutes"


def _login(client: TestClient, email: str, password: str) -> httpx.Response:
    response: httpx.Response = client.post(
        "/auth/login", json={"email": email, "password": password}
    )
    return response


def _answers(client: TestClient, email: str) -> list[tuple[int, str | None, object]]:
    """Five wrong passwords, then the right one: status, Retry-After and body of each."""
    attempts = [*["not the password"] * 5, PASSWORD]
    return [
        (r.status_code, r.headers.get("Retry-After"), r.json())
        for r in (_login(client, email, password) for password in attempts)
    ]


def test_the_api_refuses_with_429_and_retry_after(hub: Hub) -> None:
    clock = Clock()
    throttled(hub, clock)
    wrong = (401, None, {"detail": "wrong e-mail or password"})
    locked = (429, "900", {"detail": LOCKED})
    assert _answers(hub.client, ANA) == [wrong] * 5 + [locked]
    # an unknown e-mail gets exactly the same answers: nothing tells whether a user exists
    assert _answers(hub.client, "nobody@nowhere.example") == [wrong] * 5 + [locked]
    clock.advance(minutes=10)
    response = _login(hub.client, ANA, PASSWORD)
    assert (response.status_code, response.headers["Retry-After"]) == (429, "300")
    assert response.json() == {"detail": "too many failed sign-ins; try again in 5 minutes"}
    clock.advance(minutes=5)
    assert _login(hub.client, ANA, PASSWORD).status_code == 200


def test_one_client_address_is_limited_across_emails(hub: Hub) -> None:
    throttled(hub, login_max_failures_per_address=4)
    sprayer = TestClient(hub.app, client=("203.0.113.9", 40000))
    for number in range(4):
        assert _login(sprayer, f"user{number}@fiu.example", "guess").status_code == 401
    refused = _login(sprayer, ANA, PASSWORD)
    assert (refused.status_code, refused.headers["Retry-After"]) == (429, "900")
    assert refused.json() == {"detail": LOCKED}
    elsewhere = TestClient(hub.app, client=("203.0.113.10", 40000))
    assert _login(elsewhere, ANA, PASSWORD).status_code == 200


def test_the_openapi_documents_the_refusal(hub: Hub) -> None:
    paths = hub.client.get("/openapi.json").json()["paths"]
    refusal = paths["/auth/login"]["post"]["responses"]["429"]
    assert refusal["headers"]["Retry-After"]["schema"] == {"type": "integer"}
    assert refusal["content"]["application/json"]["schema"]["$ref"].endswith("/ErrorOut")


def test_the_login_page_shows_the_lockout(hub: Hub) -> None:
    throttled(hub)
    client = browser(hub)
    for _ in range(5):
        wrong = log_in(client, ANA, "not the password")
        assert wrong.status_code == 401 and "Wrong e-mail or password." in wrong.text
    refused = log_in(client, ANA)  # the right password, refused unchecked
    assert refused.status_code == 429 and refused.headers["Retry-After"] == "900"
    assert "Too many failed sign-ins; try again in 15 minutes." in refused.text
    assert 'value="analyst@fiu.example"' in refused.text  # the form keeps the e-mail
    assert "tipflow_hub_session" not in refused.headers.get("set-cookie", "")
    # the API's counter is the page's: the same e-mail is refused there too
    assert _login(hub.client, ANA, PASSWORD).status_code == 429
    assert log_in(browser(hub, ORIGIN), "admin@fiu.example").status_code == 303
