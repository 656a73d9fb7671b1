"""An analyst's decisions about one comparison: a gold case that may cover only some statements.

The file is a gold case (``positions.gold``): ``old`` and ``new`` positions (the text of each
statement as it was decided) and ``links`` with statuses, plus:

- ``dropped: [old ids]`` and ``added: [new ids]``: statements decided to have no counterpart.
  With either list present, statements neither linked nor listed are undecided (the engine
  aligns them); without both, as in a gold case, every unlinked statement is dropped / new.
- ``decided_by`` and ``decided_at`` (optional): who decided, and when the file was last written.
- ``skipped`` (optional): items the analyst passed over, asked again last by ``demanddiff review``.

So every gold case is a decisions file, and a finished review is a gold case for ``eval``.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from .errors import InputError
from .gold import LINK_STATUSES, GoldCase, Link, _read, gold_files
from .model import Position, Statement
from .readers import _line_of

ANALYST = "analyst"  # Item.decided_by of every verdict a decisions file sets


@dataclass(frozen=True)
class Decisions:
    """Decided links and lone statements of one comparison, and the texts they were decided on."""

    old: Position
    new: Position
    links: tuple[Link, ...] = ()
    dropped: frozenset[str] = frozenset()
    added: frozenset[str] = frozenset()
    decided_by: str = ""
    decided_at: str = ""
    skipped: tuple[tuple[str | None, str | None], ...] = ()
    name: str = ""
    path: str = field(default="", compare=False)

    @property
    def decided_old(self) -> frozenset[str]:
        return frozenset(link.old for link in self.links) | self.dropped

    @property
    def decided_new(self) -> frozenset[str]:
        return frozenset(link.new for link in self.links) | self.added

    def __len__(self) -> int:
        """How many verdicts: one per link and one per lone statement."""
        return len(self.links) + len(self.dropped) + len(self.added)

    def as_case(self) -> GoldCase:
        """The decisions as a (partial) gold case, for ``eval`` and ``eval --tune``."""
        return GoldCase(
            self.name or "decisions",
            self.old,
            self.new,
            self.links,
            "",
            self.path,
            (self.decided_old, self.decided_new),
        )

    def decide(
        self, old_ids: Iterable[str], new_ids: Iterable[str], links: Iterable[Link], at: str | None = None
    ) -> Decisions:
        """These decisions with new verdicts on ``old_ids`` and ``new_ids``: ``links`` among them, the
        rest alone. Earlier verdicts on those statements (and their links) are replaced."""
        olds, news, links = set(old_ids), set(new_ids), tuple(links)
        olds |= {link.old for link in links}
        news |= {link.new for link in links}
        kept = tuple(link for link in self.links if link.old not in olds and link.new not in news)
        # A statement whose old partner is replaced keeps no link: it becomes undecided.
        return replace(
            self,
            links=kept + links,
            dropped=frozenset((self.dropped - olds) | (olds - {link.old for link in links})),
            added=frozenset((self.added - news) | (news - {link.new for link in links})),
            skipped=tuple(s for s in self.skipped if s[0] not in olds and s[1] not in news),
            decided_at=at or now(),
        )

    def skip(self, key: tuple[str | None, str | None]) -> Decisions:
        return replace(self, skipped=(*[s for s in self.skipped if s != key], key), decided_at=now())


def now() -> str:
    """The time of a decision: UTC, to the second, ISO 8601."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def from_case(case: GoldCase) -> Decisions:
    """A gold case's links as decisions: complete ones unless the case covers only some statements."""
    decided_old: frozenset[str]
    decided_new: frozenset[str]
    if case.decided is None:
        decided_old = frozenset(s.id for s in case.old.statements)
        decided_new = frozenset(s.id for s in case.new.statements)
    else:
        decided_old, decided_new = case.decided
    dropped = frozenset(decided_old - {link.old for link in case.links})
    added = frozenset(decided_new - {link.new for link in case.links})
    return Decisions(case.old, case.new, case.links, dropped, added, name=case.name, path=case.path)


def read_decisions(path: str | Path) -> Decisions:
    """One decisions (or gold case) file, validated: bad ids, malformed YAML and unknown statuses are
    InputErrors naming the file, the line and the fix."""
    case, data = _read(path)
    name = str(path)
    by, at = data.get("decided_by") or "", data.get("decided_at") or ""
    if isinstance(at, dt.datetime):
        at = at.isoformat().replace("+00:00", "Z")
    elif isinstance(at, dt.date):
        at = at.isoformat()
    skipped = data.get("skipped") or []
    if not isinstance(skipped, list):
        raise InputError("'skipped' must be a list of {old: ID, new: ID} mappings", name, _line_of(data))
    keys = []
    lines = list(getattr(skipped, "lines", [])) or [None] * len(skipped)
    for item, line in zip(skipped, lines):
        if not isinstance(item, dict) or not ({"old", "new"} & set(item)):
            raise InputError("a 'skipped' entry is {old: ID, new: ID} (either may be left out)", name, line)
        keys.append((_str(item.get("old")), _str(item.get("new"))))
    decisions = from_case(case)
    return replace(decisions, decided_by=str(by), decided_at=str(at), skipped=tuple(keys))


