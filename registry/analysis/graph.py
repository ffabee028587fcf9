"""The organisation graph: which organisations are tied, how strongly, and in which years.

`build_org_graph` returns the plain undirected graph of every tie ever recorded (the map and the
trend need the history); every analysis runs on `as_of.as_of_graph`, the ties that count on one
date. The ties are made by `tie_records`, organisations are kept or not by `filters`.
Its nodes are organisation ids with these attributes:

- ``name``, ``kind`` (an `OrganisationKind` value);
- ``represents``: sorted ids of the communities it represents;
- ``communities``: sorted ids of the communities it represents or serves;
- ``side``: ``"public"`` for municipal units and public bodies, ``"minority"`` for an
  organisation with a community, otherwise ``"wider"`` (the wider society);
- ``groups``: the lines along which brokerage is counted: the communities it represents,
  else those it serves, else its side; an organisation counts for each of them;
- ``group``: the first of ``groups``, for cluster alignment and the map's colours;
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
from datetime import date
from typing import Any

import networkx as nx

from registry.analysis.filters import MINORITY, PUBLIC, WIDER, AnalysisFilter, area_scope, keeps
from registry.analysis.tie_records import merged_ties
from registry.domain.enums import PUBLIC_KINDS, EdgeType, NodeKind, OrganisationKind
from registry.store.records import EdgeRecord, NodeRecord, Subgraph

# The filter is made by the callers of `build_org_graph`, with it.
__all__ = ["MINORITY", "PUBLIC", "WIDER", "AnalysisFilter", "build_org_graph",
           "community_members", "on_side"]  # fmt: skip


def build_org_graph(
    sub: Subgraph, flt: AnalysisFilter | None = None, *, current_year: int | None = None
) -> nx.Graph:
    """The undirected graph of the active organisations in `sub` and every tie they ever had
    (see module doc); `as_of.as_of_graph` keeps the ties that count on a date.

    Each tie holds its `ties.Part`s (collaborations, shared activities, PART_OF) as weighed by
    the tie model in `registry.analysis.ties`; ``weight`` sums them over the tie's history.
    Archived nodes are left out. `current_year` (default: the year of the filter's ``as_of``,
    else this year) ends open periods in ``years``; see `tie_records.tie_years`.
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
    scope = area_scope(flt.areas, edges[EdgeType.PART_OF], kind_of)
    catalogues = _catalogues(nodes.values())
    if flt.communities:
        catalogues["communities"] = {
            c: p for c, p in catalogues["communities"].items() if c in flt.communities
        }
    graph = nx.Graph(current_year=year, year_to=flt.year_to, as_of=as_of, **catalogues)
    for org_id, org in orgs.items():
        attrs = _org_attrs(org, links[org_id], kind_of)
        if keeps(attrs, flt, scope):
            graph.add_node(org_id, **attrs, since=None)

    for (u, v), tie in merged_ties(edges, nodes, flt, year).items():
        if u in graph and v in graph:
            first = min(p.start or date.min for p in tie["parts"])
            for endpoint in (u, v):
                since = graph.nodes[endpoint]["since"]
                graph.nodes[endpoint]["since"] = min(since or date.max, first)
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
    groups = (represents or communities) if side == MINORITY else [side]
    return {
        "name": org.props.get("name", org.id),
        "kind": kind.value,
        "represents": represents,
        "communities": communities,
        "side": side,
        "groups": groups,
        "group": groups[0],
        "areas": linked(EdgeType.LOCATED_IN, NodeKind.AREA),
        "topics": linked(EdgeType.WORKS_ON, NodeKind.TOPIC),
    }


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
