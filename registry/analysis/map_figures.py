"""The figures the network map shows, from the full report or computed on their own.

The map colours communities by status, sizes organisations by betweenness, groups them by
cluster and marks gaps, brokers, single points and fragile ties. The full report computes
much more (Burt's measures, introductions, districts, the trend year by year): at 5,000
organisations several times what the map needs. `map_figures` computes only the map's, by
the same functions with the same seed as `full_report`, so both give the map the same
figures; `figures_of` takes them from a report that is already there.

One figure differs on large networks: exact betweenness costs O(organisations x ties), most of
a cold map at 5,000 organisations, so from `EXACT_UP_TO` organisations on it is estimated
from `SOURCES` sampled sources (the same compiled kernel, seeded), which sizes the nodes as
well; `exact` says which. The network map service replaces such a map by the full report's
once that is computed.
"""

from collections.abc import Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

import networkx as nx
import numpy as np

from registry.analysis import clusters, fragility, kernels
from registry.analysis.as_of import as_of_graph, bridging_graph
from registry.analysis.baseline import baselines
from registry.analysis.communities import (
    CommunityReport,
    all_members,
    bridging_side,
    community_reports,
)
from registry.analysis.graph import PUBLIC, community_members
from registry.analysis.report import Report

EXACT_UP_TO = 2_000  # organisations up to which the map's betweenness is exact
SOURCES = 500  # sources sampled above that
TOP = 20  # brokers of the whole network marked, as the report's top list
PER_COMMUNITY = 3  # brokers of each community's routes marked, as the report lists


@dataclass(frozen=True, slots=True)
class MapFigures:
    as_of: date
    timestamp: str  # when they were computed
    communities: list[CommunityReport]  # worst first
    betweenness: dict[Hashable, float]  # every organisation
    brokers: set[str]  # the top brokers and each community's
    fragility: list[fragility.CommunityFragility]
    clusters: list[list[Any]]  # organisations per Louvain cluster, largest first
    exact: bool  # betweenness exact, not estimated from sampled sources


def figures_of(report: Report) -> MapFigures:
    """The map's figures from a full report."""
    named = {b.organisation for b in report.brokers.top}
    named |= {b.organisation for c in report.communities for b in c.brokers}
    return MapFigures(
        report.parameters.as_of,
        report.timestamp,
        report.communities,
        report.brokers.betweenness,
        named,
        report.fragility,
        [c.organisations for c in report.clusters.clusters],
        report.parameters.betweenness_exact,
    )


def map_figures(history: nx.Graph, *, seed: int = 0) -> MapFigures:
    """The map's figures of `history` (from `build_org_graph`) as of its date, as
    `full_report` with the same `seed` gives them; the communities' hops to EMI, which the
    map does not show, are left out."""
    G = as_of_graph(history)
    B = bridging_graph(G)  # statuses, fragility and routes on the bridging ties, as the report
    members, side = all_members(B), bridging_side(B)
    # The compiled kernels (betweenness, the random baseline) release the GIL: they run
    # alongside the Python parts.
    with ThreadPoolExecutor(max_workers=2) as pool:
        pending = pool.submit(_betweenness, G, seed)
        chance = pool.submit(baselines, B, members, side, seed=seed)
        cuts = fragility.separators(B, side, members)
        public = {n for n, s in B.nodes(data="side") if s == PUBLIC}
        routes = kernels.side_betweenness(B, public, community_members(B))
        fragile = fragility.community_fragility(B, cuts)
        clustered = clusters.louvain_clusters(G, seed=seed)
        reports = community_reports(B, cuts=cuts, odds=chance.result())
        between, exact = pending.result()
    named = {str(n) for n, _ in _ranked(between)[:TOP]}
    for r in reports:
        named |= {str(n) for n, _ in _ranked(routes.get(r.community, {}))[:PER_COMMUNITY]}
    return MapFigures(
        G.graph["as_of"],
        datetime.now(UTC).isoformat(timespec="seconds"),
        reports,
        between,
        named,
        fragile,
        [sorted(c) for c in clustered],
        exact,
    )


def _betweenness(G: nx.Graph, seed: int) -> tuple[dict[Hashable, float], bool]:
    """Normalised betweenness and whether it is exact: exact up to `EXACT_UP_TO` organisations,
    else estimated from `SOURCES` sources drawn with `seed` and scaled up to all of them."""
    if len(G) <= max(EXACT_UP_TO, SOURCES):
        return kernels.betweenness(G), True
    nodes = list(G)
    n = len(nodes)
    indptr, indices = kernels._csr(G, nodes)
    sources = np.random.default_rng(seed).choice(n, SOURCES, replace=False).astype(np.int32)
    raw = np.zeros(n)
    kernels._brandes(indptr, indices, np.sort(sources), raw)
    scale = n / SOURCES / ((n - 1) * (n - 2))
    return {node: float(raw[i] * scale) for i, node in enumerate(nodes)}, False


def _ranked(scores: dict[Hashable, float]) -> list[tuple[Hashable, float]]:
    """Highest first, ties by id: the order of the report's broker lists."""
    return sorted(scores.items(), key=lambda item: (-item[1], str(item[0])))
