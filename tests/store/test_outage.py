"""Neo4j out of reach, stopped or hung: every store call fails within its bound as
StoreUnavailable, the app answers 503 with a JSON error and Retry-After, /readyz answers at
once, and everything recovers by itself once Neo4j is back.

A loopback relay stands in front of the test server, so a test can stop or hang "Neo4j"
without touching the server the rest of the suite shares.
"""

import asyncio
import re
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import suppress
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest
import pytest_asyncio
from conftest import neo4j_settings, token_for
from neo4j import AsyncGraphDatabase

from registry.app import create_app
from registry.domain.accounts import Role
from registry.domain.errors import StoreUnavailable
from registry.settings import Neo4jSettings, Settings
from registry.store import cypher

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.neo4j]

# Bounds the tests give the store, and the most a call may take before the test fails. The
# whole-call bound is longer than that: a stopped or hung server must be found out by the
# connect and acquire bounds, which every call meets first.
TIMEOUTS = {"connect_timeout": 0.5, "acquire_timeout": 1.0, "retry_timeout": 0.5}
LIMIT = 8.0
TIMEOUTS["query_timeout"] = 2 * LIMIT
READY_LIMIT = 2.0  # what orchestrators are promised for /readyz


class Relay:
    """A TCP relay to the test Neo4j that can act stopped (refuses connections, drops open
    ones) or hung like a SIGSTOPped JVM (accepts, but moves no bytes until resumed)."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.port = 0
        self.flowing = asyncio.Event()
        self.flowing.set()
        self.server: asyncio.Server | None = None
        self.links: set[asyncio.StreamWriter] = set()

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    async def start(self) -> None:
        self.server = await asyncio.start_server(
            self._link, "127.0.0.1", self.port, reuse_address=True
        )
        self.port = self.server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        for writer in self.links:
            writer.transport.abort()
        self.links.clear()
        await self.server.wait_closed()
        self.server = None

    def hang(self) -> None:
        self.flowing.clear()

    def resume(self) -> None:
        self.flowing.set()

    async def _link(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.links.add(writer)
        await self.flowing.wait()  # a hung server's kernel accepts; the server never answers
        with suppress(OSError):
            up_reader, up_writer = await asyncio.open_connection(*self.target)
            self.links.add(up_writer)
            await asyncio.gather(self._pipe(reader, up_writer), self._pipe(up_reader, writer))

    async def _pipe(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with suppress(OSError):
            while chunk := await reader.read(65536):
                await self.flowing.wait()
                writer.write(chunk)
                await writer.drain()
        writer.close()


@pytest_asyncio.fixture(loop_scope="session")
async def relay() -> AsyncIterator[Relay]:
    target = urlsplit(neo4j_settings().uri)
    gate = Relay(target.hostname or "127.0.0.1", target.port or 7687)
    await gate.start()
    yield gate
    gate.resume()
    if gate.server is not None:
        await gate.stop()


def impatient(uri: str) -> Neo4jSettings:
    return neo4j_settings().model_copy(update={"uri": uri, **TIMEOUTS})


@pytest_asyncio.fixture(loop_scope="session")
async def relayed(relay: Relay) -> AsyncIterator[Any]:
    """A Neo4j store reached through the relay, with short bounds."""
    from registry.store.neo4j import Neo4jStore

    opened = Neo4jStore(impatient(relay.uri))
    await opened.open()
    yield opened
    await opened.close()


async def within(call: Awaitable[Any]) -> Any:
    """The call's result; the test fails if the call takes longer than LIMIT."""
    return await asyncio.wait_for(call, LIMIT)


async def recovered(call: Callable[[], Awaitable[Any]]) -> Any:
    """The call's result once the store answers again: the first calls after an outage may
    still meet connections that died in it, which the driver then drops."""
    deadline = asyncio.get_running_loop().time() + LIMIT
    while True:
        try:
            return await within(call())
        except StoreUnavailable:
            if asyncio.get_running_loop().time() > deadline:
                raise
            await asyncio.sleep(0.2)


async def outage(relay: Relay, kind: str) -> None:
    await (relay.stop() if kind == "stopped" else asyncio.sleep(0, relay.hang()))


async def recover(relay: Relay, kind: str) -> None:
    await (relay.start() if kind == "stopped" else asyncio.sleep(0, relay.resume()))


async def fails_then_recovers(relay: Relay, kind: str, call: Callable[[], Awaitable]) -> None:
    await outage(relay, kind)
    with pytest.raises(StoreUnavailable):
        await within(call())
    await recover(relay, kind)
    await recovered(call)  # the same store object works again, without being reopened


@pytest.mark.parametrize("kind", ["stopped", "hung"])
async def test_reads_fail_within_the_bound_and_recover(relayed: Any, relay: Relay, kind: str):
    await fails_then_recovers(relay, kind, lambda: relayed.get_documents("tokens", ["x"]))


@pytest.mark.parametrize("kind", ["stopped", "hung"])
async def test_writes_fail_within_the_bound_and_recover(relayed: Any, relay: Relay, kind: str):
    # A fresh id each time: a write that timed out on the client may still commit.
    write = lambda: relayed.save_document("outage", uuid.uuid4().hex, {}, None)  # noqa: E731
    await fails_then_recovers(relay, kind, write)


