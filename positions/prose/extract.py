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

from ..errors import InputError
from ..model import Position, PositionSet, Source, Statement
from .clauses import (
    agrees,
    dangling_modifiers,
    deverbal,
    expect,
    gapped,
    has_predicate,
    imperative,
    is_clause,
    list_paragraph,
    mandative,
    noun_item,
    opens_imperative,
    owned_proposals,
    reduced_passive,
    relative_demands,
    reported,
    resolve_pronoun,
    split_coordination,
    verbs_in_parse,
    with_modality,
)
from .grammar import base_verb, has_verb_phrase, lists, uninflected, verbs
from .segment import Sentence, quoted_sentences, sentences
from .timecues import document_date, rounds_of

# Texts -> for each, the index of the first text it repeats (its own index when none): near-duplicates.
Grouper = Callable[[Sequence[str]], Sequence[int]]

# Bare verbs that start a demand clause ("... and adopt a permanent non-nuclear status"): data/verbs.txt.
VERBS = verbs()
NOT_GERUNDS = frozenset(
    "during including according regarding concerning following nothing something anything everything "
    "morning evening thing king ring spring string wing ceiling meeting briefing wedding bring sing"
    .split()
)  # fmt: skip
_OBLIGATIONS = "|".join(
    r"\s+".join(map(re.escape, p.split()))
    for p in sorted(lists("demand_verbs.yaml")["obligation"], key=len, reverse=True)
)  # "is mandated to", "are tasked with": a duty laid on the subject, read like "must"
MODALS = (
    r"(?:must(?:\s+not)?|shall(?:\s+not)?|should(?:\s+not)?|has\s+to|have\s+to|needs?\s+to|is\s+to|are\s+to"
    rf"|will\s+have\s+to|cannot|can\s+not|may\s+not|{_OBLIGATIONS})"
)

# Cues whose subject is the one who demands; the demand follows the cue.
_VERB_CUE = re.compile(
    r"\b(?:(?:has|have|had|will|would|also|further|again|firmly|still|now)\s+)*"
    r"(?P<verb>demand(?:s|ed|ing)?(?:\s+that)?|insist(?:s|ed|ing)?\s+(?:on|that)|call(?:s|ed|ing)?\s+for|"
    r"press(?:es|ed|ing)?\s+for|push(?:es|ed|ing)?\s+for|ask(?:s|ed|ing)?\s+for|seek(?:s)?(?!\s+to)|sought(?!\s+to)|"
    r"want(?:s|ed)?(?!\s+to)(?![^,.;]{1,60}?\s+to\s+\w)|needs?(?!\s+to)(?=\s+(?:a|an|more|better|new|the|urgent|real)\b)|"
    r"require(?:s|d)?\s+that|"
    r"request(?:s|ed)?(?:\s+that)?(?!\s+(?!that\b)[^,.;]{1,60}?\s+to\s+\w)|"
    r"reaffirm(?:s|ed)?\s+(?:that|its\s+demands?\s+(?:for|that))|reiterat(?:es|ed)\s+(?:that|its\s+demands?\s+(?:for|that))|"
    r"(?:call(?:s|ed)?\s+(?:on|upon)|urge(?:s|d)?|press(?:es|ed)?|expect(?:s|ed)?|ask(?:s|ed)?|want(?:s|ed)?|"
    r"request(?:s|ed)?)\s+(?P<addressee>(?!that\b|to\b)[^,.;]{1,60}?)\s+to(?=\s)"
    r"|will\s+not\s+accept|would\s+not\s+accept|will\s+never\s+accept|refuse(?:s|d)?\s+to\s+accept)\s+",
    re.I,
)
# Cues that name the demands: "conditions include", "These included", "conditions that would".
_LIST_HEADS = "|".join(sorted((f"{w}s" for w in lists("demand_verbs.yaml")["list_heads"]), key=len, reverse=True))
_NOUN_CUE = re.compile(
    r"(?P<owner>[\w’'.]+(?:’s|'s)\s+)?\b(?:(?:earlier|previous|key|main|other|such)\s+)*"
    rf"(?:{_LIST_HEADS})\s+(?:also\s+|further\s+)?"
    r"(?:include|includes|included|including|comprise|comprised|(?:are|were)(?=\s*:|\s+that\b|\s+(?!being)\w+ing\b))"
    r"(?:\s+that)?\s*:?\s+(?!not\b|also\b|reportedly\b|similar\b|broad\b|the same\b|unchanged\b)"
    # "commitments to previously announced policies including X, Y and Z"
    r"|\b(?:commitments|pledges|promises)\s+to\s+[^.;:,]{0,60}?\bincluding\s+"
    # "the five pledges spelled out - secure the recovery, raise ...": a list set out after a dash or colon
    rf"|\b(?P<set>{_LIST_HEADS})\s+(?:(?:are|were|is)\s+)?(?:spelled|spelt|set|laid)\s+out\s*[-–—:]\s+"
    r"|^(?:these|they|those)\s+(?:include|included)\s+"
    # "It included ...", after "read out an 11-point demand"; "This includes ...", "It also includes ...", after
    # a demand ("We demand full transparency into X. This includes a commitment to ...")
    r"|^(?P<pronoun>it|this)\s+(?:also\s+)?(?:includes|included)\s+"
    r"|\b(?:demands|conditions|terms)\s+that\s+(?:would|will|should)\s+",
    re.I,
)
_LIST_NAMED = re.compile(r"\b(?:" + "|".join(lists("demand_verbs.yaml")["list_heads"]) + r")s?\b", re.I)
_PLEDGE_CUE = re.compile(
    r"\b(?:"
    + "|".join(w[:-1] if w.endswith("e") else w for w in lists("demand_verbs.yaml")["pledge_clause"])
    + r")\w{0,4}\s+that\s+",
    re.I,
)
_UNTIL = re.compile(r"\bwill\s+not\s+(?:call\s+off|end|stop|suspend|lift)\b[^.;]*?\buntil\s+", re.I)
_MODAL = re.compile(rf"^(?P<subject>.{{1,120}}?)\s+(?P<modal>{MODALS})\s+(?=\w)", re.I)
_REPORTING = re.compile(
    r"\b(?:said|says|say|told|tells|added|argued|argues|warned|warns|fear|fears|feared|suggest|suggests|"
    r"suggested|believe|believes|think|thinks|noted|notes|claimed|claims|wrote|stated|states|described)\b",
    re.I,
)
_HEDGE = re.compile(r"\b(?:whether|unclear|if any|might|could)\b", re.I)
# Where a demand ends: the next clause is about something else.
_CUT = re.compile(
    r"\s+(?:while|whereas|because|although|though|as\s+(?=[a-z]+\s+(?:of|have|has|were|was))|so that)\s+"
    r"|,\s+(?:which|who|while|but|though|so that|said|says|sources say|according to|in an attempt|in what)\b"
    # "urged Modi to announce a waiver of farm loans, adding that ...": the speaker's own comment
    r"|,\s+(?:" + "|".join(lists("leads.yaml")["comment_participles"]) + r")\b"
    r"|\s*[;—–]\s*|\s+-\s+|,\s+sources\b",
    re.I,
)
_SPLIT = re.compile(r",\s+and\s+|,\s+or\s+(?=no\b)|;\s+|,\s+|\s+and\s+|\s+as\s+well\s+as\s+", re.I)
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
_FIRST_PERSON = re.compile(r"\b(?:(?i:we|our)|us|Us|I)\b")  # "the US" is no "us"
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
    core: str = ""  # what is asked, without the party's "X demands" and with bans in one form: for merging


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
        # A name of three letters or fewer is a whole word ("UN" is not in "Unions", "We" not in "were"),
        # and one written in capitals, or a short form of the table, only in capitals ("us" is no "US");
        # a longer one may go on ("Russia" in "Russian").
        given = {a.casefold(): a for a in (self.name, *self.aliases)}
        for n in self.names():
            if len(n) > 3:
                if re.search(rf"(?<![\w]){re.escape(n)}", low):
                    return True
                continue
            written = given.get(n, n.upper())
            capitals = written.isupper() or n not in given
            where, word = (text, n.upper()) if capitals else (low, n)
            if re.search(rf"(?<![\w]){re.escape(word)}(?!\w)", where):
                return True
        return False

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


def extract_candidates(
    text: str, party: Party | str | None = None, date: dt.date | None = None, *, keep_fragments: bool = False
) -> list[Candidate]:
    """Every demand of ``party`` in ``text``, one candidate per demand, in text order.

    The text's date is ``date``, else its own (front matter or title line). A demand with no
    verb phrase and no pledge form is a fragment and left out unless ``keep_fragments``.
    """
    who = party if isinstance(party, Party) else Party(party or "")
    date = date or document_date(text)
    found = sentences(text)
    _check_lengths(text, found)
    expect(s.text.strip() for s in found)  # the sentences are parsed a batch at a time
    whens = rounds_of([s.text for s in found], date)
    quoted_by_other = _quoted_by_others(found, who)
    by_structure = structured(found, who)
    result: list[Candidate] = []
    anchor, carried = "", False  # the last sentence that names the party; whether the one before gave demands
    earlier: dict[int, list[str]] = {}  # the texts of the sentences before this one, by block
    for i, (sentence, when) in enumerate(zip(found, whens)):
        earlier.setdefault(sentence.block, [])
        if i > 0:
            earlier.setdefault(found[i - 1].block, []).append(found[i - 1].text)
        if i in quoted_by_other:
            carried = False
            continue
        context = " ".join(s.text for s in found[max(0, i - 2) : i + 1])
        same_block = " ".join(earlier[sentence.block])
        if same_block and same_block not in context:
            context = f"{same_block} {sentence.text}"  # "The Council ... . It called for ... . It called on ..."
        if (
            anchor
            and (carried and _PRONOUN_SUBJECT.match(sentence.text) or _DOCUMENT_SUBJECT.match(sentence.text))
            and anchor not in context
        ):
            context = f"{anchor} {context}"  # a run of reported demands: "They also demanded ... They demanded ..."
        if who.name and who.mentioned(sentence.text):
            anchor = sentence.text
        before_count = len(result)
        if i in by_structure:
            demands = by_structure[i]
        else:
            banned = _BANNED.match(_clean(sentence.text))
            # "That Gezi Park remain as a park.": a list item in the mandative subjunctive
            subjunctive = mandative(_clean(sentence.text)) or []
            demands = (
                subjunctive
                or (_pledge(sentence.text, who, context) if banned else [])
                or (
                    _demands(sentence.text, who, context)
                    or _pledge(sentence.text, who, context)
                    or _commitment(sentence.text, who, context)
                    or _by_parse(sentence.text, who, context)
                    or _command(sentence.text, who)
                    or (_continued(sentence.text, result[-1].text) if carried else [])
                )
            )
        previous = _previous_subject(result, found[i - 1] if i > 0 else None, sentence, who)
        for piece in (piece for d in demands for piece in _coordinated(d)):
            if not piece.strip(" ."):
                continue  # nothing left of a demand an excerpt's cut broke off
            demand = _standalone(piece, who)
            demand = " ".join(re.sub(r"[\"“”]", " ", demand).split()).replace(" .", ".")  # quotation marks removed
            command = re.match(rf"^{re.escape(_cap(_name(who)))} demands?: (?P<cmd>.+)$", demand) if who.name else None
            if command and previous and re.search(r"\byour?\b", command["cmd"], re.I):
                # "I appeal to you - the citizens of the world - to remind them ... Raise your voices.": a
                # command to the audience the demand before named
                own = "their" if agrees(previous, "They") else "its"
                cmd = re.sub(r"\byour\b", own, re.sub(r"\byourselves\b", "themselves", command["cmd"]), flags=re.I)
                demand = _sentence(f"{previous} must {cmd}")
            demand = re.sub(r"^Them\b", "They", demand)  # "called on them to V": "Them must V" is "They must V"
            if who.name and re.match(r"^We\s+(?:will|shall)\b", demand):
                demand = _cap(_name(who)) + demand[2:]  # "We will build a million homes": the party's own pledge
            if demand.startswith(("It ", "They ")):  # the pronoun's name, from this sentence or the ones before
                opens = sentence.text.startswith(demand.split(" ", 1)[0] + " ")
                if opens and previous and agrees(previous, demand.split(" ", 1)[0]):
                    # "The Council requested the Mission to expand ... It should also provide ...": the
                    # subject of the demand just before, when it is not the party
                    demand = previous + demand[demand.index(" ") :]
                elif opens and i > 0 and found[i - 1].block == sentence.block:
                    # "... we need an ambitious global agreement. It must show ...": the thing last named
                    demand = resolve_pronoun(demand, found[i - 1].text, who.mentioned, thing=True)
                else:
                    said = (
                        sentence.text.lower().find(" it ") if demand.startswith("It ") else sentence.text.find(" them ")
                    )
                    before = context[: len(context) - len(sentence.text) + max(said, 0)] if said >= 0 else ""
                    demand = resolve_pronoun(demand, before, who.mentioned)
            demand = _SAID_AT_END.sub(".", demand)  # "..., Taher Al-Nunu said yesterday."
            demand = _DOUBLE_MODAL.sub(r"\1", demand)  # "Israel will must end the war": the modal the demand was given
            if not keep_fragments and _narrated(demand):
                continue
            # A fragment: no verb phrase by the word lists, or (not given the party as subject) no verb in the parse.
            given = demand != piece or _WRAPPED(who).match(demand)  # the party made its subject here
            if not keep_fragments and not (has_verb_phrase(demand) and (given or has_predicate(demand))):
                continue
            source = Source(sentence.text, sentence.start, sentence.end, when.label, when.date)
            result.append(Candidate(demand, source, _core(demand, who)))
        carried = len(result) > before_count
    return result


