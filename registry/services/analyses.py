"""Analyses on demand, cached per store version, recomputed without blocking a request.

It reads a snapshot from the store, builds the organisation graph and runs `full_report` in a
worker thread. A request that finds only a result from an older store version gets that result
at once, marked stale with its time, while a fresh one is computed in the background. The
network map (`network_maps`) takes the report from here when it is already computed, and the
organisation graph (`history`) while the report needs it: the dashboard asks for both at once.
"""

import asyncio
import weakref
from dataclasses import dataclass
from typing import Any

import networkx as nx
import objsize

from registry.analysis.graph import AnalysisFilter, build_org_graph
from registry.analysis.map_figures import figures_of
from registry.analysis.network_map import map_body
from registry.analysis.report import Report, full_report
from registry.domain.enums import NodeKind
from registry.domain.rules import fold
from registry.services.cache import BoundedCache
from registry.store.base import Store
from registry.store.query import NodeQuery, Order

EMI_NAME = "Enhet for mangfold og integrering"
KEPT = 32  # analyses kept, one per filter asked for recently
KEPT_BYTES = 256 * 2**20  # and their graphs and reports together, measured deeply
# One map body per analysis graph; it goes when the service forgets the graph.
_bodies: "weakref.WeakKeyDictionary[nx.Graph, dict[str, Any]]" = weakref.WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class Analysis:
    graph: nx.Graph  # the whole history of ties; the report is as of its date
    report: Report
    store_version: int
    fresh: bool


class AnalysisService:
    def __init__(
        self, store: Store, emi_name: str = EMI_NAME, cache: BoundedCache | None = None
    ) -> None:
        self.store, self.emi_name = store, emi_name
        kept = BoundedCache(KEPT, KEPT_BYTES) if cache is None else cache
        self._done: BoundedCache[AnalysisFilter, Analysis] = kept
        self._running: dict[AnalysisFilter, asyncio.Task[Analysis]] = {}
        self._building: dict[tuple[AnalysisFilter, int], asyncio.Task[nx.Graph]] = {}

    async def analyse(self, flt: AnalysisFilter | None = None) -> Analysis:
        """The newest analysis for `flt`; stale (fresh=False) while a new one is computed."""
        flt = flt or AnalysisFilter()
        version = await self.store.version()
        if fresh := self.computed(flt, version):
            return fresh
        done = self._done.get(flt)
        task = self._running.get(flt)
        if task is None or task.done():
            task = asyncio.create_task(self._compute(flt, version))
            self._running[flt] = task
            # A finished task holds its analysis: forget it, or no analysis is ever freed.
            task.add_done_callback(
                lambda done: self._running.get(flt) is done and self._running.pop(flt)
            )
        if done is None:
            return await asyncio.shield(task)
        return Analysis(done.graph, done.report, done.store_version, fresh=False)

    def computed(self, flt: AnalysisFilter, version: int) -> Analysis | None:
        """The analysis for `flt` on store `version` if it is already computed."""
        done = self._done.get(flt)
        return done if done and done.store_version == version else None

    async def _compute(self, flt: AnalysisFilter, version: int) -> Analysis:
        try:
            graph = await self.history(flt, version, keep=True)
            emi = await self._emi_id()

            def work() -> tuple[Report, int]:
                report = full_report(graph, emi)
                return report, objsize.get_deep_size(graph, report)

            report, size = await asyncio.to_thread(work)
        finally:
            self._building.pop((flt, version), None)
        analysis = Analysis(graph, report, version, fresh=True)
        self._done.put(flt, analysis, size)
        return analysis

    async def history(self, flt: AnalysisFilter, version: int, *, keep: bool = False) -> nx.Graph:
        """The organisation graph of `flt` (every tie ever recorded) on store `version`, shared
        while it is being built and, built for a report (`keep`), until that report is done.
        Read it, never change it."""
        key = (flt, version)
        task = self._building.get(key)
        if task is None:
            task = asyncio.create_task(self._build(flt))
            self._building[key] = task
            if not keep:  # a graph kept here for no one would be walked by every collection
                task.add_done_callback(lambda _: self._building.pop(key, None))
        return await asyncio.shield(task)

    async def _build(self, flt: AnalysisFilter) -> nx.Graph:
        snapshot = await self.store.snapshot()
        return await asyncio.to_thread(build_org_graph, snapshot, flt)

    async def _emi_id(self) -> str | None:
        query = NodeQuery(NodeKind.ORGANISATION, search=fold(self.emi_name))
        found = await self.store.find_nodes(query, Order(), 0, 1)
        return found[0].id if found else None


async def map_of(done: Analysis) -> dict[str, Any]:
    """The map body of `done`, with how current it is; the layout runs in a worker thread."""
    body = _bodies.get(done.graph)
    if body is None:
        body = await asyncio.to_thread(map_body, done.graph, figures_of(done.report))
        _bodies[done.graph] = body
    return {
        "storeVersion": done.store_version,
        "fresh": done.fresh,
        "computedAt": done.report.timestamp,
        **body,
    }
