"""DataLoaders: every relationship field resolves through one batched store call per request."""

from collections.abc import Sequence
from functools import partial

from strawberry.dataloader import DataLoader

from registry.domain.accounts import Caller
from registry.domain.enums import EdgeType
from registry.services.access import seen_nodes, shown
from registry.store.base import Store, edges_by_key
from registry.store.query import Direction
from registry.store.records import EdgeRecord, LinkKey, NodePage, NodeRecord


async def _edges(store: Store, keys: Sequence[LinkKey]) -> list[list[EdgeRecord]]:
    found = await edges_by_key(store, keys)
    return [found[key] for key in keys]


class EdgeLoader(DataLoader[LinkKey, list[EdgeRecord]]):
    """The edges of a type leaving (OUT), entering (IN) or touching (BOTH) a node. The keys of
    all relationship fields resolved together become one store call a direction: a page's
    communities, areas and topics are one read, its contacts another."""

    def __init__(self, store: Store) -> None:
        # A function, not a bound method: a loader referring to itself would keep the page it
        # cached alive until the cyclic collector's next full pass.
        super().__init__(load_fn=partial(_edges, store))


class Loaders:
    """One set per request, so a request never sees another's cache, nor another's rights."""

    def __init__(self, store: Store, caller: Caller) -> None:
        self.caller = caller
        visible = partial(seen_nodes, store, caller)  # no reference back to this object
        self.nodes: DataLoader[str, NodeRecord | None] = DataLoader(load_fn=visible)
        self.edges: DataLoader[str, EdgeRecord | None] = DataLoader(load_fn=store.get_edges)
        self.edges_of = EdgeLoader(store)
        self._read_ahead: dict[LinkKey, list[tuple[EdgeRecord, NodeRecord]]] = {}

    async def linked(
        self, node_id: str, edge_type: EdgeType, direction: Direction
    ) -> list[tuple[EdgeRecord, NodeRecord]]:
        """The edges of a node with the node at the other end, in the order of the edges."""
        edges = await self.edges_of.load((node_id, edge_type, direction))
        others = await self.nodes.load_many([edge.other(node_id) for edge in edges])
        return [(e, n) for e, n in zip(edges, others, strict=True) if n is not None]

    def clear(self) -> None:
        """Forget everything loaded, when the request is over."""
        for loader in (self.nodes, self.edges, self.edges_of):
            loader.clear_all()
        self._read_ahead.clear()

    def read_ahead(
        self, node_id: str, edge_type: EdgeType, direction: Direction
    ) -> list[tuple[EdgeRecord, NodeRecord]] | None:
        """What `linked` gives, when a page has read it ahead; None when it has not."""
        return self._read_ahead.get((node_id, edge_type, direction))

    def hold(self, page: NodePage) -> None:
        """What a page read ahead, the far nodes the caller may not see left out. The loaders
        are not primed with it: `read_ahead` answers every field the page read for, and a
        future per edge and node was a tenth of a page's time."""
        far = {node.id: node for pairs in page.linked.values() for _, node in pairs}
        seen = dict(zip(far, shown(self.caller, list(far.values())), strict=True))
        for key, pairs in page.linked.items():
            self._read_ahead[key] = [(e, n) for e, _ in pairs if (n := seen[e.other(key[0])])]
