"""GraphQL types of the six kinds of node, with their relationship fields."""

import asyncio
import dataclasses
import functools
import inspect
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Annotated, Any

import strawberry
from strawberry.experimental import pydantic as sp
from strawberry.types.private import is_private

from registry.api.context import Info
from registry.domain import models
from registry.domain.enums import EdgeType as E
from registry.domain.enums import NodeKind
from registry.domain.errors import ValidationFailed
from registry.domain.graph import stored_values
from registry.services.access import neighbourhood
from registry.store.query import Direction
from registry.store.records import NodeRecord

if TYPE_CHECKING:
    from registry.api.ties import Collaboration, Participation

ParticipationRef = Annotated["Participation", strawberry.lazy("registry.api.ties")]
CollaborationRef = Annotated["Collaboration", strawberry.lazy("registry.api.ties")]
# Forward references: the types below refer to each other.
OrganisationRef = Annotated["Organisation", strawberry.lazy("registry.api.nodes")]
CommunityRef = Annotated["Community", strawberry.lazy("registry.api.nodes")]
PersonRef = Annotated["Person", strawberry.lazy("registry.api.nodes")]
AreaRef = Annotated["Area", strawberry.lazy("registry.api.nodes")]
TopicRef = Annotated["Topic", strawberry.lazy("registry.api.nodes")]
ActivityRef = Annotated["Activity", strawberry.lazy("registry.api.nodes")]
MAX_DEPTH = 3
OUT, IN, BOTH = Direction.OUT, Direction.IN, Direction.BOTH


def from_model(model: type) -> Callable[[type], type]:
    """A GraphQL type with the model's fields, living in this module so names resolve here."""

    def decorate(cls: type) -> type:
        made: type = sp.type(model=model, all_fields=True, name=cls.__name__)(cls)
        made.__module__ = __name__
        return made

    return decorate


@strawberry.interface(description="Anything with a global id: nodes of every kind, and ties.")
class Node:
    id: strawberry.ID


@strawberry.interface(description="A node of the graph, with its version for safe updates.")
class Entity(Node):
    version: int
    created_at: str
    updated_at: str

    @strawberry.field(description="Nodes within `depth` steps (1-3), of any kind.")
    async def neighbours(self, info: Info, depth: int = 1) -> list["Entity"]:
        check_depth(depth)
        sub = await neighbourhood(info.context.store, info.context.caller, [self.id], depth)
        return [to_type(n) for n in sub.nodes if n.id != self.id]


def check_depth(depth: int) -> None:
    if not 1 <= depth <= MAX_DEPTH:
        raise ValidationFailed(f"depth must be between 1 and {MAX_DEPTH}", field="depth")


def _linked(info: Info, node_id: str, edge_type: E, direction: Direction) -> Any:
    """The objects at the far ends, in a list when a page read them ahead, else in an
    awaitable one. A page's relationship fields then resolve without a task each: with 50
    organisations of five such fields, the event loop's share of the page."""
    ready = info.context.loaders.read_ahead(node_id, edge_type, direction)
    if ready is not None:
        objects = info.context.objects
        return [objects.get(n.id) or objects.setdefault(n.id, to_type(n)) for _, n in ready]
    return _loaded(info, node_id, edge_type, direction)


def _joined(parts: list[Any]) -> Any:
    """The lists in `parts` one after another; awaitable when any part is, awaited together
    so they load in the same batch as the page's other relationship fields."""
    if not any(inspect.isawaitable(part) for part in parts):
        return [item for part in parts for item in part]
    return _joined_later(parts)


async def _joined_later(parts: list[Any]) -> list:
    waiting = iter(await asyncio.gather(*(p for p in parts if inspect.isawaitable(p))))
    return [item for p in parts for item in (next(waiting) if inspect.isawaitable(p) else p)]


async def _loaded(info: Info, node_id: str, edge_type: E, direction: Direction) -> list:
    return [
        to_type(node)
        for _, node in await info.context.loaders.linked(node_id, edge_type, direction)
    ]


@from_model(models.Organisation)
class Organisation(Entity):
    # The fields a page reads ahead (api/prefetch.py) are plain functions: a list when the
    # page brought it, an awaitable one when not, so a page needs no task per field.
    @strawberry.field(description="Contact persons for the organisation.")
    def contacts(self, info: Info) -> list[PersonRef]:
        return _linked(info, self.id, E.CONTACT_FOR, IN)

    @strawberry.field(description="Communities it represents (speaks for).")
    def represents(self, info: Info) -> list[CommunityRef]:
        return _linked(info, self.id, E.REPRESENTS, OUT)

    @strawberry.field(description="Communities it serves without representing them.")
    def serves(self, info: Info) -> list[CommunityRef]:
        return _linked(info, self.id, E.SERVES, OUT)

    @strawberry.field(description="Every community it represents or serves.")
    def communities(self, info: Info) -> list[CommunityRef]:
        return _joined([self.represents(info), self.serves(info)])

    @strawberry.field(description="Districts and municipalities it works in.")
    def areas(self, info: Info) -> list[AreaRef]:
        return _linked(info, self.id, E.LOCATED_IN, OUT)

    @strawberry.field
    def topics(self, info: Info) -> list[TopicRef]:
        return _linked(info, self.id, E.WORKS_ON, OUT)

    @strawberry.field
    async def activities(self, info: Info) -> list[ActivityRef]:
        return await _loaded(info, self.id, E.PARTICIPATES_IN, OUT)

    @strawberry.field(description="Its part in each activity, with the role.")
    async def participations(self, info: Info) -> list[ParticipationRef]:
        from registry.api.ties import to_participation

        edges = await info.context.loaders.edges_of.load((self.id, E.PARTICIPATES_IN, OUT))
        return [to_participation(e) for e in edges]

    @strawberry.field(description="Direct ties with other organisations.")
    async def collaborations(self, info: Info) -> list[CollaborationRef]:
        from registry.api.ties import to_collaboration

        edges = await info.context.loaders.edges_of.load((self.id, E.COLLABORATES_WITH, BOTH))
        return [to_collaboration(e) for e in edges]

    @strawberry.field(description="Organisations it collaborates with directly.")
    async def partners(self, info: Info) -> list[OrganisationRef]:
        return await _loaded(info, self.id, E.COLLABORATES_WITH, BOTH)

    @strawberry.field(description="The unit above it in the municipal hierarchy.")
    async def part_of(self, info: Info) -> OrganisationRef | None:
        above = await _loaded(info, self.id, E.PART_OF, OUT)
        return above[0] if above else None

    @strawberry.field(description="Units directly below it in the municipal hierarchy.")
    async def units(self, info: Info) -> list[OrganisationRef]:
        return await _loaded(info, self.id, E.PART_OF, IN)


