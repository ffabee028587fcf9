"""How fast the network map is served, cold and cached, at 1,000 and 5,000 organisations.

    .venv/bin/python bench/map_bench.py [--organisations 1000 5000] [--store embedded|neo4j]
                                        [--browser]

Loads a generated registry-like network (`analysis_bench.generate`) into a store (a fresh
embedded one, or the Neo4j of the NEO4J_* settings, emptied first), then prints per size:
the parts of a cold map (snapshot, graph, the map's figures, layout, encoding); over HTTP
(uvicorn on loopback) `/map.json` cold on a server just started, cold after a write, cached,
and revalidated (304), and GraphQL `networkMap` cached and after a write; with `--browser`,
in headless Chromium (/usr/bin/chromium) the time from signing in to a drawn map. The load
average and the processor time (of every thread of the process) are printed beside. Prints
numbers, asserts none.
"""

import argparse
import asyncio
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn
from analysis_bench import generate

from registry.analysis.graph import build_org_graph
from registry.analysis.map_figures import map_figures
from registry.analysis.map_layout import layout
from registry.app import create_app
from registry.domain.accounts import Role
from registry.domain.enums import EdgeType
from registry.services import accounts
from registry.services.network_maps import encode_map
from registry.settings import Neo4jSettings, Settings
from registry.store.base import Store
from registry.store.embedded import EmbeddedStore
from registry.store.records import Subgraph

# Accounts outlive `Store.clear` on Neo4j: a name of its own for each run.
USER, PASSWORD = f"bench-{os.getpid()}", "a long bench passphrase"
WARM_UP = 10  # seconds a server has been up before the first map: it loads its kernels meanwhile
WRITE = 'mutation { createOrganisation(input: {name: "Benk %d", kind: OTHER}) { id } }'


def load() -> str:
    return "load average " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(label: str, started: float, cpu: float) -> float:
    """Prints the time since `started` and the processor time of this process since `cpu`
    (all its threads: under load the wall time says more about the machine than the code)."""
    ms = (time.perf_counter() - started) * 1000
    used = (time.process_time() - cpu) * 1000
    print(f"  {label:<46} {ms:9.1f} ms, cpu {used:7.1f} ms   ({load()})", flush=True)
    return ms


def median_ms(label: str, runs: int, once: Callable[[], object]) -> None:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        once()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    print(f"  {label:<46} {statistics.median(times):9.1f} ms median of {runs}, "
          f"p95 {times[int(runs * 0.95)]:.1f} ms   ({load()})", flush=True)  # fmt: skip


def storable(graph: Subgraph) -> Subgraph:
    """The generated graph without repeated ties, which a store refuses (A-B is B-A)."""
    seen, edges = set(), []
    for e in graph.edges:
        ends = sorted((e.from_id, e.to_id)) if e.type is EdgeType.COLLABORATES_WITH else ()
        key = (e.type, *(ends or (e.from_id, e.to_id)))
        if key not in seen:
            seen.add(key)
            edges.append(e)
    return Subgraph(graph.nodes, edges)


def new_store(kind: str, folder: Path) -> Store:
    if kind == "neo4j":
        from registry.store.neo4j import Neo4jStore

        return Neo4jStore(Neo4jSettings())
    return EmbeddedStore(folder / "bench.sqlite3")


async def fill(kind: str, folder: Path, organisations: int) -> str:
    """The store filled; returns an API token of an administrator."""
    store = new_store(kind, folder)
    await store.open()
    await store.clear()
    graph = storable(generate(organisations))
    await store.import_graph(graph)
    account, _ = await accounts.create_account(store, USER, Role.ADMIN, password=PASSWORD)
    _, token = await accounts.create_token(store, account, Role.ADMIN, "bench", 1)
    await store.close()
    print(f"store ({kind}): {len(graph.nodes)} nodes, {len(graph.edges)} edges")
    return token


