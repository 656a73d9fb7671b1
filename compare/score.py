"""Pair scores: semantic (cosine) and lexical (rapidfuzz) on a 0..1 scale, and the
calibrated probability that a pair is one demand."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils

from ..positions.model import Statement


def semantic_scores(old: np.ndarray, new: np.ndarray) -> np.ndarray:
    """Cosine similarity of (unit) embeddings, clipped to 0..1."""
    if len(old) == 0 or len(new) == 0:
        return np.zeros((len(old), len(new)), dtype=np.float32)
    return np.clip(old @ new.T, 0.0, 1.0)


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


# The evidence a pair is one demand. Absolute similarity alone misleads: demands of one
# negotiation all look alike ("Ukraine must ..."), and a loose paraphrase can score low.
# How far a pair stands out from the other candidates of its row and column is what
# tells the true counterpart apart, so the margins to each side's best rival count too.
FEATURES = ("semantic", "lexical", "row_margin", "column_margin", "lexical_row_margin", "lexical_column_margin")


def pair_features(semantic: np.ndarray, lexical: np.ndarray) -> np.ndarray:
    """An (old, new, feature) array of ``FEATURES`` for every pair."""
    if semantic.size == 0:
        return np.zeros((*semantic.shape, len(FEATURES)), dtype=np.float32)
    return np.stack(
        [
            semantic,
            lexical,
            _margin(semantic, 1, BACKGROUND["semantic"]),
            _margin(semantic, 0, BACKGROUND["semantic"]),
            _margin(lexical, 1, BACKGROUND["lexical"]),
            _margin(lexical, 0, BACKGROUND["lexical"]),
        ],
        axis=-1,
    ).astype(np.float32)


# What an unrelated demand of the same negotiation typically scores (the mean over the
# shipped gold cases' non-pairs): a rival never counts as weaker than that, so a pair
# with few or no rivals (small inputs, leftovers) does not stand out by default.
BACKGROUND = {"semantic": 0.3, "lexical": 0.42}


def _margin(scores: np.ndarray, axis: int, background: float) -> np.ndarray:
    """Each score minus its best rival along ``axis`` (positive: the pair is the clear best)."""
    if scores.shape[axis] < 2:
        return scores - background
    top2 = -np.sort(-scores, axis=axis).take([0, 1], axis=axis)
    best, second = np.take(top2, [0], axis=axis), np.take(top2, [1], axis=axis)
    rival = np.where(scores >= best, second, best)
    return scores - np.maximum(rival, background)


def match_probability(features: np.ndarray, bias: float, weights: Sequence[float]) -> np.ndarray:
    """Calibrated probability that a pair is one demand: a logistic model over ``FEATURES``."""
    z = bias + features @ np.asarray(weights, dtype=np.float32)
    return 1.0 / (1.0 + np.exp(-z))


@dataclass(frozen=True)
class PairScores:
    """Scores of every (old, new) pair, rows and columns in the order of ``old`` and ``new``."""

    old: tuple[Statement, ...]
    new: tuple[Statement, ...]
    semantic: np.ndarray
    lexical: np.ndarray
    features: np.ndarray
