"""Pair scores: semantic (cosine) and lexical (rapidfuzz) on a 0..1 scale, and the
calibrated probability that a pair is one demand."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from rapidfuzz import fuzz, process, utils

from ..positions.model import Statement

# Scores of candidate pairs: (old indexes, new indexes) -> one score per pair, higher is better, >= 0.
PairScorer = Callable[[np.ndarray, np.ndarray], np.ndarray]


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


# The evidence a pair is one demand. Absolute similarity alone misleads: demands of one
# negotiation all look alike ("Ukraine must ..."), and a loose paraphrase can score low.
# How far a pair stands out from the other candidates of its row and column is what
# tells the true counterpart apart, so the margins to each side's best rival count too.
FEATURES = ("semantic", "lexical", "row_margin", "column_margin", "lexical_row_margin", "lexical_column_margin")


def pair_features(rows: np.ndarray, cols: np.ndarray, semantic: np.ndarray, lexical: np.ndarray) -> np.ndarray:
    """A (pair, feature) array of ``FEATURES`` for candidate pairs ``(rows[k], cols[k])``.

    Rivals are the other candidates of the same old demand (row) or new demand (column):
    every pair when all pairs are candidates, the nearest ones for large inputs.
    """
    if len(rows) == 0:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    return np.stack(
        [
            semantic,
            lexical,
            _margin(semantic, rows, BACKGROUND["semantic"]),
            _margin(semantic, cols, BACKGROUND["semantic"]),
            _margin(lexical, rows, BACKGROUND["lexical"]),
            _margin(lexical, cols, BACKGROUND["lexical"]),
        ],
        axis=-1,
    ).astype(np.float32)


# What an unrelated demand of the same negotiation typically scores (the mean over the
# shipped gold cases' non-pairs): a rival never counts as weaker than that, so a pair
# with few or no rivals (small inputs, leftovers) does not stand out by default.
BACKGROUND = {"semantic": 0.3, "lexical": 0.42}


def _margin(values: np.ndarray, groups: np.ndarray, background: float) -> np.ndarray:
    """Each value minus the best other value of its group (positive: the pair is the clear best)."""
    order = np.lexsort((-values, groups))
    g, v = groups[order], values[order]
    first = np.flatnonzero(np.r_[True, g[1:] != g[:-1]])
    best = np.full(int(groups.max()) + 1, -np.inf)
    second = best.copy()
    best[g[first]] = v[first]
    has_second = first + 1 < len(v)
    has_second[has_second] = g[first[has_second] + 1] == g[first[has_second]]
    second[g[first[has_second]]] = v[first[has_second] + 1]
    top, runner_up = best[groups], second[groups]
    rival = np.where(values >= top, runner_up, top)
    return values - np.maximum(rival, background)


def match_probability(features: np.ndarray, bias: float, weights: Sequence[float]) -> np.ndarray:
    """Calibrated probability that a pair is one demand: a logistic model over ``FEATURES``."""
    z = bias + features @ np.asarray(weights, dtype=np.float32)
    return 1.0 / (1.0 + np.exp(-z))


def same_text(text: str) -> str:
    """A demand's words as compared for identity: case and spacing do not count."""
    return " ".join(text.casefold().split())


def pair_probability(scores: PairScores, bias: float, weights: Sequence[float]) -> np.ndarray:
    """``match_probability`` of every candidate pair, and certainty (1.0) for an exact duplicate.

    The logistic model never reaches 1: a text set against an identical copy of itself would
    score about 0.88 when it has no rivals, which a reader takes for doubt. Identical words are
    the one case where the answer is known, so the calibration is exact there.
    """
    prob = match_probability(scores.features, bias, weights)
    return np.where(scores.identical, np.float32(1.0), prob).astype(prob.dtype)


@dataclass(frozen=True)
class PairScores:
    """Scores of the candidate pairs ``(old[rows[k]], new[cols[k]])``: every pair of small
    inputs, each demand's nearest neighbours for large ones."""

    old: tuple[Statement, ...]
    new: tuple[Statement, ...]
    rows: np.ndarray
    cols: np.ndarray
    semantic: np.ndarray
    lexical: np.ndarray

    @cached_property
    def features(self) -> np.ndarray:
        return pair_features(self.rows, self.cols, self.semantic, self.lexical)

    @cached_property
    def identical(self) -> np.ndarray:
        """Per candidate pair: the two demands say the very same words (``same_text``)."""
        a = [same_text(s.text) for s in self.old]
        b = [same_text(s.text) for s in self.new]
        return np.array([a[i] == b[j] for i, j in zip(self.rows.tolist(), self.cols.tolist())], dtype=bool)
