"""The Neo4j store: the same graph and rules as the embedded store, over the async driver.

Nodes carry the label Entity and their kind's label; their domain props are plain properties
beside the record fields and three helpers (sort, search, unique_key). Edges are
relationships typed by their EdgeType. Documents and audit entries are nodes of their own
labels outside the graph. The driver, sessions and locking are in neo4j_base.
"""

from collections.abc import Sequence
from typing import Any

from registry.domain.audit import AuditEntry
from registry.domain.enums import NodeKind
from registry.store import cypher, cypher_filters, neo4j_io
from registry.store.base import NEW_NODE, NewEdge, check_version, new_id, now
from registry.store.neo4j_base import Neo4jBase
from registry.store.neo4j_io import (
    Tx,
    audit_record,
    check_unique,
    current_edge,
    current_node,
    document_record,
    edge_props,
    edge_record,
    insert_edge,
    load,
    node_props,
    node_record,
)
from registry.store.query import AuditQuery, EdgeQuery, NodeQuery, Order
from registry.store.records import Document, EdgeRecord, NodeRecord, Subgraph


class Neo4jStore(Neo4jBase):
    async def get_nodes(self, ids: Sequence[str]) -> list[NodeRecord | None]:
        found = {
            r[0]["id"]: node_record(*r)
            for r in await self._query(cypher.NODES_BY_IDS, ids=list(ids))
        }
        return [found.get(i) for i in ids]

    async def get_edges(self, ids: Sequence[str]) -> list[EdgeRecord | None]:
        found = {
            r[0]["id"]: edge_record(*r)
            for r in await self._query(cypher.EDGES_BY_IDS, ids=list(ids))
        }
        return [found.get(i) for i in ids]

    async def find_nodes(
        self, query: NodeQuery, order: Order, offset: int = 0, limit: int | None = None
    ) -> list[NodeRecord]:
        rows = await self._query(*cypher_filters.find_nodes(query, order, offset, limit))
        return [node_record(*r) for r in rows]

    async def count_nodes(self, query: NodeQuery) -> int:
        return (await self._query(*cypher_filters.count_nodes(query)))[0][0]

    async def find_edges(
        self, query: EdgeQuery, offset: int = 0, limit: int | None = None
    ) -> list[EdgeRecord]:
        return [
            edge_record(*r)
            for r in await self._query(*cypher_filters.find_edges(query, offset, limit))
        ]

    async def count_edges(self, query: EdgeQuery) -> int:
        return (await self._query(*cypher_filters.count_edges(query)))[0][0]

    async def neighbourhood(self, ids: Sequence[str], depth: int) -> Subgraph:
        [[nodes, edges]] = await self._query(cypher.neighbourhood(depth), ids=list(ids))
        return Subgraph(
            sorted((node_record(n["props"], n["kind"]) for n in nodes), key=lambda n: n.id),
            sorted(
                (edge_record(e["props"], e["type"], e["from_id"], e["to_id"]) for e in edges),
                key=lambda e: e.id,
            ),
        )

    async def snapshot(self) -> Subgraph:
        async def read(tx: Tx) -> Subgraph:
            nodes = [node_record(*r) for r in await tx.run(cypher.ALL_NODES)]
            edges = [edge_record(*r) for r in await tx.run(cypher.ALL_EDGES)]
            # Sorted here, not in Cypher: Python orders str by code point as SQLite does,
            # where Neo4j compares UTF-16 units.
            return Subgraph(sorted(nodes, key=lambda n: n.id), sorted(edges, key=lambda e: e.id))

        return await self._read(read)

    async def create_node(
        self, kind: NodeKind, props: dict[str, Any], edges: Sequence[NewEdge] = ()
    ) -> NodeRecord:
        async def create(tx: Tx) -> NodeRecord:
            # Made inside the transaction function, so a retried attempt gets fresh ones.
            stamp, node_id = now(), new_id()
            await check_unique(tx, kind, props, node_id)
            record = NodeRecord(node_id, kind, props, 1, stamp, stamp)
            await tx.run(cypher.create_node(kind), props=node_props(record))
            for edge in edges:
                # Like the embedded store, ties made with a node get fresh ids (edge.id unused).
                ends = [node_id if end == NEW_NODE else end for end in (edge.from_id, edge.to_id)]
                await insert_edge(tx, NewEdge(edge.type, *ends, edge.props), stamp)
            return record

        return await self._write(create)

    async def update_node(
        self, node_id: str, props: dict[str, Any], expected_version: int | None
    ) -> NodeRecord:
        async def update(tx: Tx) -> NodeRecord:
            current = await current_node(tx, node_id)
            check_version(current.kind.value, node_id, current.version, expected_version)
            await check_unique(tx, current.kind, props, node_id)
            new = NodeRecord(
                node_id, current.kind, props, current.version + 1, current.created_at, now()
            )
            [row] = await tx.run(cypher.UPDATE_NODE, id=node_id, props=node_props(new))
            return node_record(*row)

        return await self._write(update)

    async def delete_node(self, node_id: str, expected_version: int | None) -> NodeRecord:
        async def delete(tx: Tx) -> NodeRecord:
            current = await current_node(tx, node_id)
            check_version(current.kind.value, node_id, current.version, expected_version)
            await tx.run(cypher.DELETE_NODE, id=node_id)
            return current

        return await self._write(delete)

    async def create_edge(self, edge: NewEdge) -> EdgeRecord:
        return await self._write(lambda tx: insert_edge(tx, edge, now()))

    async def update_edge(
        self, edge_id: str, props: dict[str, Any], expected_version: int | None
    ) -> EdgeRecord:
        async def update(tx: Tx) -> EdgeRecord:
            c = await current_edge(tx, edge_id)
            check_version(c.type.value, edge_id, c.version, expected_version)
            new = EdgeRecord(
                edge_id, c.type, c.from_id, c.to_id, props, c.version + 1, c.created_at, now()
            )
            [row] = await tx.run(cypher.UPDATE_EDGE, id=edge_id, props=edge_props(new))
            return edge_record(*row)

        return await self._write(update)

    async def delete_edge(self, edge_id: str) -> EdgeRecord:
        async def delete(tx: Tx) -> EdgeRecord:
            current = await current_edge(tx, edge_id)
            await tx.run(cypher.DELETE_EDGE, id=edge_id)
            return current

        return await self._write(delete)

    async def import_graph(self, subgraph: Subgraph) -> None:
        await self._write(lambda tx: load(tx, subgraph))

    async def clear(self) -> None:
        await self._write(lambda tx: tx.run(cypher.CLEAR))

    async def erase_node(self, node_id: str) -> NodeRecord:
        """What Neo4j cannot promise: DETACH DELETE marks the records free, and their bytes
        stay in the store files until reused; the transaction logs keep every change until
        they are rotated and pruned (db.tx_log.rotation.retention_policy, 2 days by
        default); backups and other cluster members keep their own copies."""

        async def erase(tx: Tx) -> NodeRecord:
            current = await current_node(tx, node_id)
            await tx.run(cypher.DELETE_NODE, id=node_id)
            return current

        erased = await self._write(erase)
        # Gets the freed records to the files now, not at the next periodic checkpoint,
        # and lets older logs be pruned sooner (Enterprise only; nothing on Community).
        await self._checkpoint()
        return erased

    async def save_document(
        self, collection: str, doc_id: str, data: dict[str, Any], expected_version: int | None
    ) -> Document:
        return await self._write(
            lambda tx: neo4j_io.save_document(tx, collection, doc_id, data, expected_version),
            graph_change=False,
        )

    async def get_documents(self, collection: str, ids: Sequence[str]) -> list[Document | None]:
        rows = await self._query(cypher.DOCUMENTS_BY_IDS, collection=collection, ids=list(ids))
        found = {r[0]: document_record(*r) for r in rows}
        return [found.get(i) for i in ids]

    async def list_documents(self, collection: str) -> list[Document]:
        rows = await self._query(cypher.DOCUMENTS_IN, collection=collection)
        # Sorted here: Python orders str by code point as SQLite does (see snapshot).
        return sorted((document_record(*r) for r in rows), key=lambda d: d.id)

    async def delete_documents(self, collection: str, ids: Sequence[str]) -> None:
        await self._write(
            lambda tx: tx.run(cypher.DELETE_DOCUMENTS, collection=collection, ids=list(ids)),
            graph_change=False,
        )

    async def append_audit(self, entries: Sequence[AuditEntry]) -> None:
        if entries:
            await self._write(lambda tx: neo4j_io.append_audit(tx, entries), graph_change=False)

    async def find_audit(
        self, query: AuditQuery, offset: int = 0, limit: int | None = None
    ) -> list[AuditEntry]:
        rows = await self._query(*cypher_filters.find_audit(query, offset, limit))
        return [audit_record(*r) for r in rows]

    async def count_audit(self, query: AuditQuery) -> int:
        return (await self._query(*cypher_filters.count_audit(query)))[0][0]
