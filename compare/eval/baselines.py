"""Reference aligners the engine must beat: plain string or embedding similarity.

Each baseline scores every pair one way, links pairs above a match threshold, and calls a
link persisted above a second threshold, else changed. Both thresholds are tuned on the
cases being scored, so a baseline is shown at its best.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process, utils

from ...positions.gold import GoldCase, Link
from ..align import assign
from ..embed import Embedder
from ..score import semantic_scores
from .metrics import Report, Tally, score_case

THRESHOLDS = np.round(np.arange(0.1, 1.0, 0.05), 2)


def difflib_scores(old: Sequence[str], new: Sequence[str], embedder: Embedder) -> np.ndarray:
    """difflib's SequenceMatcher ratio of the lower-cased texts."""
    return np.array([[difflib.SequenceMatcher(None, a.lower(), b.lower()).ratio() for b in new] for a in old]).reshape(
        len(old), len(new)
    )


def fuzzy_scores(old: Sequence[str], new: Sequence[str], embedder: Embedder) -> np.ndarray:
    """rapidfuzz token-set ratio of the whole texts."""
    if not old or not new:
        return np.zeros((len(old), len(new)))
    return process.cdist(old, new, scorer=fuzz.token_set_ratio, processor=utils.default_process) / 100.0


def embedding_scores(old: Sequence[str], new: Sequence[str], embedder: Embedder) -> np.ndarray:
    """Cosine similarity of the sentence embeddings."""
    vectors = embedder.encode([*old, *new])
    return semantic_scores(vectors[: len(old)], vectors[len(old) :])


def greedy(scores: np.ndarray, threshold: float) -> list[tuple[int, int]]:
    """Best pair first, each statement used once: the naive aligner."""
    order = np.dstack(np.unravel_index(np.argsort(-scores, axis=None), scores.shape))[0]
    used_old, used_new, pairs = set(), set(), []
    for i, j in order:
        if scores[i, j] < threshold:
            break
        if i not in used_old and j not in used_new:
            used_old.add(i)
            used_new.add(j)
            pairs.append((int(i), int(j)))
    return pairs


@dataclass(frozen=True)
class Baseline:
    scores: Callable[[Sequence[str], Sequence[str], Embedder], np.ndarray]
    align: Callable[[np.ndarray, float], list[tuple[int, int]]]


BASELINES = {
    "difflib": Baseline(difflib_scores, greedy),
    "fuzzy": Baseline(fuzzy_scores, assign),
    "embedding": Baseline(embedding_scores, assign),
}


def _links(case: GoldCase, scores: np.ndarray, baseline: Baseline, match: float, persist: float) -> list[Link]:
    pairs = sorted(baseline.align(scores, match), key=lambda p: -scores[p])
    old, new = case.old.statements, case.new.statements
    return [Link(old[i].id, new[j].id, "persisted" if scores[i, j] >= persist else "changed") for i, j in pairs]


def _tuned(scored: list[tuple[GoldCase, np.ndarray]], baseline: Baseline) -> tuple[float, float]:
    """The (match, persist) thresholds with the best statement accuracy on ``scored``."""

    def objective(match: float, persist: float) -> tuple[float, float]:
        total = sum((score_case(c, _links(c, s, baseline, match, persist)) for c, s in scored), Tally())
        return (total.accuracy, total.f1)

    return max(((m, p) for m in THRESHOLDS for p in THRESHOLDS if p >= m), key=lambda mp: objective(*mp))


def run_baseline(name: str, cases: Sequence[GoldCase], embedder: Embedder, loo: bool = False) -> Report:
    """Score a baseline on ``cases`` with thresholds tuned on them (or on the others, with ``loo``)."""
    baseline = BASELINES[name]
    scored = [
        (case, baseline.scores([s.text for s in case.old.statements], [s.text for s in case.new.statements], embedder))
        for case in cases
    ]
    thresholds = None if loo else _tuned(scored, baseline)
    rows = []
    for k, (case, scores) in enumerate(scored):
        match, persist = thresholds or _tuned(scored[:k] + scored[k + 1 :], baseline)
        rows.append((case.name, score_case(case, _links(case, scores, baseline, match, persist))))
    return Report(name, tuple(rows))
