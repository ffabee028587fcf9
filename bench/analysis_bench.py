"""Time the bridging analysis on generated networks of 1,000 and 10,000 organisations.

    .venv/bin/python bench/analysis_bench.py [sizes...] [--parts]

Each size prints the full report's time (and its parts' times as the report measured them);
`--parts` also times the parts one by one.

The networks are seeded and shaped like the registry's: a municipal hierarchy (the city,
agencies, the 15 district administrations, sections) with EMI in it; minority communities of
very unequal size whose organisations mostly tie among themselves and sit in a few home
districts; a wider society of voluntary organisations, businesses and schools; shared
activities, mostly small projects and a few large seminars; about three ties per
organisation. One community in ten is cut off, one in ten tied only to other minorities.
"""

import json
import os
import random
import sys
import time
from collections.abc import Callable
from datetime import date
from typing import Any

import networkx as nx

from registry.analysis import brokers, communities, fragility, kernels, trend
from registry.analysis.as_of import as_of_graph
from registry.analysis.baseline import baselines
from registry.analysis.communities import all_members, bridging_side
from registry.analysis.graph import AnalysisFilter, build_org_graph
from registry.analysis.introductions import introductions
from registry.analysis.report import full_report, jsonable
from registry.domain.enums import EdgeType, NodeKind
from registry.store.records import EdgeRecord, NodeRecord, Subgraph

DISTRICTS = [
    "Alna", "Bjerke", "Frogner", "Gamle Oslo", "Grorud", "Grünerløkka", "Nordre Aker",
    "Nordstrand", "Sagene", "St. Hanshaugen", "Stovner", "Søndre Nordstrand", "Ullern",
    "Vestre Aker", "Østensjø",
]  # fmt: skip
TOPICS = [
    "work", "leadership", "belonging", "discrimination", "dialogue", "education", "health",
    "housing", "language", "culture", "sport", "women", "elderly", "youth",
]  # fmt: skip
EMI = "org-emi"


class _Network:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.nodes: list[NodeRecord] = []
        self.edges: list[EdgeRecord] = []

    def node(self, node_id: str, node_kind: NodeKind, **props: Any) -> str:
        self.nodes.append(NodeRecord(node_id, node_kind, props))
        return node_id

    def edge(self, edge_type: EdgeType, u: str, v: str, **props: Any) -> None:
        self.edges.append(EdgeRecord(f"e{len(self.edges)}", edge_type, u, v, props))

    def period(self) -> dict[str, str]:
        start = self.rng.randint(2014, 2026)
        end = self.rng.choice([None, None, min(2026, start + self.rng.randint(0, 4))])
        return {"start_date": f"{start}-01-01"} | ({"end_date": f"{end}-12-31"} if end else {})

    def org(self, org_id: str, kind: str, district: str | None) -> str:
        self.node(org_id, NodeKind.ORGANISATION, name=org_id, kind=kind)
        if district:
            self.edge(EdgeType.LOCATED_IN, org_id, district)
        for topic in self.rng.sample(TOPICS, self.rng.randint(1, 3)):
            self.edge(EdgeType.WORKS_ON, org_id, f"topic-{topic}")
        return org_id


