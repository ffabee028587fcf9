"""The analysis finds exactly what seeds/README.md says was planted in the demo network."""

from typing import Any

import networkx as nx
import pytest

from registry.analysis.graph import build_org_graph
from registry.analysis.report import full_report
from registry.domain.enums import NodeKind
from registry.services.seeding import DEMO_DIR, load_seed_graph, node_id


def org(key: str) -> str:
    return node_id(NodeKind.ORGANISATION, key)


def community(key: str) -> str:
    return node_id(NodeKind.COMMUNITY, key)


GAPS = {
    "chileans": {"chilensk-kulturforening-oslo", "chilensk-folkedansgruppe",
                 "chilenske-seniorer-i-oslo"},
    "filipinos": {"filippinsk-forening-oslo", "filippinsk-kor-og-kulturlag",
                  "filippinske-au-pairers-nettverk"},
}  # fmt: skip
HINGE = org("skogfinsk-kulturforum-oslo")
BEHIND = {org(k) for k in ("skogfinsk-slektslag", "finnskogen-ungdomsnettverk",
                           "skogfinsk-sangverksted")}  # fmt: skip
EMI = org("emi")
ISOLATES = {org(k) for k in ("polsk-foreldreforening-ullern", "tamilsk-eldreforum-stovner",
                             "bjerke-bydelsavis", "bjerke-bilpleie-as")}  # fmt: skip


@pytest.fixture(scope="module")
def graph() -> nx.Graph:
    return build_org_graph(load_seed_graph(DEMO_DIR), current_year=2026)


@pytest.fixture(scope="module")
def report(graph: nx.Graph) -> dict[str, Any]:
    return full_report(graph, EMI)


def test_the_gap_communities_and_nothing_else(report: dict) -> None:
    flagged = {c["community"]: c for c in report["communities"] if c["gap"]}
    assert set(flagged) == {
        community("chileans"),
        community("filipinos"),
        community("forest-finns"),
    }
    for key, members in GAPS.items():
        gap = flagged[community(key)]
        assert gap["gap_kind"] == "NO_PATH"
        assert set(gap["organisations"]) == {org(k) for k in members}
        assert gap["unreached"] == gap["organisations"]
        assert gap["ei_index"] == -1.0  # ties only to each other
    finns = flagged[community("forest-finns")]
    assert finns["gap_kind"] == "SINGLE_BRIDGE"
    assert finns["reason"] == "only one organisation bridges: Skogfinsk kulturforum Oslo"
    assert finns["bridging_organisations"] == [HINGE]
    assert (finns["public_ties"], finns["wider_ties"], finns["hops_to_emi"]) == (1, 0, 1)
    worst = report["communities"][:3]
    assert [c["gap_kind"] for c in worst] == ["NO_PATH", "NO_PATH", "SINGLE_BRIDGE"]
    assert report["summary"]["gap_communities"] == 3


def test_the_isolates_and_the_components(report: dict, graph: nx.Graph) -> None:
    assert set(report["summary"]["isolates"]) == ISOLATES
    assert report["summary"]["components"] == 1 + len(GAPS) + len(ISOLATES)
    assert len(max(nx.connected_components(graph), key=len)) == 159
    # An isolated organisation does not make its (otherwise bridged) community a gap.
    polish = next(c for c in report["communities"] if c["community"] == community("polish"))
    assert polish["unreached"] == [org("polsk-foreldreforening-ullern")] and not polish["gap"]


def test_the_single_points_of_failure(report: dict, graph: nx.Graph) -> None:
    assert set(nx.articulation_points(graph)) == {HINGE, EMI}
    assert {frozenset(e) for e in nx.bridges(graph)} == {frozenset((HINGE, EMI))}
    assert (report["summary"]["bridges"], report["summary"]["articulation_points"]) == (1, 2)
    (finns,) = report["fragility"]  # no other community can be cut off by one loss
    assert finns["community"] == community("forest-finns")
    assert set(finns["single_points"]) == {HINGE, EMI}  # EMI is their only public contact
    assert finns["single_ties"] == [[EMI, HINGE]]
    cuts = {c["organisation"]: set(c["cuts_off"]) for c in finns["organisations"]}
    assert cuts == {EMI: BEHIND | {HINGE}, HINGE: BEHIND}


def test_emi_is_the_central_broker(report: dict) -> None:
    top = report["brokers"]["top"][0]
    assert top["organisation"] == EMI
    assert top["roles"]["liaison"] > 0 and top["roles"]["gatekeeper"] > 0
    finns = next(c for c in report["communities"] if c["community"] == community("forest-finns"))
    assert [(b["organisation"], b["share"]) for b in finns["brokers"][:2]] == [
        (EMI, 1.0),  # every route to the public side goes through EMI...
        (HINGE, 0.75),  # ...and, for the three behind it, through the hinge
    ]


def test_introductions_for_the_gap_communities(report: dict, graph: nx.Graph) -> None:
    for key in [*GAPS, "forest-finns"]:
        found = report["introductions"][community(key)]
        assert found, key
        for intro in found:
            assert graph.nodes[intro["partner"]]["side"] != "minority"
            assert not graph.has_edge(intro["organisation"], intro["partner"])
            assert set(intro["reasons"]) - {"a municipal unit"}  # a reason to meet
    assert {i["organisation"] for i in report["introductions"][community("forest-finns")]} <= BEHIND
    partners = {i["partner"] for key in GAPS for i in report["introductions"][community(key)]}
    assert org("kulturetaten") in partners
    assert partners & {org(f"bydel-{d}") for d in ("sagene", "grunerlokka", "ostensjo",
                                                   "frogner", "st-hanshaugen")}  # fmt: skip


def test_the_gap_communities_are_clusters_of_their_own(report: dict) -> None:
    clusters = [set(c["organisations"]) for c in report["clusters"]["clusters"]]
    for members in GAPS.values():
        assert {org(k) for k in members} in clusters


def test_the_network_becomes_better_bridged(report: dict) -> None:
    years = {y["year"]: y for y in report["trend"]}
    assert min(years) == 2015 and max(years) == 2026
    assert years[2015]["gap_share"] > years[2019]["gap_share"] > years[2026]["gap_share"]
    assert years[2015]["mean_ei"] < years[2026]["mean_ei"]
    # From 2022, when the forest Finns' tie to EMI begins, only the three planted gaps remain.
    assert all(years[y]["gap_communities"] == 3 for y in range(2022, 2027))
    assert years[2021]["gap_communities"] > 3
