"""Statements, positions and datasets of positions: plain frozen data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from .errors import InputError


@dataclass(frozen=True)
class Source:
    """Where a demand was read: its sentence, character offsets into the text, and its round."""

    sentence: str
    start: int
    end: int
    round: str = ""
    date: dt.date | None = None

    def to_dict(self) -> dict:
        data = {"start": self.start, "end": self.end, "round": self.round, "date": self.date, "sentence": self.sentence}
        return {k: v for k, v in data.items() if v not in ("", None)}


@dataclass(frozen=True)
class Statement:
    """One demand: a stable id, its text, optional topic tags and the sentences it came from."""

    id: str
    text: str
    tags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = field(default=(), compare=False)

    def __post_init__(self):
        for name in ("id", "text"):
            value = getattr(self, name)
            if not isinstance(value, str):
                raise TypeError(f"a demand's {name} must be a string, not {type(value).__name__}")
        if not isinstance(self.tags, tuple):
            if isinstance(self.tags, str) or not isinstance(self.tags, (list, frozenset, set)):
                raise TypeError(f"a demand's tags must be a tuple of strings, not {type(self.tags).__name__}")
            object.__setattr__(self, "tags", tuple(self.tags))
        if not all(isinstance(t, str) for t in self.tags):
            raise TypeError("a demand's tags must be strings")


@dataclass(frozen=True)
class Position:
    """The demands one party made in one round of talks."""

    statements: tuple[Statement, ...]
    party: str = ""
    date: dt.date | None = None
    round: str = ""
    source: str = ""
    # Other names of one party, from the file's ``aliases:`` map: (name, what it stands for),
    # lower-cased. "Russian Federation" and "Russia" are one entity anyway; these are the rest.
    aliases: tuple[tuple[str, str], ...] = field(default=(), compare=False)

    def __post_init__(self):
        if isinstance(self.statements, list):
            object.__setattr__(self, "statements", tuple(self.statements))
        if not isinstance(self.statements, tuple):
            raise TypeError(
                f"a position's statements must be a tuple of Statements, not {type(self.statements).__name__}"
            )
        for s in self.statements:
            if not isinstance(s, Statement):
                raise TypeError(f"a position holds Statements, not {type(s).__name__}")
        if self.date is not None and not isinstance(self.date, dt.date):
            raise TypeError(f"a position's date must be a datetime.date, not {type(self.date).__name__}")
        for name in ("party", "round", "source"):
            if not isinstance(getattr(self, name), str):
                raise TypeError(f"a position's {name} must be a string, not {type(getattr(self, name)).__name__}")

    @classmethod
    def from_texts(cls, texts: Iterable[str], **meta) -> Position:
        """A position from bare demand texts, cleaned as a file's are (``validate.clean``: control and
        zero-width characters dropped, whitespace collapsed); ids are 1-based indexes."""
        from .validate import clean

        if isinstance(texts, str):
            raise TypeError("from_texts() takes a list of demand texts, not a single string")
        return cls(
            tuple(Statement(str(i), clean(t) if isinstance(t, str) else t) for i, t in enumerate(texts, 1)), **meta
        )

    def describe(self) -> dict:
        """The position's metadata, as the JSON contract shows it."""
        return {
            "party": self.party,
            "date": self.date.isoformat() if self.date else None,
            "round": self.round,
            "source": self.source,
        }

    def label(self) -> str:
        """A short human label: ``Russia 2022-03-29 (Istanbul talks)``."""
        parts = [self.party, self.date.isoformat() if self.date else ""]
        text = " ".join(p for p in parts if p)
        if self.round:
            text = f"{text} ({self.round})" if text else self.round
        return text or "position"

    def __len__(self) -> int:
        return len(self.statements)


