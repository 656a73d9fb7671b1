"""Read positions from files: one registry keyed by file extension.

YAML and JSON hold one position (``party``, ``date``, ``round``, ``source``,
``demands``) or a dataset (``positions:`` list of those). CSV holds one demand
per row (``party,date,round,id,text`` and optional ``tags``, ``source``). Plain
text and Markdown hold one demand per line or bullet, with party, date and round
in YAML front matter or given by the caller.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError
from .model import Position, PositionSet, Source, Statement, check_ids, parse_date
from .validate import CONTROLS, MAX_DEPTH, SPACES, check_depth, clean, demand_text, number, scalar, text_lines, too_deep

Loaded = Position | PositionSet
Reader = Callable[[str, str, dict], Loaded]

META_KEYS = ("party", "date", "round", "source")


class _LineLoader(yaml.SafeLoader):
    """SafeLoader that remembers the line of every mapping and list item, and stays bounded:
    no aliases (a few hundred bytes of them expand to gigabytes), no duplicate keys, at most
    MAX_DEPTH levels of nesting, no number over MAX_DIGITS digits. Its errors carry no file
    name; ``parse_yaml`` adds it."""

    first_line = 1  # the line of the file the text starts on (front matter starts on line 2)
    _depth = 0

    def line_at(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.first_line

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise InputError(
                "YAML aliases (*name) are not allowed in position files; write the value out in full",
                None,
                event.start_mark.line + self.first_line,
            )
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                raise too_deep(None, self.peek_event().start_mark.line + self.first_line)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


class _Map(dict):
    line: int | None = None
    key_lines: dict  # the line of each key, where parsed from YAML


class _Seq(list):
    lines: list[int]


def _construct_map(loader: _LineLoader, node: yaml.MappingNode) -> _Map:
    seen = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            duplicate = key in seen
        except TypeError:
            continue  # an unhashable key: construct_mapping reports it
        if duplicate:
            raise InputError(f"duplicate key {key!r}; give each key once", None, loader.line_at(key_node))
        seen[key] = loader.line_at(key_node)
    value = _Map(loader.construct_mapping(node, deep=True))
    value.line = loader.line_at(node)
    value.key_lines = seen
    return value


def _construct_seq(loader: _LineLoader, node: yaml.SequenceNode) -> _Seq:
    value = _Seq(loader.construct_sequence(node, deep=True))
    value.lines = [loader.line_at(item) for item in node.value]
    return value


_DECIMAL = re.compile(r"[-+]?(?:0|[1-9][0-9]*)")


def _construct_int(loader: _LineLoader, node: yaml.ScalarNode) -> int | str:
    """A plain decimal as a number; YAML 1.1's other integer forms (0x10, 010, 1_000, 1:30)
    as written, so an id keeps the name its author gave it."""
    text = str(node.value)
    if not _DECIMAL.fullmatch(text):
        return text
    return number(text, None, loader.line_at(node))


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """A date, or the text as written when it is no date (2025-02-30): ``parse_date`` then says so."""
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        return str(node.value)


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_map)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)
_LineLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)


_YAML_BREAKS = re.compile("[\x85\u2028\u2029]")  # YAML ends a line at these too; a demand's text has spaces


def _yaml_problem(exc: yaml.MarkedYAMLError) -> str:
    """What is wrong in a YAML text, and the fix."""
    problem = exc.problem or exc.context or "bad syntax"
    if problem == "but found another document":
        return "invalid YAML: a second document (---) starts here; put every round in one 'positions:' list"
    tag = re.match(r"could not determine a constructor for the tag '(.*)'$", problem)
    name = tag[1].replace("tag:yaml.org,2002:", "!!", 1) if tag else ""
    if name == "!!merge":
        return "YAML merge keys (<<) are not allowed in position files; write the keys out in full"
    if tag:
        return f"invalid YAML: the tag {name} is not allowed in position files; remove it"
    return f"invalid YAML: {problem}; fix the syntax"


def parse_yaml(text: str, path: str, first_line: int = 1) -> Any:
    """Plain data from YAML text, bounded (see ``_LineLoader``); every fault an InputError naming ``path``."""
    loader = None
    text = _YAML_BREAKS.sub(" ", text)  # line breaks to YAML, not to an editor: lines would be miscounted
    try:
        loader = _LineLoader(text)  # a SafeLoader: plain data only
        loader.first_line = first_line
        return loader.get_single_data()
    except InputError as exc:
        raise InputError(exc.message, path, exc.line) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        raise InputError(_yaml_problem(exc), path, mark.line + first_line if mark else None) from None
    except yaml.reader.ReaderError as exc:  # a control character: YAML allows none (CSV and text drop them)
        line = text[: exc.position].count("\n") + first_line
        what = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise InputError(f"invalid YAML: control character {what} is not allowed; remove it", path, line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML: {' '.join(str(exc).split())}", path) from None
    except RecursionError:
        raise too_deep(path) from None
    finally:
        if loader is not None:
            loader.dispose()


def _line_of(value: Any) -> int | None:
    return getattr(value, "line", None)


def _statement(item: Any, index: int, path: str, line: int | None) -> Statement:
    """A demand from a bare string (id = 1-based index) or an id/text/tags mapping."""
    tags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    ident: object
    if isinstance(item, str):
        text, ident = item, index
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
        tags = tuple(scalar(t, "a tag", path, line) for t in raw_tags)
        sources = _sources(item.get("sources") or [], path, line)
    else:
        raise InputError(
            f"a demand must be a text or a mapping with id and text, not {type(item).__name__}", path, line
        )
    text = demand_text(text, path, line)
    name = scalar(ident, "a demand's id", path, line) if ident is not None else ""
    if not name:
        raise InputError("demand id is empty; give it an id or leave the field out", path, line)
    return Statement(name, text, tags, sources)


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
        if not (isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool)
                and not isinstance(end, bool) and 0 <= start <= end):  # fmt: skip
            raise InputError("a source's start and end must be character offsets with start <= end", path, where)
        date = parse_date(item["date"], path, where) if item.get("date") is not None else None
        sentence = item.get("sentence")
        if sentence is not None and not isinstance(sentence, str):
            raise InputError(f"a source's sentence must be a text; {fix}", path, where)
        sources.append(Source(clean(sentence or "", path, where), start, end, _meta(item, "round", path, where), date))
    return tuple(sources)


def _meta(data: dict, key: str, path: str, line: int | None) -> str:
    """A position's party, round or source: one string or integer, or empty."""
    value = data.get(key)
    return "" if value is None or value == "" else scalar(value, key, path, line)


