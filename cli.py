"""The demanddiff command line: each command is one library call plus rendering."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import re
import sys
import tempfile
import traceback
import warnings
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from functools import wraps
from pathlib import Path

import click
from click.core import ParameterSource

from . import api, outputs
from .compare import Engine, Settings
from .compare.embed import ALLOW_DOWNLOAD, TruncationWarning
from .compare.eval.baselines import BASELINES
from .compare.eval.metrics import SUMMARY_HEADERS, summary_row
from .compare.render.plot import check_plot_target
from .compare.render.report import REPORT_FORMATS
from .compare.render.tables import FORMATS, render_rows
from .compare.result import FILTERS
from .positions import InputError, Position, load, parse_date
from .positions.gold import load_gold
from .positions.model import pair_warnings
from .positions.readers import INPUT_FORMATS, STDIN, loads, read_source, read_stdin
from .positions.writers import to_json, to_yaml


class StatusList(click.ParamType):
    """A comma-separated list of statuses (or ``doubtful``): ``changed,reversed``."""

    name = "STATUS[,STATUS]"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        chosen = tuple(v.strip().lower() for v in str(value).split(",") if v.strip())
        bad = [v for v in chosen if v not in FILTERS]
        if bad or not chosen:
            self.fail(f"{', '.join(bad) or value!r} is not a status; choose from {', '.join(FILTERS)}", param, ctx)
        return chosen


class Date(click.ParamType):
    name = "YYYY-MM-DD"

    def convert(self, value, param, ctx):
        if isinstance(value, dt.date):
            return value
        try:
            return parse_date(value)
        except InputError as exc:
            self.fail(exc.message, param, ctx)


# Which format a file name asks for: the first of these the command can write.
SUFFIX_FORMATS = {
    ".json": ("json",),
    ".csv": ("csv",),
    ".tsv": ("tsv",),
    ".md": ("markdown", "github"),
    ".markdown": ("markdown", "github"),
    ".html": ("html",),
    ".htm": ("html",),
    ".tex": ("latex",),
}


def format_for(output: str, formats, default: str) -> str:
    """The format ``-o FILE`` asks for by its extension; ``default`` for other names."""
    suffix = Path(output).suffix.lower()
    wanted = SUFFIX_FORMATS.get(suffix)
    if wanted is None:
        return default
    chosen = next((f for f in wanted if f in formats), None)
    if chosen is None:
        known = ", ".join(s for s, fs in SUFFIX_FORMATS.items() if any(f in formats for f in fs))
        raise click.UsageError(f"-o {output}: this command writes no {suffix} files; name it {known}, or give --format")
    return chosen


def output_options(fn=None, *, formats=FORMATS, default="simple", help=None):
    """--format and -o, shared by every command that prints something; ``formats`` narrows the choice.

    Without --format, the extension of ``-o FILE`` picks the format (``SUFFIX_FORMATS``).
    """

    def decorate(fn):
        @click.option(
            "--format",
            "fmt",
            type=click.Choice(formats),
            default=default,
            show_default=True,
            metavar="FORMAT",
            help=help or f"Output format: json, csv, tsv or a tabulate format ({', '.join(FORMATS[2:])}).",
        )
        @click.option(
            "-o",
            "--output",
            type=click.Path(),
            default=None,
            help="Write to FILE (atomically) instead of standard output; without --format, its extension "
            f"({', '.join(s for s, fs in SUFFIX_FORMATS.items() if any(f in formats for f in fs))}) picks the format.",
        )
        @wraps(fn)
        def wrapper(*args, raw_csv=False, **kwargs):
            output = kwargs.get("output")
            if output and click.get_current_context().get_parameter_source("fmt") is ParameterSource.DEFAULT:
                kwargs["fmt"] = format_for(output, formats, default)
            if raw_csv:
                if kwargs.get("fmt") != "csv":
                    raise click.UsageError("--raw-csv applies to --format csv only")
                kwargs["fmt"] = "csv-raw"
            return fn(*args, **kwargs)

        if "csv" in formats:
            wrapper = click.option(
                "--raw-csv",
                is_flag=True,
                help="CSV: keep cells that start with = + - @ as they are (a spreadsheet may run them as formulas).",
            )(wrapper)
        return wrapper

    return decorate(fn) if fn is not None else decorate


def input_format_option(fn):
    """--input-format: how to read '-' (standard input) or a file whose name has no known extension."""
    return click.option(
        "--input-format",
        type=click.Choice(tuple(INPUT_FORMATS)),
        help="Format of a position read from '-' (standard input) or from a file without a known "
        "extension. Default: from the extension, else sniffed from the content.",
    )(fn)


def read_position(path: str, input_format: str | None = None):
    """A position file, or '-' for standard input (read once per command, whatever asks again)."""
    if path != "-":
        return load(path, input_format)
    meta = click.get_current_context().find_root().meta
    if "demanddiff.stdin" not in meta:
        text = read_stdin()
        meta["demanddiff.stdin"] = loads(text, STDIN, input_format)
    return meta["demanddiff.stdin"]


INPUT_PARAMS = ("old", "new", "dataset", "file", "gold", "settings_path", "decision_paths")
OUTPUT_PARAMS = {"output": "-o", "plot": "--plot", "tune_path": "--tune", "decisions_path": "-d"}
FILE_ONLY = {"settings_path": "--settings", "decision_paths": "--decisions", "decisions_path": "-d"}  # never '-'


def _check_file_only(kwargs: dict) -> None:
    """'-' for an option that reads (or writes) a file only: a usage error, not a file named '-'."""
    for name, option in FILE_ONLY.items():
        value = kwargs.get(name)
        if value == "-" or (isinstance(value, tuple) and "-" in value):
            raise click.UsageError(f"{option} names a file, not standard input or output; give a file name, not '-'")


def _check_outputs(kwargs: dict) -> None:
    """Before any work: every output can be written and none is an input or another output."""
    inputs: list[str] = []
    for name in INPUT_PARAMS:
        value = kwargs.get(name)
        for item in value if isinstance(value, tuple) else [value]:
            if item and item != "-":
                inputs.append(item)
                if os.path.isdir(item):  # a folder of gold cases: each of its files
                    inputs += [str(p) for p in Path(item).iterdir()]
    seen: dict[str, str] = {}  # the real path of each output checked, and its option
    for name, option in OUTPUT_PARAMS.items():
        target = kwargs.get(name)
        if target is None or target == "-":
            continue
        outputs.check_target(target, inputs + list(seen), option)
        other = seen.get(os.path.realpath(target))
        if other is not None:  # one file not there yet, named twice
            raise InputError(f"is also the {other} output; write {option} to another file", target)
        seen[os.path.realpath(target)] = option


def input_errors(fn):
    """Check outputs first, stage them until the command succeeds, and turn library InputErrors
    into one-line errors (exit 2, no traceback)."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        _check_file_only(kwargs)
        try:
            _check_outputs(kwargs)
        except InputError as exc:  # a fault of an output name, not of the dataset
            raise BadInput(str(exc)) from None
        try:
            with outputs.staging():
                return fn(*args, **kwargs)
        except InputError as exc:
            if exc.path is None and kwargs.get("dataset"):  # a fault of the one input: name it
                exc = InputError(exc.message, _name(kwargs["dataset"]), exc.line)
            raise BadInput(str(exc)) from None

    return wrapper


