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
import re
from collections.abc import Sequence
from functools import cache
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
    "added",  # how many words (up to 3) one side adds to another that says all the rest
)
# The sign each weight may take: more alike means less moved (-1), more differences means more
# moved (+1). The fit keeps to these, so a quirk of the examples (minimal pairs that change one
# word against paraphrases that change many) cannot teach that rewording makes a pair persist.
SIGNS = {"semantic": -1, "lexical": -1}
# Features that are one another with old and new swapped: the fit sees each example both ways,
# so a pair's verdict does not hang on which side is the old one.
MIRRORED = (("unmatched_old", "unmatched_new"), ("names_gone", "names_added"), ("parts_gone", "parts_added"))
STEM = 5  # content words sharing their first letters are one word ("store" / "storage")


def _words(r: Reading, aliases: Aliases, skip: frozenset[str] = frozenset()) -> set[str]:
    """Content lemmas outside names and ``skip`` (the parts of hyphenated words too), and the
    entities it names."""
    from .reading.lexicon import lexicon
    from .reading.names import entity
    from .reading.record import lemma

    in_names = {w.lower() for n in r.names for w in re.split(r"[\s-]+", n.replace("'s", ""))}
    in_names |= {lemma(w) for w in in_names}  # "United States" is read "unite state"
    # The parts of hyphenated words ("asylum-seeking").
    parts = {lemma(p) for w in r.lemmas if "-" in w for p in w.split("-") if p.isalpha() and len(p) > 3}
    words = {w for w in r.content | parts if w not in in_names and w not in skip and w not in lexicon().stopwords}
    return words | {"@" + entity(n, aliases) for n in r.names}


def _said_otherwise(*readings: Reading) -> frozenset[str]:
    """The words that the readings' amounts, dates, stance sites, modality and conditions
    stand for. Those are compared on their own ("fifty dollars" / "$50", "must not" / "is
    prohibited from"), so their words are no words added or dropped on either side."""
    from .reading.record import lemma

    spans = [q.text for r in readings for q in r.amounts] + [w.text for r in readings for w in r.dates]
    if _one_stance(readings):
        spans += [s.lemma for r in readings for s in r.sites]
    spans += [w for r in readings for w in r.condition_words]
    words = {w.lower() for span in spans for w in re.split(r"[\s-]+", span)}
    return frozenset(words | {lemma(w) for w in words} | _modal_words())


def _one_stance(readings: Sequence[Reading]) -> bool:
    """Whether every reading says its stance in words of its own on a common axis ("keep" /
    "retain"), or by a negator on one side ("must not" / "is forbidden from"): then the stance
    words are no words added or dropped. On different axes ("phase out" / "phase down") they
    say how far the demand goes."""
    axes = [{a for s in r.sites for a in s.axis.split("+")} for r in readings]
    if not all(axes):
        return False
    return bool(set.intersection(*axes)) or any(side <= {"negation", "restriction"} for side in axes)


@cache
def _modal_words() -> frozenset[str]:
    from .reading.lexicon import lexicon

    return frozenset(w for _, phrases in lexicon().modality for phrase in phrases for w in phrase)


def _unmatched(mine: set[str], theirs: set[str]) -> float:
    """Share of ``mine`` with no word of ``theirs`` equal to it or sharing its first letters."""
    if not mine:
        return 0.0
    stems = {w[:STEM] for w in theirs if len(w) >= STEM}
    missing = [w for w in mine if w not in theirs and not (len(w) >= STEM and w[:STEM] in stems)]
    return len(missing) / len(mine)


def _added(mine: set[str], theirs: set[str]) -> int:
    """How many words (light words aside) ``mine`` adds where it says every word of ``theirs``:
    a demand narrowed or qualified ("all declared nuclear sites", "spills on bathing beaches")."""
    from .reading.lexicon import lexicon

    if _unmatched(theirs, mine) > 0:
        return 0
    stems = {w[:STEM] for w in theirs if len(w) >= STEM}
    light = lexicon().light
    return sum(1 for w in mine if w not in theirs and w not in light and not (len(w) >= STEM and w[:STEM] in stems))


def _predicate(r: Reading) -> str | None:
    """The first content word after the modal verb: what the demand asks done ("must get", "must
    be seen"), or None without a modal."""
    from .reading.lexicon import lexicon
    from .reading.record import MODALS

    lex = lexicon()
    modal = next((k for k, w in enumerate(r.lemmas) if w in MODALS), None)
    if modal is None:
        return None
    after = r.lemmas[modal + 1 :]
    return next((w for w in after if w.isalpha() and w not in lex.stopwords and w not in lex.negators), None)


def _qualifies(longer: Reading, shorter: Reading) -> bool:
    """Whether the longer demand asks what the shorter asks done (its predicate is said): words
    it adds then qualify the demand. "All NATO members must pledge that the alliance will not
    enlarge" is told at length, not a qualified "Ukraine must be shut out of NATO membership"."""
    verb = _predicate(shorter)
    return verb is None or any(w == verb or w[:STEM] == verb[:STEM] for w in longer.lemmas)


def _narrowed(mine: Reading, theirs: Reading, added: int) -> int:
    """One more for words added where the other side's "all" (every, whole) is gone: "all
    elections" / "local elections"."""
    from .reading.lexicon import lexicon

    universal = lexicon().universal
    return int(added > 0 and bool(universal & set(theirs.lemmas)) and not universal & set(mine.lemmas))


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
    skip = _said_otherwise(a, b)
    wa, wb = _words(a, aliases, skip), _words(b, aliases, skip)
    stop = lexicon().stopwords
    la = " ".join(w for w in a.lemmas if w.isalnum() and w not in stop)
    lb = " ".join(w for w in b.lemmas if w.isalnum() and w not in stop)
    uo, un = _unmatched(wa, wb), _unmatched(wb, wa)
    gone, added, shared = names_diff(a, b, aliases)
    added_a = _added(wa, wb) if _qualifies(a, b) else 0
    added_b = _added(wb, wa) if _qualifies(b, a) else 0
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
        float(min(3, added_a + _narrowed(a, b, added_a) + added_b + _narrowed(b, a, added_b))),
    )


def moved_probability(values: Sequence[float], bias: float, weights: Sequence[float]) -> float:
    """The probability that the pair's substance moved (it is 'changed', not 'persisted')."""
    z = bias + sum(w * x for w, x in zip(weights, values, strict=True))
    return 1.0 / (1.0 + math.exp(-max(min(z, 40.0), -40.0)))


def fit(x: Sequence[Sequence[float]], y: Sequence[float], ridge: float = 1.0) -> tuple[float, list[float]]:
    """Ridge-penalised logistic regression of ``y`` (1: moved) on ``x``: (bias, weights), each
    weight kept to its sign in ``SIGNS`` (others non-negative) and each example seen both ways
    (``MIRRORED``) when ``x`` has every feature."""
    from .logistic import fit as logistic

    full = len(x) > 0 and len(x[0]) == len(FEATURES)
    if not full:
        return logistic(x, y, ridge, None)
    bounds = [(0.0, None) if SIGNS.get(name, 1) > 0 else (None, 0.0) for name in FEATURES]
    return logistic([*x, *map(_mirror, x)], [*y, *y], ridge, bounds)


def _mirror(values: Sequence[float]) -> list[float]:
    """A pair's features with old and new swapped."""
    out = list(values)
    for a, b in MIRRORED:
        i, j = FEATURES.index(a), FEATURES.index(b)
        out[i], out[j] = values[j], values[i]
    return out
