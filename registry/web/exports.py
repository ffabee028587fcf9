"""Downloads for the dashboard's filter: `/export/contacts.{csv,xlsx,vcf}` and
`/export/graph.{graphml,gexf,json}`, built by `registry.services.exports`; contact lists
need the contact viewer role.
"""

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping

from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from registry.domain.accounts import Caller, Role
from registry.domain.errors import Forbidden, NotFound, ValidationFailed
from registry.domain.labels import language
from registry.services import contact_formats, graph_export
from registry.services.access import require
from registry.services.analyses import AnalysisService
from registry.services.exports import Params, contacts_file, file_name, graph_file
from registry.store.base import Store


async def _first(chunks: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    """Runs the export up to its first bytes before the response starts, so a failure
    still gets a status of its own instead of cutting a download short."""
    first = await anext(chunks, b"")

    async def rest() -> AsyncIterator[bytes]:
        yield first
        async for chunk in chunks:
            yield chunk

    return rest()


def routes(store: Store, analysis: AnalysisService) -> list[Route]:
    async def contacts(request: Request) -> Response:
        caller: Caller = request.state.caller
        require(caller, Role.CONTACT_VIEWER, "export.contacts")
        lang = language(request.query_params.get("lang"))
        return await _respond(
            request,
            store,
            contact_formats.FORMATS,
            lambda params, fmt: contacts_file(store, caller, params, fmt, caller.account_id),
            "kontakter" if lang == "nb" else "contacts",
        )

    async def graph(request: Request) -> Response:
        caller: Caller = request.state.caller
        require(caller, Role.VIEWER, "export.graph")
        return await _respond(
            request,
            store,
            graph_export.FORMATS,
            lambda params, fmt: graph_file(store, analysis, params, fmt, caller.account_id),
            "nettverk" if language(request.query_params.get("lang")) == "nb" else "network",
        )

    return [
        Route("/export/contacts.{fmt}", refusing(contacts), methods=["GET"]),
        Route("/export/graph.{fmt}", refusing(graph), methods=["GET"]),
    ]


async def _respond(
    request: Request,
    store: Store,
    formats: Mapping[str, str],
    make: Callable[[Params, str], AsyncIterator[bytes]],
    stem: str,
) -> Response:
    fmt = request.path_params["fmt"]
    if fmt not in formats:
        raise NotFound(f"no export as {fmt}: {', '.join(formats)}", field="format")
    params = {k: request.query_params.getlist(k) for k in request.query_params}
    chunks = await _first(make(params, fmt))
    name = await file_name(store, stem, params, fmt)
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "no-store",  # personal data stays out of shared caches
    }
    return StreamingResponse(chunks, media_type=formats[fmt], headers=headers)


STATUS = {ValidationFailed: 400, Forbidden: 403, NotFound: 404}


def refusing(handler: Callable[[Request], Awaitable[Response]]) -> Callable:
    """The handler, with the domain's refusals as JSON errors like the GraphQL endpoint's."""

    async def handle(request: Request) -> Response:
        try:
            return await handler(request)
        except (ValidationFailed, Forbidden, NotFound) as exc:
            body = {"errors": [{"message": exc.message, "extensions": exc.extensions}]}
            return JSONResponse(body, status_code=STATUS[type(exc)])

    return handle
