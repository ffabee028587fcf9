"""Small graphs for the store contract tests, built through the store under test."""

from registry.domain.enums import NodeKind
from registry.domain.graph import validate_node
from registry.store.base import Store
from registry.store.query import NodeQuery, Order
from registry.store.records import NodeRecord

ORG, COM, AREA, PERSON = NodeKind.ORGANISATION, NodeKind.COMMUNITY, NodeKind.AREA, NodeKind.PERSON


async def node(store: Store, node_kind: NodeKind, /, **props) -> NodeRecord:
    return await store.create_node(node_kind, validate_node(node_kind, props))


async def org(store: Store, name: str, kind: str = "VOLUNTARY_ORGANISATION", **props) -> NodeRecord:
    return await node(store, ORG, name=name, kind=kind, **props)


async def community(store: Store, name: str) -> NodeRecord:
    return await node(store, COM, name=name, dimension="ORIGIN")


async def names(store: Store, query: NodeQuery, order: Order | None = None, **page) -> list[str]:
    return [n.props["name"] for n in await store.find_nodes(query, order or Order(), **page)]
