"""The Neo4j store's work inside one transaction: timed statements, records to and from
property maps, the checks writes share with the embedded store, the bulk import, and the
documents and audit entries beside the graph."""

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from time import perf_counter
from typing import Any, TypeVar

from neo4j import AsyncManagedTransaction

from registry.domain import graph, rules
from registry.domain.audit import AuditEntry
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import Conflict, ValidationFailed
from registry.store import cypher
from registry.store.base import NewEdge, check_version, missing, new_id
from registry.store.cypher import Mode, Statement
from registry.store.records import Document, EdgeRecord, NodeRecord, Subgraph

T = TypeVar("T")
log = logging.getLogger(__name__)
BATCH = 1000  # rows per UNWIND when importing


@dataclass(slots=True)
class Timing:
    calls: int = 0
    seconds: float = 0.0


class Tx:
    """One managed transaction that times each statement and refuses writes when reading."""

    def __init__(self, tx: AsyncManagedTransaction, mode: Mode, timings: dict[str, Timing]):
        self._tx, self._mode, self._timings = tx, mode, timings

    async def run(
        self, statement: Statement, params: Mapping[str, Any] | None = None, **kw: Any
    ) -> list[list[Any]]:
        if statement.mode is Mode.WRITE and self._mode is Mode.READ:
            raise RuntimeError(f"{statement.name} writes, inside a read transaction")
        start = perf_counter()
        rows = await (await self._tx.run(statement.text, {**(params or {}), **kw})).values()
        elapsed = perf_counter() - start
        timing = self._timings.setdefault(statement.name, Timing())
        timing.calls, timing.seconds = timing.calls + 1, timing.seconds + elapsed
        log.debug("%s took %.2f ms", statement.name, elapsed * 1000)
        return rows


def node_record(props: Mapping[str, Any], kind: str) -> NodeRecord:
    p = dict(props)
    fields = [p.pop(name) for name in ("id", "version", "created_at", "updated_at")]
    for name in cypher.NODE_HELPERS:
        p.pop(name, None)
    return NodeRecord(fields[0], NodeKind(kind), dict(sorted(p.items())), *fields[1:])


def edge_record(props: Mapping[str, Any], edge_type: str, from_id: str, to_id: str) -> EdgeRecord:
    p = dict(props)
    fields = [p.pop(name) for name in ("id", "version", "created_at", "updated_at")]
    return EdgeRecord(
        fields[0], EdgeType(edge_type), from_id, to_id, dict(sorted(p.items())), *fields[1:]
    )


def _own(props: Mapping[str, Any], reserved: frozenset[str]) -> dict[str, Any]:
    if clash := reserved & props.keys():
        raise ValueError(f"props may not use the store's own names: {sorted(clash)}")
    return dict(props)


def node_props(n: NodeRecord) -> dict[str, Any]:
    # A None value (here: no unique key) leaves the property out, as Neo4j stores no nulls.
    return {
        **_own(n.props, cypher.NODE_FIELDS | cypher.NODE_HELPERS),
        "id": n.id,
        "version": n.version,
        "created_at": n.created_at,
        "updated_at": n.updated_at,
        "sort": rules.sort_key(n.props["name"]),
        "search": graph.search_text(n.kind, n.props),
        "unique_key": graph.unique_key(n.kind, n.props),
    }


def edge_props(e: EdgeRecord) -> dict[str, Any]:
    own = _own(e.props, cypher.EDGE_FIELDS)
    return {
        **own,
        "id": e.id,
        "version": e.version,
        "created_at": e.created_at,
        "updated_at": e.updated_at,
    }


async def check_unique(tx: Tx, kind: NodeKind, props: dict[str, Any], node_id: str) -> None:
    key = graph.unique_key(kind, props)
    if key and await tx.run(cypher.UNIQUE_HOLDER, key=key, id=node_id):
        field = graph.camel(key.split(":", 1)[0])
        raise Conflict(f"another {kind.value} already has this {field}", field=field)


