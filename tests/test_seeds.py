"""The demo network: it loads, meets the issue's counts, and carries its planted structure."""

import itertools
import re
import subprocess
import sys
import uuid
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
import yaml

from registry.domain.enums import (
    PUBLIC_KINDS,
    ActivityKind,
    AreaKind,
    CommunityDimension,
    EdgeType,
    NodeKind,
    OrganisationKind,
)
from registry.domain.errors import ValidationFailed
from registry.services.seeding import DEMO_DIR, NAMESPACE, STAMP, load_seed_graph, node_id
from registry.store.records import EdgeRecord, NodeRecord, Subgraph

ORG = NodeKind.ORGANISATION
DISTRICT_NAMES = {
    "Alna", "Bjerke", "Frogner", "Gamle Oslo", "Grorud", "Grünerløkka", "Nordre Aker",
    "Nordstrand", "Sagene", "St. Hanshaugen", "Stovner", "Søndre Nordstrand", "Ullern",
    "Vestre Aker", "Østensjø",
}  # fmt: skip
# The planted structure, as seeds/README.md documents it.
GAPS = {
    "chileans": {
        "chilensk-kulturforening-oslo",
        "chilensk-folkedansgruppe",
        "chilenske-seniorer-i-oslo",
    },
    "filipinos": {
        "filippinsk-forening-oslo",
        "filippinsk-kor-og-kulturlag",
        "filippinske-au-pairers-nettverk",
    },
}
HINGE_COMMUNITY = "forest-finns"
HINGE = "skogfinsk-kulturforum-oslo"
HINGE_BEHIND = {"skogfinsk-slektslag", "finnskogen-ungdomsnettverk", "skogfinsk-sangverksted"}
ISOLATES = {
    "polsk-foreldreforening-ullern",
    "tamilsk-eldreforum-stovner",
    "bjerke-bydelsavis",
    "bjerke-bilpleie-as",
}
RETENTION_REFERENCE = date(2026, 11, 1)  # the demo's "today"


@pytest.fixture(scope="module")
def demo(demo_graph: Subgraph) -> Subgraph:
    return demo_graph


def _nodes(demo: Subgraph, kind: NodeKind) -> list[NodeRecord]:
    return [n for n in demo.nodes if n.kind is kind]


def _edges(demo: Subgraph, edge_type: EdgeType) -> list[EdgeRecord]:
    return [e for e in demo.edges if e.type is edge_type]


