"""The one interface both stores implement (the rules their writes keep are in rules.py).

Every write is one transaction: it either happens whole or leaves the store as it was.
Stores raise the domain's typed errors (NotFound, Conflict, ValidationFailed).
"""

import uuid
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from contextlib import AbstractAsyncContextManager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from registry.domain.audit import AuditEntry
from registry.domain.enums import EdgeType, NodeKind
from registry.store.links import assemble_page, far_ids, link_keys, link_queries, sort_links
from registry.store.query import AuditQuery, Direction, EdgeQuery, NodeQuery, Order
from registry.store.records import Document, EdgeRecord, LinkKey, NodePage, NodeRecord, Subgraph

NEW_NODE = "@new"  # stands for the node being created in `create_node`'s edges


@dataclass(frozen=True, slots=True)
class NewEdge:
    type: EdgeType
    from_id: str
    to_id: str
    props: dict[str, Any] = field(default_factory=dict)


def new_id() -> str:
    return str(uuid.uuid4())


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


class Store(ABC):
    """A graph of typed nodes and edges with versioned, transactional writes."""

    name: str

    @abstractmethod
    async def open(self) -> None:
        """Create tables, constraints and indexes if missing (idempotent)."""

    @abstractmethod
    async def close(self) -> None: ...

    @abstractmethod
    async def ping(self) -> bool:
        """True when the store answers; used by /readyz."""

    def reading(self) -> AbstractAsyncContextManager[None]:
        """Inside it, this task's reads (and the tasks it starts) may share one read
        transaction, so that one request costs the store one; writes go on as ever, and a
        read inside does not see them. A store without that gain does nothing."""
        return nullcontext()

    @abstractmethod
    async def version(self) -> int:
        """A counter that grows with every committed write (for caches)."""

    @abstractmethod
    async def get_nodes(self, ids: Sequence[str]) -> list[NodeRecord | None]:
        """The nodes with these ids, in order, None where there is none."""

    @abstractmethod
    async def get_edges(self, ids: Sequence[str]) -> list[EdgeRecord | None]: ...

    @abstractmethod
    async def find_nodes(
        self, query: NodeQuery, order: Order, offset: int = 0, limit: int | None = None
    ) -> list[NodeRecord]:
        """Matching nodes sorted by `order`, then by id, so pages are stable."""

    @abstractmethod
    async def count_nodes(self, query: NodeQuery) -> int: ...

    @abstractmethod
    async def find_edges(
        self, query: EdgeQuery, offset: int = 0, limit: int | None = None
    ) -> list[EdgeRecord]:
        """Matching edges sorted by created_at, then id."""

    @abstractmethod
    async def count_edges(self, query: EdgeQuery) -> int: ...

    async def find_page(
        self,
        query: NodeQuery,
        order: Order,
        offset: int,
        limit: int,
        links: Sequence[tuple[EdgeType, Direction]] = (),
    ) -> NodePage:
        """`find_nodes` and `count_nodes` at once, with each found node's edges of each
        (type, direction) in `links` and the nodes at their far ends: what a page of a list
        shows. A store that can answers in one read; this one asks in four."""
        nodes = await self.find_nodes(query, order, offset, limit)
        total = await self.count_nodes(query)
        keys = link_keys(nodes, links)
        edges = await edges_by_key(self, keys)
        ids = far_ids(keys, edges)
        far = dict(zip(ids, await self.get_nodes(ids) if ids else [], strict=True))
        return assemble_page(nodes, total, keys, edges, far)

    @abstractmethod
    async def neighbourhood(self, ids: Sequence[str], depth: int) -> Subgraph:
        """Nodes within `depth` steps of `ids` along edges of any direction (ids included),
        and every edge between two of those nodes."""

    @abstractmethod
    async def snapshot(self) -> Subgraph:
        """The whole graph, nodes sorted by id and edges sorted by id."""

    @abstractmethod
    async def create_node(
        self, kind: NodeKind, props: dict[str, Any], edges: Sequence[NewEdge] = ()
    ) -> NodeRecord:
        """Create a node with validated props, and edges from or to it (NEW_NODE) at once."""

    @abstractmethod
    async def update_node(
        self, node_id: str, props: dict[str, Any], expected_version: int | None
    ) -> NodeRecord:
        """Replace the props; refuse with Conflict if the version moved on."""

    @abstractmethod
    async def delete_node(self, node_id: str, expected_version: int | None) -> NodeRecord:
        """Delete the node and every edge touching it."""

    @abstractmethod
    async def create_edge(self, edge: NewEdge) -> EdgeRecord:
        """Refuse unknown ends, ends of the wrong kind, self-loops and duplicate ties."""

    @abstractmethod
    async def update_edge(
        self, edge_id: str, props: dict[str, Any], expected_version: int | None
    ) -> EdgeRecord: ...

    @abstractmethod
    async def delete_edge(self, edge_id: str) -> EdgeRecord: ...

    @abstractmethod
    async def import_graph(self, subgraph: Subgraph) -> None:
        """Add a whole graph keeping its ids, versions and times; all or nothing."""

    @abstractmethod
    async def import_stream(self, batches: Iterable[Subgraph]) -> None:
        """Add a graph too large for one transaction, batch by batch (nodes before the ties
        that need them), keeping ids, versions and times; all or nothing: when a batch is
        refused or the batches fail, none of the graph stays. Memory stays that of a batch.
        The batches may block while they are made (they may read a file)."""

    @abstractmethod
    async def clear(self) -> None:
        """Remove every node and edge (restore into a fresh store); documents and audit stay."""

    @abstractmethod
    async def erase_node(self, node_id: str, expected_version: int | None = None) -> NodeRecord:
        """Delete the node and its edges so that nothing of them remains in the store's files
        (right to erasure), as far as the store can promise it. Audit entries that named the
        node lose its id from their targets: they keep what was done, not whom it was about."""

    @abstractmethod
    async def save_document(
        self, collection: str, doc_id: str, data: dict[str, Any], expected_version: int | None
    ) -> Document:
        """Create a document (expected_version None; Conflict if the id is taken) or replace
        it at `expected_version` (Conflict if it moved on, NotFound if there is none).
        Documents are not part of the graph: saving one does not change `version()`."""

    @abstractmethod
    async def get_documents(self, collection: str, ids: Sequence[str]) -> list[Document | None]: ...

    @abstractmethod
    async def list_documents(self, collection: str) -> list[Document]:
        """Every document of the collection, sorted by id."""

    @abstractmethod
    async def delete_documents(self, collection: str, ids: Sequence[str]) -> None:
        """Remove these documents of the collection; ids that are not there are ignored."""

    @abstractmethod
    async def append_audit(self, entries: Sequence[AuditEntry]) -> None:
        """Add entries to the append-only audit log, numbering them in order (seq)."""

    @abstractmethod
    async def find_audit(
        self, query: AuditQuery, offset: int = 0, limit: int | None = None
    ) -> list[AuditEntry]:
        """Matching entries, newest (highest seq) first."""

    @abstractmethod
    async def count_audit(self, query: AuditQuery) -> int: ...


async def edges_by_key(store: Store, keys: Sequence[LinkKey]) -> dict[LinkKey, list[EdgeRecord]]:
    """The edges of each (node, type, direction) key, in `find_edges` order: one read a
    direction for all the keys, whatever their types."""
    return sort_links(keys, [(d, await store.find_edges(q)) for d, q in link_queries(keys)])