# A speaker's attribution left at the end of a demand: "..., Taher Al-Nunu said yesterday.", "..., he added."
_SAID_AT_END = re.compile(
    r",[\"”’]?\s+(?:[A-Z][\w.’'-]*\s+(?:[\w.’'-]+\s+){0,3}|(?:he|she|they)\s+)(?:said|says|added|stated|told\s+\w+)"
    r"(?:\s+(?:yesterday|today|on\s+\w+|last\s+\w+))?\s*\.?$"
)
_DOUBLE_MODAL = re.compile(r"\b(?:will|shall|would|should)\s+(must|should|will|shall)\b")
_MODAL_THEN = re.compile(r"\b(?:must|should|shall|will|would|can|could|may|might)\s+([a-z]+ed)\b")


def _narrated(demand: str) -> bool:
    """ "The NLRB must agreed.", "We must picketed to ...": a modal put before a verb in the past tense
    turns narration ("and the NLRB agreed") into nonsense, not into a demand."""
    return any(not uninflected(m[1]) for m in _MODAL_THEN.finditer(demand))


MAX_SENTENCE = 20_000  # characters; the parse takes seconds at this length and minutes at ten times it


_CONTINUED = re.compile(
    r"^(?:" + "|".join(r"\s+".join(w.split()) for w in lists("leads.yaml")["continuations"]) + r")\s+(?=[a-z]+ing\b)",
    re.I,
)
_TAKES_OVER = re.compile(r"^(?P<lead>.+?\s(?:will|must|should))\s+")


def _continued(sentence: str, last: str) -> list[str]:
    """ "Sunak also pledged to abolish stamp duty ... As well as introducing a new form of help-to-buy.":
    a verbless sentence that opens with "as well as" and a gerund adds one more to the demand or pledge
    just before, and takes its subject and modal."""
    body = _clean(sentence)
    opening = _CONTINUED.match(body)
    lead = _TAKES_OVER.match(last)
    if opening is None or lead is None or not noun_item(body):
        return []
    return [_sentence(f"{lead['lead']} {_as_base(body[opening.end() :])}")]


def _check_lengths(text: str, found: Sequence[Sentence]) -> None:
    """An InputError for a sentence too long to parse in bounded time and memory (a text with no full stops)."""
    for sentence in found:
        if len(sentence.text) > MAX_SENTENCE:
            raise InputError(
                f"a sentence of {len(sentence.text):,} characters is too long to read as demands; "
                f"break it into sentences of at most {MAX_SENTENCE:,} characters",
                None,
                text.count("\n", 0, sentence.start) + 1,
            )


def _previous_subject(result: list[Candidate], previous: Sentence | None, sentence: Sentence, who: Party) -> str:
    """The subject of the last demand read from the sentence just before ``sentence`` (same paragraph
    or the paragraph before), when that subject names someone other than the party; else ""."""
    if not result or previous is None or result[-1].source.start != previous.start:
        return ""
    if sentence.block - previous.block > 1:
        return ""
    modal = _MODAL.match(result[-1].text)
    subject = modal["subject"].strip() if modal else ""
    if not subject or _PRONOUN_SUBJECT.match(subject) or re.match(r"^(?:there|this|that)$", subject, re.I):
        return ""
    if who.name and who.mentioned(subject):
        return ""
    return subject


_PRONOUN_SUBJECT = re.compile(r"^\W*(?:it|they|he|she|we)\b", re.I)
# "The manifesto also includes ...", "The list included ...": the party's own document, named earlier.
_DOCUMENT_SUBJECT = re.compile(
    r"^\W*(?:the|its|their|this|these)\s+(?:"
    + "|".join([*lists("leads.yaml")["documents"], *(f"{w}s" for w in lists("demand_verbs.yaml")["list_heads"])])
    + r")\b",
    re.I,
)  # "The demands also include ...": the demands of the party named earlier


def _coordinated(demand: str) -> list[str]:
    """A modal clause whose coordinated verbs carry their own objects, one clause per verb (the parse)."""
    modal = _MODAL.match(demand)
    if not modal:
        return [demand]
    return split_coordination(demand, modal.start("modal"))


def _by_parse(sentence: str, who: Party, context: str) -> list[str]:
    """A reported demand the cue patterns missed, read from the parse: the complement of a demand
    verb whose subject is the party ("insisted that ...", "urged X to ...", "which included ...")."""
    body = _LEAD_ATTRIBUTION.sub("", _ATTRIBUTION.sub("", sentence.strip())).strip().strip(_QUOTES).strip()
    if body.endswith("?") or not body:
        return []

    def named(owner: str, before: str) -> bool:  # the subject names the party ("it" is not enough here)
        if who.name and not (who.mentioned(owner) or _FIRST_PERSON.search(owner)):
            return False
        return _is_party(owner, before, who, context)

    clauses, phrases = reported(body, named)
    out = [c for c in clauses]
    for phrase in phrases:
        out += _split_list(_clip(phrase))
    if not out and who.name:
        # "waiting for a response to our proposal for more metal detectors, locked safety doors ...": a
        # noun phrase the party proposes (its participles, "locked", are no verbs of a clause)
        name = _cap(_name(who))
        owned = [item for p in owned_proposals(body, named) for item in _series(p)]
        out = [_sentence(f"{name} {_verb_for(name, 'demands')} {_low(p)}") for p in owned]
    return out


def _series(phrase: str) -> list[str]:
    """ "more metal detectors, locked safety doors in LDRP, and additional parking lot security": a
    series of three or more things a proposal is for, closed by ", and", is one demand a thing."""
    items = re.split(r",\s+(?:and\s+)?", phrase)
    if len(items) < 3 or not re.search(r",\s+and\s+[^,]+$", phrase):
        return [phrase]
    return [i.strip() for i in items if i.strip()]


def _command(sentence: str, who: Party) -> list[str]:
    """A command in the party's own words ("Raise your voices.", "Challenge your leaders to be bold"):
    its first word a demand verb (data/verbs.txt) read by the parse as an imperative."""
    body = _clean(sentence)
    if not who.name or not body or body.endswith("?") or not base_verb(_first_word(body)):
        return []
    if re.search(r"\b(?:by|to|for|with|of|through)\s*:$", sentence.strip()):
        return []  # "Make the benefits system work better for disabled people by:": a lead-in, its items cut off
    if not opens_imperative(body) or _NOT_COMMAND.match(body):
        return []
    name = _cap(_name(who))
    return _asked(body.rstrip(".")) or [_sentence(f"{name} {_verb_for(name, 'demands')}: {_low(body)}")]


def _asked(command: str) -> list[str] | None:
    """What a command asks of someone, as their demand: "Require local authorities to spread X" -> "Local
    authorities must spread X"; "Ensure that all new homes meet X" -> "All new homes must meet X"."""
    asked = _ASKS_OF.match(command)
    if asked and not re.match(_ACTION_NOUN, asked["who"], re.I):
        return [_tidy(d) for d in _split_clause(f"{asked['who']} must {asked['rest']}")]
    ensured = _ENSURE_THAT.match(command)
    if ensured:
        return [_tidy(with_modality(d)) for d in _split_clause(ensured["clause"])]
    return None


# Imperative forms that ask nothing of anyone: "Let it be known that ...", "Let me say ...".
_NOT_COMMAND = re.compile(
    r"^(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in lists("leads.yaml")["not_commands"]) + r")\b",
    re.I,
)


def _core(demand: str, who: Party) -> str:
    """What a demand asks, for finding near-duplicates: "No foreign troops" -> "not foreign troops"."""
    text = demand.rstrip(".")
    if who.name:
        name = re.escape(_cap(_name(who)))
        text = re.sub(rf"^{name}\s+(?:demands?|pledges?|will)\s*:?\s+", "", text, flags=re.I)
    bans = sorted(_lists("leads.yaml")["prohibition"], key=len, reverse=True)
    ban = re.match(
        r"^(?:" + "|".join(re.escape(b) for b in bans) + r")\s+(?:the\s+)?(?:deployment\s+of\s+)?", text, re.I
    )
    if ban:
        text = "not " + text[ban.end() :]
    return text


_STARTS_PHRASE = re.compile(r"^(?:by|based|from|of|in|on|at|with|for|to|as|an\s+extent|is|was|are|were)\b", re.I)


def _WRAPPED(who: Party) -> re.Pattern:  # noqa: N802 (a pattern per party)
    """A demand this module gave the party as subject: "Labour pledges ...", "The CTU demands: ..."."""
    name = re.escape(_cap(_name(who))) if who.name else r"(?!x)x"
    return re.compile(rf"^{name}\s+(?:demands?|pledges?|wants?|will)\b")


_END_TO = re.compile(r"^(?:an?\s+end\s+to|the\s+end\s+of)\s", re.I)


def _standalone(demand: str, who: Party) -> str:
    """A noun-phrase demand gets the party as its subject ("Russia demands the lifting of ...")."""
    if who.name and _END_TO.match(demand):  # "An end to fire and rehire": "fire" is no verb here
        name = _cap(_name(who))
        return _sentence(f"{name} {_verb_for(name, 'demands')} {_low(demand)}")
    if _MODAL.match(demand) or (has_verb_phrase(demand) and has_predicate(demand)):
        return demand
    if not who.name or _STARTS_PHRASE.match(demand):
        return demand
    name = _cap(_name(who))
    if _WRAPPED(who).match(demand):
        return demand  # already given the party: "Labour pledges votes at 16."
    return _sentence(f"{name} {_verb_for(name, 'demands')} {_low(demand)}")


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
        if _reports(outside) and not _speaker_is_party(outside, who):
            skip.update(i for i in members if found[i].text.lstrip()[:1] in _QUOTES or found[i].text.count('"') % 2)
    return skip


