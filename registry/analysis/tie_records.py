"""From stored edges to ties: each collaboration, shared activity and PART_OF between two
organisations becomes a `ties.Part`, and parallel parts merge into one tie per pair.

A tie is a dict with ``weight`` (its parts' sum over its history), ``kinds``, ``years`` (the
set of years it is active), ``parts``, ``collaborations`` (the direct ties behind it) and
``activities`` (activity id to the years both took part); see `registry.analysis.graph`.
"""

from collections import defaultdict
from datetime import date
from itertools import combinations
from typing import Any

from registry.analysis import ties
from registry.analysis.filters import AnalysisFilter
from registry.domain.enums import EdgeType, NodeKind
from registry.store.records import EdgeRecord, NodeRecord

Tie = dict[str, Any]


def _year(value: Any) -> int | None:
    if value is None:
        return None
    return value.year if isinstance(value, date) else int(str(value)[:4])


def _day(value: Any) -> date | None:
    if not value:
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def tie_years(props: dict[str, Any], registered: str, current_year: int) -> set[int]:
    """The years a period covers. A period without an end runs to `current_year`; one without
    a start begins in the year it was `registered` (ISO time), so the trend invents no history.
    """
    start, end = _year(props.get("start_date")), _year(props.get("end_date"))
    if start is None:
        start = _year(registered or None) or current_year
        if end is not None:
            start = min(start, end)
    if end is None:
        end = max(start, current_year)
    return set(range(start, end + 1))


def _period(props: dict[str, Any], registered: str) -> tuple[date | None, date | None]:
    """(start, end) of a period; an undated start is the day it was registered."""
    start, end = _day(props.get("start_date")) or _day(registered), _day(props.get("end_date"))
    return (min(start, end) if start and end else start), end


class _Ties:
    """Parallel ties between the same two organisations, merged as they are added."""

    def __init__(self, flt: AnalysisFilter) -> None:
        self.flt = flt
        self.data: dict[tuple[str, str], Tie] = {}

    def add(self, u: str, v: str, part: ties.Part, years: set[int]) -> Tie:
        """The merged tie, or an empty dict when the tie falls outside the filter's years."""
        years = self.flt.years(years)
        if not years:
            return {}
        key = (u, v) if u < v else (v, u)
        tie = self.data.setdefault(
            key,
            {"weight": 0.0, "kinds": set(), "years": set(), "parts": [], "collaborations": [],
             "activities": {}},
        )  # fmt: skip
        tie["weight"] += part.weight
        tie["kinds"].add(part.kind)
        tie["years"] |= years
        tie["parts"].append(part)
        return tie


def merged_ties(
    edges: dict[EdgeType, list[EdgeRecord]],
    nodes: dict[str, NodeRecord],
    flt: AnalysisFilter,
    year: int,
) -> dict[tuple[str, str], Tie]:
    """Every tie between two organisations of `nodes`, keyed by its ends in id order;
    `edges` by type, `year` ends open periods (see `tie_years`)."""
    tied = _Ties(flt)
    for e in edges[EdgeType.COLLABORATES_WITH]:
        kind = e.props.get("kind", "PARTNERSHIP")
        start, end = _period(e.props, e.created_at)
        source = e.from_id if kind in ties.DIRECTED_KINDS else None
        part = ties.Part(kind, float(e.props.get("strength", 3)), start, end, source, e.id)
        if tie := tied.add(e.from_id, e.to_id, part, tie_years(e.props, e.created_at, year)):
            tie["collaborations"].append(_collaboration(e))
    _add_activity_ties(tied, edges[EdgeType.PARTICIPATES_IN], nodes, year)
    # An undated PART_OF is standing structure: it holds in every year the ties cover.
    first = min((min(t["years"]) for t in tied.data.values()), default=year)
    for e in edges[EdgeType.PART_OF]:
        if nodes[e.from_id].kind is NodeKind.ORGANISATION is nodes[e.to_id].kind:
            dated = e.props.get("start_date") or e.props.get("end_date")
            years = tie_years(e.props, e.created_at, year) if dated else set(range(first, year + 1))
            start, end = _period(e.props, e.created_at) if dated else (None, None)
            part = ties.Part(ties.PART_OF, ties.PART_OF_WEIGHT, start, end, None, e.id)
            tied.add(e.from_id, e.to_id, part, years)
    return tied.data


def _collaboration(e: EdgeRecord) -> dict[str, Any]:
    return {
        "id": e.id,
        "kind": e.props.get("kind", "PARTNERSHIP"),
        "strength": e.props.get("strength", 3),
        "start": e.props.get("start_date"),
        "end": e.props.get("end_date"),
    }


def _add_activity_ties(
    tied: _Ties, participations: list[EdgeRecord], nodes: dict[str, NodeRecord], year: int
) -> None:
    """Shared activities, weighed by `ties.activity_weight`; a funder only to the leads."""
    by_activity: dict[str, dict[str, tuple[str, set[int], date | None, date | None]]]
    by_activity = defaultdict(dict)
    for e in participations:
        activity = nodes[e.to_id]
        years = tie_years(activity.props, activity.created_at, year)
        start, end = _period(activity.props, activity.created_at)
        # A participation with a period of its own covers part of the activity's years.
        if e.props.get("start_date") or e.props.get("end_date"):
            years &= tie_years(e.props, e.created_at, year)
            own_start, own_end = _period(e.props, e.created_at)
            start = max(filter(None, (start, own_start)), default=None)
            end = min(filter(None, (end, own_end)), default=None)
        role = e.props.get("role", "PARTICIPANT")
        by_activity[e.to_id][e.from_id] = (role, years, start, end)
    for activity_id, members in by_activity.items():
        funders = {o for o, m in members.items() if m[0] == "FUNDER"}
        takers = sorted(o for o in members if o not in funders)
        pairs: list[tuple[str, str, float, str | None]]
        pairs = [(u, v, ties.activity_weight(len(takers)), None)
                 for u, v in combinations(takers, 2)]  # fmt: skip
        leads = [o for o in takers if members[o][0] in ("LEAD", "ORGANISER")]
        pairs += [(f, lead, ties.FUNDER_WEIGHT, f) for f in sorted(funders) for lead in leads]
        for u, v, weight, source in pairs:
            (_, yu, su, eu), (_, yv, sv, ev) = members[u], members[v]
            start = max(filter(None, (su, sv)), default=None)
            end = min(filter(None, (eu, ev)), default=None)
            kind = ties.ACTIVITY if source is None else "FUNDING"
            part = ties.Part(kind, weight, start, end, source, activity_id)
            if tie := tied.add(u, v, part, yu & yv):
                tie["activities"][activity_id] = tied.flt.years(yu & yv)
