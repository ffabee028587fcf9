"""The Query root: lists as Relay connections, single nodes, and subgraphs."""

from collections.abc import Sequence

import strawberry

from registry.api.admin import AdminQuery
from registry.api.analysis import analyse
from registry.api.context import Info
from registry.api.inputs import (
    ActivityFilter,
    AreaFilter,
    CollaborationFilter,
    CommunityFilter,
    Ordering,
    OrganisationFilter,
    PersonFilter,
    TopicFilter,
)
from registry.api.network_map import network_map_field
from registry.api.nodes import (
    Activity,
    Area,
    Community,
    Entity,
    Node,
    Organisation,
    Person,
    Topic,
    check_depth,
    to_type,
)
from registry.api.pagination import Connection, connection
from registry.api.prefetch import links_asked
from registry.api.ties import Collaboration, Link, Network, to_collaboration
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import NotFound
from registry.services.access import neighbourhood, scope, visible_tie
from registry.store.records import NodePage, NodeRecord


def _list_field(node_type: type, filter_type: type, description: str):
    async def resolve(
        info: Info,
        filter: filter_type | None = None,  # type: ignore[valid-type]
        order_by: Ordering | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[node_type]:  # type: ignore[valid-type]
        context = info.context
        query = scope((filter or filter_type()).to_query(), context.caller)
        order = (order_by or Ordering()).to_order()
        links = links_asked(node_type.__name__, info.selected_fields, context.caller.role)
        pages: list[NodePage] = []

        async def fetch(offset: int, limit: int) -> list[NodeRecord]:
            page = await context.store.find_page(query, order, offset, limit, links)
            context.loaders.hold(page)
            pages.append(page)
            return page.nodes

        async def count() -> int:
            return pages[0].total  # counted with the page

        return await connection(first, after, fetch, count, to_type)

    return strawberry.field(resolver=resolve, description=description)


async def get_node(info: Info, node_id: str, kind: NodeKind) -> Entity:
    record = await info.context.loaders.nodes.load(node_id)
    if record is None or record.kind is not kind:
        raise NotFound(f"no {kind.value} with id {node_id}", field="id")
    return to_type(record)


def _get_field(node_type: type, kind: NodeKind):
    async def resolve(info: Info, id: strawberry.ID) -> node_type:  # type: ignore[valid-type]
        return await get_node(info, id, kind)

    return strawberry.field(resolver=resolve, description=f"One {kind.value} by id.")


@strawberry.type
class Query(AdminQuery):
    organisations = _list_field(Organisation, OrganisationFilter, "Organisations, filtered.")
    communities = _list_field(Community, CommunityFilter, "Minority communities.")
    people = _list_field(Person, PersonFilter, "Contact persons.")
    areas = _list_field(Area, AreaFilter, "Districts, municipalities and counties.")
    topics = _list_field(Topic, TopicFilter, "Focus areas.")
    activities = _list_field(Activity, ActivityFilter, "Projects, events, networks, grants.")

    organisation = _get_field(Organisation, NodeKind.ORGANISATION)
    community = _get_field(Community, NodeKind.COMMUNITY)
    person = _get_field(Person, NodeKind.PERSON)
    area = _get_field(Area, NodeKind.AREA)
    topic = _get_field(Topic, NodeKind.TOPIC)
    activity = _get_field(Activity, NodeKind.ACTIVITY)

    @strawberry.field(description="Direct ties between organisations.")
    async def collaborations(
        self,
        info: Info,
        filter: CollaborationFilter | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> Connection[Collaboration]:
        query = (filter or CollaborationFilter()).to_query()
        store = info.context.store
        return await connection(
            first,
            after,
            lambda offset, limit: store.find_edges(query, offset, limit),
            lambda: store.count_edges(query),
            to_collaboration,
        )

    @strawberry.field(description="Any node or tie by its global id; null when there is none.")
    async def node(self, info: Info, id: strawberry.ID) -> Node | None:
        record = await info.context.loaders.nodes.load(id)
        if record is not None:
            return to_type(record)
        edge = await info.context.loaders.edges.load(id)
        if edge is None:
            return None
        ends = await info.context.loaders.nodes.load_many([edge.from_id, edge.to_id])
        if not visible_tie(info.context.caller, ends):
            return None
        if edge.type is EdgeType.COLLABORATES_WITH:
            return to_collaboration(edge)
        return Link.from_record(edge)

    analysis = strawberry.field(
        resolver=analyse,
        description="The bridging analysis: where ties between minority communities and the "
        "public side or the wider society are missing, who the brokers are, whom to introduce.",
    )

    network_map = network_map_field

    @strawberry.field(
        description="The nodes within `depth` steps of `ids` and the ties among them."
    )
    async def neighbourhood(self, info: Info, ids: list[strawberry.ID], depth: int = 1) -> Network:
        check_depth(depth)
        context = info.context
        return Network.from_subgraph(
            await neighbourhood(context.store, context.caller, _ids(ids), depth)
        )


def _ids(ids: Sequence[strawberry.ID]) -> list[str]:
    return [str(i) for i in ids]
