"""The embedded store's side of the shared rules: rows to and from records, and GraphTx over
one SQLite connection inside BEGIN IMMEDIATE."""

import json
import sqlite3
from collections.abc import Coroutine, Iterable, Sequence
from typing import Any, TypeVar

from registry.domain import graph, rules
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import Conflict
from registry.store import embedded_sql as sql
from registry.store.records import Document, EdgeRecord, NodeRecord, Subgraph

T = TypeVar("T")
BULK_CACHE_KIB = 16 * 1024  # SQLite's page cache during a bulk load (2 MiB otherwise)


# Members by value and a parser that knows "{}" at sight: a page reads hundreds of rows,
# most ties carry no properties, and an enum's call and json.loads cost a microsecond or two.
_KINDS, _TYPES = {k.value: k for k in NodeKind}, {t.value: t for t in EdgeType}


def _props(text: str) -> dict[str, Any]:
    return {} if text == "{}" else json.loads(text)


def node_record(row: Sequence[Any]) -> NodeRecord:
    return NodeRecord(row[0], _KINDS[row[1]], _props(row[2]), row[3], row[4], row[5])


def edge_record(row: Sequence[Any]) -> EdgeRecord:
    return EdgeRecord(
        row[0], _TYPES[row[1]], row[2], row[3], _props(row[4]), row[5], row[6], row[7]
    )


# One encoder made once: json.dumps with options makes a new one on every call.
_text = json.JSONEncoder(ensure_ascii=False, sort_keys=True).encode


def _node_columns(n: NodeRecord) -> tuple[Any, ...]:
    """The columns a node's props decide: the props, and what sorting, search and the
    unique index read."""
    archived = int(n.props.get("archived", False))
    sort, search = rules.sort_key(n.props["name"]), graph.search_text(n.kind, n.props)
    return (_text(n.props), sort, search, archived, graph.unique_key(n.kind, n.props))


def _node_row(n: NodeRecord) -> tuple[Any, ...]:
    return (n.id, n.kind.value, *_node_columns(n), n.version, n.created_at, n.updated_at)


def _edge_row(e: EdgeRecord) -> tuple[Any, ...]:
    ends = (e.from_id, e.to_id)
    return (e.id, e.type.value, *ends, _text(e.props), e.version, e.created_at, e.updated_at)


def bulk_insert(conn: sqlite3.Connection, batches: Iterable[Subgraph]) -> None:
    """Add a stream of batches inside the caller's transaction. Into an empty store the lookup
    indexes go first and are built again at the end, in one sorted pass each rather than a
    row at a time; a failure rolls their dropping back with the rows. A larger page cache
    meanwhile keeps the tables' own key indexes in memory longer."""
    indexes = conn.execute(sql.LOOKUP_INDEXES).fetchall() if _empty(conn) else []
    cache_size = conn.execute("PRAGMA cache_size").fetchone()[0]
    conn.execute(f"PRAGMA cache_size = {-BULK_CACHE_KIB}")
    try:
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        for batch in batches:
            insert(conn, batch)
        for _, statement in indexes:
            conn.execute(statement)
    finally:
        conn.execute(f"PRAGMA cache_size = {int(cache_size)}")


def _empty(conn: sqlite3.Connection) -> bool:
    return bool(conn.execute(sql.IS_EMPTY).fetchone()[0])


def insert(conn: sqlite3.Connection, subgraph: Subgraph) -> None:
    """Add nodes and edges as they are, inside the caller's transaction."""
    try:
        conn.executemany(sql.INSERT_NODE, map(_node_row, subgraph.nodes))
        conn.executemany(sql.INSERT_EDGE, map(_edge_row, subgraph.edges))
    except sqlite3.IntegrityError as exc:
        raise Conflict(f"the graph clashes with what the store holds: {exc}") from None


def run_to_end(work: Coroutine[Any, Any, T]) -> T:
    """Run a rule on the SQLite thread. Its awaits are all SqliteTx calls, which never
    suspend, so it ends at its first step; there is no event loop here to wait on."""
    try:
        work.send(None)
    except StopIteration as done:
        return done.value
    work.close()
    raise RuntimeError("a store rule waited on something besides its SQLite transaction")


class SqliteTx:
    """GraphTx over a connection the caller has begun a transaction on."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def _one(self, statement: str, params: Sequence[Any]) -> Any:
        return self._conn.execute(statement, params).fetchone()

    async def node(self, node_id: str) -> NodeRecord | None:
        row = self._one(sql.NODES_BY_IDS, [json.dumps([node_id])])
        return node_record(row) if row else None

    async def edge(self, edge_id: str) -> EdgeRecord | None:
        row = self._one(sql.EDGES_BY_IDS, [json.dumps([edge_id])])
        return edge_record(row) if row else None

    async def kinds(self, node_ids: Sequence[str]) -> dict[str, NodeKind]:
        rows = self._conn.execute(sql.NODE_KINDS, [json.dumps(list(node_ids))])
        return {node_id: NodeKind(kind) for node_id, kind in rows}

    async def holds_key(self, key: str, other_than: str) -> bool:
        return self._one(sql.UNIQUE_HOLDER, (key, other_than)) is not None

    async def joined(self, edge_type: EdgeType, from_id: str, to_id: str, either_way: bool) -> bool:
        ends = (from_id, to_id, either_way, to_id, from_id)
        return self._one(sql.SAME_TIE, (edge_type.value, *ends)) is not None

    async def add_node(self, node: NodeRecord) -> None:
        self._conn.execute(sql.INSERT_NODE, _node_row(node))

    async def put_node(self, node: NodeRecord) -> None:
        params = (*_node_columns(node), node.version, node.updated_at, node.id)
        self._conn.execute(sql.UPDATE_NODE, params)

    async def remove_node(self, node_id: str) -> None:
        self._conn.execute(sql.DELETE_NODE, (node_id,))  # its edges go by ON DELETE CASCADE

    async def add_edge(self, edge: EdgeRecord) -> None:
        self._conn.execute(sql.INSERT_EDGE, _edge_row(edge))

    async def put_edge(self, edge: EdgeRecord) -> None:
        params = (_text(edge.props), edge.version, edge.updated_at, edge.id)
        self._conn.execute(sql.UPDATE_EDGE, params)

    async def remove_edge(self, edge_id: str) -> None:
        self._conn.execute(sql.DELETE_EDGE, (edge_id,))

    async def forget_in_audit(self, node_id: str) -> None:
        self._conn.execute(sql.FORGET_IN_AUDIT, (node_id,))

    async def load(self, subgraph: Subgraph) -> None:
        insert(self._conn, subgraph)

    async def document_version(self, collection: str, doc_id: str) -> int | None:
        row = self._one(sql.DOCUMENT_VERSION, (collection, doc_id))
        return row[0] if row else None

    async def put_document(self, collection: str, doc: Document) -> None:
        self._conn.execute(sql.PUT_DOCUMENT, (collection, doc.id, _text(doc.data), doc.version))
