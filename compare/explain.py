"""Explanations as data: what changed between two demands, and a word redline."""

from __future__ import annotations

import difflib
import re
from dataclasses import asdict, dataclass
from functools import lru_cache
from itertools import zip_longest

from .reading import features as ft


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


def _unmatched(old: list, new: list, key) -> tuple[list, list]:
    rest = list(new)
    gone = []
    for item in old:
        match = next((r for r in rest if key(r) == key(item)), None)
        if match is None:
            gone.append(item)
        else:
            rest.remove(match)
    return gone, rest


def _pairs(kind: str, gone: list[str], added: list[str]) -> list[Change]:
    return [Change(kind, o, n) for o, n in zip_longest(gone, added)]


@lru_cache(maxsize=4096)
def polarity_change(old: str, new: str) -> Change | None:
    """A negation change when the two demands, read clause by clause, have opposite polarity."""
    (p_old, c_old), (p_new, c_new) = ft.polarity_towards(old, new), ft.polarity_towards(new, old)
    if p_old == p_new:
        return None

    def show(polarity: int, clause: str) -> str:
        if polarity > 0:
            return "affirmative"
        return f"negative ({', '.join(dict.fromkeys(ft.negators(clause)))})"

    return Change("negation", show(p_old, c_old), show(p_new, c_new))


@lru_cache(maxsize=4096)
def substance_changes(old: str, new: str) -> tuple[Change, ...]:
    """Differences in numbers, dates, modality, conditions, scope and names."""
    changes: list[Change] = []
    q_old, q_new = ft.quantities(old), ft.quantities(new)
    for kind in ("number", "date"):
        a = [q for q in q_old if q.kind == kind]
        b = [q for q in q_new if q.kind == kind]
        gone, added = _unmatched(a, b, key=lambda q: q.value)
        # Pair like with like (days with days) before pairing what is left in order.
        same_unit = [
            (g, next(x for x in added if x.value[0] == g.value[0]))
            for g in gone
            if any(x.value[0] == g.value[0] for x in added)
        ]
        paired: list[tuple] = []
        for g, x in same_unit:
            if x in added:
                added.remove(x)
                gone.remove(g)
                paired.append((g.text, x.text))
        changes += [Change(kind, o, n) for o, n in paired]
        changes += _pairs(kind, [q.text for q in gone], [q.text for q in added])
    m_old, m_new = ft.modality(old), ft.modality(new)
    if m_old and m_new and m_old != m_new:
        changes.append(Change("modality", m_old, m_new))
    for kind, read in (("condition", ft.conditions), ("scope", ft.scope_words)):
        gone, added = _unmatched(read(old), read(new), key=lambda w: w)
        changes += _pairs(kind, gone, added)
    gone_names, new_names, _ = name_changes(old, new)
    if gone_names or new_names:
        changes.append(Change("entity", ", ".join(gone_names) or None, ", ".join(new_names) or None))
    return tuple(changes)


@lru_cache(maxsize=4096)
def name_changes(old: str, new: str) -> tuple[list[str], list[str], list[str]]:
    """Names only the old text has, names only the new one has, and names both share."""
    e_old = ft.entities(old)
    e_new = ft.entities(new, known=e_old)
    e_old = ft.entities(old, known=e_new)
    gone = [_shown(old, n) for n in sorted(e_old) if not _mentioned(new, n)]
    added = [_shown(new, n) for n in sorted(e_new) if not _mentioned(old, n)]
    shared = [_shown(old, n) for n in sorted(e_old) if _mentioned(new, n)]
    return gone, added, shared


def _mentioned(text: str, name: str) -> bool:
    """Whether ``text`` names ``name``, in any case or form ("Ukrainian" names "Ukraine")."""
    stems = r"\W+".join(re.escape(w[:6]) + r"\w*" for w in name.split())
    return re.search(r"\b" + stems, text, re.I) is not None


def _shown(text: str, name: str) -> str:
    """A name as the text writes it."""
    found = re.search(re.escape(name), text, re.I)
    return found.group(0) if found else name


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
