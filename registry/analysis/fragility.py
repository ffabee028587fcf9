"""Single points of failure: the organisations and ties a community's bridge hangs on.

An organisation (or tie) matters for a community when losing it leaves some of the
community's organisations with no path to the bridging side (the public side and the wider
society). These are articulation points
and bridges, but only those between the community and the public side count, so the search
runs on the graph plus one extra node tied to the whole public side: a node separates an
organisation from that extra node exactly when it separates it from every public node.
"""

from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from itertools import chain

import networkx as nx


@dataclass(frozen=True, slots=True)
class CutOrganisation:
    organisation: str
    cuts_off: list[str]  # the community's organisations left without a path to the public side


@dataclass(frozen=True, slots=True)
class CutTie:
    tie: tuple[str, str]  # (the end towards the public side, the end away from it)
    cuts_off: list[str]


@dataclass(frozen=True, slots=True)
class CommunityFragility:
    community: str
    name: str
    reached: list[str]  # its organisations with a path to the public side
    organisations: list[CutOrganisation]  # most organisations cut off first
    ties: list[CutTie]
    # Losses that cut off every reached organisation (but the lost one itself).
    single_points: list[str]
    single_ties: list[tuple[str, str]]


@dataclass(frozen=True, slots=True)
class Separation:
    """What one group stands to lose; see `separators`."""

    reached: set[Hashable]
    by_node: dict[Hashable, set[Hashable]]
    by_tie: dict[tuple[Hashable, Hashable], set[Hashable]]
    # Per reached member: the depth-first children below each separating node, and below each
    # separating tie, on its way to the side. Two members share a separator exactly when they
    # share its child, which is what `registry.analysis.introductions` needs to simulate a tie.
    chains: dict[Hashable, tuple[frozenset, frozenset]]
    parent: dict[Hashable, Hashable]

    def single_points(self) -> list:
        """The nodes whose loss cuts off every reached member (but the lost node itself)."""
        return sorted(v for v, lost in self.by_node.items() if lost == self.reached - {v})

    def single_ties(self) -> list:
        """The ties whose loss cuts off every reached member."""
        return sorted(e for e, lost in self.by_tie.items() if lost == self.reached)


class _Side:
    """The extra node tied to the whole side."""


def separators(
    G: nx.Graph, side: Iterable[Hashable], groups: Mapping[str, Iterable[Hashable]]
) -> dict[str, Separation]:
    """Per group: which nodes, and which ties, cut which of its members off from `side`.

    Returns, per group, its members with a path to `side` (not on it), a dict from node v to
    those members (other than v) that lose every path to `side` without v, and a dict from
    tie (end nearer the side, other end) to those members that lose every path without it.
    One depth-first search (Tarjan's low points) serves all groups; each member then climbs
    straight from one separator to the next above it, so the work is linear plus the output.
    """
    root = _Side()
    side = set(side)

    def neighbours(v: Hashable) -> Iterator[Hashable]:
        return iter(side) if v is root else chain(G.adj[v], (root,) if v in side else ())

    parent: dict[Hashable, Hashable | None] = {}
    tin: dict[Hashable, int] = {}
    low: dict[Hashable, int] = {}
    _low_points(root, neighbours, parent, tin, low)
    vjump: dict[Hashable, Hashable | None] = {root: None}
    ejump: dict[Hashable, Hashable | None] = {root: None}
    for c in list(tin)[1:]:  # in discovery order, so parents come first
        p = parent[c]
        splits = p is not root and low[c] >= tin[p]
        vjump[c] = c if splits else vjump[p]
        ejump[c] = c if splits and low[c] > tin[p] else ejump[p]

    out = {}
    for name, members in groups.items():
        reached = {t for t in members if t in tin and t not in side}
        by_node: dict[Hashable, set[Hashable]] = defaultdict(set)
        by_tie: dict[tuple, set[Hashable]] = defaultdict(set)
        chains = {}
        for t in reached:
            nodes, tied = frozenset(_climb(vjump, parent, t)), frozenset(_climb(ejump, parent, t))
            for c in nodes:
                by_node[parent[c]].add(t)
            for c in tied:
                by_tie[(parent[c], c)].add(t)
            chains[t] = (nodes, tied)
        out[name] = Separation(reached, dict(by_node), dict(by_tie), chains, parent)
    return out


def _climb(jump: dict, parent: dict, node: Hashable) -> Iterator[Hashable]:
    c = jump[node]
    while c is not None:
        yield c
        c = jump[parent[c]]


def _low_points(
    start: Hashable,
    neighbours: Callable[[Hashable], Iterator[Hashable]],
    parent: dict[Hashable, Hashable | None],
    tin: dict[Hashable, int],
    low: dict[Hashable, int],
) -> None:
    """Tarjan's depth-first search from `start`: each node's parent, discovery time and low
    point (earliest discovery time reachable by one back tie from its subtree). Iterative,
    since a path of thousands of organisations would overflow Python's recursion limit."""
    parent[start], tin[start], low[start] = None, len(tin), len(tin)
    stack = [(start, neighbours(start))]
    while stack:
        v, todo = stack[-1]
        for w in todo:
            if w not in tin:
                parent[w] = v
                tin[w] = low[w] = len(tin)
                stack.append((w, neighbours(w)))
                break
            if w != parent[v]:
                low[v] = min(low[v], tin[w])
        else:
            stack.pop()
            if stack:
                up = stack[-1][0]
                low[up] = min(low[up], low[v])


def community_fragility(G: nx.Graph, cuts: Mapping[str, Separation]) -> list[CommunityFragility]:
    """For each community that some organisation or tie could cut off from the bridging side
    (`cuts`, from `separators`): the organisations and ties whose loss would cut off some of
    its organisations, and those whose loss would cut off all of them. Communities hanging on
    a single point come first, then the most exposed ones.
    """
    names = G.graph.get("communities", {})
    reports = []
    for community, cut in cuts.items():
        if not cut.by_node and not cut.by_tie:
            continue
        reports.append(
            CommunityFragility(
                community=community,
                name=names.get(community, {}).get("name", community),
                reached=sorted(map(str, cut.reached)),
                organisations=_ranked(CutOrganisation, cut.by_node),
                ties=_ranked(CutTie, cut.by_tie),
                single_points=cut.single_points(),
                single_ties=cut.single_ties(),
            )
        )
    return sorted(
        reports,
        key=lambda r: (not (r.single_points or r.single_ties), -len(r.organisations), r.community),
    )


def _ranked(cls: type, cuts: Mapping) -> list:
    ranked = sorted(cuts.items(), key=lambda item: (-len(item[1]), item[0]))
    return [cls(key, sorted(lost)) for key, lost in ranked]
