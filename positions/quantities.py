"""Numbers, amounts, durations and dates in a text, read once by one parser.

Both the engine (``compare.reading``) and extraction's time cues (``prose.timecues``) read
quantities through this module, so "2,000", "two thousand" and "2000" are one number and
"31 March 2025", "March 31, 2025" and "2025-03-31" one day everywhere. It lives in
``positions`` (the data layer, which never imports the engine) so that both can use it.

Number words are read by text2num, dates by python-dateutil; what the words after a number
mean (units, currencies, scale words, fractions) is data: ``units.yaml`` beside this file.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

DURATION_SLACK = 0.02  # months and years hold no whole number of days: 180 days / 6 months = 0.986
_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
_MONTHS |= {m.lower(): i for i, m in enumerate(calendar.month_abbr) if m}
_MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_YEAR = r"(?:1[89]|20)\d{2}"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"

_QUARTER = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1": 1, "2": 2, "3": 3, "4": 4}

# Date forms, most specific first; each match is read by dateutil or by ``_read_date``.
_DATE_FORMS = (
    ("day", re.compile(rf"\b{_YEAR}-\d\d-\d\d\b")),
    ("numeric", re.compile(rf"\b(?:\d{{1,2}}[./]\d{{1,2}}[./]{_YEAR}|{_YEAR}/\d{{1,2}}/\d{{1,2}})\b")),  # 31.12.2026
    ("month-end", re.compile(rf"\b(?:the\s+)?end\s+of\s+({_MONTH})\s+(?:of\s+)?({_YEAR})\b", re.I)),
    ("part", re.compile(rf"\b(?:the\s+)?(first|second)\s+half\s+of\s+({_YEAR})\b|\bH([12])\s+({_YEAR})\b", re.I)),
    (
        "quarter",
        re.compile(
            rf"\b(?:the\s+)?(first|second|third|fourth)\s+quarter\s+of\s+({_YEAR})\b|\bQ([1-4])\s+({_YEAR})\b", re.I
        ),
    ),
    ("mid-year", re.compile(rf"\b(?:mid-|the\s+middle\s+of\s+)({_YEAR})\b", re.I)),
    ("year-month", re.compile(rf"\b({_YEAR})-(0[1-9]|1[0-2])\b(?!-)")),  # ISO "2026-09"
    ("years", re.compile(rf"\b({_YEAR})\s*[/–-]\s*(\d{{2}}|{_YEAR})\b(?![/.-]\d)")),  # a season: "2025/26", "2025-2026"
    ("day", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\s*,?\s+{_YEAR}\b", re.I)),
    ("day", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)),
    ("year-end", re.compile(rf"\b(?:(?:the\s+)?(?:end|close)\s+of\s+|end-)({_YEAR})\b", re.I)),
    ("month", re.compile(rf"\b{_MONTH}\s+(?:of\s+)?{_YEAR}\b", re.I)),
    ("day-no-year", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b|\b{_MONTH}\s+{_DAY}\b(?!\s*(?:%|percent))", re.I)),
    ("year", re.compile(rf"(?<![\d.,$€£-])\b{_YEAR}\b(?![\d-]|\s*(?:%|percent|per cent))")),
    ("month-name", re.compile(r"\b(?:" + "|".join(m.capitalize() for m in _MONTHS if len(m) > 3) + r")\b")),
)


@dataclass(frozen=True)
class When:
    """A date as written: its span in the text and the first and last day it covers."""

    text: str
    start: int
    first: dt.date | None
    last: dt.date | None
    exact: bool  # names one day
    month: int | None = None  # for a month named without a year ("from January to April")

    @property
    def value(self) -> tuple:
        if self.first is None:
            return ("month", self.month)
        return (self.first.isoformat(), self.last.isoformat() if self.last else None)


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _parse_day(text: str) -> dt.date | None:
    from dateutil import parser

    try:
        return parser.parse(text, default=dt.datetime(2000, 1, 1)).date()
    except (ValueError, OverflowError):
        return None


def _period(kind: str, m: re.Match) -> When:
    """The end of a month, a half, a quarter, the middle of a year, or a year's month."""
    s, at = m.group(0), m.start()
    if kind == "month-end":
        month, year = _MONTHS[m.group(1).lower().rstrip(".")], int(m.group(2))
        day = _month_end(year, month)
        return When(s, at, day, day, True)
    if kind in ("part", "quarter"):
        which, year = (m.group(1) or m.group(3)).lower(), int(m.group(2) or m.group(4))
        months = 6 if kind == "part" else 3
        first = (_QUARTER[which] - 1) * months + 1
        return When(s, at, dt.date(year, first, 1), _month_end(year, first + months - 1), False)
    if kind == "mid-year":
        year = int(m.group(1))
        return When(s, at, dt.date(year, 6, 1), dt.date(year, 7, 31), False)
    year, month = int(m.group(1)), int(m.group(2))  # "2026-09"
    return When(s, at, dt.date(year, month, 1), _month_end(year, month), False)


