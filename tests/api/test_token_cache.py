"""The token cache: what this process changes takes effect at once, what another process
changes within the cache's lifetime, and the cache never holds a token itself."""

import hashlib
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
import pytest_asyncio
from conftest import GraphQLClient

from registry.app import create_app
from registry.domain.accounts import ApiToken, Caller, Role, split_token
from registry.services import accounts
from registry.services.token_cache import TokenCache
from registry.settings import Settings
from registry.store.base import Store

pytestmark = pytest.mark.asyncio(loop_scope="session")
PEOPLE = "{ people(first: 1) { totalCount } }"
ORGANISATIONS = "{ organisations(first: 1) { totalCount } }"


class App:
    """An app over the test's store with the token cache's lifetime given, and its clients."""

    def __init__(self, store: Store, settings: Settings, seconds: float) -> None:
        app = create_app(store, settings.model_copy(update={"token_cache_seconds": seconds}))
        self.transport = httpx.ASGITransport(app=app)
        self.cache: TokenCache = app.state.token_cache
        self.opened: list[httpx.AsyncClient] = []

    def client(self, token: str) -> httpx.AsyncClient:
        headers = {"Authorization": f"Bearer {token}"}
        http = httpx.AsyncClient(
            transport=self.transport, base_url="http://registry.test", headers=headers
        )
        self.opened.append(http)
        return http


@pytest_asyncio.fixture(loop_scope="session")
async def apps(store: Store, settings: Settings) -> AsyncIterator[Callable[[float], App]]:
    made: list[App] = []

    def app_with(seconds: float) -> App:
        made.append(App(store, settings, seconds))
        return made[-1]

    yield app_with
    for app in made:
        for http in app.opened:
            await http.aclose()


async def account_with_token(store: Store, role: Role) -> tuple[str, str]:
    """A new account of `role` and a token of that role: (account id, token)."""
    account, _ = await accounts.create_account(
        store, f"cache-{uuid.uuid4().hex[:8]}", role, "x" * 12
    )
    _, secret = await accounts.create_token(store, account, role, "cache test", 1)
    return account.id, secret


async def status(http: httpx.AsyncClient, query: str = ORGANISATIONS) -> str:
    """'ok', or the code of the refusal or of the first error."""
    response = await http.post("/graphql", json={"query": query})
    body = response.json()
    if "errors" not in body:
        return "ok"
    return body["errors"][0]["extensions"]["code"]


async def test_revoking_a_token_takes_effect_at_once(store: Store, apps):
    app = apps(60)
    _, admin = await account_with_token(store, Role.ADMIN)
    _, other = await account_with_token(store, Role.VIEWER)
    assert await status(app.client(other)) == "ok"  # now cached
    revoke = "mutation($id: ID!) { revokeToken(id: $id) { revoked } }"
    body = await GraphQLClient(app.client(admin)).ok(revoke, id=split_token(other)[0])
    assert body["revokeToken"]["revoked"] is True
    assert await status(app.client(other)) == "UNAUTHENTICATED"


async def test_a_role_change_takes_effect_at_once(store: Store, apps):
    app = apps(60)
    _, admin = await account_with_token(store, Role.ADMIN)
    account_id, token = await account_with_token(store, Role.CONTACT_VIEWER)
    assert await status(app.client(token), PEOPLE) == "ok"
    demote = """mutation($id: ID!) {
      updateAccount(id: $id, expectedVersion: 1, role: VIEWER) { role } }"""
    await GraphQLClient(app.client(admin)).ok(demote, id=account_id)
    assert await status(app.client(token), PEOPLE) == "FORBIDDEN"


async def revoke_elsewhere(store: Store, token: str) -> None:
    """Revoke as another process would: straight in the store, this process none the wiser."""
    [doc] = await store.get_documents(accounts.TOKENS, [split_token(token)[0]])
    assert doc is not None
    revoked = ApiToken.model_validate(doc.data).model_copy(update={"revoked": True})
    await store.save_document(accounts.TOKENS, doc.id, revoked.model_dump(mode="json"), doc.version)


@pytest.mark.parametrize("seconds", [0, 60])
async def test_another_process_s_revocation_holds_within_the_lifetime(
    store: Store, apps, seconds: int
):
    """With the cache off a revocation elsewhere takes effect at the next request; with it on
    the token works on for the lifetime (the README's security note)."""
    _, token = await account_with_token(store, Role.VIEWER)
    app = apps(seconds)
    assert await status(app.client(token)) == "ok"
    await revoke_elsewhere(store, token)
    expected = "ok" if seconds else "UNAUTHENTICATED"
    assert await status(app.client(token)) == expected
    assert len(app.cache) == (1 if seconds else 0)


async def test_the_cache_keeps_hashes_not_tokens(store: Store, apps):
    app = apps(60)
    tokens = [(await account_with_token(store, role))[1] for role in (Role.VIEWER, Role.ADMIN)]
    for token in tokens:
        assert await status(app.client(token)) == "ok"
    assert sorted(app.cache.keys()) == sorted(
        hashlib.sha256(t.encode()).hexdigest() for t in tokens
    )
    held = repr(vars(app.cache))
    for token in tokens:
        assert token not in held and split_token(token)[1] not in held


async def test_a_wrong_token_is_not_kept(store: Store, apps):
    app = apps(60)
    _, token = await account_with_token(store, Role.VIEWER)
    token_id, secret = split_token(token)
    wrong = f"reg_{token_id}_{secret[::-1]}"
    assert await status(app.client(wrong)) == "UNAUTHENTICATED"
    assert len(app.cache) == 0


async def test_the_cache_is_bounded_and_keeps_the_newest():
    cache = TokenCache(60, size=2)
    expires = datetime.now(UTC) + timedelta(days=1)
    for name in ("a", "b", "c"):
        caller = Caller(name, name, Role.VIEWER, via="token")

        async def load(caller: Caller = caller) -> tuple[Caller, datetime]:
            return caller, expires

        assert await cache.lookup(f"reg_{name}_secret", load) is caller
    assert len(cache) == 2
    assert cache.keys() == [hashlib.sha256(f"reg_{t}_secret".encode()).hexdigest() for t in "bc"]