def engine_options(fn):
    """--model, --no-cache and --settings, shared by every command that compares."""

    @click.option(
        "--model",
        help="Sentence-transformers model: a local directory or a cached model name. "
        "Default: the bundled all-MiniLM-L6-v2.",
    )
    @click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache.")
    @click.option("--settings", "settings_path", type=click.Path(), help="YAML file of scoring settings.")
    @click.option(
        "--allow-download",
        is_flag=True,
        help="Let a --model name that is not cached download from the Hugging Face hub "
        "(also: DEMANDDIFF_ALLOW_DOWNLOAD=1).",
    )
    @wraps(fn)
    def wrapper(*args, allow_download=False, **kwargs):
        if not allow_download:
            return fn(*args, **kwargs)
        before = os.environ.get(ALLOW_DOWNLOAD)
        os.environ[ALLOW_DOWNLOAD] = "1"
        try:
            return fn(*args, **kwargs)
        finally:
            if before is None:
                os.environ.pop(ALLOW_DOWNLOAD, None)
            else:
                os.environ[ALLOW_DOWNLOAD] = before

    return wrapper


def decisions_option(fn):
    """--decisions, shared by every command that compares: an analyst's verdicts to apply."""

    @click.option(
        "--decisions",
        "decision_paths",
        multiple=True,
        type=click.Path(),
        help="Decisions file (demanddiff review, or a gold case) whose verdicts replace the engine's; "
        "repeatable; for a timeline, one per pair of rounds or a folder. See docs/review.md.",
    )
    @wraps(fn)
    def wrapper(*args, **kwargs):
        return fn(*args, **kwargs)

    return wrapper


_EXECUTOR: ContextVar = ContextVar("executor", default=None)  # set by cluster_options for _engine


