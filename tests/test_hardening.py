"""Hardening (issue 13): no output path can destroy a file, exit codes say what happened,
library calls are checked at the call, and a named model reaches the network only when asked."""

from __future__ import annotations

import datetime as dt
import math
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURE
from demanddiff import InputError, Position, Settings, Statement, api
from demanddiff import compare as compare_call
from demanddiff.cli import cli

ROOT = Path(__file__).resolve().parent.parent
OLD = "party: A\ndate: 2024-01-01\ndemands:\n  - {id: o1, text: Tariffs on steel must be removed.}\n"
NEW = "party: A\ndate: 2025-01-01\ndemands:\n  - {id: n1, text: Tariffs on steel must not be removed.}\n"
ONE_LINE = re.compile(r"Error: [^\n]+\n")


@pytest.fixture
def files(tmp_path):
    (tmp_path / "old.yaml").write_text(OLD)
    (tmp_path / "new.yaml").write_text(NEW)
    return tmp_path / "old.yaml", tmp_path / "new.yaml"


@pytest.fixture
def no_work(monkeypatch):
    """Fail the test if a command starts comparing: checks must come before any work."""

    def refuse(*args, **kwargs):
        raise AssertionError("the command started working before checking its outputs")

    for name in ("compare", "timeline", "rounds", "report", "evaluate"):
        monkeypatch.setattr(api, name, refuse)


def without_root_powers(cmd: list[str]) -> list[str]:
    """``cmd`` run so that file permissions apply: as root, without the capabilities that bypass them."""
    if os.geteuid() != 0:
        return cmd
    if not shutil.which("setpriv"):
        pytest.skip("needs setpriv to drop root's power over file permissions")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--bounding-set={caps}", f"--inh-caps={caps}", *cmd]


def device(tmp_path: Path, name: str) -> Path:
    """A character device to write to: /dev/null or /dev/full, or (as root) a copy of it in ``tmp_path``,
    so a bug can never replace the machine's own."""
    if os.geteuid() != 0:
        return Path("/dev") / name
    path = tmp_path / name
    os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(1, {"null": 3, "full": 7}[name]))
    return path


# --- outputs -------------------------------------------------------------------------------


@pytest.mark.parametrize("how", ["same path", "symlink", "hardlink", "relative path"])
def test_output_that_is_an_input_is_refused_and_the_input_kept(runner, files, tmp_path, no_work, how, monkeypatch):
    old, new = files
    target = {"same path": old, "symlink": tmp_path / "link.yaml", "hardlink": tmp_path / "hard.yaml"}.get(how)
    if how == "symlink":
        target.symlink_to(old)
    elif how == "hardlink":
        os.link(old, target)
    elif how == "relative path":
        monkeypatch.chdir(tmp_path)
        target = Path("sub/../old.yaml")
        (tmp_path / "sub").mkdir()
    result = runner.invoke(cli, ["compare", str(old), str(new), "-o", str(target)])
    assert result.exit_code == 2
    assert ONE_LINE.fullmatch(result.stderr) and "is an input" in result.stderr, result.stderr
    assert old.read_text() == OLD


def test_output_that_is_the_dataset_is_refused_for_every_command(runner, tmp_path, no_work):
    data = tmp_path / "russia.yaml"
    data.write_bytes(FIXTURE.read_bytes())
    for args in (
        ["rounds", str(data)],
        ["timeline", str(data)],
        ["report", str(data), "--timeline"],
        ["compare", str(data), "--from", "2021-12-17", "--to", "2025-03-14"],
    ):
        result = runner.invoke(cli, [*args, "-o", str(data)])
        assert result.exit_code == 2 and "is an input" in result.stderr, (args, result.output)
    timeline = runner.invoke(cli, ["timeline", str(data), "--plot", str(tmp_path / "russia.yaml")])
    assert timeline.exit_code == 2
    assert data.read_bytes() == FIXTURE.read_bytes()


def test_output_that_is_a_decisions_file_is_refused_and_the_file_kept(runner, files, tmp_path, no_work):
    """--decisions files (and the files of a --decisions folder) are inputs: -o onto one is refused."""
    old, new = files
    decisions = tmp_path / "decided" / "d.yaml"
    decisions.parent.mkdir()
    decisions.write_text("kept\n")
    data = tmp_path / "russia.yaml"
    data.write_bytes(FIXTURE.read_bytes())
    for args in (
        ["compare", str(old), str(new), "--decisions", str(decisions)],
        ["report", str(old), str(new), "--decisions", str(decisions)],
        ["timeline", str(data), "--decisions", str(decisions.parent)],
    ):
        result = runner.invoke(cli, [*args, "-o", str(decisions)])
        assert result.exit_code == 2, (args, result.output)
        assert ONE_LINE.fullmatch(result.stderr) and "is an input" in result.stderr, (args, result.stderr)
    assert decisions.read_text() == "kept\n"


def test_two_outputs_of_one_command_naming_one_new_file_are_refused(runner, tmp_path, no_work, monkeypatch):
    """--plot t.png -o ./t.png: one output would silently replace the other (the file does not exist yet)."""
    monkeypatch.chdir(tmp_path)
    data = tmp_path / "russia.yaml"
    data.write_bytes(FIXTURE.read_bytes())
    result = runner.invoke(cli, ["timeline", str(data), "--plot", "t.png", "-o", "./t.png"])
    assert result.exit_code == 2, result.output
    assert ONE_LINE.fullmatch(result.stderr) and "is also the -o output" in result.stderr, result.stderr
    assert not (tmp_path / "t.png").exists()


def test_an_empty_output_name_is_not_blamed_on_the_dataset(runner, no_work):
    for option in ("--plot", "-o"):
        result = runner.invoke(cli, ["timeline", str(FIXTURE), option, ""])
        assert result.exit_code == 2
        assert result.stderr == f"Error: {option} is empty; give a file name\n", result.stderr


