"""Whole corpora: every party's consecutive rounds compared, one record per item, streaming."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from ..positions.model import Position, PositionSet
from .result import Comparison


def consecutive(dataset: PositionSet, party: str | None = None) -> list[tuple[Position, Position]]:
    """(older, newer) for every two consecutive rounds of each party (or of ``party``), parties in order."""
    parties = [dataset.one_party(party)] if party else dataset.parties()
    pairs = []
    for name in parties:
        rounds = dataset.rounds(name)
        pairs += list(zip(rounds, rounds[1:]))
    return pairs


def records(comparison: Comparison) -> Iterator[dict]:
    """One flat record per item: which party and rounds, then the item as ``Item.to_dict`` gives it."""
    old, new = comparison.old, comparison.new
    where = {
        "party": old.party or new.party,
        "from": old.date.isoformat() if old.date else None,
        "to": new.date.isoformat() if new.date else None,
        "from_round": old.round,
        "to_round": new.round,
    }
    for item in comparison.items:
        yield {**where, **item.to_dict()}


def json_lines(comparisons: Iterable[Comparison], only: Iterable[str] | None = None) -> Iterator[str]:
    """Each record as one line of JSON (keys in a fixed order), item by item."""
    keep = set(only) if only else None
    for comparison in comparisons:
        for record in records(comparison):
            if keep is None or record["status"] in keep:
                yield json.dumps(record, ensure_ascii=False) + "\n"