def _reports(text: str) -> bool:
    """A reporting verb ("said", "told", "states") used as a verb: not "member states", "the notes"."""
    return _reporting(text) is not None


def _reporting(text: str) -> re.Match | None:
    """The first reporting verb of ``text`` that the parse reads as a verb ("small states alike" is none)."""
    if not _REPORTING.search(text):
        return None
    from .clauses import doc

    lead = len(text) - len(text.lstrip())
    verbs_at = {t.idx + lead for t in doc(text.strip()) if t.pos_ in ("VERB", "AUX")}
    return next((m for m in _REPORTING.finditer(text) if m.start() in verbs_at), None)


def _speaker_is_party(text: str, who: Party) -> bool:
    return bool(who.name) and who.mentioned(text) and not _COMMENTATORS.search(text)


def _demands(sentence: str, who: Party, context: str) -> list[str]:
    """The demands of the party in one sentence, each as a full demand."""
    body = _LEAD_ATTRIBUTION.sub("", _ATTRIBUTION.sub("", sentence.strip())).strip().strip(_QUOTES).strip()
    body = re.sub(r"\s*[—–]\s*[^—–;.]{1,80}?\s*[—–]\s*", " ", body)  # "guarantors—Egypt, ... Qatar—are": an aside
    if body.endswith("?"):
        return []
    body = _BACKSHIFTED.sub(lambda m: m["said"] + "must", body)  # "said the Government had to V": must V
    cleft = _CLEFT.match(_LEAD.sub("", body))
    if cleft and _is_party(cleft["who"], cleft["who"], who, context):
        # "one fix that we from Africa demand is for the United Nations to embrace democracy ...": the
        # pseudo-cleft's complement is the demand
        if cleft["addressee"]:
            return _split_clause(f"{cleft['addressee']} must {_clip(cleft['verb'])}")
        return _split_list(_clip(cleft["np"]))
    cues = [
        c
        for c in _VERB_CUE.finditer(body)
        if (_used_as_verb(body[: c.start()]) or _infinitive_cue(body[: c.start()], c["verb"]))
        and not re.match(r"by\b", body[c.end() :], re.I)
        and not _noun_in_parse(body, c.start("verb"))
        and not _NEGATED_CUE.search(body[: c.start()])
    ]
    for cue in cues:
        subject = _subject(body, cue.start())
        if not _is_party(subject, body[: cue.start()], who, context):
            continue
        rest = _unattributed(body[cue.end() :])
        # a quotation of several sentences, which the segmenter keeps whole: the cue governs the first;
        # the others are read on their own ("demands that X divest from Y. We demand that X ...")
        rest, *then = quoted_sentences(rest)
        more: list[str] = _demands(" ".join(then), who, context) if then else []
        # "demands A and B, and further requires the parties to V": a second verb of asking shares the subject
        second = _SECOND_ASK.search(rest)
        if second:
            more += _governed(second["op"].lower(), rest[second.end() :].strip().rstrip('.”"'), _cap(_name(who)), "")
            rest = rest[: second.start()]
        verb = cue["verb"].lower()
        if cue["addressee"]:
            addressee, rest = _addressee(cue["addressee"], rest)
            again = _NEW_CLAUSE.search(rest)
            if again:
                # "urged all parties to V, and they called upon all sides to W": the second clause asks too
                more = _demands(rest[again.end() :], who, context) + more
                rest = rest[: again.start()]
            listed = _MEET_DEMANDS.match(_clip(rest))
            if listed and who.name:
                # "urged the Centre to meet their demands, including A and B": A and B are the demands
                name = _cap(_name(who))
                return [
                    _sentence(f"{name} {_verb_for(name, 'demands')} {_low(d)}") for d in _split_list(listed["items"])
                ]
            return _split_clause(f"{addressee} must {_clip(rest)}") + more
        if "accept" in verb:  # "will not accept any cuts to pensions" -> "No cuts to pensions."
            return [_sentence("no " + re.sub(r"^(?:any|the|a|an)\s+", "", _clip(rest), flags=re.I))] + more
        if verb.endswith("that") or "that" in verb.split():
            subjunctive = mandative(f"that {_clip(rest)}")
            if subjunctive and len(subjunctive) > 1:  # "demand that A be made ... and B be stopped": two demands
                return [_tidy(d) for d in subjunctive] + more
            rest = _SEMI_VERB.sub(", ", rest)  # "that Q hand over ...; stop funding ...; and provide ..."
            rest = _subject_comma(rest)  # "that U Chicago, divest from X": a comma between subject and verb
            return [_tidy(with_modality(d)) for d in _split_clause(_clip(rest))] + more
        return _split_list(_clip(rest)) + more
    for cue in _PLEDGE_CUE.finditer(body):  # "guaranteeing that no commitment would require ...": a pledge
        if _used_as_verb(body[: cue.start()]) and _is_party(
            _subject(body, cue.start()), body[: cue.start()], who, context
        ):
            return [_tidy(with_modality(d)) for d in _split_clause(_clip(body[cue.end() :]))]
    offer = _IN_EXCHANGE.match(_LEAD.sub("", body))
    if offer and _is_party(offer["who"], offer["who"], who, context):
        # "We are ready to release all captives in exchange for a swap deal, an end to the war and ...":
        # what an offer asks in return are the party's demands
        return _split_list(_clip(_SAID_AT_END.sub("", offer["items"]).strip(' ,”"')))
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
        if noun["pronoun"] and not _LIST_NAMED.search(context[: len(context) - len(sentence)]):
            return []  # "It included ...": only after a sentence that names a list of demands
        items = _split_list(_clip(body[noun.end() :]))
        if who.name:
            items = [p for i in items for p in _undertaken(i, _cap(_name(who)))]
        if noun["set"] and re.match(r"(?:pledge|promise|commitment)", noun["set"], re.I) and who.name:
            name = _cap(_name(who))  # a list of pledges: "secure the recovery" -> "Labour will secure the recovery"
            items = [
                _sentence(f"{name} will {_low(i)}")
                if base_verb(_first_word(i)) or opens_imperative(i.rstrip("."))
                else i
                for i in items
            ]
        return items
    needed = _necessity(body, who, context) or _colon_list(body, who) or _priority(body, who)
    if needed:
        return needed
    modal = _MODAL.match(_LEAD.sub("", body))
    if modal and re.search(r"\b(?:you|one)$", modal["subject"], re.I) and _reporting(modal["subject"]):
        return []  # "Labour thinks you need to write it down": an opinion about anyone, not a demand
    if modal and _WH_SUBJECT.match(_LEAD.sub("", modal["subject"])):
        return []  # "how we manage our relationships will determine ...": a clause as subject states, not asks
    if modal and _CONDITION.search(modal["subject"]):
        # "if we are serious about cooperation, then we must act with urgency ...": the main clause after
        # the condition is the demand
        body = body[_last(_CONDITION, modal["subject"]).end() :]
        modal = _MODAL.match(body)
    if modal:
        told = _THAT_OF.match(modal["subject"])
        if told and not _is_party(told["who"].strip(), told["who"], who, context):
            return []  # "management proposed that they should be able to ...": another party's proposal
        aside = _ASIDE_SAID.search(body)
        if aside and aside.start() < modal.end() and _said_by_party(aside["speaker"], body, who, context):
            body = (
                body[: aside.start()] + " " + body[aside.end() :]
            )  # "The current fiscal rules, the party said, should ..."
            modal = _MODAL.match(body)
    if modal and not _HEDGE.search(modal["subject"]):
        trailing = _TRAILING_SAID.search(body)
        if (
            trailing
            and _reporting(body[trailing.start() :])
            and _said_by_party(trailing["speaker"], body, who, context)
        ):
            # "The government must ensure X, they added.": the party's attribution after its demand goes
            body = body[: trailing.start()]
        reported = _reporting(body)
        if reported and not (who.name and _speaker_is_party(body[: reported.end()], who)):
            speaker = body[: reported.start()]
            if not _pronoun_speaker(speaker, speaker, who, context):
                return []
        if cues or _MODAL.match(modal["subject"]):
            return []
        body = _LEAD.sub("", body)
        said = _reporting(body)
        if said and said.end() <= modal.end("subject"):
            # "The union's general secretary said employers must open their books": the party's speaker
            # reports the demand; the demand is the reported clause, without its attribution
            clause = re.sub(r"^[\s,]*(?:that\s+)?", "", body[said.end() :])
            if _MODAL.match(clause):
                return _modal_clauses(clause)
        return _modal_clauses(body)
    return []


# Reported speech shifts "must" back: "Mr Dillon said the Government had to demonstrate ...", "he said this
# would have to include ...".
_BACKSHIFTED = re.compile(
    r"(?P<said>\b(?:said|says|told\s+\w+|added|insisted|stressed|warned)\s+(?:that\s+)?[^,;:]{1,120}?\s)"
    r"(?:had\s+to|would\s+have\s+to|would\s+need\s+to)(?=\s+\w)",
    re.I,
)
# An offer and what it asks in return: "X is ready to release Y in exchange for Z".
_IN_EXCHANGE = re.compile(
    r"^(?P<who>[^,;:]{1,80}?)\s+(?:is|are|was|were|would\s+be|will\s+be|remains?|stands?)\s+(?:\w+\s+)?"
    r"(?:ready|willing|prepared)\s+to\s+[^;:]{1,200}?\bin\s+(?:exchange|return)\s+for\s+(?P<items>.+)$",
    re.I,
)
# A cue under a negation or a failure in its own clause: "the leaders did not reach a consensus on
# calling for the release of X", "refused to call for a ceasefire" ask nothing.
_NEGATED_CUE = re.compile(
    r"\b(?:not|never|no|failed\s+to|fail\s+to|refused\s+to|declined\s+to)\b"
    r"(?:(?!\b(?:and|but|while)\b)[^,;.:]){0,60}$",
    re.I,
)
# A pseudo-cleft: "What we want is X", "one fix that we from Africa demand is for Y to V".
_CLEFT = re.compile(
    r"^(?:what|(?:the|one|our|a|another)\s+(?:[\w-]+\s+){0,2}?(?:that|which))\s+(?P<who>[\w’' ]{1,40}?)\s+(?:"
    + "|".join(lists("demand_verbs.yaml")["cleft"])
    + r")\s+(?:is|are)\s+(?:for\s+(?P<addressee>[^,;]{1,80}?)\s+to\s+(?P<verb>\w.*)|(?P<np>\w.*))$",
    re.I,
)
# A clause opening with a wh-word, the subject of its sentence: "how we manage X will determine Y".
_WH_SUBJECT = re.compile(r"^(?:how|what|why|where|whether)\s", re.I)
# A condition before the main clause: "..., but if we are serious about X, then we must ...".
_CONDITION = re.compile(r"(?:^|,\s+(?:but\s+|and\s+|so\s+)?)(?:if|when|unless|once)\b[^,]{1,120},\s+(?:then\s+)?", re.I)
# "X proposed that they should ...": the modal belongs to a that-clause of X's verb of asking.
_THAT_OF = re.compile(
    r"^(?P<who>.{1,80}?)\s+(?:"
    + "|".join(w[:-1] + r"\w{0,3}" if w.endswith("e") else w + r"\w{0,3}" for w in lists("demand_verbs.yaml")["clause"])
    + r")\s+that\s+",
    re.I,
)
# An attribution set off by commas inside the demand: "The current fiscal rules, the party said, should ...".
_ASIDE_SAID = re.compile(r",\s+(?P<speaker>[^,;\"“”]{1,50}?)\s+(?:said|says|added|stated|argued),\s+", re.I)


def _last(pattern: re.Pattern, text: str) -> re.Match:
    return list(pattern.finditer(text))[-1]


