"""What a clause is, read from its words: a verb phrase, an imperative, a pledge form, a noun phrase.

A light grammar over word lists (``data/``), no parser: a demand must carry a verb phrase
(a finite verb, a modal, an imperative, an infinitive or a gerund) or a pledge form ("no
foreign troops", "an end to ..."); anything else is a fragment.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache
from pathlib import Path

import yaml

_DATA = Path(__file__).resolve().parent / "data"


def _words(name: str) -> frozenset[str]:
    lines = (_DATA / name).read_text(encoding="utf-8").splitlines()
    return frozenset(w.lower() for line in lines if not line.startswith("#") for w in line.split())


@lru_cache(maxsize=1)
def verbs() -> frozenset[str]:
    """Base forms of demand verbs."""
    return _words("verbs.txt")


@lru_cache(maxsize=1)
def _forms() -> frozenset[str]:
    return _words("irregular.txt")


@lru_cache(maxsize=1)
def modals() -> frozenset[str]:
    return _words("modals.txt")


@cache
def lists(name: str) -> dict:
    return yaml.safe_load((_DATA / name).read_text(encoding="utf-8"))


def _stems(word: str) -> list[str]:
    """Candidate base forms of an inflected word: bans -> ban, banned -> ban, banning -> ban."""
    w = word.lower()
    out = [w]
    for suffix, repl in (
        ("ies", "y"),
        ("es", ""),
        ("s", ""),
        ("ied", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if w.endswith(suffix) and len(w) - len(suffix) >= 2:
            stem = w[: -len(suffix)] + repl
            out.append(stem)
            if len(stem) > 2 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # banned -> bann -> ban
    return out


def base_verb(word: str) -> bool:
    """The word is the base form of a known verb ("restore", "re-establish")."""
    return word.lower().strip(".,;:") in verbs()


def uninflected(word: str) -> bool:
    """The word is its own verb lemma, by the lemmatiser ("bring", "exceed"; not "agreed", "disclosing")."""
    from lemminflect import getLemma

    w = word.lower()
    return w in getLemma(w, "VERB")


def verb_form(word: str) -> bool:
    """The word is a form of a known verb (or an auxiliary or modal)."""
    w = word.lower().strip(".,;:!?\"'“”")
    if w in modals() or w in _forms():
        return True
    return any(s in verbs() for s in _stems(w))


_SUBORDINATE = re.compile(
    r"\b(?:that|which|who|whom|whose|where|when|if|because|since|unless|until|consistent|except|as(?=\s+(?:will|would|may|can)\b))\b",
    re.I,
)
_PARENTHETICAL = re.compile(r",\s+(?:that|which|who|whose|whom)\b[^,]*,", re.I)
_TOKEN = re.compile(r"[A-Za-z][\w'’-]*")
_PLEDGE_FORM = re.compile(r"^(?:no|an?\s+end\s+to|not)\b", re.I)
_NOT_VERB_FIRST = re.compile(
    r"^(?:based|according|regarding|concerning|compared|given|subject|by|from|of|in|on|at|to|with|for|an?|the)\b", re.I
)


def main_clause(text: str) -> str:
    """The text up to its first subordinate clause, with relative clauses between commas left out."""
    return _SUBORDINATE.split(_PARENTHETICAL.sub("", text), maxsplit=1)[0]


def has_verb_phrase(text: str) -> bool:
    """A main clause with a verb, an imperative, an infinitive or a gerund, or a pledge form ("No X")."""
    body = text.strip().strip("\"“”'").strip()
    if _PLEDGE_FORM.match(body):
        return True
    every = _TOKEN.findall(body)
    marker = _SUBORDINATE.search(body)
    relative = marker is not None and marker.group(0).lower() in ("which", "who", "whom", "whose")
    if (
        relative
        and len(every) > 2
        and every[0].lower() not in ("by", "based", "from", "of", "in", "on", "at", "to", "with", "for", "is", "are")
        and every[0].lower() not in modals()
        and any(w.lower() in modals() for w in every[1:])
    ):
        return True  # "The nationalities which are now under Turkish rule should be assured ...": a modal clause
    main = main_clause(body)
    words = _TOKEN.findall(main)
    if not words:
        return False
    first = words[0].lower()
    if first in ("is", "are", "was", "were", "has", "have", "had"):
        return False  # "Is nothing peculiar to ourselves.": the subject was cut off
    if base_verb(first) or (first.endswith("ing") and verb_form(first)):
        return True  # imperative or gerund phrase
    if _NOT_VERB_FIRST.match(body) and re.search(r",\s+(?:\w+,\s+)?(?:is|are|was|were)\s", main):
        return False  # "In this war, therefore, is nothing ...": the subject was cut off
    if _NOT_VERB_FIRST.match(body) and not any(w.lower() in modals() for w in words):
        # "By Ukraine.", "Based on the rules of ...", "An extent consistent with ...": a verb must follow a noun
        rest = words[1:]
        return any(_finite(w, prev) for prev, w in zip(words, rest)) and first not in ("by", "based", "from", "of")
    return any(_finite(w, prev) for prev, w in zip(["", *words], words))


def _finite(word: str, previous: str) -> bool:
    w = word.lower()
    if w in modals() or w in _forms():
        return True
    if not verb_form(w):
        return False
    if w.endswith("ing"):
        return previous.lower() in ("is", "are", "was", "were", "be", "been", "to", "on", "for", "keep", "stop")
    if previous.lower() in (
        "the",
        "a",
        "an",
        "its",
        "their",
        "his",
        "her",
        "our",
        "of",
        "all",
        "any",
        "no",
        "this",
        "these",
    ):
        return False  # "the demands", "a ban": a noun
    return True


def the_name(party: str) -> str:
    """How a sentence names the party: "the European Council", "the protesters", "Russia", "UAW"."""
    name = party.strip()
    if not name:
        return ""
    heads = set(lists("leads.yaml")["the_heads"])
    last = name.split()[-1].lower()
    if name.lower().startswith("the "):
        return name
    if last in heads or name.islower():
        return f"the {name}"
    return name


def plural(party: str) -> bool:
    """The party name takes a plural verb ("the protesters demand")."""
    from lemminflect import getAllLemmas

    last = party.split()[-1].lower() if party.split() else ""
    if not last.endswith("s") or last.endswith(("ss", "us", "states")) or party.isupper():
        return False
    # "Hamas", "Brussels", "the United Nations" are one party; "the Liberal Democrats", "nurses" several
    noun = getAllLemmas(last).get("NOUN", ())
    return bool(noun) and noun[0] != last and not party.lower().startswith(("united ", "the united "))
