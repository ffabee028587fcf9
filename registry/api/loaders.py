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

EdgeKey = tuple[str, EdgeType, Direction]  # a node, a type of edge, a direction


class EdgeLoader(DataLoader[EdgeKey, list[EdgeRecord]]):
    """The edges of a type leaving (OUT), entering (IN) or touching (BOTH) a node. The keys of
    all relationship fields resolved together become one store call a direction: a page's
    communities, areas and topics are one read, its contacts another."""

    def __init__(self, store: Store) -> None:
        self.store = store
        super().__init__(load_fn=self._load)

    async def _load(self, keys: Sequence[EdgeKey]) -> list[list[EdgeRecord]]:
        asked: dict[Direction, tuple[set[EdgeType], set[str]]] = {}
        for node_id, edge_type, direction in keys:
            types, ids = asked.setdefault(direction, (set(), set()))
            types.add(edge_type)
            ids.add(node_id)
        wanted = set(keys)
        found: dict[EdgeKey, list[EdgeRecord]] = defaultdict(list)
        for direction, (types, ids) in asked.items():
            query = EdgeQuery(tuple(sorted(types)), tuple(sorted(ids)), direction)
            for edge in await self.store.find_edges(query):
                for end in _ends(edge, direction):
                    if (key := (end, edge.type, direction)) in wanted:
                        found[key].append(edge)
        return [found[key] for key in keys]


def _ends(edge: EdgeRecord, direction: Direction) -> set[str]:
    """The nodes an edge leaves (OUT), enters (IN) or touches (BOTH)."""
    if direction is Direction.OUT:
        return {edge.from_id}
    if direction is Direction.IN:
        return {edge.to_id}
    return {edge.from_id, edge.to_id}


class Loaders:
    """One set per request, so a request never sees another's cache, nor another's rights."""

    def __init__(self, store: Store, caller: Caller) -> None:
        self.store, self.caller = store, caller
        self.nodes: DataLoader[str, NodeRecord | None] = DataLoader(load_fn=self._visible_nodes)
        self.edges: DataLoader[str, EdgeRecord | None] = DataLoader(load_fn=store.get_edges)
        self.edges_of = EdgeLoader(store)

    async def _visible_nodes(self, ids: Sequence[str]) -> list[NodeRecord | None]:
        return await seen_nodes(self.store, self.caller, ids)

    async def linked(
        self, node_id: str, edge_type: EdgeType, direction: Direction
    ) -> list[tuple[EdgeRecord, NodeRecord]]:
        """The edges of a node with the node at the other end, in the order of the edges."""
        edges = await self.edges_of.load((node_id, edge_type, direction))
        others = await self.nodes.load_many([edge.other(node_id) for edge in edges])
        return [(e, n) for e, n in zip(edges, others, strict=True) if n is not None]
