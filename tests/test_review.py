"""demanddiff review: scripted answers through click's runner, and once in a real terminal (tmux)."""

import os
import shutil
import subprocess
import sys
import time

import pytest

from conftest import ROOT
from demanddiff.cli import cli
from demanddiff.positions.decisions import read_decisions
from demanddiff.positions.gold import Link

EXAMPLE = [str(ROOT / "docs" / "examples" / "old.yaml"), str(ROOT / "docs" / "examples" / "new.md")]


def review(runner, path, keys, *extra):
    return runner.invoke(cli, ["review", *EXAMPLE, "-d", str(path), "--by", "tester", *extra], input=keys)


def test_answers_are_saved_as_they_are_given_and_a_second_run_resumes(runner, tmp_path):
    path = tmp_path / "decisions.yaml"
    # The least sure item is o5, dropped: link it to new 5 (changed); accept the next one; quit.
    first = review(runner, path, "l5\ncaq")
    assert first.exit_code == 0, first.output
    assert first.stdout.index("old o5: Pharmaceutical patents") < first.stdout.index("link to which id: 5")
    d = read_decisions(path)
    assert d.links[0] == Link("o5", "5", "changed") and len(d) == 2 and d.decided_by == "tester"
    assert "2 answered (1 accepted, 1 corrected, 0 skipped); 3 items left to review" in first.stdout
    second = review(runner, path, "q")
    assert second.stdout.startswith("3 of 5 items to review")
    asked = second.stdout.split("Question 1", 1)[1]
    assert "o5" not in asked and "Question 2" not in asked


def test_undo_takes_back_the_last_answer_and_saves(runner, tmp_path):
    path = tmp_path / "decisions.yaml"
    result = review(runner, path, "auq")
    assert "undone; saved" in result.stdout
    assert len(read_decisions(path)) == 0
    assert result.stdout.count("Question 1 ") == 2  # asked again after the undo


def test_a_skipped_item_is_asked_last_on_the_next_run(runner, tmp_path):
    path = tmp_path / "decisions.yaml"
    review(runner, path, "sq")
    assert read_decisions(path).skipped == (("o5", None),)
    second = review(runner, path, "q")
    assert "old o5" not in second.stdout  # the others come first


def test_limit_stops_after_n_answers(runner, tmp_path):
    path = tmp_path / "decisions.yaml"
    result = review(runner, path, "aaaaaa", "--limit", "2")
    assert "2 answered (2 accepted" in result.stdout and len(read_decisions(path)) == 2


def test_a_status_for_a_lone_demand_is_refused_and_asked_again(runner, tmp_path):
    path = tmp_path / "decisions.yaml"
    result = review(runner, path, "pq")
    assert "a lone old demand has no status to set; link it to a statement instead" in result.stdout
    assert not path.exists()


def test_answering_every_item_gives_a_full_decisions_file_that_compare_applies(runner, tmp_path):
    path = tmp_path / "decisions.yaml"
    result = review(runner, path, "xaaaaaaaaa")
    assert "0 items left to review" in result.stdout
    compared = runner.invoke(cli, ["compare", *EXAMPLE, "--decisions", str(path), "--format", "csv"])
    rows = compared.stdout.splitlines()[1:]
    assert rows and all("(reviewed)" in row for row in rows)


def test_the_decisions_file_may_not_be_an_input(runner):
    result = runner.invoke(cli, ["review", *EXAMPLE, "-d", EXAMPLE[0]])
    assert result.exit_code == 2 and "is an input of this command; write -d to another file" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("tmux") is None and not os.environ.get("CI"), reason="needs tmux (make browser)")
def test_review_in_a_real_terminal(tmp_path):
    """Keys pressed in a tmux pane, one at a time without Enter, as an analyst would."""
    path = tmp_path / "decisions.yaml"
    session = f"dd-review-{os.getpid()}"
    demanddiff = os.path.join(os.path.dirname(sys.executable), "demanddiff")
    command = f"{demanddiff} review {EXAMPLE[0]} {EXAMPLE[1]} -d {path} --by tmux; sleep 30"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TERM": "xterm"}
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "160", "-y", "50", command], check=True, env=env)

    def screen() -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", session, "-S", "-200"], capture_output=True, text=True
        ).stdout

    def wait_for(text: str, count: int = 1) -> str:
        for _ in range(600):
            shown = screen()
            if shown.count(text) >= count:
                return shown
            time.sleep(0.1)
        raise AssertionError(f"{text!r} never shown:\n{shown}")

    try:
        wait_for("[q]uit:")
        subprocess.run(["tmux", "send-keys", "-t", session, "a"], check=True)  # one key, no Enter
        wait_for("accepted: dropped; saved")
        assert read_decisions(path).dropped == {"o5"}  # saved before the next question
        wait_for("[q]uit:", 2)
        subprocess.run(["tmux", "send-keys", "-t", session, "q"], check=True)
        shown = wait_for("1 answered (1 accepted")
        assert "Question 2" in shown
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def test_the_library_call_stays_callable_after_a_session(runner, tmp_path):
    import demanddiff

    review(runner, tmp_path / "d.yaml", "q")
    assert callable(demanddiff.review)


def test_review_takes_a_dataset_and_two_dates(runner, tmp_path):
    from conftest import FIXTURE

    path = tmp_path / "d.yaml"
    args = ["review", str(FIXTURE), "--from", "2021-12-17", "--to", "2022-03-29", "-d", str(path), "--limit", "1"]
    result = runner.invoke(cli, args, input="a")
    assert result.exit_code == 0, result.output
    assert "1 answered (1 accepted" in result.stdout and len(read_decisions(path)) >= 1
    assert runner.invoke(cli, ["review", "-", str(FIXTURE), "-d", str(path)]).exit_code == 2


def test_a_decisions_file_of_other_rounds_is_refused_and_kept(runner, tmp_path):
    """Reviewing two other rounds with the file of a comparison would drop its decisions as stale
    and write over them: refused before anything is asked, the file as it was."""
    path = tmp_path / "decisions.yaml"
    data = str(ROOT / "fixtures" / "russia.yaml")
    first = runner.invoke(
        cli, ["review", data, "--from", "2021-12-17", "--to", "2025-03-14", "-d", str(path)], input="aq"
    )
    assert first.exit_code == 0, first.output
    before = path.read_text()
    other = runner.invoke(
        cli, ["review", data, "--from", "2021-12-17", "--to", "2022-03-29", "-d", str(path)], input="aq"
    )
    assert other.exit_code == 2, other.output
    assert other.stderr.count("\n") == 1 and "Question" not in other.stdout, other.output
    assert (
        other.stderr.startswith(f"Error: {path}: holds the decisions of Russia 2021-12-17 ")
        and "2022-03-29" in other.stderr
    )
    assert path.read_text() == before


def test_an_empty_decisions_file_starts_a_fresh_review(runner, tmp_path):
    path = tmp_path / "decisions.yaml"
    path.write_text("")  # made by touch, or by an editor before the first run
    result = review(runner, path, "aq")
    assert result.exit_code == 0, result.output
    assert len(read_decisions(path)) == 1
