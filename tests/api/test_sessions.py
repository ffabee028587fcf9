"""Sessions live on the server: a saved cookie stops working once its session ends."""

import base64
import json
import uuid

import httpx
import pytest
from conftest import GraphQLClient
from itsdangerous import TimestampSigner
from test_auth import PASSWORD, browser, csrf, sign_in

from registry.domain.accounts import Role
from registry.services import accounts, sessions
from registry.settings import Settings
from registry.store.base import Store

pytestmark = pytest.mark.asyncio(loop_scope="session")
ASK = {"query": "{ __typename }"}
WRITE = {"query": 'mutation { createTopic(input: {name: "Bolig"}) { id } }'}


async def signed_in(store: Store, settings: Settings, role: Role = Role.EDITOR) -> tuple:
    """A browser signed in to a new account, its CSRF token, and the account's id."""
    account, _ = await accounts.create_account(
        store, f"s.{uuid.uuid4().hex[:12]}", role, password=PASSWORD
    )
    client = browser(store, settings)
    assert (await sign_in(client, account.username, PASSWORD)).status_code == 303
    return client, csrf((await client.get("/signin")).text), account.id


def replay(client: httpx.AsyncClient, store: Store, settings: Settings) -> httpx.AsyncClient:
    """Another browser holding a copy of `client`'s saved cookie."""
    copy = browser(store, settings)
    copy.cookies = httpx.Cookies(client.cookies)
    return copy


async def still_works(client: httpx.AsyncClient, token: str) -> tuple[int, int]:
    read = await client.get("/graphql", params=ASK, headers={"Accept": "application/json"})
    write = await client.post("/graphql", json=WRITE, headers={"X-CSRF-Token": token})
    return read.status_code, write.status_code


async def test_a_saved_cookie_is_dead_after_sign_out(store: Store, settings: Settings):
    client, token, _ = await signed_in(store, settings)
    saved = replay(client, store, settings)
    assert await still_works(saved, token) == (200, 200)
    await client.post("/signout", data={"csrf_token": token})
    assert await still_works(saved, token) == (401, 401)


async def test_the_cookie_carries_no_account(store: Store, settings: Settings):
    client, _, account_id = await signed_in(store, settings)
    raw = client.cookies["registry_session"]
    payload = base64.b64decode(TimestampSigner(settings.session_secret()).unsign(raw))
    assert set(json.loads(payload)) == {"sid"} and account_id.encode() not in payload


async def test_password_change_ends_other_sessions(store: Store, settings: Settings):
    client, token, _ = await signed_in(store, settings)
    saved = replay(client, store, settings)
    new = "a different long passphrase"
    form = {"current": PASSWORD, "new": new, "repeat": new, "csrf_token": token}
    assert (await client.post("/account/password", data=form)).status_code == 303
    assert await still_works(saved, token) == (401, 401)
    fresh = csrf((await client.get("/signin")).text)
    assert await still_works(client, fresh) == (200, 200)


@pytest.mark.parametrize("change", ["role: VIEWER", "disabled: true"])
async def test_role_change_and_disabling_end_sessions(
    store: Store, settings: Settings, gql: GraphQLClient, change: str
):
    client, token, account_id = await signed_in(store, settings)
    [account] = [a for a in await accounts.all_accounts(store) if a.id == account_id]
    await gql.ok(
        f'mutation {{ updateAccount(id: "{account_id}", expectedVersion: {account.version}, '
        f"{change}) {{ id }} }}"
    )
    assert await still_works(client, token) == (401, 401)


async def test_ended_and_expired_sessions_leave_no_record(store: Store, settings: Settings):
    old = sessions.Session(account_id="gone", epoch=0, created_at="2020-01-01T00:00:00+00:00",
                           last_seen="2020-01-01T08:00:00+00:00")  # fmt: skip
    stale_id = f"stale-{uuid.uuid4().hex}"
    await store.save_document(sessions.SESSIONS, stale_id, old.model_dump(), None)
    client, token, account_id = await signed_in(store, settings)

    def held(docs: list) -> list[str]:
        return [d.data["account_id"] for d in docs if d.data["account_id"] == account_id]

    docs = await store.list_documents(sessions.SESSIONS)
    assert stale_id not in {d.id for d in docs} and held(docs) == [account_id]
    await client.post("/signout", data={"csrf_token": token})
    assert held(await store.list_documents(sessions.SESSIONS)) == []
