import json
import os
import random
import re
import subprocess
import sys

import pytest
import yaml
from test_positions_readers import BAD

from conftest import FIXTURE, gold_cases, write_gold_rounds
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
    seen_old = [i["old"]["id"] for i in data["items"] if i["old"]]
    seen_new = [i["new"]["id"] for i in data["items"] if i["new"]]
    assert sorted(seen_old) == sorted(d["id"] for d in gold["old"]["demands"])
    assert sorted(seen_new) == sorted(d["id"] for d in gold["new"]["demands"])
    assert sum(data["summary"].values()) == len(data["items"])
    for item in data["items"]:
        if item["old"] and item["new"]:
            assert 0 <= item["score"] <= 1 and item["status"] in ("persisted", "changed", "reversed")


def run_python(code: str, env_extra=None) -> str:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", **(env_extra or {})}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout


def test_help_does_not_import_torch():
    code = (
        "import sys; from click.testing import CliRunner; from demanddiff.cli import cli; "
        "CliRunner().invoke(cli, ['compare', '--help']); "
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    assert run_python(code).split() == ["False", "False"]


def test_warm_compare_does_not_import_torch(tmp_path):
    cache = {"DEMANDDIFF_CACHE_DIR": str(tmp_path / "cache")}
    args = f"['compare', {str(FIXTURE)!r}, '--from', '2022-03-29', '--to', '2024-06-14', '--format', 'json']"
    code = (
        "import sys; from click.testing import CliRunner; from demanddiff.cli import cli; "
        f"r = CliRunner().invoke(cli, {args}); assert r.exit_code == 0, r.output; "
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    assert run_python(code, cache).split() == ["True", "True"]  # cold: the model had to load
    assert run_python(code, cache).split() == ["False", "False"]  # warm: every embedding cached


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
