"""How a page's links are asked for and put together, the same on both stores: one query a
direction for the edges of all the page's nodes, then one read of the nodes at their far
ends."""

from collections.abc import Iterable, Sequence

from registry.domain.enums import EdgeType
from registry.store.query import Direction, EdgeQuery
from registry.store.records import EdgeRecord, LinkKey, NodePage, NodeRecord


def link_queries(keys: Sequence[LinkKey]) -> list[tuple[Direction, EdgeQuery]]:
    """One query a direction that finds the edges of all `keys` in that direction."""
    asked: dict[Direction, tuple[set[EdgeType], set[str]]] = {}
    for node_id, edge_type, direction in keys:
        types, ids = asked.setdefault(direction, (set(), set()))
        types.add(edge_type)
        ids.add(node_id)
    return [
        (direction, EdgeQuery(tuple(sorted(types)), tuple(sorted(ids)), direction))
        for direction, (types, ids) in asked.items()
    ]


def sort_links(
    keys: Sequence[LinkKey], found: Iterable[tuple[Direction, list[EdgeRecord]]]
) -> dict[LinkKey, list[EdgeRecord]]:
    """What the `link_queries` found, by key, in the order found."""
    wanted = set(keys)
    by_key: dict[LinkKey, list[EdgeRecord]] = {key: [] for key in keys}
    for direction, edges in found:
        for edge in edges:
            for end in _ends(edge, direction):
                if (key := (end, edge.type, direction)) in wanted:
                    by_key[key].append(edge)
    return by_key


def link_keys(
    nodes: Sequence[NodeRecord], links: Sequence[tuple[EdgeType, Direction]]
) -> list[LinkKey]:
    return [(n.id, edge_type, direction) for n in nodes for edge_type, direction in links]


def far_ids(keys: Sequence[LinkKey], edges: dict[LinkKey, list[EdgeRecord]]) -> list[str]:
    """The nodes at the far ends of the edges of `keys`, once each."""
    return sorted({e.other(key[0]) for key in keys for e in edges[key]})


def assemble_page(
    nodes: list[NodeRecord],
    total: int,
    keys: Sequence[LinkKey],
    edges: dict[LinkKey, list[EdgeRecord]],
    far: dict[str, NodeRecord | None],
) -> NodePage:
    """A page from its parts; an edge whose far node is gone is left out."""
    linked = {
        key: [(e, n) for e in edges[key] if (n := far.get(e.other(key[0]))) is not None]
        for key in keys
    }
    return NodePage(nodes, total, linked)


def _ends(edge: EdgeRecord, direction: Direction) -> set[str]:
    """The nodes an edge leaves (OUT), enters (IN) or touches (BOTH)."""
    if direction is Direction.OUT:
        return {edge.from_id}
    if direction is Direction.IN:
        return {edge.to_id}
    return {edge.from_id, edge.to_id}
