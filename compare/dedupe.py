"""Near-duplicate demands within one text, found with the engine's scores (for ``extract``)."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .blocking import K, top_k
from .embed import Embedder
from .score import lexical_scorer, lexical_scores, semantic_scorer, semantic_scores

MERGE_THRESHOLD = 0.85  # 0.6 semantic + 0.4 lexical score at which two demands of one text are one
# Texts up to which every pair is scored; above it, each text against its K nearest (by cosine)
# only, so a long document costs n x K scores and memory, not n x n. A near-duplicate is among
# the nearest: it scores 0.85 only with a cosine close to 1.
DENSE_UP_TO = 2000


def near_duplicates(embedder: Embedder, threshold: float = MERGE_THRESHOLD, dense_up_to: int = DENSE_UP_TO):
    """A grouper for ``prose.extract``: texts -> the index of the first text each repeats (or its own)."""

    def matches(texts: list[str]) -> tuple[list[list[int]], bool]:
        """For each text, the earlier texts it scores ``threshold`` with, and whether every text
        matches itself (a text without content words does not)."""
        vectors = embedder.encode(texts)
        n = len(texts)
        if n <= dense_up_to:
            # Near-duplicates say the same thing in nearly the same words: both scores must be high.
            score = 0.6 * semantic_scores(vectors, vectors) + 0.4 * lexical_scores(texts, texts)
            dense: list[list[int]] = [np.flatnonzero(score[:j, j] >= threshold).tolist() for j in range(n)]
            return dense, bool((score.diagonal() >= threshold).all())
        near = top_k(vectors, vectors, K)
        every = np.arange(n, dtype=np.int64)
        rows = np.concatenate([np.repeat(every, near.shape[1]), every])  # each text with itself too
        cols = np.concatenate([near.ravel(), every])
        keys = np.unique(np.minimum(rows, cols) * n + np.maximum(rows, cols))
        i, j = keys // n, keys % n
        score = 0.6 * semantic_scorer(vectors, vectors)(i, j) + 0.4 * lexical_scorer(texts, texts)(i, j)
        earlier: list[list[int]] = [[] for _ in range(n)]
        hit = (score >= threshold) & (i < j)
        for a, b in zip(i[hit].tolist(), j[hit].tolist()):  # keys are sorted: each list in order
            earlier[b].append(a)
        return earlier, bool((score[i == j] >= threshold).all())

    def groups_of(texts: list[str]) -> tuple[list[int], bool]:
        earlier, matches_itself = matches(texts)
        groups = list(range(len(texts)))
        for j, found in enumerate(earlier):
            groups[j] = next((i for i in found if groups[i] == i), j)
        return groups, matches_itself

    def same(texts: Sequence[str]) -> list[int]:
        # A text repeated word for word joins the group of its first occurrence, so the scores
        # are computed over the distinct texts only (a long text repeats itself a lot).
        texts = list(texts)
        first: dict[str, int] = {}  # text -> its slot among the distinct texts
        slot = [first.setdefault(t, len(first)) for t in texts]
        kept = list(first)
        at: dict[int, int] = {}  # slot -> where the text first occurs
        for j, k in enumerate(slot):
            at.setdefault(k, j)
        if len(kept) == len(texts):
            return groups_of(texts)[0]
        groups, repeats_join = groups_of(kept)
        if not repeats_join:  # a text that does not match itself (no content words): score them all
            return groups_of(texts)[0]
        return [at[groups[slot[j]]] for j in range(len(texts))]

    return same
