"""Fixtures shared by the suite: a store of each kind, and an HTTP client over the app.

Neo4j tests use the server named by NEO4J_URI (started by scripts/neo4j-test-server in the
README's test command). Without it they fail loudly; they are never skipped.
"""

import os
import threading
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
import pytest_asyncio

from registry.app import create_app
from registry.settings import Neo4jSettings
from registry.store.base import Store
from registry.store.embedded import EmbeddedStore

STORES = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


def neo4j_settings() -> Neo4jSettings:
    if not os.environ.get("NEO4J_URI"):
        pytest.fail(
            "NEO4J_URI is not set: start Neo4j with the README's test command "
            "(scripts/neo4j-test-server), or deselect with -m 'not neo4j' while working locally"
        )
    return Neo4jSettings()


@pytest_asyncio.fixture(loop_scope="session", scope="session")
async def neo4j_store() -> AsyncIterator[Store]:
    from registry.store.neo4j import Neo4jStore

    store = Neo4jStore(neo4j_settings())
    await store.open()
    yield store
    await store.close()


@pytest_asyncio.fixture(loop_scope="session", params=STORES)
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Store]:
    """An empty, open store of each kind; the Neo4j one is shared and emptied for each test."""
    if request.param == "neo4j":
        shared: Store = request.getfixturevalue("neo4j_store")
        await shared.clear()
        yield shared
        return
    embedded = EmbeddedStore(tmp_path / "registry.sqlite3")
    await embedded.open()
    yield embedded
    await embedded.close()


@pytest_asyncio.fixture(loop_scope="session")
async def client(store: Store) -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client talking to the app in-process; the store is already open."""
    transport = httpx.ASGITransport(app=create_app(store))
    async with httpx.AsyncClient(transport=transport, base_url="http://registry.test") as c:
        yield c


class GraphQLClient:
    """Posts GraphQL to the app; `ok` expects data, `error` expects exactly one error."""

    def __init__(self, http: httpx.AsyncClient) -> None:
        self.http = http

    async def post(self, query: str, **variables: object) -> dict:
        response = await self.http.post("/graphql", json={"query": query, "variables": variables})
        assert response.status_code == 200, response.text
        return response.json()

    async def ok(self, query: str, **variables: object) -> dict:
        body = await self.post(query, **variables)
        assert "errors" not in body, body["errors"]
        return body["data"]

    async def error(self, query: str, **variables: object) -> dict:
        body = await self.post(query, **variables)
        assert len(body.get("errors", [])) == 1, body
        return body["errors"][0]


@pytest.fixture
def gql(client: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(client)


class LiveServer:
    """The app served by uvicorn on a free loopback port, in a thread of this process."""

    def __init__(self, store: Store) -> None:
        import uvicorn

        config = uvicorn.Config(create_app(store), host="127.0.0.1", port=0, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> str:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the registry did not start")
            time.sleep(0.05)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        return f"http://127.0.0.1:{port}"

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=20)


@pytest.fixture(scope="session")
def live_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A running registry over an embedded store with the demo network."""
    import asyncio

    from registry.seeds import DEMO_DIR, load_seed_graph

    path = tmp_path_factory.mktemp("live") / "registry.sqlite3"

    async def seed() -> None:
        store = EmbeddedStore(path)
        await store.open()
        await store.import_graph(load_seed_graph(DEMO_DIR))
        await store.close()

    asyncio.run(seed())
    with LiveServer(EmbeddedStore(path)) as url:
        yield url
