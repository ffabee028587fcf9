"""The GraphQL endpoint, following the GraphQL-over-HTTP specification.

Strawberry answers every request as application/json with status 200. The specification
wants application/graphql-response+json for clients that ask for it, and with it status 400
when the request never reached execution (parse, validation or variable-coercion failure).
"""

from html import escape
from pathlib import Path
from typing import Any, overload

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse, process_result
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET

from registry.api import network_map
from registry.api.context import Context
from registry.api.loaders import Loaders
from registry.domain.errors import StoreUnavailable
from registry.http import json_body
from registry.http.auth import csrf_token
from registry.http.unavailable import retry_after
from registry.services.analyses import AnalysisService
from registry.services.audit_trail import AuditTrail
from registry.services.network_maps import NetworkMaps
from registry.settings import Settings
from registry.store.base import Store

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
# The explorer's page loads GraphiQL from the package's own static files, never a CDN.
EXPLORER = (Path(__file__).parent / "graphiql.html").read_text(encoding="utf-8")


def wants_graphql_response(accept: str) -> bool:
    """True when the client prefers the newer media type over plain JSON."""
    types = [part.split(";")[0].strip() for part in accept.split(",")]
    if GRAPHQL_RESPONSE not in types:
        return False
    return JSON not in types or types.index(GRAPHQL_RESPONSE) < types.index(JSON)


class GraphQLEndpoint(GraphQL[Context, None]):
    def __init__(
        self,
        store: Store,
        settings: Settings,
        analysis: AnalysisService,
        maps: NetworkMaps,
        trail: AuditTrail,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.store, self.settings, self.analysis, self.maps = store, settings, analysis, maps
        self.trail = trail

    async def get_context(self, request: Request | WebSocket, response: Any) -> Context:
        caller = request.state.caller  # set by the authentication middleware
        loaders = Loaders(self.store, caller)
        context = Context(
            self.store, loaders, caller, self.settings, self.analysis, self.maps, self.trail
        )
        request.state.graphql_context = context  # released once the request is answered
        return context

    def encode_json(self, data: object) -> bytes:
        return network_map.encode_json(data)  # the map's cached bytes as they are

    def decode_json(self, data: str | bytes) -> object:
        try:
            return json_body.loads(data)
        except json_body.BadBody as exc:
            raise HTTPException(400, str(exc)) from None

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        # The role picks a starting query the caller may run (contacts need CONTACT_VIEWER).
        role = request.state.caller.role.value
        page = EXPLORER.replace("{csrf}", escape(csrf_token(request.session)))
        return HTMLResponse(page.replace("{role}", escape(role)))

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        body = process_result(result)
        never_executed = result.data is None and all(e.path is None for e in result.errors or [])
        if never_executed:
            # A request error carries no data entry at all (spec, "Response").
            body.pop("data", None)
            request.state.request_error = True
        if any(isinstance(e.original_error, StoreUnavailable) for e in result.errors or []):
            request.state.store_unavailable = True
        return body

    @overload
    async def run(
        self, request: Request, context: Context = UNSET, root_value: None = UNSET
    ) -> Response: ...

    @overload
    async def run(
        self, request: WebSocket, context: Context = UNSET, root_value: None = UNSET
    ) -> WebSocket: ...

    async def run(
        self, request: Request | WebSocket, context: Context = UNSET, root_value: None = UNSET
    ) -> Response | WebSocket:
        try:
            response = await super().run(request, context, root_value)
        finally:
            if (made := getattr(request.state, "graphql_context", None)) is not None:
                made.release()
        if not isinstance(response, Response) or isinstance(request, WebSocket):
            return response
        if getattr(request.state, "store_unavailable", False):
            # Whatever else the request asked for, the client should retry it later.
            response.status_code = 503
            response.headers.update(retry_after())
        if response.media_type != JSON and response.headers.get("content-type", "") != JSON:
            return response
        if wants_graphql_response(request.headers.get("accept", "")):
            response.headers["content-type"] = f"{GRAPHQL_RESPONSE}; charset=utf-8"
            if getattr(request.state, "request_error", False):
                response.status_code = 400
        else:
            response.headers["content-type"] = f"{JSON}; charset=utf-8"
        return response
