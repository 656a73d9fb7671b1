"""One reading per statement: a frozen record of what it says, built once per text.

``read(text)`` tokenises and lemmatises the text (lemminflect), finds its stance sites
(stance words and negators, outside qualifiers and quantity bounds), its quantities and dates
(``positions.quantities``), its modality, conditions, scope words and names. A pair's verdict
compares two such records (``compare.reading.compare``); nothing re-reads the strings.
"""

from __future__ import annotations

import importlib.abc
import re
import sys
from dataclasses import dataclass
from functools import cache, lru_cache

from ...positions.quantities import NUMBER_WORDS, Amount, When, bound_spans, read_quantities
from .lexicon import lexicon, nominals


@dataclass(frozen=True)
class Site:
    """A word that bears on the stance: ``sign`` -1 for a negator or a minus-pole stance word."""

    lemma: str  # the lemma phrase ("not", "lift", "put a stop to")
    sign: int
    axis: str  # "negation", "restriction", or the stance axes it is on ("continue", "continue+join")
    word: str  # as written
    segment: int  # which conjunct of the sentence it stands in
    object: frozenset[str] = frozenset()  # content lemmas of what it bears on
    # The condition that makes a negation a requirement, later in its conjunct ("cannot be evicted
    # without a court order": "without"; ``conditional:`` in negation.yaml), "only" for a
    # restriction ("only with a court order"), else "".
    condition: str = ""


@dataclass(frozen=True)
class Reading:
    text: str
    lemmas: tuple[str, ...]
    clause_of: tuple[int, ...]  # clause index of each token
    segment_of: tuple[int, ...]  # conjunct index of each token (clauses split at "and"/"or" too)
    sites: tuple[Site, ...]
    site_clauses: tuple[int, ...]
    dates: tuple[When, ...]
    amounts: tuple[Amount, ...]
    modality: str | None
    conditions: int  # how many conditions / narrowing qualifiers
    condition_words: tuple[str, ...]
    scope: tuple[str, ...]
    names: tuple[str, ...]  # capitalised names as written
    english: bool

    @property
    def content(self) -> frozenset[str]:
        stop = lexicon().stopwords
        return frozenset(w for w in self.lemmas if w.isalpha() and w not in stop)

    def content_of(self, segment: int) -> frozenset[str]:
        stop = lexicon().stopwords
        return frozenset(
            w for w, s in zip(self.lemmas, self.segment_of) if s == segment and w.isalpha() and w not in stop
        )


# Letters of the Latin alphabets ("Türkiye", "Côte d'Ivoire", "São Tomé"), and their capitals.
_LETTER = "A-Za-zÀ-ÖØ-öø-ÿĀ-ſ"
_CAPITAL = "A-ZÀ-ÖØ-Þ"
_TOKEN = re.compile(rf"[{_LETTER}][{_LETTER}’'.-]*[{_LETTER}]|[{_LETTER}]|\d[\d.,]*|[%€$£]|[,;:()]")
_CLAUSE_WORDS = {"but", "while", "whereas", "yet"}
MODALS = {"must", "shall", "should", "may", "can", "could", "might", "will", "would"}
_BE = {"is", "are", "was", "were", "be", "been", "being"}
_DETERMINERS = {
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "our",
    "this",
    "these",
    "those",
    "every",
    "each",
    "any",
    "some",
}


class _HideSpacy(importlib.abc.MetaPathFinder):
    """Makes ``import spacy`` fail while lemminflect loads: lemminflect hooks into spaCy when it
    can, and spaCy imports torch, which a warm compare must not pay for."""

    def find_spec(self, name, path=None, target=None):
        if name == "spacy":
            raise ImportError("spaCy is not for lemminflect")
        return None


@cache
def _lemminflect(name: str):
    """A function of lemminflect's, loaded without spaCy (unless spaCy is already loaded)."""
    finder = _HideSpacy()
    sys.meta_path.insert(0, finder)
    try:
        import lemminflect
    finally:
        sys.meta_path.remove(finder)
    return getattr(lemminflect, name)


def all_lemmas():
    """lemminflect's ``getAllLemmas``: the lemmas its dictionary knows for a word."""
    return _lemminflect("getAllLemmas")


