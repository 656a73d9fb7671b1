"""Near-duplicate demands within one text, found with the engine's scores (for ``extract``)."""

from __future__ import annotations

from collections.abc import Sequence

from .embed import Embedder
from .score import lexical_scores, semantic_scores

MERGE_THRESHOLD = 0.85  # 0.6 semantic + 0.4 lexical score at which two demands of one text are one


def near_duplicates(embedder: Embedder, threshold: float = MERGE_THRESHOLD):
    """A grouper for ``prose.extract``: texts -> the index of the first text each repeats (or its own)."""

    def same(texts: Sequence[str]) -> list[int]:
        vectors = embedder.encode(list(texts))
        # Near-duplicates say the same thing in nearly the same words: both scores must be high.
        score = 0.6 * semantic_scores(vectors, vectors) + 0.4 * lexical_scores(texts, texts)
        groups = list(range(len(texts)))
        for j in range(len(texts)):
            for i in range(j):
                if score[i, j] >= threshold and groups[i] == i:
                    groups[j] = i
                    break
        return groups

    return same
