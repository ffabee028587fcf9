"""The embedded store: SQLite in WAL mode, zero set-up, the default."""

import json
from collections.abc import Iterator, Sequence

from registry.domain.audit import AuditEntry
from registry.domain.enums import EdgeType
from registry.store import embedded_sql as sql
from registry.store.embedded_base import EmbeddedBase
from registry.store.embedded_tx import bulk_insert, edge_record, node_record
from registry.store.links import assemble_page, far_ids, link_keys, link_queries, sort_links
from registry.store.query import AuditQuery, Direction, EdgeQuery, NodeQuery, Order
from registry.store.records import Document, EdgeRecord, NodePage, NodeRecord, Subgraph


class EmbeddedStore(EmbeddedBase):
    """The default store: SQLite in WAL mode, zero set-up, every write one transaction."""

    async def get_nodes(self, ids: Sequence[str]) -> list[NodeRecord | None]:
        found = {
            r[0]: node_record(r) for r in await self._read(sql.NODES_BY_IDS, [json.dumps(ids)])
        }
        return [found.get(i) for i in ids]

    async def get_edges(self, ids: Sequence[str]) -> list[EdgeRecord | None]:
        found = {
            r[0]: edge_record(r) for r in await self._read(sql.EDGES_BY_IDS, [json.dumps(ids)])
        }
        return [found.get(i) for i in ids]

    async def find_nodes(
        self, query: NodeQuery, order: Order, offset: int = 0, limit: int | None = None
    ) -> list[NodeRecord]:
        return [
            node_record(r) for r in await self._read(*sql.find_nodes(query, order, offset, limit))
        ]

    async def find_page(
        self,
        query: NodeQuery,
        order: Order,
        offset: int,
        limit: int,
        links: Sequence[tuple[EdgeType, Direction]] = (),
    ) -> NodePage:
        def read() -> NodePage:
            # The base class's reads, made in one hop to the SQLite thread instead of five.
            conn = self._conn
            nodes = [
                node_record(r) for r in conn.execute(*sql.find_nodes(query, order, offset, limit))
            ]
            total = conn.execute(*sql.count_nodes(query)).fetchone()[0]
            keys = link_keys(nodes, links)
            found = [
                (d, [edge_record(r) for r in conn.execute(*sql.find_edges(q, 0, None))])
                for d, q in link_queries(keys)
            ]
            edges = sort_links(keys, found)
            far_nodes = conn.execute(sql.NODES_BY_IDS, [json.dumps(far_ids(keys, edges))])
            return assemble_page(
                nodes, total, keys, edges, {r[0]: node_record(r) for r in far_nodes}
            )

        return await self._run(read)

    async def count_nodes(self, query: NodeQuery) -> int:
        return (await self._read(*sql.count_nodes(query)))[0][0]

    async def find_edges(
        self, query: EdgeQuery, offset: int = 0, limit: int | None = None
    ) -> list[EdgeRecord]:
        return [edge_record(r) for r in await self._read(*sql.find_edges(query, offset, limit))]

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
            inside = [e for e in map(edge_record, edges) if e.from_id in seen and e.to_id in seen]
            return Subgraph([node_record(r) for r in nodes], sorted(inside, key=lambda e: e.id))

        return await self._run(walk)

    async def snapshot(self) -> Subgraph:
        def read() -> Subgraph:
            nodes = [node_record(r) for r in self._conn.execute(sql.ALL_NODES)]
            return Subgraph(nodes, [edge_record(r) for r in self._conn.execute(sql.ALL_EDGES)])

        return await self._run(read)

    async def get_documents(self, collection: str, ids: Sequence[str]) -> list[Document | None]:
        rows = await self._read(sql.DOCUMENTS_BY_IDS, [collection, json.dumps(list(ids))])
        found = {r[0]: Document(r[0], r[1], json.loads(r[2])) for r in rows}
        return [found.get(i) for i in ids]

    async def list_documents(self, collection: str) -> list[Document]:
        rows = await self._read(sql.DOCUMENTS_IN, [collection])
        return [Document(r[0], r[1], json.loads(r[2])) for r in rows]

    async def delete_documents(self, collection: str, ids: Sequence[str]) -> None:
        statement, params = sql.DELETE_DOCUMENTS, (collection, json.dumps(list(ids)))
        await self._write(lambda conn: conn.execute(statement, params), graph_change=False)

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

    async def _load_stream(self, batches: Iterator[Subgraph]) -> None:
        # One transaction, pulled batch by batch on the SQLite thread: SQLite spills a large
        # transaction to its files, and a failure rolls all of it back.
        await self._write(lambda conn: bulk_insert(conn, batches))

    async def clear(self) -> None:
        await self._write(lambda conn: [conn.execute(s) for s in sql.CLEAR.split(";") if s.strip()])


def _audit(row: tuple) -> AuditEntry:
    seq, at, actor, action, targets, details, outcome = row
    return AuditEntry(
        at, actor, action, tuple(json.loads(targets)), json.loads(details), outcome, seq
    )
