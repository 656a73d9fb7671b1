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


def splits_and_merges(scores: np.ndarray, pairs: list[tuple[int, int]], threshold: float) -> list[tuple[int, int, str]]:
    """Second partners: (old, new, "split" | "merged") links for statements left unpaired.

    A new demand left over whose best old counterpart is already paired, at a
    score of at least ``threshold``, is part of a split; an old demand left over
    whose best new counterpart is already paired was merged into it.
    """
    paired_old = {i for i, _ in pairs}
    paired_new = {j for _, j in pairs}
    extra: list[tuple[int, int, str]] = []
    if scores.size == 0:
        return extra
    for j in sorted(set(range(scores.shape[1])) - paired_new):
        i = int(np.argmax(scores[:, j]))
        if i in paired_old and scores[i, j] >= threshold:
            extra.append((i, j, "split"))
    for i in sorted(set(range(scores.shape[0])) - paired_old):
        j = int(np.argmax(scores[i]))
        if j in paired_new and scores[i, j] >= threshold:
            extra.append((i, j, "merged"))
    return extra
