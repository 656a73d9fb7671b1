"""Did the substance of an aligned pair move? A small calibrated model instead of hand thresholds.

A logistic regression over what two readings (``compare.reading.record``) and their scores
say about a pair: the cosine, a lexical similarity of their lemmas, the share of each side's
content words the other lacks (after lemmas and names as entities), the differences read off
the words (numbers, dates, modality, conditions, scope, names) and how much longer one side
is. Its weights are settings (``substance_*``), fitted with the match model by ``eval --tune``
on gold cases' linked pairs and the verdict battery's tune half (``compare.eval.tune``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the readers load only when a pair is judged: settings import this module
    from .explain import Change
    from .reading.names import Aliases
    from .reading.record import Reading

FEATURES = (
    "semantic",
    "lexical",
    "unmatched_old",
    "unmatched_new",
    "numbers",
    "dates",
    "modality",
    "conditions",
    "scope",
    "names_gone",
    "names_added",
    "party",
    "longer",  # how much longer one side is (log ratio of content words)
    "parts_gone",
    "parts_added",
    "one_sided",  # words added (or dropped) on one side only: a demand widened or narrowed
)
# The sign each weight may take: more alike means less moved (-1), more differences means more
# moved (+1). The fit keeps to these, so a quirk of the examples (minimal pairs that change one
# word against paraphrases that change many) cannot teach that rewording makes a pair persist.
SIGNS = {"semantic": -1, "lexical": -1}
STEM = 5  # content words sharing their first letters are one word ("store" / "storage")


def _words(r: Reading, aliases: Aliases) -> set[str]:
    """Content lemmas outside names, and the entities it names."""
    from .reading.names import entity

    in_names = {w.lower() for n in r.names for w in n.replace("'s", "").split()}
    words = {w for w in r.content if w not in in_names}
    return words | {"@" + entity(n, aliases) for n in r.names}


def _unmatched(mine: set[str], theirs: set[str]) -> float:
    """Share of ``mine`` with no word of ``theirs`` equal to it or sharing its first letters."""
    if not mine:
        return 0.0
    stems = {w[:STEM] for w in theirs if len(w) >= STEM}
    missing = [w for w in mine if w not in theirs and not (len(w) >= STEM and w[:STEM] in stems)]
    return len(missing) / len(mine)


def _parts_unsaid(me: Reading, theirs: set[str], mine: set[str]) -> int:
    """Conjuncts of ``me`` (two content words or more) most of whose words the other side lacks:
    a demand added or dropped inside the pair ("withdraw its fighters and hand over its weapons")."""
    count = 0
    for segment in sorted(set(me.segment_of)):
        words = {w for w in me.content_of(segment) if w in mine}
        if len(words) >= 2 and _unmatched(words, theirs) > 0.5:
            count += 1
    return count


def features(
    a: Reading, b: Reading, semantic: float, aliases: Aliases = None, changes: Sequence[Change] | None = None
) -> tuple[float, ...]:
    """The values of ``FEATURES`` for one pair."""
    from rapidfuzz import fuzz

    from .explain import substance_changes_of
    from .reading.lexicon import lexicon
    from .reading.names import names_diff

    if changes is None:
        changes = substance_changes_of(a, b, aliases)
    kinds = [c.kind for c in changes]
    wa, wb = _words(a, aliases), _words(b, aliases)
    stop = lexicon().stopwords
    la = " ".join(w for w in a.lemmas if w.isalnum() and w not in stop)
    lb = " ".join(w for w in b.lemmas if w.isalnum() and w not in stop)
    uo, un = _unmatched(wa, wb), _unmatched(wb, wa)
    gone, added, shared = names_diff(a, b, aliases)
    return (
        float(semantic),
        fuzz.token_set_ratio(la, lb) / 100.0,
        uo,
        un,
        float(kinds.count("number")),
        float(kinds.count("date")),
        float("modality" in kinds),
        float(abs(a.conditions - b.conditions) or "condition" in kinds),
        float(kinds.count("scope")),
        float(len(gone)),
        float(len(added)),
        float(bool(gone and added) or (bool(shared) and bool(gone or added))),
        abs(math.log((len(wb) + 1) / (len(wa) + 1))),
        float(_parts_unsaid(a, wb, wa)),
        float(_parts_unsaid(b, wa, wb)),
        max(0.0, max(uo, un) - 2 * min(uo, un)),  # a paraphrase rewords both sides
    )


def moved_probability(values: Sequence[float], bias: float, weights: Sequence[float]) -> float:
    """The probability that the pair's substance moved (it is 'changed', not 'persisted')."""
    z = bias + sum(w * x for w, x in zip(weights, values, strict=True))
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def fit(x: Sequence[Sequence[float]], y: Sequence[float], ridge: float = 1.0) -> tuple[float, list[float]]:
    """Ridge-penalised logistic regression of ``y`` (1: moved) on ``x``: (bias, weights), each
    weight kept to its sign in ``SIGNS`` (others non-negative) when ``x`` has every feature."""
    from .logistic import fit as logistic

    full = len(x) > 0 and len(x[0]) == len(FEATURES)
    bounds = [(0.0, None) if SIGNS.get(name, 1) > 0 else (None, 0.0) for name in FEATURES] if full else None
    return logistic(x, y, ridge, bounds)
