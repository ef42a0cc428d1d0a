"""``tipflow share targets`` through its own Typer group."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from typer.testing import CliRunner

from tests.share.target_files import write_csv
from tipflow.cli.share_commands import register
from tipflow.share.keys import key_fingerprint, read_key
from tipflow.share.targets import make_targets

RUNNER = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    app.command("noop")(lambda: None)  # a group needs a sibling command to stay a group
    register(app)
    return app


ROWS = [
    ("phone", "07700 900123", ""),
    ("phone", "+1 (312) 555-0199", "US"),
    ("email", "Maria.G@Example.com", ""),
]


def test_targets_writes_the_body_part_for_a_tactical_request_or_an_ngo(tmp_path: Path) -> None:
    app = _app()
    key = tmp_path / "partnership.key"
    assert RUNNER.invoke(app, ["share", "keygen", str(key)]).exit_code == 0
    path = write_csv(tmp_path / "targets.csv", ROWS, ("kind", "value", "country"))
    command = ["share", "targets", str(path), "--key-file", str(key), "--default-region", "GB"]
    result = RUNNER.invoke(app, [*command, "--out", str(tmp_path / "out" / "t.json")])
    assert result.exit_code == 0, result.output
    assert "3 distinct targets from 3 lines (phone 2, email 1)" in result.output
    written = json.loads((tmp_path / "out" / "t.json").read_text())
    expected = make_targets(path, read_key(key), default_region="GB").document()
    assert written == expected and written["key_fingerprint"] == key_fingerprint(read_key(key))

    result = RUNNER.invoke(
        app, [*command, "--out", str(tmp_path / "n.json"), "--as", "ngo", "--json"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert summary["targets"] == 3 and summary["counts"] == {"phone": 2, "email": 1}
    ngo = json.loads((tmp_path / "n.json").read_text())
    assert ngo["identifiers"] == written["targets"] and "targets" not in ngo
    for raw in ("07700", "900123", "555-0199", "maria"):
        assert raw not in result.output.lower() + (tmp_path / "n.json").read_text().lower()


def test_a_bad_line_or_option_fails_with_one_message_and_writes_nothing(tmp_path: Path) -> None:
    app = _app()
    key = tmp_path / "partnership.key"
    RUNNER.invoke(app, ["share", "keygen", str(key)])
    path = write_csv(tmp_path / "targets.csv", ROWS, ("kind", "value", "country"))
    out = tmp_path / "t.json"
    base = ["share", "targets", str(path), "--key-file", str(key), "--out", str(out)]
    result = RUNNER.invoke(app, base)  # no region: the national number cannot be read
    assert result.exit_code == 1
    assert "1 bad line(s), no targets written: line 2 (phone)" in " ".join(result.output.split())
    assert "07700" not in result.output and not out.exists()
    result = RUNNER.invoke(app, [*base, "--default-region", "GB", "--as", "str"])
    assert result.exit_code == 1 and "not a hub body" in result.output and not out.exists()
    short = tmp_path / "short.key"
    short.write_bytes(b"x" * 8)
    result = RUNNER.invoke(app, [*base[:4], str(short), *base[5:], "--default-region", "GB"])
    assert result.exit_code == 1 and "at least 32" in result.output and not out.exists()