@from_model(models.Community)
class Community(Entity):
    @strawberry.field(description="Organisations that represent the community.")
    async def represented_by(self, info: Info) -> list[Organisation]:
        return await _loaded(info, self.id, E.REPRESENTS, IN)

    @strawberry.field(description="Organisations that serve the community.")
    async def served_by(self, info: Info) -> list[Organisation]:
        return await _loaded(info, self.id, E.SERVES, IN)


@from_model(models.Person)
class Person(Entity):
    @strawberry.field(description="Organisations the person is a contact for.")
    async def organisations(self, info: Info) -> list[Organisation]:
        return await _loaded(info, self.id, E.CONTACT_FOR, OUT)


@from_model(models.Area)
class Area(Entity):
    @strawberry.field
    async def organisations(self, info: Info) -> list[Organisation]:
        return [
            n for n in await _loaded(info, self.id, E.LOCATED_IN, IN) if isinstance(n, Organisation)
        ]

    @strawberry.field
    async def activities(self, info: Info) -> list[ActivityRef]:
        return [
            n for n in await _loaded(info, self.id, E.LOCATED_IN, IN) if isinstance(n, Activity)
        ]

    @strawberry.field(description="The larger area it belongs to, such as Oslo for a district.")
    async def part_of(self, info: Info) -> AreaRef | None:
        above = await _loaded(info, self.id, E.PART_OF, OUT)
        return above[0] if above else None

    @strawberry.field
    async def parts(self, info: Info) -> list[AreaRef]:
        return await _loaded(info, self.id, E.PART_OF, IN)


@from_model(models.Topic)
class Topic(Entity):
    @strawberry.field
    async def organisations(self, info: Info) -> list[Organisation]:
        return [
            n for n in await _loaded(info, self.id, E.WORKS_ON, IN) if isinstance(n, Organisation)
        ]

    @strawberry.field
    async def activities(self, info: Info) -> list[ActivityRef]:
        return [n for n in await _loaded(info, self.id, E.WORKS_ON, IN) if isinstance(n, Activity)]


@from_model(models.Activity)
class Activity(Entity):
    @strawberry.field(description="Organisations taking part, with their roles.")
    async def participants(self, info: Info) -> list[ParticipationRef]:
        from registry.api.ties import to_participation

        edges = await info.context.loaders.edges_of.load((self.id, E.PARTICIPATES_IN, IN))
        return [to_participation(e) for e in edges]

    @strawberry.field
    async def areas(self, info: Info) -> list[Area]:
        return await _loaded(info, self.id, E.LOCATED_IN, OUT)

    @strawberry.field
    async def topics(self, info: Info) -> list[Topic]:
        return await _loaded(info, self.id, E.WORKS_ON, OUT)


# Any: the classes are made by strawberry at run time (`from_model`), out of mypy's sight.
TYPES: dict[NodeKind, Any] = {
    NodeKind.ORGANISATION: Organisation,
    NodeKind.COMMUNITY: Community,
    NodeKind.PERSON: Person,
    NodeKind.AREA: Area,
    NodeKind.TOPIC: Topic,
    NodeKind.ACTIVITY: Activity,
}


def to_type(record: NodeRecord) -> Entity:
    """The GraphQL object for a stored node."""
    extra = {
        "id": strawberry.ID(record.id),
        "version": record.version,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
    }
    return from_stored(TYPES[record.kind], stored_values(record.kind, record.props), extra)


def from_stored(cls: Any, values: Mapping[str, Any], extra: dict[str, Any]) -> Any:
    """The object of `cls` (made by `from_model`) for a model's field values, with `extra`.
    Strawberry's `from_pydantic` gives the same object but resolves every field's type again
    for each one: a third of the time of a page of 50 organisations."""
    names = _field_names(cls)
    return cls(**{name: values.get(name) for name in names if name not in extra}, **extra)


@functools.cache
def _field_names(cls: Any) -> tuple[str, ...]:
    """The fields `cls.__init__` takes: its GraphQL fields without a resolver, and private ones.
    The models hold no nested models, so no value needs converting."""
    fields = [f.python_name for f in cls.__strawberry_definition__.fields if f.init]
    private = [f.name for f in dataclasses.fields(cls) if is_private(f.type)]
    return (*fields, *private)
