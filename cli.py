"""The demanddiff command line: each command is one library call plus rendering."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import warnings
from contextlib import contextmanager
from functools import wraps
from pathlib import Path

import click

from .compare import FORMATS, STATUSES, Settings, render
from .compare.embed import TruncationWarning
from .compare.engine import compare as compare_positions
from .compare.render import render_rows
from .positions import InputError, Position, PositionSet, load, parse_date


class StatusList(click.ParamType):
    """A comma-separated list of statuses: ``changed,reversed``."""

    name = "STATUS[,STATUS]"

    def convert(self, value, param, ctx):
        if isinstance(value, tuple):
            return value
        chosen = tuple(v.strip().lower() for v in str(value).split(",") if v.strip())
        bad = [v for v in chosen if v not in STATUSES]
        if bad or not chosen:
            self.fail(f"{', '.join(bad) or value!r} is not a status; choose from {', '.join(STATUSES)}", param, ctx)
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


def output_options(fn):
    """--format and -o, shared by every command that prints a table."""

    @click.option(
        "--format",
        "fmt",
        type=click.Choice(FORMATS),
        default="simple",
        show_default=True,
        metavar="FORMAT",
        help=f"Output format: json, csv or a tabulate format ({', '.join(FORMATS[2:])}).",
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


def input_errors(fn):
    """Turn library InputErrors into one-line usage errors (exit 2, no traceback)."""

    @wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            raise BadInput(str(exc)) from None

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


@cli.command()
@click.argument("old", type=click.Path())
@click.argument("new", type=click.Path(), required=False)
@click.option("--from", "date_from", type=Date(), help="Round of the old side: this date or the latest before it.")
@click.option("--to", "date_to", type=Date(), help="Round of the new side: this date or the latest before it.")
@click.option("--party", help="Party to compare, when a dataset holds several.")
@click.option("--only", type=StatusList(), help="Show only items with these statuses.")
@click.option("--fail-on", type=StatusList(), help="Exit 1 when any item has one of these statuses.")
@click.option(
    "--model",
    help="Sentence-transformers model: a local directory or a cached model name. "
    "Default: the bundled all-MiniLM-L6-v2.",
)
@click.option("--no-cache", is_flag=True, help="Do not read or write the embedding cache.")
@click.option("--settings", "settings_path", type=click.Path(), help="YAML file of scoring settings.")
@output_options
@input_errors
def compare(old, new, date_from, date_to, party, only, fail_on, model, no_cache, settings_path, fmt, output):
    """Compare two rounds of demands.

    OLD and NEW are two position files; or give one DATASET with --from and --to:

    \b
        demanddiff compare old.yaml new.yaml
        demanddiff compare fixtures/russia.yaml --from 2021-12-17 --to 2025-03-14
    """
    if new is None:
        if date_from is None or date_to is None:
            raise click.UsageError("with one file, give --from DATE and --to DATE (or give two files)")
        if date_from > date_to:
            raise click.UsageError(f"--from {date_from} is after --to {date_to}; swap them")
        old_p, new_p = _pick(old, date_from, party, "--from"), _pick(old, date_to, party, "--to")
    else:
        old_p, new_p = _pick(old, date_from, party, "--from"), _pick(new, date_to, party, "--to")
    settings = Settings.load(settings_path) if settings_path else None
    with warnings_as_lines({old: old_p, new or old: new_p}):
        result = compare_positions(old_p, new_p, model=model, cache=not no_cache, settings=settings)
    shown = result.only(only) if only else result
    emit(render(shown, fmt), output)
    if fail_on and any(item.status in fail_on for item in result.items):
        sys.exit(1)


@cli.command()
@click.argument("dataset", type=click.Path())
@click.option("--party", help="Only this party's rounds.")
@output_options
@input_errors
def rounds(dataset, party, fmt, output):
    """List the rounds of a dataset: party, date, round, number of demands."""
    loaded = load(dataset)
    positions = loaded.rounds(party) if isinstance(loaded, PositionSet) else [loaded]
    if party and not positions:
        raise InputError(f"no party {party!r} in the dataset", dataset)
    headers = ("party", "date", "round", "demands")
    body = [[p.party, p.date.isoformat() if p.date else None, p.round, len(p)] for p in positions]
    emit(render_rows(headers, body, fmt, wrap_columns=(2,)), output)


@contextmanager
def warnings_as_lines(sources: dict[str, Position]):
    """Show library warnings as one ``Warning: ...`` line each on stderr, naming the file and demand."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always", UserWarning)  # other categories keep their filters
        yield
    for warning in caught:
        message = warning.message
        if isinstance(message, TruncationWarning):
            for path, position in sources.items():
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
