"""DataLoaders: every relationship field resolves through one batched store call per request."""

from collections import defaultdict
from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from registry.domain.accounts import Caller
from registry.domain.enums import EdgeType
from registry.services.access import seen_nodes
from registry.store.base import Store
from registry.store.query import Direction, EdgeQuery
from registry.store.records import EdgeRecord, NodeRecord


class EdgeLoader(DataLoader[str, list[EdgeRecord]]):
    """The edges of one type leaving (OUT), entering (IN) or touching (BOTH) each node."""

    def __init__(self, store: Store, edge_type: EdgeType, direction: Direction) -> None:
        self.store, self.edge_type, self.direction = store, edge_type, direction
        super().__init__(load_fn=self._load)

    async def _load(self, node_ids: Sequence[str]) -> list[list[EdgeRecord]]:
        query = EdgeQuery((self.edge_type,), tuple(node_ids), self.direction)
        found: dict[str, list[EdgeRecord]] = defaultdict(list)
        wanted = set(node_ids)
        for edge in await self.store.find_edges(query):
            if self.direction is not Direction.IN and edge.from_id in wanted:
                found[edge.from_id].append(edge)
            if self.direction is not Direction.OUT and edge.to_id in wanted:
                found[edge.to_id].append(edge)
        return [found[node_id] for node_id in node_ids]


class Loaders:
    """One set per request, so a request never sees another's cache, nor another's rights."""

    def __init__(self, store: Store, caller: Caller) -> None:
        self.store, self.caller = store, caller
        self.nodes: DataLoader[str, NodeRecord | None] = DataLoader(load_fn=self._visible_nodes)
        self.edges: DataLoader[str, EdgeRecord | None] = DataLoader(load_fn=store.get_edges)
        self._edge_loaders: dict[tuple[EdgeType, Direction], EdgeLoader] = {}

    async def _visible_nodes(self, ids: Sequence[str]) -> list[NodeRecord | None]:
        return await seen_nodes(self.store, self.caller, ids)

    def edges_of(self, edge_type: EdgeType, direction: Direction) -> EdgeLoader:
        key = (edge_type, direction)
        if key not in self._edge_loaders:
            self._edge_loaders[key] = EdgeLoader(self.store, edge_type, direction)
        return self._edge_loaders[key]

    async def linked(
        self, node_id: str, edge_type: EdgeType, direction: Direction
    ) -> list[tuple[EdgeRecord, NodeRecord]]:
        """The edges of a node with the node at the other end, in the order of the edges."""
        edges = await self.edges_of(edge_type, direction).load(node_id)
        others = await self.nodes.load_many([edge.other(node_id) for edge in edges])
        return [(e, n) for e, n in zip(edges, others, strict=True) if n is not None]