def _numeric_day(s: str, start: int) -> When | None:
    """A day in digits: year first ("2026/12/31"), else day first ("31.12.2026", "15/03/2026")
    unless the first number cannot be a day's month and the second can ("03/15/2026", American)."""
    parts = [int(p) for p in re.split(r"[./]", s)]
    if parts[0] > 31:
        year, month, day = parts
    else:
        day, month, year = parts
        if month > 12 and day <= 12:
            day, month = month, day
    try:
        found = dt.date(year, month, day)
    except ValueError:
        return None
    return When(s, start, found, found, True)


def dates(text: str) -> list[When]:
    """Every date in ``text``, in order: days, months, year ends and years ("May" the modal is not one)."""
    found: list[When] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _DATE_FORMS:
        for m in pattern.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            when = _read_date(kind, m)
            if when is not None:
                found.append(when)
                taken.append(m.span())
    return sorted(found, key=lambda w: w.start)


def _read_date(kind: str, m: re.Match) -> When | None:
    s = m.group(0)
    if kind == "numeric":
        return _numeric_day(s, m.start())
    if kind in ("month-end", "part", "quarter", "mid-year", "year-month"):
        return _period(kind, m)
    if kind == "years":
        first, second = int(m.group(1)), m.group(2)
        last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
        if not first < last <= first + 10:
            return None
        return When(s, m.start(), dt.date(first, 1, 1), dt.date(last, 12, 31), False)
    if kind == "day":
        day = _parse_day(s)
        return None if day is None else When(s, m.start(), day, day, True)
    if kind == "year-end":
        day = dt.date(int(m.group(1)), 12, 31)
        return When(s, m.start(), day, day, True)
    if kind == "month":
        parts = re.match(rf"({_MONTH})\s+(?:of\s+)?({_YEAR})", s, re.I)
        assert parts is not None  # the pattern that found kind "month" starts so
        name, year = parts.groups()
        month = _MONTHS[name.lower().rstrip(".")]
        return When(s, m.start(), dt.date(int(year), month, 1), _month_end(int(year), month), False)
    if kind == "day-no-year":
        if re.match(r"may\b", s, re.I) and not s[0].isupper():
            return None
        month_name, day_number = re.search(_MONTH, s, re.I), re.search(r"\d{1,2}", s)
        assert month_name is not None and day_number is not None  # the pattern of kind "day-no-year"
        month = _MONTHS[month_name.group(0).lower().rstrip(".")]
        return When(s, m.start(), None, None, False, month=month * 100 + int(day_number.group(0)))
    if kind == "year":
        y = int(s)
        return When(s, m.start(), dt.date(y, 1, 1), dt.date(y, 12, 31), False)
    if s == "May" and m.start() == 0:
        return None  # "May ..." opening a sentence is the modal
    return When(s, m.start(), None, None, False, month=_MONTHS[s.lower()])


# Numbers ---------------------------------------------------------------------


@lru_cache(maxsize=1)
def _units() -> dict:
    import yaml

    return yaml.safe_load(resources.files(__package__).joinpath("units.yaml").read_text(encoding="utf-8"))


_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand "
    "million billion trillion"
).split()
NUMBER_WORDS = frozenset(_NUMBER_WORDS)  # "Twelve observers ...": a number, not a name
_WORD_RUN = re.compile(
    r"\b(?:" + "|".join(_NUMBER_WORDS) + r")(?:(?:[\s-]+|\s+and\s+)(?:" + "|".join(_NUMBER_WORDS) + r"))*\b", re.I
)
# Digits, their decimals, and letters written onto them: a scale or ratio suffix ("£1.2bn",
# "30pc"), a unit ("15km", "1.5C") or an ordinal ("21st").
_DIGITS = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?([A-Za-z°]+)?(?!\w)")
_DIGIT_FRACTION = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,3})(?![\d/])")  # "a 2/3 majority"
_NUMBER = r"(?:\d+|" + "|".join(_NUMBER_WORDS[:21]) + r")"
_ONE_IN = re.compile(rf"\b({_NUMBER})\s+(?:in|out\s+of)\s+({_NUMBER})\b", re.I)  # "one in five"


