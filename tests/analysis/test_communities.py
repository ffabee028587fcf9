import networkx as nx
import pytest

from registry.analysis.communities import (
    NO_BRIDGING_TIE,
    NO_PATH,
    SINGLE_BRIDGE,
    community_reports,
    ei_index,
    hops_from,
)

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
    return {r.community: r for r in community_reports(network(ORGS, TIES), "emi")}


def test_ei_index_by_hand() -> None:
    G = nx.Graph([(1, 2), (2, 3), (3, 4), (3, 5)])
    assert ei_index(G, {1, 2}) == (1 - 1) / 2
    assert ei_index(G, {1, 2, 3}) == (2 - 2) / 4
    assert ei_index(G, {3}) == 1.0  # all bridging
    assert ei_index(G, {1, 2, 3, 4, 5}) == -1.0  # all bonding
    G.add_node(6)
    assert ei_index(G, {6}) is None


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
    assert alpha.bridging_organisations == ["a1", "a2"]
    assert (alpha.hops_to_public, alpha.hops_to_municipal, alpha.hops_to_emi) == (1, 1, 1)
    assert not alpha.gap and alpha.gap_kind is None and alpha.reason is None
    assert reports["gamma"].serving == ["state"]


def test_gaps_are_found_with_their_reason(reports: dict) -> None:
    gamma, beta, delta = reports["gamma"], reports["beta"], reports["delta"]
    assert (gamma.gap_kind, gamma.reason) == (NO_PATH, "no path to the public side")
    assert gamma.ei_index == -1.0
    assert gamma.hops_to_public is gamma.hops_to_emi is None
    assert gamma.unreached == ["c1", "c2"]
    assert beta.gap_kind == NO_BRIDGING_TIE
    assert beta.reason == "no direct tie to the public side or wider society"
    assert beta.ei_index == 0.0
    assert (beta.hops_to_public, beta.hops_to_emi) == (4, 4)  # b1-a3-a2-a1-emi
    assert delta.gap_kind == SINGLE_BRIDGE
    assert delta.reason == "only one organisation bridges: D1"
    assert delta.ei_index == pytest.approx(-1 / 3)
    assert (delta.hops_to_municipal, delta.hops_to_emi) == (1, 2)


def test_no_gap_for_a_lone_bridged_organisation_or_one_isolated_member(reports: dict) -> None:
    epsilon, zeta = reports["epsilon"], reports["zeta"]
    assert not epsilon.gap
    assert (epsilon.hops_to_public, epsilon.hops_to_municipal) == (1, 2)
    assert not zeta.gap
    assert zeta.unreached == ["z3"]


def test_worst_gaps_come_first() -> None:
    order = [r.community for r in community_reports(network(ORGS, TIES))]
    assert order == ["gamma", "beta", "delta", "epsilon", "alpha", "zeta"]


def test_without_emi_there_are_no_hops_to_it() -> None:
    reports = community_reports(network(ORGS, TIES), "not-there")
    assert all(r.hops_to_emi is None for r in reports)
