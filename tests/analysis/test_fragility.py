import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st
from slow_marker import examples

from registry.analysis.as_of import as_of_graph
from registry.analysis.communities import all_members, bridging_side
from registry.analysis.fragility import (
    CutOrganisation,
    CutTie,
    community_fragility,
    separators,
)

from .networks import graphs, network


def reaches(G: nx.Graph, t, side: set) -> bool:
    return any(nx.has_path(G, t, s) for s in side if s in G)


@settings(max_examples=examples(80), deadline=None)
@given(graphs(max_nodes=18), st.data())
def test_separators_are_what_removal_cuts_off(G: nx.Graph, data) -> None:
    nodes = sorted(G)
    side = set(data.draw(st.lists(st.sampled_from(nodes), max_size=3))) if nodes else set()
    members = set(data.draw(st.lists(st.sampled_from(nodes), max_size=6))) if nodes else set()
    cut = separators(G, side, {"g": members})["g"]
    reached = {t for t in members - side if reaches(G, t, side)}
    assert cut.reached == reached
    for v in G:
        H = G.copy()
        H.remove_node(v)
        lost = {t for t in reached - {v} if not reaches(H, t, side - {v})}
        assert cut.by_node.get(v, set()) == lost, v
    ties = {frozenset(e): lost for e, lost in cut.by_tie.items()}
    for u, v in G.edges:
        H = G.copy()
        H.remove_edge(u, v)
        lost = {t for t in reached if not reaches(H, t, side)}
        assert ties.get(frozenset((u, v)), set()) == lost, (u, v)


def test_a_community_hanging_on_one_organisation_and_one_tie() -> None:
    G = network(
        {
            "emi": "MUNICIPAL_UNIT",
            "bydel": "MUNICIPAL_UNIT",
            "hinge": "RESOURCE_COMMUNITY finns",
            "f2": "RESOURCE_COMMUNITY finns",
            "f3": "RESOURCE_COMMUNITY finns",
            "f4": "RESOURCE_COMMUNITY finns",
            "a1": "IMMIGRANT_ORGANISATION alpha",
            "a2": "IMMIGRANT_ORGANISATION alpha",
            "lone": "IMMIGRANT_ORGANISATION gamma",
        },
        "emi-bydel emi-hinge hinge-f2 hinge-f3 f2-f3 hinge-f4 a1-a2 a1-emi a1-bydel a2-emi a2-bydel",
    )
    G = as_of_graph(G)
    cuts = separators(G, bridging_side(G), all_members(G))
    (finns,) = community_fragility(G, cuts)  # alpha has two ways in; gamma none at all
    assert finns.community == "finns" and finns.name == "Finns"
    assert finns.reached == ["f2", "f3", "f4", "hinge"]
    assert finns.organisations == [
        CutOrganisation("emi", ["f2", "f3", "f4", "hinge"]),
        CutOrganisation("hinge", ["f2", "f3", "f4"]),
    ]
    assert finns.ties == [
        CutTie(("emi", "hinge"), ["f2", "f3", "f4", "hinge"]),
        CutTie(("hinge", "f4"), ["f4"]),
    ]
    assert finns.single_points == ["emi", "hinge"]
    assert finns.single_ties == [("emi", "hinge")]
