"""The answer while the store cannot serve: 503 with a JSON error and Retry-After, for every
route (pages, downloads, the API's authentication), instead of a plain-text 500."""

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from registry.domain.errors import StoreUnavailable

RETRY_AFTER_SECONDS = 5  # an outage that outlasts it costs a client one more short wait


def unavailable_response(error: StoreUnavailable) -> JSONResponse:
    body = {"errors": [{"message": error.message, "extensions": error.extensions}]}
    return JSONResponse(body, status_code=503, headers=retry_after())


def retry_after() -> dict[str, str]:
    return {"Retry-After": str(RETRY_AFTER_SECONDS)}


class StoreOutage:
    """ASGI middleware: a StoreUnavailable raised before the response started becomes 503.
    One raised mid-stream (a download cut short) cannot change the status; it propagates."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watch(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watch)
        except StoreUnavailable as error:
            if started:
                raise
            await unavailable_response(error)(scope, receive, send)
