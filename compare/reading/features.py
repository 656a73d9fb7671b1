"""What a demand says, read off its words: polarity, quantities, dates, modality,
conditions, scope and named parties. Embeddings are blind to most of these.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..score import content_words

# Phrases where "no"/"not" bound a quantity instead of negating the demand.
_NOT_NEGATION = re.compile(
    r"\b(?:no|not)\s+(?:later|earlier|more|less|fewer|greater|sooner|longer|higher|lower)\s+than\b"
    r"|\bnot\s+(?:only|just|merely|simply)\b|\bwhether\s+or\s+not\b|\bno\s+matter\b|\bno\s+doubt\b",
    re.IGNORECASE,
)
_NEGATION_WORDS = {
    "not",
    "no",
    "never",
    "none",
    "neither",
    "nor",
    "cannot",
    "can't",
    "won't",
    "don't",
    "doesn't",
    "isn't",
    "aren't",
    "mustn't",
    "shouldn't",
    "without",
    "nothing",
    "nobody",
    "nowhere",
}
# Stems of words that negate what they govern: ban X == no X.
_NEGATIVE_STEMS = (
    "ban",
    "bar",
    "barr",
    "prohibit",
    "forbid",
    "forbad",
    "block",
    "restrict",
    "refus",
    "reject",
    "deny",
    "deni",
    "renounc",
    "abandon",
    "withdr",
    "exclud",
    "close",
    "stop",
    "ceas",
    "halt",
    "suspend",
    "oppos",
    "veto",
    "limit",
    "cap",
    "capp",
    "freez",
    "frozen",
    "quota",
    "outlaw",
    "abolish",
    "rescind",
    "revok",
    "repeal",
    "terminat",
    "exempt",
    "waiv",
    "object",
    "declin",
    "refrain",
    "relinquish",
    "forgo",
    "forwent",
    "cancel",
)
_STEM_EXCEPT = {
    "capital",
    "capitals",
    "capacity",
    "capabilities",
    "capability",
    "barrel",
    "bargain",
    "barrier",
    "closely",
    "limitless",
    "objective",
    "objectives",
    "capita",
    "cape",
}
_MULTI_NEGATORS = re.compile(
    r"\b(?:give|gives|gave|giving|given)\s+up\b|\brul(?:e|es|ed|ing)\s+out\b|\bfree\s+of\b"
    r"|\b(?:shut|shuts|keep|keeps|kept|stay|stays|stayed)\s+out\b|\bno\s+longer\b|\bnot\s+even\b"
    # A permission granted "only" on terms is a restriction: "may be kept only at home",
    # "allowed only after training" say the same as "not ... elsewhere / unless trained".
    r"|\b(?:may|can|allowed|permitted)\s+(?:be\s+)?(?:[a-z]+\s+)?only\b|\bonly\s+(?:be\s+)?(?:allowed|permitted)\b",
    re.IGNORECASE,
)


def _is_negative_word(word: str) -> bool:
    w = word.lower().strip("'’-")
    if w in _NEGATION_WORDS or w.endswith("n't"):
        return True
    if w.startswith(("non-", "non")) and len(w) > 5 and (w.startswith("non-") or w[3:] in {"aligned", "nuclear"}):
        return True
    for prefix in ("un", "in"):
        if w.startswith(prefix) and _stem_negative(w[len(prefix) :]):
            return True  # "unrestricted": a negator that cancels itself (see _self_cancelling)
    return _stem_negative(w)


def _stem_negative(w: str) -> bool:
    if w in _STEM_EXCEPT:
        return False
    for stem in _NEGATIVE_STEMS:
        if w == stem or (w.startswith(stem) and _inflection(w[len(stem) :])):
            return True
    return False


def _inflection(rest: str) -> bool:
    return rest in {
        "",
        "s",
        "es",
        "ed",
        "d",
        "ing",
        "ion",
        "ions",
        "ment",
        "al",
        "als",
        "ive",
        "ure",
        "ures",
        "ted",
        "ting",
        "ts",
        "ped",
        "ping",
        "ne",
        "n",
        "ial",
        "ials",
        "e",
        "ied",
        "ies",
        "y",
        "ation",
        "ations",
        "ance",
        "ances",
        "ced",
        "ce",
        "ces",
        "cing",
        "ition",
        "itions",
        "ses",
        "ion's",
        "ure's",
        "ion’s",
        "ned",
        "ning",
        "red",
        "ring",
        "den",
        "aw",
        "aws",
        "awn",
        "awal",
        "awals",
        "awing",
        "ew",
        "led",
        "ling",
    }


def negators(text: str) -> list[str]:
    """The negating words of a demand, in order of appearance."""
    return [word for word, _ in _negator_sites(text) if word != ","]


def _negator_sites(text: str) -> list[tuple[str, int]]:
    """(negator, token index) pairs; multi-word negators count as one token."""
    clean = _MULTI_NEGATORS.sub(lambda m: " " + m.group(0).replace(" ", "_") + " ", _NOT_NEGATION.sub(" ", text))
    sites = []
    for index, word in enumerate(re.findall(r"[A-Za-z0-9_'’%-]+|[,;:()]", clean)):
        w = word.lower().strip("'’")
        if w in {",", ";", ":", "(", ")"}:
            sites.append((",", index))  # a clause break: negations do not cancel across it
        elif "_" in w or w.endswith("-free"):
            sites.append((w.replace("_", " "), index))
        elif _is_negative_word(w):
            sites.append((w, index))
    return sites


def polarity(text: str) -> int:
    """+1 for an affirmative demand, -1 for a negative one (ban X, must not, no X).

    A negation that governs a negative word a few words on ("must not be
    restricted", "no objection") cancels out, as does "unrestricted"; several
    negations in one list ("ban X and outlaw Y") still make one negative demand.
    """
    live: list[tuple[str, int]] = []
    cancelled_at = -100
    for word, index in _negator_sites(text):
        if word == ",":
            cancelled_at = -100
            if live and live[-1][0] == ",":
                continue
            live.append((word, index))
            continue
        if _self_cancelling(word):
            continue
        if word not in _NEGATION_WORDS and index - cancelled_at <= _CANCEL_WINDOW:
            continue  # "no cap, limitation or exclusion": one cancelled list
        if (
            live
            and live[-1][0] in _NEGATION_WORDS
            and word not in _NEGATION_WORDS
            and index - live[-1][1] <= _CANCEL_WINDOW
        ):
            cancelled_at = live.pop()[1]  # "not ... restricted": the two negations cancel
            continue
        live.append((word, index))
    return -1 if any(word != "," for word, _ in live) else 1


_CANCEL_WINDOW = 5


def _self_cancelling(word: str) -> bool:
    """un/in + a negative stem ("unrestricted", "unlimited") is affirmative."""
    return (
        any(word.startswith(p) and _stem_negative(word[len(p) :]) for p in ("un", "in")) and word not in _NEGATION_WORDS
    )


# Where one demand joins two clauses ("X ends in 2020, and we will not extend it"), the
# clause that speaks to the other demand is the one whose polarity counts.
_CLAUSE_BREAK = re.compile(r"\s*[;:]\s*|,?\s+\b(?:but|while|whereas|yet)\b\s+|,\s+(?:and|so)\s+", re.I)


def clauses(text: str) -> list[str]:
    """The clauses of a demand, split at semicolons and at "but", "while", ", and", ", so"."""
    return [c for c in _CLAUSE_BREAK.split(text) if c.strip()] or [text]


def polarity_towards(text: str, other: str) -> tuple[int, str]:
    """(polarity, clause) of the clause of ``text`` that shares most content words with ``other``.

    The whole text counts when it is one clause, or when clauses of opposite polarity share
    equally much with ``other``.
    """
    parts = clauses(text)
    if len(parts) > 1:
        theirs = set(content_words(other).split())
        shared = [len(set(content_words(c).split()) & theirs) for c in parts]
        best = [c for c, n in zip(parts, shared) if n == max(shared)]
        if len({polarity(c) for c in best}) == 1:
            return polarity(best[0]), best[0]
    return polarity(text), text


# Quantities and dates --------------------------------------------------------

_WORD_NUMBERS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "thousand": 1000,
    "half": 0.5,
    "double": 2,
    "twice": 2,
    "triple": 3,
    "single": 1,
    "dozen": 12,
}
_UNITS = {
    "percent": ("percent", 1),
    "per cent": ("percent", 1),
    "%": ("percent", 1),
    "percentage point": ("percent", 1),
    "percentage points": ("percent", 1),
    "hour": ("time", 1 / 24),
    "hours": ("time", 1 / 24),
    "day": ("time", 1),
    "days": ("time", 1),
    "business day": ("time", 1.4),
    "business days": ("time", 1.4),
    "working days": ("time", 1.4),
    "week": ("time", 7),
    "weeks": ("time", 7),
    "month": ("time", 30),
    "months": ("time", 30),
    "year": ("time", 365),
    "years": ("time", 365),
    "minute": ("time", 1 / 1440),
    "minutes": ("time", 1 / 1440),
}
_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_NUMBER = (
    r"(?:\d+(?:[.,]\d+)*|(?:"
    + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
    + r")(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?)\b"
)
_QUANTITY = re.compile(
    r"\b(?P<num>" + _NUMBER + r")(?P<pct>%)?(?:[-\s]+(?P<unit>percentage points?|per cent|percent|business days?"
    r"|working days?|hours?|days?|weeks?|months?|years?|minutes?|[a-z]+)\b)?",
    re.IGNORECASE,
)
_DATE = re.compile(
    r"\b(?:\d{1,2}\s+(?:" + _MONTHS + r")(?:\s+\d{4})?|(?:" + _MONTHS + r")\s+\d{1,2}(?:,?\s+\d{4})?"
    r"|(?:" + _MONTHS + r")\s+\d{4}|(?:1[89]|20)\d\d)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """A number with its unit, as written and as a comparable value."""

    text: str
    kind: str  # "number" or "date"
    value: tuple


def _number_value(token: str) -> float | None:
    t = token.lower().replace("-", " ")
    if t[0].isdigit():
        try:
            return float(t.replace(",", ""))
        except ValueError:
            return None
    total = 0.0
    for part in t.split():
        if part in _WORD_NUMBERS:
            v = _WORD_NUMBERS[part]
            total = total * v if v >= 100 and total else total + v
    return total


def quantities(text: str) -> list[Quantity]:
    """Numbers (normalised: two weeks == 14 days) and dates mentioned in a demand."""
    found: list[Quantity] = []
    taken: list[tuple[int, int]] = []
    for m in _DATE.finditer(text):
        if m.group(0).lower() == "may" or re.fullmatch(r"may\s+\d{1,2}", m.group(0), re.IGNORECASE):
            continue
        found.append(Quantity(m.group(0), "date", (m.group(0).lower(),)))
        taken.append(m.span())
    for m in _QUANTITY.finditer(text):
        if any(a <= m.start() < b for a, b in taken):
            continue
        num = m.group("num")
        if num.lower() == "one" and not m.group("unit"):
            continue
        value = _number_value(num)
        if value is None:
            continue
        unit = (m.group("unit") or "").lower()
        shown = m.group(0).strip()
        if m.group("pct"):
            unit_key = ("percent", 1)
            shown = num + "%"
        elif unit in _UNITS:
            unit_key = _UNITS[unit]
        else:
            unit_key = (unit.rstrip("s"), 1) if unit else ("", 1)
            if unit and not _plausible_unit(unit):
                unit_key = ("", 1)
                shown = num
        found.append(Quantity(shown, "number", (unit_key[0], round(value * unit_key[1], 4))))
    return found


def _plausible_unit(word: str) -> bool:
    return word not in {"and", "or", "of", "to", "the", "a", "an", "in", "on", "for", "by", "with", "at", "as"}


# Modality, conditions, scope ---------------------------------------------

_MODALS = [
    (
        "must",
        re.compile(
            r"\b(?:must|shall|has to|have to|needs? to|required|obliged|obligated|is to|are to)\b", re.IGNORECASE
        ),
    ),
    ("should", re.compile(r"\b(?:should|ought to|is expected to|are expected to|urges?|encouraged)\b", re.IGNORECASE)),
    (
        "may",
        re.compile(
            r"\b(?:may|can|could|might|is allowed to|are allowed to|is free to|are free to)\b(?!\s+not)", re.IGNORECASE
        ),
    ),
]
_CONDITIONS = re.compile(
    r"\b(?:if|unless|until|provided that|provided|as long as|on condition that|subject to|in the event|"
    r"only after|only when|only if|once|pending|in exchange for|in return for)\b",
    re.IGNORECASE,
)
_PARTIAL = re.compile(
    r"\b(?:only|some|certain|partial|partly|most|several|selected|limited to|except|excluding|"
    r"at least|at most|up to(?=\s+(?:\d|a |an |one|two|three|four|five|six|seven|eight|nine|ten|half)))\b",
    re.IGNORECASE,
)


_PROHIBITION = re.compile(r"\b(?:no|nothing|neither|none|never|nobody)\b", re.I)


def modality(text: str) -> str | None:
    """The strongest modal force: must, should, may, or None for a plain statement.

    "No troops may enter" is a prohibition, as strong as "troops must not enter".
    """
    for name, pattern in _MODALS:
        found = pattern.search(text)
        if found:
            if name == "may" and _PROHIBITION.search(text[: found.start()]):
                return "must"
            return name
    return None


def conditions(text: str) -> list[str]:
    return [m.group(0).lower() for m in _CONDITIONS.finditer(text)]


def scope_words(text: str) -> list[str]:
    return [m.group(0).lower() for m in _PARTIAL.finditer(text)]


# Named parties and places ----------------------------------------------------

_NAME = re.compile(r"\b[A-Z][A-Za-z’'.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][A-Za-z’'.-]*)*")
_NOT_NAMES = {
    "the",
    "a",
    "an",
    "if",
    "each",
    "all",
    "any",
    "no",
    "every",
    "both",
    "neither",
    "in",
    "on",
    "for",
    "by",
    "with",
    "after",
    "before",
    "until",
    "unless",
    "when",
    "once",
    "it",
    "its",
    "their",
    "this",
    "that",
    "these",
    "those",
    "there",
    "as",
    "at",
    "to",
    "from",
    "and",
    "or",
    "but",
    "we",
    "our",
    "they",
    "i",
    "he",
    "she",
    "one",
    "other",
    "another",
    "some",
    "such",
    "only",
    "not",
    "whether",
    "nothing",
    "nobody",
    "while",
    "where",
    "although",
    "though",
    "because",
    "since",
    "during",
    "under",
    "within",
    "without",
    "between",
    "among",
    "against",
    "through",
    "instead",
    "also",
    "then",
    "so",
    "whoever",
    "anyone",
    "everyone",
}
_MONTH_SET = set(_MONTHS.split("|"))


def entities(text: str, known: set[str] = frozenset()) -> set[str]:
    """Capitalised names (NATO, the United States, Crimea), folded to lower case.

    A capitalised first word counts only when it looks like a name (an acronym,
    a possessive, several capitalised words) or is one of ``known`` names.
    """
    names: set[str] = set()
    for m in _NAME.finditer(text):
        words = m.group(0).replace("’", "'").split()
        if m.start() == 0 or text[: m.start()].rstrip().endswith((".", ":", ";", '"', "(")):
            first = words[0]
            folded = re.sub(r"'s$", "", first).lower()
            # "United States", not "Troops of Ukraine" nor "Barring Ukraine"
            joined = len(words) > 1 and words[1][:1].isupper() and not first.lower().endswith(("ing", "ly"))
            keep_first = (first.isupper() and len(first) > 1) or first.endswith("'s") or joined or folded in known
            if not keep_first:
                words = words[1:]
                while words and words[0] in ("of", "the"):
                    words = words[1:]
        while words and words[0].lower() in _NOT_NAMES:
            words = words[1:]
        if not words:
            continue
        name = " ".join(words)
        name = re.sub(r"'s$", "", name).strip(".'-").lower()
        if name and name not in _NOT_NAMES and name not in _MONTH_SET:
            names.add(name)
    return names
