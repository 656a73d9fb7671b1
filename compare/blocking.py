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


def top_k(a: np.ndarray, b: np.ndarray, k: int, chunk: int = CHUNK) -> np.ndarray:
    """For each row of ``a``, the ``k`` rows of ``b`` with the highest dot product, best first.

    Exactly ``min(k, len(b))`` per row: ties at the k-th score go to the lowest index, so
    equal scores never enlarge the set.
    """
    k = min(k, len(b))
    out = np.zeros((len(a), k), dtype=np.int64)
    if k == 0:
        return out
    from threadpoolctl import threadpool_limits

    # One BLAS thread: how a product is split among threads changes its last bits, and with
    # them near ties; so the ranking is the same in any process, a cluster's workers included.
    with threadpool_limits(1, user_api="blas"):
        for start in range(0, len(a), chunk):
            sims = a[start : start + chunk] @ b.T
            # Sort by (score descending, index ascending): stable sort of the negated scores.
            part = (
                np.argpartition(-sims, k - 1, axis=1)[:, :k]
                if k < len(b)
                else np.tile(np.arange(len(b)), (len(sims), 1))
            )
            kth = np.take_along_axis(sims, part, axis=1).min(axis=1, keepdims=True)
            above = sims > kth
            ties = np.cumsum(sims == kth, axis=1) <= (k - above.sum(axis=1, keepdims=True))
            keep = above | ((sims == kth) & ties)
            rows, cols = np.nonzero(keep)
            picked = cols.reshape(len(sims), k)
            order = np.argsort(-np.take_along_axis(sims, picked, axis=1), axis=1, kind="stable")
            out[start : start + len(sims)] = np.take_along_axis(picked, order, axis=1)
    return out


def nearest(a: np.ndarray, b: np.ndarray, k: int, chunk: int = CHUNK) -> tuple[np.ndarray, np.ndarray]:
    """(row in a, row in b) for the ``k`` rows of ``b`` nearest each row of ``a`` (dot product; exactly k)."""
    found = top_k(a, b, k, chunk)
    rows = np.repeat(np.arange(len(a), dtype=np.int64), found.shape[1])
    return rows, found.ravel()


def _groups(vectors: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Identical rows grouped: (unique rows, group of each row, rank of each row in its group,
    members of every group in order, where each group starts in it)."""
    unique, group = np.unique(vectors, axis=0, return_inverse=True)
    group = group.ravel()
    members = np.argsort(group, kind="stable")
    sizes = np.bincount(group, minlength=len(unique))
    starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
    rank = np.empty(len(group), dtype=np.int64)
    rank[members] = np.arange(len(group)) - starts[group[members]]
    return unique, group, rank, members, starts


def _expand(a: np.ndarray, b: np.ndarray, k: int, search=None) -> tuple[np.ndarray, np.ndarray]:
    """Each row of ``a``'s k candidates in ``b``, identical texts scored as one.

    The k nearest distinct rows of ``b`` are found for each distinct row of ``a``; copy r of
    a text then takes the copies of its candidates starting at copy r, so n copies on both
    sides can all be paired one to one, and no row ever gets more than k candidates.
    """
    ua, ga, ra, _, _ = _groups(a)
    ub, gb, _, members_b, starts_b = _groups(b)
    sizes_b = np.bincount(gb, minlength=len(ub))
    near = (search or top_k)(ua, ub, k)  # distinct a x its distinct candidates, best first
    if len(near) == 0 or near.shape[1] == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    cum = np.concatenate([np.zeros((len(near), 1), dtype=np.int64), np.cumsum(sizes_b[near], axis=1)], axis=1)
    rows_a, slots = np.arange(len(a)), np.arange(min(k, len(b)))
    c = cum[ga]  # (rows of a, candidates + 1)
    which = (slots[None, :, None] >= c[:, None, 1:]).sum(axis=2)  # (rows of a, slots): candidate of each slot
    valid = slots[None, :] < c[:, -1:]
    which = np.minimum(which, near.shape[1] - 1)
    cand = near[ga[:, None], which]
    offset = slots[None, :] - np.take_along_axis(c, which, axis=1)
    size = sizes_b[cand]
    member = members_b[starts_b[cand] + (ra[:, None] + offset) % size]
    rows = np.broadcast_to(rows_a[:, None], member.shape)
    return rows[valid].astype(np.int64), member[valid].astype(np.int64)


def candidate_pairs(old: np.ndarray, new: np.ndarray, k: int = K, search=None) -> tuple[np.ndarray, np.ndarray]:
    """Unique (old, new) index pairs: each old demand's k nearest new ones and vice versa, sorted.

    At most ``2 k`` pairs per demand, however many demands share a text. ``search`` is
    ``top_k`` or an executor's equivalent (the same result, computed elsewhere).
    """
    if len(old) == 0 or len(new) == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    rows, cols = _expand(old, new, k, search)
    back_cols, back_rows = _expand(new, old, k, search)
    keys = np.unique(np.concatenate([rows, back_rows]) * len(new) + np.concatenate([cols, back_cols]))
    return keys // len(new), keys % len(new)