async def test_a_hang_inside_a_running_read_ends_it_within_the_bound(relayed: Any, relay: Relay):
    """No connection is acquired, let alone checked, for the second statement of a shared
    read: the server is found hung while the call waits, long before query_timeout."""

    async def read_twice() -> None:
        async with relayed.reading():
            await relayed.get_documents("tokens", ["x"])
            relay.hang()
            await relayed.get_documents("tokens", ["y"])

    started = asyncio.get_running_loop().time()
    with pytest.raises(StoreUnavailable):
        await within(read_twice())
    assert asyncio.get_running_loop().time() - started < TIMEOUTS["query_timeout"] / 2
    relay.resume()
    await recovered(lambda: relayed.get_documents("tokens", ["x"]))


async def test_a_store_closes_within_the_bound_while_a_read_ends_on_a_hung_server(relay: Relay):
    """The read's end (its rollback, then its session's close) meets the hang after the
    answer: closing the store waits for that end, which must give up within the bound too."""
    from registry.store.neo4j import Neo4jStore

    store = Neo4jStore(impatient(relay.uri))
    await store.open()
    try:
        async with store.reading():
            await store.get_documents("tokens", ["x"])
            relay.hang()
        await within(store.close())
    finally:
        relay.resume()
        await store.close()


POOL_SIZE = 100  # the driver's default, which the store keeps


async def test_slow_writes_filling_the_pool_on_a_live_server_are_not_cut_short(relayed: Any):
    """The watch asks the server, not the clock, and not through the calls' own pool: writes
    that wait for the meta node's lock (as behind a long restore) through several checks, as
    many as the pool holds, on a server that answers, all run to their end."""
    settings = neo4j_settings()
    held = 3 * TIMEOUTS["acquire_timeout"]
    auth = (settings.user, settings.password.get_secret_value())
    driver = AsyncGraphDatabase.driver(settings.uri, auth=auth)
    async with driver, driver.session(database=settings.database) as session:
        tx = await session.begin_transaction()
        await tx.run(f"MATCH (m:{cypher.META} {{key: 'registry'}}) SET m.held = true")
        writes = [
            asyncio.ensure_future(relayed.save_document("outage", uuid.uuid4().hex, {}, None))
            for _ in range(POOL_SIZE)
        ]
        await asyncio.sleep(held)
        assert not any(write.done() for write in writes)  # still waiting for the lock
        await tx.commit()
        await within(asyncio.gather(*writes))


async def pinged(store: Any) -> bool:
    if not await store.ping():
        raise StoreUnavailable("no answer to the ping yet")
    return True


@pytest.mark.parametrize("kind", ["stopped", "hung"])
async def test_ping_says_no_within_the_bound(relayed: Any, relay: Relay, kind: str):
    await outage(relay, kind)
    assert await within(relayed.ping()) is False
    await recover(relay, kind)
    assert await recovered(lambda: pinged(relayed)) is True


async def test_opening_against_a_silent_listener_fails_within_the_bound():
    """A port that accepts and never answers, as a hung JVM's kernel does."""
    from registry.store.neo4j import Neo4jStore

    accepted: list[asyncio.StreamWriter] = []

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        accepted.append(writer)  # and never a byte back

    listener = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = listener.sockets[0].getsockname()[1]
    store = Neo4jStore(impatient(f"bolt://127.0.0.1:{port}"))
    try:
        with pytest.raises(StoreUnavailable):
            await within(store.open())
    finally:
        await store.close()
        listener.close()
        for writer in accepted:
            writer.close()
        await listener.wait_closed()


@pytest_asyncio.fixture(loop_scope="session")
async def http(relayed: Any, settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=create_app(relayed, settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://registry.test") as client:
        yield client


def assert_unavailable(response: httpx.Response) -> None:
    assert response.status_code == 503, response.text
    assert int(response.headers["retry-after"]) > 0
    [error] = response.json()["errors"]
    assert error["extensions"]["code"] == "UNAVAILABLE"


async def answered(request: Awaitable[httpx.Response]) -> httpx.Response:
    """The response, or StoreUnavailable while the app still answers 503."""
    response = await request
    if response.status_code == 503:
        raise StoreUnavailable("still unavailable")
    return response


@pytest.mark.parametrize("kind", ["stopped", "hung"])
async def test_requests_during_an_outage_get_503_and_retry_after(
    relayed: Any, relay: Relay, http: httpx.AsyncClient, kind: str
):
    token = {"Authorization": f"Bearer {await token_for(relayed, Role.ADMIN)}"}
    query = {"query": "{ __typename }"}
    page = await http.get("/signin")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
    await outage(relay, kind)
    assert_unavailable(await within(http.post("/graphql", json=query, headers=token)))
    assert_unavailable(await within(http.get("/export/contacts.csv", headers=token)))
    form = {"username": "someone", "password": "something long", "csrf_token": csrf}
    assert_unavailable(await within(http.post("/signin", data=form)))
    ready = await asyncio.wait_for(http.get("/readyz"), READY_LIMIT)
    assert ready.status_code == 503 and ready.json() == {"status": "unavailable"}
    await recover(relay, kind)
    back = await recovered(lambda: answered(http.post("/graphql", json=query, headers=token)))
    assert back.status_code == 200
    assert (await within(http.get("/readyz"))).status_code == 200
