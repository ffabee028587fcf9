"""Where each organisation sits on the network map, computed on the server.

A force-directed layout of the whole graph costs O(n²) a step: Cytoscape's `cose` needs
minutes in the browser at 5,000 organisations, and NetworkX's spring layout needs SciPy
beyond 500 nodes. So the map is laid out group by group ("group in a box"): the network's
Louvain clusters are laid out each on its own with a dense spring layout, larger ones split
again, and the clusters are then placed by a spring layout of the graph of clusters, pushed
apart until they do not overlap. From `LARGE` organisations on, `map_large` lays the
clusters out in the same way but with a compiled force layout, seconds faster. Isolated
organisations line up in a grid below. Units are node spacings, so the browser only scales.
"""

import math
from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Sequence

import networkx as nx
import numpy as np

from registry.analysis.map_forces import separate_discs
from registry.analysis.map_large import large_layout

LARGE = 600  # organisations from which the large network's layout is used
SMALL = 250  # the largest group laid out in one piece (dense O(n²) steps)
GAP = 2.0  # space between groups, in node spacings

Positions = dict[Hashable, tuple[float, float]]


def layout(G: nx.Graph, clusters: Iterable[Collection[Hashable]] = (), seed: int = 0) -> Positions:
    """Positions for every node of `G`; `clusters` (disjoint, such as the report's Louvain
    clusters) spare computing the first split again."""
    isolates = [n for n in G if G.degree(n) == 0]
    tied = G.subgraph(n for n in G if G.degree(n) > 0)
    parts = [[n for n in c if n in tied] for c in clusters]
    parts = [p for p in parts if p]
    placed = {n for p in parts for n in p}
    parts += [list(c) for c in nx.connected_components(tied.subgraph(set(tied) - placed))]
    if not parts:
        pos: Positions = {}
    elif len(G) >= LARGE:
        pos = large_layout(G, parts, seed)
    else:
        pos = _arrange(tied, parts, seed)
    return pos | _grid(sorted(isolates, key=lambda n: G.nodes[n].get("name", "")), pos)


def _spring(H: nx.Graph, seed: int) -> Positions:
    if len(H) == 1:
        return {next(iter(H)): (0.0, 0.0)}
    found = nx.spring_layout(H, method="force", seed=seed, iterations=60, weight=None)
    xy = np.array([found[n] for n in H], dtype=float)
    # Scaled so that a node's nearest neighbour is one unit away on average, however dense.
    gaps = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    xy = xy / max(float(gaps.min(axis=1).mean()), 1e-9)
    xy -= xy.mean(axis=0)
    return {n: (float(x), float(y)) for n, (x, y) in zip(H, xy, strict=True)}


def _place(H: nx.Graph, seed: int) -> Positions:
    if len(H) <= SMALL:
        return _spring(H, seed)
    parts: Sequence[Collection[Hashable]] = nx.community.louvain_communities(H, seed=seed)
    if len(parts) == 1:  # no community structure: cut along a breadth-first order
        order = list(nx.bfs_tree(H, next(iter(H))))
        parts = [order[i : i + SMALL] for i in range(0, len(order), SMALL)]
    return _arrange(H, [list(p) for p in parts], seed)


def _arrange(H: nx.Graph, parts: list[list[Hashable]], seed: int) -> Positions:
    """Lay out each part, then place the parts as discs that neither overlap nor drift."""
    inner = [_place(H.subgraph(p), seed) for p in parts]
    radii = np.array([_radius(p) + GAP for p in inner])
    centres = _centres(H, parts, radii, seed)
    pos: Positions = {}
    for part_pos, (cx, cy) in zip(inner, centres, strict=True):
        pos.update({n: (x + cx, y + cy) for n, (x, y) in part_pos.items()})
    return pos


def _radius(pos: Positions) -> float:
    """The disc holding most of a group: a few outliers may reach into the next group."""
    reach = [math.hypot(x, y) for x, y in pos.values()]
    return float(np.percentile(reach, 90)) + 1.0 if reach else 1.0


def _centres(H: nx.Graph, parts: list[list[Hashable]], radii: np.ndarray, seed: int) -> np.ndarray:
    where = {n: i for i, part in enumerate(parts) for n in part}
    ties = Counter(
        (min(where[u], where[v]), max(where[u], where[v]))
        for u, v in H.edges()
        if where[u] != where[v]
    )
    quotient: nx.Graph = nx.Graph()
    quotient.add_nodes_from(range(len(parts)))
    quotient.add_weighted_edges_from((a, b, w) for (a, b), w in ties.items())
    if len(parts) <= SMALL:
        start = nx.spring_layout(quotient, method="force", seed=seed, iterations=80)
        centres = np.array([start[i] for i in range(len(parts))], dtype=float)
    else:  # too many parts for a dense layout: a sunflower spiral, largest in the middle
        turn = np.arange(len(parts)) * math.pi * (3 - math.sqrt(5))
        spread = np.sqrt(np.arange(len(parts)) / len(parts))
        centres = np.column_stack([spread * np.cos(turn), spread * np.sin(turn)])
    # Scaled so the discs' total area about fills the layout's unit disc.
    return separate_discs(centres * math.sqrt(float((radii**2).sum())), radii)


def _grid(nodes: list[Hashable], pos: Positions) -> Positions:
    """Isolated nodes in rows under the rest of the map."""
    if not nodes:
        return {}
    xs = [x for x, _ in pos.values()] or [0.0]
    ys = [y for _, y in pos.values()] or [0.0]
    width = max(max(xs) - min(xs), 10.0)
    per_row = max(int(width / 2), 1)
    top = max(ys) + 4
    return {n: (min(xs) + 2 * (i % per_row), top + 2 * (i // per_row)) for i, n in enumerate(nodes)}
