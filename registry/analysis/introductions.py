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
partner or a topic with the organisation come first (`partners.Partners`); a shared topic
alone proposes a partner only when nothing else does. Each partner is proposed once per
community, each of its organisations at most `PER_ORGANISATION` times, and a tie that would
change nothing (gain 0) is not proposed.
"""

from collections import Counter
from collections.abc import Hashable, Mapping
from dataclasses import replace

import networkx as nx

from registry.analysis.baseline import Baseline
from registry.analysis.communities import (
    CommunityReport,
    CommunityStatus,
    bridging_side,
    status_of,
)
from registry.analysis.fragility import Separation
from registry.analysis.partners import Introduction, Partners

STEPS = {CommunityStatus.CUT_OFF: 3, CommunityStatus.SINGLE_BRIDGE: 2,
         CommunityStatus.WEAKLY_BRIDGED: 1, CommunityStatus.BRIDGED: 0,
         CommunityStatus.TOO_SMALL: 0}  # fmt: skip
PER_ORGANISATION = 3  # introductions proposed per organisation of the community


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
    partners = Partners(G)
    out: list[Introduction] = []
    notes: dict[str, str] = {}
    for r in reports:
        cut_off_small = r.status is CommunityStatus.TOO_SMALL and r.unreached == r.organisations
        if not (r.gap or (cut_off_small and r.organisations)):
            continue
        found = _for_community(G, r, cuts[r.community], odds[r.community], partners, limit)
        out += found
        if not found:
            notes[r.community] = _why_none(G, r, cuts[r.community], odds[r.community])
    return out, notes


def _for_community(
    G: nx.Graph,
    r: CommunityReport,
    cut: Separation,
    odds: Baseline,
    partners: Partners,
    limit: int,
) -> list[Introduction]:
    sim = _Simulation(G, r, cut, odds)
    # Partners are looked for only for the organisations whose tie would gain most (those
    # without a bridging tie of their own first among equals): the rest cannot make the cut.
    bridging = set(r.bridging_organisations)
    anyone = {a: sim.gain(a, None) for a in r.organisations}
    hopeful = sorted((a for a in anyone if anyone[a][0] > 0),
                     key=lambda a: (-anyone[a][0], a in bridging, a))  # fmt: skip
    gains, ranked = {}, []
    for a in hopeful[: 2 * limit]:
        for b, prior in partners.best(a):
            # Only a partner that itself separates some member changes the simulation.
            gains[a, b] = sim.gain(a, b) if b in cut.by_node else anyone[a]
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


class _Simulation:
    """A community's separators counted once, so that each candidate tie costs only the
    length of its organisation's chain of separators."""

    def __init__(self, G: nx.Graph, r: CommunityReport, cut: Separation, odds: Baseline):
        self.G, self.r, self.cut, self.odds = G, r, cut, odds
        self.reached = set(r.organisations) - set(r.unreached)
        self.nodes: Counter[Hashable] = Counter()  # separating child: members below it
        self.ties: Counter[Hashable] = Counter()
        for t in self.reached:
            nodes, tied = cut.chains.get(t, (frozenset(), frozenset()))
            self.nodes.update(nodes)
            self.ties.update(tied)
        # A new tie only takes dependents away: the single points after it are among those
        # before it, so only theirs are followed.
        self.children: dict[Hashable, list[Hashable]] = {v: [] for v in r.single_points}
        for c in self.nodes:
            if cut.parent[c] in self.children:
                self.children[cut.parent[c]].append(c)
        self.single_ties = [c for _, c in r.single_ties]
        self.newly: dict[str, set[str]] = {}
        for a in r.unreached:  # one search per unreached component
            if a not in self.newly:
                found = set(r.unreached) & nx.node_connected_component(G, a)
                self.newly.update(dict.fromkeys(found, found))

    def gain(self, a: str, b: str | None) -> tuple[float, CommunityStatus, int, int]:
        """(gain, status after, organisations newly reached, dependencies removed) of a new
        tie from `a` to `b` on the bridging side (None: a partner that separates no one).

        Separators a member t shares with a are bypassed by the new tie, but for the one where
        their paths part (whose child differs) and for the partner itself."""
        r, cut, odds, reached = self.r, self.cut, self.odds, self.reached
        a_nodes, a_ties = cut.chains.get(a, (frozenset(), frozenset()))
        gone = [c for c in a_nodes if cut.parent[c] != b]
        removed = sum(self.nodes[c] for c in gone) + sum(self.ties[c] for c in a_ties)
        newly = self.newly.get(a, set())
        if newly:  # a new component hangs on the new tie alone, unless others reach already
            single = not reached
        else:
            lost = set(gone)
            single = any(
                0 < sum(self.nodes[c] for c in cs if c not in lost) == len(reached - {v})
                for v, cs in self.children.items()
            ) or any(c not in a_ties for c in self.single_ties)
        # One more bridging tie; the baseline's p is kept unless that reaches the expectation.
        enough = odds.bridging_ties + 1 >= odds.bridging_expected
        more = replace(odds, bridging_ties=odds.bridging_ties + 1,
                       bridging_p=None if enough else odds.bridging_p)  # fmt: skip
        after = status_of(len(r.organisations), bool(reached | newly), single, more)
        steps = max(0, STEPS[r.status] - STEPS[after])
        gain = steps + (len(newly) + removed) / max(1, len(r.organisations))
        if after is CommunityStatus.WEAKLY_BRIDGED:  # the share of the shortfall it closes
            gain += 1 / max(1.0, odds.bridging_expected - odds.bridging_ties)
        return round(gain, 3), after, len(newly), removed


def _why_none(G: nx.Graph, r: CommunityReport, cut: Separation, odds: Baseline) -> str:
    if not r.organisations:
        return "no organisation represents it, so there is no one to introduce"
    if not bridging_side(G):
        return "no organisation on the public side or in the wider society to meet"
    sim = _Simulation(G, r, cut, odds)
    if all(sim.gain(a, None)[0] <= 0 for a in r.organisations):
        return ("no single new tie from its organisations would change its status or "
                "remove a single point of failure")  # fmt: skip
    return ("no organisation on the public side or in the wider society shares a district, "
            "a partner or a topic with its organisations")  # fmt: skip
