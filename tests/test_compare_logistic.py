"""The one logistic fit behind the match model, the substance model and the confidence."""

import numpy as np

from demanddiff.compare.logistic import fit


def test_the_fit_finds_the_feature_that_decides_and_its_odds():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 2))
    y = (rng.random(400) < 1 / (1 + np.exp(-(0.5 + 2.0 * x[:, 0])))).astype(float)
    bias, (decisive, noise) = fit(x, y, ridge=0.01)
    assert 1.5 < decisive < 2.5 and abs(noise) < 0.4 and 0.2 < bias < 0.8


def test_bounds_keep_a_weight_to_its_sign():
    x = [[0.0], [1.0], [2.0], [3.0]]
    y = [1.0, 1.0, 0.0, 0.0]  # the data say "negative"
    assert fit(x, y, ridge=0.1)[1][0] < 0
    assert fit(x, y, ridge=0.1, bounds=[(0.0, None)])[1][0] == 0.0
