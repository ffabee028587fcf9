"""Single sign-on with the municipality's identity provider: OpenID Connect code flow + PKCE.

The flow's state, nonce and PKCE verifier travel in a short-lived signed cookie of their own,
SameSite=Lax, so that it comes back on the provider's cross-site redirect to the callback
(a Strict cookie would be left off it).
"""

import base64
import hashlib
import hmac
import secrets
import time
from html import escape
from typing import Any
from urllib.parse import quote_plus, urlencode

import httpx
import jwt
from itsdangerous import BadSignature, URLSafeTimedSerializer
from pydantic import TypeAdapter, ValidationError
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from registry.domain.accounts import Account, Role, Username
from registry.domain.audit import AuditEntry
from registry.http.auth import sign_in_session
from registry.http.redirects import local_path
from registry.services import accounts
from registry.settings import OidcSettings, Settings
from registry.store.base import Store, new_id, now
from registry.web.layout import page

# Asymmetric only: "none" and HS* would let anyone who knows the client secret mint tokens.
ALGORITHMS = {"RS256": "RSA", "ES256": "EC"}
LEEWAY_SECONDS = 60
CACHE_SECONDS = 3600
FLOW_COOKIE, FLOW_PATH, FLOW_SECONDS = "registry_oidc", "/signin/oidc", 600
_USERNAME = TypeAdapter(Username)


