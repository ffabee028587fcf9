"""The store contract: every operation behaves the same on the embedded store and on Neo4j."""

from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import pytest
from builders import AREA, ORG, PERSON, community, node, org

from registry.domain.enums import EdgeType
from registry.domain.errors import Conflict, NotFound, RegistryError, ValidationFailed
from registry.domain.graph import validate_node
from registry.store.base import NEW_NODE, NewEdge, Store
from registry.store.query import EdgeQuery, NodeQuery, Order
from registry.store.records import Subgraph

pytestmark = pytest.mark.asyncio(loop_scope="session")


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


async def refused(
    store: Store, write: Callable[[], Awaitable[Any]], error: type[RegistryError]
) -> RegistryError:
    """The error a write is refused with, having checked that it changed nothing."""
    before, version = await store.snapshot(), await store.version()
    with pytest.raises(error) as exc:
        await write()
    assert await store.snapshot() == before and await store.version() == version
    return exc.value


async def test_edges_refuse_wrong_ends_and_name_the_end_to_blame(store: Store):
    a, c = await org(store, "Alfa"), await community(store, "Somaliere")
    area = await node(store, AREA, name="Alna", kind="DISTRICT")
    for edge, field, message in [
        (NewEdge(EdgeType.REPRESENTS, c.id, a.id), "sourceId", "cannot join Community to"),
        (NewEdge(EdgeType.REPRESENTS, a.id, area.id), "targetId", "cannot join Organisation to"),
        (NewEdge(EdgeType.PART_OF, a.id, area.id), "targetId", "PART_OF cannot join"),
        (NewEdge(EdgeType.REPRESENTS, "nope", c.id), "sourceId", "no node with id nope"),
        (NewEdge(EdgeType.REPRESENTS, a.id, a.id), "targetId", "cannot be tied to itself"),
    ]:
        error = await refused(store, lambda edge=edge: store.create_edge(edge), RegistryError)
        assert isinstance(error, ValidationFailed | NotFound)
        assert error.field == field and message in error.message


async def test_a_new_nodes_ties_keep_the_same_rules(store: Store):
    c = await community(store, "Somaliere")
    props = validate_node(PERSON, {"name": "Kari"})
    tie = NewEdge(EdgeType.CONTACT_FOR, NEW_NODE, c.id)  # a person is contact for organisations
    error = await refused(store, lambda: store.create_node(PERSON, props, [tie]), ValidationFailed)
    assert error.message == "CONTACT_FOR cannot join Person to Community"
    a = await org(store, "Alfa")
    person = await store.create_node(PERSON, props, [replace(tie, to_id=a.id)])
    [made] = await store.find_edges(EdgeQuery((EdgeType.CONTACT_FOR,)))
    assert (made.from_id, made.created_at) == (person.id, person.created_at)


async def test_a_tie_twice_is_refused_either_way_round_when_symmetric(store: Store):
    a, b = await org(store, "Alfa"), await org(store, "Beta")
    await store.create_edge(NewEdge(EdgeType.COLLABORATES_WITH, a.id, b.id))
    again = NewEdge(EdgeType.COLLABORATES_WITH, b.id, a.id)
    error = await refused(store, lambda: store.create_edge(again), Conflict)
    assert error.field == "targetId"
    assert error.message == "these two are already joined by COLLABORATES_WITH"


async def test_a_unique_key_is_refused_to_others_only_and_freed_by_an_update(store: Store):
    a = await org(store, "Alfa", org_number="974760673")
    error = await refused(store, lambda: org(store, "Beta", org_number="974760673"), Conflict)
    assert (error.field, error.message) == (
        "orgNumber",
        "another Organisation already has this orgNumber",
    )
    kept = await store.update_node(a.id, {**a.props, "city": "Oslo"}, 1)  # its own key
    assert kept.props["org_number"] == "974760673"
    await store.update_node(a.id, {k: v for k, v in kept.props.items() if k != "org_number"}, 2)
    assert (await org(store, "Beta", org_number="974760673")).props["org_number"] == "974760673"


async def test_stale_versions_are_refused_with_the_same_words(store: Store):
    a, b = await org(store, "Alfa"), await org(store, "Beta")
    e = await store.create_edge(NewEdge(EdgeType.COLLABORATES_WITH, a.id, b.id, {"strength": 2}))
    for write, wording in [
        (lambda: store.update_node(a.id, {**a.props, "city": "Oslo"}, 2), f"Organisation {a.id}"),
        (lambda: store.delete_node(a.id, 0), f"Organisation {a.id}"),
        (lambda: store.update_edge(e.id, {"strength": 5}, 3), f"COLLABORATES_WITH {e.id}"),
    ]:
        error = await refused(store, write, Conflict)
        assert error.field == "expectedVersion"
        assert error.message.startswith(f"{wording} is at version 1, not ")
        assert error.message.endswith(": reload and try again")


async def test_unknown_ids_are_named(store: Store):
    props = validate_node(ORG, {"name": "Alfa", "kind": "BUSINESS"})
    for write, wording in [
        (lambda: store.update_node("nope", props, None), "no node with id nope"),
        (lambda: store.delete_node("nope", None), "no node with id nope"),
        (lambda: store.erase_node("nope"), "no node with id nope"),
        (lambda: store.update_edge("nope", {}, None), "no tie with id nope"),
        (lambda: store.delete_edge("nope"), "no tie with id nope"),
    ]:
        error = await refused(store, write, NotFound)
        assert (error.field, error.message) == ("id", wording)


async def test_an_import_holding_a_tie_twice_adds_nothing(store: Store):
    a, b = await org(store, "Alfa"), await org(store, "Beta")
    tie = await store.create_edge(NewEdge(EdgeType.PART_OF, a.id, b.id))
    snap = await store.snapshot()
    await store.clear()
    for twice in [replace(tie, id="another"), replace(tie, type=EdgeType.COLLABORATES_WITH)]:
        clash = Subgraph(snap.nodes, [tie, twice])
        await refused(store, lambda clash=clash: store.import_graph(clash), Conflict)
