"""What an analyst does to an alert: the case actions' forms and the goAML STR download.

Each form is a POST with the page's CSRF token; an accepted action redirects back to the
account page (so a reload does not repeat it), a refused one shows the page again with the
reason. Forms are read by hand (URL-encoded, small, few fields) rather than with a multipart
parser the server does not otherwise need.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from urllib.parse import parse_qs

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from tipflow.report.cases import case_file_stem
from tipflow.ui.actions import ActionRefused, CaseAction
from tipflow.ui.context import UiContext
from tipflow.ui.rendering import path_part
from tipflow.ui.routes_pages import account_response

FORM_LIMIT = 64 * 1024  # bytes: a comment of a few thousand characters and some fields
FORM_FIELDS = 10
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
EXPIRED = "This form has expired or did not come from this page: reload the page and try again."


class FormRefused(Exception):
    def __init__(self, status_code: int, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code


async def read_form(request: Request) -> dict[str, str]:
    """The fields of a URL-encoded form, the first value of each."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != "application/x-www-form-urlencoded":
        raise FormRefused(415, "Send the form as the page does (URL-encoded).")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > FORM_LIMIT:
            raise FormRefused(413, "The form is too large.")
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=FORM_FIELDS)
    except (UnicodeDecodeError, ValueError) as exc:
        raise FormRefused(400, "The form could not be read.") from exc
    return {name: values[0] for name, values in fields.items()}


def register(router: APIRouter, ui: UiContext) -> None:
    @router.post("/actions/{account_id:path}")
    async def act(request: Request, account_id: str) -> Response:
        try:
            form = await _guarded_form(ui, request)
        except FormRefused as refused:
            return ui.problem(request, refused.status_code, str(refused))
        return await run_in_threadpool(_record, ui, request, account_id, form)

    @router.post("/reports/{account_id:path}")
    async def download_report(request: Request, account_id: str) -> Response:
        try:
            await _guarded_form(ui, request)
        except FormRefused as refused:
            return ui.problem(request, refused.status_code, str(refused))
        return await run_in_threadpool(_report, ui, request, account_id)


async def _guarded_form(ui: UiContext, request: Request) -> dict[str, str]:
    form = await read_form(request)
    if not ui.csrf.verify(request, form.get("csrf")):
        raise FormRefused(403, EXPIRED)
    return form


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
