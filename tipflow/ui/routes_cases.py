"""What an analyst does to an alert: the case actions' forms and the goAML STR download.

Each form is a POST with the page's CSRF token; an accepted action redirects back to the
account page (so a reload does not repeat it), a refused one shows the page again with the
reason (forms.py reads and guards them).
"""

from __future__ import annotations

import datetime as dt
import hashlib

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from tipflow.report.cases import case_file_stem
from tipflow.ui.actions import ActionRefused, CaseAction
from tipflow.ui.context import UiContext
from tipflow.ui.forms import FormRefused, guarded_form
from tipflow.ui.rendering import path_part
from tipflow.ui.routes_pages import account_response

#: The actions the forms offer; ``report`` is written by the STR download, never by a form.
FORM_KINDS = ("assign", "comment", "escalate", "close", "reopen")
#: Which fields an action keeps (the forms share names; a stray field is not recorded).
KEPT_FIELDS = {
    "assign": ("assignee",),
    "comment": ("text",),
    "escalate": ("text",),
    "close": ("outcome", "text"),
    "reopen": ("text",),
}


def register(router: APIRouter, ui: UiContext) -> None:
    @router.post("/actions/{account_id:path}")
    async def act(request: Request, account_id: str) -> Response:
        try:
            form = await guarded_form(ui.csrf, request)
        except FormRefused as refused:
            return ui.problem(request, refused.status_code, str(refused))
        return await run_in_threadpool(_record, ui, request, account_id, form)

    @router.post("/reports/{account_id:path}")
    async def download_report(request: Request, account_id: str) -> Response:
        try:
            await guarded_form(ui.csrf, request)
        except FormRefused as refused:
            return ui.problem(request, refused.status_code, str(refused))
        return await run_in_threadpool(_report, ui, request, account_id)


def _record(ui: UiContext, request: Request, account_id: str, form: dict[str, str]) -> Response:
    detail = ui.source.account(account_id)
    if detail is None or not detail.result.flagged:
        return ui.problem(request, 404, "There is no such alert in these results.")
    kind = form.get("kind", "")
    if kind not in FORM_KINDS:
        return account_response(ui, request, account_id, problem="Unknown action.", status_code=400)
    kept = {name: form.get(name, "").strip() or None for name in KEPT_FIELDS[kind]}
    action = CaseAction(
        account_id=account_id,
        kind=kind,
        actor=ui.actor(request),
        at=_now(),
        case_id=detail.case_id,
        assignee=kept.get("assignee"),
        outcome=kept.get("outcome"),
        text=kept.get("text"),
    )
    try:
        ui.actions.record(action)
    except ActionRefused as refused:
        message = str(refused)
        return account_response(
            ui, request, account_id, problem=message[:1].upper() + message[1:] + ".",
            status_code=409,
        )  # fmt: skip
    target = f"{ui.base}/accounts/{path_part(account_id)}#actions"
    return RedirectResponse(target, status_code=303)


def _report(ui: UiContext, request: Request, account_id: str) -> Response:
    detail = ui.source.account(account_id)
    if detail is None or detail.case_id is None:
        return ui.problem(request, 404, "This account is in no case: there is no STR to write.")
    xml = ui.source.goaml_report(detail.case_id)
    if xml is None:
        return ui.problem(request, 404, "There is no such case in these results.")
    # The log keeps the digest, so the STR filed can later be matched to the one generated.
    ui.actions.record(
        CaseAction(
            account_id=account_id,
            kind="report",
            actor=ui.actor(request),
            at=_now(),
            case_id=detail.case_id,
            digest=hashlib.sha256(xml).hexdigest(),
        )
    )
    name = f"{case_file_stem(detail.case_id)}.xml"
    return Response(
        xml,
        media_type="application/xml",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)
