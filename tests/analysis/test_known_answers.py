"""Known answers: the planted network's statuses as of two dates, and Zachary's karate club,
in the analysis itself and through GraphQL on both stores."""

from datetime import date
from functools import cache

import networkx as nx
import pytest

from registry.analysis.communities import GAPS, CommunityStatus
from registry.analysis.graph import AnalysisFilter, build_org_graph
from registry.analysis.map_figures import figures_of
from registry.analysis.network_map import map_body
from registry.analysis.report import Report, full_report, jsonable
from registry.cli.analyze import render
from registry.domain.enums import NodeKind
from registry.store.base import Store

from .planted import COMMUNITIES, karate, key, planted

TODAY, THEN = date(2026, 6, 1), date(2019, 6, 30)
ORG = NodeKind.ORGANISATION


def planted_history(day: date) -> nx.Graph:
    return build_org_graph(planted(), AnalysisFilter(as_of=day))


@cache
def _planted_report(day: date) -> tuple[Report, nx.Graph]:
    history = planted_history(day)
    return full_report(history), history


def report_as_of(day: date, sub=None) -> tuple[Report, nx.Graph]:
    """The report and graph as of `day`; the planted network's are made once a day, as the
    tests only read them."""
    if sub is None:
        return _planted_report(day)
    history = build_org_graph(sub, AnalysisFilter(as_of=day))
    return full_report(history), history


def statuses(report: Report) -> dict[str, str]:
    return {c.name.lower(): c.status.value for c in report.communities}


def test_each_community_gets_the_planted_status():
    report, _ = report_as_of(TODAY)
    assert statuses(report) == COMMUNITIES
    beta = next(c for c in report.communities if c.name == "Beta")
    assert beta.single_points == [key(ORG, "b1")] and "B1" in beta.reason
    # Worst first, and a community too small to judge never ranks above a real gap.
    order = [c.status for c in report.communities]
    assert order == sorted(order, key=list(CommunityStatus).index)
    assert order[-2:] == [CommunityStatus.TOO_SMALL] * 2


def test_headline_trend_and_fragility_agree():
    report, _ = report_as_of(TODAY)
    gaps = [c for c in report.communities if c.status in GAPS]
    assert report.summary.gap_communities == len(gaps) == 4
    assert report.summary.communities == 5  # all but TOO_SMALL
    last = report.trend[-1]
    assert (last.year, last.as_of, last.gap_communities) == (2026, TODAY, 4)
    assert last.statuses == report.summary.statuses
    hinges = {f.community: f.single_points for f in report.fragility if f.single_points}
    assert hinges == {c.community: c.single_points for c in gaps if c.single_points}


def test_ties_that_ended_stop_counting():
    now, _ = report_as_of(TODAY)
    then, _ = report_as_of(THEN)
    assert statuses(now)["delta"] == "CUT_OFF" and statuses(then)["delta"] == "BRIDGED"
    assert now.tie_model.ended == 6 and then.tie_model.ended == 0
    # The trend of today's report counts 2019 by the same rule: Delta was bridged then.
    in_2019 = next(y for y in now.trend if y.year == 2019)
    assert in_2019.gap_communities == now.summary.gap_communities - 1


def test_a_seat_at_a_large_event_is_not_a_bridge():
    report, history = report_as_of(TODAY)
    assert statuses(report)["eps"] == "CUT_OFF"
    e1, emi, nav = key(ORG, "e1"), key(ORG, "emi"), key(ORG, "nav")
    assert history.has_edge(e1, emi) and history[e1][emi]["kinds"] == ["ACTIVITY"]
    assert report.tie_model.too_weak > 0
    # The funder is tied to the organiser only, by a directed funding part.
    [funding] = [p for p in history[nav][emi]["parts"] if p.kind == "FUNDING"]
    assert funding.source == nav and not history.has_edge(nav, e1)


def test_e_i_is_set_beside_chance():
    report, _ = report_as_of(TODAY)
    alpha = next(c for c in report.communities if c.name == "Alpha")
    assert alpha.ei_index == -1.0 and alpha.ei_expected > 0.5 and alpha.ei_p < 0.05
    solo = next(c for c in report.communities if c.name == "Solo")
    assert solo.ei_index is None and solo.organisations == [key(ORG, "s1")]


