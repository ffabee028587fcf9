"""The organisation graph: which organisations are tied, how strongly, and in which years.

Every analysis in this package runs on the plain undirected graph `build_org_graph` returns.
Its nodes are organisation ids with these attributes:

- ``name``, ``kind`` (an `OrganisationKind` value);
- ``represents``: sorted ids of the communities it represents;
- ``communities``: sorted ids of the communities it represents or serves;
- ``side``: ``"public"`` for municipal units and public bodies, ``"minority"`` for an
  organisation with a community, otherwise ``"wider"`` (the wider society);
- ``group``: the line along which brokerage and cluster alignment are counted: its first
  represented community, else its first served one, else its side;
- ``areas`` (via LOCATED_IN) and ``topics`` (via WORKS_ON), sorted ids.

Edges carry ``weight``, ``kinds`` (collaboration kinds, ``"ACTIVITY"``, ``"PART_OF"``),
``years`` (the set of years the tie is active), ``collaborations`` (the direct ties behind it)
and ``activities`` (activity id to the years both took part). ``graph.graph`` holds the
catalogues ``communities``, ``areas`` and ``topics`` (id to properties) and ``current_year``.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Any

import networkx as nx

from registry.domain.enums import PUBLIC_KINDS, EdgeType, NodeKind, OrganisationKind
from registry.store.records import EdgeRecord, NodeRecord, Subgraph

PUBLIC, MINORITY, WIDER = "public", "minority", "wider"
ACTIVITY_TIE, PART_OF_TIE = "ACTIVITY", "PART_OF"
# A unit and the agency it belongs to work as closely as an ordinary partnership (strength 3).
PART_OF_WEIGHT = 3.0


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

    The public side is otherwise always whole: a Stovner community tied to a city-wide agency
    is bridged even when the analysis is about Stovner.
    """

    communities: frozenset[str] = frozenset()
    areas: frozenset[str] = frozenset()
    topics: frozenset[str] = frozenset()
    kinds: frozenset[OrganisationKind] = frozenset()
    year_from: int | None = None
    year_to: int | None = None

    def __post_init__(self) -> None:
        # Callers (GraphQL inputs) hand over lists and strings; compare as sets of enums.
        for name in ("communities", "areas", "topics"):
            object.__setattr__(self, name, frozenset(getattr(self, name)))
        object.__setattr__(self, "kinds", frozenset(OrganisationKind(k) for k in self.kinds))

    def years(self, years: Iterable[int]) -> set[int]:
        low = self.year_from if self.year_from is not None else -10_000
        high = self.year_to if self.year_to is not None else 10_000
        return {y for y in years if low <= y <= high}


def _year(value: Any) -> int | None:
    if value is None:
        return None
    return value.year if isinstance(value, date) else int(str(value)[:4])


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


class _Ties:
    """Parallel ties between the same two organisations, merged as they are added."""

    def __init__(self, flt: AnalysisFilter) -> None:
        self.flt = flt
        self.data: dict[tuple[str, str], dict[str, Any]] = {}

    def add(self, u: str, v: str, kind: str, weight: float, years: set[int]) -> dict[str, Any]:
        """The merged tie, or an empty dict when the tie falls outside the filter's years."""
        years = self.flt.years(years)
        if not years:
            return {}
        key = (u, v) if u < v else (v, u)
        tie = self.data.setdefault(
            key,
            {"weight": 0.0, "kinds": set(), "years": set(), "collaborations": [], "activities": {}},
        )
        tie["weight"] += weight
        tie["kinds"].add(kind)
        tie["years"] |= years
        return tie


