"""The whole bridging analysis of one organisation graph as one typed `Report`.

The API, the CLI, the exports and the map read its fields; `jsonable` gives its JSON form
(camelCase keys) for ``registry analyze --json`` and the GraphQL ``report`` field.
"""

import math
import re
import time
from collections import Counter
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields, is_dataclass, replace
from datetime import UTC, date, datetime
from enum import Enum
from typing import Any, TypeVar

import networkx as nx

from registry.analysis import brokers, clusters, districts, fragility, kernels, trend
from registry.analysis.as_of import TieModel, as_of_graph, bridging_graph, tie_model
from registry.analysis.baseline import baselines
from registry.analysis.communities import (
    CommunityReport,
    SubsetBroker,
    all_members,
    bridging_side,
    community_reports,
)
from registry.analysis.graph import MINORITY, PUBLIC, WIDER, community_members
from registry.analysis.introductions import Introduction, introductions

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Parameters:
    as_of: date
    emi_id: str | None
    seed: int
    betweenness_exact: bool
    betweenness_k: int | None  # sources sampled, when not exact


@dataclass(frozen=True, slots=True)
class Summary:
    organisations: int
    ties: int  # that count
    public: int
    minority: int
    wider: int
    communities: int  # ranked (all but TOO_SMALL)
    gap_communities: int
    statuses: dict[str, int]
    components: int
    isolates: list[str]
    bridges: int
    articulation_points: int


@dataclass(frozen=True, slots=True)
class TopBroker:
    organisation: str
    name: str
    side: str
    group: str
    betweenness: float
    effective_size: float
    constraint: float
    roles: dict[str, int]  # for `group`, its first
    roles_by_group: list[brokers.GroupRoles]  # for each community it counts for, or its side


@dataclass(frozen=True, slots=True)
class Brokers:
    top: list[TopBroker]
    betweenness: dict[Hashable, float]  # every organisation


@dataclass(frozen=True, slots=True)
class Report:
    timestamp: str
    computed_in_ms: float
    timings_ms: dict[str, float]
    parameters: Parameters
    tie_model: TieModel
    summary: Summary
    communities: list[CommunityReport]  # worst first
    brokers: Brokers
    fragility: list[fragility.CommunityFragility]
    clusters: clusters.Clustering
    introductions: list[Introduction]
    districts: list[districts.DistrictReport]
    trend: list[trend.YearFigures]


def _camel(name: str) -> str:
    name = name.rstrip("_")  # `from_`: a Python keyword
    return re.sub(r"_([a-z0-9])", lambda m: m.group(1).upper(), name)


