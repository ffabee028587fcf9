"""The endpoint follows the GraphQL-over-HTTP specification."""

import json
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
from conftest import Live

AUDIT = Path(__file__).parent / "audit"


def test_graphql_http_audit_passes_without_warnings(live: Live):
    node = shutil.which("node")
    assert node, "Node.js is needed for the graphql-http audit"
    assert (AUDIT / "node_modules" / "graphql-http").is_dir(), (
        "run: npm ci --prefix tests/api/audit"
    )
    run = subprocess.run(
        [node, str(AUDIT / "audit.mjs"), f"{live.url}/graphql", live.token],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stdout + run.stderr
    assert "not ok: 0" in run.stdout


@pytest.mark.parametrize(
    ("accept", "status", "media"),
    [
        ("application/graphql-response+json", 400, "application/graphql-response+json"),
        ("application/json", 200, "application/json"),
        (
            "application/graphql-response+json, application/json",
            400,
            "application/graphql-response+json",
        ),
        ("*/*", 200, "application/json"),
    ],
)
def test_request_errors_by_media_type(live: Live, accept: str, status: int, media: str):
    response = httpx.post(
        f"{live.url}/graphql",
        json={"query": "{ organisations {"},
        headers={"accept": accept, **live.auth},
    )
    assert response.status_code == status
    assert response.headers["content-type"] == f"{media}; charset=utf-8"
    body = response.json()
    assert "data" not in body and body["errors"][0]["message"].startswith("Syntax Error")


def test_field_errors_keep_status_200(live: Live):
    query = '{ organisation(id: "missing") { name } }'
    headers = {"accept": "application/graphql-response+json", **live.auth}
    response = httpx.post(f"{live.url}/graphql", json={"query": query}, headers=headers)
    assert response.status_code == 200
    error = response.json()["errors"][0]
    assert error["extensions"] == {"code": "NOT_FOUND", "field": "id"}


def test_graphiql_explorer_is_served(live: Live):
    response = httpx.get(f"{live.url}/graphql", headers={"accept": "text/html", **live.auth})
    assert response.status_code == 200 and "graphiql" in response.text.lower()


def test_health_and_readiness(live: Live):
    assert httpx.get(f"{live.url}/healthz").json() == {"status": "ok"}
    ready = httpx.get(f"{live.url}/readyz")
    assert ready.status_code == 200 and json.loads(ready.text) == {"status": "ready"}
