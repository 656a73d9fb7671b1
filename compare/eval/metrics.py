"""Accuracy against gold cases: pair precision/recall/F1, statement accuracy, per-class F1,
reversal recall and false reversals, for the engine or any aligner.

A statement (old or new) is right when its set of partners on the other side equals the
gold set and its status equals the gold status; a statement's status is its first
link's status (for predictions, the link the aligner is surest of), else dropped / new.
Reversed counts as changed in the per-class figures and is scored on its own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, fields

from ...positions.gold import GoldCase, Link
from ..result import Comparison

CLASSES = ("persisted", "changed", "dropped", "new")

Aligner = Callable[[GoldCase], Sequence[Link]]


@dataclass(frozen=True)
class Tally:
    """Counts from which every figure is computed; tallies of several cases add up."""

    gold_pairs: int = 0
    found_pairs: int = 0
    right_pairs: int = 0
    statements: int = 0
    right_statements: int = 0
    gold_reversals: int = 0
    found_reversals: int = 0  # gold reversals predicted as the same pair, reversed
    false_reversals: int = 0  # predicted reversals that are not gold reversals
    # Per class, in CLASSES order: statements with that gold status, that predicted status, and both.
    class_gold: tuple[int, ...] = (0, 0, 0, 0)
    class_found: tuple[int, ...] = (0, 0, 0, 0)
    class_right: tuple[int, ...] = (0, 0, 0, 0)

    def __add__(self, other: Tally) -> Tally:
        def add(a, b):
            return tuple(x + y for x, y in zip(a, b)) if isinstance(a, tuple) else a + b

        return Tally(*(add(getattr(self, f.name), getattr(other, f.name)) for f in fields(self)))

    @property
    def precision(self) -> float:
        return _ratio(self.right_pairs, self.found_pairs)

    @property
    def recall(self) -> float:
        return _ratio(self.right_pairs, self.gold_pairs)

    @property
    def f1(self) -> float:
        return _f1(self.precision, self.recall)

    @property
    def accuracy(self) -> float:
        return _ratio(self.right_statements, self.statements)

    @property
    def reversal_recall(self) -> float:
        return _ratio(self.found_reversals, self.gold_reversals)

    def class_f1(self) -> dict[str, float]:
        return {
            name: _f1(_ratio(right, found), _ratio(right, gold))
            for name, gold, found, right in zip(CLASSES, self.class_gold, self.class_found, self.class_right)
        }

    @property
    def macro_f1(self) -> float:
        present = [f1 for f1, gold in zip(self.class_f1().values(), self.class_gold) if gold]
        return sum(present) / len(present) if present else 0.0

    def figures(self) -> dict:
        """Every figure, rounded to 3 places: what reports and JSON show."""
        return {
            "statement_accuracy": round(self.accuracy, 3),
            "pair_precision": round(self.precision, 3),
            "pair_recall": round(self.recall, 3),
            "pair_f1": round(self.f1, 3),
            "macro_f1": round(self.macro_f1, 3),
            "class_f1": {k: round(v, 3) for k, v in self.class_f1().items()},
            "reversal_recall": round(self.reversal_recall, 3),
            "reversals_found": self.found_reversals,
            "reversals_gold": self.gold_reversals,
            "false_reversals": self.false_reversals,
            "matched_pairs": self.found_pairs,
            "statements": self.statements,
            "statements_right": self.right_statements,
        }


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def links_of(comparison: Comparison) -> tuple[Link, ...]:
    """The links of a comparison, surest first (so each statement's first link is its best)."""
    paired = [(i, i.old, i.new) for i in comparison.items if i.old is not None and i.new is not None]
    paired.sort(key=lambda p: -(p[0].score or 0.0))
    return tuple(Link(old.id, new.id, i.status, i.relation) for i, old, new in paired)


def score_case(case: GoldCase, predicted: Iterable[Link]) -> Tally:
    """Compare predicted links with the gold links of one case."""
    predicted = tuple(predicted)
    if case.decided is not None:  # a partial case (decisions): only what it decided is scored
        predicted = tuple(p for p in predicted if case.is_decided(0, p.old) or case.is_decided(1, p.new))
    gold_pairs = {(g.old, g.new): g.status for g in case.links}
    found_pairs = {(p.old, p.new): p.status for p in predicted}
    right = set(gold_pairs) & set(found_pairs)
    class_gold, class_found, class_right = [0] * 4, [0] * 4, [0] * 4
    right_statements = statements = 0
    for side, position, alone in ((0, case.old, "dropped"), (1, case.new, "new")):
        for statement in position.statements:
            if not case.is_decided(side, statement.id):
                continue
            statements += 1
            g = _verdict(case.links, side, statement.id, alone)
            p = _verdict(predicted, side, statement.id, alone)
            right_statements += g == p
            gi, pi = CLASSES.index(g[1]), CLASSES.index(p[1])
            class_gold[gi] += 1
            class_found[pi] += 1
            class_right[gi] += gi == pi
    gold_rev = {k for k, v in gold_pairs.items() if v == "reversed"}
    found_rev = {k for k, v in found_pairs.items() if v == "reversed"}
    return Tally(
        gold_pairs=len(gold_pairs),
        found_pairs=len(found_pairs),
        right_pairs=len(right),
        statements=statements,
        right_statements=right_statements,
        gold_reversals=len(gold_rev),
        found_reversals=len(gold_rev & found_rev),
        false_reversals=len(found_rev - gold_rev),
        class_gold=tuple(class_gold),
        class_found=tuple(class_found),
        class_right=tuple(class_right),
    )


def _verdict(links: Sequence[Link], side: int, ident: str, alone: str) -> tuple[frozenset, str]:
    """(partners, status) of one statement; reversed folds into changed."""
    mine = [link for link in links if (link.old, link.new)[side] == ident]
    partners = frozenset((link.new, link.old)[side] for link in mine)
    if not mine:
        return partners, alone
    status = mine[0].status
    return partners, "changed" if status == "reversed" else status


@dataclass(frozen=True)
class Report:
    """One method's tallies, per case and in total."""

    method: str
    cases: tuple[tuple[str, Tally], ...]

    @property
    def total(self) -> Tally:
        return sum((t for _, t in self.cases), Tally())

    def to_dict(self) -> dict:
        return {
            "method": self.method,
            "total": self.total.figures(),
            "cases": {name: tally.figures() for name, tally in self.cases},
        }


def evaluate(cases: Sequence[GoldCase], aligner: Aligner, method: str = "engine") -> Report:
    """Run ``aligner`` on every case and score it against the gold links."""
    return Report(method, tuple((case.name, score_case(case, aligner(case))) for case in cases))


SUMMARY_HEADERS = (
    "method",
    "statement acc",
    "pair P",
    "pair R",
    "pair F1",
    "macro F1",
    "persisted F1",
    "changed F1",
    "dropped F1",
    "new F1",
    "reversals found",
    "false reversals",
)


def summary_row(name: str, tally: Tally) -> list:
    """One table row of figures: what ``demanddiff eval`` prints per method or case."""
    f = tally.figures()
    return [
        name,
        f"{f['statement_accuracy']:.3f}",
        f"{f['pair_precision']:.3f}",
        f"{f['pair_recall']:.3f}",
        f"{f['pair_f1']:.3f}",
        f"{f['macro_f1']:.3f}",
        *(f"{f['class_f1'][c]:.3f}" for c in CLASSES),
        f"{f['reversals_found']}/{f['reversals_gold']}",
        f"{f['false_reversals']}/{f['matched_pairs']}",
    ]
