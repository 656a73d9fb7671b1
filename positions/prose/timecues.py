"""Which round of talks a sentence speaks of, from its time cues.

A sentence's round is, in order: its own absolute cue ("in late 2021", "in Istanbul in
2022", "on 24 February 2022"); a cue relative to the text's date ("this month", "last
year"); "before <event>" where the event is dated elsewhere in the text; "earlier" or
"previous" with no date. A sentence with none of these continues the round of the one
before it when it points back ("These ...", "During those talks ...") or narrates in the
past tense ("Moscow also sought ..."); otherwise it speaks of the text's own time.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from ..quantities import dates
from .grammar import lists

_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:19|20)\d{2}"
# Parts of a year: (first month, last month).
_PARTS = {
    "early": (1, 4), "beginning of": (1, 4), "start of": (1, 4), "first half of": (1, 6),
    "mid": (5, 8), "mid-": (5, 8), "middle of": (5, 8), "summer": (6, 8), "summer of": (6, 8),
    "late": (9, 12), "end of": (9, 12), "second half of": (7, 12), "spring": (3, 5), "spring of": (3, 5),
    "autumn": (9, 11), "autumn of": (9, 11), "fall": (9, 11), "fall of": (9, 11), "winter": (1, 2),
}  # fmt: skip
_PART = r"(?:the\s+)?(?:" + "|".join(sorted((re.escape(p) for p in _PARTS), key=len, reverse=True)) + r")"

_MONTH_YEAR = re.compile(rf"\b({_MONTH})\s+(?:of\s+)?({_YEAR})\b", re.I)
_PART_YEAR = re.compile(rf"\b({_PART})\s*({_YEAR})\b", re.I)
_BARE_YEAR = re.compile(rf"(?<![\d.,$€£-])\b(?<!since )({_YEAR})\b(?!\s*(?:per|%|tonnes|euros|dollars)|[\d-])", re.I)

_NOW = re.compile(
    r"\b(?:today|now|currently|at present|these days|this (?:week|month|year)|in recent (?:days|weeks|months)"
    r"|(?:most )?recently|so far)\b",
    re.I,
)
_LAST = re.compile(r"\b(?:last|a|one|(\d+|two|three|four|five|six))\s+(week|month|year)s?\s*(ago)?\b", re.I)
_YESTERDAY = re.compile(r"\byesterday\b", re.I)
_EVENT = (
    r"(invasion|war|talks|summit|meeting|ceasefire|truce|agreement|treaty|election|strike|offensive"
    r"|referendum|annexation|negotiations|round)"
)
# "previous" as an adjective dates only a round or a list of demands ("previous conditions", "the
# previous round"); "restoring the borders to their previous state" cites no round.
_EARLIER_NOUNS = "|".join(lists("leads.yaml")["earlier_nouns"])
# "earlier", "previously"; not "the previously announced policies" (an adjective: what the text lists now)
_EARLIER = re.compile(
    rf"\b(?:earlier|previous\s+(?:[\w-]+\s+)?(?:{_EVENT[1:-1]}|{_EARLIER_NOUNS})s?\b"
    r"|(?<!\bthe )(?<!\bto )(?<!\bof )(?<!\bits )(?<!\btheir )previously)\b",
    re.I,
)
_BEFORE = re.compile(rf"\b(?:before|prior to|ahead of)\s+(?:the\s+|[\w’']+\s+){{0,3}}{_EVENT}\b", re.I)
_EVENT_NOUN = re.compile(rf"\b{_EVENT}\b", re.I)

# Pointing back to what was just said, or narrating in the past: the previous sentence's round.
_POINTS_BACK = re.compile(
    r"^(?:(?:and|but|so)\s+)?(?:these|those|this|that|such|there|they|it)\b"
    r"|^(?:during|at|in|after|from)\s+(?:these|those|that|the same)\b",
    re.I,
)
_PAST_NARRATION = re.compile(
    r"(?<!has )(?<!have )\b(?:demanded|sought|insisted|called|asked|included|wanted|required|proposed|pressed|urged|"
    r"reaffirmed|reiterated|requested|had demanded|also)\b"
    r"|\b(?:demands|conditions|terms|requirements|points)\s+(?:were|was)\b",  # "The principal demands were:"
    re.I,
)
_NUMBERS = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@dataclass(frozen=True)
class When:
    """A round as a text speaks of it: a label, a first day (or None) and a last day."""

    label: str
    date: dt.date | None = None
    until: dt.date | None = None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


# A date that names a cited document ("resolution 68/262 of 2014", "the Geneva Conventions of 1949",
# "the statement of ... on 29 June 2016", "the 24 February 2022 declaration") or a point of reference
# ("since 2014") dates that document, not the round of the demands around it. A deadline ("halve
# national insurance to 6 per cent by 2027", "by the end of 2025"): "by" and a date not before the
# text's own says when a demand is to be met, not when it was made ("By 2014 Russia had ..." tells
# of the past and may be a round).
_CITED_NOUNS = (
    r"(?:resolutions?|conventions?|protocols?|statements?|declarations?|decisions?|acts?|laws?|treat(?:y|ies)"
    r"|accords?|charter|reports?|decrees?|communiqu[ée]s?|letters?|guidelines|conclusions|memorand(?:um|a)"
    r"|constitution|directives?|regulations?|notes?|notification|principles)"
)
_CITED_BEFORE = re.compile(rf"\b{_CITED_NOUNS}\b[^;.:]{{0,200}}$|\bsince\s+(?:the\s+)?$|\bof\s+$", re.I)
_BY = re.compile(r"\bby\s+(?:the\s+)?$", re.I)
# A year right before a document's name dates the document: "the 2005 Agreement on Movement and Access",
# "the November 25, 2008, statement" (an agreement named after the year, not one reached in it).
_CITED_AFTER = re.compile(
    rf"^,?\s*(?:\w+\s+)?(?:{_CITED_NOUNS}|Agreements?\b(?=\s+(?:on|of|between)\b))\b"
    # a title: "the May 2023 Jeddah Ceasefire Agreement", "the 2015 Paris Agreement", "the 2030 Agenda"
    r"|^\s*(?-i:(?:[A-Z][\w-]*\s+){0,3}(?:Agreement|Accords?|Declaration|Plan|Roadmap|Agenda|Initiative|Framework"
    r"|Protocol|Treaty|Convention|Compact|Deal|Strategy|Programme|Program)s?)\b",
    re.I,
)


def _cited(sentence: str, start: int, end: int) -> bool:
    """The date at ``sentence[start:end]`` dates a cited document or a reference point, not a round."""
    return bool(_CITED_BEFORE.search(sentence[:start]) or _CITED_AFTER.match(sentence[end:]))


def _absolute(sentence: str, today: dt.date | None = None) -> tuple[When, bool] | None:
    """The first absolute date cue in a sentence that is not a citation or a deadline, and whether it
    names a day."""
    found: list[tuple[int, When, bool]] = []
    # Days in any common form, read by the shared parser (the engine reads them the same way).
    cited: list[tuple[int, int]] = []  # a cited day's month and year are cited too ("agreement of 23 May 2014")
    for day in dates(sentence):
        end = day.start + len(day.text)
        if day.exact and not re.sub(r"^the\s+", "", day.text.lower()).startswith("end"):
            if not _cited(sentence, day.start, end):
                found.append((day.start, When(day.text, day.first, day.first), True))
            else:
                cited.append((day.start, end))
    taken = [(s, s + len(w.label)) for s, w, _ in found] + cited

    def free(m: re.Match) -> bool:
        return not any(a <= m.start() < b or m.start() <= a < m.end() for a, b in taken)

    for m in _MONTH_YEAR.finditer(sentence):
        if free(m) and not _cited(sentence, m.start(), m.end()) and m[1].lower().rstrip(".") in _MONTHS:
            y, mon = int(m[2]), _MONTHS[m[1].lower().rstrip(".")]
            found.append((m.start(), When(m[0], dt.date(y, mon, 1), _month_end(y, mon)), False))
            taken.append((m.start(), m.end()))
    for m in _PART_YEAR.finditer(sentence):
        if free(m) and not _cited(sentence, m.start(), m.end()):
            part = re.sub(r"^the\s+", "", m[1].lower()).strip()
            first, last = _PARTS[part]
            y = int(m[2])
            found.append((m.start(), When(m[0], dt.date(y, first, 1), _month_end(y, last)), False))
            taken.append((m.start(), m.end()))
    for m in _BARE_YEAR.finditer(sentence):
        if free(m) and not _cited(sentence, m.start(), m.end()):
            y = int(m[1])
            found.append((m.start(), When(m[1], dt.date(y, 1, 1), dt.date(y, 12, 31)), False))
    found = [f for f in found if not _deadline(sentence, f[0], f[1], today) and not _ahead(f[1], today)]
    if not found:
        return None
    _, when, exact = min(found, key=lambda f: f[0])
    return when, exact


def _deadline(sentence: str, start: int, when: When, today: dt.date | None) -> bool:
    """The date at ``start`` follows "by" and is not before the text's date: a deadline."""
    if not _BY.search(sentence[:start]) or when.until is None:
        return False
    return today is None or when.until >= today