def jsonable(value: Any) -> Any:
    """Dataclasses (camelCase keys), enums, dates, sets and tuples as plain JSON values; nan
    (undefined) as None."""
    if is_dataclass(value) and not isinstance(value, type):
        return {_camel(f.name): jsonable(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = [jsonable(v) for v in value]
        return items if isinstance(value, list | tuple) else sorted(items, key=str)
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def full_report(
    history: nx.Graph,
    emi_id: str | None = None,
    *,
    seed: int = 0,
    top: int = 20,
    brokers_per_community: int = 3,
    introductions_per_community: int = 10,
    exact_limit: int = 50_000,
    k: int = 500,
) -> Report:
    """Every figure of the analysis of `history` (from `build_org_graph`) as of its date:
    the ties that count then (`as_of_graph`), of which the bridging ones (`bridging_graph`)
    decide statuses, E-I, fragility, community brokers, introductions and district ties.
    Brokerage roles follow the direction of the ties (`flows`). Randomised parts (the random
    baseline, sampled betweenness, Louvain) use `seed`."""
    started = time.perf_counter()
    timings: dict[str, float] = {}

    def timed(part: str, compute: Callable[[], T]) -> T:
        t0 = time.perf_counter()
        result = compute()
        timings[part] = round((time.perf_counter() - t0) * 1000, 1)
        return result

    G = timed("as_of_graph", lambda: as_of_graph(history))
    B = timed("bridging_graph", lambda: bridging_graph(G))
    # The betweenness kernel releases the GIL: it runs alongside the Python parts.
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending = pool.submit(
            timed,
            "betweenness",
            lambda: brokers.betweenness(G, exact_limit=exact_limit, k=k, seed=seed),
        )
        members = all_members(B)
        side = bridging_side(B)
        cuts = timed("separators", lambda: fragility.separators(B, side, members))
        odds = timed("baseline", lambda: baselines(B, members, side, seed=seed))
        reports = timed("communities", lambda: community_reports(B, emi_id, cuts=cuts, odds=odds))
        public = {n for n, s in B.nodes(data="side") if s == PUBLIC}
        routes = timed(
            "community_brokers", lambda: kernels.side_betweenness(B, public, community_members(B))
        )
        size = timed("effective_size", lambda: brokers.effective_size(G, weight="weight"))
        constraint = timed("constraint", lambda: brokers.constraint(G, weight="weight"))
        fragile = timed("fragility", lambda: fragility.community_fragility(B, cuts))
        bridges = timed("bridges", lambda: len(kernels.bridges(G)))
        cuts_n = timed("articulation_points", lambda: sum(1 for _ in nx.articulation_points(G)))
        clustered = timed("clusters", lambda: clusters.clustering(G, seed=seed))
        intros, notes = timed(
            "introductions",
            lambda: introductions(B, reports, cuts, odds, limit=introductions_per_community),
        )
        per_district = timed("districts", lambda: districts.district_reports(B))
        years = timed("trend", lambda: trend.trend(history, seed=seed))
        between = pending.result()

    def subset_brokers(r: CommunityReport) -> list[SubsetBroker]:
        ranked = sorted(routes.get(r.community, {}).items(), key=lambda i: (-i[1], str(i[0])))
        reached = max(1, len(r.organisations) - len(r.unreached))
        return [
            SubsetBroker(
                str(n), G.nodes[n]["name"], G.nodes[n]["side"], v, v / reached, between.values[n]
            )
            for n, v in ranked[:brokers_per_community]
        ]

    rows = [
        replace(r, brokers=subset_brokers(r), introductions_note=notes.get(r.community))
        for r in reports
    ]
    ranked = sorted(between.values.items(), key=lambda item: (-item[1], str(item[0])))[:top]
    roles = timed("brokerage", lambda: brokers.group_roles(G, [n for n, _ in ranked]))
    top_brokers = [
        TopBroker(
            str(n),
            G.nodes[n]["name"],
            G.nodes[n]["side"],
            G.nodes[n]["group"],
            b,
            size[n],
            constraint[n],
            next(r.roles for r in roles[n] if r.group == G.nodes[n]["group"]),
            roles[n],
        )
        for n, b in ranked
    ]
    head = trend.headline(G, reports)
    sides = Counter(d.get("side") for _, d in G.nodes(data=True))
    return Report(
        timestamp=datetime.now(UTC).isoformat(timespec="seconds"),
        computed_in_ms=round((time.perf_counter() - started) * 1000, 1),
        timings_ms=timings,
        parameters=Parameters(
            G.graph["as_of"], emi_id if emi_id in G else None, seed, between.exact, between.k
        ),
        tie_model=tie_model(history, G, B),
        summary=Summary(
            organisations=G.number_of_nodes(),
            ties=G.number_of_edges(),
            public=sides[PUBLIC],
            minority=sides[MINORITY],
            wider=sides[WIDER],
            communities=head.communities,
            gap_communities=head.gap_communities,
            statuses=head.statuses,
            components=nx.number_connected_components(G),
            isolates=sorted(nx.isolates(G)),
            bridges=bridges,
            articulation_points=cuts_n,
        ),
        communities=rows,
        brokers=Brokers(top_brokers, between.values),
        fragility=fragile,
        clusters=clustered,
        introductions=intros,
        districts=per_district,
        trend=years,
    )
