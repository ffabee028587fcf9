"""What the stores hand back: plain, immutable records of nodes and edges."""

from dataclasses import dataclass, field
from typing import Any

from registry.domain.enums import EdgeType, NodeKind


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
class Document:
    """A versioned JSON document outside the graph, such as an account or an API token."""

    id: str
    version: int
    data: dict[str, Any]