# A new clause with a pronoun subject after a demand: ", and they called upon all sides to ...".
_NEW_CLAUSE = re.compile(r",\s+and\s+(?=(?:they|it|he|she|we)\s+\w)", re.I)
# An attribution after the demand: "..., they added.", "..., the protest organisers said."
_TRAILING_SAID = re.compile(r",[\"”’]?\s+(?P<speaker>[^,;\"“”]{1,60}?)\s+\w+\s*\.?$")


# "meet their demands, including A and B", "accept our demands such as A": the demands the addressee is asked
# to meet are named after "including"
_MEET_DEMANDS = re.compile(
    r"^(?:"
    + "|".join(lists("leads.yaml")["meet_verbs"])
    + r")\s+(?:our|their|its|his|her|the)\s+(?:\w+\s+)?demands,?\s+"
    r"(?:including|such\s+as)\s+(?P<items>.+)$",
    re.I,
)


def _subject_comma(clause: str) -> str:
    """ "U Chicago, divest from the Gaza genocide" -> "U Chicago divest from ...": a comma between a
    name and the base-form verb of its that-clause (speech as transcribed) splits subject from verb."""
    m = re.match(r"^(?P<subject>[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*){0,4}),\s+(?P<verb>[a-z]+)\b", clause)
    if m and base_verb(m["verb"]):
        return f"{m['subject']} {clause[m.end('subject') + 1 :].lstrip()}"
    return clause


def _unattributed(rest: str) -> str:
    """What a demand cue governs, without the attribution that closes the sentence ("..., and cut ties
    with the Israel Institute,” the protester said."): the speaker is no part of the demand."""
    trailing = _TRAILING_SAID.search(rest)
    if trailing and _reporting(rest[trailing.start() :]):
        return rest[: trailing.start()]
    return rest


def _said_by_party(speaker: str, body: str, who: Party, context: str) -> bool:
    """The speaker of a trailing attribution is the party: named, or a pronoun for it."""
    if who.name and who.mentioned(speaker) and not _COMMENTATORS.search(speaker):
        return True
    return _pronoun_speaker(speaker, body, who, context)


def _infinitive(rest: str) -> bool:
    """What follows "to" opens a verb: a listed base verb, or one the parse reads as a base-form verb
    ("to fulfil their commitments", "to immediately reduce violence")."""
    from .clauses import doc

    bare = re.sub(r"^(?:not|also|further)\s+", "", rest, flags=re.I)
    if base_verb(_first_word(bare)):
        return True
    words = [t for t in doc(f"to {bare.strip()}")[1:3]]
    if words and words[0].tag_ == "RB" and len(words) > 1:
        words = words[1:]  # a split infinitive: "to immediately reduce"
    return bool(words) and words[0].tag_ == "VB"


def _addressee(addressee: str, rest: str) -> tuple[str, str]:
    """ "urged the signatories to the ceasefire agreement to respect it": the addressee runs to the
    "to" that opens a verb, not to the first "to" (a preposition inside the addressee)."""
    if _infinitive(rest):
        return addressee, rest
    for m in re.finditer(r"\s+to\s+(?=([A-Za-z][\w-]*))", rest):
        if re.search(r"[.;]", rest[: m.start()]) or m.start() > 120:
            break
        if _infinitive(rest[m.end() :]) and not re.search(r"[,]\s*$", rest[: m.start()]):
            return f"{addressee} to {rest[: m.start()].strip()}", rest[m.end() :]
    return addressee, rest


def _colon_list(body: str, who: Party) -> list[str]:
    """ "by Monday the following steps will have to be taken: agreement on X; return to Y": noun
    phrases after a colon whose lead-in says they are demands, one demand each (a lead-in that
    someone else reports, or items that are clauses, are read by the other rules)."""
    m = re.match(r"^(?P<lead>[^:]{3,200}?)\s*:\s+(?P<items>\S.*)$", body)
    if not m or not _lead_kind(m["lead"]) or not who.name:
        return []
    lead = m["lead"]
    if _HEDGE.search(lead) or _COMMENTATORS.search(lead) or _VERB_CUE.search(lead + " "):
        return []
    reported = _reporting(lead)
    if reported and not _speaker_is_party(lead[: reported.start()], who):
        return []
    items = [i for i in re.split(r";\s+(?:and\s+)?", m["items"].rstrip(".")) if i.strip()]
    if not items or _opens_verb(items[0]) or any(_MODAL_ANYWHERE.search(f" {i} ") for i in items):
        return []  # the first item says what the list is: noun phrases (a later "return to ..." is a noun)
    items = [_uncut(i).strip() for i in items]
    items = [i for i in items if len(i.split()) > 1]  # "return to th[...]": a word the cut left alone
    if len(items) == 1 and ";" not in m["items"]:
        return _split_list(items[0])  # "conditions: A, B and C"
    return [_sentence(i) for i in items]  # items set off by ";" are one demand each


_PRIORITY = re.compile(
    r"^(?P<owner>our|my|its|their|(?:the\s+)?[A-Z][\w’' -]{1,40}?(?:’s|'s))\s+(?:\w+\s+){0,2}?(?:"
    + "|".join(lists("leads.yaml")["priority"])
    + r")\s+(?:is|are|will\s+be|remains?)\s+(?:(?P<to>to\s+)|(?P<that>that\s+))?(?P<rest>\S.*)$",
    re.I,
)


def _priority(body: str, who: Party) -> list[str]:
    """ "Our priority is to cut waiting lists" -> "The union will cut waiting lists"; "Our first priority
    is the abolition of tuition fees" -> "The union demands the abolition of tuition fees": the party's
    own priorities (an owner that names someone else is theirs, not the party's)."""
    m = _PRIORITY.match(body)
    if not m or not who.name:
        return []
    owner = m["owner"]
    if not (_FIRST_PERSON.search(owner) or who.mentioned(owner) or owner.lower() in ("its", "their")):
        return []
    rest = _clip(m["rest"])
    name = _cap(_name(who))
    if m["to"]:
        return [_sentence(f"{name} will {p}") for p in _pieces(rest, {"verb"})]
    if m["that"]:
        return [_tidy(with_modality(d)) for d in _split_clause(rest)]
    return _split_list(rest)


_NECESSARY = re.compile(
    r"\b(?:it|this)\s+(?:is|was|remains|will\s+be|would\s+be)\s+(?:\w+ly\s+|also\s+|therefore\s+)?"
    r"(?:" + "|".join(lists("leads.yaml")["necessity"]) + r")\s+"
    r"(?:for\s+(?P<who>[^,.;]{1,60}?)\s+(?=to\s))?(?:(?P<that>that\s+)|to\s+(?=\w))",
    re.I,
)


def _necessity(body: str, who: Party, context: str) -> list[str]:
    """ "It is essential that X V" -> "X must V"; "it was necessary (for X) to V" -> "X must V", or the
    party when no one is named: a demand said as a necessity, by the party (not one that others report)."""
    m = _NECESSARY.search(body)
    if not m:
        return []
    before = body[: m.start()]
    if (
        _HEDGE.search(before)
        or _COMMENTATORS.search(before)
        or re.search(r"\b(?:if|whether|because|since|while|although)\s*$", before, re.I)
    ):
        return []
    reported = _reporting(before)
    if reported and not _speaker_is_party(before[: reported.start()], who):
        return []
    if who.name and not who.mentioned(before) and _FIRST_WORD_CLAUSE.search(before):
        return []  # "The US said it is essential ...": someone else's view (a subject that is not the party)
    rest = _clip(body[m.end() :])
    if not rest:
        return []
    if m["that"]:
        return [_tidy(with_modality(d)) for d in _split_clause(rest)]
    subject = m["who"] or _cap(_name(who))
    return _split_clause(f"{subject} must {rest}")


# A clause before "it is essential" with a named subject and a verb of its own ("Washington believes ...").
_FIRST_WORD_CLAUSE = re.compile(
    r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*\s+(?:believes?|thinks?|considers?|feels?|insisted|argued)\s*(?:that\s*)?$"
)


# ", which has unsettled the peace ...,": a relative clause between commas that adds, not restricts.
_NON_RESTRICTIVE = re.compile(r",\s+(?:which|who|whose|whom)\b[^,;]*,", re.I)


def _modal_clauses(body: str) -> list[str]:
    """A modal clause as its demands: clauses joined by ";" with the modal gapped ("X should be
    evacuated; Y restored"), coordinated clauses with verbs of their own (the parse), else the
    word-list split."""
    parts = _WHILE.split(body)
    if len(parts) > 1 and all(_MODAL.match(p) for p in parts):
        # "X should be subject to a test, while spending plans should be made in cycles": two demands
        return [d for p in parts for d in _modal_clauses(p)]
    demands = [r for d in _modal_split(body) for r in relative_demands(d)]
    return [_tidy(d) for d in demands]


_WHILE = re.compile(r",?\s+(?:while|whilst|whereas)\s+(?=[^,;]{1,80}?\s" + MODALS + r"\s)", re.I)


def _modal_split(body: str) -> list[str]:
    pieces = relative_demands(body)
    if len(pieces) > 1:  # relative clauses with their own modal: each its own demand
        return [d for p in pieces for d in _modal_split(p)] if len(pieces) < 6 else pieces
    body = " ".join(_NON_RESTRICTIVE.sub(" ", body).split())
    parts = gapped(body) if ";" in body else None
    if parts:
        return [d for part in parts for d in _coordinated(_sentence(_clip(part)))]
    modal = _MODAL.match(body)
    pieces = split_coordination(body, modal.start("modal")) if modal else [body]
    if len(pieces) > 1:
        return [_sentence(_clip(p)) for p in pieces]
    return _split_clause(_clip(body))


_SECOND_ASK = re.compile(
    r",\s+and\s+(?:also\s+|further\s+|again\s+)?(?P<op>"
    + "|".join(sorted({w.split()[-1] for w in lists("operative.yaml")["asks"] if " " not in w}, key=len, reverse=True))
    + r")\s+",
    re.I,
)
_SEMI_VERB = re.compile(r";\s+(?:and\s+)?(?=[a-z]+\b)")


def _used_as_verb(before: str) -> bool:
    """ "Russia demands ..." is a cue; "Russia's demands", "these demands", "a list of demands" are not."""
    words = before.split()
    if not words:
        return False
    last = words[-1]
    if last.endswith(("’s", "'s", "s’", "s'")) or last.lower() in _NOUN_LEAD:
        return False
    return not re.fullmatch(r"[A-Z]\w*(?:ian|ean|ese|ish|ic)", last)


def _infinitive_cue(before: str, cue: str) -> bool:
    """ "The EU is set to urge the US to ...": a cue in its base form after "to" is a verb (not "to demands")."""
    return before.rstrip().lower().endswith(" to") and uninflected(cue.split()[0])


def _noun_in_parse(body: str, at: int) -> bool:
    """ "a social climate in which democratic demands can be voiced", "our core demands include": the
    parse reads the cue word as a noun after an adjective or as the subject of the sentence's verb,
    so it is no verb of asking."""
    from .clauses import doc

    token = next((t for t in doc(body) if t.idx == at), None)
    if token is None or token.tag_ not in ("NNS", "NN"):
        return False
    # "Our core demands include ...": the subject of the sentence's verb is a noun
    after_modifier = token.i > 0 and token.doc[token.i - 1].tag_ in ("JJ", "PRP$", "POS")
    return token.dep_ in ("nsubj", "nsubjpass") or after_modifier


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
    reported = _reporting(before)
    if reported and not _speaker_is_party(before[: reported.start()] or before, who):
        if not _pronoun_speaker(before[: reported.start()], before, who, context):
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


