"""Facts about the demo network worked out from the seed records themselves, not through
the code under test."""

from dataclasses import dataclass

from registry.domain.enums import EdgeType, NodeKind
from registry.services.seeding import node_id
from registry.store.records import Subgraph


@dataclass(frozen=True)
class Slice:
    """One community in one district: its ids and the contact names the export must list."""

    community: str
    area: str
    community_name: str
    area_name: str
    organisations: set[str]
    contacts: set[str]


def community_in_district(sub: Subgraph, community: str, district: str) -> Slice:
    c, a = node_id(NodeKind.COMMUNITY, community), node_id(NodeKind.AREA, district)
    nodes = {n.id: n for n in sub.nodes}
    with_community = {
        e.from_id for e in sub.edges
        if e.type in (EdgeType.REPRESENTS, EdgeType.SERVES) and e.to_id == c
    }  # fmt: skip
    in_area = {e.from_id for e in sub.edges if e.type is EdgeType.LOCATED_IN and e.to_id == a}
    orgs = {
        o for o in with_community & in_area
        if nodes[o].kind is NodeKind.ORGANISATION and not nodes[o].props.get("archived")
    }  # fmt: skip
    people = {
        nodes[e.from_id].props["name"]
        for e in sub.edges
        if e.type is EdgeType.CONTACT_FOR and e.to_id in orgs
        and not nodes[e.from_id].props.get("archived")
    }  # fmt: skip
    names = {nodes[o].props["name"] for o in orgs}
    return Slice(c, a, nodes[c].props["name"], nodes[a].props["name"], names, people)
