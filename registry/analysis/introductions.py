"""Who should be introduced to whom, ranked by what the new tie would change.

For a community with a gap, a candidate is a tie from one of its organisations to an
organisation of the bridging side (public side or wider society) it has no counting tie to.
Every such tie is simulated, and its gain is what it does for the community:

    gain = status steps gained (CUT_OFF 3, SINGLE_BRIDGE 2, WEAKLY_BRIDGED 1, BRIDGED 0)
           + (organisations newly reaching the bridging side
              + dependencies removed: (organisation, single organisation or tie its every
                path passed) pairs the new tie ends) / organisations
           + for a community still WEAKLY_BRIDGED after it: the share of its shortfall of
             bridging ties (expected minus observed) that the one tie closes

The structural part depends only on the community's end of the tie (the bridging side acts
as one place), so it comes exactly from the separators `fragility.separators` found: a new tie
from organisation a to the side removes, for each member t, the separators t shares with a,
except the one where their paths part. Among the partners, those sharing a district, a
partner or a topic with the organisation come first (`prior`); a shared topic alone proposes
a partner only when nothing else does. Each partner is proposed once per community, each of
its organisations at most `PER_ORGANISATION` times, and a tie that would change nothing
(gain 0) is not proposed.
"""

import heapq
from collections import Counter, defaultdict
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, replace
from math import log
from operator import itemgetter
from typing import Any

import networkx as nx

from registry.analysis.baseline import Baseline
from registry.analysis.communities import (
    SEVERITY,
    CommunityReport,
    CommunityStatus,
    bridging_side,
    status_of,
)
from registry.analysis.fragility import Separation
from registry.domain.enums import OrganisationKind

STEPS = {CommunityStatus.CUT_OFF: 3, CommunityStatus.SINGLE_BRIDGE: 2,
         CommunityStatus.WEAKLY_BRIDGED: 1, CommunityStatus.BRIDGED: 0,
         CommunityStatus.TOO_SMALL: 0}  # fmt: skip
PARTNERS_PER_ORGANISATION = 5  # candidates looked at per organisation of the community
PER_ORGANISATION = 3  # introductions proposed per organisation of the community


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


def introductions(
    G: nx.Graph,
    reports: list[CommunityReport],
    cuts: Mapping[str, Separation],
    odds: Mapping[str, Baseline],
    *,
    limit: int = 10,
) -> tuple[list[Introduction], dict[str, str]]:
    """The `limit` best introductions per community with a gap (or a cut-off one too small to
    rank), best first; and for those without any, why not."""
    partners = _Partners(G)
    out: list[Introduction] = []
    notes: dict[str, str] = {}
    for r in reports:
        cut_off_small = r.status is CommunityStatus.TOO_SMALL and r.unreached == r.organisations
        if not (r.gap or (cut_off_small and r.organisations)):
            continue
        found = _for_community(G, r, cuts[r.community], odds[r.community], partners, limit)
        out += found
        if not found:
            notes[r.community] = partners.why_none(r, cuts[r.community], odds[r.community])
    return out, notes


def _for_community(
    G: nx.Graph,
    r: CommunityReport,
    cut: Separation,
    odds: Baseline,
    partners: "_Partners",
    limit: int,
) -> list[Introduction]:
    gains = {}
    ranked = []
    for a in r.organisations:
        anyone = _simulate(G, r, cut, odds, a, None)
        for b, prior in partners.best(a):
            # Only a partner that itself separates some member changes the simulation.
            gains[a, b] = _simulate(G, r, cut, odds, a, b) if b in cut.by_node else anyone
            if gains[a, b][0] > 0:  # else the tie changes nothing for the community
                ranked.append((-gains[a, b][0], -prior, G.nodes[b]["name"], a, b))
    used: set[Hashable] = set()
    sent: Counter[Hashable] = Counter()
    chosen = []
    for _, _, _, a, b in sorted(ranked):
        if b in used or sent[a] == PER_ORGANISATION:
            continue
        used.add(b)
        sent[a] += 1
        gain, after, reached, removed = gains[a, b]
        chosen.append(partners.introduction(r, a, b, gain, after, reached, removed))
        if len(chosen) == limit:
            break
    return chosen


