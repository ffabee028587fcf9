"""The store contract: every operation behaves the same on the embedded store and on Neo4j."""

import pytest

from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import Conflict, NotFound, ValidationFailed
from registry.domain.graph import validate_node
from registry.domain.rules import fold
from registry.store.base import NEW_NODE, NewEdge, Store
from registry.store.query import Direction, EdgeQuery, Linked, NodeQuery, Order, OrderField
from registry.store.records import Subgraph

pytestmark = pytest.mark.asyncio(loop_scope="session")
ORG, COM, AREA, PERSON = NodeKind.ORGANISATION, NodeKind.COMMUNITY, NodeKind.AREA, NodeKind.PERSON


async def org(store: Store, name: str, kind: str = "VOLUNTARY_ORGANISATION", **props):
    return await store.create_node(ORG, validate_node(ORG, {"name": name, "kind": kind, **props}))


async def community(store: Store, name: str):
    return await store.create_node(COM, validate_node(COM, {"name": name, "dimension": "ORIGIN"}))


async def names(store: Store, query: NodeQuery, order: Order | None = None, **page) -> list:
    return [n.props["name"] for n in await store.find_nodes(query, order or Order(), **page)]


async def test_open_is_idempotent(store: Store):
    await store.open()
    assert await store.ping()


async def test_create_and_get_nodes_in_order(store: Store):
    a, b = await org(store, "Alfa"), await community(store, "Beta")
    got = await store.get_nodes([b.id, "missing", a.id])
    assert got[0] == b and got[1] is None and got[2] == a
    assert a.version == 1 and a.created_at == a.updated_at


async def test_create_node_with_edges_is_one_write(store: Store):
    c = await community(store, "Somaliere")
    before = await store.version()
    props = validate_node(ORG, {"name": "Ny forening", "kind": "IMMIGRANT_ORGANISATION"})
    o = await store.create_node(ORG, props, [NewEdge(EdgeType.REPRESENTS, NEW_NODE, c.id)])
    assert await store.version() == before + 1
    [edge] = await store.find_edges(EdgeQuery((EdgeType.REPRESENTS,)))
    assert (edge.from_id, edge.to_id) == (o.id, c.id)


async def test_create_node_with_bad_edge_leaves_nothing(store: Store):
    props = validate_node(ORG, {"name": "Halv", "kind": "BUSINESS"})
    with pytest.raises(NotFound):
        await store.create_node(ORG, props, [NewEdge(EdgeType.REPRESENTS, NEW_NODE, "nope")])
    assert await store.count_nodes(NodeQuery(ORG)) == 0


async def test_update_bumps_version_and_refuses_stale(store: Store):
    a = await org(store, "Alfa")
    b = await store.update_node(a.id, {**a.props, "city": "Oslo"}, expected_version=1)
    assert b.version == 2 and b.props["city"] == "Oslo" and b.created_at == a.created_at
    assert b.updated_at >= a.updated_at
    with pytest.raises(Conflict) as exc:
        await store.update_node(a.id, {**a.props, "city": "Bergen"}, expected_version=1)
    assert exc.value.field == "expectedVersion"
    [now] = await store.get_nodes([a.id])
    assert now == b


async def test_update_unknown_node(store: Store):
    with pytest.raises(NotFound):
        await store.update_node("nope", {"name": "x"}, None)


async def test_unique_org_number_on_create_and_update(store: Store):
    await org(store, "Alfa", org_number="974760673")
    with pytest.raises(Conflict) as exc:
        await org(store, "Beta", org_number="974760673")
    assert exc.value.field == "orgNumber"
    b = await org(store, "Beta")
    with pytest.raises(Conflict):
        await store.update_node(b.id, {**b.props, "org_number": "974760673"}, 1)
    assert await store.count_nodes(NodeQuery(ORG)) == 2


async def test_delete_node_removes_its_edges(store: Store):
    a, c = await org(store, "Alfa"), await community(store, "Somaliere")
    await store.create_edge(NewEdge(EdgeType.REPRESENTS, a.id, c.id))
    with pytest.raises(Conflict):
        await store.delete_node(a.id, expected_version=7)
    deleted = await store.delete_node(a.id, expected_version=1)
    assert deleted.id == a.id
    assert await store.get_nodes([a.id]) == [None]
    assert await store.count_edges(EdgeQuery((EdgeType.REPRESENTS,))) == 0
    with pytest.raises(NotFound):
        await store.delete_node(a.id, None)


async def test_edges_refuse_nonsense(store: Store):
    a, b, c = await org(store, "Alfa"), await org(store, "Beta"), await community(store, "C")
    with pytest.raises(NotFound) as missing:
        await store.create_edge(NewEdge(EdgeType.REPRESENTS, a.id, "nope"))
    assert missing.value.field == "targetId"
    with pytest.raises(ValidationFailed):
        await store.create_edge(NewEdge(EdgeType.COLLABORATES_WITH, a.id, c.id))
    with pytest.raises(ValidationFailed):
        await store.create_edge(NewEdge(EdgeType.COLLABORATES_WITH, a.id, a.id))
    await store.create_edge(NewEdge(EdgeType.COLLABORATES_WITH, a.id, b.id, {"strength": 3}))
    with pytest.raises(Conflict):
        await store.create_edge(NewEdge(EdgeType.COLLABORATES_WITH, b.id, a.id))
    with pytest.raises(Conflict):
        await store.create_edge(NewEdge(EdgeType.COLLABORATES_WITH, a.id, b.id))
    await store.create_edge(NewEdge(EdgeType.PART_OF, a.id, b.id))
    await store.create_edge(NewEdge(EdgeType.PART_OF, b.id, a.id))  # directed: a different tie
    assert await store.count_edges(EdgeQuery(tuple(EdgeType))) == 3


async def test_update_get_and_delete_edge(store: Store):
    a, b = await org(store, "Alfa"), await org(store, "Beta")
    e = await store.create_edge(NewEdge(EdgeType.COLLABORATES_WITH, a.id, b.id, {"strength": 2}))
    assert (await store.get_edges([e.id, "nope"]))[1] is None
    e2 = await store.update_edge(e.id, {"strength": 5, "kind": "REFERRAL"}, expected_version=1)
    assert e2.version == 2 and e2.props == {"strength": 5, "kind": "REFERRAL"}
    with pytest.raises(Conflict):
        await store.update_edge(e.id, {"strength": 1}, expected_version=1)
    assert (await store.delete_edge(e.id)).id == e.id
    with pytest.raises(NotFound):
        await store.delete_edge(e.id)
    with pytest.raises(NotFound):
        await store.update_edge(e.id, {}, None)


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


async def test_snapshot_import_and_clear(store: Store):
    a, c = await org(store, "Alfa"), await community(store, "C")
    await store.create_edge(NewEdge(EdgeType.REPRESENTS, a.id, c.id))
    snap = await store.snapshot()
    assert [n.id for n in snap.nodes] == sorted([a.id, c.id]) and len(snap.edges) == 1
    with pytest.raises(Conflict):
        await store.import_graph(snap)  # same ids again: nothing is added
    assert await store.snapshot() == snap
    await store.clear()
    assert await store.snapshot() == Subgraph([], [])
    await store.import_graph(snap)
    assert await store.snapshot() == snap


async def test_version_counts_writes_only(store: Store):
    start = await store.version()
    a = await org(store, "Alfa")
    await store.find_nodes(NodeQuery(ORG), Order())
    assert await store.version() == start + 1
    with pytest.raises(Conflict):
        await store.update_node(a.id, a.props, expected_version=9)
    assert await store.version() == start + 1
