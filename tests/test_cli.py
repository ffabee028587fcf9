"""The `registry` command, run as a user would."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from registry.cli.main import app
from registry.settings import get_settings


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("REGISTRY_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_help_lists_every_command(runner: CliRunner):
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ["serve", "seed", "dump", "restore", "export-schema"]:
        assert command in result.output


def test_seed_dump_restore(runner: CliRunner, tmp_path: Path):
    assert runner.invoke(app, ["seed"]).exit_code == 0
    again = runner.invoke(app, ["seed"])
    assert again.exit_code == 1 and "not empty" in again.output
    out = tmp_path / "backup.json"
    assert runner.invoke(app, ["dump", "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text())["format"] == "oslo-registry-dump"
    clash = runner.invoke(app, ["restore", str(out)])
    assert clash.exit_code == 1 and "clashes" in clash.output
    assert runner.invoke(app, ["restore", str(out), "--replace"]).exit_code == 0
    second = tmp_path / "second.json"
    assert runner.invoke(app, ["dump", "-o", str(second)]).exit_code == 0
    assert second.read_text() == out.read_text()


def test_restore_refuses_a_bad_file(runner: CliRunner, tmp_path: Path):
    bad = tmp_path / "bad.json"
    bad.write_text("{}")
    result = runner.invoke(app, ["restore", str(bad)])
    assert result.exit_code == 1 and "error:" in result.output
    missing = runner.invoke(app, ["restore", str(tmp_path / "nope.json")])
    assert missing.exit_code == 1 and "cannot read" in missing.output


def test_export_schema_prints_sdl(runner: CliRunner):
    result = runner.invoke(app, ["export-schema"])
    assert result.exit_code == 0 and "type Query" in result.output


def test_serve_demo_answers_graphql(tmp_path: Path):
    """The README's first command, on a free port, until it answers a query."""
    import socket
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "REGISTRY_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "registry", "serve", "--demo", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                query = "{ organisations { totalCount } }"
                body = httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": query}).json()
                break
            except httpx.TransportError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stdout.read()
                time.sleep(0.2)
        assert body["data"]["organisations"]["totalCount"] >= 150
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
