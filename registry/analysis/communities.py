"""Bonding and bridging per minority community, and which communities have a bridging gap.

A community's organisations are those representing it. Its ties split into internal ones
(bonding, Putnam) and external ones (bridging), which go to the public side, to the wider
society or to other minority communities. Only the first two close a bridging gap: a community
tied only to other minority communities still reaches municipal services through strangers.
"""

from collections import Counter, defaultdict
from collections.abc import Collection, Hashable, Iterable
from dataclasses import dataclass
from typing import Any

import networkx as nx

from registry.analysis.graph import MINORITY, PUBLIC, WIDER, community_members, on_side
from registry.domain.enums import OrganisationKind

NO_PATH = "NO_PATH"
NO_BRIDGING_TIE = "NO_BRIDGING_TIE"
SINGLE_BRIDGE = "SINGLE_BRIDGE"
GAP_KINDS = (NO_PATH, NO_BRIDGING_TIE, SINGLE_BRIDGE)  # worst first
REASONS = {
    NO_PATH: "no path to the public side",
    NO_BRIDGING_TIE: "no direct tie to the public side or wider society",
}


@dataclass(frozen=True, slots=True)
class CommunityReport:
    community: str
    name: str
    organisations: list[str]  # representing it
    serving: list[str]  # serving it without representing it
    internal_ties: int
    external_ties: int
    ei_index: float | None
    public_ties: int
    wider_ties: int
    minority_ties: int  # to organisations of other minority communities
    bridging_organisations: list[str]  # its organisations tied to the public or wider side
    unreached: list[str]  # its organisations with no path to the public side
    hops_to_public: int | None
    hops_to_municipal: int | None
    hops_to_emi: int | None
    gap: bool
    gap_kind: str | None  # one of GAP_KINDS
    reason: str | None


def ei_index(G: nx.Graph, nodes: Collection[Hashable]) -> float | None:
    """Krackhardt and Stern's E-I index of the group `nodes`: (E - I) / (E + I).

    I counts the ties inside the group, E those from the group to other nodes. The index runs
    from -1 (all ties bonding) to +1 (all bridging); a group without ties has none (None).
    """
    inside = set(nodes)
    ends_inside = external = 0
    for u in inside:
        for v in G.adj[u]:
            if v in inside:
                ends_inside += 1
            else:
                external += 1
    return ei_ratio(external, ends_inside // 2)  # each internal tie was seen from both ends


def ei_ratio(external: int, internal: int) -> float | None:
    """(E - I) / (E + I), None without ties; see `ei_index`."""
    total = internal + external
    return None if total == 0 else (external - internal) / total


def hops_from(G: nx.Graph, sources: Iterable[Hashable]) -> dict[Hashable, int]:
    """Each node's number of hops to the nearest of `sources`; unreachable nodes are absent."""
    return {v: d for d, layer in enumerate(nx.bfs_layers(G, list(sources))) for v in layer}


def _nearest(hops: dict[Hashable, int], nodes: Iterable[Hashable]) -> int | None:
    return min((hops[n] for n in nodes if n in hops), default=None)


def community_reports(G: nx.Graph, emi_id: str | None = None) -> list[CommunityReport]:
    """One report per community with organisations in `G`, worst bridging gaps first.

    A community has a bridging gap, in order of severity, when none of its organisations has
    a path to the public side (NO_PATH); when its only external ties go to other minority
    communities (NO_BRIDGING_TIE); or when it has several organisations but a single one holds
    all its ties to the public side and wider society (SINGLE_BRIDGE). Hops count ties on the
    shortest path from the nearest of its organisations; `emi_id` names EMI's organisation.
    """
    to_public = hops_from(G, on_side(G, PUBLIC))
    municipal = (n for n, k in G.nodes(data="kind") if k == OrganisationKind.MUNICIPAL_UNIT)
    to_municipal = hops_from(G, municipal)
    to_emi = hops_from(G, [emi_id]) if emi_id in G else {}
    serving: dict[str, list[str]] = defaultdict(list)
    for node, data in G.nodes(data=True):
        for community in set(data.get("communities", ())) - set(data.get("represents", ())):
            serving[community].append(node)

    reports = []
    for community, orgs in community_members(G).items():
        inside = set(orgs)
        sides: Counter[str] = Counter()  # ends of its ties, by the side they reach
        bridging = set()
        for u in orgs:
            for v in G.adj[u]:
                side = "inside" if v in inside else G.nodes[v]["side"]
                sides[side] += 1
                if side in (PUBLIC, WIDER):
                    bridging.add(u)
        hops = _nearest(to_public, orgs)
        kind = gap_kind(hops is not None, len(orgs), len(bridging))
        reports.append(
            CommunityReport(
                community=community,
                name=G.graph.get("communities", {}).get(community, {}).get("name", community),
                organisations=sorted(orgs),
                serving=sorted(serving[community]),
                internal_ties=sides["inside"] // 2,
                external_ties=sides[PUBLIC] + sides[WIDER] + sides[MINORITY],
                ei_index=ei_index(G, inside),
                public_ties=sides[PUBLIC],
                wider_ties=sides[WIDER],
                minority_ties=sides[MINORITY],
                bridging_organisations=sorted(bridging),
                unreached=sorted(o for o in orgs if o not in to_public),
                hops_to_public=hops,
                hops_to_municipal=_nearest(to_municipal, orgs),
                hops_to_emi=_nearest(to_emi, orgs),
                gap=kind is not None,
                gap_kind=kind,
                reason=_reason(G, kind, bridging),
            )
        )
    return sorted(reports, key=_severity)


def gap_kind(reaches_public: bool, organisations: int, bridging: int) -> str | None:
    """The bridging gap (one of GAP_KINDS, see `community_reports`) of a community with
    `organisations` organisations, `bridging` of them tied to the public side or wider society,
    or None when it has none."""
    if not reaches_public:
        return NO_PATH
    if bridging == 0:
        return NO_BRIDGING_TIE
    if organisations > 1 and bridging == 1:
        return SINGLE_BRIDGE
    return None


def _reason(G: nx.Graph, kind: str | None, bridging: set[Any]) -> str | None:
    if kind == SINGLE_BRIDGE:
        (only,) = bridging
        return f"only one organisation bridges: {G.nodes[only]['name']}"
    return REASONS[kind] if kind else None


def _severity(report: CommunityReport) -> tuple[int, int, int, str]:
    rank = GAP_KINDS.index(report.gap_kind) if report.gap_kind else len(GAP_KINDS)
    bridging_ties = report.public_ties + report.wider_ties
    return rank, bridging_ties, -len(report.organisations), report.community
