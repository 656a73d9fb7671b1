"""Read positions from files: one registry keyed by file extension.

YAML and JSON hold one position (``party``, ``date``, ``round``, ``source``,
``demands``) or a dataset (``positions:`` list of those). CSV holds one demand
per row (``party,date,round,id,text`` and optional ``tags``, ``source``). Plain
text and Markdown hold one demand per line or bullet, with party, date and round
in YAML front matter or given by the caller.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError
from .model import Position, PositionSet, Source, Statement, check_ids, parse_date

Loaded = Position | PositionSet
Reader = Callable[[str, str, dict], Loaded]

META_KEYS = ("party", "date", "round", "source")


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line of every mapping and list item."""


class _Map(dict):
    line: int | None = None


class _Seq(list):
    lines: list[int]


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> _Map:
    value = _Map(loader.construct_mapping(node, deep=True))
    value.line = node.start_mark.line + 1
    return value


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> _Seq:
    value = _Seq(loader.construct_sequence(node, deep=True))
    value.lines = [item.start_mark.line + 1 for item in node.value]
    return value


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def _line_of(value: Any) -> int | None:
    return getattr(value, "line", None)


def _statement(item: Any, index: int, path: str, line: int | None) -> Statement:
    """A demand from a bare string (id = 1-based index) or an id/text/tags mapping."""
    if isinstance(item, str):
        text, ident, tags, sources = item, str(index), (), ()
    elif isinstance(item, dict):
        line = _line_of(item) or line
        unknown = set(item) - {"id", "text", "tags", "sources"}
        if unknown:
            raise InputError(
                f"demand has unknown field(s) {', '.join(sorted(map(str, unknown)))}; "
                "a demand has only id, text, tags and sources",
                path,
                line,
            )
        if "text" not in item or item["text"] is None:
            raise InputError("demand has no text; add a 'text:' field", path, line)
        text = item["text"]
        ident = item.get("id", index)
        raw_tags = item.get("tags") or ()
        if isinstance(raw_tags, str):
            raw_tags = [t.strip() for t in raw_tags.split(",") if t.strip()]
        if not isinstance(raw_tags, (list, tuple)):
            raise InputError("'tags' must be a list of words", path, line)
        tags = tuple(str(t) for t in raw_tags)
        sources = _sources(item.get("sources") or [], path, line)
    else:
        raise InputError(
            f"a demand must be a text or a mapping with id and text, not {type(item).__name__}", path, line
        )
    if not isinstance(text, str) or not text.strip():
        raise InputError("demand text is empty; write the demand or remove the item", path, line)
    if ident is None or str(ident).strip() == "":
        raise InputError("demand id is empty; give it an id or leave the field out", path, line)
    return Statement(str(ident).strip(), " ".join(text.split()), tags, sources)


def _sources(items: Any, path: str, line: int | None) -> tuple[Source, ...]:
    """A demand's ``sources:``: where it was read (sentence, start, end, optional round and date)."""
    fix = "each source is a mapping with sentence, start and end (and optional round, date)"
    if not isinstance(items, list):
        raise InputError(f"'sources' must be a list; {fix}", path, line)
    sources = []
    for item in items:
        where = _line_of(item) or line
        if not isinstance(item, dict) or set(item) - {"sentence", "start", "end", "round", "date"}:
            raise InputError(f"bad source; {fix}", path, where)
        start, end = item.get("start"), item.get("end")
        if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end):
            raise InputError("a source's start and end must be character offsets with start <= end", path, where)
        date = parse_date(item["date"], path, where) if item.get("date") is not None else None
        sources.append(Source(str(item.get("sentence") or ""), start, end, str(item.get("round") or ""), date))
    return tuple(sources)


def _position(data: Any, path: str, where: str = "") -> Position:
    """Build and validate one position from a parsed mapping."""
    line = _line_of(data)
    if not isinstance(data, dict):
        raise InputError(f"{where}expected a mapping with party, date, round and demands", path, line)
    demands = data.get("demands")
    if demands is None:
        raise InputError(f"{where}position has no 'demands:' list; add one", path, line)
    if not isinstance(demands, list):
        raise InputError(f"{where}'demands' must be a list of demands", path, line)
    lines = list(getattr(demands, "lines", [])) or [None] * len(demands)
    statements = tuple(_statement(d, i, path, lines[i - 1]) for i, d in enumerate(demands, 1))
    check_ids(statements, path, lines)
    date = parse_date(data["date"], path, line) if data.get("date") is not None else None
    return Position(
        statements,
        party=str(data.get("party") or ""),
        date=date,
        round=str(data.get("round") or ""),
        source=str(data.get("source") or ""),
    )


def _from_mapping(data: Any, path: str, meta: dict) -> Loaded:
    if not isinstance(data, dict):
        raise InputError("expected a position (party, date, round, demands) or a 'positions:' list", path)
    if "positions" in data:
        items = data["positions"]
        if not isinstance(items, list) or not items:
            raise InputError("'positions' must be a non-empty list of positions", path, _line_of(data))
        positions = tuple(_position(p, path, f"positions[{i}]: ") for i, p in enumerate(items))
        return PositionSet(positions, str(data.get("name") or ""), str(data.get("description") or ""), path)
    merged = _Map({**meta, **data})
    merged.line = _line_of(data)
    return _position(merged, path)