def test_output_to_a_fifo_writes_into_it_and_keeps_the_fifo(runner, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        result = runner.invoke(cli, ["rounds", str(FIXTURE), "-o", str(fifo)])
        got = os.read(reader, 1 << 16).decode()
    finally:
        os.close(reader)
    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert got.splitlines()[0].split()[:2] == ["party", "date"]


def test_output_to_dev_null_keeps_the_device(runner, tmp_path):
    null = device(tmp_path, "null")
    result = runner.invoke(cli, ["rounds", str(FIXTURE), "-o", str(null)])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(null).st_mode)


def test_output_through_a_symlink_replaces_its_target_and_keeps_the_link(runner, tmp_path):
    target = tmp_path / "real" / "table.csv"
    target.parent.mkdir()
    target.write_text("old contents\n")
    link = tmp_path / "table.csv"
    link.symlink_to(target)
    result = runner.invoke(cli, ["rounds", str(FIXTURE), "--format", "csv", "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text().startswith("party,date,round,demands\n")
    assert [p.name for p in target.parent.iterdir()] == ["table.csv"]  # no temporary left over


def test_output_keeps_an_existing_files_mode_and_a_new_file_follows_the_umask(runner, tmp_path):
    kept = tmp_path / "kept.txt"
    kept.write_text("x")
    kept.chmod(0o664)
    old_umask = os.umask(0o027)
    try:
        assert runner.invoke(cli, ["rounds", str(FIXTURE), "-o", str(kept)]).exit_code == 0
        assert runner.invoke(cli, ["rounds", str(FIXTURE), "-o", str(tmp_path / "fresh.txt")]).exit_code == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o664
    assert stat.S_IMODE((tmp_path / "fresh.txt").stat().st_mode) == 0o640


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("missing/out.csv", r"folder .*missing does not exist; create it"),
        ("file.txt/out.csv", r"file\.txt is not a folder"),
        ("folder", r"is a folder; give a file name"),
    ],
    ids=["missing folder", "file as folder", "folder as file"],
)
def test_output_folder_is_checked_before_any_work(runner, files, tmp_path, no_work, where, message):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "folder").mkdir()
    for opt in ("-o", "--plot"):
        args = ["timeline", str(FIXTURE), opt, str(tmp_path / where)]
        if opt == "--plot":
            args[-1] += ".png" if where != "folder" else ""
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, result.output
        assert ONE_LINE.fullmatch(result.stderr) and re.search(message, result.stderr), result.stderr
    result = runner.invoke(cli, ["compare", *map(str, files), "-o", str(tmp_path / where)])
    assert result.exit_code == 2 and re.search(message, result.stderr), result.stderr


def test_an_output_name_ending_in_a_slash_is_a_folder_not_a_file(runner, tmp_path, no_work):
    """-o newdir/ (a folder not made yet) wrote a file named newdir."""
    for args in (["rounds", str(FIXTURE), "-o"], ["timeline", str(FIXTURE), "--plot"]):
        result = runner.invoke(cli, [*args, f"{tmp_path / 'newdir'}/"])
        assert result.exit_code == 2, result.output
        assert result.stderr == (
            f"Error: {tmp_path / 'newdir'}/: names a folder (it ends in /); give {args[-1]} a file name\n"
        )
        assert not (tmp_path / "newdir").exists()


