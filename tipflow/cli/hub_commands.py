"""``tipflow hub``: serve the partnership hub, administer it, verify its audit chain."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tipflow.cli.output import fail, stdout_console
from tipflow.errors import TipflowError

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from tipflow.hub.state import HubState

hub_app = typer.Typer(help="The partnership hub: STR intake, FIU triage, disclosures, KPIs.")
admin_app = typer.Typer(help="Create organisations, users and API tokens.")
audit_app = typer.Typer(help="The hash-chained audit log.")
hub_app.add_typer(admin_app, name="admin")
hub_app.add_typer(audit_app, name="audit")

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="SQLAlchemy URL (sqlite:///..., postgresql://...); default: $TIPFLOW_HUB_DATABASE_URL,"
        " else a SQLite file in the data folder.",
    ),
]
DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir", help="The hub's data folder (SQLite file, token secret); default: ./hub-data."
    ),
]


@contextmanager
def _hub(database_url: str | None, data_dir: Path | None) -> Iterator[tuple[HubState, Session]]:
    """The hub's state (schema migrated) and one session; the engine is closed afterwards."""
    from tipflow.hub.settings import HubSettings
    from tipflow.hub.state import HubState

    settings = HubSettings.from_environment(database_url=database_url, data_dir=data_dir)
    try:
        state = HubState.open(settings, migrate_schema=True)
    except TipflowError as exc:
        fail(str(exc))
    try:
        with state.sessions() as session:
            yield state, session
    finally:
        state.engine.dispose()


@hub_app.command("serve")
def serve(
    database_url: DatabaseUrl = None,
    data_dir: DataDir = None,
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535)] = 8750,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            min=1,
            max=64,
            help="Server processes (PostgreSQL only; one per core is a good start).",
        ),
    ] = 1,
) -> None:
    """Serve the hub's API (OpenAPI at /docs); the schema is migrated first."""
    import uvicorn

    from tipflow.hub.app import WORKER_FACTORY, create_app
    from tipflow.hub.settings import ENV_DATA_DIR, ENV_DATABASE_URL, HubSettings

    settings = HubSettings.from_environment(database_url=database_url, data_dir=data_dir)
    if workers > 1 and settings.resolved_database_url().startswith("sqlite"):
        fail("--workers above 1 needs PostgreSQL (--database-url): SQLite has one writer")
    try:
        app = create_app(settings)  # migrates, and creates the key files, once
    except TipflowError as exc:
        fail(str(exc))
    # access_log off: request lines carry ids only, but nothing of a report should reach logs.
    if workers == 1:
        uvicorn.run(app, host=host, port=port, access_log=False)
        return
    # Each worker process builds its own app from the environment (already migrated).
    app.state.hub.engine.dispose()
    os.environ[ENV_DATABASE_URL] = settings.resolved_database_url()
    os.environ[ENV_DATA_DIR] = str(settings.data_dir)
    uvicorn.run(
        WORKER_FACTORY, factory=True, workers=workers, host=host, port=port, access_log=False
    )


@admin_app.command("migrate")
def migrate(database_url: DatabaseUrl = None, data_dir: DataDir = None) -> None:
    """Bring the database schema to the newest migration."""
    with _hub(database_url, data_dir):
        stdout_console().print("The hub's database schema is up to date.")


@admin_app.command("create-org")
def create_org(
    name: Annotated[str, typer.Argument(help="The organisation's name.", show_default=False)],
    org_type: Annotated[
        str,
        typer.Option(
            "--type",
            help="reporting_entity, fiu, law_enforcement, ngo or supervisor.",
            show_default=False,
        ),
    ],
    database_url: DatabaseUrl = None,
    data_dir: DataDir = None,
) -> None:
    """Create an organisation."""
    from tipflow.hub.admin import create_organisation
    from tipflow.hub.vocabulary import OrgType

    if org_type not in {kind.value for kind in OrgType}:
        fail(f"--type {org_type!r}: one of {', '.join(kind.value for kind in OrgType)}")
    with _hub(database_url, data_dir) as (_state, session):
        try:
            organisation = create_organisation(session, name, OrgType(org_type))
        except TipflowError as exc:
            fail(str(exc))
        session.commit()
        stdout_console().print(f"Organisation {organisation.id}: {organisation.name} ({org_type})")


