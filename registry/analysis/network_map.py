"""The network map as one JSON-ready value: organisations placed and measured, ties, catalogues.

GraphQL needs seconds to resolve thousands of typed objects, so the map is built as one plain
value in a single pass over the analysis graph; betweenness comes from the analysis report, and
ties refer to organisations by their index in the list, which keeps the payload of 15,000 ties
small.
"""

from typing import Any

import networkx as nx

from registry.analysis.map_layout import layout


def flagged(report: dict[str, Any]) -> dict[str, set[str]]:
    """Organisations the map highlights: in a gap community, brokers, single points."""
    gap = {o for c in report["communities"] if c["gap"] for o in c["organisations"]}
    brokers = {b["organisation"] for b in report["brokers"]["top"]}
    brokers |= {b["organisation"] for c in report["communities"] for b in c["brokers"]}
    hinges = {o for f in report["fragility"] for o in f["single_points"]}
    return {"gap": gap, "broker": brokers, "hinge": hinges}


def fragile_ties(report: dict[str, Any]) -> set[frozenset[str]]:
    """Ties whose loss cuts a whole community off from the public side."""
    return {frozenset(t) for f in report["fragility"] for t in f["single_ties"]}


def map_body(graph: nx.Graph, report: dict[str, Any]) -> dict[str, Any]:
    """Everything the map draws; the report supplies clusters, gaps, brokers and fragility."""
    clusters = [c["organisations"] for c in report["clusters"]["clusters"]]
    cluster_of = {o: i for i, members in enumerate(clusters) for o in members}
    pos = layout(graph, clusters)
    between = report["brokers"]["betweenness"]
    flags = flagged(report)
    index = {node: i for i, node in enumerate(graph)}
    organisations = [
        {
            "id": node,
            "name": data["name"],
            "kind": data["kind"],
            "side": data["side"],
            "group": data["group"],
            "cluster": cluster_of.get(node),
            "x": round(pos[node][0], 2),
            "y": round(pos[node][1], 2),
            "degree": graph.degree(node),
            "betweenness": round(between.get(node, 0.0), 6),
            "flags": [name for name, members in flags.items() if node in members],
        }
        for node, data in graph.nodes(data=True)
    ]
    fragile = fragile_ties(report)
    ties = [
        {
            "s": index[u],
            "t": index[v],
            "kinds": data["kinds"],
            "weight": round(data["weight"], 3),
            "fragile": frozenset((u, v)) in fragile,
        }
        for u, v, data in graph.edges(data=True)
    ]
    gaps = {c["community"]: c for c in report["communities"]}
    communities = {
        cid: {
            "name": props.get("name", cid),
            "dimension": props.get("dimension"),
            "eiIndex": gaps.get(cid, {}).get("ei_index"),
            "gapKind": gaps.get(cid, {}).get("gap_kind"),
        }
        for cid, props in graph.graph.get("communities", {}).items()
    }
    years = sorted({y for _, _, ys in graph.edges(data="years") for y in ys})
    return {
        "organisations": organisations,
        "ties": ties,
        "communities": communities,
        "areas": _catalogue(graph, "areas", "kind"),
        "topics": _catalogue(graph, "topics", "grant_priority"),
        "years": [years[0], years[-1]] if years else [],
        "currentYear": graph.graph.get("current_year"),
    }


def _catalogue(graph: nx.Graph, name: str, extra: str) -> dict[str, dict[str, Any]]:
    return {
        i: {"name": p.get("name", i), extra: p.get(extra)}
        for i, p in graph.graph.get(name, {}).items()
    }
