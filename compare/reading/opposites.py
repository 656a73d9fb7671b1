"""Opposites WordNet knows that the stance words do not: where two demands differ by one word.

Two demands that say the same but for a word or phrase each side ("Moscow will uphold / break its
moratorium") differ in stance when WordNet calls the two words antonyms (``data/antonyms.tsv``,
built by ``bench/antonyms.py`` from Open English WordNet). ``candidates`` finds such pairs in two
readings; ``predicate`` says, from the parse where there is one, whether a word is what its
demand asks (a verb, a particle, an adjective said of the subject) rather than a word that
names a thing ("a temporary ceasefire", "imports").
"""

from __future__ import annotations

import re

from .lexicon import antonyms, lexicon
from .record import Reading, all_lemmas

SHARED = 0.6  # at least this share of the fewer content words outside the two words is common


def _grams(r: Reading, other: Reading) -> dict[str, int]:
    """Words and phrases of up to three words (lemmas) only ``r`` says, with the place of their first word."""
    theirs = set(other.lemmas)
    own = [w.isalpha() and w not in theirs for w in r.lemmas]
    found: dict[str, int] = {}
    for n in (1, 2, 3):
        for k in range(len(r.lemmas) - n + 1):
            if all(own[k : k + n]):
                found.setdefault(" ".join(r.lemmas[k : k + n]), k)
    return found


def _american(phrase: str) -> str:
    """A phrase in WordNet's spelling: "legalise" is listed as "legalize", "honour" as "honor"."""
    words = (re.sub(r"(?<=.{3})is(e|ed|es|ing|ation|ations)$", r"iz\1", w) for w in phrase.split())
    return " ".join(re.sub(r"(?<=.{3})our$", "or", w) for w in words)


def _opposites(table: dict[str, frozenset[str]], phrase: str) -> frozenset[str]:
    return table.get(phrase, frozenset()) | table.get(_american(phrase), frozenset())


def candidates(a: Reading, b: Reading) -> list[tuple[str, int, str, int]]:
    """(word of ``a``, its place, word of ``b``, its place) for each pair of words WordNet calls
    opposite, each said by one side only, in two demands that otherwise agree: most of the
    content words outside the two are common, and the stance words do not put both on one pole."""
    from .syntax import grammar

    table, lex = antonyms(), lexicon()
    light = lex.stopwords | grammar().light_verbs
    only_b = _grams(b, a)
    found = []
    for x, i in _grams(a, b).items():
        opposite = _opposites(table, x)
        if not opposite or x in light:
            continue
        for y, j in only_b.items():
            if not {y, _american(y)} & opposite or y in light:
                continue
            said_x, said_y = lex.stance.get(tuple(x.split())), lex.stance.get(tuple(y.split()))
            if said_x and said_y and said_x[0] == said_y[0] and said_x[1] & said_y[1]:
                continue  # the stance words put both on one pole of an axis: they agree
            rest_a, rest_b = a.content - set(x.split()), b.content - set(y.split())
            if rest_a and rest_b and len(rest_a & rest_b) >= SHARED * min(len(rest_a), len(rest_b)):
                found.append((x, i, y, j))
    return found


def predicate(r: Reading, parse, at: int) -> bool:
    """Whether the word at ``at`` (a reading token) is what the demand asks: a verb or particle,
    or an adjective said of the subject, outside a part of the sentence (a relative clause, a
    condition). Without a parse: a word English knows as a verb, or an adjective no content word
    follows."""
    if parse is None:
        readings = all_lemmas()(r.lemmas[at])
        after = r.lemmas[at + 1] if at + 1 < len(r.lemmas) else ""
        if "VERB" in readings:
            return True
        return "ADJ" in readings and not (after.isalpha() and after not in lexicon().stopwords)
    from .syntax import _align, _part_root, grammar

    tokens = [k for k, j in _align(r, parse).items() if j == at]
    if not tokens:
        return False
    k = tokens[0]
    if _part_root(parse, k) is not None:
        return False
    pos, dep = parse.pos[k], parse.deps[k]
    if pos in ("VERB", "AUX") or dep == "prt":
        return True
    if pos == "ADV" and parse.words[k] in grammar().particles and parse.pos[parse.heads[k]] == "VERB":
        return True  # a verb's particle the small pipeline tags an adverb ("pushes back the age")
    return pos == "ADJ" and dep != "amod"
