"""What only the Neo4j store has: its schema, and records equal to the embedded store's."""

import asyncio
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from neo4j import AsyncGraphDatabase

from registry.domain.audit import AuditEntry
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import Conflict
from registry.domain.graph import validate_edge, validate_node
from registry.settings import Neo4jSettings
from registry.store.base import NewEdge, Store
from registry.store.embedded import EmbeddedStore
from registry.store.neo4j import Neo4jStore
from registry.store.neo4j_io import pipelined_begin
from registry.store.query import AuditQuery, Direction, Linked, NodeQuery, Order, OrderField
from registry.store.records import EdgeRecord, NodeRecord, Subgraph

pytestmark = [pytest.mark.asyncio(loop_scope="session"), pytest.mark.neo4j]

ORG, PERSON, ACT = NodeKind.ORGANISATION, NodeKind.PERSON, NodeKind.ACTIVITY


async def _names(what: str) -> set[str]:
    settings = Neo4jSettings()
    auth = (settings.user, settings.password.get_secret_value())
    async with AsyncGraphDatabase.driver(settings.uri, auth=auth) as driver:
        records, _, _ = await driver.execute_query(
            f"SHOW {what} YIELD name", database_=settings.database
        )
    return {r["name"] for r in records}


async def _raw(query: str, **params: object) -> list[list[object]]:
    settings = Neo4jSettings()
    auth = (settings.user, settings.password.get_secret_value())
    async with AsyncGraphDatabase.driver(settings.uri, auth=auth) as driver:
        records, _, _ = await driver.execute_query(query, params, database_=settings.database)
    return [list(r.values()) for r in records]


async def test_open_creates_schema_once(neo4j_store: Store):
    await neo4j_store.open()
    constraints = await _names("CONSTRAINTS")
    assert {"entity_id", "entity_unique_key", "meta_key", "represents_id"} <= constraints
    assert {"document_key", "audit_seq"} <= constraints
    indexes = await _names("INDEXES")
    assert {"entity_search", "organisation_sort", "organisation_search"} <= indexes
    assert {"audit_actor", "audit_action", "audit_at"} <= indexes
    assert neo4j_store.timings["schema"].calls > 0  # type: ignore[attr-defined]


async def _fill(store: Store) -> None:
    """One of each kind of prop: ints, bools, dates, lists (also empty), optional ones absent."""
    org = validate_node(ORG, {"name": "Ørsta Ungdom", "kind": "BUSINESS", "languages": ["no"]})
    other = validate_node(ORG, {"name": "Alna", "kind": "OTHER", "org_number": "974760673"})
    person = validate_node(PERSON, {"name": "Kari", "email": "kari@Example.no"})
    activity = validate_node(
        ACT,
        {
            "name": "Mela",
            "kind": "GRANT",
            "grant_year": 2024,
            "amount_nok": 50000,
            "oxlo": True,
            "start_date": "2024-05-01",
        },
    )
    a, b = await store.create_node(ORG, org), await store.create_node(ORG, other)
    p, m = await store.create_node(PERSON, person), await store.create_node(ACT, activity)
    collab = validate_edge(EdgeType.COLLABORATES_WITH, {"strength": 4, "note": "godt"})
    await store.create_edge(NewEdge(EdgeType.COLLABORATES_WITH, a.id, b.id, collab))
    await store.create_edge(NewEdge(EdgeType.CONTACT_FOR, p.id, a.id))
    role = validate_edge(EdgeType.PARTICIPATES_IN, {"role": "LEAD"})
    await store.create_edge(NewEdge(EdgeType.PARTICIPATES_IN, b.id, m.id, role))


def _untimed(nodes: list[NodeRecord]) -> list[NodeRecord]:
    """Without the update time, which each store stamps itself."""
    return [replace(n, updated_at="") for n in nodes]


async def test_records_equal_the_embedded_stores(neo4j_store: Store, tmp_path: Path):
    await neo4j_store.clear()
    embedded = EmbeddedStore(tmp_path / "registry.sqlite3")
    await embedded.open()
    try:
        await _fill(embedded)
        snap = await embedded.snapshot()
        await neo4j_store.import_graph(snap)
        assert await neo4j_store.snapshot() == snap
        ids = [n.id for n in snap.nodes] + ["missing"]
        assert await neo4j_store.get_nodes(ids) == await embedded.get_nodes(ids)
        for store in (embedded, neo4j_store):  # writes after an import agree too
            [node] = [n for n in snap.nodes if n.kind is PERSON]
            await store.update_node(node.id, {**node.props, "languages": ["so"]}, 1)
        queries = [
            NodeQuery(ORG, linked=(Linked((EdgeType.COLLABORATES_WITH,), Direction.BOTH, ids),)),
            NodeQuery(ACT, equals={"oxlo": (True,), "grant_year": (2024,)}),
            NodeQuery(PERSON, contains_any={"languages": ("so",)}, search="kari"),
        ]
        for query, expected in zip(queries, [2, 1, 1], strict=True):
            found = _untimed(await neo4j_store.find_nodes(query, Order(OrderField.UPDATED_AT)))
            assert found == _untimed(await embedded.find_nodes(query, Order(OrderField.UPDATED_AT)))
            assert len(found) == expected
        assert _untimed((await neo4j_store.snapshot()).nodes) == _untimed(
            (await embedded.snapshot()).nodes
        )
    finally:
        await embedded.close()


