"""The map's own figures are the full report's, computed without the rest of the report; on
large networks betweenness is estimated, scaled like the exact figure."""

from datetime import date

import pytest

from registry.analysis import kernels, map_figures
from registry.analysis.as_of import as_of_graph
from registry.analysis.graph import AnalysisFilter, build_org_graph
from registry.analysis.map_figures import figures_of
from registry.analysis.report import full_report
from registry.services.seeding import DEMO_DIR, load_seed_graph

from .planted import karate, planted


@pytest.mark.parametrize(
    "records",
    [planted, karate, lambda: load_seed_graph(DEMO_DIR)],
    ids=["planted", "karate", "demo"],
)
def test_the_map_figures_are_the_reports(records):
    made = records()
    sub = made[0] if isinstance(made, tuple) else made
    history = build_org_graph(sub, AnalysisFilter(as_of=date(2026, 6, 1)))
    own = map_figures.map_figures(history, seed=3)
    theirs = figures_of(full_report(history, seed=3))
    assert own.as_of == theirs.as_of
    assert [
        (c.community, c.status, c.reason, c.ei_index, c.ei_expected) for c in own.communities
    ] == [(c.community, c.status, c.reason, c.ei_index, c.ei_expected) for c in theirs.communities]
    assert own.betweenness == pytest.approx(theirs.betweenness, abs=1e-12)
    assert own.brokers == theirs.brokers
    assert own.fragility == theirs.fragility
    assert own.clusters == theirs.clusters
    assert own.exact and theirs.exact


def test_estimated_betweenness_from_every_source_is_the_exact_one(monkeypatch):
    sub, _ = karate()
    G = as_of_graph(build_org_graph(sub, AnalysisFilter(as_of=date(2026, 6, 1))))
    monkeypatch.setattr(map_figures, "EXACT_UP_TO", 0)
    monkeypatch.setattr(map_figures, "SOURCES", len(G) - 1)
    estimate, exact = map_figures._betweenness(G, 0)
    assert not exact
    # All sources but one: within the missing source's share of every figure.
    assert estimate == pytest.approx(kernels.betweenness(G), abs=0.05)


def test_large_networks_get_an_estimate_that_ranks_like_the_exact_one(monkeypatch, demo_graph):
    sub = demo_graph
    G = as_of_graph(build_org_graph(sub, AnalysisFilter(as_of=date(2026, 6, 1))))
    monkeypatch.setattr(map_figures, "EXACT_UP_TO", 0)
    monkeypatch.setattr(map_figures, "SOURCES", len(G) // 2)
    (estimate, _), exact = map_figures._betweenness(G, 0), kernels.betweenness(G)
    top = sorted(exact, key=exact.__getitem__, reverse=True)[:5]
    assert set(top) <= set(sorted(estimate, key=estimate.__getitem__, reverse=True)[:15])
    assert sum(estimate.values()) == pytest.approx(sum(exact.values()), rel=0.25)
    assert not map_figures.map_figures(build_org_graph(sub)).exact
