"""Networks with a known answer, as store records: a planted network with one community of each
status, and Zachary's karate club as organisations."""

from typing import Any

import networkx as nx

from registry.domain.enums import EdgeType, NodeKind
from registry.services.seeding import node_id
from registry.store.records import EdgeRecord, NodeRecord, Subgraph

CREATED = "2015-01-01T00:00:00+00:00"
ORG, COMMUNITY, ACTIVITY = NodeKind.ORGANISATION, NodeKind.COMMUNITY, NodeKind.ACTIVITY


def key(kind: NodeKind, name: str) -> str:
    return node_id(kind, f"planted-{name}")


class _Records:
    def __init__(self) -> None:
        self.nodes: list[NodeRecord] = []
        self.edges: list[EdgeRecord] = []

    def node(self, node_kind: NodeKind, name: str, **props: Any) -> str:
        props = {"name": name.upper() if node_kind is ORG else name.title()} | props
        self.nodes.append(NodeRecord(key(node_kind, name), node_kind, props, 1, CREATED, CREATED))
        return key(node_kind, name)

    def edge(self, edge_type: EdgeType, a: str, b: str, **props: Any) -> None:
        edge_id = node_id(NodeKind.TOPIC, f"edge-{len(self.edges)}")  # any stable uuid
        self.edges.append(EdgeRecord(edge_id, edge_type, a, b, props, 1, CREATED, CREATED))

    def org(self, name: str, kind: str, community: str | None = None) -> str:
        org = self.node(ORG, name, kind=kind)
        if community:
            self.edge(EdgeType.REPRESENTS, org, key(COMMUNITY, community))
        return org

    def tie(self, a: str, b: str, **period: str) -> None:
        props = {"kind": "PARTNERSHIP", "strength": 3} | period
        self.edge(EdgeType.COLLABORATES_WITH, key(ORG, a), key(ORG, b), **props)

    def subgraph(self) -> Subgraph:
        return Subgraph(self.nodes, self.edges)


COMMUNITIES = {
    "alpha": "CUT_OFF",  # ties only among themselves
    "beta": "SINGLE_BRIDGE",  # every path passes B1
    "gamma": "BRIDGED",  # each organisation has ties of its own to the public side
    "delta": "CUT_OFF",  # bridged until its ties ended in 2019 (BRIDGED as of 2019)
    "eps": "CUT_OFF",  # only a seat at one large conference with the public side
    "solo": "TOO_SMALL",  # one organisation, no ties
    "empty": "TOO_SMALL",  # no organisation at all
}
PUBLIC = ("emi", "bydel", "nav", "helse", "skole")
WIDER = ("redx", "idrett", "kirke", "w1", "w2", "w3")


def planted() -> Subgraph:
    """The planted network; its communities' statuses as of 2026 are `COMMUNITIES`."""
    r = _Records()
    for community in COMMUNITIES:
        r.node(COMMUNITY, community, dimension="ORIGIN")
    for name in PUBLIC:
        r.org(name, "MUNICIPAL_UNIT" if name != "nav" else "PUBLIC_BODY")
    for name in WIDER:
        r.org(name, "VOLUNTARY_ORGANISATION")
    core = [*PUBLIC, *WIDER]
    for i, a in enumerate(core):  # a well-knit public side and wider society
        r.tie(a, core[(i + 1) % len(core)])
        r.tie(a, core[(i + 3) % len(core)])
    for i in (1, 2, 3):
        for community in ("alpha", "beta", "gamma", "delta"):
            r.org(f"{community[0]}{i}", "IMMIGRANT_ORGANISATION", community)
    r.tie("a1", "a2"), r.tie("a2", "a3")
    stovner = r.node(NodeKind.AREA, "stovner", kind="DISTRICT")
    for name in ("a1", "a3", "bydel", "redx", "b3"):  # Alpha's introductions: same district
        r.edge(EdgeType.LOCATED_IN, key(ORG, name), stovner)
    r.tie("b1", "b2"), r.tie("b1", "b3"), r.tie("b1", "emi"), r.tie("b1", "bydel")
    r.tie("g1", "g2")
    for g, (p, q) in zip(("g1", "g2", "g3"), [("emi", "redx"), ("bydel", "skole"),
                                              ("nav", "w1")], strict=True):  # fmt: skip
        r.tie(g, p), r.tie(g, q)
    r.tie("d1", "d2"), r.tie("d2", "d3")
    ended = {"start_date": "2016-01-01", "end_date": "2019-12-31"}
    for d, (p, q) in zip(("d1", "d2", "d3"), [("emi", "idrett"), ("helse", "w2"),
                                              ("nav", "kirke")], strict=True):  # fmt: skip
        r.tie(d, p, **ended), r.tie(d, q, **ended)
    r.org("e1", "IMMIGRANT_ORGANISATION", "eps"), r.org("e2", "FAITH_COMMUNITY", "eps")
    r.tie("e1", "e2")
    conference = r.node(ACTIVITY, "conference", kind="CONFERENCE", start_date="2026-03-01",
                        end_date="2026-03-01")  # fmt: skip
    for name in ("e1", *PUBLIC, *WIDER[:-1]):  # 12 participants
        role = "ORGANISER" if name == "emi" else "FUNDER" if name == "nav" else "PARTICIPANT"
        r.edge(EdgeType.PARTICIPATES_IN, key(ORG, name), conference, role=role)
    r.org("s1", "IMMIGRANT_ORGANISATION", "solo")
    return r.subgraph()


def karate() -> tuple[Subgraph, nx.Graph]:
    """Zachary's karate club: k33 a municipal unit, everyone else in the community of their
    faction ("mr-hi" or "officer"); every tie a partnership."""
    G = nx.karate_club_graph()
    r = _Records()
    for faction in ("mr-hi", "officer"):
        r.node(COMMUNITY, faction, dimension="ORIGIN")
    for n, club in G.nodes(data="club"):
        faction = "mr-hi" if club == "Mr. Hi" else "officer"
        r.org(f"k{n}", "MUNICIPAL_UNIT" if n == 33 else "IMMIGRANT_ORGANISATION",
              None if n == 33 else faction)  # fmt: skip
    for u, v in G.edges():
        r.tie(f"k{u}", f"k{v}")
    return r.subgraph(), nx.relabel_nodes(G, {n: key(ORG, f"k{n}") for n in G})
