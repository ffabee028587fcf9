from datetime import date
from typing import Any

import pytest

from registry.analysis.as_of import as_of_graph
from registry.analysis.graph import AnalysisFilter, build_org_graph, community_members, on_side
from registry.analysis.tie_records import tie_years
from registry.domain.enums import EdgeType, NodeKind
from registry.store.records import EdgeRecord, NodeRecord, Subgraph

ORG, AREA, COMMUNITY, TOPIC, ACTIVITY = (
    NodeKind.ORGANISATION,
    NodeKind.AREA,
    NodeKind.COMMUNITY,
    NodeKind.TOPIC,
    NodeKind.ACTIVITY,
)
E = EdgeType


def org(key: str, kind: str, **props: Any) -> NodeRecord:
    return NodeRecord(key, ORG, {"name": key.title(), "kind": kind} | props)


def edge(edge_type: EdgeType, a: str, b: str, created: str = "", **props: Any) -> EdgeRecord:
    return EdgeRecord(f"{a}-{edge_type}-{b}", edge_type, a, b, props, created_at=created)


@pytest.fixture
def snapshot() -> Subgraph:
    nodes = [
        NodeRecord("oslo", AREA, {"name": "Oslo", "kind": "MUNICIPALITY"}),
        NodeRecord("stovner", AREA, {"name": "Stovner", "kind": "DISTRICT"}),
        NodeRecord("frogner", AREA, {"name": "Frogner", "kind": "DISTRICT"}),
        NodeRecord("somali", COMMUNITY, {"name": "Somaliere", "dimension": "ORIGIN"}),
        NodeRecord("roma", COMMUNITY, {"name": "Rom", "dimension": "NATIONAL_MINORITY"}),
        NodeRecord("youth", TOPIC, {"name": "Ungdom"}),
        NodeRecord("work", TOPIC, {"name": "Arbeid"}),
        NodeRecord("act1", ACTIVITY, {"name": "Prosjekt", "kind": "PROJECT",
                                      "start_date": "2022-01-01", "end_date": "2023-12-31"}),
        NodeRecord("act2", ACTIVITY, {"name": "Seminar", "kind": "SEMINAR",
                                      "start_date": "2020-05-01", "end_date": "2021-05-01"}),
        NodeRecord("ada", NodeKind.PERSON, {"name": "Ada"}),
        org("vel", "MUNICIPAL_UNIT"),
        org("emi", "MUNICIPAL_UNIT"),
        org("bydel", "MUNICIPAL_UNIT"),
        org("imdi", "PUBLIC_BODY"),
        org("som1", "IMMIGRANT_ORGANISATION"),
        org("som2", "FAITH_COMMUNITY"),
        org("redx", "VOLUNTARY_ORGANISATION"),
        org("biz", "BUSINESS"),
        org("old", "VOLUNTARY_ORGANISATION", archived=True),
    ]  # fmt: skip
    edges = [
        edge(E.PART_OF, "stovner", "oslo"),
        edge(E.PART_OF, "frogner", "oslo"),
        edge(E.PART_OF, "emi", "vel"),
        edge(E.LOCATED_IN, "bydel", "stovner"),
        edge(E.LOCATED_IN, "som1", "stovner"),
        edge(E.LOCATED_IN, "redx", "frogner"),
        edge(E.LOCATED_IN, "biz", "frogner"),
        edge(E.WORKS_ON, "som1", "youth"),
        edge(E.WORKS_ON, "biz", "work"),
        edge(E.REPRESENTS, "som1", "somali"),
        edge(E.REPRESENTS, "som2", "somali"),
        edge(E.SERVES, "som2", "roma"),
        edge(E.SERVES, "redx", "roma"),
        edge(E.CONTACT_FOR, "ada", "som1"),
        edge(E.COLLABORATES_WITH, "som1", "bydel", strength=4, kind="REFERRAL",
             start_date="2019-03-01", end_date="2021-06-30"),
        edge(E.COLLABORATES_WITH, "som2", "som1", "2024-05-01T10:00:00+00:00", strength=2),
        edge(E.COLLABORATES_WITH, "biz", "emi", start_date="2025-02-01"),
        edge(E.COLLABORATES_WITH, "old", "emi"),
        edge(E.PARTICIPATES_IN, "som1", "act1", role="LEAD"),
        edge(E.PARTICIPATES_IN, "bydel", "act1"),
        edge(E.PARTICIPATES_IN, "biz", "act1"),
        edge(E.PARTICIPATES_IN, "som2", "act2", start_date="2020-05-01", end_date="2020-05-01"),
        edge(E.PARTICIPATES_IN, "emi", "act2"),
        edge(E.PARTICIPATES_IN, "old", "act2"),
    ]  # fmt: skip
    return Subgraph(nodes, edges)


