"""Test networks: small ones written as text and built through `build_org_graph` like the
real ones, and random plain graphs for property tests."""

from datetime import date
from typing import Any

import networkx as nx
from hypothesis import strategies as st

from registry.analysis.graph import AnalysisFilter, build_org_graph
from registry.domain.enums import EdgeType, NodeKind
from registry.store.records import EdgeRecord, NodeRecord, Subgraph

YEAR = 2026
AS_OF = date(YEAR, 12, 1)


def records(orgs: dict[str, str], ties: str = "", **props: Any) -> Subgraph:
    """Organisations as ``"KIND community +served @area #topic"``; ties as ``"a-b c-d"``,
    collaborations with `props` (strength 3 and no dates unless given)."""
    nodes: dict[str, NodeRecord] = {}
    edges: list[EdgeRecord] = []

    def link(edge_type: EdgeType, org: str, node_kind: NodeKind, key: str, **extra: Any) -> None:
        nodes.setdefault(key, NodeRecord(key, node_kind, {"name": key.title()} | extra))
        edges.append(EdgeRecord(f"{org}>{key}", edge_type, org, key))

    for org, spec in orgs.items():
        kind, *words = spec.split()
        nodes[org] = NodeRecord(org, NodeKind.ORGANISATION, {"name": org.upper(), "kind": kind})
        for word in words:
            if word.startswith("@"):
                link(EdgeType.LOCATED_IN, org, NodeKind.AREA, word[1:], kind="DISTRICT")
            elif word.startswith("#"):
                link(EdgeType.WORKS_ON, org, NodeKind.TOPIC, word[1:])
            elif word.startswith("+"):
                link(EdgeType.SERVES, org, NodeKind.COMMUNITY, word[1:], dimension="ORIGIN")
            else:
                link(EdgeType.REPRESENTS, org, NodeKind.COMMUNITY, word, dimension="ORIGIN")
    for tie in ties.split():
        a, b = tie.split("-")
        edges.append(EdgeRecord(tie, EdgeType.COLLABORATES_WITH, a, b, dict(props)))
    return Subgraph(list(nodes.values()), edges)


def network(orgs: dict[str, str], ties: str = "", **props: Any) -> nx.Graph:
    """The whole history; `as_of_graph` of it holds the ties that count on `AS_OF`."""
    return build_org_graph(records(orgs, ties, **props), AnalysisFilter(as_of=AS_OF))


@st.composite
def graphs(draw: st.DrawFn, directed: bool = False, max_nodes: int = 30) -> nx.Graph:
    n = draw(st.integers(0, max_nodes))
    G = nx.DiGraph() if directed else nx.Graph()
    G.add_nodes_from(f"n{i}" for i in range(n))
    if n > 1:
        pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1))
        G.add_edges_from((f"n{a}", f"n{b}") for a, b in draw(st.lists(pairs, max_size=3 * n)))
    G.remove_edges_from(list(nx.selfloop_edges(G)))
    return G