@admin_app.command("create-user")
def create_user(
    org: Annotated[str, typer.Argument(help="The organisation's name.", show_default=False)],
    email: Annotated[str, typer.Argument(help="The user's e-mail.", show_default=False)],
    role: Annotated[str, typer.Option("--role", help="analyst or admin.")] = "analyst",
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from standard input.")
    ] = False,
    no_password: Annotated[
        bool, typer.Option("--no-password", help="No password: API tokens only.")
    ] = False,
    database_url: DatabaseUrl = None,
    data_dir: DataDir = None,
) -> None:
    """Create a user in an organisation (the password is prompted for unless given on stdin)."""
    from tipflow.hub import admin
    from tipflow.hub.vocabulary import Role

    if role not in {kind.value for kind in Role}:
        fail(f"--role {role!r}: one of {', '.join(kind.value for kind in Role)}")
    password: str | None = None
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif not no_password:
        password = typer.prompt("Password", hide_input=True, confirmation_prompt=True)
    with _hub(database_url, data_dir) as (state, session):
        try:
            organisation = admin.find_organisation(session, org)
            user = admin.create_user(
                session, organisation, email, Role(role), password, state.passwords
            )
        except TipflowError as exc:
            fail(str(exc))
        session.commit()
        stdout_console().print(f"User {user.id}: {user.email} ({role} of {organisation.name})")


@admin_app.command("create-token")
def create_token(
    email: Annotated[str, typer.Argument(help="The user's e-mail.", show_default=False)],
    database_url: DatabaseUrl = None,
    data_dir: DataDir = None,
) -> None:
    """Create a long-lived API token and print it (once: only its hash is stored)."""
    from tipflow.hub import admin
    from tipflow.hub.vocabulary import TokenKind

    with _hub(database_url, data_dir) as (state, session):
        try:
            user = admin.find_user(session, email)
        except TipflowError as exc:
            fail(str(exc))
        token, _row = admin.issue_token(
            session, user, state.secret, TokenKind.API, actor=admin.SYSTEM
        )
        session.commit()
    sys.stdout.write(token + "\n")


@audit_app.command("verify")
def verify(database_url: DatabaseUrl = None, data_dir: DataDir = None) -> None:
    """Check the audit log's hash chain; exit non-zero when a row was changed or removed."""
    from tipflow.hub.audit import verify_chain

    with _hub(database_url, data_dir) as (_state, session):
        check = verify_chain(session)
    if not check.ok:
        fail(f"the audit log was tampered with: {check.problem}")
    stdout_console().print(f"The audit chain holds: {check.rows:,} rows verified.")


@hub_app.command("publish-typologies")
def publish_typologies(
    path: Annotated[
        Path, typer.Argument(help="A typology set (YAML; see tipflow typologies export).")
    ],
    hub: Annotated[str, typer.Option("--hub", help="The hub's URL.", show_default=False)],
    token: Annotated[
        str,
        typer.Option(
            "--token", envvar="TIPFLOW_HUB_TOKEN", help="An FIU API token.", show_default=False
        ),
    ],
    title: Annotated[str, typer.Option("--title", help="The version's title.")] = "",
    note: Annotated[str, typer.Option("--note", help="What changed since the last one.")] = "",
) -> None:
    """Publish a typology set to the hub's members as its next version (FIU); checked here
    first with the same schema and registry the hub uses."""
    from tipflow.cli.share_push import PushRefused
    from tipflow.cli.typology_publish import publish_typology_file

    try:
        outcome = publish_typology_file(path, hub, token, title=title, note=note)
    except (PushRefused, TipflowError) as exc:
        fail(str(exc))
    stdout_console().print(outcome)


def register(app: typer.Typer) -> None:
    app.add_typer(hub_app, name="hub", rich_help_panel="Hub")