def _ahead(when: When, today: dt.date | None) -> bool:
    """A date after the text's own is a target or a name ("the 2030 Agenda", "net zero in 2050"):
    no round of talks a text reports has happened after it was written."""
    return today is not None and when.date is not None and when.date > today


def _relative(sentence: str, today: dt.date | None, now: When) -> When | None:
    """A cue relative to the text's date: "this month" is now, "last year" a year back."""
    m = _LAST.search(sentence)
    if m and (m[0].lower().startswith("last") or m[3]):
        label = m[0]
        if today is None:
            return When(label)
        unit = m[2].lower()
        n = (
            1
            if m[0].lower().startswith("last")
            else int(m[1])
            if (m[1] or "").isdigit()
            else _NUMBERS.get((m[1] or m[0].split()[0]).lower(), 1)
        )
        try:
            return _back(label, unit, n, today)
        except (ValueError, OverflowError):  # before the year 1 ("3000 years ago"): a cue with no date
            return When(label)
    if _YESTERDAY.search(sentence) and today is not None:
        try:
            return _back("yesterday", "day", 1, today)
        except OverflowError:  # the text is dated 1 January of the year 1
            return When("yesterday")
    if _NOW.search(sentence):
        return now
    return None


def _back(label: str, unit: str, n: int, today: dt.date) -> When:
    """The day, week, month or year ``n`` of them before ``today``."""
    if unit == "day":
        return When(label, today - dt.timedelta(days=n), today - dt.timedelta(days=n))
    if unit == "week":
        start = today - dt.timedelta(weeks=n)
        return When(label, start, start + dt.timedelta(days=6))
    if unit == "month":
        y, mon = divmod(today.year * 12 + today.month - 1 - n, 12)
        return When(label, dt.date(y, mon + 1, 1), _month_end(y, mon + 1))
    return When(label, dt.date(today.year - n, 1, 1), dt.date(today.year - n, 12, 31))


