"""The demanddiff command line: each command is one library call plus rendering."""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
import tempfile
import warnings
from contextlib import ExitStack, contextmanager
from contextvars import ContextVar
from functools import wraps
from pathlib import Path

import click

from . import api
from .compare import Engine, Settings
from .compare.embed import TruncationWarning
from .compare.eval.baselines import BASELINES
from .compare.eval.metrics import SUMMARY_HEADERS, summary_row
from .compare.render.plot import check_plot_target
from .compare.render.report import REPORT_FORMATS
from .compare.render.tables import FORMATS, render_rows
from .compare.result import FILTERS
from .positions import InputError, Position, load, parse_date
from .positions.gold import load_gold
from .positions.readers import read_source
from .positions.writers import to_yaml


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


def output_options(fn=None, *, formats=FORMATS, default="simple", help=None):
    """--format and -o, shared by every command that prints something; ``formats`` narrows the choice."""

    def decorate(fn):
        @click.option(
            "--format",
            "fmt",
            type=click.Choice(formats),
            default=default,
            show_default=True,
            metavar="FORMAT",
            help=help or f"Output format: json, csv or a tabulate format ({', '.join(FORMATS[2:])}).",
        )
        @click.option(
            "-o",
            "--output",
            type=click.Path(dir_okay=False, writable=True),
            default=None,
            help="Write to FILE (atomically) instead of standard output.",
        )
        @wraps(fn)
        def wrapper(*args, **kwargs):
            return fn(*args, **kwargs)

        return wrapper

    return decorate(fn) if fn is not None else decorate


