"""Latency of the organisation page and of a search page, per store, over HTTP in-process,
and with --served as a client sees it: `registry serve` in a process of its own.

    python bench/api_bench.py [--store embedded|neo4j|both] [--orgs N] [--runs 50] [--profile]
                              [--served]

On the demo network, or with `--orgs N` on a generated network of about N organisations
(bench/page_network.py). Prints p50 and p95 for each query with the load average beside
them, the store calls and read transactions one page costs, and with --profile on Neo4j the
page statement's plan with and without the sort-index predicate. The Neo4j store uses the
NEO4J_* settings, and empties its graph first.
"""

import argparse
import asyncio
import os
import statistics
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import peer_servers
from page_network import batches, network

from registry.app import create_app, settle_heap
from registry.domain.accounts import Role
from registry.domain.enums import NodeKind
from registry.services import accounts
from registry.services.seeding import DEMO_DIR, load_seed_graph
from registry.settings import Neo4jSettings, Settings
from registry.store import cypher_filters
from registry.store.base import Store, new_id
from registry.store.embedded import EmbeddedStore
from registry.store.instrumented import InstrumentedStore
from registry.store.query import NodeQuery, Order

WARM_UP_SECONDS = 5.0
GRAPH_READS = {"find_page", "find_nodes", "count_nodes", "find_edges", "get_nodes", "get_edges"}
FIELDS = """totalCount pageInfo { endCursor }
  edges { node { id name kind orgNumber contacts { name email phone }
    communities { name } areas { name } topics { name } } }"""
QUERIES = {
    "page": f"{{ organisations(first: 50) {{ {FIELDS} }} }}",
    "search": f'{{ organisations(first: 50, filter: {{search: "forening"}}) {{ {FIELDS} }} }}',
}


async def make_store(kind: str, organisations: int) -> Store:
    if kind == "neo4j":
        from registry.store.neo4j import Neo4jStore

        store: Store = Neo4jStore(Neo4jSettings())
    else:
        store = EmbeddedStore(Path(tempfile.mkdtemp()) / "registry.sqlite3")  # servable
    await store.open()
    await store.clear()
    started = time.perf_counter()
    if organisations:
        graph = network(organisations)
        await store.import_stream(batches(graph))
    else:
        graph = load_seed_graph(DEMO_DIR)
        await store.import_graph(graph)
    orgs = sum(1 for n in graph.nodes if n.kind is NodeKind.ORGANISATION)
    print(f"{kind}: {orgs} organisations, {len(graph.nodes)} nodes, {len(graph.edges)} ties,"
          f" loaded in {time.perf_counter() - started:.1f} s")  # fmt: skip
    return store


def load() -> str:
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())


def percentiles(timings: list[float]) -> str:
    timings = sorted(timings)
    p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
    return f"p50 {statistics.median(timings):6.1f} ms, p95 {p95:6.1f} ms"


async def measure(store: Store, runs: int) -> None:
    account, _ = await accounts.create_account(store, f"bench-{new_id()[:8]}", Role.CONTACT_VIEWER)
    _, token = await accounts.create_token(store, account, Role.CONTACT_VIEWER, "bench", 1)
    settings = Settings(data_dir=Path(tempfile.mkdtemp()), rate_limit_per_minute=1_000_000)
    counting = InstrumentedStore(store)
    app = create_app(counting, settings)  # type: ignore[arg-type]
    transport = httpx.ASGITransport(app=app)
    settle_heap()  # as the app's start does; ASGITransport runs no lifespan
    transactions: Counter[str] = getattr(store, "transactions", Counter())
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://bench", headers=headers
    ) as http:
        timings: dict[str, list[float]] = {name: [] for name in QUERIES}
        page_reads = 0
        for i in range(runs + 5):
            for name, query in QUERIES.items():  # interleaved, so both see the same load
                counting.reset()
                reads = transactions["read"]
                started = time.perf_counter()
                body = (await http.post("/graphql", json={"query": query})).json()
                elapsed = (time.perf_counter() - started) * 1000
                assert "errors" not in body, body
                if i >= 5:  # the first runs warm caches and the driver's pool
                    timings[name].append(elapsed)
                if name == "page":
                    calls = dict(counting.calls)
                    page_reads += transactions["read"] - reads
    await app.state.audit_trail.flush()  # as the app's shutdown does
    for name, values in timings.items():
        print(f"  {name:<7} {percentiles(values)}  ({runs} runs; {load()})")
    graph = {k: v for k, v in calls.items() if k in GRAPH_READS}
    print(f"  graph reads per page: {sum(graph.values())} {graph}")
    if store.name == "neo4j":
        # More than 1 now and then: the token's look-up is read again once its entry expires.
        mean = page_reads / (runs + 5)
        print(f"  read transactions per page, mean of {runs + 5}: {mean:.2f}")


