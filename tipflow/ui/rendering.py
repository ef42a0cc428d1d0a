"""Templates and static files of the analyst's pages, both shipped inside the package.

Escaping is always on: account ids, names, descriptions and comments are untrusted text from
bank data or from other analysts. Static files are served from a fixed list, never from a
path taken from the URL.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from urllib.parse import quote

import jinja2
from starlette.responses import Response

from tipflow.report.html.labels import FILTERS, anchor
from tipflow.ui.actions import OUTCOMES

#: URL name -> (file under tipflow/ui/static, media type).
STATIC_FILES = {
    "ui.css": ("ui.css", "text/css; charset=utf-8"),
    "network.js": ("network.js", "text/javascript; charset=utf-8"),
    "favicon.svg": ("favicon.svg", "image/svg+xml"),
    "cytoscape.min.js": ("vendor/cytoscape.min.js", "text/javascript; charset=utf-8"),
    "cytoscape.LICENSE": ("vendor/cytoscape.LICENSE", "text/plain; charset=utf-8"),
}
STATUS_NAMES = {"open": "Open", "escalated": "Escalated", "closed": "Closed"}


def path_part(identifier: str) -> str:
    """An id as one URL path segment: a ``/``, ``?`` or ``#`` in bank data stays inside it."""
    return quote(identifier, safe="")


def status_name(status: str) -> str:
    return STATUS_NAMES.get(status, status)


def outcome_name(outcome: str | None) -> str:
    return OUTCOMES.get(outcome or "", "—")


@cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("tipflow.ui", "templates"),
        autoescape=True,  # the .j2 names would slip past extension-based autoescaping
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(FILTERS)
    env.filters.update(
        path=path_part,
        status_name=status_name,
        outcome_name=outcome_name,
        anchor=lambda transaction_id: anchor("tx", transaction_id),
    )
    return env


def render(template: str, **context: object) -> str:
    return environment().get_template(template).render(**context)


@cache
def static_file(name: str) -> tuple[bytes, str] | None:
    """The bytes and media type of a static file, or None for a name not on the list."""
    entry = STATIC_FILES.get(name)
    if entry is None:
        return None
    resource = resources.files("tipflow.ui").joinpath("static")
    for part in entry[0].split("/"):
        resource = resource.joinpath(part)
    return resource.read_bytes(), entry[1]


def static_response(name: str) -> Response:
    """A static file by its URL name, or a plain 404 for a name not on the list."""
    found = static_file(name)
    if found is None:
        return Response("Not found", status_code=404, media_type="text/plain")
    return Response(found[0], media_type=found[1])
