import networkx as nx
import pytest

from registry.analysis.as_of import as_of_graph
from registry.analysis.baseline import baselines
from registry.analysis.communities import (
    CommunityStatus,
    all_members,
    bridging_side,
    community_reports,
)
from registry.analysis.fragility import separators
from registry.analysis.introductions import Introduction, introductions

from .networks import network
from .test_communities import ORGS, TIES
from .test_known_answers import TODAY, planted_history

STRUCTURAL = {CommunityStatus.CUT_OFF, CommunityStatus.SINGLE_BRIDGE}


def introduce(G: nx.Graph, limit: int = 10) -> tuple[list[Introduction], dict[str, str]]:
    members, side = all_members(G), bridging_side(G)
    cuts = separators(G, side, members)
    odds = baselines(G, members, side)
    return introductions(G, community_reports(G, cuts=cuts, odds=odds), cuts, odds, limit=limit)


@pytest.fixture(scope="module")
def graph() -> nx.Graph:
    return as_of_graph(
        network(
            {
                "bydel": "MUNICIPAL_UNIT @stovner #youth",
                "kult": "MUNICIPAL_UNIT #culture",
                "frog": "MUNICIPAL_UNIT @frogner",
                "state": "PUBLIC_BODY #culture",
                "vol": "VOLUNTARY_ORGANISATION @stovner #culture",
                "hub": "VOLUNTARY_ORGANISATION",
                "g1": "IMMIGRANT_ORGANISATION gap @stovner #culture",
                "g2": "IMMIGRANT_ORGANISATION gap #youth",
                "c1": "IMMIGRANT_ORGANISATION cut #culture",
                "c2": "IMMIGRANT_ORGANISATION cut",
                "m": "IMMIGRANT_ORGANISATION other",
            },
            "g1-g2 g2-m m-hub c1-c2 kult-state bydel-frog",
        )
    )


def test_partners_share_a_district_or_partner_before_a_topic(graph: nx.Graph) -> None:
    found, notes = introduce(graph)
    gap = [i for i in found if i.community == "gap"]
    # g1 hangs on g2 and m: a tie of its own ends both; one from g2 leaves g1 on g2.
    assert [(i.from_, i.to) for i in gap[:2]] == [("g1", "vol"), ("g1", "bydel")]
    # g1 depended on g2, m, hub and the three ties between; g2 on m, hub and two ties.
    assert gap[0].reasons[:2] == ["Gap: SINGLE_BRIDGE → BRIDGED", "ends 10 dependence(s) of its "
                                  "organisations on a single organisation or tie"]  # fmt: skip
    assert "same district: Stovner" in gap[0].reasons and "shared topics: Culture" in gap[0].reasons
    assert all(not graph.has_edge(i.from_, i.to) for i in found)
    # The cut-off community shares only a topic with anyone: that is proposed, and said.
    cut = [i for i in found if i.community == "cut"]
    assert {i.to for i in cut} == {"kult", "state", "vol"}
    assert all(i.reasons[-1] in ("shared topics: Culture", "a municipal unit") for i in cut)
    assert notes == {}


def test_each_partner_once_and_the_limit_keeps_the_best(graph: nx.Graph) -> None:
    found, _ = introduce(graph, limit=1)
    assert [(i.community, i.from_, i.to) for i in found] == [
        ("cut", "c1", "kult"),
        ("gap", "g1", "vol"),
    ]


def test_a_community_without_candidates_is_told_why() -> None:
    G = as_of_graph(network({"u": "MUNICIPAL_UNIT", "a": "OTHER c", "b": "OTHER c"}, "a-b"))
    found, notes = introduce(G)
    assert found == [] and "shares a district, a partner or a topic" in notes["c"]


# Made when the test runs, not when pytest collects it (in every worker of a parallel run).
HISTORIES = {"communities": lambda: network(ORGS, TIES), "planted": lambda: planted_history(TODAY)}


@pytest.mark.parametrize("history", HISTORIES)
def test_the_simulated_gain_is_what_the_new_tie_does(history: str) -> None:
    G = as_of_graph(HISTORIES[history]())
    found, _ = introduce(G, limit=50)
    before = {r.community: r for r in community_reports(G)}
    assert found
    for i in found:
        H = G.copy()
        H.add_edge(i.from_, i.to, weight=3.0, kinds=["PARTNERSHIP"])
        after = next(r for r in community_reports(H) if r.community == i.community)
        old = before[i.community]
        assert (i.status_after in STRUCTURAL) == (after.status in STRUCTURAL), i
        assert i.newly_reached == len(set(old.unreached) - set(after.unreached)), i
        if after.status in STRUCTURAL:
            assert i.status_after == after.status, i
