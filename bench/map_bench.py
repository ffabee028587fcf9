"""How the network map holds up at 5,000 organisations and about 15,000 ties.

    .venv/bin/python bench/map_bench.py [--organisations 5000]

Loads a generated registry-like network (`analysis_bench.generate`) into an embedded store,
then prints: the analysis, the map payload build (layout, betweenness, the whole body) and
the `networkMap` query over HTTP, cold and cached; and in headless Chromium (/usr/bin/chromium)
the time from opening the page to a drawn map, and the frame times while panning by mouse.
Prints numbers and asserts none.
"""

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path

import httpx
from analysis_bench import generate
from playwright.sync_api import sync_playwright

from registry.analysis.brokers import betweenness
from registry.analysis.map_layout import layout
from registry.analysis.network_map import map_body
from registry.app import create_app
from registry.domain.accounts import Role
from registry.domain.enums import EdgeType
from registry.services import accounts
from registry.services.analyses import AnalysisService
from registry.settings import Settings
from registry.store.embedded import EmbeddedStore
from registry.store.records import Subgraph

USER, PASSWORD = "bench", "a long bench passphrase"
# Cytoscape draws on the animation frame after the elements change: wait for two.
TWO_FRAMES = "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
# Records the time between animation frames until stopped; read back with STOP_FRAMES.
START_FRAMES = """() => {
  window.__frames = [];
  window.__panning = true;
  let last = performance.now();
  const tick = (now) => {
    window.__frames.push(now - last);
    last = now;
    if (window.__panning) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}"""
STOP_FRAMES = "() => { window.__panning = false; return window.__frames.slice(1); }"


def timed(label: str, started: float) -> float:
    ms = (time.perf_counter() - started) * 1000
    print(f"  {label:<44} {ms:9.0f} ms", flush=True)
    return ms


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


async def fill(path: Path, organisations: int) -> str:
    """The store filled; returns an API token of the account the browser signs in with."""
    store = EmbeddedStore(path)
    await store.open()
    graph = storable(generate(organisations))
    await store.import_graph(graph)
    account, _ = await accounts.create_account(store, USER, Role.ADMIN, password=PASSWORD)
    _, token = await accounts.create_token(store, account, Role.ADMIN, "bench", 1)
    await store.close()
    ties = sum(1 for e in graph.edges if e.type is EdgeType.COLLABORATES_WITH)
    print(f"store: {len(graph.nodes)} nodes, {len(graph.edges)} edges ({ties} collaborations)")
    return token


async def server_side(path: Path) -> None:
    store = EmbeddedStore(path)
    await store.open()
    service = AnalysisService(store)
    print("server")
    t = time.perf_counter()
    done = await service.analyse()
    timed("analysis (snapshot, graph, full report)", t)
    graph, report = done.graph, done.report
    print(f"  organisation graph: {graph.number_of_nodes()} nodes, {graph.number_of_edges()} ties")
    t = time.perf_counter()
    layout(graph, [c.organisations for c in report.clusters.clusters])
    timed("layout (group in a box)", t)
    t = time.perf_counter()
    betweenness(graph)
    timed("betweenness for node sizes", t)
    t = time.perf_counter()
    body = map_body(graph, report)
    timed("map payload build (all of it)", t)
    print(f"  payload: {len(json.dumps(body)) / 1e6:.2f} MB of JSON")
    await store.close()


def over_http(url: str, token: str) -> None:
    """The page's query, as the page sends it; the second time from the caches."""
    query = {"query": "{ networkMap analysis(filter: null) { fresh computedAt report } }"}
    headers = {"Authorization": f"Bearer {token}"}
    print("networkMap + analysis over HTTP (uvicorn on loopback)")
    for label in ("cold (analysis and map computed)", "cached"):
        t = time.perf_counter()
        response = httpx.post(f"{url}/graphql", json=query, headers=headers, timeout=600)
        timed(f"{label}, {len(response.content) / 1e6:.1f} MB", t)


def in_browser(url: str) -> None:
    print("headless Chromium (1500x1000)")
    with sync_playwright() as p:
        args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=args)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        page.goto(f"{url}/signin")
        page.fill("#username", USER)
        page.fill("#password", PASSWORD)
        t = time.perf_counter()
        page.click("button[type=submit]")
        page.wait_for_function(
            "() => /^\\d+ organis/.test(document.getElementById('status').textContent)",
            timeout=600_000,
        )
        page.evaluate(
            "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        timed("sign-in to drawn map (page, query, draw)", t)
        drawing = page.evaluate(
            """() => performance.now() - performance.getEntriesByType('resource')
                .filter((e) => e.name.endsWith('/graphql')).at(-1).responseEnd"""
        )
        print(f"  {'of which after the response (parse, build, draw)':<44} {drawing:9.0f} ms")
        t = time.perf_counter()
        page.select_option("#colour-by", "group")
        page.evaluate(
            "() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))"
        )
        timed("recolour by community", t)
        box = page.locator("#cy").bounding_box()
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        page.evaluate(START_FRAMES)
        page.mouse.move(x, y)
        page.mouse.down()
        for step in range(90):
            page.mouse.move(x + 3 * step, y + 2 * step)
        page.mouse.up()
        times = page.evaluate(STOP_FRAMES)
        times.sort()
        print(
            f"  panning by mouse: {len(times)} frames, median {statistics.median(times):.1f} ms, "
            f"95th percentile {times[int(len(times) * 0.95)]:.1f} ms, worst {times[-1]:.1f} ms"
        )
        browser.close()


def main(organisations: int) -> None:
    import threading

    import uvicorn

    path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    token = asyncio.run(fill(path, organisations))
    asyncio.run(server_side(path))
    settings = Settings(data_dir=path.parent, rate_limit_per_minute=1_000_000)
    config = uvicorn.Config(create_app(EmbeddedStore(path), settings), port=0, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started:
        time.sleep(0.05)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        over_http(f"http://127.0.0.1:{port}", token)
        in_browser(f"http://127.0.0.1:{port}")
    finally:
        server.should_exit = True
        thread.join(timeout=20)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=5000)
    main(parser.parse_args().organisations)
