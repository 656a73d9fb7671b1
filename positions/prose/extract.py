"""From prose to positions: find the demands a party makes in an article, speech or communiqué.

Each sentence is read for demand cues ("insists on", "demanded that", "conditions included",
"calls on X to", "must"), the cue's subject is checked against the party, commentary by
others (analysts, other officials) is left out, enumerations are split into one demand
each, and every demand keeps its sentence, offsets and round. Near-duplicates within a
round are merged with the engine's scores, keeping every source.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from ..model import Position, PositionSet, Source, Statement
from .segment import Sentence, sentences
from .timecues import rounds_of

# Texts -> for each, the index of the first text it repeats (its own index when none): near-duplicates.
Grouper = Callable[[Sequence[str]], Sequence[int]]

# Bare verbs that start a demand clause ("... and adopt a permanent non-nuclear status").
VERBS = frozenset(
    "abandon abide abolish accept acknowledge address adopt agree allow apologise apologize apply "
    "assess assure ban bar be become begin build cancel cap cease cede change close commit compensate "
    "comply conduct consent create cut declare decrease deliver demilitarise demilitarize deploy dismantle "
    "disband dissolve drop end enforce ensure establish exclude expand extend fix forbid forgo freeze "
    "give grant guarantee halt hand hire hold honour honor impose include increase introduce join keep "
    "leave lift limit lower negotiate notify offer open pay permit pledge prohibit protect provide publish "
    "pull raise ratify recall recognise recognize reduce refrain reinstate release remove renounce reopen "
    "repeal replace respect restore restrict resume return reverse revoke scrap sign stop submit suspend "
    "take terminate transfer treat uphold vacate waive withdraw"
    .split()
)  # fmt: skip
NOT_GERUNDS = frozenset(
    "during including according regarding concerning following nothing something anything everything "
    "morning evening thing king ring spring string wing ceiling meeting briefing wedding bring sing"
    .split()
)  # fmt: skip
MODALS = r"(?:must(?:\s+not)?|shall(?:\s+not)?|should(?:\s+not)?|has\s+to|have\s+to|needs?\s+to|is\s+to|are\s+to)"

# Cues whose subject is the one who demands; the demand follows the cue.
_VERB_CUE = re.compile(
    r"\b(?:(?:has|have|had|will|would|also|further|again|firmly|still|now)\s+)*"
    r"(?P<verb>demand(?:s|ed)?(?:\s+that)?|insist(?:s|ed)?\s+(?:on|that)|call(?:s|ed)?\s+for|"
    r"press(?:es|ed)?\s+for|push(?:es|ed)?\s+for|ask(?:s|ed)?\s+for|seek(?:s)?(?!\s+to)|sought(?!\s+to)|"
    r"want(?:s|ed)?(?!\s+to)|require(?:s|d)?\s+that|request(?:s|ed)?(?:\s+that)?|"
    r"reaffirm(?:s|ed)?\s+(?:that|its\s+demands?\s+(?:for|that))|reiterat(?:es|ed)\s+(?:that|its\s+demands?\s+(?:for|that))|"
    r"(?:call(?:s|ed)?\s+(?:on|upon)|urge(?:s|d)?|press(?:es|ed)?|expect(?:s|ed)?)\s+(?P<addressee>[^,.;]{1,60}?)\s+to(?=\s)"
    r"|will\s+not\s+accept|would\s+not\s+accept|will\s+never\s+accept|refuse(?:s|d)?\s+to\s+accept)\s+",
    re.I,
)
# Cues that name the demands: "conditions include", "These included", "conditions that would".
_NOUN_CUE = re.compile(
    r"(?P<owner>[\w’'.]+(?:’s|'s)\s+)?\b(?:(?:earlier|previous|key|main|other|such)\s+)*"
    r"(?:demands|conditions|terms|requirements|preconditions)\s+"
    r"(?:include|included|including|comprise|comprised|(?:are|were)(?=\s*:|\s+that\b|\s+(?!being)\w+ing\b))"
    r"(?:\s+that)?\s*:?\s+(?!not\b|also\b|reportedly\b|similar\b|broad\b|the same\b|unchanged\b)"
    r"|^(?:these|they|those)\s+(?:include|included)\s+"
    r"|\b(?:demands|conditions|terms)\s+that\s+(?:would|will|should)\s+",
    re.I,
)
_UNTIL = re.compile(r"\bwill\s+not\s+(?:call\s+off|end|stop|suspend|lift)\b[^.;]*?\buntil\s+", re.I)
_MODAL = re.compile(rf"^(?P<subject>.{{1,80}}?)\s+(?P<modal>{MODALS})\s+(?=\w)", re.I)
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|added|argued|argues|warned|warns|fear|fears|feared|suggest|suggests|"
    r"suggested|believe|believes|think|thinks|noted|notes|claimed|claims|wrote|stated|states|described)\b",
    re.I,
)
_HEDGE = re.compile(r"\b(?:whether|unclear|if any|might|could)\b", re.I)
# Where a demand ends: the next clause is about something else.
_CUT = re.compile(
    r"\s+(?:while|whereas|because|although|though|as\s+(?=[a-z]+\s+(?:of|have|has|were|was))|so that)\s+"
    r"|,\s+(?:which|who|while|but|though|so that|said|says|sources say|according to|in an attempt)\b"
    r"|\s*[;—–]\s*|\s+-\s+|,\s+sources\b",
    re.I,
)
_SPLIT = re.compile(r",\s+and\s+|,\s+or\s+(?=no\b)|;\s+|,\s+|\s+and\s+", re.I)
_LEAD = re.compile(r"^(?:and|but|so|then|also|further|finally|first|second|third|moreover|additionally)\b,?\s*", re.I)
_COMMENTATORS = re.compile(
    r"\b(?:analysts?|experts?|observers?|commentators?|critics?|diplomats?|lawmakers?|sources?|"
    r"officials? (?:from|of|in)|scholars?|researchers?|fellow|professor)\b",
    re.I,
)
_FUNCTION_WORDS = frozenset(
    "the a an in on at of during and but however additionally also mr mrs ms dr gen sir last next "
    "this these those that there it they he she we i our their his her its so well then first second "
    "third finally moreover further".split()
)
_FIRST_PERSON = re.compile(r"\b(?:we|our|us|i)\b", re.I)
_QUOTES = '"“”'

ALIASES = {
    "russia": ("moscow", "kremlin", "putin", "lavrov", "peskov", "russian federation"),
    "ukraine": ("kyiv", "kiev", "zelensky", "zelenskyy"),
    "united states": ("washington", "white house", "u.s.", "us", "american"),
    "china": ("beijing", "chinese"),
    "israel": ("jerusalem", "netanyahu", "israeli"),
    "iran": ("tehran", "iranian"),
    "united kingdom": ("london", "downing street", "british", "uk"),
    "european union": ("brussels", "eu"),
}


@dataclass(frozen=True)
class Candidate:
    """One demand read from the text, with the sentence it came from and its round."""

    text: str
    source: Source


@dataclass(frozen=True)
class Party:
    """Who demands: the names a text may use for the party."""

    name: str = ""
    aliases: tuple[str, ...] = ()

    def names(self) -> list[str]:
        base = self.name.casefold().strip()
        found = [base, *ALIASES.get(base, ()), *(a.casefold() for a in self.aliases)]
        if len(base) >= 5 and " " not in base:
            found.append(base[:-1])  # Russia -> Russian, Ukraine -> Ukrainian
        return [n for n in found if n]

    def mentioned(self, text: str) -> bool:
        """The party (or one of its names) appears in ``text``."""
        low = text.casefold()
        return any(re.search(rf"(?<![\w]){re.escape(n)}", low) for n in self.names())

    def other_name(self, text: str) -> bool:
        """``text`` names someone else: a capitalised name that is not the party's, or a commentator."""
        if _COMMENTATORS.search(text):
            return True
        for word in re.findall(r"\b[A-Z][\w’'.-]*", text):
            bare = re.sub(r"(?:’s|'s|\.)$", "", word)
            if bare.casefold() in _FUNCTION_WORDS or self.mentioned(bare):
                continue
            return True
        return False


