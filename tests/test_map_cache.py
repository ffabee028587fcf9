"""The network map's cache, on both stores: one organisation graph for the report and the
map asked for at once, one computation for requests that come together, and a bounded
number of maps kept."""

import asyncio
import gc

import pytest

from registry.analysis.graph import AnalysisFilter
from registry.services.analyses import AnalysisService
from registry.services.cache import BoundedCache
from registry.services.network_maps import NetworkMaps, collector_paused
from registry.store.base import Store
from registry.store.instrumented import InstrumentedStore
from registry.store.records import Subgraph


async def counted(store: Store, demo: Subgraph) -> InstrumentedStore:
    await store.import_graph(demo)
    return InstrumentedStore(store)


async def test_the_report_and_the_map_share_one_graph(store: Store, demo_graph: Subgraph):
    counting = await counted(store, demo_graph)
    service = AnalysisService(counting)
    done, found = await asyncio.gather(service.analyse(), NetworkMaps(service).encoded())
    assert counting.calls["snapshot"] == 1
    assert found.store_version == done.store_version and done.fresh


async def test_maps_asked_for_together_are_computed_once(store: Store, demo_graph: Subgraph):
    counting = await counted(store, demo_graph)
    maps = NetworkMaps(AnalysisService(counting))
    first, second = await asyncio.gather(maps.encoded(), maps.encoded())
    assert first is second and counting.calls["snapshot"] == 1
    assert await maps.encoded() is first and counting.calls["snapshot"] == 1


async def test_a_bounded_number_of_maps_is_kept(store: Store, demo_graph: Subgraph):
    counting = await counted(store, demo_graph)
    cache = BoundedCache(entries=2, max_bytes=2**40)
    maps = NetworkMaps(AnalysisService(counting), cache=cache)
    for year in (2020, 2021, 2022):
        await maps.encoded(AnalysisFilter(year_to=year))
    assert len(cache) == 2
    counting.reset()
    await maps.encoded(AnalysisFilter(year_to=2022))
    assert counting.calls["snapshot"] == 0
    await maps.encoded(AnalysisFilter(year_to=2020))
    assert counting.calls["snapshot"] == 1


async def test_warming_up_reads_nothing_from_the_store(store: Store):
    counting = InstrumentedStore(store)
    await NetworkMaps(AnalysisService(counting)).warm_up()
    assert not counting.calls


async def test_warming_up_runs_once_a_process(store: Store, monkeypatch: pytest.MonkeyPatch):
    """Each start of the app warms up; only the process's first one has anything to load."""
    import registry.services.network_maps as network_maps

    laid_out: list[int] = []
    monkeypatch.setattr(network_maps, "large_layout", lambda *a: laid_out.append(1))
    network_maps._warm_up.cache_clear()
    for _ in range(3):
        await NetworkMaps(AnalysisService(store)).warm_up()
    assert laid_out == [1]


def test_the_collector_waits_while_any_map_is_computed():
    assert gc.isenabled()
    with collector_paused():
        with collector_paused():
            assert not gc.isenabled()
        assert not gc.isenabled()  # the other map is still being computed
    assert gc.isenabled()
    gc.disable()
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()  # it was off before: it stays off
    finally:
        gc.enable()
