"""What the stores hand back: plain, immutable records of nodes and edges."""

from dataclasses import dataclass, field
from typing import Any

from registry.domain.enums import EdgeType, NodeKind
from registry.store.query import Direction

LinkKey = tuple[str, EdgeType, Direction]  # a node, a type of edge, a direction


@dataclass(frozen=True, slots=True)
class NodeRecord:
    id: str
    kind: NodeKind
    props: dict[str, Any]
    version: int = 1
    created_at: str = ""
    updated_at: str = ""


@dataclass(frozen=True, slots=True)
class EdgeRecord:
    id: str
    type: EdgeType
    from_id: str
    to_id: str
    props: dict[str, Any] = field(default_factory=dict)
    version: int = 1
    created_at: str = ""
    updated_at: str = ""

    def other(self, node_id: str) -> str:
        return self.to_id if node_id == self.from_id else self.from_id


@dataclass(frozen=True, slots=True)
class Subgraph:
    nodes: list[NodeRecord]
    edges: list[EdgeRecord]


@dataclass(frozen=True, slots=True)
class NodePage:
    """A page of nodes, how many match in all, and for each page node and link asked for its
    edges (in `find_edges` order) with the node at their far end."""

    nodes: list[NodeRecord]
    total: int
    linked: dict[LinkKey, list[tuple[EdgeRecord, NodeRecord]]]


@dataclass(frozen=True, slots=True)
class Document:
    """A versioned JSON document outside the graph, such as an account or an API token."""

    id: str
    version: int
    data: dict[str, Any]
