"""The cold analysis on each store: the snapshot, then the whole analysis as a request that
finds nothing cached gets it, on a generated network of 10,000 organisations.

    .venv/bin/python bench/snapshot_bench.py [--organisations 10000] [--runs 3]

The Neo4j store is the one NEO4J_* names; it is emptied first. Prints the median of `runs`
for each store and, last, the Neo4j/embedded ratio of the cold analysis (goal: <= 1.3).
"""

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from analysis_bench import generate
from map_bench import storable

from registry.services.analyses import AnalysisService
from registry.settings import Neo4jSettings
from registry.store.base import Store
from registry.store.embedded import EmbeddedStore
from registry.store.records import Subgraph


async def median_seconds(runs: int, work: Callable[[], Awaitable[Any]]) -> float:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        await work()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


async def measure(store: Store, graph: Subgraph, runs: int) -> float:
    await store.open()
    try:
        await store.clear()
        await store.import_stream(
            [Subgraph(graph.nodes, []), *(Subgraph([], graph.edges[i : i + 5000])
             for i in range(0, len(graph.edges), 5000))]
        )  # fmt: skip
        snapshot = await median_seconds(runs, store.snapshot)
        # A new service each time: nothing cached, as after a start or a write.
        cold = await median_seconds(runs, lambda: AnalysisService(store).analyse())
        print(f"{store.name:<9} snapshot {snapshot:6.2f} s  cold analysis {cold:6.2f} s")
        return cold
    finally:
        await store.close()


def main(organisations: int, runs: int) -> None:
    graph = storable(generate(organisations))
    print(f"network: {len(graph.nodes)} nodes, {len(graph.edges)} edges", flush=True)
    path = Path(tempfile.mkdtemp(prefix="snapshot-bench-")) / "registry.sqlite3"
    embedded = asyncio.run(measure(EmbeddedStore(path), graph, runs))
    from registry.store.neo4j import Neo4jStore

    neo4j = asyncio.run(measure(Neo4jStore(Neo4jSettings()), graph, runs))
    print(f"ratio cold analysis neo4j/embedded: {neo4j / embedded:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    main(args.organisations, args.runs)