def test_a_read_only_output_folder_is_refused_before_any_work(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    env = {**os.environ, "DEMANDDIFF_CACHE_DIR": str(folder.parent / "cache")}
    started = time.monotonic()
    cmd = [sys.executable, "-m", "demanddiff.cli", "compare", str(FIXTURE), "--from", "2021-12-17"]
    cmd += ["--to", "2025-03-14", "-o", str(folder / "out.txt")]
    proc = subprocess.run(without_root_powers(cmd), capture_output=True, text=True, env=env, cwd=folder.parent)
    assert proc.returncode == 2, proc.stderr
    assert ONE_LINE.fullmatch(proc.stderr) and "cannot write in folder" in proc.stderr, proc.stderr
    assert time.monotonic() - started < 20 and not (folder.parent / "cache").exists()  # no model, no cache


def test_a_full_disk_is_one_line_for_a_file_and_for_stdout(runner, tmp_path):
    full_device = device(tmp_path, "full")
    result = runner.invoke(cli, ["rounds", str(FIXTURE), "-o", str(full_device)])
    assert result.exit_code == 2 and ONE_LINE.fullmatch(result.stderr), result.output
    assert "No space left on device" in result.stderr
    assert stat.S_ISCHR(os.lstat(full_device).st_mode)
    with open(full_device, "w") as full:
        proc = subprocess.run(
            [sys.executable, "-m", "demanddiff.cli", "rounds", str(FIXTURE)], stdout=full, stderr=subprocess.PIPE
        )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.decode() == "Error: cannot write to standard output: No space left on device\n"


def test_no_output_is_written_unless_all_outputs_succeed(runner, tmp_path, threads_dataset, monkeypatch):
    def broken_plot(tl, path):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("demanddiff.compare.render.plot.plot_timeline", broken_plot)
    table, picture = tmp_path / "table.txt", tmp_path / "picture.png"
    result = runner.invoke(cli, ["timeline", str(threads_dataset), "-o", str(table), "--plot", str(picture)])
    assert result.exit_code == 2 and ONE_LINE.fullmatch(result.stderr), result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["threads.yaml"]  # neither, and no temporaries


def test_plot_draws_dollar_signs_as_text(runner, tmp_path):
    data = tmp_path / "money.yaml"
    data.write_text(
        "positions:\n"
        "  - {date: 2024-01-01, demands: [{id: a, text: 'Pay $5\\x and $7 per tonne.'}]}\n"
        "  - {date: 2025-01-01, demands: [{id: b, text: 'Pay $5\\x and $7 per tonne.'}]}\n"
    )
    table, picture = tmp_path / "table.txt", tmp_path / "picture.png"
    result = runner.invoke(cli, ["timeline", str(data), "-o", str(table), "--plot", str(picture)])
    assert result.exit_code == 0, result.output
    assert picture.read_bytes()[:4] == b"\x89PNG" and "$5\\x and $7" in table.read_text()


# --- exit codes ----------------------------------------------------------------------------


def test_an_internal_error_exits_3_with_one_line_naming_the_log(runner, monkeypatch, tmp_path):
    def crash(*args, **kwargs):
        raise RuntimeError("the aligner lost a pair")

    monkeypatch.setattr(api, "rounds", crash)
    monkeypatch.setenv("DEMANDDIFF_CACHE_DIR", str(tmp_path))
    result = runner.invoke(cli, ["rounds", str(FIXTURE)])
    assert result.exit_code == 3
    match = re.fullmatch(
        r"Error: internal error \(RuntimeError: the aligner lost a pair\); "
        r"the traceback is in (\S+); rerun with --debug to print it\n",
        result.stderr,
    )
    assert match, result.stderr
    assert "Traceback" in Path(match[1]).read_text() and "the aligner lost a pair" in Path(match[1]).read_text()
    debug = runner.invoke(cli, ["--debug", "rounds", str(FIXTURE)])
    assert debug.exit_code == 3 and "Traceback (most recent call last)" in debug.stderr


def test_ctrl_c_exits_130_with_one_line(runner, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(api, "rounds", interrupted)
    result = runner.invoke(cli, ["rounds", str(FIXTURE)])
    assert result.exit_code == 130 and result.stderr == "Interrupted.\n"


def test_fail_on_is_the_only_exit_1(runner, files):
    assert runner.invoke(cli, ["compare", *map(str, files), "--fail-on", "reversed"]).exit_code == 1
    assert runner.invoke(cli, ["compare", *map(str, files), "--fail-on", "bogus"]).exit_code == 2


def test_help_lists_the_exit_codes(runner):
    text = runner.invoke(cli, ["--help"]).stdout
    for code, meaning in [("0", "ok"), ("1", "--fail-on"), ("2", "bad input"), ("3", "internal error")]:
        assert re.search(rf"^\s+{code}\s+.*{re.escape(meaning)}", text, re.M), (code, text)
    assert re.search(r"^\s+130\s+interrupted", text, re.M)


# --- library arguments ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "error", "message"),
    [
        (None, None, TypeError, "compare() takes Positions or lists of demand texts, not NoneType"),
        ([1], ["x"], TypeError, "demand 1 must be a text (str), not int"),
        ({"a must happen": 1}, ["x"], TypeError, "compare() takes Positions or lists of demand texts, not dict"),
        ([""], ["x"], InputError, "demand text is empty; write the demand or remove the item"),
        (["\u200b\u202e"], ["x"], InputError, "demand text is empty; write the demand or remove the item"),
        (["bad \ud800"], ["x"], InputError, "text holds a lone surrogate"),
        (
            Position((Statement("a", "x must go."), Statement("a", "y must go."))),
            ["x"],
            InputError,
            "duplicate demand id 'a'; ids must be unique within a round",
        ),
    ],
    ids=["none", "int item", "dict", "empty", "invisible", "surrogate", "duplicate ids"],
)
def test_compare_checks_its_arguments_at_the_call(old, new, error, message):
    with pytest.raises(error) as info:
        compare_call(old, new)
    assert message in str(info.value)


def test_statements_and_settings_check_their_fields():
    with pytest.raises(TypeError, match="a demand's id must be a string, not int"):
        Statement(1, "x must go.")
    with pytest.raises(TypeError, match="a demand's text must be a string, not NoneType"):
        Statement("a", None)
    with pytest.raises(TypeError, match="setting match_threshold must be a number, not str 'high'"):
        Settings(match_threshold="high")
    with pytest.raises(InputError, match="setting match_threshold must be a finite number, not nan"):
        Settings(match_threshold=math.nan)


def test_settings_file_faults_give_the_same_messages(runner, files, tmp_path):
    bad = tmp_path / "s.yaml"
    for content, message in [
        ("match_threshold: high\n", "setting match_threshold must be a number, not str 'high'"),
        ("match_threshold: .nan\n", "setting match_threshold must be a finite number, not nan"),
    ]:
        bad.write_text(content)
        result = runner.invoke(cli, ["compare", *map(str, files), "--settings", str(bad)])
        assert result.exit_code == 2 and result.stderr == f"Error: {bad}: {message}\n", result.stderr


# --- network -------------------------------------------------------------------------------


def test_a_named_model_is_not_downloaded_unless_allowed(runner, files, monkeypatch):
    monkeypatch.setattr("demanddiff.compare.engine._engines", {})
    monkeypatch.setenv("HF_HUB_OFFLINE", "0")  # the user's environment allows the hub
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")  # and nothing answers there
    monkeypatch.delenv("DEMANDDIFF_ALLOW_DOWNLOAD", raising=False)
    result = runner.invoke(cli, ["compare", *map(str, files), "--model", "someone/not-cached-model"])
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: someone/not-cached-model: model is neither a local folder nor in the Hugging Face cache; "
        "give a model folder, or download it with --allow-download (or DEMANDDIFF_ALLOW_DOWNLOAD=1)\n"
    )


def test_allow_download_says_so_in_one_line(runner, files, monkeypatch):
    monkeypatch.setattr("demanddiff.compare.engine._engines", {})
    monkeypatch.setenv("HF_ENDPOINT", "http://127.0.0.1:9")
    result = runner.invoke(
        cli, ["compare", *map(str, files), "--model", "someone/not-cached-model", "--allow-download"]
    )
    assert result.stderr.startswith(
        "Downloading model someone/not-cached-model from the Hugging Face hub (--allow-download)\n"
    ), result.stderr
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 2


# --- attack audit: inputs and outputs a hostile user tries ----------------------------------

TWO_ROUNDS = (
    "positions:\n"
    "  - {party: A, date: 2024-01-01, demands: [{id: o1, text: Tariffs on steel must be removed.}]}\n"
    "  - {party: A, date: 2025-01-01, demands: [{id: n1, text: Tariffs on steel must not be removed.}]}\n"
)


