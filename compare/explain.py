"""Explanations as data: what changed between two demands, and a word redline."""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import asdict, dataclass
from functools import lru_cache
from itertools import zip_longest
from math import prod

from ..positions.quantities import Amount
from .reading.lexicon import lexicon
from .reading.names import Aliases, names_diff
from .reading.record import Reading, Site, read


@dataclass(frozen=True)
class Change:
    """One difference of substance: ``number: 30 days -> 60 days``."""

    kind: str
    old: str | None
    new: str | None

    def to_dict(self) -> dict:
        return asdict(self)

    def __str__(self) -> str:
        return f"{self.kind}: {self.old or '—'} → {self.new or '—'}"


def _pairs(kind: str, gone: list[str], added: list[str]) -> list[Change]:
    return [Change(kind, o, n) for o, n in zip_longest(gone, added)]


def _unmatched(old: list, new: list, same=lambda x, y: x == y) -> tuple[list, list]:
    """Items of ``old`` that ``same`` finds no equal of in ``new``, and the rest of ``new``."""
    rest = list(new)
    gone = []
    for item in old:
        match = next((r for r in rest if same(r, item)), None)
        if match is None:
            gone.append(item)
        else:
            rest.remove(match)
    return gone, rest


# Stance ----------------------------------------------------------------------


def _chosen_clause(me: Reading, other: Reading) -> int | None:
    """The clause of ``me`` that speaks to ``other`` (most shared content), or None for the whole."""
    clauses = sorted(set(me.clause_of))
    if len(clauses) < 2:
        return None
    theirs = other.content
    stop = lexicon().stopwords
    shared = {
        c: len({w for w, k in zip(me.lemmas, me.clause_of) if k == c and w.isalpha() and w not in stop} & theirs)
        for c in clauses
    }
    best = [c for c in clauses if shared[c] == max(shared.values())]
    return best[0] if len(best) == 1 else None


@lru_cache(maxsize=1)
def _stance_words() -> frozenset[str]:
    """The one-word stance words (listed and derived), built once."""
    return frozenset(p[0] for p in lexicon().stance if len(p) == 1)


def _live_sites(me: Reading, other: Reading) -> list[Site]:
    """The stance sites of ``me`` that bear on what both demands share: in the clause that speaks
    to the other demand, and on something the other demand names too."""
    clause = _chosen_clause(me, other)
    theirs = other.content
    stance_words = _stance_words()
    live = []
    for site, c in zip(me.sites, me.site_clauses):
        if clause is not None and c != clause:
            continue
        governed = site.object - stance_words
        if site.axis == "negation" and governed and not governed & theirs:
            continue  # a negation of a part the other demand lacks ("... and not rebuild the bases")
        live.append(site)
    return live


def _side_sign(sites: list[Site]) -> int | None:
    """The stance of one side's leftover sites: the product within each conjunct, one sign for
    all conjuncts ("ban X and outlaw Y" is one negative stance), None when conjuncts disagree."""
    signs = {prod(s.sign for s in sites if s.segment == seg) for seg in {s.segment for s in sites}}
    if not signs:
        return 1
    return signs.pop() if len(signs) == 1 else None


def stance_flip(a: Reading, b: Reading) -> Change | None:
    """A stance change when the two readings take opposite stances on what they share (see
    ``stance_reading``)."""
    return stance_reading(a, b)[0]


def stance_reading(a: Reading, b: Reading, parse: bool = True) -> tuple[Change | None, Change | None]:
    """(the stance flip, a negated part only one side has) of two readings.

    Where their stance sites differ, the dependency parse places them first
    (``reading.syntax.refine``): a negator counts only on a predicate or object both demands
    share; a site inside a relative clause, condition or exception the other side lacks bears on
    that part (no flip; a negated one is returned as a change of condition); a verb is read with
    its particle ("pull the troops out"); and an unlisted main verb facing a stance word on the
    same object takes the pole of its nearest listed words in the sentence encoder's space.
    Without ``parse`` (a doubtful match, which no flip makes ``reversed``) the word lists decide.
    """
    from .reading import syntax

    part = parsed = None
    if parse and syntax.needs_parse(a, b):
        parsed = syntax.parses([a.text, b.text])
        pa, pb = parsed[a.text], parsed[b.text]
        ra, rb = syntax.refine(a, pa, b, pb), syntax.refine(b, pb, a, pa)
        ra, rb = syntax.classed(ra, pa, rb), syntax.classed(rb, pb, ra)
        if ra.parts or rb.parts:
            part = Change("condition", "; ".join(ra.parts) or None, "; ".join(rb.parts) or None)
        a, b = ra.reading, rb.reading
    opposite = _opposite_words(a, b, parsed)
    if opposite is None:
        return _lexical_flip(a, b), part
    # Opposite words are a flip unless an odd number of negators or minus-pole words one side
    # alone says turns one back: "will not disobey the order" = "will obey it".
    x, y = opposite
    if _turned_back(a, b, x) != _turned_back(b, a, y):
        return None, part
    return _lexical_flip(a, b) or Change("negation", x, f"{y} (its opposite)"), part


