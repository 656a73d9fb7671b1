"""The verdict on an aligned pair: persisted, changed or reversed, with reasons."""

from __future__ import annotations

from .explain import Change, polarity_change, substance_changes, wording_change


def classify(old: str, new: str, semantic: float, persist_threshold: float) -> tuple[str, list[Change]]:
    """Status of an aligned pair and the changes that justify it.

    Opposite polarity is a reversal whatever the similarity (embeddings score
    "must join" and "must not join" as near-identical). Otherwise any change of
    substance (numbers, dates, modality, conditions, scope, names) makes the pair
    ``changed``; with none, a low semantic score still means the content moved.
    """
    flip = polarity_change(old, new)
    substance = substance_changes(old, new)
    if flip is not None:
        return "reversed", [flip, *substance]
    if substance:
        return "changed", substance
    if semantic < persist_threshold:
        return "changed", [wording_change(old, new)]
    return "persisted", []
