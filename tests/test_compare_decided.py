"""Decisions applied: decided verdicts replace the engine's, the engine aligns only the rest."""

import json
import warnings

import pytest
import yaml

from conftest import GOLD_DIR, ROOT, write_gold_rounds
from demanddiff.cli import cli
from demanddiff.compare.decided import StaleDecisionWarning
from demanddiff.compare.eval.metrics import links_of, score_case
from demanddiff.positions.decisions import Decisions, read_decisions, write_decisions
from demanddiff.positions.gold import Link, read_case

EXAMPLE = [str(ROOT / "docs" / "examples" / "old.yaml"), str(ROOT / "docs" / "examples" / "new.md")]
CASE = GOLD_DIR / "teaching-polarity.yaml"


def test_a_gold_case_as_decisions_gives_exactly_its_links(engine):
    gold = read_case(CASE)
    result = engine.compare(gold.old, gold.new, decisions=read_decisions(CASE))
    assert score_case(gold, links_of(result)).accuracy == 1.0
    assert {i.decided_by for i in result.items} == {"analyst"}
    assert all(i.confidence == 1.0 and not i.doubtful for i in result.items)


def test_the_engine_aligns_only_what_is_left(engine):
    gold = read_case(CASE)
    plain = engine.compare(gold.old, gold.new)
    # The analyst pairs o12 (patents) with n12 (prices) and says o2 (steel) was dropped.
    d = Decisions(gold.old, gold.new).decide({"o12"}, {"n12"}, [Link("o12", "n12", "changed")])
    d = d.decide({"o2"}, set(), [])
    result = engine.compare(gold.old, gold.new, decisions=d)
    by_key = {(i.old.id if i.old else None, i.new.id if i.new else None): i for i in result.items}
    assert by_key[("o12", "n12")].status == "changed" and by_key[("o12", "n12")].decided_by == "analyst"
    assert by_key[("o2", None)].decided_by == "analyst"
    assert by_key[(None, "n2")].status == "new"  # its partner is taken out: nothing else matches it
    # Every other pair is the engine's, as it was without the decisions.
    untouched = {k: i.status for k, i in by_key.items() if i.decided_by is None and k != (None, "n2")}
    before = {(i.old.id if i.old else None, i.new.id if i.new else None): i.status for i in plain.items}
    assert untouched == {k: before[k] for k in untouched}
    assert sum(1 for i in result.items if i.decided_by) == 2


def test_a_stale_decision_is_warned_about_and_not_applied(engine, tmp_path):
    gold = read_case(CASE)
    d = Decisions(gold.old, gold.new, path="d.yaml").decide({"o12"}, {"n12"}, [Link("o12", "n12", "changed")])
    edited = gold.new.__class__(
        tuple(s if s.id != "n12" else s.__class__("n12", s.text + " Revised.") for s in gold.new.statements)
    )
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = engine.compare(gold.old, edited, decisions=d)
    assert [str(w.message) for w in caught if issubclass(w.category, StaleDecisionWarning)] == [
        "d.yaml: stale decision o12 -> n12 (changed): the text of new demand n12 has changed since it was decided; "
        "not applied"
    ]
    assert not any(i.decided_by for i in result.items)


@pytest.fixture
def example_decisions(tmp_path):
    from demanddiff import load

    old, new = (load(p) for p in EXAMPLE)
    d = Decisions(old, new).decide({"o5"}, {"5"}, [Link("o5", "5", "changed")])
    d = d.decide({"o1"}, {"2"}, [Link("o1", "2", "persisted")])
    path = tmp_path / "decisions.yaml"
    write_decisions(d, path)
    return path


def test_compare_decisions_marks_reviewed_rows(runner, example_decisions):
    result = runner.invoke(cli, ["compare", *EXAMPLE, "--decisions", str(example_decisions), "--format", "json"])
    assert result.exit_code == 0, result.output
    items = {(i["old"] or {}).get("id"): i for i in json.loads(result.stdout)["items"]}
    assert (items["o5"]["status"], items["o5"]["new"]["id"], items["o5"]["decided_by"]) == ("changed", "5", "analyst")
    assert (items["o1"]["status"], items["o1"]["decided_by"]) == ("persisted", "analyst")
    assert items["o2"]["decided_by"] is None and items["o2"]["status"] == "reversed"
    table = runner.invoke(cli, ["compare", *EXAMPLE, "--decisions", str(example_decisions)]).stdout
    assert table.count("(reviewed)") == 2
    report = runner.invoke(cli, ["report", *EXAMPLE, "--decisions", str(example_decisions), "--format", "markdown"])
    assert report.stdout.count("(reviewed)") == 2


