"""How well extract did against a hand list: precision and recall by the engine's own matching.

An extracted demand is right when the engine aligns it (persisted or changed, not reversed)
with a hand-listed demand of the same round; rounds are matched by date (undated with
undated). Every extracted demand must also be traceable to its sentence in the text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ...positions.model import Position, PositionSet
from ...positions.prose.extract import traceable

MATCHED = ("persisted", "changed")


@dataclass(frozen=True)
class RoundScore:
    """Counts for one round: hand-listed and found, extracted and right, traceable.

    Found and right are counted apart: when the engine links one hand-listed demand to two
    extracted ones (a split), both extracted demands are right but one demand was found.
    """

    round: str
    date: dt.date | None
    gold: int
    extracted: int
    found: int
    right: int
    traceable: int

    @property
    def precision(self) -> float:
        return self.right / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 1.0

    def row(self) -> list:
        return [
            self.date.isoformat() if self.date else None,
            self.round,
            self.gold,
            self.extracted,
            self.found,
            self.right,
            round(self.precision, 3),
            round(self.recall, 3),
            f"{self.traceable}/{self.extracted}",
        ]


HEADERS = ("date", "round", "gold", "extracted", "found", "right", "precision", "recall", "traceable")


def _as_set(loaded: Position | PositionSet) -> PositionSet:
    return loaded if isinstance(loaded, PositionSet) else PositionSet((loaded,))


def check(extracted: Position | PositionSet, gold: Position | PositionSet, text: str, engine) -> list[RoundScore]:
    """One RoundScore per round of either side, then a total row (round ``total``).

    A single extracted position is checked against every gold demand pooled (rounds ignored).
    """
    if isinstance(extracted, Position):
        pooled = tuple(s for p in _as_set(gold) for s in p.statements)
        gold = PositionSet((Position(pooled, date=extracted.date),))
        extracted = PositionSet((extracted,))
    if not isinstance(gold, PositionSet):
        gold = PositionSet((gold,))
    gold_by = {p.date: p for p in gold}
    got_by = {p.date: p for p in extracted}
    scores = []
    for date in sorted(set(gold_by) | set(got_by), key=lambda d: d or dt.date.max):
        g = gold_by.get(date) or Position(())
        e = got_by.get(date) or Position(())
        links = []
        if g.statements and e.statements:
            links = [(i.old.id, i.new.id) for i in engine.compare(g, e).items if i.status in MATCHED]
        found, right = len({a for a, _ in links}), len({b for _, b in links})
        label = (e.round or g.round) if e.statements else g.round
        traced = sum(traceable(s, text) for s in e.statements)
        scores.append(RoundScore(label, date, len(g), len(e), found, right, traced))
    total = RoundScore(
        "total",
        None,
        *(sum(getattr(s, f) for s in scores) for f in ("gold", "extracted", "found", "right", "traceable")),
    )
    return [*scores, total]
