"""What the dependency parse adds to a reading: where each stance site stands and what it governs.

The word lists (``record.read``) find the stance sites of a text; the parse (spaCy's small English
pipeline, ``positions.syntax``) says what each bears on. Three things come of it:

- a negator bears on its head, the verb or noun it governs; it counts only when that predicate or
  its object is shared by the other demand;
- a site inside a part of the sentence (a relative clause, a condition, an exception) that the
  other demand lacks bears on that part, not on the demand: it is no flip, but it changes scope;
- a verb is read with its particle wherever it stands ("pull the troops out" = "pull out"), a
  particle opposite to a listed phrase's takes the other pole ("scale up" / "scale back").

A parse is derived per text once and kept on disk (``ParseCache``, beside the embeddings), and it
runs only for pairs whose readings differ in their stance sites (``needs_parse``): a warm compare
neither parses nor imports spaCy.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache

import numpy as np

from ..cache import EmbeddingCache, default_cache_dir
from .lexicon import _load, lexicon
from .opposites import candidates
from .record import Reading, Site, all_lemmas, ends_an_act
from .record import lemma as reading_lemma

FORMAT = 1  # bump when the stored fields change


@dataclass(frozen=True)
class Parse:
    """The parse of one text, as plain tuples (one entry per spaCy token)."""

    words: tuple[str, ...]  # lower-cased
    lemmas: tuple[str, ...]
    pos: tuple[str, ...]
    deps: tuple[str, ...]
    heads: tuple[int, ...]

    def to_json(self) -> bytes:
        return json.dumps([self.words, self.lemmas, self.pos, self.deps, self.heads]).encode()

    @classmethod
    def from_json(cls, blob: bytes) -> Parse:
        words, lemmas, pos, deps, heads = json.loads(blob)
        return cls(tuple(words), tuple(lemmas), tuple(pos), tuple(deps), tuple(heads))

    @classmethod
    def from_doc(cls, doc) -> Parse:
        return cls(
            tuple(t.lower_ for t in doc),
            tuple(t.lemma_.lower() for t in doc),
            tuple(t.pos_ for t in doc),
            tuple(t.dep_ for t in doc),
            tuple(t.head.i for t in doc),
        )

    def children(self, k: int) -> list[int]:
        return [j for j, h in enumerate(self.heads) if h == k and j != k]

    def subtree(self, k: int) -> list[int]:
        out, todo = [], [k]
        while todo:
            j = todo.pop()
            out.append(j)
            todo.extend(self.children(j))
        return sorted(out)

    def ancestors(self, k: int) -> list[int]:
        out: list[int] = []
        while self.heads[k] != k and len(out) < len(self.heads):
            k = self.heads[k]
            out.append(k)
        return out


class ParseCache(EmbeddingCache):
    """Parses by (pipeline identity, text), in ``parses.sqlite3`` beside the embedding cache."""

    KIND = "parse cache"

    def __init__(self, path=None):
        super().__init__(path or default_cache_dir() / "parses.sqlite3")

    def get_parses(self, model: str, texts: list[str]) -> dict[str, Parse]:
        found: dict[str, Parse] = {}
        for text, blob in self.rows(model, texts).items():
            try:
                found[text] = Parse.from_json(blob if isinstance(blob, bytes) else b"")
            except (TypeError, ValueError):
                continue  # a damaged row is parsed again
        return found

    def put_parses(self, model: str, parses: dict[str, Parse]) -> None:
        self.store(model, {t: p.to_json() for t, p in parses.items()})


@cache
def identity() -> str:
    """The pipeline and its version, read from the package metadata (spaCy is not imported)."""
    from importlib.metadata import PackageNotFoundError, version

    from ...positions.syntax import PIPELINE

    try:
        v = version(PIPELINE.replace("_", "-"))
    except PackageNotFoundError:
        v = "?"
    return f"{PIPELINE}=={v}/format{FORMAT}"


_parsed: dict[str, Parse] = {}
_cache: list[ParseCache] = []


def _disk() -> ParseCache:
    if not _cache:
        _cache.append(ParseCache())
    return _cache[0]


def parses(texts: Iterable[str]) -> dict[str, Parse]:
    """The parse of each text: from memory, else the disk cache, else spaCy (then stored)."""
    wanted = [t for t in dict.fromkeys(texts) if t not in _parsed]
    if wanted:
        found = _disk().get_parses(identity(), wanted)
        missing = [t for t in wanted if t not in found]
        if missing:
            from ...positions.syntax import parse

            fresh = {t: Parse.from_doc(doc) for t, doc in zip(missing, parse(missing))}
            _disk().put_parses(identity(), fresh)
            found.update(fresh)
        _parsed.update(found)
    return {t: _parsed[t] for t in texts}


def needs_parse(a: Reading, b: Reading) -> bool:
    """Whether the parse can change the verdict: the texts differ and so do their stance sites,
    and not merely by a negator in otherwise the same words ("must X" / "must not X": the
    negator bears on what both share, whatever the parse says); or when one word each side is
    the other's opposite (``opposites.candidates``): the parse says whether each is what its
    demand asks."""
    if a.text == b.text:
        return False
    if candidates(a, b):
        return True
    if Counter(s.lemma for s in a.sites) == Counter(s.lemma for s in b.sites):
        return False
    negators = lexicon().negators
    return [w for w in a.lemmas if w not in negators] != [w for w in b.lemmas if w not in negators]


def prefetch(pairs: Iterable[tuple[str, str]]) -> None:
    """Parse at once (one batch) the texts of the pairs that need it (``needs_parse``)."""
    from .record import read

    texts = [t for old, new in pairs if needs_parse(read(old), read(new)) for t in (old, new)]
    if texts:
        parses(texts)


# The data -------------------------------------------------------------------


@dataclass(frozen=True)
class Grammar:
    part_deps: frozenset[str]
    part_preps: frozenset[tuple[str, ...]]
    negator_deps: frozenset[str]
    negator_determiners: frozenset[str]
    particles: frozenset[str]
    opposite_particles: dict[str, tuple[str, ...]]
    light_verbs: frozenset[str]


@cache
def grammar() -> Grammar:
    data = _load("syntax.yaml")
    opposite = {
        str(k).lower(): tuple(str(x) for x in (v if isinstance(v, list) else [v]))
        for k, v in data["opposite_particles"].items()
    }
    return Grammar(
        part_deps=frozenset(data["part_deps"]),
        part_preps=frozenset(tuple(str(p).split()) for p in data["part_preps"]),
        negator_deps=frozenset(data["negator_deps"]),
        negator_determiners=frozenset(str(w) for w in data["negator_determiners"]),
        particles=frozenset(str(w) for w in data["particles"]),
        opposite_particles=opposite,
        light_verbs=frozenset(str(w) for w in data["light_verbs"]),
    )


# Reading with the parse -------------------------------------------------------


@dataclass(frozen=True)
class Refined:
    """A reading's stance sites as the parse places them, and the negated parts only it has."""

    reading: Reading
    parts: tuple[str, ...] = ()  # words of negated parts the other demand lacks


