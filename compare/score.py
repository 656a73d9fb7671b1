"""Pair scores on one 0..1 scale: semantic (cosine), lexical (rapidfuzz), combined."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
from rapidfuzz import fuzz, process, utils

SHRINK = 10  # statements at which half the centring share applies


def semantic_scores(old: np.ndarray, new: np.ndarray, centre: float = 0.0) -> np.ndarray:
    """Cosine similarity of embeddings, clipped to 0..1.

    With ``centre`` > 0 that share of the mean of all statements is taken off
    every vector first: what all demands of a negotiation have in common
    ("Ukraine must ...") then stops making unrelated demands look alike. The
    share shrinks for small inputs, whose mean is mostly the demands themselves.
    """
    if len(old) == 0 or len(new) == 0:
        return np.zeros((len(old), len(new)), dtype=np.float32)
    if centre:
        both = np.vstack([old, new])
        share = centre * len(both) / (len(both) + SHRINK)
        mean = both.mean(axis=0)
        old, new = _unit(old - share * mean), _unit(new - share * mean)
    return np.clip(old @ new.T, 0.0, 1.0)


def _unit(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


# Words every demand shares ("X must ..."): they say nothing about which demand it is.
STOPWORDS = frozenset(
    "a an the of to in on for and or by with be is are was were been being must may should shall will "
    "would can could might its it their they them this that these those from at as any all no not nor its "
    "our we each other such than then there which who whom whose what when where while also into onto "
    "over under has have had do does did so if"
    .split()
)  # fmt: skip


def content_words(text: str) -> str:
    """Lower-cased words without stopwords, each cut to its first six letters (a crude stem)."""
    words = re.findall(r"[a-z0-9]+", utils.default_process(text))
    return " ".join(w[:6] for w in words if w not in STOPWORDS)


def lexical_scores(old: Sequence[str], new: Sequence[str]) -> np.ndarray:
    """rapidfuzz token-set ratio of the content words of every pair, scaled to 0..1."""
    if not old or not new:
        return np.zeros((len(old), len(new)), dtype=np.float32)
    a = [content_words(t) for t in old]
    b = [content_words(t) for t in new]
    return process.cdist(a, b, scorer=fuzz.token_set_ratio, dtype=np.float32) / 100.0


def combined_scores(semantic: np.ndarray, lexical: np.ndarray, semantic_weight: float) -> np.ndarray:
    """The score alignment maximises: a weighted mean of the two."""
    return semantic_weight * semantic + (1.0 - semantic_weight) * lexical
