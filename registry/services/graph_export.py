"""The organisation graph as a file for Gephi, yEd or a script: GraphML, GEXF or JSON.

Each organisation carries its properties and the analysis figures the map shows (degree,
betweenness, Louvain cluster, the status and E-I index of its community, broker and single
point flags), read from the typed report; each tie its kinds, weight, years, whether it counts
as of the report's date and whether its loss cuts organisations off.
GraphML and GEXF take only scalar attributes, so lists become "; "-joined text, and absent
figures are left out rather than written as empty.
"""

import json
from collections.abc import Iterator
from typing import Any

import networkx as nx

from registry.analysis.network_map import clusters_of, flagged, fragile_ties
from registry.analysis.ties import counts
from registry.services.analyses import Analysis

FORMATS = {
    "graphml": "application/graphml+xml; charset=utf-8",
    "gexf": "application/gexf+xml; charset=utf-8",
    "json": "application/json; charset=utf-8",
}


def _names(catalogue: dict[str, dict[str, Any]], ids: list[str]) -> str:
    return "; ".join(sorted(catalogue.get(i, {}).get("name", i) for i in ids))


def _scalars(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if v is not None}


def export_graph(done: Analysis) -> nx.Graph:
    """A copy of the analysis graph with scalar attributes and the report's figures."""
    G, cat, report = done.graph, done.graph.graph, done.report
    flags = flagged(report)
    cluster_of = clusters_of(report)
    statuses = {c.community: c for c in report.communities}
    between = report.brokers.betweenness
    out = nx.Graph(name="Nettverksregisteret", computed_at=report.timestamp,
                   as_of=report.parameters.as_of.isoformat())  # fmt: skip
    for node, data in G.nodes(data=True):
        group = statuses.get(data["group"])
        out.add_node(
            node,
            **_scalars(
                {
                    "label": data["name"],
                    "kind": data["kind"],
                    "side": data["side"],
                    "group": group.name if group else data["group"],
                    "communities": _names(cat.get("communities", {}), data["communities"]),
                    "represents": _names(cat.get("communities", {}), data["represents"]),
                    "areas": _names(cat.get("areas", {}), data["areas"]),
                    "topics": _names(cat.get("topics", {}), data["topics"]),
                    "degree": G.degree(node),
                    "betweenness": float(between.get(node, 0.0)),
                    "cluster": cluster_of.get(node),
                    "community_ei_index": group.ei_index if group else None,
                    "community_ei_expected": group.ei_expected if group else None,
                    "community_status": group.status.value if group else None,
                    "gap": node in flags["gap"],
                    "broker": node in flags["broker"],
                    "single_point": node in flags["hinge"],
                }
            ),
        )
    fragile = fragile_ties(report)
    day = report.parameters.as_of
    for u, v, data in G.edges(data=True):
        years = sorted(data["years"])
        out.add_edge(
            u,
            v,
            weight=float(data["weight"]),
            kinds="; ".join(data["kinds"]),
            years="; ".join(map(str, years)),
            first_year=years[0],
            last_year=years[-1],
            collaborations=len(data["collaborations"]),
            activities=len(data["activities"]),
            counted=counts(data["parts"], day),
            fragile=frozenset((u, v)) in fragile,
        )
    return out


def graph_chunks(G: nx.Graph, fmt: str) -> Iterator[bytes]:
    """The file's bytes, a line at a time for the XML formats."""
    if fmt == "json":
        data = nx.node_link_data(G, edges="edges")
        yield json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        return
    lines = nx.generate_graphml(G) if fmt == "graphml" else nx.generate_gexf(G)
    for line in lines:
        yield (line + "\n").encode("utf-8")
