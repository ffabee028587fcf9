"""What chance alone would give: E-I and bridging ties under a degree-preserving random baseline.

A small community among many organisations has a high E-I by chance: with few of its own to tie
to, most ties lead out. So each community's figures are set beside those of `PERMUTATIONS`
random networks in which every organisation keeps its number of ties (the configuration model:
tie ends shuffled and paired at random). The expected value is their mean, and the one-sided
permutation p-value is the share of random networks at or below the observed figure (with the
observation itself counted, so it is never 0): a small p says the community is more inward
looking, or less bridged, than its organisations' numbers of ties explain.
"""

from collections.abc import Collection, Hashable, Mapping
from dataclasses import dataclass

import networkx as nx
import numpy as np
from numba import njit

PERMUTATIONS = 199


@dataclass(frozen=True, slots=True)
class Baseline:
    ei_index: float | None  # observed
    ei_expected: float | None
    ei_p: float | None  # chance of an E-I this low or lower
    bridging_ties: int  # observed ties to the bridging side
    bridging_expected: float
    bridging_p: float | None  # chance of this few bridging ties or fewer


def _ei(internal: np.ndarray, volume: np.ndarray) -> np.ndarray:
    """E-I from internal ties and the sum of degrees: E = volume - 2I, so E + I = volume - I."""
    with np.errstate(invalid="ignore", divide="ignore"):
        return (volume - 3 * internal) / (volume - internal)


@njit(cache=True, nogil=True)
def _count(ends, mptr, mcom, side, internal, bridging):
    """Add, per group, the ties inside it and those to the side; `ends` holds pairs of
    nodes, node u's groups are ``mcom[mptr[u]:mptr[u + 1]]``."""
    for k in range(0, ends.shape[0] - 1, 2):
        u, v = ends[k], ends[k + 1]
        for i in range(mptr[u], mptr[u + 1]):
            g = mcom[i]
            bridging[g] += side[v]
            for j in range(mptr[v], mptr[v + 1]):
                internal[g] += mcom[j] == g
        for j in range(mptr[v], mptr[v + 1]):
            bridging[mcom[j]] += side[u]


@njit(cache=True, nogil=True)
def _null(stubs, mptr, mcom, side, groups, permutations, seed):
    """`_count` on `permutations` random pairings of the tie ends `stubs`."""
    np.random.seed(seed)
    internal = np.zeros((permutations, groups))
    bridging = np.zeros((permutations, groups))
    shuffled = stubs.copy()
    for r in range(permutations):
        np.random.shuffle(shuffled)
        _count(shuffled, mptr, mcom, side, internal[r], bridging[r])
    return internal, bridging


def baselines(
    G: nx.Graph,
    groups: Mapping[str, Collection[Hashable]],
    bridging_side: Collection[Hashable],
    *,
    seed: int = 0,
    permutations: int = PERMUTATIONS,
) -> dict[str, Baseline]:
    """Per group: E-I (Krackhardt and Stern) and ties to `bridging_side`, observed and under
    the baseline. One shuffle of all tie ends serves every group; a node counts for each of
    its groups."""
    index = node_index(G)
    pairs = np.array([(index[u], index[v]) for u, v in G.edges()], np.int64).reshape(-1, 2)
    return baselines_of(pairs, index, groups, bridging_side, seed=seed, permutations=permutations)


def node_index(G: nx.Graph) -> dict[Hashable, int]:
    """The nodes in id order, so that the same network gives the same figures whatever store
    it came from. A graph with fewer nodes, numbered within a larger one's index, gives the
    same figures too: only the order of the indices matters."""
    return {node: i for i, node in enumerate(sorted(G, key=str))}


def baselines_of(
    pairs: np.ndarray,
    index: Mapping[Hashable, int],
    groups: Mapping[str, Collection[Hashable]],
    bridging_side: Collection[Hashable],
    *,
    seed: int = 0,
    permutations: int = PERMUTATIONS,
) -> dict[str, Baseline]:
    """`baselines` of the ties `pairs` (rows of two positions in `index`, a `node_index`)."""
    names = list(groups)
    of: list[list[int]] = [[] for _ in index]
    for g, name in enumerate(names):
        for v in groups[name]:
            of[index[v]].append(g)
    mptr = np.zeros(len(index) + 1, np.int64)
    np.cumsum([len(gs) for gs in of], out=mptr[1:])
    mcom = np.array([g for gs in of for g in gs], np.int64)
    side = np.zeros(len(index), np.int64)
    side[[index[v] for v in bridging_side if v in index]] = 1
    # Each tie as (lower index, higher index), in that order: sorted by numpy, not in Python.
    pairs = np.sort(pairs, axis=1)
    ends = pairs[np.lexsort((pairs[:, 1], pairs[:, 0]))].ravel()
    degree = np.bincount(ends, minlength=len(index))
    volume = np.bincount(mcom, weights=degree[np.repeat(np.arange(len(index)), np.diff(mptr))],
                         minlength=len(names))  # fmt: skip
    internal, bridging = np.zeros(len(names)), np.zeros(len(names))
    _count(ends, mptr, mcom, side, internal, bridging)
    observed = _ei(internal, volume)
    sim_internal, sim_bridges = _null(ends, mptr, mcom, side, len(names), permutations, seed)
    sim_ei = _ei(sim_internal, volume)
    out = {}
    for c, name in enumerate(names):
        tied = volume[c] > 0 and permutations > 0
        out[name] = Baseline(
            ei_index=float(observed[c]) if volume[c] > 0 else None,
            ei_expected=float(np.nanmean(sim_ei[:, c])) if tied else None,
            ei_p=_p(sim_ei[:, c], observed[c]) if tied else None,
            bridging_ties=int(bridging[c]),
            bridging_expected=float(sim_bridges[:, c].mean()) if permutations else 0.0,
            bridging_p=_p(sim_bridges[:, c], bridging[c]) if tied else None,
        )
    return out


def _p(simulated: np.ndarray, observed: float) -> float:
    at_or_below = np.count_nonzero(simulated <= observed + 1e-12)
    return float((1 + at_or_below) / (1 + len(simulated)))