def extract_candidates(text: str, party: Party | str | None = None, date: dt.date | None = None) -> list[Candidate]:
    """Every demand cue of ``party`` in ``text``, one candidate per demand, in text order."""
    who = party if isinstance(party, Party) else Party(party or "")
    found = sentences(text)
    whens = rounds_of([s.text for s in found], date)
    quoted_by_other = _quoted_by_others(found, who)
    result: list[Candidate] = []
    for i, (sentence, when) in enumerate(zip(found, whens)):
        if i in quoted_by_other:
            continue
        context = " ".join(s.text for s in found[max(0, i - 2) : i + 1])
        for demand in _demands(sentence.text, who, context):
            source = Source(sentence.text, sentence.start, sentence.end, when.label, when.date)
            result.append(Candidate(demand, source))
    return result


def _quoted_by_others(found: Sequence[Sentence], who: Party) -> set[int]:
    """Sentences inside quotation marks in a paragraph whose quotes someone other than the party said."""
    skip: set[int] = set()
    by_block: dict[int, list[int]] = {}
    for i, s in enumerate(found):
        by_block.setdefault(s.block, []).append(i)
    for members in by_block.values():
        paragraph = " ".join(found[i].text for i in members)
        if not any(q in paragraph for q in _QUOTES):
            continue
        outside = re.sub(r"[\"“][^\"“”]*[\"”]", " ", paragraph)
        if _REPORTING.search(outside) and not _speaker_is_party(outside, who):
            skip.update(i for i in members if found[i].text.lstrip()[:1] in _QUOTES or found[i].text.count('"') % 2)
    return skip


