"""The language knowledge the reading uses, loaded once from the data files beside it.

Code says how a class of words acts; the YAML files in ``data/`` say which words are in
the class (stance axes, negators, qualifiers, modality, aliases, stopwords).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _load(name: str) -> dict:
    """A data file, read by PyYAML's safe loader (in C where PyYAML has it: the warm path reads these)."""
    import yaml

    text = resources.files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)
    try:
        return loader.get_single_data() or {}
    finally:
        loader.dispose()


def _phrases(words) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(w).lower().split()) for w in words or ())


def _derived(stance: dict, rules: dict) -> dict[tuple[str, ...], tuple[int, frozenset[str]]]:
    """Stance words made of a listed one-word stance word and a prefix (``derived:`` in
    stance.yaml): "uncap", "non-statutory", "de-escalate" take the other pole, "re-establish"
    the same. Listed words and the words ``derived: not`` names keep their own reading."""
    skip = {str(w) for w in rules.get("not") or ()}
    out: dict[tuple[str, ...], tuple[int, frozenset[str]]] = {}
    for (word, *rest), (sign, axes) in stance.items():
        if rest:
            continue
        for key, flip in (("opposite", -1), ("same", 1)):
            for prefix in rules.get(key) or ():
                for made in (f"{prefix}{word}", f"{prefix}-{word}"):
                    if (made,) not in stance and made not in skip:
                        out.setdefault((made,), (sign * flip, axes))
    return out


@dataclass(frozen=True)
class Lexicon:
    stance: dict[tuple[str, ...], tuple[int, frozenset[str]]]  # lemma phrase -> (sign, axes)
    derived: frozenset[tuple[str, ...]]  # the stance words made by a prefix, not listed
    keeping: frozenset[str]  # verbs that say "keep" before an object and a state ("leave it suspended")
    keeping_states: frozenset[str]  # states other than participles ("open", "intact")
    kin: frozenset[tuple[str, str]]  # (minus axis, plus axis): poles of two axes that oppose
    by_amount: dict[str, tuple[str, int]]  # stance word -> (axis, sign) before 'by'/'to' and an amount
    not_as_nouns: frozenset[str]
    negators: frozenset[str]
    negator_phrases: tuple[tuple[str, ...], ...]  # "no longer", "rather than"
    negative_verbs: frozenset[str]
    not_negation: tuple[tuple[str, ...], ...]
    restrictive: tuple[tuple[str, ...], ...]
    bound_verbs: frozenset[tuple[str, ...]]
    conditional: tuple[tuple[str, ...], ...]  # conditions that make a negation a requirement
    waivers: tuple[tuple[str, ...], ...]  # words that waive such a condition
    openers: tuple[tuple[str, ...], ...]
    not_openers: tuple[tuple[str, ...], ...]
    relative: frozenset[str]
    conditions: frozenset[tuple[str, ...]]
    timed: frozenset[tuple[str, ...]]  # time openers that are a condition when no date follows
    time_words: frozenset[str]  # words of time after such an opener: no condition
    scope: tuple[tuple[str, ...], ...]
    universal: frozenset[str]
    modality: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    not_names: frozenset[str]
    stopwords: frozenset[str]
    light: frozenset[str]
    institutions: frozenset[str]
    english: frozenset[str]
    antonyms_not: frozenset[frozenset[str]]  # WordNet antonym pairs left out (``antonyms: not``)
    nominals: dict[str, str]  # noun -> the verb whose act it names, beside data/nominals.tsv


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    stance_file = _load("stance.yaml")
    stance_data = stance_file["axes"]
    stance: dict[tuple[str, ...], tuple[int, frozenset[str]]] = {}
    for axis, poles in stance_data.items():
        for pole, sign in (("plus", 1), ("minus", -1)):
            for phrase in _phrases(poles.get(pole)):
                known_sign, axes = stance.get(phrase, (sign, frozenset()))
                if known_sign != sign:
                    raise ValueError(f"stance.yaml: {' '.join(phrase)!r} is on both poles")
                stance[phrase] = (sign, axes | {axis})
    derived = _derived(stance, stance_file.get("derived") or {})
    neg = _load("negation.yaml")
    qual = _load("qualifiers.yaml")
    names = _load("names.yaml")
    modality = _load("modality.yaml")["levels"]
    return Lexicon(
        stance=stance | derived,
        derived=frozenset(derived),
        keeping=frozenset(str(w) for w in (stance_file.get("keeping") or {}).get("verbs") or ()),
        keeping_states=frozenset(str(w) for w in (stance_file.get("keeping") or {}).get("states") or ()),
        kin=frozenset((str(m).rstrip("-"), str(p).rstrip("+")) for m, p in stance_file.get("kin") or ()),
        not_as_nouns=frozenset(str(w) for w in stance_file.get("not_as_nouns") or ()),
        by_amount={str(w): (str(axis), int(sign)) for w, (axis, sign) in (stance_file.get("by_amount") or {}).items()},
        negators=frozenset(str(w) for w in neg["negators"]),
        negator_phrases=_phrases(neg.get("negator_phrases") or ()),
        negative_verbs=frozenset(str(w) for w in neg["negative_verbs"]),
        not_negation=_phrases(neg["not_negation"]),
        restrictive=_phrases(neg["restrictive"]),
        bound_verbs=frozenset(_phrases(neg["bound_verbs"])),
        conditional=_phrases(neg.get("conditional") or ()),
        waivers=_phrases(neg.get("waivers") or ()),
        openers=_phrases(qual["openers"]),
        not_openers=_phrases(qual.get("not_openers")),
        relative=frozenset(str(w) for w in qual.get("relative") or ()),
        conditions=frozenset(_phrases(qual["conditions"])),
        timed=frozenset(_phrases(qual.get("timed") or ())),
        time_words=frozenset(str(w) for w in qual.get("time_words") or ()),
        scope=_phrases(qual["scope"]),
        universal=frozenset(str(w) for w in qual.get("universal") or ()),
        modality=tuple((level, _phrases(words)) for level, words in modality.items()),
        not_names=frozenset(str(w) for w in names["not_names"]),
        stopwords=frozenset(str(w) for w in names["stopwords"]),
        light=frozenset(str(w) for w in names.get("light") or ()),
        institutions=frozenset(str(w) for w in names.get("institutions") or ()),
        english=frozenset(str(w) for w in _load("languages.yaml")["english"]),
        antonyms_not=frozenset(frozenset(map(str, p)) for p in (stance_file.get("antonyms") or {}).get("not") or ()),
        nominals={str(n): str(v) for n, v in (stance_file.get("nominals") or {}).items()},
    )