@lru_cache(maxsize=65536)
def lemma(word: str) -> str:
    """The lemma of a lower-cased word: a verb reading first ("closed" -> close), then noun, adjective."""
    if word.endswith("'s") and word[:-2].isalpha():
        word = word[:-2]  # a possessive: "the tribunal's ruling"
    if not word.isalpha():
        return word
    found = all_lemmas()(word)
    for pos in ("VERB", "AUX", "NOUN", "ADJ", "ADV"):
        if pos in found:
            return found[pos][0].lower()
    # A word the dictionary lacks is its own lemma, unless its verb reading (by lemminflect's
    # rules) is a stance word: "uncaps", "decouples".
    verb = _lemminflect("getAllLemmasOOV")(word, "VERB").get("VERB", (word,))[0].lower()
    return verb if (verb,) in lexicon().stance else word


def _tokens(text: str) -> tuple[list[tuple[str, int]], str]:
    """(word, start) tokens of the text with "n't" written "not" and "cannot" "can not", and that text."""
    text = re.sub(r"(?i)\bcannot\b", "can not", text)
    text = re.sub(r"(?i)\b(ca|wo|sha)n[’']t\b", lambda m: _SHORT[m[1].lower()] + " not", text)
    text = re.sub(r"(?i)n[’']t\b", " not", text)
    return [(m.group(0).strip(".'’").replace("’", "'"), m.start()) for m in _TOKEN.finditer(text)], text


_SHORT = {"ca": "can", "wo": "will", "sha": "shall"}


def _match(seq: list[str], at: int, phrase: tuple[str, ...], also: list[str] | None = None) -> int:
    """Length in tokens of ``phrase`` at ``seq[at]`` ("x", written "X" in the data, matches any word), else 0.
    With ``also`` (the words as written, ``seq`` being their lemmas) a token matches by either:
    "lay off" is said with "lay", whose lemma lemminflect gives as "lie"."""
    if at + len(phrase) > len(seq):
        return 0
    for k, p in enumerate(phrase):
        if p != "x" and seq[at + k] != p and (also is None or also[at + k] != p):
            return 0
    return len(phrase)


@cache
def _starting(kind: str) -> dict[str, tuple[tuple[int, tuple[str, ...]], ...]]:
    """The phrases of one lexicon class by their first word ("x", any word, under "x"), each with
    its place in the data, so a token is tried against the few phrases that can start there."""
    table: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for place, phrase in enumerate(getattr(lexicon(), kind)):
        table.setdefault(phrase[0], []).append((place, phrase))
    return {word: tuple(found) for word, found in table.items()}


def _at(kind: str, *forms: str) -> list[tuple[str, ...]]:
    """The phrases of ``kind`` that may start at a token written ``forms`` (its word, its lemma), in data order."""
    table = _starting(kind)
    found = {*table.get("x", ()), *(entry for form in forms for entry in table.get(form, ()))}
    return [phrase for _, phrase in sorted(found)]


