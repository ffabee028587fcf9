"""The network map as one JSON-ready value: organisations placed and measured, ties, catalogues.

GraphQL needs seconds to resolve thousands of typed objects, so the map is built as one plain
value in a single pass over the analysis graph; the figures come from `MapFigures` (of the
full report, or computed for the map alone), and ties refer to organisations by their index
in the list, which keeps the payload of 15,000 ties small. An organisation representing
several communities lists them all (`communities`) and names the one whose status is worst
(`worst`), which the map colours it by.
"""

from typing import Any

import networkx as nx

from registry.analysis.map_figures import MapFigures
from registry.analysis.map_layout import layout
from registry.analysis.ties import counts as ties_count


def flagged(figures: MapFigures) -> dict[str, set[str]]:
    """Organisations the map highlights: in a gap community, brokers, single points."""
    gap = {o for c in figures.communities if c.gap for o in c.organisations}
    hinges = {o for f in figures.fragility for o in f.single_points}
    return {"gap": gap, "broker": figures.brokers, "hinge": hinges}


def fragile_ties(figures: MapFigures) -> set[frozenset[str]]:
    """Ties whose loss cuts some of a community's organisations off from the bridging side."""
    return {frozenset(t.tie) for f in figures.fragility for t in f.ties}


def clusters_of(figures: MapFigures) -> dict[str, int]:
    """Each organisation's Louvain cluster, by its index in the figures."""
    return {o: i for i, members in enumerate(figures.clusters) for o in members}


def map_body(graph: nx.Graph, figures: MapFigures) -> dict[str, Any]:
    """Everything the map draws: the whole history of ties (``counted`` says which count as of
    the figures' date); the figures supply clusters, statuses, brokers and fragility."""
    cluster_of = clusters_of(figures)
    pos = layout(graph, figures.clusters)
    between = figures.betweenness
    flags = flagged(figures)
    # Communities worst first, as the report ranks them.
    rank = {c.community: i for i, c in enumerate(figures.communities)}
    index = {node: i for i, node in enumerate(graph)}
    organisations = [
        {
            "id": node,
            "name": data["name"],
            "kind": data["kind"],
            "side": data["side"],
            "group": data["group"],
            "communities": data["represents"],
            "worst": min(data["represents"], key=lambda c: rank.get(c, len(rank)), default=None),
            "cluster": cluster_of.get(node),
            "x": round(pos[node][0], 2),
            "y": round(pos[node][1], 2),
            "degree": graph.degree(node),
            "betweenness": round(between.get(node, 0.0), 6),
            "flags": [name for name, members in flags.items() if node in members],
        }
        for node, data in graph.nodes(data=True)
    ]
    fragile = fragile_ties(figures)
    day = figures.as_of
    ties = [
        {
            "s": index[u],
            "t": index[v],
            "kinds": data["kinds"],
            "weight": round(data["weight"], 3),
            "counted": ties_count(data["parts"], day),
            "fragile": frozenset((u, v)) in fragile,
        }
        for u, v, data in graph.edges(data=True)
    ]
    return {
        "organisations": organisations,
        "ties": ties,
        "communities": community_catalogue(graph, figures),
        "areas": _catalogue(graph, "areas", "kind"),
        "topics": _catalogue(graph, "topics", "grant_priority"),
        "years": _years(graph),
        "currentYear": graph.graph.get("current_year"),
        "asOf": day.isoformat(),
    }


def community_catalogue(graph: nx.Graph, figures: MapFigures) -> dict[str, dict[str, Any]]:
    """Every community with its status, reason and E-I beside chance's."""
    rows = {c.community: c for c in figures.communities}
    out = {}
    for cid, props in graph.graph.get("communities", {}).items():
        row = rows.get(cid)
        out[cid] = {
            "name": props.get("name", cid),
            "dimension": props.get("dimension"),
            "status": row.status.value if row else None,
            "reason": row.reason if row else None,
            "eiIndex": row.ei_index if row else None,
            "eiExpected": row.ei_expected if row else None,
        }
    return out


def _years(graph: nx.Graph) -> list[int]:
    years = sorted({y for _, _, d in graph.edges(data=True) for y in d["years"]})
    return [years[0], years[-1]] if years else []


def _catalogue(graph: nx.Graph, name: str, extra: str) -> dict[str, dict[str, Any]]:
    return {
        i: {"name": p.get("name", i), extra: p.get(extra)}
        for i, p in graph.graph.get(name, {}).items()
    }
