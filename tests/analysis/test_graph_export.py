"""The graph export counts an organisation for every community it is in, not the first."""

from registry.analysis.report import full_report
from registry.services.analyses import Analysis
from registry.services.graph_export import export_graph

from .networks import network

# b represents alpha and beta; alpha's only way out is b's tie to the unit, beta also has b2's.
ORGS = {"u": "MUNICIPAL_UNIT", "b": "IMMIGRANT_ORGANISATION alpha beta",
        "a2": "IMMIGRANT_ORGANISATION alpha", "b2": "IMMIGRANT_ORGANISATION beta",
        "w": "VOLUNTARY_ORGANISATION"}  # fmt: skip


def test_an_organisation_in_two_communities_shows_both_and_the_worst() -> None:
    history = network(ORGS, "b-u a2-b b2-b b2-w")
    report = full_report(history)
    statuses = {c.name: c.status.value for c in report.communities}
    assert statuses == {"Alpha": "SINGLE_BRIDGE", "Beta": "BRIDGED"}
    out = export_graph(Analysis(history, report, 1, True))
    b = out.nodes["b"]
    assert b["group"] == "Alpha; Beta"
    assert b["community_statuses"] == "Alpha: SINGLE_BRIDGE; Beta: BRIDGED"
    assert b["community_status"] == "SINGLE_BRIDGE"  # the worst of the two
    alpha = next(c for c in report.communities if c.name == "Alpha")
    assert b["community_ei_index"] == alpha.ei_index
    assert out.nodes["b2"]["community_status"] == "BRIDGED"
    assert out.nodes["w"]["group"] == "wider" and "community_status" not in out.nodes["w"]
