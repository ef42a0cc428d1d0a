"""``create_app``: the hub's FastAPI application."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI

from tipflow import __version__
from tipflow.hub import (
    routes_auth,
    routes_disclosures,
    routes_fiu,
    routes_ngo,
    routes_oversight,
    routes_reports,
    routes_tactical,
    routes_tokens,
    routes_typologies,
)
from tipflow.hub.settings import HubSettings
from tipflow.hub.state import HubState
from tipflow.hub.web import install_web

DESCRIPTION = """\
The partnership hub of tipflow: reporting entities submit suspicious transaction reports (goAML
XML or JSON), the FIU triages them, discloses them to law enforcement and gives feedback, law
enforcement records outcomes, supervisors read the KPIs. Every write and every read of personal
data is recorded in a hash-chained audit log.
"""


def create_app(settings: HubSettings | None = None) -> FastAPI:
    """The hub on ``settings`` (default: a SQLite database in ./hub-data); the schema is
    migrated when the app is created unless ``settings.migrate_on_start`` is off."""
    settings = settings or HubSettings()
    state = HubState.open(settings, migrate_schema=settings.migrate_on_start)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        state.engine.dispose()

    app = FastAPI(
        title="tipflow hub", version=__version__, description=DESCRIPTION, lifespan=lifespan
    )
    app.state.hub = state
    for module in (routes_auth, routes_reports, routes_fiu, routes_disclosures, routes_oversight):
        app.include_router(module.router)
    app.include_router(routes_tokens.router)
    app.include_router(routes_typologies.router)
    app.include_router(routes_tactical.router)
    app.include_router(routes_ngo.router)
    install_web(app, state)  # the pages under /ui (not in the OpenAPI schema)
    return app


#: Import string of the app factory ``tipflow hub serve --workers N`` gives uvicorn.
WORKER_FACTORY = "tipflow.hub.app:app_from_environment"


def app_from_environment() -> FastAPI:
    """One worker process's app: settings from the environment (``TIPFLOW_HUB_*``), the
    schema left as the parent process migrated it."""
    settings = HubSettings.from_environment().model_copy(update={"migrate_on_start": False})
    return create_app(settings)
