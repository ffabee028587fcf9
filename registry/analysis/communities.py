"""Each minority community's status: is it bridged to the public side and the wider society?

A community's organisations are those representing it (an organisation counts for every
community it represents). The *bridging side* is the public side and the wider society: a
community tied only to other minority communities still reaches municipal services through
strangers. On the graph of the ties that count (`graph.as_of_graph`), each community gets one
status, checked in this order:

- TOO_SMALL: fewer organisations than `MIN_ORGANISATIONS`: reported, never ranked as a gap,
  since one organisation's ties say little about a community;
- CUT_OFF: none of its organisations has a path to the bridging side;
- SINGLE_BRIDGE: all its paths to the bridging side pass one organisation or one tie, named;
- WEAKLY_BRIDGED: it has fewer ties to the bridging side than a degree-preserving random
  network gives, with a one-sided permutation p-value below `ALPHA` (`baseline`);
- BRIDGED: otherwise.

The headline count of gaps, the trend and fragility all read these statuses.
"""

from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum

import networkx as nx

from registry.analysis.baseline import Baseline, baselines
from registry.analysis.fragility import Separation, separators
from registry.analysis.graph import MINORITY, PUBLIC, WIDER, community_members
from registry.domain.enums import OrganisationKind

MIN_ORGANISATIONS = 2
ALPHA = 0.05


class CommunityStatus(StrEnum):
    CUT_OFF = "CUT_OFF"
    SINGLE_BRIDGE = "SINGLE_BRIDGE"
    WEAKLY_BRIDGED = "WEAKLY_BRIDGED"
    BRIDGED = "BRIDGED"
    TOO_SMALL = "TOO_SMALL"


SEVERITY = list(CommunityStatus)  # worst first; TOO_SMALL is never ranked above a real gap
GAPS = frozenset({CommunityStatus.CUT_OFF, CommunityStatus.SINGLE_BRIDGE,
                  CommunityStatus.WEAKLY_BRIDGED})  # fmt: skip


@dataclass(frozen=True, slots=True)
class SubsetBroker:
    """An organisation on a community's shortest paths to the public side."""

    organisation: str
    name: str
    side: str
    subset_betweenness: float  # the community's paths through it (Brandes' pair dependency)
    share: float  # of its organisations that reach the public side
    betweenness: float  # global, normalised, for comparison


@dataclass(frozen=True, slots=True)
class CommunityReport:
    community: str
    name: str
    status: CommunityStatus
    reason: str
    organisations: list[str]  # representing it
    serving: list[str]  # serving it without representing it
    internal_ties: int
    external_ties: int
    public_ties: int
    wider_ties: int
    minority_ties: int  # to organisations of other minority communities
    ei_index: float | None
    ei_expected: float | None  # under the degree-preserving random baseline
    ei_p: float | None  # chance of an E-I this low by chance
    bridging_ties: int  # to the public side or wider society
    bridging_expected: float
    bridging_p: float | None
    bridging_organisations: list[str]  # its organisations with such a tie
    unreached: list[str]  # its organisations with no path to the bridging side
    single_points: list[str]  # organisations every path to the bridging side passes
    single_ties: list[tuple[str, str]]  # ties every path passes
    hops_to_public: int | None
    hops_to_municipal: int | None
    hops_to_emi: int | None
    brokers: list[SubsetBroker] = field(default_factory=list)
    introductions_note: str | None = None  # why it has no introductions, when it has a gap

    @property
    def gap(self) -> bool:
        return self.status in GAPS


def bridging_side(G: nx.Graph) -> set[str]:
    return {n for n, s in G.nodes(data="side") if s in (PUBLIC, WIDER)}


def all_members(G: nx.Graph) -> dict[str, list[str]]:
    """Every community in the catalogue, with its organisations (none for some)."""
    members = community_members(G)
    return {c: members.get(c, []) for c in sorted(G.graph.get("communities", {}) | members)}


def hops_from(G: nx.Graph, sources: Iterable[Hashable]) -> dict[Hashable, int]:
    """Each node's number of hops to the nearest of `sources`; unreachable nodes are absent."""
    return {v: d for d, layer in enumerate(nx.bfs_layers(G, list(sources))) for v in layer}


def _nearest(hops: dict[Hashable, int], nodes: Iterable[Hashable]) -> int | None:
    return min((hops[n] for n in nodes if n in hops), default=None)


def status_of(organisations: int, reaches: bool, single: bool, chance: Baseline) -> CommunityStatus:
    """The status (see the module doc) from what decides it."""
    if organisations < MIN_ORGANISATIONS:
        return CommunityStatus.TOO_SMALL
    if not reaches:
        return CommunityStatus.CUT_OFF
    if single:
        return CommunityStatus.SINGLE_BRIDGE
    if chance.bridging_p is not None and chance.bridging_p < ALPHA:
        return CommunityStatus.WEAKLY_BRIDGED
    return CommunityStatus.BRIDGED