def demanddiff(*args: str, **kwargs) -> subprocess.CompletedProcess:
    """The command as a shell runs it: its own process, real standard streams."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "demanddiff.cli", *args], capture_output=True, text=True, env=env, **kwargs
    )


def test_corpus_output_to_a_device_or_symlink_keeps_it(runner, tmp_path):
    data = tmp_path / "rounds.yaml"
    data.write_text(TWO_ROUNDS)
    null = device(tmp_path, "null")
    result = runner.invoke(cli, ["corpus", str(data), "-o", str(null)])
    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(os.lstat(null).st_mode)  # not replaced by a regular file
    target = tmp_path / "real" / "out.jsonl"
    target.parent.mkdir()
    target.write_text("old\n")
    target.chmod(0o640)
    link = tmp_path / "out.jsonl"
    link.symlink_to(target)
    result = runner.invoke(cli, ["corpus", str(data), "-o", str(link)])
    assert result.exit_code == 0, result.output
    assert link.is_symlink() and '"status": "reversed"' in target.read_text()
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in target.parent.iterdir()] == ["out.jsonl"]


def test_corpus_output_to_a_full_disk_is_one_line_and_keeps_the_device(runner, tmp_path):
    data = tmp_path / "rounds.yaml"
    data.write_text(TWO_ROUNDS)
    full = device(tmp_path, "full")
    result = runner.invoke(cli, ["corpus", str(data), "-o", str(full)])
    assert result.exit_code == 2 and ONE_LINE.fullmatch(result.stderr), result.output
    assert "No space left on device" in result.stderr and stat.S_ISCHR(os.lstat(full).st_mode)


def test_corpus_into_a_pipe_closed_early_exits_141_without_a_message(tmp_path):
    data = tmp_path / "rounds.csv"  # more JSON lines than a pipe holds, so the writer meets the closed end
    rows = [f"A,{year}-01-01,,d{i},Tariff number {i} on steel must be {'cut' if year == 2024 else 'kept'}."
            for year in (2024, 2025) for i in range(300)]  # fmt: skip
    data.write_text("party,date,round,id,text\n" + "\n".join(rows) + "\n")
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    cmd = f"{sys.executable} -m demanddiff.cli corpus {data} | head -c 1 >/dev/null; echo rc=${{PIPESTATUS[0]}}"
    proc = subprocess.run(["bash", "-c", cmd], capture_output=True, text=True, env=env)
    assert proc.stdout.strip() == "rc=141" and proc.stderr == "", (proc.stdout, proc.stderr)


@pytest.mark.parametrize("command", [["rounds", "-"], ["compare", "-", "NEW"], ["extract", "-"]], ids=lambda c: c[0])
def test_a_closed_standard_input_is_one_line_exit_2(command, files):
    args = [str(files[1]) if a == "NEW" else a for a in command]
    proc = demanddiff(*args, stdin=subprocess.DEVNULL, preexec_fn=lambda: os.close(0))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr == (
        "Error: <stdin>: standard input is closed; pipe a position file in, or give its path instead of '-'\n"
    )


def test_a_terminal_as_standard_input_is_refused_at_once(files):
    import pty

    leader, follower = pty.openpty()
    try:
        proc = demanddiff("rounds", "-", stdin=follower, timeout=60)
    finally:
        os.close(leader)
        os.close(follower)
    assert proc.returncode == 2 and "standard input is a terminal; pipe a position file in" in proc.stderr


def test_empty_standard_input_says_so(runner):
    result = runner.invoke(cli, ["rounds", "-"], input="")
    assert result.exit_code == 2
    assert result.stderr == "Error: <stdin>: standard input is empty; pipe a position file in\n"


def test_review_checks_its_decisions_file_before_asking_anything(runner, files, tmp_path, no_work, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("review started asking before checking its decisions file")

    monkeypatch.setattr(api, "review", refuse)
    (tmp_path / "folder").mkdir()
    for where, message in [
        ("missing/d.yaml", "folder .*missing does not exist"),
        ("folder", "is a folder; give a file name to -d"),
        ("old.yaml", "is an input of this command; write -d to another file"),
    ]:
        result = runner.invoke(cli, ["review", *map(str, files), "-d", str(tmp_path / where)], input="a\n")
        assert result.exit_code == 2, result.output
        assert ONE_LINE.fullmatch(result.stderr) and re.search(message, result.stderr), result.stderr
    assert files[0].read_text() == OLD


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["compare", "OLD", "NEW", "--bogus"], "No such option '--bogus'; see 'demanddiff compare --help'"),
        (["compare", "OLD", "--from", "2025-02-30"], "Invalid value for '--from': invalid date '2025-02-30'"),
        (["compare", "OLD"], "with one file, give --from DATE and --to DATE"),
        (["rounds"], "Missing argument 'DATASET'; see 'demanddiff rounds --help'"),
        (["nosuch"], "No such command 'nosuch'"),
        (["--bogus"], "No such option '--bogus'; see 'demanddiff --help'"),
        (["review", "OLD", "NEW", "-d", "x.yaml", "--limit", "0"], "Invalid value for '--limit'"),
    ],
    ids=["unknown option", "bad date", "missing dates", "missing argument", "unknown command", "group option", "range"],
)
def test_usage_errors_are_one_line_exit_2(runner, files, args, message):
    args = [{"OLD": str(files[0]), "NEW": str(files[1])}.get(a, a) for a in args]
    result = runner.invoke(cli, args)
    assert result.exit_code == 2, result.output
    assert ONE_LINE.fullmatch(result.stderr) and message in result.stderr, result.stderr
    assert runner.invoke(cli, []).output.startswith("Usage: ")  # no command: the help, as before


def _comparison():
    return compare_call(["Tariffs must go."], ["Tariffs must stay."])


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: api.rounds(123), TypeError, "rounds() takes a file path, a Position or a PositionSet, not int"),
        (
            lambda: api.timeline(None),
            TypeError,
            "timeline() takes a file path, a Position or a PositionSet, not NoneType",
        ),
        (lambda: api.timeline(FIXTURE, start="2022-04-01", end="2024-12-31"), None, None),
        (lambda: api.timeline(FIXTURE, start="2022-02-30"), InputError, "invalid date '2022-02-30'"),
        (lambda: api.timeline(FIXTURE, end=2024), TypeError, "end must be a datetime.date or 'YYYY-MM-DD', not int"),
        (lambda: api.extract(None), TypeError, "extract() takes the text (str), not NoneType"),
        (lambda: api.extract(b"Russia must go."), TypeError, "extract() takes the text (str), not bytes"),
        (lambda: api.extract("Russia demands that NATO must stop.", date="2024-01-01"), None, None),
        (lambda: api.render(None), TypeError, "render() takes a Comparison or a Timeline, not NoneType"),
        (lambda: api.report("x"), TypeError, "report() takes a Comparison or a Timeline, not str"),
        (lambda: api.plot(_comparison(), "x.png"), TypeError, "plot() takes a Timeline, not Comparison"),
        (lambda: compare_call(["a must go."], ["b must go."], settings=1), TypeError, "settings must be a Settings"),
        (lambda: compare_call(["a must go."], ["b must go."], decisions="d.yaml"), TypeError, "read_decisions(path)"),
        (lambda: api.load(""), InputError, "no file name given; give the path of a position file"),
        (lambda: api.load(None), TypeError, "load() takes a file path (str or Path), not NoneType"),
        (lambda: api.load(b"old.yaml"), TypeError, "load() takes a file path (str or Path), not bytes"),
        (lambda: api.extract("Russia must go.", party=5), TypeError, "party must be a name (str), not int"),
        (lambda: api.extract("Russia must go.", aliases="Moscow"), TypeError, "aliases must be a list of names"),
        (lambda: api.extract("Russia must go.", aliases=None), TypeError, "aliases must be a list of names"),
        (lambda: api.timeline(FIXTURE, decisions="d.yaml"), TypeError, "decisions must be a list of Decisions"),
        (lambda: api.evaluate(None), TypeError, "evaluate() takes gold cases, their files or folders, not NoneType"),
        (lambda: api.evaluate([]), InputError, "no gold cases given; give gold case files or folders"),
    ],
    ids=[
        "rounds int",
        "timeline none",
        "timeline iso dates",
        "timeline bad date",
        "timeline int date",
        "extract none",
        "extract bytes",
        "extract iso date",
        "render none",
        "report str",
        "plot comparison",
        "settings int",
        "decisions path",
        "load empty name",
        "load none",
        "load bytes",
        "extract int party",
        "extract str aliases",
        "extract none aliases",
        "timeline decisions path",
        "evaluate none",
        "evaluate nothing",
    ],  # fmt: skip
)
def test_library_calls_check_their_arguments(call, error, message):
    if error is None:
        call()
        return
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


def _fixture():
    return api.load(FIXTURE)


def _one_round():
    return _fixture().positions[0]


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda: _fixture().select("2022-03-29"), None, None),
        (lambda: _fixture().select(None), TypeError, "date must be a datetime.date or 'YYYY-MM-DD', not NoneType"),
        (lambda: _fixture().select(2022), TypeError, "date must be a datetime.date or 'YYYY-MM-DD', not int"),
        (lambda: _fixture().select("2022-02-30"), InputError, "invalid date '2022-02-30'"),
        (lambda: _fixture().select(dt.datetime(2022, 3, 29, 12)), None, None),
        (lambda: _fixture().select(dt.date(2022, 3, 29), 5), TypeError, "party must be a name (str), not int"),
        (lambda: api.timeline(FIXTURE, party=5), TypeError, "party must be a name (str), not int"),
        (lambda: api.rounds(FIXTURE, party=["Russia"]), TypeError, "party must be a name (str), not list"),
        (lambda: api.timeline(FIXTURE, engine="e"), TypeError, "engine must be an Engine (demanddiff."),
        (lambda: api.extract("Russia must go.", engine="e"), TypeError, "engine must be an Engine"),
        (lambda: compare_call(["a must go."], ["b must go."], cache="no"), TypeError, "cache must be true or false"),
        (lambda: compare_call(["a must go."], ["b must go."], settings={}), TypeError, "settings must be a Settings"),
        (lambda: compare_call(["a must go."], ["b must go."], model=5), TypeError, "model must be a name or a folder"),
        (lambda: api.extract("Russia must go \ud800 now."), InputError, "text holds a lone surrogate (U+D800)"),
        (lambda: api.check_extraction(None, None, "x"), TypeError, "check_extraction() takes a Position or"),
        (lambda: api.check_extraction(_one_round(), _one_round(), 5), TypeError, "takes the text (str), not int"),
        (lambda: api.evaluate(ROOT / "tests" / "gold", methods="engine"), TypeError, "methods must be a list of names"),
        (lambda: api.review("a", "b", "d.yaml"), TypeError, "review() takes a Position, not str"),
        (lambda: api.review(_one_round(), _one_round(), 5), TypeError, "decisions must be a file path"),
    ],
    ids=[
        "select iso date",
        "select none",
        "select int",
        "select bad date",
        "select datetime",
        "select int party",
        "timeline int party",
        "rounds list party",
        "timeline str engine",
        "extract str engine",
        "compare str cache",
        "compare dict settings",
        "compare int model",
        "extract surrogate",
        "check none",
        "check int text",
        "evaluate str methods",
        "review str rounds",
        "review int decisions",
    ],  # fmt: skip
)
def test_library_calls_check_their_arguments_attack3(call, error, message):
    """Each was an AttributeError deep inside ('str' object has no attribute 'compare'), a TypeError
    of the internals ('<=' not supported, unhashable type: 'dict'), a UnicodeEncodeError, or letters
    read as names ("unknown method(s) e, n, g, i, n, e")."""
    if error is None:
        call()
        return
    with pytest.raises(error) as info:
        call()
    assert message in str(info.value)


def test_load_gold_takes_one_path_as_one_file(tmp_path):
    from demanddiff import load_gold

    case = sorted((ROOT / "tests" / "gold").glob("*.yaml"))[0]
    assert [c.path for c in load_gold(str(case))] == [str(case)]
    assert [c.path for c in load_gold(case)] == [str(case)]


def test_a_plot_of_characters_the_font_lacks_warns_in_one_line(runner, tmp_path):
    pytest.importorskip("matplotlib")
    data = tmp_path / "emoji.yaml"
    data.write_text(
        "positions:\n"
        "  - {party: A, date: 2024-01-01, demands: [{id: a, text: 'Rockets 🚀 must go.'}]}\n"
        "  - {party: A, date: 2025-01-01, demands: [{id: a, text: 'Rockets 🚀 must not go.'}]}\n"
    )
    result = runner.invoke(cli, ["timeline", str(data), "--plot", str(tmp_path / "p.png"), "-o", str(tmp_path / "t")])
    assert result.exit_code == 0, result.output
    assert result.stderr == "Warning: the picture's font has no glyph for 🚀; it is drawn as an empty box\n"
    assert (tmp_path / "p.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("command", ["timeline", "corpus"])
def test_a_dataset_fault_found_after_reading_names_the_file(runner, tmp_path, command):
    one = tmp_path / "one.yaml"
    one.write_text(OLD)
    result = runner.invoke(cli, [command, str(one)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {one}: holds a single position; a {command} needs"), result.stderr


def test_an_empty_output_name_is_refused(runner, files, no_work):
    result = runner.invoke(cli, ["compare", *map(str, files), "-o", ""])
    assert result.exit_code == 2 and result.stderr == "Error: -o is empty; give a file name\n", result.stderr


def test_a_model_name_too_long_for_a_path_is_one_line(runner, files, monkeypatch):
    monkeypatch.setattr("demanddiff.compare.engine._engines", {})
    result = runner.invoke(cli, ["compare", *map(str, files), "--model", "a" * 300])
    assert result.exit_code == 2 and ONE_LINE.fullmatch(result.stderr), result.stderr


def test_an_empty_settings_name_is_refused_not_ignored(runner, files):
    result = runner.invoke(cli, ["compare", *map(str, files), "--settings", ""])
    assert result.exit_code == 2 and result.stderr == "Error: no file name given; give the path of a file\n"


def test_an_empty_decisions_or_gold_file_says_what_to_write_in_it(runner, files, tmp_path):
    old, new = files
    empty = tmp_path / "empty.yaml"
    empty.write_text("")
    (tmp_path / "none").mkdir()
    for args, message in [
        (["compare", str(old), str(new), "--decisions", str(empty)], f"Error: {empty}: file is empty; write a"),
        (["eval", str(empty)], f"Error: {empty}: file is empty; write a"),
        (["eval", str(tmp_path / "none")], f"Error: {tmp_path / 'none'}: folder holds no .yaml gold cases; "),
    ]:
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        assert ONE_LINE.fullmatch(result.stderr) and result.stderr.startswith(message), (args, result.stderr)
        assert "add demands" not in result.stderr


def test_a_single_position_is_named_by_its_file_not_by_its_source(runner, tmp_path):
    """A position's ``source:`` is a citation (Reuters, 13 March 2025), not a file to name in errors."""
    single = tmp_path / "single.yaml"
    single.write_text(OLD + "source: Reuters, 13 March 2025\n")
    for args in (["timeline", str(single)], ["corpus", str(single)], ["report", str(single), "--timeline"]):
        result = runner.invoke(cli, args)
        assert result.exit_code == 2, (args, result.output)
        assert result.stderr.startswith(f"Error: {single}: holds a single position;"), (args, result.stderr)
    with pytest.raises(InputError) as caught:
        api.timeline(Position((Statement("a", "A must go."),), source="Reuters, 13 March 2025"))
    assert caught.value.path is None