def _pronoun_speaker(speaker: str, before: str, who: Party, context: str) -> bool:
    """ "He also said ...": a pronoun that reports is the party when the sentences before this one
    name the party and no commentator ("Araqchi, Iran's deputy foreign minister, said ... He also said")."""
    if not who.name or not re.fullmatch(
        r"\s*(?:he|she|they)(?:\s+\w+ly|\s+also|\s+further|\s+again)*\s*", speaker, re.I
    ):
        return False
    at = context.rfind(before.strip()[:40]) if before.strip() else -1
    earlier = context[:at] if at > 0 else ""
    return who.mentioned(earlier) and not _COMMENTATORS.search(earlier)


def _clip(rest: str) -> str:
    """The demand part of what follows a cue: up to where another clause starts."""
    rest = _without_aside(rest)
    cut = _CUT.search(rest)
    text = rest[: cut.start()] if cut else rest
    text = text.strip().rstrip(".,:;!").strip()
    if sum(text.count(q) for q in _QUOTES) % 2:
        text = text.strip(_QUOTES).strip()
    return _PLACEHOLDER.sub("", text)


_ASIDE = re.compile(r",\s+(?:who|which)\s+[^,;.]{1,200}?,\s+(?=\w)", re.I)


def _without_aside(rest: str) -> str:
    """ "those in the government, who instigated X, be brought to book": a relative clause set off by
    commas inside the demand, with the demand's verb after it (the parse reads a verb there), loses
    its commas and stays with its noun; a relative clause after the demand ("X, which ...") still ends it."""
    from .clauses import doc

    aside = _ASIDE.search(rest)
    if not aside:
        return rest
    after = [t for t in doc(rest[aside.end() :])[:1]]
    if after and (after[0].pos_ in ("AUX", "VERB") or after[0].tag_ == "MD"):
        return (
            rest[: aside.start()]
            + " "
            + rest[aside.start() + 1 : aside.end()].strip().rstrip(",")
            + " "
            + rest[aside.end() :]
        )
    return rest


# "asked for three things", "discussed several points": a count, not a demand.
_PLACEHOLDER = re.compile(
    r"^(?:\w+\s+){0,2}(?:things|points|items|issues|matters|demands|conditions|stages|phases|steps|parts|elements)$",
    re.I,
)  # "three distinct stages"


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


def _gerund_opening(text: str) -> bool:
    """The text opens with a gerund, or an adverb and one, as the parse reads it ("Accelerating X",
    "Better integrating Y"): a verb phrase stated as an activity."""
    from .clauses import doc

    words = [t for t in doc(_low(text.strip()))[:3] if not t.is_punct]
    if words[:1] and words[0].tag_ in ("RB", "RBR") and len(words) > 1:
        words = words[1:]
    return bool(words) and words[0].tag_ == "VBG" and words[0].lower_.endswith("ing") and _is_gerund(words[0].lower_)


def _as_base(piece: str) -> str:
    """ "better integrating X" -> "better integrate X": the gerund (after an adverb) in its base form."""
    from .clauses import doc

    words = piece.strip().split()
    at = next((n for n, w in enumerate(words[:2]) if w.lower().endswith("ing")), None)
    if at is None:
        return piece.strip()
    token = next((t for t in doc(" ".join(words)) if t.idx == len(" ".join(words[:at])) + (1 if at else 0)), None)
    base = _base_of(words[at].lower())
    if base == words[at].lower() and token is not None and token.tag_ == "VBG":
        base = token.lemma_.lower()  # the parse's lemma: "accelerating" -> "accelerate"
    words[at] = base
    return " ".join(words)


def _is_nominal(text: str) -> bool:
    words = text.split()
    complement = re.search(r"\b(?:of|on|for|to|in|from|against|at|into)\b", text)  # "full security in hospitals"
    return len(words) >= 3 and words[0][:1].islower() and bool(complement)


def _opens_verb(piece: str) -> bool:
    """The piece opens with a demand verb, or an adverb and one ("rapidly agree a calendar")."""
    words = re.findall(r"[A-Za-z][\w-]*", piece)
    if words[:1] and words[0].lower().endswith("ly") and len(words) > 1:
        words = words[1:]
    return bool(words) and words[0].lower() in VERBS


def _kind(piece: str) -> str:
    if _is_gerund(piece):
        return "gerund"
    if _opens_verb(piece):
        return "verb"
    bare = re.sub(r"^not\s+(?=to\s)", "", piece, flags=re.I)  # "... and not to resort to X"
    if re.match(r"^to\s+(?:be\s+)?([\w-]+)", bare, re.I) and base_verb(
        bare.split()[1 if bare.split()[1:2] != ["be"] else 2 if len(bare.split()) > 2 else 1]
    ):
        return "verb"
    if re.match(r"^(?:no|an?\s+end\s+to)\b", piece, re.I):
        return "no"
    if re.match(r"^(?:on|for)\s", piece, re.I):
        return "prep"
    return "nominal" if _is_nominal(piece) else "other"


# A noun made from a verb names an action; a plural in -ings names things ("funds and holdings",
# "buildings"), not the action ("the lifting of sanctions").
_ACTION = re.compile(
    r"\w(?:tion|sion|ment|ance|ence|ure|al)s?$|\wing$|^(?:"
    + "|".join(re.escape(w) for w in lists("leads.yaml")["action_nouns"])
    + r")s?$"
)


def _action_headed(piece: str) -> bool:
    """The noun phrase is headed by an action noun ("the withdrawal of ...", "an end to ...")."""
    head = re.split(r"\s(?:of|on|for|to|from|in|by|against|with)\s", " " + piece.strip() + " ", maxsplit=1)[0]
    words = head.split()
    return bool(words) and bool(_ACTION.search(words[-1].lower()))


def _pieces(text: str, splits_on: set[str]) -> list[str]:
    """Split a list at separators, keeping a piece apart only when it starts a demand of the same kind.

    A piece that ends in a modifier of a noun further on ("an immediate, durable and fully respected
    ceasefire", "the immediate and unconditional release") is joined to the next first; a noun phrase
    is kept apart only when the one before it has a complement of its own ("the release of X and an
    immediate cessation of Y"; not "proper and transparent probes and accurate trials of X").
    """
    raw = _SPLIT.split(text)
    seps = _SPLIT.findall(text)
    ends, at = [], 0
    for piece, sep in zip(raw, seps):
        at = text.find(piece, at) + len(piece)
        ends.append(at)
        at += len(sep)
    dangling = dangling_modifiers(text, ends) if len(raw) > 1 else set()
    merged, merged_seps = [raw[0]], []
    for n, (sep, piece) in enumerate(zip(seps, raw[1:])):
        if n in dangling:
            merged[-1] = merged[-1] + sep + piece
        else:
            merged.append(piece)
            merged_seps.append(sep)
    out = [merged[0]]
    gerund = _first_word(merged[0]) if _kind(merged[0]) == "gerund" else ""
    for sep, piece in zip(merged_seps, merged[1:]):
        kind = _kind(piece) if piece else ""
        if re.search(r"(?:^|,\s+)(?:including|particularly|especially)\b", out[-1]) and not sep.startswith(";"):
            kind = "other"  # "..., including to prevent X and to ensure Y": examples of one demand, not demands
        if re.match(r"(?:particularly|especially|in\s+particular|notably)\b", piece, re.I):
            kind = "other"  # "full transparency into X, particularly its involvement in Y": what the demand stresses
        if _PURPOSE.search(out[-1]) and not sep.startswith(";"):
            kind = "other"  # "..., in order to anticipate, prevent and resolve conflict": one purpose, not demands
        if kind in ("verb", "gerund") and re.match(r"\w+ly\s", piece) and re.search(r"\w+ly$", out[-1].strip()):
            kind = "other"  # "immediately, completely and unconditionally withdraw": adverbs of one verb
        if kind == "verb" and _bare_verb(out[-1]):
            kind = "other"  # "monitor, help investigate and report to the Council on X": the object is shared
        if kind == "nominal" and not (_action_headed(piece) and _is_nominal(out[-1].strip())):
            kind = "other"  # "a cessation of X and any attacks on Y": one demand, the verb's object is shared
        if kind == "nominal" and gerund and "gerund" in splits_on:
            out.append(
                f"{gerund} {piece}"
            )  # "introducing a jobs guarantee ... and a youth allowance": the verb is shared
        elif piece and kind in splits_on:
            out.append(piece)
        else:
            out[-1] = out[-1] + sep + piece
        if kind == "gerund":
            gerund = _first_word(piece)
    return [p.strip() for p in out if p.strip()]


_PURPOSE = re.compile(
    r"\b(?:" + "|".join(r"\s+".join(map(re.escape, p.split())) for p in lists("leads.yaml")["purpose"]) + r")\s+\w",
    re.I,
)


def _bare_verb(piece: str) -> bool:
    """The piece ends in a verb with nothing after it ("The Mission should monitor", "help
    investigate"): its object is the one the next verb has, so the two are one demand."""
    words = re.findall(r"[\w’'-]+", piece)
    if not words or not base_verb(words[-1].lower()):
        return False
    if len(words) == 1:
        return True
    before = words[-2].lower()
    return before in _BARE_BEFORE or base_verb(before) and len(words) == 2


_BARE_BEFORE = frozenset("must should shall will would can may to not also and or help".split())


def _split_list(text: str) -> list[str]:
    """An enumeration of demands ("barring X, prohibiting Y and recognising Z") as separate demands."""
    if not text:
        return []
    first = _kind(text)
    splits_on = {first, "no", "prep"} if first in ("gerund", "nominal", "prep", "no") else {"no", "prep"}
    if first == "no" and re.match(r"^an?\s+end\s+to\b", text, re.I):
        splits_on.add("nominal")  # "an end to the war, the withdrawal of X and ...": noun phrases of one list
    if first == "verb":
        return _split_clause(text)
    return [_sentence(re.sub(r"^(?:on|for)\s+", "", p, flags=re.I)) for p in _pieces(text, splits_on)]


_GERUND_RUN = re.compile(r"^(?P<run>[a-z]+ing(?:\s+(?:and|or)\s+[a-z]+ing)*)\b")


def _participles(pieces: list[str]) -> list[str]:
    """ "comply with X, refraining from attacking, destroying or removing Y, and respecting and protecting Z":
    a participle of a demand verb set off by a comma after a clause is a demand of its own ("refrain from
    ...", "respect and protect Z"); a participle in a run of them ("attacking, destroying") is not."""
    out: list[str] = []
    for piece in pieces:
        parts = re.split(r"(,\s+(?:and\s+)?)(?=[a-z]+ing\b)", piece)
        current = parts[0]
        for sep, part in zip(parts[1::2], parts[2::2]):
            run = _GERUND_RUN.match(part)
            gerunds = re.findall(r"[a-z]+ing", run["run"]) if run else []
            bases = [_base_of(w) for w in gerunds if w not in NOT_GERUNDS] if gerunds else []
            bases = bases if len(bases) == len(gerunds) else []  # "including X": examples, not a demand
            ends_in_gerund = re.search(r"\b[a-z]+ing$", current.strip())
            if (
                run is not None
                and bases
                and all(b in VERBS for b in bases)
                and not ends_in_gerund
                and not _ADMISSION.search(current)
            ):
                out.append(current)
                verb_run = re.sub(r"[a-z]+ing", lambda m: _base_of(m[0]), run["run"])
                current = "to " + verb_run + part[run.end() :]
            else:
                current = current + sep + part
        out.append(current)
    return out


_ADMISSION = re.compile(
    r"\b(?:" + "|".join(r"\s+".join(a.split()) for a in lists("leads.yaml")["admissions"]) + r")\w{0,2}\b", re.I
)