def cluster_options(fn):
    """--engine, --address and --workers: run the heavy work here, or on a Dask cluster."""

    @click.option(
        "--engine",
        "engine_kind",
        type=click.Choice(("local", "dask")),
        default="local",
        show_default=True,
        help="Embed and compare in this process, or on a Dask cluster (needs the [dask] extra).",
    )
    @click.option("--address", metavar="URL", help="With --engine dask: the scheduler, e.g. tcp://host:8786.")
    @click.option(
        "--workers",
        type=click.IntRange(min=1),
        metavar="N",
        help="With --engine dask: start a local cluster of N worker processes (default: one per core).",
    )
    @wraps(fn)
    def wrapper(*args, engine_kind, address, workers, **kwargs):
        if engine_kind == "local":
            if address or workers:
                raise click.UsageError("--address and --workers need --engine dask")
            return fn(*args, **kwargs)
        if address and workers:
            raise click.UsageError("give --address (a running scheduler) or --workers (a local cluster), not both")
        from .compare.distributed import DaskExecutor, cluster

        with ExitStack() as stack:
            try:
                client = stack.enter_context(cluster(address, workers))
            except InputError as exc:
                raise BadInput(str(exc)) from None
            token = _EXECUTOR.set(DaskExecutor(client))
            try:
                return fn(*args, **kwargs)
            finally:
                _EXECUTOR.reset(token)

    return wrapper


def _decisions(paths) -> list:
    from .positions.decisions import load_decisions

    return load_decisions(paths) if paths else []


def _decided(paths):
    """All the decisions files given, as one set of decisions for a two-round comparison (or None)."""
    from .positions.decisions import merge

    return merge(_decisions(paths))


class BadInput(click.ClickException):
    """Bad input or usage: exit 2 with one line; control characters quoted from the input are shown escaped."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(_UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), message))


# Characters that would break the one-line message or act on the terminal (line breaks, escapes, bidi).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _to_stdout(write) -> None:
    """Run ``write`` (which prints to standard output) and flush: a closed pipe exits 141, any
    other failure to write is one line of bad input."""
    try:
        write()
        sys.stdout.flush()
    except BrokenPipeError:
        _silence_stdout()
        sys.exit(EXIT_PIPE)
    except OSError as exc:
        _silence_stdout()
        raise BadInput(f"cannot write to standard output: {exc.strerror}") from None


def emit(text: str, output: str | None) -> None:
    """Print, or stage ``output`` (see ``outputs``): written whole, and only when the command succeeds."""
    if output is None or output == "-":
        _to_stdout(lambda: click.echo(text, nl=False))
        return
    stage = outputs.current()
    if stage is None:  # called outside a command: write at once
        with outputs.staging() as stage:
            stage.write_text(output, text)
    else:
        stage.write_text(output, text)


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (CliRunner)
        pass


EXIT_PIPE = 141  # standard output closed early (| head), as a shell reports SIGPIPE
EXIT_CODES = """\b
Exit codes:
  0    ok
  1    a --fail-on status was found (the output is still written)
  2    bad input or usage: one line, Error: FILE:LINE: what; fix
  3    internal error: one line naming the log; --debug prints the traceback
  130  interrupted (Ctrl-C)
  141  standard output closed early (| head)
