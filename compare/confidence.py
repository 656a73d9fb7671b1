"""How sure a verdict is: a calibrated probability that an item's status is right."""

from __future__ import annotations


def verdict_confidence(status, changes, match, semantic, old, new) -> float:
    return float(match)
