from pathlib import Path

import pytest

from demanddiff.cli import cli
from demanddiff.compare.eval.battery import is_battery, load_battery, run_battery
from demanddiff.positions import InputError

BATTERY = Path(__file__).resolve().parent / "battery"


@pytest.fixture(scope="module")
def tune_report(engine):
    return run_battery(load_battery(BATTERY / "tune.yaml"), engine)


def test_the_tune_half_stays_above_its_floor(tune_report):
    # Floors below today's figures (0.972, no false reversal): a change that loses verdicts fails.
    assert tune_report.accuracy >= 0.95
    assert tune_report.false_reversals == 0
    assert tune_report.missed_reversals <= 1


def test_every_class_is_mostly_right(tune_report):
    for cls, (right, pairs) in tune_report.per_class().items():
        assert right / pairs >= 0.75, cls


def test_battery_files_are_told_from_gold_cases():
    assert is_battery(BATTERY / "tune.yaml")
    assert not is_battery(Path(__file__).resolve().parent / "gold" / "teaching-polarity.yaml")


def test_a_pair_without_status_is_one_line_naming_the_file(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("battery: x\npairs:\n  - {id: a-001, old: 'A must go.', new: 'A must stay.'}\n")
    with pytest.raises(InputError, match="pair 1 has no status"):
        load_battery(bad)


def test_eval_prints_accuracy_reversals_and_classes(runner, engine, tmp_path):
    small = tmp_path / "small.yaml"
    small.write_text(
        "battery: small\npairs:\n"
        "  - {id: t-001, class: negation-flip, old: 'Georgia must not be admitted to NATO.',"
        " new: 'Georgia must be admitted to NATO.', status: reversed}\n"
        "  - {id: t-002, class: quantity-equal, old: 'The force must not exceed 2,000 troops.',"
        " new: 'The force must not exceed two thousand troops.', status: persisted}\n"
        "  - {id: t-003, class: alias-equal, old: 'The Russian Federation must withdraw its troops.',"
        " new: 'Russia must pull its troops out.', status: persisted}\n"
    )
    result = runner.invoke(cli, ["eval", str(small)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split()[:5] == ["battery", "pairs", "accuracy", "false", "reversals"]
    assert lines[2].split() == ["small", "3", "1.000", "0", "0/1"]
    assert any(line.split()[:2] == ["negation-flip", "1/1"] for line in lines)


def test_a_broken_battery_file_is_an_error_line(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("battery: x\npairs:\n  - {id: a-001, old: 'A', new: 'B', status: maybe}\n")
    result = runner.invoke(cli, ["eval", str(bad)])
    assert result.exit_code == 2
    assert "status 'maybe'" in result.output and "Traceback" not in result.output


def test_the_second_tune_set_stays_above_its_floor(engine):
    # tune2.yaml: paraphrases of published texts, part of the tune half (today 0.982, no false reversal).
    report = run_battery(load_battery(BATTERY / "tune2.yaml"), engine)
    assert report.accuracy >= 0.95
    assert report.false_reversals == 0


def test_the_third_tune_set_stays_above_its_floor(engine):
    # tune3.yaml: an examiner's pairs, part of the tune half since its first run (0.758 then, 0.932
    # and no false reversal today; scope and conditions 35/46 then).
    report = run_battery(load_battery(BATTERY / "tune3.yaml"), engine)
    assert report.accuracy >= 0.9
    assert report.false_reversals == 0


def test_no_two_battery_files_share_an_id():
    # Every battery file (tune, test and fresh sets alike): an id names one pair in all of them.
    from collections import Counter

    from demanddiff.compare.eval.battery import is_battery

    files = [f for f in sorted(BATTERY.glob("*.yaml")) if is_battery(f)]
    assert len(files) >= 7
    ids = [p.id for f in files for p in load_battery(f).pairs]
    assert [i for i, n in Counter(ids).items() if n > 1] == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"battery: x\npairs: [\n", ":3: invalid YAML: expected the node content, but found '<stream end>'"),
        (b"battery: x\npairs:\n  - {id: a, old: 5, new: x must stay, status: persisted}\n",
         ":3: a demand's text must be a string, not int"),
        (b"battery: x\npairs:\n  - {id: a, old: x must go, new: x must stay, status: persisted}\n"
         b"  - {id: a, old: y must go, new: y must stay, status: persisted}\n", ":4: pair id 'a' is used twice"),
        (b"battery: x\npairs:\n  - caf\xe9\n", "not UTF-8 text"),
        (b"battery: x\npairs: []\n", ": battery has no pairs; add pairs (id, old, new, status)"),
        (b"battery: x\n", ": a battery needs 'battery:' and a list of 'pairs:'"),
    ],
    ids=["bad yaml", "text not a string", "duplicate id", "not utf-8", "no pairs", "no pairs list"],
)  # fmt: skip
def test_a_broken_battery_file_is_one_line_exit_2(runner, tmp_path, content, message):
    path = tmp_path / "b.yaml"
    path.write_bytes(content)
    result = runner.invoke(cli, ["eval", str(path)])
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith(f"Error: {path}") and result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr, result.stderr
