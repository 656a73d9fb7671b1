"""Hand-labelled comparison cases: two positions and the correct links between their demands.

The format is ``../shared/gold/README.md``'s: ``case``, ``old`` and ``new`` positions, and
``links`` of ``old``/``new`` ids with a ``status`` (and ``relation: split|merged`` for one
demand answered by two). Unlinked old ids are dropped, unlinked new ids are new.
"""

from __future__ import annotations

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


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """The case files named, folders expanded to their ``*.yaml``/``*.yml`` files (sorted)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in (".yaml", ".yml"))
            if not files:
                raise InputError("folder holds no .yaml gold cases", str(path))
            found += files
        else:
            found.append(path)
    return found


def load_gold(paths: Iterable[str | Path]) -> list[GoldCase]:
    """Every gold case in ``paths`` (files or folders), validated."""
    cases = [read_case(path) for path in gold_files(paths)]
    seen: dict[str, str] = {}
    for case in cases:
        if case.name in seen:
            raise InputError(f"case {case.name!r} also appears in {seen[case.name]}; rename one", case.path)
        seen[case.name] = case.path
    return cases


def read_case(path: str | Path) -> GoldCase:
    """One gold case file."""
    name = str(path)
    if Path(name).suffix.lower() not in (".yaml", ".yml"):
        raise InputError("a gold case is a .yaml file", name)
    data = parse_yaml(read_source(path), name)
    if not isinstance(data, dict) or not {"old", "new", "links"} <= set(data):
        raise InputError("a gold case needs 'old', 'new' and 'links'; see the gold README", name)
    old = _position(data["old"], name, "old: ")
    new = _position(data["new"], name, "new: ")
    links = data["links"] or []
    if not isinstance(links, list):
        raise InputError("'links' must be a list of old/new/status mappings", name, _line_of(data))
    lines = list(getattr(links, "lines", [])) or [None] * len(links)
    parsed = tuple(_link(item, old, new, name, line) for item, line in zip(links, lines))
    pairs = [(link.old, link.new) for link in parsed]
    if len(set(pairs)) != len(pairs):
        raise InputError("the same old/new pair is linked twice; keep one link", name)
    return GoldCase(str(data.get("case") or Path(name).stem), old, new, parsed, str(data.get("domain") or ""), name)


def _link(item: object, old: Position, new: Position, path: str, line: int | None) -> Link:
    if not isinstance(item, dict) or not {"old", "new", "status"} <= set(item):
        raise InputError("a link needs old, new and status", path, line)
    ids = {"old": {s.id for s in old.statements}, "new": {s.id for s in new.statements}}
    for side in ("old", "new"):
        if str(item[side]) not in ids[side]:
            raise InputError(
                f"link names {side} id {item[side]!r}, which is not a demand of the {side} side", path, line
            )
    status, relation = str(item["status"]), item.get("relation")
    if status not in LINK_STATUSES:
        raise InputError(f"link status {status!r} is not one of {', '.join(LINK_STATUSES)}", path, line)
    if relation is not None and relation not in RELATIONS:
        raise InputError(f"link relation {relation!r} is not one of {', '.join(RELATIONS)}", path, line)
    return Link(str(item["old"]), str(item["new"]), status, relation)
