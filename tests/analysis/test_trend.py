from dataclasses import replace
from datetime import date

from registry.analysis.graph import AnalysisFilter, build_org_graph
from registry.analysis.trend import trend

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
