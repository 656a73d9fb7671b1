"""Demand threads across many rounds: consecutive comparisons chained into each demand's life."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..positions.decisions import Decisions, for_rounds, merge
from ..positions.errors import InputError
from ..positions.model import Position, PositionSet, Statement
from .engine import Engine
from .explain import Change
from .result import Comparison, Item, _natural


@dataclass(frozen=True)
class Step:
    """One thread in one round: how it got there from its previous statement."""

    round: int  # index into Timeline.rounds
    status: str  # new, persisted, changed, reversed or dropped
    statement: Statement | None  # None when dropped
    previous: Statement | None = None  # the statement it was compared with
    score: float | None = None
    changes: tuple[Change, ...] = ()
    redline: str | None = None
    returned: bool = False  # the demand came back after one or more rounds away

    def to_dict(self, rounds: tuple[Position, ...]) -> dict:
        def r(x: float | None):
            return None if x is None else round(float(x), 3)

        return {
            "round": _date(rounds[self.round]),
            "status": self.status,
            "returned": self.returned,
            "statement": None if self.statement is None else {"id": self.statement.id, "text": self.statement.text},
            "previous": None if self.previous is None else {"id": self.previous.id, "text": self.previous.text},
            "score": r(self.score),
            "changes": [c.to_dict() for c in self.changes],
            "redline": self.redline,
        }


@dataclass(frozen=True)
class Thread:
    """One demand's life: a step for each round from its first appearance to its last change."""

    id: str
    steps: tuple[Step, ...]
    parent: str | None = None  # the thread it split from, when one old demand became two

    def at(self, round_index: int) -> Step | None:
        """The step in that round, or None when the thread has nothing to say there."""
        return next((s for s in self.steps if s.round == round_index), None)

    @property
    def first_round(self) -> int:
        return self.steps[0].round

    @property
    def last_round(self) -> int:
        """The last round in which the demand was made."""
        return max(s.round for s in self.steps if s.statement is not None)

    @property
    def first(self) -> Statement:
        """The demand as first made: what the thread is labelled by."""
        first = self.steps[0].statement
        assert first is not None  # a thread starts with a demand made
        return first

    @property
    def latest(self) -> Statement:
        """The demand as last made."""
        return next(s.statement for s in reversed(self.steps) if s.statement is not None)


@dataclass(frozen=True)
class Timeline:
    """Every thread of one party's rounds, oldest round first."""

    rounds: tuple[Position, ...]
    threads: tuple[Thread, ...]
    comparisons: tuple[Comparison, ...] = field(default=(), compare=False, repr=False)  # round i -> i + 1

    def present_throughout(self) -> list[Thread]:
        """Threads with a demand in every round."""
        return [t for t in self.threads if all(_made(t.at(i)) for i in range(len(self.rounds)))]

    def unchanged_throughout(self) -> list[Thread]:
        """Threads made in every round and never changed in substance."""
        return [t for t in self.present_throughout() if all(s.status in ("new", "persisted") for s in t.steps)]

    @property
    def summary(self) -> dict:
        """Headline figures: rounds, threads, threads present in (and unchanged through) every round."""
        return {
            "rounds": len(self.rounds),
            "threads": len(self.threads),
            "present_throughout": len(self.present_throughout()),
            "unchanged_throughout": len(self.unchanged_throughout()),
            "dropped_for_good": sum(1 for t in self.threads if t.last_round < len(self.rounds) - 1),
            "returned": sum(1 for t in self.threads if any(s.returned for s in t.steps)),
        }

    def first_seen(self, thread: Thread) -> str | None:
        return _date(self.rounds[thread.first_round])

    def last_seen(self, thread: Thread) -> str | None:
        return _date(self.rounds[thread.last_round])

    def to_dict(self) -> dict:
        """The JSON form: rounds, summary and every thread with its steps."""
        return {
            "rounds": [p.describe() for p in self.rounds],
            "summary": self.summary,
            "threads": [
                {
                    "id": t.id,
                    "parent": t.parent,
                    "first_seen": self.first_seen(t),
                    "last_seen": self.last_seen(t),
                    "first": {"id": t.first.id, "text": t.first.text},
                    "latest": {"id": t.latest.id, "text": t.latest.text},
                    "steps": [s.to_dict(self.rounds) for s in t.steps],
                }
                for t in self.threads
            ],
        }