def _split_clause(text: str) -> list[str]:
    """A that-clause or modal clause with coordinated verbs: each verb gets the subject and a "must"."""
    if not text:
        return []
    text = re.sub(r"^(?:that|to)\s+", "", text, flags=re.I)
    pieces = verbs_in_parse(text, _participles(_pieces(text, {"verb"})))
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
        lead = at
        while lead > 1 and words[lead - 1].lower().endswith("ly"):
            lead -= 1  # "all parties fully comply": "fully" goes with the first verb, not the subject
        subject, must = " ".join(words[:lead]), "must"
        head = f"{subject} must {' '.join(words[lead:])}"
        if lead > 1 and words[lead - 1].lower() in ("is", "are", "was", "were"):
            # "that no jobs are cut" -> "No jobs must be cut": a passive takes "must be"
            subject, must = " ".join(words[: lead - 1]), "must be"
            head = f"{subject} must be {' '.join(words[lead:])}"
    result = [_sentence(head)]
    for piece in pieces[1:]:
        negated = re.match(r"^not\s+to\s+(?=\w)", piece, re.I)
        if negated and not re.search(r"\bnot$", must):
            result.append(_sentence(f"{subject} {must} not {piece[negated.end() :]}"))
            continue
        piece = re.sub(r"^(?:that|to)\s+", "", piece, flags=re.I)
        result.append(
            _sentence(piece if _MODAL.match(piece) or not _opens_verb(piece) else f"{subject} {must} {piece}")
        )
    return result


_DETERMINERS = frozenset(
    "the a an its their our his her any no this that these those of on in to for all every".split()
)


# Words a text cut mid-word ("... should be su[...]") cannot end on: what is left is no demand without them.
_DANGLING_END = re.compile(
    r"(?:\s+(?:a|an|the|of|on|to|for|in|at|by|with|from|and|or|but|that|be|is|are|its|their|our"
    r"|must|should|shall|will|would|can|may|not|has|have|had))+\s*$",
    re.I,
)


def _uncut(text: str) -> str:
    """An excerpt's cut mark "[...]" removed; where it cuts a word ("the CFTA should be su[...]"), the
    broken word and the function words left hanging before it go too."""
    if re.search(r"\w\[(?:\.\.\.|…)\]", text):
        text = re.sub(r"\s*[\w-]*\[(?:\.\.\.|…)\].*$", "", text)
        hanging = _DANGLING_END.search(text)
        if (
            hanging
            and _MODAL_ANYWHERE.search(hanging[0] + " ")
            and not _MODAL_ANYWHERE.search(text[: hanging.start()] + " ")
        ):
            return ""  # the cut took the predicate: no demand is left
        text = _DANGLING_END.sub("", text)
    return re.sub(r"\s*\[(?:\.\.\.|…)\]", "", text)


def _sentence(text: str) -> str:
    text = " ".join(_uncut(text).split()).strip(" ,;:")  # an excerpt's cut, "[...]"
    if not text:
        return ""
    text = re.sub(r"^\s*(?:and|or)\s+", "", text, flags=re.I)
    return text[:1].upper() + text[1:] + ("" if text.endswith((".", "!")) else ".")


def as_statements(candidates: Sequence[Candidate], same: Grouper | None = None) -> list[Statement]:
    """Candidates as statements ``d1, d2, ...``; those ``same`` groups together merged into the first.

    Every merged candidate's sentence is kept in the statement's ``sources``.
    """
    groups = list(range(len(candidates)))
    if same is not None and len(candidates) > 1:
        groups = [int(g) for g in same([c.core or c.text for c in candidates])]
    statements: list[Statement] = []
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
    keep_fragments: bool = False,
) -> Position:
    """One position with every demand ``party`` makes in ``text``; ``same`` groups near-duplicates."""
    date = date or document_date(text)
    found = extract_candidates(text, Party(party or "", tuple(aliases)), date, keep_fragments=keep_fragments)
    return Position(tuple(as_statements(found, same)), party=party or "", date=date, source=source)


def extract_rounds(
    text: str,
    party: str | None = None,
    date: dt.date | None = None,
    *,
    aliases: Iterable[str] = (),
    same: Grouper | None = None,
    source: str = "",
    keep_fragments: bool = False,
) -> PositionSet:
    """One position per round the text speaks of, oldest first; undated rounds last."""
    date = date or document_date(text)
    found = extract_candidates(text, Party(party or "", tuple(aliases)), date, keep_fragments=keep_fragments)
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


# --- Structure: lists under a lead-in, UN operative paragraphs, pledges (see the module docstring) ---

_ATTRIBUTION = re.compile(
    r",?\s*[\"”]?,?\s+(?:(?:it|the\s+(?:draft\s+)?(?:document|text|treaty|draft|statement|list))\s+(?:said|says|read|reads|stated|states|added)"
    r"|according\s+to\s+(?:the\s+)?(?:draft\s+)?(?:document|text|draft|list|treaty|statement))\s*\.?$",
    re.I,
)
_LEAD_ATTRIBUTION = re.compile(
    r"^according\s+to\s+(?:the\s+)?(?:draft\s+)?(?:document|text|list|treaty|draft),\s+"
    # "As that Declaration makes clear, X should ...": the document cited for the demand, not its subject
    # "It is stated in the conclusions that ...": the party's own document says it
    r"|^it\s+is\s+(?:stated|said|noted|stressed|underlined|set\s+out)\s+in\s+(?:the|its|their|our)\s+(?:"
    + "|".join(lists("leads.yaml")["documents"])
    + r")\s+that\s+"
    r"|^as\s+(?:the|that|this|its|our|their)\s+[\w’' -]{1,40}?\s+"
    r"(?:makes?\s+clear|made\s+clear|says|said|states|stated|notes|noted|sets\s+out|set\s+out|provides|recognises|recognizes),\s+",
    re.I,
)
_BANNED = re.compile(
    r"^(?P<subject>.+?)\s+(?:would|will|shall|should)\s+be\s+(?:banned|prohibited|barred)\s+from\s+(?P<rest>.+)$", re.I
)
_TO_BE = re.compile(r"^(?P<subject>[^,]{3,120}?)\s+to\s+be\s+(?P<rest>\w+ed\b.*)$", re.I)
_ELLIPTIC = re.compile(r"^(?P<subject>.{3,120}?)\s+(?P<verb>[a-z]+ed)\b(?P<rest>.*)$")


def _operatives() -> tuple[re.Pattern, frozenset[str]]:
    data = _lists("operative.yaml")
    words = sorted([*data["asks"], *data["notes"]], key=len, reverse=True)
    pattern = re.compile(
        r"(?:^|(?<=[,;])\s+(?:and\s+)?(?:in\s+this\s+regard,?\s+)?|\s+and\s+(?:in\s+this\s+regard,?\s+)?)"
        r"(?P<op>" + "|".join(re.escape(w) for w in words) + r")\b\s*",
        re.I,
    )
    return pattern, frozenset(data["asks"])


def _lists(name: str) -> dict:
    from .grammar import lists

    return lists(name)


def _name(who: Party, lead_subject: str = "") -> str:
    from .grammar import the_name

    return the_name(lead_subject or who.name) or "The party"


def _verb_for(name: str, verb: str) -> str:
    """ "demands" or "demand", agreeing with the party name."""
    from .grammar import plural

    return verb if not plural(name) else verb[:-1] if verb.endswith("s") else verb


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _low(text: str) -> str:
    """Lower the first word of a noun phrase or imperative unless it is an acronym or a name."""
    word = text.split(" ", 1)[0]
    if word.isupper() and len(word) > 1 or re.match(r"^[A-Z][a-z]+[A-Z]", word):
        return text
    return text[:1].lower() + text[1:]


def _clean(text: str) -> str:
    """Quotation marks and attributions ("..., the document read.") removed."""
    body = text.strip()
    body = _ATTRIBUTION.sub("", body)
    body = _LEAD_ATTRIBUTION.sub("", body)
    body = body.strip().strip(_QUOTES).strip()
    return body.rstrip(".,;:").strip()


def _lead_kind(text: str) -> str:
    """What a lead-in line or heading says the list under it is: "pledge", "demand" or ""."""
    low = " " + " ".join(text.lower().split()) + " "
    data = _lists("leads.yaml")
    for kind in ("pledge", "demand"):
        if any(re.search(rf"(?<![\w]){re.escape(w)}(?![\w])", low) for w in data[kind]):
            return kind
    return ""


_LEAD_SUBJECT = re.compile(
    r"^(?P<subject>[A-Z][\w'’ -]{1,40}?)\s*(?P<verb>\s(?i:will|shall|demands?|insists?|calls? for|wants?))?\s*:$"
)


# A lead-in line whose verb puts forward the party's proposals: "We discussed:", "We are proposing:".
_PROPOSAL_LEAD = re.compile(
    r"^(?P<subject>[A-Z][\w’' -]{0,40}?)\s+(?:(?:are|have|also)\s+)?(?:"
    + "|".join(r"\s+".join(map(re.escape, v.split())) for v in lists("leads.yaml")["proposal_verbs"])
    + r")\s*(?P<colon>:?)$",
    re.I,
)
# A lead-in line that is a subject and a modal: "The EU institutions and the Member States must urgently:".
_MODAL_LEAD = re.compile(rf"^(?P<lead>(?P<subject>[A-Z][^:;.]{{1,120}}?)\s+(?:{MODALS})(?:\s+\w+ly)*)\s*:$", re.I)


# A pledge named as a noun: "an undertaking to bring X back in-house, stop Y and end Z".
_UNDERTAKING = re.compile(
    r"^(?:an?|the|their|its)\s+(?:undertaking|commitment|pledge|promise|vow)\s+to\s+(?P<rest>[a-z]\w*\b.*)$", re.I
)


def _undertaken(item: str, name: str) -> list[str]:
    """ "An undertaking to bring X back in-house, stop Y and end Z": the party's pledges, one per verb."""
    m = _UNDERTAKING.match(item.rstrip("."))
    if m is None:
        return [item]
    verb = next((w.lower() for w in m["rest"].split() if not w.endswith("ly")), "")
    if not verb or not uninflected(verb):
        return [item]  # "a commitment to regularly disclosing data": "to" and a gerund, a noun phrase
    return [_sentence(f"{name} will {p}") for p in _pieces(m["rest"], {"verb"})]


# A pledge that ends in "by:", the means listed under it ("Repair the broken benefits safety net by:").
_BY_MEANS = re.compile(r"^[A-Z][a-z]+\b[^.:;]{0,160}\bby:$")


_LIST_TITLES = frozenset(lists("leads.yaml")["list_titles"])


def _list_title(words: str) -> bool:
    """ "National", "Campus": the words before "Demands:" title the party's own list, naming no one."""
    return all(w.casefold() in _LIST_TITLES for w in re.findall(r"[\w-]+", words))


