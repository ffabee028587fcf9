"""Analyses on demand, cached per store version, recomputed without blocking a request.

The one module of this package that touches a store: it reads a snapshot, builds the
organisation graph and runs `full_report` in a worker thread. A request that finds only a
result from an older store version gets that result at once, marked stale with its time,
while a fresh one is computed in the background.
"""

import asyncio
from dataclasses import dataclass
from typing import Any

import networkx as nx

from registry.analysis.graph import AnalysisFilter, build_org_graph
from registry.analysis.report import full_report, jsonable
from registry.domain.enums import NodeKind
from registry.domain.rules import fold
from registry.store.base import Store
from registry.store.query import NodeQuery, Order

EMI_NAME = "Enhet for mangfold og integrering"
KEPT = 32  # analyses kept, one per filter asked for recently


@dataclass(frozen=True, slots=True)
class Analysis:
    graph: nx.Graph
    report: dict[str, Any]
    store_version: int
    fresh: bool


class AnalysisService:
    def __init__(self, store: Store, emi_name: str = EMI_NAME) -> None:
        self.store, self.emi_name = store, emi_name
        self._done: dict[AnalysisFilter, Analysis] = {}
        self._running: dict[AnalysisFilter, asyncio.Task[Analysis]] = {}

    async def analyse(self, flt: AnalysisFilter | None = None) -> Analysis:
        """The newest analysis for `flt`; stale (fresh=False) while a new one is computed."""
        flt = flt or AnalysisFilter()
        version = await self.store.version()
        done = self._done.get(flt)
        if done and done.store_version == version:
            return done
        task = self._running.get(flt)
        if task is None or task.done():
            task = asyncio.create_task(self._compute(flt, version))
            self._running[flt] = task
        if done is None:
            return await asyncio.shield(task)
        return Analysis(done.graph, done.report, done.store_version, fresh=False)

    async def _compute(self, flt: AnalysisFilter, version: int) -> Analysis:
        snapshot = await self.store.snapshot()
        emi = await self._emi_id()

        def work() -> tuple[nx.Graph, dict[str, Any]]:
            graph = build_org_graph(snapshot, flt)
            return graph, jsonable(full_report(graph, emi))

        graph, report = await asyncio.to_thread(work)
        analysis = Analysis(graph, report, version, fresh=True)
        self._done.pop(flt, None)
        self._done[flt] = analysis
        while len(self._done) > KEPT:
            self._done.pop(next(iter(self._done)))
        return analysis

    async def _emi_id(self) -> str | None:
        query = NodeQuery(NodeKind.ORGANISATION, search=fold(self.emi_name))
        found = await self.store.find_nodes(query, Order(), 0, 1)
        return found[0].id if found else None