def _steps(step: dict) -> list[dict]:
    return [step, *(s for child in step.get("children", []) for s in _steps(child))]


async def profile(store: Any) -> None:
    """The page's and the search's find_nodes statements on Neo4j, with the sort-index
    predicate and without it."""
    for name, search in [("page", None), ("search", "forening")]:
        query = NodeQuery(NodeKind.ORGANISATION, archived=False, search=search)
        statement, params = cypher_filters.find_nodes(query, Order(), 0, 51)
        without = statement.text.replace(" AND n.sort >= ''", "")
        for label, text in [("with n.sort >= ''", statement.text), ("without it", without)]:
            result = await store._db.execute_query("PROFILE " + text, params)
            steps = _steps(result.summary.profile)
            hits = sum(s.get("dbHits", 0) for s in steps)
            operators = " <- ".join(s["operatorType"].split("@")[0] for s in steps)
            print(f"  PROFILE {name} {label}: {hits} db hits; {operators}")


async def main(
    kinds: list[str], organisations: int, runs: int, with_profile: bool, served: bool
) -> None:
    for kind in kinds:
        store = await make_store(kind, organisations)
        try:
            await measure(store, runs)
            if with_profile and kind == "neo4j":
                await profile(store)
            token = await reader_token(store)
        finally:
            await store.close()
        if served:
            folder = Path(store._path).parent if isinstance(store, EmbeddedStore) else None
            time_served(kind, folder, token, runs)


async def reader_token(store: Store) -> str:
    account, _ = await accounts.create_account(store, f"bench-{new_id()[:8]}", Role.CONTACT_VIEWER)
    return (await accounts.create_token(store, account, Role.CONTACT_VIEWER, "bench", 1))[1]


def time_served(kind: str, folder: Path | None, token: str, runs: int) -> None:
    """Both pages through `registry serve` on the same store, in a process of its own, over
    one kept-alive connection, after 5 s of asking for them untimed."""
    with peer_servers.registry(kind, folder) as url:
        http = httpx.Client(headers={"Authorization": f"Bearer {token}"}, timeout=60)
        warm_until = time.monotonic() + WARM_UP_SECONDS
        while time.monotonic() < warm_until:
            for query in QUERIES.values():
                http.post(url, json={"query": query})
        timings: dict[str, list[float]] = {name: [] for name in QUERIES}
        for _ in range(runs):
            for name, query in QUERIES.items():
                started = time.perf_counter()
                body = http.post(url, json={"query": query}).json()
                timings[name].append((time.perf_counter() - started) * 1000)
                assert "errors" not in body, body
    for name, values in timings.items():
        print(f"  {name:<7} {percentiles(values)}  served ({runs} runs; {load()})")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", choices=["embedded", "neo4j", "both"], default="embedded")
    parser.add_argument("--orgs", type=int, default=0, help="generated organisations; 0: demo")
    parser.add_argument("--runs", type=int, default=50)
    parser.add_argument("--profile", action="store_true", help="PROFILE the page on Neo4j")
    parser.add_argument("--served", action="store_true", help="also through `registry serve`")
    args = parser.parse_args()
    kinds = ["embedded", "neo4j"] if args.store == "both" else [args.store]
    asyncio.run(main(kinds, args.orgs, args.runs, args.profile, args.served))
