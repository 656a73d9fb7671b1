"""Comparison results: one Item per statement, and the Comparison that holds them."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..positions.model import Position, Statement
from .explain import Change

STATUSES = ("persisted", "changed", "reversed", "dropped", "new")
FILTERS = (*STATUSES, "doubtful")  # what ``Comparison.only`` and ``--only`` accept
# An item whose verdict is less likely than this to be right is flagged ``doubtful``.
DOUBTFUL_BELOW = 0.6


def _natural(ident: str | None) -> tuple:
    if ident is None:
        return ()
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.findall(r"\d+|\D+", ident))


@dataclass(frozen=True)
class Item:
    """One row of a comparison: an old demand, a new one, or an aligned pair."""

    status: str
    old: Statement | None
    new: Statement | None
    score: float | None = None
    semantic: float | None = None
    lexical: float | None = None
    changes: tuple[Change, ...] = ()
    relation: str | None = None
    redline: str | None = None
    confidence: float | None = None  # probability that this verdict (status and pairing) is right
    decided_by: str | None = None  # "analyst" when a decisions file set it; None for the engine's

    @property
    def doubtful(self) -> bool:
        """The engine is not sure of this verdict: a reviewer should look at it first."""
        return self.decided_by is None and self.confidence is not None and self.confidence < DOUBTFUL_BELOW

    def sort_key(self) -> tuple:
        """Status in STATUSES order, then old id, then new id (natural order)."""
        return (
            STATUSES.index(self.status),
            _natural(self.old.id if self.old else None),
            _natural(self.new.id if self.new else None),
        )

    def to_dict(self) -> dict:
        def side(s: Statement | None):
            return None if s is None else {"id": s.id, "text": s.text}

        def r(x: float | None):
            return None if x is None else round(float(x), 3)

        return {
            "status": self.status,
            "old": side(self.old),
            "new": side(self.new),
            "score": r(self.score),
            "semantic": r(self.semantic),
            "lexical": r(self.lexical),
            "changes": [c.to_dict() for c in self.changes],
            "relation": self.relation,
            "redline": self.redline,
            "confidence": r(self.confidence),
            "doubtful": self.doubtful,
            "decided_by": self.decided_by,
        }


@dataclass(frozen=True)
class Comparison:
    """Every demand of two positions with its status; items in ``Item.sort_key`` order."""

    old: Position
    new: Position
    items: tuple[Item, ...]
    settings: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def summary(self) -> dict[str, int]:
        """How many items have each status (every status present, zero or not)."""
        counts = dict.fromkeys(STATUSES, 0)
        for item in self.items:
            counts[item.status] += 1
        return counts

    def only(self, statuses: str | Iterable[str]) -> Comparison:
        """The same comparison keeping only items with one of ``statuses`` (a status or several).

        ``"doubtful"`` keeps the items the engine is not sure of, whatever their status.
        """
        if not isinstance(statuses, (str, Iterable)):
            raise TypeError(f"only() takes a status or a list of statuses, not {type(statuses).__name__}")
        keep = {statuses} if isinstance(statuses, str) else set(statuses)
        unknown = sorted(keep - set(STATUSES) - {"doubtful"}, key=str)
        if unknown or not keep:
            raise ValueError(
                f"{', '.join(map(repr, unknown)) or 'no status'} is not a status; choose from {', '.join(FILTERS)}"
            )
        items = tuple(i for i in self.items if i.status in keep or ("doubtful" in keep and i.doubtful))
        return Comparison(self.old, self.new, items, self.settings)

    def to_dict(self) -> dict:
        """The JSON contract: old, new, summary, items."""
        return {
            "old": self.old.describe(),
            "new": self.new.describe(),
            "summary": self.summary,
            "items": [i.to_dict() for i in self.items],
        }
