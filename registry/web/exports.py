"""Downloads for the dashboard's filter: `/export/contacts.{csv,xlsx,vcf}` and
`/export/graph.{graphml,gexf,json}`; the `registry export` command streams the same bytes.

Contact lists take the GraphQL organisation list's filter as query parameters
(`communityIds`, `areaIds`, `topicIds`, `activityIds`, `kinds`, `search`, `archived`; a list
as repeated parameters or comma-separated) and need the contact viewer role. The graph
takes the analysis filter (`communityIds`, `areaIds`, `topicIds`, `kinds`, `yearFrom`,
`yearTo`). Every export ends with an audit entry naming the filter and the row count,
never the rows.
"""

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from datetime import date

import anyio
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from registry.analysis.service import AnalysisService
from registry.api.access import require
from registry.api.analysis import AnalysisFilterInput
from registry.api.dashboard import network_map_of
from registry.api.inputs import OrganisationFilter
from registry.domain.accounts import Caller, Role
from registry.domain.audit import AuditEntry, scrub
from registry.domain.enums import OrganisationKind
from registry.domain.errors import Forbidden, NotFound, ValidationFailed
from registry.store.base import Store, now
from registry.web import contact_formats, graph_export
from registry.web.contacts import ContactRow, contact_rows
from registry.web.texts import language

Params = Mapping[str, Sequence[str]]
LISTS = ("communityIds", "areaIds", "topicIds", "activityIds", "kinds")


def _list(params: Params, name: str) -> list[str] | None:
    values = [v.strip() for raw in params.get(name, ()) for v in raw.split(",") if v.strip()]
    return values or None


def _kinds(params: Params) -> list[OrganisationKind] | None:
    try:
        return [OrganisationKind(k.upper()) for k in _list(params, "kinds") or ()] or None
    except ValueError:
        raise ValidationFailed("kinds: not a kind of organisation", field="kinds") from None


def _year(params: Params, name: str) -> int | None:
    value = (params.get(name) or [""])[-1].strip()
    if value and not value.isdigit():
        raise ValidationFailed(f"{name}: not a year", field=name)
    return int(value) if value else None


def contact_filter(params: Params) -> OrganisationFilter:
    """The organisation list's filter from query parameters; `archived`: true, false
    (the default) or any."""
    archived = (params.get("archived") or ["false"])[-1].lower()
    if archived not in ("true", "false", "any"):
        raise ValidationFailed("archived: true, false or any", field="archived")
    return OrganisationFilter(
        search=(params.get("search") or [None])[-1],
        archived=None if archived == "any" else archived == "true",
        kinds=_kinds(params),
        community_ids=_list(params, "communityIds"),
        area_ids=_list(params, "areaIds"),
        topic_ids=_list(params, "topicIds"),
        activity_ids=_list(params, "activityIds"),
    )


def graph_filter(params: Params) -> AnalysisFilterInput:
    return AnalysisFilterInput(
        community_ids=_list(params, "communityIds"),
        area_ids=_list(params, "areaIds"),
        topic_ids=_list(params, "topicIds"),
        kinds=_kinds(params),
        year_from=_year(params, "yearFrom"),
        year_to=_year(params, "yearTo"),
    )


def audited_filter(params: Params) -> dict[str, object]:
    """The filter as asked, for the audit log: lists as lists, free text hidden."""
    named = {k: _list(params, k) for k in LISTS}
    for key in ("search", "archived", "yearFrom", "yearTo"):
        named[key] = (params.get(key) or [None])[-1]
    return scrub(named)


async def _audited(
    store: Store,
    actor: str,
    action: str,
    params: Params,
    chunks: AsyncIterator[bytes],
    rows: Callable[[], int],
) -> AsyncIterator[bytes]:
    """The chunks, then an audit entry, also when the download breaks off (INCOMPLETE)."""
    outcome = "INCOMPLETE"
    try:
        async for chunk in chunks:
            yield chunk
        outcome = "ok"
    finally:
        # Shielded: a client hanging up cancels the response, but the entry must be written.
        with anyio.CancelScope(shield=True):
            details = {"filter": audited_filter(params), "rows": rows()}
            await store.append_audit([AuditEntry(now(), actor, action, (), details, outcome)])


def contacts_file(
    store: Store, caller: Caller, params: Params, fmt: str, actor: str, delimiter: str = ";"
) -> AsyncIterator[bytes]:
    """The contact list's bytes; a bad filter is refused here, before anything is read."""
    query = contact_filter(params).to_query()
    lang = language((params.get("lang") or [None])[-1])
    count = 0

    async def counted() -> AsyncIterator[ContactRow]:
        nonlocal count
        async for row in contact_rows(store, query, caller):
            count += 1
            yield row

    chunks = contact_formats.writer(fmt, counted(), lang, delimiter=delimiter)
    return _audited(store, actor, f"export:contacts.{fmt}", params, chunks, lambda: count)


def graph_file(
    store: Store, analysis: AnalysisService, params: Params, fmt: str, actor: str
) -> AsyncIterator[bytes]:
    flt = graph_filter(params).to_filter()
    nodes = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal nodes
        done = await analysis.analyse(flt)
        graph = graph_export.export_graph(done, await network_map_of(done))
        nodes = graph.number_of_nodes()
        for chunk in graph_export.graph_chunks(graph, fmt):
            yield chunk

    return _audited(store, actor, f"export:graph.{fmt}", params, chunks(), lambda: nodes)


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
            contact_formats.FORMATS,
            lambda params, fmt: contacts_file(store, caller, params, fmt, caller.account_id),
            "kontakter" if lang == "nb" else "contacts",
        )

    async def graph(request: Request) -> Response:
        caller: Caller = request.state.caller
        require(caller, Role.VIEWER, "export.graph")
        return await _respond(
            request,
            graph_export.FORMATS,
            lambda params, fmt: graph_file(store, analysis, params, fmt, caller.account_id),
            "nettverk" if language(request.query_params.get("lang")) == "nb" else "network",
        )

    return [
        Route("/export/contacts.{fmt}", _refusing(contacts), methods=["GET"]),
        Route("/export/graph.{fmt}", _refusing(graph), methods=["GET"]),
    ]


async def _respond(
    request: Request,
    formats: Mapping[str, str],
    make: Callable[[Params, str], AsyncIterator[bytes]],
    stem: str,
) -> Response:
    fmt = request.path_params["fmt"]
    if fmt not in formats:
        raise NotFound(f"no export as {fmt}: {', '.join(formats)}", field="format")
    params = {k: request.query_params.getlist(k) for k in request.query_params}
    chunks = await _first(make(params, fmt))
    name = f"{stem}-{date.today().isoformat()}.{fmt}"
    headers = {
        "Content-Disposition": f'attachment; filename="{name}"',
        "Cache-Control": "no-store",  # personal data stays out of shared caches
    }
    return StreamingResponse(chunks, media_type=formats[fmt], headers=headers)


STATUS = {ValidationFailed: 400, Forbidden: 403, NotFound: 404}


def _refusing(handler: Callable[[Request], Awaitable[Response]]) -> Callable:
    """The handler, with the domain's refusals as JSON errors like the GraphQL endpoint's."""

    async def handle(request: Request) -> Response:
        try:
            return await handler(request)
        except (ValidationFailed, Forbidden, NotFound) as exc:
            body = {"errors": [{"message": exc.message, "extensions": exc.extensions}]}
            return JSONResponse(body, status_code=STATUS[type(exc)])

    return handle
