import math
from collections import Counter

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from slow_marker import examples

from registry.analysis.brokers import (
    ROLES,
    betweenness,
    brokerage,
    brokerage_by_group,
    constraint,
    effective_size,
)

from .networks import graphs


def roles(**counts: int) -> dict[str, int]:
    return {role: counts.get(role, 0) for role in ROLES}


def assert_same(ours: dict, theirs: dict) -> None:
    assert ours.keys() == theirs.keys()
    for node, value in theirs.items():
        if math.isnan(value):
            assert math.isnan(ours[node]), node
        else:
            assert ours[node] == pytest.approx(value, abs=1e-9), node


def test_betweenness_is_exact_on_small_graphs_and_sampled_on_large_ones() -> None:
    G = nx.karate_club_graph()
    exact = betweenness(G)
    assert (exact.exact, exact.k, exact.seed) == (True, None, None)
    assert exact.values[0] == pytest.approx(0.4376, abs=1e-4)
    sampled = betweenness(G, exact_limit=10, k=8, seed=3)
    assert (sampled.exact, sampled.k, sampled.seed) == (False, 8, 3)
    assert sampled.values == nx.betweenness_centrality(G, k=8, seed=3)
    assert betweenness(G, exact_limit=10, k=8, seed=3).values == sampled.values  # repeatable


def test_burt_measures_by_hand() -> None:
    star = nx.star_graph(3)  # centre 0 with three leaves that do not know each other
    assert effective_size(star) == {0: 3.0, 1: 1.0, 2: 1.0, 3: 1.0}
    assert constraint(star)[0] == pytest.approx(3 * (1 / 3) ** 2)
    assert constraint(star)[1] == 1.0
    triangle = nx.complete_graph(3)  # each contact is redundant with the other
    assert effective_size(triangle) == {0: 1.0, 1: 1.0, 2: 1.0}
    assert constraint(triangle)[0] == pytest.approx(2 * (1 / 2 + 1 / 4) ** 2)
    triangle.add_node("alone")
    assert math.isnan(effective_size(triangle)["alone"])
    assert math.isnan(constraint(triangle)["alone"])
    with pytest.raises(nx.NetworkXNotImplemented):
        constraint(nx.DiGraph([(1, 2)]))


# Passing `nodes` takes NetworkX's per-node paths, which follow Burt's definitions. With SciPy
# installed they otherwise take sparse-matrix paths, which fail on an empty graph, and whose
# effective size divides by the wrong row maxima on weighted graphs (networkx/networkx#8906).
def networkx_effective_size(G: nx.Graph, weight: str | None) -> dict:
    return nx.effective_size(G, nodes=list(G), weight=weight)


def networkx_constraint(G: nx.Graph, weight: str | None) -> dict:
    return nx.constraint(G, nodes=list(G), weight=weight)


@pytest.mark.parametrize("weight", [None, "weight"])
def test_burt_measures_equal_networkx_on_the_karate_club(weight: str | None) -> None:
    G = nx.karate_club_graph()
    assert_same(effective_size(G, weight), networkx_effective_size(G, weight))
    assert_same(constraint(G, weight), networkx_constraint(G, weight))


@settings(max_examples=examples(60), deadline=None)
@given(graphs(max_nodes=20), st.data())
def test_burt_measures_equal_networkx_on_weighted_graphs(G: nx.Graph, data) -> None:
    for u, v in G.edges:
        G.edges[u, v]["weight"] = data.draw(st.sampled_from([0.25, 1, 2, 3.5, 5]))
    for weight in (None, "weight"):
        assert_same(effective_size(G, weight), networkx_effective_size(G, weight))
        assert_same(constraint(G, weight), networkx_constraint(G, weight))


def test_brokerage_by_hand_undirected() -> None:
    # b and a1, a2 in group A, c in group B; b's neighbours do not know each other.
    G = nx.Graph([("a1", "b"), ("a2", "b"), ("c", "b")])
    groups = {"a1": "A", "a2": "A", "b": "A", "c": "B"}
    # {a1, a2} coordinated both ways; a1->b->c and a2->b->c represent A to B,
    # c->b->a1 and c->b->a2 keep A's gate.
    assert brokerage(G, groups)["b"] == roles(coordinator=2, representative=2, gatekeeper=2)
    assert brokerage(G, groups)["a1"] == roles()

    # An outsider between two of A and one of B: itinerant for {a, c}, liaison for the rest.
    G = nx.Graph([("a", "x"), ("c", "x"), ("d", "x")])
    groups = {"a": "A", "c": "A", "d": "B", "x": "X"}
    assert brokerage(G, groups)["x"] == roles(itinerant=2, liaison=4)
    G.add_edge("a", "c")  # {a, c} are tied now: nothing to broker between them
    assert brokerage(G, groups)["x"] == roles(liaison=4)


def test_brokerage_by_hand_directed() -> None:
    D = nx.DiGraph([("a", "b"), ("b", "c")])
    D.graph["unused"] = True
    nx.set_node_attributes(D, {"a": "A", "b": "B", "c": "B"}, "group")
    assert brokerage(D) == {"a": roles(), "b": roles(gatekeeper=1), "c": roles()}
    D.add_edge("c", "a")  # c->a does not close a->b->c, but opens c->a->b
    assert brokerage(D)["b"] == roles(gatekeeper=1)
    assert brokerage(D)["a"] == roles(itinerant=1)
    D.add_edge("a", "c")  # now a reaches c directly
    assert brokerage(D)["b"] == roles()


def brute_force(G: nx.Graph, groups: dict) -> dict[str, dict[str, Counter]]:
    """Gould and Fernandez from the definition: every a -> b -> c with no a -> c, for each
    group g of b (`groups`: node to its set of groups)."""
    D = G if G.is_directed() else G.to_directed()
    counts = {b: {g: Counter({role: 0 for role in ROLES}) for g in groups[b]} for b in D}
    for b in D:
        for a in D.predecessors(b):
            for c in D.successors(b):
                if a == c or D.has_edge(a, c):
                    continue
                for g in groups[b]:
                    if g in groups[a] and g in groups[c]:
                        role = "coordinator"
                    elif g in groups[a]:
                        role = "representative"
                    elif g in groups[c]:
                        role = "gatekeeper"
                    else:
                        role = "itinerant" if groups[a] & groups[c] else "liaison"
                    counts[b][g][role] += 1
    return counts


@settings(max_examples=examples(80), deadline=None)
@given(st.booleans().flatmap(lambda d: graphs(directed=d, max_nodes=15)), st.data())
def test_brokerage_equals_the_definition(G: nx.Graph, data) -> None:
    group = {n: data.draw(st.sampled_from("ABC")) for n in G}
    ours = brokerage(G, group)
    theirs = brute_force(G, {n: {g} for n, g in group.items()})
    assert ours == {b: dict(c[group[b]]) for b, c in theirs.items()}


@settings(max_examples=examples(80), deadline=None)
@given(st.booleans().flatmap(lambda d: graphs(directed=d, max_nodes=15)), st.data())
def test_brokerage_in_several_groups_equals_the_definition(G: nx.Graph, data) -> None:
    groups = {n: data.draw(st.sets(st.sampled_from("ABCD"), min_size=1, max_size=3)) for n in G}
    ours = brokerage_by_group(G, groups)
    assert ours == {
        b: {g: dict(c) for g, c in by.items()} for b, by in brute_force(G, groups).items()
    }
