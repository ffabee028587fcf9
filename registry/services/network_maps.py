"""The network map as encoded JSON, laid out and encoded once per filter and store version.

The map is megabytes of JSON at 5,000 organisations: encoding it again for every request
costs more than serving it, so the encoded bytes are kept (with their ETag) in a bounded cache
keyed by the filter and the store version; a write changes the version, so the next request
computes a new map. The figures come from the full report when it is already computed for
that version, else from `map_figures`, which computes only what the map shows; a map whose
betweenness was estimated is replaced by the report's once the report is there.

Python's cyclic garbage collector would run hundreds of times while a map of thousands of
organisations is built, each time walking every object alive: half of a cold map's time. The
map makes no cycles worth collecting (the graph's dicts are freed by reference counting), so
the collector waits while maps are computed (`collector_paused`).

The map holds organisations and the catalogues of communities, areas and topics, never
contact persons, so every role that may read the map (VIEWER and up) sees the same map: the
role decides only whether it is served.
"""

import asyncio
import functools
import gc
import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date

import networkx as nx

from registry.analysis.graph import AnalysisFilter, build_org_graph
from registry.analysis.map_figures import MapFigures, figures_of, map_figures
from registry.analysis.map_large import large_layout
from registry.analysis.network_map import map_body
from registry.domain.enums import EdgeType, NodeKind
from registry.domain.errors import ValidationFailed
from registry.services.analyses import AnalysisService
from registry.services.cache import BoundedCache
from registry.services.exports import Params, graph_filter
from registry.store.records import EdgeRecord, NodeRecord, Subgraph

KEPT = 16  # maps kept, one per filter and store version asked for recently
KEPT_BYTES = 128 * 2**20  # and their encoded bytes together

Key = tuple[AnalysisFilter, int]


@dataclass(frozen=True, slots=True)
class EncodedMap:
    body: bytes  # the map as UTF-8 JSON
    etag: str  # a strong ETag of `body`, quoted
    store_version: int
    exact: bool  # its betweenness is exact


class NetworkMaps:
    def __init__(self, analysis: AnalysisService, cache: BoundedCache | None = None) -> None:
        self.analysis, self.store = analysis, analysis.store
        kept = BoundedCache(KEPT, KEPT_BYTES) if cache is None else cache
        self._done: BoundedCache[Key, EncodedMap] = kept
        self._running: dict[Key, asyncio.Task[EncodedMap]] = {}

    async def encoded(self, flt: AnalysisFilter | None = None) -> EncodedMap:
        """The map for `flt` on the store's current version; requests for the same map while
        it is computed wait for that one computation."""
        key = (flt or AnalysisFilter(), await self.store.version())
        done = self._done.get(key)
        if done is not None and (done.exact or self.analysis.computed(*key) is None):
            return done
        task = self._running.get(key)
        if task is None:
            task = asyncio.create_task(self._compute(*key))
            self._running[key] = task
            task.add_done_callback(lambda _: self._running.pop(key, None))
        return await asyncio.shield(task)

    async def warm_up(self) -> None:
        """Loads the compiled kernels (from Numba's cache) and scikit-network, a second or so
        that the first map after a start would otherwise wait for."""
        await asyncio.to_thread(_warm_up)

    async def _compute(self, flt: AnalysisFilter, version: int) -> EncodedMap:
        with collector_paused():
            return await self._encoded(flt, version)

    async def _encoded(self, flt: AnalysisFilter, version: int) -> EncodedMap:
        done = self.analysis.computed(flt, version)
        if done is not None:
            graph, figures = done.graph, figures_of(done.report)
            found = await asyncio.to_thread(encode_map, graph, figures, version)
        else:
            graph = await self.analysis.history(flt, version)
            found = await asyncio.to_thread(lambda: encode_map(graph, map_figures(graph), version))
        self._done.put((flt, version), found, len(found.body))
        return found


_pause = threading.Lock()
_paused = 0  # maps being computed
_was_enabled = True  # whether the collector ran before the first of them


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while any map is being computed, then as it was."""
    global _paused, _was_enabled
    with _pause:
        if _paused == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _paused += 1
    try:
        yield
    finally:
        with _pause:
            _paused -= 1
            if _paused == 0 and _was_enabled:
                gc.enable()


@functools.cache  # once a process: what it loads stays loaded for every app started after
def _warm_up() -> None:
    def org(i: int, kind: str) -> NodeRecord:
        return NodeRecord(f"o{i}", NodeKind.ORGANISATION, {"name": f"o{i}", "kind": kind})

    community = NodeRecord("c", NodeKind.COMMUNITY, {"name": "c", "dimension": "ORIGIN"})
    nodes = [community, org(0, "MUNICIPAL_UNIT")]
    nodes += [org(i, "IMMIGRANT_ORGANISATION") for i in (1, 2, 3)]
    edges = [EdgeRecord(f"r{i}", EdgeType.REPRESENTS, f"o{i}", "c") for i in (1, 2, 3)]
    edges += [
        EdgeRecord(f"t{i}", EdgeType.COLLABORATES_WITH, f"o{i}", f"o{i + 1}", {"strength": 3})
        for i in (0, 1, 2)
    ]
    graph = build_org_graph(Subgraph(nodes, edges))
    encode_map(graph, map_figures(graph), 0)
    large_layout(graph, [list(graph)], 0)


def map_filter(params: Params) -> AnalysisFilter:
    """The filter of `/map.json`: the graph export's parameters, and `asOf` (YYYY-MM-DD)."""
    day = (params.get("asOf") or [""])[-1].strip()
    try:
        as_of = date.fromisoformat(day) if day else None
    except ValueError:
        raise ValidationFailed("asOf: not a date (YYYY-MM-DD)", field="asOf") from None
    return replace(graph_filter(params), as_of=as_of)


def encode_map(graph: nx.Graph, figures: MapFigures, version: int) -> EncodedMap:
    """The map of `graph` with `figures`, laid out and encoded, as of store `version`."""
    value = {
        "storeVersion": version,
        "fresh": True,
        "computedAt": figures.timestamp,
        "betweennessExact": figures.exact,
        **map_body(graph, figures),
    }
    body = json.dumps(value, separators=(",", ":"), ensure_ascii=False).encode()
    etag = f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
    return EncodedMap(body, etag, version, figures.exact)
