"""A browser-like client of the hub's web pages (cookies, form tokens, same-origin posts) and
the few helpers the web tests share."""

from __future__ import annotations

import re
from typing import Any

import httpx
import lxml.html
from fastapi.testclient import TestClient

from tests.hub.conftest import PASSWORD, Hub
from tipflow.hub.vocabulary import Role

#: Addressed to a loopback name, as a browser on the hub's machine would: the session cookie
#: is then not ``Secure``, so the test client (plain HTTP) sends it back.
ORIGIN = "http://127.0.0.1"
_TOKEN = re.compile(r'name="csrf" value="([0-9a-f]{64})"')


def browser(hub: Hub, origin: str = ORIGIN) -> TestClient:
    return TestClient(hub.app, base_url=origin, follow_redirects=False)


def form_token(html: str) -> str:
    found = _TOKEN.search(html)
    assert found, "the page should carry a form token"
    return found.group(1)


def log_in(
    client: TestClient, email: str, password: str = PASSWORD, **extra: str
) -> httpx.Response:
    """Open the login form and submit it, as a person would."""
    login_page = client.get("/ui/login")
    assert login_page.status_code == 200, login_page.text[:300]
    fields = {"csrf": form_token(login_page.text), "email": email, "password": password}
    response: httpx.Response = client.post("/ui/login", data=fields | extra)
    return response


def logged_in(hub: Hub, org: str, role: Role = Role.ANALYST) -> TestClient:
    """A browser logged in as the ``role`` user of ``org`` in the test world."""
    client = browser(hub)
    response = log_in(client, f"{role}@{org}.example")
    assert response.status_code == 303, response.text[:300]
    return client


def page(client: TestClient, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.text[:400])
    return lxml.html.fromstring(response.text)


def post_form(client: TestClient, url: str, token_from: str, **fields: str) -> httpx.Response:
    """Submit a form of the page at ``token_from`` (its token, this browser's origin)."""
    token = form_token(client.get(token_from).text)
    response: httpx.Response = client.post(
        url, data={"csrf": token} | fields, headers={"Origin": str(client.base_url).rstrip("/")}
    )
    return response


def texts(document: Any, xpath: str) -> list[str]:
    return [" ".join(str(t).split()) for t in document.xpath(xpath)]
