"""Blocking for large positions: each demand's top-k semantic candidates on the other side.

Scoring every pair of two 20,000-demand positions would mean 400 million lexical
comparisons and a dense 20,000 x 20,000 assignment. Instead each demand keeps
its ``k`` nearest neighbours on the other side (cosine, computed in chunks so no
N x N matrix is ever held), only those candidate pairs are scored, and the
assignment (``align.sparse_assign``) is solved on the sparse candidate graph.
"""

from __future__ import annotations

import numpy as np

K = 20  # candidates per demand, each way
SPARSE_ABOVE = 250_000  # pairs (old x new) above which the engine scores candidates only (500 x 500)
CHUNK = 1024  # rows per matrix product: CHUNK x N floats at a time


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


def candidate_pairs(old: np.ndarray, new: np.ndarray, k: int = K, search=None) -> tuple[np.ndarray, np.ndarray]:
    """Unique (old, new) index pairs: each old demand's k nearest new ones and vice versa, sorted.

    ``search`` is ``nearest`` or an executor's equivalent (the same result, computed elsewhere).
    """
    search = search or nearest
    rows, cols = search(old, new, k)
    back_cols, back_rows = search(new, old, k)
    keys = np.unique(np.concatenate([rows, back_rows]) * len(new) + np.concatenate([cols, back_cols]))
    return keys // max(len(new), 1), keys % max(len(new), 1)