@dataclass(frozen=True)
class Amount:
    """A number with what it counts: ``dimension`` is ratio, duration, money:<currency> or count."""

    text: str
    start: int
    value: float
    dimension: str
    unit: str = ""  # the counted thing for a count ("tonnes"), shown only
    bound: str = ""  # "at_most", "at_least" or ""

    @property
    def key(self) -> tuple:
        return (self.dimension, round(self.value, 4))

    def same(self, other: Amount) -> bool:
        """One amount however written. Durations in different calendar units are equal within
        2% (``DURATION_SLACK``): "180 days" is "six months", "52 weeks" is "a year"."""
        if self.key == other.key:
            return True
        close = abs(self.value - other.value) <= DURATION_SLACK * max(abs(self.value), abs(other.value))
        return self.dimension == other.dimension == "duration" and self.unit != other.unit and close


def _word_number(run: str) -> float | None:
    from text_to_num import text2num

    try:
        return float(text2num(re.sub(r"\s+and\s+", " ", run.lower()).replace("-", " "), "en"))
    except ValueError:
        return None


def _words_after(text: str, end: int, n: int = 3) -> list[str]:
    return re.findall(r"[%€$£]|[A-Za-z]+(?:-[A-Za-z]+)?", text[end : end + 40])[:n]


def amounts(text: str, skip: list[tuple[int, int]] | None = None) -> list[Amount]:
    """Every number in ``text`` with its dimension and value in base units (two weeks == 14 days,
    half == 50 percent, 1.5 million == 1,500,000), skipping the spans in ``skip`` (dates)."""
    units = _units()
    taken = list(skip or [])
    raw: list[tuple[int, int, float, str]] = []  # start, end, value, "fraction"|"number"|"count"|"percent"
    low = text.lower()

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken)

    for m in _ONE_IN.finditer(text):
        part, whole = (_small_number(g) for g in m.groups())
        if part is not None and whole and part < whole <= 100 and free(*m.span()):
            raw.append((m.start(), m.end(), part / whole, "fraction"))  # "one in five" is a fifth
            taken.append(m.span())
    for m in _DIGIT_FRACTION.finditer(text):
        part, whole = int(m.group(1)), int(m.group(2))
        if 0 < part < whole <= 100 and free(*m.span()):
            raw.append((m.start(), m.end(), part / whole, "fraction"))
            taken.append(m.span())
    for m in _parts_pattern().finditer(low):
        part = 1.0 if m.group(1) in ("a", "an") else _small_number(m.group(1))
        size = units["denominators"][_singular(m.group(2))]
        if part is not None and part < size and free(*m.span()):
            raw.append((m.start(), m.end(), part / size, "fraction"))  # "nine-tenths", "one twentieth"
            taken.append((m.start(), m.end() + _scale_after(low, m.end())))
    for m in _and_a_half_pattern().finditer(low):
        if not free(*m.span()):
            continue
        if m.group("unit"):  # "a year and a half": one and a half of the unit that stands before
            raw.append((m.start(), m.start("unit"), 1.5, "number"))
        else:  # "two and a half thousand", "2 and a half years"
            whole = _small_number(m.group("whole"))
            if whole is None:
                continue
            raw.append((m.start(), m.end(), whole + 0.5, "number"))
        taken.append((m.start(), m.end() + _scale_after(low, m.end())))
    for table, how in ((units["counts"], "count"), (units["fractions"], "fraction")):
        for phrase in sorted(table, key=len, reverse=True):
            # "two thirds" is "two-thirds"
            for m in _word_pattern(phrase, hyphens=True).finditer(low):
                if free(*m.span()):
                    raw.append((m.start(), m.end(), float(table[phrase]), how))
                    taken.append((m.start(), m.end() + _scale_after(low, m.end())))
    units_after = "|".join(re.escape(u) for u in sorted(units["duration"], key=len, reverse=True))
    after = "|".join(units["one_unit_after"])
    for m in re.finditer(rf"\b(?:{after})\s+(an?)\s+(?:{units_after})\b", low):
        if free(m.start(1), m.end()):
            raw.append((m.start(1), m.end(1), 1.0, "number"))  # "within a month" is one month
            taken.append((m.start(1), m.end(1)))
    references = set(units["references"])
    for m in _DIGITS.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        before = re.search(r"([A-Za-z]+)\.?\s*$", text[: m.start()])
        if before and before.group(1).lower() in references:
            continue  # "Chapter 20", "Article 5", "Class 6": a label, not an amount
        value = float(m.group(1).replace(",", "") + ("." + m.group(2) if m.group(2) else ""))
        letters = (m.group(3) or "").lower()
        if letters in units["ordinal_suffixes"]:
            continue  # "the 21st century"
        suffix = units["attached"].get(letters)
        if suffix == "percent":
            raw.append((m.start(), m.end(), value * units["ratio"]["percent"], "percent"))
            taken.append(m.span())
            continue
        if letters and suffix is None:  # a unit written onto the digits: read it as the word after
            raw.append((m.start(), m.start(3), value, "number"))
            taken.append(m.span())
            continue
        raw.append((m.start(), m.end(), value * (suffix or 1), "number"))
        scale = re.match(r"\s*(?:" + "|".join(units["scale"]) + r")\b", text[m.end() :], re.I)
        taken.append((m.start(), m.end() + (scale.end() if scale else 0)))
    for m in _WORD_RUN.finditer(text):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        words = _word_number(m.group(0))
        if words is not None:
            raw.append((m.start(), m.end(), words, "number"))
            taken.append(m.span())
    found = [_amount(text, start, end, value, how, units) for start, end, value, how in sorted(raw)]
    return [a for a in found if a is not None]


