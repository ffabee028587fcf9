import networkx as nx
import pytest

from registry.analysis.clusters import (
    clustering,
    louvain_clusters,
    normalized_mutual_information,
    purity,
)

LABELS = {1: "A", 2: "A", 3: "B", 4: "B"}


@pytest.mark.parametrize(
    ("clusters", "expected_purity", "expected_nmi"),
    [
        ([{1, 2}, {3, 4}], 1.0, 1.0),  # clusters are the groups
        ([{1, 3}, {2, 4}], 0.5, 0.0),  # clusters cut across the groups
        ([{1, 2, 3, 4}], 0.5, 0.0),  # one cluster tells nothing
        ([{1, 2, 3}, {4}], 0.75, 0.3437),  # by hand: 2 I / (H(C) + H(L)) = 0.4315 / 1.2555
        ([{1}, {2}, {3}, {4}], 1.0, 2 * 0.6931 / (1.3863 + 0.6931)),  # pure but split
    ],
)
def test_purity_and_nmi_by_hand(
    clusters: list[set[int]], expected_purity: float, expected_nmi: float
) -> None:
    assert purity(clusters, LABELS) == expected_purity
    assert normalized_mutual_information(clusters, LABELS) == pytest.approx(expected_nmi, abs=1e-4)


def test_one_block_on_both_sides_agrees() -> None:
    assert normalized_mutual_information([{1, 2}], {1: "A", 2: "A"}) == 1.0
    assert normalized_mutual_information([], {}) == 1.0
    assert purity([], {}) == 1.0


def test_louvain_on_the_karate_club_follows_the_split() -> None:
    G = nx.karate_club_graph()
    result = clustering(G, "club", weight=None, seed=0)
    assert result.purity >= 0.9  # a few clusters, each almost all of one club
    assert result.nmi > 0.5
    found = [set(c.organisations) for c in result.clusters]
    assert result.modularity == pytest.approx(nx.community.modularity(G, found, weight=None))
    assert result.modularity > 0.38
    assert [len(c.organisations) for c in result.clusters] == sorted(
        (len(c) for c in found), reverse=True
    )
    first = result.clusters[0]
    assert first.dominant in {"Mr. Hi", "Officer"}
    assert first.dominant_share == max(first.groups.values()) / len(first.organisations)
    assert clustering(G, "club", weight=None, seed=0) == result  # the seed makes it repeatable


def modularity(G: nx.Graph, clusters: list[set], weight: str | None) -> float:
    tied = G.subgraph(set().union(*clusters))
    return nx.community.modularity(tied, clusters, weight=weight)


def as_key(clusters: list[set]) -> list[list]:
    return sorted(sorted(c) for c in clusters)


@pytest.mark.parametrize("seed", [0, 2, 3, 4])
def test_louvain_finds_planted_clusters_as_networkx_does(seed: int) -> None:
    G = nx.planted_partition_graph(6, 25, 0.4, 0.01, seed=seed)
    planted = as_key(G.graph["partition"])
    assert as_key(louvain_clusters(G, weight=None, seed=seed)) == planted
    assert as_key(nx.community.louvain_communities(G, seed=seed)) == planted


@pytest.mark.parametrize("weight", [None, "weight"])
def test_louvain_modularity_on_the_karate_club_is_networkx_s(weight: str | None) -> None:
    G = nx.karate_club_graph()
    ours = modularity(G, louvain_clusters(G, weight=weight, seed=0), weight)
    theirs = modularity(G, nx.community.louvain_communities(G, weight=weight, seed=0), weight)
    assert ours == pytest.approx(theirs, abs=0.005)


@pytest.mark.parametrize("seed", range(5))
def test_louvain_modularity_on_random_graphs_is_close_to_networkx_s(seed: int) -> None:
    # Without planted structure many partitions score alike; both land within 0.02.
    G = nx.gnm_random_graph(300, 900, seed=seed)
    ours = modularity(G, louvain_clusters(G, weight=None, seed=seed), None)
    theirs = modularity(G, nx.community.louvain_communities(G, seed=seed), None)
    assert ours == pytest.approx(theirs, abs=0.02)


def test_clusters_leave_isolates_out() -> None:
    G = nx.Graph()
    nx.add_path(G, [1, 2, 3])
    nx.add_path(G, [4, 5, 6])
    G.add_edge(1, 3)
    G.add_edge(4, 6)
    G.add_edge(3, 4)
    G.add_node(7)
    assert louvain_clusters(G, weight=None) == [{1, 2, 3}, {4, 5, 6}]
    groups = {1: "x", 2: "x", 3: "x", 4: "y", 5: "y", 6: "y", 7: "y"}
    result = clustering(G, groups, weight=None)
    assert (result.purity, result.nmi) == (1.0, 1.0)
    assert [c.dominant for c in result.clusters] == ["x", "y"]
    assert clustering(nx.empty_graph(3), {0: "a", 1: "a", 2: "b"}).modularity == 0.0
