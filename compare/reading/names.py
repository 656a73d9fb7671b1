"""Names as entities: one party under several names is one entity.

Country names and their official and short forms come from pycountry, organisations and
short forms from ``data/aliases.yaml``, and a dataset's own ``aliases:`` map from its file.
An acronym written on one side ("HUD", "GERD") also names what its initials spell on the other.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from .lexicon import alias_table
from .record import Reading

# A dataset's aliases: lower-cased name -> entity id (None: none).
Aliases = Mapping[str, str] | None

_SMALL = {"of", "the", "and", "for", "on", "in", "de"}


def entity(name: str, aliases: Aliases = None) -> str:
    """The entity id a name stands for: a known alias's id, else the folded name itself."""
    folded = re.sub(r"^the\s+", "", name.lower()).strip()
    head = name.split("-")[0]  # "EU-based", "NATO-led"
    for table in (aliases or {}, alias_table()):
        for key in (name, name.lower(), folded, "the " + folded, head, head.lower()):
            if key in table:
                return table[key]
    # The longest known name inside a longer one ("the Russian Federation's army").
    words = folded.split()
    for size in range(len(words) - 1, 0, -1):
        for start in range(len(words) - size + 1):
            part = " ".join(words[start : start + size])
            written = " ".join(name.split()[start : start + size]) if len(name.split()) == len(words) else part
            for table in (aliases or {}, alias_table()):
                for key in (written, part):
                    if key in table:
                        return table[key]
    return folded


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.split(r"[\s-]+", name) if w and w.lower() not in _SMALL).upper()


def _acronym_of(acronym: str, name: str) -> bool:
    """Whether ``acronym`` spells the initials of ``name`` or of a run of its words ("UK CMA" those
    of "UK Competition and Markets Authority")."""
    acronym = acronym.replace(" ", "")
    if re.fullmatch(r"[A-Z](?:[a-z]{1,2}[A-Z]|[A-Z])+", acronym) and not acronym.isupper():
        acronym = "".join(c for c in acronym if c.isupper())  # "BoE", "DfE": the small words in small letters
    if not (acronym.isupper() and 2 <= len(acronym) <= 6):
        return False
    words = [w for w in re.split(r"[\s-]+", name) if w and w.lower() not in _SMALL]
    # An acronym inside the name gives all its letters ("UN Framework Convention" is UNFC...).
    initials = "".join(w if w.isupper() and len(w) > 1 else w[0].upper() for w in words)
    return acronym in initials and len(acronym) >= 2


def _said_in_words(name: str, other: Reading, other_names: Mapping[str, str]) -> bool:
    """Whether the other text says a name in common words: most of its words outside the other's
    own names ("the Special Tribunal" / "a special international tribunal", "Commission for the
    Clarification of Truth" / "a truth commission"), or the words an acronym of three letters or
    more spells ("GNI" / "gross national income")."""
    from .record import lemma

    taken = {lemma(w.lower()) for n in other_names for w in n.replace("'s", "").split()}
    free = [w for w in other.lemmas if w.isalpha() and w not in taken and w not in _SMALL]
    words = [lemma(w.lower()) for w in re.split(r"[\s-]+", name.replace("'s", "")) if w and w.lower() not in _SMALL]
    said = [w for w in words if w in free]
    if words and 2 * len(said) >= len(words) and any(len(w) >= 4 for w in said):
        return True
    return name.isupper() and 3 <= len(name) <= 6 and name in "".join(w[0] for w in free).upper()


def names_diff(a: Reading, b: Reading, aliases: Aliases = None) -> tuple[list[str], list[str], list[str]]:
    """Names only ``a`` has, names only ``b`` has, and names both share (as ``a`` writes them)."""
    ea = {n: entity(n, aliases) for n in a.names}
    eb = {n: entity(n, aliases) for n in b.names}
    ids_b = set(eb.values())
    ids_a = set(ea.values())
    gone = [n for n, e in ea.items() if e not in ids_b and not _named_in(n, e, b, eb, ea)]
    added = [n for n, e in eb.items() if e not in ids_a and not _named_in(n, e, a, ea, eb)]
    shared = [n for n in ea if n not in gone]
    return sorted(set(gone)), sorted(set(added)), sorted(set(shared))


def _named_in(name: str, ident: str, other: Reading, other_names: dict[str, str], my_names: dict[str, str]) -> bool:
    """Whether the other reading names the same thing another way: an acronym of it, a name it is
    an acronym of, or the same word in another form ("Ukrainian" for "Ukraine")."""
    for theirs in [*other_names, " ".join(other_names)]:  # all names: "Department of Housing" + "Urban Development"
        if _acronym_of(name, theirs) or _acronym_of(theirs, name):
            return True
    mine = " ".join(my_names)  # "Department of Housing" is part of what "HUD" spells
    for theirs in other_names:
        if _acronym_of(theirs, mine) and set(_initials(name)) & set(theirs):
            return True
    # Each word or its first six letters; a short word whole ("UN" is not "union").
    stems = r"\W+".join(re.escape(w[:6]) + (r"\w*" if len(w) > 3 else r"\b") for w in name.split())
    if re.search(r"\b" + stems, other.text, re.I) or _said_in_words(name, other, other_names):
        return True
    # A person named in full on one side and by surname on the other ("Jamal Khashoggi" / "Khashoggi").
    last = name.split()[-1]
    if " " in name and len(last) > 3 and last in other_names:
        return True
    # An unknown name of several words named by its first ("the Paris Agreement", "the Paris accord").
    first = name.split()[0]
    known = ident in alias_table().values()
    return (
        not known and " " in name and len(first) > 3 and bool(re.search(r"\b" + re.escape(first) + r"\b", other.text))
    )
