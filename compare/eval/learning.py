"""The learning curve of review: how accuracy on the rest of a comparison grows with the analyst's answers.

Each gold case is held out in turn. An analyst who knows the gold links answers the review's
questions (least sure first, as ``demanddiff review`` asks them, with the settings fitted on the
other cases); after ``n`` answers the settings are refit on the other cases plus those decisions,
and the statements still undecided are scored, with the decisions applied.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from ...positions.decisions import Decisions
from ...positions.gold import GoldCase
from ..decided import link_decided
from ..engine import Engine
from ..result import Item
from ..review import queue
from .metrics import Tally, links_of, score_case
from .tune import battery_examples, fit_settings

STEPS = (0, 5, 10, 20)


@dataclass(frozen=True)
class Point:
    """One held-out case after ``answers`` questions: the rest scored without and with a refit."""

    case: str
    answers: int
    decisions_only: Tally  # settings of the other cases, decisions applied
    refit: Tally  # settings refit on the other cases plus the decisions, decisions applied


@dataclass(frozen=True)
class Review:
    """How one held-out case's simulated review went."""

    case: str
    items: int
    doubtful: int  # doubtful items before the first question
    questions_to_no_doubtful: int  # answers until no item left is doubtful
    points: tuple[Point, ...]


def oracle(decisions: Decisions, case: GoldCase, item: Item) -> Decisions:
    """The answer of an analyst who knows ``case``: the gold verdict of the item's statements
    (accept when the engine is right, else the right status, unlink, or link to the right id)."""
    olds = {item.old.id} if item.old else set()
    news = {item.new.id} if item.new else set()
    links = [link for link in case.links if link.old in olds or link.new in news]
    return decisions.decide(olds, news, links)


def _rest(case: GoldCase, decisions: Decisions) -> GoldCase:
    """The case covering only the statements the decisions leave undecided."""
    olds = frozenset(s.id for s in case.old.statements) - decisions.decided_old
    news = frozenset(s.id for s in case.new.statements) - decisions.decided_new
    return replace(case, decided=(olds, news))


def learning_curve(cases: Sequence[GoldCase], engine: Engine, steps: Sequence[int] = STEPS) -> list[Review]:
    """One simulated review per held-out case, scored after each number of answers in ``steps``."""
    scored = [(case, engine.pair_scores(case.old, case.new)) for case in cases]
    extra = battery_examples(engine)  # what the substance model learns from besides gold, as in --loo
    reviews = []
    for k, (case, scores) in enumerate(scored):
        others = scored[:k] + scored[k + 1 :]
        start = fit_settings(others, extra)
        decisions = Decisions(case.old, case.new, name=case.name)
        snapshots: dict[int, Decisions] = {}
        answers, until, doubtful, items = 0, None, None, 0
        while True:
            comparison = link_decided(case.old, case.new, scores, start, decisions)
            if doubtful is None:
                doubtful, items = sum(i.doubtful for i in comparison.items), len(comparison.items)
            if until is None and not any(i.doubtful for i in comparison.items):
                until = answers
            if answers in steps:
                snapshots[answers] = decisions
            todo = queue(comparison, decisions)
            if not todo or (answers >= max(steps) and until is not None):
                break
            decisions = oracle(decisions, case, todo[0])
            answers += 1
        points = []
        for n in steps:
            if n not in snapshots:  # every item was decided before n answers: nothing left to score
                continue
            d = snapshots[n]
            rest = _rest(case, d)
            if rest.decided is None or not (rest.decided[0] or rest.decided[1]):
                continue
            plain = score_case(rest, links_of(link_decided(case.old, case.new, scores, start, d)))
            settings = start if n == 0 else fit_settings([*others, (d.as_case(), scores)], extra)
            refit = score_case(rest, links_of(link_decided(case.old, case.new, scores, settings, d)))
            points.append(Point(case.name, n, plain, refit))
        reviews.append(Review(case.name, items, doubtful or 0, until or 0, tuple(points)))
    return reviews
