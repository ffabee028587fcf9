"""Single sign-on against a small but real OpenID provider served on a loopback port."""

import base64
import hashlib
import re
import secrets
import threading
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import unquote_plus, urlencode

import httpx
import jwt
import pytest
import uvicorn
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from registry.app import create_app
from registry.domain.accounts import Role
from registry.services import accounts
from registry.settings import OidcSettings, Settings
from registry.store.base import Store
from registry.store.query import AuditQuery
from registry.web.oidc import OidcError, validate_id_token

CLIENT_ID, CLIENT_SECRET = "registry", "a secret: with odd+chars/"
ROLE_MAP = {"registry-editors": "EDITOR", "registry-admins": "ADMIN"}


def jwk(key: rsa.RSAPrivateKey, kid: str) -> dict[str, Any]:
    data = jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
    return {**data, "kid": kid, "use": "sig", "alg": "RS256"}


class OpenIdProvider:
    """Discovery, an authorisation endpoint that approves at once, a token endpoint, keys."""

    def __init__(self) -> None:
        self.url = ""
        self.codes: dict[str, dict[str, str]] = {}
        self.reset()

    def reset(self) -> None:
        self.key, self.kid = rsa.generate_private_key(65537, 2048), "key-1"
        # A new person each test: the Neo4j store keeps accounts from test to test.
        self.username = f"kari.{uuid.uuid4().hex[:8]}@oslo.kommune.no"
        self.claims: dict[str, Any] = {
            "email": self.username.title(),
            "roles": ["registry-editors"],
        }
        self.forced: dict[str, Any] = {}  # claims put over the right ones, e.g. a wrong aud
        self.sign_with: rsa.RSAPrivateKey | None = None  # a key the JWKS does not hold
        self.auth_methods = ["client_secret_post", "client_secret_basic"]
        self.auth_used = ""

    def app(self) -> Starlette:
        return Starlette(
            routes=[
                Route("/.well-known/openid-configuration", self.discovery),
                Route("/authorize", self.authorize),
                Route("/token", self.token, methods=["POST"]),
                Route("/jwks", self.jwks),
            ]
        )

    async def discovery(self, request: Request) -> Response:
        return JSONResponse({
            "issuer": self.url, "authorization_endpoint": f"{self.url}/authorize",
            "token_endpoint": f"{self.url}/token", "jwks_uri": f"{self.url}/jwks",
            "token_endpoint_auth_methods_supported": self.auth_methods,
            "id_token_signing_alg_values_supported": ["RS256"],
        })  # fmt: skip

    async def authorize(self, request: Request) -> Response:
        q = request.query_params
        wellformed = (
            q.get("response_type") == "code" and q.get("client_id") == CLIENT_ID
            and "openid" in q.get("scope", "").split() and q.get("code_challenge_method") == "S256"
            and all(q.get(k) for k in ("redirect_uri", "state", "nonce", "code_challenge"))
        )  # fmt: skip
        if not wellformed:
            return JSONResponse({"error": "invalid_request"}, status_code=400)
        code = secrets.token_urlsafe(16)
        self.codes[code] = {k: q[k] for k in ("redirect_uri", "nonce", "code_challenge")}
        back = urlencode({"code": code, "state": q["state"]})
        return RedirectResponse(f"{q['redirect_uri']}?{back}", status_code=302)

    async def token(self, request: Request) -> Response:
        form = await request.form()
        client, secret = form.get("client_id"), form.get("client_secret")
        self.auth_used = "client_secret_post"
        if auth := request.headers.get("authorization"):
            pair = base64.b64decode(auth.removeprefix("Basic ")).decode()
            client, secret = (unquote_plus(part) for part in pair.split(":", 1))
            self.auth_used = "client_secret_basic"
        grant = self.codes.pop(str(form.get("code")), None)  # a code works once
        challenge = base64.urlsafe_b64encode(
            hashlib.sha256(str(form.get("code_verifier")).encode()).digest()
        ).rstrip(b"=")
        if not (
            grant and (client, secret) == (CLIENT_ID, CLIENT_SECRET)
            and form.get("grant_type") == "authorization_code"
            and form.get("redirect_uri") == grant["redirect_uri"]
            and challenge.decode() == grant["code_challenge"]
        ):  # fmt: skip
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        at = int(time.time())
        claims = {
            "iss": self.url, "sub": "a1B2-c3", "aud": CLIENT_ID, "iat": at, "exp": at + 300,
            "nonce": grant["nonce"], **self.claims, **self.forced,
        }  # fmt: skip
        key = self.sign_with or self.key
        id_token = jwt.encode(claims, key, "RS256", headers={"kid": self.kid})
        return JSONResponse(
            {"access_token": "opaque", "token_type": "Bearer", "id_token": id_token}
        )

    async def jwks(self, request: Request) -> Response:
        return JSONResponse({"keys": [jwk(self.key, self.kid)]})