def _opposite_words(a: Reading, b: Reading, parsed: dict | None) -> tuple[str, str] | None:
    """The first pair of words WordNet calls opposites, one each side, in two demands that say the
    same but for them (``reading.opposites``: "uphold" / "break the moratorium", "become permanent"
    / "remain temporary"), each what its demand asks: a verb, its particle, or an adjective said of
    the subject, not one describing a noun ("a temporary ceasefire" / "a permanent one" is a change
    of scope), outside any part only one side has."""
    from .reading import opposites

    pa, pb = (parsed[a.text], parsed[b.text]) if parsed else (None, None)
    for x, i, y, j in opposites.candidates(a, b):
        if opposites.predicate(a, pa, i) and opposites.predicate(b, pb, j):
            return x, y
    return None


def _turned_back(me: Reading, other: Reading, word: str) -> bool:
    """Whether the minus-pole sites only ``me`` says, outside ``word``, are odd in number."""
    sites = _live_sites(me, other)
    common = Counter(s.lemma for s in sites) & Counter(s.lemma for s in _live_sites(other, me))
    own = [s for s in _leftover(sites, common) if s.sign < 0 and not set(s.lemma.split()) & set(word.split())]
    return len(own) % 2 == 1


def _lexical_flip(a: Reading, b: Reading) -> Change | None:
    """A stance change when the two readings take opposite stances on what they share.

    Stance words both sides use cancel out; what is left on each side (a negator, a stance
    word of one pole) sets the sign: "must not X" (-) = "is prohibited from X" (-), "lift the
    closure" (- x -) against "keep it closed" (+ x -). A lone stance word against none at all
    is no flip ("mould is removed" / "mould is dealt with"): a flip needs a negator, or stance
    words of opposite poles on the two sides.
    """
    sa, sb = _live_sites(a, b), _live_sites(b, a)
    common = Counter(s.lemma for s in sa) & Counter(s.lemma for s in sb)
    only_a, only_b = _leftover(sa, common), _leftover(sb, common)
    sign_a, sign_b = _side_sign(only_a), _side_sign(only_b)
    if sign_a is None or sign_b is None or sign_a == sign_b:
        return None
    if _level_kept(only_a, only_b) or _level_kept(only_b, only_a):
        return None
    if _required(only_a, b, sb) or _required(only_b, a, sa):
        return None
    negated = any(s.axis in ("negation", "restriction") for s in only_a + only_b)
    negated = negated or _stops_shared(sa, only_a, common) or _stops_shared(sb, only_b, common)
    if (
        not negated
        and not _opposed(only_a, only_b)
        and not _permission_against_ban(a, only_a, b, only_b)
        and not _swapped(a, only_a, b, only_b)
    ):
        return None
    return Change("negation", _show(sign_a, only_a), _show(sign_b, only_b))


def _required(mine: list[Site], other: Reading, theirs: list[Site]) -> bool:
    """Whether ``mine`` negates the act only on a condition, a requirement ("cannot be evicted
    without a court order", "only with a court order") that the other side states with no
    negation or minus-pole word and does not waive ("evictions require a court order"): the
    same demand, or a change of condition, not the act forbidden. "Can be evicted without a court order" waives
    it (``waivers:`` in negation.yaml), or says the same condition: a flip."""
    negations = [s for s in mine if s.axis in ("negation", "restriction")]
    if not negations or not all(s.condition for s in negations):
        return False
    if any(s.axis in ("negation", "restriction") for s in theirs):
        return False
    # A minus-pole act said bare ("the sanctions will be lifted" against "will not be lifted
    # unless Russia withdraws") is the act asked outright: a flip. Said on a condition of its
    # own ("troops will leave only once a ceasefire holds") it is the requirement again.
    # (``theirs``: all the other side's live sites, shared ones too.)
    if any(s.sign < 0 for s in theirs) and not (other.conditions or "only" in other.scope):
        return False
    # The condition said on both sides ("may not use it until Congress acts" / "are free to use
    # it until Congress acts") leaves the negation as the difference: a flip.
    said = {tuple(s.condition.split()) for s in negations} | set(lexicon().waivers)
    from .reading.record import _match

    lemmas = list(other.lemmas)
    return not any(_match(lemmas, k, w) for k in range(len(lemmas)) for w in said)


