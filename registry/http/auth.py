"""Who is calling: an API token (Authorization: Bearer) or a session cookie.

The signed cookie carries only the id of a session kept in the store (services.sessions),
so signing out ends it for every copy of the cookie. A token's look-up is reused for a few
seconds (services.token_cache), and forgotten at once when this process changes a token or
an account. Anonymous callers reach only the health probe, the sign-in pages and static
files. Cookie-authenticated writes must carry the session's CSRF token (header X-CSRF-Token
or form field csrf_token), so another site cannot make a signed-in browser write. Every
request counts against a rate limit.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from registry.domain.accounts import Account, Caller
from registry.http.rate_limits import Window, request_key
from registry.services import accounts, sessions
from registry.services.token_cache import TokenCache
from registry.store.base import Store

PUBLIC_PREFIXES = ("/healthz", "/readyz", "/signin", "/static/")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
PASSWORD_PAGE = "/account/password"
# HTML forms cannot send headers: these pages check the form's csrf_token field themselves.
FORM_PAGES = {PASSWORD_PAGE, "/signout"}


def csrf_token(session: dict[str, Any]) -> str:
    """Signed in, a token derived from the session id (which it does not reveal); before
    that, a random one kept in the cookie, so that even the sign-in form needs it."""
    if "sid" in session:
        return hmac.new(session["sid"].encode(), b"csrf", hashlib.sha256).hexdigest()
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return session["csrf"]


def csrf_matches(session: dict[str, Any], sent: str) -> bool:
    expected = csrf_token(session) if "sid" in session else session.get("csrf", "")
    return bool(sent) and hmac.compare_digest(sent, expected)


async def sign_in_session(
    store: Store, session: dict[str, Any], account: Account, hours: int
) -> None:
    session.clear()
    session["sid"] = await sessions.start_session(store, account, timedelta(hours=hours))


async def sign_out_session(store: Store, session: dict[str, Any]) -> None:
    if "sid" in session:
        await sessions.end_session(store, session["sid"])
    session.clear()


async def caller_for_session(
    store: Store, session: dict[str, Any], lifetime: timedelta
) -> Caller | None:
    if "sid" not in session:
        return None
    account = await sessions.session_account(store, str(session["sid"]), lifetime)
    if account is None:
        return None
    return Caller(
        account.id, account.username, account.role, "session", None, account.must_change_password
    )


def _here(request: Request) -> str:
    """The path and query asked for, so a filtered link survives sign-in."""
    query = request.url.query
    return f"{request.url.path}?{query}" if query else request.url.path


def _refusal(request: Request, status: int, code: str, message: str) -> Response:
    browser = request.method == "GET" and "text/html" in request.headers.get("accept", "")
    if browser and status == 401:
        return RedirectResponse(f"/signin?next={quote(_here(request), safe='/')}", status_code=303)
    body = {"errors": [{"message": message, "extensions": {"code": code}}]}
    headers = {"WWW-Authenticate": 'Bearer realm="registry"'} if status == 401 else None
    return JSONResponse(body, status_code=status, headers=headers)


class Authentication:
    """ASGI middleware (inside the session middleware) that puts the caller in the scope,
    and refuses what the caller may not do or has done too often."""

    def __init__(
        self,
        app: ASGIApp,
        store: Store,
        session_hours: int,
        requests_per_minute: int,
        tokens: TokenCache,
    ) -> None:
        self.app, self.store, self.tokens = app, store, tokens
        self.lifetime = timedelta(hours=session_hours)
        self.limit = Window(requests_per_minute)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        if len(request.headers.getlist("authorization")) > 1:
            duplicated = _refusal(request, 400, "BAD_REQUEST", "send one Authorization header")
            await duplicated(scope, receive, send)
            return
        caller = await self._identify(request)
        scope.setdefault("state", {})["caller"] = caller
        address = request.client.host if request.client else "unknown"
        refusal: Response | None
        if not self.limit.allow(request_key(caller, address)):
            refusal = _refusal(request, 429, "RATE_LIMITED", "too many requests; wait a minute")
            refusal.headers["Retry-After"] = "60"
        elif request.url.path.startswith(PUBLIC_PREFIXES):
            refusal = None
        else:
            refusal = await self._check(request, caller)
        await (refusal or self.app)(scope, receive, send)

    async def _identify(self, request: Request) -> Caller | None:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            return await accounts.caller_for_token(self.store, header[7:].strip(), self.tokens)
        return await caller_for_session(self.store, request.session, self.lifetime)

    async def _check(self, request: Request, caller: Caller | None) -> Response | None:
        if caller is None:
            return _refusal(request, 401, "UNAUTHENTICATED", "sign in, or send an API token")
        if caller.via != "session":
            return None
        path = request.url.path
        writes = request.method not in SAFE_METHODS and path not in FORM_PAGES
        if writes and not csrf_matches(request.session, request.headers.get("x-csrf-token", "")):
            return _refusal(request, 403, "CSRF", "missing or wrong X-CSRF-Token header")
        if caller.must_change_password and path not in FORM_PAGES:
            return (
                RedirectResponse(
                    f"{PASSWORD_PAGE}?next={quote(_here(request), safe='/')}", status_code=303
                )
                if request.method == "GET"
                else _refusal(request, 403, "PASSWORD_CHANGE", "change the one-time password")
            )
        return None
