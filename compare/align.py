"""Alignment of old and new demands: one-to-one by optimal assignment, then splits and merges."""

from __future__ import annotations

import numpy as np


def assign(scores: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """(old index, new index) pairs maximising the total score, each at least ``threshold``."""
    if scores.size == 0:
        return []
    from scipy.optimize import linear_sum_assignment  # 0.4 s to import: only when aligning

    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if scores[i, j] >= threshold]


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