def _level_kept(negated: list[Site], kept: list[Site]) -> bool:
    """Whether one side says no growth (or no cut) where the other says keep: "will not raise
    the tariffs" / "will hold them steady", "must not cut pensions" / "must maintain them". Not
    moving a level is keeping it, as a growth against keeping is a change of degree, not a flip."""
    words = [s for s in negated if s.axis != "negation"]
    return (
        len(words) < len(negated)
        and bool(words)
        and all(s.axis == "raise" for s in words)
        and bool(kept)
        and all(s.sign > 0 and "continue" in s.axis.split("+") for s in kept)
    )


def _swapped(a: Reading, only_a: list[Site], b: Reading, only_b: list[Site]) -> bool:
    """Whether two demands say the same but for one stance word each side, of opposite poles on
    two axes ("hire 500 drivers" / "cut 500 drivers", "boost spending" / "curb spending"): the
    same act on the same object, asked the other way. At most one other content word may differ,
    and a growth or a cut against keeping is a change of degree, not a flip ("keep the tariffs"
    / "cut them")."""
    from .reading.opposites import SHARED

    if len(only_a) != 1 or len(only_b) != 1:
        return False
    x, y = only_a[0], only_b[0]
    if {"continue", "raise"} <= set(x.axis.split("+")) | set(y.axis.split("+")):
        return False
    rest_a, rest_b = a.content - _said(x), b.content - _said(y)
    if not rest_a or not rest_b:
        return False
    shared = len(rest_a & rest_b)
    return shared >= SHARED * min(len(rest_a), len(rest_b)) and len(rest_a | rest_b) - shared <= 1


def _said(site: Site) -> set[str]:
    """The content lemmas a site stands for: its stance words and the words written ("retention"
    for the site of "retain")."""
    from .reading.record import lemma

    return set(site.lemma.split()) | {lemma(w) for w in site.word.split()}


def _stops_shared(sites: list[Site], left: list[Site], common: Counter) -> bool:
    """Whether a side's one leftover site is a cessation word right before a stance word both
    sides say: it stops what the other side asks ("hold off on raising the tariff" / "raise it",
    "end the ban" / "ban it"), as a negator would."""
    if len(left) != 1 or left[0].sign > 0 or "continue" not in left[0].axis.split("+") or left[0].object:
        return False  # a word between ("scrap the target for phasing out") is what it stops
    at = next(k for k, s in enumerate(sites) if s is left[0])
    after = sites[at + 1] if at + 1 < len(sites) else None
    if after is None or after.segment != left[0].segment or not common[after.lemma]:
        return False
    return not after.word.endswith("ed")  # "withdrew the deferred offer": a participle names no act


def _leftover(sites: list[Site], common: Counter) -> list[Site]:
    """The sites left once those both sides share are taken out."""
    left = Counter(common)
    out = []
    for site in sites:
        if left[site.lemma] > 0:
            left[site.lemma] -= 1
        else:
            out.append(site)
    return out


def _opposed(only_a: list[Site], only_b: list[Site]) -> bool:
    """Whether the two sides hold opposite poles of one axis ("lift" / "keep", "open" / "closed"):
    a stance word against none, or against a word of another axis ("guarantee passage" / "free of
    checks"), is no flip. Axes the data names kin (``kin:`` in stance.yaml) count as one when
    the two words bear on one object: "end the practice" against "introduce it", not "will not
    enlarge any further" against "abandon its ambition to join"."""
    kin = lexicon().kin

    def facing(s: Site, t: Site) -> bool:
        x, y = set(s.axis.split("+")), set(t.axis.split("+"))
        if x & y:
            return True
        apart = bool(s.object and t.object and not s.object & t.object)
        minus, plus = (x, y) if s.sign < 0 else (y, x)
        return not apart and any((i, j) in kin for i in minus for j in plus)

    return any(s.sign != t.sign and facing(s, t) for s in only_a for t in only_b)


def _permission_against_ban(a: Reading, only_a: list[Site], b: Reading, only_b: list[Site]) -> bool:
    """ "May X" is the permit pole: against "X is prohibited" it is a flip."""
    for me, mine, theirs in ((a, only_a, only_b), (b, only_b, only_a)):
        permits = all(s.sign > 0 for s in mine)
        if permits and me.modality == "may" and any("permit" in s.axis.split("+") and s.sign < 0 for s in theirs):
            return True
    return False


def _show(sign: int, sites: list[Site]) -> str:
    words = ", ".join(dict.fromkeys(s.word for s in sites))
    if sign > 0:
        return f"affirmative ({words})" if words else "affirmative"
    return f"negative ({words})"


@lru_cache(maxsize=4096)
def polarity_change(old: str, new: str) -> Change | None:
    """A stance change between two demand texts (see ``stance_flip``)."""
    return stance_flip(read(old), read(new))


# Substance -------------------------------------------------------------------