def test_introductions_are_ranked_by_what_they_change():
    report, _ = report_as_of(TODAY)
    by_name = {c.community: c for c in report.communities}
    for c in report.communities:
        if c.gap:
            mine = [i for i in report.introductions if i.community == c.community]
            assert mine or c.introductions_note, c.name
            assert len({i.to for i in mine}) == len(mine), "a partner once per community"
    alpha = [i for i in report.introductions if by_name[i.community].name == "Alpha"]
    assert alpha and all(i.status_after == "SINGLE_BRIDGE" and i.newly_reached == 3 for i in alpha)
    assert all(i.gain == 2.0 and any("Stovner" in r for r in i.reasons) for i in alpha)
    beta = [i for i in report.introductions if by_name[i.community].name == "Beta"]
    # A tie from B1, the bridge itself, changes nothing; one from B2 or B3 ends the hinge.
    assert beta and {i.from_ for i in beta} <= {key(ORG, "b2"), key(ORG, "b3")}
    assert all(i.status_after == "BRIDGED" and i.gain > 2 for i in beta)


def test_karate_betweenness_and_its_bridge_everywhere():
    sub, G = karate()
    report, history = report_as_of(TODAY, sub)
    expected = nx.betweenness_centrality(G)
    assert all(abs(report.brokers.betweenness[n] - b) < 1e-9 for n, b in expected.items())
    k0, k11 = key(ORG, "k0"), key(ORG, "k11")
    ties = {frozenset(t.tie): t.cuts_off for f in report.fragility for t in f.ties}
    assert ties[frozenset((k0, k11))] == [k11]
    assert "K0 – K11 (1)" in render(report, history)
    body = map_body(history, figures_of(report))
    ids = [o["id"] for o in body["organisations"]]
    fragile = {frozenset((ids[t["s"]], ids[t["t"]])) for t in body["ties"] if t["fragile"]}
    assert frozenset((k0, k11)) in fragile


ANALYSIS = """query($f: AnalysisFilterInput) { analysis(filter: $f) {
  asOf report
  communities { name status reason eiIndex eiExpected singlePoints { id } }
  fragility { communityId ties { cutsOff organisations { id } } }
  introductions { communityId from { id } to { id } gain reasons }
  trend { year asOf gapCommunities }
} }"""


@pytest.mark.asyncio(loop_scope="session")
async def test_planted_network_through_graphql(store: Store, gql):
    await store.import_graph(planted())
    now = (await gql.ok(ANALYSIS, f={"asOf": TODAY.isoformat()}))["analysis"]
    assert now["asOf"] == "2026-06-01"
    assert {c["name"].lower(): c["status"] for c in now["communities"]} == COMMUNITIES
    beta = next(c for c in now["communities"] if c["name"] == "Beta")
    assert [o["id"] for o in beta["singlePoints"]] == [key(ORG, "b1")]
    # The JSON contract of the README.
    rows = now["report"]["communities"]
    assert all({"name", "status", "reason", "eiIndex", "eiExpected"} <= r.keys() for r in rows)
    intros = now["report"]["introductions"]
    assert intros and all({"community", "from", "to", "gain", "reasons"} <= i.keys()
                          for i in intros)  # fmt: skip
    assert {(i["from"]["id"], i["to"]["id"]) for i in now["introductions"]} == {
        (i["from"], i["to"]) for i in intros
    }
    local = jsonable(report_as_of(TODAY)[0])
    assert [(c["name"], c["eiExpected"]) for c in rows] == [
        (c["name"], c["eiExpected"]) for c in local["communities"]
    ], "the random baseline does not depend on the store's order"
    then = (await gql.ok(ANALYSIS, f={"asOf": THEN.isoformat()}))["analysis"]
    delta = {c["name"]: c["status"] for c in then["communities"]}["Delta"]
    assert delta == "BRIDGED" and then["trend"][-1]["asOf"] == "2019-06-30"


@pytest.mark.asyncio(loop_scope="session")
async def test_karate_through_graphql(store: Store, gql):
    sub, G = karate()
    await store.import_graph(sub)
    query = """{ analysis { report fragility { ties { cutsOff organisations { id } } } } }"""
    result = (await gql.ok(query))["analysis"]
    between = result["report"]["brokers"]["betweenness"]
    assert all(abs(between[n] - b) < 1e-9 for n, b in nx.betweenness_centrality(G).items())
    k0, k11 = key(ORG, "k0"), key(ORG, "k11")
    ties = {frozenset(o["id"] for o in t["organisations"]): t["cutsOff"]
            for f in result["fragility"] for t in f["ties"]}  # fmt: skip
    assert ties[frozenset((k0, k11))] == 1
    mapped = (await gql.ok("{ networkMap }"))["networkMap"]
    ids = [o["id"] for o in mapped["organisations"]]
    assert any({ids[t["s"]], ids[t["t"]]} == {k0, k11} and t["fragile"] for t in mapped["ties"])
