"""A write that cannot get the store within its bound, because another process holds the
write lock, answers 503 with Retry-After and code UNAVAILABLE through GraphQL, and changes
nothing; once the lock is gone the same write goes through."""

import sqlite3
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import httpx
import pytest
import pytest_asyncio
from conftest import STORES, neo4j_settings, token_for

from registry.app import create_app
from registry.domain.accounts import Role
from registry.settings import Settings
from registry.store import cypher
from registry.store.base import Store
from registry.store.embedded import EmbeddedStore

pytestmark = pytest.mark.asyncio(loop_scope="session")

CREATE = "mutation($i: OrganisationInput!) { createOrganisation(input: $i) { id } }"
ORG = {"name": "Låst forening", "kind": "VOLUNTARY_ORGANISATION"}
Locker = Callable[[], AbstractAsyncContextManager[None]]


async def _embedded(path: Path) -> tuple[Store, Locker]:
    store = EmbeddedStore(path, busy_timeout=0.2)

    @asynccontextmanager
    async def locked() -> AsyncIterator[None]:
        other = sqlite3.connect(path, isolation_level=None)  # another process, say a restore
        other.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            other.execute("ROLLBACK")
            other.close()

    return store, locked


async def _neo4j() -> tuple[Store, Locker]:
    from neo4j import AsyncGraphDatabase

    from registry.store.neo4j import Neo4jStore

    settings = neo4j_settings()
    store = Neo4jStore(settings.model_copy(update={"query_timeout": 2.0}))

    @asynccontextmanager
    async def locked() -> AsyncIterator[None]:
        auth = (settings.user, settings.password.get_secret_value())
        async with (
            AsyncGraphDatabase.driver(settings.uri, auth=auth) as driver,
            driver.session(database=settings.database) as session,
        ):
            tx = await session.begin_transaction()
            await tx.run(cypher.LOCK_META.text)  # what every write of the store waits for
            try:
                yield
            finally:
                await tx.rollback()

    return store, locked


@pytest_asyncio.fixture(loop_scope="session", params=STORES)
async def busy(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[tuple]:
    made = await (
        _neo4j() if request.param == "neo4j" else _embedded(tmp_path / "registry.sqlite3")
    )
    await made[0].open()
    yield made
    await made[0].close()


async def test_a_write_that_waits_too_long_answers_503(busy: tuple, settings: Settings):
    store, locked = busy
    transport = httpx.ASGITransport(app=create_app(store, settings))
    token = {"Authorization": f"Bearer {await token_for(store, Role.EDITOR)}"}
    body = {"query": CREATE, "variables": {"i": ORG}}
    async with httpx.AsyncClient(transport=transport, base_url="http://registry.test") as http:
        before = await store.version()
        async with locked():
            refused = await http.post("/graphql", json=body, headers=token)
        assert refused.status_code == 503, refused.text
        assert int(refused.headers["retry-after"]) > 0
        [error] = refused.json()["errors"]
        assert error["extensions"]["code"] == "UNAVAILABLE"
        assert await store.version() == before
        done = await http.post("/graphql", json=body, headers=token)
        assert done.status_code == 200 and "errors" not in done.json(), done.text
