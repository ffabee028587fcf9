"""Direction and funding, on small networks computed by hand: brokerage roles follow the flow
from the sender, a tie that exists only through funding is no bridge, and an organisation in
two communities is a broker for each."""

from dataclasses import replace
from typing import Any

import networkx as nx

from registry.analysis import ties
from registry.analysis.as_of import as_of_graph, bridging_graph, flows
from registry.analysis.brokers import ROLES, brokerage, brokerage_by_group
from registry.analysis.communities import community_reports
from registry.analysis.graph import AnalysisFilter, build_org_graph
from registry.analysis.report import full_report, jsonable

from .networks import AS_OF, records


def history(orgs: dict[str, str], tied: dict[str, dict[str, Any]]) -> nx.Graph:
    """`network` with each collaboration's own properties (kind, strength, ...)."""
    sub = records(orgs, " ".join(tied))
    edges = [replace(e, props=tied[e.id]) if e.id in tied else e for e in sub.edges]
    return build_org_graph(replace(sub, edges=edges), AnalysisFilter(as_of=AS_OF))


def roles(**counts: int) -> dict[str, int]:
    return {role: counts.get(role, 0) for role in ROLES}


ORGS = {"x1": "IMMIGRANT_ORGANISATION x", "x2": "IMMIGRANT_ORGANISATION x",
        "m": "MUNICIPAL_UNIT", "w": "VOLUNTARY_ORGANISATION"}  # fmt: skip
PARTNERS = {"kind": "PARTNERSHIP", "strength": 3}


def test_flows_run_from_the_sender() -> None:
    G = as_of_graph(history(ORGS, {"x1-m": {"kind": "REFERRAL", "strength": 3}, "m-w": PARTNERS}))
    D = flows(G)
    assert set(D.edges) == {("x1", "m"), ("m", "w"), ("w", "m")}
    # x1 -> m -> w is the only open two-path through m (m does not refer back to x1), and
    # x1, m and w are in three different groups: one liaison. Undirected, it would be two.
    assert brokerage(D)["m"] == roles(liaison=1)
    assert brokerage(G)["m"] == roles(liaison=2)


def test_a_directed_part_and_an_undirected_one_run_both_ways() -> None:
    G = as_of_graph(
        history(
            ORGS,
            {"m-x1": {"kind": "FUNDING", "strength": 3}, "x1-x2": PARTNERS, "x2-m": PARTNERS},
        )
    )
    assert set(flows(G).edges) == {("m", "x1"), ("x1", "x2"), ("x2", "x1"), ("x2", "m"),
                                   ("m", "x2")}  # fmt: skip
    # Through x1: m -> x1 -> x2 is closed by m -> x2; x2 -> x1 -> m does not exist.
    assert brokerage(flows(G))["x1"] == roles()


def test_a_tie_only_through_funding_is_no_bridge() -> None:
    funded = history(ORGS, {"m-x1": {"kind": "FUNDING", "strength": 5}, "x1-x2": PARTNERS})
    G = as_of_graph(funded)
    B = bridging_graph(G)
    assert G.has_edge("m", "x1") and not B.has_edge("m", "x1")
    assert B.graph["not_bridging"] == {frozenset(("m", "x1"))}
    [x] = community_reports(B)
    # The money reaches x, but no one in x reaches the public side through it.
    assert (x.status.value, x.ei_index, x.bridging_ties) == ("CUT_OFF", -1.0, 0)
    [counted_as_bridge] = community_reports(G)
    assert counted_as_bridge.status.value == "SINGLE_BRIDGE"  # what counting it would say
    report = full_report(funded)
    assert report.communities[0].status.value == "CUT_OFF"
    assert report.tie_model.not_bridging == 1 and report.tie_model.counted == 2
    assert report.tie_model.rules == list(ties.RULES)
    assert any("funding" in rule for rule in jsonable(report)["tieModel"]["rules"])


def test_a_districts_grant_alone_does_not_tie_a_community_to_its_units() -> None:
    orgs = {"unit": "MUNICIPAL_UNIT @stovner", "x1": "IMMIGRANT_ORGANISATION x @stovner",
            "x2": "IMMIGRANT_ORGANISATION x @stovner"}  # fmt: skip
    funded = history(orgs, {"unit-x1": {"kind": "FUNDING", "strength": 5}, "x1-x2": PARTNERS})
    [stovner] = full_report(funded).districts
    assert [(c.name, c.tied) for c in stovner.communities] == [("X", False)]


def test_funding_beside_a_working_tie_still_bridges_by_the_working_part() -> None:
    parts = [ties.Part("FUNDING", 5.0, None, None, "m"), ties.Part("PARTNERSHIP", 1.0, None, None)]
    assert ties.bridges(parts) and ties.bridging_weight(parts) == 1.0
    assert not ties.bridges(parts[:1])
    # A grant beside a seat at a large event (1/6) counts, but is no bridge.
    assert ties.counts([parts[0], ties.Part("ACTIVITY", 1 / 6, None, None)], AS_OF)
    assert not ties.bridges([parts[0], ties.Part("ACTIVITY", 1 / 6, None, None)])


def test_two_communities_each_count_the_broker() -> None:
    # b represents both A and B; a1 is in A, c1 in B, w in the wider society.
    orgs = {"b": "IMMIGRANT_ORGANISATION A B", "a1": "IMMIGRANT_ORGANISATION A",
            "c1": "IMMIGRANT_ORGANISATION B", "w": "VOLUNTARY_ORGANISATION"}  # fmt: skip
    G = as_of_graph(history(orgs, {"b-a1": PARTNERS, "b-c1": PARTNERS, "b-w": PARTNERS}))
    assert G.nodes["b"]["groups"] == ["A", "B"]
    by_group = brokerage_by_group(flows(G), dict(G.nodes(data="groups")), ["b"])
    # For A: a1 -> b -> c1 and a1 -> b -> w pass out of A (representative), the reverse
    # let in (gatekeeper), c1 <-> w meet outside it in no shared group (liaison); B mirrors.
    assert by_group["b"] == {
        "A": roles(representative=2, gatekeeper=2, liaison=2),
        "B": roles(representative=2, gatekeeper=2, liaison=2),
    }
    report = full_report(history(orgs, {"b-a1": PARTNERS, "b-c1": PARTNERS, "b-w": PARTNERS}))
    [top] = [t for t in report.brokers.top if t.organisation == "b"]
    assert [(r.group, r.name, r.roles) for r in top.roles_by_group] == [
        ("A", "A", by_group["b"]["A"]),
        ("B", "B", by_group["b"]["B"]),
    ]
    assert top.roles == by_group["b"]["A"]  # its first group


def test_itinerant_when_the_ends_share_a_community_the_broker_is_not_in() -> None:
    D = nx.DiGraph([("a", "w"), ("w", "c")])
    # a is in A and B, c in B: w (wider) passes within B, which it is not part of.
    assert brokerage_by_group(D, {"a": {"A", "B"}, "c": {"B"}, "w": {"wider"}})["w"] == {
        "wider": roles(itinerant=1)
    }
