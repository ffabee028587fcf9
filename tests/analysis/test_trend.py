from statistics import fmean

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from registry.analysis.communities import community_reports
from registry.analysis.trend import YearFigures, trend

from .networks import network


def test_figures_per_year_from_the_years_on_ties() -> None:
    G = network(
        {
            "emi": "MUNICIPAL_UNIT",
            "a1": "IMMIGRANT_ORGANISATION alpha",
            "a2": "IMMIGRANT_ORGANISATION alpha",
            "b1": "IMMIGRANT_ORGANISATION beta",
            "idle": "VOLUNTARY_ORGANISATION",
        },
        "a1-a2 a1-emi b1-emi",
    )
    G.graph["current_year"] = 2022
    G.edges["a1", "a2"]["years"] = {2020, 2021, 2022}
    G.edges["a1", "emi"]["years"] = {2022}
    G.edges["b1", "emi"]["years"] = {2021, 2022, 2030}
    assert trend(G, first=2019) == [
        YearFigures(2019, 0, 0, 0, 0, None, None, 0),
        # alpha alone, with no path to the public side
        YearFigures(2020, 2, 1, 1, 1, 1.0, -1.0, 1),
        # beta bridged by its single organisation; alpha still cut off
        YearFigures(2021, 4, 2, 2, 1, 0.5, 0.0, 2),
        # alpha hangs on a1 (single bridge); E-I: alpha 0, beta 1
        YearFigures(2022, 4, 3, 2, 1, 0.5, 0.5, 3),
    ]
    assert [y.year for y in trend(G)] == [2020, 2021, 2022]


def test_no_ties_no_trend() -> None:
    assert trend(network({"a": "OTHER"})) == []


KINDS = ["MUNICIPAL_UNIT", "PUBLIC_BODY", "IMMIGRANT_ORGANISATION", "VOLUNTARY_ORGANISATION"]


@st.composite
def yearly_networks(draw: st.DrawFn) -> nx.Graph:
    """Organisations of every side, some in several communities (a municipal unit too), with
    ties active in random years."""
    n = draw(st.integers(1, 20))
    orgs = {
        f"o{i}": " ".join(
            [
                draw(st.sampled_from(KINDS)),
                *draw(
                    st.lists(st.sampled_from(["alpha", "beta", "gamma"]), max_size=2, unique=True)
                ),
            ]
        )
        for i in range(n)
    }
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1])
    ties = draw(st.lists(pairs, max_size=3 * n, unique_by=frozenset))
    G = network(orgs, " ".join(f"o{a}-o{b}" for a, b in ties))
    for u, v in G.edges:
        G.edges[u, v]["years"] = set(draw(st.lists(st.integers(2020, 2023), max_size=3)))
    return G


def reference(G: nx.Graph, year: int) -> YearFigures:
    """The year's figures from the year's own graph, the way `community_reports` sees it."""
    H = nx.Graph((u, v) for u, v, years in G.edges(data="years") if year in years)
    H.add_nodes_from((n, G.nodes[n]) for n in list(H))
    reports = community_reports(H)
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
        bridges=sum(1 for _ in nx.bridges(H)),
    )


@settings(max_examples=150, deadline=None)
@given(yearly_networks())
def test_figures_are_those_of_each_years_own_graph(G: nx.Graph) -> None:
    dated = any(years for *_, years in G.edges(data="years"))
    expected = [reference(G, y) for y in range(2020, 2024)] if dated else []
    assert trend(G, first=2020, last=2023) == expected
