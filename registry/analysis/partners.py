"""Whom an organisation of a community could meet on the bridging side, and why: the partners
`introductions` simulates, best first, and the introduction with its reasons."""

import heapq
from collections import defaultdict
from dataclasses import dataclass
from math import log
from operator import itemgetter
from typing import Any

import networkx as nx

from registry.analysis.communities import SEVERITY, CommunityReport, CommunityStatus, bridging_side
from registry.domain.enums import OrganisationKind

PARTNERS_PER_ORGANISATION = 5  # candidates looked at per organisation of the community


@dataclass(frozen=True, slots=True)
class Introduction:
    community: str
    from_: str  # the community's organisation ("from" in JSON)
    to: str  # the partner on the bridging side
    gain: float
    status_after: CommunityStatus
    newly_reached: int
    dependencies_removed: int
    reasons: list[str]
    shared_topics: list[str]
    shared_areas: list[str]
    common_partners: list[str]


class Partners:
    """Who on the bridging side could meet whom, indexed once."""

    def __init__(self, G: nx.Graph) -> None:
        self.G = G
        self.side = bridging_side(G)
        self.sharing: dict[tuple[str, str], list[str]] = defaultdict(list)
        for node in self.side:
            for field in ("topics", "areas"):
                for key in G.nodes[node][field]:
                    self.sharing[(field, key)].append(node)
        # Looked up once per candidate partner: plain sets, not NetworkX's views, each time.
        self.topics = {n: set(t) for n, t in G.nodes(data="topics", default=())}
        self.municipal = {
            n for n, k in G.nodes(data="kind") if k == OrganisationKind.MUNICIPAL_UNIT
        }

    def best(self, a: str) -> list[tuple[str, float]]:
        """The best partners for `a` by `prior`: shared district 2, common partners their
        Adamic-Adar index, shared topic 1 each, a municipal unit 0.5; a shared topic alone
        only when nothing else is found."""
        G, data = self.G, self.G.nodes[a]
        # Scores are fractional, which `Counter` is not typed for: sums in a defaultdict.
        strong: dict[str, float] = defaultdict(float)
        for key in data["areas"]:
            for b in dict.fromkeys(self.sharing.get(("areas", key), ())):
                strong[b] += 2.0
        for w in G.adj[a]:
            if len(G.adj[w]) > 1:
                for b in G.adj[w]:
                    if b in self.side:
                        strong[b] += 1 / log(len(G.adj[w]))
        topics = set(data["topics"])
        if strong:  # topics only add to partners met another way: no need to count them all
            score = defaultdict(float, {b: n + len(topics & self.topics[b])
                                        for b, n in strong.items()})  # fmt: skip
        else:
            score = defaultdict(float)
            for key in topics:
                for b in self.sharing.get(("topics", key), ()):
                    score[b] += 1
        near = set(G.adj[a])
        for b in list(score):
            if b in near or b == a:
                del score[b]
            elif b in self.municipal:
                score[b] += 0.5
        return heapq.nlargest(PARTNERS_PER_ORGANISATION, score.items(), key=itemgetter(1))

    def introduction(
        self,
        r: CommunityReport,
        a: str,
        b: str,
        gain: float,
        after: CommunityStatus,
        newly: int,
        removed: int,
    ) -> Introduction:
        G = self.G
        da, db = G.nodes[a], G.nodes[b]
        topics = sorted(set(da["topics"]) & set(db["topics"]))
        areas = sorted(set(da["areas"]) & set(db["areas"]))
        common = sorted(G.adj[a].keys() & G.adj[b].keys())
        reasons = []
        if SEVERITY.index(after) > SEVERITY.index(r.status):
            reasons.append(f"{r.name}: {r.status} → {after}")
        if newly:
            reasons.append(f"{newly} organisation(s) of {r.name} newly reach the bridging side")
        if removed:
            reasons.append(
                f"ends {removed} dependence(s) of its organisations on a single organisation or tie"
            )
        if frozenset((a, b)) in G.graph.get("not_bridging", ()):
            reasons.append("tied so far only through funding, which bridges no one")
        if areas:
            reasons.append("same district: " + _names(G, "areas", areas))
        if common:
            reasons.append("common partners: " + ", ".join(G.nodes[w]["name"] for w in common))
        if topics:
            reasons.append("shared topics: " + _names(G, "topics", topics))
        if db["kind"] == OrganisationKind.MUNICIPAL_UNIT:
            reasons.append("a municipal unit")
        return Introduction(r.community, a, b, gain, after, newly, removed, reasons, topics,
                            areas, common)  # fmt: skip


def _names(G: nx.Graph, catalogue: str, ids: list[str]) -> str:
    entries: dict[str, dict[str, Any]] = G.graph.get(catalogue, {})
    return ", ".join(sorted(entries.get(i, {}).get("name", i) for i in ids))