def _align(reading: Reading, p: Parse) -> dict[int, int]:
    """spaCy token -> reading token, matched in order by word or lemma ("n't" is "not"; "lay",
    which spaCy leaves "lay" and the reading's lemmatiser makes "lie")."""
    out: dict[int, int] = {}
    r = 0
    words = list(reading.lemmas)
    for k, (w, lem) in enumerate(zip(p.words, p.lemmas)):
        w = "not" if w in ("n't", "nt") else w
        for j in range(r, min(r + 4, len(words))):
            if words[j] in (w, lem, reading_lemma(w)) or (w.startswith(words[j]) and len(words[j]) > 2):
                out[k] = j
                r = j + 1
                break
    return out


def _content(p: Parse, tokens: Iterable[int]) -> set[str]:
    stop = lexicon().stopwords
    return {p.lemmas[j] for j in tokens if p.lemmas[j].isalpha() and p.lemmas[j] not in stop}


def _part_root(p: Parse, k: int) -> int | None:
    """The root of the part (relative clause, condition, exception) token ``k`` stands in, if any."""
    g = grammar()
    for j in [k, *p.ancestors(k)]:
        if p.deps[j] in g.part_deps:
            return j
        head = p.heads[j]
        if p.deps[j] in ("pobj", "pcomp") and (p.words[head],) in g.part_preps:
            return head
    return None