@lru_cache(maxsize=65536)
def read(text: str) -> Reading:
    """The reading of one statement (cached: a text is read once per process; the cache holds
    both sides of a 20,000 x 20,000 comparison, which reads each text three times)."""
    lex = lexicon()
    toks, clean = _tokens(text)
    words = [w.lower() for w, _ in toks]
    lemmas = [lemma(w) for w in words]
    n = len(words)

    # Clauses (at ; : but while) and conjuncts (also at and / or / commas).
    clause_of, segment_of = [], []
    clause = segment = 0
    for k, w in enumerate(words):
        if w in (";", ":") or w in _CLAUSE_WORDS:
            clause += 1
            segment += 1
        elif w in ("and", "or", ",") and k > 0:
            segment += 1
        clause_of.append(clause)
        segment_of.append(segment)

    # Tokens whose words negate nothing: quantity bounds and not-negation phrases.
    masked = [False] * n
    for a, b in bound_spans(clean):
        for k, (_, start) in enumerate(toks):
            if a <= start < b:
                masked[k] = True
    for k in range(n):
        for phrase in _at("not_negation", lemmas[k], words[k]):
            length = _match(lemmas, k, phrase) or _match(words, k, phrase)
            for j in range(k, k + length):
                masked[j] = True

    # Qualifiers: from an opener to the next comma, semicolon or modal verb.
    in_qualifier = [False] * n
    conditions: list[str] = []
    k = 0
    while k < n:
        length = next((len(p) for p in _at("openers", words[k]) if _match(words, k, p)), 0)
        if words[k] == "by" and k + 1 < n and words[k + 1].endswith("ing"):
            length = 1  # the means ("tightens the embargo by revoking permits"): not the stance
        if length and any(_match(words, k + 1 - len(p), p) for p in lex.not_openers if k + 1 >= len(p)):
            length = 0  # "at once"
        if length:
            phrase = tuple(words[k : k + length])
            if phrase in lex.conditions:
                conditions.append(" ".join(phrase))
            j = k
            relative = " ".join(phrase) in lex.relative
            # A qualifier that opens before its clause has a verb qualifies the subject ("Detention
            # without trial is prohibited"): it ends at the main clause's verb, as a relative clause does.
            in_subject = not any(
                words[i] in MODALS or words[i] in _BE for i in range(k) if clause_of[i] == clause_of[k]
            )
            while j < n and words[j] not in (",", ";") and not (j > k and words[j] in MODALS):
                if (relative or in_subject) and j > k + 1 and words[j] in ("is", "are", "was", "were"):
                    break  # the main clause's verb
                in_qualifier[j] = True
                j += 1
            timed = phrase in lex.timed and not set(lemmas[k:j]) & lex.time_words
            if timed and not _dated(toks, k, j, clean):
                conditions.append(" ".join(phrase))  # "until repairs are made": an event, not a date
            k = j
        else:
            k += 1

    stop = lex.stopwords
    stance_at = _starting("stance")
    marks = [
        j
        for j in range(n)
        if words[j] in lex.negators
        or any(_match(lemmas, j, p, words) for form in {lemmas[j], words[j]} for _, p in stance_at.get(form, ()))
    ]

    def governed(k: int, length: int) -> frozenset[str]:
        """Content lemmas a site at ``k`` bears on: what follows it in its clause up to the next
        stance word ("not rebuild the bases"), qualifiers included ("remain in office until the
        elections"); none for a passive verb (its subject is what it bears on). An adverb is none
        ("must not unreasonably refuse": the negation bears on the refusal)."""

        def content(j: int) -> bool:
            return lemmas[j].isalpha() and lemmas[j] not in stop and not _adverb(words[j])

        if k > 0 and lemmas[k - 1] == "be" and words[k] not in lex.negators and not words[k].endswith("ing"):
            return frozenset()  # passive: it bears on the subject, which paraphrases rename freely
        end = min([j for j in marks if j >= k + length] + [n])
        after = [lemmas[j] for j in range(k + length, end) if clause_of[j] == clause_of[k] and content(j)]
        return frozenset(after[:8])

    def condition(k: int, length: int) -> str:
        """The first condition of ``conditional:`` after ``k`` in its conjunct, or ""."""
        for j in range(k + length, n):
            if segment_of[j] == segment_of[k]:
                for phrase in lex.conditional:
                    if _match(lemmas, j, phrase):
                        return " ".join(phrase)
        return ""

    def site(k: int, length: int, lemma_: str, sign: int, axis: str) -> None:
        obj = governed(k, length)
        said = "only" if axis == "restriction" else condition(k, length) if axis == "negation" else ""
        sites.append(Site(lemma_, sign, axis, " ".join(words[k : k + length]), segment_of[k], obj, said))
        site_clauses.append(clause_of[k])

    sites: list[Site] = []
    site_clauses: list[int] = []
    k = 0
    while k < n:
        if masked[k] or in_qualifier[k]:
            k += 1
            continue
        restrict = next((len(p) for p in _at("restrictive", lemmas[k]) if _match(lemmas, k, p)), 0)
        if (
            restrict
            and words[k] == "only"
            and k + 1 < n
            and (words[k + 1][:1].isdigit() or words[k + 1] in NUMBER_WORDS)
        ):
            restrict = 0  # "only 5 percent may ..." caps a number
        if restrict:
            site(k, restrict, "only", -1, "restriction")
            k += restrict
            continue
        phrase_length = next((len(p) for p in lex.negator_phrases if tuple(words[k : k + len(p)]) == p), 0)
        if words[k] in lex.negators or phrase_length:
            length = phrase_length or 1
            # "neither A nor B", "not A nor B": one negation carried on, not a second one
            carried = words[k] == "nor" and any(
                w in lex.negators for w, c in zip(words[:k], clause_of[:k]) if c == clause_of[k]
            )
            if not carried and not _governs_bound(words, lemmas, k + length):
                site(k, length, "not", -1, "negation")
            k += length
            continue
        compound = _compound_stance(words[k])
        if compound:  # "emissions-cutting targets": cutting emissions; "the phase-out"
            sign, axes = lex.stance[compound]
            said = len(compound) if " " in " ".join(compound) or "-" not in compound[0] else len(words[k].split("-"))
            what = governed(k, 1) | {lemma(p) for p in words[k].split("-")[:-said]}
            sites.append(Site(" ".join(compound), sign, "+".join(sorted(axes)), words[k], segment_of[k], what))
            site_clauses.append(clause_of[k])
            k += 1
            continue
        best = None
        for phrase in _at("stance", lemmas[k], words[k]):
            sign, poles = lex.stance[phrase]
            length = _match(lemmas, k, phrase, words)
            if length and (best is None or length > best[0]):
                best = (length, phrase, sign, poles)
        as_noun = best is not None and best[0] == 1 and lemmas[k] in lex.not_as_nouns and _noun_use(words, k)
        if as_noun and lemmas[k] == "end" and ends_an_act(words, lemmas, k):
            as_noun = False  # "oppose the end of the subsidies": ending them, not a time
        if best and not as_noun:
            length, phrase, sign, axes = best
            axis = "+".join(sorted(axes))
            after = words[k + length] if k + length < n else ""
            if " ".join(phrase) in lex.negative_verbs and (after in ("to", "from") or after.endswith("ing")):
                axis = "negation"  # "refuses to recognise" = "does not recognise"
            by_amount = lex.by_amount.get(" ".join(phrase))
            if by_amount and _by_amount(toks, clean, clause_of, k + length):
                axis, sign = by_amount  # "lift the age of sale by one year": raise it
            if " ".join(phrase) in lex.keeping and _left_as_is(words, k + length):
                axis, sign = "continue", 1  # "leaves the treaty suspended": keeps it so
            site(k, length, " ".join(phrase), sign, axis)
            k += length
            continue
        nominal = nominals().get(lemmas[k]) if _names_an_act(words, k) else None
        if nominal is not None:  # "the retention of the allowance": retaining it
            site(k, 1, nominal[0], nominal[1], nominal[2])
            k += 1
            continue
        if lemmas[k] in lex.keeping and _left_as_is(words, k + 1):
            site(k, 1, lemmas[k], 1, "continue")  # "hold the tariffs steady": keep them so
            k += 1
            continue
        if lemmas[k] in lex.negative_verbs and not (words[k].endswith("ing") and (k == 0 or lemmas[k - 1] != "be")):
            site(k, 1, lemmas[k], -1, "negation")  # "fails to renew" = "does not renew", "avoid devaluations"
            k += 1
            continue
        k += 1

    quantities = read_quantities(text)
    names = tuple(_names(text))
    return Reading(
        text=text,
        lemmas=tuple(lemmas),
        clause_of=tuple(clause_of),
        segment_of=tuple(segment_of),
        sites=tuple(sites),
        site_clauses=tuple(site_clauses),
        dates=quantities.dates,
        amounts=tuple(q for q in quantities.amounts if not _in_name(q, names)),
        modality=_modality(words, lemmas),
        conditions=len(conditions),
        condition_words=tuple(conditions),
        scope=tuple(" ".join(p) for k in range(n) for p in lex.scope if _match(words, k, p)),
        names=names,
        english=_english(text, words),
    )


