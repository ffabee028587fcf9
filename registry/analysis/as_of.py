"""The graphs the analysis reads, made from the whole history (`graph.build_org_graph`):

- `as_of_graph`: every organisation and the ties that count on a date (`ties.counts`);
- `bridging_graph`: of those, the ties that bridge (`ties.bridges`: not through funding
  alone), for statuses, E-I, fragility and introductions;
- `flows`: the ties that count, as arcs in the direction things flow (`ties.Part.source`),
  for brokerage roles;
- `as_of_years`: the figures and bridging graph of many dates at once, for the trend;
- `tie_model`: which ties counted, and why the others did not.
"""

from collections import Counter
from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from datetime import date

import networkx as nx
import numpy as np

from registry.analysis import ties
from registry.analysis.baseline import node_index
from registry.analysis.kernels import bridge_count

# Ordinals for an open start and an open end, beyond any real date.
_OPEN_START, _OPEN_END = -(2**40), 2**40


def as_of_graph(G: nx.Graph, day: date | None = None) -> nx.Graph:
    """Every organisation of `G` and the ties that count on `day` (default: ``as_of``), each
    weighing its parts active then; see `registry.analysis.ties`."""
    day = day or G.graph["as_of"]
    out: nx.Graph = nx.Graph(**(G.graph | {"as_of": day}))
    # An organisation whose every tie starts later was not in the records yet.
    out.add_nodes_from((n, d) for n, d in G.nodes(data=True) if (d["since"] or day) <= day)
    for u, v, tie in G.edges(data=True):
        # `ties.weight_on`, summed in the same order, with the active parts kept.
        active = [p for p in tie["parts"] if p.active(day)]
        weight = sum(p.weight for p in active)
        if weight >= ties.MIN_WEIGHT and u in out and v in out:
            out.add_edge(u, v, weight=weight, kinds=sorted({p.kind for p in active}), parts=active)
    return out


def bridging_graph(G: nx.Graph) -> nx.Graph:
    """Every organisation of `G` (an `as_of_graph`) and the ties that bridge, each weighing
    its bridging parts; ``graph["not_bridging"]`` holds the ties of `G` left out, as sets of
    their two ends."""
    out: nx.Graph = nx.Graph(**G.graph, not_bridging=set())
    out.add_nodes_from(G.nodes(data=True))
    for u, v, tie in G.edges(data=True):
        if ties.bridges(tie["parts"]):
            parts = [p for p in tie["parts"] if p.kind not in ties.NOT_BRIDGING_KINDS]
            kinds = sorted({p.kind for p in parts})
            out.add_edge(u, v, weight=ties.bridging_weight(parts), kinds=kinds, parts=parts)
        else:
            out.graph["not_bridging"].add(frozenset((u, v)))
    return out


def flows(G: nx.Graph) -> nx.DiGraph:
    """The ties of `G` (an `as_of_graph`) as arcs: a tie with an undirected part runs both
    ways, a tie of directed parts only from their sources."""
    out: nx.DiGraph = nx.DiGraph(**G.graph)
    out.add_nodes_from(G.nodes(data=True))
    for u, v, tie in G.edges(data=True):
        sources = {p.source for p in tie["parts"]}
        if None in sources or u in sources:
            out.add_edge(u, v)
        if None in sources or v in sources:
            out.add_edge(v, u)
    return out


@dataclass(frozen=True, slots=True)
class Year:
    day: date
    organisations: int  # with a tie that counts
    ties: int  # that count
    bridges: int  # ties that count whose loss splits the network
    bridging: nx.Graph  # as `bridging_graph`, without tie attributes
    index: dict[Hashable, int]  # every organisation of the history: a `baseline.node_index`
    pairs: np.ndarray  # the ties of `bridging`, as rows of two positions in `index`


