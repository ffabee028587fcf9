"""Rate limits that invented tokens, doubled headers or a shared address cannot get round."""

import asyncio
import os
import secrets
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from conftest import token_for
from test_auth import PASSWORD, csrf

from registry.app import create_app
from registry.domain.accounts import Role
from registry.http import rate_limits
from registry.services import accounts
from registry.settings import Settings
from registry.store.base import Store

pytestmark = pytest.mark.asyncio(loop_scope="session")
ASK = {"query": "{ __typename }"}


@pytest.fixture(autouse=True)
def clock(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """The limits' clock, standing still unless a test moves it, so that no count is cut
    in two by the turn of a minute on a slow machine."""
    now = [6000.0]
    monkeypatch.setattr(rate_limits, "monotonic", lambda: now[0])
    return now


def clients(store: Store, settings: Settings) -> Callable[..., httpx.AsyncClient]:
    """Clients of one app (one set of limits), each from the address it is given."""
    app = create_app(store, settings)

    def from_address(address: str, **headers: str) -> httpx.AsyncClient:
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        return httpx.AsyncClient(transport=transport, base_url="http://t", headers=headers)

    return from_address


def invented() -> str:
    return f"Bearer reg_{secrets.token_hex(6)}_{secrets.token_urlsafe(32)}"


async def test_invented_tokens_count_against_the_address(store: Store, settings: Settings):
    connect = clients(store, settings.model_copy(update={"rate_limit_per_minute": 3}))
    codes = []
    for _ in range(5):
        async with connect("203.0.113.7", Authorization=invented()) as guesser:
            codes.append((await guesser.post("/graphql", json=ASK)).status_code)
    assert codes == [401, 401, 401, 429, 429]
    async with connect(
        "203.0.113.7", Authorization=f"Bearer {await token_for(store, Role.VIEWER)}"
    ) as real:
        assert (await real.post("/graphql", json=ASK)).status_code == 200


async def test_a_second_authorization_header_is_refused(store: Store, settings: Settings):
    connect = clients(store, settings.model_copy(update={"rate_limit_per_minute": 3}))
    real = f"Bearer {await token_for(store, Role.VIEWER)}"
    async with connect("203.0.113.8") as client:
        codes = []
        for _ in range(4):
            headers = [("Authorization", real), ("Authorization", invented())]
            codes.append((await client.post("/graphql", json=ASK, headers=headers)).status_code)
        assert codes == [400] * 4
        limited = [
            (await client.post("/graphql", json=ASK, headers={"Authorization": real})).status_code
            for _ in range(4)
        ]
    assert limited == [200, 200, 200, 429]


async def member(store: Store) -> str:
    """The user name of a new account whose password is PASSWORD."""
    name = f"member.{secrets.token_hex(4)}"
    await accounts.create_account(store, name, Role.VIEWER, password=PASSWORD)
    return name


async def attempt(client: httpx.AsyncClient, username: str, password: str) -> httpx.Response:
    token = csrf((await client.get("/signin")).text)
    form = {"username": username, "password": password, "csrf_token": token}
    return await client.post("/signin", data=form)


async def test_guessing_from_many_addresses_slows_the_account(
    store: Store, settings: Settings, clock: list[float]
):
    target, bystander = await member(store), await member(store)
    connect = clients(store, settings.model_copy(update={"sign_in_attempts_per_minute": 3}))
    codes = []
    for n in range(rate_limits.AccountThrottle.FREE):
        async with connect(f"198.51.100.{n}") as guesser:
            codes.append((await attempt(guesser, target, "wrong guess!")).status_code)
    assert codes == [401] * rate_limits.AccountThrottle.FREE
    async with connect("192.0.2.10") as owner:
        slowed = await attempt(owner, target, PASSWORD)
        assert slowed.status_code == 429 and 1 <= int(slowed.headers["retry-after"]) <= 60
        assert (await attempt(owner, bystander, PASSWORD)).status_code == 303
        clock[0] += int(slowed.headers["retry-after"])
        assert (await attempt(owner, target, PASSWORD)).status_code == 303


async def test_one_address_failing_does_not_lock_out_another(store: Store, settings: Settings):
    colleague_name = await member(store)
    connect = clients(store, settings.model_copy(update={"sign_in_attempts_per_minute": 3}))
    async with connect("10.1.1.1") as noisy, connect("10.1.1.2") as colleague:
        codes = [
            (await attempt(noisy, "nobody.here", "wrong guess!")).status_code for _ in range(4)
        ]
        assert codes == [401, 401, 401, 429]
        assert (await attempt(colleague, colleague_name, PASSWORD)).status_code == 303


def listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.parametrize("trusted", ["", "127.0.0.1"], ids=["no-proxy", "loopback-proxy"])
@pytest.mark.slow  # starts `registry serve` as a process
async def test_forwarded_addresses_count_only_from_trusted_proxies(
    store: Store, tmp_path: Path, trusted: str
):
    """`registry serve` believes X-Forwarded-For only from REGISTRY_TRUSTED_PROXIES (and
    never from uvicorn's own FORWARDED_ALLOW_IPS, which trusts loopback by default)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    kind = "neo4j" if "Neo4j" in type(store).__name__ else "embedded"
    env = {**os.environ, "REGISTRY_DATA_DIR": str(tmp_path), "REGISTRY_STORE": kind,
           "REGISTRY_PORT": str(port), "REGISTRY_RATE_LIMIT_PER_MINUTE": "3",
           "REGISTRY_TRUSTED_PROXIES": trusted, "FORWARDED_ALLOW_IPS": "*"}  # fmt: skip
    log = tmp_path / "serve.log"
    with log.open("w") as out:
        server = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "registry", "serve", env=env, stdout=out, stderr=out
        )
    try:
        deadline = time.monotonic() + 60
        while not listening(port):
            assert server.returncode is None and time.monotonic() < deadline, log.read_text()
            await asyncio.sleep(0.1)
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as client:
            codes = [
                (
                    await client.get("/healthz", headers={"X-Forwarded-For": f"198.51.100.{n}"})
                ).status_code
                for n in range(7)
            ]
    finally:
        server.terminate()
        await asyncio.wait_for(server.wait(), 20)
    # Seven requests from one address over a limit of three a minute meet it, even if
    # the turn of a minute falls among them (this server's clock cannot be stopped).
    assert (codes == [200] * 7) if trusted else (429 in codes), codes
