import networkx as nx
import pytest

from registry.analysis.as_of import as_of_graph
from registry.analysis.communities import CommunityStatus as S
from registry.analysis.communities import community_reports, hops_from

from .networks import network

ORGS = {
    "emi": "MUNICIPAL_UNIT",
    "bydel": "MUNICIPAL_UNIT",
    "state": "PUBLIC_BODY +gamma",
    "vol": "VOLUNTARY_ORGANISATION",
    "a1": "IMMIGRANT_ORGANISATION alpha",
    "a2": "IMMIGRANT_ORGANISATION alpha",
    "a3": "IMMIGRANT_ORGANISATION alpha",
    "b1": "IMMIGRANT_ORGANISATION beta",
    "b2": "IMMIGRANT_ORGANISATION beta",
    "c1": "IMMIGRANT_ORGANISATION gamma",
    "c2": "IMMIGRANT_ORGANISATION gamma",
    "d1": "IMMIGRANT_ORGANISATION delta",
    "d2": "IMMIGRANT_ORGANISATION delta",
    "d3": "IMMIGRANT_ORGANISATION delta",
    "e1": "IMMIGRANT_ORGANISATION epsilon",
    "z1": "IMMIGRANT_ORGANISATION zeta",
    "z2": "IMMIGRANT_ORGANISATION zeta",
    "z3": "IMMIGRANT_ORGANISATION zeta",
}
TIES = """emi-bydel emi-state
a1-a2 a2-a3 a1-emi a2-vol a3-b1
b1-b2
c1-c2
d1-bydel d1-d2 d2-d3
e1-state
z1-state z2-vol"""


@pytest.fixture(scope="module")
def reports() -> dict:
    return {r.community: r for r in community_reports(as_of_graph(network(ORGS, TIES)), "emi")}


def test_hops_from_several_sources() -> None:
    G = nx.path_graph(6)
    G.add_node(9)
    assert hops_from(G, [0, 5]) == {0: 0, 5: 0, 1: 1, 4: 1, 2: 2, 3: 2}
    assert hops_from(G, []) == {}


def test_ties_split_into_bonding_and_bridging(reports: dict) -> None:
    alpha = reports["alpha"]
    assert alpha.organisations == ["a1", "a2", "a3"]
    assert (alpha.internal_ties, alpha.external_ties) == (2, 3)
    assert alpha.ei_index == pytest.approx((3 - 2) / 5)
    assert (alpha.public_ties, alpha.wider_ties, alpha.minority_ties) == (1, 1, 1)
    assert alpha.bridging_organisations == ["a1", "a2"] and alpha.bridging_ties == 2
    assert (alpha.hops_to_public, alpha.hops_to_municipal, alpha.hops_to_emi) == (1, 1, 1)
    assert alpha.status is S.BRIDGED and not alpha.gap and "2 ties" in alpha.reason
    assert reports["gamma"].serving == ["state"]


def test_each_status_with_its_reason(reports: dict) -> None:
    gamma, beta, delta = reports["gamma"], reports["beta"], reports["delta"]
    assert gamma.status is S.CUT_OFF and "no organisation has a path" in gamma.reason
    assert gamma.ei_index == -1.0 and gamma.ei_expected > 0.5
    assert gamma.hops_to_public is gamma.hops_to_emi is None
    assert gamma.unreached == ["c1", "c2"]
    # Beta reaches the bridging side only through alpha: through a3 and a2, and b1 for b2.
    assert beta.status is S.SINGLE_BRIDGE and beta.single_points == ["a2", "a3", "b1"]
    assert beta.reason.endswith("passes A2, A3 and B1")
    assert (beta.hops_to_public, beta.hops_to_emi) == (4, 4)  # b1-a3-a2-a1-emi
    assert delta.status is S.SINGLE_BRIDGE and delta.single_points == ["bydel", "d1"]
    assert delta.single_ties == [("bydel", "d1")]
    assert delta.ei_index == pytest.approx(-1 / 3)
    assert (delta.hops_to_municipal, delta.hops_to_emi) == (1, 2)


def test_a_lone_organisation_is_too_small_and_an_isolated_member_no_gap(reports: dict) -> None:
    epsilon, zeta = reports["epsilon"], reports["zeta"]
    assert epsilon.status is S.TOO_SMALL and not epsilon.gap and "fewer than 2" in epsilon.reason
    assert (epsilon.hops_to_public, epsilon.hops_to_municipal) == (1, 2)
    assert zeta.status is S.BRIDGED and zeta.unreached == ["z3"]


def test_worst_first_and_too_small_last() -> None:
    order = [r.community for r in community_reports(as_of_graph(network(ORGS, TIES)))]
    assert order == ["gamma", "beta", "delta", "alpha", "zeta", "epsilon"]


def test_a_community_without_organisations_is_reported() -> None:
    G = as_of_graph(network(ORGS, TIES))
    G.graph["communities"] = G.graph["communities"] | {"omega": {"name": "Omega"}}
    omega = next(r for r in community_reports(G) if r.community == "omega")
    assert omega.status is S.TOO_SMALL and omega.organisations == []


def test_without_emi_there_are_no_hops_to_it() -> None:
    reports = community_reports(as_of_graph(network(ORGS, TIES)), "not-there")
    assert all(r.hops_to_emi is None for r in reports)


def test_fewer_bridging_ties_than_chance_is_weak() -> None:
    # Four organisations tied in a ring with one tie out, among a public side with many ties.
    orgs = {f"p{i}": "MUNICIPAL_UNIT" for i in range(12)} | {
        f"m{i}": "IMMIGRANT_ORGANISATION mu" for i in range(4)
    }
    ties = " ".join(f"p{i}-p{j}" for i in range(12) for j in range(i + 1, 12) if (j - i) % 4 < 2)
    ties += " m0-m1 m1-m2 m2-m3 m3-m0 m0-m2 m1-m3 m0-p0 m2-p5"
    [mu] = community_reports(as_of_graph(network(orgs, ties)))
    assert mu.bridging_ties == 2 and mu.bridging_expected > 8
    assert mu.bridging_p < 0.05 and mu.status is S.WEAKLY_BRIDGED
    assert "chance gives" in mu.reason