def _in_name(q: Amount, names: tuple[str, ...]) -> bool:
    """Whether an amount is a capitalised number word inside a name ("the Group of Seven", "the Big Three")."""
    first = q.text.split()[0] if q.text else ""
    return first[:1].isupper() and any(first in name.split()[1:] for name in names)


def _compound_stance(word: str) -> tuple[str, ...] | None:
    """The stance phrase a hyphenated word says: a phrasal noun ("phase-out", "roll-back") or the
    verb that ends a modifier ("emissions-cutting", "Russia-backed"), if any."""
    parts = word.split("-")
    if len(parts) < 2 or not all(p.isalpha() for p in parts):
        return None
    last = lemma(parts[-1])
    for phrase in (tuple([*parts[:-1], last]), ("-".join([*parts[:-1], last]),)):  # "green-lights"
        if phrase in lexicon().stance and phrase != (word,):
            return phrase
    verb = (last,)
    return verb if parts[-1].endswith(("ing", "ed")) and verb in lexicon().stance else None


def _names_an_act(words: list[str], k: int) -> bool:
    """Whether the noun at ``k`` names an act done to what follows: "of" after it, a determiner
    before it or one word before that ("the retention of", "an immediate cessation of"); not
    "violations of labour standards", which names what is punished."""
    if k + 1 >= len(words) or words[k + 1] != "of":
        return False
    return any(k - d >= 0 and words[k - d] in _DETERMINERS for d in (1, 2))


