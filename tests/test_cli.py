import csv
import io
import json
import os
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from test_positions_readers import BAD

from conftest import FIXTURE, GOLD_DIR, gold_cases, write_gold_rounds
from demanddiff import load
from demanddiff.cli import cli
from demanddiff.compare import engine as engine_module

OLD = (
    "party: Eastmark\ndate: 2024-09-10\nround: Opening offer\ndemands:\n"
    '  - {id: o1, text: "Tariffs on steel should be removed."}\n'
    '  - {id: o2, text: "Eastmark will accept third-party arbitration of investment disputes."}\n'
    '  - {id: o3, text: "Pharmaceutical patents get a five-year extension."}\n'
)
NEW = (
    "party: Eastmark\ndate: 2025-02-20\nround: Revised offer\ndemands:\n"
    '  - {id: n1, text: "Eastmark will not accept third-party arbitration of investment disputes."}\n'
    '  - {id: n2, text: "Steel tariffs must be removed."}\n'
    '  - {id: n3, text: "Smoke detectors are installed in every apartment."}\n'
)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "old.yaml").write_text(OLD)
    (tmp_path / "new.yaml").write_text(NEW)
    return tmp_path / "old.yaml", tmp_path / "new.yaml"


def test_compare_two_files_prints_a_table(runner, files):
    result = runner.invoke(cli, ["compare", str(files[0]), str(files[1])])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["status", "old", "id"]
    assert any(line.startswith("reversed") for line in lines)
    assert any(line.startswith("changed") and "modality: should → must" in line for line in lines)


def test_json_output_is_the_contract(runner, files):
    result = runner.invoke(cli, ["compare", str(files[0]), str(files[1]), "--format", "json"])
    data = json.loads(result.stdout)
    assert data["summary"] == {"persisted": 0, "changed": 1, "reversed": 1, "dropped": 1, "new": 1}
    assert data["old"] == {"party": "Eastmark", "date": "2024-09-10", "round": "Opening offer", "source": ""}


def test_only_filters_and_fail_on_sets_exit_code(runner, files):
    result = runner.invoke(cli, ["compare", *map(str, files), "--only", "reversed,new", "--format", "csv"])
    assert result.exit_code == 0
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == ["reversed", "new"]
    assert runner.invoke(cli, ["compare", *map(str, files), "--fail-on", "reversed"]).exit_code == 1
    assert runner.invoke(cli, ["compare", *map(str, files), "--fail-on", "persisted"]).exit_code == 0


