"""Fit the engine's settings to gold cases, and measure them honestly (leave one case out).

The match model's weights are a logistic regression of "gold links this pair" on the pair
features, and the substance model's (``compare.substance``) one of "the substance of a gold
link moved" on its reading features, over the gold links and the verdict battery's tune half;
the thresholds are then chosen by coordinate search for statement accuracy (with
small shares of reversal F1 and pair F1). Pair scores are computed once per case, so a
search only re-runs the cheap decisions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from ...positions.gold import GoldCase
from ..engine import Engine, link
from ..score import PairScores
from ..settings import Settings
from .metrics import Report, Tally, evaluate, links_of, score_case

# Candidate values of each threshold, searched one at a time.
GRID = {
    "match_threshold": np.arange(0.2, 0.75, 0.05),
    "rematch_threshold": np.append(np.arange(0.2, 0.95, 0.05), 1.01),  # 1.01: no second pass
    "split_threshold": np.append(np.arange(0.1, 0.65, 0.05), 1.01),  # 1.01: no splits or merges
    "reverse_threshold": np.arange(0.1, 0.95, 0.05),
}
RIDGE = 1.0  # L2 penalty on the match weights: few cases, keep the model smooth
SUBSTANCE_RIDGE = 0.3  # L2 penalty on the substance weights (features on 0..1 and small counts)
# Single pairs labelled persisted / changed / reversed: with the gold cases' links, what the
# substance model learns from: the tune half, the first set (tune.yaml), the paraphrases of
# published texts (tune2.yaml) and three examiners' sets (tune3.yaml; tune4.yaml and tune5.yaml:
# stance). The battery's test half is never fitted on.
TUNE_FILES = ("tune.yaml", "tune2.yaml", "tune3.yaml", "tune4.yaml", "tune5.yaml")
BATTERY = tuple(Path(__file__).resolve().parents[2] / "tests" / "battery" / n for n in TUNE_FILES)

# One example of the substance model: its features and whether the substance moved (1.0).
Example = tuple[tuple[float, ...], float]
# Where searches start: low, middle and high thresholds. The best of the three is kept, so
# a result depends neither on the shipped defaults nor on one lucky starting point.
STARTS = tuple(Settings(**dict.fromkeys(GRID, level)) for level in (0.3, 0.5, 0.7))


def tune(cases: Sequence[GoldCase], engine: Engine) -> Settings:
    """Settings fitted to ``cases`` (and the verdict battery's tune half)."""
    return fit_settings([(case, engine.pair_scores(case.old, case.new)) for case in cases], battery_examples(engine))


def leave_one_out(cases: Sequence[GoldCase], engine: Engine) -> Report:
    """Score each case with settings tuned on all the other cases."""
    if len(cases) < 2:
        raise ValueError("leave-one-case-out needs at least two cases")
    scored = [(case, engine.pair_scores(case.old, case.new)) for case in cases]
    extra = battery_examples(engine)
    rows = []
    for k, (case, scores) in enumerate(scored):
        settings = fit_settings(scored[:k] + scored[k + 1 :], extra)
        rows.append((case.name, score_case(case, links_of(link(case.old, case.new, scores, settings)))))
    return Report("engine", tuple(rows))


def fit_settings(scored: list[tuple[GoldCase, PairScores]], extra: Sequence[Example] = ()) -> Settings:
    """Settings fitted to cases whose pair scores are already computed, the substance model
    also to ``extra`` examples (``battery_examples``)."""
    bias, weights = fit_match_model(scored)
    s_bias, s_weights = fit_substance_model(scored, extra)
    found = [
        search_thresholds(scored, start.with_match_model(bias, weights).with_substance_model(s_bias, s_weights))
        for start in STARTS
    ]
    return max(found, key=lambda settings: _objective(scored, settings))


def fit_substance_model(
    scored: list[tuple[GoldCase, PairScores]], extra: Sequence[Example] = ()
) -> tuple[float, list[float]]:
    """Logistic regression of "the substance moved" on ``substance.FEATURES``, over the gold
    links of ``scored`` and the ``extra`` examples."""
    from ..substance import fit

    examples = [*extra, *(e for case, scores in scored for e in gold_examples(case, scores))]
    if not examples or len({y for _, y in examples}) < 2:
        return Settings().substance_bias, list(Settings().substance_weights)
    return fit([x for x, _ in examples], [y for _, y in examples], SUBSTANCE_RIDGE)


def _example(old: str, new: str, semantic: float, status: str, aliases=None) -> Example | None:
    """A pair's substance example, or None where a stance flip decides it (the model never sees those)."""
    from ..explain import stance_flip
    from ..reading.record import read
    from ..substance import features

    a, b = read(old), read(new)
    if stance_flip(a, b) is not None:
        return None
    return features(a, b, semantic, aliases), float(status != "persisted")


def gold_examples(case: GoldCase, scores: PairScores) -> list[Example]:
    """The substance examples of a case's gold links that are candidate pairs."""
    at = {(scores.old[i].id, scores.new[j].id): k for k, (i, j) in enumerate(zip(scores.rows, scores.cols))}
    old = {s.id: s.text for s in case.old.statements}
    new = {s.id: s.text for s in case.new.statements}
    aliases = dict(case.old.aliases) | dict(case.new.aliases) or None
    out = []
    for gold in case.links:
        k = at.get((gold.old, gold.new))
        if k is not None:
            e = _example(old[gold.old], new[gold.new], float(scores.semantic[k]), gold.status, aliases)
            out += [e] if e is not None else []
    return out


def battery_examples(engine: Engine, paths: Sequence[Path] = BATTERY) -> list[Example]:
    """The substance examples of the verdict battery's tune half (none of a file not installed)."""
    from ...positions.model import Position
    from .battery import load_battery

    pairs = [p for path in paths if path.is_file() for p in load_battery(path).pairs]
    if not pairs:
        return []
    engine.embedder.encode([t for p in pairs for t in (p.old, p.new)])
    out = []
    for p in pairs:
        scores = engine.pair_scores(Position.from_texts([p.old]), Position.from_texts([p.new]))
        e = _example(p.old, p.new, float(scores.semantic[0]), p.status)
        out += [e] if e is not None else []
    return out


def fit_match_model(scored: list[tuple[GoldCase, PairScores]]) -> tuple[float, list[float]]:
    """Logistic regression (ridge-penalised) of gold links on the pair features."""
    from ..logistic import fit

    known = np.concatenate([_labelled(case, s) for case, s in scored])
    x = np.concatenate([s.features for _, s in scored]).astype(float)[known]
    y = np.concatenate([_gold_labels(case, s) for case, s in scored])[known]
    return fit(x, y, RIDGE)


def _labelled(case: GoldCase, scores: PairScores) -> np.ndarray:
    """Pairs whose label the case gives: all of a gold case's; of decisions, those with a decided side."""
    if case.decided is None:
        return np.ones(len(scores.rows), dtype=bool)
    olds = np.array([case.is_decided(0, s.id) for s in scores.old], dtype=bool)
    news = np.array([case.is_decided(1, s.id) for s in scores.new], dtype=bool)
    if len(olds) == 0 or len(news) == 0:
        return np.zeros(len(scores.rows), dtype=bool)
    return olds[scores.rows] | news[scores.cols]


def _gold_labels(case: GoldCase, scores: PairScores) -> np.ndarray:
    """1.0 for each candidate pair the gold links, else 0.0."""
    gold = {(link.old, link.new) for link in case.links}
    return np.array(
        [(scores.old[i].id, scores.new[j].id) in gold for i, j in zip(scores.rows, scores.cols)], dtype=float
    )


def search_thresholds(scored: list[tuple[GoldCase, PairScores]], settings: Settings, rounds: int = 3) -> Settings:
    """Coordinate search over ``GRID`` for the best ``_objective``."""
    best = _objective(scored, settings)
    for _ in range(rounds):
        improved = False
        for name, values in GRID.items():
            for value in values:
                trial = replace(settings, **{name: round(float(value), 4)})
                score = _objective(scored, trial)
                if score > best:
                    best, settings, improved = score, trial, True
        if not improved:
            break
    return settings


def _objective(scored: list[tuple[GoldCase, PairScores]], settings: Settings) -> float:
    """Statement accuracy, plus smaller shares of reversal F1 and pair F1.

    Statement accuracy folds reversed into changed, so on its own it would leave
    the reversal threshold wherever it started.
    """
    total = sum(
        (score_case(case, links_of(link(case.old, case.new, s, settings))) for case, s in scored),
        Tally(),
    )
    predicted_reversals = total.found_reversals + total.false_reversals
    reversal_f1 = 2 * total.found_reversals / (total.gold_reversals + predicted_reversals or 1)
    return round(total.accuracy + 0.1 * reversal_f1 + 0.05 * total.f1, 6)


def benchmark(
    cases: Sequence[GoldCase], engine: Engine | None, baselines: Sequence[str] = (), loo: bool = False
) -> list[Report]:
    """Reports for the engine (unless None) and each named baseline, side by side.

    With ``loo`` every method is tuned on all cases but one and scored on that one;
    without, the engine runs with its own settings and baselines are tuned on ``cases``.
    """
    from .baselines import run_baseline

    reports = []
    if engine is not None:
        if loo:
            reports.append(leave_one_out(cases, engine))
        else:
            reports.append(evaluate(cases, lambda case: links_of(engine.compare(case.old, case.new))))
    embedder = engine.embedder if engine is not None else None
    for name in baselines:
        if embedder is None:
            embedder = Engine().embedder
        reports.append(run_baseline(name, cases, embedder, loo=loo))
    return reports
