"""Hand-labelled comparison cases: two positions and the correct links between their demands.

The format is ``../shared/gold/README.md``'s: ``case``, ``old`` and ``new`` positions, and
``links`` of ``old``/``new`` ids with a ``status`` (and ``relation: split|merged`` for one
demand answered by two). Unlinked old ids are dropped, unlinked new ids are new.

A decisions file (``positions.decisions``) is the same format, possibly partial: when it has a
``dropped`` or ``added`` list, only the statements it links or lists are decided, and the case
covers those alone (``GoldCase.decided``). Without either list, as in every gold case, each
statement is decided: unlinked old ids are dropped, unlinked new ids are new.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .model import Position
from .readers import _line_of, _position, parse_yaml, read_source

LINK_STATUSES = ("persisted", "changed", "reversed")
RELATIONS = ("split", "merged")


@dataclass(frozen=True)
class Link:
    """One aligned pair: old id, new id, its status, and split/merged when one of several."""

    old: str
    new: str
    status: str
    relation: str | None = None


@dataclass(frozen=True)
class GoldCase:
    """Two rounds and the links a careful reader drew between them."""

    name: str
    old: Position
    new: Position
    links: tuple[Link, ...]
    domain: str = ""
    path: str = ""
    # Old and new ids whose verdicts the case gives; None: every statement (a complete gold case).
    decided: tuple[frozenset[str], frozenset[str]] | None = None

    def is_decided(self, side: int, ident: str) -> bool:
        """Whether the case gives the verdict of statement ``ident`` (side 0: old, 1: new)."""
        return self.decided is None or ident in self.decided[side]


def gold_files(paths: Iterable[str | Path] | str | Path) -> list[Path]:
    """The case files named, folders expanded to their ``*.yaml``/``*.yml`` files (sorted)."""
    found: list[Path] = []
    for given in [paths] if isinstance(paths, (str, Path)) else paths:
        if not str(given):
            raise InputError("no file name given; give the path of a file or folder")
        path = Path(given)
        if os.path.isdir(path):
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml"))
            if not files:
                raise InputError(
                    "folder holds no .yaml gold cases; put the case files in it, or give their paths", str(path)
                )
            found += files
        else:
            found.append(path)
    return found


def load_gold(paths: Iterable[str | Path] | str | Path) -> list[GoldCase]:
    """Every gold case in ``paths`` (files or folders, or one of them), validated."""
    cases = [read_case(path) for path in gold_files(paths)]
    seen: dict[str, str] = {}
    for case in cases:
        if case.name in seen:
            raise InputError(f"case {case.name!r} also appears in {seen[case.name]}; rename one", case.path)
        seen[case.name] = case.path
    return cases


def read_case(path: str | Path) -> GoldCase:
    """One gold case (or decisions) file."""
    return _read(path)[0]


def _read(path: str | Path) -> tuple[GoldCase, dict]:
    """The case in a gold case or decisions file, and the file's parsed mapping."""
    name = str(path)
    if Path(name).suffix.lower() not in (".yaml", ".yml"):
        raise InputError("a gold case is a .yaml file", name)
    data = parse_yaml(read_source(path, "write a gold case (old, new, links) in it, or run demanddiff review -d"), name)
    if not isinstance(data, dict) or not {"old", "new", "links"} <= set(data):
        raise InputError("a gold case needs 'old', 'new' and 'links'; see the gold README", name)
    old = _position(data["old"], name, "old: ")
    new = _position(data["new"], name, "new: ")
    links = data["links"] or []
    if not isinstance(links, list):
        raise InputError("'links' must be a list of old/new/status mappings", name, _line_of(data))
    lines = list(getattr(links, "lines", [])) or [None] * len(links)
    ids = {"old": {s.id for s in old.statements}, "new": {s.id for s in new.statements}}  # once: files may be large
    parsed = tuple(_link(item, ids, name, line) for item, line in zip(links, lines))
    pairs = [(link.old, link.new) for link in parsed]
    if len(set(pairs)) != len(pairs):
        raise InputError("the same old/new pair is linked twice; keep one link", name)
    _check_relations(parsed, lines, name)
    decided = None
    if "dropped" in data or "added" in data:
        dropped = _alone(data, "dropped", 0, ids, parsed, name)
        added = _alone(data, "added", 1, ids, parsed, name)
        decided = (
            frozenset({link.old for link in parsed} | dropped),
            frozenset({link.new for link in parsed} | added),
        )
    case = GoldCase(
        str(data.get("case") or Path(name).stem), old, new, parsed, str(data.get("domain") or ""), name, decided
    )
    return case, data


