"""The log holds method, path, status and time, and for our own failures where they
happened: never the GraphQL text, its search words or variables (README, "Privacy")."""

import logging

import pytest

from registry.store.base import Store

pytestmark = pytest.mark.asyncio(loop_scope="session")

SECRET = "hemmelige søkeord"


async def test_an_unexpected_error_is_logged_without_the_query(
    store: Store, client, caplog, monkeypatch
):
    # A fault of ours inside the store call that lists organisations.
    async def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("the store broke")

    monkeypatch.setattr(store, "find_page", broken)
    query = f'query($v: String) {{ organisations {{ edges {{ node {{ id name }} }} }} topics(filter: {{search: $v}}) {{ totalCount }} people(filter: {{search: "{SECRET[:9]}"}}) {{ totalCount }} }}'
    with caplog.at_level(logging.INFO):
        response = await client.post("/graphql", json={"query": query, "variables": {"v": SECRET}})
    assert response.json()["errors"][0]["message"] == "Unexpected error."
    logged = caplog.text
    assert "RuntimeError at organisations" in logged  # ours to fix: what, and where
    assert "registry/api/" in logged  # with the frames of the traceback
    for secret in (SECRET[:9], "søkeord", "query("):
        assert secret not in logged, logged
