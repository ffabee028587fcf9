"""Fixtures for the dashboard and export tests: the demo network in the store, and one
community in one district to filter by."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
import pytest_asyncio

from registry.store.base import Store
from registry.store.records import Subgraph

from .demo import Slice, community_in_district

if TYPE_CHECKING:
    from playwright.sync_api import Browser

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def seed_graph(demo_graph: Subgraph) -> Subgraph:
    return demo_graph


@pytest_asyncio.fixture(loop_scope="session")
async def demo(store: Store, seed_graph: Subgraph) -> Store:
    """The `store` (each kind) holding the demo network."""
    await store.import_graph(seed_graph)
    return store


@pytest.fixture(scope="session")
def pakistani_in_gamle_oslo(seed_graph: Subgraph) -> Slice:
    found = community_in_district(seed_graph, "pakistani", "gamle-oslo")
    assert len(found.organisations) >= 2 and len(found.contacts) >= 3, "the demo changed"
    return found


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    # Imported here: the quick run (`-m "not slow"`) loads this file but drives no browser.
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), f"the browser tests need Chromium at {CHROMIUM}"
    with sync_playwright() as p:
        args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        browser = p.chromium.launch(executable_path=CHROMIUM, args=args)
        yield browser
        browser.close()
