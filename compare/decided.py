"""An analyst's decisions applied to a comparison: decided verdicts kept, the rest aligned by the engine."""

from __future__ import annotations

import warnings

import numpy as np

from ..positions.decisions import ANALYST, Decisions, current
from ..positions.model import Position
from .classify import classify
from .engine import link
from .explain import redline, wording_change
from .result import Comparison, Item
from .score import PairScores, match_probability
from .settings import Settings


class StaleDecisionWarning(UserWarning):
    """A decision whose statement is gone or was edited since: reported, not applied."""


def link_decided(
    old: Position, new: Position, scores: PairScores, settings: Settings, decisions: Decisions
) -> Comparison:
    """The comparison with ``decisions`` applied: each decided link and lone statement as the analyst
    decided it (``decided_by="analyst"``, confidence 1), and the engine's alignment of the statements
    no decision covers. Stale decisions are warned about (``StaleDecisionWarning``) and left out."""
    valid, stale = current(decisions, old, new)
    for line in stale:
        warnings.warn(StaleDecisionWarning(line), stacklevel=3)
    done_old, done_new = valid.decided_old, valid.decided_new
    a, b = scores.old, scores.new
    keep_a = [i for i, s in enumerate(a) if s.id not in done_old]
    keep_b = [j for j, s in enumerate(b) if s.id not in done_new]
    rest = link(old, new, _restrict(scores, keep_a, keep_b), settings)
    prob = match_probability(scores.features, settings.match_bias, settings.weights)
    at = {(a[i].id, b[j].id): k for k, (i, j) in enumerate(zip(scores.rows.tolist(), scores.cols.tolist()))}
    by_id_a, by_id_b = {s.id: s for s in a}, {s.id: s for s in b}
    items = list(rest.items)
    for x in valid.links:
        o, n = by_id_a[x.old], by_id_b[x.new]
        k = at.get((x.old, x.new))
        semantic = None if k is None else float(scores.semantic[k])
        engine_status, changes = classify(o.text, n.text, semantic or 0.0, 1.0, settings)
        if x.status == "persisted":
            changes = []
        elif not changes or (x.status == "changed" and engine_status == "persisted"):
            changes = [wording_change(o.text, n.text)]
        items.append(
            Item(
                x.status,
                o,
                n,
                None if k is None else float(prob[k]),
                semantic,
                None if k is None else float(scores.lexical[k]),
                tuple(changes),
                x.relation,
                redline(o.text, n.text),
                confidence=1.0,
                decided_by=ANALYST,
            )
        )
    items += [Item("dropped", by_id_a[i], None, confidence=1.0, decided_by=ANALYST) for i in valid.dropped]
    items += [Item("new", None, by_id_b[j], confidence=1.0, decided_by=ANALYST) for j in valid.added]
    items.sort(key=Item.sort_key)
    return Comparison(old, new, tuple(items), settings.to_dict())


def _restrict(scores: PairScores, keep_a: list[int], keep_b: list[int]) -> PairScores:
    """The candidate pairs among the kept statements only, re-indexed."""
    new_a = np.full(len(scores.old), -1)
    new_a[keep_a] = np.arange(len(keep_a))
    new_b = np.full(len(scores.new), -1)
    new_b[keep_b] = np.arange(len(keep_b))
    mask = (new_a[scores.rows] >= 0) & (new_b[scores.cols] >= 0)
    return PairScores(
        tuple(scores.old[i] for i in keep_a),
        tuple(scores.new[j] for j in keep_b),
        new_a[scores.rows[mask]],
        new_b[scores.cols[mask]],
        scores.semantic[mask],
        scores.lexical[mask],
    )