def _simulate(
    G: nx.Graph,
    r: CommunityReport,
    cut: Separation,
    odds: Baseline,
    a: Hashable,
    b: Hashable | None,
) -> tuple[float, CommunityStatus, int, int]:
    """(gain, status after, organisations newly reached, single points removed) of a new
    tie from `a` to `b` on the bridging side (None: a partner that separates no one)."""
    reached = set(r.organisations) - set(r.unreached)
    newly: set[Hashable] = set()
    if a not in reached:
        component = nx.node_connected_component(G, a)
        newly = set(r.unreached) & component
    after_nodes, after_ties, removed = {}, {}, 0
    a_nodes, a_ties = cut.chains.get(a, (frozenset(), frozenset()))
    for t in reached:
        nodes, tied = cut.chains.get(t, (frozenset(), frozenset()))
        # Separators t shares with a are bypassed by the new tie, but for the one where their
        # paths part (whose child differs) and for the partner itself.
        keep = {c for c in nodes if c not in a_nodes or cut.parent[c] == b}
        after_nodes[t] = {cut.parent[c] for c in keep}
        after_ties[t] = tied - a_ties
        removed += len(nodes) - len(keep) + len(tied) - len(after_ties[t])
    everyone = reached | newly
    if newly:  # a new component hangs on the new tie alone, unless others reach already
        single = not reached
    else:
        single = any(
            all(t == v or v in after_nodes[t] for t in reached) for v in _union(after_nodes)
        ) or bool(reached and frozenset.intersection(*after_ties.values()))
    # One more bridging tie; the baseline's p is kept unless that reaches the expectation.
    enough = odds.bridging_ties + 1 >= odds.bridging_expected
    more = replace(odds, bridging_ties=odds.bridging_ties + 1,
                   bridging_p=None if enough else odds.bridging_p)  # fmt: skip
    after = status_of(len(r.organisations), bool(everyone), single, more)
    steps = max(0, STEPS[r.status] - STEPS[after])
    size = max(1, len(r.organisations))
    gain = steps + (len(newly) + removed) / size
    if after is CommunityStatus.WEAKLY_BRIDGED:  # the share of the shortfall it closes
        gain += 1 / max(1.0, odds.bridging_expected - odds.bridging_ties)
    return round(gain, 3), after, len(newly), removed


def _union(after_nodes: dict[Hashable, set[Hashable]]) -> set[Hashable]:
    return set().union(*after_nodes.values())


class _Partners:
    """Who on the bridging side could meet whom, indexed once."""

    def __init__(self, G: nx.Graph) -> None:
        self.G = G
        self.side = bridging_side(G)
        self.sharing: dict[tuple[str, str], list[Hashable]] = defaultdict(list)
        for node in self.side:
            for field in ("topics", "areas"):
                for key in G.nodes[node][field]:
                    self.sharing[(field, key)].append(node)

    def best(self, a: Hashable) -> list[tuple[Hashable, float]]:
        """The best partners for `a` by `prior`: shared district 2, common partners their
        Adamic-Adar index, shared topic 1 each, a municipal unit 0.5; a shared topic alone
        only when nothing else is found."""
        G, data = self.G, self.G.nodes[a]
        strong: Counter[Hashable] = Counter()
        for key in data["areas"]:
            strong.update(dict.fromkeys(self.sharing.get(("areas", key), ()), 2.0))
        for w in G.adj[a]:
            if len(G.adj[w]) > 1:
                for b in G.adj[w]:
                    if b in self.side:
                        strong[b] += 1 / log(len(G.adj[w]))
        topic: Counter[Hashable] = Counter()
        for key in data["topics"]:
            topic.update(self.sharing.get(("topics", key), ()))
        pool = strong or topic
        score = Counter({b: pool[b] + (topic[b] if strong else 0) for b in pool})
        for b in list(score):
            if b in G.adj[a] or b == a:
                del score[b]
            elif G.nodes[b]["kind"] == OrganisationKind.MUNICIPAL_UNIT:
                score[b] += 0.5
        return heapq.nlargest(PARTNERS_PER_ORGANISATION, score.items(), key=itemgetter(1))

    def why_none(self, r: CommunityReport, cut: Separation, odds: Baseline) -> str:
        if not r.organisations:
            return "no organisation represents it, so there is no one to introduce"
        if not self.side:
            return "no organisation on the public side or in the wider society to meet"
        if all(_simulate(self.G, r, cut, odds, a, None)[0] <= 0 for a in r.organisations):
            return ("no single new tie from its organisations would change its status or "
                    "remove a single point of failure")  # fmt: skip
        return ("no organisation on the public side or in the wider society shares a district, "
                "a partner or a topic with its organisations")  # fmt: skip

    def introduction(
        self,
        r: CommunityReport,
        a: Hashable,
        b: Hashable,
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
