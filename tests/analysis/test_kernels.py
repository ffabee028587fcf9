import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from slow_marker import examples

from registry.analysis.kernels import betweenness, bridge_count, bridges, side_betweenness

from .networks import graphs

TOLERANCE = 1e-9


def assert_close(ours: dict, theirs: dict) -> None:
    assert ours.keys() == theirs.keys()
    for node, value in theirs.items():
        assert ours[node] == pytest.approx(value, abs=TOLERANCE), node


def test_karate_club_betweenness_is_the_known_one() -> None:
    values = betweenness(nx.karate_club_graph())
    assert values[0] == pytest.approx(0.4376, abs=1e-4)
    assert values[33] == pytest.approx(0.3041, abs=1e-4)
    assert_close(values, nx.betweenness_centrality(nx.karate_club_graph()))


@pytest.mark.parametrize("normalized", [True, False])
@pytest.mark.parametrize("seed", range(5))
def test_kernel_equals_networkx_on_seeded_random_graphs(seed: int, normalized: bool) -> None:
    G = nx.gnm_random_graph(200, 500, seed=seed)  # includes isolates and small components
    assert_close(betweenness(G, normalized), nx.betweenness_centrality(G, normalized=normalized))
    D = nx.gnm_random_graph(100, 300, seed=seed, directed=True)
    assert_close(betweenness(D, normalized), nx.betweenness_centrality(D, normalized=normalized))


@settings(max_examples=examples(80), deadline=None)
@given(graphs(), st.booleans())
def test_kernel_equals_networkx_on_any_graph(G: nx.Graph, normalized: bool) -> None:
    assert_close(betweenness(G, normalized), nx.betweenness_centrality(G, normalized=normalized))


@settings(max_examples=examples(40), deadline=None)
@given(graphs(directed=True))
def test_kernel_equals_networkx_on_directed_graphs(G: nx.DiGraph) -> None:
    assert_close(betweenness(G), nx.betweenness_centrality(G))


def test_node_ids_of_any_kind_and_order_are_kept() -> None:
    G = nx.Graph([("b", 2), (2, ("t", 1))])
    G.add_node("isolated")
    values = betweenness(G, normalized=False)
    assert list(values) == ["b", 2, ("t", 1), "isolated"]
    assert values == {"b": 0.0, 2: 1.0, ("t", 1): 0.0, "isolated": 0.0}


def test_tiny_graphs() -> None:
    assert betweenness(nx.Graph()) == {}
    assert betweenness(nx.path_graph(2)) == {0: 0.0, 1: 0.0}


def subset_reference(G: nx.Graph, side: set, members: set) -> dict:
    """What side_betweenness promises: NetworkX's subset betweenness from one extra node tied
    to the whole side, towards the members (times 2: NetworkX halves undirected figures)."""
    H = G.copy()
    H.add_node("SIDE")
    H.add_edges_from(("SIDE", s) for s in side)
    raw = nx.betweenness_centrality_subset(H, ["SIDE"], list(members - side), normalized=False)
    return {v: 2 * x for v, x in raw.items() if v != "SIDE" and x > TOLERANCE}


@settings(max_examples=examples(80), deadline=None)
@given(graphs(max_nodes=40))
def test_bridges_equal_networkx(G: nx.Graph) -> None:
    assert {frozenset(e) for e in bridges(G)} == {frozenset(e) for e in nx.bridges(G)}


def test_bridges_on_a_long_path_need_no_recursion() -> None:
    assert len(bridges(nx.path_graph(5000))) == 4999


def test_bridge_count_from_csr_arrays() -> None:
    G = nx.barbell_graph(4, 2)  # two cliques joined by a path of three ties
    G.add_nodes_from(["alone", "also alone"])
    A = nx.to_scipy_sparse_array(G, format="csr")
    assert bridge_count(A.indptr, A.indices) == 3


@settings(max_examples=examples(80), deadline=None)
@given(graphs(max_nodes=25), st.data())
def test_side_betweenness_is_subset_betweenness_from_the_side(G: nx.Graph, data) -> None:
    nodes = sorted(G)
    side = set(data.draw(st.lists(st.sampled_from(nodes), max_size=4))) if nodes else set()
    members = set(data.draw(st.lists(st.sampled_from(nodes), max_size=6))) if nodes else set()
    ours = side_betweenness(G, side, {"group": members})["group"]
    assert_close(ours, subset_reference(G, side, members))


def test_side_betweenness_by_hand() -> None:
    # The side is p1 and p2. t1 reaches it in 2 hops along 2 paths (x-p1, x-p2); t2 in 3 hops
    # along 3 paths (t1-x-p1, t1-x-p2, y-z-p2).
    edges = "p1-x p2-x x-t1 t1-t2 t2-y y-z z-p2"
    G = nx.Graph(e.split("-") for e in edges.split())
    result = side_betweenness(G, {"p1", "p2"}, {"c": {"t1", "t2"}, "none": set()})
    assert_close(
        result["c"],
        {
            "x": 1 + 2 / 3,  # all of t1's paths, two thirds of t2's
            "t1": 2 / 3,  # not its own paths, two thirds of t2's
            "p1": 1 / 2 + 1 / 3,
            "p2": 1 / 2 + 2 / 3,
            "y": 1 / 3,
            "z": 1 / 3,
        },
    )
    assert result["none"] == {}
