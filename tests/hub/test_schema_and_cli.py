"""The migrations build exactly the ORM's schema; the admin commands make a working hub."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.hub.conftest import Hub
from tipflow.cli.hub_commands import hub_app
from tipflow.hub import HubSettings, create_app
from tipflow.hub.audit import GENESIS
from tipflow.hub.db import (
    alembic_config,
    current_revision,
    make_engine,
    make_sessionmaker,
    migrate,
)
from tipflow.hub.models import AuditHead, Base


def test_the_migrations_match_the_models(hub: Hub) -> None:
    engine = hub.state.engine
    migrate(engine)  # a second run changes nothing
    newest = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert newest is not None and current_revision(engine) == newest
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []


def test_operation_ids_are_stable_and_unique(hub: Hub) -> None:
    operations = [
        operation.get("operationId")
        for path in hub.app.openapi()["paths"].values()
        for operation in path.values()
    ]
    assert None not in operations and len(operations) == len(set(operations))
    assert {"submit_goaml_report", "list_reports", "read_kpis", "login"} <= set(operations)


def test_admin_commands_set_up_a_hub_the_api_accepts(tmp_path: Path) -> None:
    runner = CliRunner()
    place = ["--data-dir", str(tmp_path)]
    made = runner.invoke(hub_app, ["admin", "create-org", "First Bank", "--type", "bank", *place])
    assert made.exit_code == 1 and "--type 'bank'" in made.output
    made = runner.invoke(
        hub_app, ["admin", "create-org", "First Bank", "--type", "reporting_entity", *place]
    )
    assert made.exit_code == 0, made.output
    user = runner.invoke(
        hub_app,
        ["admin", "create-user", "First Bank", "Ana@first.example", "--password-stdin", *place],
        input="a good long password\n",
    )
    assert user.exit_code == 0, user.output
    short = runner.invoke(
        hub_app,
        ["admin", "create-user", "First Bank", "b@first.example", "--password-stdin", *place],
        input="short\n",
    )
    assert short.exit_code == 1 and "12 characters" in short.output
    token = runner.invoke(hub_app, ["admin", "create-token", "ana@first.example", *place])
    assert token.exit_code == 0, token.output
    # The server on the same data folder (same secret file) accepts the printed token.
    app = create_app(HubSettings(data_dir=tmp_path))
    with TestClient(app) as client:
        me = client.get("/me", headers={"Authorization": f"Bearer {token.output.strip()}"})
        assert me.status_code == 200 and me.json()["email"] == "ana@first.example"
        login = client.post(
            "/auth/login", json={"email": "ana@first.example", "password": "a good long password"}
        )
        assert login.status_code == 200
    verified = runner.invoke(hub_app, ["audit", "verify", *place])
    assert verified.exit_code == 0, verified.output


def test_the_audit_chains_head_row_exists_before_the_first_append(tmp_path: Path) -> None:
    """Appends lock the head row (SELECT ... FOR UPDATE), so migrations create it; a head that
    already moved is left alone."""
    fresh = make_engine(f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    migrate(fresh)
    with make_sessionmaker(fresh)() as session:
        head = session.get(AuditHead, 1)
        assert head is not None and (head.last_id, head.last_hash) == (0, GENESIS)
    older = make_engine(f"sqlite:///{tmp_path / 'older.sqlite3'}")
    migrate(older, "0002")
    with make_sessionmaker(older)() as session:
        session.add(AuditHead(id=1, last_id=7, last_hash="a" * 64))
        session.commit()
    migrate(older)
    with make_sessionmaker(older)() as session:
        head = session.get(AuditHead, 1)
        assert head is not None and (head.last_id, head.last_hash) == (7, "a" * 64)