def _left_as_is(words: list[str], at: int) -> bool:
    """Whether an object and then a state follow (a participle, or a word ``keeping: states``
    lists): "the treaty suspended", "rates unchanged", "the border open" - not "the EU by the
    agreed date" or "the Paris-based agency"."""
    lex = lexicon()
    crossed = False  # a preposition inside the object ("the tariffs on steel steady")
    for j in range(at + 1, min(at + 7, len(words))):
        if words[j - 1] in lex.stopwords and words[j - 1] not in _DETERMINERS:
            if j - 1 == at or not words[j - 1].isalpha():
                return False
            crossed = True
        listed = words[j] in lex.keeping_states
        state = listed or (not crossed and words[j].endswith("ed") and "-" not in words[j])
        following = words[j + 1] if j + 1 < len(words) else ""
        if state and (not following.isalpha() or following in lex.stopwords):
            return True
    return False


def ends_an_act(words: list[str], lemmas: list[str], k: int) -> bool:
    """Whether "the end of" at ``k`` ends a thing ("the end of diesel subsidies"), not a time
    ("the end of the year", "the end of 2026", "the end of March")."""
    if words[k + 1 : k + 2] != ["of"]:
        return False
    after = []
    for j in range(k + 2, min(k + 6, len(words))):
        if not (words[j].isalpha() or words[j][:1].isdigit()):
            break  # the phrase ends at punctuation
        if words[j] not in _DETERMINERS:
            after.append(j)
    if not after or not words[after[0]].isalpha():
        return False
    time = lexicon().time_words
    # any word of time, number or month in the next few ("the end of the current six months")
    return not any(
        lemmas[j] in time or words[j][:1].isdigit() or words[j] in NUMBER_WORDS or _is_date_word(words[j])
        for j in after
    )


def _dated(toks: list[tuple[str, int]], start: int, end: int, clean: str) -> bool:
    """Whether a date stands in tokens ``start`` to ``end`` ("until 1 March 2026", "pending the
    2027 review")."""
    a = toks[start][1]
    b = toks[end - 1][1] + len(toks[end - 1][0]) if end > start else a
    return any(a <= w.start < b for w in read_quantities(clean).dates)


def _by_amount(toks: list[tuple[str, int]], clean: str, clause_of: list[int], at: int) -> bool:
    """Whether "by" or "to" and an amount follow in the clause ("by one year", "to 50,000")."""
    starts = {q.start for q in read_quantities(clean).amounts}
    for j in range(at, len(toks) - 1):
        if clause_of[j] != clause_of[at - 1] or toks[j][0] in (",", ";"):
            return False
        if toks[j][0].lower() in ("by", "to") and toks[j + 1][1] in starts:
            return True
    return False


def _governs_bound(words: list[str], lemmas: list[str], at: int) -> bool:
    """Whether a bound ("exceed", "more than") follows a negator in its clause: the negator caps a
    quantity ("no tariff may exceed 10 percent")."""
    for k in range(at, min(at + 10, len(lemmas))):
        if words[k] in (",", ";", ":"):
            return False
        for phrase in lexicon().bound_verbs:
            if _match(lemmas, k, phrase) or _match(words, k, phrase):
                return True
    return False


@lru_cache(maxsize=4096)
def _adverb(word: str) -> bool:
    """Whether English knows the word only as an adverb ("unreasonably", "immediately"; not "only"
    the adjective, not "supply")."""
    readings = all_lemmas()(word)
    return set(readings) == {"ADV"} and word.endswith("ly")


def _noun_use(words: list[str], k: int) -> bool:
    """Whether the word at ``k`` is used as a noun: after a determiner, or opening the sentence.
    An -ing form is the act itself ("the lifting of sanctions"), not the noun ("the lifts")."""
    if words[k].endswith("ing"):
        return False
    return k == 0 or words[k - 1] in _DETERMINERS


def _modality(words: list[str], lemmas: list[str]) -> str | None:
    """The strongest modal force (must, should, may), or None. A negated "may" ("no troops may
    enter") is a prohibition, as strong as "must not"."""
    lex = lexicon()
    for level, phrases in lex.modality:
        for k in range(len(words)):
            for phrase in phrases:
                # Auxiliaries match as written ("should" is not "shall"); verbs by lemma ("urged").
                if _match(words, k, phrase) or (phrase[0] not in MODALS and _match(lemmas, k, phrase)):
                    participle = words[k].endswith("ed") and words[k + 1 : k + 2] == ["to"]
                    if participle and not (k and lemmas[k - 1] == "be"):
                        continue  # a participle ("adults expected to die"), not "are expected to"
                    if level == "may" and k + 1 < len(words) and words[k + 1] == "not" and words[k] != "may":
                        return None  # "cannot rise": no force either way
                    if level == "may" and any(w in lex.negators for w in words[: k + 4]):
                        return "must"  # "no troops may enter", "may incur no debt", "may not"
                    return level
    return None


