"""The store contract beyond the graph: documents (accounts, tokens), the audit log, erasure."""

import uuid

import pytest

from registry.domain.audit import AuditEntry
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import Conflict, NotFound
from registry.domain.graph import validate_node
from registry.store.base import NewEdge, Store
from registry.store.query import AuditQuery
from registry.store.records import Document

pytestmark = pytest.mark.asyncio(loop_scope="session")


def unique(prefix: str) -> str:
    # The Neo4j store is shared between tests and keeps documents and audit across clear().
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


async def test_documents_are_versioned(store: Store):
    collection, doc_id = unique("things"), "a"
    made = await store.save_document(collection, doc_id, {"n": 1, "tags": ["x"]}, None)
    assert (made.id, made.version, made.data) == ("a", 1, {"n": 1, "tags": ["x"]})
    with pytest.raises(Conflict):
        await store.save_document(collection, doc_id, {"n": 2}, None)
    again = await store.save_document(collection, doc_id, {"n": 2, "nested": {"k": True}}, 1)
    assert again.version == 2
    with pytest.raises(Conflict):
        await store.save_document(collection, doc_id, {"n": 3}, 1)
    with pytest.raises(NotFound):
        await store.save_document(collection, "missing", {"n": 3}, 1)
    [got, none] = await store.get_documents(collection, [doc_id, "missing"])
    assert none is None and got.version == 2 and got.data == {"n": 2, "nested": {"k": True}}
    await store.save_document(collection, "0-first", {}, None)
    assert [d.id for d in await store.list_documents(collection)] == ["0-first", "a"]
    assert await store.list_documents(unique("empty")) == []


async def test_document_refusals_name_the_field_and_change_nothing(store: Store):
    collection = unique("things")
    await store.save_document(collection, "a", {"n": 1}, None)
    for expected, doc_id, error, field, message in [
        (None, "a", Conflict, "id", f"{collection} a exists already"),
        (1, "b", NotFound, "id", f"no {collection} with id b"),
        (2, "a", Conflict, "expectedVersion", f"{collection} a is at version 1, not 2"),
    ]:
        with pytest.raises(error) as exc:
            await store.save_document(collection, doc_id, {"n": 2}, expected)
        assert exc.value.field == field and exc.value.message.startswith(message)
    assert await store.get_documents(collection, ["a", "b"]) == [Document("a", 1, {"n": 1}), None]


async def test_documents_are_deleted_by_id_within_their_collection(store: Store):
    collection, other = unique("things"), unique("things")
    for doc_id in ("a", "b", "c"):
        await store.save_document(collection, doc_id, {}, None)
    await store.save_document(other, "a", {}, None)
    await store.delete_documents(collection, ["a", "c", "missing"])
    assert [d.id for d in await store.list_documents(collection)] == ["b"]
    assert [d.id for d in await store.list_documents(other)] == ["a"]
    await store.save_document(collection, "a", {"again": True}, None)  # the id is free again
    await store.delete_documents(collection, [])


async def test_documents_do_not_change_the_graph_version(store: Store):
    before = await store.version()
    await store.save_document(unique("things"), "a", {}, None)
    await store.append_audit([AuditEntry("2026-01-01T00:00:00+00:00", "x", "test")])
    assert await store.version() == before


async def test_audit_log_appends_in_order_and_filters(store: Store):
    actor, other = unique("actor"), unique("actor")
    await store.append_audit([
        AuditEntry("2026-01-01T10:00:00+00:00", actor, "mutation:createOrganisation", ("o1",)),
        AuditEntry("2026-01-02T10:00:00+00:00", actor, "export:contacts.csv", (),
                   {"filter": {"areaIds": ["a1"]}}),
        AuditEntry("2026-01-03T10:00:00+00:00", other, "mutation:updatePerson", ("p1", "o1"),
                   {}, "CONFLICT"),
    ])  # fmt: skip
    mine = await store.find_audit(AuditQuery(actor=actor))
    assert [e.action for e in mine] == ["export:contacts.csv", "mutation:createOrganisation"]
    assert mine[0].seq > mine[1].seq and mine[0].details == {"filter": {"areaIds": ["a1"]}}
    touching = await store.find_audit(AuditQuery(target="o1", since="2026-01-01T00:00:00+00:00"))
    assert {e.actor for e in touching} >= {actor, other}
    refused = await store.find_audit(AuditQuery(actor=other))
    assert refused[0].outcome == "CONFLICT" and refused[0].targets == ("p1", "o1")
    exports = AuditQuery(actor=actor, action_prefix="export:")
    assert await store.count_audit(exports) == 1
    window = AuditQuery(
        actor=actor, since="2026-01-01T12:00:00+00:00", until="2026-01-03T00:00:00+00:00"
    )
    assert [e.action for e in await store.find_audit(window)] == ["export:contacts.csv"]
    assert len(await store.find_audit(AuditQuery(actor=actor), offset=1, limit=1)) == 1


async def test_erase_removes_the_node_and_its_ties(store: Store):
    person = await store.create_node(
        NodeKind.PERSON,
        validate_node(NodeKind.PERSON, {"name": "Slett Meg", "email": "s@example.org"}),
    )
    org = await store.create_node(
        NodeKind.ORGANISATION,
        validate_node(NodeKind.ORGANISATION, {"name": "O", "kind": "BUSINESS"}),
    )
    await store.create_edge(NewEdge(EdgeType.CONTACT_FOR, person.id, org.id))
    erased = await store.erase_node(person.id)
    assert erased.id == person.id
    assert await store.get_nodes([person.id]) == [None]
    snapshot = await store.snapshot()
    assert all(person.id not in (e.from_id, e.to_id) for e in snapshot.edges)
    assert "Slett Meg" not in repr(snapshot)
    with pytest.raises(NotFound):
        await store.erase_node(person.id)