class OidcError(Exception):
    """A sign-in refused; `message` is shown to the user, `code` goes to the audit log."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def validate_id_token(
    token: str, jwks: dict[str, Any], *, issuer: str, client_id: str, nonce: str
) -> dict[str, Any]:
    """The claims of an ID token signed by a key in `jwks` and meant for this client."""
    invalid = OidcError(401, "INVALID_TOKEN", "The identity provider's answer was not valid.")
    try:
        header = jwt.get_unverified_header(token)
        alg = header.get("alg")
        if alg not in ALGORITHMS:
            raise invalid
        key = _signing_key(jwks, header.get("kid"), alg)
        claims = jwt.decode(
            token, key, algorithms=[alg], audience=client_id, issuer=issuer,
            leeway=LEEWAY_SECONDS, options={"require": ["iss", "aud", "exp", "iat", "sub"]},
        )  # fmt: skip
    except jwt.PyJWTError:
        raise invalid from None
    # With several audiences, the spec names this client as the authorised party.
    if claims.get("azp", client_id) != client_id:
        raise invalid
    if not hmac.compare_digest(str(claims.get("nonce", "")).encode(), nonce.encode()):
        raise invalid
    return claims


class UnknownKey(OidcError):
    def __init__(self) -> None:
        super().__init__(401, "INVALID_TOKEN", "The identity provider's signing key is unknown.")


def _signing_key(jwks: dict[str, Any], kid: str | None, alg: str) -> Any:
    try:
        keys = jwt.PyJWKSet.from_dict(jwks).keys
    except jwt.PyJWTError:
        keys = []
    for key in keys:
        fits = key.key_type == ALGORITHMS[alg] and key.algorithm_name == alg
        if fits and key.public_key_use in (None, "sig") and (kid is None or key.key_id == kid):
            return key.key
    raise UnknownKey()


def role_for(claims: dict[str, Any], oidc: OidcSettings) -> Role | None:
    """The highest registry role the role claim maps to; None when nothing maps."""
    values = claims.get(oidc.role_claim)
    values = [values] if isinstance(values, str) else values if isinstance(values, list) else []
    roles = []
    for value in values:
        mapped = oidc.role_map.get(value) if isinstance(value, str) else None
        if mapped and mapped.upper() in Role.__members__:
            roles.append(Role(mapped.upper()))
    return max(roles, key=lambda r: r.rank, default=None)


def username_for(claims: dict[str, Any], issuer: str) -> str:
    """Email (when not marked unverified), else preferred_username, else one made from sub."""
    email = claims.get("email") if claims.get("email_verified", True) is not False else None
    for candidate in (email, claims.get("preferred_username")):
        if isinstance(candidate, str):
            try:
                return _USERNAME.validate_python(candidate.lower())
            except ValidationError:
                pass
    # sub is only unique per issuer and may hold characters a user name cannot.
    digest = hashlib.sha256(f"{issuer}\n{claims['sub']}".encode()).hexdigest()
    return f"oidc-{digest[:24]}"


class Provider:
    """The identity provider's endpoints and keys, fetched when needed and kept an hour."""

    def __init__(self, oidc: OidcSettings) -> None:
        self.oidc = oidc
        self._cache: dict[str, tuple[float, dict[str, Any]]] = {}

    async def _get(self, name: str, url: str, refresh: bool = False) -> dict[str, Any]:
        cached = self._cache.get(name)
        if cached and not refresh and time.monotonic() - cached[0] < CACHE_SECONDS:
            return cached[1]
        try:
            async with httpx.AsyncClient(timeout=10) as client:
                response = await client.get(url)
            response.raise_for_status()
            body = response.json()
        except (httpx.HTTPError, ValueError):
            raise OidcError(502, "PROVIDER", "The identity provider did not answer.") from None
        self._cache[name] = (time.monotonic(), body)
        return body

    async def metadata(self) -> dict[str, Any]:
        issuer = self.oidc.issuer
        meta = await self._get("meta", issuer.rstrip("/") + "/.well-known/openid-configuration")
        needed = ("authorization_endpoint", "token_endpoint", "jwks_uri")
        if meta.get("issuer") != issuer or not all(isinstance(meta.get(k), str) for k in needed):
            self._cache.pop("meta", None)
            raise OidcError(502, "PROVIDER", "The identity provider's configuration is unusable.")
        return meta

    async def claims(
        self, code: str, verifier: str, redirect_uri: str, nonce: str
    ) -> dict[str, Any]:
        """The validated ID token claims the code is exchanged for."""
        meta = await self.metadata()
        form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri}
        form["code_verifier"] = verifier
        client_id, secret = self.oidc.client_id, self.oidc.client_secret.get_secret_value()
        headers = {"Accept": "application/json"}
        # The spec's default is Basic; use POST when the provider says it takes it.
        if "client_secret_post" in meta.get("token_endpoint_auth_methods_supported", []):
            form.update(client_id=client_id, client_secret=secret)
        else:
            # RFC 6749 2.3.1: both halves form-encoded first, so a ":" in them stays unambiguous
            pair = f"{quote_plus(client_id, safe='')}:{quote_plus(secret, safe='')}".encode()
            headers["Authorization"] = "Basic " + base64.b64encode(pair).decode()
        try:
            async with httpx.AsyncClient(timeout=10) as client:
                response = await client.post(meta["token_endpoint"], data=form, headers=headers)
            token = response.json().get("id_token") if response.status_code == 200 else None
        except (httpx.HTTPError, ValueError, AttributeError):
            raise OidcError(502, "PROVIDER", "The identity provider did not answer.") from None
        if not isinstance(token, str):
            raise OidcError(401, "PROVIDER", "The identity provider refused the sign-in.")
        check = {"issuer": self.oidc.issuer, "client_id": client_id, "nonce": nonce}
        try:
            return validate_id_token(token, await self._get("jwks", meta["jwks_uri"]), **check)
        except UnknownKey:  # the provider may have rotated its keys since we fetched them
            jwks = await self._get("jwks", meta["jwks_uri"], refresh=True)
            return validate_id_token(token, jwks, **check)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def routes(store: Store, settings: Settings) -> list[Route]:
    oidc = settings.oidc
    provider = Provider(oidc)
    flows = URLSafeTimedSerializer(settings.session_secret(), salt="registry.oidc-flow")

    def refusal(error: OidcError) -> HTMLResponse:
        body = f'<p class="error" role="alert">{escape(error.message)}</p>'
        body += '<p><a href="/signin">Tilbake til innlogging / Back to sign-in</a></p>'
        response = page("Innlogging avvist", body, error.status)
        response.delete_cookie(FLOW_COOKIE, path=FLOW_PATH)
        return response

    async def start(request: Request) -> Response:
        if not oidc.issuer:
            return page("Ikke funnet", "<p>Single sign-on is not configured.</p>", 404)
        try:
            meta = await provider.metadata()
        except OidcError as error:
            return refusal(error)
        verifier = secrets.token_urlsafe(48)
        flow = {
            "state": secrets.token_urlsafe(24), "nonce": secrets.token_urlsafe(24),
            "verifier": verifier, "next": local_path(request.query_params.get("next")),
        }  # fmt: skip
        query = {
            "response_type": "code", "client_id": oidc.client_id, "scope": oidc.scopes,
            "redirect_uri": str(request.url_for("oidc_callback")),
            "state": flow["state"], "nonce": flow["nonce"],
            "code_challenge": _b64(hashlib.sha256(verifier.encode()).digest()),
            "code_challenge_method": "S256",
        }  # fmt: skip
        endpoint = meta["authorization_endpoint"]
        joiner = "&" if "?" in endpoint else "?"
        response = RedirectResponse(f"{endpoint}{joiner}{urlencode(query)}", status_code=303)
        response.set_cookie(
            FLOW_COOKIE, flows.dumps(flow), max_age=FLOW_SECONDS, path=FLOW_PATH,
            httponly=True, samesite="lax", secure=settings.cookies_secure,
        )  # fmt: skip
        return response

    def flow_for(request: Request) -> dict[str, str]:
        expired = OidcError(400, "STATE", "The sign-in expired or began elsewhere. Try again.")
        try:
            flow = flows.loads(request.cookies.get(FLOW_COOKIE, ""), max_age=FLOW_SECONDS)
        except BadSignature:
            raise expired from None
        sent = request.query_params.get("state", "").encode()
        if not hmac.compare_digest(sent, flow["state"].encode()):
            raise expired
        return flow

    async def account_for(claims: dict[str, Any]) -> Account:
        role = role_for(claims, oidc)
        if role is None:
            raise OidcError(403, "FORBIDDEN", "Your account has no role in the registry.")
        username = username_for(claims, oidc.issuer)
        account = await accounts.find_account(store, username)
        if account is None:
            fresh = Account(id=new_id(), username=username, role=role, created_at=now())
            return await accounts.save_account(store, fresh, None)
        # A local account of the same name is not taken over: it signs in with its password.
        if account.password_hash is not None:
            raise OidcError(403, "FORBIDDEN", "This user name signs in with a password.")
        if account.disabled:
            raise OidcError(403, "FORBIDDEN", "This account is disabled.")
        if account.role is not role:  # the identity provider decides SSO accounts' roles
            changed = account.model_copy(update={"role": role})
            return await accounts.save_account(store, changed, account.version)
        return account

    async def audit(actor: str, outcome: str = "ok") -> None:
        await store.append_audit([AuditEntry(now(), actor, "signin:oidc", (), {}, outcome)])

    async def callback(request: Request) -> Response:
        if not oidc.issuer:
            return page("Ikke funnet", "<p>Single sign-on is not configured.</p>", 404)
        try:
            flow = flow_for(request)
        except OidcError as error:
            return refusal(error)
        try:
            if error_code := request.query_params.get("error"):
                denied = error_code == "access_denied"
                message = f"The identity provider refused the sign-in ({error_code[:64]})."
                raise OidcError(403 if denied else 400, "PROVIDER", message)
            code = request.query_params.get("code", "")
            redirect_uri = str(request.url_for("oidc_callback"))
            claims = await provider.claims(code, flow["verifier"], redirect_uri, flow["nonce"])
            account = await account_for(claims)
        except OidcError as error:
            await audit("anonymous", error.code)
            return refusal(error)
        await sign_in_session(store, request.session, account, settings.session_hours)
        await audit(account.id)
        # A page, not a redirect: the next request then starts on this site, not as part of
        # the provider's cross-site navigation, whatever SameSite the session cookie has.
        target = escape(flow["next"])
        body = f'<p>Du er logget inn. <a href="{target}">Fortsett / Continue</a></p>'
        response = page("Innlogget", body)
        response.headers["Refresh"] = f"0; url={flow['next']}"
        response.delete_cookie(FLOW_COOKIE, path=FLOW_PATH)
        return response

    return [
        Route("/signin/oidc", start, methods=["GET"], name="oidc_start"),
        Route("/signin/oidc/callback", callback, methods=["GET"], name="oidc_callback"),
    ]
