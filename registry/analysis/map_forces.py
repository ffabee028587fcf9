"""The compiled force layout and the overlap removal the large network map is built from.

`forces` runs Fruchterman-Reingold on one small group (a cluster, or the graph of clusters)
as CSR arrays: O(n²) a step like NetworkX's dense layout, but compiled, so a cluster of a few
hundred organisations takes milliseconds instead of a second. `declutter` then pushes apart
any two points closer than a minimum gap, in vectorised numpy; `separate_discs` does the same
for whole groups, as discs, compiled.
"""

import math

import numpy as np
from numba import njit
from scipy.spatial import cKDTree


@njit(cache=True, nogil=True)
def _steps(xy, indptr, indices, weights, iterations):
    """Fruchterman-Reingold with an ideal distance of 1, cooling linearly to nothing."""
    n = xy.shape[0]
    disp = np.zeros((n, 2))
    heat = max(math.sqrt(n) / 2.0, 1.0)
    for step in range(iterations):
        disp[:] = 0.0
        for i in range(n):
            for j in range(i + 1, n):
                dx = xy[i, 0] - xy[j, 0]
                dy = xy[i, 1] - xy[j, 1]
                push = 1.0 / (dx * dx + dy * dy + 1e-9)
                disp[i, 0] += dx * push
                disp[i, 1] += dy * push
                disp[j, 0] -= dx * push
                disp[j, 1] -= dy * push
        for i in range(n):
            for p in range(indptr[i], indptr[i + 1]):
                j = indices[p]
                if j <= i:
                    continue
                dx = xy[i, 0] - xy[j, 0]
                dy = xy[i, 1] - xy[j, 1]
                pull = math.sqrt(dx * dx + dy * dy) * weights[p]
                disp[i, 0] -= dx * pull
                disp[i, 1] -= dy * pull
                disp[j, 0] += dx * pull
                disp[j, 1] += dy * pull
        limit = heat * (1.0 - step / iterations)
        for i in range(n):
            length = math.sqrt(disp[i, 0] ** 2 + disp[i, 1] ** 2)
            if length > 0.0:
                scale = min(length, limit) / length
                xy[i, 0] += disp[i, 0] * scale
                xy[i, 1] += disp[i, 1] * scale
    return xy


def forces(
    start: np.ndarray,
    indptr: np.ndarray,
    indices: np.ndarray,
    weights: np.ndarray,
    iterations: int = 60,
) -> np.ndarray:
    """Positions after `iterations` steps from `start` (n x 2), for the graph given as CSR
    (both directions of each tie, `weights` per entry); centred, not scaled."""
    xy = _steps(np.array(start, dtype=np.float64), indptr, indices, weights, iterations)
    return xy - xy.mean(axis=0)


def nearest_gaps(xy: np.ndarray) -> np.ndarray:
    """Each point's distance to its nearest other point (infinite when alone)."""
    gaps = np.hypot(*(xy[:, None, :] - xy[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    return gaps.min(axis=1)


def declutter(xy: np.ndarray, gap: float, rounds: int = 100) -> np.ndarray:
    """`xy` with every two points at least about `gap` apart: each round moves both points
    of every pair that is too close half the shortfall (and a little more, so that chains of
    pushes settle) away from each other. Only close pairs
    are looked at (a k-d tree finds them), so a map of 50,000 takes milliseconds a round."""
    xy = np.array(xy, dtype=np.float64)
    # Points on one spot have no direction to move apart in: a tiny fixed spiral gives one.
    turn = np.arange(len(xy)) * math.pi * (3 - math.sqrt(5))
    xy += 1e-6 * np.column_stack([np.cos(turn), np.sin(turn)])
    for _ in range(rounds):
        pairs = cKDTree(xy).query_pairs(gap * 0.999, output_type="ndarray")
        if not len(pairs):
            break
        i, j = pairs[:, 0], pairs[:, 1]
        delta = xy[i] - xy[j]
        dist = np.maximum(np.hypot(delta[:, 0], delta[:, 1]), 1e-12)
        move = delta * ((gap * 1.02 - dist) / 2 / dist)[:, None]
        np.add.at(xy, i, move)
        np.add.at(xy, j, -move)
    return xy


@njit(cache=True, nogil=True)
def _push_discs(c, radii, rounds):
    n = c.shape[0]
    for step in range(rounds):
        if step < rounds // 2:
            c *= 0.96
        for _ in range(5):
            moved = False
            shift = np.zeros_like(c)
            for i in range(n):
                for j in range(i + 1, n):
                    dx = c[i, 0] - c[j, 0]
                    dy = c[i, 1] - c[j, 1]
                    dist = math.sqrt(dx * dx + dy * dy) + 1e-9
                    overlap = radii[i] + radii[j] - dist
                    if overlap > 0.0:
                        moved = True
                        push = overlap / 2 / dist
                        shift[i, 0] += dx * push
                        shift[i, 1] += dy * push
                        shift[j, 0] -= dx * push
                        shift[j, 1] -= dy * push
            c += shift
            if not moved:
                break
    return c


def separate_discs(centres: np.ndarray, radii: np.ndarray, rounds: int = 120) -> np.ndarray:
    """Pull the discs in a little each round and push overlapping pairs apart, so they end
    packed close without overlapping, keeping the neighbourhoods of the starting layout."""
    c = np.array(centres, dtype=np.float64)
    c = _push_discs(c - c.mean(axis=0), np.asarray(radii, dtype=np.float64), rounds)
    return c - c.mean(axis=0)