def _check_relations(links: tuple[Link, ...], lines: list, path: str) -> None:
    """Every link of a demand with several is marked: ``split`` (one old demand, several new) or
    ``merged`` (several old, one new); a link of two lone demands is marked neither."""
    olds = Counter(link.old for link in links)
    news = Counter(link.new for link in links)
    for link, line in zip(links, lines):
        split, merged = olds[link.old] > 1, news[link.new] > 1
        if split and merged:
            raise InputError(
                f"link {link.old} -> {link.new} is one of several links of both its demands; a demand is split "
                "(one old, several new) or merged (several old, one new), not both",
                path,
                line,
            )
        want = "split" if split else "merged" if merged else None
        if link.relation == want:
            continue
        if want is None:
            raise InputError(
                f"link {link.old} -> {link.new} is marked {link.relation}, but neither of its demands has another "
                f"link; remove 'relation: {link.relation}'",
                path,
                line,
            )
        side, ident, count = ("old", link.old, olds[link.old]) if split else ("new", link.new, news[link.new])
        how = "one old demand answered by several new ones" if split else "several old demands answered by one new one"
        raise InputError(
            f"{side} demand {ident} has {count} links; mark each 'relation: {want}' ({how}), or keep one link",
            path,
            line,
        )


def _alone(
    data: dict, key: str, side: int, ids: dict[str, set[str]], links: tuple[Link, ...], path: str
) -> frozenset[str]:
    """The ids a decisions file lists as ``dropped`` (old side) or ``added`` (new side), validated."""
    items = data.get(key) or []
    line = _line_of(data)
    if not isinstance(items, list):
        raise InputError(f"'{key}' must be a list of ids, e.g. {key}: [o3, o5]", path, line)
    lines = list(getattr(items, "lines", [])) or [line] * len(items)
    linked = {(link.old, link.new)[side] for link in links}
    for item, at in zip(items, lines):
        _check_id(item, "old" if side == 0 else "new", ids, path, at, f"'{key}' lists")
        if str(item) in linked:
            raise InputError(
                f"'{key}' lists {item!r}, which a link also names; keep the link or the '{key}' entry", path, at
            )
    return frozenset(map(str, items))


def _check_id(ident: object, side: str, ids: dict[str, set[str]], path: str, line: int | None, what: str):
    """An InputError unless ``ident`` is a demand id of ``side`` (``ids``: each side's); naming the fix when
    it is the other side's."""
    if str(ident) in ids[side]:
        return
    other = "new" if side == "old" else "old"
    if str(ident) in ids[other]:
        fix = "swap old and new in this link" if what == "link names" else f"list only {side} ids there"
        raise InputError(f"{what} {side} id {ident!r}, which is a demand of the {other} side; {fix}", path, line)
    raise InputError(
        f"{what} {side} id {ident!r}, which is not a demand of the {side} side; use an id from '{side}: demands'",
        path,
        line,
    )


def _link(item: object, ids: dict[str, set[str]], path: str, line: int | None) -> Link:
    if not isinstance(item, dict) or not {"old", "new", "status"} <= set(item):
        raise InputError("a link needs old, new and status", path, line)
    for side in ("old", "new"):
        _check_id(item[side], side, ids, path, line, "link names")
    status, relation = str(item["status"]), item.get("relation")
    if status not in LINK_STATUSES:
        raise InputError(f"link status {status!r} is not one of {', '.join(LINK_STATUSES)}", path, line)
    if relation is not None and relation not in RELATIONS:
        raise InputError(f"link relation {relation!r} is not one of {', '.join(RELATIONS)}", path, line)
    return Link(str(item["old"]), str(item["new"]), status, relation)