@lru_cache(maxsize=1)
def nominals() -> dict[str, tuple[str, int, str]]:
    """Noun -> (its verb, the verb's sign, its axes) for the nouns that name the act of a one-word
    stance verb ("retention" -> retain): data/nominals.tsv (built by bench/nominals.py from Open
    English WordNet) and ``nominals:`` in stance.yaml. Nouns that are stance words themselves
    keep their own reading."""
    lex = lexicon()
    text = resources.files(__package__).joinpath("data", "nominals.tsv").read_text(encoding="utf-8")
    pairs = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    out = {}
    for noun, verb in [*pairs, *lex.nominals.items()]:
        known = lex.stance.get((verb,))
        if known is not None and (noun,) not in lex.stance:
            out[noun] = (verb, known[0], "+".join(sorted(known[1])))
    return out


@lru_cache(maxsize=1)
def antonyms() -> dict[str, frozenset[str]]:
    """Word or phrase (lemmas, spaces between) -> the words WordNet calls its opposites:
    data/antonyms.tsv (built by bench/antonyms.py from Open English WordNet), less the pairs
    ``antonyms: not`` in stance.yaml leaves out."""
    text = resources.files(__package__).joinpath("data", "antonyms.tsv").read_text(encoding="utf-8")
    left_out = lexicon().antonyms_not
    table: dict[str, set[str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            a, b = line.split("\t")
            if frozenset((a, b)) not in left_out:
                table.setdefault(a, set()).add(b)
                table.setdefault(b, set()).add(a)
    return {word: frozenset(found) for word, found in table.items()}


@lru_cache(maxsize=1)
def alias_table() -> dict[str, str]:
    """Name -> entity id (lower-cased, or in capitals for acronyms): pycountry's names, the
    capitals and demonyms of countryinfo's countries, and the aliases data file."""
    import pycountry
    from countryinfo import all_countries

    table: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            name = getattr(country, attr, None)
            if name:
                table.setdefault(name.lower(), country.alpha_3)
    for info in all_countries():  # capitals and demonyms speak for governments
        code, said = _country_facts(info)
        for name in said:
            table.setdefault(name.lower(), code)  # "Canberra", "the Australian government"
    for ident, names in _load("aliases.yaml").items():
        for name in map(str, names):
            # An all-capital short form matches only in capitals: "US", not "us".
            table[name if name.replace(".", "").isupper() else name.lower()] = str(ident)
    return table


def _country_facts(country) -> tuple[str, list[str]]:
    """A countryinfo country's ISO alpha-3 code and its capitals and demonym (none without a code)."""
    try:
        code = country.iso(3)
        capitals = country.capital() or []
        demonym = country.demonym() or ""
    except (KeyError, AttributeError, ValueError):
        return "", []
    if not code:
        return "", []
    capitals = [capitals] if isinstance(capitals, str) else list(capitals)
    return str(code), [str(n) for n in [*capitals, demonym] if n]