def _position(data: Any, path: str, where: str = "") -> Position:
    """Build and validate one position from a parsed mapping: every reader ends here."""
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
    date = parse_date(data["date"], path, line) if data.get("date") not in (None, "") else None
    return Position(
        statements,
        party=_meta(data, "party", path, line),
        date=date,
        round=_meta(data, "round", path, line),
        source=_meta(data, "source", path, line),
        aliases=_aliases(data.get("aliases"), path, line),
    )


def _aliases(data: Any, path: str, line: int | None) -> tuple[tuple[str, str], ...]:
    """An ``aliases:`` map (name: [other names]) as (other name, name) pairs, lower-cased."""
    if data is None:
        return ()
    if not isinstance(data, dict):
        raise InputError("'aliases' must map a name to its other names (Russia: [Russian Federation])", path, line)
    pairs = []
    for name, others in data.items():
        others = [others] if isinstance(others, str) else others
        if not isinstance(others, list) or not all(isinstance(o, str) for o in others):
            raise InputError(f"aliases of {name!r} must be a list of names", path, line)
        pairs += [(str(o).lower(), str(name).lower()) for o in [name, *others]]
    return tuple(pairs)


# The keys a position holds, and a dataset of positions: any other is a typo ("dat:", "demand:")
# that would leave a round undated or empty without a word.
POSITION_KEYS = (*META_KEYS, "demands", "aliases")
DATASET_KEYS = ("name", "description", "positions", "aliases")


def _known_keys(data: dict, known: tuple[str, ...], path: str, where: str = "") -> None:
    """An InputError naming the first key of ``data`` not in ``known``, with the closest known one."""
    from difflib import get_close_matches

    unknown = [key for key in data if key not in known]
    if unknown:
        key = str(unknown[0])
        close = get_close_matches(key, known, n=1)
        hint = f"did you mean '{close[0]}'?" if close else "remove it"
        raise InputError(
            f"{where}unknown key '{key}'; {hint} (a {'dataset' if 'positions' in known else 'position'} "
            f"holds {', '.join(known)})",
            path,
            getattr(data, "key_lines", {}).get(unknown[0]) or _line_of(data),
        )


