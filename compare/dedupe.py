"""Near-duplicate demands within one text, found with the engine's scores (for ``extract``)."""

from __future__ import annotations

from collections.abc import Sequence

from .embed import Embedder
from .score import lexical_scores, semantic_scores

MERGE_THRESHOLD = 0.85  # 0.6 semantic + 0.4 lexical score at which two demands of one text are one


def near_duplicates(embedder: Embedder, threshold: float = MERGE_THRESHOLD):
    """A grouper for ``prose.extract``: texts -> the index of the first text each repeats (or its own)."""

    def groups_of(texts: list[str]) -> tuple[list[int], bool]:
        vectors = embedder.encode(texts)
        # Near-duplicates say the same thing in nearly the same words: both scores must be high.
        score = 0.6 * semantic_scores(vectors, vectors) + 0.4 * lexical_scores(texts, texts)
        groups = list(range(len(texts)))
        for j in range(len(texts)):
            for i in range(j):
                if score[i, j] >= threshold and groups[i] == i:
                    groups[j] = i
                    break
        return groups, bool((score.diagonal() >= threshold).all())

    def same(texts: Sequence[str]) -> list[int]:
        # A text repeated word for word joins the group of its first occurrence, so the square
        # score matrix is built over the distinct texts only (a long text repeats itself a lot).
        texts = list(texts)
        first: dict[str, int] = {}
        slot = [first.setdefault(t, len(first)) for t in texts]
        kept = list(first)
        if len(kept) == len(texts):
            return groups_of(texts)[0]
        groups, repeats_join = groups_of(kept)
        if not repeats_join:  # a text that does not match itself (no content words): score them all
            return groups_of(texts)[0]
        where = {k: texts.index(t) for k, t in enumerate(kept)}
        return [where[groups[slot[j]]] for j in range(len(texts))]

    return same
