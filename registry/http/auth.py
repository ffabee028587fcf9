"""Who is calling: an API token (Authorization: Bearer) or a signed session cookie.

Anonymous callers reach only the health probe, the sign-in pages and static files.
Cookie-authenticated writes must carry the session's CSRF token (header X-CSRF-Token or
form field csrf_token), so another site cannot make a signed-in browser write.
"""

import hmac
import secrets
from typing import Any
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send

from registry.domain.accounts import Caller
from registry.services import accounts
from registry.store.base import Store

PUBLIC_PREFIXES = ("/healthz", "/readyz", "/signin", "/static/")
SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
PASSWORD_PAGE = "/account/password"
# HTML forms cannot send headers: these pages check the form's csrf_token field themselves.
FORM_PAGES = {PASSWORD_PAGE, "/signout"}


def csrf_token(session: dict[str, Any]) -> str:
    if "csrf" not in session:
        session["csrf"] = secrets.token_urlsafe(24)
    return session["csrf"]


def csrf_matches(session: dict[str, Any], sent: str) -> bool:
    return bool(sent) and hmac.compare_digest(sent, session.get("csrf", ""))


def sign_in_session(session: dict[str, Any], account: Any) -> None:
    session.clear()
    session.update(account=account.id, epoch=account.session_epoch)
    csrf_token(session)


async def caller_for_session(store: Store, session: dict[str, Any]) -> Caller | None:
    if "account" not in session:
        return None
    account = await accounts.get_account(store, session["account"])
    if account is None or account.disabled or account.session_epoch != session.get("epoch"):
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
    """ASGI middleware (inside the session middleware) that puts the caller in the scope."""

    def __init__(self, app: ASGIApp, store: Store) -> None:
        self.app, self.store = app, store

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope, receive)
        caller = await self._identify(request)
        scope.setdefault("state", {})["caller"] = caller
        refusal = (
            None
            if request.url.path.startswith(PUBLIC_PREFIXES)
            else await self._check(request, caller)
        )
        await (refusal or self.app)(scope, receive, send)

    async def _identify(self, request: Request) -> Caller | None:
        header = request.headers.get("authorization", "")
        if header.lower().startswith("bearer "):
            return await accounts.caller_for_token(self.store, header[7:].strip())
        return await caller_for_session(self.store, request.session)

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
