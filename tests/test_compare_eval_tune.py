from dataclasses import replace

import pytest

from conftest import GOLD_DIR, GOLD_EXTRA_DIR
from demanddiff import Settings
from demanddiff.compare.engine import link
from demanddiff.compare.eval.baselines import BASELINES
from demanddiff.compare.eval.metrics import evaluate, links_of, score_case
from demanddiff.compare.eval.tune import _objective, benchmark, fit_match_model, leave_one_out, search_thresholds, tune
from demanddiff.compare.score import FEATURES
from demanddiff.positions.gold import load_gold


@pytest.fixture(scope="module")
def cases():
    return load_gold([GOLD_DIR])


@pytest.fixture(scope="module")
def scored(cases, engine):
    return [(case, engine.pair_scores(case.old, case.new)) for case in cases]


def test_match_model_learns_that_similar_and_standing_out_means_same_demand(scored):
    bias, weights = fit_match_model(scored)
    named = dict(zip(FEATURES, weights))
    assert bias < 0  # most pairs are not links
    assert named["semantic"] > 0 and named["row_margin"] > 0 and named["column_margin"] > 0


def test_threshold_search_never_does_worse_than_where_it_starts(scored):
    start = replace(Settings(), match_threshold=0.7, reverse_threshold=0.99)
    found = search_thresholds(scored, start)
    assert _objective(scored, found) >= _objective(scored, start)
    assert _objective(scored, found) > _objective(scored, start)  # a poor start leaves room


@pytest.mark.slow
def test_leave_one_out_scores_each_case_with_settings_tuned_without_it(cases, engine, scored):
    report = leave_one_out(cases, engine)
    held_out = tune(cases[1:], engine)
    first, first_scores = scored[0]
    expected = score_case(first, links_of(link(first.old, first.new, first_scores, held_out)))
    assert report.cases[0] == (first.name, expected)


def test_tuned_settings_round_trip_through_a_settings_file(cases, engine, tmp_path):
    settings = tune(cases[:3], engine)
    path = tmp_path / "tuned.yaml"
    path.write_text(settings.to_yaml())
    assert Settings.load(path) == settings


@pytest.mark.slow
def test_accuracy_floors_leave_one_case_out(cases, engine):
    """Regression floors (rounded down from a run of the reading-based verdicts, docs/verdicts.md):
    accuracy cannot silently drop. The verdicts before them scored 0.775 here with one false
    reversal; these read stance, quantities and names instead of counting negative words, which
    costs a little on these tuned-on cases and removes every false reversal."""
    reports = {r.method: r.total for r in benchmark(cases, engine, tuple(BASELINES), loo=True)}
    ours = reports.pop("engine")
    assert ours.accuracy >= 0.74
    assert ours.f1 >= 0.84
    assert ours.macro_f1 >= 0.75
    assert ours.found_reversals >= 5 and ours.false_reversals <= 1
    assert ours.accuracy - max(t.accuracy for t in reports.values()) >= 0.2


@pytest.mark.slow
def test_accuracy_floors_on_cases_the_defaults_were_not_tuned_on(engine):
    """The validation cases of other negotiations (tests/gold-extra): how the defaults generalise."""
    cases = load_gold([GOLD_EXTRA_DIR])
    total = evaluate(cases, lambda case: links_of(engine.compare(case.old, case.new))).total
    assert total.accuracy >= 0.63
    assert total.f1 >= 0.63
    assert total.false_reversals <= 1


def test_shipped_defaults_score_as_well_as_settings_tuned_afresh_on_the_shipped_gold(cases, engine):
    """The defaults are what --tune finds: tuning again must not find figures they miss."""

    def figures(settings):
        total = evaluate(cases, lambda case: links_of(engine.compare(case.old, case.new, **settings))).total
        return round(total.accuracy, 3), round(total.f1, 3), total.found_reversals, -total.false_reversals

    fresh = tune(cases, engine).to_dict()
    assert figures(Settings().to_dict()) >= figures(fresh)


def test_substance_model_learns_from_gold_links_and_the_battery_tune_half(scored, engine):
    from demanddiff.compare.eval.tune import battery_examples, fit_substance_model, gold_examples
    from demanddiff.compare.substance import FEATURES

    extra = battery_examples(engine)
    assert len(extra) > 50 and all(len(x) == len(FEATURES) for x, _ in extra)
    assert sum(len(gold_examples(case, s)) for case, s in scored) > 40
    bias, weights = fit_substance_model(scored, extra)
    named = dict(zip(FEATURES, weights))
    assert bias < 0  # with nothing read as different, a pair persists
    assert named["numbers"] > -bias and named["modality"] > -bias  # one such difference is enough
