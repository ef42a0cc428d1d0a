"""``tipflow share`` through its own Typer group (independent of the main app's registration)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from tests.share.banks import write_bank_a, write_bank_b
from tipflow.cli.share_commands import register

RUNNER = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("noop")(lambda: None)  # a group needs a sibling command to stay a group
    register(app)
    return app


def test_keygen_tokens_link(tmp_path: Path) -> None:
    app = _app()
    key = tmp_path / "partnership.key"
    assert RUNNER.invoke(app, ["share", "keygen", str(key)]).exit_code == 0
    again = RUNNER.invoke(app, ["share", "keygen", str(key)])
    assert again.exit_code == 1 and "already exists" in again.output
    for name, write in (("a", write_bank_a), ("b", write_bank_b)):
        data = write(tmp_path / f"bank_{name}")
        result = RUNNER.invoke(
            app,
            [
                "share",
                "tokens",
                str(data),
                "--key-file",
                str(key),
                "--out",
                str(tmp_path / f"t{name}"),
                "--json",
            ],
        )
        assert result.exit_code == 0, result.output
        assert json.loads(result.output)["counts"]["phone"] >= 2
    result = RUNNER.invoke(
        app,
        [
            "share",
            "link",
            str(tmp_path / "ta"),
            str(tmp_path / "tb"),
            "--out",
            str(tmp_path / "links"),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    assert len(document["networks"]) == 1
    assert (tmp_path / "links" / "links.csv").exists()


def test_short_key_fails_with_one_line(tmp_path: Path) -> None:
    key = tmp_path / "short.key"
    key.write_bytes(b"123")
    data = write_bank_a(tmp_path / "bank_a")
    result = RUNNER.invoke(
        _app(), ["share", "tokens", str(data), "--key-file", str(key), "--out", str(tmp_path / "t")]
    )
    assert result.exit_code == 1
    assert "at least 32" in result.output