def _str(value) -> str | None:
    return None if value is None else str(value)


def load_decisions(paths: Iterable[str | Path]) -> list[Decisions]:
    """Every decisions file in ``paths`` (files, or folders of ``*.yaml``), in order."""
    return [read_decisions(path) for path in gold_files(paths)]


def to_yaml(decisions: Decisions) -> str:
    """The decisions as a file ``read_decisions`` (and ``eval``) reads back."""
    import yaml

    class Ids(list):
        pass

    class Line(dict):  # one line per link, demand and skipped item, as gold cases are written
        pass

    def position(p: Position) -> dict:
        meta = {"party": p.party, "date": p.date, "round": p.round, "source": p.source}
        data: dict[str, object] = {k: v for k, v in meta.items() if v not in ("", None)}
        data["demands"] = [Line(id=s.id, text=s.text) for s in p.statements]
        return data

    def link(link: Link) -> dict:
        data = Line(old=link.old, new=link.new, status=link.status)
        if link.relation:
            data["relation"] = link.relation
        return data

    order_old = {s.id: i for i, s in enumerate(decisions.old.statements)}
    order_new = {s.id: i for i, s in enumerate(decisions.new.statements)}
    data = {
        "case": decisions.name or "decisions",
        "decided_by": decisions.decided_by or None,
        "decided_at": decisions.decided_at or None,
        "old": position(decisions.old),
        "new": position(decisions.new),
        "links": [link(x) for x in decisions.links],  # in the order decided
        "dropped": Ids(sorted(decisions.dropped, key=lambda i: order_old.get(i, 0))),
        "added": Ids(sorted(decisions.added, key=lambda i: order_new.get(i, 0))),
        "skipped": [Line((k, v) for k, v in (("old", o), ("new", n)) if v is not None) for o, n in decisions.skipped],
    }
    data = {k: v for k, v in data.items() if v is not None and (v != [] or k in ("links", "dropped", "added"))}

    from .writers import safe_dumper

    Flow = safe_dumper()  # a class of its own each call: the representers below go on this one

    def line(dumper, value):
        return dumper.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)

    def ids(dumper, value):
        return dumper.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)

    Flow.add_representer(Line, line)
    Flow.add_representer(Ids, ids)
    head = (
        "# demanddiff decisions: an analyst's verdicts on one comparison (a gold case format file).\n"
        "# links: decided pairs; dropped / added: demands decided to have no counterpart;\n"
        "# statements in neither are left to the engine. Read by --decisions and by eval.\n"
    )
    body = yaml.dump(data, Dumper=Flow, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)
    return head + body


def write_decisions(decisions: Decisions, path: str | Path) -> None:
    """Write the file atomically: a reader (or a crash) never sees half of it."""
    target = Path(path)
    text = to_yaml(decisions)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent if str(target.parent) else ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# ---- Against the rounds being compared ------------------------------------------------------


def current(decisions: Decisions, old: Position, new: Position) -> tuple[Decisions, list[str]]:
    """The decisions that still hold for ``old`` and ``new``, and one line per stale decision.

    A decision is stale when one of its statements is gone or its text has changed since it was
    decided; stale decisions are left out (never applied silently). Decisions made for the two
    rounds the other way round are an InputError.
    """
    now_old = {s.id: s.text for s in old.statements}
    now_new = {s.id: s.text for s in new.statements}
    then_old = {s.id: s.text for s in decisions.old.statements}
    then_new = {s.id: s.text for s in decisions.new.statements}
    _check_direction(decisions, now_old, now_new, then_old, then_new)
    where = f"{decisions.path}: " if decisions.path else ""

    def why(side: str, ident: str) -> str | None:
        now, then = (now_old, then_old) if side == "old" else (now_new, then_new)
        if ident not in now:
            return f"{side} id {ident} is no longer in the {side} round"
        if now[ident] != then[ident]:
            return f"the text of {side} demand {ident} has changed since it was decided"
        return None

    stale: list[str] = []
    links = []
    for link in decisions.links:
        reason = why("old", link.old) or why("new", link.new)
        if reason:
            stale.append(f"{where}stale decision {link.old} -> {link.new} ({link.status}): {reason}; not applied")
        else:
            links.append(link)
    lone = {}
    for side, ids, status in (("old", decisions.dropped, "dropped"), ("new", decisions.added, "new")):
        kept = set()
        for ident in sorted(ids):
            reason = why(side, ident)
            if reason:
                stale.append(f"{where}stale decision {ident} {status}: {reason}; not applied")
            else:
                kept.add(ident)
        lone[side] = frozenset(kept)
    # A statement whose decided partner went stale keeps its decision only with its other partners.
    applied = set(links)  # looked up, not searched: a decisions file may cover every demand of a large comparison
    lost = [link for link in decisions.links if link not in applied]
    bad_old, bad_new = {link.old for link in lost}, {link.new for link in lost}
    for link in links:
        if link.old in bad_old or link.new in bad_new:
            stale.append(
                f"{where}stale decision {link.old} -> {link.new} ({link.status}): it is one of several links of a "
                "demand whose other link is stale; not applied"
            )
    links = [link for link in links if link.old not in bad_old and link.new not in bad_new]
    return replace(decisions, links=tuple(links), dropped=lone["old"], added=lone["new"]), stale


