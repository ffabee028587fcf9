"""Analyses of distinct filters are kept within a number of entries and of bytes, on both
stores, and the ones let go are freed."""

import gc
import weakref

from registry.analysis.graph import AnalysisFilter
from registry.services.analyses import KEPT, AnalysisService
from registry.services.cache import BoundedCache
from registry.store.base import Store


async def analyse_distinct(service: AnalysisService, count: int) -> list[weakref.ref]:
    """Weak references to the graphs of `count` analyses, each of its own filter."""
    graphs = []
    for i in range(count):
        done = await service.analyse(AnalysisFilter(areas=frozenset({f"area-{i}"})))
        graphs.append(weakref.ref(done.graph))
    del done
    gc.collect()
    return graphs


async def test_analyses_beyond_the_kept_ones_are_freed(store: Store):
    graphs = await analyse_distinct(AnalysisService(store), KEPT + 8)
    alive = [i for i, graph in enumerate(graphs) if graph() is not None]
    assert alive == list(range(8, KEPT + 8))  # the oldest went


async def test_analyses_are_kept_within_a_number_of_bytes(store: Store):
    probe = BoundedCache(entries=10, max_bytes=2**40)
    await analyse_distinct(AnalysisService(store, cache=probe), 1)
    one = probe.bytes
    assert one > 1000  # a graph and its report, measured deeply
    cache = BoundedCache(entries=10, max_bytes=int(2.5 * one))
    graphs = await analyse_distinct(AnalysisService(store, cache=cache), 6)
    assert len(cache) == 2 and cache.bytes <= 2.5 * one
    assert [graph() is not None for graph in graphs] == [False] * 4 + [True] * 2


def test_the_least_recently_used_goes_first():
    cache: BoundedCache[str, str] = BoundedCache(entries=2, max_bytes=100)
    cache.put("a", "A", 10)
    cache.put("b", "B", 10)
    assert cache.get("a") == "A"  # now b is the least recently used
    cache.put("c", "C", 10)
    assert (cache.get("a"), cache.get("b"), cache.get("c")) == ("A", None, "C")
    cache.put("d", "D", 95)  # over the bytes alone: the newest stays, alone
    assert (len(cache), cache.bytes, cache.get("d")) == (1, 95, "D")
    cache.put("d", "D2", 20)
    assert (len(cache), cache.bytes) == (1, 20)
