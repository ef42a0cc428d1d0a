"""A test client of the local interface with the few helpers the HTTP tests share."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import lxml.html
from fastapi.testclient import TestClient

from tests.ui.conftest import BASE_URL
from tipflow.ui.app import create_ui_app
from tipflow.ui.rendering import path_part

_TOKEN = re.compile(r'name="csrf" value="([0-9a-f]{64})"')


def client(results: Path, action_log: Path, *, base_url: str = BASE_URL) -> TestClient:
    app = create_ui_app(results, analyst="sam", action_log=action_log)
    return TestClient(app, base_url=base_url, follow_redirects=False)


def page(http: TestClient, url: str, status: int = 200) -> Any:
    response = http.get(url)
    assert response.status_code == status, response.text[:500]
    return lxml.html.fromstring(response.text)


def token(http: TestClient, account_id: str) -> str:
    """The CSRF token of the account page's forms (and so of this client's session)."""
    found = _TOKEN.search(http.get(account_url(account_id)).text)
    assert found, "the account page should carry a form token"
    return found.group(1)


def account_url(account_id: str) -> str:
    return f"/accounts/{path_part(account_id)}"


def act(http: TestClient, account_id: str, *, token_from: str | None = None, **form: str) -> Any:
    """Submit a case action as the page's form does, with the token read from the account's
    page (or from ``token_from``'s, for an account whose page has no form)."""
    fields = {"csrf": token(http, token_from or account_id)} | form
    return http.post(f"/actions/{path_part(account_id)}", data=fields)


def queue_ids(document: Any) -> list[str]:
    return [str(v) for v in document.xpath("//table[@id='queue']/tbody/tr/@data-account")]


def kpi(document: Any, name: str) -> int:
    figure = document.xpath(f"//*[@data-kpi='{name}']//*[@class='kpi-figure']/text()")
    return int(figure[0])


def status_of(document: Any, account_id: str) -> str:
    cells = document.xpath(f"//tr[@data-account='{account_id}']//*[@data-status]/@data-status")
    return str(cells[0])
