"""The organisation graph: which organisations are tied, how strongly, and in which years.

`build_org_graph` returns the plain undirected graph of every tie ever recorded (the map and the
trend need the history); every analysis runs on `as_of_graph`, the ties that count on one date.
Its nodes are organisation ids with these attributes:

- ``name``, ``kind`` (an `OrganisationKind` value);
- ``represents``: sorted ids of the communities it represents;
- ``communities``: sorted ids of the communities it represents or serves;
- ``side``: ``"public"`` for municipal units and public bodies, ``"minority"`` for an
  organisation with a community, otherwise ``"wider"`` (the wider society);
- ``group``: the line along which brokerage and cluster alignment are counted: its first
  represented community, else its first served one, else its side;
- ``areas`` (via LOCATED_IN) and ``topics`` (via WORKS_ON), sorted ids;
- ``since``: the start of its first tie (`date.min` for an undated one, None without ties):
  before it, the organisation was not in the records.

Edges carry ``parts`` (`ties.Part`: the tie model), ``weight``, ``kinds`` (collaboration
kinds, ``"ACTIVITY"``, ``"PART_OF"``), ``years`` (the set of years the tie is active),
``collaborations`` (the direct ties behind it) and ``activities`` (activity id to the years
both took part). ``graph.graph`` holds the
catalogues ``communities`` (those in the filter), ``areas`` and ``topics`` (id to properties),
``current_year`` and ``as_of``.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations
from typing import Any

import networkx as nx

from registry.analysis import ties
from registry.domain.enums import PUBLIC_KINDS, EdgeType, NodeKind, OrganisationKind
from registry.store.records import EdgeRecord, NodeRecord, Subgraph

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
        self.data: dict[tuple[str, str], dict[str, Any]] = {}

    def add(self, u: str, v: str, part: ties.Part, years: set[int]) -> dict[str, Any]:
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


def build_org_graph(
    sub: Subgraph, flt: AnalysisFilter | None = None, *, current_year: int | None = None
) -> nx.Graph:
    """The undirected graph of the active organisations in `sub` and every tie they ever had
    (see module doc); `as_of_graph` keeps the ties that count on a date.

    Each tie holds its `ties.Part`s (collaborations, shared activities, PART_OF) as weighed by
    the tie model in `registry.analysis.ties`; ``weight`` sums them over the tie's history.
    Archived nodes are left out. `current_year` (default: the year of the filter's ``as_of``,
    else this year) ends open periods in ``years``; see `tie_years`.
    """
    flt = flt or AnalysisFilter()
    as_of = flt.day()
    year = current_year or as_of.year
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
    catalogues = _catalogues(nodes.values())
    if flt.communities:
        catalogues["communities"] = {
            c: p for c, p in catalogues["communities"].items() if c in flt.communities
        }
    graph = nx.Graph(current_year=year, year_to=flt.year_to, as_of=as_of, **catalogues)
    for org_id, org in orgs.items():
        attrs = _org_attrs(org, links[org_id], kind_of)
        if _keep(attrs, flt, scope):
            graph.add_node(org_id, **attrs)

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
        if kind_of[e.from_id] is NodeKind.ORGANISATION is kind_of[e.to_id]:
            dated = e.props.get("start_date") or e.props.get("end_date")
            years = tie_years(e.props, e.created_at, year) if dated else set(range(first, year + 1))
            start, end = _period(e.props, e.created_at) if dated else (None, None)
            part = ties.Part(ties.PART_OF, ties.PART_OF_WEIGHT, start, end, None, e.id)
            tied.add(e.from_id, e.to_id, part, years)

    for node in graph:
        graph.nodes[node]["since"] = None
    for (u, v), tie in tied.data.items():
        if u in graph and v in graph:
            first = min(p.start or date.min for p in tie["parts"])
            for endpoint in (u, v):
                since = graph.nodes[endpoint]["since"]
                graph.nodes[endpoint]["since"] = min(since or date.max, first)
            tie["kinds"] = sorted(tie["kinds"])
            tie["activities"] = {a: sorted(ys) for a, ys in sorted(tie["activities"].items())}
            graph.add_edge(u, v, **tie)
    return graph


def as_of_graph(G: nx.Graph, day: date | None = None) -> nx.Graph:
    """Every organisation of `G` and the ties that count on `day` (default: ``as_of``), each
    weighing its parts active then; see `registry.analysis.ties`."""
    day = day or G.graph["as_of"]
    out: nx.Graph = nx.Graph(**(G.graph | {"as_of": day}))
    # An organisation whose every tie starts later was not in the records yet.
    out.add_nodes_from((n, d) for n, d in G.nodes(data=True) if (d["since"] or day) <= day)
    for u, v, tie in G.edges(data=True):
        parts = tie["parts"]
        # `ties.weight_on`, summed in the same order, with the active parts kept: the trend
        # calls this once per year on every tie of the history.
        active = [p for p in parts if p.active(day)]
        weight = sum(p.weight for p in active)
        if weight >= ties.MIN_WEIGHT and u in out and v in out:
            out.add_edge(u, v, weight=weight, kinds=sorted({p.kind for p in active}), parts=active)
    return out


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
