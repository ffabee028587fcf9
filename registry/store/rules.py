"""The rules every store keeps, written once: which ties may join which nodes, unique keys,
the version check before a change or a deletion, and how documents are created and replaced.

A store supplies the reads and writes of one transaction (GraphTx) and runs them
(RuledStore._transact); the checks and their order, and so the error a caller sees, are
decided here alone. Nothing here knows SQL or Cypher.
"""

from abc import abstractmethod
from collections.abc import Callable, Coroutine, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any, Protocol, TypeVar

from registry.domain import graph
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import Conflict, NotFound, ValidationFailed
from registry.store.base import NEW_NODE, NewEdge, Store, new_id, now
from registry.store.records import Document, EdgeRecord, NodeRecord, Subgraph

T = TypeVar("T")
R = TypeVar("R", NodeRecord, EdgeRecord)


class GraphTx(Protocol):
    """What the rules read and write inside one transaction of a store."""

    async def node(self, node_id: str) -> NodeRecord | None: ...

    async def edge(self, edge_id: str) -> EdgeRecord | None: ...

    async def kinds(self, node_ids: Sequence[str]) -> dict[str, NodeKind]:
        """The kind of each of these nodes that exists."""

    async def holds_key(self, key: str, other_than: str) -> bool:
        """Whether a node other than `other_than` has this unique key."""

    async def joined(self, edge_type: EdgeType, from_id: str, to_id: str, either_way: bool) -> bool:
        """Whether a tie of this type runs from one node to the other (or back, either_way)."""

    async def add_node(self, node: NodeRecord) -> None: ...

    async def put_node(self, node: NodeRecord) -> None:
        """Replace the stored node of this id, kind and creation time by `node`."""

    async def remove_node(self, node_id: str) -> None:
        """Delete the node and every tie touching it."""

    async def add_edge(self, edge: EdgeRecord) -> None: ...

    async def put_edge(self, edge: EdgeRecord) -> None: ...

    async def remove_edge(self, edge_id: str) -> None: ...

    async def forget_in_audit(self, node_id: str) -> None:
        """Drops the id from the targets of the audit entries that name it (erasure)."""

    async def load(self, subgraph: Subgraph) -> None:
        """Add nodes and edges as they are; Conflict where the store holds an id, key or tie."""

    async def document_version(self, collection: str, doc_id: str) -> int | None: ...

    async def put_document(self, collection: str, doc: Document) -> None:
        """Create the document, or replace the one of its id."""


def _check_version(kind: str, entity_id: str, current: int, expected: int | None) -> None:
    if expected is not None and current != expected:
        raise Conflict(
            f"{kind} {entity_id} is at version {current}, not {expected}: reload and try again",
            field="expectedVersion",
        )


def missing(kind: str, entity_id: str, field_name: str = "id") -> NotFound:
    return NotFound(f"no {kind} with id {entity_id}", field=field_name)


def _found(record: R | None, what: str, record_id: str, expected_version: int | None) -> R:
    """The node or tie a write is about: NotFound if there is none, Conflict if it has moved
    on from the version the caller saw."""
    if record is None:
        raise missing(what, record_id)
    name = record.kind if isinstance(record, NodeRecord) else record.type
    _check_version(name.value, record_id, record.version, expected_version)
    return record


def _revised(
    found: R | None, what: str, record_id: str, props: dict[str, Any], expected_version: int | None
) -> R:
    """The node or tie with new props: one version on, stamped now, created when it was."""
    current = _found(found, what, record_id, expected_version)
    return replace(current, props=props, version=current.version + 1, updated_at=now())


async def _check_unique(tx: GraphTx, node: NodeRecord) -> None:
    key = graph.unique_key(node.kind, node.props)
    if key and await tx.holds_key(key, node.id):
        field = graph.camel(key.split(":", 1)[0])
        raise Conflict(f"another {node.kind.value} already has this {field}", field=field)


async def _add_edge(tx: GraphTx, edge: NewEdge, stamp: str) -> EdgeRecord:
    # The order decides which error a caller sees: a tie to itself needs no read, a missing
    # end has no kind to check, and a tie that may not exist cannot be there already.
    if edge.from_id == edge.to_id:
        raise ValidationFailed("a node cannot be tied to itself", field="targetId")
    kinds = await tx.kinds([edge.from_id, edge.to_id])
    for end, field in ((edge.from_id, "sourceId"), (edge.to_id, "targetId")):
        if end not in kinds:
            raise missing("node", end, field)
    graph.check_endpoints(edge.type, kinds[edge.from_id], kinds[edge.to_id])
    either_way = edge.type in graph.SYMMETRIC
    if await tx.joined(edge.type, edge.from_id, edge.to_id, either_way):
        raise Conflict(f"these two are already joined by {edge.type.value}", field="targetId")
    record = EdgeRecord(new_id(), edge.type, edge.from_id, edge.to_id, edge.props, 1, stamp, stamp)
    await tx.add_edge(record)
    return record


