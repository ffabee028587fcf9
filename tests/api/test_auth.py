"""Signing in: session cookies, CSRF, rate limits on sign-in, and logs free of personal data."""

import html
import logging
import re

import httpx
import pytest

from registry.app import create_app
from registry.domain.accounts import Role
from registry.services import accounts
from registry.settings import Settings
from registry.store.base import Store

pytestmark = pytest.mark.asyncio(loop_scope="session")
PASSWORD = "a long enough passphrase"


def csrf(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def browser(store: Store, settings: Settings, https: bool = False) -> httpx.AsyncClient:
    base = "https://registry.test" if https else "http://registry.test"
    return httpx.AsyncClient(
        transport=httpx.ASGITransport(app=create_app(store, settings)), base_url=base
    )


async def sign_in(client: httpx.AsyncClient, username: str, password: str) -> httpx.Response:
    token = csrf((await client.get("/signin")).text)
    form = {"username": username, "password": password, "csrf_token": token}
    return await client.post("/signin", data=form)


async def test_session_cookie_flags(store: Store, settings: Settings):
    await accounts.create_account(store, "cookie.user", Role.VIEWER, password=PASSWORD)
    secure = settings.model_copy(update={"secure_cookies": True})
    async with browser(store, secure, https=True) as client:
        response = await sign_in(client, "cookie.user", PASSWORD)
    assert response.status_code == 303
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "secure" in cookie


async def test_wrong_password_and_sign_in_rate_limit(store: Store, settings: Settings):
    await accounts.create_account(store, "limited.user", Role.VIEWER, password=PASSWORD)
    strict = settings.model_copy(update={"sign_in_attempts_per_minute": 3})
    async with browser(store, strict) as client:
        codes = [
            (await sign_in(client, "limited.user", "wrong password!")).status_code for _ in range(4)
        ]
    assert codes == [401, 401, 401, 429]


async def test_cookie_writes_need_the_csrf_header(store: Store, settings: Settings):
    await accounts.create_account(store, "csrf.user", Role.EDITOR, password=PASSWORD)
    async with browser(store, settings) as client:
        await sign_in(client, "csrf.user", PASSWORD)
        mutation = {"query": 'mutation { createTopic(input: {name: "Bolig"}) { id } }'}
        refused = await client.post("/graphql", json=mutation)
        assert (
            refused.status_code == 403
            and refused.json()["errors"][0]["extensions"]["code"] == "CSRF"
        )
        token = csrf((await client.get("/signin")).text)
        wrong = await client.post("/graphql", json=mutation, headers={"X-CSRF-Token": token + "x"})
        assert wrong.status_code == 403
        done = await client.post("/graphql", json=mutation, headers={"X-CSRF-Token": token})
        assert done.json()["data"]["createTopic"]["id"]
        await client.post("/signout", data={"csrf_token": token})
        assert (await client.post("/graphql", json={"query": "{ __typename }"})).status_code == 401


async def test_one_time_password_must_be_changed_first(store: Store, settings: Settings):
    _, once = await accounts.create_account(store, "new.user", Role.VIEWER)
    async with browser(store, settings) as client:
        signed = await sign_in(client, "new.user", once)
        assert signed.headers["location"] == "/account/password?next=%2F"
        token = csrf((await client.get("/account/password")).text)
        blocked = await client.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"X-CSRF-Token": token}
        )
        assert blocked.status_code == 403
        short = {"current": once, "new": "short", "repeat": "short", "csrf_token": token}
        too_short = await client.post("/account/password", data=short)
        assert too_short.status_code == 400 and "minst 12 tegn" in too_short.text
        form = {"current": once, "new": PASSWORD, "repeat": PASSWORD, "csrf_token": token}
        assert (await client.post("/account/password", data=form)).status_code == 303
        token = csrf((await client.get("/signin")).text)
        ok = await client.post(
            "/graphql", json={"query": "{ __typename }"}, headers={"X-CSRF-Token": token}
        )
        assert ok.status_code == 200


async def test_a_link_survives_sign_in_and_the_password_change(store: Store, settings: Settings):
    _, once = await accounts.create_account(store, "link.user", Role.VIEWER)
    wanted = "/?communityIds=c1&view=orgs&lang=en"
    async with browser(store, settings) as client:
        to_sign_in = await client.get(wanted, headers={"Accept": "text/html"})
        assert to_sign_in.status_code == 303
        page = await client.get(to_sign_in.headers["location"])
        form = {"username": "link.user", "password": once, "csrf_token": csrf(page.text)}
        form["next"] = html.unescape(re.search(r'name="next" value="([^"]+)"', page.text).group(1))
        signed = await client.post("/signin", data=form)
        to_change = await client.get(signed.headers["location"])
        kept = re.search(r'name="next" value="([^"]+)"', to_change.text).group(1)
        change = {"current": once, "new": PASSWORD, "repeat": PASSWORD}
        change |= {"csrf_token": csrf(to_change.text), "next": html.unescape(kept)}
        changed = await client.post("/account/password", data=change)
        assert changed.status_code == 303 and changed.headers["location"] == wanted


async def test_logs_hold_no_personal_data(client, caplog: pytest.LogCaptureFixture):
    secret = "Kari Hemmeligsen"
    with caplog.at_level(logging.DEBUG):
        await client.post(
            "/graphql",
            json={"query": "mutation($n: String!) { createPerson(input: {name: $n, email: \"kari@example.org\"}) { id } }",
                  "variables": {"n": secret}},
        )  # fmt: skip
        await client.get(
            "/graphql",
            params={"query": f'{{ people(filter: {{search: "{secret}"}}) {{ totalCount }} }}'},
        )
        await client.post(
            "/graphql", json={"query": 'mutation { createPerson(input: {name: "\\u0000"}) { id } }'}
        )
    server = ("registry", "uvicorn", "strawberry", "graphql", "starlette")
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith(server))
    assert "POST /graphql 200" in logged
    assert secret not in logged and "Hemmelig" not in logged and "example.org" not in logged
