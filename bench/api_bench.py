"""Latency of the organisation page query on the demo network, per store.

    python bench/api_bench.py [--store embedded|neo4j] [--runs 50]

Prints the median and 95th percentile over HTTP (in-process ASGI) and the store calls one
page costs. The Neo4j store is used when asked for, with the NEO4J_* settings.
"""

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path

import httpx

from registry.app import create_app
from registry.domain.accounts import Role
from registry.services import accounts
from registry.services.seeding import DEMO_DIR, load_seed_graph
from registry.settings import Neo4jSettings, Settings
from registry.store.base import Store, new_id
from registry.store.embedded import EmbeddedStore
from registry.store.instrumented import InstrumentedStore

GRAPH_READS = {"find_nodes", "count_nodes", "find_edges", "get_nodes", "get_edges"}
PAGE = """query($after: String) { organisations(first: 50, after: $after) {
  totalCount pageInfo { endCursor }
  edges { node { id name kind orgNumber contacts { name email phone }
    communities { name } areas { name } topics { name } } } } }"""


async def make_store(kind: str) -> Store:
    if kind == "neo4j":
        from registry.store.neo4j import Neo4jStore

        store: Store = Neo4jStore(Neo4jSettings())
    else:
        store = EmbeddedStore(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    await store.open()
    await store.clear()
    await store.import_graph(load_seed_graph(DEMO_DIR))
    return store


async def main(kind: str, runs: int) -> None:
    store = await make_store(kind)
    account, _ = await accounts.create_account(store, f"bench-{new_id()[:8]}", Role.CONTACT_VIEWER)
    _, token = await accounts.create_token(store, account, Role.CONTACT_VIEWER, "bench", 1)
    settings = Settings(data_dir=Path(tempfile.mkdtemp()), rate_limit_per_minute=1_000_000)
    counting = InstrumentedStore(store)
    transport = httpx.ASGITransport(app=create_app(counting, settings))  # type: ignore[arg-type]
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(
        transport=transport, base_url="http://bench", headers=headers
    ) as http:
        timings = []
        for i in range(runs + 5):
            counting.reset()
            started = time.perf_counter()
            body = (await http.post("/graphql", json={"query": PAGE})).json()
            if i >= 5:  # the first runs warm caches and the driver's pool
                timings.append((time.perf_counter() - started) * 1000)
        assert "errors" not in body, body
    timings.sort()
    print(f"store: {kind}")
    print(f"organisation page (50 with contacts, communities, areas, topics), {runs} runs:")
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(f"  median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms")
    reads = {k: v for k, v in counting.calls.items() if k in GRAPH_READS}
    print(f"  graph reads per page: {sum(reads.values())} {reads}")
    print(f"  all store calls per request (with sign-in by token): {dict(counting.calls)}")
    await store.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--runs", type=int, default=50)
    args = parser.parse_args()
    asyncio.run(main(args.store, args.runs))
