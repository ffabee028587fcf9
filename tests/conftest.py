"""Fixtures shared by the suite: a store of each kind, and an HTTP client over the app.

Neo4j tests use the server named by NEO4J_URI (started by scripts/neo4j-test-server in the
README's test command). Without it they fail loudly; they are never skipped.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio

# The project is imported inside the fixtures: this file is loaded by pytest-xdist's
# controller too, which runs no test and should start in a blink.
if TYPE_CHECKING:
    import httpx

    from registry.domain.accounts import Role
    from registry.settings import Neo4jSettings, Settings
    from registry.store.base import Store
    from registry.store.records import Subgraph

# The `slow` marker and the command-line runners live beside this file.
pytest_plugins = ["slow_marker", "cli_runners"]

STORES = ["embedded", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(autouse=True, scope="session")
def cheap_password_hashes() -> Iterator[None]:
    """Argon2 with its smallest cost in tests, as Django's tests use a fast hasher: hashing
    and checking stay real, but each test's accounts no longer cost ~50 ms a password."""
    from argon2 import PasswordHasher

    from registry.domain import accounts as rules

    kept = rules._hasher
    rules._hasher = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    yield
    rules._hasher = kept


def neo4j_settings() -> Neo4jSettings:
    from registry.settings import Neo4jSettings

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


@pytest_asyncio.fixture(loop_scope="session")
async def embedded_store(tmp_path: Path) -> AsyncIterator[Store]:
    from registry.store.embedded import EmbeddedStore

    embedded = EmbeddedStore(tmp_path / "registry.sqlite3")
    await embedded.open()
    yield embedded
    await embedded.close()


@pytest_asyncio.fixture(loop_scope="session")
async def empty_neo4j_store(neo4j_store: Store) -> AsyncIterator[Store]:
    """The shared server's store, emptied: the graph, and the accounts, tokens, sessions and
    import mappings that tests made with fixed names (a second run would clash with them)."""
    from registry.services.accounts import ACCOUNTS, TOKENS
    from registry.services.import_columns import MAPPINGS
    from registry.services.sessions import SESSIONS

    await neo4j_store.clear()
    for collection in (ACCOUNTS, TOKENS, SESSIONS, MAPPINGS):
        if stale := [doc.id for doc in await neo4j_store.list_documents(collection)]:
            await neo4j_store.delete_documents(collection, stale)
    yield neo4j_store


@pytest.fixture(params=STORES)
def store(request: pytest.FixtureRequest) -> Store:
    """An empty, open store of each kind; the Neo4j one is shared and emptied for each test.

    A plain fixture on purpose: pytest-asyncio sets up async fixtures with the event loop
    not running, so an async fixture cannot ask for another through getfixturevalue.
    """
    name = "empty_neo4j_store" if request.param == "neo4j" else "embedded_store"
    return request.getfixturevalue(name)


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Development settings with a private data directory and limits no test reaches."""
    from registry.settings import Settings

    return Settings(
        data_dir=tmp_path_factory.mktemp("settings"),
        rate_limit_per_minute=1_000_000,
        sign_in_attempts_per_minute=1_000_000,
    )


async def token_for(store: Store, role: Role) -> str:
    """A fresh account with `role` and an API token for it."""
    from registry.services import accounts

    name = f"{role.value.lower()}-{uuid.uuid4().hex[:8]}"
    account, _ = await accounts.create_account(store, name, role, password="correct horse battery")
    _, secret = await accounts.create_token(store, account, role, "tests", 1)
    return secret


@pytest_asyncio.fixture(loop_scope="session")
async def connect(store: Store, settings: Settings) -> AsyncIterator[Callable]:
    """Opens HTTP clients to the app in-process, signed in with a token of the given role."""
    import httpx

    from registry.app import create_app
    from registry.domain.accounts import Role

    app = create_app(store, settings)
    opened: list[httpx.AsyncClient] = []

    async def open_client(role: Role | None = Role.ADMIN) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {await token_for(store, role)}"} if role else {}
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://registry.test", headers=headers
        )
        opened.append(client)
        return client

    yield open_client
    for client in opened:
        await client.aclose()
    # ASGITransport runs no lifespan: the audit entries the test's reads left pending are
    # written now, as a shutdown would, not into the next test's store.
    await app.state.audit_trail.flush()


@pytest_asyncio.fixture(loop_scope="session")
async def client(connect: Callable) -> httpx.AsyncClient:
    """An administrator's HTTP client to the app in-process; the store is already open."""
    from registry.domain.accounts import Role

    return await connect(Role.ADMIN)


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

    def __init__(self, store: Store, settings: Settings) -> None:
        import uvicorn

        from registry.app import create_app

        app = create_app(store, settings)
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
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


LIVE_USER, LIVE_PASSWORD = "tester", "a long test passphrase"


@dataclass(frozen=True)
class Live:
    url: str
    token: str  # an administrator's API token
    username: str = LIVE_USER  # an administrator who signs in with a password
    password: str = LIVE_PASSWORD

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture(scope="session")
def live(
    tmp_path_factory: pytest.TempPathFactory, settings: Settings, demo_graph: Subgraph
) -> Iterator[Live]:
    """A running registry over an embedded store with the demo network."""
    import asyncio

    from registry.domain.accounts import Role
    from registry.services import accounts
    from registry.store.embedded import EmbeddedStore

    path = tmp_path_factory.mktemp("live") / "registry.sqlite3"

    async def seed() -> str:
        store = EmbeddedStore(path)
        await store.open()
        await store.import_graph(demo_graph)
        token = await token_for(store, Role.ADMIN)
        await accounts.create_account(store, LIVE_USER, Role.ADMIN, password=LIVE_PASSWORD)
        await store.close()
        return token

    token = asyncio.run(seed())
    with LiveServer(EmbeddedStore(path), settings) as url:
        yield Live(url, token)


@pytest.fixture(scope="session")
def demo_graph() -> Subgraph:
    """The demo network as read from seeds/, read once: tests must not change it."""
    from registry.services.seeding import DEMO_DIR, load_seed_graph

    return load_seed_graph(DEMO_DIR)
