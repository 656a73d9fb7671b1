"""One-to-one alignment of old and new demands by optimal assignment."""

from __future__ import annotations

import numpy as np
from scipy.optimize import linear_sum_assignment


def assign(scores: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """(old index, new index) pairs maximising the total score, each at least ``threshold``."""
    if scores.size == 0:
        return []
    rows, cols = linear_sum_assignment(scores, maximize=True)
    return [(int(i), int(j)) for i, j in zip(rows, cols) if scores[i, j] >= threshold]
