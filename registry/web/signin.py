"""Sign-in, sign-out and the password change a one-time password requires.

Sign-in attempts are limited per client address, and failures slow down the account they
aimed at (never lock it), so guessing from many addresses gains nothing and a crowd behind
one proxy is not locked out by one of them.
"""

from html import escape
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from registry.domain.accounts import Caller
from registry.domain.audit import AuditEntry
from registry.domain.errors import ValidationFailed
from registry.http.auth import (
    PASSWORD_PAGE,
    csrf_matches,
    csrf_token,
    sign_in_session,
    sign_out_session,
)
from registry.http.rate_limits import AccountThrottle, Window
from registry.http.redirects import local_path
from registry.services import accounts
from registry.settings import Settings
from registry.store.base import Store, now
from registry.web.layout import page


def _form(request: Request, fields: str, action: str, button: str, error: str = "") -> str:
    alert = f'<p class="error" role="alert">{escape(error)}</p>' if error else ""
    token = escape(csrf_token(request.session))
    return f"""{alert}<form method="post" action="{action}">
<input type="hidden" name="csrf_token" value="{token}">
{fields}
<button type="submit">{button}</button>
</form>"""


def _field(name: str, label: str, kind: str, autocomplete: str) -> str:
    return (
        f'<label for="{name}">{label}</label>'
        f'<input id="{name}" name="{name}" type="{kind}" autocomplete="{autocomplete}" required>'
    )


def routes(store: Store, settings: Settings) -> list[Route]:
    per_address, per_account = Window(settings.sign_in_attempts_per_minute), AccountThrottle()
    sso, hours = bool(settings.oidc.issuer), settings.session_hours

    async def audit(account_id: str, action: str, outcome: str = "ok") -> None:
        await store.append_audit([AuditEntry(now(), account_id, action, (), {}, outcome)])

    def sign_in_form(request: Request, error: str = "", status: int = 200) -> Response:
        fields = _field("username", "Brukernavn / User name", "text", "username") + _field(
            "password", "Passord / Password", "password", "current-password"
        )
        target = escape(local_path(request.query_params.get("next")))
        nxt = f'<input type="hidden" name="next" value="{target}">'
        link = ""
        if sso:
            query = urlencode({"next": local_path(request.query_params.get("next"))})
            link = (
                f'<p><a class="button" href="/signin/oidc?{escape(query)}">'
                "Logg inn med kommunens konto / Sign in with the municipality's account</a></p>"
            )
        body = link + _form(request, fields + nxt, "/signin", "Logg inn", error)
        return page("Logg inn", body, status)

    async def sign_in(request: Request) -> Response:
        if request.method == "GET":
            return sign_in_form(request)
        form = await request.form()
        client = request.client.host if request.client else "unknown"
        if not per_address.allow(client):
            return sign_in_form(request, "For mange forsøk. Vent et minutt.", 429)
        if not csrf_matches(request.session, str(form.get("csrf_token", ""))):
            return sign_in_form(request, "Skjemaet var utløpt. Prøv igjen.", 403)
        username, password = str(form.get("username", "")), str(form.get("password", ""))
        if wait := per_account.wait(username):
            refused = sign_in_form(request, f"For mange feil forsøk. Vent {wait} sekunder.", 429)
            refused.headers["Retry-After"] = str(wait)
            return refused
        account = await accounts.authenticate_password(store, username, password)
        if account is None:
            per_account.failed(username)
            await audit("anonymous", "signin", "UNAUTHENTICATED")
            return sign_in_form(request, "Feil brukernavn eller passord.", 401)
        per_account.succeeded(username)
        await sign_in_session(store, request.session, account, hours)
        await audit(account.id, "signin")
        target = local_path(form.get("next"))
        if account.must_change_password:  # the link waits until the password is changed
            target = f"{PASSWORD_PAGE}?{urlencode({'next': target})}"
        return RedirectResponse(target, status_code=303)

    async def sign_out(request: Request) -> Response:
        form = await request.form()
        if csrf_matches(request.session, str(form.get("csrf_token", ""))):
            await sign_out_session(store, request.session)
        return RedirectResponse("/signin", status_code=303)

    def password_form(request: Request, error: str = "", status: int = 200) -> Response:
        fields = (
            _field("current", "Nåværende passord", "password", "current-password")
            + _field("new", "Nytt passord (minst 12 tegn)", "password", "new-password")
            + _field("repeat", "Gjenta nytt passord", "password", "new-password")
        )
        target = escape(local_path(request.query_params.get("next")))
        nxt = f'<input type="hidden" name="next" value="{target}">'
        body = _form(request, fields + nxt, PASSWORD_PAGE, "Bytt passord", error)
        return page("Bytt passord", body, status)

    async def change_password(request: Request) -> Response:
        if request.method == "GET":
            return password_form(request)
        caller: Caller = request.state.caller
        form = await request.form()
        if not csrf_matches(request.session, str(form.get("csrf_token", ""))):
            return password_form(request, "Skjemaet var utløpt. Prøv igjen.", 403)
        account = await accounts.authenticate_password(
            store, caller.username, str(form.get("current", ""))
        )
        if account is None:
            return password_form(request, "Nåværende passord er feil.", 400)
        if form.get("new") != form.get("repeat"):
            return password_form(request, "De nye passordene er ikke like.", 400)
        try:
            changed = await accounts.set_password(store, account, str(form.get("new")), False)
        except ValidationFailed:
            return password_form(request, "Passordet må ha minst 12 tegn.", 400)
        await sign_in_session(store, request.session, changed, hours)
        await audit(account.id, "password-change")
        return RedirectResponse(local_path(form.get("next")), status_code=303)

    return [
        Route("/signin", sign_in, methods=["GET", "POST"]),
        Route("/signout", sign_out, methods=["POST"]),
        Route(PASSWORD_PAGE, change_password, methods=["GET", "POST"]),
    ]