@contextmanager
def served(app: Starlette) -> Iterator[str]:
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "the provider did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)


@pytest.fixture(scope="module")
def running_provider() -> Iterator[OpenIdProvider]:
    provider = OpenIdProvider()
    with served(provider.app()) as url:
        provider.url = url
        yield provider


@pytest.fixture
def provider(running_provider: OpenIdProvider) -> OpenIdProvider:
    running_provider.reset()
    return running_provider


def browser(store: Store, settings: Settings, provider: OpenIdProvider) -> httpx.AsyncClient:
    """One cookie jar for both sites: the registry in-process, the provider over the network."""
    oidc = OidcSettings(
        issuer=provider.url, client_id=CLIENT_ID, client_secret=CLIENT_SECRET, role_map=ROLE_MAP
    )
    app = create_app(store, settings.model_copy(update={"oidc": oidc}))
    mounts = {"http://registry.test": httpx.ASGITransport(app=app)}
    return httpx.AsyncClient(mounts=mounts, base_url="http://registry.test")


async def approve(client: httpx.AsyncClient, next_path: str = "/") -> httpx.URL:
    """Starts a sign-in and lets the provider approve it; the callback URL it sends back."""
    start = await client.get("/signin/oidc", params={"next": next_path})
    assert start.status_code == 303, start.text
    assert "/authorize?" in start.headers["location"]
    approved = await client.get(start.headers["location"])
    assert approved.status_code == 302, approved.text
    return httpx.URL(approved.headers["location"])


async def sign_in(client: httpx.AsyncClient, next_path: str = "/") -> httpx.Response:
    return await client.get(await approve(client, next_path))


async def graphql(client: httpx.AsyncClient, query: str) -> dict:
    page = (await client.get("/signin")).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    response = await client.post("/graphql", json={"query": query}, headers={"X-CSRF-Token": csrf})
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def open_browser(store: Store, settings: Settings, provider: OpenIdProvider):
    return lambda: browser(store, settings, provider)