def _from_mapping(data: Any, path: str, meta: dict) -> Loaded:
    if not isinstance(data, dict):
        raise InputError("expected a position (party, date, round, demands) or a 'positions:' list", path)
    _known_keys(data, DATASET_KEYS if "positions" in data else POSITION_KEYS, path)
    if "positions" in data:
        items = data["positions"]
        if not isinstance(items, list) or not items:
            raise InputError("'positions' must be a non-empty list of positions", path, _line_of(data))
        shared = data.get("aliases")
        for i, item in enumerate(items):
            if isinstance(item, dict):
                _known_keys(item, POSITION_KEYS, path, f"positions[{i}]: ")
        positions = tuple(_position(_with_aliases(p, shared), path, f"positions[{i}]: ") for i, p in enumerate(items))
        line = _line_of(data)
        return PositionSet(positions, _meta(data, "name", path, line), _meta(data, "description", path, line), path)
    merged = _Map({**meta, **data})
    merged.line = _line_of(data)
    return _position(merged, path)


def _with_aliases(position: Any, aliases: Any) -> Any:
    """A dataset's ``aliases:`` apply to each of its positions (a position's own come on top)."""
    if aliases is None or not isinstance(position, dict):
        return position
    own = position.get("aliases")
    merged = _Map(
        {**position, "aliases": {**aliases, **own} if isinstance(own, dict) and isinstance(aliases, dict) else aliases}
    )
    merged.line = _line_of(position)
    return merged


def read_yaml(text: str, path: str, meta: dict) -> Loaded:
    return _from_mapping(parse_yaml(text, path), path, meta)


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict:
    data: dict = {}
    for key, value in pairs:
        if key in data:
            raise InputError(f"duplicate key {key!r}; give each key once")
        data[key] = value
    return data


def read_json(text: str, path: str, meta: dict) -> Loaded:
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_int=number)
    except json.JSONDecodeError as exc:
        raise InputError(f"invalid JSON: {exc.msg} (column {exc.colno}); fix the syntax", path, exc.lineno) from None
    except InputError as exc:
        raise InputError(exc.message, path) from None
    except RecursionError:
        raise too_deep(path) from None
    check_depth(data, path)
    return _from_mapping(data, path, meta)


CSV_COLUMNS = ("party", "date", "round", "id", "text")


def read_csv(text: str, path: str, meta: dict) -> Loaded:
    rows: list[list[str]] = []
    starts: list[int] = []  # the line of the file each record starts on (a quoted cell spans lines)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)  # a quote left open is an error
    end = 0  # the last line of the record before (a blank line is a record too)
    try:
        for row in reader:
            starts.append(end + 1)
            end = reader.line_num
            rows.append(row)
    except csv.Error as exc:
        raise _csv_error(str(exc), path, end + 1, reader.line_num) from None
    header = [h.strip().lower() for h in rows[0]] if rows else []
    named: set[str] = set()
    for column in header:
        if column and column in named:
            raise InputError(f"CSV header names column {column!r} twice; give each column once", path, 1)
        named.add(column)
    missing = [c for c in ("text",) if c not in header]
    if missing:
        raise InputError(
            f"CSV header lacks column(s) {', '.join(missing)}; the header is "
            f"{','.join(CSV_COLUMNS)} (plus optional tags, source)",
            path,
            1,
        )
    groups: dict[tuple, list] = {}
    for lineno, row in zip(starts[1:], rows[1:]):
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
    for key, records in groups.items():
        demands = _Seq()
        demands.lines = [n for n, _ in records]
        for n, record in records:
            demand = _Map({k: record[k] for k in ("id", "tags") if record.get(k, "") != ""})
            demand["text"] = record["text"]
            demand.line = n
            demands.append(demand)
        data = _Map({**dict(zip(META_KEYS, key)), "demands": demands})
        data.line = demands.lines[0]
        positions.append(_position(data, path))
    if len(positions) == 1:
        return positions[0]
    return PositionSet(tuple(positions), source=path)


