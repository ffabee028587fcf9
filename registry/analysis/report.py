"""The whole bridging analysis of one organisation graph as one JSON-ready dict."""

import math
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, is_dataclass
from datetime import UTC, datetime
from typing import Any, TypeVar

import networkx as nx

from registry.analysis import (
    brokers,
    clusters,
    communities,
    districts,
    fragility,
    kernels,
    trend,
)
from registry.analysis.graph import MINORITY, PUBLIC, WIDER, community_members, on_side
from registry.analysis.introductions import introductions

T = TypeVar("T")


def jsonable(value: Any) -> Any:
    """Dataclasses, sets and tuples as plain JSON values; nan (undefined) as None."""
    if is_dataclass(value) and not isinstance(value, type):
        return jsonable(asdict(value))
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [jsonable(v) for v in value]
        return items if isinstance(value, list | tuple) else sorted(items, key=str)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def full_report(
    G: nx.Graph,
    emi_id: str | None = None,
    *,
    seed: int = 0,
    top: int = 20,
    brokers_per_community: int = 3,
    introductions_per_community: int = 10,
    exact_limit: int = 10_000,
    k: int = 500,
) -> dict[str, Any]:
    """Every figure of the analysis for `G` (from `build_org_graph`), JSON-serialisable.

    Keys: ``timestamp``, ``computed_in_ms``, ``timings_ms`` (per part), ``parameters``, ``summary``,
    ``communities`` (worst gaps first, each with its top brokers towards the public side),
    ``brokers`` (the `top` organisations by betweenness with Burt's measures and brokerage roles,
    and every organisation's betweenness), ``fragility``, ``clusters``, ``introductions`` (per gap
    community), ``districts`` and ``trend``. Randomised parts (sampled betweenness, Louvain) use
    `seed`.
    """
    started = time.perf_counter()
    timings: dict[str, float] = {}

    def timed(part: str, compute: Callable[[], T]) -> T:
        t0 = time.perf_counter()
        result = compute()
        timings[part] = round((time.perf_counter() - t0) * 1000, 1)
        return result

    # The betweenness kernel releases the GIL: it runs alongside the Python parts.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(
            timed,
            "betweenness",
            lambda: brokers.betweenness(G, exact_limit=exact_limit, k=k, seed=seed),
        )
        reports = timed("communities", lambda: communities.community_reports(G, emi_id))
        members = community_members(G)
        public = on_side(G, PUBLIC)
        routes = timed("community_brokers", lambda: kernels.side_betweenness(G, public, members))
        size = timed("effective_size", lambda: brokers.effective_size(G, weight="weight"))
        constraint = timed("constraint", lambda: brokers.constraint(G, weight="weight"))
        roles = timed("brokerage", lambda: brokers.brokerage(G))
        fragile = timed("fragility", lambda: fragility.community_fragility(G))
        bridges = timed("bridges", lambda: len(kernels.bridges(G)))
        cuts = timed("articulation_points", lambda: sum(1 for _ in nx.articulation_points(G)))
        clustered = timed("clusters", lambda: clusters.clustering(G, seed=seed))
        gaps = [r.community for r in reports if r.gap]
        intros = timed(
            "introductions", lambda: introductions(G, gaps, limit=introductions_per_community)
        )
        per_district = timed("districts", lambda: districts.district_reports(G))
        years = timed("trend", lambda: trend.trend(G))
        between = pending.result()

    def broker(node: Any, score: float) -> dict[str, Any]:
        data = G.nodes[node]
        return {"organisation": node, "name": data["name"], "side": data["side"], "score": score}

    community_rows = []
    for r in reports:
        ranked = sorted(routes[r.community].items(), key=lambda item: (-item[1], str(item[0])))
        reached = len(r.organisations) - len(r.unreached)
        community_rows.append(
            asdict(r)
            | {
                "brokers": [
                    broker(n, v) | {"share": v / reached} for n, v in ranked[:brokers_per_community]
                ]
            }
        )
    ranked = sorted(between.values.items(), key=lambda item: (-item[1], str(item[0])))[:top]
    top_brokers = [
        {
            "organisation": n,
            "name": G.nodes[n]["name"],
            "side": G.nodes[n]["side"],
            "group": G.nodes[n]["group"],
            "betweenness": b,
            "effective_size": size[n],
            "constraint": constraint[n],
            "roles": roles[n],
        }
        for n, b in ranked
    ]
    isolates = sorted(nx.isolates(G))
    result = {
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "computed_in_ms": round((time.perf_counter() - started) * 1000, 1),
        "timings_ms": timings,
        "parameters": {
            "emi_id": emi_id if emi_id in G else None,
            "seed": seed,
            "current_year": G.graph.get("current_year"),
            "betweenness": {"exact": between.exact, "k": between.k, "seed": between.seed},
        },
        "summary": {
            "organisations": G.number_of_nodes(),
            "ties": G.number_of_edges(),
            "public": len(public),
            "minority": len(on_side(G, MINORITY)),
            "wider": len(on_side(G, WIDER)),
            "communities": len(reports),
            "gap_communities": len(gaps),
            "components": nx.number_connected_components(G),
            "isolates": isolates,
            "bridges": bridges,
            "articulation_points": cuts,
        },
        "communities": community_rows,
        "brokers": {"top": top_brokers, "betweenness": between.values},
        "fragility": fragile,
        "clusters": clustered,
        "introductions": intros,
        "districts": per_district,
        "trend": years,
    }
    return jsonable(result)
