"""The organisation graph as a file for Gephi, yEd or a script: GraphML, GEXF or JSON.

Each organisation carries its properties and the analysis figures the map shows (degree,
betweenness, Louvain cluster, the E-I index and gap of its community, broker and single
point flags); each tie its kinds, weight, years and whether it is a community's only bridge.
GraphML and GEXF take only scalar attributes, so lists become "; "-joined text, and absent
figures are left out rather than written as empty.
"""

import json
from collections.abc import Iterator
from typing import Any

import networkx as nx

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


def export_graph(done: Analysis, body: dict[str, Any]) -> nx.Graph:
    """A copy of the analysis graph with scalar attributes; `body` is the map's (figures)."""
    G, cat = done.graph, done.graph.graph
    figures = {o["id"]: o for o in body["organisations"]}
    communities = body["communities"]
    out = nx.Graph(name="Nettverksregisteret", computed_at=done.report["timestamp"])
    for node, data in G.nodes(data=True):
        fig = figures[node]
        group = communities.get(data["group"], {})
        out.add_node(
            node,
            **_scalars(
                {
                    "label": data["name"],
                    "kind": data["kind"],
                    "side": data["side"],
                    "group": group.get("name", data["group"]),
                    "communities": _names(cat.get("communities", {}), data["communities"]),
                    "represents": _names(cat.get("communities", {}), data["represents"]),
                    "areas": _names(cat.get("areas", {}), data["areas"]),
                    "topics": _names(cat.get("topics", {}), data["topics"]),
                    "degree": int(fig["degree"]),
                    "betweenness": float(fig["betweenness"]),
                    "cluster": fig["cluster"],
                    "community_ei_index": group.get("eiIndex"),
                    "community_gap": (group.get("gapKind") or "none") if group else None,
                    "gap": "gap" in fig["flags"],
                    "broker": "broker" in fig["flags"],
                    "single_point": "hinge" in fig["flags"],
                }
            ),
        )
    ids = [o["id"] for o in body["organisations"]]
    fragile = {frozenset((ids[t["s"]], ids[t["t"]])) for t in body["ties"] if t["fragile"]}
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
