"""The Neo4j store's work inside one transaction: timed statements, records to and from
property maps, the bulk import, and the audit entries beside the graph."""

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from contextlib import AbstractContextManager as ContextManager
from contextlib import nullcontext
from dataclasses import dataclass
from time import perf_counter
from typing import Any, TypeVar

from neo4j import AsyncManagedTransaction, AsyncSession, AsyncTransaction

from registry.domain import graph, rules
from registry.domain.audit import AuditEntry
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import Conflict
from registry.store import cypher, cypher_load
from registry.store.cypher import Mode, Statement
from registry.store.records import Document, EdgeRecord, NodeRecord, Subgraph

T = TypeVar("T")
K = TypeVar("K")
R = TypeVar("R", NodeRecord, EdgeRecord)
log = logging.getLogger(__name__)
BATCH = 1000  # rows per UNWIND when importing


@dataclass(slots=True)
class Timing:
    calls: int = 0
    seconds: float = 0.0


class Tx:
    """One managed transaction that times each statement and refuses writes when reading."""

    def __init__(
        self,
        tx: AsyncManagedTransaction | AsyncTransaction,
        mode: Mode,
        timings: dict[str, Timing],
    ):
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


def pipelined_begin(session: AsyncSession) -> ContextManager[Any]:
    """While inside, the session's BEGIN waits to go with the transaction's first statement,
    a round trip less, as the driver's own `execute_query` does. The driver keeps the switch
    private (`_pipelined_begin`); without it, BEGIN is answered first as before."""
    switch = getattr(session, "_pipelined_begin", None)
    return switch if switch is not None else nullcontext()


class SharedRead:
    """One read transaction that the reads of a request take turns on (a transaction runs one
    statement at a time). Once closed, reads that outlive the request (a background analysis
    started by it) open their own again."""

    def __init__(self, session: AsyncSession, tx: AsyncTransaction) -> None:
        self._session, self._tx, self._turn, self.open = session, tx, asyncio.Lock(), True

    @classmethod
    async def begin(cls, session: AsyncSession, limit: float) -> "SharedRead":
        """Begun with the first statement; the server ends it after `limit` seconds."""
        with pipelined_begin(session):
            return cls(session, await session.begin_transaction(timeout=limit))

    async def read(self, work: Callable[[Tx], Awaitable[T]], timings: dict[str, Timing]) -> T:
        async with self._turn:
            return await work(Tx(self._tx, Mode.READ, timings))

    async def close(self) -> None:
        """Ends the transaction (nothing to commit: it only read) and its session."""
        self.open = False
        try:
            async with self._turn:
                await self._tx.close()
        finally:
            await self._session.close()


# What a stored property map holds beside the domain props: the record's own fields and the
# store's helpers. Enum members by value through a dict: calling the enum costs more.
_NOT_NODE_PROPS = cypher.NODE_FIELDS | cypher.NODE_HELPERS
_NOT_EDGE_PROPS = cypher.EDGE_FIELDS | cypher.EDGE_HELPERS
_KINDS = {kind.value: kind for kind in NodeKind}
_TYPES = {edge_type.value: edge_type for edge_type in EdgeType}


def node_record(props: Mapping[str, Any], kind: str) -> NodeRecord:
    own = {k: props[k] for k in sorted(props.keys() - _NOT_NODE_PROPS)}
    return NodeRecord(
        props["id"], _KINDS[kind], own, props["version"], props["created_at"], props["updated_at"]
    )


def edge_record(props: Mapping[str, Any], edge_type: str, from_id: str, to_id: str) -> EdgeRecord:
    own = {k: props[k] for k in sorted(props.keys() - _NOT_EDGE_PROPS)}
    return EdgeRecord(
        props["id"], _TYPES[edge_type], from_id, to_id, own,
        props["version"], props["created_at"], props["updated_at"],
    )  # fmt: skip


def node_from_columns(row: list[Any]) -> NodeRecord:
    """A node from a row of cypher.ALL_NODES."""
    props = {k: v for k, v in zip(cypher.NODE_KEYS, row[5:], strict=True) if v is not None}
    return NodeRecord(row[0], NodeKind(row[4]), props, row[1], row[2], row[3])


def edge_from_columns(row: list[Any]) -> EdgeRecord:
    """An edge from a row of cypher.ALL_EDGES."""
    props = {k: v for k, v in zip(cypher.EDGE_KEYS, row[7:], strict=True) if v is not None}
    return EdgeRecord(row[0], EdgeType(row[4]), row[5], row[6], props, *row[1:4])


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
    own = _own(e.props, cypher.EDGE_FIELDS | cypher.EDGE_HELPERS)
    return {
        **own,
        "id": e.id,
        "version": e.version,
        "created_at": e.created_at,
        "updated_at": e.updated_at,
    }


def _batches(rows: list[T]) -> list[list[T]]:
    return [rows[i : i + BATCH] for i in range(0, len(rows), BATCH)]


def _row(props: dict[str, Any], columns: tuple[str, ...]) -> list[Any]:
    """The props as a list in the order of an import statement's columns."""
    row = [props.pop(column, None) for column in columns]
    if props:  # a property its model does not know would otherwise be dropped unseen
        raise ValueError(f"props the import does not know: {sorted(props)}")
    return row


def _grouped(records: Iterable[R], key: Callable[[R], K]) -> dict[K, list[R]]:
    groups: dict[K, list[R]] = {}
    for record in records:
        groups.setdefault(key(record), []).append(record)
    return groups


async def load(tx: Tx, subgraph: Subgraph, marker: str | None = None, check: bool = True) -> None:
    """Refuse what SQLite's keys refuse in the embedded store: a taken node id or unique key
    (left to the constraints), an edge id taken by any type, a tie the store holds (these two
    only when `check`: an empty store holds none), and an end that exists neither in the
    graph nor in the store. Nodes carry `marker`, and ties too when `check`: a tie of an
    empty store has an end of its own load, and goes when that end goes."""
    for kind, nodes in _grouped(subgraph.nodes, lambda n: n.kind).items():
        columns, statement = cypher_load.import_nodes(kind)
        rows = [_row(node_props(n), columns) for n in nodes]
        for batch in _batches(rows):
            await tx.run(statement, rows=batch, marker=marker)
    for edge_type, edges in _grouped(subgraph.edges, lambda e: e.type).items():
        columns, statement = cypher_load.import_edges(edge_type)
        rows = [[e.from_id, e.to_id, *_row(edge_props(e), columns)] for e in edges]
        for ties in _batches(rows):
            if check and await tx.run(cypher_load.EDGE_IDS_TAKEN, ids=[row[2] for row in ties]):
                raise Conflict("the graph clashes with what the store holds: an edge id is taken")
            if check and await tx.run(cypher_load.ties_taken(edge_type), rows=ties):
                raise Conflict("the graph clashes with what the store holds: a tie is taken")
            [[created]] = await tx.run(statement, rows=ties, marker=marker if check else None)
            if created < len(ties):
                raise Conflict("a tie's end is neither in the graph nor in the store")


def document_record(doc_id: str, version: int, data: str) -> Document:
    return Document(doc_id, version, json.loads(data))


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