def input_errors(fn):
    """Turn library InputErrors into one-line usage errors (exit 2, no traceback)."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
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


class BadInput(click.ClickException):
    exit_code = 2


def emit(text: str, output: str | None) -> None:
    """Print, or write ``output`` atomically: a reader never sees half a file."""
    if output is None:
        click.echo(text, nl=False)
        return
    target = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="demanddiff")
def cli():
    """Compare negotiating positions over time: what persisted, changed, was reversed,
    dropped, or is new, demand by demand."""


def _engine(model: str | None, no_cache: bool, settings_path: str | None) -> Engine:
    settings = Settings.load(settings_path) if settings_path else None
    return Engine(model, cache=not no_cache, settings=settings, executor=_EXECUTOR.get())


def _pick(path: str, date: dt.date | None, party: str | None, flag: str) -> Position:
    loaded = load(path)
    if isinstance(loaded, Position):
        if date is not None:
            raise InputError(f"holds a single position; {flag} applies to datasets only", path)
        return loaded
    if date is None:
        if len(loaded) == 1:
            return loaded.positions[0]
        raise InputError(
            f"holds {len(loaded)} rounds; choose one with {flag} DATE (see: demanddiff rounds {path})", path
        )
    return loaded.select(date, party)


def round_inputs(first: str = "", last: str = ""):
    """OLD [NEW], --from, --to and --party: two files, or one dataset and two dates."""

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
            )
        ):
            fn = option(fn)
        return fn

    return decorate


def _two_rounds(old: str, new: str | None, date_from, date_to, party, also: str = "") -> tuple[Position, Position]:
    """The two positions to compare: two files, or one dataset with --from and --to (``also``: other ways)."""
    if new is None:
        if date_from is None or date_to is None:
            raise click.UsageError(f"with one file, give --from DATE and --to DATE (or give two files{also})")
        if date_from > date_to:
            raise click.UsageError(f"--from {date_from} is after --to {date_to}; swap them")
        return _pick(old, date_from, party, "--from"), _pick(old, date_to, party, "--to")
    return _pick(old, date_from, party, "--from"), _pick(new, date_to, party, "--to")


@cli.command()
@round_inputs()
@click.option("--only", type=StatusList(), help="Show only items with these statuses (or doubtful: the unsure ones).")
@click.option("--fail-on", type=StatusList(), help="Exit 1 when any item has one of these statuses (or is doubtful).")
@engine_options
@cluster_options
@output_options
@input_errors
def compare(old, new, date_from, date_to, party, only, fail_on, model, no_cache, settings_path, fmt, output):
    """Compare two rounds of demands.

    OLD and NEW are two position files; or give one DATASET with --from and --to:

    \b
        demanddiff compare old.yaml new.yaml
        demanddiff compare fixtures/russia.yaml --from 2021-12-17 --to 2025-03-14
    """
    old_p, new_p = _two_rounds(old, new, date_from, date_to, party)
    engine = _engine(model, no_cache, settings_path)
    with warnings_as_lines([(old, old_p), (new or old, new_p)]):
        result = engine.compare(old_p, new_p)
    shown = result.only(only) if only else result
    emit(api.render(shown, fmt), output)
    if fail_on and result.only(fail_on).items:
        sys.exit(1)


@cli.command()
@click.argument("dataset", type=click.Path())
@click.option("--party", help="Only this party's rounds.")
@output_options
@input_errors
def rounds(dataset, party, fmt, output):
    """List the rounds of a dataset: party, date, round, number of demands."""
    positions = api.rounds(dataset, party)
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
    type=click.Path(dir_okay=False),
    help="Fit the settings on GOLD, write them to FILE (for --settings), and report leave-one-case-out figures.",
)
@engine_options
@cluster_options
@output_options
@input_errors
def eval_(gold, baselines, loo, tune_path, model, no_cache, settings_path, fmt, output):
    """Measure accuracy on hand-labelled gold cases (files or folders of YAML).

    Prints pair precision / recall / F1, statement accuracy, per-class and macro F1,
    reversals found and false reversals, for the engine and three baselines tuned on
    the same cases (difflib, fuzzy, embedding), in total and per case:

    \b
        demanddiff eval ../shared/gold --loo
        demanddiff eval ../shared/gold --tune my-settings.yaml
    """
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
    if fmt == "json":
        mode = "leave-one-case-out" if loo else "in-sample"
        emit(json.dumps({"mode": mode, "reports": [r.to_dict() for r in reports]}, indent=2) + "\n", output)
        return
    body = [summary_row(r.method, r.total) for r in reports]
    body += [summary_row(f"{reports[0].method}: {name}", tally) for name, tally in reports[0].cases]
    table = render_rows(SUMMARY_HEADERS, body, fmt)
    if fmt != "csv":
        how = "leave-one-case-out: each case scored with settings tuned on the others" if loo else "in-sample"
        statements = sum(len(c.old) + len(c.new) for c in cases)
        table = f"{len(cases)} gold cases, {statements} statements; {how}\n\n{table}"
    emit(table, output)


@cli.command()
@click.argument("file", type=click.Path())
@click.option("--party", help="The party whose demands to keep (others' views are left out).")
@click.option("--alias", "aliases", multiple=True, help="Another name the text uses for the party (repeatable).")
@click.option("--date", "date", type=Date(), help="The text's date: what 'this month' or 'now' refers to.")
@click.option("--split-rounds", is_flag=True, help="Write one position per round the text speaks of (a dataset).")
@click.option("--check", "gold", type=click.Path(), help="Print precision and recall against a hand list (GOLD).")
@click.option("--model", help="Sentence-transformers model used to merge near-duplicates.")
@click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the position file to FILE.")
@input_errors
def extract(file, party, aliases, date, split_rounds, gold, model, no_cache, output):
    """Extract the demands in an article, speech or communiqué (text or Markdown) as a position file.

    \b
        demanddiff extract article.txt --party Russia --date 2025-03-13 --split-rounds -o rounds.yaml
        demanddiff compare rounds.yaml --from 2021-09-01 --to 2025-03-13
    """
    text = read_source(file)
    engine = Engine(model, cache=not no_cache)
    found = api.extract(
        text, party, date, aliases=aliases, split_rounds=split_rounds, engine=engine, source=Path(file).name
    )
    if not len(found):
        raise InputError("no demands found; check --party (and --alias for other names of the party)", file)
    if gold is None:
        emit(to_yaml(found), output)
        return
    from .compare.eval.extract_check import HEADERS

    scores = api.check_extraction(found, load(gold), text, engine=engine)
    if output:
        emit(to_yaml(found), output)
    click.echo(render_rows(HEADERS, [s.row() for s in scores], "simple"), nl=False)


@cli.command()
@click.argument("dataset", type=click.Path())
@click.option("--party", help="Party to follow, when the dataset holds several.")
@click.option("--from", "date_from", type=Date(), help="First round: this date or the latest before it.")
@click.option("--to", "date_to", type=Date(), help="Last round: this date or the latest before it.")
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, writable=True),
    help="Also draw the timeline as a picture: FILE.png or FILE.svg (needs the [plot] extra).",
)
@engine_options
@cluster_options
@output_options
@input_errors
def timeline(dataset, party, date_from, date_to, plot, model, no_cache, settings_path, fmt, output):
    """Follow each demand through every round of a dataset.

    One row per demand thread, one column per round; a demand dropped and later made again
    continues its thread:

    \b
        demanddiff timeline fixtures/russia.yaml
        demanddiff timeline fixtures/russia.yaml --from 2022-03-29 --plot russia.png
    """
    if plot:
        check_plot_target(plot)
    tl = api.timeline(dataset, party, date_from, date_to, engine=_engine(model, no_cache, settings_path))
    emit(api.render(tl, fmt), output)
    if plot:
        api.plot(tl, plot)


@cli.command()
@round_inputs(first=" (with --timeline: the first round)", last=" (with --timeline: the last round)")
@click.option("--timeline", "whole", is_flag=True, help="Report on every round of the dataset OLD, not on two.")
@output_options(
    formats=REPORT_FORMATS,
    default="html",
    help="html: one self-contained page; markdown: the same content for a review or pull request.",
)
@engine_options
@cluster_options
@input_errors
def report(old, new, date_from, date_to, party, whole, fmt, output, model, no_cache, settings_path):
    """Write a review report: one HTML page that works offline, or Markdown.

    Takes the inputs of `compare` (two files, or a DATASET with --from and --to), or a whole
    dataset with --timeline:

    \b
        demanddiff report fixtures/russia.yaml --from 2021-12-17 --to 2025-03-14 -o report.html
        demanddiff report fixtures/russia.yaml --timeline -o timeline.html
        demanddiff report old.yaml new.yaml --format markdown
    """
    engine = _engine(model, no_cache, settings_path)
    if whole:
        if new is not None:
            raise click.UsageError("--timeline takes one dataset file, not two")
        subject = api.timeline(old, party, date_from, date_to, engine=engine)
    else:
        subject = engine.compare(*_two_rounds(old, new, date_from, date_to, party, also=", or --timeline"))
    emit(api.report(subject, fmt), output)


@cli.command()
@click.argument("dataset", type=click.Path())
@click.option("--party", help="Only this party's rounds (default: every party's).")
@click.option("--only", type=StatusList(), help="Write only items with these statuses.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, writable=True),
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
    loaded = load(dataset)
    with warnings_as_lines([]):
        comparisons = api.corpus(loaded, party, engine=_engine(model, no_cache, settings_path))
        counts = _stream(json_lines(comparisons, only), output)
    click.echo(f"{counts} item(s) written{f' to {output}' if output else ''}", err=True)


def _stream(lines, output: str | None) -> int:
    """Write lines as they come to standard output, or to ``output`` atomically; how many."""
    count = 0
    if output is None:
        for count, line in enumerate(lines, 1):  # noqa: B007 - the count is the result
            click.echo(line, nl=False)
        return count
    target = Path(output)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            for count, line in enumerate(lines, 1):  # noqa: B007
                fh.write(line)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
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
    cli(prog_name="demanddiff")


if __name__ == "__main__":
    main()