# --- fourth audit: leftovers of the third, and what a hostile user tried next ----------------


@pytest.mark.parametrize("mark", ["\u2028", "\u2029", "\x0c", "\x0b", "\x85", "\x1e"], ids=ascii)
@pytest.mark.parametrize("name", ["list.txt", "list.md", "list.csv"])
def test_a_line_or_paragraph_separator_inside_a_demand_is_a_space(tmp_path, name, mark):
    """str.splitlines ends a line at U+2028, a form feed and the rest: one demand was cut in two
    ("Tariffs must be cut" and "by half."); only \\n, \\r\\n and \\r end one now."""
    texts = [f"Tariffs must be cut{mark}by half.", f"Subsidies{mark}must end."]
    content = "text\n" + "\n".join(texts) + "\n" if name.endswith(".csv") else "\n".join(texts) + "\n"
    path = tmp_path / name
    path.write_text(content, encoding="utf-8", newline="")
    assert [s.text for s in api.load(path).statements] == ["Tariffs must be cut by half.", "Subsidies must end."]


def test_a_line_separator_in_yaml_does_not_shift_the_line_numbers(tmp_path):
    """YAML ends a line at U+2028 too: an error three lines on named line 8 of a five-line file."""
    path = tmp_path / "ls.yaml"
    path.write_text("party: A\ndemands:\n  - Tariffs\u2028must go\n  - {id: x\n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        api.load(path)
    assert info.value.line == 5, str(info.value)
    path.write_text("party: A\ndemands:\n  - Tariffs\u2028must go\n", encoding="utf-8")
    assert api.load(path).statements[0].text == "Tariffs must go"


@pytest.mark.parametrize("mark", ["\u200e", "\u200f", "\u061c", "\u2066", "\u202a\u202c"], ids=ascii)
def test_direction_marks_inside_a_number_are_dropped(tmp_path, mark):
    """ "Pay 2\u200e000 dollars" compared with "Pay 2000 dollars" was changed ("number: 2000 dollars -> -;
    number: 000 dollars -> -; date: - -> 2000")."""
    path = tmp_path / "marks.txt"
    path.write_text(f"Pay 2{mark}000 dollars.\n", encoding="utf-8")
    assert api.load(path).statements[0].text == "Pay 2000 dollars."
    found = api.extract(f"Russia demands that Ukraine must pay 2{mark}000 dollars.", "Russia")
    assert [s.text for s in found.statements] == ["Ukraine must pay 2000 dollars."]
    (tmp_path / "plain.txt").write_text("Pay 2000 dollars.\n")
    result = compare_call(api.load(path), api.load(tmp_path / "plain.txt"))
    assert [(i.status, i.changes) for i in result.items] == [("persisted", ())]


def test_texts_given_to_compare_are_cleaned_as_a_files_are():
    """compare() on lists of strings read "Pay 2\u200e000 dollars" as
    changed against "Pay 2000 dollars" and kept "must\u2028go", where a file's demands were cleaned."""
    result = compare_call(
        ["Pay 2\u200e000 dollars.", "Tariffs  must\u2028go"], ["Pay 2000 dollars.", "Tariffs must go"]
    )
    assert [(i.status, i.old.text, i.changes) for i in result.items] == [
        ("persisted", "Pay 2000 dollars.", ()),
        ("persisted", "Tariffs must go", ()),
    ]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_a_byte_order_mark_are_read(runner, tmp_path, encoding):
    """They were refused as "looks like a binary file"."""
    text = "party: A\ndate: 2024-01-01\ndemands:\n  - Tariffs on steel must go.\n  - Субсидии должны быть отменены.\n"
    path = tmp_path / "round.yaml"
    path.write_bytes(text.encode(encoding))
    assert [s.text for s in api.load(path).statements][1] == "Субсидии должны быть отменены."
    result = runner.invoke(cli, ["rounds", "-", "--format", "csv"], input=text.encode(encoding))
    assert result.exit_code == 0 and result.stdout == "party,date,round,demands\nA,2024-01-01,,2\n", result.output


@pytest.mark.parametrize(
    "raw",
    [
        "- Tariffs must go.\n".encode("utf-16-le")[:-1],  # cut short
        b"- Tariffs must go.\x00\n- Subsidies must end.\n",  # a stray NUL in UTF-8
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ],
    ids=["odd length", "stray nul", "png"],
)
def test_bytes_that_are_no_utf16_text_are_still_refused_as_binary(tmp_path, raw):
    path = tmp_path / "list.txt"
    path.write_bytes(raw)
    with pytest.raises(InputError, match=r"list\.txt: looks like a binary file; .* saved as UTF-8$"):
        api.load(path)


def _timeline():
    return api.timeline(FIXTURE)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: api.extract("Russia must go.", split_rounds="no"), "split_rounds must be true or false, not str"),
        (lambda: api.extract("Russia must go.", keep_fragments=1), "keep_fragments must be true or false, not int"),
        (lambda: api.extract("Russia must go.", source=5), "source must be a text (str), not int"),
        (lambda: api.evaluate(ROOT / "tests" / "gold", loo="no"), "loo must be true or false, not str"),
        (lambda: api.report(_comparison(), review="no"), "review must be true or false, not str"),
        (lambda: api.review(_one_round(), _one_round(), "d.yaml", limit="3"), "limit must be a number of answers"),
        (lambda: api.review(_one_round(), _one_round(), "d.yaml", by=5), "by must be a name (str), not int"),
        (lambda: _comparison().only(5), "only() takes a status or a list of statuses, not int"),
        (lambda: Position.from_texts("abc"), "from_texts() takes a list of demand texts, not a single string"),
        (lambda: Position((Statement("a", "x"),), party=5), "a position's party must be a string, not int"),
        (lambda: compare_call(["a must go."], ["b must go."], treshold=1), "unknown setting(s) treshold; known:"),
        (lambda: Settings.load(None), "Settings.load() takes a file path (str or Path), not NoneType"),
        (lambda: api.plot(_timeline(), None), "plot() takes a file path (str or Path), not NoneType"),
    ],
    ids=[
        "split_rounds str",
        "keep_fragments int",
        "source int",
        "loo str",
        "review str",
        "limit str",
        "by int",
        "only int",
        "from_texts str",
        "party int",
        "unknown override",
        "settings none",
        "plot none",
    ],  # fmt: skip
)
def test_library_arguments_of_the_wrong_kind_are_type_errors_naming_them(call, message, tmp_path, monkeypatch):
    """``split_rounds="no"`` was taken as true, ``from_texts("abc")`` made three demands, ``limit="3"`` failed
    deep in the terminal ('<' not supported), ``plot(tl, None)`` drew into a file named None."""
    monkeypatch.chdir(tmp_path)
    with pytest.raises(TypeError) as info:
        call()
    assert message in str(info.value)
    assert not list(tmp_path.iterdir())  # no decisions file, no picture