def community_reports(
    G: nx.Graph,
    emi_id: str | None = None,
    *,
    cuts: Mapping[str, Separation] | None = None,
    odds: Mapping[str, Baseline] | None = None,
    seed: int = 0,
    hops: bool = True,
) -> list[CommunityReport]:
    """One report per community of the catalogue, worst first (see the module doc). `G` is
    the `as_of.bridging_graph`; `cuts` are `separators` and `odds` the `baselines` towards
    `bridging_side` (computed if absent). Without `hops`, the hops to the public side,
    municipal units and EMI are left None (the trend needs none of them)."""
    members = all_members(G)
    side = bridging_side(G)
    cuts = cuts if cuts is not None else separators(G, side, members)
    chance = odds if odds is not None else baselines(G, members, side, seed=seed)
    public = [n for n, s in G.nodes(data="side") if s == PUBLIC] if hops else []
    to_public = hops_from(G, public)
    municipal = [n for n in public if G.nodes[n]["kind"] == OrganisationKind.MUNICIPAL_UNIT]
    to_municipal = hops_from(G, municipal)
    to_emi = hops_from(G, [emi_id]) if hops and emi_id in G else {}
    serving: dict[str, list[str]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        for community in set(data.get("communities", ())) - set(data.get("represents", ())):
            serving[community].append(node)

    reports = []
    names = G.graph.get("communities", {})
    for community, orgs in members.items():
        inside = set(orgs)
        ends: dict[str, int] = defaultdict(int)  # its ties' far ends, by the side they reach
        bridging = set()
        for u in orgs:
            for v in G.adj[u]:
                reach = "inside" if v in inside else G.nodes[v]["side"]
                ends[reach] += 1
                if reach in (PUBLIC, WIDER):
                    bridging.add(u)
        cut, base = cuts[community], chance[community]
        reached = cut.reached | (inside & side)
        points = [] if inside & side else cut.single_points()
        single_ties = [] if inside & side else cut.single_ties()
        status = status_of(len(orgs), bool(reached), bool(points or single_ties), base)
        reports.append(
            CommunityReport(
                community=community,
                name=names.get(community, {}).get("name", community),
                status=status,
                reason=reason(G, status, len(orgs), points, single_ties, base),
                organisations=sorted(orgs),
                serving=sorted(serving[community]),
                internal_ties=ends["inside"] // 2,
                external_ties=ends[PUBLIC] + ends[WIDER] + ends[MINORITY],
                public_ties=ends[PUBLIC],
                wider_ties=ends[WIDER],
                minority_ties=ends[MINORITY],
                ei_index=base.ei_index,
                ei_expected=base.ei_expected,
                ei_p=base.ei_p,
                bridging_ties=base.bridging_ties,
                bridging_expected=base.bridging_expected,
                bridging_p=base.bridging_p,
                bridging_organisations=sorted(bridging),
                unreached=sorted(inside - reached),
                single_points=points,
                single_ties=single_ties,
                hops_to_public=_nearest(to_public, orgs),
                hops_to_municipal=_nearest(to_municipal, orgs),
                hops_to_emi=_nearest(to_emi, orgs),
            )
        )
    return sorted(reports, key=severity)


def severity(report: CommunityReport) -> tuple[int, int, int, str]:
    return (SEVERITY.index(report.status), report.bridging_ties, -len(report.organisations),
            report.community)  # fmt: skip


def reason(
    G: nx.Graph,
    status: CommunityStatus,
    organisations: int,
    points: Collection[Hashable],
    ties: Collection[tuple[Hashable, Hashable]],
    odds: Baseline,
) -> str:
    """The status in a sentence an adviser can check."""
    names = " and ".join(", ".join(G.nodes[v]["name"] for v in points).rsplit(", ", 1))
    if status is CommunityStatus.TOO_SMALL:
        return (f"{organisations} organisation(s) registered, fewer than {MIN_ORGANISATIONS}: "
                "too few to judge the community")  # fmt: skip
    if status is CommunityStatus.CUT_OFF:
        return "no organisation has a path of active ties to the public side or wider society"
    if status is CommunityStatus.SINGLE_BRIDGE and names:
        return f"every path to the public side or wider society passes {names}"
    if status is CommunityStatus.SINGLE_BRIDGE:
        a, b = next(iter(ties))
        return (f"every path to the public side or wider society passes the tie "
                f"{G.nodes[a]['name']} – {G.nodes[b]['name']}")  # fmt: skip
    figures = (f"{odds.bridging_ties} ties to the public side or wider society where chance "
               f"gives {odds.bridging_expected:.1f}")  # fmt: skip
    if status is CommunityStatus.WEAKLY_BRIDGED:
        return f"{figures} (p = {odds.bridging_p:.3f})"
    return f"several independent paths; {figures}"