def as_of_years(G: nx.Graph, days: list[date]) -> Iterator[Year]:
    """For each of `days`, what `as_of_graph` and `bridging_graph` give on it, from arrays of
    every part of every tie picked by date at once (the trend asks for a dozen dates)."""
    edges: list[tuple[Hashable, Hashable, list[ties.Part]]] = list(G.edges(data="parts"))
    tie_of = np.array([i for i, (_, _, parts) in enumerate(edges) for _ in parts], np.int64)
    flat = [p for _, _, parts in edges for p in parts]
    weight = np.array([p.weight for p in flat], np.float64)
    start = np.array([p.start.toordinal() if p.start else _OPEN_START for p in flat], np.int64)
    end = np.array([p.end.toordinal() if p.end else _OPEN_END for p in flat], np.int64)
    bridging = np.array([p.kind not in ties.NOT_BRIDGING_KINDS for p in flat], np.bool_)
    index = node_index(G)
    nodes = list(index)
    ends = np.array([(index[u], index[v]) for u, v, _ in edges], np.int64).reshape(-1, 2)
    since = np.array(
        [(d.toordinal() if d else _OPEN_START) for d in (G.nodes[n]["since"] for n in nodes)]
    )
    for day in days:
        d = day.toordinal()
        active = (start <= d) & (end >= d - ties.RECENT.days)
        # Summed part by part in the order of `as_of_graph`: the same floats.
        total = np.bincount(tie_of, np.where(active, weight, 0.0), len(edges))
        useful = np.bincount(tie_of, np.where(active & bridging, weight, 0.0), len(edges))
        present = since <= d
        both = present[ends[:, 0]] & present[ends[:, 1]]
        counted = ends[both & (total >= ties.MIN_WEIGHT)]
        bridged = ends[both & (useful >= ties.MIN_WEIGHT)]
        out: nx.Graph = nx.Graph(**(G.graph | {"as_of": day}))
        out.add_nodes_from((nodes[i], G.nodes[nodes[i]]) for i in np.flatnonzero(present))
        out.add_edges_from((nodes[u], nodes[v]) for u, v in bridged)
        yield Year(day, len(np.unique(counted)), len(counted), _bridges(counted, len(nodes)), out,
                   index, bridged)  # fmt: skip


def _bridges(pairs: np.ndarray, n: int) -> int:
    """The number of bridges of the simple graph of `pairs` on `n` nodes."""
    rows = np.concatenate([pairs[:, 0], pairs[:, 1]])
    cols = np.concatenate([pairs[:, 1], pairs[:, 0]])
    order = np.argsort(rows, kind="stable")
    indptr = np.zeros(n + 1, np.int64)
    np.cumsum(np.bincount(rows, minlength=n), out=indptr[1:])
    return bridge_count(indptr, cols[order])


@dataclass(frozen=True, slots=True)
class TieModel:
    """Which ties counted, and by what rule (`registry.analysis.ties`)."""

    min_weight: float
    recent_days: int
    recorded: int  # ties ever recorded between the organisations analysed
    counted: int  # ties that count as of the date
    ended: int  # left out: ended more than `recent_days` before the date
    not_started: int  # left out: starts after the date
    too_weak: int  # left out: active, but lighter than `min_weight` (large shared events)
    not_bridging: int  # counted, but no bridge: through funding alone
    counted_by_kind: dict[str, int]  # a tie of several kinds counts once for each
    meanings: dict[str, str]
    rules: list[str]  # which ties counted, in words (`ties.RULES`)


def tie_model(history: nx.Graph, G: nx.Graph, B: nx.Graph) -> TieModel:
    """Which ties of `history` count in `G` (its `as_of_graph`) and bridge in `B` (its
    `bridging_graph`), and why the others do not."""
    day = G.graph["as_of"]
    ended = not_started = too_weak = 0
    for u, v, tie in history.edges(data=True):
        parts = tie["parts"]
        if G.has_edge(u, v):
            continue
        if any(p.active(day) for p in parts):
            too_weak += 1
        elif all(p.start and p.start > day for p in parts):
            not_started += 1
        else:
            ended += 1
    by_kind = Counter(k for _, _, d in G.edges(data=True) for k in d["kinds"])
    return TieModel(ties.MIN_WEIGHT, ties.RECENT.days, history.number_of_edges(),
                    G.number_of_edges(), ended, not_started, too_weak,
                    len(B.graph["not_bridging"]), dict(sorted(by_kind.items())),
                    ties.MEANINGS, list(ties.RULES))  # fmt: skip
