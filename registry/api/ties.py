"""GraphQL types of ties: collaborations, participations, any link, and subgraphs."""

from datetime import date
from typing import TYPE_CHECKING, Self, TypeVar

import strawberry

from registry.api.context import Info
from registry.api.nodes import (
    Activity,
    Entity,
    Node,
    Organisation,
    from_model,
    from_stored,
    to_type,
)
from registry.domain import models
from registry.domain.enums import EdgeType
from registry.domain.enums import ParticipantRole as Role
from registry.store.records import EdgeRecord, Subgraph

if TYPE_CHECKING:  # strawberry.enum returns the enum it was given, as an untyped value
    LinkType = EdgeType
else:
    LinkType = strawberry.enum(EdgeType, name="LinkType", description="The kinds of tie.")
E = TypeVar("E", bound=Entity)


def _extra(edge: EdgeRecord) -> dict:
    return {
        "id": strawberry.ID(edge.id),
        "version": edge.version,
        "from_id": edge.from_id,
        "to_id": edge.to_id,
    }


async def _node(info: Info, node_id: str) -> Entity:
    record = await info.context.loaders.nodes.load(node_id)
    assert record is not None, "only ties with both ends visible are resolved"
    return to_type(record)


async def _end(info: Info, node_id: str, kind: type[E]) -> E:
    """A tie's end of the kind its type allows (the domain checks ends when a tie is made)."""
    node = await _node(info, node_id)
    assert isinstance(node, kind), f"a tie's end is not {kind.__name__}"
    return node


@from_model(models.Participation)
class Participation(Node):
    version: int
    from_id: strawberry.Private[str]
    to_id: strawberry.Private[str]

    @strawberry.field
    async def organisation(self, info: Info) -> Organisation:
        return await _end(info, self.from_id, Organisation)

    @strawberry.field
    async def activity(self, info: Info) -> Activity:
        return await _end(info, self.to_id, Activity)


@from_model(models.Collaboration)
class Collaboration(Node):
    version: int
    from_id: strawberry.Private[str]
    to_id: strawberry.Private[str]

    @strawberry.field(description="The two organisations, in the order the tie was entered.")
    async def organisations(self, info: Info) -> list[Organisation]:
        return [await _end(info, i, Organisation) for i in (self.from_id, self.to_id)]


def to_participation(edge: EdgeRecord) -> Participation:
    props = models.Participation.model_validate(edge.props)
    return from_stored(Participation, vars(props), _extra(edge))


def to_collaboration(edge: EdgeRecord) -> Collaboration:
    props = models.Collaboration.model_validate(edge.props)
    return from_stored(Collaboration, vars(props), _extra(edge))


@strawberry.type(description="Any tie between two nodes, with the properties it carries.")
class Link(Node):
    type: LinkType
    version: int
    start_date: date | None
    end_date: date | None
    role: Role | None
    from_id: strawberry.Private[str]
    to_id: strawberry.Private[str]

    @classmethod
    def from_record(cls, edge: EdgeRecord) -> Self:
        props = edge.props
        return cls(
            id=strawberry.ID(edge.id),
            type=edge.type,
            version=edge.version,
            start_date=date.fromisoformat(props["start_date"]) if "start_date" in props else None,
            end_date=date.fromisoformat(props["end_date"]) if "end_date" in props else None,
            role=Role(props["role"]) if "role" in props else None,
            from_id=edge.from_id,
            to_id=edge.to_id,
        )

    @strawberry.field(name="from", description="The node the tie starts at.")
    async def from_node(self, info: Info) -> Entity:
        return await _node(info, self.from_id)

    @strawberry.field(name="to", description="The node the tie ends at.")
    async def to_node(self, info: Info) -> Entity:
        return await _node(info, self.to_id)


@strawberry.type(description="A subgraph ready for a network map.")
class Network:
    nodes: list[Entity]
    links: list[Link]

    @classmethod
    def from_subgraph(cls, sub: Subgraph) -> Self:
        """`sub` as it is: scoping it to the caller is `services.access.neighbourhood`'s job."""
        return cls(
            nodes=[to_type(n) for n in sub.nodes], links=[Link.from_record(e) for e in sub.edges]
        )