def test_nodes_are_the_active_organisations_with_their_sides(snapshot: Subgraph) -> None:
    G = build_org_graph(snapshot, current_year=2026)
    assert set(G) == {"vel", "emi", "bydel", "imdi", "som1", "som2", "redx", "biz"}
    assert G.nodes["som1"] == {
        "name": "Som1",
        "kind": "IMMIGRANT_ORGANISATION",
        "represents": ["somali"],
        "communities": ["somali"],
        "side": "minority",
        "groups": ["somali"],
        "group": "somali",
        "areas": ["stovner"],
        "topics": ["youth"],
        "since": date(2019, 3, 1),  # its first tie: the referral to bydel
    }
    assert G.nodes["som2"]["communities"] == ["roma", "somali"]
    assert G.nodes["som2"]["group"] == "somali"  # represented before served
    assert G.nodes["som2"]["groups"] == ["somali"]  # serving roma, it is not one of them
    assert (G.nodes["redx"]["side"], G.nodes["redx"]["group"]) == ("minority", "roma")
    assert (G.nodes["biz"]["side"], G.nodes["biz"]["group"]) == ("wider", "wider")
    assert {n for n in G if G.nodes[n]["side"] == "public"} == {"vel", "emi", "bydel", "imdi"}
    assert on_side(G, "wider") == {"biz"}
    assert community_members(G) == {"somali": ["som1", "som2"]}
    assert G.graph["current_year"] == 2026
    assert G.graph["communities"]["roma"] == {"name": "Rom", "dimension": "NATIONAL_MINORITY"}
    assert G.graph["areas"]["stovner"]["kind"] == "DISTRICT"
    assert G.graph["topics"] == {"youth": {"name": "Ungdom"}, "work": {"name": "Arbeid"}}


def test_ties_merge_collaborations_activities_and_hierarchy(snapshot: Subgraph) -> None:
    G = build_org_graph(snapshot, current_year=2026)
    assert {frozenset(e) for e in G.edges} == {
        frozenset(p)
        for p in [
            ("som1", "bydel"),
            ("som1", "som2"),
            ("biz", "emi"),
            ("som1", "biz"),
            ("bydel", "biz"),
            ("emi", "vel"),
            ("som2", "emi"),
        ]
    }
    # A collaboration and a three-member activity (2/(3-1) per pair) on the same pair.
    tie = G.edges["som1", "bydel"]
    assert tie["weight"] == 5.0
    assert tie["kinds"] == ["ACTIVITY", "REFERRAL"]
    assert tie["years"] == {2019, 2020, 2021, 2022, 2023}
    assert tie["activities"] == {"act1": [2022, 2023]}
    assert tie["collaborations"] == [
        {"id": "som1-COLLABORATES_WITH-bydel", "kind": "REFERRAL", "strength": 4,
         "start": "2019-03-01", "end": "2021-06-30"}
    ]  # fmt: skip
    assert G.edges["som1", "biz"]["weight"] == 1.0
    assert [p.source for p in tie["parts"]] == ["som1", None]  # the referral is directed
    # Undated: from the year it was registered; open-ended: up to the current year.
    assert G.edges["som1", "som2"]["years"] == {2024, 2025, 2026}
    assert G.edges["som1", "som2"]["kinds"] == ["PARTNERSHIP"]
    assert G.edges["biz", "emi"]["years"] == {2025, 2026}
    assert G.edges["biz", "emi"]["weight"] == 3
    # Undated hierarchy holds in every year the ties cover.
    assert G.edges["emi", "vel"]["kinds"] == ["PART_OF"]
    assert G.edges["emi", "vel"]["years"] == set(range(2019, 2027))
    # som2 took part in act2 in 2020 only, emi all along (2020-2021); the archived
    # organisation is left out, so act2 has two participants.
    assert G.edges["som2", "emi"]["years"] == {2020}
    assert G.edges["som2", "emi"]["weight"] == 2.0


