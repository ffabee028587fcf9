"""Store-neutral descriptions of what to fetch: filters, order and paging."""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from registry.domain.enums import EdgeType, NodeKind


class Direction(StrEnum):
    OUT = "OUT"
    IN = "IN"
    BOTH = "BOTH"


@dataclass(frozen=True, slots=True)
class Linked:
    """The node has an edge of one of `edge_types` in `direction` to one of `node_ids`."""

    edge_types: tuple[EdgeType, ...]
    direction: Direction
    node_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class NodeQuery:
    kind: NodeKind
    search: str | None = None  # already folded by domain.rules.fold
    archived: bool | None = False  # None: both active and archived
    equals: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # property in values
    contains_any: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # list property
    linked: tuple[Linked, ...] = ()  # all must hold


class OrderField(StrEnum):
    NAME = "name"
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"


@dataclass(frozen=True, slots=True)
class Order:
    field: OrderField = OrderField.NAME
    descending: bool = False


@dataclass(frozen=True, slots=True)
class EdgeQuery:
    types: tuple[EdgeType, ...]
    node_ids: tuple[str, ...] | None = None  # edges touching any of these, at the given side
    direction: Direction = Direction.BOTH
    equals: dict[str, tuple[Any, ...]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class AuditQuery:
    """Audit entries matching all given conditions, newest first."""

    actor: str | None = None
    action_prefix: str | None = None
    target: str | None = None
    since: str | None = None
    until: str | None = None
