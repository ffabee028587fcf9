"""Contact lists and the network graph as files, for the web downloads and `registry export`.

Contact lists take the GraphQL organisation list's filter as parameters (`communityIds`,
`areaIds`, `topicIds`, `activityIds`, `kinds`, `search`, `archived`; a list as repeated
values or comma-separated). The graph takes the analysis filter (`communityIds`, `areaIds`,
`topicIds`, `kinds`, `yearFrom`, `yearTo`). Every export ends with an audit entry naming the
filter and the row count, never the rows. A file's name says what it holds: the names of
the communities, areas, topics and activities filtered by, the kinds, the years and the date.
"""

import re
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from datetime import date

import anyio

from registry.analysis.graph import AnalysisFilter
from registry.domain.accounts import Caller
from registry.domain.audit import AuditEntry, scrub
from registry.domain.enums import OrganisationKind
from registry.domain.errors import ValidationFailed
from registry.domain.labels import KIND_NAMES, LANGUAGES, language
from registry.domain.rules import fold
from registry.services import contact_formats, graph_export
from registry.services.analyses import AnalysisService, map_of
from registry.services.contacts import ContactRow, contact_rows
from registry.services.filters import organisation_query, year_range
from registry.store.base import Store, now
from registry.store.query import NodeQuery

Params = Mapping[str, Sequence[str]]
LISTS = ("communityIds", "areaIds", "topicIds", "activityIds", "kinds")


def _list(params: Params, name: str) -> list[str] | None:
    values = [v.strip() for raw in params.get(name, ()) for v in raw.split(",") if v.strip()]
    return values or None


def _last(params: Params, name: str) -> str | None:
    """The last value given for `name`; a repeated parameter's last one wins."""
    values = params.get(name)
    return values[-1] if values else None


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


def contact_filter(params: Params) -> NodeQuery:
    """The organisation list's filter from query parameters; `archived`: true, false
    (the default) or any."""
    archived = (params.get("archived") or ["false"])[-1].lower()
    if archived not in ("true", "false", "any"):
        raise ValidationFailed("archived: true, false or any", field="archived")
    return organisation_query(
        search=_last(params, "search"),
        archived=None if archived == "any" else archived == "true",
        kinds=_kinds(params),
        community_ids=_list(params, "communityIds"),
        area_ids=_list(params, "areaIds"),
        topic_ids=_list(params, "topicIds"),
        activity_ids=_list(params, "activityIds"),
    )


def graph_filter(params: Params) -> AnalysisFilter:
    year_from, year_to = year_range(_year(params, "yearFrom"), _year(params, "yearTo"))
    return AnalysisFilter(
        communities=frozenset(_list(params, "communityIds") or ()),
        areas=frozenset(_list(params, "areaIds") or ()),
        topics=frozenset(_list(params, "topicIds") or ()),
        kinds=frozenset(_kinds(params) or ()),
        year_from=year_from,
        year_to=year_to,
    )


def audited_filter(params: Params) -> dict[str, object]:
    """The filter as asked, for the audit log: lists as lists, free text hidden."""
    named: dict[str, object] = {k: _list(params, k) for k in LISTS}
    for key in ("search", "archived", "yearFrom", "yearTo"):
        named[key] = _last(params, key)
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


async def file_name(store: Store, stem: str, params: Params, fmt: str) -> str:
    """`kontakter-somalisk-miljo-gamle-oslo-2026-12-04.csv`: ASCII, at most 120 characters;
    free text (`search`) is left out, as it may name a person."""
    ids = [i for k in LISTS[:-1] for i in _list(params, k) or ()]
    named = [r.props.get("name", "") for r in await store.get_nodes(ids) if r] if ids else []
    lang = LANGUAGES.index(language(_last(params, "lang")))
    kinds = [KIND_NAMES[k.value][lang] for k in _kinds(params) or ()]
    years = "-".join(str(y) for y in (_year(params, "yearFrom"), _year(params, "yearTo")) if y)
    words = [stem, *named, *kinds, years]
    slug = "-".join(w for w in (re.sub(r"[^a-z0-9]+", "-", fold(w)).strip("-") for w in words) if w)
    return f"{slug[:108].rstrip('-')}-{date.today().isoformat()}.{fmt}"


def contacts_file(
    store: Store, caller: Caller, params: Params, fmt: str, actor: str, delimiter: str = ";"
) -> AsyncIterator[bytes]:
    """The contact list's bytes; a bad filter is refused here, before anything is read.
    `version` (4.0 or 3.0) picks the vCard version of vcf and zip files."""
    query = contact_filter(params)
    lang = language(_last(params, "lang"))
    version = (params.get("version") or [""])[-1]
    if version and version not in contact_formats.VCARD_VERSIONS:
        raise ValidationFailed("version: a vCard version, 4.0 or 3.0", field="version")
    count = 0

    async def counted() -> AsyncIterator[ContactRow]:
        nonlocal count
        async for row in contact_rows(store, query, caller):
            count += 1
            yield row

    chunks = contact_formats.writer(fmt, counted(), lang, delimiter=delimiter, version=version)
    return _audited(store, actor, f"export:contacts.{fmt}", params, chunks, lambda: count)


def graph_file(
    store: Store, analysis: AnalysisService, params: Params, fmt: str, actor: str
) -> AsyncIterator[bytes]:
    flt = graph_filter(params)
    nodes = 0

    async def chunks() -> AsyncIterator[bytes]:
        nonlocal nodes
        done = await analysis.analyse(flt)
        body = await map_of(done)
        graph = graph_export.export_graph(done)
        nodes = graph.number_of_nodes()
        for chunk in graph_export.graph_chunks(graph, fmt, graph_export.layout(body)):
            yield chunk

    return _audited(store, actor, f"export:graph.{fmt}", params, chunks(), lambda: nodes)
