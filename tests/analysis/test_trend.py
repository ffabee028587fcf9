from dataclasses import replace
from datetime import date

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st
from slow_marker import examples

from registry.analysis.as_of import as_of_graph, bridging_graph
from registry.analysis.communities import community_reports
from registry.analysis.graph import AnalysisFilter, build_org_graph
from registry.analysis.trend import YearFigures, headline, trend
from registry.domain.enums import EdgeType

from .networks import network, records

PERIODS = {
    "a1-a2": {"start_date": "2020-01-01"},
    "a1-emi": {"start_date": "2022-03-01"},
    "a2-emi": {"start_date": "2022-03-01"},
    "b1-emi": {"start_date": "2021-01-01", "end_date": "2021-06-30"},
    "b1-b2": {"start_date": "2021-01-01"},
}


def test_each_year_as_of_its_last_day_by_the_reports_rule() -> None:
    orgs = {"emi": "MUNICIPAL_UNIT"} | {
        o: f"IMMIGRANT_ORGANISATION {'alpha' if o[0] == 'a' else 'beta'}"
        for o in ("a1", "a2", "b1", "b2")
    }
    sub = records(orgs, " ".join(PERIODS))
    sub = replace(sub, edges=[replace(e, props=e.props | PERIODS.get(e.id, {})) for e in sub.edges])
    G = build_org_graph(sub, AnalysisFilter(as_of=date(2024, 6, 1)))
    years = trend(G, first=2019)
    assert [(y.year, y.as_of) for y in years][-2:] == [
        (2023, date(2023, 12, 31)),
        (2024, date(2024, 6, 1)),
    ]
    by_year = {
        y.year: (y.organisations, y.communities, y.gap_communities, y.statuses) for y in years
    }
    assert by_year[2019] == (0, 0, 0, {"TOO_SMALL": 2})  # no one in the records yet
    assert by_year[2020] == (2, 1, 1, {"CUT_OFF": 1, "TOO_SMALL": 1})
    assert by_year[2021] == (5, 2, 2, {"CUT_OFF": 1, "SINGLE_BRIDGE": 1})
    # Alpha now hangs on EMI alone; beta's tie ended in June 2021 and counted a year more.
    assert by_year[2022] == (5, 2, 2, {"SINGLE_BRIDGE": 1, "CUT_OFF": 1})
    assert years[-1].gap_share == 1.0 and years[-1].bridges == 1  # b1-b2


def test_no_ties_no_trend() -> None:
    assert trend(network({"a": "OTHER"})) == []


KINDS = ["MUNICIPAL_UNIT", "VOLUNTARY_ORGANISATION", "IMMIGRANT_ORGANISATION a",
         "IMMIGRANT_ORGANISATION b", "IMMIGRANT_ORGANISATION a b", "FAITH_COMMUNITY +b"]  # fmt: skip


@st.composite
def histories(draw: st.DrawFn) -> nx.Graph:
    """Small networks whose ties start, end and are of any kind, directed or not."""
    n = draw(st.integers(2, 12))
    orgs = {f"o{i}": draw(st.sampled_from(KINDS)) for i in range(n)}
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1])
    ends = draw(st.lists(pairs, max_size=3 * n, unique_by=lambda p: frozenset(p)))
    sub = records(orgs, " ".join(f"o{a}-o{b}" for a, b in ends))
    edges = []
    for e in sub.edges:
        if e.type is EdgeType.COLLABORATES_WITH:
            start = draw(st.integers(2018, 2026))
            end = draw(st.none() | st.integers(start, 2026))
            props = {"kind": draw(st.sampled_from(["PARTNERSHIP", "FUNDING", "REFERRAL"])),
                     "strength": draw(st.integers(1, 5)), "start_date": f"{start}-03-01"}  # fmt: skip
            e = replace(e, props=props | ({"end_date": f"{end}-06-30"} if end else {}))
        edges.append(e)
    return build_org_graph(replace(sub, edges=edges), AnalysisFilter(as_of=date(2026, 6, 1)))


def reference_trend(history: nx.Graph, seed: int = 0) -> list[YearFigures]:
    """The trend by its definition: each year's graph made on its own, one by one."""
    years = [y for _, _, d in history.edges(data=True) for y in d["years"]]
    out = []
    for year in range(min(years), history.graph["as_of"].year + 1):
        G = as_of_graph(history, min(date(year, 12, 31), history.graph["as_of"]))
        out.append(headline(G, community_reports(bridging_graph(G), seed=seed)))
    return out


@settings(max_examples=examples(60), deadline=None)
@given(histories())
def test_the_trend_equals_its_definition(history: nx.Graph) -> None:
    assert trend(history) == (reference_trend(history) if history.number_of_edges() else [])
