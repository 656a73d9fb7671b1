"""The verdict on an aligned pair: persisted, changed or reversed, with reasons.

Each text is read once into a ``Reading`` (``compare.reading.record``); the verdict compares
the two readings.
"""

from __future__ import annotations

from typing import Protocol

from .explain import Change, stance_reading, substance_changes_of, wording_change
from .reading.names import Aliases
from .reading.record import read
from .substance import features, moved_probability


class Thresholds(Protocol):
    @property
    def reverse_threshold(self) -> float: ...
    @property
    def substance_threshold(self) -> float: ...
    @property
    def substance_bias(self) -> float: ...
    @property
    def substance_weights(self) -> tuple[float, ...]: ...


def classify(
    old: str, new: str, semantic: float, match: float, settings: Thresholds, aliases: Aliases = None
) -> tuple[str, list[Change]]:
    """Status of an aligned pair and the changes that justify it.

    A reversal is the same proposition with the opposite stance (``explain.stance_flip``) on a
    sure match; on a doubtful match a flip only makes the pair ``changed``. Otherwise the
    substance model (``compare.substance``) weighs what differs (numbers, dates, modality,
    conditions, scope, names after aliases, content words one side lacks) against how alike
    the two are: ``changed`` when the probability that the substance moved reaches
    ``substance_threshold``.
    """
    a, b = read(old), read(new)
    flip, part = stance_reading(a, b, parse=match >= settings.reverse_threshold)  # the parse only on sure matches
    substance = list(substance_changes_of(a, b, aliases))
    if part is not None and not any(c.kind == "condition" for c in substance):
        substance.append(part)  # a negation inside a part only one side has narrows the demand
    if flip is not None:
        return ("reversed" if match >= settings.reverse_threshold else "changed"), [flip, *substance]
    values = features(a, b, semantic, aliases, substance)
    if moved_probability(values, settings.substance_bias, settings.substance_weights) >= settings.substance_threshold:
        return "changed", substance or [wording_change(old, new)]
    return "persisted", []
