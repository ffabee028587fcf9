"""The store contract for reads: search, filters, order, paging and neighbourhoods behave the
same on the embedded store and on Neo4j."""

import pytest
from builders import COM, ORG, community, names, org

from registry.domain.enums import EdgeType
from registry.domain.rules import fold
from registry.store.base import NewEdge, Store
from registry.store.query import Direction, EdgeQuery, Linked, NodeQuery, Order, OrderField

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def test_search_ignores_case_and_norwegian_letters(store: Store):
    for name in ["Grünerløkka frivilligsentral", "Tromsø samiske forening", "Bydel Alna"]:
        await org(store, name)
    for term, expected in [("grünerløkka", 1), ("GRUNERLOKKA", 1), ("tromso", 1), ("e", 3)]:
        assert await store.count_nodes(NodeQuery(ORG, search=fold(term))) == expected
    assert await names(store, NodeQuery(ORG, search=fold("TROMSØ"))) == ["Tromsø samiske forening"]


async def test_filters_archived_equals_and_lists(store: Store):
    await org(store, "Alfa", kind="BUSINESS", languages=["no", "so"])
    await org(store, "Beta", kind="MUNICIPAL_UNIT", languages=["ar"])
    await org(store, "Gamma", kind="BUSINESS", archived=True)
    assert await names(store, NodeQuery(ORG)) == ["Alfa", "Beta"]
    assert await names(store, NodeQuery(ORG, archived=True)) == ["Gamma"]
    assert await store.count_nodes(NodeQuery(ORG, archived=None)) == 3
    business = NodeQuery(ORG, archived=None, equals={"kind": ("BUSINESS",)})
    assert await names(store, business) == ["Alfa", "Gamma"]
    speaks = NodeQuery(ORG, contains_any={"languages": ("so", "ar")})
    assert await names(store, speaks) == ["Alfa", "Beta"]
    assert await names(store, NodeQuery(ORG, equals={"archived": (True,)}, archived=None)) == [
        "Gamma"
    ]


async def test_linked_filters(store: Store):
    som, pol = await community(store, "Somaliere"), await community(store, "Polakker")
    a, b, c = await org(store, "Alfa"), await org(store, "Beta"), await org(store, "Gamma")
    await store.create_edge(NewEdge(EdgeType.REPRESENTS, a.id, som.id))
    await store.create_edge(NewEdge(EdgeType.SERVES, b.id, som.id))
    await store.create_edge(NewEdge(EdgeType.REPRESENTS, c.id, pol.id))
    await store.create_edge(NewEdge(EdgeType.COLLABORATES_WITH, c.id, a.id))
    both = (EdgeType.REPRESENTS, EdgeType.SERVES)
    q = NodeQuery(ORG, linked=(Linked(both, Direction.OUT, (som.id,)),))
    assert await names(store, q) == ["Alfa", "Beta"]
    q = NodeQuery(ORG, linked=(Linked((EdgeType.REPRESENTS,), Direction.OUT, (som.id, pol.id)),))
    assert await names(store, q) == ["Alfa", "Gamma"]
    collab = Linked((EdgeType.COLLABORATES_WITH,), Direction.BOTH, (a.id,))
    assert await names(store, NodeQuery(ORG, linked=(collab,))) == ["Gamma"]
    incoming = Linked((EdgeType.COLLABORATES_WITH,), Direction.IN, (c.id,))
    assert await names(store, NodeQuery(ORG, linked=(incoming,))) == ["Alfa"]
    two = NodeQuery(ORG, linked=(collab, Linked(both, Direction.OUT, (pol.id,))))
    assert await names(store, two) == ["Gamma"]
    reps = NodeQuery(COM, linked=(Linked(both, Direction.IN, (b.id,)),))
    assert await names(store, reps) == ["Somaliere"]


async def test_order_and_paging(store: Store):
    for name in ["Åsen", "Øst", "Ærlig", "zebra", "Alna", "bjerke", "Émile"]:
        await org(store, name)
    everyone = NodeQuery(ORG)
    expected = ["Alna", "bjerke", "Émile", "zebra", "Ærlig", "Øst", "Åsen"]
    assert await names(store, everyone) == expected
    assert await names(store, everyone, Order(descending=True)) == expected[::-1]
    assert await names(store, everyone, offset=2, limit=3) == expected[2:5]
    assert await names(store, everyone, offset=6, limit=10) == expected[6:]
    newest = await names(store, everyone, Order(OrderField.CREATED_AT, descending=True), limit=1)
    assert newest == ["Émile"]
    assert await store.count_nodes(everyone) == 7


async def test_find_and_count_edges(store: Store):
    a, b, c = await org(store, "Alfa"), await org(store, "Beta"), await org(store, "Gamma")
    ab = await store.create_edge(
        NewEdge(EdgeType.COLLABORATES_WITH, a.id, b.id, {"kind": "REFERRAL"})
    )
    bc = await store.create_edge(
        NewEdge(EdgeType.COLLABORATES_WITH, b.id, c.id, {"kind": "PARTNERSHIP"})
    )
    await store.create_edge(NewEdge(EdgeType.PART_OF, c.id, a.id))
    collab = (EdgeType.COLLABORATES_WITH,)
    assert [e.id for e in await store.find_edges(EdgeQuery(collab))] == [ab.id, bc.id]
    assert await store.count_edges(EdgeQuery(collab, (b.id,), Direction.OUT)) == 1
    assert await store.count_edges(EdgeQuery(collab, (b.id,), Direction.IN)) == 1
    assert await store.count_edges(EdgeQuery(collab, (b.id,))) == 2
    refs = EdgeQuery(collab, equals={"kind": ("REFERRAL",)})
    assert [e.id for e in await store.find_edges(refs)] == [ab.id]
    assert [e.id for e in await store.find_edges(EdgeQuery(collab), offset=1, limit=5)] == [bc.id]


async def test_neighbourhood(store: Store):
    a, b, c, d = [await org(store, n) for n in ("A", "B", "C", "D")]
    await store.create_edge(NewEdge(EdgeType.COLLABORATES_WITH, a.id, b.id))
    await store.create_edge(NewEdge(EdgeType.COLLABORATES_WITH, c.id, b.id))
    await store.create_edge(NewEdge(EdgeType.PART_OF, c.id, d.id))
    one = await store.neighbourhood([a.id], 1)
    assert {n.id for n in one.nodes} == {a.id, b.id} and len(one.edges) == 1
    two = await store.neighbourhood([a.id], 2)
    assert {n.id for n in two.nodes} == {a.id, b.id, c.id} and len(two.edges) == 2
    assert [n.id for n in two.nodes] == sorted(n.id for n in two.nodes)
    three = await store.neighbourhood([a.id, "missing"], 3)
    assert len(three.nodes) == 4 and len(three.edges) == 3