"""


ENVIRONMENT_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM, errno.EIO}


class Cli(click.Group):
    """The command group; turns every failure into its exit code (see EXIT_CODES)."""

    def make_context(self, *args, **kwargs) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.UsageError as exc:
            raise _one_line(exc) from None

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _one_line(exc) from None
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)
        except InputError as exc:
            raise BadInput(str(exc)) from None
        except OSError as exc:
            if exc.errno not in ENVIRONMENT_ERRNOS:
                raise self._internal(ctx, exc) from None
            where = f"{exc.filename}: " if exc.filename else ""
            raise BadInput(f"{where}{exc.strerror}; free some space or check the permissions") from None
        except Exception as exc:  # noqa: BLE001 - every other failure is ours: exit 3, one line
            raise self._internal(ctx, exc) from None

    @staticmethod
    def _internal(ctx: click.Context, exc: BaseException) -> click.exceptions.Exit:
        """Report an internal error in one line naming the log (the traceback with --debug): exit 3."""
        log = _log_traceback()
        if ctx.params.get("debug"):
            traceback.print_exc(file=sys.stderr)
        what = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        where = f"the traceback is in {log}" if log else "the traceback could not be saved"
        click.echo(f"Error: internal error ({what}); {where}; rerun with --debug to print it", err=True)
        return click.exceptions.Exit(3)


def _one_line(exc: click.UsageError) -> click.ClickException:
    """A usage error as one line naming the help to read (exit 2); no arguments at all still show the help."""
    if isinstance(exc, click.exceptions.NoArgsIsHelpError):
        return exc
    command = " ".join(["demanddiff", *(exc.ctx.command_path.split()[1:] if exc.ctx else [])])
    return BadInput(f"{exc.format_message().rstrip('.')}; see '{command} --help'")


def _log_traceback() -> str | None:
    """Write the current exception's traceback to the log file; its path, or None."""
    from .compare.cache import default_cache_dir

    text = f"demanddiff {' '.join(sys.argv[1:])}\n{traceback.format_exc()}"
    for folder in (default_cache_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / "last-error.log"
            # never through a symbolic link: in the shared temporary folder another user may have planted one
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_NOFOLLOW", 0), 0o600)
            with open(fd, "w", encoding="utf-8", errors="replace") as fh:
                fh.write(text)
            return str(path)
        except OSError:
            continue
    return None


@click.group(
    cls=Cli,
    epilog=EXIT_CODES,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.option("--debug", is_flag=True, envvar="DEMANDDIFF_DEBUG", help="On an internal error, print the traceback.")
@click.version_option(package_name="demanddiff")
def cli(debug):
    """Compare negotiating positions over time: what persisted, changed, was reversed,
    dropped, or is new, demand by demand."""


def _engine(model: str | None, no_cache: bool, settings_path: str | None) -> Engine:
    settings = Settings.load(settings_path) if settings_path is not None else None
    return Engine(model, cache=not no_cache, settings=settings, executor=_EXECUTOR.get())


def _pick(path: str, date: dt.date | None, party: str | None, flag: str, input_format: str | None) -> Position:
    loaded = read_position(path, input_format)
    if isinstance(loaded, Position):
        if date is not None:
            raise InputError(f"holds a single position; {flag} applies to datasets only", _name(path))
        return loaded
    if date is None:
        if len(loaded) == 1:
            return loaded.positions[0]
        raise InputError(
            f"holds {len(loaded)} rounds; choose one with {flag} DATE (see: demanddiff rounds {path})", _name(path)
        )
    return loaded.select(date, party)


def round_inputs(first: str = "", last: str = ""):
    """OLD [NEW], --from, --to, --party, --input-format and --strict: two files (either may be '-',
    standard input), or one dataset and two dates."""

    def decorate(fn):
        for option in reversed(
            (
                click.argument("old", type=click.Path()),
                click.argument("new", type=click.Path(), required=False),
                click.option(
                    "--from", "date_from", type=Date(), help=f"Old round: this date or the latest before it{first}."
                ),
                click.option(
                    "--to", "date_to", type=Date(), help=f"New round: this date or the latest before it{last}."
                ),
                click.option("--party", help="Party to compare, when a dataset holds several."),
                input_format_option,
                click.option(
                    "--strict",
                    is_flag=True,
                    help="Make the warnings errors (exit 2): different parties, NEW dated before OLD, an empty side.",
                ),
            )
        ):
            fn = option(fn)
        return fn

    return decorate


def _two_rounds(
    old: str, new: str | None, date_from, date_to, party, input_format=None, strict=False, also: str = ""
) -> tuple[Position, Position]:
    """The two positions to compare: two files, or one dataset with --from and --to (``also``: other ways).

    Each sanity warning (``pair_warnings``) is one line on stderr, or with ``strict`` an error."""
    if new is None:
        if date_from is None or date_to is None:
            raise click.UsageError(f"with one file, give --from DATE and --to DATE (or give two files{also})")
        if date_from > date_to:
            raise click.UsageError(f"--from {date_from} is after --to {date_to}; swap them")
        pair = _pick(old, date_from, party, "--from", input_format), _pick(old, date_to, party, "--to", input_format)
        names = (f"{_name(old)} --from {date_from}", f"{_name(old)} --to {date_to}")
    else:
        if old == new == "-":
            raise click.UsageError(
                "OLD and NEW are both '-'; standard input holds one of them, give the other as a file"
            )
        pair = _pick(old, date_from, party, "--from", input_format), _pick(new, date_to, party, "--to", input_format)
        names = (_name(old), _name(new))
    for message in pair_warnings(*pair, *names):
        if strict:
            raise BadInput(f"{message} (an error with --strict)")
        click.echo(f"Warning: {message}", err=True)
    return pair


def _name(path: str) -> str:
    """A path as messages name it: '-' is standard input."""
    return STDIN if path == "-" else path


@cli.command()
@round_inputs()
@click.option("--only", type=StatusList(), help="Show only items with these statuses (or doubtful: the unsure ones).")
@click.option(
    "--fail-on",
    type=StatusList(),
    help="Exit 1 when any item has one of these statuses (or is doubtful); every item counts, whatever --only shows.",
)
@decisions_option
@engine_options
@cluster_options
@output_options
@input_errors
def compare(
    old,
    new,
    date_from,
    date_to,
    party,
    input_format,
    strict,
    only,
    fail_on,
    decision_paths,
    model,
    no_cache,
    settings_path,
    fmt,
    output,
):
    """Compare two rounds of demands.

    OLD and NEW are two position files ('-' reads one from standard input); or give one
    DATASET with --from and --to:

    \b
        demanddiff compare old.yaml new.yaml
        demanddiff compare fixtures/russia.yaml --from 2021-12-17 --to 2025-03-14
        demanddiff extract speech.txt --party Eastmark | demanddiff compare old.yaml -
    """
    old_p, new_p = _two_rounds(old, new, date_from, date_to, party, input_format, strict)
    engine = _engine(model, no_cache, settings_path)
    decided = _decided(decision_paths)
    with warnings_as_lines([(old, old_p), (new or old, new_p)]):
        result = engine.compare(old_p, new_p, decisions=decided)
    shown = result.only(only) if only else result
    emit(api.render(shown, fmt), output)
    if fail_on and result.only(fail_on).items:
        sys.exit(1)


@cli.command()
@click.argument("dataset", type=click.Path())
@click.option("--party", help="Only this party's rounds.")
@input_format_option
@output_options
@input_errors
def rounds(dataset, party, input_format, fmt, output):
    """List the rounds of a dataset ('-': standard input): party, date, round, number of demands."""
    positions = api.rounds(read_position(dataset, input_format), party)
    headers = ("party", "date", "round", "demands")
    body = [[p.party, p.date.isoformat() if p.date else None, p.round, len(p)] for p in positions]
    emit(render_rows(headers, body, fmt, wrap_columns=(2,)), output)


@cli.command("eval")
@click.argument("gold", nargs=-1, required=True, type=click.Path())
@click.option(
    "--baseline",
    "baselines",
    multiple=True,
    type=click.Choice(tuple(BASELINES)),
    help="Run this reference aligner instead of the engine (repeatable). Default: the engine and all baselines.",
)
@click.option("--loo", is_flag=True, help="Leave one case out: tune on the other cases, score each held-out case.")
@click.option(
    "--tune",
    "tune_path",
    type=click.Path(),
    help="Fit the settings on GOLD, write them to FILE (for --settings), and report leave-one-case-out figures.",
)
@engine_options
@cluster_options
@output_options
@input_errors
def eval_(gold, baselines, loo, tune_path, model, no_cache, settings_path, fmt, output):
    """Measure accuracy on hand-labelled gold cases (files or folders of YAML), or on verdict
    batteries (files with `battery:` and `pairs:`, see tests/battery/README.md).

    Decisions files (demanddiff review) count as gold cases covering the statements they decide,
    so --tune fits the settings to a team's own reviewed comparisons too.

    Prints pair precision / recall / F1, statement accuracy, per-class and macro F1,
    reversals found and false reversals, for the engine and three baselines tuned on
    the same cases (difflib, fuzzy, embedding), in total and per case:

    \b
        demanddiff eval ../shared/gold --loo
        demanddiff eval ../shared/gold --tune my-settings.yaml
        demanddiff eval tests/battery/tune.yaml
    """
    from .compare.eval.battery import is_battery

    if "-" in gold:
        raise click.UsageError("GOLD names gold case files or folders, not standard input; give a file name, not '-'")
    batteries = [path for path in gold if is_battery(path)]
    if batteries and len(batteries) < len(gold):
        case = next(path for path in gold if path not in batteries)
        raise InputError(f"is a gold case, and {batteries[0]} a verdict battery; run eval on each kind apart", case)
    if batteries:
        engine = _engine(model, no_cache, settings_path)
        reports = api.evaluate_battery(gold, engine=engine)
        emit(_battery_output(reports, fmt, api.calibration(batteries=gold, engine=engine)), output)
        return
    cases = load_gold(gold)
    if (loo or tune_path) and len(cases) < 2:
        raise click.UsageError("leave-one-case-out needs at least two gold cases; give more, or leave out --loo/--tune")
    if tune_path and baselines:
        raise click.UsageError("--tune fits the engine; leave out --baseline")
    engine = _engine(model, no_cache, settings_path)
    if tune_path:
        emit(api.tune(cases, engine=engine).to_yaml(), tune_path)
        loo = True
    reports = api.evaluate(cases, methods=baselines or None, engine=engine, loo=loo)
    from .compare.eval.calibration import calibration_dict, reliability_text

    samples = api.calibration(cases, engine=engine) if not baselines else []
    if fmt == "json":
        mode = "leave-one-case-out" if loo else "in-sample"
        data = {"mode": mode, "reports": [r.to_dict() for r in reports]}
        if samples:
            data["calibration"] = calibration_dict(samples)
        emit(json.dumps(data, indent=2) + "\n", output)
        return
    body = [summary_row(r.method, r.total) for r in reports]
    body += [summary_row(f"{reports[0].method}: {name}", tally) for name, tally in reports[0].cases]
    table = render_rows(SUMMARY_HEADERS, body, fmt)
    if fmt not in ("csv", "csv-raw", "tsv"):
        how = "leave-one-case-out: each case scored with settings tuned on the others" if loo else "in-sample"
        statements = sum(
            len(c.old) + len(c.new) if c.decided is None else len(c.decided[0]) + len(c.decided[1]) for c in cases
        )
        table = f"{len(cases)} gold cases, {statements} statements; {how}\n\n{table}"
        if samples:
            title = "confidence of the engine's verdicts on aligned pairs (shipped settings)"
            table += "\n" + reliability_text(samples, title) + "\n"
    emit(table, output)


def _battery_output(reports, fmt: str, samples) -> str:
    """Accuracy, false and missed reversals, per-class accuracy, the pairs got wrong, and how
    well the confidences are calibrated."""
    from .compare.eval.battery import HEADERS, class_rows, summary_rows
    from .compare.eval.calibration import calibration_dict, reliability_text

    if fmt == "json":
        data = {"batteries": [r.to_dict() for r in reports], "calibration": calibration_dict(samples)}
        return json.dumps(data, indent=2) + "\n"
    parts = [render_rows(HEADERS, summary_rows(reports), fmt)]
    headers, body = class_rows(reports)
    parts.append(render_rows(headers, body, fmt))
    wrong = [[r.name, v.pair.id, v.pair.cls, v.pair.status, v.status] for r in reports for v in r.wrong()]
    if wrong:
        parts.append(render_rows(("battery", "id", "class", "gold", "found"), wrong, fmt))
    if fmt != "csv":
        parts.append(reliability_text(samples, "confidence of the verdicts") + "\n")
    return "\n".join(parts)


# Names a position file cannot have: a list, a table or a page would be read back as something else.
LIST_SUFFIXES = (".csv", ".tsv", ".md", ".markdown", ".txt", ".html", ".htm", ".tex")


@cli.command()
@click.argument("file", type=click.Path())
@click.option("--party", help="The party whose demands to keep (others' views are left out).")
@click.option("--alias", "aliases", multiple=True, help="Another name the text uses for the party (repeatable).")
@click.option("--date", "date", type=Date(), help="The text's date: what 'this month' or 'now' refers to.")
@click.option("--split-rounds", is_flag=True, help="Write one position per round the text speaks of (a dataset).")
@click.option(
    "--check",
    "gold",
    type=click.Path(),
    help="Print precision and recall against a hand list (GOLD; '-': standard input).",
)
@click.option(
    "--keep-fragments", is_flag=True, help="Keep demands with no verb phrase or pledge form (left out by default)."
)
@click.option("--model", help="Sentence-transformers model used to merge near-duplicates.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache.")
@click.option("-o", "--output", type=click.Path(), help="Write the position file to FILE: YAML, or JSON for FILE.json.")
@input_errors
def extract(file, party, aliases, date, split_rounds, gold, keep_fragments, model, no_cache, output):
    """Extract the demands in an article, speech or communiqué (text, Markdown or a saved web
    page; '-' reads standard input) as a position file.

    \b
        demanddiff extract article.txt --party Russia --date 2025-03-13 --split-rounds -o rounds.yaml
        demanddiff compare rounds.yaml --from 2021-09-01 --to 2025-03-13
    """
    suffix = Path(output).suffix.lower() if output and output != "-" else ""
    if suffix in LIST_SUFFIXES:
        raise click.UsageError(
            f"-o {output}: extract writes a position file in YAML or JSON, which a {suffix} file cannot hold; "
            "name it .yaml or .json"
        )
    if file == gold == "-":
        raise click.UsageError(
            "FILE and --check are both '-'; standard input holds one of them, give the other as a file"
        )
    write = to_json if suffix == ".json" else to_yaml
    text = read_stdin() if file == "-" else read_source(file, "add the text to extract demands from")
    engine = Engine(model, cache=not no_cache)
    source = "" if file == "-" else Path(file).name
    try:
        found = api.extract(
            text,
            party,
            date,
            aliases=aliases,
            split_rounds=split_rounds,
            engine=engine,
            source=source,
            keep_fragments=keep_fragments,
        )
    except InputError as exc:  # a fault of the text: name its file
        raise InputError(exc.message, exc.path or _name(file), exc.line) from None
    if not len(found):
        if party:
            why = f"no demands of {party!r} found; check --party (and --alias for other names of the party)"
        else:
            why = "no demands found: no sentence reads as a demand (must, should, demands that ...)"
        raise InputError(why, _name(file))
    if gold is None:
        emit(write(found), output)
        return
    from .compare.eval.extract_check import HEADERS, unmatched_lines

    try:
        scores = api.check_extraction(found, read_position(gold), text, engine=engine)
    except InputError as exc:  # a fault of the hand list: name its file
        raise InputError(exc.message, exc.path or _name(gold), exc.line) from None
    if output:
        emit(write(found), output)
    click.echo(render_rows(HEADERS, [s.row() for s in scores], "simple"), nl=False)
    click.echo(unmatched_lines(scores[-1]), nl=False)


@cli.command()
@click.argument("dataset", type=click.Path())
@click.option("--party", help="Party to follow, when the dataset holds several.")
@click.option("--from", "date_from", type=Date(), help="First round: this date or the latest before it.")
@click.option("--to", "date_to", type=Date(), help="Last round: this date or the latest before it.")
@click.option(
    "--plot",
    type=click.Path(),
    help="Also draw the timeline as a picture: FILE.png or FILE.svg (needs the [plot] extra).",
)
@input_format_option
@decisions_option
@engine_options
@cluster_options
@output_options
@input_errors
def timeline(
    dataset, party, date_from, date_to, plot, input_format, decision_paths, model, no_cache, settings_path, fmt, output
):
    """Follow each demand through every round of a dataset ('-': standard input).

    One row per demand thread, one column per round; a demand dropped and later made again
    continues its thread:

    \b
        demanddiff timeline fixtures/russia.yaml
        demanddiff timeline fixtures/russia.yaml --from 2022-03-29 --plot russia.png
    """
    if plot:
        check_plot_target(plot)
    loaded = read_position(dataset, input_format)
    decided = _decisions(decision_paths)
    with warnings_as_lines([]):
        tl = api.timeline(
            loaded, party, date_from, date_to, engine=_engine(model, no_cache, settings_path), decisions=decided
        )
    emit(api.render(tl, fmt), output)
    if plot:
        with warnings_as_lines([]):
            api.plot(tl, outputs.current().path_for(plot))


@cli.command()
@round_inputs(first=" (with --timeline: the first round)", last=" (with --timeline: the last round)")
@click.option("--timeline", "whole", is_flag=True, help="Report on every round of the dataset OLD, not on two.")
@click.option(
    "--review",
    "review_mode",
    is_flag=True,
    help="HTML of two rounds: per-row accept / set status / unlink, and a button that downloads the decisions file.",
)
@output_options(
    formats=REPORT_FORMATS,
    default="html",
    help="html: one self-contained page; markdown: the same content for a review or pull request.",
)
@decisions_option
@engine_options
@cluster_options
@input_errors
def report(
    old,
    new,
    date_from,
    date_to,
    party,
    input_format,
    strict,
    whole,
    review_mode,
    fmt,
    output,
    decision_paths,
    model,
    no_cache,
    settings_path,
):
    """Write a review report: one HTML page that works offline, or Markdown.

    Takes the inputs of `compare` (two files, or a DATASET with --from and --to), or a whole
    dataset with --timeline:

    \b
        demanddiff report fixtures/russia.yaml --from 2021-12-17 --to 2025-03-14 -o report.html
        demanddiff report fixtures/russia.yaml --timeline -o timeline.html
        demanddiff report old.yaml new.yaml --format markdown
    """
    engine = _engine(model, no_cache, settings_path)
    if review_mode and (whole or fmt != "html"):
        raise click.UsageError("--review is for the HTML report of two rounds; leave out --timeline and --format")
    if whole:
        if new is not None:
            raise click.UsageError("--timeline takes one dataset file, not two")
        loaded = read_position(old, input_format)
        with warnings_as_lines([]):
            try:
                subject = api.timeline(
                    loaded, party, date_from, date_to, engine=engine, decisions=_decisions(decision_paths)
                )
            except InputError as exc:  # a fault of the one dataset: name it
                raise InputError(exc.message, exc.path or _name(old), exc.line) from None
    else:
        pair = _two_rounds(old, new, date_from, date_to, party, input_format, strict, also=", or --timeline")
        decided = _decided(decision_paths)
        with warnings_as_lines([]):
            subject = engine.compare(*pair, decisions=decided)
    emit(api.report(subject, fmt, review=review_mode), output)


@cli.command()
@round_inputs()
@click.option(
    "-d",
    "--decisions",
    "decisions_path",
    required=True,
    type=click.Path(),
    help="Decisions file: read to resume, written (atomically) after every answer.",
)
@click.option("--limit", type=click.IntRange(min=1), help="Stop after N answers.")
@click.option("--by", default="", help="Who decides, recorded in the file (default: your login name).")
@engine_options
@input_errors
def review(
    old, new, date_from, date_to, party, input_format, strict, decisions_path, limit, by, model, no_cache, settings_path
):
    """Confirm or correct the verdicts, least sure first, one key per answer.

    Takes the inputs of `compare`. Each answer is saved at once to the decisions file; run
    again to resume. Apply the decisions with `compare --decisions`:

    \b
        demanddiff review old.yaml new.yaml -d decisions.yaml
        demanddiff compare old.yaml new.yaml --decisions decisions.yaml
    """
    if "-" in (old, new):
        raise click.UsageError("review reads your answers from standard input; give the rounds as files, not '-'")
    old_p, new_p = _two_rounds(old, new, date_from, date_to, party, input_format, strict)
    api.review(old_p, new_p, decisions_path, engine=_engine(model, no_cache, settings_path), limit=limit, by=by)


@cli.command()
@click.argument("dataset", type=click.Path())
@click.option("--party", help="Only this party's rounds (default: every party's).")
@click.option("--only", type=StatusList(), help="Write only items with these statuses.")
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    help="Write to FILE (atomically) instead of standard output.",
)
@engine_options
@cluster_options
@input_errors
def corpus(dataset, party, only, output, model, no_cache, settings_path):
    """Compare every party's consecutive rounds of a dataset: one JSON line per item, streaming.

    Each line is an item of `compare --format json` with the party and the two rounds
    (party, from, to, from_round, to_round). Every text is embedded first (through the
    cache), then comparisons are written as they finish, in order; on a cluster, many at once:

    \b
        demanddiff corpus manifesto.csv -o changes.jsonl
        demanddiff corpus manifesto.csv --only dropped,reversed --engine dask --workers 8 -o out.jsonl
    """
    from .compare.corpus import json_lines

    if output and Path(output).resolve() == Path(dataset).resolve():
        raise click.UsageError(f"-o {output} is the dataset itself; write the results to another file")
    loaded = read_position(dataset)
    with warnings_as_lines([]):
        comparisons = api.corpus(loaded, party, engine=_engine(model, no_cache, settings_path))
        counts = _stream(json_lines(comparisons, only), output)
    click.echo(f"{counts} item(s) written{f' to {output}' if output else ''}", err=True)


def _stream(lines, output: str | None) -> int:
    """Write lines as they come to standard output, or to ``output`` (through ``outputs``, so a
    device, FIFO or symlink is kept, and a file is replaced whole); how many."""
    count = 0
    if output is None or output == "-":

        def write() -> None:
            nonlocal count
            for count, line in enumerate(lines, 1):  # noqa: B007 - the count is the result
                sys.stdout.write(line)

        _to_stdout(write)
        return count
    stage = outputs.current()
    tmp = stage.path_for(output)
    try:
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            for count, line in enumerate(lines, 1):  # noqa: B007
                fh.write(line)
    except OSError as exc:
        raise InputError(f"cannot write: {exc.strerror}; free some space or choose another -o", output) from None
    stage.commit()  # in place before the summary line says so
    return count


@contextmanager
def warnings_as_lines(sources: list[tuple[str, Position]]):
    """Show library warnings as one ``Warning: ...`` line each on stderr, naming the file and demand."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)  # other categories keep their filters
        yield
    for warning in caught:
        message = warning.message
        if isinstance(message, TruncationWarning) and sources:
            for path, position in sources:
                for s in position.statements:
                    if s.text in message.texts:
                        click.echo(
                            f"Warning: {path}: demand {s.id} is longer than the model's {message.limit}-token "
                            "input; only its start was compared; split it into several demands",
                            err=True,
                        )
        else:
            click.echo(f"Warning: {message}", err=True)


def main() -> None:
    try:
        cli(prog_name="demanddiff")
    except KeyboardInterrupt:  # between commands' own handling (while parsing, or while exiting)
        click.echo("Interrupted.", err=True)
        sys.exit(130)


if __name__ == "__main__":
    main()