def generate(n: int, seed: int = 1) -> Subgraph:
    """A registry-like network of about `n` organisations and 3n ties."""
    net, rng = _Network(seed), random.Random(seed)
    net.node("oslo", NodeKind.AREA, name="Oslo", kind="MUNICIPALITY")
    for d in DISTRICTS:
        net.node(f"area-{d}", NodeKind.AREA, name=d, kind="DISTRICT")
        net.edge(EdgeType.PART_OF, f"area-{d}", "oslo")
    for t in TOPICS:
        net.node(f"topic-{t}", NodeKind.TOPIC, name=t)
    districts = [f"area-{d}" for d in DISTRICTS]

    city = net.org("org-oslo", "MUNICIPAL_UNIT", "oslo")
    heads = [net.org(f"org-bydel-{i}", "MUNICIPAL_UNIT", d) for i, d in enumerate(districts)]
    heads += [net.org(f"org-etat-{i}", "MUNICIPAL_UNIT", None) for i in range(max(3, n // 200))]
    for head in heads:
        net.edge(EdgeType.PART_OF, head, city)
    public = [city, *heads, net.org(EMI, "MUNICIPAL_UNIT", None)]
    net.edge(EdgeType.PART_OF, EMI, heads[-1])
    for i in range(int(n * 0.06)):
        head = rng.choice(heads)
        area = districts[heads.index(head)] if head in heads[:15] else rng.choice(districts)
        kind = "MUNICIPAL_UNIT" if rng.random() < 0.85 else "PUBLIC_BODY"
        public.append(net.org(f"org-unit-{i}", kind, area))
        if kind == "MUNICIPAL_UNIT":
            net.edge(EdgeType.PART_OF, public[-1], head)

    n_comm = max(8, n // 50)
    members: list[list[str]] = []
    for c in range(n_comm):
        net.node(f"comm-{c}", NodeKind.COMMUNITY, name=f"Community {c}", dimension="ORIGIN")
        members.append([])
    # Zipf-like sizes, every community with at least two organisations.
    weights = [1 / (c + 1) ** 0.8 for c in range(n_comm)]
    homes = [rng.sample(districts, 3) for _ in range(n_comm)]
    for i in range(int(n * 0.55)):
        c = i // 2 if i < 2 * n_comm else rng.choices(range(n_comm), weights)[0]
        kind = rng.choice(["IMMIGRANT_ORGANISATION", "FAITH_COMMUNITY", "RESOURCE_COMMUNITY"])
        org = net.org(f"org-m{i}", kind, rng.choice(homes[c]))
        net.edge(EdgeType.REPRESENTS, org, f"comm-{c}")
        members[c].append(org)
    wider = []
    for i in range(n - len(public) - sum(map(len, members))):
        kind = rng.choice(["VOLUNTARY_ORGANISATION", "BUSINESS", "EDUCATION", "OTHER"])
        wider.append(net.org(f"org-w{i}", kind, rng.choice([*districts, None])))
        if rng.random() < 0.1:
            net.edge(EdgeType.SERVES, wider[-1], f"comm-{rng.randrange(n_comm)}")

    cut_off = set(range(3, n_comm, 10))  # tie only inside
    inward = set(range(6, n_comm, 10))  # tie only to other minorities
    community = {o: c for c, orgs in enumerate(members) for o in orgs}
    open_orgs = [o for o, c in community.items() if c not in cut_off]
    outward = public + wider
    for c, orgs in enumerate(members):
        for org in orgs:
            for _ in range(2):
                roll = rng.random()
                if roll < 0.55 or c in cut_off:
                    other = rng.choice(orgs)
                elif roll < 0.7 or c in inward:
                    other = rng.choice(open_orgs)
                else:
                    other = rng.choice(outward)
                if other != org and (c not in inward or other in community):
                    strength = rng.randint(1, 5)
                    net.edge(
                        EdgeType.COLLABORATES_WITH, org, other, strength=strength, **net.period()
                    )
    for org in wider + public:
        for _ in range(2):
            other = rng.choice(outward) if rng.random() < 0.8 else rng.choice(open_orgs)
            if other != org and community.get(other) not in inward:
                net.edge(EdgeType.COLLABORATES_WITH, org, other, **net.period())

    reachable = [o for c, orgs in enumerate(members) if c not in cut_off | inward for o in orgs]
    for a in range(n // 10):
        big = rng.random() < 0.01
        net.node(
            f"act-{a}", NodeKind.ACTIVITY, name=f"Activity {a}", kind="SEMINAR", **net.period()
        )
        lead = rng.choice(public if big else outward)
        crowd = rng.sample(reachable + outward, rng.randint(15, 30) if big else rng.randint(1, 4))
        for org in {lead, *crowd}:
            net.edge(EdgeType.PARTICIPATES_IN, org, f"act-{a}")
    return Subgraph(net.nodes, net.edges)


def _time(label: str, compute: Callable[[], Any]) -> Any:
    t0 = time.perf_counter()
    result = compute()
    print(f"  {label:<22} {time.perf_counter() - t0:8.2f} s", flush=True)
    return result


def bench(n: int, parts: bool) -> None:
    # The first call compiles the betweenness kernel, or loads it from Numba's cache.
    _time("kernel compile/load", lambda: kernels.betweenness(nx.path_graph(3)))
    sub = generate(n)
    flt = AnalysisFilter(as_of=date(2026, 12, 1))
    history = _time("build_org_graph", lambda: build_org_graph(sub, flt))
    G = _time("as_of_graph", lambda: as_of_graph(history))
    print(
        f"{n} organisations: {G.number_of_nodes()} nodes, {G.number_of_edges()} ties counted "
        f"of {history.number_of_edges()}"
    )
    if parts:
        members = all_members(G)
        side = bridging_side(G)
        cuts = _time("separators", lambda: fragility.separators(G, side, members))
        odds = _time("baseline", lambda: baselines(G, members, side))
        reports = _time(
            "communities", lambda: communities.community_reports(G, EMI, cuts=cuts, odds=odds)
        )
        _time("betweenness (kernel)", lambda: brokers.betweenness(G, exact_limit=10**6))
        if n <= 2_000:
            _time("betweenness (nx)", lambda: nx.betweenness_centrality(G))
        _time("introductions", lambda: introductions(G, reports, cuts, odds))
        _time("trend", lambda: trend.trend(history))
    report = _time("full_report", lambda: full_report(history, EMI))
    # The machine is shared: a time means little without the load it was measured under.
    print("  load average (1, 5, 15 min): {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print("  parts (ms):", report.timings_ms)
    print(f"  statuses: {report.summary.statuses}, {len(json.dumps(jsonable(report)))} bytes")


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--parts"]
    for size in [int(a) for a in args] or [1_000, 10_000]:
        bench(size, "--parts" in sys.argv)