def _reports_a_round(sentence: str) -> bool:
    """The sentence tells of something done at the time it names, not a demand in force now that cites it."""
    if _PAST_NARRATION.search(sentence) or _EVENT_NOUN.search(sentence) or _POINTS_BACK.search(sentence):
        return True
    return not _DIRECTIVE.search(sentence)


_DIRECTIVE = re.compile(
    r"\b(?:must|should|shall|will|cannot|demands|calls\s+(?:up)?on|calls\s+for|requests|urges|insists)\b", re.I
)


_FRONT_DATE = re.compile(r"^---\s*$.*?^date:\s*['\"]?(\d{4}-\d\d-\d\d)", re.M | re.S)
_TITLE_DATE = re.compile(r"\A[^\n]*\|\s*(\d{4}-\d\d-\d\d)\s*$", re.M)


def document_date(text: str) -> dt.date | None:
    """The document's own date: ``date:`` in front matter, or a first line ``title | address | YYYY-MM-DD``."""
    m = _FRONT_DATE.match(text.lstrip()) or _TITLE_DATE.match(text.lstrip())
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m[1])
    except ValueError:
        return None


def rounds_of(sentences: Sequence[str], today: dt.date | None = None) -> list[When]:
    """The round each sentence speaks of (see the module docstring for the rules)."""
    now = When(f"as of {today.isoformat()}" if today else "current", today, today)
    direct = [_absolute(s, today) for s in sentences]
    # Events dated to the day somewhere in the text: "launched its invasion on 24 February 2022".
    events: dict[str, dt.date] = {}
    for text, cue in zip(sentences, direct):
        if cue and cue[1]:
            for noun in _EVENT_NOUN.findall(text):
                if cue[0].date is not None:
                    events.setdefault(noun.lower(), cue[0].date)
    known = [cue[0] for cue in direct if cue]
    result: list[When] = []
    lead: When | None = None  # the round of the last lead-in ("The principal demands were:")
    for text, cue in zip(sentences, direct):
        when = cue[0] if cue else None
        if when is not None and today is not None and not _reports_a_round(text):
            when = None  # history told in passing ("the wrong done ... in 1871"): the text's own round
        if when is None:
            when = _relative(text, today, now)
        before = _BEFORE.search(text)
        if when is None and before and before[1].lower() in events:
            anchor = events[before[1].lower()]
            earlier = [w for w in known if w.until and w.until < anchor]
            when = (
                max(earlier, key=lambda w: w.until or dt.date.min)
                if earlier
                else When(
                    f"before the {before[1].lower()}", anchor - dt.timedelta(days=1), anchor - dt.timedelta(days=1)
                )
            )
        if when is None and _EARLIER.search(text):
            when = When("earlier (undated)")
        opens_list = text.rstrip().endswith(":")
        if when is None and lead is not None and not opens_list:
            when = lead  # an item of the list the lead-in opened
        elif when is None:
            points_back = _POINTS_BACK.search(text) or _PAST_NARRATION.search(text)
            when = result[-1] if result and points_back else now
            lead = when if opens_list else None
        else:
            # a cue of its own ends the list; a dated lead-in opens one ("On 23 July 1914 they demanded:"),
            # not a relative one ("Following is the text of yesterday's statement:" opens the text itself)
            lead = when if opens_list and cue and when is cue[0] else None
        result.append(when)
    return result
