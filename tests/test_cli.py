"""The `registry` command, run as a user would."""

import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from registry.cli.main import app


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


def test_serve_sets_its_own_loggers_to_the_log_level_too(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
):
    """REGISTRY_LOG_LEVEL=warning silences the registry's line per request, not only
    uvicorn's own lines."""
    import uvicorn

    given: dict = {}
    monkeypatch.setattr(uvicorn, "run", lambda app, **options: given.update(options))
    monkeypatch.setenv("REGISTRY_LOG_LEVEL", "warning")
    assert runner.invoke(app, ["serve"]).exit_code == 0
    levels = {name: logger["level"] for name, logger in given["log_config"]["loggers"].items()}
    assert levels == {"uvicorn": "WARNING", "registry": "WARNING"}


def test_serve_refuses_a_log_level_it_does_not_know(
    runner: CliRunner, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("REGISTRY_LOG_LEVEL", "verbose")
    result = runner.invoke(app, ["serve"])  # `registry` itself prints it as one line
    assert result.exit_code != 0 and "log_level" in str(result.exception)


def _csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


@pytest.mark.slow  # starts `registry serve` as a process
def test_serve_demo_and_first_sign_in(tmp_path: Path):
    """The README's first command, then what a newcomer does: sign in with the printed
    one-time password, choose a new one, and query the demo network."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "REGISTRY_DATA_DIR": str(tmp_path)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "registry", "serve", "--demo", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        printed = ""
        while "Serving on" not in printed:
            line = proc.stdout.readline()
            assert line, printed
            printed += line
        password = re.search(r"one-time password (\S+)", printed).group(1)
        assert f"Serving on http://127.0.0.1:{port}/ (the advisers' page" in printed
        base = f"http://127.0.0.1:{port}"
        with httpx.Client(base_url=base, follow_redirects=False) as browser:
            for _ in range(100):
                try:
                    anonymous = browser.post("/graphql", json={"query": "{ __typename }"})
                    break
                except httpx.TransportError:
                    time.sleep(0.1)
            assert anonymous.status_code == 401
            form = {"username": "admin", "password": password}
            signed = browser.post(
                "/signin", data={**form, "csrf_token": _csrf(browser.get("/signin").text)}
            )
            assert signed.status_code == 303
            assert signed.headers["location"] == "/account/password?next=%2F"
            change = {
                "current": password,
                "new": "a new long passphrase",
                "repeat": "a new long passphrase",
            }
            changed = browser.post(
                "/account/password",
                data={**change, "csrf_token": _csrf(browser.get("/account/password").text)},
            )
            assert changed.status_code == 303
            csrf = _csrf(browser.get("/signin").text)
            query = {"query": "{ organisations { totalCount } }"}
            refused = browser.post("/graphql", json=query)
            assert refused.status_code == 403  # a cookie without the CSRF header
            body = browser.post("/graphql", json=query, headers={"X-CSRF-Token": csrf}).json()
            assert body["data"]["organisations"]["totalCount"] >= 150
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
    # The demo store stays in the data directory: other commands find it, a restart reuses it.
    listed = subprocess.run(
        [sys.executable, "-m", "registry", "--demo", "users", "list"],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert "admin" in listed.stdout
    again = subprocess.Popen(
        [sys.executable, "-m", "registry", "serve", "--demo", "--port", str(port)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip
    try:
        printed = ""
        while "Serving on" not in printed:
            line = again.stdout.readline()
            assert line, printed
            printed += line
        assert "Reusing the demo store" in printed and "one-time password" not in printed
    finally:
        again.terminate()
        again.communicate(timeout=20)


def test_analyze_prints_tables_and_json(seeded_runner: CliRunner):
    runner = seeded_runner
    text = runner.invoke(app, ["analyze"])
    assert text.exit_code == 0
    assert "Status per miljø / Status per community" in text.output
    first_rows = text.output.split("Grunn / Reason")[1].splitlines()[2:5]
    assert [row.split()[1] for row in first_rows] == ["CUT_OFF", "CUT_OFF", "SINGLE_BRIDGE"]
    assert "Skogfinsk kulturforum Oslo – Skogfinsk sangverksted (1)" in text.output
    # Which ties counted, and that funding alone bridges no one, in one line.
    [rules] = [line for line in text.output.splitlines() if line.startswith("Regler / Rules:")]
    assert "only through funding is no bridge" in rules
    as_json = runner.invoke(app, ["analyze", "--json", "--from", "2015", "--to", "2018"])
    report = json.loads(as_json.output)
    assert report["summary"]["organisations"] >= 150
    assert {y["year"] for y in report["trend"]} <= set(range(2015, 2019))
    assert report["parameters"]["asOf"] == "2018-12-31"
    earlier = json.loads(runner.invoke(app, ["analyze", "--json", "--as-of", "2016-06-30"]).output)
    assert earlier["trend"][-1]["asOf"] == "2016-06-30"
    assert {"name", "status", "reason", "eiIndex", "eiExpected"} <= earlier["communities"][0].keys()
    assert {"community", "from", "to", "gain", "reasons"} <= earlier["introductions"][0].keys()
    assert earlier["tieModel"]["rules"] and earlier["tieModel"]["notBridging"] >= 0
    assert {"group", "name", "roles"} <= earlier["brokers"]["top"][0]["rolesByGroup"][0].keys()
    # The Forest Finns' tie to EMI begins in November 2022 (seeds/README.md).
    finns = next(c for c in earlier["communities"] if c["name"] == "Skogfinner")
    assert finns["status"] == "CUT_OFF"
    bad = runner.invoke(app, ["analyze", "--as-of", "June"])
    assert bad.exit_code != 0


def test_users_and_tokens_commands(runner: CliRunner):
    added = runner.invoke(app, ["users", "add", "kari", "--role", "editor"])
    assert added.exit_code == 0 and "One-time password" in added.output
    assert "kari" in runner.invoke(app, ["users", "list"]).output
    token = runner.invoke(app, ["tokens", "create", "kari", "--role", "viewer", "--days", "7"])
    assert token.exit_code == 0 and token.output.startswith("reg_")
    listed = runner.invoke(app, ["tokens", "list"]).output
    token_id = listed.split()[0]
    assert runner.invoke(app, ["tokens", "revoke", token_id]).exit_code == 0
    assert "revoked" in runner.invoke(app, ["tokens", "list"]).output
    too_strong = runner.invoke(app, ["tokens", "create", "kari", "--role", "admin"])
    assert too_strong.exit_code == 1 and "more rights" in too_strong.output
    assert runner.invoke(app, ["users", "set-role", "kari", "viewer"]).exit_code == 0
    assert runner.invoke(app, ["users", "disable", "kari"]).exit_code == 0
    assert "(disabled)" in runner.invoke(app, ["users", "list"]).output
    missing = runner.invoke(app, ["users", "reset-password", "nobody"])
    assert missing.exit_code == 1 and "no account" in missing.output


def _one_clear_line(result, *words: str) -> None:
    """The command failed with exit code 1 and one line on stderr: no traceback."""
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit), result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for word in words:
        assert word in lines[0], lines[0]


def test_a_file_that_cannot_be_written_is_one_clear_line(seeded_runner: CliRunner, tmp_path: Path):
    runner = seeded_runner
    nowhere = tmp_path / "no such folder" / "backup.json"
    _one_clear_line(runner.invoke(app, ["dump", "-o", str(nowhere)]), "backup.json")
    _one_clear_line(runner.invoke(app, ["export-schema", "-o", str(nowhere)]), "backup.json")
    csv = ["export", "contacts", "-o", str(nowhere)]
    _one_clear_line(runner.invoke(app, csv), "backup.json")


def test_an_unusable_data_directory_is_one_clear_line(runner: CliRunner, tmp_path, monkeypatch):
    (tmp_path / "a file").write_text("")
    monkeypatch.setenv("REGISTRY_DATA_DIR", str(tmp_path / "a file" / "data"))
    _one_clear_line(runner.invoke(app, ["users", "list"]), "a file")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_neo4j_out_of_reach_is_one_clear_line(runner: CliRunner, monkeypatch):
    monkeypatch.setenv("REGISTRY_STORE", "neo4j")
    monkeypatch.setenv("NEO4J_URI", f"bolt://127.0.0.1:{_free_port()}")  # nobody listens
    monkeypatch.setenv("NEO4J_CONNECT_TIMEOUT", "0.5")
    monkeypatch.setenv("NEO4J_RETRY_TIMEOUT", "0")  # one try: the outage is the point
    _one_clear_line(runner.invoke(app, ["users", "list"]), "unavailable")


@pytest.mark.slow  # runs the installed command as a process
def test_any_other_failure_is_one_clear_line(tmp_path: Path):
    """The installed command, as a user runs it: a bad setting or an unexpected error."""
    env = {**os.environ, "REGISTRY_DATA_DIR": str(tmp_path)}
    for bad in [{"REGISTRY_PORT": "eighty"}, {"REGISTRY_STORE": "neo4j", "NEO4J_URI": "ftp://x"}]:
        done = subprocess.run(
            [sys.executable, "-m", "registry", "users", "list"],
            env={**env, **bad}, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert done.returncode == 1, done
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert done.stderr.startswith("error: "), done.stderr
