"""Brokers: who sits between others (betweenness), on structural holes (Burt), and in which
brokerage role (Gould and Fernandez).

NetworkX computes Burt's measures with a sparse-matrix product when SciPy is installed (whose
effective size is wrong on weighted graphs, networkx/networkx#8906) and otherwise in
O(degree^3) per node, minutes on a network with large activities. The versions here give the
figures of NetworkX's per-node definitions in time linear in the number of triangles.
"""

from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass
from math import nan

import networkx as nx

from registry.analysis import kernels
from registry.analysis.as_of import flows

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


def _role(a_in: bool, c_in: bool, shared: bool) -> str:
    """The role of b on a -> b -> c: a in b's group, c in it, a and c sharing a group."""
    if a_in:
        return "coordinator" if c_in else "representative"
    if c_in:
        return "gatekeeper"
    return "itinerant" if shared else "liaison"


def brokerage(G: nx.Graph, groups: str | Mapping[Hashable, Hashable] = "group") -> dict:
    """Gould and Fernandez's brokerage roles of every node, each in one group: `groups` is a
    node attribute name or a mapping from node to group; see `brokerage_by_group`.

    Returns a dict from node to a dict from role (see ROLES) to count."""
    group = nx.get_node_attributes(G, groups) if isinstance(groups, str) else groups
    by_group = brokerage_by_group(G, {n: (g,) for n, g in group.items()})
    return {b: by_group[b][group[b]] for b in G}


def brokerage_by_group(
    G: nx.Graph,
    memberships: Mapping[Hashable, Collection[Hashable]],
    brokers: Iterable[Hashable] | None = None,
) -> dict[Hashable, dict[Hashable, dict[str, int]]]:
    """Gould and Fernandez's brokerage roles: for each broker b and each group g it belongs
    to, the number of open two-paths a -> b -> c (a != c, no tie a -> c) by where a and c
    stand towards g:

    - coordinator: a and c in g; representative: a in g, c not (b passes on out of g);
    - gatekeeper: c in g, a not (b lets in); itinerant: neither, but a and c share a
      group; liaison: neither, and a and c share no group.

    `memberships` gives each node's groups, several for an organisation in several
    communities: it is a broker for each of them. With one group each, these are the roles
    as defined. A directed graph is counted as its arcs run (from the sender, see
    `as_of.flows`); an undirected graph as if each tie ran both ways, so each open pair
    {a, c} counts twice. `brokers` (default: every node) are the nodes counted.

    The counts come from group sizes among b's neighbours, minus the closed pairs, so the
    work grows with the triangles rather than with the square of each degree.
    """
    succ = G.succ if isinstance(G, nx.DiGraph) else G.adj
    pred = G.pred if isinstance(G, nx.DiGraph) else G.adj
    member = {n: frozenset(gs) for n, gs in memberships.items()}
    out = {}
    for b in G if brokers is None else brokers:
        # Plain sets, since intersecting them costs the smaller side, unlike NetworkX's views.
        ins, outs = set(pred[b]) - {b}, set(succ[b]) - {b}
        out[b] = {g: _roles(g, ins, outs, member, succ) for g in sorted(member[b], key=str)}
    return out


def _roles(
    g: Hashable,
    ins: set[Hashable],
    outs: set[Hashable],
    member: Mapping[Hashable, frozenset[Hashable]],
    succ: Mapping[Hashable, Mapping[Hashable, object]],
) -> dict[str, int]:
    """A broker's roles for its group `g`; `ins` and `outs` are its in- and out-neighbours."""
    ins_in = sum(1 for a in ins if g in member[a])
    outs_in = sum(1 for c in outs if g in member[c])
    # Outside g, the ends are told apart by their sets of groups: few distinct ones.
    ins_out = Counter(member[a] for a in ins if g not in member[a])
    outs_out = Counter(member[c] for c in outs if g not in member[c])
    itinerant = sum(n * m for ga, n in ins_out.items() for gc, m in outs_out.items() if ga & gc)
    counts = {
        "coordinator": ins_in * outs_in,
        "gatekeeper": (len(ins) - ins_in) * outs_in,
        "representative": ins_in * (len(outs) - outs_in),
        "itinerant": itinerant,
        "liaison": ins_out.total() * outs_out.total() - itinerant,
    }
    # Take back the pairs that are not open: a == c, and a already tied to c.
    for a in ins:
        ga = member[a]
        if a in outs:
            counts[_role(g in ga, g in ga, True)] -= 1
        nbrs = succ[a]  # walk the shorter side: brokers with thousands of ties meet each other
        closed = [c for c in nbrs if c in outs] if len(nbrs) < len(outs) else [
            c for c in outs if c in nbrs]  # fmt: skip
        for c in closed:
            if c != a:  # a self-tie closes nothing
                counts[_role(g in ga, g in member[c], not ga.isdisjoint(member[c]))] -= 1
    return counts


@dataclass(frozen=True, slots=True)
class GroupRoles:
    """A broker's Gould–Fernandez roles for one of its groups (a community or a side)."""

    group: str
    name: str
    roles: dict[str, int]


def group_roles(G: nx.Graph, nodes: list[Hashable]) -> dict[Hashable, list[GroupRoles]]:
    """The brokerage roles of `nodes` for each of their groups, along the ties' direction."""
    names = {c: p.get("name", c) for c, p in G.graph.get("communities", {}).items()}
    counted = brokerage_by_group(flows(G), dict(G.nodes(data="groups")), nodes)
    return {
        n: [GroupRoles(str(g), names.get(g, str(g)), r) for g, r in counted[n].items()]
        for n in nodes
    }