def test_compare_reports_stale_decisions_one_line_each_and_exits_0(runner, example_decisions, tmp_path):
    new = tmp_path / "new.md"
    new.write_text((ROOT / "docs/examples/new.md").read_text().replace("health authority", "health agency"))
    result = runner.invoke(cli, ["compare", EXAMPLE[0], str(new), "--decisions", str(example_decisions)])
    assert result.exit_code == 0
    assert result.stderr == (
        f"Warning: {example_decisions}: stale decision o5 -> 5 (changed): the text of new demand 5 has changed "
        "since it was decided; not applied\n"
    )
    assert result.stdout.count("(reviewed)") == 1


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["links"].append({"old": "2", "new": "o1", "status": "changed"}), "swap old and new in this link"),
        (lambda d: d["links"].append({"old": "o9", "new": "2", "status": "changed"}), "use an id from 'old: demands'"),
        (lambda d: d.update(links="[oops"), "'links' must be a list"),
    ],
    ids=["other-side", "wrong-id", "not-a-list"],
)
def test_bad_decisions_exit_2_with_one_line(runner, example_decisions, tmp_path, edit, message):
    data = yaml.safe_load(example_decisions.read_text())
    edit(data)
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump(data, sort_keys=False))
    out = tmp_path / "out.json"
    result = runner.invoke(cli, ["compare", *EXAMPLE, "--decisions", str(bad), "-o", str(out)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {bad}") and message in result.stderr
    assert result.stderr.count("\n") == 1 and not out.exists()


def test_malformed_decisions_yaml_exits_2(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("old: {demands: [a]}\nnew: {demands: [b]}\nlinks: [\n")
    result = runner.invoke(cli, ["compare", *EXAMPLE, "--decisions", str(bad)])
    assert result.exit_code == 2
    assert (
        result.stderr == f"Error: {bad}:4: invalid YAML: expected the node content, but found '<stream end>'; "
        "fix the syntax\n"
    )


def test_timeline_applies_a_folder_of_decisions_to_its_pair_of_rounds(runner, tmp_path, threads_dataset):
    from demanddiff import load

    rounds = load(threads_dataset).rounds()
    first, second = rounds[0], rounds[1]
    # The analyst says the first round's a2 was not dropped: b2 continues it, changed.
    folder = tmp_path / "decisions"
    folder.mkdir()
    d = Decisions(first, second).decide({"a2"}, {"b2"}, [Link("a2", "b2", "changed")])
    write_decisions(d, folder / "a-b.yaml")
    stray = Decisions(rounds[0], rounds[2])
    write_decisions(stray, folder / "a-c.yaml")
    result = runner.invoke(cli, ["timeline", str(threads_dataset), "--decisions", str(folder), "--format", "json"])
    assert result.exit_code == 0, result.output
    steps = {s["statement"]["id"]: s for t in json.loads(result.stdout)["threads"] for s in t["steps"]
             if s["statement"] and s["round"] == second.date.isoformat()}  # fmt: skip
    assert steps["b2"]["status"] == "changed" and steps["b2"]["previous"]["id"] == "a2"
    assert "a-c.yaml: made for" in result.stderr and result.stderr.count("\n") == 1


def test_gold_rounds_compare_with_their_case_as_decisions(runner, tmp_path):
    old, new = write_gold_rounds(CASE, tmp_path)
    result = runner.invoke(cli, ["compare", str(old), str(new), "--decisions", str(CASE), "--format", "json"])
    assert result.exit_code == 0
    assert {i["decided_by"] for i in json.loads(result.stdout)["items"]} == {"analyst"}


def test_partial_decisions_score_only_what_they_decided(engine, example_decisions):
    from demanddiff.positions.gold import read_case as read

    case = read(example_decisions)
    assert case.decided == ({"o5", "o1"}, {"5", "2"})
    tally = score_case(case, links_of(engine.compare(case.old, case.new)))
    # The engine pairs o1 with 2 as changed (the analyst: persisted) and leaves o5 and 5 alone.
    assert (tally.statements, tally.right_statements) == (4, 0)


@pytest.mark.slow
def test_eval_tune_accepts_decisions_files_beside_gold_cases(runner, tmp_path, example_decisions):
    tuned = tmp_path / "tuned.yaml"
    cases = [str(GOLD_DIR / "teaching-polarity.yaml"), str(GOLD_DIR / "nurses-staffing.yaml"), str(example_decisions)]
    result = runner.invoke(cli, ["eval", *cases, "--tune", str(tuned), "--format", "json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)["reports"][0]["cases"]
    assert figures["decisions"]["statements"] == 4  # the decided statements only
    assert tuned.read_text().startswith("match_bias:")
