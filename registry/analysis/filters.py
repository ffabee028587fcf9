"""Which organisations and ties an analysis covers: `AnalysisFilter` and how it is applied."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from registry.domain.enums import PUBLIC_KINDS, NodeKind, OrganisationKind
from registry.store.records import EdgeRecord

PUBLIC, MINORITY, WIDER = "public", "minority", "wider"


@dataclass(frozen=True, slots=True)
class AnalysisFilter:
    """Which organisations and ties to analyse; an empty field restricts nothing.

    Filters choose the organisations whose bridges are analysed, not those they bridge to:

    - ``communities`` narrows the minority side to organisations with one of them;
      the wider society and the public side stay whole, since ties to them are the bridges.
    - ``areas`` narrows the minority and wider sides to organisations located in one of the
      areas or in an area PART_OF one; ``topics`` to those working on one of the topics.
    - ``kinds``: the public kinds named narrow the public side, the others the rest; a side
      with none of its kinds named stays whole.
    - ``year_from``/``year_to`` keep the ties active in some year of the range and clip their
      years to it. Organisations stay, so one with no tie in the range shows as isolated.
    - ``as_of``: the date the analysis is as of (see `day`); only ties that count then count.

    The public side is otherwise always whole: a Stovner community tied to a city-wide agency
    is bridged even when the analysis is about Stovner.
    """

    communities: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    kinds: frozenset[OrganisationKind] = frozenset()
    year_from: int | None = None
    year_to: int | None = None
    as_of: date | None = None

    def __post_init__(self) -> None:
        # Callers (GraphQL inputs) hand over lists and strings; compare as sets of enums.
        for name in ("communities", "areas", "topics"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))
        object.__setattr__(self, "kinds", frozenset(OrganisationKind(k) for k in self.kinds))

    def day(self) -> date:
        """The date the analysis is as of: `as_of`, else the end of `year_to` if it is past,
        else today."""
        if self.as_of is not None:
            return self.as_of
        today = date.today()
        return min(today, date(self.year_to, 12, 31)) if self.year_to is not None else today

    def years(self, years: Iterable[int]) -> set[int]:
        low = self.year_from if self.year_from is not None else -10_000
        high = self.year_to if self.year_to is not None else 10_000
        return {y for y in years if low <= y <= high}


def area_scope(
    areas: frozenset[str], part_of: list[EdgeRecord], kind_of: dict[str, NodeKind]
) -> frozenset[str]:
    """The filter's areas and every area inside them, so "Oslo" also keeps its districts."""
    children = defaultdict(set)
    for e in part_of:
        if kind_of[e.from_id] is NodeKind.AREA is kind_of[e.to_id]:
            children[e.to_id].add(e.from_id)
    scope, todo = set(areas), list(areas)
    while todo:
        for child in children[todo.pop()] - scope:
            scope.add(child)
            todo.append(child)
    return frozenset(scope)


def keeps(attrs: dict[str, Any], flt: AnalysisFilter, scope: frozenset[str]) -> bool:
    """Whether the organisation with `attrs` (see `graph`) passes `flt`; `scope` from
    `area_scope`."""
    kind = OrganisationKind(attrs["kind"])
    if attrs["side"] == PUBLIC:
        public_kinds = flt.kinds & PUBLIC_KINDS
        return not public_kinds or kind in public_kinds
    communities = flt.communities if attrs["side"] == MINORITY else frozenset()
    wanted = (
        (flt.kinds - PUBLIC_KINDS, [kind]),
        (communities, attrs["communities"]),
        (scope, attrs["areas"]),
        (flt.topics, attrs["topics"]),
    )
    return all(not allowed or not allowed.isdisjoint(has) for allowed, has in wanted)
