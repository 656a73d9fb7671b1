"""Alignment for large positions: top-k semantic candidates and a sparse assignment.

Scoring every pair of two 20,000-demand positions would mean 400 million lexical
comparisons and a dense 20,000 x 20,000 assignment. Instead each demand keeps
its ``k`` nearest neighbours on the other side (cosine, computed in chunks so no
N x N matrix is ever held), only those candidate pairs are scored, and the
assignment is solved on the sparse candidate graph. When every pair is a
candidate (``k`` >= N) the result is the dense assignment's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
from rapidfuzz import fuzz

from .score import content_words

K = 20  # candidates per demand, each way
SPARSE_ABOVE = 250_000  # pairs (old x new) above which the engine scores candidates only (500 x 500)
CHUNK = 1024  # rows per matrix product: CHUNK x N floats at a time

# Scores of candidate pairs: (old indexes, new indexes) -> one score per pair, higher is better, >= 0.
PairScorer = Callable[[np.ndarray, np.ndarray], np.ndarray]


def nearest(a: np.ndarray, b: np.ndarray, k: int, chunk: int = CHUNK) -> tuple[np.ndarray, np.ndarray]:
    """(row in a, row in b) for the ``k`` rows of ``b`` nearest each row of ``a`` (dot product; ties kept)."""
    k = min(k, len(b))
    rows, cols = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
    if k == 0:
        return rows[0], cols[0]
    for start in range(0, len(a), chunk):
        sims = a[start : start + chunk] @ b.T
        kth = np.partition(sims, len(b) - k, axis=1)[:, len(b) - k]  # the k-th best score of each row
        r, c = np.nonzero(sims >= kth[:, None])
        rows.append(r + start)
        cols.append(c)
    return np.concatenate(rows).astype(np.int64), np.concatenate(cols).astype(np.int64)


def candidate_pairs(old: np.ndarray, new: np.ndarray, k: int = K) -> tuple[np.ndarray, np.ndarray]:
    """Unique (old, new) index pairs: each old demand's k nearest new ones and vice versa, sorted."""
    rows, cols = nearest(old, new, k)
    back_cols, back_rows = nearest(new, old, k)
    keys = np.unique(np.concatenate([rows, back_rows]) * len(new) + np.concatenate([cols, back_cols]))
    return keys // max(len(new), 1), keys % max(len(new), 1)


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


def align_sparse(
    old: np.ndarray, new: np.ndarray, score_pairs: PairScorer, threshold: float, k: int = K
) -> list[tuple[int, int]]:
    """Aligned (old, new) pairs of two sets of vectors, scoring only top-k candidate pairs."""
    rows, cols = candidate_pairs(old, new, k)
    scores = np.asarray(score_pairs(rows, cols), dtype=np.float64)
    return sparse_assign(rows, cols, scores, (len(old), len(new)), threshold)


def semantic_scorer(old: np.ndarray, new: np.ndarray) -> PairScorer:
    """``semantic_scores`` per pair: cosine of unit vectors, clipped to 0..1."""

    def score(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        out = np.empty(len(rows), dtype=np.float32)
        for start in range(0, len(rows), 65536):  # bounded temporaries
            r, c = rows[start : start + 65536], cols[start : start + 65536]
            out[start : start + len(r)] = np.einsum("ij,ij->i", old[r], new[c])
        return np.clip(out, 0.0, 1.0)

    return score


def lexical_scorer(old: Sequence[str], new: Sequence[str]) -> PairScorer:
    """``lexical_scores`` per pair (content words of each text prepared once)."""
    a = [content_words(t) for t in old]
    b = [content_words(t) for t in new]

    def score(rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
        ratios = [fuzz.token_set_ratio(a[i], b[j]) for i, j in zip(rows.tolist(), cols.tolist())]
        return np.array(ratios, dtype=np.float32) / 100.0

    return score
