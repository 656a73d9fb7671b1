"""Ridge-penalised logistic regression, the one fit behind the match model, the substance model
and the confidence (``compare.eval.tune``, ``compare.substance``, ``compare.eval.calibration``)."""

from __future__ import annotations

from collections.abc import Sequence


def fit(
    x: Sequence[Sequence[float]], y: Sequence[float], ridge: float, bounds: Sequence[tuple] | None = None
) -> tuple[float, list[float]]:
    """(bias, weights) of ``P(y = 1) = sigmoid(bias + weights . x)``; the bias is not penalised.
    ``bounds``, one ``(low, high)`` per weight, keep a weight's sign where one is known."""
    import numpy as np
    from scipy.optimize import minimize  # slow to import: only when fitting

    xs = np.hstack([np.ones((len(x), 1)), np.asarray(x, dtype=float).reshape(len(x), -1)])
    ys = np.asarray(y, dtype=float)

    def loss(w):
        z = xs @ w
        p = 1 / (1 + np.exp(-z))
        penalty = ridge * float(w[1:] @ w[1:])
        grad = xs.T @ (p - ys) + np.concatenate([[0.0], 2 * ridge * w[1:]])
        return float(np.sum(np.logaddexp(0, z) - ys * z)) + penalty, grad

    limits = [(None, None), *bounds] if bounds is not None else None
    w = minimize(loss, np.zeros(xs.shape[1]), jac=True, method="L-BFGS-B", bounds=limits).x
    return round(float(w[0]), 4), [round(float(v), 4) for v in w[1:]]