def _csv_error(problem: str, path: str, start: int, line: int) -> InputError:
    """A CSV syntax error, named by the row it starts on (``start``) or the line it is found on."""
    if problem.startswith(("unexpected end of data", "field larger than field limit")):
        return InputError(
            f"invalid CSV: a quoted cell on this line is never closed (or is over {csv.field_size_limit():,} "
            'characters); close its quote, and double each quote inside it ("")',
            path,
            start,
        )
    if "expected after" in problem:
        return InputError(
            'invalid CSV: text after the closing quote of a cell; double each quote inside a quoted cell ("")',
            path,
            line,
        )
    return InputError(f"invalid CSV: {problem}", path, line)


_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_RULE = re.compile(r"^([-*_])(?:\s*\1){2,}$")  # --- *** ___: a horizontal rule
_FENCE = re.compile(r"^(```|~~~)")


_SENTENCE_BREAK = re.compile(r"[A-Za-z0-9)]{2}[.!?][\"”’]?\s+[A-Z]")


def _reads_as_prose(lines: list[str]) -> bool:
    """An article or report, not a list: (almost) no list items, and half the lines are long or hold sentences."""
    body = [ln.strip() for ln in lines if ln.strip() and not ln.strip().startswith(("#", "<!--"))]
    items = sum(bool(_BULLET.match(ln)) or ln.startswith(("•", "·")) for ln in body)
    if len(body) < 3 or items >= max(2, 0.15 * len(body)):  # a stray "- News" tag is not a list
        return False
    prose = sum(len(ln.split()) >= 25 or bool(_SENTENCE_BREAK.search(ln)) for ln in body)
    return prose * 2 >= len(body)


def _list_items(lines: list[str], start: int) -> _Seq:
    """The demands of a list from line ``start`` (0-based) on, with their line numbers: one per line or
    bullet; an indented line right under a bullet goes on with it (a wrapped item); headings, rules,
    quotes, tables, fenced code, HTML comments and blank lines are skipped."""
    demands = _Seq()
    demands.lines = []
    closing = None  # what ends the fenced code or comment the line is in
    item = False  # the line before is a list item, or a line of one
    for number_, raw in enumerate(lines[start:], start + 1):
        line = raw.strip()
        if closing is not None:
            closing = None if (line.startswith(closing) if closing != "-->" else closing in line) else closing
            continue
        opening = _FENCE.match(line)
        if opening or line.startswith("<!--") and "-->" not in line[4:]:
            closing = opening.group(1) if opening else "-->"
            item = False
            continue
        if not line or line.startswith(("#", "<!--", ">", "|")) or _RULE.match(line):
            item = False
            continue
        if item and raw[:1] in (" ", "\t") and not _BULLET.match(line):
            demands[-1] += " " + line
            continue
        item = bool(_BULLET.match(line + " "))
        text = _BULLET.sub("", line + " ").strip() if item else line
        if not text:  # a bullet with nothing after it ("-", "1.") is no demand
            item = False
            continue
        demands.append(text)
        demands.lines.append(number_)
    return demands


def read_text(text: str, path: str, meta: dict) -> Loaded:
    """One demand per line or bullet; headings, rules, quotes, tables, code and blank lines are skipped.
    Only \\n, \\r\\n and \\r end a line: a form feed or U+2028 inside a demand is a space."""
    lines = text_lines(text)
    start = 0
    front: dict = {}
    if lines and lines[0].strip() == "---":
        try:
            end = next(i for i in range(1, len(lines)) if lines[i].strip() in ("---", "..."))
        except StopIteration:
            raise InputError("front matter opened with '---' is never closed; add a closing '---'", path, 1) from None
        front = parse_yaml("\n".join(lines[1:end]), path, first_line=2) or _Map()
        if not isinstance(front, dict):
            raise InputError("front matter must be 'key: value' lines (party, date, round, source)", path, 2)
        listed = next((key for key in ("demands", "positions") if key in front), None)
        if listed is None:
            _known_keys(front, (*META_KEYS, "aliases"), path, "front matter: ")
        if listed is not None:  # the lines below would replace them
            raise InputError(
                f"front matter holds '{listed}:'; list the demands below the closing '---', one per line", path, 2
            )
        start = end + 1
    demands = _list_items(lines, start)
    if not demands:
        raise InputError("no demands found; write one demand per line or bullet", path)
    if _reads_as_prose(lines[start:]):
        raise InputError(
            "reads as prose (no list markers, long sentences), not one demand per line; "
            f"run `demanddiff extract {path}` first and compare its output",
            path,
        )
    data = _Map({**{k: v for k, v in meta.items() if v is not None}, **front, "demands": demands})
    data.line = _line_of(front)
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