def _speaker_is_party(text: str, who: Party) -> bool:
    return bool(who.name) and who.mentioned(text) and not _COMMENTATORS.search(text)


def _demands(sentence: str, who: Party, context: str) -> list[str]:
    """The demands of the party in one sentence, each as a full demand."""
    body = sentence.strip().strip(_QUOTES).strip()
    if body.endswith("?"):
        return []
    cues = [c for c in _VERB_CUE.finditer(body) if _used_as_verb(body[: c.start()])]
    for cue in cues:
        subject = _subject(body, cue.start())
        if not _is_party(subject, body[: cue.start()], who, context):
            continue
        rest = body[cue.end() :]
        verb = cue["verb"].lower()
        if cue["addressee"]:
            return _split_clause(f"{cue['addressee']} must {_clip(rest)}")
        if "accept" in verb:
            return [_sentence(f"no {_clip(rest)}")]
        if verb.endswith("that") or "that" in verb.split():
            return _split_clause(_clip(rest))
        return _split_list(_clip(rest))
    until = _UNTIL.search(body)
    if until and _is_party(_subject(body, until.start()), body[: until.start()], who, context):
        return _split_clause(_clip(body[until.end() :]))
    noun = _NOUN_CUE.search(body)
    if noun:
        before = body[: noun.start()]
        owner = noun["owner"] or ""
        if _HEDGE.search(before) or (owner and not who.mentioned(owner) and who.name):
            return []
        if _REPORTING.search(before) and _COMMENTATORS.search(before):
            return []
        if who.name and not who.mentioned(context):
            return []
        return _split_list(_clip(body[noun.end() :]))
    modal = _MODAL.match(_LEAD.sub("", body))
    if modal and not _HEDGE.search(modal["subject"]):
        reported = _REPORTING.search(body)
        if reported and not (who.name and _speaker_is_party(body[: reported.end()], who)):
            return []
        if cues or _MODAL.match(modal["subject"]):
            return []
        return _split_clause(_clip(_LEAD.sub("", body)))
    return []


def _used_as_verb(before: str) -> bool:
    """ "Russia demands ..." is a cue; "Russia's demands", "these demands", "a list of demands" are not."""
    words = before.split()
    if not words:
        return False
    last = words[-1]
    if last.endswith(("’s", "'s", "s’", "s'")) or last.lower() in _NOUN_LEAD:
        return False
    return not re.fullmatch(r"[A-Z]\w*(?:ian|ean|ese|ish|ic)", last)