def _item(text: str, kind: str, subject: str, who: Party) -> list[str] | None:
    """The demands of one list item under a lead-in of ``kind``; None when the item is a full clause."""
    body = _clean(text)
    body = re.sub(r"^(?:and|also)\s+", "", body, flags=re.I)
    if not body:
        return []
    subjunctive = mandative(body)
    if subjunctive:
        return subjunctive  # "That the use of tear-gas be banned."
    if _OWN_CUE.match(body):
        return None  # "1) WE DEMAND free tuition for ...": the item says its demand in full, read as a sentence
    body = _without_reason(body)
    umbrella = _UMBRELLA.match(body)
    if umbrella:
        body = umbrella["items"]  # "A variety of rental reforms, such as introducing rent controls, ...": the reforms
    if _modal_clause(body):
        return None
    noun = re.sub(r"\s+(?:will|shall|demands?|insists?|calls? for|wants?)$", "", subject)
    name = _cap(noun) if subject else _cap(_name(who))
    if kind in ("pledge", "demand") and not subject and _gerund_opening(body):
        # "have committed to: a. Accelerating strong ... growth." -> "G20 will accelerate strong ... growth."
        # "Investing £130 billion in X – upgrading Y, building Z": what follows the dash elaborates the
        # last pledge before it and is no pledge of its own. Under a demand lead-in each gerund is a
        # command: "Withdrawing Russian forces, stopping hostilities, and restoring ..." -> three
        main, *aside = re.split(r"(\s+[-–—]\s+)", body, maxsplit=1)
        pieces = _pieces(_low(main), {"gerund"})
        pieces[-1] += "".join(aside)
        if kind == "demand":
            return [_sentence(f"{name} {_verb_for(name, 'demands')}: {_as_base(p)}") for p in pieces]
        return [_sentence(f"{name} will {_as_base(p)}") for p in pieces]
    pieces = _pieces(body, {"verb"}) if base_verb(_first_word(body)) or " and " in body else [body]
    out = []
    for piece in pieces:
        piece = piece.strip().rstrip(".,;")
        if not piece:
            continue
        first = _first_word(piece)
        if first.endswith("ly") and len(piece.split()) > 1 and base_verb(piece.split()[1]):
            first = piece.split()[1].lower()  # "Significantly increase retiree pay"
        to_be = _TO_BE.match(piece)
        passive = reduced_passive(piece)
        asked = _asked(piece)
        if asked:
            out += asked
        elif (base_verb(first) or imperative(piece)) and piece[:1].isalpha():
            if subject:  # "Leaders: - reiterate ...", "A Labour Government will: - take ..."
                lead = re.sub(r"\s+\w+ly$", "", subject) if re.match(r"\w+ly\s", piece) else subject
                out.append(_sentence(f"{lead} {_low(piece)}"))  # "must urgently:" + "rapidly agree X"
            elif kind == "pledge":
                out.append(_sentence(f"{name} will {_low(piece)}"))
            else:
                out.append(_sentence(f"{name} {_verb_for(name, 'demands')}: {_low(piece)}"))
        elif to_be:
            out.append(_sentence(f"{to_be['subject']} must be {to_be['rest']}"))
        elif passive:
            out.append(_sentence(passive))
        elif kind == "pledge":
            out.append(_sentence(f"{name} {_verb_for(name, 'pledges')} {_low(piece)}"))
        else:
            out.append(_sentence(f"{name} {_verb_for(name, 'demands')} {_low(piece)}"))
    return out


_DASH = re.compile(r"\s+[-–—]\s+")
# An item that names a kind of measure and then the measures: its examples are the pledges.
_UMBRELLA = re.compile(
    r"^(?:an?\s+)?(?:" + "|".join(lists("leads.yaml")["umbrella_nouns"]) + r")\s+of\s+[\w\s-]{1,40}?,?\s+"
    r"(?:such\s+as|including)\s+(?P<items>\w.*)$",
    re.I,
)
# An item that asks its demand of someone: "Require X to V", "Urge X to V".
_ASKS_OF = re.compile(
    r"^(?:" + "|".join(r"\s+".join(v.split()) for v in lists("leads.yaml")["asks_of"]) + r")\s+"
    r"(?P<who>(?!that\b)[^,;]{1,80}?)\s+to\s+(?P<rest>\w.*)$",
    re.I,
)
_ENSURE_THAT = re.compile(r"^(?:ensure|make\s+sure|guarantee)\s+that\s+(?P<clause>\w.*)$", re.I)
_OWN_CUE = re.compile(
    r"^(?:we|i)\s+(?:also\s+|further\s+)?(?:demand|call\s+for|call\s+on|insist|ask\s+for|want)\b", re.I
)


def _without_reason(body: str) -> str:
    """ "Certification pay - we deserve recognition for additional qualifications": an item and, after
    a dash, a clause with its own subject that gives the reason; the reason is no demand."""
    head, *tail = _DASH.split(body, maxsplit=1)
    if tail and is_clause(tail[0]) and not re.search(rf"\b{MODALS}\b", tail[0], re.I) and not _modal_clause(head):
        return head.strip()  # a claim after the dash (no "must", "should"): why the item is asked for
    return body


# A lead-in that points at the list under it: "the demands that follow:", "as follows:".
_FORWARD = re.compile(
    r"\b(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in lists("leads.yaml")["forward"]) + r")\s*:\s*$",
    re.I,
)
_MODAL_ANYWHERE = re.compile(rf"\s(?:{MODALS}|will|would|can|may)\s", re.I)


def _modal_clause(body: str) -> bool:
    """A full clause with a subject and a modal ("Belgium ... must be evacuated")."""
    from .grammar import main_clause

    m = _MODAL_ANYWHERE.search(main_clause(body) + " ")
    return m is not None and m.start() > 0 and not base_verb(_first_word(body))


def _operative(paragraph: str, who: Party) -> list[str] | None:
    """A UN-style operative paragraph: the verb that opens it governs it. None when it opens otherwise."""
    pattern, asks = _operatives()
    body = paragraph.strip().strip(_QUOTES).strip().rstrip(".;,")  # a quoted clause: '"Calls upon member states to ...'
    body = _INFINITIVE_OP.sub(lambda m: _cap(_third_person(m[1])), body)  # "1. To call on X to V" (OAS, AU)
    first = pattern.match(body)
    if not first or not body[:1].isupper():
        return None
    name = _cap(_name(who))
    cuts = [m for m in pattern.finditer(body) if m.start() == 0 or m.group(0)[:1] in " ,;"]
    out: list[str] = []
    for n, m in enumerate(cuts):
        end = cuts[n + 1].start() if n + 1 < len(cuts) else len(body)
        op = " ".join(m["op"].lower().split())
        if op not in asks:
            continue
        rest = body[m.end() : end].strip().rstrip(",;")
        before = body[: m.start()]
        out += _governed(op, rest, name, before)
    return out


# An operative paragraph in the infinitive, as the OAS and the AU write them ("RESOLVES: 1. To call on ...").
_INFINITIVE_OP = re.compile(r"^To\s+([a-z]+)\b")


# "calls for the cessation of X to ...": an action, not an addressee ("the Government of X to V" is one).
_ACTION_NOUN = r"^(?:the\s+)?(?!(?:government|parliament|management|department)\b)\w+(?:tion|ment|ance|ence)\b"


def _third_person(verb: str) -> str:
    """ "call" -> "calls", "reiterate" -> "reiterates", "urge" -> "urges", "reach" -> "reaches"."""
    return verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z")) else "s")


def _governed(op: str, rest: str, name: str, before: str) -> list[str]:
    """What one operative verb asks: "demands that X V", "calls upon X to V", "urges the N"."""
    if rest.lower().startswith("that "):
        return [_tidy(s) for s in _split_clause(rest[5:])]
    to = re.match(r"^(?P<who>[^,;]{1,120}?)\s+to\s+(?=\w)", rest)
    if to and not re.match(_ACTION_NOUN, to["who"], re.I):
        who = to["who"]
        if who.lower() in ("it", "them", "they", "her", "him"):
            named = re.findall(r"(?<!^)(?<![.!?]\s)\b([A-Z][a-z]+(?:\s+[A-Z][a-z]+)*)", before)
            who = named[0] if named else who
        return [_tidy(s) for s in _split_clause(f"{who} must {rest[to.end() :]}")]
    verb = op.split()[-1] if op.split()[-1] not in ("upon", "on", "for") else op
    rest = re.sub(r"^,\s*[^,;]{1,80},\s*", "", rest)  # "Calls for, in the spirit of unity, intensification of X"
    return [_sentence(f"{name} {verb} {rest}")]


def _tidy(sentence: str) -> str:
    """ "The Russian Federation immediately must cease" -> "The Russian Federation must immediately cease"."""
    return re.sub(r"\s((?:\w+ly,?\s+(?:and\s+)?)+)must\s", lambda m: f" must {m[1]}", sentence, count=1)


_TERMS_LEAD = re.compile(
    r"^(?:as\s+per|under|according\s+to)\s+(?P<doc>(?:the\s+)?[\w’' -]{0,40}?\b(?:"
    + "|".join(lists("demand_verbs.yaml")["provision_subjects"])
    + r"))\b,\s+",
    re.I,
)


def _pledge(body: str, who: Party, context: str) -> list[str]:
    """ "The Union will preserve ...", "there will be no ...", "X would be banned from V-ing": pledges and bans."""
    text = _clean(body)
    banned = _BANNED.match(text)
    if banned:
        subject = banned["subject"]
        out = []
        rest, *more = re.split(r",\s+and\s+(?:they|it|we)\s+(?=must|should|shall|will)", banned["rest"], maxsplit=1)
        for also in more:
            out += _split_clause(f"{subject} {also}")
        for piece in re.split(r",?\s+(?:and\s+)?from\s+", rest):
            words = piece.split()
            if not words:
                continue
            head = _base_of(words[0])
            out.insert(len(out) - len(more), _sentence(f"{subject} must not {' '.join([head, *words[1:]])}"))
        return out
    terms = _TERMS_LEAD.match(text)
    if terms and (who.mentioned(terms["doc"]) or not who.other_name(terms["doc"])):
        # "As per the Egyptian proposal, a 48-hour pause will precede each stage": the plan's terms
        rest = _clean(text[terms.end() :])
        if re.search(r"\s(?:will|would|must|shall|should)\s", rest) and has_predicate(rest):
            return [_sentence(rest)]
    m = re.match(
        r"^(?P<lead>.*?)(?P<subject>\b[\w’'-]+(?:\s+[\w’'-]+){0,6})\s+will\s+(?P<rest>(?!be\s+(?:able|constructive|to)\b)\S.*)$",
        text,
    )
    if not m:
        return []
    subject, rest = m["subject"], m["rest"]
    if re.search(
        r"\b(?:whether|if|that|which|who|when|how|what|why|where|is|are|was|were|has|have|had)\b",
        m["lead"] + " " + subject,
        re.I,
    ):
        return []  # "will" inside a subordinate clause ("awaiting a response on whether he will agree")
    if re.search(r"\bthere$", subject, re.I) and rest.lower().startswith("be no "):
        return [_sentence(f"There will {rest}")]
    if (
        re.search(r"\b(?:be|have)\s+to\b|^be\s+\w+ed\b", rest)
        or (who.name and who.mentioned(subject))
        or _FIRST_PERSON.search(subject)
    ):
        if re.match(r"^(?:it|this|that)$", subject.strip(), re.I):
            return []
        if re.search(r"\b(?:objective|aim|wish|purpose|goal)\b", subject, re.I):
            return []  # a statement of aim, not a pledge
        pieces = _pieces(rest, {"verb"})
        return [_sentence(f"{subject} will " + re.sub(r"^will\s+", "", p)) for p in pieces]
    return []


_COMMITTED = re.compile(
    r"\b(?P<verb>"
    + "|".join(r"\s+".join(map(re.escape, v.split())) for v in lists("demand_verbs.yaml")["commitment"])
    + r")\s+(?=\w)",
    re.I,
)


def _commitment(body: str, who: Party, context: str) -> list[str]:
    """ "the leaders committed to enhancing X", "X vowed to V": the party's pledge to act, "X will V"."""
    if not who.name:
        return []
    text = _clean(body)
    for m in _COMMITTED.finditer(text):
        before = text[: m.start()]
        if not _used_as_verb(before) or not _is_party(_subject(text, m.start()), before, who, context):
            continue
        rest = _clip(text[m.end() :])
        name = _cap(_name(who))
        if _gerund_opening(rest):
            return [_sentence(f"{name} will {_as_base(p)}") for p in _pieces(_low(rest), {"gerund"})]
        if _opens_verb(rest) or base_verb(_first_word(rest)):
            return [_sentence(f"{name} will {p}") for p in _pieces(rest, {"verb"})]
    return []


def _base_of(word: str) -> str:
    from .grammar import _stems

    for stem in _stems(word)[1:]:
        if stem in verbs():
            return stem
    return word


