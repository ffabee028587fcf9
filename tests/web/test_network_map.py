"""The `networkMap` field: the whole map in one JSON value, laid out on the server, with
the analysis' highlights; and the layout itself on larger graphs."""

import math

import networkx as nx
import pytest

from registry.analysis.map_layout import layout
from registry.domain.accounts import Role
from registry.domain.enums import NodeKind
from registry.services.seeding import node_id
from registry.store.base import Store

QUERY = """query($filter: AnalysisFilterInput) {
  networkMap(filter: $filter)
  analysis(filter: $filter) { report }
}"""


async def network_map(connect, role: Role = Role.VIEWER, **filter) -> tuple[dict, dict]:
    client = await connect(role)
    response = await client.post("/graphql", json={"query": QUERY, "variables": {"filter": filter}})
    body = response.json()
    assert "errors" not in body, body
    return body["data"]["networkMap"], body["data"]["analysis"]["report"]


async def test_the_whole_network_in_one_value(demo: Store, connect):
    payload, report = await network_map(connect)
    orgs, ties = payload["organisations"], payload["ties"]
    assert len(orgs) == report["summary"]["organisations"] == 169
    assert sum(t["counted"] for t in ties) == report["summary"]["ties"] < len(ties)
    assert all(0 <= t["s"] < len(orgs) and 0 <= t["t"] < len(orgs) for t in ties)
    assert all(math.isfinite(o["x"]) and math.isfinite(o["y"]) for o in orgs)
    assert len({(o["x"], o["y"]) for o in orgs}) == len(orgs), "no two organisations on one spot"
    by_id = {o["id"]: o for o in orgs}
    assert "gap" in by_id[node_id(NodeKind.ORGANISATION, "filippinsk-forening-oslo")]["flags"]
    assert "hinge" in by_id[node_id(NodeKind.ORGANISATION, "skogfinsk-kulturforum-oslo")]["flags"]
    emi = by_id[node_id(NodeKind.ORGANISATION, "emi")]
    assert "broker" in emi["flags"] and emi["betweenness"] == max(o["betweenness"] for o in orgs)
    fragile = [{orgs[t["s"]]["id"], orgs[t["t"]]["id"]} for t in ties if t["fragile"]]
    hinge = node_id(NodeKind.ORGANISATION, "skogfinsk-kulturforum-oslo")
    assert {emi["id"], hinge} in fragile and len(fragile) == 2  # and the tie behind the hinge
    chileans = payload["communities"][node_id(NodeKind.COMMUNITY, "chileans")]
    assert chileans | {"eiExpected": None} == {
        "name": "Chilenere",
        "dimension": "ORIGIN",
        "status": "CUT_OFF",
        "reason": "no organisation has a path of active ties to the public side or wider society",
        "eiIndex": -1.0,
        "eiExpected": None,
    }
    assert chileans["eiExpected"] > 0.9
    statuses = {c["status"] for c in payload["communities"].values()}
    assert statuses == {"CUT_OFF", "SINGLE_BRIDGE", "WEAKLY_BRIDGED", "BRIDGED"}
    assert payload["areas"][node_id(NodeKind.AREA, "stovner")]["kind"] == "DISTRICT"
    assert payload["asOf"] == report["parameters"]["asOf"]
    assert payload["years"][0] <= 2015 and payload["fresh"] is True


async def test_the_map_follows_the_analysis_filter(demo: Store, connect, pakistani_in_gamle_oslo):
    s = pakistani_in_gamle_oslo
    payload, report = await network_map(connect, communityIds=[s.community], areaIds=[s.area])
    minority = {o["name"] for o in payload["organisations"] if o["side"] == "minority"}
    assert minority == s.organisations
    assert {o["side"] for o in payload["organisations"]} >= {"public", "minority"}
    assert len(payload["organisations"]) == report["summary"]["organisations"]


async def test_isolates_stay_clear_of_the_rest():
    G = nx.Graph()
    G.add_edges_from(nx.path_graph(5).edges())
    G.add_nodes_from(["lonely", "alone"], name="x")
    pos = layout(G)
    lowest = max(pos[n][1] for n in range(5))
    assert pos["lonely"][1] > lowest and pos["alone"][1] > lowest


@pytest.mark.slow  # a scale test; its speed is measured by bench/map_bench.py
async def test_large_graphs_are_laid_out_apart():
    # Communities of 100 with a few ties between: the shape of a city's network.
    G = nx.planted_partition_graph(30, 100, 0.06, 0.0005, seed=1)
    pos = layout(G, seed=1)
    assert len(pos) == len(G)
    xy = list(pos.values())
    assert len(set(xy)) == len(xy)
