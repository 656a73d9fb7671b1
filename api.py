"""The library call behind each command of the CLI (re-exported by ``demanddiff``).

``compare`` and ``load`` live with the engine and the data layer; the rest are here.
Every function that compares takes an ``engine`` (``demanddiff.Engine``) or builds the
shared default one, so the model loads once per process.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from .compare.engine import Engine, compare, shared
from .compare.eval.metrics import Report
from .compare.result import Comparison
from .compare.settings import Settings
from .compare.timeline import Timeline
from .positions.decisions import Decisions
from .positions.errors import InputError
from .positions.gold import GoldCase, load_gold
from .positions.model import Position, PositionSet
from .positions.readers import load

__all__ = [
    "check_extraction",
    "compare",
    "corpus",
    "evaluate",
    "evaluate_battery",
    "calibration",
    "extract",
    "load",
    "plot",
    "render",
    "report",
    "review",
    "rounds",
    "timeline",
    "tune",
]


def _dataset(dataset: str | Path | PositionSet | Position, call: str) -> tuple[PositionSet | Position, str | None]:
    """The loaded dataset and the file to name in errors."""
    if isinstance(dataset, (str, Path)):
        return load(dataset), str(dataset)
    if not isinstance(dataset, (Position, PositionSet)):
        raise TypeError(f"{call}() takes a file path, a Position or a PositionSet, not {type(dataset).__name__}")
    # A dataset's source is its file; a position's is a citation (Reuters, 13 March 2025).
    return dataset, (dataset.source or None) if isinstance(dataset, PositionSet) else None


def _date(value: dt.date | str | None, name: str) -> dt.date | None:
    """A date argument: a ``datetime.date``, an ISO text (``"2024-03-01"``) or None."""
    from .positions.model import as_date

    return None if value is None else as_date(value, name)


def _engine(engine: object) -> Engine:
    """The ``engine`` argument: an Engine, or None for the shared one."""
    if engine is None:
        return shared()
    if not isinstance(engine, Engine):
        raise TypeError(f"engine must be an Engine (demanddiff.Engine()), not {type(engine).__name__}")
    return engine


def _names(aliases: object) -> tuple[str, ...]:
    """The ``aliases`` argument: a list (any iterable) of names; one name alone would be read letter by letter."""
    if isinstance(aliases, str) or not isinstance(aliases, Iterable):
        raise TypeError(f"aliases must be a list of names (str), not {type(aliases).__name__}")
    names = tuple(aliases)
    bad = next((a for a in names if not isinstance(a, str)), None)
    if bad is not None:
        raise TypeError(f"aliases must be a list of names (str), not a list holding {type(bad).__name__}")
    return names


def _flag(value: object, name: str) -> bool:
    """A true-or-false argument: ``split_rounds="no"`` would be taken as true."""
    if not isinstance(value, bool):
        raise TypeError(f"{name} must be true or false, not {type(value).__name__}")
    return value


def _subject(subject: object, call: str, kinds: tuple[type, ...]) -> None:
    if not isinstance(subject, kinds):
        names = " or a ".join(k.__name__ for k in kinds)
        raise TypeError(f"{call}() takes a {names}, not {type(subject).__name__}")


def rounds(dataset: str | Path | PositionSet | Position, party: str | None = None) -> list[Position]:
    """The rounds of a dataset (oldest first), or of one party: ``demanddiff rounds``."""
    loaded, path = _dataset(dataset, "rounds")
    if isinstance(loaded, Position):
        return [loaded]
    found = loaded.rounds(party)
    if party and not found:
        raise InputError(f"no party {party!r} in the dataset", path)
    return found


def timeline(
    dataset: str | Path | PositionSet,
    party: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    *,
    engine: Engine | None = None,
    decisions: Sequence[Decisions] = (),
) -> Timeline:
    """Each demand's thread through every round of a dataset: ``demanddiff timeline``.

    >>> tl = demanddiff.timeline("fixtures/russia.yaml")  # doctest: +SKIP
    >>> tl.summary["rounds"]  # doctest: +SKIP
    4
    """
    from .compare.timeline import timeline as build

    loaded, path = _dataset(dataset, "timeline")
    start, end = _date(start, "start"), _date(end, "end")
    if isinstance(decisions, (str, Path, Decisions)) or not isinstance(decisions, Iterable):
        raise TypeError(
            f"decisions must be a list of Decisions (load_decisions(paths)), not {type(decisions).__name__}"
        )
    decisions = tuple(decisions)
    bad = next((d for d in decisions if not isinstance(d, Decisions)), None)
    if bad is not None:
        raise TypeError(f"decisions must be a list of Decisions (load_decisions(paths)), not of {type(bad).__name__}")
    if isinstance(loaded, Position):
        raise InputError("holds a single position; a timeline needs a dataset of rounds (positions: [...])", path)
    return build(loaded, party, start, end, _engine(engine), decisions=decisions)


def corpus(
    dataset: str | Path | PositionSet, party: str | None = None, *, engine: Engine | None = None
) -> Iterator[Comparison]:
    """Every party's consecutive rounds compared, in order, one Comparison at a time: ``demanddiff corpus``.

    Every text of the dataset is embedded into the cache first (on a cluster: all at once),
    then the comparisons stream out, so a large corpus never sits in memory as results.
    """
    from .compare.corpus import consecutive

    loaded, path = _dataset(dataset, "corpus")
    if isinstance(loaded, Position):
        raise InputError("holds a single position; a corpus needs a dataset of rounds (positions: [...])", path)
    pairs = consecutive(loaded, party)
    if not pairs:
        raise InputError("no party has two rounds to compare; add rounds with dates", path)
    engine = _engine(engine)
    engine.embedder.prepare(s.text for old, new in pairs for p in (old, new) for s in p.statements)
    return engine.compare_all(pairs)


def extract(
    text: str,
    party: str | None = None,
    date: dt.date | None = None,
    *,
    aliases: Iterable[str] = (),
    split_rounds: bool = False,
    engine: Engine | None = None,
    source: str = "",
    keep_fragments: bool = False,
) -> Position | PositionSet:
    """The demands ``party`` makes in a prose ``text``: ``demanddiff extract``.

    One position, or with ``split_rounds`` one per round the text speaks of. Near-duplicates
    within a round are merged with the engine's scores (``compare.dedupe``). An HTML page is
    read as its text, a Markdown table cell by cell (``positions.prose.markup``).
    """
    from .compare.dedupe import near_duplicates
    from .positions.model import check_party
    from .positions.prose.extract import extract as one
    from .positions.prose.extract import extract_rounds
    from .positions.prose.markup import readable
    from .positions.validate import no_surrogates

    if not isinstance(text, str):
        raise TypeError(f"extract() takes the text (str), not {type(text).__name__}")
    check_party(party)
    no_surrogates(text)
    aliases = _names(aliases)
    _flag(split_rounds, "split_rounds")
    _flag(keep_fragments, "keep_fragments")
    if not isinstance(source, str):
        raise TypeError(f"source must be a text (str), not {type(source).__name__}")
    text = readable(text)
    date = _date(date, "date")
    run = extract_rounds if split_rounds else one
    same = near_duplicates((_engine(engine)).embedder)
    return run(text, party, date, aliases=aliases, same=same, source=source, keep_fragments=keep_fragments)


def check_extraction(
    found: Position | PositionSet, gold: Position | PositionSet, text: str, *, engine: Engine | None = None
):
    """Precision and recall of extracted demands against a hand list: ``demanddiff extract --check``."""
    from .compare.eval.extract_check import check
    from .positions.prose.markup import readable

    _subject(found, "check_extraction", (Position, PositionSet))
    _subject(gold, "check_extraction", (Position, PositionSet))
    if not isinstance(text, str):
        raise TypeError(f"check_extraction() takes the text (str), not {type(text).__name__}")
    if not any(p.statements for p in ([gold] if isinstance(gold, Position) else gold)):
        raise InputError("the hand list holds no demands; list the demands the text makes in it")
    return check(found, gold, readable(text), _engine(engine))


def render(subject: Comparison | Timeline, fmt: str = "simple") -> str:
    """A comparison or timeline as text: json, csv or any tabulate format (``FORMATS``)."""
    from .compare.render.tables import render as render_comparison
    from .compare.render.tables import render_timeline

    _subject(subject, "render", (Comparison, Timeline))
    return render_timeline(subject, fmt) if isinstance(subject, Timeline) else render_comparison(subject, fmt)


def report(subject: Comparison | Timeline, fmt: str = "html", *, review: bool = False) -> str:
    """A review report on a comparison or timeline, one offline HTML page or Markdown: ``demanddiff report``.

    ``review``: the page of one comparison gets per-row answers and writes the decisions file.
    """
    from .compare.render.report import render_report

    _subject(subject, "report", (Comparison, Timeline))
    _flag(review, "review")
    return render_report(subject, fmt, review=review)


def review(
    old: Position,
    new: Position,
    decisions: str | Path,
    *,
    engine: Engine | None = None,
    limit: int | None = None,
    by: str = "",
):
    """Ask the analyst about each undecided verdict in the terminal, least sure first, saving every
    answer to the ``decisions`` file: ``demanddiff review``. Returns what the session did
    (``terminal.Outcome``); ``compare(..., decisions=read_decisions(path))`` applies the file."""
    from .terminal import run

    _subject(old, "review", (Position,))
    _subject(new, "review", (Position,))
    if not isinstance(decisions, (str, Path)):
        raise TypeError(f"decisions must be a file path (str or Path), not {type(decisions).__name__}")
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise TypeError(f"limit must be a number of answers (an int of at least 1) or None, not {limit!r}")
    if not isinstance(by, str):
        raise TypeError(f"by must be a name (str), not {type(by).__name__}")
    return run(old, new, decisions, _engine(engine), limit=limit, by=by)


def plot(subject: Timeline, path: str | Path) -> None:
    """Draw a timeline as a PNG or SVG picture (needs the ``plot`` extra): ``demanddiff timeline --plot``."""
    from .compare.render.plot import plot_timeline

    _subject(subject, "plot", (Timeline,))
    if not isinstance(path, (str, Path)):
        raise TypeError(f"plot() takes a file path (str or Path), not {type(path).__name__}")
    plot_timeline(subject, str(path))


Cases = Iterable[GoldCase | str | Path] | str | Path  # gold cases, or their files and folders


def _cases(cases: Cases, call: str) -> list[GoldCase]:
    if not isinstance(cases, (str, Path, Iterable)):
        raise TypeError(f"{call}() takes gold cases, their files or folders, not {type(cases).__name__}")
    given = [cases] if isinstance(cases, (str, Path)) else list(cases)
    if not given:
        raise InputError("no gold cases given; give gold case files or folders")
    files = [c for c in given if not isinstance(c, GoldCase)]
    return [c for c in given if isinstance(c, GoldCase)] + (load_gold(files) if files else [])


def evaluate(
    cases: Cases,
    *,
    methods: Sequence[str] | None = None,
    engine: Engine | None = None,
    loo: bool = False,
) -> list[Report]:
    """Accuracy on gold cases, one Report per method: ``demanddiff eval``.

    ``methods`` are ``"engine"`` and baseline names (``compare.eval.baselines.BASELINES``);
    the default is all of them. With ``loo`` every method is tuned on all cases but one and
    scored on that one; without, the engine runs with its own settings.
    """
    from .compare.eval.baselines import BASELINES
    from .compare.eval.tune import benchmark

    gold = _cases(cases, "evaluate")
    _flag(loo, "loo")
    if isinstance(methods, str) or not (methods is None or isinstance(methods, Iterable)):
        names = ", ".join(("engine", *BASELINES))
        raise TypeError(f"methods must be a list of names ({names}), not {type(methods).__name__}")
    methods = ("engine", *BASELINES) if methods is None else tuple(methods)
    unknown = [m for m in methods if m != "engine" and m not in BASELINES]
    if unknown:
        raise ValueError(f"unknown method(s) {', '.join(unknown)}; choose from engine, {', '.join(BASELINES)}")
    if loo and len(gold) < 2:
        raise InputError("leave-one-case-out needs at least two gold cases; give more, or leave out --loo")
    runs_engine = "engine" in methods
    return benchmark(gold, (_engine(engine)) if runs_engine else None, [m for m in methods if m != "engine"], loo=loo)


def evaluate_battery(paths: Iterable[str | Path], *, engine: Engine | None = None):
    """The engine's verdicts on verdict batteries, one ``BatteryReport`` per file: ``demanddiff eval BATTERY``."""
    from .compare.eval.battery import load_battery, run_battery

    engine = _engine(engine)
    return [run_battery(load_battery(path), engine) for path in paths]


def calibration(
    cases: Iterable[GoldCase] | Iterable[str | Path] | str | Path = (),
    batteries: Iterable[str | Path] = (),
    *,
    engine: Engine | None = None,
):
    """(confidence, right) samples of the engine's verdicts on gold cases and batteries, for a
    reliability table (``compare.eval.calibration``)."""
    from .compare.eval.battery import load_battery
    from .compare.eval.calibration import battery_samples, gold_samples

    engine = _engine(engine)
    gold = _cases(cases, "calibration") if cases else []
    return gold_samples(gold, engine) + battery_samples([load_battery(b) for b in batteries], engine)


def tune(cases: Cases, *, engine: Engine | None = None) -> Settings:
    """Settings fitted to gold cases, for ``--settings``: ``demanddiff eval --tune``."""
    from .compare.eval.tune import tune as fit

    gold = _cases(cases, "tune")
    if len(gold) < 2:
        raise InputError("tuning needs at least two gold cases")
    return fit(gold, _engine(engine))