def _keys(name: str) -> list[str]:
    return [e["key"] for e in yaml.safe_load((DEMO_DIR / name).read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def org_key() -> dict[str, str]:
    """Organisation id -> seed key (ids are derived from keys)."""
    return {node_id(ORG, key): key for key in _keys("organisations.yaml")}


@pytest.fixture(scope="module")
def members(demo: Subgraph, org_key: dict[str, str]) -> dict[str, set[str]]:
    """Community key -> keys of the organisations that represent it."""
    community_key = {node_id(NodeKind.COMMUNITY, k): k for k in _keys("communities.yaml")}
    result: dict[str, set[str]] = defaultdict(set)
    for edge in _edges(demo, EdgeType.REPRESENTS):
        result[community_key[edge.to_id]].add(org_key[edge.from_id])
    return result


@pytest.fixture(scope="module")
def public(demo: Subgraph, org_key: dict[str, str]) -> set[str]:
    return {org_key[n.id] for n in _nodes(demo, ORG) if n.props["kind"] in PUBLIC_KINDS}


@pytest.fixture(scope="module")
def wider(demo: Subgraph, org_key: dict[str, str], public: set[str]) -> set[str]:
    with_community = {
        org_key[e.from_id] for e in demo.edges if e.type in (EdgeType.REPRESENTS, EdgeType.SERVES)
    }
    return set(org_key.values()) - with_community - public


def _tie_graph(demo: Subgraph, org_key: dict[str, str], *, ongoing_only: bool = False) -> nx.Graph:
    """Organisations tied by a collaboration or by taking part in the same activity.
    With `ongoing_only`: only collaborations without an end date."""
    graph = nx.Graph()
    graph.add_nodes_from(org_key.values())
    taking_part: dict[str, list[str]] = defaultdict(list)
    for edge in demo.edges:
        if edge.type is EdgeType.COLLABORATES_WITH:
            if not (ongoing_only and "end_date" in edge.props):
                graph.add_edge(org_key[edge.from_id], org_key[edge.to_id])
        elif edge.type is EdgeType.PARTICIPATES_IN and not ongoing_only:
            taking_part[edge.to_id].append(org_key[edge.from_id])
    for orgs in taking_part.values():
        graph.add_edges_from(itertools.combinations(orgs, 2))
    return graph


@pytest.fixture(scope="module")
def ties(demo: Subgraph, org_key: dict[str, str]) -> nx.Graph:
    return _tie_graph(demo, org_key)


# --- counts and content ----------------------------------------------------------------------


def test_areas_cover_oslo_districts_and_other_places(demo: Subgraph) -> None:
    areas = {n.id: n.props for n in _nodes(demo, NodeKind.AREA)}
    districts = [p for p in areas.values() if p["kind"] == AreaKind.DISTRICT]
    assert {p["name"] for p in districts} == DISTRICT_NAMES
    assert all(re.fullmatch(r"0301[0-9]{2}", p["code"]) for p in districts)
    oslo = node_id(NodeKind.AREA, "oslo")
    assert areas[oslo]["kind"] == AreaKind.MUNICIPALITY
    part_of = {e.from_id: e.to_id for e in _edges(demo, EdgeType.PART_OF) if e.from_id in areas}
    assert all(part_of[i] == oslo for i, p in areas.items() if p["kind"] == AreaKind.DISTRICT)
    names = {p["name"] for p in areas.values()}
    assert {"Innlandet", "Lillestrøm", "Bærum", "Drammen"} <= names


def test_communities_cover_every_dimension(demo: Subgraph) -> None:
    communities = [n.props for n in _nodes(demo, NodeKind.COMMUNITY)]
    assert len(communities) >= 25
    dimensions = [p["dimension"] for p in communities]
    assert set(dimensions) == set(CommunityDimension)
    assert dimensions.count(CommunityDimension.NATIONAL_MINORITY) == 5
    assert dimensions.count(CommunityDimension.INDIGENOUS) >= 2


def test_topics_include_the_five_grant_priorities(demo: Subgraph) -> None:
    topics = [n.props for n in _nodes(demo, NodeKind.TOPIC)]
    assert sum(p.get("grant_priority", False) for p in topics) == 5
    assert len(topics) >= 14


def test_organisations_cover_every_kind(demo: Subgraph) -> None:
    orgs = [n.props for n in _nodes(demo, ORG)]
    assert len(orgs) >= 150
    assert {p["kind"] for p in orgs} == set(OrganisationKind)
    numbers = [p["org_number"] for p in orgs if "org_number" in p]
    assert numbers
    # Real organisation numbers start with 8 or 9: these can never belong to anyone.
    assert all(n[0] in "1234567" for n in numbers)
    assert len(numbers) == len(set(numbers))
    for p in orgs:
        assert p.get("email", "x@y.example").endswith(".example")


def test_emi_hierarchy_and_district_units(demo: Subgraph) -> None:
    part_of = {(e.from_id, e.to_id) for e in _edges(demo, EdgeType.PART_OF)}
    located = {(e.from_id, e.to_id) for e in _edges(demo, EdgeType.LOCATED_IN)}

    def oid(key: str) -> str:
        return node_id(ORG, key)

    assert (oid("emi"), oid("velferdsetaten")) in part_of
    assert (oid("velferdsetaten"), oid("oslo-kommune")) in part_of
    by_name = {n.props["name"]: n for n in _nodes(demo, ORG)}
    assert by_name["Enhet for mangfold og integrering (EMI)"].id == oid("emi")
    area_id = {n.props["name"]: n.id for n in _nodes(demo, NodeKind.AREA)}
    for name in DISTRICT_NAMES:
        unit = by_name[f"Bydel {name}"]
        assert unit.props["kind"] == OrganisationKind.MUNICIPAL_UNIT
        assert (unit.id, oid("oslo-kommune")) in part_of
        assert (unit.id, area_id[name]) in located


def test_people_are_fictional_contacts(demo: Subgraph) -> None:
    people = _nodes(demo, NodeKind.PERSON)
    assert len(people) >= 150
    contact_for = defaultdict(int)
    for edge in _edges(demo, EdgeType.CONTACT_FOR):
        contact_for[edge.from_id] += 1
    assert all(1 <= contact_for[p.id] <= 2 for p in people)
    for person in people:
        props = person.props
        assert props["email"].endswith("@example.org")
        assert re.fullmatch(r"\+47[2-9]0000[0-9]{3}", props["phone"])
        assert props["languages"] and props["role"] and props["source"]
        assert "last_verified" in props and "legal_basis" in props
    cutoff = RETENTION_REFERENCE.replace(year=RETENTION_REFERENCE.year - 2).isoformat()
    stale = [p for p in people if p.props["last_verified"] < cutoff]
    assert 10 <= len(stale) < len(people) / 2


def test_activities(demo: Subgraph) -> None:
    activities = {n.id: n.props for n in _nodes(demo, NodeKind.ACTIVITY)}
    assert len(activities) >= 40
    assert {p["kind"] for p in activities.values()} == set(ActivityKind)
    priorities = {n.id for n in _nodes(demo, NodeKind.TOPIC) if n.props.get("grant_priority")}
    roles: dict[str, list[str]] = defaultdict(list)
    for edge in _edges(demo, EdgeType.PARTICIPATES_IN):
        roles[edge.to_id].append(edge.props["role"])
    topics: dict[str, set[str]] = defaultdict(set)
    for edge in _edges(demo, EdgeType.WORKS_ON):
        topics[edge.from_id].add(edge.to_id)
    areas = {e.from_id for e in _edges(demo, EdgeType.LOCATED_IN)}
    for activity_id, props in activities.items():
        assert roles[activity_id] and topics[activity_id] and activity_id in areas
        if props["kind"] == ActivityKind.GRANT:
            assert props["grant_scheme"] == "Tilskuddsordningen for inkludering"
            assert 2017 <= props["grant_year"] <= 2026
            assert props["amount_nok"] > 0 and props["grant_status"]
            assert topics[activity_id] <= priorities
            assert roles[activity_id].count("LEAD") == 1
    grants = [p for p in activities.values() if p["kind"] == ActivityKind.GRANT]
    assert {p["grant_status"] for p in grants} == {"APPLIED", "GRANTED", "REJECTED"}
    assert any(p["oxlo"] for p in activities.values() if p["kind"] == ActivityKind.CAMPAIGN)


def test_collaborations_span_2015_to_2026(demo: Subgraph) -> None:
    collaborations = _edges(demo, EdgeType.COLLABORATES_WITH)
    assert len(collaborations) >= 300
    assert {int(e.props["start_date"][:4]) for e in collaborations} == set(range(2015, 2027))
    assert all(1 <= e.props["strength"] <= 5 and e.props["source"] for e in collaborations)
    assert any("end_date" in e.props for e in collaborations)


def test_network_becomes_better_bridged_year_by_year(
    demo: Subgraph, org_key: dict[str, str], members: dict[str, set[str]], public: set[str]
) -> None:
    def communities_tied_to_public(year: int) -> int:
        tied: set[str] = set()
        for edge in _edges(demo, EdgeType.COLLABORATES_WITH):
            ends = {org_key[edge.from_id], org_key[edge.to_id]}
            started = edge.props["start_date"] <= f"{year}-12-31"
            if started and edge.props.get("end_date", "9999") >= f"{year}-01-01" and ends & public:
                tied |= {c for c, orgs in members.items() if orgs & ends}
        return len(tied)

    counts = [communities_tied_to_public(year) for year in (2016, 2019, 2022, 2026)]
    assert counts == sorted(counts) and counts[0] < counts[-1] / 2


# --- the planted structure ------------------------------------------------------------------


def test_gap_communities_have_no_path_to_public_or_wider_society(
    ties: nx.Graph, members: dict[str, set[str]], public: set[str], wider: set[str]
) -> None:
    for community, expected in GAPS.items():
        assert members[community] == expected
        reachable = set().union(*(nx.node_connected_component(ties, k) for k in expected))
        assert reachable == expected  # ties only among themselves
        assert ties.subgraph(expected).number_of_edges() >= 2
        assert not reachable & (public | wider)


def test_hinge_organisation_is_the_only_way_in(
    ties: nx.Graph, members: dict[str, set[str]], public: set[str]
) -> None:
    assert members[HINGE_COMMUNITY] == HINGE_BEHIND | {HINGE}
    assert nx.node_connected_component(ties, HINGE) & public
    assert HINGE in set(nx.articulation_points(ties))
    without = ties.subgraph(set(ties) - {HINGE})
    cut_off = set().union(*(nx.node_connected_component(without, k) for k in HINGE_BEHIND))
    assert cut_off == HINGE_BEHIND and not cut_off & public
    # Its one tie outside the community is a single bridge edge, to EMI.
    assert set(ties[HINGE]) - HINGE_BEHIND == {"emi"}
    assert ("emi", HINGE) in {tuple(sorted(b)) for b in nx.bridges(ties)}


def test_isolates_are_exactly_the_planted_ones(ties: nx.Graph) -> None:
    assert {k for k, degree in ties.degree if degree == 0} == ISOLATES


def test_no_other_cut_points(ties: nx.Graph) -> None:
    # EMI is a cut point only because it holds the hinge's single bridge.
    assert set(nx.articulation_points(ties)) == {HINGE, "emi"}


def test_every_other_community_is_bridged_twice(
    demo: Subgraph, org_key: dict[str, str], members: dict[str, set[str]], public: set[str]
) -> None:
    # Even counting only ongoing collaborations, no single organisation cuts any other
    # community off from the public side.
    ongoing = _tie_graph(demo, org_key, ongoing_only=True)
    ongoing.add_edges_from(("public", p) for p in public)
    for community, orgs in members.items():
        if community in GAPS or community == HINGE_COMMUNITY:
            continue
        graph = ongoing.copy()
        graph.add_edges_from(("community", k) for k in orgs)
        assert nx.node_connectivity(graph, "community", "public") >= 2, community


def test_emi_is_the_central_broker(ties: nx.Graph) -> None:
    betweenness = nx.betweenness_centrality(ties)
    assert max(betweenness, key=betweenness.get) == "emi"


# --- determinism and the generator ----------------------------------------------------------


def test_loading_twice_gives_identical_records(demo: Subgraph) -> None:
    again = load_seed_graph(DEMO_DIR)
    assert again == demo
    emi = next(n for n in demo.nodes if n.id == node_id(ORG, "emi"))
    assert emi.id == str(uuid.uuid5(NAMESPACE, "Organisation:emi"))
    assert (emi.version, emi.created_at, emi.updated_at) == (1, STAMP, STAMP)
    assert len({n.id for n in demo.nodes}) == len(demo.nodes)
    assert len({e.id for e in demo.edges}) == len(demo.edges)


@pytest.mark.slow  # runs the generator as a process
def test_generator_reproduces_the_yaml() -> None:
    # Run as the README says: the script imports its package from beside it, seeds/generator.
    check = [sys.executable, str(DEMO_DIR / "generate.py"), "--check"]
    done = subprocess.run(check, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


# --- errors ---------------------------------------------------------------------------------

ORG_ENTRY = {"key": "x-forening", "name": "X-foreningen", "kind": "VOLUNTARY_ORGANISATION"}
OTHER_ORG = {"key": "y-forening", "name": "Y-foreningen", "kind": "VOLUNTARY_ORGANISATION"}
PERSON = {"key": "kari-eksempel", "name": "Kari Eksempel", "email": "kari@example.org"}


def _write(directory: Path, **files: list[dict[str, Any]]) -> Path:
    for name, entries in files.items():
        text = yaml.safe_dump(entries, allow_unicode=True, sort_keys=False)
        (directory / f"{name}.yaml").write_text(text, encoding="utf-8")
    return directory


def test_a_small_seed_loads(tmp_path: Path) -> None:
    _write(
        tmp_path,
        organisations=[ORG_ENTRY | {"org_number": "123456785"}, OTHER_ORG],
        people=[PERSON | {"contact_for": ["x-forening"]}],
        collaborations=[{"a": "x-forening", "b": "y-forening", "strength": 4}],
    )
    graph = load_seed_graph(tmp_path)
    assert [n.props.get("org_number") for n in graph.nodes[:2]] == ["123456785", None]
    assert [e.type for e in graph.edges] == [EdgeType.CONTACT_FOR, EdgeType.COLLABORATES_WITH]
    assert graph.edges[1].props == {"kind": "PARTNERSHIP", "strength": 4}


@pytest.mark.parametrize(
    ("files", "message"),
    [
        (
            {"organisations": [ORG_ENTRY | {"org_number": "123456789"}]},
            "organisations.yaml: org 'x-forening': org_number: the organisation number's"
            " check digit (MOD11) is wrong",
        ),
        (
            {"organisations": [ORG_ENTRY], "people": [PERSON | {"contact_for": ["nobody"]}]},
            "people.yaml: person 'kari-eksempel': contact_for: no entry has the key 'nobody'",
        ),
        (
            {"organisations": [ORG_ENTRY, ORG_ENTRY | {"name": "Twin"}]},
            "organisations.yaml: org 'x-forening': key: duplicate key",
        ),
        (
            {
                "communities": [{"key": "x-forening", "name": "X", "dimension": "ORIGIN"}],
                "organisations": [ORG_ENTRY],
            },
            "organisations.yaml: org 'x-forening': key: duplicate key (already used in"
            " communities.yaml)",
        ),
        (
            {
                "organisations": [ORG_ENTRY, OTHER_ORG],
                "collaborations": [
                    {"a": "x-forening", "b": "y-forening"},
                    {"a": "y-forening", "b": "x-forening", "kind": "REFERRAL"},
                ],
            },
            "collaborations.yaml: collaboration 2 (y-forening - x-forening): b:"
            " COLLABORATES_WITH y-forening - x-forening is listed twice",
        ),
        (
            {
                "organisations": [ORG_ENTRY],
                "people": [PERSON],
                "collaborations": [{"a": "kari-eksempel", "b": "x-forening"}],
            },
            "collaborations.yaml: collaboration 1 (kari-eksempel - x-forening): a:"
            " COLLABORATES_WITH cannot join",
        ),
        (
            {
                "organisations": [ORG_ENTRY],
                "collaborations": [{"a": "x-forening", "b": "x-forening"}],
            },
            "cannot be tied to itself",
        ),
        (
            {
                "organisations": [ORG_ENTRY | {"topics": ["t", "t"]}],
                "topics": [{"key": "t", "name": "T"}],
            },
            "org 'x-forening': topics: WORKS_ON x-forening - t is listed twice",
        ),
        (
            {"organisations": [ORG_ENTRY | {"represent": ["somali"]}]},
            "org 'x-forening': represent: Extra inputs are not permitted",
        ),
        (
            {
                "organisations": [
                    ORG_ENTRY | {"org_number": "123456785"},
                    OTHER_ORG | {"org_number": "123456785"},
                ]
            },
            "org 'y-forening': org_number: already used by 'x-forening'",
        ),
        (
            {
                "organisations": [ORG_ENTRY],
                "activities": [
                    {
                        "key": "kurs",
                        "name": "Kurs",
                        "kind": "COURSE",
                        "participants": [{"org": "x-forening", "role": "BOSS"}],
                    }
                ],
            },
            "activities.yaml: activity 'kurs': participants[0].role:",
        ),
        (
            {
                "organisations": [ORG_ENTRY, OTHER_ORG],
                "collaborations": [{"a": "x-forening", "b": "y-forening", "strength": 7}],
            },
            "collaborations.yaml: collaboration 1 (x-forening - y-forening): strength:",
        ),
        (
            {"organisations": [ORG_ENTRY | {"key": "X Forening"}]},
            "organisations.yaml: entry 1: key:",
        ),
    ],
)
def test_errors_name_file_entry_and_field(
    tmp_path: Path, files: dict[str, list[dict[str, Any]]], message: str
) -> None:
    _write(tmp_path, **files)
    with pytest.raises(ValidationFailed) as caught:
        load_seed_graph(tmp_path)
    assert message in caught.value.message


def test_not_a_list(tmp_path: Path) -> None:
    (tmp_path / "topics.yaml").write_text("key: x\n", encoding="utf-8")
    with pytest.raises(ValidationFailed, match=r"topics\.yaml: expected a list"):
        load_seed_graph(tmp_path)