def read_yaml(text: str, path: str, meta: dict) -> Loaded:
    try:
        data = yaml.load(text, Loader=_LineLoader)  # a SafeLoader: plain data only
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise InputError(
            f"invalid YAML: {exc.problem}; fix the syntax", path, mark.line + 1 if mark else None
        ) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {exc}", path) from None
    return _from_mapping(data, path, meta)


def read_json(text: str, path: str, meta: dict) -> Loaded:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno}); fix the syntax", path, exc.lineno) from None
    return _from_mapping(data, path, meta)


CSV_COLUMNS = ("party", "date", "round", "id", "text")


def read_csv(text: str, path: str, meta: dict) -> Loaded:
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise InputError(f"invalid CSV: {exc}", path) from None
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in ("text",) if c not in header]
    if missing:
        raise InputError(
            f"CSV header lacks column(s) {', '.join(missing)}; the header is "
            f"{','.join(CSV_COLUMNS)} (plus optional tags, source)",
            path,
            1,
        )
    groups: dict[tuple, list] = {}
    for lineno, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise InputError(
                f"row has {len(row)} fields but the header has {len(header)}; quote text that contains commas",
                path,
                lineno,
            )
        record = dict(zip(header, row))
        key = tuple(record.get(k, "") or str(meta.get(k) or "") for k in META_KEYS)
        groups.setdefault(key, []).append((lineno, record))
    if not groups:
        raise InputError("CSV has a header but no demands; add one row per demand", path)
    positions = []
    for (party, date, round_, source), records in groups.items():
        lines = [n for n, _ in records]
        statements = tuple(
            _statement({k: r[k] for k in ("id", "text", "tags") if k in r and r[k] != ""}, i, path, n)
            for i, (n, r) in enumerate(records, 1)
        )
        check_ids(statements, path, lines)
        positions.append(
            Position(
                statements,
                party=party,
                date=parse_date(date, path, lines[0]) if date else None,
                round=round_,
                source=source,
            )
        )
    if len(positions) == 1:
        return positions[0]
    return PositionSet(tuple(positions), source=path)


_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


_SENTENCE_BREAK = re.compile(r"[A-Za-z0-9)]{2}[.!?][\"”’]?\s+[A-Z]")


def _reads_as_prose(lines: list[str]) -> bool:
    """An article or report, not a list: (almost) no list items, and half the lines are long or hold sentences."""
    body = [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith(("#", "<!--"))]
    items = sum(bool(_BULLET.match(ln)) or ln.startswith(("•", "·")) for ln in body)
    if len(body) < 3 or items >= max(2, 0.15 * len(body)):  # a stray "- News" tag is not a list
        return False
    prose = sum(len(ln.split()) >= 25 or bool(_SENTENCE_BREAK.search(ln)) for ln in body)
    return prose * 2 >= len(body)


def read_text(text: str, path: str, meta: dict) -> Loaded:
    """One demand per line or bullet; headings and blank lines are skipped."""
    lines = text.splitlines()
    start = 0
    front: dict = {}
    if lines and lines[0].strip() == "---":
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
        except StopIteration:
            raise InputError("front matter opened with '---' is never closed; add a closing '---'", path, 1) from None
        try:
            front = yaml.safe_load("\n".join(lines[1:end])) or {}
        except yaml.YAMLError as exc:
            raise InputError(f"invalid front matter: {exc}", path, 2) from None
        if not isinstance(front, dict):
            raise InputError("front matter must be 'key: value' lines (party, date, round, source)", path, 2)
        start = end + 1
    demands = _Seq()
    demands.lines = []
    for number, raw in enumerate(lines[start:], start + 1):
        line = raw.strip()
        if not line or line.startswith(("#", "<!--")):
            continue
        demands.append(_BULLET.sub("", line))
        demands.lines.append(number)
    if not demands:
        raise InputError("no demands found; write one demand per line or bullet", path)
    if _reads_as_prose(lines[start:]):
        raise InputError(
            "reads as prose (no list markers, long sentences), not one demand per line; "
            f"run `demanddiff extract {path}` first and compare its output",
            path,
        )
    data = _Map({**{k: v for k, v in meta.items() if v is not None}, **front, "demands": demands})
    return _position(data, path)


READERS: dict[str, Reader] = {
    ".yaml": read_yaml,
    ".yml": read_yaml,
    ".json": read_json,
    ".csv": read_csv,
    ".txt": read_text,
    ".md": read_text,
    ".markdown": read_text,
}


def read_source(path: str | Path) -> str:
    """A file's text, or an InputError saying why it cannot be read as text."""
    p = Path(path)
    name = str(path)
    if p.is_dir():
        raise InputError("is a directory; give a position file", name)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file; check the path", name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", name) from None
    if not raw.strip():
        raise InputError("file is empty; add demands to it", name)
    if b"\x00" in raw[:8192]:
        raise InputError("looks like a binary file; give a text file (YAML, JSON, CSV, text or Markdown)", name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", name, line) from None


def load(path: str | Path, **meta: Any) -> Loaded:
    """Load a Position or a PositionSet from a file; the extension picks the reader.

    ``meta`` (party, date, round, source) fills fields a file leaves out, such as
    the party and date of a plain-text list.
    """
    name = str(path)
    if Path(name).is_dir():
        raise InputError("is a directory; give a position file", name)
    reader = READERS.get(Path(name).suffix.lower())
    if reader is None:
        known = ", ".join(sorted(set(READERS)))
        raise InputError(f"unknown file type {Path(name).suffix or '(none)'!r}; use one of {known}", name)
    return reader(read_source(path), name, {k: v for k, v in meta.items() if v is not None})