@dataclass(frozen=True)
class PositionSet:
    """Many rounds, possibly of several parties, ordered by date."""

    positions: tuple[Position, ...]
    name: str = ""
    description: str = ""
    source: str = field(default="", compare=False)

    def __iter__(self) -> Iterator[Position]:
        return iter(self.positions)

    def __len__(self) -> int:
        return len(self.positions)

    def parties(self) -> list[str]:
        """Party names in order of first appearance."""
        return list(dict.fromkeys(p.party for p in self.positions))

    def rounds(self, party: str | None = None) -> list[Position]:
        """Rounds of one party (or all), oldest first."""
        check_party(party)
        chosen = [p for p in self.positions if party is None or p.party == party]
        return sorted(chosen, key=lambda p: (p.party, p.date or dt.date.min))

    def select(self, date: dt.date, party: str | None = None) -> Position:
        """The round on ``date`` (a ``datetime.date`` or ``"YYYY-MM-DD"``), else the latest round before it."""
        date = as_date(date)
        party = self.one_party(party)
        rounds = self.rounds(party)
        before = [p for p in rounds if p.date is not None and p.date <= date]
        if not before:
            first = rounds[0].date.isoformat() if rounds and rounds[0].date else "none"
            raise InputError(
                f"no round of {party!r} on or before {date.isoformat()}; the first round is {first}; pick a later date",
                self.source or None,
            )
        latest = before[-1].date
        same_day = [p for p in before if p.date == latest]
        if len(same_day) > 1:
            raise InputError(
                f"{len(same_day)} rounds of {party!r} on {latest}; give each round its own date",
                self.source or None,
            )
        return same_day[0]

    def one_party(self, party: str | None) -> str:
        """The party's name as the dataset spells it; ``None`` when the dataset holds only one."""
        check_party(party)
        names = self.parties()
        if party is None:
            if len(names) == 1:
                return names[0]
            raise InputError(
                f"the dataset holds several parties ({', '.join(names)}); choose one with --party",
                self.source or None,
            )
        if party not in names:
            folded = {n.casefold(): n for n in names}
            if party.casefold() in folded:
                return folded[party.casefold()]
            raise InputError(
                f"no party {party!r} in the dataset; it holds: {', '.join(names)}",
                self.source or None,
            )
        return party


def parse_date(value: object, path: str | None = None, line: int | None = None) -> dt.date:
    """An ISO date (YYYY-MM-DD); anything else is an InputError saying so."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
    except ValueError:
        pass
    raise InputError(f"invalid date {text!r}; write it as YYYY-MM-DD, e.g. 2022-03-29", path, line)


def as_date(value: object, name: str = "date") -> dt.date:
    """A date argument of the library: a ``datetime.date`` (a datetime gives its day) or an ISO text;
    a TypeError for anything else, an InputError for a text that is no date."""
    if isinstance(value, (dt.date, str)):
        return parse_date(value)
    raise TypeError(f"{name} must be a datetime.date or 'YYYY-MM-DD', not {type(value).__name__}")


def check_party(party: object) -> None:
    """A party argument of the library: a name, or None."""
    if party is not None and not isinstance(party, str):
        raise TypeError(f"party must be a name (str), not {type(party).__name__}")


def check_ids(statements: Sequence[Statement], path: str | None, lines: Sequence[int | None] = ()) -> None:
    """Reject duplicate ids within one position."""
    seen: dict[str, int] = {}
    for i, s in enumerate(statements):
        if s.id in seen:
            line = lines[i] if i < len(lines) else None
            raise InputError(f"duplicate demand id {s.id!r}; ids must be unique within a round", path, line)
        seen[s.id] = i


def pair_warnings(old: Position, new: Position, old_name: str = "OLD", new_name: str = "NEW") -> list[str]:
    """What looks wrong about comparing ``old`` with ``new``, one sentence each (empty: nothing).

    Different parties, NEW dated before OLD, and a side with no demands are all allowed (a
    comparison across parties can be the point) but are more often a mistake in the command.
    """
    found = []
    if old.party and new.party and old.party.casefold() != new.party.casefold():
        found.append(
            f"{old_name} is a position of {old.party}, {new_name} one of {new.party}: "
            "different parties; check the files (or --party)"
        )
    if old.date and new.date and new.date < old.date:
        found.append(
            f"{new_name} ({new.date.isoformat()}) is dated before {old_name} ({old.date.isoformat()}); "
            "give the older round first"
        )
    if not old.statements and not new.statements:
        found.append(f"{old_name} and {new_name} have no demands: there is nothing to compare")
        return found
    for name, side, outcome in ((old_name, old, "new"), (new_name, new, "dropped")):
        if not side.statements:
            found.append(f"{name} has no demands: every demand of the other side is {outcome}")
    return found