async def parts(kind: str, folder: Path) -> None:
    store = new_store(kind, folder)
    await store.open()
    print("a cold map, part by part")
    t, c = time.perf_counter(), time.process_time()
    snapshot = await store.snapshot()
    timed("snapshot from the store", t, c)
    t, c = time.perf_counter(), time.process_time()
    graph = build_org_graph(snapshot)
    timed("organisation graph", t, c)
    for when in ("first in the process", "again"):
        t, c = time.perf_counter(), time.process_time()
        figures = map_figures(graph)
        timed(f"map figures, {when}", t, c)
    t, c = time.perf_counter(), time.process_time()
    layout(graph, figures.clusters)
    timed("layout", t, c)
    t, c = time.perf_counter(), time.process_time()
    encoded = encode_map(graph, figures, 0)
    timed(f"body and encoding, with layout ({len(encoded.body) / 1e6:.2f} MB)", t, c)
    await store.close()


@contextmanager
def serving(kind: str, folder: Path) -> Iterator[str]:
    settings = Settings(data_dir=folder, rate_limit_per_minute=1_000_000)
    app = create_app(new_store(kind, folder), settings)
    server = uvicorn.Server(uvicorn.Config(app, port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=20)


def over_http(url: str, token: str) -> None:
    http = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {token}"}, timeout=600)
    writes = iter(range(1_000_000))

    def write() -> None:
        http.post("/graphql", json={"query": WRITE % next(writes)}).raise_for_status()

    print("over HTTP (uvicorn on loopback)")
    time.sleep(WARM_UP)
    t, c = time.perf_counter(), time.process_time()
    first = http.get("/map.json")
    timed(f"/map.json cold, server up {WARM_UP} s ({len(first.content) / 1e6:.2f} MB)", t, c)
    write()
    t, c = time.perf_counter(), time.process_time()
    http.get("/map.json")
    timed("/map.json cold, after a write", t, c)
    median_ms("/map.json cached", 20, lambda: http.get("/map.json"))
    tag = http.get("/map.json").headers["etag"]
    median_ms("/map.json revalidated (304)", 20,
              lambda: http.get("/map.json", headers={"If-None-Match": tag}))  # fmt: skip
    query = {"query": "{ networkMap }"}
    write()
    t, c = time.perf_counter(), time.process_time()
    http.post("/graphql", json=query)
    timed("GraphQL networkMap cold, after a write", t, c)
    median_ms("GraphQL networkMap cached", 20, lambda: http.post("/graphql", json=query))


def in_browser(url: str) -> None:
    from playwright.sync_api import sync_playwright

    print("headless Chromium (1500x1000)")
    with sync_playwright() as p:
        args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        page.goto(f"{url}/signin?next=/%3Fview%3Dorgs")
        page.fill("#username", USER)
        page.fill("#password", PASSWORD)
        t, c = time.perf_counter(), time.process_time()
        page.click("button[type=submit]")
        page.wait_for_function(
            "() => /^\\d+ organis/.test(document.getElementById('status').textContent)",
            timeout=600_000,
        )
        page.evaluate("() => new Promise((r) => requestAnimationFrame(() => r()))")
        timed("sign-in to drawn map (page, /map.json, draw)", t, c)
        browser.close()


def main(sizes: list[int], kind: str, browser: bool) -> None:
    for organisations in sizes:
        print(f"\n== {organisations} organisations, {kind} store ==")
        folder = Path(tempfile.mkdtemp())
        token = asyncio.run(fill(kind, folder, organisations))
        asyncio.run(parts(kind, folder))
        with serving(kind, folder) as url:
            over_http(url, token)
            if browser:
                in_browser(url)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, nargs="+", default=[1000, 5000])
    parser.add_argument("--store", choices=["embedded", "neo4j"], default="embedded")
    parser.add_argument("--browser", action="store_true")
    args = parser.parse_args()
    main(args.organisations, args.store, args.browser)
