"""The store contract for a list's page read ahead (`find_page`): the same nodes, total and
linked edges as `find_nodes`, `count_nodes`, `find_edges` and `get_nodes` asked one by one,
on the embedded store and on Neo4j (where it is one statement)."""

import pytest

from registry.domain.enums import EdgeType as E
from registry.domain.enums import NodeKind
from registry.domain.rules import fold
from registry.store.base import Store
from registry.store.query import Direction, EdgeQuery, Linked, NodeQuery, Order, OrderField
from registry.store.records import Subgraph

pytestmark = pytest.mark.asyncio(loop_scope="session")
ORG = NodeKind.ORGANISATION
OUT, IN = Direction.OUT, Direction.IN
LINKS = [(E.CONTACT_FOR, IN), (E.REPRESENTS, OUT), (E.SERVES, OUT), (E.LOCATED_IN, OUT)]


async def one_by_one(store: Store, query: NodeQuery, order: Order, offset: int, limit: int):
    nodes = await store.find_nodes(query, order, offset, limit)
    linked = {}
    for node in nodes:
        for edge_type, direction in LINKS:
            edges = await store.find_edges(EdgeQuery((edge_type,), (node.id,), direction))
            far = await store.get_nodes([e.other(node.id) for e in edges])
            linked[(node.id, edge_type, direction)] = list(zip(edges, far, strict=True))
    return nodes, await store.count_nodes(query), linked


async def test_a_page_read_ahead_is_the_reads_one_by_one(store: Store, demo_graph: Subgraph):
    await store.import_graph(demo_graph)
    [somali] = [n.id for n in demo_graph.nodes if n.props.get("name") == "Somaliere"]
    cases = [
        (NodeQuery(ORG), Order(), 0, 51),
        (NodeQuery(ORG), Order(OrderField.UPDATED_AT, descending=True), 20, 30),
        (NodeQuery(ORG, search=fold("forening")), Order(), 0, 21),
        (NodeQuery(ORG, linked=(Linked((E.REPRESENTS, E.SERVES), OUT, (somali,)),)), Order(), 0, 9),
        (NodeQuery(ORG, archived=None), Order(descending=True), 160, 50),
        (NodeQuery(ORG), Order(), 1000, 50),  # beyond the end: no nodes, the total all the same
    ]
    linked_any = False
    for query, order, offset, limit in cases:
        page = await store.find_page(query, order, offset, limit, LINKS)
        nodes, total, linked = await one_by_one(store, query, order, offset, limit)
        assert page.nodes == nodes
        assert page.total == total > 0
        assert page.linked == linked
        linked_any = linked_any or any(page.linked.values())
    assert linked_any


async def test_a_page_without_links_reads_only_the_nodes(store: Store, demo_graph: Subgraph):
    await store.import_graph(demo_graph)
    page = await store.find_page(NodeQuery(ORG), Order(), 0, 10)
    assert [n.id for n in page.nodes] == [
        n.id for n in await store.find_nodes(NodeQuery(ORG), Order(), 0, 10)
    ]
    assert page.linked == {} and page.total == await store.count_nodes(NodeQuery(ORG))