_NOUN_LEAD = frozenset(
    "the a an these those its their our his her your same of out such previous earlier key main many new "
    "similar other for to with any all some several list".split()
)


def _subject(body: str, at: int) -> str:
    """The words before a cue back to the start of its clause."""
    head = body[:at]
    parts = re.split(r",\s+|;\s+|\s+that\s+|:\s+|\s+and\s+(?=\w+\s*$)", head)
    return parts[-1].strip() if parts and parts[-1].strip() else head.strip()


def _is_party(subject: str, before: str, who: Party, context: str) -> bool:
    """Whether the subject of a demand cue is the party (or, with no party given, not a commentator)."""
    if _HEDGE.search(before):
        return False
    if not subject or re.search(r"(?:^|\s)(?:and|also|further)$", subject, re.I):
        subject = re.split(r",\s+|\s+that\s+", before.strip())[0]
    reported = _REPORTING.search(before)
    if reported and not _speaker_is_party(before[: reported.start()] or before, who):
        return False
    if not who.name:
        return not _COMMENTATORS.search(subject)
    if who.mentioned(subject):
        return True
    if _FIRST_PERSON.search(subject):
        return True
    if who.other_name(subject) or _COMMENTATORS.search(subject):
        return False
    return who.mentioned(context)


def _clip(rest: str) -> str:
    """The demand part of what follows a cue: up to where another clause starts."""
    cut = _CUT.search(rest)
    text = rest[: cut.start()] if cut else rest
    text = text.strip().rstrip(".,:;!").strip()
    if sum(text.count(q) for q in _QUOTES) % 2:
        text = text.strip(_QUOTES).strip()
    return _PLACEHOLDER.sub("", text)


# "asked for three things", "discussed several points": a count, not a demand.
_PLACEHOLDER = re.compile(r"^(?:\w+\s+)?(?:things|points|items|issues|matters|demands|conditions)$", re.I)


def _first_word(text: str) -> str:
    words = re.findall(r"[A-Za-z][\w-]*", text)
    return words[0].lower() if words else ""


def _is_gerund(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w-]*", text)
    if words and words[0].lower().endswith("ly") and len(words) > 1:
        words = words[1:]
    return (
        bool(words)
        and words[0].islower()
        and words[0].endswith("ing")
        and len(words[0]) > 4
        and (words[0].lower() not in NOT_GERUNDS)
    )


def _is_nominal(text: str) -> bool:
    words = text.split()
    return len(words) >= 3 and words[0][:1].islower() and bool(re.search(r"\b(?:of|on|for|to)\b", text))


def _kind(piece: str) -> str:
    if _is_gerund(piece):
        return "gerund"
    if _first_word(piece) in VERBS or re.match(r"^(?:to|that)\s", piece, re.I):
        return "verb"
    if re.match(r"^(?:no|an?\s+end\s+to)\b", piece, re.I):
        return "no"
    if re.match(r"^(?:on|for)\s", piece, re.I):
        return "prep"
    return "nominal" if _is_nominal(piece) else "other"


def _pieces(text: str, splits_on: set[str]) -> list[str]:
    """Split a list at separators, keeping a piece apart only when it starts a demand of the same kind."""
    raw = _SPLIT.split(text)
    seps = _SPLIT.findall(text)
    out = [raw[0]]
    for sep, piece in zip(seps, raw[1:]):
        if piece and _kind(piece) in splits_on:
            out.append(piece)
        else:
            out[-1] = out[-1] + sep + piece
    return [p.strip() for p in out if p.strip()]


def _split_list(text: str) -> list[str]:
    """An enumeration of demands ("barring X, prohibiting Y and recognising Z") as separate demands."""
    if not text:
        return []
    first = _kind(text)
    splits_on = {first, "no", "prep"} if first in ("gerund", "nominal", "prep", "no") else {"no", "prep"}
    if first == "verb":
        return _split_clause(text)
    return [_sentence(re.sub(r"^(?:on|for)\s+", "", p, flags=re.I)) for p in _pieces(text, splits_on)]