def build_org_graph(
    sub: Subgraph, flt: AnalysisFilter | None = None, *, current_year: int | None = None
) -> nx.Graph:
    """The undirected weighted graph of the active organisations in `sub` (see module doc).

    Ties: COLLABORATES_WITH (weight its strength), PART_OF between organisations (weight
    `PART_OF_WEIGHT`), and shared activities as a weighted bipartite projection: each activity
    with k participants adds 1/(k-1) to every pair taking part in the same years (Newman's
    collaboration weighting, so a two-partner project outweighs a seat at a large conference).
    Parallel ties merge into one edge with summed weight. Archived nodes are left out.
    `current_year` (default: this year) ends open periods; see `tie_years`.
    """
    flt = flt or AnalysisFilter()
    year = current_year or date.today().year
    nodes = {n.id: n for n in sub.nodes if not n.props.get("archived")}
    kind_of = {i: n.kind for i, n in nodes.items()}
    links: dict[str, dict[EdgeType, set[str]]] = defaultdict(lambda: defaultdict(set))
    edges: dict[EdgeType, list[EdgeRecord]] = defaultdict(list)
    for e in sub.edges:
        if e.from_id in nodes and e.to_id in nodes:
            links[e.from_id][e.type].add(e.to_id)
            edges[e.type].append(e)

    orgs = {i: n for i, n in nodes.items() if n.kind is NodeKind.ORGANISATION}
    scope = _area_scope(flt.areas, edges[EdgeType.PART_OF], kind_of)
    graph = nx.Graph(current_year=year, year_to=flt.year_to, **_catalogues(nodes.values()))
    for org_id, org in orgs.items():
        attrs = _org_attrs(org, links[org_id], kind_of)
        if _keep(attrs, flt, scope):
            graph.add_node(org_id, **attrs)

    ties = _Ties(flt)
    for e in edges[EdgeType.COLLABORATES_WITH]:
        years = tie_years(e.props, e.created_at, year)
        kind = e.props.get("kind", "PARTNERSHIP")
        if tie := ties.add(e.from_id, e.to_id, kind, e.props.get("strength", 3), years):
            tie["collaborations"].append(_collaboration(e))
    _add_activity_ties(ties, edges[EdgeType.PARTICIPATES_IN], nodes, year)
    # An undated PART_OF is standing structure: it holds in every year the ties cover.
    first = min((min(t["years"]) for t in ties.data.values()), default=year)
    for e in edges[EdgeType.PART_OF]:
        if kind_of[e.from_id] is NodeKind.ORGANISATION is kind_of[e.to_id]:
            dated = e.props.get("start_date") or e.props.get("end_date")
            years = tie_years(e.props, e.created_at, year) if dated else set(range(first, year + 1))
            ties.add(e.from_id, e.to_id, PART_OF_TIE, PART_OF_WEIGHT, years)

    for (u, v), tie in ties.data.items():
        if u in graph and v in graph:
            tie["kinds"] = sorted(tie["kinds"])
            tie["activities"] = {a: sorted(ys) for a, ys in sorted(tie["activities"].items())}
            graph.add_edge(u, v, **tie)
    return graph


def _catalogues(nodes: Iterable[NodeRecord]) -> dict[str, dict[str, dict[str, Any]]]:
    wanted = {NodeKind.COMMUNITY: "communities", NodeKind.AREA: "areas", NodeKind.TOPIC: "topics"}
    out: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in wanted.values()}
    for n in nodes:
        if n.kind in wanted:
            out[wanted[n.kind]][n.id] = {k: v for k, v in n.props.items() if k != "description"}
    return out


def _org_attrs(
    org: NodeRecord, links: dict[EdgeType, set[str]], kind_of: dict[str, NodeKind]
) -> dict[str, Any]:
    def linked(edge_type: EdgeType, kind: NodeKind) -> list[str]:
        return sorted(i for i in links.get(edge_type, ()) if kind_of[i] is kind)

    kind = OrganisationKind(org.props["kind"])
    represents = linked(EdgeType.REPRESENTS, NodeKind.COMMUNITY)
    communities = sorted({*represents, *linked(EdgeType.SERVES, NodeKind.COMMUNITY)})
    side = PUBLIC if kind in PUBLIC_KINDS else MINORITY if communities else WIDER
    return {
        "name": org.props.get("name", org.id),
        "kind": kind.value,
        "represents": represents,
        "communities": communities,
        "side": side,
        "group": [*represents, *communities][0] if side == MINORITY else side,
        "areas": linked(EdgeType.LOCATED_IN, NodeKind.AREA),
        "topics": linked(EdgeType.WORKS_ON, NodeKind.TOPIC),
    }


def _area_scope(
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


def _keep(attrs: dict[str, Any], flt: AnalysisFilter, scope: frozenset[str]) -> bool:
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


def _collaboration(e: EdgeRecord) -> dict[str, Any]:
    return {
        "id": e.id,
        "kind": e.props.get("kind", "PARTNERSHIP"),
        "strength": e.props.get("strength", 3),
        "start": e.props.get("start_date"),
        "end": e.props.get("end_date"),
    }


def _add_activity_ties(
    ties: _Ties, participations: list[EdgeRecord], nodes: dict[str, NodeRecord], year: int
) -> None:
    by_activity: dict[str, dict[str, set[int]]] = defaultdict(dict)
    for e in participations:
        years = tie_years(nodes[e.to_id].props, nodes[e.to_id].created_at, year)
        # A participation with a period of its own covers part of the activity's years.
        if e.props.get("start_date") or e.props.get("end_date"):
            years &= tie_years(e.props, e.created_at, year)
        by_activity[e.to_id][e.from_id] = years
    for activity_id, members in by_activity.items():
        if len(members) < 2:
            continue
        weight = 1 / (len(members) - 1)
        for (u, yu), (v, yv) in combinations(sorted(members.items()), 2):
            if tie := ties.add(u, v, ACTIVITY_TIE, weight, yu & yv):
                tie["activities"][activity_id] = ties.flt.years(yu & yv)


def community_members(graph: nx.Graph) -> dict[str, list[Any]]:
    """Each community's organisations (those representing it), communities in id order."""
    members: dict[str, list[Any]] = defaultdict(list)
    for node, represents in graph.nodes(data="represents", default=()):
        for community in represents:
            members[community].append(node)
    return dict(sorted(members.items()))


def on_side(graph: nx.Graph, side: str) -> set[Any]:
    """The organisations on `side` (PUBLIC, MINORITY or WIDER)."""
    return {n for n, s in graph.nodes(data="side") if s == side}