def quantity_changes(a: Reading, b: Reading) -> list[Change]:
    """Numbers and dates one side has and the other lacks, like paired with like."""
    changes: list[Change] = []
    gone, added = _unmatched(list(a.amounts), list(b.amounts), Amount.same)
    paired = []
    for g in list(gone):  # same dimension first (days with days)
        x = next((x for x in added if x.dimension == g.dimension), None)
        if x is not None:
            paired.append((g.text, x.text))
            gone.remove(g)
            added.remove(x)
    changes += [Change("number", o, n) for o, n in paired]
    # "the two countries" against "both countries": a count of two that "both" says.
    gone = [q for q in gone if not _both(q, b)]
    added = [q for q in added if not _both(q, a)]
    changes += _pairs("number", [q.text for q in gone], [q.text for q in added])
    gone_d, added_d = _unmatched(list(a.dates), list(b.dates), lambda x, y: x.value == y.value)
    # A month named without a year and nothing on the other side to replace it is a season
    # reworded ("from October to April" / "throughout the cold season"), not a new date.
    if not added_d:
        gone_d = [w for w in gone_d if w.first is not None or w.month is None or w.month > 12]
    if not gone_d:
        added_d = [w for w in added_d if w.first is not None or w.month is None or w.month > 12]
    changes += _pairs("date", [w.text for w in gone_d], [w.text for w in added_d])
    return changes


def _both(q: Amount, other: Reading) -> bool:
    """Whether an amount is a count of two that the other side says with "both"."""
    return q.dimension == "count" and q.value == 2 and "both" in other.lemmas


def substance_changes_of(a: Reading, b: Reading, aliases: Aliases = None) -> tuple[Change, ...]:
    """Differences in numbers, dates, modality, conditions, scope and names."""
    changes = quantity_changes(a, b)
    if a.modality and b.modality and a.modality != b.modality:
        changes.append(Change("modality", a.modality, b.modality))
    if a.conditions != b.conditions:
        changes.append(Change("condition", ", ".join(a.condition_words) or None, ", ".join(b.condition_words) or None))
    gone, added = _unmatched(list(a.scope), list(b.scope))
    changes += _pairs("scope", gone, added)
    gone_names, new_names, _ = names_diff(a, b, aliases)
    if gone_names or new_names:
        changes.append(Change("entity", ", ".join(gone_names) or None, ", ".join(new_names) or None))
    return tuple(changes)


@lru_cache(maxsize=4096)
def substance_changes(old: str, new: str) -> tuple[Change, ...]:
    """Differences in numbers, dates, modality, conditions, scope and names of two texts."""
    return substance_changes_of(read(old), read(new))


@lru_cache(maxsize=4096)
def name_changes(old: str, new: str) -> tuple[list[str], list[str], list[str]]:
    """Names only the old text has, names only the new one has, and names both share."""
    return names_diff(read(old), read(new))


@lru_cache(maxsize=4096)
def wording_change(old: str, new: str) -> Change:
    """The content words one text has and the other lacks, as a last-resort explanation."""
    ops = redline_ops(old, new)
    gone = " ".join(t for op, t in ops if op == "-")
    added = " ".join(t for op, t in ops if op == "+")
    return Change("wording", gone or None, added or None)


_TOKEN = re.compile(r"\S+")


def _word_diff(old: str, new: str):
    """(same?, old words, new words) runs of a word diff that ignores case and punctuation."""
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    fold_a = [w.lower().strip(".,;:!?\"'()") for w in a]
    fold_b = [w.lower().strip(".,;:!?\"'()") for w in b]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, fold_a, fold_b, autojunk=False).get_opcodes():
        yield tag == "equal", " ".join(a[i1:i2]), " ".join(b[j1:j2])


def redline_ops(old: str, new: str) -> list[tuple[str, str]]:
    """Word-level diff as (op, text) runs: op is ' ' (same), '-' (removed) or '+' (added)."""
    ops: list[tuple[str, str]] = []
    for same, gone, added in _word_diff(old, new):
        if same:
            ops.append((" ", added))
            continue
        if gone:
            ops.append(("-", gone))
        if added:
            ops.append(("+", added))
    return ops


def redline_sides(old: str, new: str) -> tuple[list[tuple[bool, str]], list[tuple[bool, str]]]:
    """Each text as (changed?, words) runs in its own spelling, for showing old and new side by side."""
    left: list[tuple[bool, str]] = []
    right: list[tuple[bool, str]] = []
    for same, gone, added in _word_diff(old, new):
        if gone:
            left.append((not same, gone))
        if added:
            right.append((not same, added))
    return left, right


@lru_cache(maxsize=4096)
def redline(old: str, new: str) -> str:
    """The redline as text: ``Rents are [-frozen-] {+capped+} ...``."""
    marks = {" ": "{}", "-": "[-{}-]", "+": "{{+{}+}}"}
    return " ".join(marks[op].format(text) for op, text in redline_ops(old, new))
