"""How well extract did against a hand list: precision and recall by the engine's own matching.

An extracted demand is right when the engine's one-to-one assignment pairs it with a
hand-listed demand of the same round as persisted or changed (not reversed), with the
engine's match probability at or above ``Settings.rematch_threshold`` (a pair the engine
would make among leftovers, not only the best of poor options), and the extracted text is
a demand (a verb phrase or pledge form: a fragment such as "By Ukraine." is never right).
Rounds are matched by date (undated with undated). Every extracted demand must also be
traceable to its sentence in the text. Unmatched demands of both sides are kept for printing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from ...positions.model import Position, PositionSet
from ...positions.prose.extract import traceable
from ...positions.prose.grammar import has_verb_phrase

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
    missed: tuple[str, ...] = ()  # hand-listed demands nothing extracted means
    wrong: tuple[str, ...] = ()  # extracted demands that mean no hand-listed one

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


def pool(positions: PositionSet | Position) -> Position:
    """Every demand of every round in one position, ids made unique (``r2.d1``: round 2, demand d1)."""
    if isinstance(positions, Position):
        return positions
    return Position(tuple(replace(s, id=f"r{n}.{s.id}") for n, p in enumerate(positions, 1) for s in p.statements))


def _as_set(loaded: Position | PositionSet) -> PositionSet:
    return loaded if isinstance(loaded, PositionSet) else PositionSet((loaded,))


def by_date(positions: PositionSet) -> dict[dt.date | None, Position]:
    """The rounds of each date as one position (undated with undated): several rounds of one date are
    pooled (``pool``) so that none hides another; their round names joined."""
    groups: dict[dt.date | None, list[Position]] = {}
    for p in positions:
        groups.setdefault(p.date, []).append(p)
    pooled = {}
    for date, group in groups.items():
        if len(group) == 1:
            pooled[date] = group[0]
        else:
            names = " / ".join(dict.fromkeys(p.round for p in group if p.round))
            pooled[date] = replace(pool(PositionSet(tuple(group))), date=date, round=names)
    return pooled


def check(extracted: Position | PositionSet, gold: Position | PositionSet, text: str, engine) -> list[RoundScore]:
    """One RoundScore per round of either side, then a total row (round ``total``).

    A single extracted position is checked against every gold demand pooled (rounds ignored).
    """
    if isinstance(extracted, Position):
        pooled = pool(_as_set(gold)).statements
        gold = PositionSet((Position(pooled, date=extracted.date),))
        extracted = PositionSet((extracted,))
    if not isinstance(gold, PositionSet):
        gold = PositionSet((gold,))
    gold_by, got_by = by_date(gold), by_date(extracted)
    scores = []
    for date in sorted(set(gold_by) | set(got_by), key=lambda d: d or dt.date.max):
        g = gold_by.get(date) or Position(())
        e = got_by.get(date) or Position(())
        links = matches(g, e, engine) if g.statements and e.statements else []
        found_ids, right_ids = {a for a, _ in links}, {b for _, b in links}
        label = (e.round or g.round) if e.statements else g.round
        traced = sum(traceable(s, text) for s in e.statements)
        missed = tuple(s.text for s in g.statements if s.id not in found_ids)
        wrong = tuple(s.text for s in e.statements if s.id not in right_ids)
        scores.append(RoundScore(label, date, len(g), len(e), len(found_ids), len(right_ids), traced, missed, wrong))

    def added(field: str) -> int:
        return sum(getattr(s, field) for s in scores)

    total = RoundScore(
        "total",
        None,
        added("gold"),
        added("extracted"),
        added("found"),
        added("right"),
        added("traceable"),
        tuple(m for s in scores for m in s.missed),
        tuple(w for s in scores for w in s.wrong),
    )
    return [*scores, total]


def matches(gold: Position, extracted: Position, engine) -> list[tuple[str, str]]:
    """(gold id, extracted id) pairs where the extracted text means the hand-listed demand.

    The engine's assignment, one to one: a second partner of a split or merge does not count,
    and neither does a pair below the engine's rematch threshold or a verbless fragment.
    """
    floor = engine.settings.rematch_threshold
    items = [
        i
        for i in engine.compare(gold, extracted).items
        if i.status in MATCHED and (i.score or 0.0) >= floor and has_verb_phrase(i.new.text)
    ]
    used_old: set[str] = set()
    used_new: set[str] = set()
    pairs = []
    for item in sorted(items, key=lambda i: -(i.score or 0.0)):
        if item.old.id in used_old or item.new.id in used_new:
            continue
        used_old.add(item.old.id)
        used_new.add(item.new.id)
        pairs.append((item.old.id, item.new.id))
    return pairs


def unmatched_lines(total: RoundScore) -> str:
    """The unmatched demands of both sides, for the CLI: one per line, under two headings."""
    lines = [f"hand-listed, not found ({len(total.missed)}):", *(f"  - {t}" for t in total.missed)]
    lines += [f"extracted, not in the hand list ({len(total.wrong)}):", *(f"  - {t}" for t in total.wrong)]
    return "\n".join(lines) + "\n"