def test_output_file_is_written_whole(runner, files, tmp_path):
    out = tmp_path / "report.json"
    result = runner.invoke(cli, ["compare", *map(str, files), "--format", "json", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert json.loads(out.read_text())["summary"]["reversed"] == 1
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_dataset_with_from_and_to(runner):
    result = runner.invoke(
        cli, ["compare", str(FIXTURE), "--from", "2022-04-01", "--to", "2024-06-14", "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["old"]["date"], data["new"]["date"]) == ("2022-03-29", "2024-06-14")


def test_rounds_lists_the_fixture(runner):
    result = runner.invoke(cli, ["rounds", str(FIXTURE), "--format", "json"])
    rows = json.loads(result.stdout)
    assert [r["date"] for r in rows] == ["2021-12-17", "2022-03-29", "2024-06-14", "2025-03-14"]
    assert all(r["party"] == "Russia" and r["demands"] >= 6 for r in rows)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["compare", "FIX", "--from", "2025-01-01", "--to", "2022-01-01"],
            "--from 2025-01-01 is after --to 2022-01-01",
        ),
        (
            ["compare", "FIX", "--from", "2020-01-01", "--to", "2022-01-01"],
            "no round of 'Russia' on or before 2020-01-01",
        ),
        (["compare", "FIX", "--from", "01/02/2022", "--to", "2022-01-01"], "write it as YYYY-MM-DD"),
        (["compare", "FIX"], "give --from DATE and --to DATE"),
        (["compare", "FIX", "FIX"], "holds 4 rounds; choose one with --from DATE"),
        (["compare", "FIX", "--from", "2022-04-01", "--to", "2024-07-01", "--party", "NATO"], "no party 'NATO'"),
        (["compare", "missing.yaml", "FIX"], "missing.yaml: no such file"),
        (["compare", "FIX", "--from", "2022-04-01", "--to", "2024-07-01", "--only", "gone"], "'gone' is not a status"),
        (["compare", "FIX", "--from", "2022-04-01", "--to", "2024-07-01", "--format", "word"], "'word' is not one of"),
        (["rounds", "nowhere.csv"], "nowhere.csv: no such file"),
    ],
    ids=[
        "from-after-to",
        "date-before-first",
        "bad-date",
        "no-dates",
        "dataset-twice",
        "bad-party",
        "missing",
        "bad-status",
        "bad-format",
        "rounds-missing",
    ],
)
def test_usage_and_input_errors_exit_2_with_one_line(runner, tmp_path, args, message):
    out = tmp_path / "never.txt"
    args = [str(FIXTURE) if a == "FIX" else a for a in args] + ["-o", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()


def test_bad_file_error_is_one_line_naming_file_and_line(runner, tmp_path, files):
    bad = tmp_path / "bad.yaml"
    bad.write_text("demands:\n  - {id: a, text: fine}\n  - {id: b}\n")
    result = runner.invoke(cli, ["compare", str(bad), str(files[1])])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"Error: {bad}:3: demand has no text; add a 'text:' field"


@pytest.mark.parametrize("case", gold_cases(), ids=lambda p: p.stem)
def test_gold_rounds_give_valid_contract_json(runner, tmp_path, case):
    old, new = write_gold_rounds(case, tmp_path)
    result = runner.invoke(cli, ["compare", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    gold = yaml.safe_load(case.read_text())
    for side in ("old", "new"):  # every demand shows up; twice only as part of a split or merge
        seen = [i[side]["id"] for i in data["items"] if i[side]]
        assert set(seen) == {d["id"] for d in gold[side]["demands"]}
        twice = {x for x in seen if seen.count(x) > 1}
        assert all(i["relation"] in ("split", "merged") for i in data["items"] if i[side] and i[side]["id"] in twice)
    assert sum(data["summary"].values()) == len(data["items"])
    for item in data["items"]:
        if item["old"] and item["new"]:
            assert 0 <= item["score"] <= 1 and item["status"] in ("persisted", "changed", "reversed")


def run_python(code: str, env_extra=None) -> str:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", **(env_extra or {})}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout


HEAVY = (
    "print(*(name in sys.modules for name in "
    "('torch', 'sentence_transformers', 'dask', 'distributed', 'lemminflect', 'spacy')))"
)


def test_help_does_not_import_torch_or_dask():
    code = (
        "import sys; from click.testing import CliRunner; from demanddiff.cli import cli; "
        "CliRunner().invoke(cli, ['compare', '--help']); CliRunner().invoke(cli, ['corpus', '--help']); " + HEAVY
    )
    assert run_python(code).split() == ["False"] * 6


def test_warm_compare_does_not_import_torch_or_dask(tmp_path):
    cache = {"DEMANDDIFF_CACHE_DIR": str(tmp_path / "cache")}
    args = f"['compare', {str(FIXTURE)!r}, '--from', '2022-03-29', '--to', '2024-06-14', '--format', 'json']"
    code = (
        "import sys; from click.testing import CliRunner; from demanddiff.cli import cli; "
        f"r = CliRunner().invoke(cli, {args}); assert r.exit_code == 0, r.output; " + HEAVY
    )
    # torch, sentence_transformers, dask, distributed (the lemmatiser is light and may load)
    assert run_python(code, cache).split()[:4] == ["True", "True", "False", "False"]  # cold: the model had to load
    assert run_python(code, cache).split()[:4] == ["False"] * 4  # warm: every embedding cached, and no dask


def test_eval_prints_engine_and_baselines_side_by_side(runner):
    result = runner.invoke(cli, ["eval", str(GOLD_DIR)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].startswith("7 gold cases") and "in-sample" in lines[0]
    methods = [line.split()[0] for line in lines[4:8]]
    assert methods == ["engine", "difflib", "fuzzy", "embedding"]
    assert sum(line.startswith("engine: ") for line in lines) == 7


def test_eval_json_and_baseline_only(runner):
    one = str(GOLD_DIR / "teaching-polarity.yaml")
    result = runner.invoke(cli, ["eval", one, "--baseline", "fuzzy", "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["mode"] == "in-sample" and [r["method"] for r in data["reports"]] == ["fuzzy"]
    assert list(data["reports"][0]["cases"]) == ["teaching-polarity"]
    assert 0 <= data["reports"][0]["total"]["statement_accuracy"] <= 1


def test_eval_tune_writes_settings_that_compare_accepts(runner, tmp_path, files):
    tuned = tmp_path / "tuned.yaml"
    cases = [str(GOLD_DIR / f"{name}.yaml") for name in ("teaching-polarity", "nurses-staffing")]
    result = runner.invoke(cli, ["eval", *cases, "--tune", str(tuned), "--baseline", "fuzzy"])
    assert result.exit_code == 2 and "leave out --baseline" in result.stderr
    result = runner.invoke(cli, ["eval", *cases, "--tune", str(tuned), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["mode"] == "leave-one-case-out"
    assert "match_threshold:" in tuned.read_text()
    result = runner.invoke(cli, ["compare", *map(str, files), "--settings", str(tuned)])
    assert result.exit_code == 0, result.output


def test_eval_leave_one_out_needs_two_cases(runner):
    result = runner.invoke(cli, ["eval", str(GOLD_DIR / "teaching-polarity.yaml"), "--loo"])
    assert result.exit_code == 2 and "at least two gold cases" in result.stderr


def test_eval_bad_gold_is_one_line_exit_2(runner, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "case: x\nold: {demands: [a]}\nnew: {demands: [b]}\nlinks:\n  - {old: 1, new: 9, status: persisted}\n"
    )
    result = runner.invoke(cli, ["eval", str(bad)])
    assert result.exit_code == 2
    assert (
        result.stderr.strip()
        == f"Error: {bad}:5: link names new id 9, which is not a demand of the new side; use an id from 'new: demands'"
    )


def test_eval_of_a_battery_and_a_gold_case_together_says_to_run_them_apart(runner):
    battery = str(Path(__file__).resolve().parent / "battery" / "tune.yaml")
    case = str(GOLD_DIR / "teaching-polarity.yaml")
    result = runner.invoke(cli, ["eval", battery, case])
    assert result.exit_code == 2, result.output
    assert (
        result.stderr
        == f"Error: {case}: is a gold case, and {battery} a verdict battery; run eval on each kind apart\n"
    )


SEED = Path(__file__).resolve().parent / "extract" / "seed.txt"


def test_extract_split_rounds_then_compare(runner, tmp_path):
    out = tmp_path / "rounds.yaml"
    args = ["extract", str(SEED), "--party", "Russia", "--date", "2025-03-13", "--split-rounds", "-o", str(out)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    rounds = runner.invoke(cli, ["rounds", str(out), "--format", "json"])
    assert {r["date"] for r in json.loads(rounds.stdout)} >= {"2021-09-01", "2022-01-01", "2025-03-13"}
    compared = runner.invoke(
        cli, ["compare", str(out), "--from", "2022-01-01", "--to", "2025-03-13", "--format", "json"]
    )
    assert compared.exit_code == 0, compared.output
    assert json.loads(compared.stdout)["new"]["date"] == "2025-03-13"


def test_extract_check_prints_precision_and_recall(runner):
    gold = SEED.parent / "seed-gold.yaml"
    args = ["extract", str(SEED), "--party", "Russia", "--date", "2025-03-13", "--split-rounds", "--check", str(gold)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split()[:3] == ["date", "round", "gold"]
    lines = result.stdout.splitlines()
    total = next(i for i, line in enumerate(lines) if line.split()[:1] == ["total"])
    # Below the table, the unmatched demands of both sides.
    assert lines[total + 1].startswith("hand-listed, not found (")
    assert any(line.startswith("extracted, not in the hand list (") for line in lines[total + 1 :])


def test_extract_reads_a_saved_web_page_and_checks_it_against_the_hand_list(runner):
    page = Path(__file__).parent / "extract" / "pages" / "uaw-members-demands-2023.html"
    gold = Path(__file__).parent / "extract" / "tune" / "uaw-members-demands-2023-gold.yaml"
    args = ["extract", str(page), "--party", "UAW", "--alias", "Union", "--date", "2023-08-02"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert "UAW demands: restore COLA." in result.stdout and "<li>" not in result.stdout
    checked = runner.invoke(cli, [*args, "--check", str(gold)])
    total = next(line.split() for line in checked.stdout.splitlines() if line.split()[:1] == ["total"])
    assert checked.exit_code == 0 and float(total[-2]) >= 0.9, checked.output  # precision, recall


def test_extract_writes_json_for_a_json_name_and_refuses_a_list_format(runner, tmp_path):
    """extract -o out.json wrote YAML under a .json name (compare then said 'invalid JSON'), and -o
    demands.md a YAML file that compare read back line by line as demands ('positions:', 'demands:')."""
    text = tmp_path / "speech.txt"
    text.write_text("Russia demanded that Ukraine must withdraw its troops.\n")
    out = tmp_path / "out.json"
    result = runner.invoke(cli, ["extract", str(text), "--party", "Russia", "--date", "2025-03-13", "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["date"] == "2025-03-13" and data["demands"][0]["text"] == "Ukraine must withdraw its troops."
    assert data["demands"][0]["sources"][0]["sentence"].startswith("Russia demanded")
    again = load(out)
    assert [s.text for s in again.statements] == ["Ukraine must withdraw its troops."]
    assert again.statements[0].sources[0].start == 0
    for name in ("demands.md", "demands.txt", "demands.csv"):
        result = runner.invoke(cli, ["extract", str(text), "-o", str(tmp_path / name)])
        assert result.exit_code == 2 and not (tmp_path / name).exists()
        assert result.stderr == (
            f"Error: -o {tmp_path / name}: extract writes a position file in YAML or JSON, which a "
            f"{Path(name).suffix} file cannot hold; name it .yaml or .json; see 'demanddiff extract --help'\n"
        )


def test_extract_check_against_a_hand_list_with_no_demands_is_refused(runner, tmp_path):
    """An empty hand list ('demands: []') scored recall 1.0 and exit 0."""
    text = tmp_path / "speech.txt"
    text.write_text("Russia demanded that Ukraine must withdraw its troops.\n")
    gold = tmp_path / "gold.yaml"
    for content in ("demands: []\n", "positions:\n  - {date: 2025-01-01, demands: []}\n"):
        gold.write_text(content)
        result = runner.invoke(cli, ["extract", str(text), "--split-rounds", "--check", str(gold)])
        assert result.exit_code == 2, result.output
        assert result.stderr == (
            f"Error: {gold}: the hand list holds no demands; list the demands the text makes in it\n"
        )


def test_extract_with_no_demands_is_a_one_line_error(runner, tmp_path):
    path = tmp_path / "weather.txt"
    path.write_text("It rained in Geneva today.\n")
    out = tmp_path / "p.yaml"
    result = runner.invoke(cli, ["extract", str(path), "-o", str(out)])
    assert result.exit_code == 2 and "weather.txt: no demands found" in result.output
    assert not out.exists()


def test_timeline_prints_every_thread_across_the_fixture_rounds(runner):
    result = runner.invoke(cli, ["timeline", str(FIXTURE), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [r["date"] for r in data["rounds"]] == ["2021-12-17", "2022-03-29", "2024-06-14", "2025-03-14"]
    table = runner.invoke(cli, ["timeline", str(FIXTURE)]).stdout
    assert all(f"\n{t['id']} " in table for t in data["threads"])


def test_timeline_from_to_and_party(runner, threads_dataset):
    args = ["timeline", str(threads_dataset), "--party", "northland", "--from", "2021-01-10", "--format", "csv"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines()[0].split(",")[:4] == ["thread", "2021-01-10", "2022-01-10", "2023-01-10"]


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_timeline_plot_writes_a_picture(runner, tmp_path, threads_dataset, suffix):
    picture = tmp_path / f"threads{suffix}"
    result = runner.invoke(cli, ["timeline", str(threads_dataset), "--plot", str(picture)])
    assert result.exit_code == 0, result.output
    head = picture.read_bytes()[:4096]
    assert head.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in head


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--plot", "OUT/t.gif"], "cannot draw a .gif; name the file .png or .svg"),
        (["--from", "2023-01-01", "--to", "2021-01-01"], "--from 2023-01-01 is after --to 2021-01-01"),
        (["--party", "Southland"], "no party 'Southland'"),
    ],
    ids=["bad-picture", "from-after-to", "bad-party"],
)
def test_timeline_bad_usage_exits_2_writing_nothing(runner, tmp_path, threads_dataset, args, message):
    out = tmp_path / "never.txt"
    args = [a.replace("OUT", str(tmp_path)) for a in args]
    result = runner.invoke(cli, ["timeline", str(threads_dataset), *args, "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and "Traceback" not in result.output
    assert not out.exists() and not (tmp_path / "t.gif").exists()


def test_timeline_of_a_single_position_says_it_needs_a_dataset(runner, files):
    result = runner.invoke(cli, ["timeline", str(files[0])])
    assert result.exit_code == 2
    assert "a timeline needs a dataset of rounds" in result.stderr


def test_plot_without_matplotlib_is_a_clear_error(tmp_path, threads_dataset):
    picture = tmp_path / "t.png"
    code = (
        "import sys; sys.modules['matplotlib'] = None; from demanddiff.cli import main; "
        f"sys.argv = ['demanddiff', 'timeline', {str(threads_dataset)!r}, '--plot', {str(picture)!r}]; main()"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"Error: {picture}: drawing needs matplotlib; install it with: pip install 'demanddiff[plot]'"
    )
    assert result.stdout == "" and not picture.exists()


def test_report_markdown_for_two_files(runner, files):
    result = runner.invoke(cli, ["report", *map(str, files), "--format", "markdown"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("# Eastmark 2024-09-10 (Opening offer) → Eastmark 2025-02-20 (Revised offer)")
    assert "| **reversed** |" in result.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["report", "FIX", "FIX", "--timeline"], "--timeline takes one dataset file, not two"),
        (["report", "FIX"], "give --from DATE and --to DATE"),
        (["report", "FIX", "--timeline", "--format", "pdf"], "'pdf' is not one of 'html', 'markdown'"),
        (["report", "FIX", "--timeline", "--party", "NATO"], "no party 'NATO'"),
    ],
    ids=["two-files", "no-dates", "bad-format", "bad-party"],
)
def test_report_bad_usage_exits_2_writing_nothing(runner, tmp_path, args, message):
    out = tmp_path / "report.html"
    result = runner.invoke(cli, [str(FIXTURE) if a == "FIX" else a for a in args] + ["-o", str(out)])
    assert result.exit_code == 2, result.output
    assert message in result.stderr and not out.exists()


@pytest.mark.parametrize(("name", "content", "message"), BAD, ids=[b[0] for b in BAD])
def test_every_bad_file_exits_2_with_one_line_and_writes_nothing(runner, tmp_path, files, name, content, message):
    bad = tmp_path / name
    bad.write_bytes(content if isinstance(content, bytes) else content.encode())
    out = tmp_path / "report.json"
    result = runner.invoke(cli, ["compare", str(bad), str(files[1]), "--format", "json", "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert re.fullmatch(rf"Error: {re.escape(str(tmp_path))}/{message}.*\n", result.stderr), result.stderr
    assert "Traceback" not in result.output and not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([name, "old.yaml", "new.yaml"])


def test_a_directory_where_a_file_is_expected(runner, tmp_path, files):
    result = runner.invoke(cli, ["compare", str(files[0]), str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path}: is a directory; give a position file\n"


def test_a_dataset_round_without_a_date_cannot_be_picked(runner, tmp_path):
    data = tmp_path / "d.yaml"
    data.write_text("positions:\n  - {party: X, round: talks, demands: [a must happen]}\n")
    result = runner.invoke(cli, ["compare", str(data), "--from", "2022-01-01", "--to", "2023-01-01"])
    assert result.exit_code == 2
    assert "no round of 'X' on or before 2022-01-01" in result.stderr and "Traceback" not in result.output


def test_over_long_demand_warns_once_naming_file_and_id(runner, tmp_path):
    long_text = " ".join(["The ministry must fund repairs to damp flats in every district"] * 30)
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(yaml.safe_dump({"demands": [{"id": "big", "text": long_text}, {"id": "s", "text": "Rents fall."}]}))
    new.write_text("demands: [Rents are frozen.]\n")
    result = runner.invoke(cli, ["compare", str(old), str(new), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        f"Warning: {old}: demand big is longer than the model's 256-token input; "
        "only its start was compared; split it into several demands\n"
    )
    assert json.loads(result.stdout)["summary"]["dropped"] >= 1  # the JSON on stdout stays clean


def test_same_input_in_any_order_gives_byte_identical_json(runner, tmp_path):
    data = yaml.safe_load(FIXTURE.read_text())
    outputs = []
    for seed in range(3):
        rng = random.Random(seed)
        for position in data["positions"]:
            rng.shuffle(position["demands"])
        path = tmp_path / f"shuffled{seed}.yaml"
        path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
        args = ["compare", str(path), "--from", "2021-12-17", "--to", "2025-03-14", "--format", "json"]
        outputs.append(runner.invoke(cli, args).stdout)
    assert outputs[0] == outputs[1] == outputs[2]
    assert json.loads(outputs[0])["items"]


@pytest.fixture
def fresh_engines(monkeypatch, tmp_path):
    """CLI runs with a new cache directory (module-level engines remember theirs)."""
    monkeypatch.setattr(engine_module, "_engines", {})
    monkeypatch.setenv("DEMANDDIFF_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_corrupt_cache_is_reported_once_and_rebuilt(runner, files, fresh_engines):
    fresh_engines.mkdir()
    (fresh_engines / "embeddings.sqlite3").write_bytes(b"not a database at all" * 50)
    first = runner.invoke(cli, ["compare", *map(str, files), "--format", "json"])
    assert first.exit_code == 0, first.output
    assert re.fullmatch(r"Warning: embedding cache .*embeddings\.sqlite3 was unreadable .*; rebuilt it\n", first.stderr)
    engine_module._engines.clear()
    second = runner.invoke(cli, ["compare", *map(str, files), "--format", "json"])
    assert second.stderr == "" and second.stdout == first.stdout


def test_unusable_cache_path_warns_and_still_compares(runner, files, fresh_engines):
    (fresh_engines / "embeddings.sqlite3").mkdir(parents=True)  # a directory where the file should be
    result = runner.invoke(cli, ["compare", *map(str, files), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert re.fullmatch(r"Warning: embedding cache .* cannot be used .*; working without it\n", result.stderr)
    assert json.loads(result.stdout)["summary"]["reversed"] == 1


# ---- conventions: stdin, format from the file name, warnings ------------------------------

OLD_JSON = json.dumps(yaml.safe_load(OLD), default=str)
OLD_CSV = "party,date,round,id,text\n" + "".join(
    f'Eastmark,2024-09-10,Opening offer,{d["id"]},"{d["text"]}"\n' for d in yaml.safe_load(OLD)["demands"]
)
OLD_MD = "---\nparty: Eastmark\ndate: 2024-09-10\nround: Opening offer\n---\n" + "".join(
    f"- {d['text']}\n" for d in yaml.safe_load(OLD)["demands"]
)


@pytest.mark.parametrize("text", [OLD, OLD_JSON, OLD_CSV, OLD_MD], ids=["yaml", "json", "csv", "markdown"])
def test_stdin_dash_is_read_in_the_sniffed_format(runner, files, text):
    from_file = runner.invoke(cli, ["compare", str(files[0]), str(files[1]), "--format", "json"])
    piped = runner.invoke(cli, ["compare", "-", str(files[1]), "--format", "json"], input=text)
    assert piped.exit_code == 0, piped.output
    statuses = [i["status"] for i in json.loads(piped.stdout)["items"]]
    assert statuses == [i["status"] for i in json.loads(from_file.stdout)["items"]]
    assert json.loads(piped.stdout)["old"]["party"] == "Eastmark"


def test_input_format_overrides_the_sniffing(runner, files):
    # A YAML file that sniffs as Markdown when told it is Markdown: every line becomes a demand.
    result = runner.invoke(cli, ["rounds", "-", "--input-format", "markdown", "--format", "json"], input="a\nb\nc\n")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)[0]["demands"] == 3
    bad = runner.invoke(cli, ["compare", "-", str(files[1]), "--input-format", "json"], input=OLD)
    assert bad.exit_code == 2 and bad.stderr.startswith("Error: <stdin>:1: invalid JSON")


@pytest.mark.parametrize(
    "args",
    [["rounds", "-"], ["timeline", "-"], ["compare", "-", "--from", "2020-01-10", "--to", "2023-01-10"]],
    ids=["rounds", "timeline", "compare-one-dataset"],
)
def test_every_command_that_reads_a_dataset_takes_stdin(runner, threads_dataset, args):
    from_file = runner.invoke(cli, [args[0], str(threads_dataset), *args[2:], "--format", "json"])
    piped = runner.invoke(cli, [*args, "--format", "json"], input=threads_dataset.read_text())
    assert piped.exit_code == 0, piped.output
    assert piped.stdout == from_file.stdout.replace(str(threads_dataset), "<stdin>")


def test_report_reads_stdin(runner, files, tmp_path):
    out = tmp_path / "r.html"
    result = runner.invoke(cli, ["report", str(files[0]), "-", "-o", str(out)], input=NEW)
    assert result.exit_code == 0, result.output
    assert "Revised offer" in out.read_text()


def test_stdin_for_both_sides_is_refused(runner):
    result = runner.invoke(cli, ["compare", "-", "-"], input=OLD)
    assert result.exit_code == 2 and "OLD and NEW are both '-'" in result.stderr


def test_extract_piped_into_compare(runner, tmp_path):
    speech = Path(__file__).parent / "extract" / "speech.txt"
    old = tmp_path / "old.yaml"
    old.write_text(
        "party: Nurses union\ndate: 2023-03-01\n"
        "demands:\n  - A 6 per cent pay rise.\n  - An end to mandatory overtime.\n"
    )
    extracted = runner.invoke(
        cli, ["extract", "-", "--party", "Nurses union", "--date", "2024-03-15"], input=speech.read_text()
    )
    assert extracted.exit_code == 0, extracted.output
    compared = runner.invoke(cli, ["compare", str(old), "-", "--format", "json"], input=extracted.stdout)
    assert compared.exit_code == 0 and compared.stderr == "", compared.output
    assert json.loads(compared.stdout)["new"]["party"] == "Nurses union"


@pytest.mark.parametrize(
    "name, check",
    [
        ("out.json", lambda t: json.loads(t)["summary"]["reversed"] == 1),
        ("out.csv", lambda t: t.startswith("status,old_id,old_demand,")),
        ("out.tsv", lambda t: t.startswith("status\told_id\told_demand\t")),
        ("out.md", lambda t: t.startswith("| status ")),
        ("out.html", lambda t: t.startswith("<table>")),
        ("out.tex", lambda t: t.startswith("\\begin{tabular}")),
        ("out.txt", lambda t: t.split()[:3] == ["status", "old", "id"]),
    ],
    ids=["json", "csv", "tsv", "md", "html", "tex", "other"],
)
def test_output_file_name_picks_the_format(runner, files, tmp_path, name, check):
    out = tmp_path / name
    result = runner.invoke(cli, ["compare", *map(str, files), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert check(out.read_text())


def test_format_option_wins_over_the_file_name(runner, files, tmp_path):
    out = tmp_path / "out.csv"
    assert runner.invoke(cli, ["compare", *map(str, files), "--format", "json", "-o", str(out)]).exit_code == 0
    assert json.loads(out.read_text())["summary"]["changed"] == 1


def test_report_file_name_picks_markdown_and_refuses_a_table_format(runner, files, tmp_path):
    md = tmp_path / "r.md"
    assert runner.invoke(cli, ["report", *map(str, files), "-o", str(md)]).exit_code == 0
    assert md.read_text().startswith("# Eastmark")
    bad = runner.invoke(cli, ["report", *map(str, files), "-o", str(tmp_path / "r.csv")])
    assert bad.exit_code == 2 and "writes no .csv files; name it .md, .markdown, .html, .htm" in bad.stderr
    assert not (tmp_path / "r.csv").exists()


def test_tsv_is_not_padded(runner, files):
    result = runner.invoke(cli, ["compare", *map(str, files), "--format", "tsv"])
    lines = result.stdout.splitlines()
    assert all(len(line.split("\t")) == 7 for line in lines)
    assert not any(cell != cell.strip() for line in lines for cell in line.split("\t"))
    rows = list(csv.reader(io.StringIO(result.stdout), delimiter="\t"))
    assert rows[1][0] == "changed" and rows[1][2] == "Tariffs on steel should be removed."


def _position(party="Eastmark", date="2024-09-10", demands=("Steel tariffs must be removed.",)) -> str:
    return yaml.safe_dump({"party": party, "date": date, "demands": list(demands)})


@pytest.mark.parametrize(
    "old, new, warning",
    [
        (_position(), _position(party="Westmark"), "is a position of Eastmark, "),
        (_position(), _position(date="2023-01-01"), "(2023-01-01) is dated before"),
        (_position(), _position(demands=[]), "has no demands: every demand of the other side is dropped"),
        (_position(demands=[]), _position(), "has no demands: every demand of the other side is new"),
    ],
    ids=["parties", "dates", "empty-new", "empty-old"],
)
def test_sanity_warnings_are_one_line_and_strict_makes_them_errors(runner, tmp_path, old, new, warning):
    (tmp_path / "a.yaml").write_text(old)
    (tmp_path / "b.yaml").write_text(new)
    args = ["compare", str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml"), "--format", "json"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0 and json.loads(result.stdout)["items"] is not None
    (line,) = result.stderr.splitlines()
    assert line.startswith("Warning: ") and warning in line
    out = tmp_path / "never.json"
    strict = runner.invoke(cli, [*args, "--strict", "-o", str(out)])
    assert strict.exit_code == 2 and strict.stderr.startswith("Error: ") and warning in strict.stderr
    assert len(strict.stderr.splitlines()) == 1 and not out.exists()


def test_same_party_and_order_give_no_warning(runner, files):
    result = runner.invoke(cli, ["compare", *map(str, files), "--strict"])
    assert result.exit_code == 0 and result.stderr == ""


def test_fail_on_counts_every_item_whatever_only_shows(runner, files):
    shown = runner.invoke(cli, ["compare", *map(str, files), "--only", "new", "--fail-on", "reversed"])
    assert shown.exit_code == 1 and "reversed" not in shown.stdout
    assert "every item counts, whatever --only shows" in " ".join(
        runner.invoke(cli, ["compare", "--help"]).stdout.split()
    )


def test_no_demands_names_the_party_only_when_given(runner, tmp_path):
    path = tmp_path / "speech.txt"
    path.write_text("Mr. Daniel Okafor, the board chairman, said on Friday that nurses must be patient.\n")
    (tmp_path / "weather.txt").write_text("It rained in Geneva today.\n")
    plain = runner.invoke(cli, ["extract", str(tmp_path / "weather.txt")])
    assert plain.exit_code == 2 and "--party" not in plain.stderr and "no demands found" in plain.stderr
    party = runner.invoke(cli, ["extract", str(path), "--party", "Nurses union"])
    assert party.exit_code == 2 and "no demands of 'Nurses union' found; check --party" in party.stderr
