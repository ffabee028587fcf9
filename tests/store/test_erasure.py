"""Erasure (right to be forgotten) in both stores: the node, its ties, and who the audit named."""

import sqlite3
import uuid
from pathlib import Path

import pytest

from registry.domain.audit import AuditEntry
from registry.domain.enums import NodeKind
from registry.domain.errors import Conflict
from registry.domain.graph import validate_node
from registry.store.base import Store
from registry.store.embedded import EmbeddedStore
from registry.store.query import AuditQuery

pytestmark = pytest.mark.asyncio(loop_scope="session")


async def person_in_the_audit(store: Store) -> tuple[str, str, str]:
    """A person, and an actor (unique to the test) whose entries name it and someone else."""
    props = validate_node(NodeKind.PERSON, {"name": "Glemt Glemmesen"})
    person = await store.create_node(NodeKind.PERSON, props)
    actor, other = f"actor-{uuid.uuid4().hex[:8]}", str(uuid.uuid4())
    await store.append_audit([
        AuditEntry("2026-01-01T10:00:00+00:00", actor, "read:personal-data", (person.id, other)),
        AuditEntry("2026-01-02T10:00:00+00:00", actor, "mutation:updatePerson", (person.id,)),
        AuditEntry("2026-01-03T10:00:00+00:00", actor, "mutation:createOrganisation", (other,)),
    ])  # fmt: skip
    return person.id, actor, other


async def test_erasure_forgets_whom_the_audit_named(store: Store):
    person_id, actor, other = await person_in_the_audit(store)
    before = await store.find_audit(AuditQuery(actor=actor))
    await store.erase_node(person_id)
    after = await store.find_audit(AuditQuery(actor=actor))
    assert [(e.seq, e.at, e.action, e.outcome) for e in after] == [
        (e.seq, e.at, e.action, e.outcome) for e in before
    ]
    assert [e.targets for e in after] == [(other,), (), (other,)]
    assert await store.find_audit(AuditQuery(target=person_id)) == []


async def test_erasure_at_a_stale_version_changes_nothing(store: Store):
    person_id, actor, _ = await person_in_the_audit(store)
    before = await store.find_audit(AuditQuery(actor=actor)), await store.snapshot()
    with pytest.raises(Conflict) as refused:
        await store.erase_node(person_id, expected_version=2)
    assert refused.value.field == "expectedVersion"
    assert (await store.find_audit(AuditQuery(actor=actor)), await store.snapshot()) == before
    await store.erase_node(person_id, expected_version=1)
    assert await store.get_nodes([person_id]) == [None]


async def test_the_audit_log_stays_append_only_but_for_forgetting(tmp_path: Path):
    store = EmbeddedStore(tmp_path / "registry.sqlite3")
    await store.open()
    _, actor, _ = await person_in_the_audit(store)
    await store.close()
    with sqlite3.connect(tmp_path / "registry.sqlite3") as db:
        for change in (
            "UPDATE audit SET action = 'x'",
            "UPDATE audit SET targets = '[\"someone-else\"]'",
            "DELETE FROM audit",
        ):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                db.execute(change)
        db.execute("UPDATE audit SET targets = '[]'")  # dropping a name is allowed
        assert db.execute("SELECT count(*) FROM audit WHERE actor = ?", [actor]).fetchone() == (3,)
