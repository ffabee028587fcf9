"""List filters as store queries, the same for the GraphQL lists, the exports and the CLI."""

import dataclasses
import datetime
from collections.abc import Sequence
from enum import Enum
from typing import Any

from registry.domain import rules
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import ValidationFailed
from registry.store.query import Direction, Linked, NodeQuery

FIRST_YEAR = 1900  # no tie in the registry is older
YEARS_AHEAD = 10  # planned cooperation
LinkCondition = tuple[tuple[EdgeType, ...], Direction, Sequence[str] | None]


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def node_query(
    node_kind: NodeKind, search: str | None, archived: bool | None, /, **equals: Any
) -> NodeQuery:
    """Nodes of `kind`: `search` folded for case, æøå and accents; empty conditions ignored."""
    text = search.strip() if search else ""
    return NodeQuery(
        kind=node_kind,
        search=rules.fold(text) if text else None,
        archived=archived,
        equals={k: tuple(_plain(v) for v in vs) for k, vs in equals.items() if vs},
    )


def links(*conditions: LinkCondition) -> tuple[Linked, ...]:
    """Conditions on linked nodes (any of the ids), leaving out those with no ids."""
    return tuple(Linked(types, d, tuple(ids)) for types, d, ids in conditions if ids)


def organisation_query(
    *,
    search: str | None = None,
    archived: bool | None = False,
    kinds: Sequence[Any] | None = None,
    community_ids: Sequence[str] | None = None,
    area_ids: Sequence[str] | None = None,
    topic_ids: Sequence[str] | None = None,
    activity_ids: Sequence[str] | None = None,
) -> NodeQuery:
    """The organisation list's filter: archived False means active only, None both."""
    return dataclasses.replace(
        node_query(NodeKind.ORGANISATION, search, archived, kind=kinds),
        linked=links(
            ((EdgeType.REPRESENTS, EdgeType.SERVES), Direction.OUT, community_ids),
            ((EdgeType.LOCATED_IN,), Direction.OUT, area_ids),
            ((EdgeType.WORKS_ON,), Direction.OUT, topic_ids),
            ((EdgeType.PARTICIPATES_IN,), Direction.OUT, activity_ids),
        ),
    )


def year_range(year_from: int | None, year_to: int | None) -> tuple[int | None, int | None]:
    """The analysis filter's years, refused outside FIRST_YEAR..this year + YEARS_AHEAD or
    reversed: the analysis works year by year, so a range of billions never ends."""
    last = datetime.date.today().year + YEARS_AHEAD
    for name, year in (("yearFrom", year_from), ("yearTo", year_to)):
        if year is not None and not FIRST_YEAR <= year <= last:
            raise ValidationFailed(f"{name}: a year from {FIRST_YEAR} to {last}", field=name)
    if year_from is not None and year_to is not None and year_to < year_from:
        raise ValidationFailed("yearTo: earlier than yearFrom", field="yearTo")
    return year_from, year_to
