"""The embedded store: SQLite in WAL mode, zero set-up, the default."""

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from registry.domain import graph, rules
from registry.domain.audit import AuditEntry
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import Conflict, ValidationFailed
from registry.store import embedded_sql as sql
from registry.store.base import (
    NEW_NODE,
    NewEdge,
    check_version,
    missing,
    new_id,
    now,
)
from registry.store.embedded_base import EmbeddedBase
from registry.store.query import AuditQuery, EdgeQuery, NodeQuery, Order
from registry.store.records import Document, EdgeRecord, NodeRecord, Subgraph


def _node(row: sqlite3.Row) -> NodeRecord:
    return NodeRecord(row[0], NodeKind(row[1]), json.loads(row[2]), row[3], row[4], row[5])


def _edge(row: sqlite3.Row) -> EdgeRecord:
    return EdgeRecord(
        row[0], EdgeType(row[1]), row[2], row[3], json.loads(row[4]), row[5], row[6], row[7]
    )


def _node_columns(kind: NodeKind, props: dict[str, Any]) -> tuple[Any, ...]:
    return (
        json.dumps(props, ensure_ascii=False, sort_keys=True),
        rules.sort_key(props["name"]),
        graph.search_text(kind, props),
        int(props.get("archived", False)),
        graph.unique_key(kind, props),
    )


