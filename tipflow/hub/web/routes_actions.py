"""What the FIU does to a report from its page: mark it triaged or closed with a reason,
disclose it to a law-enforcement organisation with a note, send feedback to its institution.

Each form is read into the API's own request body (``StatusChange``, ``NewDisclosure``,
``NewFeedback``: the same limits) and handed to the function the API's route calls
(``fiu_work``), so the change and its audit row are the same as through the API. An accepted
action redirects back to the report (a reload does not repeat it); a refused one shows the
report again with the reason.
"""

from __future__ import annotations

from collections.abc import Callable

from fastapi import APIRouter
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request

from tipflow.hub.auth import DbSession, Principal
from tipflow.hub.fiu_work import NotFound, Unprocessable, disclose, give_feedback, set_status
from tipflow.hub.schemas import NewDisclosure, NewFeedback, StatusChange
from tipflow.hub.web.pages import Fiu, HubPages
from tipflow.hub.web.routes_reports import report_number, report_response
from tipflow.ui.forms import FormRefused, guarded_form

#: An action: (session, FIU user, report id, form) → the section of the page to return to.
Action = Callable[[Session, Principal, int, dict[str, str]], str]


class MissingReason(Exception):
    """A status set from the page without a reason (the API leaves it optional)."""


def _status(session: Session, user: Principal, report_id: int, form: dict[str, str]) -> str:
    change = StatusChange.model_validate(
        {"status": form.get("status", ""), "reason": form.get("reason", "").strip()}
    )
    if not change.reason:
        raise MissingReason("Give the reason for this status, in words.")
    set_status(session, user, report_id, change)
    return "history"


def _disclose(session: Session, user: Principal, report_id: int, form: dict[str, str]) -> str:
    package = NewDisclosure.model_validate(
        {
            "to_organisation_id": form.get("to_organisation_id", ""),
            "report_ids": [report_id],
            "note": form.get("note", "").strip(),
        }
    )
    disclose(session, user, package)
    return "disclosures"


def _feedback(session: Session, user: Principal, report_id: int, form: dict[str, str]) -> str:
    body = NewFeedback.model_validate(
        {"usefulness": form.get("usefulness", ""), "quality_notes": form.get("notes", "").strip()}
    )
    give_feedback(session, user, report_id, body)
    return "feedback"


ACTIONS: dict[str, Action] = {"status": _status, "disclosures": _disclose, "feedback": _feedback}


def register(router: APIRouter, web: HubPages) -> None:
    for name, action in ACTIONS.items():
        _route(router, web, name, action)


def _route(router: APIRouter, web: HubPages, name: str, action: Action) -> None:
    @router.post(f"/reports/{{report_id}}/{name}", name=f"web_{name}")
    async def act(request: Request, user: Fiu, session: DbSession, report_id: str) -> Response:
        try:
            form = await guarded_form(web.csrf, request)
        except FormRefused as refused:
            return web.problem(request, user, refused.status_code, str(refused))
        return await run_in_threadpool(_apply, web, request, user, session, report_id, form, action)


def _apply(
    web: HubPages,
    request: Request,
    user: Principal,
    session: Session,
    report_id: str,
    form: dict[str, str],
    action: Action,
) -> Response:
    number = report_number(report_id)
    if number is None:
        return web.problem(request, user, 404, "There is no such report.")
    try:
        section = action(session, user, number, form)
    except NotFound:
        session.rollback()
        return web.problem(request, user, 404, "There is no such report.")
    except (ValidationError, Unprocessable, MissingReason) as refused:
        session.rollback()
        return report_response(web, request, session, user, report_id,
                               problem=_words(refused), status_code=422)  # fmt: skip
    return RedirectResponse(f"{web.base}/reports/{number}#{section}", status_code=303)


def _words(refused: Exception) -> str:
    """One sentence for the page: pydantic's first problem, or the refusal's own message."""
    if isinstance(refused, ValidationError):
        first = refused.errors()[0]
        field = ".".join(str(part) for part in first["loc"]).replace("_", " ")
        return f"{field}: {first['msg']}."
    message = str(refused)
    return message[:1].upper() + message[1:].rstrip(".") + "."
