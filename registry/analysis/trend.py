"""Year by year: is the network becoming better bridged?

Each year is analysed as of its last day (the analysis date itself for its own year) by the
same rule as the report: the ties that count on that date (`as_of.as_of_graph`) and the
statuses `community_reports` gives on its bridging ties (`as_of.bridging_graph`), so the row of
the analysis year equals the report's headline. The years' graphs come from `as_of.as_of_years`,
which picks every year's ties from the same arrays.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from statistics import fmean

import networkx as nx

from registry.analysis.as_of import as_of_years
from registry.analysis.baseline import baselines_of
from registry.analysis.communities import (
    CommunityReport,
    CommunityStatus,
    all_members,
    bridging_side,
    community_reports,
)
from registry.analysis.kernels import bridges


@dataclass(frozen=True, slots=True)
class YearFigures:
    year: int
    as_of: date
    organisations: int  # with a tie that counts on the date
    ties: int
    communities: int  # ranked: all but TOO_SMALL
    gap_communities: int  # CUT_OFF, SINGLE_BRIDGE or WEAKLY_BRIDGED
    gap_share: float | None  # gap_communities / communities
    statuses: dict[str, int]  # communities per status
    mean_ei: float | None  # over ranked communities with ties
    bridges: int  # ties whose loss splits the network


def headline(G: nx.Graph, reports: list[CommunityReport]) -> YearFigures:
    """The headline figures of `G` (an `as_of_graph`) from its community `reports`."""
    organisations = sum(1 for n in G if G.adj[n])
    day: date = G.graph["as_of"]
    return _figures(day, organisations, G.number_of_edges(), len(bridges(G)), reports)


def _figures(
    day: date, organisations: int, ties: int, bridges: int, reports: list[CommunityReport]
) -> YearFigures:
    ranked = [r for r in reports if r.status is not CommunityStatus.TOO_SMALL]
    gaps = sum(r.gap for r in ranked)
    eis = [r.ei_index for r in ranked if r.ei_index is not None]
    return YearFigures(
        year=day.year,
        as_of=day,
        organisations=organisations,
        ties=ties,
        communities=len(ranked),
        gap_communities=gaps,
        gap_share=gaps / len(ranked) if ranked else None,
        statuses=dict(Counter(r.status.value for r in reports)),
        mean_ei=fmean(eis) if eis else None,
        bridges=bridges,
    )


def trend(G: nx.Graph, *, first: int | None = None, seed: int = 0) -> list[YearFigures]:
    """The headline figures for every year from `first` (default: the earliest year on a
    tie, or the filter's first year) to the year of the graph's ``as_of``. `G` is the whole
    history (`build_org_graph`)."""
    as_of: date = G.graph["as_of"]
    years = [y for _, _, d in G.edges(data=True) for y in d.get("years", ())]
    if not years:
        return []
    first = first if first is not None else min(years)
    days = [min(date(year, 12, 31), as_of) for year in range(first, as_of.year + 1)]
    # Every year's organisations are some of the history's, with the same communities and
    # sides; those not there yet have no ties, so they change no figure of the baseline.
    members, side = all_members(G), bridging_side(G)
    out = []
    for y in as_of_years(G, days):
        # The baseline from the year's arrays, numbered once for the whole history.
        odds = baselines_of(y.pairs, y.index, members, side, seed=seed)
        reports = community_reports(y.bridging, odds=odds, hops=False)
        out.append(_figures(y.day, y.organisations, y.ties, y.bridges, reports))
    return out
