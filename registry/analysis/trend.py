"""Year by year: is the network becoming better bridged?

Each year's network holds the ties active that year (the ``years`` on each edge) and the
organisations with at least one of them, so a year counts only what was going on then: an
organisation registered without ties does not make every earlier year look worse.
"""

from collections import defaultdict
from collections.abc import Hashable
from dataclasses import dataclass
from statistics import fmean

import networkx as nx

from registry.analysis.communities import community_reports
from registry.analysis.fragility import bridges


@dataclass(frozen=True, slots=True)
class YearFigures:
    year: int
    organisations: int  # with a tie active that year
    ties: int
    communities: int  # with an organisation active that year
    gap_communities: int
    gap_share: float | None  # gap_communities / communities
    mean_ei: float | None  # over communities with ties
    bridges: int  # ties whose loss splits the network


def trend(
    G: nx.Graph, emi_id: str | None = None, *, first: int | None = None, last: int | None = None
) -> list[YearFigures]:
    """The headline figures for every year from `first` (default: the earliest year on a tie)
    to `last` (default: the end of the filter's year range, else the graph's
    ``current_year``, else the latest year on a tie)."""
    by_year: dict[int, list[tuple[Hashable, Hashable]]] = defaultdict(list)
    for u, v, years in G.edges(data="years", default=()):
        for year in years:
            by_year[year].append((u, v))
    if not by_year:
        return []
    first = min(by_year) if first is None else first
    if last is None:
        last = G.graph.get("year_to") or G.graph.get("current_year", max(by_year))
    return [_figures(G, by_year[y], y, emi_id) for y in range(first, last + 1)]


def _figures(
    G: nx.Graph, edges: list[tuple[Hashable, Hashable]], year: int, emi_id: str | None
) -> YearFigures:
    # A graph of its own, not a subgraph view: views filter every step of every search.
    H = nx.Graph(edges)
    H.graph = G.graph
    H.add_nodes_from((n, G.nodes[n]) for n in list(H))
    reports = community_reports(H, emi_id)
    gaps = sum(r.gap for r in reports)
    eis = [r.ei_index for r in reports if r.ei_index is not None]
    return YearFigures(
        year=year,
        organisations=H.number_of_nodes(),
        ties=H.number_of_edges(),
        communities=len(reports),
        gap_communities=gaps,
        gap_share=gaps / len(reports) if reports else None,
        mean_ei=fmean(eis) if eis else None,
        bridges=len(bridges(H)),
    )