def _check_direction(decisions: Decisions, now_old, now_new, then_old, then_new) -> None:
    """An InputError when the decisions fit the rounds swapped and not as given."""

    def fits(now: dict, then: dict, ids: Iterable[str]) -> int:
        return sum(1 for i in ids if i in now and now[i] == then[i])

    ids_old, ids_new = decisions.decided_old, decisions.decided_new
    straight = fits(now_old, then_old, ids_old) + fits(now_new, then_new, ids_new)
    swapped = fits(now_new, then_old, ids_old) + fits(now_old, then_new, ids_new)
    if straight == 0 and swapped > 0:
        raise InputError(
            "these decisions are for the rounds the other way round (their old demands are this comparison's "
            "new ones); swap OLD and NEW, or use the decisions file of this comparison",
            decisions.path or None,
        )


def merge(many: Sequence[Decisions]) -> Decisions | None:
    """Several decisions files about one comparison as one; a statement decided differently in two
    files is an InputError naming the second."""
    if not many:
        return None
    merged = many[0]
    for other in many[1:]:
        verdicts = _verdicts(merged), _verdicts(other)
        for side, ids in (
            ("old", other.decided_old & merged.decided_old),
            ("new", other.decided_new & merged.decided_new),
        ):
            at = 0 if side == "old" else 1
            for ident in sorted(ids):
                if verdicts[0][at].get(ident, frozenset()) != verdicts[1][at].get(ident, frozenset()):
                    raise InputError(
                        f"decides {side} demand {ident} differently from {merged.path or 'an earlier file'}; "
                        "keep one of the two decisions",
                        other.path or None,
                    )
        old = _union(merged.old, other.old)
        new = _union(merged.new, other.new)
        known_links, known_skipped = set(merged.links), set(merged.skipped)
        links = merged.links + tuple(x for x in other.links if x not in known_links)
        merged = replace(
            merged,
            old=old,
            new=new,
            links=links,
            dropped=merged.dropped | other.dropped,
            added=merged.added | other.added,
            skipped=merged.skipped + tuple(s for s in other.skipped if s not in known_skipped),
        )
    return merged


def _verdicts(d: Decisions) -> tuple[dict[str, frozenset], dict[str, frozenset]]:
    """The links (old, new, status) of each old id and of each new id."""
    by: tuple[dict[str, set], dict[str, set]] = ({}, {})
    for x in d.links:
        by[0].setdefault(x.old, set()).add((x.old, x.new, x.status))
        by[1].setdefault(x.new, set()).add((x.old, x.new, x.status))
    return {k: frozenset(v) for k, v in by[0].items()}, {k: frozenset(v) for k, v in by[1].items()}


def _union(a: Position, b: Position) -> Position:
    """``a``'s statements, then ``b``'s with ids ``a`` lacks (the texts as each file decided them)."""
    seen = {s.id for s in a.statements}
    extra: tuple[Statement, ...] = tuple(s for s in b.statements if s.id not in seen)
    return replace(a, statements=a.statements + extra) if extra else a


def for_rounds(decisions: Sequence[Decisions], old: Position, new: Position) -> list[Decisions]:
    """The decisions made for the comparison of ``old`` with ``new`` (same party and dates, or rounds)."""

    def key(p: Position) -> tuple:
        return (p.party, p.date, "" if p.date else p.round)

    return [d for d in decisions if key(d.old) == key(old) and key(d.new) == key(new)]


__all__ = [
    "ANALYST",
    "LINK_STATUSES",
    "Decisions",
    "current",
    "for_rounds",
    "from_case",
    "load_decisions",
    "merge",
    "read_decisions",
    "to_yaml",
    "write_decisions",
]