async def insert_edge(tx: Tx, edge: NewEdge, stamp: str) -> EdgeRecord:
    # The same checks in the same order as the embedded store, so errors match.
    if edge.from_id == edge.to_id:
        raise ValidationFailed("a node cannot be tied to itself", field="targetId")
    kinds = dict(await tx.run(cypher.NODE_KINDS, ids=[edge.from_id, edge.to_id]))
    for end, field in ((edge.from_id, "sourceId"), (edge.to_id, "targetId")):
        if end not in kinds:
            raise missing("node", end, field)
    graph.check_endpoints(edge.type, NodeKind(kinds[edge.from_id]), NodeKind(kinds[edge.to_id]))
    ends = {"from_id": edge.from_id, "to_id": edge.to_id}
    if await tx.run(cypher.same_tie(edge.type), ends, symmetric=edge.type in graph.SYMMETRIC):
        raise Conflict(f"these two are already joined by {edge.type.value}", field="targetId")
    # Where SQLite's primary key would refuse a given id (the per-type constraints here
    # cannot see a tie of another type holding it).
    if edge.id and await tx.run(cypher.EDGE_IDS_TAKEN, ids=[edge.id]):
        raise Conflict(f"a tie with id {edge.id} exists already", field="id")
    record = EdgeRecord(
        edge.id or new_id(), edge.type, edge.from_id, edge.to_id, edge.props, 1, stamp, stamp
    )
    await tx.run(cypher.create_edge(edge.type), ends, props=edge_props(record))
    return record  # as given, like the embedded store


async def current_node(tx: Tx, node_id: str) -> NodeRecord:
    rows = await tx.run(cypher.NODES_BY_IDS, ids=[node_id])
    if not rows:
        raise missing("node", node_id)
    return node_record(*rows[0])


async def current_edge(tx: Tx, edge_id: str) -> EdgeRecord:
    rows = await tx.run(cypher.EDGES_BY_IDS, ids=[edge_id])
    if not rows:
        raise missing("tie", edge_id)
    return edge_record(*rows[0])


def _batches(rows: list[T]) -> list[list[T]]:
    return [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]


async def load(tx: Tx, subgraph: Subgraph) -> None:
    """Refuse what SQLite's keys refuse in the embedded store: a taken node id or unique key
    (left to the constraints), an edge id taken by any type, a second tie of one type between
    the same ends, and an end that exists neither in the graph nor in the store."""
    edge_ids = [e.id for e in subgraph.edges]
    ties = {(e.type, e.from_id, e.to_id) for e in subgraph.edges}
    if len(set(edge_ids)) < len(edge_ids) or len(ties) < len(edge_ids):
        raise Conflict("the graph holds the same tie twice")
    if await tx.run(cypher.EDGE_IDS_TAKEN, ids=edge_ids):
        raise Conflict("the graph clashes with what the store holds: an edge id is taken")
    nodes = [{"kind": NodeKind(n.kind).value, "props": node_props(n)} for n in subgraph.nodes]
    for batch in _batches(nodes):
        await tx.run(cypher.IMPORT_NODES, rows=batch)
    edges = [
        {
            "type": EdgeType(e.type).value,
            "from_id": e.from_id,
            "to_id": e.to_id,
            "props": edge_props(e),
        }
        for e in subgraph.edges
    ]
    for batch in _batches(edges):
        if await tx.run(cypher.TIES_TAKEN, rows=batch):
            raise Conflict("the graph clashes with what the store holds: a tie is taken")
        [[created]] = await tx.run(cypher.IMPORT_EDGES, rows=batch)
        if created < len(batch):
            raise Conflict("a tie's end is neither in the graph nor in the store")


def document_record(doc_id: str, version: int, data: str) -> Document:
    return Document(doc_id, version, json.loads(data))


async def save_document(
    tx: Tx, collection: str, doc_id: str, data: dict[str, Any], expected_version: int | None
) -> Document:
    """The embedded store's checks, in its order: a taken id, then a missing or moved one."""
    rows = await tx.run(cypher.DOCUMENT_VERSION, collection=collection, id=doc_id)
    params = {
        "collection": collection,
        "id": doc_id,
        "data": json.dumps(data, ensure_ascii=False, sort_keys=True),
    }
    if expected_version is None:
        if rows:
            raise Conflict(f"{collection} {doc_id} exists already", field="id")
        await tx.run(cypher.CREATE_DOCUMENT, params)
        return Document(doc_id, 1, data)
    if not rows:
        raise missing(collection, doc_id)
    check_version(collection, doc_id, rows[0][0], expected_version)
    await tx.run(cypher.UPDATE_DOCUMENT, params)
    return Document(doc_id, rows[0][0] + 1, data)


async def append_audit(tx: Tx, entries: Sequence[AuditEntry]) -> None:
    rows = [
        {
            "at": e.at,
            "actor": e.actor,
            "action": e.action,
            "targets": list(e.targets),
            "details": json.dumps(e.details, ensure_ascii=False),  # maps nest, properties not
            "outcome": e.outcome,
        }
        for e in entries
    ]
    for batch in _batches(rows):
        await tx.run(cypher.APPEND_AUDIT, rows=batch)


def audit_record(
    seq: int, at: str, actor: str, action: str, targets: list[str], details: str, outcome: str
) -> AuditEntry:
    return AuditEntry(at, actor, action, tuple(targets), json.loads(details), outcome, seq)