def test_as_of_a_date_only_the_ties_that_count(snapshot: Subgraph) -> None:
    G = as_of_graph(build_org_graph(snapshot, current_year=2026), date(2020, 6, 1))
    assert {frozenset(e) for e in G.edges} == {
        frozenset(p) for p in [("som1", "bydel"), ("emi", "vel"), ("som2", "emi")]
    }
    assert G.edges["som1", "bydel"]["weight"] == 4 and G.graph["as_of"] == date(2020, 6, 1)
    assert "biz" not in G  # its first tie starts in 2022: not in the records yet
    # A referral that ended in June 2021 still counts a year on, not two.
    later = as_of_graph(build_org_graph(snapshot, current_year=2026), date(2022, 6, 1))
    assert later.edges["som1", "bydel"]["kinds"] == ["ACTIVITY", "REFERRAL"]
    assert "REFERRAL" not in as_of_graph(later, date(2023, 6, 1)).edges["som1", "bydel"]["kinds"]


def test_activity_pairs_need_overlapping_years(snapshot: Subgraph) -> None:
    snapshot.edges.append(edge(E.PARTICIPATES_IN, "imdi", "act2", start_date="2020-01-01"))
    G = build_org_graph(snapshot, current_year=2026)
    # imdi is there from 2020 until the activity ends (2021), som2 only in 2020.
    assert G.edges["imdi", "som2"]["years"] == {2020}
    assert G.edges["imdi", "emi"]["years"] == {2020, 2021}
    assert G.edges["imdi", "emi"]["weight"] == pytest.approx(1.0)
    assert G.edges["som2", "emi"]["activities"] == {"act2": [2020]}


@pytest.mark.parametrize(
    ("flt", "kept"),
    [
        # Community filter: only the minority side narrows.
        (AnalysisFilter(communities=["somali"]), {"som1", "som2", "biz"}),
        # Area filter reaches districts through the area hierarchy.
        (AnalysisFilter(areas=["oslo"]), {"som1", "redx", "biz"}),
        (AnalysisFilter(areas=["frogner"]), {"redx", "biz"}),
        (AnalysisFilter(topics=["youth"]), {"som1"}),
        (AnalysisFilter(kinds=["BUSINESS"]), {"biz"}),
        (AnalysisFilter(communities=["roma"], topics=["work"]), {"biz"}),
    ],
)
def test_filters_narrow_the_organisations_but_keep_the_public_side(
    snapshot: Subgraph, flt: AnalysisFilter, kept: set[str]
) -> None:
    G = build_org_graph(snapshot, flt, current_year=2026)
    assert set(G) == kept | {"vel", "emi", "bydel", "imdi"}


def test_public_kinds_narrow_the_public_side(snapshot: Subgraph) -> None:
    G = build_org_graph(snapshot, AnalysisFilter(kinds={"PUBLIC_BODY"}), current_year=2026)
    assert on_side(G, "public") == {"imdi"}
    assert len(on_side(G, "minority")) == 3


def test_a_year_range_keeps_ties_active_in_it_and_clips_their_years(snapshot: Subgraph) -> None:
    G = build_org_graph(snapshot, AnalysisFilter(year_from=2023, year_to=2025), current_year=2026)
    assert len(G) == 8  # organisations stay, tied or not
    assert G.edges["som1", "bydel"]["years"] == {2023}
    assert G.edges["som1", "bydel"]["kinds"] == ["ACTIVITY"]  # the referral ended in 2021
    assert G.edges["som1", "bydel"]["weight"] == 1.0
    assert G.edges["som1", "som2"]["years"] == {2024, 2025}
    assert G.edges["emi", "vel"]["years"] == {2023, 2024, 2025}


@pytest.mark.parametrize(
    ("props", "registered", "years"),
    [
        ({"start_date": "2020-01-01", "end_date": "2022-12-31"}, "", {2020, 2021, 2022}),
        ({"start_date": "2024-06-01"}, "", {2024, 2025, 2026}),
        ({"start_date": "2028-01-01"}, "", {2028}),  # planned: its own year only
        ({}, "2025-01-01T00:00:00+00:00", {2025, 2026}),
        ({}, "", {2026}),
        ({"end_date": "2021-01-01"}, "2025-01-01T00:00:00+00:00", {2021}),
    ],
)
def test_tie_years(props: dict[str, str], registered: str, years: set[int]) -> None:
    assert tie_years(props, registered, 2026) == years