class EmbeddedStore(EmbeddedBase):
    """The default store: SQLite in WAL mode, zero set-up, every write one transaction."""

    async def get_nodes(self, ids: Sequence[str]) -> list[NodeRecord | None]:
        found = {r[0]: _node(r) for r in await self._read(sql.NODES_BY_IDS, [json.dumps(ids)])}
        return [found.get(i) for i in ids]

    async def get_edges(self, ids: Sequence[str]) -> list[EdgeRecord | None]:
        found = {r[0]: _edge(r) for r in await self._read(sql.EDGES_BY_IDS, [json.dumps(ids)])}
        return [found.get(i) for i in ids]

    async def find_nodes(
        self, query: NodeQuery, order: Order, offset: int = 0, limit: int | None = None
    ) -> list[NodeRecord]:
        return [_node(r) for r in await self._read(*sql.find_nodes(query, order, offset, limit))]

    async def count_nodes(self, query: NodeQuery) -> int:
        return (await self._read(*sql.count_nodes(query)))[0][0]

    async def find_edges(
        self, query: EdgeQuery, offset: int = 0, limit: int | None = None
    ) -> list[EdgeRecord]:
        return [_edge(r) for r in await self._read(*sql.find_edges(query, offset, limit))]

    async def count_edges(self, query: EdgeQuery) -> int:
        return (await self._read(*sql.count_edges(query)))[0][0]

    async def neighbourhood(self, ids: Sequence[str], depth: int) -> Subgraph:
        def walk() -> Subgraph:
            seen = {r[0] for r in self._conn.execute(sql.NODE_KINDS, [json.dumps(ids)])}
            frontier = set(seen)
            for _ in range(depth):
                rows = self._conn.execute(sql.EDGES_AROUND, [json.dumps(list(frontier))] * 2)
                reached = {end for r in rows for end in (r[2], r[3])}
                frontier = reached - seen
                seen |= frontier
            nodes = self._conn.execute(sql.NODES_BY_IDS + " ORDER BY id", [json.dumps(list(seen))])
            edges = self._conn.execute(sql.EDGES_AROUND, [json.dumps(list(seen))] * 2)
            inside = [e for e in map(_edge, edges) if e.from_id in seen and e.to_id in seen]
            return Subgraph([_node(r) for r in nodes], sorted(inside, key=lambda e: e.id))

        return await self._run(walk)

    async def snapshot(self) -> Subgraph:
        def read() -> Subgraph:
            nodes = [_node(r) for r in self._conn.execute(sql.ALL_NODES)]
            return Subgraph(nodes, [_edge(r) for r in self._conn.execute(sql.ALL_EDGES)])

        return await self._run(read)

    def _check_unique(self, conn: sqlite3.Connection, kind: NodeKind, props: dict, node_id: str):
        key = graph.unique_key(kind, props)
        if key and conn.execute(sql.UNIQUE_HOLDER, (key, node_id)).fetchone():
            field = graph.camel(key.split(":", 1)[0])
            raise Conflict(f"another {kind.value} already has this {field}", field=field)

    def _insert_edge(self, conn: sqlite3.Connection, edge: NewEdge, stamp: str) -> EdgeRecord:
        if edge.from_id == edge.to_id:
            raise ValidationFailed("a node cannot be tied to itself", field="targetId")
        kinds = dict(conn.execute(sql.NODE_KINDS, [json.dumps([edge.from_id, edge.to_id])]))
        for end, field in ((edge.from_id, "sourceId"), (edge.to_id, "targetId")):
            if end not in kinds:
                raise missing("node", end, field)
        graph.check_endpoints(edge.type, NodeKind(kinds[edge.from_id]), NodeKind(kinds[edge.to_id]))
        symmetric = edge.type in graph.SYMMETRIC
        ends = (edge.from_id, edge.to_id, symmetric, edge.to_id, edge.from_id)
        if conn.execute(sql.SAME_TIE, (edge.type.value, *ends)).fetchone():
            raise Conflict(f"these two are already joined by {edge.type.value}", field="targetId")
        record = EdgeRecord(
            edge.id or new_id(), edge.type, edge.from_id, edge.to_id, edge.props, 1, stamp, stamp
        )
        try:
            conn.execute(sql.INSERT_EDGE, _edge_row(record))
        except sqlite3.IntegrityError:
            raise Conflict(f"the id {record.id} is taken", field="id") from None
        return record

    async def create_node(
        self, kind: NodeKind, props: dict[str, Any], edges: Sequence[NewEdge] = ()
    ) -> NodeRecord:
        def create(conn: sqlite3.Connection) -> NodeRecord:
            stamp, node_id = now(), new_id()
            self._check_unique(conn, kind, props, node_id)
            conn.execute(
                sql.INSERT_NODE, _node_row(NodeRecord(node_id, kind, props, 1, stamp, stamp))
            )
            for edge in edges:
                ends = [node_id if end == NEW_NODE else end for end in (edge.from_id, edge.to_id)]
                self._insert_edge(conn, NewEdge(edge.type, *ends, edge.props), stamp)
            return NodeRecord(node_id, kind, props, 1, stamp, stamp)

        return await self._write(create)

    def _current_node(self, conn: sqlite3.Connection, node_id: str) -> NodeRecord:
        row = conn.execute(sql.NODES_BY_IDS, [json.dumps([node_id])]).fetchone()
        if row is None:
            raise missing("node", node_id)
        return _node(row)

    async def update_node(
        self, node_id: str, props: dict[str, Any], expected_version: int | None
    ) -> NodeRecord:
        def update(conn: sqlite3.Connection) -> NodeRecord:
            current = self._current_node(conn, node_id)
            check_version(current.kind.value, node_id, current.version, expected_version)
            self._check_unique(conn, current.kind, props, node_id)
            conn.execute(sql.UPDATE_NODE, (*_node_columns(current.kind, props), now(), node_id))
            return self._current_node(conn, node_id)

        return await self._write(update)

    async def delete_node(self, node_id: str, expected_version: int | None) -> NodeRecord:
        def delete(conn: sqlite3.Connection) -> NodeRecord:
            current = self._current_node(conn, node_id)
            check_version(current.kind.value, node_id, current.version, expected_version)
            conn.execute(sql.DELETE_NODE, (node_id,))
            return current

        return await self._write(delete)

    async def create_edge(self, edge: NewEdge) -> EdgeRecord:
        return await self._write(lambda conn: self._insert_edge(conn, edge, now()))

    def _current_edge(self, conn: sqlite3.Connection, edge_id: str) -> EdgeRecord:
        row = conn.execute(sql.EDGES_BY_IDS, [json.dumps([edge_id])]).fetchone()
        if row is None:
            raise missing("tie", edge_id)
        return _edge(row)

    async def update_edge(
        self, edge_id: str, props: dict[str, Any], expected_version: int | None
    ) -> EdgeRecord:
        def update(conn: sqlite3.Connection) -> EdgeRecord:
            current = self._current_edge(conn, edge_id)
            check_version(current.type.value, edge_id, current.version, expected_version)
            conn.execute(sql.UPDATE_EDGE, (json.dumps(props, sort_keys=True), now(), edge_id))
            return self._current_edge(conn, edge_id)

        return await self._write(update)

    async def delete_edge(self, edge_id: str) -> EdgeRecord:
        def delete(conn: sqlite3.Connection) -> EdgeRecord:
            current = self._current_edge(conn, edge_id)
            conn.execute(sql.DELETE_EDGE, (edge_id,))
            return current

        return await self._write(delete)

    async def import_graph(self, subgraph: Subgraph) -> None:
        def load(conn: sqlite3.Connection) -> None:
            try:
                conn.executemany(
                    sql.INSERT_NODE,
                    [_node_row(n) for n in subgraph.nodes],
                )
                conn.executemany(sql.INSERT_EDGE, [_edge_row(e) for e in subgraph.edges])
            except sqlite3.IntegrityError as exc:
                raise Conflict(f"the graph clashes with what the store holds: {exc}") from None

        await self._write(load)

    async def erase_node(self, node_id: str) -> NodeRecord:
        def erase(conn: sqlite3.Connection) -> NodeRecord:
            current = self._current_node(conn, node_id)
            conn.execute(sql.DELETE_NODE, (node_id,))
            return current

        erased = await self._write(erase)
        # The write-ahead log still holds the old pages until they are folded into the file.
        await self._read(sql.CHECKPOINT)
        return erased

    async def save_document(
        self, collection: str, doc_id: str, data: dict[str, Any], expected_version: int | None
    ) -> Document:
        def save(conn: sqlite3.Connection) -> Document:
            row = conn.execute(sql.DOCUMENT_VERSION, (collection, doc_id)).fetchone()
            text = json.dumps(data, ensure_ascii=False, sort_keys=True)
            if expected_version is None:
                if row:
                    raise Conflict(f"{collection} {doc_id} exists already", field="id")
                conn.execute(sql.INSERT_DOCUMENT, (collection, doc_id, text))
                return Document(doc_id, 1, data)
            if row is None:
                raise missing(collection, doc_id)
            check_version(collection, doc_id, row[0], expected_version)
            conn.execute(sql.UPDATE_DOCUMENT, (text, collection, doc_id))
            return Document(doc_id, row[0] + 1, data)

        return await self._write(save, graph_change=False)

    async def get_documents(self, collection: str, ids: Sequence[str]) -> list[Document | None]:
        rows = await self._read(sql.DOCUMENTS_BY_IDS, [collection, json.dumps(list(ids))])
        found = {r[0]: Document(r[0], r[1], json.loads(r[2])) for r in rows}
        return [found.get(i) for i in ids]

    async def list_documents(self, collection: str) -> list[Document]:
        rows = await self._read(sql.DOCUMENTS_IN, [collection])
        return [Document(r[0], r[1], json.loads(r[2])) for r in rows]

    async def delete_documents(self, collection: str, ids: Sequence[str]) -> None:
        def delete(conn: sqlite3.Connection) -> None:
            conn.execute(sql.DELETE_DOCUMENTS, (collection, json.dumps(list(ids))))

        await self._write(delete, graph_change=False)

    async def append_audit(self, entries: Sequence[AuditEntry]) -> None:
        rows = [
            (e.at, e.actor, e.action, json.dumps(list(e.targets)), json.dumps(e.details), e.outcome)
            for e in entries
        ]
        await self._write(lambda conn: conn.executemany(sql.INSERT_AUDIT, rows), graph_change=False)

    async def find_audit(
        self, query: AuditQuery, offset: int = 0, limit: int | None = None
    ) -> list[AuditEntry]:
        return [_audit(r) for r in await self._read(*sql.find_audit(query, offset, limit))]

    async def count_audit(self, query: AuditQuery) -> int:
        return (await self._read(*sql.count_audit(query)))[0][0]

    async def clear(self) -> None:
        await self._write(lambda conn: [conn.execute(s) for s in sql.CLEAR.split(";") if s.strip()])


def _audit(row: tuple) -> AuditEntry:
    seq, at, actor, action, targets, details, outcome = row
    return AuditEntry(
        at, actor, action, tuple(json.loads(targets)), json.loads(details), outcome, seq
    )


def _node_row(n: NodeRecord) -> tuple[Any, ...]:
    return (
        n.id,
        n.kind.value,
        *_node_columns(n.kind, n.props),
        n.version,
        n.created_at,
        n.updated_at,
    )


def _edge_row(e: EdgeRecord) -> tuple[Any, ...]:
    props = json.dumps(e.props, ensure_ascii=False, sort_keys=True)
    return (e.id, e.type.value, e.from_id, e.to_id, props, e.version, e.created_at, e.updated_at)
