import itertools

import numpy as np
import pytest

from demanddiff.compare.align import assign, splits_and_merges
from demanddiff.compare.score import FEATURES, lexical_scores, match_probability, pair_features


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


def all_pairs(matrix):
    """Every pair of a dense score matrix as candidates: rows, cols, scores."""
    rows, cols = (x.ravel() for x in np.indices(matrix.shape))
    return rows, cols, matrix.ravel()


def test_margins_say_how_far_a_pair_stands_out_from_its_rivals():
    rows, cols, sem = all_pairs(np.array([[0.9, 0.6], [0.5, 0.4]]))
    features = pair_features(rows, cols, sem, np.zeros_like(sem)).reshape(2, 2, -1)
    row, col = FEATURES.index("row_margin"), FEATURES.index("column_margin")
    assert features[0, 0, row] == pytest.approx(0.3)  # best of its row, 0.3 ahead of 0.6
    assert features[0, 1, row] == pytest.approx(-0.3)  # 0.3 behind the row's best
    assert features[1, 0, col] == pytest.approx(-0.4)
    assert features[1, 1, col] == pytest.approx(-0.2)


def test_a_lone_candidate_is_measured_against_the_background_not_against_nothing():
    rows, cols, sem = all_pairs(np.array([[0.9], [0.2]]))
    features = pair_features(rows, cols, sem, sem)
    row = FEATURES.index("row_margin")
    assert features[0, row] == pytest.approx(0.9 - 0.3) and features[1, row] < 0


def test_match_probability_is_calibrated_shape():
    rows, cols, sem = all_pairs(np.array([[0.9, 0.2], [0.3, 0.8]]))
    features = pair_features(rows, cols, sem, all_pairs(np.array([[0.8, 0.1], [0.2, 0.7]]))[2])
    prob = match_probability(features, -3.0, [2.0, 1.0, 3.0, 3.0, 1.0, 1.0]).reshape(2, 2)
    assert ((0 < prob) & (prob < 1)).all()
    assert prob[0, 0] > prob[0, 1] and prob[1, 1] > prob[1, 0]


@pytest.mark.parametrize(
    "scores, pairs, expected",
    [
        # old 0 answered by new 0 and new 1: a split
        (np.array([[0.9, 0.6], [0.1, 0.1]]), [(0, 0)], [(0, 1, "split")]),
        # old 0 and old 1 both answered by new 0: a merge
        (np.array([[0.9, 0.1], [0.6, 0.1]]), [(0, 0)], [(1, 0, "merged")]),
        # the leftover's best partner is weak: no second link
        (np.array([[0.9, 0.2], [0.1, 0.1]]), [(0, 0)], []),
        # the leftover's best partner is itself unpaired: not a split
        (np.array([[0.9, 0.1, 0.1], [0.1, 0.1, 0.7]]), [(0, 0)], []),
    ],
    ids=["split", "merge", "too-weak", "partner-unpaired"],
)
def test_splits_and_merges(scores, pairs, expected):
    assert splits_and_merges(*all_pairs(scores), pairs, 0.5) == expected
