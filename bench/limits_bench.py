"""Time to refuse fragment bombs over HTTP, and the analysis cache's size after many filters.

    python bench/limits_bench.py [--runs 5] [--filters 120]

Serves the registry with uvicorn on a loopback port over an embedded store with the demo
network, posts fragment bombs of 20, 25 and 40 levels (each `Fk` spreads `F(k-1)` twice) and
prints the median time to the refusal. Then analyses `--filters` distinct year ranges and
prints the cache's entries and bytes (its bounds: KEPT entries, KEPT_BYTES) and the process's
resident memory.
"""

import argparse
import asyncio
import resource
import statistics
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

from registry.analysis.graph import AnalysisFilter
from registry.app import create_app
from registry.domain.accounts import Role
from registry.services import accounts
from registry.services.analyses import KEPT, KEPT_BYTES, AnalysisService
from registry.services.cache import BoundedCache
from registry.services.seeding import DEMO_DIR, load_seed_graph
from registry.settings import Settings
from registry.store.embedded import EmbeddedStore

MIB = 2**20


def bomb(levels: int) -> str:
    fragments = ["fragment F1 on Query { __typename }"]
    fragments += [
        f"fragment F{k} on Query {{ ...F{k - 1} ...F{k - 1} }}" for k in range(2, levels + 1)
    ]
    return f"{{ ...F{levels} }} " + " ".join(fragments)


def resident_mib() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * resource.getpagesize() / MIB


async def seeded(path: Path) -> str:
    store = EmbeddedStore(path)
    await store.open()
    await store.import_graph(load_seed_graph(DEMO_DIR))
    account, _ = await accounts.create_account(store, "bench", Role.VIEWER)
    _, token = await accounts.create_token(store, account, Role.VIEWER, "bench", 1)
    await store.close()
    return token


def refusals(path: Path, token: str, runs: int) -> None:
    settings = Settings(data_dir=path.parent, rate_limit_per_minute=1_000_000)
    app = create_app(EmbeddedStore(path), settings)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    url = f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=url, headers=headers, timeout=60) as http:
        for levels in (20, 25, 40):
            document, times = bomb(levels), []
            for _ in range(runs):
                started = time.perf_counter()
                answer = http.post("/graphql", json={"query": document}).json()
                times.append((time.perf_counter() - started) * 1000)
            code = answer["errors"][0]["extensions"]["code"]
            median, worst = statistics.median(times), max(times)
            print(f"bomb of {levels} levels ({len(document)} bytes): refused {code} "
                  f"in {median:.1f} ms (median of {runs}, max {worst:.1f})")  # fmt: skip
    server.should_exit = True
    thread.join(timeout=20)


async def cache_size(path: Path, filters: int) -> None:
    store = EmbeddedStore(path)
    await store.open()
    cache: BoundedCache = BoundedCache(KEPT, KEPT_BYTES)
    service = AnalysisService(store, cache=cache)
    print(f"cache bounds: {KEPT} entries, {KEPT_BYTES / MIB:.0f} MiB; "
          f"resident before: {resident_mib():.0f} MiB")  # fmt: skip
    ranges = [(start, end) for start in range(2000, 2026) for end in range(start, 2026)]
    for i, (start, end) in enumerate(ranges[:filters], 1):
        await service.analyse(AnalysisFilter(year_from=start, year_to=end))
        if i % 30 == 0 or i == filters:
            print(f"after {i} distinct filters: {len(cache)} entries, "
                  f"{cache.bytes / MIB:.1f} MiB, resident {resident_mib():.0f} MiB")  # fmt: skip
    await store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--filters", type=int, default=120)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    token = asyncio.run(seeded(path))
    refusals(path, token, args.runs)
    asyncio.run(cache_size(path, args.filters))


if __name__ == "__main__":
    main()
