"""All alignment: one-to-one by optimal assignment on the candidate graph, a second pass
among the leftovers, then splits and merges."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .score import PairScores, match_probability, pair_features


def assign(scores: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """(old index, new index) pairs maximising the total score, each at least ``threshold``."""
    if scores.size == 0:
        return []
    from scipy.optimize import linear_sum_assignment  # 0.4 s to import: only when aligning

    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if scores[i, j] >= threshold]


def sparse_assign(
    rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, shape: tuple[int, int], threshold: float
) -> list[tuple[int, int]]:
    """Pairs maximising the total score over the candidate graph, each at least ``threshold``.

    Every old demand also gets a private "unmatched" column of score 0, so a
    full matching always exists however sparse the candidates; with non-negative
    scores and all pairs as candidates this is the dense assignment.
    """
    n, m = shape
    if n == 0 or m == 0 or len(rows) == 0:
        return []
    from scipy.sparse import csr_matrix  # slow to import: only when aligning
    from scipy.sparse.csgraph import min_weight_full_bipartite_matching

    top = float(scores.max()) + 1.0  # costs top - score stay positive (csgraph ignores zero weights)
    graph = csr_matrix(
        (
            np.concatenate([top - scores, np.full(n, top)]),
            (np.concatenate([rows, np.arange(n)]), np.concatenate([cols, m + np.arange(n)])),
        ),
        shape=(n, m + n),
    )
    matched_rows, matched_cols = min_weight_full_bipartite_matching(graph)
    score_of = dict(zip(zip(rows.tolist(), cols.tolist()), scores.tolist()))
    pairs = [(int(i), int(j)) for i, j in zip(matched_rows, matched_cols) if j < m]
    return sorted(p for p in pairs if score_of[p] >= threshold)


def rematch(
    scores: PairScores,
    prob: np.ndarray,
    pairs: list[tuple[int, int]],
    bias: float,
    weights: Sequence[float],
    threshold: float,
) -> list[tuple[int, int]]:
    """Pairs among the statements left over, judged against each other only.

    A demand whose closest rival was claimed by a surer pair looks doubtful next to
    that rival; among the leftovers it may be the clear counterpart. ``prob`` is
    updated in place with the leftovers' own probabilities.
    """
    paired_old = np.zeros(len(scores.old), dtype=bool)
    paired_new = np.zeros(len(scores.new), dtype=bool)
    for i, j in pairs:
        paired_old[i] = paired_new[j] = True
    left = np.flatnonzero(~paired_old[scores.rows] & ~paired_new[scores.cols])
    if len(left) == 0:
        return []
    rows, cols = scores.rows[left], scores.cols[left]
    features = pair_features(rows, cols, scores.semantic[left], scores.lexical[left])
    sub = match_probability(features, bias, weights)
    found = sparse_assign(rows, cols, sub, (len(scores.old), len(scores.new)), threshold)
    where = dict(zip(zip(rows.tolist(), cols.tolist()), range(len(left))))
    for pair in found:
        prob[left[where[pair]]] = sub[where[pair]]
    return found


def best_per_group(values: np.ndarray, groups: np.ndarray) -> dict[int, int]:
    """For each group, the position (in ``values``) of its highest value; ties go to the first."""
    order = np.lexsort((-values, groups))
    g = groups[order]
    first = np.flatnonzero(np.r_[True, g[1:] != g[:-1]]) if len(g) else np.zeros(0, dtype=int)
    return {int(g[k]): int(order[k]) for k in first}


def splits_and_merges(
    rows: np.ndarray, cols: np.ndarray, scores: np.ndarray, pairs: list[tuple[int, int]], threshold: float
) -> list[tuple[int, int, str]]:
    """Second partners: (old, new, "split" | "merged") links for statements left unpaired.

    ``scores[k]`` is the score of candidate pair ``(rows[k], cols[k])``. A new demand
    left over whose best old counterpart is already paired, at a score of at least
    ``threshold``, is part of a split; an old demand left over whose best new
    counterpart is already paired was merged into it.
    """
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    extra: list[tuple[int, int, str]] = []
    for j, k in sorted(best_per_group(scores, cols).items()):
        if j not in paired_new and int(rows[k]) in paired_old and scores[k] >= threshold:
            extra.append((int(rows[k]), j, "split"))
    for i, k in sorted(best_per_group(scores, rows).items()):
        if i not in paired_old and int(cols[k]) in paired_new and scores[k] >= threshold:
            extra.append((i, int(cols[k]), "merged"))
    return extra