def _governed(p: Parse, k: int) -> int | None:
    """The verb or noun a negator at ``k`` bears on: the head of ``not`` / ``no`` / ``never``,
    past adverbs ("no longer welcome"); the verb a negative verb governs ("stop supplying",
    "refuses to recognise", "refrain from signing"); None when the parse shows none."""
    g = grammar()
    if p.deps[k] in g.negator_deps or p.words[k] in g.negator_determiners or p.pos[k] in ("ADV", "DET", "PART"):
        j = p.heads[k]
        while p.pos[j] == "ADV" and p.heads[j] != j:
            j = p.heads[j]
        return j
    for c in p.children(k):
        if p.deps[c] in ("xcomp", "ccomp") and p.pos[c] in ("VERB", "AUX"):
            return c
        if p.deps[c] == "prep":
            verbs = [d for d in p.children(c) if p.deps[d] == "pcomp"]
            if verbs:
                return verbs[0]
    return None


def _predicate(p: Parse, head: int) -> set[str]:
    """The words that name what a negator bears on: a verb itself; a copula's complement ("are no
    longer welcome"); a noun with its modifiers and the verb it is the object or subject of ("join
    no military bloc", "no foreign troops may be stationed")."""
    if p.pos[head] == "AUX" or p.lemmas[head] == "be":
        return _content(p, [head, *(c for c in p.children(head) if p.deps[c] in ("acomp", "attr", "oprd"))])
    if p.pos[head] in ("NOUN", "PROPN"):
        return _core(p, head) | _content(p, [p.heads[head]])
    return _content(p, [head])


def _core(p: Parse, head: int, names: bool = True) -> set[str]:
    """The predicate and what it governs, parts and the active subject left out: "transfer mines
    to any recipient" (without ``names``, proper nouns left out too)."""
    out = []
    subject = {j for c in p.children(head) if p.deps[c] in ("nsubj", "expl") for j in p.subtree(c)}
    for j in p.subtree(head):
        if j in subject or (_part_root(p, j) is not None and _part_root(p, j) != _part_root(p, head)):
            continue
        if not names and p.pos[j] == "PROPN":
            continue
        out.append(j)
    return _content(p, out)


def _shares_object(p: Parse, head: int, other: set[str]) -> bool:
    """Whether what ``head`` governs is named by the other demand: two of its words, or a third
    of them (one word in common, "commercial basis" / "non-commercial assistance", is chance)."""
    core = _core(p, head, names=False)
    shared = len(core & other)
    return shared >= 2 or (shared > 0 and 3 * shared >= len(core))