def _date(position: Position) -> str | None:
    return position.date.isoformat() if position.date else None


def select_rounds(
    dataset: PositionSet, party: str | None = None, start: dt.date | None = None, end: dt.date | None = None
) -> list[Position]:
    """One party's rounds from ``start`` to ``end``; each bound is that date's round or the latest before it."""
    party = dataset.one_party(party)
    rounds = dataset.rounds(party)
    if start is not None and end is not None and start > end:
        raise InputError(f"--from {start} is after --to {end}; swap them", dataset.source or None)
    first = dataset.select(start, party) if start else rounds[0]
    last = dataset.select(end, party) if end else rounds[-1]
    return rounds[rounds.index(first) : rounds.index(last) + 1]


def timeline(
    dataset: PositionSet | list[Position],
    party: str | None = None,
    start: dt.date | None = None,
    end: dt.date | None = None,
    engine: Engine | None = None,
    memory: int = 3,
    decisions: Sequence[Decisions] = (),
) -> Timeline:
    """Chain the comparisons of consecutive rounds into demand threads.

    A demand that is dropped and made again with the same substance (the engine calls the pair
    persisted) within ``memory`` rounds of its drop continues its thread, marked as returned.
    ``decisions`` (an analyst's, one file per pair of consecutive rounds) apply to the pair of
    rounds each was made for; one that fits no pair is warned about and not applied.
    """
    rounds = select_rounds(dataset, party, start, end) if isinstance(dataset, PositionSet) else list(dataset)
    if not rounds:
        given = [flag for flag, value in (("--party", party), ("--from", start), ("--to", end)) if value]
        raise InputError("no rounds to chain" + (f"; check {', '.join(given)}" if given else "; give at least one"))
    engine = engine or Engine()
    return _Chain(rounds, engine, memory, tuple(decisions)).run()


