import warnings

import pytest

from demanddiff.cli import cli
from demanddiff.compare.eval.calibration import Sample, expected_calibration_error, reliability
from demanddiff.compare.result import DOUBTFUL_BELOW
from demanddiff.positions import Position


def test_a_perfectly_calibrated_set_has_no_calibration_error():
    samples = [Sample(0.95, k < 19) for k in range(20)] + [Sample(0.55, k < 11) for k in range(20)]
    assert expected_calibration_error(samples) == pytest.approx(0.0, abs=1e-9)
    assert [(b, n) for b, n, _, _ in reliability(samples)] == [("0.5-0.6", 20), ("0.9-1.0", 20)]


def test_overconfidence_shows_as_calibration_error():
    assert expected_calibration_error([Sample(0.9, False), Sample(0.9, True)]) == pytest.approx(0.4)


def test_confidences_are_probabilities_and_sure_verdicts_rank_higher(engine):
    old = Position.from_texts(["Georgia must not be admitted to NATO.", "Tariffs on steel must be removed."])
    new = Position.from_texts(["Georgia must be admitted to NATO.", "Steel tariffs must be removed."])
    items = [i for i in engine.compare(old, new).items if i.old and i.new]
    assert all(0.0 < i.confidence < 1.0 for i in items)
    assert all(not i.doubtful for i in items)


def test_a_statement_not_in_english_is_doubtful_with_one_warning_per_file(engine):
    old = Position.from_texts(["Россия должна отказаться от претензий.", "Russia must withdraw its troops."])
    new = Position.from_texts(["Россия не должна отказываться от претензий.", "Russia must pull its troops out."])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = engine.compare(old, new)
    unread = [str(w.message) for w in caught if "not in English" in str(w.message)]
    assert len(unread) == 2  # one for each side
    russian = next(i for i in result.items if i.old and i.old.id == "1")
    english = next(i for i in result.items if i.old and i.old.id == "2")
    assert russian.doubtful and russian.confidence < DOUBTFUL_BELOW
    assert not english.doubtful and english.status == "persisted"


def test_only_doubtful_keeps_the_doubtful_items(runner, engine, tmp_path):
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(
        "party: A\ndemands:\n  - {id: o1, text: 'Россия должна отказаться от претензий.'}\n"
        "  - {id: o2, text: 'Russia must withdraw its troops.'}\n"
    )
    new.write_text(
        "party: A\ndemands:\n  - {id: n1, text: 'Россия не должна отказываться от претензий.'}\n"
        "  - {id: n2, text: 'Russia must pull its troops out.'}\n"
    )
    result = runner.invoke(cli, ["compare", str(old), str(new), "--only", "doubtful", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert "o1" in result.output and "o2" not in result.output