def _split_clause(text: str) -> list[str]:
    """A that-clause or modal clause with coordinated verbs: each verb gets the subject and a "must"."""
    if not text:
        return []
    text = re.sub(r"^(?:that|to)\s+", "", text, flags=re.I)
    pieces = _pieces(text, {"verb"})
    head = pieces[0]
    modal = re.search(rf"^(.*?)\s+({MODALS})\s+", head, re.I)
    if modal:
        subject, must = modal[1], modal[2]
    else:
        words = head.split()
        at = next(
            (i for i, w in enumerate(words[1:], 1) if w.lower() in VERBS and words[i - 1].lower() not in _DETERMINERS),
            None,
        )
        if at is None:
            return [_sentence(p) for p in pieces]
        subject, must = " ".join(words[:at]), "must"
        head = f"{subject} must {' '.join(words[at:])}"
    result = [_sentence(head)]
    for piece in pieces[1:]:
        piece = re.sub(r"^(?:that|to)\s+", "", piece, flags=re.I)
        result.append(
            _sentence(piece if _MODAL.match(piece) or _first_word(piece) not in VERBS else f"{subject} {must} {piece}")
        )
    return result


_DETERMINERS = frozenset(
    "the a an its their our his her any no this that these those of on in to for all every".split()
)


def _sentence(text: str) -> str:
    text = " ".join(text.split()).strip(" ,;:")
    text = re.sub(r"^\s*(?:and|or)\s+", "", text, flags=re.I)
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!")) else ".")


def as_statements(candidates: Sequence[Candidate], same: Grouper | None = None) -> list[Statement]:
    """Candidates as statements ``d1, d2, ...``; those ``same`` groups together merged into the first.

    Every merged candidate's sentence is kept in the statement's ``sources``.
    """
    groups = list(range(len(candidates)))
    if same is not None and len(candidates) > 1:
        groups = [int(g) for g in same([c.text for c in candidates])]
    statements = []
    for i, c in enumerate(candidates):
        if groups[i] != i:
            continue
        sources = tuple(candidates[j].source for j in range(len(candidates)) if groups[j] == i)
        statements.append(Statement(f"d{len(statements) + 1}", c.text, (), sources))
    return statements


def extract(
    text: str,
    party: str | None = None,
    date: dt.date | None = None,
    *,
    aliases: Iterable[str] = (),
    same: Grouper | None = None,
    source: str = "",
) -> Position:
    """One position with every demand ``party`` makes in ``text``; ``same`` groups near-duplicates."""
    found = extract_candidates(text, Party(party or "", tuple(aliases)), date)
    return Position(tuple(as_statements(found, same)), party=party or "", date=date, source=source)


def extract_rounds(
    text: str,
    party: str | None = None,
    date: dt.date | None = None,
    *,
    aliases: Iterable[str] = (),
    same: Grouper | None = None,
    source: str = "",
) -> PositionSet:
    """One position per round the text speaks of, oldest first; undated rounds last."""
    found = extract_candidates(text, Party(party or "", tuple(aliases)), date)
    by_round: dict[tuple, list[Candidate]] = {}
    for c in found:
        key = (c.source.date or dt.date.max, c.source.round if c.source.date is None else "")
        by_round.setdefault(key, []).append(c)
    positions = []
    for key in sorted(by_round):
        group = by_round[key]
        first = group[0].source
        positions.append(
            Position(
                tuple(as_statements(group, same)),
                party=party or "",
                date=first.date,
                round=first.round,
                source=source,
            )
        )
    return PositionSet(tuple(positions), name=source, description=f"demands extracted from {source}" if source else "")


def traceable(statement: Statement, text: str) -> bool:
    """Every source of the statement is its sentence, found at its offsets in ``text``."""
    return bool(statement.sources) and all(
        " ".join(text[s.start : s.end].split()) == s.sentence for s in statement.sources
    )