@pytest.mark.parametrize("method", ["client_secret_post", "client_secret_basic"])
async def test_sign_in_makes_an_editor(
    store: Store, provider: OpenIdProvider, open_browser, method
):
    provider.auth_methods = [method]
    async with open_browser() as client:
        done = await sign_in(client, "/dashboard?district=gamle-oslo")
        assert done.status_code == 200, done.text
        assert done.headers["refresh"] == "0; url=/dashboard?district=gamle-oslo"
        assert "registry_oidc=" in done.headers["set-cookie"]  # the flow cookie is dropped
        assert provider.auth_used == method
        created = await graphql(client, 'mutation { createTopic(input: {name: "Bolig"}) { id } }')
        assert created["data"]["createTopic"]["id"]
        refused = await graphql(client, "{ accounts { id } }")
        assert refused["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    account = await accounts.find_account(store, provider.username)
    assert account and account.role is Role.EDITOR and account.password_hash is None
    [entry] = await store.find_audit(AuditQuery(actor=account.id, action_prefix="signin:oidc"))
    assert (entry.actor, entry.outcome, entry.details) == (account.id, "ok", {})


async def test_the_provider_decides_the_role_and_may_rotate_keys(
    store: Store, provider: OpenIdProvider, open_browser
):
    async with open_browser() as client:
        assert (await sign_in(client)).status_code == 200
        first = await accounts.find_account(store, provider.username)
        provider.claims["roles"] = ["staff", "registry-editors", "registry-admins"]
        provider.key, provider.kid = rsa.generate_private_key(65537, 2048), "key-2"
        assert (await sign_in(client)).status_code == 200
        body = await graphql(client, "{ accounts { id username role } }")
    mine = [a for a in body["data"]["accounts"] if a["username"] == provider.username]
    assert mine == [{"id": first.id, "username": provider.username, "role": "ADMIN"}]


async def test_tampered_state_is_refused(store: Store, provider: OpenIdProvider, open_browser):
    async with open_browser() as client:
        callback = await approve(client)
        refused = await client.get(callback.copy_set_param("state", "forged"))
        assert refused.status_code == 400 and "Try again" in refused.text
        assert (await client.post("/graphql", json={"query": "{ __typename }"})).status_code == 401
    assert await accounts.find_account(store, provider.username) is None


@pytest.mark.parametrize(
    "change",
    [
        pytest.param({"sign_with": rsa.generate_private_key(65537, 2048)}, id="another-key"),
        pytest.param({"forced": {"aud": "some-other-client"}}, id="wrong-audience"),
        pytest.param({"forced": {"nonce": "not-the-one-sent"}}, id="wrong-nonce"),
        pytest.param({"forced": {"iss": "https://idp.example"}}, id="wrong-issuer"),
        pytest.param({"forced": {"exp": int(time.time()) - 3600}}, id="expired"),
    ],
)
async def test_invalid_id_tokens_are_refused(
    store: Store, provider: OpenIdProvider, open_browser, change: dict
):
    for name, value in change.items():
        setattr(provider, name, value)
    async with open_browser() as client:
        refused = await sign_in(client)
        assert refused.status_code == 401 and "not valid" in refused.text
        assert (await client.post("/graphql", json={"query": "{ __typename }"})).status_code == 401
    assert await accounts.find_account(store, provider.username) is None
    [entry] = await store.find_audit(AuditQuery(action_prefix="signin:oidc"), limit=1)  # newest
    assert (entry.actor, entry.outcome) == ("anonymous", "INVALID_TOKEN")


async def test_no_mapped_role_is_refused(store: Store, provider: OpenIdProvider, open_browser):
    provider.claims["roles"] = ["staff"]
    async with open_browser() as client:
        refused = await sign_in(client)
    assert refused.status_code == 403 and "no role in the registry" in refused.text
    assert await accounts.find_account(store, provider.username) is None


async def test_disabled_and_password_accounts_are_not_signed_in(
    store: Store, provider: OpenIdProvider, open_browser
):
    local, sso = f"admin-{uuid.uuid4().hex[:6]}", f"ola-{uuid.uuid4().hex[:6]}"
    await accounts.create_account(store, local, Role.ADMIN, password="a long local password")
    provider.claims = {"preferred_username": local.title(), "roles": ["registry-admins"]}
    async with open_browser() as client:
        refused = await sign_in(client)
        assert refused.status_code == 403 and "password" in refused.text
        provider.claims = {"preferred_username": sso, "roles": ["registry-editors"]}
        assert (await sign_in(client)).status_code == 200
        ola = await accounts.find_account(store, sso)
        await accounts.save_account(store, ola.model_copy(update={"disabled": True}), ola.version)
        refused = await sign_in(client)
        assert refused.status_code == 403 and "disabled" in refused.text


async def test_without_an_issuer_there_is_no_single_sign_on(store: Store, settings: Settings):
    off = settings.model_copy(update={"oidc": OidcSettings(issuer="", client_id="")})
    transport = httpx.ASGITransport(app=create_app(store, off))
    async with httpx.AsyncClient(transport=transport, base_url="http://registry.test") as client:
        assert (await client.get("/signin/oidc")).status_code == 404
        assert (await client.get("/signin/oidc/callback?code=x&state=y")).status_code == 404


async def test_next_stays_on_this_site(store: Store, provider: OpenIdProvider, open_browser):
    async with open_browser() as client:
        for target in ("https://evil.example/", "//evil.example", "/\\evil.example"):
            done = await sign_in(client, target)
            assert done.headers["refresh"] == "0; url=/", target


def test_a_signed_test_token():
    key, other = rsa.generate_private_key(65537, 2048), ec.generate_private_key(ec.SECP256R1())
    jwks = {"keys": [jwk(key, "k1")]}
    at = int(time.time())
    claims = {"iss": "https://idp.test", "sub": "s", "aud": [CLIENT_ID, "api"], "azp": CLIENT_ID,
              "iat": at, "exp": at + 60, "nonce": "n0nce"}  # fmt: skip
    check = {"issuer": "https://idp.test", "client_id": CLIENT_ID, "nonce": "n0nce"}

    def token(alg: str = "RS256", signer: Any = key, **changes: Any) -> str:
        return jwt.encode({**claims, **changes}, signer, alg, headers={"kid": "k1"})

    assert validate_id_token(token(), jwks, **check)["sub"] == "s"
    refused = [
        token(azp="api"),
        token(nonce="other"),
        token(aud="api"),
        token("ES256", other),  # an EC key where the JWKS holds RSA
        token("HS256", b"k" * 32),  # a shared secret must never be accepted
        jwt.encode(claims, None, "none"),
        token()[:-4] + "AAAA",
    ]
    for bad in refused:
        with pytest.raises(OidcError) as caught:
            validate_id_token(bad, jwks, **check)
        assert caught.value.status == 401
