"""The verdict on an aligned pair: persisted, changed or reversed, with reasons."""

from __future__ import annotations

from typing import Protocol

from .explain import Change, name_changes, polarity_change, substance_changes, wording_change

# Differences read reliably off the words: any of them changes a demand's substance.
DECISIVE = ("number", "date", "modality", "condition")


class Thresholds(Protocol):
    @property
    def persist_threshold(self) -> float: ...
    @property
    def detail_threshold(self) -> float: ...
    @property
    def reverse_threshold(self) -> float: ...


def classify(old: str, new: str, semantic: float, match: float, settings: Thresholds) -> tuple[str, list[Change]]:
    """Status of an aligned pair and the changes that justify it.

    Opposite polarity on a sure match is a reversal, whatever the cosine says
    (embeddings score "must join" and "must not join" as near-identical); on a
    doubtful match it is more often a negative word elsewhere in the sentence, so
    the pair is only ``changed``. Numbers, dates, modality and conditions that differ
    change the substance; a name or scope word that differs does so only when the
    meaning moved too (paraphrases rename things: "the EU" for "the European
    Union"). With none of these, a low semantic score still means the content moved.
    """
    flip = polarity_change(old, new)
    substance = list(substance_changes(old, new))
    if flip is not None and match >= settings.reverse_threshold:
        return "reversed", [flip, *substance]
    if flip is not None or any(c.kind in DECISIVE for c in substance) or _list_of_names_changed(old, new):
        return "changed", substance or [wording_change(old, new)]
    if substance and semantic < settings.detail_threshold:
        return "changed", substance
    if semantic < settings.persist_threshold:
        return "changed", [wording_change(old, new)]
    return "persisted", []


def _list_of_names_changed(old: str, new: str) -> bool:
    gone, added, shared = name_changes(old, new)
    return bool(shared) and bool(gone or added)