def refine(me: Reading, mine: Parse, other: Reading, theirs: Parse) -> Refined:
    """``me``'s stance sites, placed by the parse against the other demand (see the module doc)."""
    lex = lexicon()
    at = _align(me, mine)
    back = {j: k for k, j in at.items()}
    other_content = set(other.content) | _content(theirs, range(len(theirs.words)))
    other_main = _content(theirs, [j for j in range(len(theirs.words)) if _part_root(theirs, j) is None])
    sites: list[Site] = []
    clauses: list[int] = []
    parts: list[str] = []
    used: set[int] = set()
    for site, clause in zip(me.sites, me.site_clauses):
        k = _token_of(me, site, back, used, mine.words)
        if k is None:
            sites.append(site)
            clauses.append(clause)
            continue
        used.add(k)
        ending = site.lemma == "end" and ends_an_act(list(mine.words), list(mine.lemmas), k)
        if site.lemma in lex.not_as_nouns and mine.pos[k] in ("NOUN", "PROPN") and not ending:
            continue  # the parse says it is a noun here ("the empty tower blocks"; not "the end of the subsidies")
        if site.lemma in grammar().particles and _particle(mine, k):
            continue  # a particle ("took back the offer"): its verb's, no stance of its own
        part = _part_root(mine, k)
        if part is not None:
            words = _content(mine, mine.subtree(part))
            if len(words & other_content) * 2 < len(words):
                if site.axis == "negation":
                    parts.append(" ".join(mine.words[j] for j in mine.subtree(part)))
                continue  # it bears on a part the other demand lacks
        if site.axis == "negation":
            head = _governed(mine, k)
            # A negated stance word the other demand answers on its axis ("must not leave" / "must
            # stay in"): the negator is the stance, whatever words the two share.
            their_axes = {a for s in other.sites for a in s.axis.split("+")} - {"negation", "restriction"}
            stance_verb = head is not None and any(
                s.axis != "negation" and s.lemma.split()[0] == mine.lemmas[head] and set(s.axis.split("+")) & their_axes
                for s in me.sites
            )
            if (
                head is not None
                and not stance_verb
                and not (_predicate(mine, head) & other_content or _shares_object(mine, head, other_main))
            ):
                continue  # it negates a predicate the other demand does not name, on an object it lacks
        sites.append(site)
        clauses.append(clause)
    # Phrasal verbs the word lists cannot see: a verb and its particle, wherever it stands.
    for k, pos in enumerate(mine.pos):
        if pos != "VERB" or k in used or _part_root(mine, k) is not None:
            continue
        found = _phrasal(mine, k)
        if found is None:
            continue
        phrase, sign, axes = found
        j = at.get(k, 0)
        obj = frozenset(_core(mine, k) - set(phrase.split()))
        sites.append(Site(phrase, sign, "+".join(sorted(axes)), phrase, me.segment_of[j] if me.segment_of else 0, obj))
        clauses.append(me.clause_of[j] if me.clause_of else 0)
        # a single-word site on the same verb ("pull" is none, but "keep" in "keep ... in" is one)
        sites, clauses = _without_bare(sites, clauses, mine.lemmas[k], len(sites) - 1)
    return Refined(replace(me, sites=tuple(sites), site_clauses=tuple(clauses)), tuple(dict.fromkeys(parts)))


def _particle(p: Parse, k: int) -> bool:
    """Whether token ``k`` is a particle or adverb of a verb ("took back"), not a verb itself ("MPs
    back the bill", which the small pipeline misparses: its head must be a word English knows as a verb)."""
    head = p.heads[k]
    return (p.deps[k] == "prt" or p.pos[k] == "ADV") and head != k and "VERB" in all_lemmas()(p.words[head])


def _without_bare(sites: list[Site], clauses: list[int], verb: str, keep: int):
    out = [(s, c) for i, (s, c) in enumerate(zip(sites, clauses)) if i == keep or s.lemma != verb]
    return [s for s, _ in out], [c for _, c in out]


def _token_of(me: Reading, site: Site, back: dict[int, int], used: set[int], words: Sequence[str]) -> int | None:
    """The spaCy token of a site: the first unused token aligned to a reading token of its first
    word (by lemma, or as written: "lay off", whose "lay" has the lemma "lie")."""
    first = site.word.split()[0] if site.word else ""
    for j, (lem, _) in enumerate(zip(me.lemmas, me.segment_of)):
        k = back.get(j)
        if k is None or k in used:
            continue
        if lem in (site.lemma.split()[0], first) or words[k].lower() == first or (first == "n't" and lem == "not"):
            return k
    return None


def _phrasal(p: Parse, k: int) -> tuple[str, int, frozenset[str]] | None:
    """A listed stance phrase "verb particle" at verb ``k`` (particle anywhere among its children),
    or the other pole of a listed phrase with the opposite particle."""
    lex = lexicon()
    g = grammar()
    for j in p.children(k):
        if p.words[j] not in g.particles or p.deps[j] not in ("prt", "prep", "advmod"):
            continue
        if j == k + 1 and p.deps[j] != "prt":
            continue  # adjacent: the word lists read it already ("pull out of")
        phrase = (p.lemmas[k], p.words[j])
        if phrase in lex.stance:
            sign, axes = lex.stance[phrase]
            return " ".join(phrase), sign, axes
        for opposite in g.opposite_particles.get(p.words[j], ()):
            if (p.lemmas[k], opposite) in lex.stance:
                sign, axes = lex.stance[(p.lemmas[k], opposite)]
                return " ".join(phrase), -sign, axes
    return None


