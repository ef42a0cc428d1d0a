"""Reading the pages' forms: URL-encoded, small, and guarded against cross-site forgery.

Forms are read by hand (URL-encoded, small, few fields) rather than with a multipart parser
the servers do not otherwise need. The local interface and the hub's pages share this.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.requests import Request

from tipflow.ui.csrf import CsrfGuard

FORM_LIMIT = 64 * 1024  # bytes: a note of a few thousand characters and some fields
FORM_FIELDS = 10
EXPIRED = "This form has expired or did not come from this page: reload the page and try again."


class FormRefused(Exception):
    """A form that is not read: the status to answer with and why, in one sentence."""

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


async def guarded_form(csrf: CsrfGuard, request: Request) -> dict[str, str]:
    """The form's fields, refused (403) unless it carries this browser session's token."""
    form = await read_form(request)
    if not csrf.verify(request, form.get("csrf")):
        raise FormRefused(403, EXPIRED)
    return form