def _small_number(word: str) -> float | None:
    return float(word) if word.isdigit() else _word_number(word)


def _scale_after(low: str, end: int) -> int:
    """How many characters after a fraction a scale word it multiplies takes: "half a million",
    "a quarter of a million", "a quarter million" (0 when none follows)."""
    scale = "|".join(_units()["scale"])
    found = re.match(rf"\s+(?:of\s+)?(?:an?\s+)?(?:{scale})\b", low[end:])
    return found.end() if found else 0


@lru_cache(maxsize=1)
def _parts_pattern() -> re.Pattern:
    """A number word and the parts of a whole it counts ("nine-tenths", "one twentieth")."""
    small = "|".join(["a", "an", *_NUMBER_WORDS[1:20]])
    parts = "|".join(sorted(_units()["denominators"], key=len, reverse=True))
    return re.compile(rf"\b({small})[\s-]+({parts})s?\b")


@lru_cache(maxsize=1)
def _and_a_half_pattern() -> re.Pattern:
    """ "two and a half", "2 and a half" (a number and a half) and "a year and a half" (a unit and a half)."""
    duration = "|".join(re.escape(u) for u in sorted(_units()["duration"], key=len, reverse=True))
    whole = r"\d+|" + "|".join(_NUMBER_WORDS[1:20])
    return re.compile(rf"\b(?:(?P<whole>{whole})|an?\s+(?P<unit>(?:{duration})))\s+and\s+a\s+half\b")


def _amount(text: str, start: int, end: int, value: float, how: str, units: dict) -> Amount | None:
    after = _words_after(text, end)
    scale = units["scale"]
    if how == "fraction" and _scale_after(text.lower(), end):
        word = [w for w in after if w.lower() in scale][0]  # "a quarter of a million" is 250,000
        value *= scale[word.lower()]
        return Amount(text[start : _end_of(text, end, word)].strip(), start, value, "count", "", _bound(text, start))
    if after and after[0].lower() in scale and how == "number":
        value *= scale[after[0].lower()]
        end = text.lower().index(after[0].lower(), end) + len(after[0])
        after = after[1:]
    before = text[max(0, start - 2) : start]
    currency = next((units["currency"][c] for c in "€$£" if c in before), None)
    code = re.search(r"\b([A-Z]{3})\s*$", text[max(0, start - 5) : start])
    if currency is None and code and code.group(1).lower() in units["currency"]:
        currency = units["currency"][code.group(1).lower()]  # "EUR 42", "USD 15"
    words = [w.lower() for w in after]
    dimension, unit, shown_end = "count", "", end
    if how in ("fraction", "percent"):
        dimension = "ratio"
    if how == "fraction" and len(words) > 1 and words[0] in ("a", "an"):
        if _singular(words[1]) in units["duration"] or {words[1], " ".join(words[1:3])} & set(units["ratio"]):
            words = words[1:]  # "half a year" is six months, "half a percent" 0.5 percent
    if words:
        two = " ".join(words[:2])
        one = _singular(words[0])
        two_singular = " ".join([words[0], _singular(words[1])]) if len(words) > 1 else ""
        for size_table, dim in ((units["ratio"], "ratio"), (units["duration"], "duration")):
            key = next((k for k in (two_singular, two, one, words[0]) if k in size_table), None)
            if key is not None:
                value *= float(size_table[key])
                dimension, unit = dim, key
                shown_end = _end_of(text, end, key.split()[-1] if key != "%" else "%")
                break
        else:
            if currency is None and two_singular in units["currency"]:
                currency = units["currency"][two_singular]  # "15 US dollars"
                shown_end = _end_of(text, end, words[1])
            elif currency is None and one in units["currency"]:
                currency = units["currency"][one]
                shown_end = _end_of(text, end, words[0])
            elif (
                currency is None
                and how in ("number", "count")  # "12 observers", "a dozen observers"
                and re.fullmatch(r"[a-z-]+", words[0])
                and words[0] not in _NOT_UNITS
            ):
                unit = words[0]
                shown_end = _end_of(text, end, words[0])
    if currency and dimension == "count":
        dimension = "money:" + currency
    if how == "number" and dimension == "count" and value == 1 and not unit:
        return None  # "one" as a pronoun ("one of the parties")
    if dimension == "count" or dimension.startswith("money:"):
        rate = _rate(text, shown_end, units)
        if rate is not None:
            per, factor, shown_end = rate
            value, dimension = value * factor, f"{dimension}/{per}"
    shown_start = start - 1 if before.endswith(("€", "$", "£")) else start
    return Amount(text[shown_start:shown_end].strip(), shown_start, value, dimension, unit, _bound(text, shown_start))