# A transcript's speaker label with its timestamp, or a timestamp alone: "Speaker 2 (02:18):", "(04:39)".
_SPEAKER_LABEL = re.compile(r"^(?P<who>[A-Z][^():]{0,60}?)?\s*\((?:\d{1,2}:)?\d{1,2}:\d{2}\)\s*:?$")


_AGREEMENT = re.compile(
    r"\b(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in lists("leads.yaml")["agreement"]) + r")\b",
    re.I,
)


def _terms(text: str) -> list[str]:
    """A paragraph that is a noun phrase headed by an action noun, or a run of them joined by commas
    ("Return of IDPs to their areas of residence, withdrawal from Wadi Gaza"): the terms; else []."""
    body = re.sub(r"\s+(?:as\s+)?(?:indicated|shown|set\s+out|described)\s+below\s*:?$", "", text.strip()).rstrip(
        ".:; "
    )
    if len(body.split()) < 4 or not _action_headed(re.split(r"[,(]", body)[0]):
        return []
    from .clauses import doc

    if any(t.tag_ in ("VBZ", "VBP", "VBD", "MD") for t in doc(body)):
        return []  # a clause, not a noun phrase
    pieces, depth, start = [], 0, 0
    for m in re.finditer(r"[()]|,\s+(?:and\s+)?", body):
        if m[0] == "(":
            depth += 1
        elif m[0] == ")":
            depth = max(depth - 1, 0)
        elif depth == 0 and _action_headed(re.split(r"[,(]", body[m.end() :])[0].strip()):
            pieces.append(body[start : m.start()])
            start = m.end()
    pieces.append(body[start:])
    return [p.strip() for p in pieces if p.strip()]


_OPENING_ADVERBIAL = re.compile(
    r"^(?:on|in|at|after|before|during|within|from|by)\b[^,(]*(?:\([^)]*\))?[^,]*,\s+", re.I
)


def _stated_term(text: str) -> list[str]:
    """A draft agreement's term in the present tense ("the Israeli forces completely withdraw from X"),
    as demands with "must"; not a sentence about the text itself ("The framework agreement consists of")."""
    clause = _OPENING_ADVERBIAL.sub("", _clean(text))
    if _DOCUMENT_SUBJECT.match(clause) or _PRONOUN_SUBJECT.match(clause) or clause.endswith("?"):
        return []
    stated = with_modality(clause)
    must = re.search(r"\smust\s", stated)
    if stated == clause or not must or _AGREEMENT.search(stated[: must.start()]):
        return []
    return _modal_clauses(stated)


def _next_marker(found: Sequence[Sentence], block: int) -> str:
    """The list marker of the block after ``block`` ("" when it is prose or there is none)."""
    return next((x.marker for x in found if x.block == block + 1), "")


def _section_heading(found: Sequence[Sentence], i: int) -> bool:
    """A marked line of at most three words with no verb, with prose (no list item) under it."""
    s = found[i]
    words = s.text.strip(" .:").split()
    if not words or len(words) > 3 or any(x.block == s.block for x in found[i + 1 : i + 2]):
        return False
    nxt = next((x for x in found[i + 1 :] if x.block != s.block), None)
    if nxt is None or nxt.marker:
        return False
    from .clauses import doc

    return not any(t.pos_ in ("VERB", "AUX") for t in doc(s.text.strip()))


def structured(found: Sequence[Sentence], who: Party) -> dict[int, list[str]]:
    """The demands of sentences read by the document's structure; sentences not in it are read as prose."""
    result: dict[int, list[str]] = {}
    kind, subject = "", ""
    # What the lists of the document are when no lead-in line says so: the last paragraph before
    # the list that names demands or pledges ("a list of demands issued by ..."), else the title.
    title_kind, prose_kind = "", ""
    pattern, _ = _operatives()
    preambular = tuple(_lists("operative.yaml")["preambular"])
    lead_at = -1  # the block of the last lead-in line
    colon_run = False  # that line ended in a colon: paragraphs under it are its items while they are phrases
    other_turn = False  # inside a transcript turn of a speaker who is not the party
    agreement = False  # the text is a draft agreement or proposal (its title or heading says so)
    blocks: dict[int, list[int]] = {}  # block -> its sentences, built once (a text may have 100,000 blocks)
    for j, x in enumerate(found):
        blocks.setdefault(x.block, []).append(j)
    for i, s in enumerate(found):
        text = s.text
        label = _SPEAKER_LABEL.match(text.strip())
        if label and s.first:
            # "Speaker 2 (02:18):", "Lazarus McCarthy Chakwera (03:07):": a transcript's turn; what
            # someone else says in it (the chair's procedure) is not the party's; "(04:39)" goes on
            if label["who"]:
                other_turn = bool(who.name) and not who.mentioned(label["who"])
            result[i] = []
            continue
        if other_turn:
            result[i] = []
            continue
        if "http://" in text or "https://" in text:
            result[i] = []  # a title line with its address: not a demand
            title_kind = title_kind or _lead_kind(text.split("|")[0])
            agreement = agreement or bool(_AGREEMENT.search(text.split("|")[0]))
            continue
        if s.first and len(text.split()) <= 4 and _AGREEMENT.search(text) and not text.rstrip().endswith("."):
            agreement = True  # a heading "Proposed Agreement"
            result[i] = []
            continue
        if agreement and s.first and s.marker == "" and who.name:
            terms = _terms(text)
            if terms:
                # "The temporary cessation of mutual military operations ..., and the withdrawal of ...":
                # a draft agreement states its terms as noun phrases, each a term the party asks for
                name = _cap(_name(who))
                result[i] = [_sentence(f"{name} {_verb_for(name, 'demands')} {_low(t)}") for t in terms]
                kind, subject = "", ""
                continue
            stated = _stated_term(text)
            if stated:
                result[i] = stated  # "On the third day, the Israeli forces completely withdraw from X, ...": a term
                continue
        if s.first and s.marker in ("", "heading"):
            paragraph = " ".join(found[j].text for j in blocks[s.block])
            prose_kind = _lead_kind(paragraph) or prose_kind
            ends_lead = paragraph.rstrip().endswith(":")
            short = len(paragraph.split()) <= 12 and not paragraph.rstrip().endswith((".", "!", "?"))
            if _operative(text, who) is not None:
                pass
            elif short and not ends_lead and lead_at == s.block - 1 and kind:
                lead_at = (
                    s.block
                )  # a sub-heading under a lead-in ("We Want:" / "A Fair Contract ..."): the list goes on
                continue
            elif ends_lead and kind in ("pledge", "demand") and _BY_MEANS.match(paragraph.strip()):
                # "We will: ... Repair the broken benefits safety net by: - Scrapping the bedroom tax.": the
                # means under a pledge of the list are pledges of it too, with its subject
                lead_at, colon_run = s.block, True
                result.update((j, []) for j in blocks[s.block])
                continue
            elif ends_lead or short:
                lead_at = s.block if ends_lead else -1
                colon_run = ends_lead
                if ends_lead and _FORWARD.search(paragraph):
                    # "we ask that the government take solid steps to realize our demands that follow:":
                    # the lead-in points at the list; the demands are its items, not the lead-in
                    result.update((j, []) for j in blocks[s.block])
                last = found[blocks[s.block][-1]].text
                paragraph = last if _lead_kind(last) else paragraph
                lead = _LEAD_SUBJECT.match(last.strip()) if len(paragraph.split()) <= 5 else None
                if lead and not lead["verb"] and _first_word(lead["subject"]) in _NOUN_LEAD | {"my"}:
                    lead = None  # "Our demands:", "The following:": a heading, not a subject
                kind = _lead_kind(paragraph) or ("demand" if lead else "")
                subject = lead["subject"].strip() if lead and not _lead_kind(lead["subject"]) else ""
                if subject and lead is not None and lead["verb"]:
                    subject = f"{subject} {lead['verb'].strip()}"  # "A Labour Government will:" -> "... will"
                if lead and lead["verb"]:
                    kind = "pledge" if re.search(r"will|shall", lead["verb"], re.I) else "demand"
                    if _FIRST_PERSON.fullmatch(lead["subject"].strip()):
                        subject = ""  # "We Want:": the party's own list
                    elif (
                        who.name
                        and not who.mentioned(lead["subject"])
                        and who.other_name(lead["subject"])
                        and not _list_title(lead["subject"])
                    ):
                        kind = "other"  # "The Board Wants:": another party's list, not the party's demands
                proposing = _PROPOSAL_LEAD.match(last.strip())
                if proposing and not proposing["colon"] and _next_marker(found, s.block) != "bullet":
                    proposing = None  # "We proposed" over bullets is a lead-in without its colon
                if proposing and (_FIRST_PERSON.fullmatch(proposing["subject"]) or who.mentioned(proposing["subject"])):
                    kind, subject = "demand", ""  # "We discussed:", "Our team proposed:": the party's own proposals
                if short and not ends_lead and s.marker != "heading" and not kind:
                    kind, subject = "", ""
                continue
            elif (
                lead_at == s.block - 1
                and kind in ("demand", "pledge")
                and (noun_item(text) or (colon_run and list_paragraph(text)))
            ):
                # "Stage 2:" / "Female soldiers released for Palestinian prisoners.": a paragraph that is
                # the item of the lead-in line above it (the lead's label is not its subject); under a
                # lead-in that ends in a colon ("The plan calls for:") each paragraph that is a noun or
                # gerund phrase is one more item, until one is a sentence
                items = _item(re.sub(r"\s*\([^)]*\)", "", text), kind, "", who)
                if colon_run:
                    lead_at = s.block
                else:
                    kind, subject = "", ""
                if items is not None or not colon_run:
                    result[i] = items or []
                    continue
            elif not paragraph.rstrip().endswith(","):
                kind, subject = "", ""
        modal_lead = _MODAL_LEAD.match(text.strip())
        if modal_lead and not (who.name and who.other_name(modal_lead["subject"]) and not who.mentioned(text)):
            # "The EU institutions and the Member States must urgently:": the items under it take this
            # subject and modal ("... must urgently address X"); the lead-in itself is no demand
            result[i] = []
            kind, subject, lead_at = "demand", " ".join(modal_lead["lead"].split()), s.block
            continue
        if s.first and text.lower().startswith(preambular) and text.rstrip().endswith((",", ";")):
            result[i] = []  # a preambular paragraph: context
            continue
        if s.first:
            operative = _operative(text, who)
            if operative is not None:
                result[i] = operative
                continue
        if s.first and s.marker and s.marker != "heading" and _section_heading(found, i):
            result[i] = []  # "– Taxation" over a paragraph: a section's heading, not an item
            continue
        if s.first and s.marker in ("bullet", "number", "roman", "letter") and kind == "other":
            if _OWN_CUE.match(_clean(text)):
                continue  # "University of Missouri Demands: 1. We demand that ...": the item speaks for us
            result[i] = []
            continue
        if s.first and s.marker in ("bullet", "number", "roman", "letter") and kind:
            items = _item(text, kind, subject, who)
            if items is not None:
                result[i] = items
                continue
        if s.first and s.marker in ("bullet", "number", "roman", "letter") and not kind and (prose_kind or title_kind):
            body = _clean(text)
            if body and (imperative(body) or deverbal(body) or _TO_BE.match(body)):
                items = _item(text, prose_kind or title_kind, "", who)  # a list of demands the prose named
                if items is not None:
                    result[i] = items
                    continue
        opens_with_verb = base_verb(_first_word(text)) or imperative(text)
        if s.marker in ("bullet", "number", "roman", "letter") and kind and opens_with_verb:
            items = _item(text, kind, subject, who)  # a second imperative in one bullet
            if items is not None:
                result[i] = items
    return result
