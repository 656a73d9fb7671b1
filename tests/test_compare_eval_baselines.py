import numpy as np
import pytest

from conftest import GOLD_DIR
from demanddiff.compare.align import assign
from demanddiff.compare.eval.baselines import BASELINES, difflib_scores, fuzzy_scores, greedy, run_baseline
from demanddiff.positions.gold import load_gold


def test_greedy_takes_the_best_pair_first_even_when_assignment_would_not():
    scores = np.array([[0.9, 0.8], [0.85, 0.1]])
    assert greedy(scores, 0.5) == [(0, 0)]  # then 1 -> 1 is below the threshold
    assert sorted(assign(scores, 0.5)) == [(0, 1), (1, 0)]  # the optimum total


@pytest.mark.parametrize("scorer", [difflib_scores, fuzzy_scores], ids=["difflib", "fuzzy"])
def test_string_baselines_score_identical_text_one_and_unrelated_text_low(scorer):
    scores = scorer(["Rents are frozen."], ["rents are frozen.", "Smoke detectors everywhere."], None)
    assert scores[0, 0] == pytest.approx(1.0) and scores[0, 1] < 0.5


@pytest.mark.parametrize("name", sorted(BASELINES))
def test_baselines_report_every_case_and_are_tuned_on_the_data(engine, name):
    cases = load_gold([GOLD_DIR])
    in_sample = run_baseline(name, cases, engine.embedder)
    held_out = run_baseline(name, cases, engine.embedder, loo=True)
    assert [n for n, _ in in_sample.cases] == [c.name for c in cases]
    # thresholds tuned on the very cases they are scored on can only look better
    assert in_sample.total.accuracy >= held_out.total.accuracy
    assert 0 < in_sample.total.accuracy < 1
