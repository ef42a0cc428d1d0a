"""The pages as another application mounts them (the hub, later): under a prefix, over its
own source, action log and form guard; with ids that are not safe in a URL as they are."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import lxml.html
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.requests import Request

from tipflow.report.html.run_info import RunSummary
from tipflow.report.html.workspace import CaseFlows
from tipflow.ui import UiContext, ui_router
from tipflow.ui.action_log import SqliteActionLog
from tipflow.ui.source import AccountDetail, AccountResult

ODD_ID = 'BANK/1?x=1#<b>"'
ALERT = AccountResult(
    account_id=ODD_ID, institution_id="BANK", risk_score=0.93, flagged=True, rank=1,
    crime="labour_trafficking", role="controller", typologies=("T1",), indicators=(),
    network_id=None, explanation="Pays <many> workers.",
)  # fmt: skip


class OneAlert:
    """A source holding one alert and nothing else."""

    title = "partnership"

    def run_summary(self) -> RunSummary:
        return RunSummary(recorded=False)

    def alerts(self) -> Sequence[AccountResult]:
        return [ALERT]

    def typology_names(self) -> Mapping[str, str]:
        return {"T1": "Wage theft"}

    def account(self, account_id: str) -> AccountDetail | None:
        if account_id != ODD_ID:
            return None
        return AccountDetail(
            result=ALERT, holder_name="Ada <Holder>", holder_type="person",
            account_type="current", case_id=None, evidence=(), transactions=(),
            transactions_named=0,
        )  # fmt: skip

    def account_flows(self, account_id: str) -> CaseFlows:
        return CaseFlows(points=(), aggregated=False, transactions=0, currencies=())

    def network(self, network_id: str) -> dict[str, Any] | None:
        return None

    def goaml_report(self, case_id: str) -> bytes | None:
        return None


class FixedToken:
    def token(self, request: Request) -> str:
        return "t" * 64

    def verify(self, request: Request, token: str | None) -> bool:
        return token == "t" * 64


def test_mounted_under_a_prefix_with_an_odd_id(tmp_path: Path) -> None:
    ui = UiContext(
        source=OneAlert(),
        actions=SqliteActionLog(tmp_path / "log.sqlite3"),
        csrf=FixedToken(),
        actor=lambda _request: "fiu-analyst",
        base="/ui",
    )
    app = FastAPI()
    app.include_router(ui_router(ui))
    http = TestClient(app, follow_redirects=False)

    queue = lxml.html.fromstring(http.get("/ui/").text)
    link = queue.xpath("//table[@id='queue']/tbody//a/@href")[0]
    assert link == "/ui/accounts/BANK%2F1%3Fx%3D1%23%3Cb%3E%22"
    assert queue.xpath("//link[@rel='stylesheet']/@href") == ["/ui/static/ui.css"]
    page = http.get(link)
    assert page.status_code == 200
    assert "Ada &lt;Holder&gt;" in page.text and "Pays &lt;many&gt; workers." in page.text
    assert "Wage theft" in page.text
    assert http.get(link.replace("/accounts/", "/timelines/")).status_code == 200

    action = link.replace("/accounts/", "/actions/")
    refused = http.post(action, data={"csrf": "x", "kind": "escalate"})
    assert refused.status_code == 403
    done = http.post(action, data={"csrf": "t" * 64, "kind": "escalate"})
    assert done.status_code == 303 and done.headers["location"] == link + "#actions"
    after = lxml.html.fromstring(http.get("/ui/?status=escalated").text)
    assert after.xpath("//table[@id='queue']/tbody/tr/@data-account") == [ODD_ID]
    assert ui.actions.history(ODD_ID)[0].actor == "fiu-analyst"
