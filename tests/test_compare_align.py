import itertools

import numpy as np
import pytest

from demanddiff.compare.align import assign
from demanddiff.compare.score import combined_scores, lexical_scores


def brute_force(scores, threshold):
    """The obviously-correct oracle: try every one-to-one assignment."""
    n, m = scores.shape
    best, best_pairs = -1.0, []
    small, large = (n, m) if n <= m else (m, n)
    for perm in itertools.permutations(range(large), small):
        pairs = [(i, j) for i, j in enumerate(perm)] if n <= m else [(j, i) for i, j in enumerate(perm)]
        total = sum(scores[i, j] for i, j in pairs)
        if total > best:
            best, best_pairs = total, pairs
    return sorted((i, j) for i, j in best_pairs if scores[i, j] >= threshold)


@pytest.mark.parametrize("seed", range(20))
def test_assignment_equals_brute_force(seed):
    rng = np.random.default_rng(seed)
    scores = rng.random((rng.integers(1, 6), rng.integers(1, 6)))
    assert sorted(assign(scores, 0.3)) == brute_force(scores, 0.3)


def test_threshold_leaves_weak_pairs_unmatched():
    assert assign(np.array([[0.9, 0.1], [0.2, 0.3]]), 0.5) == [(0, 0)]
    assert assign(np.zeros((0, 3)), 0.5) == []


def test_batch_lexical_scores_equal_pairwise_scores():
    old = ["Rents are frozen for two years.", "Mould is removed quickly."]
    new = ["Rent is frozen for 2 years.", "Pests are treated within 14 days.", "Smoke detectors everywhere."]
    batch = lexical_scores(old, new)
    for i, a in enumerate(old):
        for j, b in enumerate(new):
            assert batch[i, j] == pytest.approx(lexical_scores([a], [b])[0, 0])
    assert batch[0, 0] > batch[0, 1]
    assert combined_scores(np.ones((1, 1)), np.zeros((1, 1)), 0.6)[0, 0] == pytest.approx(0.6)
