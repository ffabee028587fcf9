"""Brokers: who sits between others (betweenness), on structural holes (Burt), and in which
brokerage role (Gould and Fernandez).

NetworkX computes Burt's measures with a sparse-matrix product when SciPy is installed (whose
effective size is wrong on weighted graphs, networkx/networkx#8906) and otherwise in
O(degree^3) per node, minutes on a network with large activities. The versions here give the
figures of NetworkX's per-node definitions in time linear in the number of triangles.
"""

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from math import nan

import networkx as nx

from registry.analysis import kernels

ROLES = ("coordinator", "gatekeeper", "representative", "itinerant", "liaison")


@dataclass(frozen=True, slots=True)
class Betweenness:
    values: dict[Hashable, float]  # normalised as NetworkX does
    exact: bool
    k: int | None  # sources sampled, when not exact
    seed: int | None


def betweenness(
    G: nx.Graph, *, exact_limit: int = 10_000, k: int = 500, seed: int = 0
) -> Betweenness:
    """Normalised betweenness: exact (a compiled kernel) up to `exact_limit` nodes, beyond that
    estimated by NetworkX from `k` sources sampled with `seed`, so a rerun gives the same."""
    if len(G) <= exact_limit or k >= len(G):
        return Betweenness(kernels.betweenness(G), exact=True, k=None, seed=None)
    return Betweenness(nx.betweenness_centrality(G, k=k, seed=seed), exact=False, k=k, seed=seed)


def _weights(G: nx.Graph, weight: str | None) -> dict[Hashable, dict[Hashable, float]]:
    return {
        u: {v: (d.get(weight, 1) if weight else 1) for v, d in nbrs.items() if v != u}
        for u, nbrs in G.adj.items()
    }


@nx.utils.not_implemented_for("directed")
def effective_size(G: nx.Graph, weight: str | None = None) -> dict[Hashable, float]:
    """Burt's effective size of each node's ego network, as ``nx.effective_size``.

    e(u) = sum over neighbours v of (1 - sum over w of p(u,w) m(v,w)), p the share of u's tie
    weight going to w and m the weight of v-w relative to v's strongest tie. The inner sum
    only has terms for w tied to both u and v, so it runs over common neighbours. Isolated
    nodes get nan. Weights must be positive; self-loops are ignored.
    """
    adj = _weights(G, weight)
    total = {u: sum(nbrs.values()) for u, nbrs in adj.items()}
    top = {u: max(nbrs.values(), default=0) for u, nbrs in adj.items()}
    result = {}
    for u, nbrs in adj.items():
        redundancy = 0.0
        for v in nbrs:
            nv = adj[v]
            redundancy += sum(nbrs[w] * nv[w] for w in nbrs.keys() & nv.keys()) / top[v]
        result[u] = len(nbrs) - redundancy / total[u] if nbrs else nan
    return result


@nx.utils.not_implemented_for("directed")
def constraint(G: nx.Graph, weight: str | None = None) -> dict[Hashable, float]:
    """Burt's constraint on each node, as ``nx.constraint``.

    c(u) = sum over neighbours v of (p(u,v) + sum over w of p(u,w) p(w,v))^2, the inner sum
    over common neighbours w of u and v. Isolated nodes get nan. Weights must be positive.
    """
    adj = _weights(G, weight)
    total = {u: sum(nbrs.values()) for u, nbrs in adj.items()}
    result = {}
    for u, nbrs in adj.items():
        c = 0.0
        for v, w_uv in nbrs.items():
            nv = adj[v]
            indirect = sum(nbrs[w] * nv[w] / total[w] for w in nbrs.keys() & nv.keys())
            c += ((w_uv + indirect) / total[u]) ** 2
        result[u] = c if nbrs else nan
    return result


def _role(ga: Hashable, gb: Hashable, gc: Hashable) -> str:
    if ga == gb:
        return "coordinator" if gc == gb else "representative"
    if gc == gb:
        return "gatekeeper"
    return "itinerant" if ga == gc else "liaison"


def brokerage(G: nx.Graph, groups: str | Mapping[Hashable, Hashable] = "group") -> dict:
    """Gould and Fernandez's brokerage roles: for each broker b, the number of open two-paths
    a -> b -> c (a != c, no tie a -> c) by the groups of a, b and c:

    - coordinator: all three in one group; itinerant: a and c in one group, b outside it;
    - representative: b in a's group, passing on to another group;
    - gatekeeper: b in c's group, letting in from another group;
    - liaison: three different groups.

    `groups` is a node attribute name or a mapping from node to group. A directed graph is
    counted as defined; an undirected graph as if each tie ran both ways, so each open pair
    {a, c} counts twice: coordinator, itinerant and liaison counts are even and representative
    equals gatekeeper. The org graph is undirected (most ties have no direction), and its
    groups are each organisation's first represented community or its side.

    Returns a dict from node to a dict from role (see ROLES) to count. The counts come from
    group sizes among b's neighbours, minus the closed pairs, so the work grows with the
    triangles rather than with the square of each degree.
    """
    group = nx.get_node_attributes(G, groups) if isinstance(groups, str) else groups
    # Plain sets, since intersecting them costs the smaller side, unlike NetworkX's views.
    succ = {
        u: set(nbrs) - {u} for u, nbrs in (G.succ if isinstance(G, nx.DiGraph) else G.adj).items()
    }
    pred = {u: set(nbrs) - {u} for u, nbrs in G.pred.items()} if isinstance(G, nx.DiGraph) else succ
    result = {}
    for b in G:
        gb = group[b]
        ins = Counter(group[a] for a in pred[b])
        outs = Counter(group[c] for c in succ[b])
        in_own, in_all = ins[gb], ins.total()
        out_own, out_all = outs[gb], outs.total()
        itinerant = sum(n * outs[g] for g, n in ins.items() if g != gb)
        counts = {
            "coordinator": in_own * out_own,
            "gatekeeper": (in_all - in_own) * out_own,
            "representative": in_own * (out_all - out_own),
            "itinerant": itinerant,
            "liaison": (in_all - in_own) * (out_all - out_own) - itinerant,
        }
        # Take back the pairs that are not open: a == c, and a already tied to c.
        for a in pred[b]:
            ga = group[a]
            if a in succ[b]:
                counts[_role(ga, gb, ga)] -= 1
            for c in succ[a] & succ[b]:  # holds neither a nor b: there are no self-ties
                counts[_role(ga, gb, group[c])] -= 1
        result[b] = counts
    return result