# Unlisted verbs, classed by their nearest listed neighbours ---------------------------------

# Fitted on the battery's tune half: on a grid of 0.45-0.65 x 0-0.12 the tune accuracy is flat (0.972, no
# false reversal) up to 0.55 x 0.08 and falls beyond; the most demanding point of that plateau
# is kept. An unlisted verb takes a pole of an
# axis when its nearest listed word of that pole is at least this similar, and this much nearer
# than the nearest of the other pole.
NEIGHBOUR_MIN = 0.55
NEIGHBOUR_MARGIN = 0.08


@cache
def _entries() -> tuple[tuple[str, int, frozenset[str]], ...]:
    lex = lexicon()
    return tuple((" ".join(p).replace('"', ""), s, axes) for p, (s, axes) in lex.stance.items() if p not in lex.derived)


@cache
def _embedder():
    from ..embed import Embedder

    return Embedder()


@cache
def _axis_vectors(axis: str) -> tuple[np.ndarray, np.ndarray]:
    """(vectors, signs) of the listed words of one axis (the bundled encoder, through the
    embedding cache), once per process."""
    entries = [e for e in _entries() if axis in e[2]]
    vectors = _embedder().encode([e[0] for e in entries]) if entries else np.zeros((0, 0), dtype=np.float32)
    return vectors, np.array([e[1] for e in entries])


@lru_cache(maxsize=4096)
def neighbour_pole(phrase: str, axis: str) -> int | None:
    """The pole (+1 / -1) of ``axis`` an unlisted verb phrase stands on, by the sentence encoder's
    nearest listed words; None when it is near neither or both."""
    vectors, signs = _axis_vectors(axis)
    if not len(signs):
        return None
    sims = vectors @ _embedder().encode([phrase])[0]
    best = {s: float(np.max(sims[signs == s], initial=-1.0)) for s in (1, -1)}
    pole = max(best, key=lambda s: best[s])
    if best[pole] >= NEIGHBOUR_MIN and best[pole] - best[-pole] >= NEIGHBOUR_MARGIN:
        return pole
    return None


def classed(me: Refined, mine: Parse, other: Refined) -> Refined:
    """Give ``me`` a stance site for an unlisted main verb, when the other demand holds a stance
    word on the same object and ``me`` holds none: its pole by ``neighbour_pole``."""
    g = grammar()
    lex = lexicon()
    words = [s for s in other.reading.sites if s.axis not in ("negation", "restriction")]
    if not words or any(s.axis not in ("negation", "restriction") for s in me.reading.sites):
        return me
    for k, pos in enumerate(mine.pos):
        if pos != "VERB" or _part_root(mine, k) is not None or mine.lemmas[k] in g.light_verbs:
            continue
        if (mine.lemmas[k],) in lex.stance or mine.deps[k] not in ("ROOT", "xcomp", "conj", "ccomp"):
            continue
        if mine.lemmas[k] in other.reading.lemmas:
            continue  # the act both name ("no longer buy" / "keep buying"): what the stance bears on
        phrase = " ".join([mine.lemmas[k], *(mine.words[j] for j in mine.children(k) if mine.deps[j] == "prt")])
        obj = frozenset(_core(mine, k) - set(phrase.split()))
        for theirs in words:
            if theirs.object and not obj & theirs.object:
                continue
            for axis in theirs.axis.split("+"):
                pole = neighbour_pole(phrase, axis)
                if pole is not None:
                    at = _align(me.reading, mine).get(k, 0)
                    seg = me.reading.segment_of[at] if me.reading.segment_of else 0
                    site = Site(phrase, pole, axis, phrase, seg, obj)
                    clause = me.reading.clause_of[at] if me.reading.clause_of else 0
                    r = me.reading
                    return Refined(replace(r, sites=(*r.sites, site), site_clauses=(*r.site_clauses, clause)), me.parts)
    return me
