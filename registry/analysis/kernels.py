"""The heavy kernels, compiled.

Exact betweenness is O(nodes x ties): NetworkX needs minutes at 10,000 organisations. Measured
on this project's machine class (2 cores, idle) on the benchmark's network of 10,000
organisations and 27,000 ties: rustworkx 0.18 took 6.5 s on both cores, python-igraph 6.4 s on
one (and is GPL), networkit 9.6 s; this Brandes kernel, compiled by Numba, takes 2.9 s on both
cores. It walks the graph as CSR arrays and keeps the inner loops free of unpredictable
branches, which is where the libraries above lose their time. Tests check it against NetworkX
to 1e-9.

`bridges` finds the ties whose loss splits the network in one compiled depth-first search, fast
enough to run for every year of the trend.

`side_betweenness` answers "who brokers between a community and the public side" for every
community from one breadth-first search, instead of one search per organisation.
"""

import os
from collections import defaultdict, deque
from collections.abc import Hashable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor

import networkx as nx
import numpy as np
from numba import njit

WORKERS = len(os.sched_getaffinity(0))


@njit(cache=True, nogil=True)
def _brandes(indptr, indices, sources, out):
    """Add each node's dependency on the `sources` to `out` (Brandes 2001).

    The backward pass pulls from each node's successors (ties one step further from the
    source) instead of pushing to its predecessors: it needs only the out-ties, so the same
    code serves directed graphs, and it accumulates in a register instead of scattering writes.
    """
    n = indptr.shape[0] - 1
    dist = np.full(n, -1, np.int32)
    sigma = np.zeros(n, np.float64)  # shortest paths from the source
    coeff = np.zeros(n, np.float64)  # (1 + dependency) / sigma, once a node is done
    order = np.empty(n, np.int32)  # breadth-first order
    for s in sources:
        dist[s], sigma[s], order[0] = 0, 1.0, s
        head, tail = 0, 1
        while head < tail:
            v = order[head]
            head += 1
            step, paths = dist[v] + 1, sigma[v]
            for k in range(indptr[v], indptr[v + 1]):
                w = indices[k]
                if dist[w] < 0:
                    dist[w] = step
                    order[tail] = w
                    tail += 1
                sigma[w] += paths * (dist[w] == step)
        for i in range(tail - 1, 0, -1):
            v = order[i]
            step, pulled = dist[v] + 1, 0.0
            for k in range(indptr[v], indptr[v + 1]):
                w = indices[k]
                pulled += (dist[w] == step) * coeff[w]
            dependency = sigma[v] * pulled
            out[v] += dependency
            coeff[v] = (1.0 + dependency) / sigma[v]
        for i in range(tail):
            v = order[i]
            dist[v], sigma[v], coeff[v] = -1, 0.0, 0.0


def _csr(G: nx.Graph, nodes: list[Hashable]) -> tuple[np.ndarray, np.ndarray]:
    """The out-ties of `G` as compressed sparse rows over the positions in `nodes`."""
    index = {node: i for i, node in enumerate(nodes)}
    degrees = [len(G.adj[node]) for node in nodes]
    indptr = np.zeros(len(nodes) + 1, np.int32)
    np.cumsum(degrees, out=indptr[1:])
    indices = np.fromiter(
        (index[w] for node in nodes for w in G.adj[node]), np.int32, count=int(indptr[-1])
    )
    return indptr, indices


def betweenness(G: nx.Graph, normalized: bool = True) -> dict[Hashable, float]:
    """Exact shortest-path betweenness, equal to ``nx.betweenness_centrality(G, normalized)``.

    Unweighted, as NetworkX's default: tie strength is not a distance. The sources are dealt
    round-robin to one thread per core (the kernel releases the GIL), so every thread gets
    some of the large components.
    """
    nodes = list(G)
    n = len(nodes)
    indptr, indices = _csr(G, nodes)
    parts = np.zeros((WORKERS, n))

    def run(part: int) -> None:
        _brandes(indptr, indices, np.arange(part, n, WORKERS, dtype=np.int32), parts[part])

    with ThreadPoolExecutor(WORKERS) as pool:
        list(pool.map(run, range(WORKERS)))
    raw = parts.sum(axis=0)
    if normalized:
        scale = 1 / ((n - 1) * (n - 2)) if n > 2 else 1.0
    else:
        scale = 1.0 if G.is_directed() else 0.5  # each undirected pair was counted both ways
    return {node: float(raw[i] * scale) for i, node in enumerate(nodes)}


@njit(cache=True, nogil=True)
def _bridge_ends(indptr, indices):
    """Each node's parent in a depth-first forest, and whether the tie to it is a bridge.

    Tarjan: the tie from p down to c is a bridge when no back tie from c's subtree climbs
    to p or above (low[c] > tin[p]). Iterative, with its own stack, for long paths.
    """
    n = indptr.shape[0] - 1
    tin = np.full(n, -1, np.int32)  # discovery time
    low = np.zeros(n, np.int32)
    parent = np.full(n, -1, np.int32)
    cursor = np.zeros(n, np.int32)  # the next tie of each node to look at
    stack = np.empty(n, np.int32)
    bridge = np.zeros(n, np.bool_)
    clock = 0
    for root in range(n):
        if tin[root] >= 0:
            continue
        tin[root], low[root], cursor[root], stack[0], top = clock, clock, indptr[root], root, 0
        clock += 1
        while top >= 0:
            v = stack[top]
            if cursor[v] < indptr[v + 1]:
                w = indices[cursor[v]]
                cursor[v] += 1
                if tin[w] < 0:
                    parent[w], tin[w], low[w], cursor[w] = v, clock, clock, indptr[w]
                    clock += 1
                    top += 1
                    stack[top] = w
                elif w != parent[v]:
                    low[v] = min(low[v], tin[w])
            else:
                top -= 1
                if top >= 0:
                    p = stack[top]
                    low[p] = min(low[p], low[v])
                    bridge[v] = low[v] > tin[p]
    return parent, bridge


def bridge_count(indptr: np.ndarray, indices: np.ndarray) -> int:
    """The number of bridges of a simple undirected graph given as CSR arrays."""
    return int(_bridge_ends(indptr.astype(np.int32), indices.astype(np.int32))[1].sum())


def bridges(G: nx.Graph) -> list[tuple[Hashable, Hashable]]:
    """The ties whose loss splits their component, as ``nx.bridges`` (which takes several
    times longer): (end nearer the search's root, other end). `G` is simple and undirected."""
    nodes = list(G)
    parent, bridge = _bridge_ends(*_csr(G, nodes))
    return [(nodes[parent[c]], nodes[c]) for c in np.flatnonzero(bridge)]


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
    queue: deque[Hashable] = deque()
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