def test_extract_check_reads_the_hand_list_from_standard_input(runner, tmp_path):
    """`extract FILE --check -` said "-: no such file; check the path"."""
    article = tmp_path / "article.txt"
    article.write_text("Russia demands that NATO must stop expanding. Ukraine must stay neutral.\n")
    hand = "- NATO must stop expanding.\n- Ukraine must stay neutral.\n"
    result = runner.invoke(cli, ["extract", str(article), "--check", "-"], input=hand)
    assert result.exit_code == 0, result.output
    assert re.search(r"total\s+2\s+2\s+2\s+2\s+1\.0\s+1\.0", result.stdout), result.stdout
    both = runner.invoke(cli, ["extract", "-", "--check", "-"], input=hand)
    assert both.exit_code == 2
    assert both.stderr.startswith("Error: FILE and --check are both '-'; standard input holds one of them")
    empty = runner.invoke(cli, ["extract", str(article), "--check", "-"], input="")
    assert empty.stderr == "Error: <stdin>: standard input is empty; pipe a position file in\n"


@pytest.mark.parametrize(
    ("args", "option"),
    [
        (["compare", "OLD", "NEW", "--settings", "-"], "--settings"),
        (["compare", "OLD", "NEW", "--decisions", "-"], "--decisions"),
        (["review", "OLD", "NEW", "-d", "-"], "-d"),
        (["eval", "-"], "GOLD"),
    ],
    ids=["settings", "decisions", "review", "eval"],
)
def test_options_that_take_a_file_only_refuse_a_dash(runner, files, tmp_path, monkeypatch, args, option):
    """`review -d -` wrote the decisions to a file named '-'; `--settings -` said "-: no such file"."""
    monkeypatch.chdir(tmp_path)
    args = [{"OLD": str(files[0]), "NEW": str(files[1])}.get(a, a) for a in args]
    result = runner.invoke(cli, args, input="a\n")
    assert result.exit_code == 2, result.output
    assert ONE_LINE.fullmatch(result.stderr), result.stderr
    assert result.stderr.startswith(f"Error: {option} names ") and "not '-'" in result.stderr, result.stderr
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ('party: A\ndemands:\n  - ok\n  - "Tariffs\x0cmust go"\n', "control character U+000C is not allowed", 4),
        ("party: A\ndemands: [a]\n---\nparty: B\ndemands: [b]\n", "a second document (---) starts here", 3),
        ("base: {party: A}\n<<: {party: B}\ndemands: [a]\n", "YAML merge keys (<<) are not allowed", 2),
        ("party: !!python/object:os.system x\ndemands: [a]\n", "the tag !!python/object:os.system is not allowed", 1),
    ],
    ids=["control character", "two documents", "merge key", "python tag"],
)
def test_yaml_faults_name_their_line_and_the_fix(tmp_path, content, message, line):
    """They read "unacceptable character #x000c ... in "<unicode string>", position 47" (no line), "but found
    another document; fix the syntax", "could not determine a constructor for the tag ..."."""
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        api.load(path)
    assert message in info.value.message and info.value.line == line, str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    ("content", "message", "line"),
    [
        ('id,text\n1,"Tariffs must go\n2,Subsidies must end\n', "a quoted cell on this line is never closed", 2),
        ('id,text\n1,ok\n2,"Tariffs" must go\n', "text after the closing quote of a cell", 3),
        ('id,text\n1,"' + "x" * 200_000 + '"\n', "is over 131,072 characters", 2),
    ],
    ids=["open quote", "text after quote", "huge cell"],
)
def test_csv_quotes_left_open_are_refused_at_the_row_they_open(tmp_path, content, message, line):
    """An open quote swallowed every row after it into one demand, silently; in a large file it was
    "field larger than field limit (131072)" thousands of lines further on."""
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as info:
        api.load(path)
    assert message in info.value.message and info.value.line == line, str(info.value)


