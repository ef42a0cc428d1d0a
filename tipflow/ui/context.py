"""What every page of the analyst's interface works with, given once to the router factory.

The local server (``tipflow ui``) and, later, the hub build a :class:`UiContext` from their own
parts: where the results come from, where case actions go, how forms are guarded, who the
analyst is and where the pages are mounted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from fastapi.responses import HTMLResponse
from starlette.requests import Request

from tipflow import __version__
from tipflow.ui.action_log import ActionLog
from tipflow.ui.csrf import CsrfGuard
from tipflow.ui.pictures import TimelinePictures
from tipflow.ui.rendering import render
from tipflow.ui.source import ResultsSource


@dataclass(frozen=True)
class UiContext:
    source: ResultsSource
    actions: ActionLog
    csrf: CsrfGuard
    actor: Callable[[Request], str]  # the analyst a request acts for
    base: str = ""  # the path the pages are mounted at ("" or "/ui", never a trailing /)
    pictures: TimelinePictures = field(default_factory=TimelinePictures)

    def page(
        self, request: Request, template: str, *, status_code: int = 200, **values: object
    ) -> HTMLResponse:
        html = render(
            template,
            base=self.base,
            title=self.source.title,
            csrf_token=self.csrf.token(request),
            analyst=self.actor(request),
            version=__version__,
            **values,
        )
        return HTMLResponse(html, status_code=status_code)

    def problem(self, request: Request, status_code: int, message: str) -> HTMLResponse:
        """A page that says what went wrong, in one sentence, with the right status."""
        return self.page(request, "problem.html.j2", status_code=status_code, message=message)
