"""DataLoaders: every relationship field resolves through one batched store call per request."""

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from registry.domain.accounts import Caller
from registry.domain.enums import EdgeType
from registry.services.access import seen_nodes, shown
from registry.store.base import Store, edges_by_key
from registry.store.query import Direction
from registry.store.records import EdgeRecord, LinkKey, NodePage, NodeRecord


class EdgeLoader(DataLoader[LinkKey, list[EdgeRecord]]):
    """The edges of a type leaving (OUT), entering (IN) or touching (BOTH) a node. The keys of
    all relationship fields resolved together become one store call a direction: a page's
    communities, areas and topics are one read, its contacts another."""

    def __init__(self, store: Store) -> None:
        self.store = store
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[LinkKey]) -> list[list[EdgeRecord]]:
        found = await edges_by_key(self.store, keys)
        return [found[key] for key in keys]


class Loaders:
    """One set per request, so a request never sees another's cache, nor another's rights."""

    def __init__(self, store: Store, caller: Caller) -> None:
        self.store, self.caller = store, caller
        self.nodes: DataLoader[str, NodeRecord | None] = DataLoader(load_fn=self._visible_nodes)
        self.edges: DataLoader[str, EdgeRecord | None] = DataLoader(load_fn=store.get_edges)
        self.edges_of = EdgeLoader(store)
        self._read_ahead: dict[LinkKey, list[tuple[EdgeRecord, NodeRecord]]] = {}

    async def _visible_nodes(self, ids: Sequence[str]) -> list[NodeRecord | None]:
        return await seen_nodes(self.store, self.caller, ids)

    async def linked(
        self, node_id: str, edge_type: EdgeType, direction: Direction
    ) -> list[tuple[EdgeRecord, NodeRecord]]:
        """The edges of a node with the node at the other end, in the order of the edges."""
        edges = await self.edges_of.load((node_id, edge_type, direction))
        others = await self.nodes.load_many([edge.other(node_id) for edge in edges])
        return [(e, n) for e, n in zip(edges, others, strict=True) if n is not None]

    def read_ahead(
        self, node_id: str, edge_type: EdgeType, direction: Direction
    ) -> list[tuple[EdgeRecord, NodeRecord]] | None:
        """What `linked` gives, when a page has read it ahead; None when it has not."""
        return self._read_ahead.get((node_id, edge_type, direction))

    def prime(self, page: NodePage) -> None:
        """What a page read ahead: its links' edges and far nodes need no store call more."""
        for key, pairs in page.linked.items():
            self.edges_of.prime(key, [edge for edge, _ in pairs])
        far = {node.id: node for pairs in page.linked.values() for _, node in pairs}
        seen = dict(zip(far, shown(self.caller, list(far.values())), strict=True))
        for node_id, node in seen.items():
            self.nodes.prime(node_id, node)
        for key, pairs in page.linked.items():
            self._read_ahead[key] = [(e, n) for e, _ in pairs if (n := seen[e.other(key[0])])]