async def test_import_is_all_or_nothing(neo4j_store: Store):
    await neo4j_store.clear()
    await _fill(neo4j_store)
    snap = await neo4j_store.snapshot()
    before = await neo4j_store.version()
    [tie] = [e for e in snap.edges if e.type is EdgeType.CONTACT_FOR]
    fresh = [
        # an edge id taken by a tie of another type
        EdgeRecord(tie.id, EdgeType.PART_OF, snap.nodes[0].id, snap.nodes[1].id),
        # an end that is nowhere
        EdgeRecord("new-edge", EdgeType.PART_OF, snap.nodes[0].id, "nowhere"),
    ]
    taken_key = next(n for n in snap.nodes if n.props.get("org_number"))
    clashes = [
        Subgraph([], fresh[:1]),
        Subgraph([], fresh[1:]),
        Subgraph([replace(taken_key, id="another")], []),  # a taken org number
    ]
    for clash in clashes:
        with pytest.raises(Conflict):
            await neo4j_store.import_graph(clash)
    assert await neo4j_store.snapshot() == snap
    assert await neo4j_store.version() == before
    await neo4j_store.clear()
    assert await neo4j_store.version() == before + 1


async def test_concurrent_writes_queue_behind_the_meta_node(neo4j_store: Store):
    """Checks then writes cannot race: of simultaneous clashing writes exactly one wins."""
    await neo4j_store.clear()
    start = await neo4j_store.version()
    props = validate_node(ORG, {"name": "Dobbel", "kind": "OTHER", "org_number": "974760673"})
    results = await asyncio.gather(
        *(neo4j_store.create_node(ORG, props) for _ in range(6)), return_exceptions=True
    )
    [winner] = [r for r in results if isinstance(r, NodeRecord)]
    assert all(isinstance(r, Conflict) and r.field == "orgNumber" for r in results if r != winner)
    updates = await asyncio.gather(
        *(neo4j_store.update_node(winner.id, {**props, "city": f"By {i}"}, 1) for i in range(6)),
        return_exceptions=True,
    )
    assert sum(isinstance(u, NodeRecord) for u in updates) == 1
    assert await neo4j_store.version() == start + 2


async def test_documents_and_audit_writes_queue_and_leave_the_graph_alone(neo4j_store: Store):
    """Nested data is kept as a JSON string; simultaneous writes are serialised: one create
    of an id wins, and appended entries get distinct consecutive numbers in append order."""
    collection, actor = f"things-{uuid.uuid4().hex[:8]}", f"actor-{uuid.uuid4().hex[:8]}"
    start = await neo4j_store.version()
    data = {"roles": ["ADMIN"], "nested": {"list": [{"k": 1}]}, "navn": "Åse"}
    made = await asyncio.gather(
        *(neo4j_store.save_document(collection, "x", data, None) for _ in range(6)),
        return_exceptions=True,
    )
    assert sum(not isinstance(m, BaseException) for m in made) == 1
    assert all(
        isinstance(m, Conflict) and m.field == "id" for m in made if isinstance(m, BaseException)
    )
    [[stored]] = await _raw("MATCH (d:Document {collection: $c}) RETURN d.data", c=collection)
    assert isinstance(stored, str)
    [doc] = await neo4j_store.get_documents(collection, ["x"])
    assert doc is not None and (doc.version, doc.data) == (1, data)

    batches = [
        [AuditEntry(f"2026-02-0{i}T00:00:00+00:00", actor, f"test:{i}.{j}") for j in range(3)]
        for i in range(1, 6)
    ]
    await asyncio.gather(*(neo4j_store.append_audit(batch) for batch in batches))
    entries = await neo4j_store.find_audit(AuditQuery(actor=actor))
    seqs = [e.seq for e in entries]
    assert len(set(seqs)) == 15 and seqs == sorted(seqs, reverse=True)
    for i in range(1, 6):  # each batch numbered consecutively, in its own order
        mine = [e.seq for e in reversed(entries) if e.action.startswith(f"test:{i}.")]
        assert mine == list(range(mine[0], mine[0] + 3))
    assert await neo4j_store.version() == start


async def test_clear_keeps_documents_and_audit(neo4j_store: Store):
    collection, actor = f"things-{uuid.uuid4().hex[:8]}", f"actor-{uuid.uuid4().hex[:8]}"
    await neo4j_store.save_document(collection, "kept", {"n": 1}, None)
    await neo4j_store.append_audit([AuditEntry("2026-01-01T00:00:00+00:00", actor, "test")])
    await neo4j_store.clear()
    assert [d.id for d in await neo4j_store.list_documents(collection)] == ["kept"]
    assert await neo4j_store.count_audit(AuditQuery(actor=actor)) == 1


async def test_erasure_is_a_graph_write_and_copes_without_checkpoints(neo4j_store: Store):
    """Community has no db.checkpoint(): the erasure stands and later ones skip the call."""
    await neo4j_store.clear()
    node = await neo4j_store.create_node(ORG, validate_node(ORG, {"name": "X", "kind": "OTHER"}))
    before = await neo4j_store.version()
    assert (await neo4j_store.erase_node(node.id)).id == node.id
    assert await neo4j_store.version() == before + 1
    assert await _raw("MATCH (n {id: $id}) RETURN n", id=node.id) == []
    assert neo4j_store._can_checkpoint is False  # type: ignore[attr-defined]


async def test_a_shared_read_sends_begin_with_its_first_statement(neo4j_store: Store):
    """The driver keeps the switch private; should it go, this says so before a page pays
    the round trip again."""
    session = neo4j_store._session()  # type: ignore[attr-defined]
    try:
        assert pipelined_begin(session) is session._pipelined_begin
    finally:
        await session.close()


async def test_a_shared_read_ends_after_the_request_and_before_the_store_closes():
    store = Neo4jStore(Neo4jSettings())
    await store.open()
    async with store.reading():
        assert await store.count_nodes(NodeQuery(NodeKind.ORGANISATION)) >= 0
    ending = set(store._ending)
    assert ending, "the read's end is left to a task of its own"
    await store.close()
    assert all(task.done() for task in ending) and not store._ending
