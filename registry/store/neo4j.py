"""The Neo4j store: the same graph as the embedded store, over the async driver; the rules its
writes keep are in rules.py, their statements in neo4j_tx.

Nodes carry the label Entity and their kind's label; their domain props are plain properties
beside the record fields and three helpers (sort, search, unique_key). Edges are
relationships typed by their EdgeType. Documents and audit entries are nodes of their own
labels outside the graph. The driver, sessions and locking are in neo4j_base.
"""

import asyncio
from collections.abc import Iterator, Sequence
from functools import partial

from registry.domain.audit import AuditEntry
from registry.domain.enums import EdgeType
from registry.store import cypher, cypher_filters, cypher_load, neo4j_io
from registry.store.base import new_id
from registry.store.neo4j_base import Neo4jBase
from registry.store.neo4j_io import (
    Tx,
    audit_record,
    document_record,
    edge_from_columns,
    edge_record,
    node_from_columns,
    node_record,
)
from registry.store.query import AuditQuery, Direction, EdgeQuery, NodeQuery, Order
from registry.store.records import Document, EdgeRecord, LinkKey, NodePage, NodeRecord, Subgraph


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

    async def find_page(
        self,
        query: NodeQuery,
        order: Order,
        offset: int,
        limit: int,
        links: Sequence[tuple[EdgeType, Direction]] = (),
    ) -> NodePage:
        by_direction: dict[Direction, list[EdgeType]] = {}
        for edge_type, direction in links:
            by_direction.setdefault(direction, []).append(edge_type)
        asked = [(d, tuple(sorted(set(types)))) for d, types in by_direction.items()]
        found = await self._query(*cypher_filters.find_page(query, order, offset, limit, asked))
        if not found:  # nothing on the page: the total needs a statement of its own
            return NodePage([], await self.count_nodes(query), {})
        [[total, rows]] = found
        nodes = [node_record(props, query.kind.value) for props, *_ in rows]
        linked: dict[LinkKey, list[tuple[EdgeRecord, NodeRecord]]] = {
            (n.id, edge_type, direction): [] for n in nodes for edge_type, direction in links
        }
        for node, (_, *lists) in zip(nodes, rows, strict=True):
            for (direction, _), found in zip(asked, lists, strict=True):
                for r_props, r_type, from_id, to_id, m_props, m_kind in found:
                    edge = edge_record(r_props, r_type, from_id, to_id)
                    linked[(node.id, edge.type, direction)].append(
                        (edge, node_record(m_props, m_kind))
                    )
        return NodePage(nodes, total, linked)

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
            [[node_rows]] = await tx.run(cypher.ALL_NODES)
            [[edge_rows]] = await tx.run(cypher.ALL_EDGES)
            nodes = [node_from_columns(r) for r in node_rows]
            edges = [edge_from_columns(r) for r in edge_rows]
            # Sorted here, not in Cypher: Python orders str by code point as SQLite does,
            # where Neo4j compares UTF-16 units.
            return Subgraph(sorted(nodes, key=lambda n: n.id), sorted(edges, key=lambda e: e.id))

        return await self._read(read)

    async def clear(self) -> None:
        await self._repeat(cypher.CLEAR_TIES)
        await self._repeat(cypher.CLEAR)
        await self._moved_on()

    async def _repeat(self, statement: cypher.Statement, marker: str | None = None) -> None:
        """A slicing delete, one transaction a slice, until it deletes nothing; the caller
        moves version() on once when all of them are done (_moved_on)."""
        while (await self._write(lambda tx: tx.run(statement, marker=marker), False))[0][0]:
            pass

    async def _moved_on(self) -> None:
        await self._write(lambda tx: tx.run(cypher.GET_VERSION))  # the write itself counts

    async def _load_stream(self, batches: Iterator[Subgraph]) -> None:
        """Each batch one transaction, its records marked with this load's id, so that memory
        stays that of a batch on both ends; when anything fails, whatever carries the mark
        is deleted again. Into an empty store, ties need no duplicate checks."""
        marker = new_id()
        check = bool(await self._query(cypher_load.ANY_ENTITY))
        # Into an empty store the text indexes are built once at the end, not row by row:
        # kept up during the load they cost a third of it. open() makes them too, should
        # this process die before then.
        dropped = [] if check else await self._query(cypher_load.SEARCH_INDEXES)
        for [name] in dropped:
            await self._alone(cypher_load.drop_index(name))
        try:
            while (batch := await asyncio.to_thread(next, batches, None)) is not None:
                load = partial(neo4j_io.load, subgraph=batch, marker=marker, check=check)
                await self._write(load)
        except BaseException:
            for edge_type in EdgeType if check else ():
                await self._repeat(cypher_load.unload_edges(edge_type), marker=marker)
            await self._repeat(cypher_load.UNLOAD_TIES, marker=marker)
            await self._repeat(cypher_load.UNLOAD_NODES, marker=marker)
            await self._moved_on()
            raise
        finally:
            if dropped:
                for statement in cypher.schema():
                    await self._alone(statement)
                await self._query(cypher.AWAIT_INDEXES)

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
