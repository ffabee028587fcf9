"""The network map's layout for large networks: clusters first, then their members.

The layout of small networks (`map_layout`) runs NetworkX's spring layout on every group and
splits large groups again: 2.6 s at 5,000 organisations. Here each part (a Louvain cluster;
one over `BIG` is cut along a breadth-first order) gets a compiled force layout of its own,
its points pushed at least `MIN_GAP` apart; the parts are placed by a force layout of the
graph of parts, weighed by the ties between them, and their discs pushed apart until none
overlap. Everything is seeded, so the same graph gets the same map.
"""

import math
from collections.abc import Hashable

import networkx as nx
import numpy as np
from scipy import sparse

from registry.analysis.map_forces import declutter, forces, nearest_gaps, separate_discs

BIG = 1000  # the largest part laid out in one piece: O(n²) a step
MIN_GAP = 0.6  # the closest two organisations may be, in node spacings
GAP = 2.0  # space between parts, in node spacings

Positions = dict[Hashable, tuple[float, float]]


def large_layout(G: nx.Graph, parts: list[list[Hashable]], seed: int) -> Positions:
    """Positions for the nodes in `parts` (disjoint; the nodes of `G` in none have no ties)."""
    parts = [chunk for part in parts for chunk in _cut(G, part)]
    nodes = [n for part in parts for n in part]
    index = {n: i for i, n in enumerate(nodes)}
    ties = _adjacency(G, index)
    rng = np.random.default_rng(seed)
    inner, start = [], 0
    for part in parts:
        stop = start + len(part)
        inner.append(_members(ties[start:stop, start:stop].tocsr(), rng))
        start = stop
    radii = np.array([float(np.hypot(*xy.T).max()) + 0.5 + GAP / 2 for xy in inner])
    centres = _centres(ties, [len(p) for p in parts], radii, rng)
    out = declutter(np.concatenate([xy + c for xy, c in zip(inner, centres, strict=True)]), MIN_GAP)
    return {n: (float(out[i, 0]), float(out[i, 1])) for n, i in index.items()}


def _adjacency(G: nx.Graph, index: dict[Hashable, int]) -> sparse.csr_array:
    # Read from the edge list at once: NetworkX's converter walks a view node by node.
    ends = np.array([(index[u], index[v]) for u, v in G.edges()], dtype=np.int64).reshape(-1, 2)
    rows = np.concatenate([ends[:, 0], ends[:, 1]])
    cols = np.concatenate([ends[:, 1], ends[:, 0]])
    shape = (len(index), len(index))
    return sparse.csr_array((np.ones(len(rows)), (rows, cols)), shape=shape)


def _cut(H: nx.Graph, part: list[Hashable]) -> list[list[Hashable]]:
    """`part`, or pieces of at most `BIG` along a breadth-first order, so neighbours stay
    together."""
    if len(part) <= BIG:
        return [part]
    inside = H.subgraph(part)
    order: list[Hashable] = []
    for component in sorted(nx.connected_components(inside), key=len, reverse=True):
        root = max(component, key=inside.degree)
        order += [root, *(v for _, v in nx.bfs_edges(inside, root))]
    return [order[i : i + BIG] for i in range(0, len(order), BIG)]


def _members(ties: sparse.csr_array, rng: np.random.Generator) -> np.ndarray:
    """One part laid out around (0, 0), scaled so a node's nearest neighbour is about one
    unit away."""
    n = ties.shape[0]
    if n == 1:
        return np.zeros((1, 2))
    start = rng.uniform(-1, 1, (n, 2)) * math.sqrt(n)
    weights = np.ones(len(ties.indices))
    xy = forces(start, ties.indptr, ties.indices, weights)
    xy = xy / max(float(nearest_gaps(xy).mean()), 1e-9)
    return xy - xy.mean(axis=0)


def _centres(
    ties: sparse.csr_array, sizes: list[int], radii: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """The parts' centres: a force layout of the graph of parts (ties between two parts pull
    them together, more ties harder), then discs of `radii` pushed apart."""
    if len(sizes) == 1:
        return np.zeros((1, 2))
    member = sparse.csr_array(
        (np.ones(sum(sizes)), (np.arange(sum(sizes)), np.repeat(np.arange(len(sizes)), sizes))),
        shape=(sum(sizes), len(sizes)),
    )
    between = sparse.csr_array(member.T @ ties @ member)
    between.setdiag(0)
    between.eliminate_zeros()
    weights = between.data / between.data.max() if between.nnz else between.data
    start = rng.uniform(-1, 1, (len(sizes), 2)) * math.sqrt(len(sizes))
    xy = forces(start, between.indptr, between.indices, weights)
    spread = max(float(np.hypot(*xy.T).max()), 1e-9)
    # Scaled so the discs' total area about fills the layout's unit disc.
    return separate_discs(xy / spread * math.sqrt(float((radii**2).sum())), radii)
