"""GraphQL inputs: new entities and patches derived from the domain models, filters and order."""

import dataclasses
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

import strawberry
from pydantic import create_model
from strawberry.experimental import pydantic as sp

from registry.domain import models
from registry.domain.enums import (
    ActivityKind,
    AreaKind,
    CollaborationKind,
    CommunityDimension,
    EdgeType,
    NodeKind,
    OrganisationKind,
    ParticipantRole,
)
from registry.domain.graph import NODE_MODELS
from registry.services import filters
from registry.store.query import Direction, EdgeQuery, NodeQuery, Order, OrderField


def _partial(model: type[models.Props]) -> type[models.Props]:
    """The model with every field optional: what a patch may carry."""
    fields: dict[str, Any] = {}
    for name, info in model.model_fields.items():
        assert info.annotation is not None  # pydantic gives every declared field one
        fields[name] = (info.annotation | None, None)
    return create_model(f"{model.__name__}Patch", __base__=models.Props, **fields)


def _new(model: type[models.Props], name: str) -> type:
    return sp.input(model=model, all_fields=True, name=f"{name}Input")(type(name, (), {}))


def _patch(model: type[models.Props], name: str) -> type:
    patch = f"{name}Patch"
    return sp.input(model=_partial(model), all_fields=True, name=patch)(type(patch, (), {}))


INPUTS: dict[NodeKind, tuple[type, type]] = {
    kind: (_new(model, kind.value), _patch(model, kind.value))
    for kind, model in NODE_MODELS.items()
}
if TYPE_CHECKING:  # classes built at import time: to mypy, values read through to_props
    CollaborationPatch = object
    TiePatch = object
else:
    CollaborationPatch = _patch(models.Collaboration, "Collaboration")
    TiePatch = _patch(models.Participation, "Tie")


def to_props(value: Any) -> dict[str, Any]:
    """The fields a caller gave, as plain values the domain models validate."""
    raw = {f.name: getattr(value, f.name) for f in dataclasses.fields(value)}
    return {
        k: (v.value if isinstance(v, Enum) else v)
        for k, v in raw.items()
        if v is not None and v is not strawberry.UNSET
    }


@strawberry.input(description="Link two nodes, such as an organisation to a community.")
class LinkInput:
    type: EdgeType
    source_id: strawberry.ID
    target_id: strawberry.ID
    role: ParticipantRole | None = None
    start_date: date | None = None
    end_date: date | None = None


@strawberry.enum
class SortField(Enum):
    NAME = "name"
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"


@strawberry.input
class Ordering:
    field: SortField = SortField.NAME
    descending: bool = False

    def to_order(self) -> Order:
        return Order(OrderField(self.field.value), self.descending)


@strawberry.input(description="Conditions every listed node meets; empty lists are ignored.")
class ListFilter:
    search: str | None = strawberry.field(
        default=None, description="Part of the name, any case, with or without æøå and accents."
    )
    archived: bool | None = strawberry.field(
        default=False, description="false: active only (default); true: archived; null: both."
    )

    def base(self, node_kind: NodeKind, /, **equals: list | None) -> NodeQuery:
        return filters.node_query(node_kind, self.search, self.archived, **equals)


@strawberry.input
class OrganisationFilter(ListFilter):
    kinds: list[OrganisationKind] | None = None
    community_ids: list[strawberry.ID] | None = None
    area_ids: list[strawberry.ID] | None = None
    topic_ids: list[strawberry.ID] | None = None
    activity_ids: list[strawberry.ID] | None = None

    def to_query(self) -> NodeQuery:
        return filters.organisation_query(
            search=self.search,
            archived=self.archived,
            kinds=self.kinds,
            community_ids=self.community_ids,
            area_ids=self.area_ids,
            topic_ids=self.topic_ids,
            activity_ids=self.activity_ids,
        )


@strawberry.input
class CommunityFilter(ListFilter):
    dimensions: list[CommunityDimension] | None = None
    organisation_ids: list[strawberry.ID] | None = None

    def to_query(self) -> NodeQuery:
        return dataclasses.replace(
            self.base(NodeKind.COMMUNITY, dimension=self.dimensions),
            linked=filters.links(
                ((EdgeType.REPRESENTS, EdgeType.SERVES), Direction.IN, self.organisation_ids)
            ),
        )


@strawberry.input
class PersonFilter(ListFilter):
    organisation_ids: list[strawberry.ID] | None = None
    languages: list[str] | None = None

    def to_query(self) -> NodeQuery:
        return dataclasses.replace(
            self.base(NodeKind.PERSON),
            linked=filters.links(((EdgeType.CONTACT_FOR,), Direction.OUT, self.organisation_ids)),
            contains_any={"languages": tuple(self.languages)} if self.languages else {},
        )


@strawberry.input
class AreaFilter(ListFilter):
    kinds: list[AreaKind] | None = None

    def to_query(self) -> NodeQuery:
        return self.base(NodeKind.AREA, kind=self.kinds)


@strawberry.input
class TopicFilter(ListFilter):
    grant_priority: bool | None = None

    def to_query(self) -> NodeQuery:
        flag = None if self.grant_priority is None else [self.grant_priority]
        return self.base(NodeKind.TOPIC, grant_priority=flag)


@strawberry.input
class ActivityFilter(ListFilter):
    kinds: list[ActivityKind] | None = None
    grant_years: list[int] | None = None
    oxlo: bool | None = None
    organisation_ids: list[strawberry.ID] | None = None
    area_ids: list[strawberry.ID] | None = None
    topic_ids: list[strawberry.ID] | None = None

    def to_query(self) -> NodeQuery:
        oxlo = None if self.oxlo is None else [self.oxlo]
        return dataclasses.replace(
            self.base(NodeKind.ACTIVITY, kind=self.kinds, grant_year=self.grant_years, oxlo=oxlo),
            linked=filters.links(
                ((EdgeType.PARTICIPATES_IN,), Direction.IN, self.organisation_ids),
                ((EdgeType.LOCATED_IN,), Direction.OUT, self.area_ids),
                ((EdgeType.WORKS_ON,), Direction.OUT, self.topic_ids),
            ),
        )


@strawberry.input
class CollaborationFilter:
    organisation_ids: list[strawberry.ID] | None = None
    kinds: list[CollaborationKind] | None = None

    def to_query(self) -> EdgeQuery:
        kinds = {"kind": tuple(k.value for k in self.kinds)} if self.kinds else {}
        ids = tuple(self.organisation_ids) if self.organisation_ids else None
        return EdgeQuery((EdgeType.COLLABORATES_WITH,), ids, Direction.BOTH, kinds)