def test_a_wrapped_list_item_and_a_comment_over_several_lines_are_read_as_markdown(tmp_path):
    """A bullet wrapped onto an indented line was two demands ("Tariffs on steel must", "be removed by
    2030."); the lines of an HTML comment were demands, "-->" too."""
    path = tmp_path / "list.md"
    path.write_text(
        "<!--\nDraft: tariffs must go\n-->\n- Tariffs on steel must\n  be removed by 2030.\n"
        "  - Subsidies must end.\n\n  An indented line after a blank one.\n"
    )
    loaded = api.load(path)
    assert [s.text for s in loaded.statements] == [
        "Tariffs on steel must be removed by 2030.",
        "Subsidies must end.",
        "An indented line after a blank one.",
    ]


def test_demands_in_front_matter_are_refused_not_dropped(tmp_path):
    path = tmp_path / "front.md"
    path.write_text("---\nparty: A\ndemands:\n  - Tariffs must go.\n---\n- Subsidies must end.\n")
    with pytest.raises(InputError) as info:
        api.load(path)
    assert str(info.value) == (
        f"{path}:2: front matter holds 'demands:'; list the demands below the closing '---', one per line"
    )


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Russia said 3000 years ago that NATO must leave.", "2025-01-01"),
        ("Russia said 99999999999 weeks ago that NATO must leave.", "2025-01-01"),
        ("Last year Russia said that NATO must leave.", "0001-01-01"),
        ("Yesterday Russia said that NATO must leave.", "0001-01-01"),
    ],
    ids=["3000 years", "weeks overflow", "last year of year 1", "yesterday of year 1"],
)
def test_relative_time_cues_before_the_calendar_starts_are_undated_rounds(text, date):
    """They were internal errors: "ValueError: year -975 is out of range", "OverflowError"."""
    found = api.extract(text, date=date, split_rounds=True)
    assert [s.text for p in found for s in p.statements] == ["NATO must leave."]