class _Chain:
    """The mutable bookkeeping of one timeline build."""

    def __init__(self, rounds: list[Position], engine: Engine, memory: int, decisions: tuple[Decisions, ...] = ()):
        self.rounds, self.engine, self.memory = rounds, engine, memory
        self.decisions = decisions
        self.steps: list[list[Step]] = []
        self.parents: list[int | None] = []
        self.holders: dict[str, list[int]] = {}  # statement id in the latest round -> its threads
        self.dormant: dict[int, int] = {}  # thread -> round it was dropped in
        self.comparisons: list[Comparison] = []

    def run(self) -> Timeline:
        first = sorted(self.rounds[0].statements, key=lambda s: _natural(s.id))
        self.holders = {s.id: [self._start(0, s)] for s in first}
        if self.decisions:
            _warn_unmatched(self.decisions, self.rounds)
        pairs = list(zip(self.rounds, self.rounds[1:]))
        compare_all = getattr(self.engine, "compare_all", None)  # any object with compare() will do
        if self.decisions or compare_all is None:
            consecutive = (self._compare(*pair) for pair in pairs)
        else:  # consecutive rounds are compared independently: on a cluster, in parallel
            consecutive = compare_all(pairs)
        for k, comparison in enumerate(consecutive, 1):
            self.comparisons.append(comparison)
            self._advance(k, comparison)
        # Numbered by first appearance, then by the id of the first demand: never by where a
        # statement stands in its file.
        order = sorted(
            range(len(self.steps)),
            key=lambda t: (self.steps[t][0].round, _natural(getattr(self.steps[t][0].statement, "id", None))),
        )
        number = {t: n for n, t in enumerate(order, 1)}
        threads = tuple(
            Thread(
                f"T{number[t]}",
                tuple(self.steps[t]),
                None if (parent := self.parents[t]) is None else f"T{number[parent]}",
            )
            for t in order
        )
        return Timeline(tuple(self.rounds), threads, tuple(self.comparisons))

    def _compare(self, old: Position, new: Position) -> Comparison:
        """One consecutive comparison, with the analyst's decisions for that pair of rounds."""
        decided = merge(for_rounds(self.decisions, old, new))
        return self.engine.compare(old, new) if decided is None else self.engine.compare(old, new, decisions=decided)

    def _start(self, k: int, statement: Statement, first: Step | None = None, parent: int | None = None) -> int:
        self.steps.append([first or Step(k, "new", statement)])
        self.parents.append(parent)
        return len(self.steps) - 1

    def _advance(self, k: int, comparison: Comparison) -> None:
        holders: dict[str, list[int]] = {}
        moved: set[int] = set()
        fresh: list[Statement] = []
        # The best-scoring pair claims its new demand first: when two old demands lead into one
        # new demand (a merge), that demand continues the likeliest thread and the other ends.
        pairs = sorted(
            (item for item in comparison.items if item.old is not None and item.new is not None),
            key=lambda item: -(item.score or 0.0),
        )
        for item in pairs:
            old, new = _sides(item)
            if new.id in holders:
                self._drop(k, old, moved)
                continue
            step = _step(k, item)
            threads = [t for t in self.holders.get(old.id, []) if t not in moved]
            if not threads:  # the old demand already continued: a split starts a branch
                before = self.holders.get(old.id)
                threads = [self._start(k, new, step, before[0] if before else None)]
            else:
                for t in threads:
                    self.steps[t].append(step)
            moved.update(threads)
            holders[new.id] = threads
        for item in comparison.items:
            if item.new is None:
                self._drop(k, item.old, moved)
            elif item.old is None:
                fresh.append(item.new)
        fresh = [s for s in fresh if s.id not in holders]
        for t, statement in self._returns(k, fresh).items():
            holders[statement.id] = [t]
        for statement in sorted((s for s in fresh if s.id not in holders), key=lambda s: _natural(s.id)):
            holders[statement.id] = [self._start(k, statement)]
        self.holders = holders

    def _drop(self, k: int, old: Statement | None, moved: set[int]) -> None:
        """End the threads that last made ``old`` (unless they continued): dropped in round ``k``."""
        if old is None:
            return
        for t in self.holders.get(old.id, []):
            if t not in moved and t not in self.dormant:
                self.steps[t].append(Step(k, "dropped", None, old))
                self.dormant[t] = k
                moved.add(t)

    def _returns(self, k: int, fresh: list[Statement]) -> dict[int, Statement]:
        """Match new demands against recently dropped ones; each match continues its thread."""
        recent = sorted(t for t, dropped in self.dormant.items() if k - dropped < self.memory)
        if not recent or not fresh:
            return {}
        gone = Position(tuple(Statement(str(t), _last_made(self.steps[t]).text) for t in recent))
        back = self.engine.compare(gone, Position(tuple(fresh)))
        found: dict[int, Statement] = {}
        for item in back.items:
            if item.status != "persisted" or item.relation:
                continue  # only the same substance counts as the same demand coming back
            old, new = _sides(item)
            t = int(old.id)
            last = self.steps[t][-1].previous
            self.steps[t].append(_step(k, item, previous=last, returned=True))
            del self.dormant[t]
            found[t] = new
        return found


def _warn_unmatched(decisions: tuple[Decisions, ...], rounds: list[Position]) -> None:
    import warnings

    from .decided import StaleDecisionWarning

    pairs = list(zip(rounds, rounds[1:]))
    for d in decisions:
        if not any(for_rounds([d], a, b) for a, b in pairs):
            warnings.warn(
                StaleDecisionWarning(
                    f"{d.path or 'decisions'}: made for {_label(d.old)} -> {_label(d.new)}, which are not two "
                    "consecutive rounds of this timeline; not applied"
                ),
                stacklevel=4,
            )


def _label(position: Position) -> str:
    return position.date.isoformat() if position.date else position.round or "?"


def _step(k: int, item: Item, previous: Statement | None = None, returned: bool = False) -> Step:
    return Step(
        k,
        item.status,
        item.new,
        previous or item.old,
        item.score,
        item.changes,
        item.redline,
        returned,
    )


def _made(step: Step | None) -> bool:
    """The thread has a demand in that round."""
    return step is not None and step.statement is not None


def _sides(item: Item) -> tuple[Statement, Statement]:
    """Both statements of a linked item."""
    if item.old is None or item.new is None:
        raise ValueError("not a linked item")
    return item.old, item.new


def _last_made(steps: list[Step]) -> Statement:
    """The statement a dormant thread was dropped from."""
    last = steps[-1].previous
    if last is None:
        raise ValueError("a dropped step without its statement")
    return last
