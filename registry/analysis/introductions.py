"""Who should be introduced to whom to close a community's bridging gap, and why.

A candidate is a pair of one of the community's organisations without a bridge of its own (no
tie to the public side or the wider society: when one organisation holds the community's
only bridge, the others need theirs) and an organisation on the public side or in the wider
society that it has no tie to yet. Each reason adds to the score:

- each shared topic: 1 (they already work on the same thing);
- each shared area (district): 1 (they serve the same neighbourhood);
- common partners: their Adamic-Adar index, sum of 1/log(degree) over the partners, so a
  common partner with few ties, who knows both well, counts more than a hub;
- a municipal unit as partner: 1, since the gap that matters most is to municipal services.

Pairs with no reason but the last are not proposed: an introduction needs a reason to meet.
"""

import heapq
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from math import log
from operator import itemgetter
from typing import Any

import networkx as nx

from registry.analysis.graph import MINORITY, community_members
from registry.domain.enums import OrganisationKind

MUNICIPAL_BONUS = 1.0


@dataclass(frozen=True, slots=True)
class Introduction:
    organisation: str  # the community's organisation
    partner: str
    partner_side: str
    score: float
    reasons: list[str]
    shared_topics: list[str]
    shared_areas: list[str]
    common_partners: list[str]
    adamic_adar: float


def introductions(
    G: nx.Graph, communities: Iterable[str], *, limit: int = 10
) -> dict[str, list[Introduction]]:
    """The `limit` best introductions for each of `communities`, best first."""
    candidates = _Candidates(G)
    members = community_members(G)
    return {c: candidates.best(members.get(c, []), limit) for c in communities}


class _Candidates:
    """Who could meet whom, indexed once for all the communities asked about."""

    def __init__(self, G: nx.Graph) -> None:
        self.G = G
        self.side = dict(G.nodes(data="side"))
        self.municipal = {
            n for n, k in G.nodes(data="kind") if k == OrganisationKind.MUNICIPAL_UNIT
        }
        # Topic or area to the organisations outside the minority side that share it.
        self.sharing: dict[tuple[str, str], list[Hashable]] = defaultdict(list)
        for node, data in G.nodes(data=True):
            if data["side"] != MINORITY:
                for field in ("topics", "areas"):
                    for key in data[field]:
                        self.sharing[(field, key)].append(node)

    def best(self, orgs: list[Hashable], limit: int) -> list[Introduction]:
        # Score every candidate cheaply first; only the best few get their reasons spelt out.
        G, side = self.G, self.side
        ranked = []
        for a in orgs:
            if any(side[b] != MINORITY for b in G.adj[a]):
                continue  # it has a bridge of its own
            score: Counter[Hashable] = Counter()
            for field in ("topics", "areas"):
                for key in G.nodes[a][field]:
                    score.update(self.sharing.get((field, key), ()))
            for w in G.adj[a]:
                if len(G.adj[w]) > 1:
                    share = 1 / log(len(G.adj[w]))
                    for b in G.adj[w]:
                        if side[b] != MINORITY:
                            score[b] += share
            for b in self.municipal & score.keys():
                score[b] += MUNICIPAL_BONUS
            # Per organisation only its best few can be among the community's best few.
            top = heapq.nlargest(limit, score.items(), key=itemgetter(1))
            ranked += [(-s, a, b) for b, s in top]
        return [_introduction(G, a, b, float(-s)) for s, a, b in sorted(ranked)[:limit]]


def _introduction(G: nx.Graph, a: Hashable, b: Hashable, score: float) -> Introduction:
    da, db = G.nodes[a], G.nodes[b]
    topics = sorted(set(da["topics"]) & set(db["topics"]))
    areas = sorted(set(da["areas"]) & set(db["areas"]))
    partners = sorted(G.adj[a].keys() & G.adj[b].keys())
    adamic_adar = sum(1 / log(len(G.adj[w])) for w in partners)
    reasons = []
    if topics:
        reasons.append("shared topics: " + _names(G, "topics", topics))
    if areas:
        reasons.append("same area: " + _names(G, "areas", areas))
    if partners:
        names = ", ".join(sorted(G.nodes[w]["name"] for w in partners))
        reasons.append(f"{len(partners)} common partners: {names} (Adamic-Adar {adamic_adar:.2f})")
    if db["kind"] == OrganisationKind.MUNICIPAL_UNIT:
        reasons.append("a municipal unit")
    return Introduction(
        organisation=a,
        partner=b,
        partner_side=db["side"],
        score=score,
        reasons=reasons,
        shared_topics=topics,
        shared_areas=areas,
        common_partners=partners,
        adamic_adar=adamic_adar,
    )


def _names(G: nx.Graph, catalogue: str, ids: list[str]) -> str:
    entries: dict[str, dict[str, Any]] = G.graph.get(catalogue, {})
    return ", ".join(sorted(entries.get(i, {}).get("name", i) for i in ids))
