"""The verdict on an aligned pair: persisted, changed or reversed, with reasons.

Each text is read once into a ``Reading`` (``compare.reading.record``); the verdict compares
the two readings.
"""

from __future__ import annotations

from typing import Protocol

from .explain import Change, names_diff, stance_reading, substance_changes_of, wording_change
from .reading.names import Aliases
from .reading.record import read

# Differences read reliably off the words: any of them changes a demand's substance.
DECISIVE = ("number", "date", "modality", "condition")


class Thresholds(Protocol):
    @property
    def persist_threshold(self) -> float: ...
    @property
    def detail_threshold(self) -> float: ...
    @property
    def reverse_threshold(self) -> float: ...


def classify(
    old: str, new: str, semantic: float, match: float, settings: Thresholds, aliases: Aliases = None
) -> tuple[str, list[Change]]:
    """Status of an aligned pair and the changes that justify it.

    A reversal is the same proposition with the opposite stance (``explain.stance_flip``) on a
    sure match; on a doubtful match a flip only makes the pair ``changed``. Numbers, dates,
    modality and conditions that differ change the substance, and so does a party replaced by
    another (after aliases: "Russian Federation" is "Russia"). A name or scope word that differs
    otherwise changes it only when the meaning moved too. With none of these, a low semantic
    score still means the content moved.
    """
    a, b = read(old), read(new)
    flip, part = stance_reading(a, b, parse=match >= settings.reverse_threshold)  # the parse only on sure matches
    substance = list(substance_changes_of(a, b, aliases))
    if part is not None and not any(c.kind == "condition" for c in substance):
        substance.append(part)  # a negation inside a part only one side has narrows the demand
    if flip is not None and match >= settings.reverse_threshold:
        return "reversed", [flip, *substance]
    if flip is not None or any(c.kind in DECISIVE for c in substance) or _party_changed(a, b, aliases):
        return "changed", [c for c in [flip, *substance] if c is not None] or [wording_change(old, new)]
    if substance and semantic < settings.detail_threshold:
        return "changed", substance
    if semantic < settings.persist_threshold:
        return "changed", [wording_change(old, new)]
    return "persisted", []


def _party_changed(a, b, aliases: Aliases) -> bool:
    """A name replaced by another ("Germany" by "Turkey"), or a list of names that gained or lost
    one ("Donetsk and Luhansk" / "Donetsk, Luhansk and Kherson"); a name only added to a demand
    that names nothing else may be a paraphrase and counts only with the semantics."""
    gone, added, shared = names_diff(a, b, aliases)
    return bool(gone and added) or (bool(shared) and bool(gone or added))
