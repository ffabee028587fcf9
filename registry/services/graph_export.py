"""The organisation graph as a file for Gephi, yEd or a script: GraphML, GEXF or JSON.

Each organisation carries its properties and the analysis figures the map shows (degree,
betweenness, Louvain cluster, broker and single point flags, and for its communities their
statuses and the E-I index of the worst off), read from the typed report. An organisation in
several communities counts for all of them: ``group`` names them all, ``community_statuses``
gives each one's status, and ``community_status`` is the worst. Each tie carries its kinds,
weight, years, whether it counts as of the report's date and whether its loss cuts
organisations off.
GraphML and GEXF take only scalar attributes, so lists become "; "-joined text, and absent
figures are left out rather than written as empty. GEXF is version 1.3 (its schema has no
graph name) and carries the map's positions and each kind's colour for Gephi.
"""

import json
import math
from collections.abc import Iterator
from datetime import date
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import networkx as nx

from registry.analysis.communities import SEVERITY
from registry.analysis.map_figures import figures_of
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
    figures = figures_of(report)
    flags = flagged(figures)
    cluster_of = clusters_of(figures)
    statuses = {c.community: c for c in report.communities}
    names = cat.get("communities", {})
    between = report.brokers.betweenness
    out: nx.Graph = nx.Graph(name="Nettverksregisteret", computed_at=report.timestamp,
                   as_of=report.parameters.as_of.isoformat())  # fmt: skip
    for node, data in G.nodes(data=True):
        mine = [statuses[g] for g in data["groups"] if g in statuses]
        group = min(mine, key=lambda c: SEVERITY.index(c.status), default=None)
        out.add_node(
            node,
            **_scalars(
                {
                    "label": data["name"],
                    "kind": data["kind"],
                    "side": data["side"],
                    "group": _names(names, data["groups"]) if mine else data["group"],
                    "communities": _names(names, data["communities"]),
                    "represents": _names(names, data["represents"]),
                    "areas": _names(cat.get("areas", {}), data["areas"]),
                    "topics": _names(cat.get("topics", {}), data["topics"]),
                    "degree": G.degree(node),
                    "betweenness": float(between.get(node, 0.0)),
                    "cluster": cluster_of.get(node),
                    "community_ei_index": group.ei_index if group else None,
                    "community_ei_expected": group.ei_expected if group else None,
                    "community_status": group.status.value if group else None,
                    "community_statuses": "; ".join(f"{c.name}: {c.status}" for c in mine) or None,
                    "gap": node in flags["gap"],
                    "broker": node in flags["broker"],
                    "single_point": node in flags["hinge"],
                }
            ),
        )
    fragile = fragile_ties(figures)
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


Layout = dict[str, tuple[float, float]]
# The map's colours by kind (the dashboard's, Okabe and Ito's palette for colour blindness).
KIND_COLOURS = {
    "IMMIGRANT_ORGANISATION": "E69F00",
    "FAITH_COMMUNITY": "CC79A7",
    "VOLUNTARY_ORGANISATION": "009E73",
    "RESOURCE_COMMUNITY": "D55E00",
    "MUNICIPAL_UNIT": "0072B2",
    "PUBLIC_BODY": "56B4E9",
    "BUSINESS": "F0E442",
    "EDUCATION": "8C6D31",
    "OTHER": "999999",
}
GEXF_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
SCALE = 36.0  # map units (node spacings) to Gephi's, as the dashboard scales them to pixels


def layout(body: dict[str, Any]) -> Layout:
    """Each organisation's place on the map."""
    return {o["id"]: (float(o["x"]), float(o["y"])) for o in body["organisations"]}


def graph_chunks(G: nx.Graph, fmt: str, places: Layout | None = None) -> Iterator[bytes]:
    """The file's bytes, a line at a time for the XML formats."""
    if fmt == "json":
        data = nx.node_link_data(G, edges="edges")
        yield json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8")
        return
    lines = nx.generate_graphml(G) if fmt == "graphml" else gexf_lines(G, places or {})
    for line in lines:
        yield (line + "\n").encode("utf-8")


def _value(value: Any) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _declare(cls: str, items: Iterator[dict[str, Any]]) -> tuple[list[str], list[str]]:
    """The attribute declarations of a class, and the names in order."""
    types: dict[str, str] = {}
    for attrs in items:
        for name, value in attrs.items():
            types.setdefault(name, GEXF_TYPES.get(type(value), "string"))
    lines = [f'<attributes class="{cls}">']
    lines += [
        f'<attribute id={quoteattr(n)} title={quoteattr(n)} type="{t}"/>' for n, t in types.items()
    ]
    return [*lines, "</attributes>"], list(types)


def _attvalues(attrs: dict[str, Any], names: list[str]) -> str:
    values = "".join(
        f"<attvalue for={quoteattr(n)} value={quoteattr(_value(attrs[n]))}/>"
        for n in names
        if n in attrs
    )
    return f"<attvalues>{values}</attvalues>" if values else ""


def gexf_lines(G: nx.Graph, places: Layout) -> Iterator[str]:
    """GEXF 1.3 with node positions, colours by kind and sizes by degree (viz module)."""
    node_attrs = {n: {k: v for k, v in d.items() if k != "label"} for n, d in G.nodes(data=True)}
    edge_attrs = [{k: v for k, v in d.items() if k != "weight"} for _, _, d in G.edges(data=True)]
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    yield ('<gexf xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3">')
    about = f"{G.graph.get('name', '')}, {G.graph.get('computed_at', '')}".strip(", ")
    yield (
        f'<meta lastmodifieddate="{date.today().isoformat()}"><creator>Nettverksregisteret'
        f"</creator><description>{escape(about)}</description></meta>"
    )
    yield '<graph defaultedgetype="undirected" mode="static">'
    declared, node_names = _declare("node", iter(node_attrs.values()))
    yield from declared
    declared, edge_names = _declare("edge", iter(edge_attrs))
    yield from declared
    yield f'<nodes count="{G.number_of_nodes()}">'
    for node, data in G.nodes(data=True):
        colour = KIND_COLOURS.get(str(data.get("kind")), KIND_COLOURS["OTHER"])
        r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
        viz = f'<viz:color r="{r}" g="{g}" b="{b}"/>'
        if node in places:
            x, y = places[node]
            viz += f'<viz:position x="{x * SCALE:.2f}" y="{-y * SCALE:.2f}" z="0.0"/>'
        size = 4.0 + 2.0 * math.sqrt(float(data.get("degree", 0)))
        viz += f'<viz:size value="{size:.2f}"/>'
        label = quoteattr(str(data.get("label", node)))
        yield (
            f"<node id={quoteattr(str(node))} label={label}>"
            f"{_attvalues(node_attrs[node], node_names)}{viz}</node>"
        )
    yield "</nodes>"
    yield f'<edges count="{G.number_of_edges()}">'
    for i, ((u, v, data), attrs) in enumerate(zip(G.edges(data=True), edge_attrs, strict=True)):
        weight = f' weight="{float(data["weight"])}"' if "weight" in data else ""
        yield (
            f'<edge id="e{i}" source={quoteattr(str(u))} target={quoteattr(str(v))}{weight}>'
            f"{_attvalues(attrs, edge_names)}</edge>"
        )
    yield "</edges>"
    yield "</graph>"
    yield "</gexf>"
