"""The heavy kernels, run where they are fastest.

Exact betweenness is O(nodes x ties): NetworkX needs minutes at 10,000 organisations, so it
runs in rustworkx (Rust, multithreaded), whose figures equal NetworkX's (tests check 1e-9).
Community detection stays with NetworkX's Louvain (`clusters.py`): rustworkx 0.18 has none
(Qiskit/rustworkx#1141 is open, its pull request #1277 unfinished).

`side_betweenness` answers "who brokers between a community and the public side" for every
community from one breadth-first search, instead of one search per organisation.
"""

from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Mapping

import networkx as nx
import rustworkx as rx


@nx.utils.not_implemented_for("multigraph")
def to_rustworkx(G: nx.Graph) -> tuple[rx.PyGraph | rx.PyDiGraph, list[Hashable]]:
    """`G` as a rustworkx graph without attributes, and the node id at each index."""
    nodes = list(G)
    index = {n: i for i, n in enumerate(nodes)}
    R = rx.PyDiGraph() if G.is_directed() else rx.PyGraph()
    R.add_nodes_from(nodes)
    R.add_edges_from_no_data([(index[u], index[v]) for u, v in G.edges()])
    return R, nodes


def betweenness(G: nx.Graph, normalized: bool = True) -> dict[Hashable, float]:
    """Exact shortest-path betweenness, equal to ``nx.betweenness_centrality(G, normalized)``.

    Unweighted, as NetworkX's default: tie strength is not a distance.
    """
    R, nodes = to_rustworkx(G)
    if G.is_directed():
        values = rx.digraph_betweenness_centrality(R, normalized=normalized)
    else:
        values = rx.graph_betweenness_centrality(R, normalized=normalized)
    return {nodes[i]: values[i] for i in range(len(nodes))}


def side_betweenness(
    G: nx.Graph, side: Iterable[Hashable], groups: Mapping[str, Iterable[Hashable]]
) -> dict[str, dict[Hashable, float]]:
    """Per group, how many of its members' shortest paths to `side` pass through each node.

    For a member t, its paths to the side are the shortest paths from t to the nearest node
    of `side`; a node v on k of t's m such paths scores k/m for t (Brandes' pair dependency),
    and v's score is the sum over the group's members other than v. Nodes of the side score
    as entry points. This equals ``nx.betweenness_centrality_subset`` with one extra node
    tied to every node of `side` as the only source and the group as targets (times 2, since
    NetworkX halves undirected figures). With a single source, the smaller side is the source:
    one search for all groups, then one backward pass per group over the nodes on its paths.
    Members with no path to the side count nowhere. `G` is undirected.
    """
    dist: dict[Hashable, int] = {}
    sigma: dict[Hashable, float] = {}
    queue = deque()
    for s in side:
        dist[s], sigma[s] = 0, 1.0
        queue.append(s)
    while queue:
        v = queue.popleft()
        for w in G.adj[v]:
            if w not in dist:
                dist[w], sigma[w] = dist[v] + 1, 0.0
                queue.append(w)
            if dist[w] == dist[v] + 1:
                sigma[w] += sigma[v]
    return {name: _dependencies(G, dist, sigma, members) for name, members in groups.items()}


def _dependencies(
    G: nx.Graph,
    dist: dict[Hashable, int],
    sigma: dict[Hashable, float],
    members: Iterable[Hashable],
) -> dict[Hashable, float]:
    targets = {t for t in members if dist.get(t, 0) > 0}
    # The nodes on the targets' shortest paths, found walking up towards the side.
    cone, todo = set(targets), list(targets)
    while todo:
        w = todo.pop()
        for v in G.adj[w]:
            if v not in cone and dist.get(v) == dist[w] - 1:
                cone.add(v)
                todo.append(v)
    delta: dict[Hashable, float] = defaultdict(float)
    for w in sorted(cone, key=dist.__getitem__, reverse=True):
        share = ((w in targets) + delta[w]) / sigma[w]
        for v in G.adj[w]:
            if dist.get(v) == dist[w] - 1:
                delta[v] += sigma[v] * share
    return {v: d for v, d in delta.items() if d > 0}
