"""The network map's layout: the same graph gives the same map, no two organisations on top
of each other, clusters kept together, and small maps laid out as before."""

import networkx as nx
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy.spatial import cKDTree
from slow_marker import examples

from registry.analysis import map_layout
from registry.analysis.map_large import MIN_GAP, large_layout
from registry.analysis.map_layout import LARGE, layout


def city(communities: int, size: int, seed: int) -> tuple[nx.Graph, list[list[int]]]:
    """Communities tied densely inside and a little between, with a few isolated nodes."""
    G = nx.planted_partition_graph(communities, size, 0.08, 0.002, seed=seed)
    G.add_nodes_from(range(communities * size, communities * size + 7))
    parts = [sorted(p) for p in G.graph["partition"]]
    return G, parts


def closest(pos: dict) -> float:
    xy = np.array(list(pos.values()))
    gaps, _ = cKDTree(xy).query(xy, k=2)
    return float(gaps[:, 1].min())


@pytest.fixture(scope="module")
def large() -> tuple[nx.Graph, list[list[int]], dict]:
    G, parts = city(12, 70, seed=3)
    assert len(G) >= LARGE
    return G, parts, layout(G, parts, seed=1)


def test_the_same_graph_gives_the_same_map(large):
    G, parts, pos = large
    assert layout(G, parts, seed=1) == pos
    assert layout(G, parts, seed=2) != pos


def test_every_organisation_is_placed_apart_from_the_others(large):
    G, _, pos = large
    assert set(pos) == set(G)
    assert all(np.isfinite(xy).all() for xy in pos.values())
    assert closest(pos) >= MIN_GAP * 0.95


def test_clusters_stay_together(large):
    G, parts, pos = large
    # Planted communities have no isolated members: each is one cluster of the layout.
    members = [[n for n in p if G.degree(n)] for p in parts]
    centres = np.array([np.mean([pos[n] for n in p], axis=0) for p in members])
    own = nearest = 0
    for i, part in enumerate(members):
        for n in part:
            distances = np.hypot(*(centres - pos[n]).T)
            own += 1
            nearest += int(np.argmin(distances) == i)
    assert nearest / own > 0.97
    spread = np.mean([np.hypot(*(np.array([pos[n] for n in p]) - c).T).mean()
                      for p, c in zip(members, centres, strict=True)])  # fmt: skip
    apart = np.median(cKDTree(centres).query(centres, k=2)[0][:, 1])
    assert spread < apart / 2


def test_isolated_organisations_line_up_below(large):
    G, _, pos = large
    lonely = [n for n in G if G.degree(n) == 0]
    lowest = max(y for n, (_, y) in pos.items() if G.degree(n))
    assert all(pos[n][1] > lowest for n in lonely)


def test_small_maps_keep_the_layout_they_had(monkeypatch):
    used: list[int] = []

    def spy(G, parts, seed):
        used.append(len(G))
        return large_layout(G, parts, seed)

    monkeypatch.setattr(map_layout, "large_layout", spy)
    small, small_parts = city(5, 40, seed=4)
    before = layout(small, small_parts, seed=0)
    assert used == [] and len(before) == len(small)
    big, big_parts = city(9, 70, seed=4)
    layout(big, big_parts, seed=0)
    assert used == [len(big)]


@settings(max_examples=examples(15), deadline=None)
@given(
    sizes=st.lists(st.integers(1, 60), min_size=1, max_size=6),
    inside=st.sampled_from([0.0, 0.05, 0.2, 0.5]),
    seed=st.integers(0, 2**16),
)
def test_any_parts_end_apart_and_finite(sizes, inside, seed):
    G = nx.random_partition_graph(sizes, inside, 0.01, seed=seed)
    parts = [sorted(p) for p in G.graph["partition"]]
    pos = large_layout(G, parts, seed)
    assert set(pos) == set(G)
    assert all(np.isfinite(xy).all() for xy in pos.values())
    if len(G) > 1:
        assert closest(pos) >= MIN_GAP * 0.95
