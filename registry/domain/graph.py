"""Which kinds of node exist, which edges may join them, and how each is validated."""

from collections.abc import Callable
from datetime import date
from typing import Any, get_args

from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError
from pydantic_core import PydanticUndefined

from registry.domain import models, rules
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import ValidationFailed

NODE_MODELS: dict[NodeKind, type[models.Entity]] = {
    NodeKind.ORGANISATION: models.Organisation,
    NodeKind.COMMUNITY: models.Community,
    NodeKind.PERSON: models.Person,
    NodeKind.AREA: models.Area,
    NodeKind.TOPIC: models.Topic,
    NodeKind.ACTIVITY: models.Activity,
}

EDGE_MODELS: dict[EdgeType, type[models.Tie]] = {
    EdgeType.PARTICIPATES_IN: models.Participation,
    EdgeType.COLLABORATES_WITH: models.Collaboration,
}

_ORG = NodeKind.ORGANISATION
EDGE_ENDPOINTS: dict[EdgeType, tuple[frozenset[NodeKind], frozenset[NodeKind]]] = {
    EdgeType.CONTACT_FOR: (frozenset({NodeKind.PERSON}), frozenset({_ORG})),
    EdgeType.REPRESENTS: (frozenset({_ORG}), frozenset({NodeKind.COMMUNITY})),
    EdgeType.SERVES: (frozenset({_ORG}), frozenset({NodeKind.COMMUNITY})),
    EdgeType.LOCATED_IN: (frozenset({_ORG, NodeKind.ACTIVITY}), frozenset({NodeKind.AREA})),
    EdgeType.WORKS_ON: (frozenset({_ORG, NodeKind.ACTIVITY}), frozenset({NodeKind.TOPIC})),
    EdgeType.PARTICIPATES_IN: (frozenset({_ORG}), frozenset({NodeKind.ACTIVITY})),
    EdgeType.COLLABORATES_WITH: (frozenset({_ORG}), frozenset({_ORG})),
    EdgeType.PART_OF: (frozenset({_ORG, NodeKind.AREA}), frozenset({_ORG, NodeKind.AREA})),
}

# Ties without a direction: A collaborating with B is the same tie as B with A.
SYMMETRIC = frozenset({EdgeType.COLLABORATES_WITH})


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(part.title() for part in rest)


def _validate(model: type[BaseModel], data: dict[str, Any]) -> dict[str, Any]:
    try:
        return models.dump(model.model_validate(data))
    except PydanticValidationError as exc:
        first = exc.errors()[0]
        field = ".".join(str(p) for p in first["loc"]) or None
        message = first["msg"].removeprefix("Value error, ")
        if field is None and ":" in message:
            field, message = (part.strip() for part in message.split(":", 1))
        raise ValidationFailed(message, field=camel(field) if field else None) from None


def validate_node(kind: NodeKind, data: dict[str, Any]) -> dict[str, Any]:
    """The properties of a node of `kind`, checked and normalised, or ValidationFailed."""
    return _validate(NODE_MODELS[kind], data)


def validate_edge(edge_type: EdgeType, data: dict[str, Any]) -> dict[str, Any]:
    return _validate(EDGE_MODELS.get(edge_type, models.Tie), data)


def _date_fields(model: type[BaseModel]) -> frozenset[str]:
    return frozenset(
        name
        for name, f in model.model_fields.items()
        if f.annotation is date or date in get_args(f.annotation)
    )


_DATES = {kind: _date_fields(model) for kind, model in NODE_MODELS.items()}


def _defaults(model: type[BaseModel]) -> tuple[tuple[str, Callable[[], Any]], ...]:
    """Each optional field with a maker of its default (a fresh list each time for lists)."""
    return tuple(
        (name, f.default_factory or (lambda d=f.default: d))  # type: ignore[misc]
        for name, f in model.model_fields.items()
        if f.default_factory or f.default is not PydanticUndefined
    )


_DEFAULTS = {kind: _defaults(model) for kind, model in NODE_MODELS.items()}


def stored_values(kind: NodeKind, props: dict[str, Any]) -> dict[str, Any]:
    """The field values of props a store holds, which were validated when written: used
    without validating again, only dates (stored as ISO text) turned back into dates. Enums
    stay text, which equals their members (StrEnum). Defaults are filled in here, no model
    built: pydantic inspects a default factory's signature on every call, a third of a page's
    time at 10,000 organisations."""
    dates = _DATES[kind]
    values: dict[str, Any] = {k: date.fromisoformat(v) if k in dates and isinstance(v, str) else v
              for k, v in props.items()}  # fmt: skip
    for name, make in _DEFAULTS[kind]:
        if name not in values:
            values[name] = make()
    return values


def check_endpoints(edge_type: EdgeType, source: NodeKind, target: NodeKind) -> None:
    """Refuse links that make no sense, such as a person collaborating with a topic."""
    sources, targets = EDGE_ENDPOINTS[edge_type]
    fits = source in sources and target in targets
    # A hierarchy joins like to like: a unit within a unit, an area within an area.
    if not fits or (edge_type is EdgeType.PART_OF and source is not target):
        raise ValidationFailed(
            f"{edge_type.value} cannot join {source.value} to {target.value}",
            field="sourceId" if source not in sources else "targetId",
        )


def search_text(kind: NodeKind, props: dict[str, Any]) -> str:
    """What the text search matches against, folded once when the node is written."""
    words = [props.get("name", ""), props.get("org_number", ""), props.get("city", "")]
    return rules.fold(" ".join(w for w in words if w))


def unique_key(kind: NodeKind, props: dict[str, Any]) -> str | None:
    """A value no two nodes may share; the stores enforce it with a unique index."""
    if kind is NodeKind.ORGANISATION and props.get("org_number"):
        return f"org_number:{props['org_number']}"
    return None