def read_source(path: str | Path, fill: str = "add demands to it") -> str:
    """A file's text, or an InputError saying why it cannot be read as text (``fill``: the fix for an empty one)."""
    name = str(path)
    if not name:
        raise InputError("no file name given; give the path of a file")
    if _is_dir(name):
        raise InputError("is a directory; give a position file", name)
    try:
        with open(name, "rb") as fh:
            raw = fh.read(MAX_BYTES + 1)  # bounded: /dev/zero or a runaway file never fills memory
    except FileNotFoundError:
        raise InputError("no such file; check the path", name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", name) from None
    return decode(_bounded(raw, name), name, fill)


MAX_BYTES = 256 * 1024 * 1024  # the largest input read: ten times a large corpus, a few GB of memory once parsed


def _bounded(raw: bytes, name: str) -> bytes:
    if len(raw) > MAX_BYTES:
        raise InputError(f"is larger than {MAX_BYTES:,} bytes; split it into several files", name)
    return raw


def _is_dir(name: str) -> bool:
    """Whether ``name`` is a folder; False for a name the system cannot look up (too long, a loop)."""
    try:
        return os.path.isdir(name)
    except (OSError, ValueError):
        return False


def read_stdin(stream: Any = None) -> str:
    """Standard input's text; an InputError when it is closed, a terminal (nothing piped) or empty."""
    stream = sys.stdin if stream is None else stream
    if stream is None or getattr(stream, "closed", False):
        raise InputError("standard input is closed; pipe a position file in, or give its path instead of '-'", STDIN)
    try:
        terminal = stream.isatty()
    except (AttributeError, ValueError):
        terminal = False
    if terminal:
        raise InputError(
            "standard input is a terminal; pipe a position file in (... - < FILE), or give its path instead of '-'",
            STDIN,
        )
    raw = _bounded(getattr(stream, "buffer", stream).read(MAX_BYTES + 1), STDIN)
    if not raw.strip():
        raise InputError("standard input is empty; pipe a position file in", STDIN)
    return decode(raw if isinstance(raw, bytes) else raw.encode("utf-8", "surrogateescape"), STDIN)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip


def decode(raw: bytes, name: str, fill: str = "add demands to it") -> str:
    """Bytes read from ``name`` (a file, or standard input) as text, or an InputError saying why not.

    UTF-8 (with or without a byte-order mark), or UTF-16 / UTF-32 with its byte-order mark (as Windows
    tools save it) or without one (``_without_bom``); a NUL byte anywhere else is refused, with its line."""
    encoding = next((enc for bom, enc in _BOMS if raw.startswith(bom)), None)
    if encoding is not None:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as exc:
            raise InputError(
                f"not valid {encoding.upper()} text (byte {exc.start}); save the file as UTF-8", name
            ) from None
        return _checked_text(text, name, fill)
    if not raw.strip():
        raise InputError(f"file is empty; {fill}", name)
    nul = raw.find(b"\x00")
    if 0 <= nul < 8192:
        wide = _without_bom(raw)
        if wide is not None:
            return _checked_text(wide, name, fill)
        raise InputError(
            "looks like a binary file; give a text file (YAML, JSON, CSV, text or Markdown) saved as UTF-8", name
        )
    if nul >= 0:
        raise InputError(
            "holds a NUL byte; remove it (or save the file as UTF-8 text)", name, raw[:nul].count(b"\n") + 1
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not UTF-8 text (byte {exc.start}); save the file as UTF-8", name, line) from None
    return _checked_text(text, name, fill)


def _without_bom(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 text saved without a byte-order mark, decoded (its NUL bytes fall at every other
    byte, or at three in four); None for bytes that do not decode to text as such."""
    head = raw[:8192]
    odd, even = head[1::2].count(0), head[0::2].count(0)
    encodings: tuple[str, ...]
    if odd and even:
        encodings = ("utf-32-le", "utf-32-be")
    elif 4 * (odd + even) >= len(head) // 2:  # UTF-16: a NUL in every other byte of its ASCII letters
        encodings = ("utf-16-le",) if odd else ("utf-16-be",)
    else:  # a stray NUL or two: not UTF-16
        return None
    for encoding in encodings:
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if not CONTROLS.search(SPACES.sub(" ", text)):  # a NUL or another control character: bytes, not text
            return text
    return None


def _checked_text(text: str, name: str, fill: str) -> str:
    if not text.lstrip("\ufeff").strip():
        raise InputError(f"file is empty; {fill}", name)
    nul = text.find("\x00")
    if nul >= 0:
        raise InputError(
            "holds a NUL character; remove it (or save the file as UTF-8 text)", name, text[:nul].count("\n") + 1
        )
    return text.lstrip("\ufeff")


# Readers by format name, for input whose name says nothing (standard input, /dev/fd/N).
INPUT_FORMATS: dict[str, Reader] = {"yaml": read_yaml, "json": read_json, "csv": read_csv, "markdown": read_text}
STDIN = "<stdin>"  # how errors name standard input


def sniff(text: str) -> str:
    """The format of a position file's text: ``yaml``, ``json``, ``csv`` or ``markdown``.

    JSON opens with ``{`` or ``[`` and parses; CSV has a header line naming a ``text`` column;
    front matter (``---`` ... ``---``) followed by lines is Markdown; a YAML mapping of
    ``demands`` or ``positions`` is YAML; anything else is a Markdown (or plain) list.
    """
    body = text.lstrip("\ufeff \t\r\n")
    if body[:1] in ("{", "["):
        try:
            json.loads(body)
            return "json"
        except json.JSONDecodeError:
            pass
        except (RecursionError, ValueError):  # JSON too deep, or a number too long: the reader refuses it
            return "json"
    lines = text_lines(body)
    if not lines:
        return "markdown"
    try:
        header = next(csv.reader([lines[0]]))
    except csv.Error:
        header = []
    if len(header) > 1 and "text" in (h.strip().lower() for h in header):
        return "csv"
    if lines[0].strip() == "---":
        closing = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
        if closing is not None and any(line.strip() for line in lines[closing + 1 :]):
            return "markdown"
    try:
        data = yaml.safe_load(body)
    except (yaml.YAMLError, ValueError, RecursionError):  # bad syntax, 2025-02-30, a long number, too deep
        return "yaml" if re.match(r"^\s*(---|[\w-]+\s*:)", body) else "markdown"
    if isinstance(data, dict) and ("demands" in data or "positions" in data):
        return "yaml"
    return "markdown"


def loads(text: str, name: str = STDIN, fmt: str | None = None, **meta: Any) -> Loaded:
    """A Position or PositionSet from text, in format ``fmt`` (``INPUT_FORMATS``) or the sniffed one."""
    reader = INPUT_FORMATS.get(fmt or sniff(text))
    if reader is None:
        raise InputError(f"unknown input format {fmt!r}; use one of {', '.join(INPUT_FORMATS)}", name)
    return reader(text, name, {k: v for k, v in meta.items() if v is not None})


def load(path: str | Path, fmt: str | None = None, **meta: Any) -> Loaded:
    """Load a Position or a PositionSet from a file; the extension picks the reader.

    ``fmt`` (``INPUT_FORMATS``) overrides the extension; a file whose name has no known
    extension (``/dev/stdin``, a pipe) is sniffed. ``meta`` (party, date, round, source)
    fills fields a file leaves out, such as the party and date of a plain-text list.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"load() takes a file path (str or Path), not {type(path).__name__}")
    name = str(path)
    if not name:
        raise InputError("no file name given; give the path of a position file")
    if _is_dir(name):
        raise InputError("is a directory; give a position file", name)
    if fmt is not None and fmt not in INPUT_FORMATS:
        raise InputError(f"unknown input format {fmt!r}; use one of {', '.join(INPUT_FORMATS)}", name)
    reader = READERS.get(Path(name).suffix.lower())
    if reader is None and fmt is None and Path(name).suffix.lower() in (".html", ".htm", ".xhtml"):
        raise InputError(f"is a web page; run `demanddiff extract {name}` first and compare its output", name)
    if reader is None and fmt is None and Path(name).suffix:
        known = ", ".join(sorted(set(READERS)))
        raise InputError(f"unknown file type {Path(name).suffix!r}; use one of {known} (or give --input-format)", name)
    if fmt is not None or reader is None:
        return loads(read_source(path), name, fmt, **meta)
    return reader(read_source(path), name, {k: v for k, v in meta.items() if v is not None})