async def _remove_node(tx: GraphTx, node_id: str, expected_version: int | None) -> NodeRecord:
    node = _found(await tx.node(node_id), "node", node_id, expected_version)
    await tx.remove_node(node_id)
    return node


def _distinct(batches: Iterable[Subgraph]) -> Iterator[Subgraph]:
    """The batches as they come, refusing a graph that holds an edge id twice, or two ties of
    one type between the same ends: the store would refuse the second, but not always by its
    id (Neo4j keeps edge ids unique per type only). Only hashes are kept, so a graph of
    millions of ties costs tens of megabytes here, not its records."""
    ids: set[int] = set()
    ties: set[int] = set()
    for batch in batches:
        for e in batch.edges:
            tie = hash((e.type, e.from_id, e.to_id))
            if hash(e.id) in ids or tie in ties:
                raise Conflict("the graph holds the same tie twice")
            ids.add(hash(e.id))
            ties.add(tie)
        yield batch


class RuledStore(Store):
    """A store whose writes keep the rules above; a subclass runs the transactions."""

    @abstractmethod
    async def _transact(
        self, work: Callable[[GraphTx], Coroutine[Any, Any, T]], graph_change: bool = True
    ) -> T:
        """`work` as one transaction, queued behind every other write; only a graph change
        moves `version()` on. A store may run `work` again when an attempt fails for a
        passing reason, so `work` makes its ids and times itself."""

    @abstractmethod
    async def _load_stream(self, batches: Iterator[Subgraph]) -> None:
        """Add the batches as they are, all or nothing; `next(batches)` blocks (it may read a
        file), so a store calls it off the event loop."""

    @abstractmethod
    async def _scrub(self) -> None:
        """After an erasure: push what was deleted out of the store's files, as far as the
        store can."""

    async def create_node(
        self, kind: NodeKind, props: dict[str, Any], edges: Sequence[NewEdge] = ()
    ) -> NodeRecord:
        async def create(tx: GraphTx) -> NodeRecord:
            stamp = now()
            node = NodeRecord(new_id(), kind, props, 1, stamp, stamp)
            await _check_unique(tx, node)
            await tx.add_node(node)
            for edge in edges:
                from_id, to_id = (
                    node.id if end == NEW_NODE else end for end in (edge.from_id, edge.to_id)
                )
                await _add_edge(tx, NewEdge(edge.type, from_id, to_id, edge.props), stamp)
            return node

        return await self._transact(create)

    async def update_node(
        self, node_id: str, props: dict[str, Any], expected_version: int | None
    ) -> NodeRecord:
        async def update(tx: GraphTx) -> NodeRecord:
            node = _revised(await tx.node(node_id), "node", node_id, props, expected_version)
            await _check_unique(tx, node)
            await tx.put_node(node)
            return node

        return await self._transact(update)

    async def delete_node(self, node_id: str, expected_version: int | None) -> NodeRecord:
        return await self._transact(lambda tx: _remove_node(tx, node_id, expected_version))

    async def erase_node(self, node_id: str, expected_version: int | None = None) -> NodeRecord:
        async def erase(tx: GraphTx) -> NodeRecord:
            node = await _remove_node(tx, node_id, expected_version)
            await tx.forget_in_audit(node_id)
            return node

        erased = await self._transact(erase)
        await self._scrub()
        return erased

    async def create_edge(self, edge: NewEdge) -> EdgeRecord:
        return await self._transact(lambda tx: _add_edge(tx, edge, now()))

    async def update_edge(
        self, edge_id: str, props: dict[str, Any], expected_version: int | None
    ) -> EdgeRecord:
        async def update(tx: GraphTx) -> EdgeRecord:
            edge = _revised(await tx.edge(edge_id), "tie", edge_id, props, expected_version)
            await tx.put_edge(edge)
            return edge

        return await self._transact(update)

    async def delete_edge(self, edge_id: str) -> EdgeRecord:
        async def delete(tx: GraphTx) -> EdgeRecord:
            edge = _found(await tx.edge(edge_id), "tie", edge_id, None)
            await tx.remove_edge(edge_id)
            return edge

        return await self._transact(delete)

    async def import_graph(self, subgraph: Subgraph) -> None:
        [checked] = _distinct([subgraph])
        await self._transact(lambda tx: tx.load(checked))

    async def import_stream(self, batches: Iterable[Subgraph]) -> None:
        await self._load_stream(_distinct(batches))

    async def save_document(
        self, collection: str, doc_id: str, data: dict[str, Any], expected_version: int | None
    ) -> Document:
        async def save(tx: GraphTx) -> Document:
            version = await tx.document_version(collection, doc_id)
            if expected_version is None:
                if version is not None:
                    raise Conflict(f"{collection} {doc_id} exists already", field="id")
            elif version is None:
                raise missing(collection, doc_id)
            else:
                _check_version(collection, doc_id, version, expected_version)
            doc = Document(doc_id, (version or 0) + 1, data)
            await tx.put_document(collection, doc)
            return doc

        return await self._transact(save, graph_change=False)