_NAME = re.compile(  # "G7", "Côte d'Ivoire", "Group of Seven"
    rf"\b[{_CAPITAL}][{_LETTER}0-9’'.-]*"
    rf"(?:\s+(?:of\s+the\s+|of\s+|the\s+|on\s+the\s+|d['’])?[{_CAPITAL}][{_LETTER}0-9’'.-]*)*"
)


def _names(text: str) -> list[str]:
    """Capitalised names (NATO, the United States, Grand Ethiopian Renaissance Dam), as written.

    A capitalised first word counts only when it looks like a name: an acronym, a possessive,
    one of several capitalised words, or a known alias.
    """
    from .lexicon import alias_table

    lex = lexicon()
    aliases = alias_table()
    out: list[str] = []
    for m in _NAME.finditer(text):
        words = m.group(0).replace("’", "'").split()
        if m.start() == 0 or text[: m.start()].rstrip().endswith((".", ":", ";", '"', "(")):
            first = re.sub(r"'s$", "", words[0])
            joined = len(words) > 1 and words[1][:1].isupper() and not first.lower().endswith(("ing", "ly"))
            known = first.lower() in aliases or " ".join(words).lower() in aliases
            # A word English does not know ("Arizona", "Gazprom"), or one with a capital inside ("YouTube").
            unknown = first.isalpha() and (not all_lemmas()(first.lower()) or not first[1:].islower())
            unknown = unknown and first.lower() not in NUMBER_WORDS
            if not ((first.isupper() and len(first) > 1) or words[0].endswith("'s") or joined or known or unknown):
                words = words[1:]
        while words and (words[0].lower() in lex.not_names or words[0] == "of"):
            words = words[1:]
        while words and words[-1].lower() in ("of", "the", "and"):
            words = words[:-1]
        if not words:
            continue
        name = re.sub(r"'s$", "", " ".join(words)).strip(".'-")
        if name and name.lower() not in lex.not_names and not _is_date_word(name):
            # An institution's name runs on over "for" and "on" ("National Joint Council for Local
            # Government Services", "Framework Convention on Climate Change"), and over "and" into
            # a name ending in an institution's word ("Competition and Markets Authority") or a
            # known name ("Centers for Disease Control and Prevention").
            before = text[: m.start()].rstrip()
            link = before.rsplit(None, 1)[-1] if before else ""
            joins = bool(out) and link in ("for", "on", "and") and before[: -len(link)].rstrip().endswith(out[-1])
            if joins and f"{out[-1]} {link} {name}".lower() not in aliases:
                institution = link != "and" or name.split()[-1].lower() in lex.institutions
                joins = len(out[-1].split()) > 1 and institution
            if joins:
                name = f"{out.pop()} {link} {name}"
            out.append(name)
    return out


def _is_date_word(name: str) -> bool:
    """Whether a capitalised name is a date's words: months and weekdays ("Monday 3 March"), or a
    quarter, half or fiscal year ("Q3", "H1", "FY2026")."""
    import calendar

    months = {m.lower() for m in calendar.month_name if m} | {m.lower() for m in calendar.month_abbr if m} | {"sept"}
    months |= {d.lower() for d in calendar.day_name}
    return all(
        w.lower().rstrip(".") in months or w.isdigit() or re.fullmatch(r"Q[1-4]|H[12]|FY\d{2,4}", w)
        for w in name.split()
    )


def _english(text: str, words: list[str]) -> bool:
    """A cheap check: mostly Latin script, and (from four words on) some English function word or
    mostly words an English lemmatiser knows ("Grain ships pass freely" is English)."""
    letters = [c for c in text if c.isalpha()]
    if letters and sum(c.isascii() for c in letters) / len(letters) < 0.7:
        return False
    alpha = [w for w in words if w.isalpha()]
    if len(alpha) < 4 or any(w in lexicon().english for w in alpha):
        return True
    return sum(bool(all_lemmas()(w)) for w in alpha) / len(alpha) >= 0.5