def _rate(text: str, end: int, units: dict) -> tuple[str, float, int] | None:
    """("year" or "hour", the factor to one, the end) of a rate after an amount ("a month",
    "per week", "each year", "monthly"): money or a count per period, read per year."""
    rates = units["rates"]
    m = re.match(r"\s*(?:(?:a|an|per|each|every)\s+([a-z]+)|([a-z]+))\b", text[end:].lower())
    if m is None:
        return None
    period = m.group(1) or rates["words"].get(m.group(2) or "")
    if period in rates["per_hour"] and m.group(1):
        return "hour", 1.0, end + m.end()
    if period not in rates["per_year"]:
        return None
    days = units["duration"].get(period) or rates["days"][period]
    return "year", units["duration"]["year"] / days, end + m.end()


_NOT_UNITS = {"and", "or", "of", "to", "the", "a", "an", "in", "on", "for", "by", "with", "at", "as", "per", "from"}


def _singular(word: str) -> str:
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _end_of(text: str, end: int, word: str) -> int:
    at = text.lower().find(word.lower(), end)
    if at < 0:
        return end
    rest = re.match(r"\w*", text[at + len(word) :])
    return at + len(word) + (rest.end() if rest else 0)


@lru_cache(maxsize=1024)
def _word_pattern(phrase: str, hyphens: bool = False) -> re.Pattern:
    """A phrase as whole words (its spaces also hyphens with ``hyphens``: "two-thirds"), compiled once."""
    body = re.escape(phrase)
    return re.compile(r"\b" + (body.replace(r"\ ", r"[\s-]+") if hyphens else body) + r"\b")


@lru_cache(maxsize=1024)
def _bound_before(phrase: str) -> re.Pattern:
    """A bound phrase that ends just before a number ("no more than", "at least the"), compiled once."""
    return re.compile(r"\b" + re.escape(phrase) + r"(?:\s+(?:the|a|an|of))?$")


@lru_cache(maxsize=1)
def _bounds() -> list[tuple[str, str]]:
    import yaml

    data = yaml.safe_load(resources.files(__package__).joinpath("bounds.yaml").read_text(encoding="utf-8"))
    return sorted(((p, kind) for kind, phrases in data.items() for p in phrases), key=lambda x: -len(x[0]))


def _bound(text: str, start: int) -> str:
    """at_most / at_least when a bound phrase stands just before the number ("no more than 10")."""
    before = text[max(0, start - 30) : start].lower()
    before = re.sub(r"[€$£]\s*$", "", before).rstrip()
    for phrase, kind in _bounds():
        if _bound_before(phrase).search(before):
            return kind
    return ""


def bound_spans(text: str) -> list[tuple[int, int]]:
    """Where bound phrases stand in ``text`` (their negative words negate nothing)."""
    low = text.lower()
    spans = []
    for phrase, _ in _bounds():
        spans += [m.span() for m in _word_pattern(phrase).finditer(low)]
    return spans


@dataclass(frozen=True)
class Quantities:
    dates: tuple[When, ...]
    amounts: tuple[Amount, ...]


@lru_cache(maxsize=8192)
def read_quantities(text: str) -> Quantities:
    """The dates and amounts of a text (amounts never inside a date)."""
    found = dates(text)
    spans = [(w.start, w.start + len(w.text)) for w in found]
    return Quantities(tuple(found), tuple(amounts(text, spans)))