def test_the_error_log_is_never_written_through_a_symbolic_link(runner, monkeypatch, tmp_path):
    """A link planted at last-error.log (in the shared temporary folder) had its target overwritten."""
    victim = tmp_path / "victim"
    victim.write_text("precious\n")
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "last-error.log").symlink_to(victim)
    monkeypatch.setenv("DEMANDDIFF_CACHE_DIR", str(cache))
    monkeypatch.setattr("tempfile.gettempdir", lambda: str(tmp_path / "tmp"))

    def crash(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "rounds", crash)
    result = runner.invoke(cli, ["rounds", str(FIXTURE)])
    assert result.exit_code == 3
    assert victim.read_text() == "precious\n"
    assert f"the traceback is in {tmp_path / 'tmp' / 'last-error.log'}" in result.stderr, result.stderr


def test_two_empty_rounds_say_so_once_and_plot_without_a_warning(runner, tmp_path):
    pytest.importorskip("matplotlib")
    empty = tmp_path / "empty.yaml"
    empty.write_text("party: A\ndate: 2024-01-01\ndemands: []\n")
    result = runner.invoke(cli, ["compare", str(empty), str(empty)])
    assert result.exit_code == 0
    assert result.stderr == f"Warning: {empty} and {empty} have no demands: there is nothing to compare\n"
    data = tmp_path / "rounds.yaml"
    data.write_text(
        "positions:\n  - {party: A, date: 2024-01-01, demands: []}\n  - {party: A, date: 2025-01-01, demands: []}\n"
    )
    result = runner.invoke(cli, ["timeline", str(data), "--plot", str(tmp_path / "p.png"), "-o", str(tmp_path / "t")])
    assert result.exit_code == 0 and result.stderr == "", result.stderr
    assert (tmp_path / "p.png").read_bytes()[:4] == b"\x89PNG"
