"""The migrations build exactly the ORM's schema; the admin commands make a working hub."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from tests.hub.conftest import Hub
from tipflow.cli.hub_commands import hub_app
from tipflow.hub import HubSettings, create_app
from tipflow.hub.db import current_revision, migrate
from tipflow.hub.models import Base


def test_the_migrations_match_the_models(hub: Hub) -> None:
    engine = hub.state.engine
    migrate(engine)  # a second run changes nothing
    assert current_revision(engine) == "0002"
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
